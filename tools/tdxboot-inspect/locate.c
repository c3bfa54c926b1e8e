/* SPDX-License-Identifier: MIT */
/*
 * Finding the handoff table from userspace (docs/reference/toolchain.md §6):
 *   1. /sys/firmware/efi/config_table: the PHYSICAL address of the EFI
 *      configuration table array (x86).  The system table's own pointer is
 *      virtual after SetVirtualAddressMap, so it is not used.
 *   2. /sys/kernel/boot_params/data: efi_info.efi_systab at 0x1c4 (low) and
 *      0x1d8 (high); the system table's NumberOfTableEntries at 0x68 says
 *      how many 24-byte {GUID, pointer} entries to scan.
 *   3. /dev/mem: pread the entries, then the table (EfiACPIReclaimMemory is
 *      not System RAM, so STRICT_DEVMEM lets it through unless locked down).
 * Without config_table, the TdxbootTableAddress EFI variable gives the
 * address instead.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/tdxboot-inspect/inspect.h"

#define BP_EFI_SYSTAB_LO 0x1c4
#define BP_EFI_SYSTAB_HI 0x1d8
#define SYSTAB_NR_TABLES 0x68
#define CFG_ENTRY_SIZE   24
#define CFG_MAX_ENTRIES  1024 /* firmware has tens; bound a bad count */
#define CFG_SCAN_BLIND   64   /* entries scanned when the count is unknown */

static void say(char *msg, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(char *msg, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, cap, fmt, ap);
	va_end(ap);
}

static int pread_all(int fd, void *buf, size_t n, uint64_t off)
{
	uint8_t *p = buf;

	while (n) {
		ssize_t got = pread(fd, p, n, (off_t)off);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		p += got;
		n -= (size_t)got;
		off += (uint64_t)got;
	}
	return 0;
}

static void *alloc_aligned(size_t n)
{
	void *p = NULL;

	return posix_memalign(&p, 8, n ? n : 8) ? NULL : p;
}

static void *read_file(const char *path, size_t *len, char *msg, size_t cap)
{
	int fd = open(path, O_RDONLY);
	uint8_t *buf = alloc_aligned(INSPECT_MAX_TABLE);
	size_t n = 0;
	ssize_t got = 1;

	if (fd < 0 || !buf) {
		say(msg, cap, "%s: %s", path, strerror(fd < 0 ? errno : ENOMEM));
		goto fail;
	}
	while (n < INSPECT_MAX_TABLE &&
	       (got = read(fd, buf + n, INSPECT_MAX_TABLE - n)) > 0)
		n += (size_t)got;
	if (got < 0) {
		say(msg, cap, "%s: %s", path, strerror(errno));
		goto fail;
	}
	close(fd);
	*len = n;
	return buf;
fail:
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

/* Reads the header, then exactly total_size bytes (bounded). */
static void *read_phys_table(int fd, uint64_t phys, size_t *len, char *msg, size_t cap)
{
	struct tdxboot_handoff_header h;
	size_t n;
	void *buf;

	if (pread_all(fd, &h, sizeof(h), phys)) {
		say(msg, cap, "cannot read the table header at 0x%" PRIx64 ": %s", phys,
		    strerror(errno ? errno : EIO));
		return NULL;
	}
	/* A bad total_size is for handoff_validate to name; read what is safe. */
	n = h.total_size >= sizeof(h) && h.total_size <= INSPECT_MAX_TABLE ? h.total_size
									: sizeof(h);
	buf = alloc_aligned(n);
	if (!buf || pread_all(fd, buf, n, phys)) {
		say(msg, cap, "cannot read %zu bytes at 0x%" PRIx64 ": %s", n, phys,
		    strerror(buf ? (errno ? errno : EIO) : ENOMEM));
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static int read_sysfs_u64(const char *root, const char *rel, uint64_t *out)
{
	char path[512], text[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(text, sizeof(text), f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	errno = 0;
	*out = strtoull(text, NULL, 0);
	return errno ? -1 : 0;
}

/* The system table's physical address from boot_params, 0 if unknown. */
static uint64_t boot_params_systab(const char *root)
{
	char path[512];
	uint32_t lo = 0, hi = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/kernel/boot_params/data", root);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	if (pread_all(fd, &lo, 4, BP_EFI_SYSTAB_LO) || pread_all(fd, &hi, 4, BP_EFI_SYSTAB_HI))
		lo = hi = 0;
	close(fd);
	return (uint64_t)hi << 32 | lo;
}

/* How many config-table entries to scan: the system table's count, or a
 * blind bound stopped by the first unreadable entry. */
static size_t config_table_count(int mem, const char *root)
{
	uint64_t systab = boot_params_systab(root), n = 0;

	if (!systab || pread_all(mem, &n, sizeof(n), systab + SYSTAB_NR_TABLES) ||
	    n == 0 || n > CFG_MAX_ENTRIES)
		return CFG_SCAN_BLIND;
	return (size_t)n;
}

static int find_in_config_table(int mem, uint64_t array, size_t n, uint64_t *phys)
{
	uint8_t e[CFG_ENTRY_SIZE];

	for (size_t i = 0; i < n; i++) {
		if (pread_all(mem, e, sizeof(e), array + i * CFG_ENTRY_SIZE))
			return 0;
		if (handoff_find_in_config_table(e, 1, phys))
			return 1;
	}
	return 0;
}

/*
 * The TdxbootTableAddress EFI variable (docs/handoff.md §8): 4 bytes of
 * attributes, then "0x..." in UTF-16LE.  For kernels without the x86-only
 * config_table file.
 */
static int read_efivar_address(const char *root, uint64_t *phys)
{
	char path[512], text[40];
	uint8_t raw[4 + 2 * sizeof(text)];
	size_t n = 0, i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/firmware/efi/efivars/TdxbootTableAddress-%s", root,
		 TDXBOOT_VARS_GUID_STR);
	f = fopen(path, "rb");
	if (!f)
		return -1;
	n = fread(raw, 1, sizeof(raw), f);
	fclose(f);
	for (i = 0; 4 + 2 * i + 1 < n && i + 1 < sizeof(text) && raw[4 + 2 * i]; i++)
		text[i] = (char)raw[4 + 2 * i];
	text[i] = '\0';
	errno = 0;
	*phys = strtoull(text, NULL, 0);
	return errno || !*phys ? -1 : 0;
}

static void *locate_sysfs(const struct inspect_source *src, int mem, size_t *len,
			  struct inspect_found *found, char *msg, size_t cap)
{
	const char *root = src->sysfs ? src->sysfs : "/sys";
	uint64_t array;

	if (read_sysfs_u64(root, "firmware/efi/config_table", &array)) {
		if (!read_efivar_address(root, &found->phys))
			goto read;
		say(msg, cap, "%s/firmware/efi/config_table: %s (not booted through EFI?)",
		    root, strerror(errno ? errno : ENOENT));
		return NULL;
	}
	if (!find_in_config_table(mem, array, config_table_count(mem, root), &found->phys)) {
		say(msg, cap, "no tdxboot handoff table (GUID %s) among the EFI configuration tables",
		    TDXBOOT_HANDOFF_TABLE_GUID_STR);
		return NULL;
	}
read:
	found->from_memory = true;
	return read_phys_table(mem, found->phys, len, msg, cap);
}

void *inspect_locate(const struct inspect_source *src, size_t *len,
		     struct inspect_found *found, char *msg, size_t msg_cap)
{
	const char *mem_path = src->mem ? src->mem : "/dev/mem";
	void *buf;
	int mem;

	memset(found, 0, sizeof(*found));
	if (src->file) {
		found->file = src->file;
		return read_file(src->file, len, msg, msg_cap);
	}
	mem = open(mem_path, O_RDONLY);
	if (mem < 0) {
		say(msg, msg_cap, "%s: %s", mem_path, strerror(errno));
		return NULL;
	}
	if (src->have_phys) {
		found->from_memory = true;
		found->phys = src->phys;
		buf = read_phys_table(mem, src->phys, len, msg, msg_cap);
	} else {
		buf = locate_sysfs(src, mem, len, found, msg, msg_cap);
	}
	close(mem);
	return buf;
}
