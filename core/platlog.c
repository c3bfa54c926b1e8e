/* SPDX-License-Identifier: MIT */
#include "core/platlog.h"

#include <stdarg.h>

#include "core/linescan.h"
#include "core/platlog_boot.h"
#include "core/platlog_map.h"
#include "lib/fmt.h"
#include "lib/mem.h"

/* Physical addresses end below 2^52 (MAXPHYADDR, docs/reference/tdx-abi.md §6.2). */
#define PA_LIMIT (1ULL << 52)
/* EFI_MEMORY_SP: "specific purpose", soft reserved (UEFI 2.8). */
#define EFI_ATTR_SP 0x40000ULL

struct pl_ctx {
	const struct platlog_store *st;
	struct platlog *log;
	size_t n_e820;     /* raw[0 .. n_e820) */
	size_t n_efi;      /* raw[raw_cap - n_efi .. raw_cap) */
	size_t n_cmrs;
	size_t n_numa;
	uint32_t line;
	uint32_t first_line, last_line; /* the boot read; comments: any line */
	struct tb_err *err;
};

struct kind_name {
	const char *name;
	uint32_t kind;
};

/* e820 type text (e820__print_type), and the 2025 cleanup series' names. */
static const struct kind_name e820_names[] = {
	{ "usable", PLAN_MEM_FREE },
	{ "System RAM", PLAN_MEM_FREE },
	{ "kernel usable RAM", PLAN_MEM_FREE },
	{ "reserved", PLAN_MEM_OTHER },
	{ "device reserved", PLAN_MEM_OTHER },
	{ "ACPI data", PLAN_MEM_OTHER },
	{ "ACPI NVS", PLAN_MEM_OTHER },
	{ "unusable", PLAN_MEM_OTHER },
	{ "soft reserved", PLAN_MEM_SOFT_RESERVED },
};

/*
 * EFI type names as efi_md_typeattr_format() prints them, newer and older
 * spellings.  RAM is what the x86 EFI stub turns into e820 RAM.
 */
static const struct kind_name efi_names[] = {
	{ "Reserved", PLAN_MEM_OTHER },
	{ "Loader Code", PLAN_MEM_RAM_BUSY },
	{ "Loader Data", PLAN_MEM_RAM_BUSY },
	{ "Boot Code", PLAN_MEM_RAM_BUSY },
	{ "Boot Data", PLAN_MEM_RAM_BUSY },
	{ "Runtime Code", PLAN_MEM_OTHER },
	{ "Runtime Data", PLAN_MEM_OTHER },
	{ "Conventional", PLAN_MEM_FREE },
	{ "Conventional Memory", PLAN_MEM_FREE },
	{ "Unusable", PLAN_MEM_OTHER },
	{ "Unusable Memory", PLAN_MEM_OTHER },
	{ "ACPI Reclaim", PLAN_MEM_OTHER },
	{ "ACPI Reclaim Memory", PLAN_MEM_OTHER },
	{ "ACPI Mem NVS", PLAN_MEM_OTHER },
	{ "ACPI Memory NVS", PLAN_MEM_OTHER },
	{ "MMIO", PLAN_MEM_OTHER },
	{ "Memory Mapped I/O", PLAN_MEM_OTHER },
	{ "MMIO Port", PLAN_MEM_OTHER },
	{ "MMIO Port Space", PLAN_MEM_OTHER },
	{ "PAL Code", PLAN_MEM_OTHER },
	{ "Persistent", PLAN_MEM_OTHER },
	{ "Persistent Memory", PLAN_MEM_OTHER },
	{ "Unaccepted", PLAN_MEM_RAM_BUSY },
	{ "Unaccepted Memory", PLAN_MEM_RAM_BUSY },
};

/* EFI_MEMORY_TYPE numbers 0..15, for the pre-4.x "type=N, attr=" print. */
static const uint32_t efi_type_kinds[] = {
	PLAN_MEM_OTHER, PLAN_MEM_RAM_BUSY, PLAN_MEM_RAM_BUSY, PLAN_MEM_RAM_BUSY,
	PLAN_MEM_RAM_BUSY, PLAN_MEM_OTHER, PLAN_MEM_OTHER, PLAN_MEM_FREE,
	PLAN_MEM_OTHER, PLAN_MEM_OTHER, PLAN_MEM_OTHER, PLAN_MEM_OTHER,
	PLAN_MEM_OTHER, PLAN_MEM_OTHER, PLAN_MEM_OTHER, PLAN_MEM_RAM_BUSY,
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static bool kind_lookup(const struct kind_name *t, size_t n,
			const struct linescan *s, uint32_t *kind)
{
	for (size_t i = 0; i < n; i++) {
		if (linescan_equals(s, t[i].name)) {
			*kind = t[i].kind;
			return true;
		}
	}
	return false;
}

/* A line clipped or ignored: it cannot change the plan, so it is said, not
 * refused (Linux prints such SRAT and e820 ranges and goes on). */
static void pl_warn(struct pl_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void pl_warn(struct pl_ctx *c, const char *fmt, ...)
{
	struct platlog *log = c->log;
	va_list ap;

	if (log->n_warnings < PLATLOG_WARN_CAP) {
		va_start(ap, fmt);
		fmt_vsnprintf(log->warnings[log->n_warnings], PLATLOG_WARN_LEN, fmt, ap);
		va_end(ap);
	}
	log->n_warnings++;
}

static tb_status pl_fail(struct pl_ctx *c, const char *what)
{
	tb_err_set(c->err, "line %u: %s", c->line, what);
	return TB_EINVAL;
}

/*
 * The cursor's text for a message: at most 40 bytes, NUL-terminated (a log
 * line is not), control bytes shown as '?'.
 */
struct pl_quote {
	char s[41];
};

static struct pl_quote pl_quote(const struct linescan *s)
{
	struct pl_quote q;
	size_t n = 0;

	for (const char *p = s->p; p < s->end && n + 1 < sizeof(q.s); p++)
		q.s[n++] = (*p >= 0x20 && *p < 0x7f) ? *p : '?';
	q.s[n] = '\0';
	return q;
}

/* ------------------------------------------------------------- storage */

static tb_status pl_store_mem(struct pl_ctx *c, bool efi, uint64_t base,
			      uint64_t size, uint32_t kind)
{
	const struct platlog_store *st = c->st;
	struct plan_mem m = { .base = base, .size = size, .kind = kind,
			      .src_index = c->line };

	/* Firmware may list ranges up to the top of the address space.
	 * Nothing at or above 2^52 can be TDX memory or hold a PAMT
	 * (docs/reference/tdx-abi.md §6.2), so such ranges are clipped there;
	 * RAM that is cut is said, since the OS may still use it. */
	if (size > PA_LIMIT - (base < PA_LIMIT ? base : PA_LIMIT)) {
		if (kind == PLAN_MEM_FREE || kind == PLAN_MEM_RAM_BUSY)
			pl_warn(c, "line %u: RAM [0x%llx-0x%llx] beyond the 52-bit "
				"physical address space %s: it cannot be TDX memory",
				c->line, (unsigned long long)base,
				(unsigned long long)(base + (size - 1)),
				base >= PA_LIMIT ? "ignored" : "clipped at 2^52");
		if (base >= PA_LIMIT)
			return TB_OK;
		m.size = size = PA_LIMIT - base;
	}
	if (c->n_e820 + c->n_efi >= st->raw_cap) {
		tb_err_set(c->err, "line %u: more than %zu memory-map entries "
			   "(tdxboot's limit)", c->line, st->raw_cap);
		return TB_ENOMEM;
	}
	if (efi)
		st->raw[st->raw_cap - 1 - c->n_efi++] = m;
	else
		st->raw[c->n_e820++] = m;
	return TB_OK;
}

/* "[0x<start>-0x<end>]" with an inclusive end, as e820, EFI and SRAT print. */
static bool pl_take_incl_range(struct linescan *s, uint64_t *base,
			       uint64_t *size, char close)
{
	struct linescan t = *s;
	uint64_t a, b;
	char close_s[2] = { close, 0 };

	if (!linescan_take_hex(&t, &a) || !linescan_take_lit(&t, "-") ||
	    !linescan_take_hex(&t, &b) || !linescan_take_lit(&t, close_s))
		return false;
	if (b < a)
		return false;
	*base = a;
	/* An end of 2^64-1 would make the size wrap; such a range is past
	 * PA_LIMIT anyway, and callers judge that by base + size. */
	*size = b == UINT64_MAX ? b - a : b - a + 1;
	*s = t;
	return true;
}

/* ---------------------------------------------------------------- e820 */

static bool e820_numbered_type(struct linescan t, const char *prefix,
			       const char *suffix)
{
	uint64_t n;

	if (!linescan_take_lit(&t, prefix) || !linescan_take_dec(&t, &n))
		return false;
	return linescan_take_lit(&t, suffix) && linescan_at_end(&t);
}

static bool e820_kind(const struct linescan *s, uint32_t *kind)
{
	if (kind_lookup(e820_names, ARRAY_LEN(e820_names), s, kind))
		return true;
	*kind = PLAN_MEM_OTHER;
	return e820_numbered_type(*s, "type ", "") ||
	       e820_numbered_type(*s, "persistent (type ", ")") ||
	       e820_numbered_type(*s, "persistent RAM (type ", ")");
}

/* BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable */
static tb_status pl_parse_e820(struct pl_ctx *c, struct linescan *s)
{
	uint64_t base, size;
	uint32_t kind;

	c->log->n_e820++;
	if (!linescan_take_lit(s, "[mem ") || !pl_take_incl_range(s, &base, &size, ']'))
		return pl_fail(c, "BIOS-e820 entry: expected "
			       "'[mem 0x<start>-0x<end>]' with end >= start");
	linescan_trim(s);
	if (!e820_kind(s, &kind)) {
		tb_err_set(c->err, "line %u: BIOS-e820 entry: unknown type '%s' "
			   "(expected usable, reserved, ACPI data, ACPI NVS, "
			   "unusable, persistent (type N), soft reserved or type N)",
			   c->line, pl_quote(s).s);
		return TB_EINVAL;
	}
	return pl_store_mem(c, false, base, size, kind);
}

/* ----------------------------------------------------------------- EFI */

/* One '|'-separated attribute column; true if it says EFI_MEMORY_SP. */
static bool efi_column_is_sp(struct linescan col)
{
	uint64_t attr;

	linescan_trim(&col);
	if (linescan_equals(&col, "SP"))
		return true;
	if (linescan_take_lit(&col, "attr=") && linescan_take_hex(&col, &attr))
		return (attr & EFI_ATTR_SP) != 0;
	return false;
}

/* The type name up to '|', then columns up to ']'; s ends after ']'. */
static tb_status efi_parse_columns(struct pl_ctx *c, struct linescan *s,
				   struct linescan *type, bool *sp)
{
	const char *q = s->p;

	while (q < s->end && *q != '|' && *q != ']')
		q++;
	if (q == s->end || *q != '|')
		return pl_fail(c, "efi memory descriptor: expected "
			       "'[<type>|<attributes>]'");
	*type = (struct linescan){ s->p, q };
	linescan_trim(type);
	*sp = false;
	for (;;) {
		const char *col = ++q;

		while (q < s->end && *q != '|' && *q != ']')
			q++;
		if (q == s->end)
			return pl_fail(c, "efi memory descriptor: no ']' after "
				       "the attributes");
		*sp = *sp || efi_column_is_sp((struct linescan){ col, q });
		if (*q == ']')
			break;
	}
	s->p = q + 1;
	return TB_OK;
}

/* efi: mem07: [Conventional|   |  |...|UC] range=[0x...-0x...] (2047MB) */
static tb_status efi_parse_modern(struct pl_ctx *c, struct linescan *s)
{
	struct linescan type;
	uint64_t base, size;
	uint32_t kind;
	bool sp, unknown = linescan_take_lit(s, "type=");
	tb_status st = efi_parse_columns(c, s, &type, &sp);

	if (st != TB_OK)
		return st;
	linescan_skip_blanks(s);
	if (!linescan_take_lit(s, "range=[") || !pl_take_incl_range(s, &base, &size, ']'))
		return pl_fail(c, "efi memory descriptor: expected "
			       "'range=[0x<start>-0x<end>]' with end >= start");
	if (unknown)
		return TB_OK; /* "[type=N": a type Linux does not know, skipped */
	if (!kind_lookup(efi_names, ARRAY_LEN(efi_names), &type, &kind)) {
		tb_err_set(c->err, "line %u: efi memory descriptor: unknown memory "
			   "type name '%s'", c->line, pl_quote(&type).s);
		return TB_EINVAL;
	}
	return pl_store_mem(c, true, base, size, sp ? PLAN_MEM_SOFT_RESERVED : kind);
}

/* Pre-4.x kernels: efi: mem00: type=7, attr=0xf, range=[0x...-0x...) (0MB) */
static tb_status efi_parse_legacy(struct pl_ctx *c, struct linescan *s)
{
	uint64_t type, attr, a, b;

	if (!linescan_take_dec(s, &type) || !linescan_take_lit(s, ", attr=") ||
	    !linescan_take_hex(s, &attr) || !linescan_take_lit(s, ", range=[") ||
	    !linescan_take_hex(s, &a) || !linescan_take_lit(s, "-") ||
	    !linescan_take_hex(s, &b) || !linescan_take_lit(s, ")") || b < a)
		return pl_fail(c, "efi memory descriptor: expected "
			       "'type=N, attr=0x..., range=[0x...-0x...)'");
	if (b == a || type >= ARRAY_LEN(efi_type_kinds))
		return TB_OK;
	return pl_store_mem(c, true, a, b - a,
			    (attr & EFI_ATTR_SP) ? PLAN_MEM_SOFT_RESERVED
						 : efi_type_kinds[type]);
}

static tb_status pl_parse_efi(struct pl_ctx *c, struct linescan *s)
{
	uint64_t idx;

	/* "efi: mem" also starts other efi prints (memattr...): need digits. */
	if (!linescan_take_dec(s, &idx) || !linescan_take_lit(s, ": "))
		return TB_OK;
	c->log->n_efi++;
	if (linescan_take_lit(s, "["))
		return efi_parse_modern(c, s);
	if (linescan_take_lit(s, "type="))
		return efi_parse_legacy(c, s);
	return pl_fail(c, "efi memory descriptor: expected '[<type>|...'");
}

/* ---------------------------------------------------------------- SRAT */

static bool numa_same(const struct plan_numa *a, const struct plan_numa *b)
{
	return a->base == b->base && a->size == b->size && a->node == b->node;
}

/* ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x7fffffff] hotplug */
static tb_status pl_parse_srat(struct pl_ctx *c, struct linescan *s)
{
	const struct platlog_store *st = c->st;
	struct plan_numa n;
	uint64_t node, pxm;

	c->log->n_srat++;
	if (!linescan_take_dec(s, &node) || !linescan_take_lit(s, " PXM ") ||
	    !linescan_take_dec(s, &pxm) || !linescan_take_lit(s, " [mem ") ||
	    !pl_take_incl_range(s, &n.base, &n.size, ']'))
		return pl_fail(c, "SRAT memory affinity: expected 'Node N PXM N "
			       "[mem 0x<start>-0x<end>]' with end >= start");
	/* Hot-pluggable ranges may reach past MAXPHYADDR; Linux prints them
	 * and goes on.  No RAM is there, so the part above 2^52 goes. */
	if (n.size > PA_LIMIT - (n.base < PA_LIMIT ? n.base : PA_LIMIT)) {
		pl_warn(c, "line %u: SRAT range of node %llu [0x%llx-0x%llx] beyond "
			"the 52-bit physical address space %s", c->line,
			(unsigned long long)node, (unsigned long long)n.base,
			(unsigned long long)(n.base + (n.size - 1)),
			n.base >= PA_LIMIT ? "ignored" : "clipped at 2^52");
		if (n.base >= PA_LIMIT)
			return TB_OK;
		n.size = PA_LIMIT - n.base;
	}
	/* Node ids past tdxboot's limit are judged once the map is known:
	 * ignored when their ranges hold no RAM (pl_drop_far_nodes). */
	n.node = node > UINT32_MAX - 1 ? UINT32_MAX - 1 : (uint32_t)node;
	/* A journal holding two boots repeats every line: keep one. */
	for (size_t i = 0; i < c->n_numa; i++)
		if (numa_same(&st->numa[i], &n))
			return TB_OK;
	if (c->n_numa == st->numa_cap) {
		tb_err_set(c->err, "line %u: more than %zu SRAT memory ranges "
			   "(tdxboot's limit)", c->line, st->numa_cap);
		return TB_ENOMEM;
	}
	st->numa[c->n_numa++] = n;
	return TB_OK;
}

/* ----------------------------------------------------------------- CMR */

static tb_status cmr_add(struct pl_ctx *c, uint64_t base, uint64_t end)
{
	const struct platlog_store *st = c->st;
	struct plan_range *prev = c->n_cmrs ? &st->cmrs[c->n_cmrs - 1] : 0;

	if (prev && base < prev->base + prev->size) {
		for (size_t i = 0; i < c->n_cmrs; i++)
			if (st->cmrs[i].base == base && st->cmrs[i].size == end - base)
				return TB_OK; /* printed again: a second boot */
		tb_err_set(c->err, "line %u: CMR [0x%llx, 0x%llx) overlaps or "
			   "precedes CMR [0x%llx, 0x%llx); CMRs are sorted and "
			   "disjoint", c->line, (unsigned long long)base,
			   (unsigned long long)end, (unsigned long long)prev->base,
			   (unsigned long long)(prev->base + prev->size));
		return TB_EINVAL;
	}
	if (c->n_cmrs == st->cmr_cap) {
		tb_err_set(c->err, "line %u: more than %zu CMRs (tdxboot's limit)",
			   c->line, st->cmr_cap);
		return TB_ENOMEM;
	}
	st->cmrs[c->n_cmrs++] = (struct plan_range){ base, end - base };
	return TB_OK;
}

/* virt/tdx: CMR: [0x100000, 0x6f800000)   or   tdx: CMR[1]: [0x.., 0x..) */
static tb_status pl_parse_cmr(struct pl_ctx *c, struct linescan *s)
{
	uint64_t idx, a, b;

	if (linescan_take_lit(s, "[")) {
		if (!linescan_take_dec(s, &idx) || !linescan_take_lit(s, "]"))
			return TB_OK;
	}
	if (!linescan_take_lit(s, ": ["))
		return TB_OK; /* another tdx print that starts with "CMR" */
	c->log->n_cmr_lines++;
	if (!linescan_take_hex(s, &a) || !linescan_take_lit(s, ","))
		return pl_fail(c, "CMR: expected '[0x<start>, 0x<end>)'");
	linescan_skip_blanks(s);
	if (!linescan_take_hex(s, &b) || !linescan_take_lit(s, ")"))
		return pl_fail(c, "CMR: expected '[0x<start>, 0x<end>)'");
	if (b < a)
		return pl_fail(c, "CMR: end below start");
	if (b > PA_LIMIT)
		return pl_fail(c, "CMR beyond the 52-bit physical address space");
	if (a == b)
		return TB_OK; /* null CMR: Linux trims them too */
	return cmr_add(c, a, b);
}

/* ------------------------------------------------------------ comments */

struct limit_key {
	const char *key;
	uint64_t min, max;
};

static const struct limit_key limit_keys[] = {
	{ "max_tdmrs", 1, PLAN_TDMR_CAP },
	{ "max_rsvd", 1, PLAN_RSVD_CAP },
	{ "pamt_entry", 1, 4096 },
	{ "pamt_4k", 1, 4096 },
	{ "pamt_2m", 1, 4096 },
	{ "pamt_1g", 1, 4096 },
	{ "dpamt", 0, 1 },
	{ "dpamt_bits", 1, 64 },
};

static void limit_apply(struct plan_limits *lim, size_t key, uint32_t v)
{
	switch (key) {
	case 0: lim->max_tdmrs = v; break;
	case 1: lim->max_rsvd_per_tdmr = v; break;
	case 2: lim->pamt_entry_size[0] = lim->pamt_entry_size[1] =
		lim->pamt_entry_size[2] = v; break;
	case 3: lim->pamt_entry_size[PLAN_PAMT_4K] = v; break;
	case 4: lim->pamt_entry_size[PLAN_PAMT_2M] = v; break;
	case 5: lim->pamt_entry_size[PLAN_PAMT_1G] = v; break;
	case 6: lim->dpamt = v != 0; break;
	default: lim->dpamt_bits_per_4k = v; break;
	}
}

static tb_status limits_parse_one(struct pl_ctx *c, struct linescan *s)
{
	struct plan_limits *lim = &c->log->in.limits;

	for (size_t k = 0; k < ARRAY_LEN(limit_keys); k++) {
		struct linescan t = *s;
		uint64_t v;

		if (!linescan_take_lit(&t, limit_keys[k].key) ||
		    !linescan_take_lit(&t, "="))
			continue;
		if (!linescan_take_dec(&t, &v) || v < limit_keys[k].min ||
		    v > limit_keys[k].max) {
			tb_err_set(c->err, "line %u: '# limits:' %s wants a number "
				   "from %llu to %llu", c->line, limit_keys[k].key,
				   (unsigned long long)limit_keys[k].min,
				   (unsigned long long)limit_keys[k].max);
			return TB_EINVAL;
		}
		limit_apply(lim, k, (uint32_t)v);
		*s = t;
		return TB_OK;
	}
	struct linescan word = *s;

	word.end = word.p;
	while (word.end < s->end && *word.end != ' ' && *word.end != '\t')
		word.end++;
	tb_err_set(c->err, "line %u: '# limits:' does not know '%s' (it knows "
		   "max_tdmrs=, max_rsvd=, pamt_entry=, pamt_4k=, pamt_2m=, "
		   "pamt_1g=, dpamt= and dpamt_bits=)", c->line, pl_quote(&word).s);
	return TB_EINVAL;
}

static tb_status pl_parse_limits(struct pl_ctx *c, struct linescan *s)
{
	c->log->limits_given = true;
	for (;;) {
		linescan_skip_blanks(s);
		if (linescan_at_end(s))
			return TB_OK;
		tb_status st = limits_parse_one(c, s);

		if (st != TB_OK)
			return st;
		if (!linescan_at_end(s) && *s->p != ' ' && *s->p != '\t')
			return pl_fail(c, "'# limits:' wants key=number pairs "
				       "separated by blanks");
	}
}

static void pl_parse_name(struct pl_ctx *c, struct linescan *s)
{
	char *name = c->log->name;
	size_t n = 0;

	linescan_trim(s);
	while (s->p < s->end && n + 1 < PLATLOG_NAME_CAP) {
		char ch = *s->p++;

		name[n++] = (ch >= 0x20 && ch < 0x7f) ? ch : '?';
	}
	name[n] = '\0';
}

static tb_status pl_parse_comment(struct pl_ctx *c, struct linescan *s)
{
	linescan_skip_blanks(s);
	if (linescan_take_lit(s, "name:")) {
		pl_parse_name(c, s);
		return TB_OK;
	}
	if (linescan_take_lit(s, "limits:"))
		return pl_parse_limits(c, s);
	return TB_OK;
}

/* ---------------------------------------------------------------- lines */

static tb_status pl_parse_line(struct pl_ctx *c, struct linescan s)
{
	struct linescan t = s;

	linescan_skip_blanks(&t);
	if (linescan_take_lit(&t, "#"))
		return pl_parse_comment(c, &t);
	if (c->line < c->first_line || c->line > c->last_line)
		return TB_OK;  /* another boot's line */
	if ((t = s, linescan_find(&t, "BIOS-e820: ")))
		return pl_parse_e820(c, &t);
	if ((t = s, linescan_find(&t, "efi: mem")))
		return pl_parse_efi(c, &t);
	if ((t = s, linescan_find(&t, "SRAT: Node ")))
		return pl_parse_srat(c, &t);
	if ((t = s, linescan_find(&t, "tdx: CMR")))
		return pl_parse_cmr(c, &t);
	return TB_OK;
}

static tb_status pl_parse_lines(struct pl_ctx *c, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *e = p;

		while (e < end && *e != '\n')
			e++;
		struct linescan s = { p, e };

		if (s.end > s.p && s.end[-1] == '\r')
			s.end--;
		c->line++;
		tb_status st = pl_parse_line(c, s);

		if (st != TB_OK)
			return st;
		p = e < end ? e + 1 : e;
	}
	c->log->n_lines = c->line;
	if (c->log->boot_last_line > c->line)
		c->log->boot_last_line = c->line;
	return TB_OK;
}

/* SRAT lines come in table order; the planner wants address order. */
static void numa_sort(struct plan_numa *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct plan_numa x = v[i];
		size_t j = i;

		while (j > 0 && v[j - 1].base > x.base) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

static bool pl_range_has_ram(const struct plan_mem *m, size_t n, uint64_t base,
			     uint64_t end)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {        /* first entry ending after base */
		size_t mid = lo + (hi - lo) / 2;

		if (m[mid].base + m[mid].size <= base)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && m[lo].base < end; lo++)
		if (m[lo].kind == PLAN_MEM_FREE || m[lo].kind == PLAN_MEM_RAM_BUSY)
			return true;
	return false;
}

/*
 * SRAT node ids beyond tdxboot's limit (Linux's own, PLAN_NODE_CAP): a
 * node without RAM in its ranges cannot change the plan and is dropped
 * with a warning; one with RAM is a limit of the tool, said as such.
 */
static tb_status pl_drop_far_nodes(struct pl_ctx *c, size_t n_mem)
{
	const struct platlog_store *st = c->st;
	size_t out = 0;

	for (size_t i = 0; i < c->n_numa; i++) {
		struct plan_numa n = st->numa[i];

		if (n.node < PLAN_NODE_CAP) {
			st->numa[out++] = n;
			continue;
		}
		if (pl_range_has_ram(st->mem, n_mem, n.base, n.base + n.size)) {
			tb_err_set(c->err, "NUMA node %u (SRAT [mem 0x%llx-0x%llx]) "
				   "holds RAM, and tdxboot's limit is node ids "
				   "0..%u (Linux's MAX_NUMNODES)", n.node,
				   (unsigned long long)n.base,
				   (unsigned long long)(n.base + n.size - 1),
				   PLAN_NODE_CAP - 1);
			return TB_ENOMEM;
		}
		pl_warn(c, "NUMA node %u (SRAT [mem 0x%llx-0x%llx]) holds no RAM "
			"and is beyond node id %u: ignored", n.node,
			(unsigned long long)n.base,
			(unsigned long long)(n.base + n.size - 1), PLAN_NODE_CAP - 1);
	}
	c->n_numa = out;
	return TB_OK;
}

static tb_status pl_finish(struct pl_ctx *c)
{
	const struct platlog_store *st = c->st;
	struct platlog *log = c->log;
	struct plan_mem *src = st->raw;
	size_t n = c->n_e820, n_mem = 0;
	tb_status rc;

	/* e820 and EFI lines describe the same memory; e820 is what Linux
	 * built memblock from, so it wins (docs/reference/planner-input.md §1.2). */
	if (!n) {
		n = c->n_efi;
		src = st->raw + st->raw_cap - n;
		log->map_from_efi = true;
	}
	if (!log->n_e820 && !log->n_efi) {
		tb_err_set(c->err, "no memory map: the log has no 'BIOS-e820:' "
			   "lines and no 'efi: memNN:' lines (boot with efi=debug "
			   "to get the latter)");
		return TB_EINVAL;
	}
	rc = platlog_map_normalize(src, n, st->mem, st->mem_cap, &n_mem, c->err);
	if (rc != TB_OK)
		return rc;
	if (n_mem > PLAN_MEM_CAP) {
		tb_err_set(c->err, "the memory map has %zu entries once overlaps are "
			   "resolved, more than tdxboot's limit of %u", n_mem,
			   (unsigned)PLAN_MEM_CAP);
		return TB_ENOMEM;
	}
	rc = pl_drop_far_nodes(c, n_mem);
	if (rc != TB_OK)
		return rc;
	numa_sort(st->numa, c->n_numa);
	log->in.mem = st->mem;
	log->in.n_mem = n_mem;
	log->in.cmrs = st->cmrs;
	log->in.n_cmrs = c->n_cmrs;
	log->in.numa = st->numa;
	log->in.n_numa = c->n_numa;
	return TB_OK;
}

void platlog_default_limits(struct plan_limits *lim)
{
	memset(lim, 0, sizeof(*lim));
	lim->max_tdmrs = PLATLOG_DEFAULT_MAX_TDMRS;
	lim->max_rsvd_per_tdmr = PLATLOG_DEFAULT_MAX_RSVD;
	for (int i = 0; i < 3; i++)
		lim->pamt_entry_size[i] = PLATLOG_DEFAULT_PAMT_ENTRY;
	lim->dpamt_bits_per_4k = 1; /* docs/reference/tdx-abi.md §7: the bitmap checked as size/4K/8 */
}

tb_status platlog_parse(const char *text, size_t len,
			const struct platlog_store *st, struct platlog *log,
			struct tb_err *err)
{
	return platlog_parse_boot(text, len, 0, st, log, err);
}

tb_status platlog_parse_boot(const char *text, size_t len, int32_t boot,
			     const struct platlog_store *st, struct platlog *log,
			     struct tb_err *err)
{
	struct pl_ctx c = { .st = st, .log = log, .err = err };
	struct platlog_boot_span span;
	uint32_t index;
	tb_status rc;

	memset(log, 0, sizeof(*log));
	platlog_default_limits(&log->in.limits);
	log->in.policy.noncmr = PLAN_NONCMR_FAIL;
	platlog_boot_find(text, len, UINT32_MAX, &span);
	log->n_boots = span.n_boots;
	if (boot > 0)
		index = (uint32_t)boot - 1;
	else
		index = (uint32_t)(-(int64_t)boot) < span.n_boots ?
			span.n_boots - 1 - (uint32_t)(-(int64_t)boot) : UINT32_MAX;
	if (index >= span.n_boots) {
		tb_err_set(err, "no boot %d: the log holds %u boot%s (N from 1 "
			   "counts from the first, 0 is the last, -1 the one "
			   "before it)", (int)boot, span.n_boots,
			   span.n_boots == 1 ? "" : "s");
		return TB_EINVAL;
	}
	platlog_boot_find(text, len, index, &span);
	log->boot = index + 1;
	log->boot_first_line = c.first_line = span.first_line;
	log->boot_last_line = c.last_line = span.last_line;
	rc = pl_parse_lines(&c, text, len);
	if (rc != TB_OK)
		return rc;
	return pl_finish(&c);
}
