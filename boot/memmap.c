/* SPDX-License-Identifier: MIT */
#include "boot/memmap.h"

#include "boot/console.h"
#include "boot/efi_util.h"
#include "lib/fmt.h"

tb_status boot_memmap_read(EFI_SYSTEM_TABLE *st, struct boot_memmap *mm,
			   struct tb_err *err)
{
	UINTN size = 0, desc_size = 0;
	UINT32 desc_ver = 0;
	EFI_STATUS s;
	void *buf = NULL;

	/*
	 * The first call sizes the buffer; allocating it may split a free
	 * range and add descriptors, hence the slack and the retry loop.
	 */
	for (int tries = 0; tries < 4; tries++) {
		s = st->BootServices->GetMemoryMap(&size, buf, &mm->key,
						   &desc_size, &desc_ver);
		if (s == EFI_SUCCESS)
			break;
		efi_free(st, buf);
		buf = NULL;
		if (s != EFI_BUFFER_TOO_SMALL) {
			tb_err_set(err, "GetMemoryMap failed: %s", efi_status_name(s));
			return TB_EIO;
		}
		size += 8 * desc_size;
		buf = efi_alloc_zero(st, size);
		if (!buf) {
			tb_err_set(err, "cannot allocate %llu bytes for the memory map",
				   (unsigned long long)size);
			return TB_ENOMEM;
		}
	}
	if (s != EFI_SUCCESS) {
		efi_free(st, buf);
		tb_err_set(err, "GetMemoryMap kept changing size; giving up");
		return TB_EIO;
	}
	tb_status ts = memmap_parse(buf, size, desc_size, mm->desc,
				    BOOT_MEMMAP_CAP, &mm->n, err);
	efi_free(st, buf);
	return ts;
}

void boot_memmap_report(const struct boot_memmap *mm)
{
	struct memmap_summary s;
	char sz[32];

	memmap_summarize(mm->desc, mm->n, &s);
	con_printf("memory map: %u descriptors\n", s.n_desc);
	for (unsigned t = 0; t <= MEMMAP_TYPE_COUNT; t++) {
		if (!s.count[t])
			continue;
		con_printf("  %-14s %5u entries %12s\n",
			   t < MEMMAP_TYPE_COUNT ? memmap_type_name(t) : "Other",
			   s.count[t], fmt_size(sz, sizeof(sz), s.bytes[t]));
	}
	con_printf("  RAM: %s usable by the OS, top of RAM 0x%llx\n",
		   fmt_size(sz, sizeof(sz), s.os_ram_bytes),
		   (unsigned long long)s.top_of_ram);
	if (s.soft_reserved_bytes)
		con_printf("  soft reserved (EFI_MEMORY_SP): %s\n",
			   fmt_size(sz, sizeof(sz), s.soft_reserved_bytes));
}
