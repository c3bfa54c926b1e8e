/* SPDX-License-Identifier: MIT */
#include "boot/alloc.h"

#include "boot/console.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define ALLOC_OWNERS 32                   /* more than boot/ has files */
#define ALLOC_MAGIC 0x544f4f42444c4c41ull  /* a pool block of ours */

/* In front of every pool block: 16 bytes keep the firmware's 8-byte alignment. */
struct alloc_head {
	UINT64 magic;
	const char *owner;
};
_Static_assert(sizeof(struct alloc_head) == 16, "pool header keeps 8-byte alignment");

struct alloc_owner {
	const char *name;
	INT32 pool;                /* live pool blocks */
	INT32 pages;               /* live page ranges (allocations, not pages) */
};

/* The subsystem's one context: owners kept sorted by name for the report. */
static struct {
	struct alloc_owner o[ALLOC_OWNERS];
	UINT32 n;
} alloc;

/* strcmp's order: up to and including the shorter name's NUL. */
static int alloc_name_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return memcmp(a, b, (la < lb ? la : lb) + 1);
}

/* The owner's counters, added in name order on first use; the last slot takes any overflow. */
static struct alloc_owner *alloc_owner_find(const char *name)
{
	UINT32 i = 0;
	int c = 1;

	while (i < alloc.n && (c = alloc_name_cmp(alloc.o[i].name, name)) < 0)
		i++;
	if (i < alloc.n && c == 0)
		return &alloc.o[i];
	if (alloc.n == ALLOC_OWNERS)
		return &alloc.o[ALLOC_OWNERS - 1];
	memmove(&alloc.o[i + 1], &alloc.o[i], (alloc.n - i) * sizeof(alloc.o[0]));
	memset(&alloc.o[i], 0, sizeof(alloc.o[i]));
	alloc.o[i].name = name;
	alloc.n++;
	return &alloc.o[i];
}

void *alloc_pool(EFI_SYSTEM_TABLE *st, UINTN n, const char *owner)
{
	struct alloc_head *h = NULL;

	if (st->BootServices->AllocatePool(EfiLoaderData, sizeof(*h) + n, (VOID **)&h) !=
	    EFI_SUCCESS)
		return NULL;
	h->magic = ALLOC_MAGIC;
	h->owner = owner;
	memset(h + 1, 0, n);
	alloc_owner_find(owner)->pool++;
	return h + 1;
}

void alloc_pool_free(EFI_BOOT_SERVICES *bs, void *p)
{
	struct alloc_head *h = (struct alloc_head *)p - 1;

	if (!p)
		return;
	if (h->magic != ALLOC_MAGIC) {
		/* A firmware buffer freed as ours: a bug; free it as the firmware's. */
		con_log(CON_ERROR, "alloc: %p was not allocated by efi_alloc_zero\n", p);
		bs->FreePool(p);
		return;
	}
	h->magic = 0;
	alloc_owner_find(h->owner)->pool--;
	bs->FreePool(h);
}

EFI_STATUS alloc_pages(EFI_SYSTEM_TABLE *st, EFI_ALLOCATE_TYPE how, EFI_MEMORY_TYPE type,
		       UINTN pages, EFI_PHYSICAL_ADDRESS *pa, const char *owner)
{
	EFI_STATUS s = st->BootServices->AllocatePages(how, type, pages, pa);

	if (s == EFI_SUCCESS)
		alloc_owner_find(owner)->pages++;
	return s;
}

EFI_STATUS alloc_pages_free(EFI_SYSTEM_TABLE *st, EFI_PHYSICAL_ADDRESS pa, UINTN pages,
			    const char *owner)
{
	EFI_STATUS s = st->BootServices->FreePages(pa, pages);

	if (s == EFI_SUCCESS)
		alloc_owner_find(owner)->pages--;
	return s;
}

void alloc_report(const char *when)
{
	char line[512] = "";

	for (UINT32 i = 0; i < alloc.n; i++) {
		const struct alloc_owner *o = &alloc.o[i];

		if (!o->pool && !o->pages)
			continue;
		fmt_append(line, sizeof(line), "%s %s", line[0] ? "," : "", o->name);
		if (o->pool)
			fmt_append(line, sizeof(line), " pool %d", (int)o->pool);
		if (o->pages)
			fmt_append(line, sizeof(line), " pages %d", (int)o->pages);
	}
	con_printf("alloc: live at %s:%s\n", when, line[0] ? line : " nothing");
}
