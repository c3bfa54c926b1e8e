/* SPDX-License-Identifier: MIT */
/*
 * core/memreserve: the LINUX_EFI_MEMRESERVE_TABLE list that tdxboot creates
 * or extends.  Nodes are page-aligned host memory; their addresses stand in
 * for physical addresses as they do under UEFI's identity map.
 */
#include <stdlib.h>

#include "core/memreserve.h"
#include "tests/unit/test.h"

#define PAGE MEMRESERVE_NODE_BYTES

static struct memreserve_node *node_new(void)
{
	struct memreserve_node *n = aligned_alloc(PAGE, PAGE);

	REQUIRE(n);
	memreserve_node_init(n);
	return n;
}

static void list_free(struct memreserve_node *root)
{
	while (root) {
		struct memreserve_node *next = (struct memreserve_node *)(uintptr_t)root->next;

		free(root);
		root = next;
	}
}

TEST(memreserve_fresh_node_has_255_slots)
{
	struct memreserve_node *n = node_new();

	CHECK_U64_EQ(n->size, 255);
	CHECK_U64_EQ(n->count, 0);
	CHECK_U64_EQ(n->next, 0);
	CHECK_U64_EQ(memreserve_node_usable(n), 255);
	list_free(n);
}

TEST(memreserve_add_fills_slots_in_order)
{
	struct memreserve_node *n = node_new();

	CHECK(memreserve_list_add(n, 0x1000000, 0x800000) == MEMRESERVE_ADDED);
	CHECK(memreserve_list_add(n, 0x2000000, 0x4000) == MEMRESERVE_ADDED);
	CHECK_U64_EQ(n->count, 2);
	CHECK_U64_EQ(n->entry[0].base, 0x1000000);
	CHECK_U64_EQ(n->entry[0].size, 0x800000);
	CHECK_U64_EQ(n->entry[1].base, 0x2000000);
	CHECK_U64_EQ(memreserve_list_count(n), 2);
	list_free(n);
}

TEST(memreserve_same_range_twice_is_listed_once)
{
	struct memreserve_node *n = node_new();

	CHECK(memreserve_list_add(n, 0x1000000, 0x1000) == MEMRESERVE_ADDED);
	CHECK(memreserve_list_add(n, 0x1000000, 0x1000) == MEMRESERVE_PRESENT);
	/* Same base, other size: a different range. */
	CHECK(memreserve_list_add(n, 0x1000000, 0x2000) == MEMRESERVE_ADDED);
	CHECK_U64_EQ(memreserve_list_count(n), 2);
	list_free(n);
}

/* 300 ranges: the root's 255 slots, then a node linked after the root. */
TEST(memreserve_full_root_links_a_second_node)
{
	struct memreserve_node *root = node_new();
	unsigned linked = 0;

	for (uint64_t i = 0; i < 300; i++) {
		uint64_t base = 0x100000000ull + i * 0x1000;

		if (memreserve_list_add(root, base, 0x1000) == MEMRESERVE_FULL) {
			memreserve_list_link(root, node_new(), base, 0x1000);
			linked++;
		}
	}
	CHECK_U64_EQ(linked, 1);
	CHECK_U64_EQ(root->count, 255);
	REQUIRE(root->next);
	struct memreserve_node *second = (struct memreserve_node *)(uintptr_t)root->next;
	CHECK_U64_EQ(second->count, 45);
	CHECK_U64_EQ(second->entry[0].base, 0x100000000ull + 255 * 0x1000);
	CHECK_U64_EQ(memreserve_list_count(root), 300);
	list_free(root);
}

/* A node linked after a full root keeps the rest of the list behind it. */
TEST(memreserve_link_keeps_the_existing_chain)
{
	struct memreserve_node *root = node_new(), *old = node_new(), *fresh = node_new();

	root->next = (uintptr_t)old;
	root->count = root->size;      /* full */
	old->count = old->size;        /* full */
	CHECK(memreserve_list_add(root, 0x5000, 0x1000) == MEMRESERVE_FULL);
	memreserve_list_link(root, fresh, 0x5000, 0x1000);
	CHECK_U64_EQ(root->next, (uintptr_t)fresh);
	CHECK_U64_EQ(fresh->next, (uintptr_t)old);
	CHECK_U64_EQ(fresh->count, 1);
	list_free(root);
}

/*
 * Someone else's table: a root in the middle of a page that claims more
 * slots than fit before the page ends.  Linux maps only that page, so only
 * the slots inside it may be used.
 */
TEST(memreserve_foreign_node_slots_end_at_its_page)
{
	unsigned char *page = aligned_alloc(PAGE, PAGE);

	REQUIRE(page);
	memset(page, 0, PAGE);
	struct memreserve_node *n = (struct memreserve_node *)(page + PAGE - 16 - 3 * 16);
	n->size = 10;
	n->count = 1;
	n->entry[0].base = 0x7000;
	n->entry[0].size = 0x1000;
	CHECK_U64_EQ(memreserve_node_usable(n), 3);
	CHECK(memreserve_list_add(n, 0x8000, 0x1000) == MEMRESERVE_ADDED);
	CHECK(memreserve_list_add(n, 0x9000, 0x1000) == MEMRESERVE_ADDED);
	CHECK(memreserve_list_add(n, 0xa000, 0x1000) == MEMRESERVE_FULL);
	CHECK_U64_EQ(n->count, 3);
	CHECK_U64_EQ(memreserve_list_count(n), 3);
	free(page);
}

/* Linux's own empty root (size 0, as its stub installs it) takes nothing. */
TEST(memreserve_zero_size_root_is_full)
{
	struct memreserve_node *n = node_new();

	n->size = 0;
	CHECK_U64_EQ(memreserve_node_usable(n), 0);
	CHECK(memreserve_list_add(n, 0x1000, 0x1000) == MEMRESERVE_FULL);
	list_free(n);
}

/* Corrupt counts are not trusted: negative means empty, too big means full. */
TEST(memreserve_corrupt_counts)
{
	struct memreserve_node *n = node_new();

	n->count = -5;
	CHECK_U64_EQ(memreserve_list_count(n), 0);
	CHECK(memreserve_list_add(n, 0x1000, 0x1000) == MEMRESERVE_FULL);
	n->count = 1000;
	CHECK_U64_EQ(memreserve_list_count(n), 255);
	CHECK(memreserve_list_add(n, 0x1000, 0x1000) == MEMRESERVE_FULL);
	list_free(n);
}

/* A cycle must not hang the boot: the walk gives up after a bounded number of nodes. */
TEST(memreserve_cycle_terminates)
{
	struct memreserve_node *a = node_new(), *b = node_new();

	a->next = (uintptr_t)b;
	b->next = (uintptr_t)a;
	a->count = a->size;
	b->count = b->size;
	CHECK(memreserve_list_add(a, 0x1000, 0x1000) == MEMRESERVE_FULL);
	CHECK(memreserve_list_count(a) > 0);
	free(a);
	free(b);
}
