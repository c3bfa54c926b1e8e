/* SPDX-License-Identifier: MIT */
/*
 * handoff-mktable DIR: writes test inputs for tdxboot-inspect and the fuzz
 * seed corpus, from tests/unit/handoff_fixture.c:
 *
 *   DIR/ready.bin     a successful run
 *   DIR/failed.bin    KEY.CONFIG failed on LP 5, rolled back, emulated
 *   DIR/skipped.bin   nothing done: the minimal table
 *   DIR/corrupt.bin   ready.bin with one flipped bit (CRC mismatch)
 *   DIR/sysfs/...     a fake /sys: firmware/efi/config_table and
 *                     kernel/boot_params/data
 *   DIR/mem.img       a fake /dev/mem (sparse): system table, 3 config
 *                     table entries (ours second), and ready.bin
 *
 * The fake machine's addresses are those of docs/reference/toolchain.md §6's OVMF run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/unit/handoff_fixture.h"

#define FAKE_SYSTAB  0x7f5eb018ull
#define FAKE_CFGTAB  0x7f5ebc98ull
#define FAKE_TABLE   0x7e9f0000ull

static int write_at(const char *path, uint64_t off, const void *p, size_t n, int flags)
{
	int fd = open(path, O_WRONLY | O_CREAT | flags, 0644);
	int ok = fd >= 0 && pwrite(fd, p, n, (off_t)off) == (ssize_t)n;

	if (fd >= 0)
		close(fd);
	if (!ok)
		fprintf(stderr, "handoff-mktable: %s: %s\n", path, strerror(errno));
	return ok ? 0 : -1;
}

static int put(const char *dir, const char *name, const void *p, size_t n)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return write_at(path, 0, p, n, O_TRUNC);
}

static int fake_sysfs(const char *dir)
{
	char path[1024], text[32];
	uint8_t bp[4096] = { 0 };
	uint32_t lo = (uint32_t)FAKE_SYSTAB, hi = (uint32_t)(FAKE_SYSTAB >> 32);

	snprintf(path, sizeof(path), "%s/sysfs/firmware/efi", dir);
	if (mkdir(path, 0755) && errno != EEXIST) {
		/* mkdir -p by hand: three levels */
		snprintf(path, sizeof(path), "%s/sysfs", dir);
		mkdir(path, 0755);
		snprintf(path, sizeof(path), "%s/sysfs/firmware", dir);
		mkdir(path, 0755);
		snprintf(path, sizeof(path), "%s/sysfs/firmware/efi", dir);
		mkdir(path, 0755);
	}
	snprintf(path, sizeof(path), "%s/sysfs/kernel", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/sysfs/kernel/boot_params", dir);
	mkdir(path, 0755);
	snprintf(text, sizeof(text), "0x%llx\n", (unsigned long long)FAKE_CFGTAB);
	memcpy(bp + 0x1c4, &lo, 4);
	memcpy(bp + 0x1d8, &hi, 4);
	return put(dir, "sysfs/firmware/efi/config_table", text, strlen(text)) ||
	       put(dir, "sysfs/kernel/boot_params/data", bp, sizeof(bp));
}

static int fake_mem(const char *dir, const void *table, size_t len)
{
	static const struct tdxboot_guid ours = TDXBOOT_HANDOFF_TABLE_GUID_INIT;
	uint8_t cfg[3 * 24];
	uint64_t n = 3, addr = FAKE_TABLE, other = 0x7f000000;
	char path[1024];

	memset(cfg, 0x5a, sizeof(cfg));
	memcpy(cfg + 16, &other, 8);
	memcpy(cfg + 24, &ours, 16);
	memcpy(cfg + 24 + 16, &addr, 8);
	memcpy(cfg + 48 + 16, &other, 8);
	snprintf(path, sizeof(path), "%s/mem.img", dir);
	return write_at(path, FAKE_SYSTAB + 0x68, &n, 8, O_TRUNC) ||
	       write_at(path, FAKE_CFGTAB, cfg, sizeof(cfg), 0) ||
	       write_at(path, FAKE_TABLE, table, len, 0);
}

int main(int argc, char **argv)
{
	static struct handoff_record minimal = { .outcome = TDXBOOT_OUTCOME_SKIPPED,
						 .step = TDXBOOT_STEP_PREFLIGHT,
						 .lp_index = TDXBOOT_LP_NONE,
						 .module_state = TDXBOOT_MODSTATE_NOT_LOADED,
						 .message = "tdx=off in tdxboot.conf" };
	static uint64_t small[512];
	struct handoff_fixture *fx;
	size_t len = 0, flen = 0, slen = 0;
	uint8_t *ready, *failed;
	int bad = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: handoff-mktable DIR\n");
		return 2;
	}
	fx = handoff_fixture_new();
	ready = fx ? handoff_fixture_build(fx, &len) : NULL;
	if (fx) {
		handoff_fixture_set_failed(fx);
		fx->rec.emulated = true;
	}
	failed = fx ? handoff_fixture_build(fx, &flen) : NULL;
	if (!ready || !failed ||
	    handoff_build(&minimal, small, sizeof(small), &slen, NULL) != TB_OK)
		return 2;
	bad |= put(argv[1], "ready.bin", ready, len);
	bad |= put(argv[1], "failed.bin", failed, flen);
	bad |= put(argv[1], "skipped.bin", small, slen);
	bad |= fake_sysfs(argv[1]) | fake_mem(argv[1], ready, len);
	ready[len / 2] ^= 0x10;
	bad |= put(argv[1], "corrupt.bin", ready, len);
	free(ready);
	free(failed);
	handoff_fixture_free(fx);
	return bad ? 2 : 0;
}
