/* SPDX-License-Identifier: MIT */
#include "tests/unit/handoff_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GIB (1ull << 30)
#define MIB (1ull << 20)

static void fixture_plan(struct plan_output *p)
{
	/* TDMR 0: [0, 2G) node 0 with the legacy holes reserved; TDMR 1:
	 * [4G, 6G) node 0; TDMR 2: [6G, 8G) node 1 (PAMT on node 1). */
	static const struct plan_range rsvd0[] = {
		{ 0xA0000, 0x60000 }, { 0x7F000000, 0x1000000 },
	};
	const uint64_t base[3] = { 0, 4 * GIB, 6 * GIB };

	p->n_tdmrs = 3;
	for (uint32_t i = 0; i < 3; i++) {
		struct plan_tdmr *t = &p->tdmrs[i];
		uint64_t pamt = 0x7F000000 + i * 0x800000ull;

		t->base = base[i];
		t->size = 2 * GIB;
		t->pamt_size[PLAN_PAMT_4K] = 0x800000;
		t->pamt_size[PLAN_PAMT_2M] = 0x4000;
		t->pamt_size[PLAN_PAMT_1G] = 0x1000;
		t->pamt_base[PLAN_PAMT_4K] = pamt;
		t->pamt_base[PLAN_PAMT_2M] = pamt + 0x800000 - 0x5000;
		t->pamt_base[PLAN_PAMT_1G] = pamt + 0x800000 - 0x1000;
		t->pamt_node = i == 2 ? 1 : 0;
	}
	p->tdmrs[0].n_rsvd = 2;
	memcpy(p->tdmrs[0].rsvd, rsvd0, sizeof(rsvd0));
	p->tdmrs[2].n_rsvd = 1;
	p->tdmrs[2].rsvd[0] = (struct plan_range){ 0x40000000, 0x200000 };
	p->n_excluded = 1;
	p->excluded[0] = (struct plan_range){ 0x180000000ull - 0x200000, 0x200000 };
	p->excluded_noncmr_bytes = 0x200000;
	p->pamt_bytes = 3 * (0x800000 + 0x4000 + 0x1000);
	p->pamt_bytes_node[0] = 2 * (0x800000 + 0x4000 + 0x1000);
	p->pamt_bytes_node[1] = 0x800000 + 0x4000 + 0x1000;
	p->tdx_memory_bytes = 6 * GIB - 0x60000 - 0x1000000 - 0x200000;
}

static void fixture_module(struct handoff_fixture *fx)
{
	struct handoff_module_info *m = &fx->rec.module;

	m->valid = true;
	m->installed = true;
	m->vendor_id = 0x8086;
	m->major_version = 1;
	m->minor_version = 5;
	m->update_version = 6;
	m->build_date = 20240925;
	m->build_num = 796;
	m->sys_attributes = 0;
	m->tdx_features0 = 0x000000000000601full;
	m->limits.max_tdmrs = 64;
	m->limits.max_rsvd_per_tdmr = 16;
	m->limits.pamt_entry_size[0] = 16;
	m->limits.pamt_entry_size[1] = 16;
	m->limits.pamt_entry_size[2] = 16;
	fx->seamldr.major_version = 1;
	fx->seamldr.minor_version = 5;
	fx->seamldr.reserved0 = 2;
	fx->seamldr.build_date = 20240101;
	fx->seamldr.build_num = 100;
	fx->seamldr.num_remaining_updates = 61;
	fx->rec.seamldr = &fx->seamldr;
}

static void fixture_cpus(struct handoff_fixture *fx)
{
	struct handoff_record *r = &fx->rec;

	r->n_lps = 8;
	r->n_packages = 2;
	r->bsp_index = 0;
	for (uint32_t i = 0; i < 8; i++) {
		fx->apic_ids[i] = (i / 4) * 0x40 + (i % 4) * 2;
		handoff_record_lp_init(r, i);
	}
	r->lp_apic_ids = fx->apic_ids;
	r->tdx_keyid_first = 32;
	r->tdx_keyid_count = 32;
	r->global_keyid = 32;
	r->mktme_keyid_count = 31;
}

static void fixture_phases(struct handoff_record *r)
{
	static const struct { uint32_t phase; uint64_t usec; } ph[] = {
		{ TDXBOOT_STEP_PREFLIGHT, 120 },   { TDXBOOT_STEP_SEAMLDR_INSTALL, 81000 },
		{ TDXBOOT_STEP_SYS_INIT, 40 },     { TDXBOOT_STEP_LP_INIT, 950 },
		{ TDXBOOT_STEP_SYS_RD, 30 },       { TDXBOOT_STEP_PLAN, 2100 },
		{ TDXBOOT_STEP_SYS_CONFIG, 300 },  { TDXBOOT_STEP_KEY_CONFIG, 4100 },
		{ TDXBOOT_STEP_TDMR_INIT, 512000 }, { TDXBOOT_PHASE_TOTAL, 601000 },
	};

	for (size_t i = 0; i < sizeof(ph) / sizeof(ph[0]); i++)
		handoff_record_phase(r, ph[i].phase, ph[i].usec);
}

struct handoff_fixture *handoff_fixture_new(void)
{
	struct handoff_fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || !(fx->plan = calloc(1, sizeof(*fx->plan)))) {
		free(fx);
		return NULL;
	}
	fixture_plan(fx->plan);
	fixture_module(fx);
	fixture_cpus(fx);
	fixture_phases(&fx->rec);
	fx->cmrs[0] = (struct plan_range){ 0, 0x80000000 };
	fx->cmrs[1] = (struct plan_range){ 0x100000000ull, 0x80000000 };
	fx->cmrs[2] = (struct plan_range){ 0x180000000ull, 0x80000000 };
	fx->rec.cmrs = fx->cmrs;
	fx->rec.n_cmrs = 3;
	fx->rec.plan = fx->plan;
	fx->rec.step = TDXBOOT_STEP_HANDOFF;
	fx->rec.outcome = TDXBOOT_OUTCOME_SUCCESS;
	fx->rec.module_state = TDXBOOT_MODSTATE_READY;
	fx->rec.lp_index = TDXBOOT_LP_NONE;
	fx->rec.producer = "tdxboot 0.1.0 (fixture)";
	snprintf(fx->rec.message, sizeof(fx->rec.message), "TDX module initialized");
	return fx;
}

void handoff_fixture_free(struct handoff_fixture *fx)
{
	if (fx)
		free(fx->plan);
	free(fx);
}

void handoff_fixture_set_failed(struct handoff_fixture *fx)
{
	struct handoff_record *r = &fx->rec;

	r->step = TDXBOOT_STEP_KEY_CONFIG;
	r->outcome = TDXBOOT_OUTCOME_ROLLED_BACK;
	r->module_state = TDXBOOT_MODSTATE_UNUSABLE;
	r->seamcall_status = 0x8000080000000000ull; /* TDX_KEY_GENERATION_FAILED */
	r->lp_index = 5;
	r->error = TB_ESEAM;
	snprintf(r->message, sizeof(r->message),
		 "TDH.SYS.KEY.CONFIG failed on package 1 (LP 5): TDX_KEY_GENERATION_FAILED");
}

void *handoff_fixture_build(const struct handoff_fixture *fx, size_t *len)
{
	size_t cap = handoff_size(&fx->rec);
	void *buf = cap ? aligned_alloc(8, (cap + 7) & ~(size_t)7) : NULL;
	struct tb_err err = { { 0 } };

	if (!buf)
		return NULL;
	if (handoff_build(&fx->rec, buf, cap, len, &err) != TB_OK) {
		fprintf(stderr, "handoff_fixture_build: %s\n", err.msg);
		free(buf);
		return NULL;
	}
	return buf;
}
