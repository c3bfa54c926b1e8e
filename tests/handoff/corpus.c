/* SPDX-License-Identifier: MIT */
/*
 * The kernel series' handoff reader (kernel/linux/0001, extracted from the
 * patch and built against tests/handoff/shim/) and tdxboot's lib/handoff.c
 * accept and refuse the same tables.
 *
 * The corpus: tables written by the real builder (core/handoff_build.c)
 * for every outcome -- the unit tests' fixture (8 LPs, 3 TDMRs, reserved
 * areas, every section) as a success, the same emulated with sampled
 * MSRs, failed and not unwound, rolled back (1.2 RELEASED lists its PAMTs
 * instead of TDMRS), skipped before planning (no TDMRs) and quarantined
 * (its one QUARANTINE entry; every other outcome has none) -- and for
 * each of them every single-bit flip of every byte, resealed with a correct
 * CRC so that the structural checks are what decide, plus every flip left
 * unsealed and every truncation of the available length.  With --write
 * DIR the tables are also written out, one file each, for other readers.
 *
 *   corpus [--write DIR]   exit 0 when both readers agree on every table
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/crc32.h"
#include "lib/handoff.h"
#include "tests/unit/handoff_fixture.h"
#include "tests/handoff/kreader.h"

struct corpus {
	const char *dir;       /* --write: where the tables go, or NULL */
	unsigned long tables;
	unsigned long accepted;
	unsigned long disagreements;
};

static void corpus_write(struct corpus *c, const void *p, size_t len, int lib_ok)
{
	char path[4096];
	FILE *f;

	if (!c->dir)
		return;
	snprintf(path, sizeof(path), "%s/%06lu-%s.bin", c->dir, c->tables,
		 lib_ok ? "valid" : "invalid");
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "corpus: cannot write %s: %s\n", path, strerror(errno));
		exit(2);
	}
}

/* Both readers over avail bytes of p; records a disagreement with its cause. */
static void corpus_judge(struct corpus *c, const void *p, size_t avail, const char *what,
			 size_t at, int bit)
{
	struct handoff_view lv;
	enum handoff_error le = handoff_validate(p, avail, &lv);
	const char *kwhy = kreader_validate(p, avail);
	int lib_ok = le == HANDOFF_OK, kernel_ok = kwhy == NULL;

	c->tables++;
	c->accepted += lib_ok;
	corpus_write(c, p, avail, lib_ok);
	if (lib_ok == kernel_ok)
		return;
	if (c->disagreements++ < 20)
		fprintf(stderr, "corpus: %s at byte %zu bit %d (%zu bytes): lib/ says %s, the kernel reader %s\n",
			what, at, bit, avail, handoff_strerror(le), kwhy ? kwhy : "valid");
}

static void corpus_reseal(uint8_t *p, size_t cap)
{
	struct tdxboot_handoff_header *h = (void *)p;
	size_t n = h->total_size <= cap && h->total_size >= sizeof(*h) ? h->total_size : cap;

	h->crc32 = 0;
	h->crc32 = crc32_ieee(0, p, n);
}

static void corpus_run(struct corpus *c, const uint8_t *good, size_t len)
{
	uint8_t *t = aligned_alloc(8, (len + 7) / 8 * 8);

	if (!t) {
		fprintf(stderr, "corpus: out of memory\n");
		exit(2);
	}
	memcpy(t, good, len);
	corpus_judge(c, t, len, "the table", 0, -1);
	for (size_t n = 0; n < len; n += 8)
		corpus_judge(c, t, n, "truncated", n, -1);
	for (size_t i = 0; i < len; i++) {
		for (int b = 0; b < 8; b++) {
			memcpy(t, good, len);
			t[i] ^= (uint8_t)(1u << b);
			corpus_judge(c, t, len, "flip", i, b);
			if (i >= 0x14 && i < 0x18)
				continue; /* the CRC field itself */
			corpus_reseal(t, len);
			corpus_judge(c, t, len, "resealed flip", i, b);
		}
	}
	free(t);
}

/* The outcomes the builder writes (docs/handoff.md, "status"). */
enum corpus_outcome {
	CO_SUCCESS,
	CO_SUCCESS_EMULATED_MSRS,
	CO_FAILED,
	CO_ROLLED_BACK,
	CO_SKIPPED,
	CO_QUARANTINED,
	CO_COUNT
};

static const char *const corpus_outcome_name[CO_COUNT] = {
	"success", "success, emulated, 2 MSRs", "failed (not unwound)", "rolled back",
	"skipped", "quarantined (1 QUARANTINE entry)",
};

/* A failure whose PAMTs were not given back: TDMRS published, nothing RELEASED. */
static void corpus_set_kept(struct handoff_fixture *fx, uint32_t outcome)
{
	handoff_fixture_set_failed(fx);
	fx->rec.outcome = outcome;
	fx->rec.n_released = 0;
	fx->rec.released = NULL;
	fx->rec.plan = fx->plan;
}

static void corpus_set_outcome(struct handoff_fixture *fx, enum corpus_outcome o)
{
	struct handoff_record *r = &fx->rec;

	switch (o) {
	case CO_SUCCESS:
		break;
	case CO_SUCCESS_EMULATED_MSRS:
		r->emulated = true;
		r->n_msrs = 2;
		r->msrs[0] = (struct handoff_msr){ TDXBOOT_MSR_IA32_TSC_ADJUST, true, 0 };
		r->msrs[1] = (struct handoff_msr){ TDXBOOT_MSR_IA32_TSX_CTRL, false, 0 };
		break;
	case CO_FAILED:
		/* Not unwound: the PAMTs may still be reserved. */
		corpus_set_kept(fx, TDXBOOT_OUTCOME_FAILED);
		break;
	case CO_ROLLED_BACK:
		handoff_fixture_set_failed(fx);
		break;
	case CO_SKIPPED:
		r->step = TDXBOOT_STEP_PREFLIGHT;
		r->outcome = TDXBOOT_OUTCOME_SKIPPED;
		r->module_state = TDXBOOT_MODSTATE_UNKNOWN;
		r->lp_index = TDXBOOT_LP_NONE;
		r->status_flags = TDXBOOT_STATUS_PREV_ATTEMPT_UNFINISHED;
		r->plan = NULL;
		break;
	case CO_QUARANTINED:
		/* The PAMTs stay reserved. */
		corpus_set_kept(fx, TDXBOOT_OUTCOME_QUARANTINED);
		r->quarantine_step = TDXBOOT_STEP_KEY_CONFIG;
		r->quarantine_reason = TDXBOOT_QUARANTINE_WBINVD;
		r->quarantine_bytes = 16432ull * 1024;
		handoff_record_lp_unconfirmed(r, 5);
		break;
	case CO_COUNT:
		break;
	}
}

static uint8_t *corpus_fixture(enum corpus_outcome o, size_t *len)
{
	struct handoff_fixture *fx = handoff_fixture_new();
	uint8_t *p;

	if (!fx)
		return NULL;
	corpus_set_outcome(fx, o);
	p = handoff_fixture_build(fx, len);
	handoff_fixture_free(fx);
	return p;
}

int main(int argc, char **argv)
{
	struct corpus c = { 0 };

	if (argc == 3 && !strcmp(argv[1], "--write"))
		c.dir = argv[2];
	else if (argc != 1) {
		fprintf(stderr, "usage: corpus [--write DIR]\n");
		return 2;
	}
	for (int o = 0; o < CO_COUNT; o++) {
		size_t len;
		uint8_t *p = corpus_fixture((enum corpus_outcome)o, &len);
		struct handoff_view v;
		const char *kwhy;

		if (!p) {
			fprintf(stderr, "corpus: cannot build the %s table\n", corpus_outcome_name[o]);
			return 2;
		}
		/* The builder's table itself: valid to both readers, whatever 1.1 holds. */
		kwhy = kreader_validate(p, len);
		if (handoff_validate(p, len, &v) != HANDOFF_OK || kwhy) {
			fprintf(stderr, "corpus: the builder's %s table: lib/ says %s, the kernel reader %s\n",
				corpus_outcome_name[o], handoff_strerror(handoff_validate(p, len, &v)),
				kwhy ? kwhy : "valid");
			free(p);
			return 1;
		}
		corpus_run(&c, p, len);
		free(p);
	}
	printf("corpus: %lu tables (%lu valid), the kernel reader and lib/ %s\n", c.tables,
	       c.accepted, c.disagreements ? "DISAGREE" : "agree on every one");
	if (c.disagreements)
		printf("corpus: %lu disagreements\n", c.disagreements);
	return c.disagreements ? 1 : 0;
}
