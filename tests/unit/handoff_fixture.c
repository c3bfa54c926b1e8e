/* SPDX-License-Identifier: MIT */
#include "tests/unit/handoff_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GIB (1ull << 30)
#define MIB (1ull << 20)

/* PAMT chunk of a 2 GiB TDMR with 16-byte entries: 4K, 2M, 1G levels. */
#define PAMT_4K 0x800000ull
#define PAMT_2M 0x4000ull
#define PAMT_1G 0x1000ull
#define PAMT_CHUNK (PAMT_4K + PAMT_2M + PAMT_1G)

static void fixture_tdmr(struct plan_tdmr *t, uint64_t base, uint64_t pamt, uint32_t node)
{
	t->base = base;
	t->size = 2 * GIB;
	t->pamt_base[PLAN_PAMT_4K] = pamt;
	t->pamt_size[PLAN_PAMT_4K] = PAMT_4K;
	t->pamt_base[PLAN_PAMT_2M] = pamt + PAMT_4K;
	t->pamt_size[PLAN_PAMT_2M] = PAMT_2M;
	t->pamt_base[PLAN_PAMT_1G] = pamt + PAMT_4K + PAMT_2M;
	t->pamt_size[PLAN_PAMT_1G] = PAMT_1G;
	t->pamt_node = node;
}

/*
 * Two nodes: node 0 has [0, 2G) and [4G, 6G - 2M), node 1 [6G, 8G); the
 * last 2 MiB below 6G is RAM outside the CMRs, excluded by policy.
 * TDMR 0 [0, 2G): the legacy hole and both node-0 PAMTs reserved.
 * TDMR 1 [4G, 6G): the excluded 2 MiB reserved.
 * TDMR 2 [6G, 8G): its own PAMT (node 1) reserved at 7G.
 */
static void fixture_plan(struct plan_output *p)
{
	p->n_tdmrs = 3;
	fixture_tdmr(&p->tdmrs[0], 0, 0x7E000000, 0);
	fixture_tdmr(&p->tdmrs[1], 4 * GIB, 0x7E000000 + PAMT_CHUNK, 0);
	fixture_tdmr(&p->tdmrs[2], 6 * GIB, 7 * GIB, 1);
	p->tdmrs[0].n_rsvd = 2;
	p->tdmrs[0].rsvd[0] = (struct plan_range){ 0xA0000, 0x60000 };
	p->tdmrs[0].rsvd[1] = (struct plan_range){ 0x7E000000, 2 * PAMT_CHUNK };
	p->tdmrs[1].n_rsvd = 1;
	p->tdmrs[1].rsvd[0] = (struct plan_range){ 2 * GIB - 2 * MIB, 2 * MIB };
	p->tdmrs[2].n_rsvd = 1;
	p->tdmrs[2].rsvd[0] = (struct plan_range){ 1 * GIB, PAMT_CHUNK };
	p->n_excluded = 1;
	p->excluded[0] = (struct plan_range){ 6 * GIB - 2 * MIB, 2 * MIB };
	p->excluded_noncmr_bytes = 2 * MIB;
	p->pamt_bytes = 3 * PAMT_CHUNK;
	p->n_pamt_nodes = 2;
	p->pamt_nodes[0] = (struct plan_node_bytes){ .node = 0, .bytes = 2 * PAMT_CHUNK };
	p->pamt_nodes[1] = (struct plan_node_bytes){ .node = 1, .bytes = PAMT_CHUNK };
	p->tdx_memory_bytes = 6 * GIB - 0x60000 - 2 * MIB;
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
	fx->cmrs[0] = (struct plan_range){ 0, 2 * GIB };
	fx->cmrs[1] = (struct plan_range){ 4 * GIB, 2 * GIB - 2 * MIB };
	fx->cmrs[2] = (struct plan_range){ 6 * GIB, 2 * GIB };
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
	r->n_released = 0;
	for (uint32_t i = 0; i < fx->plan->n_tdmrs && i < 3; i++)
		for (int l = 0; l < 3; l++)
			if (fx->plan->tdmrs[i].pamt_size[l])
				fx->released[r->n_released++] = (struct plan_range){
					fx->plan->tdmrs[i].pamt_base[l], fx->plan->tdmrs[i].pamt_size[l] };
	r->released = fx->released;
	r->plan = NULL;
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
