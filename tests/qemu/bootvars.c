/* SPDX-License-Identifier: MIT */
/*
 * The setup step of tests/qemu/test-next-entry.sh: an EFI application that
 * writes boot entries into OVMF's variable store the way efibootmgr would,
 * then powers off.  The next boot of the same store starts them.
 *
 *   Boot0100 "tdxboot"        this volume's \EFI\tdxboot\tdxboot.efi
 *   Boot0101 "disabled"       not active: the boot manager passes it over
 *   Boot0102 "Linux"          HD(1,MBR,0x54445842,0x800,0xB800)/\vmlinuz (a
 *                             short-form path, as efibootmgr -c writes it)
 *                             with the kernel command line as OptionalData
 *                             (no_timer_check: the IO-APIC timer check
 *                             fails under TCG on a loaded host)
 *   BootOrder = 0100, 0101, 0102
 *
 * Layout of an EFI_LOAD_OPTION: UEFI 2.10 §3.1.3.
 */
#include <efi.h>

static EFI_GUID global_guid = EFI_GLOBAL_VARIABLE;
static EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
static EFI_GUID device_path_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;
static EFI_GUID from_text_guid = EFI_DEVICE_PATH_FROM_TEXT_PROTOCOL_GUID;

#define OPTION_ACTIVE 0x00000001u   /* LOAD_OPTION_ACTIVE */
#define NV_BS_RT (EFI_VARIABLE_NON_VOLATILE | EFI_VARIABLE_BOOTSERVICE_ACCESS | \
		  EFI_VARIABLE_RUNTIME_ACCESS)

static UINT8 buf[4096];

static UINTN str16_len(const CHAR16 *s)
{
	UINTN n = 0;

	while (s[n])
		n++;
	return n;
}

static UINTN dp_size(EFI_DEVICE_PATH *dp)
{
	UINTN n = 0;

	for (; !IsDevicePathEnd(dp); dp = NextDevicePathNode(dp))
		n += DevicePathNodeLength(dp);
	return n + END_DEVICE_PATH_LENGTH;
}

static void copy(UINT8 *dst, const void *src, UINTN n)
{
	for (UINTN i = 0; i < n; i++)
		dst[i] = ((const UINT8 *)src)[i];
}

/* Attributes, path length, description, device path, optional data. */
static UINTN load_option(UINT32 attrs, const CHAR16 *desc, EFI_DEVICE_PATH *dp,
			 const CHAR16 *data)
{
	UINTN dlen = (str16_len(desc) + 1) * 2, plen = dp_size(dp), off = 6;
	UINT16 p16 = (UINT16)plen;

	copy(buf, &attrs, 4);
	copy(buf + 4, &p16, 2);
	copy(buf + off, desc, dlen);
	off += dlen;
	copy(buf + off, dp, plen);
	off += plen;
	if (data) {
		copy(buf + off, data, (str16_len(data) + 1) * 2);
		off += (str16_len(data) + 1) * 2;
	}
	return off;
}

static void say(EFI_SYSTEM_TABLE *st, const CHAR16 *s)
{
	st->ConOut->OutputString(st->ConOut, (CHAR16 *)s);
}

static EFI_STATUS set(EFI_SYSTEM_TABLE *st, const CHAR16 *name, UINTN n)
{
	return st->RuntimeServices->SetVariable((CHAR16 *)name, &global_guid, NV_BS_RT, n, buf);
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	EFI_DEVICE_PATH_FROM_TEXT_PROTOCOL *ft;
	EFI_LOADED_IMAGE_PROTOCOL *li;
	EFI_DEVICE_PATH *dev, *self, *linux_dp;
	UINT16 order[] = { 0x100, 0x101, 0x102 };
	EFI_STATUS s = EFI_SUCCESS;
	UINTN n;

	if (st->BootServices->HandleProtocol(image, &loaded_image_guid, (VOID **)&li) ||
	    st->BootServices->HandleProtocol(li->DeviceHandle, &device_path_guid, (VOID **)&dev) ||
	    st->BootServices->LocateProtocol(&from_text_guid, NULL, (VOID **)&ft)) {
		say(st, L"bootvars: no loaded image, device path or text protocol\r\n");
		return EFI_UNSUPPORTED;
	}
	/* This volume's path + \EFI\tdxboot\tdxboot.efi: append a text node. */
	{
		EFI_DEVICE_PATH_TO_TEXT_PROTOCOL *tt;
		EFI_GUID to_text_guid = EFI_DEVICE_PATH_TO_TEXT_PROTOCOL_GUID;
		static CHAR16 text[512];
		CHAR16 *t;
		UINTN i = 0;

		if (st->BootServices->LocateProtocol(&to_text_guid, NULL, (VOID **)&tt))
			return EFI_UNSUPPORTED;
		t = tt->ConvertDevicePathToText(dev, FALSE, FALSE);
		for (; t && t[i] && i < 400; i++)
			text[i] = t[i];
		copy((UINT8 *)(text + i), L"/\\EFI\\tdxboot\\tdxboot.efi",
		     sizeof(L"/\\EFI\\tdxboot\\tdxboot.efi"));
		self = ft->ConvertTextToDevicePath(text);
	}
	linux_dp = ft->ConvertTextToDevicePath(L"HD(1,MBR,0x54445842,0x800,0xB800)/\\vmlinuz");
	if (!self || !linux_dp)
		return EFI_UNSUPPORTED;

	n = load_option(OPTION_ACTIVE, L"tdxboot", self, NULL);
	s |= set(st, L"Boot0100", n);
	n = load_option(0, L"disabled", linux_dp, L"tdxboot.test=wrong-entry");
	s |= set(st, L"Boot0101", n);
	n = load_option(OPTION_ACTIVE, L"Linux", linux_dp,
			L"console=ttyS0 panic=-1 no_timer_check tdxboot.test=chainload "
			L"initrd=\\initrd.img initrd=\\initrd-extra.img");
	s |= set(st, L"Boot0102", n);
	copy(buf, order, sizeof(order));
	s |= set(st, L"BootOrder", sizeof(order));
	say(st, s == EFI_SUCCESS ? L"bootvars: Boot0100-0102 and BootOrder written\r\n"
				 : L"bootvars: SetVariable failed\r\n");
	st->RuntimeServices->ResetSystem(EfiResetShutdown, EFI_SUCCESS, 0, NULL);
	return s;
}
