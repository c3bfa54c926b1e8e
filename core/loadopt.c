/* SPDX-License-Identifier: MIT */
#include "core/loadopt.h"

#include "lib/mem.h"

static uint32_t get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t get_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/*
 * The device path list must hold whole nodes (each at least 4 bytes: Type,
 * SubType, UINT16 Length; UEFI 2.10 §10.3.1) and its first instance must
 * end with an End node (Type 0x7f, SubType 0xff or 0x01).
 */
static bool path_list_valid(const uint8_t *p, size_t len)
{
	for (size_t off = 0; off + 4 <= len;) {
		uint16_t node = get_u16(p + off + 2);

		if (node < 4 || node > len - off)
			return false;
		if (p[off] == 0x7f && p[off + 1] == 0xff)
			return true;
		off += node;
	}
	return false;
}

tb_status loadopt_parse(const uint8_t *buf, size_t len, unsigned number, struct loadopt *out,
			struct tb_err *err)
{
	size_t off = LOADOPT_HEADER;

	memset(out, 0, sizeof(*out));
	if (len < LOADOPT_HEADER + 2) {
		tb_err_set(err, "Boot%04X: %zu bytes, too short for a load option", number, len);
		return TB_EINVAL;
	}
	out->attributes = get_u32(buf);
	out->path_len = get_u16(buf + 4);
	out->desc_off = off;
	while (off + 2 <= len && get_u16(buf + off) != 0)
		off += 2;
	if (off + 2 > len) {
		tb_err_set(err, "Boot%04X: the description is not terminated", number);
		return TB_EINVAL;
	}
	out->desc_chars = (off - out->desc_off) / 2;
	out->path_off = off + 2;
	if (out->path_len > len - out->path_off ||
	    !path_list_valid(buf + out->path_off, out->path_len)) {
		tb_err_set(err, "Boot%04X: its device path (%zu bytes) is damaged or longer than "
				"the variable", number, out->path_len);
		return TB_EINVAL;
	}
	out->data_off = out->path_off + out->path_len;
	out->data_len = len - out->data_off;
	return TB_OK;
}

bool loadopt_bootable(const struct loadopt *o)
{
	return (o->attributes & LOADOPT_ACTIVE) &&
	       (o->attributes & LOADOPT_CATEGORY_MASK) == LOADOPT_CATEGORY_BOOT;
}

size_t loadopt_after(const uint16_t *order, size_t n, uint16_t current)
{
	for (size_t i = 0; i < n; i++)
		if (order[i] == current)
			return i + 1;
	return 0;
}
