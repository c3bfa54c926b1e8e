/* SPDX-License-Identifier: MIT */
/*
 * lib/handoff: every corruption of a good table is rejected with its own
 * error, and the versioning rule holds (docs/handoff.md §3): a newer minor
 * with a longer header, longer entries and an unknown section is read by
 * this reader; another major is not.
 */
#include <stdlib.h>

#include "lib/crc32.h"
#include "lib/handoff.h"
#include "tests/unit/handoff_fixture.h"
#include "tests/unit/test.h"

#define SLACK 4096 /* room after the table, for tests that grow it */

struct tbl {
	uint8_t *p;
	size_t len;  /* the built table's size */
	size_t cap;  /* bytes allocated */
};

static struct tbl tbl_new(void)
{
	struct handoff_fixture *fx = handoff_fixture_new();
	struct tbl t = { 0 };
	void *built;

	REQUIRE(fx);
	built = handoff_fixture_build(fx, &t.len);
	REQUIRE(built);
	t.cap = t.len + SLACK;
	t.p = aligned_alloc(8, t.cap);
	REQUIRE(t.p);
	memset(t.p, 0, t.cap);
	memcpy(t.p, built, t.len);
	free(built);
	handoff_fixture_free(fx);
	return t;
}

static struct tdxboot_handoff_header *hdr(struct tbl *t)
{
	return (struct tdxboot_handoff_header *)t->p;
}

static struct tdxboot_handoff_section *dir(struct tbl *t, uint32_t i)
{
	return (struct tdxboot_handoff_section *)(t->p + hdr(t)->section_offset +
						  i * hdr(t)->section_entry_size);
}

/* Directory entry of a type (1.0 tables list types in order). */
static struct tdxboot_handoff_section *sec(struct tbl *t, uint32_t type)
{
	for (uint32_t i = 0; i < hdr(t)->section_count; i++)
		if (dir(t, i)->type == type)
			return dir(t, i);
	return NULL;
}

static void *sec_data(struct tbl *t, uint32_t type)
{
	return t->p + sec(t, type)->offset;
}

/* Re-seals after a corruption so the check under test is the one that fires. */
static void refix_crc(struct tbl *t)
{
	size_t n = hdr(t)->total_size;

	if (n > t->cap)
		n = t->cap;
	hdr(t)->crc32 = 0;
	hdr(t)->crc32 = crc32_ieee(0, t->p, n);
}

static enum handoff_error check(struct tbl *t, size_t avail)
{
	struct handoff_view v;

	return handoff_validate(t->p, avail, &v);
}

static enum handoff_error resealed(struct tbl *t)
{
	refix_crc(t);
	return check(t, t->cap);
}

TEST(handoff_validate_good_table)
{
	struct tbl t = tbl_new();
	struct handoff_view v;

	CHECK_INT_EQ(handoff_validate(t.p, t.len, &v), HANDOFF_OK);
	CHECK_INT_EQ(handoff_validate(t.p, t.cap, &v), HANDOFF_OK); /* more is fine */
	CHECK_U64_EQ(v.bad_section, HANDOFF_NO_INDEX);
	free(t.p);
}

TEST(handoff_validate_null_unaligned_short)
{
	struct tbl t = tbl_new();
	struct handoff_view v;

	CHECK_INT_EQ(handoff_validate(NULL, 100, &v), HANDOFF_ENULL);
	CHECK_INT_EQ(handoff_validate(t.p, t.len, NULL), HANDOFF_ENULL);
	CHECK_INT_EQ(handoff_validate(t.p + 4, t.len, &v), HANDOFF_EALIGN);
	CHECK_INT_EQ(handoff_validate(t.p, 63, &v), HANDOFF_ESHORT);
	CHECK_INT_EQ(handoff_validate(t.p, 0, &v), HANDOFF_ESHORT);
	free(t.p);
}

TEST(handoff_validate_truncated_buffer)
{
	struct tbl t = tbl_new();

	for (size_t avail = 64; avail < t.len; avail += 8)
		CHECK_INT_EQ(check(&t, avail), HANDOFF_ETOTAL_SIZE);
	CHECK_INT_EQ(check(&t, t.len), HANDOFF_OK);
	free(t.p);
}

TEST(handoff_validate_header_fields)
{
	struct tbl t = tbl_new();
	struct tdxboot_handoff_header save = *hdr(&t);

	hdr(&t)->signature ^= 1;
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESIGNATURE);
	*hdr(&t) = save;
	hdr(&t)->version = TDXBOOT_HANDOFF_VERSION(2, 0);
	CHECK_INT_EQ(resealed(&t), HANDOFF_EVERSION);
	*hdr(&t) = save;
	hdr(&t)->version = TDXBOOT_HANDOFF_VERSION(0, 9);
	CHECK_INT_EQ(resealed(&t), HANDOFF_EVERSION);
	*hdr(&t) = save;
	hdr(&t)->header_size = 56;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EHEADER_SIZE);
	*hdr(&t) = save;
	hdr(&t)->header_size = 68;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EHEADER_SIZE);
	*hdr(&t) = save;
	hdr(&t)->header_size = 0xFFFFFFF8u;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EHEADER_SIZE);
	*hdr(&t) = save;
	hdr(&t)->total_size = 32;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EHEADER_SIZE);
	*hdr(&t) = save;
	hdr(&t)->total_size = (uint32_t)t.cap + 8;
	CHECK_INT_EQ(resealed(&t), HANDOFF_ETOTAL_SIZE);
	*hdr(&t) = save;
	hdr(&t)->total_size = 0xFFFFFFFFu;
	CHECK_INT_EQ(resealed(&t), HANDOFF_ETOTAL_SIZE);
	*hdr(&t) = save;
	hdr(&t)->crc32 ^= 0x80;
	CHECK_INT_EQ(check(&t, t.cap), HANDOFF_ECRC);
	*hdr(&t) = save;
	/* Flags and reserved words are for later minors: ignored. */
	hdr(&t)->flags = 0xFFFFFFFFu;
	hdr(&t)->reserved[2] = 7;
	CHECK_INT_EQ(resealed(&t), HANDOFF_OK);
	free(t.p);
}

/* Any single-bit flip anywhere in the table is caught (CRC or earlier). */
TEST(handoff_validate_every_bit_flip)
{
	struct tbl t = tbl_new();
	size_t missed = 0;

	for (size_t byte = 0; byte < t.len; byte++) {
		for (int bit = 0; bit < 8; bit++) {
			t.p[byte] ^= (uint8_t)(1u << bit);
			missed += check(&t, t.len) == HANDOFF_OK;
			t.p[byte] ^= (uint8_t)(1u << bit);
		}
	}
	CHECK_U64_EQ(missed, 0);
	CHECK_INT_EQ(check(&t, t.len), HANDOFF_OK);
	free(t.p);
}

TEST(handoff_validate_directory)
{
	struct tbl t = tbl_new();
	struct tdxboot_handoff_header save = *hdr(&t);

	hdr(&t)->section_count = TDXBOOT_HANDOFF_MAX_SECTIONS + 1;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EDIRECTORY);
	*hdr(&t) = save;
	hdr(&t)->section_count = 0xFFFFFFFFu;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EDIRECTORY);
	*hdr(&t) = save;
	hdr(&t)->section_entry_size = 8;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EDIRECTORY);
	*hdr(&t) = save;
	hdr(&t)->section_entry_size = 20;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EDIRECTORY);
	*hdr(&t) = save;
	hdr(&t)->section_entry_size = 0xFFFFFFF8u;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EDIRECTORY);
	*hdr(&t) = save;
	hdr(&t)->section_offset = 68;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EDIRECTORY);
	*hdr(&t) = save;
	hdr(&t)->section_offset = 32; /* inside the header */
	CHECK_INT_EQ(resealed(&t), HANDOFF_EDIRECTORY);
	*hdr(&t) = save;
	hdr(&t)->section_offset = hdr(&t)->total_size - 8;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EDIRECTORY);
	*hdr(&t) = save;
	hdr(&t)->section_offset = 0xFFFFFFF8u;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EDIRECTORY);
	*hdr(&t) = save;
	/* An empty directory is well-formed but lacks STATUS. */
	hdr(&t)->section_count = 0;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EMISSING);
	free(t.p);
}

TEST(handoff_validate_section_bounds)
{
	struct tbl t = tbl_new();
	struct tdxboot_handoff_section *s = sec(&t, TDXBOOT_SEC_TDMRS), save = *s;
	struct handoff_view v;

	s->offset = hdr(&t)->total_size; /* starts at the end, 3 entries */
	refix_crc(&t);
	CHECK_INT_EQ(handoff_validate(t.p, t.cap, &v), HANDOFF_ESECTION_BOUNDS);
	CHECK_U64_EQ(v.bad_section, TDXBOOT_SEC_TDMRS - 1);
	*s = save;
	s->offset = 0xFFFFFFF8u;
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESECTION_BOUNDS);
	*s = save;
	s->offset = 8; /* over the header */
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESECTION_BOUNDS);
	*s = save;
	s->offset = hdr(&t)->section_offset + 16; /* over the directory */
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESECTION_BOUNDS);
	*s = save;
	s->offset += 4;
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESECTION_ALIGN);
	*s = save;
	/* Counts whose product overflows 32 bits must not wrap around. */
	s->count = 0xFFFFFFFFu;
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESECTION_BOUNDS);
	*s = save;
	s->entry_size = 0x80000000u;
	s->count = 2;
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESECTION_BOUNDS);
	*s = save;
	s->entry_size = 0xFFFFFFF8u;
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESECTION_BOUNDS);
	*s = save;
	CHECK_INT_EQ(resealed(&t), HANDOFF_OK);
	free(t.p);
}

/* An empty section may sit anywhere inside, even at the very end. */
TEST(handoff_validate_empty_section_at_end)
{
	struct tbl t = tbl_new();
	struct tdxboot_handoff_section *s = sec(&t, TDXBOOT_SEC_RESERVED);

	/* Drop the TDMRs' reserved areas, then place the empty section at the end. */
	for (uint32_t i = 0; i < sec(&t, TDXBOOT_SEC_TDMRS)->count; i++) {
		struct tdxboot_handoff_tdmr *td =
			(struct tdxboot_handoff_tdmr *)sec_data(&t, TDXBOOT_SEC_TDMRS) + i;
		td->n_rsvd = 0;
		td->rsvd_first = 0;
	}
	s->count = 0;
	s->offset = hdr(&t)->total_size;
	CHECK_INT_EQ(resealed(&t), HANDOFF_OK);
	s->offset += 8;
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESECTION_BOUNDS);
	free(t.p);
}

TEST(handoff_validate_entry_sizes)
{
	struct tbl t = tbl_new();
	struct tdxboot_handoff_section *s = sec(&t, TDXBOOT_SEC_TDMRS), save = *s;
	struct tdxboot_handoff_section *st = sec(&t, TDXBOOT_SEC_STATUS), st_save = *st;

	s->entry_size = 72; /* smaller than 1.0's 80 */
	CHECK_INT_EQ(resealed(&t), HANDOFF_EENTRY_SIZE);
	*s = save;
	s->entry_size = 0;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EENTRY_SIZE);
	*s = save;
	s->entry_size = 84;
	s->count = 1;
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESECTION_ALIGN);
	*s = save;
	st->count = 0; /* singletons have exactly one entry */
	CHECK_INT_EQ(resealed(&t), HANDOFF_EENTRY_SIZE);
	*st = st_save;
	st->count = 2;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EENTRY_SIZE);
	*st = st_save;
	CHECK_INT_EQ(resealed(&t), HANDOFF_OK);
	free(t.p);
}

TEST(handoff_validate_overlap_and_duplicate)
{
	struct tbl t = tbl_new();
	struct tdxboot_handoff_section *cm = sec(&t, TDXBOOT_SEC_CMRS), cm_save = *cm;
	struct tdxboot_handoff_section *pn = sec(&t, TDXBOOT_SEC_PAMT_NODES), pn_save = *pn;
	struct handoff_view v;

	cm->offset = sec(&t, TDXBOOT_SEC_LPS)->offset + 8;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EOVERLAP);
	*cm = cm_save;
	pn->type = TDXBOOT_SEC_EXCLUDED; /* same entry size: only the pair check sees it */
	refix_crc(&t);
	CHECK_INT_EQ(handoff_validate(t.p, t.cap, &v), HANDOFF_EDUPLICATE);
	CHECK_U64_EQ(v.bad_section, TDXBOOT_SEC_EXCLUDED - 1);
	*pn = pn_save;
	/* Unknown types must be unique too. */
	pn->type = 200;
	sec(&t, TDXBOOT_SEC_EXCLUDED)->type = 200;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EDUPLICATE);
	free(t.p);
}

TEST(handoff_validate_missing_status)
{
	struct tbl t = tbl_new();

	sec(&t, TDXBOOT_SEC_STATUS)->type = 0x7777;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EMISSING);
	free(t.p);
}

TEST(handoff_validate_unterminated_strings)
{
	struct tbl t = tbl_new();
	struct tdxboot_handoff_status *st = sec_data(&t, TDXBOOT_SEC_STATUS);
	struct tdxboot_handoff_status save = *st;

	memset(st->message, 'm', sizeof(st->message));
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESTRING);
	*st = save;
	memset(st->producer, 'p', sizeof(st->producer));
	CHECK_INT_EQ(resealed(&t), HANDOFF_ESTRING);
	*st = save;
	CHECK_INT_EQ(resealed(&t), HANDOFF_OK);
	free(t.p);
}

TEST(handoff_validate_inconsistent_sections)
{
	struct tbl t = tbl_new();
	struct tdxboot_handoff_tdmr *td = sec_data(&t, TDXBOOT_SEC_TDMRS), td_save = td[2];
	struct tdxboot_handoff_tdmr td1_save = td[1];
	struct tdxboot_handoff_platform *pl = sec_data(&t, TDXBOOT_SEC_PLATFORM), pl_save = *pl;
	struct tdxboot_handoff_range *rs = sec_data(&t, TDXBOOT_SEC_RESERVED);
	struct tdxboot_handoff_range *cmr = sec_data(&t, TDXBOOT_SEC_CMRS);
	struct handoff_view v;

	td[2].rsvd_first = 2; /* should be 3 */
	refix_crc(&t);
	CHECK_INT_EQ(handoff_validate(t.p, t.cap, &v), HANDOFF_EINCONSISTENT);
	CHECK_U64_EQ(v.bad_section, TDXBOOT_SEC_TDMRS - 1);
	CHECK_U64_EQ(v.bad_entry, 2);
	td[2] = td_save;
	td[2].n_rsvd = 2; /* runs past RESERVED */
	CHECK_INT_EQ(resealed(&t), HANDOFF_EINCONSISTENT);
	td[2].n_rsvd = 0xFFFFFFFFu;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EINCONSISTENT);
	td[2] = td_save;
	td[2].n_rsvd = 0; /* leaves one reserved area unclaimed */
	CHECK_INT_EQ(resealed(&t), HANDOFF_EINCONSISTENT);
	td[2] = td_save;
	rs[3].base = td[2].size; /* TDMR 2's reserved area, past its TDMR */
	CHECK_INT_EQ(resealed(&t), HANDOFF_EINCONSISTENT);
	rs[3].base = 0x40000000;
	rs[3].size = 0xFFFFFFFFFFFFF000ull; /* wraps */
	CHECK_INT_EQ(resealed(&t), HANDOFF_EINCONSISTENT);
	rs[3].size = 0x805000;
	CHECK_INT_EQ(resealed(&t), HANDOFF_OK);
	td[1].base = 0xFFFFFFFFC0000000ull; /* wraps */
	CHECK_INT_EQ(resealed(&t), HANDOFF_EINCONSISTENT);
	td[1] = td1_save;
	td[1].pamt_base[1] = 0xFFFFFFFFFFFFF000ull;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EINCONSISTENT);
	td[1] = td1_save;
	CHECK_INT_EQ(resealed(&t), HANDOFF_OK);
	pl->n_lps = 7; /* LPS has 8 */
	CHECK_INT_EQ(resealed(&t), HANDOFF_EINCONSISTENT);
	*pl = pl_save;
	pl->n_lps_initialized = 9;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EINCONSISTENT);
	*pl = pl_save;
	cmr[1].base = 0xFFFFFFFFFFFF0000ull;
	CHECK_INT_EQ(resealed(&t), HANDOFF_EINCONSISTENT);
	free(t.p);
}

/*
 * A "1.1" table as a future tdxboot might write it: header_size 72 (one
 * new u64), every TDMR entry 8 bytes longer, and a new section type 99
 * placed first.  Built by hand from the 1.0 table.
 */
static size_t make_v1_1(struct tbl *t10, uint8_t *out, size_t cap)
{
	const struct tdxboot_handoff_header *h = hdr(t10);
	uint32_t n = h->section_count + 1, hs = 72, off;
	struct tdxboot_handoff_header *nh = (struct tdxboot_handoff_header *)out;
	struct tdxboot_handoff_section *nd = (struct tdxboot_handoff_section *)(out + hs);

	memset(out, 0xEE, cap); /* padding need not be zero */
	memcpy(nh, h, sizeof(*h));
	memset(out + 64, 0x11, 8); /* the new header field */
	nh->version = TDXBOOT_HANDOFF_VERSION(1, 1);
	nh->header_size = hs;
	nh->section_count = n;
	nh->section_offset = hs;
	off = hs + n * 16;
	nd[0] = (struct tdxboot_handoff_section){ 99, off, 24, 2 };
	memset(out + off, 0x99, 48);
	off += 48;
	for (uint32_t i = 0; i < h->section_count; i++) {
		const struct tdxboot_handoff_section *s = dir(t10, i);
		uint32_t es = s->entry_size + (s->type == TDXBOOT_SEC_TDMRS ? 8 : 0);

		nd[i + 1] = (struct tdxboot_handoff_section){ s->type, off, es, s->count };
		for (uint32_t k = 0; k < s->count; k++)
			memcpy(out + off + k * es, t10->p + s->offset + k * s->entry_size,
			       s->entry_size);
		off += es * s->count;
	}
	nh->total_size = off;
	nh->crc32 = 0;
	nh->crc32 = crc32_ieee(0, out, off);
	return off;
}

TEST(handoff_validate_newer_minor_is_read)
{
	struct tbl t = tbl_new();
	uint8_t *out = aligned_alloc(8, t.cap);
	struct handoff_view v;
	size_t len;

	REQUIRE(out);
	len = make_v1_1(&t, out, t.cap);
	REQUIRE(handoff_validate(out, len, &v) == HANDOFF_OK);
	CHECK_U64_EQ(TDXBOOT_HANDOFF_MINOR(v.version), 1);
	CHECK_U64_EQ(handoff_count(&v, TDXBOOT_SEC_TDMRS), 3);
	CHECK_U64_EQ(handoff_tdmr(&v, 2)->base, 6ull << 30);
	CHECK_U64_EQ(handoff_tdmr(&v, 1)->pamt_size[0], 0x800000);
	CHECK_U64_EQ(handoff_tdmr_rsvd(&v, handoff_tdmr(&v, 2), 0)->base, 0x40000000);
	CHECK_STR_EQ(handoff_status(&v)->message, "TDX module initialized");
	CHECK(handoff_module_ready(&v));
	CHECK_U64_EQ(handoff_count(&v, 99), 0); /* unknown: not exposed */
	/* A new minor still may not break the 1.0 rules. */
	((struct tdxboot_handoff_section *)(out + 72))[0].offset = 8;
	((struct tdxboot_handoff_header *)out)->crc32 = 0;
	((struct tdxboot_handoff_header *)out)->crc32 = crc32_ieee(0, out, len);
	CHECK_INT_EQ(handoff_validate(out, len, &v), HANDOFF_ESECTION_BOUNDS);
	free(out);
	free(t.p);
}

TEST(handoff_validate_unknown_major_rejected)
{
	struct tbl t = tbl_new();

	for (uint32_t major = 0; major < 8; major++) {
		hdr(&t)->version = TDXBOOT_HANDOFF_VERSION(major, 0);
		CHECK_INT_EQ(resealed(&t), major == 1 ? HANDOFF_OK : HANDOFF_EVERSION);
	}
	hdr(&t)->version = TDXBOOT_HANDOFF_VERSION(1, 0xFFFF);
	CHECK_INT_EQ(resealed(&t), HANDOFF_OK);
	free(t.p);
}

TEST(handoff_validate_failure_clears_view)
{
	struct tbl t = tbl_new();
	struct handoff_view v;

	hdr(&t)->crc32 ^= 1;
	CHECK_INT_EQ(handoff_validate(t.p, t.len, &v), HANDOFF_ECRC);
	CHECK(handoff_status(&v) == NULL);
	CHECK(handoff_tdmr(&v, 0) == NULL);
	CHECK_U64_EQ(handoff_count(&v, TDXBOOT_SEC_TDMRS), 0);
	free(t.p);
}

TEST(handoff_find_in_config_table_scans_entries)
{
	static const struct tdxboot_guid ours = TDXBOOT_HANDOFF_TABLE_GUID_INIT;
	uint8_t raw[1 + 4 * 24];
	uint8_t *e = raw + 1; /* deliberately unaligned */
	uint64_t addr = 0, want = 0x7F5EB000ull;

	for (int i = 0; i < 4; i++) {
		memset(e + i * 24, 0x10 + i, 16);
		memset(e + i * 24 + 16, 0, 8);
	}
	CHECK(!handoff_find_in_config_table(e, 4, &addr));
	memcpy(e + 2 * 24, &ours, 16);
	memcpy(e + 2 * 24 + 16, &want, 8);
	CHECK(handoff_find_in_config_table(e, 4, &addr));
	CHECK_U64_EQ(addr, want);
	CHECK(!handoff_find_in_config_table(e, 2, &addr)); /* not in the first 2 */
	CHECK(!handoff_find_in_config_table(NULL, 4, &addr));
	/* The GUID's byte order is EFI's: data1 little-endian first. */
	CHECK_U64_EQ(e[2 * 24 + 0], 0x56);
	CHECK_U64_EQ(e[2 * 24 + 3], 0xf2);
	CHECK_U64_EQ(e[2 * 24 + 8], 0xbb);
}

TEST(handoff_names)
{
	CHECK_STR_EQ(handoff_step_name(TDXBOOT_STEP_SYS_CONFIG), "sys_config");
	CHECK_STR_EQ(handoff_step_name(999), "unknown_step");
	CHECK_STR_EQ(handoff_outcome_name(TDXBOOT_OUTCOME_ROLLED_BACK), "rolled_back");
	CHECK_STR_EQ(handoff_module_state_name(TDXBOOT_MODSTATE_READY), "ready");
	CHECK_STR_EQ(handoff_section_name(TDXBOOT_SEC_TDMRS), "TDMRS");
	CHECK_STR_EQ(handoff_section_name(0), "UNKNOWN");
	CHECK_STR_EQ(handoff_strerror(HANDOFF_ECRC), "CRC-32 mismatch");
	CHECK_STR_EQ(handoff_strerror((enum handoff_error)1000), "unknown error");
	for (int e = 0; e < HANDOFF_ERROR_COUNT; e++)
		CHECK(strcmp(handoff_strerror((enum handoff_error)e), "unknown error") != 0);
}
