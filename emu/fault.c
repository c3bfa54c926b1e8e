/* SPDX-License-Identifier: MIT */
/*
 * Fault injection: make a leaf return a chosen status (or VMfailInvalid,
 * #GP, #UD) on its Nth call or on one LP, to reach every error path of a
 * caller.  Spec syntax in emu/emu.h (emu_fault_add).
 */
#include "emu/internal.h"

#include "lib/fmt.h"
#include "lib/mem.h"

static const struct {
	const char *name;
	enum emu_leaf leaf;
} fault_leaf_names[] = {
	{ "sys_init", EMU_LEAF_SYS_INIT },
	{ "lp_init", EMU_LEAF_LP_INIT },
	{ "sys_rd", EMU_LEAF_SYS_RD },
	{ "sys_rdall", EMU_LEAF_SYS_RDALL },
	{ "sys_info", EMU_LEAF_SYS_INFO },
	{ "sys_config", EMU_LEAF_SYS_CONFIG },
	{ "config", EMU_LEAF_SYS_CONFIG },
	{ "key_config", EMU_LEAF_KEY_CONFIG },
	{ "tdmr_init", EMU_LEAF_TDMR_INIT },
	{ "lp_shutdown", EMU_LEAF_LP_SHUTDOWN },
	{ "sys_shutdown", EMU_LEAF_SYS_SHUTDOWN },
	{ "sys_disable", EMU_LEAF_SYS_DISABLE },
	{ "seamldr_info", EMU_LEAF_SEAMLDR_INFO },
	{ "seamldr_install", EMU_LEAF_SEAMLDR_INSTALL },
};

/* A token: [s, s+len). */
struct tok {
	const char *s;
	size_t len;
};

static bool tok_eq(struct tok t, const char *lit)
{
	return strlen(lit) == t.len && memcmp(t.s, lit, t.len) == 0;
}

/* Splits at the first sep; returns the head, advances *rest past sep. */
static struct tok tok_next(struct tok *rest, char sep)
{
	struct tok head = { rest->s, 0 };

	while (head.len < rest->len && rest->s[head.len] != sep)
		head.len++;
	if (head.len < rest->len) {
		rest->s += head.len + 1;
		rest->len -= head.len + 1;
	} else {
		rest->s += head.len;
		rest->len = 0;
	}
	return head;
}

static bool tok_number(struct tok t, uint64_t *v)
{
	size_t i = 0;
	unsigned base = 10;
	uint64_t x = 0;

	if (t.len > 2 && t.s[0] == '0' && (t.s[1] == 'x' || t.s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == t.len)
		return false;
	for (; i < t.len; i++) {
		char ch = t.s[i];
		unsigned d;
		if (ch >= '0' && ch <= '9')
			d = (unsigned)(ch - '0');
		else if (base == 16 && ch >= 'a' && ch <= 'f')
			d = (unsigned)(ch - 'a' + 10);
		else if (base == 16 && ch >= 'A' && ch <= 'F')
			d = (unsigned)(ch - 'A' + 10);
		else
			return false;
		if (x > (UINT64_MAX - d) / base)
			return false;
		x = x * base + d;
	}
	*v = x;
	return true;
}

static bool fault_parse_leaf(struct tok t, enum emu_leaf *leaf)
{
	for (size_t i = 0; i < sizeof(fault_leaf_names) / sizeof(fault_leaf_names[0]); i++)
		if (tok_eq(t, fault_leaf_names[i].name)) {
			*leaf = fault_leaf_names[i].leaf;
			return true;
		}
	return false;
}

static bool fault_parse_status(struct tok t, struct emu_fault *f)
{
	char name[64];

	f->outcome = EMU_VMSUCCEED;
	f->hang = tok_eq(t, "hang");
	if (f->hang)
		return true;
	if (tok_eq(t, "vmfailinvalid")) {
		f->outcome = EMU_VMFAILINVALID;
		return true;
	}
	if (tok_eq(t, "gp") || tok_eq(t, "ud")) {
		f->outcome = tok_eq(t, "gp") ? EMU_GP : EMU_UD;
		return true;
	}
	if (tok_number(t, &f->status))
		return true;
	if (t.len >= sizeof(name))
		return false;
	memcpy(name, t.s, t.len);
	name[t.len] = 0;
	return tdx_status_from_name(name, &f->status) != 0;
}

static bool fault_parse_when(struct tok t, struct emu_fault *f)
{
	uint64_t v;

	f->kind = EMU_FAULT_NTH;
	f->arg = 1;
	if (t.len == 0)
		return true;
	if (t.len > 2 && t.s[0] == 'l' && t.s[1] == 'p') {
		struct tok n = { t.s + 2, t.len - 2 };
		if (!tok_number(n, &v) || v >= EMU_MAX_LPS)
			return false;
		f->kind = EMU_FAULT_LP;
		f->arg = (uint32_t)v;
		return true;
	}
	if (!tok_number(t, &v) || v == 0 || v > UINT32_MAX)
		return false;
	f->arg = (uint32_t)v;
	return true;
}

static int fault_fail(char *err, size_t len, const char *what, struct tok t)
{
	fmt_snprintf(err, len, "fault spec: %s '%.*s'", what, (int)t.len, t.s);
	return -1;
}

/* One LEAF:STATUS[:WHEN] item. */
static int fault_parse_one(struct tok item, struct emu_fault *f, char *err, size_t len)
{
	struct tok rest = item;
	struct tok leaf = tok_next(&rest, ':');
	struct tok status = tok_next(&rest, ':');
	struct tok when = tok_next(&rest, ':');

	if (!fault_parse_leaf(leaf, &f->leaf))
		return fault_fail(err, len, "unknown leaf", leaf);
	if (status.len == 0)
		return fault_fail(err, len, "missing status in", item);
	if (!fault_parse_status(status, f))
		return fault_fail(err, len, "bad status (a number, a status name, vmfailinvalid, gp, ud or hang)", status);
	if (!fault_parse_when(when, f))
		return fault_fail(err, len, "bad call number or LP (N >= 1 or lpK)", when);
	if (rest.len)
		return fault_fail(err, len, "trailing text in", item);
	return 0;
}

int emu_fault_add(struct emu *e, const char *spec, char *err, size_t err_len)
{
	struct tok rest = { spec, strlen(spec) };
	struct emu_fault parsed[EMU_MAX_FAULTS];
	uint32_t n = 0;

	if (rest.len == 0)
		return fault_fail(err, err_len, "empty", rest);
	while (rest.len) {
		struct tok item = tok_next(&rest, ',');
		if (e->num_faults + n == EMU_MAX_FAULTS)
			return fault_fail(err, err_len, "too many faults at", item);
		if (fault_parse_one(item, &parsed[n], err, err_len))
			return -1;
		n++;
	}
	/* All or nothing: a bad spec leaves the injector unchanged. */
	for (uint32_t i = 0; i < n; i++)
		e->fault[e->num_faults++] = parsed[i];
	return 0;
}

void emu_fault_clear(struct emu *e)
{
	e->num_faults = 0;
}

const struct emu_fault *emu_fault_match(struct emu *e, enum emu_leaf leaf,
					uint32_t lp, uint32_t nth)
{
	for (uint32_t i = 0; i < e->num_faults; i++) {
		const struct emu_fault *f = &e->fault[i];
		if (f->leaf != leaf)
			continue;
		if ((f->kind == EMU_FAULT_NTH && f->arg == nth) ||
		    (f->kind == EMU_FAULT_LP && f->arg == lp))
			return f;
	}
	return NULL;
}
