/* SPDX-License-Identifier: MIT */
/* core/handoff_build: record -> table, read back through lib/handoff. */
#include <stdlib.h>

#include "core/handoff_build.h"
#include "lib/crc32.h"
#include "lib/handoff.h"
#include "tests/unit/handoff_fixture.h"
#include "tests/unit/test.h"

TEST(handoff_build_size_matches_length)
{
	struct handoff_fixture *fx = handoff_fixture_new();
	size_t len = 0;
	void *t;

	REQUIRE(fx);
	t = handoff_fixture_build(fx, &len);
	REQUIRE(t);
	CHECK_U64_EQ(len % 8, 0);
	/* header + 14 directory entries (1.2) + status + module + platform +
	 * memory + 8 LPs + 3 CMRs + 3 TDMRs + 4 reserved + 2 nodes + 1 excluded
	 * + 10 timings; no MSRS, no QUARANTINE.  Counted from the fixture and
	 * the ABI sizes, not from handoff_size(), the function under test. */
	CHECK_U64_EQ(len, 64 + 14 * 16 + 336 + 80 + 32 + 32 + 8 * 8 + 3 * 16 + 3 * 80 +
				  4 * 16 + 2 * 16 + 1 * 16 + 10 * 16);
	free(t);
	handoff_fixture_free(fx);
}

TEST(handoff_build_round_trip)
{
	struct handoff_fixture *fx = handoff_fixture_new();
	struct handoff_view v;
	size_t len = 0;
	void *t;

	REQUIRE(fx);
	t = handoff_fixture_build(fx, &len);
	REQUIRE(t);
	REQUIRE(handoff_validate(t, len, &v) == HANDOFF_OK);
	CHECK_U64_EQ(v.version, TDXBOOT_HANDOFF_VERSION_1_2);
	CHECK(handoff_module_ready(&v));

	const struct tdxboot_handoff_status *st = handoff_status(&v);
	REQUIRE(st);
	CHECK_U64_EQ(st->step, TDXBOOT_STEP_HANDOFF);
	CHECK_U64_EQ(st->outcome, TDXBOOT_OUTCOME_SUCCESS);
	CHECK_U64_EQ(st->lp_index, TDXBOOT_LP_NONE);
	CHECK_U64_EQ(st->flags, 0);
	CHECK_STR_EQ(st->producer, "tdxboot 0.1.0 (fixture)");
	CHECK_STR_EQ(st->message, "TDX module initialized");

	const struct tdxboot_handoff_module *m = handoff_module(&v);
	REQUIRE(m);
	CHECK_U64_EQ(m->flags, TDXBOOT_MODULE_VALID | TDXBOOT_MODULE_SEAMLDR |
				       TDXBOOT_MODULE_INSTALLED);
	CHECK_U64_EQ(m->major_version, 1);
	CHECK_U64_EQ(m->minor_version, 5);
	CHECK_U64_EQ(m->update_version, 6);
	CHECK_U64_EQ(m->build_num, 796);
	CHECK_U64_EQ(m->tdx_features0, 0x601f);
	CHECK_U64_EQ(m->max_tdmrs, 64);
	CHECK_U64_EQ(m->max_reserved_per_tdmr, 16);
	CHECK_U64_EQ(m->pamt_entry_size[2], 16);
	CHECK_U64_EQ(m->seamldr_update_version, 2);
	CHECK_U64_EQ(m->seamldr_num_remaining_updates, 61);

	const struct tdxboot_handoff_platform *p = handoff_platform(&v);
	REQUIRE(p);
	CHECK_U64_EQ(p->n_lps, 8);
	CHECK_U64_EQ(p->n_packages, 2);
	CHECK_U64_EQ(p->n_lps_initialized, 8);
	CHECK_U64_EQ(p->tdx_keyid_first, 32);
	CHECK_U64_EQ(p->global_keyid, 32);
	REQUIRE(handoff_count(&v, TDXBOOT_SEC_LPS) == 8);
	CHECK_U64_EQ(handoff_lp(&v, 0)->flags, TDXBOOT_LP_INIT_DONE | TDXBOOT_LP_BSP);
	CHECK_U64_EQ(handoff_lp(&v, 5)->apic_id, 0x42);
	CHECK_U64_EQ(handoff_lp(&v, 5)->flags, TDXBOOT_LP_INIT_DONE);
	CHECK(handoff_lp(&v, 8) == NULL);

	REQUIRE(handoff_count(&v, TDXBOOT_SEC_CMRS) == 3);
	CHECK_U64_EQ(handoff_cmr(&v, 2)->base, 0x180000000ull);
	CHECK_U64_EQ(handoff_cmr(&v, 1)->size, 0x7FE00000ull);

	REQUIRE(handoff_count(&v, TDXBOOT_SEC_TDMRS) == 3);
	const struct tdxboot_handoff_tdmr *t2 = handoff_tdmr(&v, 2);
	CHECK_U64_EQ(t2->base, 6ull << 30);
	CHECK_U64_EQ(t2->size, 2ull << 30);
	CHECK_U64_EQ(t2->pamt_size[TDXBOOT_PAMT_4K], 0x800000);
	CHECK_U64_EQ(t2->pamt_base[TDXBOOT_PAMT_1G],
		     fx->plan->tdmrs[2].pamt_base[PLAN_PAMT_1G]);
	CHECK_U64_EQ(t2->pamt_node, 1);
	CHECK_U64_EQ(t2->n_rsvd, 1);
	CHECK_U64_EQ(t2->rsvd_first, 3);
	CHECK_U64_EQ(t2->pamt_base[TDXBOOT_PAMT_4K], 7ull << 30);
	CHECK_U64_EQ(handoff_tdmr_rsvd(&v, t2, 0)->base, 0x40000000);
	CHECK_U64_EQ(handoff_tdmr_rsvd(&v, t2, 0)->size, 0x805000);
	CHECK(handoff_tdmr_rsvd(&v, t2, 1) == NULL);
	CHECK_U64_EQ(handoff_tdmr_rsvd(&v, handoff_tdmr(&v, 0), 1)->size, 0x100A000);
	CHECK_U64_EQ(handoff_tdmr(&v, 1)->n_rsvd, 1);
	CHECK_U64_EQ(handoff_tdmr(&v, 1)->rsvd_first, 2);

	const struct tdxboot_handoff_memory *mem = handoff_memory(&v);
	REQUIRE(mem);
	CHECK_U64_EQ(mem->pamt_bytes, fx->plan->pamt_bytes);
	CHECK_U64_EQ(mem->excluded_noncmr_bytes, 0x200000);
	REQUIRE(handoff_count(&v, TDXBOOT_SEC_PAMT_NODES) == 2);
	CHECK_U64_EQ(handoff_pamt_node(&v, 1)->node, 1);
	CHECK_U64_EQ(handoff_pamt_node(&v, 1)->bytes, 0x805000);
	REQUIRE(handoff_count(&v, TDXBOOT_SEC_EXCLUDED) == 1);
	CHECK_U64_EQ(handoff_excluded(&v, 0)->size, 0x200000);
	REQUIRE(handoff_count(&v, TDXBOOT_SEC_TIMINGS) == 10);
	CHECK_U64_EQ(handoff_timing(&v, 9)->phase, TDXBOOT_PHASE_TOTAL);
	CHECK_U64_EQ(handoff_timing(&v, 8)->usec, 512000);
	free(t);
	handoff_fixture_free(fx);
}

TEST(handoff_build_failed_run)
{
	struct handoff_fixture *fx = handoff_fixture_new();
	struct handoff_view v;
	size_t len = 0;
	void *t;

	REQUIRE(fx);
	handoff_fixture_set_failed(fx);
	fx->rec.emulated = true;
	t = handoff_fixture_build(fx, &len);
	REQUIRE(t);
	REQUIRE(handoff_validate(t, len, &v) == HANDOFF_OK);
	CHECK(!handoff_module_ready(&v));
	CHECK_U64_EQ(handoff_status(&v)->outcome, TDXBOOT_OUTCOME_ROLLED_BACK);
	CHECK_U64_EQ(handoff_status(&v)->step, TDXBOOT_STEP_KEY_CONFIG);
	CHECK_U64_EQ(handoff_status(&v)->seamcall_status, 0x8000080000000000ull);
	CHECK_U64_EQ(handoff_status(&v)->lp_index, 5);
	CHECK_U64_EQ(handoff_status(&v)->error, TB_ESEAM);
	CHECK_U64_EQ(handoff_status(&v)->flags, TDXBOOT_STATUS_EMULATED);
	CHECK_STR_CONTAINS(handoff_status(&v)->message, "TDX_KEY_GENERATION_FAILED");
	/* 1.2: no plan, but the PAMTs given back, range by range. */
	CHECK_U64_EQ(handoff_count(&v, TDXBOOT_SEC_TDMRS), 0);
	REQUIRE(fx->rec.n_released > 0);
	CHECK_U64_EQ(handoff_count(&v, TDXBOOT_SEC_RELEASED), fx->rec.n_released);
	for (uint32_t i = 0; i < fx->rec.n_released; i++) {
		CHECK_U64_EQ(handoff_released(&v, i)->base, fx->released[i].base);
		CHECK_U64_EQ(handoff_released(&v, i)->size, fx->released[i].size);
	}
	CHECK_STR_EQ(handoff_section_name(TDXBOOT_SEC_RELEASED), "RELEASED");
	free(t);

	/* Only a rolled-back run publishes them: a success has its PAMTs. */
	fx->rec.outcome = TDXBOOT_OUTCOME_FAILED;
	t = handoff_fixture_build(fx, &len);
	REQUIRE(t);
	REQUIRE(handoff_validate(t, len, &v) == HANDOFF_OK);
	CHECK_U64_EQ(handoff_count(&v, TDXBOOT_SEC_RELEASED), 0);
	free(t);
	handoff_fixture_free(fx);
}


/* A skipped run: nothing but the status and empty sections. */
TEST(handoff_build_minimal_record)
{
	static struct handoff_record rec;
	struct handoff_view v;
	uint64_t buf[256];
	size_t len = 0;
	struct tb_err err = { { 0 } };

	rec.outcome = TDXBOOT_OUTCOME_SKIPPED;
	rec.step = TDXBOOT_STEP_PREFLIGHT;
	rec.module_state = TDXBOOT_MODSTATE_NOT_LOADED;
	rec.lp_index = TDXBOOT_LP_NONE;
	REQUIRE(handoff_build(&rec, buf, sizeof(buf), &len, &err) == TB_OK);
	REQUIRE(handoff_validate(buf, len, &v) == HANDOFF_OK);
	CHECK_STR_CONTAINS(handoff_status(&v)->producer, "tdxboot ");
	CHECK_STR_EQ(handoff_status(&v)->message, "");
	CHECK_U64_EQ(handoff_module(&v)->flags, 0);
	CHECK_U64_EQ(handoff_count(&v, TDXBOOT_SEC_TDMRS), 0);
	CHECK_U64_EQ(handoff_count(&v, TDXBOOT_SEC_LPS), 0);
	CHECK_U64_EQ(handoff_memory(&v)->pamt_bytes, 0);
	CHECK(handoff_tdmr(&v, 0) == NULL);
	CHECK(!handoff_module_ready(&v));
}

TEST(handoff_build_message_truncated_with_nul)
{
	static struct handoff_record rec;
	struct handoff_view v;
	uint64_t buf[256];
	size_t len = 0;

	memset(rec.message, 'x', sizeof(rec.message)); /* no NUL at all */
	rec.producer = "a producer name far longer than the forty-eight bytes of the field";
	REQUIRE(handoff_build(&rec, buf, sizeof(buf), &len, NULL) == TB_OK);
	REQUIRE(handoff_validate(buf, len, &v) == HANDOFF_OK);
	CHECK_U64_EQ(strlen(handoff_status(&v)->message), TDXBOOT_MESSAGE_LEN - 1);
	CHECK_U64_EQ(strlen(handoff_status(&v)->producer), TDXBOOT_PRODUCER_LEN - 1);
}

TEST(handoff_build_rejects_small_or_unaligned_buffer)
{
	struct handoff_fixture *fx = handoff_fixture_new();
	size_t need, len = 0;
	uint64_t *buf;
	struct tb_err err = { { 0 } };

	REQUIRE(fx);
	need = handoff_size(&fx->rec);
	buf = calloc(1, need + 8);
	REQUIRE(buf);
	CHECK_INT_EQ(handoff_build(&fx->rec, buf, need - 8, &len, &err), TB_ENOMEM);
	CHECK_STR_CONTAINS(err.msg, "buffer");
	CHECK_INT_EQ(handoff_build(&fx->rec, (uint8_t *)buf + 4, need, &len, NULL), TB_ENOMEM);
	CHECK_INT_EQ(handoff_build(&fx->rec, NULL, need, &len, NULL), TB_ENOMEM);
	CHECK_INT_EQ(handoff_build(&fx->rec, buf, need, &len, NULL), TB_OK);
	free(buf);
	handoff_fixture_free(fx);
}

TEST(handoff_build_rejects_bad_record)
{
	struct handoff_fixture *fx = handoff_fixture_new();
	uint64_t buf[16];
	size_t len;
	struct tb_err err = { { 0 } };

	REQUIRE(fx);
	fx->rec.n_lps = HANDOFF_LP_CAP + 1;
	fx->rec.lp_apic_ids = NULL;
	CHECK_INT_EQ(handoff_build(&fx->rec, buf, sizeof(buf), &len, &err), TB_EINVAL);
	CHECK_STR_CONTAINS(err.msg, "LPs");
	CHECK_U64_EQ(handoff_size(&fx->rec), 0);
	fx->rec.n_lps = 0;
	fx->rec.cmrs = NULL;
	CHECK_INT_EQ(handoff_build(&fx->rec, buf, sizeof(buf), &len, NULL), TB_EINVAL);
	fx->rec.n_cmrs = 0;
	fx->plan->tdmrs[1].n_rsvd = PLAN_RSVD_CAP + 1;
	CHECK_INT_EQ(handoff_build(&fx->rec, buf, sizeof(buf), &len, NULL), TB_EINVAL);
	handoff_fixture_free(fx);
}

/* All 4096 LPs: the bitmap's last word and the flags of the last LP. */
TEST(handoff_build_max_lps)
{
	static struct handoff_record rec;
	struct handoff_view v;
	size_t len = 0, cap;
	void *buf;

	rec.n_lps = HANDOFF_LP_CAP;
	rec.bsp_index = 7;
	handoff_record_lp_init(&rec, HANDOFF_LP_CAP - 1);
	handoff_record_lp_init(&rec, HANDOFF_LP_CAP); /* beyond: ignored */
	cap = handoff_size(&rec);
	buf = aligned_alloc(8, cap);
	REQUIRE(buf);
	REQUIRE(handoff_build(&rec, buf, cap, &len, NULL) == TB_OK);
	REQUIRE(handoff_validate(buf, len, &v) == HANDOFF_OK);
	CHECK_U64_EQ(handoff_platform(&v)->n_lps_initialized, 1);
	CHECK_U64_EQ(handoff_lp(&v, HANDOFF_LP_CAP - 1)->flags, TDXBOOT_LP_INIT_DONE);
	CHECK_U64_EQ(handoff_lp(&v, 7)->flags, TDXBOOT_LP_BSP);
	CHECK_U64_EQ(handoff_lp(&v, 0)->apic_id, TDXBOOT_APIC_ID_NONE);
	free(buf);
}

TEST(handoff_record_phase_drops_beyond_cap)
{
	static struct handoff_record rec;

	for (uint32_t i = 0; i < HANDOFF_PHASE_CAP + 5; i++)
		handoff_record_phase(&rec, i, i);
	CHECK_U64_EQ(rec.n_phases, HANDOFF_PHASE_CAP);
	CHECK_U64_EQ(rec.phases[HANDOFF_PHASE_CAP - 1].usec, HANDOFF_PHASE_CAP - 1);
}

/* Every capacity full at once: the largest table tdxboot can write. */
TEST(handoff_build_every_cap_full)
{
	static struct handoff_record rec;
	static struct plan_range cmrs[1024];
	struct plan_output *plan = calloc(1, sizeof(*plan));
	struct handoff_view v;
	size_t len = 0, cap;
	void *buf;

	REQUIRE(plan);
	plan->n_tdmrs = PLAN_TDMR_CAP;
	for (uint32_t i = 0; i < PLAN_TDMR_CAP; i++) {
		plan->tdmrs[i].base = (uint64_t)i << 30;
		plan->tdmrs[i].size = 1ull << 30;
		plan->tdmrs[i].n_rsvd = PLAN_RSVD_CAP;
		for (uint32_t j = 0; j < PLAN_RSVD_CAP; j++)
			plan->tdmrs[i].rsvd[j] = (struct plan_range){ j * 0x1000ull, 0x1000 };
	}
	plan->n_excluded = PLAN_EXCL_CAP;
	plan->n_pamt_nodes = PLAN_TDMR_CAP;
	for (uint32_t n = 0; n < PLAN_TDMR_CAP; n++)
		plan->pamt_nodes[n] = (struct plan_node_bytes){ .node = n * 8, .bytes = n + 1 };
	rec.n_lps = HANDOFF_LP_CAP;
	rec.cmrs = cmrs;
	rec.n_cmrs = 1024;
	rec.plan = plan;
	for (uint32_t i = 0; i < HANDOFF_PHASE_CAP; i++)
		handoff_record_phase(&rec, i, i);
	cap = handoff_size(&rec);
	CHECK_U64_EQ(cap, 64 + 14 * 16 + 336 + 80 + 32 + 32 + HANDOFF_LP_CAP * 8 + 1024 * 16 +
				  PLAN_TDMR_CAP * 80 + PLAN_TDMR_CAP * PLAN_RSVD_CAP * 16 +
				  PLAN_TDMR_CAP * 16 + PLAN_EXCL_CAP * 16 + HANDOFF_PHASE_CAP * 16);
	buf = aligned_alloc(8, cap);
	REQUIRE(buf);
	REQUIRE(handoff_build(&rec, buf, cap, &len, NULL) == TB_OK);
	REQUIRE(handoff_validate(buf, len, &v) == HANDOFF_OK);
	CHECK_U64_EQ(handoff_tdmr(&v, PLAN_TDMR_CAP - 1)->rsvd_first,
		     (PLAN_TDMR_CAP - 1) * PLAN_RSVD_CAP);
	CHECK_U64_EQ(handoff_tdmr_rsvd(&v, handoff_tdmr(&v, PLAN_TDMR_CAP - 1),
				       PLAN_RSVD_CAP - 1)->base, (PLAN_RSVD_CAP - 1) * 0x1000ull);
	CHECK_U64_EQ(handoff_pamt_node(&v, PLAN_TDMR_CAP - 1)->bytes, PLAN_TDMR_CAP);
	CHECK_U64_EQ(handoff_pamt_node(&v, PLAN_TDMR_CAP - 1)->node, (PLAN_TDMR_CAP - 1) * 8);
	free(buf);
	free(plan);
}

/* After editing a built table: its CRC again, as the builder computes it. */
static void recrc(void *t, size_t len)
{
	struct tdxboot_handoff_header *h = t;

	h->crc32 = 0;
	h->crc32 = crc32_ieee(0, t, len);
}

/* 1.1: the sampled MSRs and a quarantine, read back; the reader refuses a
 * QUARANTINE that does not match the outcome or the flagged LPs. */
TEST(handoff_build_quarantine_and_msrs_round_trip)
{
	struct handoff_fixture *fx = handoff_fixture_new();
	const struct tdxboot_handoff_quarantine *q;
	struct tdxboot_handoff_status *st;
	struct handoff_view v;
	size_t len = 0;
	uint8_t *t;

	REQUIRE(fx);
	fx->rec.outcome = TDXBOOT_OUTCOME_QUARANTINED;
	fx->rec.quarantine_step = TDXBOOT_STEP_TDMR_INIT;
	fx->rec.quarantine_reason = TDXBOOT_QUARANTINE_VMXOFF;
	fx->rec.quarantine_bytes = 0x123000;
	handoff_record_lp_unconfirmed(&fx->rec, 3);
	fx->rec.n_msrs = 2;
	fx->rec.msrs[0] = (struct handoff_msr){ TDXBOOT_MSR_IA32_TSC_ADJUST, true, 0 };
	fx->rec.msrs[1] = (struct handoff_msr){ TDXBOOT_MSR_IA32_TSX_CTRL, false, 0 };
	t = handoff_fixture_build(fx, &len);
	REQUIRE(t);
	REQUIRE(handoff_validate(t, len, &v) == HANDOFF_OK);
	CHECK(!handoff_module_ready(&v));
	q = handoff_quarantine(&v);
	REQUIRE(q);
	CHECK_U64_EQ(q->step, TDXBOOT_STEP_TDMR_INIT);
	CHECK_U64_EQ(q->reason, TDXBOOT_QUARANTINE_VMXOFF);
	CHECK_U64_EQ(q->n_lps, 1);
	CHECK_U64_EQ(q->bytes, 0x123000);
	CHECK(handoff_lp(&v, 3)->flags & TDXBOOT_LP_UNCONFIRMED);
	CHECK(!(handoff_lp(&v, 2)->flags & TDXBOOT_LP_UNCONFIRMED));
	CHECK_U64_EQ(handoff_count(&v, TDXBOOT_SEC_MSRS), 2);
	CHECK_U64_EQ(handoff_msr(&v, 0)->index, 0x3B);
	CHECK_U64_EQ(handoff_msr(&v, 0)->flags, TDXBOOT_MSR_PRESENT);
	CHECK_U64_EQ(handoff_msr(&v, 1)->flags, 0);
	CHECK_STR_EQ(handoff_outcome_name(TDXBOOT_OUTCOME_QUARANTINED), "quarantined");
	CHECK_STR_EQ(handoff_quarantine_reason_name(q->reason), "vmxoff_unconfirmed");
	CHECK_STR_EQ(handoff_section_name(TDXBOOT_SEC_QUARANTINE), "QUARANTINE");

	/* The outcome says rolled back, the table still has a QUARANTINE. */
	st = (struct tdxboot_handoff_status *)handoff_status(&v);
	st->outcome = TDXBOOT_OUTCOME_ROLLED_BACK;
	recrc(t, len);
	CHECK_INT_EQ(handoff_validate(t, len, &v), HANDOFF_EINCONSISTENT);
	free(t);

	/* Two LPs flagged, the QUARANTINE counts one. */
	handoff_record_lp_unconfirmed(&fx->rec, 5);
	fx->rec.lp_unconfirmed[0] &= ~(1ull << 5);
	t = handoff_fixture_build(fx, &len);
	REQUIRE(t);
	REQUIRE(handoff_validate(t, len, &v) == HANDOFF_OK);
	((struct tdxboot_handoff_lp *)handoff_lp(&v, 5))->flags |= TDXBOOT_LP_UNCONFIRMED;
	recrc(t, len);
	CHECK_INT_EQ(handoff_validate(t, len, &v), HANDOFF_EINCONSISTENT);
	free(t);
	handoff_fixture_free(fx);
}

/* A reader refuses RELEASED entries that are not whole pages, or next to
 * an outcome other than rolled back. */
TEST(handoff_validate_released_only_after_rollback)
{
	struct handoff_fixture *fx = handoff_fixture_new();
	struct tdxboot_handoff_status *st;
	struct tdxboot_handoff_range *r;
	struct handoff_view v;
	size_t len = 0;
	uint8_t *t;

	REQUIRE(fx);
	handoff_fixture_set_failed(fx);
	t = handoff_fixture_build(fx, &len);
	REQUIRE(t);
	REQUIRE(handoff_validate(t, len, &v) == HANDOFF_OK);
	r = (struct tdxboot_handoff_range *)handoff_released(&v, 0);
	st = (struct tdxboot_handoff_status *)handoff_status(&v);
	REQUIRE(r && st);
	r->size += 0x800;
	recrc(t, len);
	CHECK_INT_EQ(handoff_validate(t, len, &v), HANDOFF_EINCONSISTENT);
	CHECK_INT_EQ(v.bad_section, TDXBOOT_SEC_RELEASED - 1); /* directory index */
	r->size -= 0x800;
	st->outcome = TDXBOOT_OUTCOME_FAILED;
	recrc(t, len);
	CHECK_INT_EQ(handoff_validate(t, len, &v), HANDOFF_EINCONSISTENT);
	st->outcome = TDXBOOT_OUTCOME_ROLLED_BACK;
	recrc(t, len);
	CHECK_INT_EQ(handoff_validate(t, len, &v), HANDOFF_OK);
	free(t);
	handoff_fixture_free(fx);
}
