/* SPDX-License-Identifier: MIT */
#include "boot/efivars.h"

#include "boot/efi_util.h"
#include "lib/fmt.h"
#include "lib/version.h"
#include "lib/mem.h"
#include "lib/tdxboot_handoff.h"

static EFI_GUID vars_guid = TDXBOOT_VARS_GUID_INIT;

#define EFIVARS_ATTRS (EFI_VARIABLE_BOOTSERVICE_ACCESS | EFI_VARIABLE_RUNTIME_ACCESS)
#define EFIVARS_TEXT_MAX 128

static const char *efivars_name_ascii(const CHAR16 *w, char *buf, size_t cap)
{
	size_t i = 0;

	for (; w[i] && i + 1 < cap; i++)
		buf[i] = w[i] < 0x80 ? (char)w[i] : '?';
	buf[i] = '\0';
	return buf;
}

/*
 * A non-volatile variable of the same name (left by an older tool) makes a
 * volatile SetVariable fail: UEFI 2.10 §8.2 forbids changing attributes in
 * place.  Delete it once and retry.
 */
static EFI_STATUS efivars_write(EFI_SYSTEM_TABLE *st, const CHAR16 *name, UINTN size,
				void *data)
{
	EFI_RUNTIME_SERVICES *rt = st->RuntimeServices;
	EFI_STATUS s = rt->SetVariable((CHAR16 *)name, &vars_guid, EFIVARS_ATTRS, size, data);

	if (s == EFI_INVALID_PARAMETER || s == EFI_WRITE_PROTECTED) {
		UINT32 attrs = 0;
		UINTN n = 0;

		if (rt->GetVariable((CHAR16 *)name, &vars_guid, &attrs, &n, NULL) ==
			    EFI_BUFFER_TOO_SMALL &&
		    attrs != EFIVARS_ATTRS &&
		    rt->SetVariable((CHAR16 *)name, &vars_guid, attrs, 0, NULL) == EFI_SUCCESS)
			s = rt->SetVariable((CHAR16 *)name, &vars_guid, EFIVARS_ATTRS, size, data);
	}
	return s;
}

tb_status efivars_set_text(EFI_SYSTEM_TABLE *st, const CHAR16 *name, const char *text,
			   struct tb_err *err)
{
	CHAR16 w[EFIVARS_TEXT_MAX];
	char n[64];
	size_t len = 0;
	EFI_STATUS s;

	if (!text) {
		s = st->RuntimeServices->SetVariable((CHAR16 *)name, &vars_guid, EFIVARS_ATTRS, 0,
						     NULL);
		return s == EFI_SUCCESS || s == EFI_NOT_FOUND ? TB_OK : TB_EIO;
	}
	for (; text[len] && len + 1 < EFIVARS_TEXT_MAX; len++)
		w[len] = (CHAR16)(unsigned char)text[len];
	w[len] = 0;
	s = efivars_write(st, name, (len + 1) * sizeof(CHAR16), w);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "cannot set EFI variable %s: %s",
			   efivars_name_ascii(name, n, sizeof(n)), efi_status_name(s));
		return TB_EIO;
	}
	return TB_OK;
}

static tb_status efivars_set_u64(EFI_SYSTEM_TABLE *st, const CHAR16 *name, uint64_t v,
				 struct tb_err *err)
{
	char buf[24];

	fmt_snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	return efivars_set_text(st, name, buf, err);
}

static tb_status efivars_first(tb_status a, tb_status b)
{
	return a != TB_OK ? a : b;
}

tb_status efivars_publish(EFI_SYSTEM_TABLE *st, const char *status,
			  const char *module_version, uint64_t pamt_kb,
			  uint64_t init_time_us, struct tb_err *err)
{
	char version[64];
	tb_status ts;

	fmt_snprintf(version, sizeof(version), "%s (%s)", tdxboot_version, tdxboot_gitrev);
	ts = efivars_set_text(st, L"TdxbootVersion", version, err);
	ts = efivars_first(ts, efivars_set_text(st, L"TdxbootStatus", status ? status : "", err));
	ts = efivars_first(ts, efivars_set_text(st, L"TdxbootModuleVersion",
						module_version && module_version[0] ?
						module_version : NULL, err));
	ts = efivars_first(ts, efivars_set_u64(st, L"TdxbootPamtKB", pamt_kb, err));
	ts = efivars_first(ts, efivars_set_u64(st, L"TdxbootInitTimeUs", init_time_us, err));
	return ts;
}
