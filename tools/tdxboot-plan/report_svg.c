/* SPDX-License-Identifier: MIT */
/*
 * The plan as a picture: one row per GiB of physical address space, 1 px
 * per MiB, with lanes for the memory map, NUMA nodes, CMRs, TDMRs (their
 * reserved areas dark red on top) and PAMTs.  A 16 TiB machine has 16 384
 * GiBs but only a few dozen with anything fine-grained inside them (a hole
 * or a CMR edge), so only those are drawn 1 px per MiB.  Runs of GiBs
 * between them are collapsed into bands labelled with their size: a band
 * whose GiBs all look alike is drawn once at half height; a band where
 * coarse things change (NUMA nodes, TDMRs, PAMTs and the reserved areas
 * that hold them) is drawn at full height, compressed so the whole run fits
 * the row (at most BAND_MAX per band).  So a 64-node map with node
 * boundaries off the GiB grid stays a page or two, and small holes stay
 * visible (features get at least 2 px).
 */
#include <stdlib.h>

#include "lib/fmt.h"
#include "tools/tdxboot-plan/tool.h"

#define GiB (1ULL << 30)
#define MiB (1ULL << 20)

#define LABEL_W 190
#define BAR_W   1024                 /* px per GiB row: 1 px per MiB */
#define ROW_H   38
#define BAND_H  30    /* a collapsed band: lanes at half height */
#define CBAND_H 42    /* a compressed band: full lanes, three label lines */
#define BAND_MAX (512 * GiB) /* compressed: at least 2 px per GiB */
#define TOP     70

/* Lanes inside a row: y offset and height. */
enum { L_MEM, L_NODE, L_CMR, L_TDMR, L_PAMT, L_COUNT };
static const int lane_y[L_COUNT] = { 2, 12, 17, 24, 34 };
static const int lane_h[L_COUNT] = { 9, 4, 6, 9, 4 };

static const char *const kind_color[] = {
	"#43a047", "#a5d6a7", "#ab47bc", "#9e9e9e",
};
static const char *const node_color[] = {
	"#5c6bc0", "#26a69a", "#ef6c00", "#8d6e63", "#ec407a", "#7cb342",
	"#29b6f6", "#fdd835",
};

struct svg {
	FILE *f;
	const struct plan_input *in;
	const struct plan_output *p;   /* may be NULL */
	uint64_t *pts;                 /* fine boundaries (map, CMRs, exclusions) */
	size_t n_pts;
	uint64_t *cpts;                /* coarse ones (nodes, TDMRs, areas, PAMTs) */
	size_t n_cpts;
	int pamt_dy;                   /* where a row's PAMT label goes */
	int y;
	bool squash;                   /* drawing a band: lanes at half height */
};

/* ----------------------------------------------------------- boundaries */

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void pts_add(uint64_t **v, size_t *n, size_t *cap, uint64_t lo, uint64_t hi)
{
	if (*n + 2 > *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		*v = realloc(*v, *cap * sizeof(**v));
		if (!*v)
			abort();
	}
	(*v)[(*n)++] = lo;
	(*v)[(*n)++] = hi;
}

static void pts_sort(uint64_t *v, size_t n, size_t *out)
{
	size_t w = 0;

	if (n)
		qsort(v, n, sizeof(*v), u64_cmp);
	for (size_t i = 0; i < n; i++)
		if (!w || v[w - 1] != v[i])
			v[w++] = v[i];
	*out = w;
}

/* Fine boundaries need a row at 1 px per MiB; coarse ones survive being
 * drawn compressed in a band. */
static void svg_collect(struct svg *s)
{
	size_t cap = 0, n = 0, ccap = 0, cn = 0;
	uint64_t *v = NULL, *c = NULL;

	for (size_t i = 0; i < s->in->n_mem; i++)
		pts_add(&v, &n, &cap, s->in->mem[i].base, s->in->mem[i].base + s->in->mem[i].size);
	for (size_t i = 0; i < s->in->n_cmrs; i++)
		pts_add(&v, &n, &cap, s->in->cmrs[i].base, s->in->cmrs[i].base + s->in->cmrs[i].size);
	for (uint32_t e = 0; s->p && e < s->p->n_excluded; e++)
		pts_add(&v, &n, &cap, s->p->excluded[e].base,
			s->p->excluded[e].base + s->p->excluded[e].size);
	for (size_t i = 0; i < s->in->n_numa; i++)
		pts_add(&c, &cn, &ccap, s->in->numa[i].base, s->in->numa[i].base + s->in->numa[i].size);
	for (uint32_t t = 0; s->p && t < s->p->n_tdmrs; t++) {
		const struct plan_tdmr *d = &s->p->tdmrs[t];

		pts_add(&c, &cn, &ccap, d->base, d->base + d->size);
		for (uint32_t r = 0; r < d->n_rsvd; r++)
			pts_add(&c, &cn, &ccap, d->base + d->rsvd[r].base,
				d->base + d->rsvd[r].base + d->rsvd[r].size);
		for (int l = 0; l < 3; l++)
			pts_add(&c, &cn, &ccap, d->pamt_base[l], d->pamt_base[l] + d->pamt_size[l]);
	}
	pts_sort(v, n, &s->n_pts);
	pts_sort(c, cn, &s->n_cpts);
	s->pts = v;
	s->cpts = c;
}

/* A point of v[0..n) strictly inside (lo, hi). */
static bool pts_inside(const uint64_t *v, size_t n, uint64_t lo, uint64_t hi)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t m = a + (b - a) / 2;

		if (v[m] <= lo)
			a = m + 1;
		else
			b = m;
	}
	return a < n && v[a] < hi;
}

/* A fine boundary strictly inside (g, g + 1 GiB): the row is drawn in full. */
static bool row_is_busy(const struct svg *s, uint64_t g)
{
	return pts_inside(s->pts, s->n_pts, g, g + GiB);
}

/* ------------------------------------------------------------- state */

/* What a quiet GiB looks like: equal signatures collapse into one band. */
struct sig {
	int kind;      /* -1: nothing in the map */
	int node;      /* -1: none */
	int cmr;       /* 0/1 */
	int tdmr;      /* index or -1 */
	int rsvd;      /* 0/1 */
	int pamt;      /* 0/1 */
	int excl;      /* 0/1 */
};

static int sig_kind(const struct plan_input *in, uint64_t a)
{
	for (size_t i = 0; i < in->n_mem; i++)
		if (in->mem[i].base <= a && a - in->mem[i].base < in->mem[i].size)
			return (int)in->mem[i].kind;
	return -1;
}

static int sig_node(const struct plan_input *in, uint64_t a)
{
	for (size_t i = 0; i < in->n_numa; i++)
		if (in->numa[i].base <= a && a - in->numa[i].base < in->numa[i].size)
			return (int)in->numa[i].node;
	return -1;
}

static void sig_plan(const struct plan_output *p, uint64_t a, struct sig *g)
{
	for (uint32_t t = 0; p && t < p->n_tdmrs; t++) {
		const struct plan_tdmr *d = &p->tdmrs[t];

		for (int l = 0; l < 3; l++)
			if (d->pamt_base[l] <= a && a - d->pamt_base[l] < d->pamt_size[l])
				g->pamt = 1;
		if (a < d->base || a - d->base >= d->size)
			continue;
		g->tdmr = (int)t;
		for (uint32_t r = 0; r < d->n_rsvd; r++)
			if (a - d->base >= d->rsvd[r].base &&
			    a - d->base - d->rsvd[r].base < d->rsvd[r].size)
				g->rsvd = 1;
	}
	for (uint32_t e = 0; p && e < p->n_excluded; e++)
		if (p->excluded[e].base <= a && a - p->excluded[e].base < p->excluded[e].size)
			g->excl = 1;
}

static struct sig sig_at(const struct svg *s, uint64_t a)
{
	struct sig g = { .kind = sig_kind(s->in, a), .node = sig_node(s->in, a),
			 .tdmr = -1 };

	for (size_t i = 0; i < s->in->n_cmrs; i++)
		if (s->in->cmrs[i].base <= a && a - s->in->cmrs[i].base < s->in->cmrs[i].size)
			g.cmr = 1;
	sig_plan(s->p, a, &g);
	return g;
}

/* What a compressed band keeps the same all along: the map, CMRs, exclusions. */
static bool sig_fine_eq(const struct sig *a, const struct sig *b)
{
	return a->kind == b->kind && a->cmr == b->cmr && a->excl == b->excl;
}

static bool sig_eq(const struct sig *a, const struct sig *b)
{
	return a->kind == b->kind && a->node == b->node && a->cmr == b->cmr &&
	       a->tdmr == b->tdmr && a->rsvd == b->rsvd && a->pamt == b->pamt &&
	       a->excl == b->excl;
}

/* ------------------------------------------------------------- drawing */

static void svg_rect(struct svg *s, int lane, double x0, double x1,
		     const char *fill, const char *extra)
{
	double w = x1 - x0;

	if (w < 2)
		w = 2; /* a 4 KiB hole must still be seen */
	int y = s->squash ? lane_y[lane] / 2 : lane_y[lane];
	int h = s->squash ? (lane_h[lane] + 1) / 2 : lane_h[lane];

	fprintf(s->f, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" "
		"fill=\"%s\"%s/>\n", LABEL_W + x0, s->y + y, w, h, fill,
		extra ? extra : "");
}

/* Draws [lo, hi) clipped to the row [g, g + span) scaled to BAR_W. */
static void svg_span(struct svg *s, int lane, uint64_t g, uint64_t span,
		     uint64_t lo, uint64_t hi, const char *fill, const char *extra)
{
	if (hi <= g || lo >= g + span || hi <= lo)
		return;
	lo = lo < g ? g : lo;
	hi = hi > g + span ? g + span : hi;
	svg_rect(s, lane, (double)(lo - g) * BAR_W / (double)span,
		 (double)(hi - g) * BAR_W / (double)span, fill, extra);
}

static void svg_lanes(struct svg *s, uint64_t g, uint64_t span)
{
	const struct plan_input *in = s->in;
	const struct plan_output *p = s->p;

	for (size_t i = 0; i < in->n_mem; i++)
		svg_span(s, L_MEM, g, span, in->mem[i].base, in->mem[i].base + in->mem[i].size,
			 kind_color[in->mem[i].kind & 3], NULL);
	for (uint32_t e = 0; p && e < p->n_excluded; e++)
		svg_span(s, L_MEM, g, span, p->excluded[e].base,
			 p->excluded[e].base + p->excluded[e].size, "url(#excl)", NULL);
	for (size_t i = 0; i < in->n_numa; i++)
		svg_span(s, L_NODE, g, span, in->numa[i].base, in->numa[i].base + in->numa[i].size,
			 node_color[in->numa[i].node % 8], NULL);
	for (size_t i = 0; i < in->n_cmrs; i++)
		svg_span(s, L_CMR, g, span, in->cmrs[i].base, in->cmrs[i].base + in->cmrs[i].size,
			 "#1e88e5", NULL);
	for (uint32_t t = 0; p && t < p->n_tdmrs; t++) {
		const struct plan_tdmr *d = &p->tdmrs[t];

		svg_span(s, L_TDMR, g, span, d->base, d->base + d->size,
			 t % 2 ? "#ffa726" : "#ffcc80", NULL);
		for (uint32_t r = 0; r < d->n_rsvd; r++)
			svg_span(s, L_TDMR, g, span, d->base + d->rsvd[r].base,
				 d->base + d->rsvd[r].base + d->rsvd[r].size, "#c62828", NULL);
		for (int l = 0; l < 3; l++)
			svg_span(s, L_PAMT, g, span, d->pamt_base[l],
				 d->pamt_base[l] + d->pamt_size[l], "#212121", NULL);
	}
}

static void svg_text(struct svg *s, int x, int y, const char *style, const char *txt)
{
	fprintf(s->f, "<text x=\"%d\" y=\"%d\"%s>%s</text>\n", x, y, style, txt);
}

/* Labels what starts in [g, g + span): TDMRs on their lane, and in the
 * address column the PAMTs, each with its TDMR and the node it sits on. */
static void svg_row_labels(struct svg *s, uint64_t g, uint64_t span)
{
	char t[64], pl[64];
	size_t n = 0;
	uint32_t count = 0, node = 0;

	pl[0] = '\0';
	for (uint32_t i = 0; s->p && i < s->p->n_tdmrs; i++) {
		const struct plan_tdmr *d = &s->p->tdmrs[i];
		uint64_t b = d->base, pb = d->pamt_base[0];

		if (b >= g && b < g + span) {
			snprintf(t, sizeof(t), "TDMR %u", i);
			svg_text(s, LABEL_W + (int)((b - g) * BAR_W / span) + 3,
				 s->y + (s->squash ? lane_y[L_TDMR] / 2 + 6 : lane_y[L_TDMR] + 9),
				 " class=\"tl\"", t);
		}
		if (d->pamt_size[0] && pb >= g && pb < g + span && n + 8 < sizeof(pl)) {
			n += (size_t)snprintf(pl + n, sizeof(pl) - n, "%s%u", count ? "," : "", i);
			node = d->pamt_node;
			count++;
		}
	}
	if (!count)
		return;
	if (count == 1)
		snprintf(t, sizeof(t), "PAMT of TDMR %s, node %u", pl, node);
	else
		snprintf(t, sizeof(t), "PAMTs of TDMRs %s", pl);
	svg_text(s, s->squash ? LABEL_W + BAR_W / 2 : 4,
		 s->y + (s->squash ? 26 : s->pamt_dy), " class=\"pl\"", t);
}

static void svg_row(struct svg *s, uint64_t g)
{
	char a[64];

	snprintf(a, sizeof(a), "0x%011llx  %llu GiB", (unsigned long long)g,
		 (unsigned long long)(g / GiB));
	svg_text(s, 4, s->y + 16, " class=\"ad\"", a);
	svg_lanes(s, g, GiB);
	svg_row_labels(s, g, GiB);
	s->y += ROW_H;
}

static void svg_band(struct svg *s, uint64_t lo, uint64_t hi)
{
	char a[96], sz[32];
	int y0 = s->y;

	snprintf(a, sizeof(a), "0x%011llx  %llu GiB", (unsigned long long)lo,
		 (unsigned long long)(lo / GiB));
	svg_text(s, 4, s->y + 11, " class=\"ad\"", a);
	snprintf(a, sizeof(a), "  ... %s alike", fmt_size(sz, sizeof(sz), hi - lo));
	svg_text(s, 4, s->y + 23, " class=\"bl\"", a);
	/* One GiB of the band stands for all of it: it is uniform.  Its lanes
	 * are drawn at half height. */
	s->squash = true;
	svg_lanes(s, lo, GiB);
	svg_row_labels(s, lo, hi - lo);
	s->squash = false;
	fprintf(s->f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		"class=\"band\"/>\n", 2, y0 - 1, LABEL_W + BAR_W + 4, BAND_H - 3);
	s->y += BAND_H;
}

/* A band where nodes, TDMRs or PAMTs change: all of [lo, hi) in one row,
 * 1 px per (hi - lo) / 1024, the scale in the address column. */
static void svg_cband(struct svg *s, uint64_t lo, uint64_t hi)
{
	char a[96], sz[32], px[32];
	int y0 = s->y;

	snprintf(a, sizeof(a), "0x%011llx  %llu GiB", (unsigned long long)lo,
		 (unsigned long long)(lo / GiB));
	svg_text(s, 4, s->y + 11, " class=\"ad\"", a);
	fmt_size(sz, sizeof(sz), hi - lo);
	snprintf(a, sizeof(a), "  ... %s, 1 px = %s", sz,
		 fmt_size(px, sizeof(px), (hi - lo) / BAR_W));
	svg_text(s, 4, s->y + 23, " class=\"bl\"", a);
	svg_lanes(s, lo, hi - lo);
	s->pamt_dy = 36;
	svg_row_labels(s, lo, hi - lo);
	s->pamt_dy = 31;
	fprintf(s->f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		"class=\"band\"/>\n", 2, y0 - 1, LABEL_W + BAR_W + 4, CBAND_H - 3);
	s->y += CBAND_H;
}

static uint64_t svg_extent(const struct svg *s)
{
	uint64_t top = s->n_pts ? s->pts[s->n_pts - 1] : GiB;

	return (top + GiB - 1) & ~(GiB - 1);
}

/* Every GiB of [lo, hi) looks the same, and nothing coarse starts or ends
 * inside: one GiB can stand for all. */
static bool band_alike(const struct svg *s, uint64_t lo, uint64_t hi)
{
	struct sig first = sig_at(s, lo);

	for (uint64_t g = lo + GiB; g < hi; g += GiB) {
		struct sig next = sig_at(s, g);

		if (!sig_eq(&first, &next))
			return false;
	}
	return !pts_inside(s->cpts, s->n_cpts, lo, hi);
}

static void svg_run(struct svg *s, uint64_t lo, uint64_t hi)
{
	if (hi - lo == GiB)
		svg_row(s, lo);
	else if (band_alike(s, lo, hi))
		svg_band(s, lo, hi);
	else
		svg_cband(s, lo, hi);
}

/* Walks the address space GiB by GiB: busy rows drawn in full; runs where
 * the map, CMRs and exclusions stay the same banded, in equal parts of at
 * most BAND_MAX when they must be compressed. */
static void svg_body(struct svg *s)
{
	uint64_t end = svg_extent(s), g = 0;

	while (g < end) {
		if (row_is_busy(s, g)) {
			svg_row(s, g);
			g += GiB;
			continue;
		}
		struct sig first = sig_at(s, g);
		uint64_t h = g + GiB;

		while (h < end && !row_is_busy(s, h)) {
			struct sig next = sig_at(s, h);

			if (!sig_fine_eq(&first, &next))
				break;
			h += GiB;
		}
		if (band_alike(s, g, h)) {
			svg_run(s, g, h);
		} else {
			uint64_t parts = (h - g + BAND_MAX - 1) / BAND_MAX;
			uint64_t step = ((h - g) / GiB + parts - 1) / parts * GiB;

			for (uint64_t lo = g; lo < h; lo += step)
				svg_run(s, lo, lo + step < h ? lo + step : h);
		}
		g = h;
	}
}

/* The NUMA lane's colours: which nodes each of the 8 colours stands for. */
static void svg_node_legend(struct svg *s)
{
	char t[160];

	if (!s->in->n_numa) {
		svg_text(s, 4, TOP + 2, " class=\"lg\"",
			 "node 0: the log has no SRAT ranges, so one node and no NUMA lane");
		return;
	}
	for (uint32_t c = 0; c < 8; c++) {
		size_t n = 0;
		uint32_t shown = 0, seen_last = UINT32_MAX;

		t[0] = '\0';
		for (uint32_t node = c; node < PLAN_NODE_CAP; node += 8) {
			bool present = false;

			for (size_t i = 0; i < s->in->n_numa && !present; i++)
				present = s->in->numa[i].node == node;
			if (!present)
				continue;
			if (shown < 4)
				n += (size_t)snprintf(t + n, sizeof(t) - n, "%s%u",
						      shown ? "," : "node ", node);
			shown++;
			seen_last = node;
		}
		if (!shown)
			continue;
		if (shown > 4)
			snprintf(t + n, sizeof(t) - n, ",..%u", seen_last);
		fprintf(s->f, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"6\" fill=\"%s\"/>\n",
			4 + (int)c * 152, TOP - 4, node_color[c]);
		svg_text(s, 4 + (int)c * 152 + 18, TOP + 2, " class=\"lg\"", t);
	}
}

static void svg_legend(struct svg *s, const struct tool_run *run)
{
	static const struct { const char *color, *name; } items[] = {
		{ "#43a047", "free RAM" }, { "#a5d6a7", "busy RAM" },
		{ "#ab47bc", "soft reserved" }, { "#9e9e9e", "not RAM" },
		{ "#1e88e5", "CMR" }, { "#ffcc80", "TDMR" },
		{ "#c62828", "reserved area" }, { "#212121", "PAMT" },
		{ "url(#excl)", "excluded" },
	};
	char t[400];

	snprintf(t, sizeof(t), "%s: %s", run->name ? run->name : "",
		 run->plan ? "plan" : (run->error ? run->error : "no plan"));
	for (char *c = t; *c; c++)
		if (*c == '<' || *c == '>' || *c == '&')
			*c = ' ';
	svg_text(s, 4, 18, " class=\"ti\"", t);
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		int x = 4 + (int)i * 122;

		fprintf(s->f, "<rect x=\"%d\" y=\"32\" width=\"14\" height=\"10\" "
			"fill=\"%s\" stroke=\"#555\" stroke-width=\"0.5\"/>\n",
			x, items[i].color);
		svg_text(s, x + 18, 41, " class=\"lg\"", items[i].name);
	}
	svg_text(s, 4, 60, " class=\"lg\"", "lanes per row: memory map, NUMA node, "
		 "CMRs, TDMRs with reserved areas, PAMTs; 1 px = 1 MiB; dashed "
		 "bands: GiBs alike (one drawn), or compressed (scale given)");
	svg_node_legend(s);
}

/* One line per TDMR: range, node, reserved areas used / limit, PAMT. */
static void svg_table(struct svg *s, const struct tool_run *run)
{
	const struct plan_output *p = s->p;
	char t[200], sz[32], psz[32];

	if (!p)
		return;
	s->y += 16;
	svg_text(s, 4, s->y, " class=\"th\" xml:space=\"preserve\"", "TDMR  range                              size      "
		 "PAMT node  reserved areas   PAMT");
	for (uint32_t i = 0; i < p->n_tdmrs; i++) {
		const struct plan_tdmr *d = &p->tdmrs[i];
		uint64_t kb = (d->pamt_size[0] + d->pamt_size[1] + d->pamt_size[2]) / 1024;

		s->y += 14;
		snprintf(t, sizeof(t), "%4u  [0x%013llx, 0x%013llx)  %-9s %9u  %6u / %-6u  %llu KB (%s)",
			 i, (unsigned long long)d->base,
			 (unsigned long long)(d->base + d->size),
			 fmt_size(sz, sizeof(sz), d->size), d->pamt_node, d->n_rsvd,
			 run->log->in.limits.max_rsvd_per_tdmr, (unsigned long long)kb,
			 fmt_size(psz, sizeof(psz), kb * 1024));
		svg_text(s, 4, s->y, " class=\"tr\" xml:space=\"preserve\"", t);
	}
	s->y += 14;
	snprintf(t, sizeof(t), "%llu KB allocated for PAMT", (unsigned long long)(p->pamt_bytes / 1024));
	svg_text(s, 4, s->y, " class=\"th\"", t);
}

static void svg_write(struct svg *s, const struct tool_run *run)
{
	long body_start;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", s->f);
	body_start = ftell(s->f);
	/* Height is known only at the end: leave room, patch it in place. */
	fprintf(s->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%10d\">\n", LABEL_W + BAR_W + 10, 0);
	fputs("<defs><pattern id=\"excl\" width=\"6\" height=\"6\" "
	      "patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" "
	      "fill=\"#ffebee\"/><path d=\"M0,6 L6,0\" stroke=\"#d50000\" "
	      "stroke-width=\"1.5\"/></pattern></defs>\n"
	      "<style>text{font-family:monospace;font-size:11px}"
	      ".ti{font-size:14px;font-weight:bold}.tl{font-size:9px}"
	      ".bl{font-style:italic;fill:#333}.pl{font-size:10px;font-weight:bold;fill:#212121}"
	      ".th{font-weight:bold;white-space:pre}.tr{white-space:pre}"
	      ".band{fill:none;stroke:#777;stroke-dasharray:4 3}</style>\n"
	      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n", s->f);
	svg_legend(s, run);
	s->y = TOP + 10;
	svg_body(s);
	svg_table(s, run);
	fputs("</svg>\n", s->f);
	if (body_start >= 0 && fseek(s->f, body_start, SEEK_SET) == 0)
		fprintf(s->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
			"height=\"%10d\">\n", LABEL_W + BAR_W + 10, s->y + 10);
}

bool report_svg(const char *path, const struct tool_run *run)
{
	struct svg s = { .in = &run->log->in, .p = run->plan, .pamt_dy = 31 };
	bool ok;

	s.f = fopen(path, "w");
	if (!s.f) {
		fprintf(stderr, "tdxboot-plan: cannot write %s\n", path);
		return false;
	}
	svg_collect(&s);
	svg_write(&s, run);
	ok = !ferror(s.f);
	ok = (fclose(s.f) == 0) && ok;
	free(s.pts);
	free(s.cpts);
	if (!ok)
		fprintf(stderr, "tdxboot-plan: cannot write %s\n", path);
	return ok;
}
