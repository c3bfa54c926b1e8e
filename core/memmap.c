/* SPDX-License-Identifier: MIT */
#include "core/memmap.h"

#include "core/plan.h"
#include "lib/mem.h"

/* Offsets inside EFI_MEMORY_DESCRIPTOR (UEFI 2.10 §7.2.3). */
#define DESC_OFF_TYPE   0
#define DESC_OFF_PHYS   8
#define DESC_OFF_PAGES  24
#define DESC_OFF_ATTR   32

static uint64_t load_u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t load_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static tb_status desc_check(const struct memmap_desc *d, size_t i,
			    struct tb_err *err)
{
	if (d->base & (MEMMAP_PAGE_SIZE - 1)) {
		tb_err_set(err, "memory map descriptor %zu: base 0x%llx is not page aligned",
			   i, (unsigned long long)d->base);
		return TB_EINVAL;
	}
	/* pages * 4096 must fit, and base + size must not wrap. */
	if (d->pages > (UINT64_MAX >> 12) ||
	    d->base > UINT64_MAX - (d->pages << 12)) {
		tb_err_set(err, "memory map descriptor %zu: [0x%llx + %llu pages] wraps past the top of the address space",
			   i, (unsigned long long)d->base,
			   (unsigned long long)d->pages);
		return TB_EINVAL;
	}
	return TB_OK;
}

tb_status memmap_parse(const void *buf, size_t map_size, size_t desc_size,
		       struct memmap_desc *out, size_t cap, size_t *n_out,
		       struct tb_err *err)
{
	const uint8_t *p = buf;
	size_t n;

	*n_out = 0;
	if (desc_size < MEMMAP_DESC_MIN_SIZE || desc_size % 8) {
		tb_err_set(err, "memory map: descriptor size %zu is invalid (need a multiple of 8, at least %u)",
			   desc_size, MEMMAP_DESC_MIN_SIZE);
		return TB_EINVAL;
	}
	if (map_size % desc_size) {
		tb_err_set(err, "memory map: size %zu is not a multiple of the descriptor size %zu",
			   map_size, desc_size);
		return TB_EINVAL;
	}
	n = map_size / desc_size;
	if (n > cap) {
		tb_err_set(err, "memory map: %zu descriptors, more than the %zu tdxboot can hold",
			   n, cap);
		return TB_ENOMEM;
	}
	for (size_t i = 0; i < n; i++, p += desc_size) {
		struct memmap_desc *d = &out[i];

		d->type = load_u32(p + DESC_OFF_TYPE);
		d->base = load_u64(p + DESC_OFF_PHYS);
		d->pages = load_u64(p + DESC_OFF_PAGES);
		d->attr = load_u64(p + DESC_OFF_ATTR);
		tb_status st = desc_check(d, i, err);
		if (st != TB_OK)
			return st;
	}
	*n_out = n;
	return TB_OK;
}

const char *memmap_type_name(uint32_t type)
{
	static const char *const names[MEMMAP_TYPE_COUNT] = {
		"Reserved", "Loader Code", "Loader Data", "Boot Code",
		"Boot Data", "Runtime Code", "Runtime Data", "Conventional",
		"Unusable", "ACPI Reclaim", "ACPI Mem NVS", "MMIO",
		"MMIO Port", "PAL Code", "Persistent", "Unaccepted",
	};

	return type < MEMMAP_TYPE_COUNT ? names[type] : "Other";
}

bool memmap_is_os_ram(uint32_t type, uint64_t attr)
{
	if (attr & MEMMAP_ATTR_SP)
		return false;
	switch (type) {
	case MEMMAP_LOADER_CODE:
	case MEMMAP_LOADER_DATA:
	case MEMMAP_BOOT_CODE:
	case MEMMAP_BOOT_DATA:
	case MEMMAP_CONVENTIONAL:
	case MEMMAP_UNACCEPTED:
		return true;
	default:
		return false;
	}
}

static bool type_is_ram_kind(uint32_t type)
{
	return memmap_is_os_ram(type, 0);
}

void memmap_summarize(const struct memmap_desc *d, size_t n,
		      struct memmap_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->n_desc = (uint32_t)n;
	for (size_t i = 0; i < n; i++) {
		uint32_t slot = d[i].type < MEMMAP_TYPE_COUNT ? d[i].type
							      : MEMMAP_TYPE_COUNT;
		uint64_t bytes = d[i].pages * MEMMAP_PAGE_SIZE;

		s->bytes[slot] += bytes;
		s->count[slot]++;
		if (memmap_is_os_ram(d[i].type, d[i].attr)) {
			s->os_ram_bytes += bytes;
			if (d[i].base + bytes > s->top_of_ram)
				s->top_of_ram = d[i].base + bytes;
		} else if (type_is_ram_kind(d[i].type)) {
			s->soft_reserved_bytes += bytes;
		}
	}
}

static uint32_t memmap_plan_kind(const struct memmap_desc *d)
{
	if (memmap_is_os_ram(d->type, d->attr))
		return d->type == MEMMAP_CONVENTIONAL ? PLAN_MEM_FREE : PLAN_MEM_RAM_BUSY;
	if (type_is_ram_kind(d->type))
		return PLAN_MEM_SOFT_RESERVED;
	return PLAN_MEM_OTHER;
}

tb_status memmap_to_plan(const struct memmap_desc *d, size_t n, struct plan_mem *out,
			 size_t cap, size_t *n_out, struct tb_err *err)
{
	*n_out = 0;
	if (n > cap) {
		tb_err_set(err, "memory map: %zu descriptors, more than the planner takes (%zu)",
			   n, cap);
		return TB_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = (struct plan_mem){ d[i].base, d[i].pages * MEMMAP_PAGE_SIZE,
					    memmap_plan_kind(&d[i]), (uint32_t)i };
	*n_out = n;
	return TB_OK;
}
