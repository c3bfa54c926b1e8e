/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "core/bls.h"
#include "tests/unit/test.h"

/* The order the UAPI Version Format Specification gives, oldest first. */
TEST(bls_vercmp_follows_the_version_format_order)
{
	static const char *const v[] = {
		"122.1", "123~rc1-1", "123", "123-a", "123-a.1", "123-1", "123-1.1",
		"123^post1", "123.a-1", "123.1-1", "123a-1", "124-1",
	};
	const unsigned n = sizeof(v) / sizeof(v[0]);

	for (unsigned i = 0; i < n; i++)
		for (unsigned j = 0; j < n; j++) {
			int r = bls_vercmp(v[i], v[j]);

			if ((i < j && r >= 0) || (i > j && r <= 0) || (i == j && r != 0))
				test_fail(__FILE__, __LINE__, "vercmp(%s, %s) = %d", v[i], v[j], r);
		}
}

TEST(bls_vercmp_debian_kernels)
{
	CHECK(bls_vercmp("6.1.0-18-amd64", "6.1.0-9-amd64") > 0);
	CHECK(bls_vercmp("6.1.0-9-amd64", "6.1.0-18-amd64") < 0);
	CHECK(bls_vercmp("6.12.0-1-amd64", "6.1.0-57-amd64") > 0);
	CHECK(bls_vercmp("6.1.0-018-amd64", "6.1.0-18-amd64") == 0);
	CHECK(bls_vercmp("6.1.0-18_amd64", "6.1.0-18amd64") == 0);   /* '_' only separates */
	CHECK(bls_vercmp("", "1") < 0);
	CHECK(bls_vercmp(NULL, "") == 0);
}

TEST(bls_glob_matches_ids)
{
	CHECK(bls_glob("*", "anything.conf"));
	CHECK(bls_glob("debian-*", "debian-6.1.0-18-amd64.conf"));
	CHECK(bls_glob("DEBIAN-*.CONF", "debian-6.1.0.conf"));
	CHECK(!bls_glob("debian-*", "fedora-6.1.conf"));
	CHECK(bls_glob("*-6.1.0-?-amd64.conf", "abc-6.1.0-9-amd64.conf"));
	CHECK(!bls_glob("*-6.1.0-?-amd64.conf", "abc-6.1.0-18-amd64.conf"));
	CHECK(bls_glob("*-[0-9]*", "x-6.conf"));
	CHECK(!bls_glob("*-[!0-9]*", "x-6"));
	CHECK(bls_glob("a*b*c", "aXXbYYc"));
	CHECK(!bls_glob("a*b*c", "aXXbYY"));
}

#define SEEN_MAX 8
static struct {
	unsigned n;
	char msg[SEEN_MAX][320];
} seen;

static void collect(void *ctx, const char *msg)
{
	if (seen.n < SEEN_MAX)
		snprintf(seen.msg[seen.n], sizeof(seen.msg[0]), "%s", msg);
	seen.n++;
}

static tb_status parse(const char *name, const char *text, struct bls_entry *e)
{
	struct config_errors errs = { 0, 0, collect, NULL };

	memset(&seen, 0, sizeof(seen));
	return bls_parse_entry(name, text, strlen(text), e, &errs);
}

/* As Debian 12's kernel-install (90-loaderentry.install) writes it. */
static const char debian_entry[] =
	"# Boot Loader Specification type#1 entry\n"
	"# File created by /usr/lib/kernel/install.d/90-loaderentry.install (systemd 252.33-1~deb12u1)\n"
	"title      Debian GNU/Linux 12 (bookworm)\n"
	"version    6.1.0-18-amd64\n"
	"machine-id 8a1f4c2e9b3d4f6a8c0e2b4d6f8a0c2e\n"
	"sort-key   debian\n"
	"options    root=UUID=0b1d root=ro quiet\n"
	"options    systemd.machine_id=8a1f4c2e9b3d4f6a8c0e2b4d6f8a0c2e\n"
	"linux      /8a1f4c2e9b3d4f6a8c0e2b4d6f8a0c2e/6.1.0-18-amd64/linux\n"
	"initrd     /8a1f4c2e9b3d4f6a8c0e2b4d6f8a0c2e/6.1.0-18-amd64/initrd.img-6.1.0-18-amd64\n";

TEST(bls_parse_debian_entry)
{
	struct bls_entry e;

	CHECK_INT_EQ(parse("8A1F4C2E9B3D4F6A8C0E2B4D6F8A0C2E-6.1.0-18-amd64.conf", debian_entry, &e),
		     TB_OK);
	CHECK_INT_EQ(seen.n, 0);
	CHECK_STR_EQ(e.id, "8a1f4c2e9b3d4f6a8c0e2b4d6f8a0c2e-6.1.0-18-amd64.conf");
	CHECK_STR_EQ(e.title, "Debian GNU/Linux 12 (bookworm)");
	CHECK_STR_EQ(e.version, "6.1.0-18-amd64");
	CHECK_STR_EQ(e.sort_key, "debian");
	CHECK_STR_EQ(e.linux_path, "\\8a1f4c2e9b3d4f6a8c0e2b4d6f8a0c2e\\6.1.0-18-amd64\\linux");
	CHECK_INT_EQ(e.n_initrd, 1);
	CHECK_STR_EQ(e.initrd[0],
		     "\\8a1f4c2e9b3d4f6a8c0e2b4d6f8a0c2e\\6.1.0-18-amd64\\initrd.img-6.1.0-18-amd64");
	CHECK_STR_EQ(e.options, "root=UUID=0b1d root=ro quiet "
				"systemd.machine_id=8a1f4c2e9b3d4f6a8c0e2b4d6f8a0c2e");
}

TEST(bls_parse_reports_unknown_keys_and_unusable_entries)
{
	struct bls_entry e;

	CHECK_INT_EQ(parse("a.conf", "title A\nlinux /vmlinuz\nkernel /x\n\nbogus 1\n", &e), TB_OK);
	CHECK_INT_EQ(seen.n, 2);
	CHECK_STR_EQ(seen.msg[0], "\\loader\\entries\\a.conf line 3: unknown key 'kernel' (ignored)");
	CHECK_STR_EQ(seen.msg[1], "\\loader\\entries\\a.conf line 5: unknown key 'bogus' (ignored)");
	CHECK_INT_EQ(parse("uki.conf", "title U\nuki /EFI/Linux/u.efi\n", &e), TB_EINVAL);
	CHECK_STR_CONTAINS(seen.msg[0], "\\loader\\entries\\uki.conf: no 'linux' line");
	CHECK_INT_EQ(parse("arm.conf", "linux /Image\narchitecture aa64\n", &e), TB_EINVAL);
	CHECK_STR_CONTAINS(seen.msg[0], "arm.conf line 2: architecture 'aa64'");
	CHECK_INT_EQ(parse("x.conf", "linux /v\narchitecture x64\n", &e), TB_OK);
	/* An empty value at the very end of the text (found by fuzz-bls). */
	CHECK_INT_EQ(bls_parse_entry("e.conf", "linux", 5, &e, &(struct config_errors){ 0 }),
		     TB_EINVAL);
}

static void entry(struct bls_entry *e, const char *id, const char *key, const char *mid,
		  const char *ver)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->id, sizeof(e->id), "%s", id);
	snprintf(e->sort_key, sizeof(e->sort_key), "%s", key);
	snprintf(e->machine_id, sizeof(e->machine_id), "%s", mid);
	snprintf(e->version, sizeof(e->version), "%s", ver);
}

/* systemd-boot's order (src/boot/boot.c config_entry_compare). */
TEST(bls_compare_orders_like_systemd_boot)
{
	struct bls_entry a, b;

	entry(&a, "m-6.1.0-18-amd64.conf", "debian", "m", "6.1.0-18-amd64");
	entry(&b, "m-6.1.0-9-amd64.conf", "debian", "m", "6.1.0-9-amd64");
	CHECK(bls_compare(&a, &b) < 0);              /* newest version first */
	CHECK(bls_compare(&b, &a) > 0);
	entry(&b, "z.conf", "", "", "");
	CHECK(bls_compare(&a, &b) < 0);              /* a sort-key first */
	entry(&b, "m-6.1.0-9-amd64.conf", "arch", "m", "1");
	CHECK(bls_compare(&b, &a) < 0);              /* then by sort-key */
	entry(&a, "a-10.conf", "", "", "");
	entry(&b, "a-5.conf", "", "", "");
	CHECK(bls_compare(&a, &b) < 0);              /* without: by id, newest first */
}

TEST(bls_loader_default_reads_the_glob)
{
	char out[64];
	const char *conf = "#timeout 3\ntimeout 0\n  default   debian-*  \nconsole-mode keep\n";

	bls_loader_default(conf, strlen(conf), out, sizeof(out));
	CHECK_STR_EQ(out, "debian-*");
	bls_loader_default("#default x\n", 11, out, sizeof(out));
	CHECK_STR_EQ(out, "");
}
