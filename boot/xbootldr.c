/* SPDX-License-Identifier: MIT */
#include "boot/xbootldr.h"

#include "boot/efi_extra.h"
#include "lib/mem.h"

static EFI_GUID device_path_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;
static EFI_GUID sfs_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
static EFI_GUID part_info_guid = TB_EFI_PARTITION_INFO_PROTOCOL_GUID;
/* Boot Loader Specification, "The Partitions" (docs/reference/platform-rules.md §8). */
static const EFI_GUID xbootldr_type = {
	0xbc13c2ff, 0x59e6, 0x4262, { 0xa3, 0x52, 0xb2, 0x75, 0xfd, 0x6f, 0x71, 0x72 }
};

/* dp's (last) hard-drive (partition) node; NULL when it has none. */
static HARDDRIVE_DEVICE_PATH *xbootldr_hd_node(EFI_DEVICE_PATH *dp)
{
	HARDDRIVE_DEVICE_PATH *hd = NULL;

	for (; !IsDevicePathEnd(dp); dp = NextDevicePathNode(dp))
		if (DevicePathType(dp) == MEDIA_DEVICE_PATH &&
		    DevicePathSubType(dp) == MEDIA_HARDDRIVE_DP)
			hd = (HARDDRIVE_DEVICE_PATH *)dp;
	return hd;
}

/* A GPT partition of the XBOOTLDR type, by the firmware's partition entry. */
static int xbootldr_is_type(EFI_SYSTEM_TABLE *st, EFI_HANDLE h)
{
	TB_EFI_PARTITION_INFO_PROTOCOL *pi;

	if (st->BootServices->HandleProtocol(h, &part_info_guid, (VOID **)&pi) != EFI_SUCCESS)
		return 0;
	return pi->Type == TB_PARTITION_TYPE_GPT &&
	       memcmp(&pi->PartitionTypeGUID, &xbootldr_type, sizeof(xbootldr_type)) == 0;
}

EFI_HANDLE xbootldr_find(EFI_SYSTEM_TABLE *st, EFI_HANDLE esp, UINT32 *partition)
{
	EFI_DEVICE_PATH *edp, *hdp;
	HARDDRIVE_DEVICE_PATH *ehd, *hd;
	EFI_HANDLE *handles = NULL, found = NULL;
	UINTN n = 0, disk;

	if (st->BootServices->HandleProtocol(esp, &device_path_guid, (VOID **)&edp) != EFI_SUCCESS)
		return NULL;
	ehd = xbootldr_hd_node(edp);
	if (!ehd)
		return NULL;
	/* The disk: every node in front of the partition's. */
	disk = (UINTN)((UINT8 *)ehd - (UINT8 *)edp);
	if (st->BootServices->LocateHandleBuffer(ByProtocol, &sfs_guid, NULL, &n, &handles) !=
	    EFI_SUCCESS)
		return NULL;
	for (UINTN i = 0; i < n; i++) {
		if (handles[i] == esp ||
		    st->BootServices->HandleProtocol(handles[i], &device_path_guid,
						     (VOID **)&hdp) != EFI_SUCCESS)
			continue;
		hd = xbootldr_hd_node(hdp);
		if (!hd || (UINTN)((UINT8 *)hd - (UINT8 *)hdp) != disk || memcmp(hdp, edp, disk) ||
		    !xbootldr_is_type(st, handles[i]))
			continue;
		if (!found || hd->PartitionNumber < *partition) {
			found = handles[i];
			*partition = hd->PartitionNumber;
		}
	}
	st->BootServices->FreePool(handles);   /* the firmware's buffer */
	return found;
}
