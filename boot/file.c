/* SPDX-License-Identifier: MIT */
#include "boot/file.h"

#include "boot/efi_util.h"
#include "lib/mem.h"

static EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
static EFI_GUID sfs_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
static EFI_GUID file_info_guid = EFI_FILE_INFO_ID;

/* Largest file tdxboot reads: a kernel or an initrd can be big. */
#define FILE_MAX_SIZE (512ULL << 20)

const char *file_path_ascii(const CHAR16 *w, char *buf, size_t size)
{
	size_t i = 0;

	for (; w[i] && i + 1 < size; i++)
		buf[i] = w[i] < 0x80 ? (char)w[i] : '?';
	buf[i] = '\0';
	return buf;
}

/* Concatenates the FILEPATH nodes of the image's device path. */
static void image_dir(EFI_DEVICE_PATH_PROTOCOL *dp, CHAR16 *dir, size_t cap)
{
	size_t n = 0, last_sep = 0;

	for (; dp && !IsDevicePathEnd(dp); dp = NextDevicePathNode(dp)) {
		if (DevicePathType(dp) != MEDIA_DEVICE_PATH ||
		    DevicePathSubType(dp) != MEDIA_FILEPATH_DP)
			continue;
		const CHAR16 *s = ((FILEPATH_DEVICE_PATH *)dp)->PathName;
		size_t max = (DevicePathNodeLength(dp) - 4) / sizeof(CHAR16);

		if (n && dir[n - 1] != '\\' && n + 1 < cap)
			dir[n++] = '\\';
		for (size_t i = 0; i < max && s[i] && n + 1 < cap; i++)
			dir[n++] = s[i] == '/' ? '\\' : s[i];
	}
	for (size_t i = 0; i < n; i++)
		if (dir[i] == '\\')
			last_sep = i + 1;
	dir[last_sep] = 0;
	if (last_sep == 0 && cap > 1) {
		dir[0] = '\\';
		dir[1] = 0;
	}
}

tb_status file_init(EFI_SYSTEM_TABLE *st, EFI_HANDLE image, struct file_ctx *f,
		    struct tb_err *err)
{
	EFI_STATUS s;

	f->st = st;
	s = st->BootServices->HandleProtocol(image, &loaded_image_guid, (VOID **)&f->image);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "cannot find tdxboot's own loaded image: %s", efi_status_name(s));
		return TB_EIO;
	}
	f->device = f->image->DeviceHandle;
	image_dir(f->image->FilePath, f->dir, sizeof(f->dir) / sizeof(f->dir[0]));
	return TB_OK;
}

static void path_join(const struct file_ctx *f, const char *name, CHAR16 *out, size_t cap)
{
	size_t n = 0;

	if (name[0] != '\\' && name[0] != '/')
		for (size_t i = 0; f->dir[i] && n + 1 < cap; i++)
			out[n++] = f->dir[i];
	for (size_t i = 0; name[i] && n + 1 < cap; i++)
		out[n++] = name[i] == '/' ? '\\' : (CHAR16)(unsigned char)name[i];
	out[n] = 0;
}

static tb_status file_size(EFI_FILE_HANDLE h, UINT64 *size, const char *p,
			   struct tb_err *err)
{
	UINT8 buf[sizeof(EFI_FILE_INFO) + 512];
	UINTN n = sizeof(buf);
	EFI_STATUS s = h->GetInfo(h, &file_info_guid, &n, buf);

	if (s != EFI_SUCCESS) {
		tb_err_set(err, "%s: cannot read file information: %s", p, efi_status_name(s));
		return TB_EIO;
	}
	if (((EFI_FILE_INFO *)buf)->Attribute & EFI_FILE_DIRECTORY) {
		tb_err_set(err, "%s: is a directory, not a file", p);
		return TB_EINVAL;
	}
	*size = ((EFI_FILE_INFO *)buf)->FileSize;
	if (*size > FILE_MAX_SIZE) {
		tb_err_set(err, "%s: %llu bytes, larger than tdxboot reads (%llu)", p,
			   (unsigned long long)*size, (unsigned long long)FILE_MAX_SIZE);
		return TB_ERANGE;
	}
	return TB_OK;
}

/*
 * The file goes into whole pages, not pool memory: a kernel is megabytes,
 * and pool memory would be zeroed first for nothing.  Only the NUL after
 * the data is written (for text files).
 */
static tb_status file_load(struct file_ctx *f, EFI_FILE_HANDLE h, struct boot_file *out,
			   const char *p, struct tb_err *err)
{
	EFI_PHYSICAL_ADDRESS pa;
	UINT64 size;
	tb_status ts = file_size(h, &size, p, err);

	if (ts != TB_OK)
		return ts;
	out->pages = EFI_SIZE_TO_PAGES(size + 1);
	if (efi_alloc_pages(f->st, AllocateAnyPages, EfiLoaderData, out->pages, &pa) != EFI_SUCCESS) {
		tb_err_set(err, "%s: cannot allocate %llu bytes", p, (unsigned long long)size);
		out->pages = 0;
		return TB_ENOMEM;
	}
	out->data = (void *)(UINTN)pa;
	UINTN got = size;
	EFI_STATUS s = h->Read(h, &got, out->data);
	if (s != EFI_SUCCESS || got != size) {
		tb_err_set(err, "%s: read %llu of %llu bytes: %s", p, (unsigned long long)got,
			   (unsigned long long)size, efi_status_name(s));
		file_free(f, out);
		return TB_EIO;
	}
	((char *)out->data)[size] = '\0';
	out->size = size;
	return TB_OK;
}

tb_status file_read(struct file_ctx *f, const char *name, struct boot_file *out,
		    struct tb_err *err)
{
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
	EFI_FILE_HANDLE root, h;
	EFI_STATUS s;
	char p[256];
	tb_status ts;

	memset(out, 0, sizeof(*out));
	path_join(f, name, out->path, sizeof(out->path) / sizeof(out->path[0]));
	file_path_ascii(out->path, p, sizeof(p));
	s = f->st->BootServices->HandleProtocol(f->device, &sfs_guid, (VOID **)&fs);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "%s: tdxboot's volume has no file system: %s", p, efi_status_name(s));
		return TB_EIO;
	}
	s = fs->OpenVolume(fs, &root);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "%s: cannot open the volume: %s", p, efi_status_name(s));
		return TB_EIO;
	}
	s = root->Open(root, &h, out->path, EFI_FILE_MODE_READ, 0);
	if (s != EFI_SUCCESS) {
		root->Close(root);
		tb_err_set(err, "%s: %s", p, s == EFI_NOT_FOUND ? "no such file" : efi_status_name(s));
		return s == EFI_NOT_FOUND ? TB_ENOTFOUND : TB_EIO;
	}
	ts = file_load(f, h, out, p, err);
	h->Close(h);
	root->Close(root);
	return ts;
}

void file_free(struct file_ctx *f, struct boot_file *bf)
{
	if (bf->data)
		efi_free_pages(f->st, (EFI_PHYSICAL_ADDRESS)(UINTN)bf->data, bf->pages);
	bf->data = NULL;
	bf->size = 0;
	bf->pages = 0;
}

/* EFI_FILE_INFO with a file name of up to 255 characters. */
#define DIR_INFO_MAX (sizeof(EFI_FILE_INFO) + 256 * sizeof(CHAR16))

tb_status file_list(struct file_ctx *f, const char *dir, file_list_fn fn, void *ctx,
		    struct tb_err *err)
{
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
	EFI_FILE_HANDLE root, h;
	UINT64 info[DIR_INFO_MAX / sizeof(UINT64) + 1];
	CHAR16 path[256];
	char name[256];
	EFI_STATUS s;

	path_join(f, dir, path, sizeof(path) / sizeof(path[0]));
	if (f->st->BootServices->HandleProtocol(f->device, &sfs_guid, (VOID **)&fs) !=
		    EFI_SUCCESS ||
	    fs->OpenVolume(fs, &root) != EFI_SUCCESS) {
		tb_err_set(err, "%s: cannot open tdxboot's volume", dir);
		return TB_EIO;
	}
	s = root->Open(root, &h, path, EFI_FILE_MODE_READ, 0);
	root->Close(root);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "%s: %s", dir, s == EFI_NOT_FOUND ? "no such directory"
								 : efi_status_name(s));
		return s == EFI_NOT_FOUND ? TB_ENOTFOUND : TB_EIO;
	}
	for (;;) {
		EFI_FILE_INFO *fi = (EFI_FILE_INFO *)info;
		UINTN n = sizeof(info);

		/* FAT names have at most 255 characters: the buffer always fits. */
		s = h->Read(h, &n, info);
		if (s != EFI_SUCCESS || n == 0)
			break;
		if (!(fi->Attribute & EFI_FILE_DIRECTORY))
			fn(ctx, file_path_ascii(fi->FileName, name, sizeof(name)));
	}
	h->Close(h);
	return TB_OK;
}
