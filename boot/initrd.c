/* SPDX-License-Identifier: MIT */
#include "boot/initrd.h"

#include "boot/console.h"
#include "boot/efi_util.h"
#include "lib/mem.h"

static EFI_GUID initrd_media_guid = TB_LINUX_EFI_INITRD_MEDIA_GUID;
static EFI_GUID load_file2_guid = TB_EFI_LOAD_FILE2_PROTOCOL_GUID;
static EFI_GUID device_path_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;

#define INITRD_ALIGN 4

static UINTN initrd_padded(UINTN n)
{
	return (n + INITRD_ALIGN - 1) & ~(UINTN)(INITRD_ALIGN - 1);
}

/*
 * The stub asks for the size with Buffer == NULL (or too small), then for
 * the data.  BootPolicy TRUE means "boot manager selection", which a
 * LoadFile2 provider must refuse (UEFI 2.10 §13.2).
 */
static EFI_STATUS EFIAPI initrd_load_file(EFI_LOAD_FILE_PROTOCOL *this,
					  EFI_DEVICE_PATH *path, BOOLEAN boot_policy,
					  UINTN *size, VOID *buffer)
{
	struct initrd_ctx *ctx = (struct initrd_ctx *)this;

	if (!this || !size)
		return EFI_INVALID_PARAMETER;
	if (boot_policy)
		return EFI_UNSUPPORTED;
	if (!buffer || *size < ctx->size) {
		*size = ctx->size;
		return EFI_BUFFER_TOO_SMALL;
	}
	memcpy(buffer, ctx->data, ctx->size);
	*size = ctx->size;
	return EFI_SUCCESS;
}

static void initrd_path_init(TB_INITRD_DEVICE_PATH *p)
{
	p->vendor.Header.Type = MEDIA_DEVICE_PATH;
	p->vendor.Header.SubType = MEDIA_VENDOR_DP;
	p->vendor.Header.Length[0] = sizeof(p->vendor);
	p->vendor.Header.Length[1] = 0;
	p->vendor.Guid = initrd_media_guid;
	p->end.Type = END_DEVICE_PATH_TYPE;
	p->end.SubType = END_ENTIRE_DEVICE_PATH_SUBTYPE;
	p->end.Length[0] = sizeof(p->end);
	p->end.Length[1] = 0;
}

/* A second provider would make the stub pick whichever it finds first. */
static int initrd_already_served(EFI_SYSTEM_TABLE *st, TB_INITRD_DEVICE_PATH *p)
{
	EFI_DEVICE_PATH *dp = (EFI_DEVICE_PATH *)p;
	EFI_HANDLE h;

	return st->BootServices->LocateDevicePath(&load_file2_guid, &dp, &h) == EFI_SUCCESS &&
	       IsDevicePathEnd(dp);
}

static tb_status initrd_read_all(struct initrd_ctx *ctx, struct file_ctx *files,
				 const char (*paths)[CONFIG_PATH_MAX], uint32_t n,
				 struct boot_file *f, struct tb_err *err)
{
	for (uint32_t i = 0; i < n; i++) {
		tb_status ts = file_read(files, paths[i], &f[i], err);

		if (ts != TB_OK)
			return ts;
		ctx->size += initrd_padded(f[i].size);
	}
	return TB_OK;
}

static tb_status initrd_concat(struct initrd_ctx *ctx, struct boot_file *f, uint32_t n,
			       struct tb_err *err)
{
	EFI_PHYSICAL_ADDRESS addr = 0;
	UINTN off = 0;

	ctx->pages = EFI_SIZE_TO_PAGES(ctx->size ? ctx->size : 1);
	if (efi_alloc_pages(ctx->st, AllocateAnyPages, EfiLoaderData, ctx->pages,
						 &addr) != EFI_SUCCESS) {
		tb_err_set(err, "initrd: cannot allocate %llu bytes",
			   (unsigned long long)ctx->size);
		return TB_ENOMEM;
	}
	ctx->data = (void *)(UINTN)addr;
	for (uint32_t i = 0; i < n; i++) {
		memcpy((char *)ctx->data + off, f[i].data, f[i].size);
		memset((char *)ctx->data + off + f[i].size, 0,
		       initrd_padded(f[i].size) - f[i].size);
		off += initrd_padded(f[i].size);
	}
	return TB_OK;
}

static void initrd_free_data(struct initrd_ctx *ctx)
{
	if (ctx->data)
		efi_free_pages(ctx->st, (EFI_PHYSICAL_ADDRESS)(UINTN)ctx->data,
						 ctx->pages);
	ctx->data = NULL;
	ctx->size = 0;
}

static tb_status initrd_publish(struct initrd_ctx *ctx, struct tb_err *err)
{
	EFI_BOOT_SERVICES *bs = ctx->st->BootServices;
	EFI_STATUS s;

	s = bs->InstallProtocolInterface(&ctx->handle, &device_path_guid, EFI_NATIVE_INTERFACE,
					 &ctx->path);
	if (s == EFI_SUCCESS) {
		s = bs->InstallProtocolInterface(&ctx->handle, &load_file2_guid,
						 EFI_NATIVE_INTERFACE, &ctx->load_file2);
		if (s != EFI_SUCCESS)
			bs->UninstallProtocolInterface(ctx->handle, &device_path_guid, &ctx->path);
	}
	if (s != EFI_SUCCESS) {
		ctx->handle = NULL;
		tb_err_set(err, "initrd: cannot install the LoadFile2 protocol: %s",
			   efi_status_name(s));
		return TB_EIO;
	}
	return TB_OK;
}

tb_status initrd_install(struct initrd_ctx *ctx, struct file_ctx *files,
			 const char (*paths)[CONFIG_PATH_MAX], uint32_t n,
			 struct tb_err *err)
{
	struct boot_file f[CONFIG_INITRD_MAX];
	tb_status ts;

	memset(ctx, 0, sizeof(*ctx));
	memset(f, 0, sizeof(f));
	ctx->st = files->st;
	ctx->load_file2.LoadFile = initrd_load_file;
	initrd_path_init(&ctx->path);
	if (n == 0)
		return TB_OK;
	if (n > CONFIG_INITRD_MAX)
		n = CONFIG_INITRD_MAX;
	if (initrd_already_served(ctx->st, &ctx->path)) {
		tb_err_set(err, "initrd: another boot component already serves an initrd "
				"through LINUX_EFI_INITRD_MEDIA_GUID");
		return TB_EBUSY;
	}
	ts = initrd_read_all(ctx, files, paths, n, f, err);
	if (ts == TB_OK)
		ts = initrd_concat(ctx, f, n, err);
	for (uint32_t i = 0; i < n; i++)
		if (f[i].data)
			file_free(files, &f[i]);
	if (ts == TB_OK)
		ts = initrd_publish(ctx, err);
	if (ts != TB_OK)
		initrd_free_data(ctx);
	return ts;
}

void initrd_uninstall(struct initrd_ctx *ctx)
{
	EFI_BOOT_SERVICES *bs;

	if (!ctx->st)
		return;
	bs = ctx->st->BootServices;
	if (ctx->handle) {
		bs->UninstallProtocolInterface(ctx->handle, &load_file2_guid, &ctx->load_file2);
		bs->UninstallProtocolInterface(ctx->handle, &device_path_guid, &ctx->path);
		ctx->handle = NULL;
	}
	initrd_free_data(ctx);
}
