/* SPDX-License-Identifier: MIT */
/*
 * --live: the machine the tool runs on, read from what Linux exposes and
 * written as the log lines the parser already knows (core/platlog.c), so
 * a live plan and a log plan go through one parser and one planner.
 *
 *   /sys/firmware/memmap/N/{start,end,type}  the firmware map, as the
 *        kernel got it (drivers/firmware/memmap.c) -> "BIOS-e820:" lines;
 *        missing: the top level of /proc/iomem ("System RAM", "Reserved",
 *        ...), which is the map after the kernel's own changes
 *   /sys/devices/system/node/nodeN/memoryM and
 *   /sys/devices/system/memory/block_size_bytes  which memory block is on
 *        which node -> "SRAT: Node" lines; missing: one node 0
 *   /dev/kmsg  the kernel log: its "tdx: CMR" lines (TDX host kernels) and
 *        nothing else; missing or no such lines: no CMRs, no plan
 *
 * Every path is under --root DIR (default /), so tests run on a fake tree.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tools/tdxboot-plan/tool.h"

struct live_buf {
	FILE *f;
	char *text;
	size_t len;
};

static char *live_path(const char *root, const char *rel, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%s", root && *root ? root : "", rel);
	return buf;
}

/* The first line of a small sysfs file, without its newline. */
static bool live_read_line(const char *path, char *out, size_t n)
{
	FILE *f = fopen(path, "r");
	bool ok = f && fgets(out, (int)n, f);

	if (f)
		fclose(f);
	if (ok)
		out[strcspn(out, "\n")] = '\0';
	return ok;
}

/* /sys/firmware/memmap type names -> the e820 names the parser knows. */
static const char *live_e820_type(const char *t)
{
	static const char *const map[][2] = {
		{ "System RAM", "usable" }, { "Reserved", "reserved" },
		{ "ACPI Tables", "ACPI data" }, { "ACPI Non-volatile Storage", "ACPI NVS" },
		{ "Unusable memory", "unusable" }, { "Persistent Memory (legacy)", "persistent (type 12)" },
		{ "Persistent Memory", "persistent (type 7)" }, { "Soft Reserved", "soft reserved" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(t, map[i][0]))
			return map[i][1];
	return "reserved";
}

static int live_firmware_memmap(const char *root, FILE *out)
{
	char dir[4096], p[4200], s[64], e[64], t[128];
	struct dirent *d;
	DIR *dp = opendir(live_path(root, "sys/firmware/memmap", dir, sizeof(dir)));
	int n = 0;

	if (!dp)
		return -1;
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s/start", dir, d->d_name);
		if (!live_read_line(p, s, sizeof(s)))
			continue;
		snprintf(p, sizeof(p), "%s/%s/end", dir, d->d_name);
		if (!live_read_line(p, e, sizeof(e)))
			continue;
		snprintf(p, sizeof(p), "%s/%s/type", dir, d->d_name);
		if (!live_read_line(p, t, sizeof(t)))
			continue;
		/* start and end are "0x..." and the end is inclusive, as e820 prints */
		fprintf(out, "BIOS-e820: [mem 0x%016llx-0x%016llx] %s\n",
			strtoull(s, NULL, 16), strtoull(e, NULL, 16), live_e820_type(t));
		n++;
	}
	closedir(dp);
	return n;
}

/* Top-level /proc/iomem lines: "00100000-7fffffff : System RAM". */
static int live_iomem(const char *root, FILE *out)
{
	char path[4096], line[512];
	FILE *f = fopen(live_path(root, "proc/iomem", path, sizeof(path)), "r");
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long a, b;
		char name[256];

		if (line[0] == ' ' || sscanf(line, "%llx-%llx : %255[^\n]", &a, &b, name) != 3)
			continue;
		if (!a && !b)
			continue; /* read without CAP_SYS_ADMIN: addresses hidden */
		fprintf(out, "BIOS-e820: [mem 0x%016llx-0x%016llx] %s\n", a, b,
			!strcmp(name, "System RAM") ? "usable" :
			!strcmp(name, "Soft Reserved") ? "soft reserved" : "reserved");
		n++;
	}
	fclose(f);
	return n;
}

struct live_block {
	unsigned long long idx;
	unsigned node;
};

static int live_block_cmp(const void *a, const void *b)
{
	const struct live_block *x = a, *y = b;

	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Appends node's memory blocks (nodeN/memoryM links) to *v. */
static bool live_node_blocks(const char *dir, unsigned node, struct live_block **v,
			     size_t *n, size_t *cap)
{
	struct dirent *m;
	DIR *mp = opendir(dir);

	while (mp && (m = readdir(mp))) {
		unsigned long long idx;

		if (sscanf(m->d_name, "memory%llu", &idx) != 1)
			continue;
		if (*n == *cap) {
			struct live_block *nv = realloc(*v, (*cap = *cap * 2 + 64) * sizeof(**v));

			if (!nv) {
				closedir(mp);
				return false;
			}
			*v = nv;
		}
		(*v)[(*n)++] = (struct live_block){ idx, node };
	}
	if (mp)
		closedir(mp);
	return true;
}

/* Memory blocks per node, one SRAT-like line per run of consecutive
 * blocks of one node (a 16 TiB machine has 131072 blocks of 128 MiB). */
static int live_nodes(const char *root, FILE *out)
{
	char dir[4096], p[4400], v[64];
	struct live_block *blk = NULL;
	size_t nb = 0, cap = 0;
	unsigned long long bs;
	struct dirent *d;
	DIR *dp;
	int n = 0;

	if (!live_read_line(live_path(root, "sys/devices/system/memory/block_size_bytes",
				      p, sizeof(p)), v, sizeof(v)))
		return -1;
	bs = strtoull(v, NULL, 16);
	dp = opendir(live_path(root, "sys/devices/system/node", dir, sizeof(dir)));
	if (!dp)
		return -1;
	while ((d = readdir(dp))) {
		unsigned node;

		if (sscanf(d->d_name, "node%u", &node) != 1)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, d->d_name);
		if (!live_node_blocks(p, node, &blk, &nb, &cap))
			break;
	}
	closedir(dp);
	qsort(blk, nb, sizeof(*blk), live_block_cmp);
	for (size_t i = 0; bs && i < nb;) {
		size_t k = i + 1;

		while (k < nb && blk[k].node == blk[i].node && blk[k].idx == blk[k - 1].idx + 1)
			k++;
		fprintf(out, "ACPI: SRAT: Node %u PXM %u [mem 0x%llx-0x%llx]\n",
			blk[i].node, blk[i].node, blk[i].idx * bs,
			(blk[k - 1].idx + 1) * bs - 1);
		n++;
		i = k;
	}
	free(blk);
	return n;
}

/* One kmsg record "prio,seq,usec,flags;text": its CMR line, if it is one
 * (and, for a test tree, "# limits:", which a real kernel never prints). */
static int live_kmsg_line(char *line, FILE *out)
{
	const char *msg = strchr(line, ';');

	line[strcspn(line, "\n")] = '\0';
	if (strstr(line, "# limits:")) {
		fprintf(out, "%s\n", strstr(line, "# limits:"));
		return 0;
	}
	if (!strstr(line, "tdx: CMR"))
		return 0;
	fprintf(out, "%s\n", msg ? msg + 1 : line);
	return 1;
}

static int live_kmsg(const char *root, FILE *out)
{
	char path[4096];
	int fd = open(live_path(root, "dev/kmsg", path, sizeof(path)), O_RDONLY | O_NONBLOCK);
	static char rec[8192];
	struct stat sb;
	int n = 0;

	if (fd < 0)
		return -1;
	if (!fstat(fd, &sb) && S_ISREG(sb.st_mode)) {
		FILE *f = fdopen(fd, "r");     /* a saved log: lines */

		while (f && fgets(rec, sizeof(rec), f))
			n += live_kmsg_line(rec, out);
		if (f)
			fclose(f);
		else
			close(fd);
		return n;
	}
	for (;;) {   /* the device: one record per read */
		ssize_t got = read(fd, rec, sizeof(rec) - 1);

		if (got < 0 && errno == EPIPE)
			continue;   /* records overwritten while reading */
		if (got <= 0)
			break;
		rec[got] = '\0';
		n += live_kmsg_line(rec, out);
	}
	close(fd);
	return n;
}

static void live_say(const char *what, int n, const char *missing)
{
	if (n >= 0)
		fprintf(stderr, "tdxboot-plan: live: %s: %d entr%s\n", what, n, n == 1 ? "y" : "ies");
	else
		fprintf(stderr, "tdxboot-plan: live: %s: not found; %s\n", what, missing);
}

char *live_collect(const char *root, size_t *len)
{
	struct live_buf b = { 0 };
	int n;

	b.f = open_memstream(&b.text, &b.len);
	if (!b.f)
		return NULL;
	fprintf(b.f, "# name: live%s%s\n", root && *root ? " " : "", root ? root : "");
	n = live_firmware_memmap(root, b.f);
	live_say("/sys/firmware/memmap (firmware memory map)", n,
		 "using /proc/iomem, the map after the kernel's changes");
	if (n <= 0) {
		n = live_iomem(root, b.f);
		live_say("/proc/iomem", n, "no memory map: nothing to plan");
	}
	n = live_nodes(root, b.f);
	live_say("/sys/devices/system/node (NUMA ranges from memory blocks)", n, "one node 0: PAMTs are not placed per node");
	n = live_kmsg(root, b.f);
	live_say("/dev/kmsg CMR lines (TDX host kernel)", n,
		 "no CMRs: every byte of RAM is 'not TDX convertible memory'");
	if (n == 0)
		fprintf(stderr, "tdxboot-plan: live: the kernel log has no 'tdx: CMR' lines: "
			"boot a TDX host kernel (kvm_intel.tdx=1), or the lines left the ring buffer\n");
	fputs("# the EFI memory map is not read: the firmware map above is what Linux used\n", b.f);
	fclose(b.f);
	*len = b.len;
	return b.text;
}
