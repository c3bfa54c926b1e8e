/* SPDX-License-Identifier: MIT */
/*
 * Physical memory seen by the emulated SEAM software: the identity accessor
 * (EFI), a sparse window map (host tests) and the checked access helpers the
 * leaves use.
 */
#include "emu/internal.h"

#include "lib/mem.h"

static int identity_read(void *ctx, uint64_t pa, void *dst, size_t n)
{
	memcpy(dst, (const void *)(uintptr_t)pa, n);
	return 0;
}

static int identity_write(void *ctx, uint64_t pa, const void *src, size_t n)
{
	memcpy((void *)(uintptr_t)pa, src, n);
	return 0;
}

struct emu_mem_ops emu_mem_identity(void)
{
	struct emu_mem_ops ops = { identity_read, identity_write, NULL };
	return ops;
}

void emu_memmap_init(struct emu_memmap *m)
{
	memset(m, 0, sizeof(*m));
}

int emu_memmap_add(struct emu_memmap *m, uint64_t base, uint64_t size, void *buf)
{
	if (m->count == EMU_MAX_MEMWINS || size == 0 || base + size < base)
		return -1;
	for (uint32_t i = 0; i < m->count; i++) {
		const struct emu_memwin *w = &m->win[i];
		if (base < w->base + w->size && w->base < base + size)
			return -1;
	}
	m->win[m->count].base = base;
	m->win[m->count].size = size;
	m->win[m->count].buf = buf;
	m->count++;
	return 0;
}

void *emu_memmap_ptr(struct emu_memmap *m, uint64_t pa, uint64_t n)
{
	for (uint32_t i = 0; i < m->count; i++) {
		struct emu_memwin *w = &m->win[i];
		if (pa >= w->base && n <= w->size && pa - w->base <= w->size - n)
			return w->buf + (pa - w->base);
	}
	return NULL;
}

static int memmap_read(void *ctx, uint64_t pa, void *dst, size_t n)
{
	void *p = emu_memmap_ptr(ctx, pa, n);

	if (!p)
		return -1;
	memcpy(dst, p, n);
	return 0;
}

static int memmap_write(void *ctx, uint64_t pa, const void *src, size_t n)
{
	void *p = emu_memmap_ptr(ctx, pa, n);

	if (!p)
		return -1;
	memcpy(p, src, n);
	return 0;
}

struct emu_mem_ops emu_memmap_ops(struct emu_memmap *m)
{
	struct emu_mem_ops ops = { memmap_read, memmap_write, m };
	return ops;
}

int emu_call_read(struct emu_call *c, uint64_t pa, void *dst, size_t n)
{
	if (c->e->mem.read(c->e->mem.ctx, pa, dst, n) == 0)
		return 0;
	c->badmem = true;
	emu_diag_set(c->e, "emulator: read of %zu bytes at PA 0x%llx is not backed by the memory accessor",
		     n, (unsigned long long)pa);
	return -1;
}

int emu_call_write(struct emu_call *c, uint64_t pa, const void *src, size_t n)
{
	if (c->e->mem.write(c->e->mem.ctx, pa, src, n) == 0)
		return 0;
	c->badmem = true;
	emu_diag_set(c->e, "emulator: write of %zu bytes at PA 0x%llx is not backed by the memory accessor",
		     n, (unsigned long long)pa);
	return -1;
}
