/* SPDX-License-Identifier: MIT */
/*
 * The systematic fault-injection matrix of issue 9, generated rather than
 * picked: every SEAMCALL leaf the sequence makes (module install included),
 * at its first, middle and last call of a clean run and on each LP, times
 * each status class (recoverable busy, entropy, operand invalid, fatal),
 * against the emulated module on a 2-package x 2-LP machine, once for
 * every module profile the emulator runs (emu/profile.c): the module comes
 * from that profile's TDX-BLOB (1.0: preloaded, P-SEAMLDR refuses it).
 *
 * What each case must show:
 *   - the sequence terminates (a watchdog alarm ends a hang);
 *   - where the fault is not reached or retried, the profile's clean
 *     outcome: PAMTs reserved and the record says initialized, or on 1.0
 *     the refusal before CONFIG with nothing reserved;
 *   - on failure, the step of the failing leaf is recorded with a message,
 *     the outcome is rolled back, nothing stays reserved, no PAMT line still
 *     holds module data, and a fault pinned to an LP names that LP;
 *   - VMX is off on every LP either way.
 * Which of success and failure is right follows from the sequence's retry
 * policy (docs/initializer.md) and from whether the fault was reached: a
 * counting backend sees every SEAMCALL per leaf and LP, so a fault pinned
 * to an LP that made no such call (TDMR.INIT work taken by the others) is
 * known to be unreached instead of being a race.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/unit/init_harness.h"
#include "tests/unit/test.h"

#define MX_PKGS      2
#define MX_LPS_PKG   2
#define MX_LPS       (MX_PKGS * MX_LPS_PKG)
#define MX_WATCHDOG  30   /* seconds a case may take before it counts as a hang */

struct mx_leaf {
	const char *spec;      /* emu_fault_add leaf name */
	const char *name;      /* as messages print it */
	enum emu_leaf leaf;
	uint64_t rax;
	uint32_t step;
	bool seamldr;          /* P-SEAMLDR statuses rather than TDX module ones */
};

static const struct mx_leaf mx_leaves[] = {
	{ "seamldr_info", "SEAMLDR.INFO", EMU_LEAF_SEAMLDR_INFO, SEAMLDR_INFO,
	  TDXBOOT_STEP_SEAMLDR_INFO, true },
	{ "seamldr_install", "SEAMLDR.INSTALL", EMU_LEAF_SEAMLDR_INSTALL, SEAMLDR_INSTALL,
	  TDXBOOT_STEP_SEAMLDR_INSTALL, true },
	{ "sys_init", "TDH.SYS.INIT", EMU_LEAF_SYS_INIT, TDH_SYS_INIT, TDXBOOT_STEP_SYS_INIT, false },
	{ "lp_init", "TDH.SYS.LP.INIT", EMU_LEAF_LP_INIT, TDH_SYS_LP_INIT, TDXBOOT_STEP_LP_INIT, false },
	{ "sys_rd", "TDH.SYS.RD", EMU_LEAF_SYS_RD, TDH_SYS_RD, TDXBOOT_STEP_SYS_RD, false },
	/* Called only where TDH.SYS.RD is missing (1.0). */
	{ "sys_info", "TDH.SYS.INFO", EMU_LEAF_SYS_INFO, TDH_SYS_INFO, TDXBOOT_STEP_SYS_RD, false },
	{ "sys_config", "TDH.SYS.CONFIG", EMU_LEAF_SYS_CONFIG, TDH_SYS_CONFIG,
	  TDXBOOT_STEP_SYS_CONFIG, false },
	{ "key_config", "TDH.SYS.KEY.CONFIG", EMU_LEAF_KEY_CONFIG, TDH_SYS_KEY_CONFIG,
	  TDXBOOT_STEP_KEY_CONFIG, false },
	{ "tdmr_init", "TDH.SYS.TDMR.INIT", EMU_LEAF_TDMR_INIT, TDH_SYS_TDMR_INIT,
	  TDXBOOT_STEP_TDMR_INIT, false },
};
#define MX_N_LEAVES (sizeof(mx_leaves) / sizeof(mx_leaves[0]))

enum mx_class { MX_BUSY, MX_ENTROPY, MX_INVALID, MX_FATAL };

struct mx_status {
	enum mx_class cls;
	const char *spec;      /* emu_fault_add status */
};

/* The P-SEAMLDR's "busy" is VMfailInvalid: it serves one CPU at a time
 * (docs/reference/tdx-abi.md §11.5 "Serialization"). */
static const struct mx_status mx_tdx_statuses[] = {
	{ MX_BUSY, "TDX_SYS_BUSY" },       { MX_BUSY, "TDX_OPERAND_BUSY" },
	{ MX_ENTROPY, "TDX_RND_NO_ENTROPY" }, { MX_ENTROPY, "TDX_KEY_GENERATION_FAILED" },
	{ MX_INVALID, "TDX_OPERAND_INVALID" }, { MX_INVALID, "0xC000010000000001" }, /* |RCX */
	{ MX_FATAL, "TDX_SYS_SHUTDOWN" },  { MX_FATAL, "vmfailinvalid" }, { MX_FATAL, "gp" },
};
static const struct mx_status mx_ldr_statuses[] = {
	{ MX_BUSY, "vmfailinvalid" }, { MX_ENTROPY, "ENOENTROPY" },
	{ MX_INVALID, "EBADPARAM" },  { MX_FATAL, "EUNSPECERR" }, { MX_FATAL, "gp" },
};

/* ------------------------------------------------- the counting backend */

/* Forwards to the emulator's backend and counts SEAMCALLs per leaf and LP. */
struct mx_counter {
	struct seam_backend inner;
	uint32_t calls[MX_N_LEAVES][MX_LPS];
};

static int mx_leaf_of(uint64_t rax)
{
	for (size_t i = 0; i < MX_N_LEAVES; i++)
		if (mx_leaves[i].rax == (rax & (SEAMLDR_LEAF_BIT | 0xffff)))
			return (int)i;
	return -1;
}

static enum seam_outcome mx_call(void *ctx, uint32_t lp, struct seam_regs *r)
{
	struct mx_counter *k = ctx;
	int l = mx_leaf_of(r->rax);

	if (l >= 0 && lp < MX_LPS)
		__atomic_add_fetch(&k->calls[l][lp], 1, __ATOMIC_RELAXED);
	return k->inner.ops->call(k->inner.ctx, lp, r);
}

static tb_status mx_vmx_on(void *ctx, uint32_t lp, struct tb_err *err)
{
	struct mx_counter *k = ctx;

	return k->inner.ops->vmx_on(k->inner.ctx, lp, err);
}

static void mx_vmx_off(void *ctx, uint32_t lp)
{
	struct mx_counter *k = ctx;

	k->inner.ops->vmx_off(k->inner.ctx, lp);
}

static void mx_wbinvd(void *ctx, uint32_t lp)
{
	struct mx_counter *k = ctx;

	k->inner.ops->wbinvd(k->inner.ctx, lp);
}

static tb_status mx_read_msr(void *ctx, uint32_t lp, uint32_t msr, uint64_t *val)
{
	struct mx_counter *k = ctx;

	return k->inner.ops->read_msr(k->inner.ctx, lp, msr, val);
}

static void mx_reset_mem(void *ctx, uint64_t pa, uint64_t size)
{
	struct mx_counter *k = ctx;

	k->inner.ops->reset_mem(k->inner.ctx, pa, size);
}

static const struct seam_backend_ops mx_ops = {
	mx_call, mx_vmx_on, mx_vmx_off, mx_wbinvd, mx_read_msr, mx_reset_mem,
};

/* The machine every case runs on: the profile's module, from its TDX-BLOB. */
static struct harness *mx_machine(struct mx_counter *k, const struct emu_profile *prof)
{
	struct harness *h = harness_new_profile(MX_PKGS, MX_LPS_PKG, prof);

	memset(k, 0, sizeof(*k));
	k->inner = h->be;
	h->be.ops = &mx_ops;
	h->be.ctx = k;
	return h;
}

/* ------------------------------------------------------------ the cases */

struct mx_case {
	const struct emu_profile *prof;
	const struct mx_leaf *leaf;
	const struct mx_status *status;
	uint32_t nth;          /* the Nth call over all LPs, or 0 */
	uint32_t lp;           /* with nth == 0: every call on this LP */
};

/* The sequence's retry policy (docs/initializer.md): a single failure of
 * these is retried and the sequence goes on. */
static bool mx_retried(const struct mx_case *c)
{
	const char *s = c->status->spec;

	if (c->leaf->seamldr)
		return false;
	if (!strcmp(s, "TDX_RND_NO_ENTROPY"))
		return true;
	if (c->leaf->leaf == EMU_LEAF_KEY_CONFIG)
		return !strcmp(s, "TDX_KEY_GENERATION_FAILED") || !strcmp(s, "TDX_SYS_BUSY") ||
		       !strcmp(s, "TDX_OPERAND_BUSY");
	if (c->leaf->leaf == EMU_LEAF_TDMR_INIT)
		return !strcmp(s, "TDX_OPERAND_BUSY");
	return false;
}

static void mx_spec(const struct mx_case *c, char *buf, size_t n)
{
	if (c->nth)
		snprintf(buf, n, "%s:%s:%u", c->leaf->spec, c->status->spec, c->nth);
	else
		snprintf(buf, n, "%s:%s:lp%u", c->leaf->spec, c->status->spec, c->lp);
}

/* Was the injected call made?  From the counts of this very run. */
static bool mx_reached(const struct mx_case *c, const struct mx_counter *k)
{
	size_t l = (size_t)(c->leaf - mx_leaves);
	uint32_t total = 0;

	if (!c->nth)
		return k->calls[l][c->lp] > 0;
	for (uint32_t lp = 0; lp < MX_LPS; lp++)
		total += k->calls[l][lp];
	return total >= c->nth;
}

/* Unreached or retried: the profile's clean outcome. */
static void mx_check_clean(const struct mx_case *c, const char *spec, struct harness *h,
			   tb_status st)
{
	char why[256];

	if (!harness_profile_outcome_ok(h, c->prof, st, why, sizeof(why)))
		test_fail(__FILE__, __LINE__, "%s on %s: %s", spec, c->prof->name, why);
}

static void mx_check_failure(const struct mx_case *c, const char *spec, struct harness *h)
{
	const struct handoff_record *rec = &h->ctx->rec;
	char why[128];

	if (rec->step != c->leaf->step)
		test_fail(__FILE__, __LINE__, "%s: step %u, want step %u (%s)",
			  spec, rec->step, c->leaf->step, rec->message);
	if (harness_rollback_problem(h, why, sizeof(why)))
		test_fail(__FILE__, __LINE__, "%s: %s", spec, why);
	if (!strstr(rec->message, c->leaf->name) && !strstr(rec->message, "P-SEAMLDR") &&
	    !strstr(rec->message, "module not loaded"))
		test_fail(__FILE__, __LINE__, "%s: message \"%s\" names neither %s nor the loader",
			  spec, rec->message, c->leaf->name);
	if (!c->nth && rec->lp_index != TDXBOOT_LP_NONE && rec->lp_index != c->lp)
		test_fail(__FILE__, __LINE__, "%s: the record names LP %u", spec, rec->lp_index);
}

/* Runs one case; returns 1 when the injected fault was reached. */
static int mx_run(const struct mx_case *c)
{
	struct mx_counter k;
	struct harness *h = mx_machine(&k, c->prof);
	char spec[96], err[160] = "";
	bool reached, must_fail;
	tb_status st;

	mx_spec(c, spec, sizeof(spec));
	if (emu_fault_add(&h->emu, spec, err, sizeof(err)) != 0) {
		test_fail(__FILE__, __LINE__, "fault spec %s: %s", spec, err);
		harness_free(h);
		return 0;
	}
	alarm(MX_WATCHDOG);
	st = harness_run(h);
	alarm(0);
	reached = mx_reached(c, &k);
	/* Pinned to an LP, the fault repeats on every retry there.  A busy
	 * TDMR.INIT included: the queue gives each TDMR to one LP, so under
	 * the module's per-TDMR mutex a TDMR can only stay busy if its lock
	 * is stuck; the LP retries it in place (core/init_tdmr.c) and the
	 * bounded retries end in a failure naming that LP. */
	must_fail = reached && (!c->nth || !mx_retried(c));
	if (must_fail && st == TB_OK)
		test_fail(__FILE__, __LINE__, "%s: reached, but the sequence succeeded", spec);
	else if (!must_fail)
		mx_check_clean(c, spec, h, st);
	else
		mx_check_failure(c, spec, h);
	if (harness_vmx_left_on(h))
		test_fail(__FILE__, __LINE__, "%s: VMX left on", spec);
	harness_free(h);
	return reached;
}

/*
 * How often each leaf is called in a clean run: first, middle and last.
 * The module's count, so a leaf the profile lacks (TDH.SYS.RD on 1.0,
 * where no fault can be injected) counts 0 and is left out, as is a leaf
 * the run never makes (SYS.INFO on 1.5, P-SEAMLDR for a preloaded 1.0).
 */
static void mx_clean_counts(const struct emu_profile *prof, uint32_t counts[MX_N_LEAVES])
{
	struct mx_counter k;
	struct harness *h = mx_machine(&k, prof);
	char why[256];

	if (!harness_profile_outcome_ok(h, prof, harness_run(h), why, sizeof(why)))
		test_fail(__FILE__, __LINE__, "clean run on %s: %s", prof->name, why);
	for (size_t l = 0; l < MX_N_LEAVES; l++) {
		uint32_t seen = 0;

		for (uint32_t lp = 0; lp < MX_LPS; lp++)
			seen += k.calls[l][lp];
		counts[l] = emu_leaf_calls(&h->emu, mx_leaves[l].leaf);
		if (counts[l])
			CHECK_U64_EQ(seen, counts[l]);
	}
	harness_free(h);
}

/* Each position of one leaf with one status; returns the number of cases. */
static uint32_t mx_run_leaf_status(const struct emu_profile *prof, const struct mx_leaf *leaf,
				   const struct mx_status *s, uint32_t calls, uint32_t *reached)
{
	uint32_t nth[3] = { 1, (calls + 1) / 2, calls }, n = 0;

	for (int i = 0; i < 3; i++) {
		if (i && nth[i] == nth[i - 1])
			continue;
		*reached += (uint32_t)mx_run(&(struct mx_case){ prof, leaf, s, nth[i], 0 });
		n++;
	}
	for (uint32_t lp = 0; lp < MX_LPS; lp++, n++)
		*reached += (uint32_t)mx_run(&(struct mx_case){ prof, leaf, s, 0, lp });
	return n;
}

/* Leaves a clean run on the profile must make: all but SYS.INFO from 1.5,
 * SYS.INIT, LP.INIT and SYS.INFO on a preloaded 1.0 (refused after it). */
static bool mx_leaf_expected(const struct emu_profile *prof, const struct mx_leaf *leaf)
{
	if (prof->minor == 0)
		return leaf->leaf == EMU_LEAF_SYS_INIT || leaf->leaf == EMU_LEAF_LP_INIT ||
		       leaf->leaf == EMU_LEAF_SYS_INFO;
	return leaf->leaf != EMU_LEAF_SYS_INFO;
}

static void mx_matrix(const struct emu_profile *prof)
{
	uint32_t counts[MX_N_LEAVES], cases = 0, reached = 0, leaves = 0;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	mx_clean_counts(prof, counts);
	for (size_t l = 0; l < MX_N_LEAVES; l++) {
		const struct mx_leaf *leaf = &mx_leaves[l];
		const struct mx_status *s = leaf->seamldr ? mx_ldr_statuses : mx_tdx_statuses;
		size_t n = leaf->seamldr ? sizeof(mx_ldr_statuses) / sizeof(s[0])
					 : sizeof(mx_tdx_statuses) / sizeof(s[0]);

		if ((counts[l] > 0) != mx_leaf_expected(prof, leaf))
			test_fail(__FILE__, __LINE__, "%s: a clean run makes %u %s calls", prof->name,
				  counts[l], leaf->name);
		if (!counts[l])
			continue;
		leaves++;
		for (size_t i = 0; i < n; i++)
			cases += mx_run_leaf_status(prof, leaf, &s[i], counts[l], &reached);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* A matrix whose faults were never reached would prove nothing. */
	CHECK(reached * 2 > cases);
	printf("    fault matrix on module %s: %u cases (%u reached the fault) over %u leaves, "
	       "first/middle/last call and %u LPs, in %.1f s\n", prof->name, cases, reached, leaves,
	       MX_LPS, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
}

/* The same matrix against every profile (docs/emulator.md "Profiles"). */
TEST(init_fault_matrix_every_profile)
{
	for (uint32_t i = 0; i < emu_profile_count(); i++)
		mx_matrix(emu_profile_at(i));
}
