/* SPDX-License-Identifier: MIT */
#include "boot/tdx_ops.h"

#include "boot/console.h"
#include "boot/efi_util.h"
#include "lib/mem.h"

#define PAGES(bytes) (((bytes) + 4095) / 4096)

static tb_status ops_reserve(void *p, uint64_t base, uint64_t size, struct tb_err *err)
{
	struct tdx_ops_ctx *c = p;
	EFI_PHYSICAL_ADDRESS addr = base;
	EFI_STATUS s = efi_alloc_pages(c->st, AllocateAddress, EfiReservedMemoryType,
							   PAGES(size), &addr);

	if (s != EFI_SUCCESS) {
		tb_err_set(err, "AllocatePages at 0x%llx for %llu pages: %s%s",
			   (unsigned long long)base, (unsigned long long)PAGES(size),
			   efi_status_name(s),
			   s == EFI_NOT_FOUND ? " (the firmware allocated that memory after the plan was made)" : "");
		return TB_EIO;
	}
	return TB_OK;
}

static void ops_unreserve(void *p, uint64_t base, uint64_t size)
{
	struct tdx_ops_ctx *c = p;
	EFI_STATUS s = efi_free_pages(c->st, base, PAGES(size));

	if (s != EFI_SUCCESS)
		con_log(CON_ERROR, "FreePages(0x%llx, %llu pages): %s; that memory stays reserved\n",
			(unsigned long long)base, (unsigned long long)PAGES(size), efi_status_name(s));
}

/* Scratch for the module: below 4 GiB is not required (it takes any PA
 * below MAX_PA), but keeps it away from the PAMTs planned high. */
static tb_status ops_alloc(void *p, uint64_t size, uint64_t *pa, struct tb_err *err)
{
	struct tdx_ops_ctx *c = p;
	EFI_PHYSICAL_ADDRESS addr = 0xffffffff;
	EFI_STATUS s = efi_alloc_pages(c->st, AllocateMaxAddress, EfiBootServicesData,
							   PAGES(size), &addr);

	if (s != EFI_SUCCESS) {
		tb_err_set(err, "AllocatePages for %llu pages of scratch: %s",
			   (unsigned long long)PAGES(size), efi_status_name(s));
		return TB_ENOMEM;
	}
	*pa = addr;
	return TB_OK;
}

static void ops_free(void *p, uint64_t pa, uint64_t size)
{
	struct tdx_ops_ctx *c = p;

	efi_free_pages(c->st, pa, PAGES(size));
}

/* The firmware identity-maps memory (UEFI 2.10 §2.3.4). */
static void *ops_ptr(void *p, uint64_t pa, uint64_t size)
{
	return (void *)(uintptr_t)pa;
}

static tb_status ops_memory_map(void *p, const struct plan_mem **mem, size_t *n,
				struct tb_err *err)
{
	struct tdx_ops_ctx *c = p;
	tb_status st = boot_memmap_read(c->st, c->memmap, err);

	if (st != TB_OK)
		return st;
	st = memmap_to_plan(c->memmap->desc, c->memmap->n, c->mem, TDX_OPS_PLAN_MEM_CAP, n, err);
	*mem = c->mem;
	return st;
}

static uint64_t ops_now_us(void *p)
{
	return timer_us_since_start(((struct tdx_ops_ctx *)p)->timer);
}

static void ops_log(void *p, enum init_log_level level, const char *msg)
{
	static const enum con_level map[] = {
		[INIT_LOG_ERROR] = CON_ERROR, [INIT_LOG_WARN] = CON_WARN,
		[INIT_LOG_INFO] = CON_INFO, [INIT_LOG_DEBUG] = CON_DEBUG,
	};

	con_log(map[level], "tdx: %s\n", msg);
}

void tdx_ops_init(struct init_platform_ops *ops, struct tdx_ops_ctx *ctx)
{
	*ops = (struct init_platform_ops){
		.reserve = ops_reserve, .unreserve = ops_unreserve,
		.alloc = ops_alloc, .free = ops_free, .ptr = ops_ptr,
		.memory_map = ops_memory_map, .now_us = ops_now_us, .log = ops_log,
		.ctx = ctx,
	};
}
