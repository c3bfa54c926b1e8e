/* SPDX-License-Identifier: MIT */
#include "boot/measure.h"

#include "boot/efi_extra.h"
#include "boot/efi_util.h"
#include "lib/mem.h"

static EFI_GUID tcg2_guid = TB_EFI_TCG2_PROTOCOL_GUID;

#define MEASURE_DESC_MAX 128

static TB_EFI_TCG2_PROTOCOL *measure_tcg2(EFI_SYSTEM_TABLE *st)
{
	TB_EFI_TCG2_BOOT_SERVICE_CAPABILITY cap;
	TB_EFI_TCG2_PROTOCOL *tcg2;

	if (st->BootServices->LocateProtocol(&tcg2_guid, NULL, (VOID **)&tcg2) != EFI_SUCCESS)
		return NULL;
	memset(&cap, 0, sizeof(cap));
	cap.Size = sizeof(cap);
	if (tcg2->GetCapability(tcg2, &cap) != EFI_SUCCESS || !cap.TPMPresentFlag)
		return NULL;
	return tcg2;
}

int measure_available(EFI_SYSTEM_TABLE *st)
{
	return measure_tcg2(st) != NULL;
}

/* EFI_TCG2_EVENT { Size, Header } then TCG_PCClientTaggedEvent { id, size, text }. */
static TB_EFI_TCG2_EVENT *measure_event_new(EFI_SYSTEM_TABLE *st, uint32_t pcr, uint32_t tag,
					    const char *description)
{
	size_t dlen = strlen(description) + 1;
	TB_EFI_TCG2_EVENT *ev;
	TB_TCG_PCCLIENT_TAGGED_EVENT *t;

	if (dlen > MEASURE_DESC_MAX)
		dlen = MEASURE_DESC_MAX;
	ev = efi_alloc_zero(st, sizeof(*ev) + sizeof(*t) + dlen);
	if (!ev)
		return NULL;
	ev->Size = (UINT32)(sizeof(*ev) + sizeof(*t) + dlen);
	ev->Header.HeaderSize = sizeof(ev->Header);
	ev->Header.HeaderVersion = TB_EFI_TCG2_EVENT_HEADER_VERSION;
	ev->Header.PCRIndex = pcr;
	ev->Header.EventType = TB_EV_EVENT_TAG;
	t = (TB_TCG_PCCLIENT_TAGGED_EVENT *)ev->Event;
	t->taggedEventID = tag;
	t->taggedEventDataSize = (UINT32)dlen;
	memcpy(t->taggedEventData, description, dlen - 1);
	return ev;
}

tb_status measure_data(EFI_SYSTEM_TABLE *st, uint32_t pcr, uint32_t tag, const void *data,
		       uint64_t len, const char *description, struct tb_err *err)
{
	TB_EFI_TCG2_PROTOCOL *tcg2 = measure_tcg2(st);
	TB_EFI_TCG2_EVENT *ev;
	EFI_STATUS s;

	if (!tcg2)
		return TB_ENOTFOUND;
	ev = measure_event_new(st, pcr, tag, description);
	if (!ev) {
		tb_err_set(err, "measure: cannot allocate the event for %s", description);
		return TB_ENOMEM;
	}
	/* Flags 0: the data is not a PE image (PE_COFF_IMAGE is for those only). */
	s = tcg2->HashLogExtendEvent(tcg2, 0, (EFI_PHYSICAL_ADDRESS)(UINTN)data, len, ev);
	efi_free(st, ev);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "measure: the TPM did not extend PCR %u with %s: %s", pcr,
			   description, efi_status_name(s));
		return TB_EIO;
	}
	return TB_OK;
}
