/* SPDX-License-Identifier: MIT */
#include "boot/devpath.h"

#include "boot/efi_util.h"
#include "core/config.h"
#include "lib/mem.h"

static EFI_GUID device_path_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;
static EFI_GUID from_text_guid = EFI_DEVICE_PATH_FROM_TEXT_PROTOCOL_GUID;
static EFI_GUID sfs_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;

int devpath_is_text(const char *s)
{
	for (; *s; s++)
		if (*s == '(')
			return 1;
	return 0;
}

/* Bytes of a device path, End node included. */
static UINTN devpath_size(EFI_DEVICE_PATH *dp)
{
	UINTN n = 0;

	for (; !IsDevicePathEnd(dp); dp = NextDevicePathNode(dp))
		n += DevicePathNodeLength(dp);
	return n + END_DEVICE_PATH_LENGTH;
}

/* head (without its End) followed by tail (with its End), in pool memory. */
static EFI_DEVICE_PATH *devpath_join(EFI_SYSTEM_TABLE *st, EFI_DEVICE_PATH *head,
				     const void *tail, UINTN tail_bytes)
{
	UINTN head_bytes = devpath_size(head) - END_DEVICE_PATH_LENGTH;
	UINT8 *p = efi_alloc_zero(st, head_bytes + tail_bytes);

	if (!p)
		return NULL;
	memcpy(p, head, head_bytes);
	memcpy(p + head_bytes, tail, tail_bytes);
	return (EFI_DEVICE_PATH *)p;
}

tb_status devpath_file(EFI_SYSTEM_TABLE *st, EFI_HANDLE device, const CHAR16 *path,
		       EFI_DEVICE_PATH **out, struct tb_err *err)
{
	UINT8 tail[4 + 256 * sizeof(CHAR16) + END_DEVICE_PATH_LENGTH];
	EFI_DEVICE_PATH *dev, *node = (EFI_DEVICE_PATH *)tail;
	UINTN chars = 0;

	if (st->BootServices->HandleProtocol(device, &device_path_guid, (VOID **)&dev) !=
	    EFI_SUCCESS) {
		tb_err_set(err, "tdxboot's volume has no device path");
		return TB_ENOTFOUND;
	}
	while (path[chars] && chars + 1 < 256)
		chars++;
	node->Type = MEDIA_DEVICE_PATH;
	node->SubType = MEDIA_FILEPATH_DP;
	SetDevicePathNodeLength(node, 4 + (chars + 1) * sizeof(CHAR16));
	memcpy(tail + 4, path, chars * sizeof(CHAR16));
	memset(tail + 4 + chars * sizeof(CHAR16), 0, sizeof(CHAR16));
	SetDevicePathEndNode(NextDevicePathNode(node));
	*out = devpath_join(st, dev, tail, 4 + (chars + 1) * sizeof(CHAR16) + END_DEVICE_PATH_LENGTH);
	if (!*out) {
		tb_err_set(err, "cannot allocate the kernel's device path");
		return TB_ENOMEM;
	}
	return TB_OK;
}

/*
 * efibootmgr prints file nodes as File(\EFI\...); the firmware's text
 * syntax is the bare path.  Drop "File(" and its closing parenthesis.
 */
static void devpath_text_ucs2(const char *text, CHAR16 *w, size_t cap)
{
	size_t n = 0;
	int in_file = 0;

	for (size_t i = 0; text[i] && n + 1 < cap; i++) {
		if (!memcmp(&text[i], "File(", 5) && (i == 0 || text[i - 1] == '/')) {
			in_file = 1;
			i += 4;
			continue;
		}
		if (in_file && text[i] == ')' && (text[i + 1] == '/' || !text[i + 1])) {
			in_file = 0;
			continue;
		}
		w[n++] = (CHAR16)(unsigned char)text[i];
	}
	w[n] = 0;
}

/* The node before End, or NULL for an empty path. */
static EFI_DEVICE_PATH *devpath_last(EFI_DEVICE_PATH *dp)
{
	EFI_DEVICE_PATH *last = NULL;

	for (; !IsDevicePathEnd(dp); dp = NextDevicePathNode(dp))
		last = dp;
	return last;
}

/*
 * A short-form path starts with the partition's HD node.  LoadImage matches
 * device paths from the root, exactly, so put in front the full path of the
 * file system whose device path ends in that very node (the expansion UEFI
 * 2.10 §3.1.2 describes for boot options).  NULL when no partition matches.
 */
static EFI_DEVICE_PATH *devpath_expand_hd(EFI_SYSTEM_TABLE *st, EFI_DEVICE_PATH *dp)
{
	EFI_DEVICE_PATH *full = NULL;
	EFI_HANDLE *handles = NULL;
	UINTN n = 0, len = DevicePathNodeLength(dp);

	if (st->BootServices->LocateHandleBuffer(ByProtocol, &sfs_guid, NULL, &n, &handles) !=
	    EFI_SUCCESS)
		return NULL;
	for (UINTN i = 0; i < n && !full; i++) {
		EFI_DEVICE_PATH *hdp, *last;

		if (st->BootServices->HandleProtocol(handles[i], &device_path_guid,
						     (VOID **)&hdp) != EFI_SUCCESS)
			continue;
		last = devpath_last(hdp);
		if (last && (UINTN)DevicePathNodeLength(last) == len && !memcmp(last, dp, len))
			full = devpath_join(st, hdp, NextDevicePathNode(dp),
					    devpath_size(NextDevicePathNode(dp)));
	}
	st->BootServices->FreePool(handles);   /* the firmware's buffer */
	return full;
}

tb_status devpath_from_text(EFI_SYSTEM_TABLE *st, const char *text, EFI_DEVICE_PATH **out,
			    struct tb_err *err)
{
	EFI_DEVICE_PATH_FROM_TEXT_PROTOCOL *ft;
	CHAR16 w[CONFIG_PATH_MAX];
	EFI_DEVICE_PATH *dp, *full;
	int hd;

	if (st->BootServices->LocateProtocol(&from_text_guid, NULL, (VOID **)&ft) !=
	    EFI_SUCCESS) {
		tb_err_set(err, "kernel %s: this firmware cannot parse device path text; "
				"give a path on tdxboot's volume instead", text);
		return TB_EUNSUPPORTED;
	}
	devpath_text_ucs2(text, w, CONFIG_PATH_MAX);
	dp = ft->ConvertTextToDevicePath(w);
	if (!dp) {
		tb_err_set(err, "kernel %s: not a valid UEFI device path", text);
		return TB_EINVAL;
	}
	/* Our own copy either way: the caller frees it with efi_free. */
	hd = DevicePathType(dp) == MEDIA_DEVICE_PATH && DevicePathSubType(dp) == MEDIA_HARDDRIVE_DP;
	if (hd)
		full = devpath_expand_hd(st, dp);
	else
		full = devpath_join(st, dp, (UINT8 *)dp + devpath_size(dp) - END_DEVICE_PATH_LENGTH,
				    END_DEVICE_PATH_LENGTH);
	st->BootServices->FreePool(dp);   /* the firmware's buffer */
	if (!full && hd) {
		tb_err_set(err, "kernel %s: no partition on this machine matches its HD() node",
			   text);
		return TB_ENOTFOUND;
	}
	if (!full) {
		tb_err_set(err, "kernel %s: cannot allocate its device path", text);
		return TB_ENOMEM;
	}
	*out = full;
	return TB_OK;
}

/* The first node that is a file path, or the End node. */
static EFI_DEVICE_PATH *devpath_file_node(EFI_DEVICE_PATH *dp)
{
	while (!IsDevicePathEnd(dp) && !(DevicePathType(dp) == MEDIA_DEVICE_PATH &&
					 DevicePathSubType(dp) == MEDIA_FILEPATH_DP))
		dp = NextDevicePathNode(dp);
	return dp;
}

/*
 * A boot option that names a device but no file (OVMF's "UEFI QEMU
 * DVD-ROM", a USB stick): the boot manager starts the removable-media
 * file, \EFI\BOOT\BOOTX64.EFI, of the first file system on that device
 * (UEFI 2.10 §3.1.2, §3.5.1.1).  Its device path starts with the option's.
 */
static EFI_DEVICE_PATH *devpath_expand_removable(EFI_SYSTEM_TABLE *st, EFI_DEVICE_PATH *dp)
{
	static const CHAR16 name[] = L"\\EFI\\BOOT\\BOOTX64.EFI";
	UINTN prefix = devpath_size(dp) - END_DEVICE_PATH_LENGTH, n = 0;
	EFI_DEVICE_PATH *full = NULL;
	EFI_HANDLE *handles = NULL;
	UINT8 tail[4 + sizeof(name) + END_DEVICE_PATH_LENGTH];
	EFI_DEVICE_PATH *node = (EFI_DEVICE_PATH *)tail;

	node->Type = MEDIA_DEVICE_PATH;
	node->SubType = MEDIA_FILEPATH_DP;
	SetDevicePathNodeLength(node, 4 + sizeof(name));
	memcpy(tail + 4, name, sizeof(name));
	SetDevicePathEndNode(NextDevicePathNode(node));
	if (st->BootServices->LocateHandleBuffer(ByProtocol, &sfs_guid, NULL, &n, &handles) !=
	    EFI_SUCCESS)
		return NULL;
	for (UINTN i = 0; i < n && !full; i++) {
		EFI_DEVICE_PATH *hdp;

		if (st->BootServices->HandleProtocol(handles[i], &device_path_guid,
						     (VOID **)&hdp) != EFI_SUCCESS)
			continue;
		if (devpath_size(hdp) - END_DEVICE_PATH_LENGTH >= prefix &&
		    !memcmp(hdp, dp, prefix))
			full = devpath_join(st, hdp, tail, sizeof(tail));
	}
	st->BootServices->FreePool(handles);   /* the firmware's buffer */
	return full;
}

tb_status devpath_for_option(EFI_SYSTEM_TABLE *st, const void *list, UINTN len,
			     const char *name, EFI_DEVICE_PATH **out, struct tb_err *err)
{
	EFI_DEVICE_PATH *dp = efi_alloc_zero(st, len), *full = NULL;

	if (!dp) {
		tb_err_set(err, "%s: cannot allocate its device path", name);
		return TB_ENOMEM;
	}
	memcpy(dp, list, len);
	if (DevicePathType(dp) != MEDIA_DEVICE_PATH || DevicePathSubType(dp) != MEDIA_HARDDRIVE_DP) {
		if (!IsDevicePathEnd(devpath_file_node(dp))) {
			*out = dp;   /* a full path to a file: as it is */
			return TB_OK;
		}
		full = devpath_expand_removable(st, dp);
		if (!full) {
			/* No file system: a network device, whose LoadFile LoadImage uses. */
			*out = dp;
			return TB_OK;
		}
	} else {
		full = devpath_expand_hd(st, dp);
	}
	efi_free(st, dp);
	if (!full) {
		tb_err_set(err, "%s: no device on this machine matches its device path", name);
		return TB_ENOTFOUND;
	}
	*out = full;
	return TB_OK;
}

static CHAR16 devpath_fold(CHAR16 c)
{
	if (c >= 'a' && c <= 'z')
		return (CHAR16)(c - 'a' + 'A');
	return c == '/' ? '\\' : c;
}

/*
 * The file path nodes of a and b name the same file, ignoring case (FAT)
 * and how the path is split into nodes.
 */
static int devpath_same_file_nodes(EFI_DEVICE_PATH *a, EFI_DEVICE_PATH *b)
{
	const CHAR16 *pa = NULL, *pb = NULL;

	a = devpath_file_node(a);
	b = devpath_file_node(b);
	for (;;) {
		while (!pa || !*pa) {
			if (IsDevicePathEnd(a))
				break;
			pa = (const CHAR16 *)((UINT8 *)a + 4);
			a = NextDevicePathNode(a);
		}
		while (!pb || !*pb) {
			if (IsDevicePathEnd(b))
				break;
			pb = (const CHAR16 *)((UINT8 *)b + 4);
			b = NextDevicePathNode(b);
		}
		if ((!pa || !*pa) || (!pb || !*pb))
			return (!pa || !*pa) && (!pb || !*pb);
		if (devpath_fold(*pa++) != devpath_fold(*pb++))
			return 0;
	}
}

int devpath_is_self(EFI_SYSTEM_TABLE *st, EFI_DEVICE_PATH *dp, EFI_LOADED_IMAGE_PROTOCOL *self)
{
	EFI_DEVICE_PATH *rest = dp;
	EFI_HANDLE dev;

	if (!self || !self->FilePath ||
	    st->BootServices->LocateDevicePath(&sfs_guid, &rest, &dev) != EFI_SUCCESS)
		return 0;
	return dev == self->DeviceHandle && devpath_same_file_nodes(rest, self->FilePath);
}
