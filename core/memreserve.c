/* SPDX-License-Identifier: MIT */
#include "core/memreserve.h"

#include "lib/mem.h"

static struct memreserve_node *memreserve_next(const struct memreserve_node *n)
{
	return (struct memreserve_node *)(uintptr_t)n->next;
}

void memreserve_node_init(struct memreserve_node *n)
{
	memset(n, 0, MEMRESERVE_NODE_BYTES);
	n->size = (int32_t)MEMRESERVE_NODE_SLOTS;
}

uint64_t memreserve_node_usable(const struct memreserve_node *n)
{
	uint64_t in_page = (uintptr_t)n % MEMRESERVE_NODE_BYTES;
	uint64_t room = (MEMRESERVE_NODE_BYTES - in_page - sizeof(*n)) / sizeof(n->entry[0]);

	if (in_page + sizeof(*n) > MEMRESERVE_NODE_BYTES || n->size <= 0)
		return 0;
	return (uint64_t)n->size < room ? (uint64_t)n->size : room;
}

/* The used slots Linux reads: count, but never past what it can see. */
static uint64_t memreserve_node_used(const struct memreserve_node *n)
{
	uint64_t usable = memreserve_node_usable(n);

	if (n->count <= 0)
		return 0;
	return (uint64_t)n->count < usable ? (uint64_t)n->count : usable;
}

static int memreserve_listed(const struct memreserve_node *root, uint64_t base, uint64_t size)
{
	const struct memreserve_node *n = root;

	for (unsigned hops = 0; n && hops < MEMRESERVE_MAX_NODES; hops++, n = memreserve_next(n))
		for (uint64_t i = 0; i < memreserve_node_used(n); i++)
			if (n->entry[i].base == base && n->entry[i].size == size)
				return 1;
	return 0;
}

static int memreserve_node_put(struct memreserve_node *n, uint64_t base, uint64_t size)
{
	if (n->count < 0 || (uint64_t)n->count >= memreserve_node_usable(n))
		return 0;
	n->entry[n->count].base = base;
	n->entry[n->count].size = size;
	n->count++;
	return 1;
}

enum memreserve_result memreserve_list_add(struct memreserve_node *root, uint64_t base,
					   uint64_t size)
{
	struct memreserve_node *n = root;

	if (memreserve_listed(root, base, size))
		return MEMRESERVE_PRESENT;
	for (unsigned hops = 0; n && hops < MEMRESERVE_MAX_NODES; hops++, n = memreserve_next(n))
		if (memreserve_node_put(n, base, size))
			return MEMRESERVE_ADDED;
	return MEMRESERVE_FULL;
}

void memreserve_list_link(struct memreserve_node *root, struct memreserve_node *fresh,
			  uint64_t base, uint64_t size)
{
	memreserve_node_put(fresh, base, size);
	fresh->next = root->next;
	root->next = (uint64_t)(uintptr_t)fresh;
}

uint64_t memreserve_list_count(const struct memreserve_node *root)
{
	const struct memreserve_node *n = root;
	uint64_t total = 0;

	for (unsigned hops = 0; n && hops < MEMRESERVE_MAX_NODES; hops++, n = memreserve_next(n))
		total += memreserve_node_used(n);
	return total;
}
