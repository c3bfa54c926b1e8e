/* SPDX-License-Identifier: MIT */
#include "boot/chainload.h"

#include "boot/console.h"
#include "boot/devpath.h"
#include "boot/efi_extra.h"
#include "boot/efi_util.h"
#include "boot/initrd.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
static EFI_GUID shim_lock_guid = TB_SHIM_LOCK_GUID;
static EFI_GUID global_var_guid = EFI_GLOBAL_VARIABLE;

/*
 * What LoadImage gets (a device path, and the file's bytes when we read
 * it) and what the image gets (its LoadOptions).  Everything here is
 * released by chainload_release, on every path.
 */
struct chainload_image {
	EFI_DEVICE_PATH *path;     /* pool memory, freed once LoadImage has its copy */
	struct boot_file file;     /* empty when the firmware reads the file */
	UINTN size;                /* the file's size, 0 when unknown */
	char name[256];            /* for messages */
	EFI_HANDLE handle;         /* loaded and not yet started: unloaded on release */
	void *options;             /* the LoadOptions we gave it, pool memory */
	UINT32 options_size;
};

/*
 * On tdxboot's volume the file is read here: "no such file" can name the
 * path, and shim can verify the very bytes that LoadImage then gets.
 */
static tb_status chainload_locate(EFI_SYSTEM_TABLE *st, struct file_ctx *files,
				  const char *kernel, struct chainload_image *img,
				  struct tb_err *err)
{
	tb_status ts;

	if (devpath_is_text(kernel)) {
		fmt_snprintf(img->name, sizeof(img->name), "%s", kernel);
		return devpath_from_text(st, kernel, &img->path, err);
	}
	ts = file_read(files, kernel, &img->file, err);
	if (ts != TB_OK)
		return ts;
	img->size = img->file.size;
	file_path_ascii(img->file.path, img->name, sizeof(img->name));
	return devpath_file(st, files->device, img->file.path, &img->path, err);
}

static int chainload_secure_boot(EFI_SYSTEM_TABLE *st)
{
	UINT8 on = 0;
	UINTN n = sizeof(on);

	if (st->RuntimeServices->GetVariable(L"SecureBoot", &global_var_guid, NULL, &n, &on) !=
	    EFI_SUCCESS)
		return 0;
	return on == 1;
}

/*
 * shim, when it started us, exposes SHIM_LOCK; its Verify applies shim's
 * rules (db, MOK, shim's vendor certificate, dbx, MOKX, SBAT) to the bytes
 * we are about to load.  Without shim the firmware's LoadImage decides alone.
 */
static tb_status chainload_shim_verify(EFI_SYSTEM_TABLE *st, struct chainload_image *img,
				       int *verified, struct tb_err *err)
{
	TB_SHIM_LOCK_PROTOCOL *shim;
	EFI_STATUS s;

	*verified = 0;
	if (!img->file.data ||
	    st->BootServices->LocateProtocol(&shim_lock_guid, NULL, (VOID **)&shim) != EFI_SUCCESS)
		return TB_OK;
	if (img->file.size > 0xffffffffULL) {
		tb_err_set(err, "%s: too large for shim to verify", img->name);
		return TB_ERANGE;
	}
	s = shim->Verify(img->file.data, (UINT32)img->file.size);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "%s: shim refused it (%s): not signed by a key in db, the MOK "
				"list or shim's vendor certificate, or revoked (dbx, MOKX, SBAT); "
				"sign it with an enrolled key or enroll yours (mokutil --import)",
			   img->name, efi_status_name(s));
		return TB_EABORTED;
	}
	*verified = 1;
	con_printf("chainload: shim verified %s\n", img->name);
	return TB_OK;
}

/* One sentence: what refused the image, and what the operator can do. */
static void chainload_explain(EFI_SYSTEM_TABLE *st, const struct chainload_image *img,
			      EFI_STATUS s, int shim_ok, struct tb_err *err)
{
	const char *name = efi_status_name(s);

	if ((s == EFI_SECURITY_VIOLATION || s == EFI_ACCESS_DENIED) && !chainload_secure_boot(st))
		tb_err_set(err, "%s: refused by the firmware's security policy (%s) although "
				"Secure Boot is off", img->name, name);
	else if ((s == EFI_SECURITY_VIOLATION || s == EFI_ACCESS_DENIED) && shim_ok)
		tb_err_set(err, "%s: shim accepted it but the firmware refused it (%s): LoadImage "
				"knows db, not MOK; chain shim -> GRUB, use shim >= 16.1, or "
				"sign it with a db key", img->name, name);
	else if (s == EFI_SECURITY_VIOLATION || s == EFI_ACCESS_DENIED)
		tb_err_set(err, "%s: refused by Secure Boot (%s): not signed by a key in db, or "
				"revoked by dbx; sign it with a db key (sbsign) or start it "
				"through shim", img->name, name);
	else if (s == EFI_LOAD_ERROR || s == EFI_UNSUPPORTED || s == EFI_INCOMPATIBLE_VERSION)
		tb_err_set(err, "%s: not an EFI image for this machine (%s); a Linux kernel "
				"needs CONFIG_EFI_STUB", img->name, name);
	else if (s == EFI_NOT_FOUND)
		tb_err_set(err, "%s: no such file or device (EFI_NOT_FOUND)", img->name);
	else
		tb_err_set(err, "%s: the firmware could not load it: %s", img->name, name);
}

static tb_status chainload_load(EFI_SYSTEM_TABLE *st, EFI_HANDLE self,
				struct chainload_image *img, int shim_ok, struct tb_err *err)
{
	EFI_STATUS s;

	img->handle = NULL;
	s = st->BootServices->LoadImage(FALSE, self, img->path, img->file.data,
					img->file.size, &img->handle);
	/* The loaded image keeps its own copy of the path (UEFI 2.10 §7.4 LoadImage). */
	efi_free(st, img->path);
	img->path = NULL;
	if (s == EFI_SUCCESS)
		return TB_OK;
	/* UEFI 2.10 §7.4: a refused image may still have been given a handle. */
	if (img->handle)
		st->BootServices->UnloadImage(img->handle);
	img->handle = NULL;
	chainload_explain(st, img, s, shim_ok, err);
	return s == EFI_SECURITY_VIOLATION || s == EFI_ACCESS_DENIED ? TB_EABORTED : TB_EIO;
}

/* The image's LoadOptions: options_size bytes, kept until the image returns. */
static tb_status chainload_set_options(EFI_SYSTEM_TABLE *st, struct chainload_image *img,
				       struct tb_err *err)
{
	EFI_LOADED_IMAGE_PROTOCOL *li;

	if (st->BootServices->HandleProtocol(img->handle, &loaded_image_guid, (VOID **)&li) !=
	    EFI_SUCCESS) {
		tb_err_set(err, "%s: loaded, but has no loaded-image protocol", img->name);
		return TB_EIO;
	}
	if (img->options_size) {
		li->LoadOptions = img->options;
		li->LoadOptionsSize = img->options_size;
	}
	return TB_OK;
}

/* A command line as LoadOptions: UCS-2, NUL-terminated, size with the NUL. */
static tb_status chainload_options_text(EFI_SYSTEM_TABLE *st, struct chainload_image *img,
					const char *options, struct tb_err *err)
{
	size_t n = strlen(options);
	CHAR16 *w;

	if (n == 0)
		return TB_OK;
	w = efi_alloc_zero(st, (n + 1) * sizeof(CHAR16));
	if (!w) {
		tb_err_set(err, "cannot allocate the command line");
		return TB_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		w[i] = (CHAR16)(unsigned char)options[i];
	img->options = w;
	img->options_size = (UINT32)((n + 1) * sizeof(CHAR16));
	return TB_OK;
}

/* A boot option's OptionalData, passed as they are (UEFI 2.10 §3.1.3). */
static tb_status chainload_options_bytes(EFI_SYSTEM_TABLE *st, struct chainload_image *img,
					 const void *data, UINT32 size, struct tb_err *err)
{
	if (size == 0)
		return TB_OK;
	img->options = efi_alloc_zero(st, size);
	if (!img->options) {
		tb_err_set(err, "cannot allocate the load options");
		return TB_ENOMEM;
	}
	memcpy(img->options, data, size);
	img->options_size = size;
	return TB_OK;
}

/*
 * The one release for every path: the file buffer, the device path, the
 * LoadOptions, and an image that was loaded but never started.
 */
static void chainload_release(EFI_SYSTEM_TABLE *st, struct file_ctx *files,
			      struct chainload_image *img)
{
	if (img->file.data)
		file_free(files, &img->file);
	if (img->handle)
		st->BootServices->UnloadImage(img->handle);
	img->handle = NULL;
	efi_free(st, img->path);
	img->path = NULL;
	efi_free(st, img->options);
	img->options = NULL;
	img->options_size = 0;
}

static tb_status chainload_run(EFI_SYSTEM_TABLE *st, struct chainload_image *img,
			       struct initrd_ctx *initrd, struct tb_err *err)
{
	EFI_STATUS s;

	/*
	 * As a boot manager does for a boot option (UEFI 2.10 §3.1.2): a
	 * 5-minute watchdog that a hung next image cannot escape, disarmed by
	 * its ExitBootServices.  (tdxboot disarmed the firmware's own at start,
	 * because its own steps may be slow under emulation.)  Codes below
	 * 0x10000 belong to the firmware.
	 */
	st->BootServices->SetWatchdogTimer(5 * 60, 0x10000, 0, NULL);
	alloc_report("StartImage");   /* what the image inherits (docs/chainload.md) */
	s = st->BootServices->StartImage(img->handle, NULL, NULL);
	/* An application that returned was unloaded by Exit (UEFI 2.10 §7.4). */
	img->handle = NULL;
	st->BootServices->SetWatchdogTimer(0, 0x10000, 0, NULL);
	/* Only here when the image exited (or failed to start): clean up after it. */
	initrd_uninstall(initrd);
	if (s == EFI_SUCCESS) {
		con_printf("chainload: %s returned\n", img->name);
		return TB_OK;
	}
	tb_err_set(err, "%s: started, but returned %s", img->name, efi_status_name(s));
	return TB_EIO;
}

static void chainload_announce(const struct chainload_image *img, const struct tb_config *cfg,
			       const struct initrd_ctx *initrd)
{
	char sz[32];

	if (img->size)
		con_printf("chainload: %s (%s)\n", img->name, fmt_size(sz, sizeof(sz), img->size));
	else
		con_printf("chainload: %s\n", img->name);
	if (initrd->handle)
		con_printf("chainload: initrd %s in %u file%s through LINUX_EFI_INITRD_MEDIA_GUID\n",
			   fmt_size(sz, sizeof(sz), initrd->size), cfg->n_initrd,
			   cfg->n_initrd == 1 ? "" : "s");
	con_printf("chainload: command line '%s'\n", cfg->options);
}

tb_status chainload_start(EFI_SYSTEM_TABLE *st, EFI_HANDLE self, struct file_ctx *files,
			  const struct tb_config *cfg, struct tb_err *err)
{
	struct chainload_image img;
	struct initrd_ctx *initrd;
	int shim_ok = 0;
	tb_status ts;

	memset(&img, 0, sizeof(img));
	initrd = efi_alloc_zero(st, sizeof(*initrd));
	if (!initrd) {
		tb_err_set(err, "cannot allocate the initrd state");
		return TB_ENOMEM;
	}
	ts = chainload_locate(st, files, cfg->kernel, &img, err);
	if (ts == TB_OK)
		ts = chainload_shim_verify(st, &img, &shim_ok, err);
	if (ts == TB_OK)
		ts = chainload_load(st, self, &img, shim_ok, err);
	if (ts == TB_OK)
		ts = chainload_options_text(st, &img, cfg->options, err);
	if (ts == TB_OK)
		ts = chainload_set_options(st, &img, err);
	if (ts == TB_OK)
		ts = initrd_install(initrd, files, cfg->initrd, cfg->n_initrd, err);
	if (ts == TB_OK) {
		chainload_announce(&img, cfg, initrd);
		ts = chainload_run(st, &img, initrd, err);
	}
	chainload_release(st, files, &img);
	efi_free(st, initrd);
	return ts;
}

tb_status chainload_start_path(EFI_SYSTEM_TABLE *st, EFI_HANDLE self, struct file_ctx *files,
			       EFI_DEVICE_PATH *path, const void *data, UINT32 data_size,
			       const char *name, struct tb_err *err)
{
	struct chainload_image img;
	struct initrd_ctx none;
	tb_status ts;

	memset(&img, 0, sizeof(img));
	memset(&none, 0, sizeof(none));
	img.path = path;
	fmt_snprintf(img.name, sizeof(img.name), "%s", name);
	ts = chainload_load(st, self, &img, 0, err);
	if (ts == TB_OK)
		ts = chainload_options_bytes(st, &img, data, data_size, err);
	if (ts == TB_OK)
		ts = chainload_set_options(st, &img, err);
	if (ts == TB_OK) {
		con_printf("chainload: %s with %u bytes of optional data\n", img.name,
			   (unsigned)data_size);
		ts = chainload_run(st, &img, &none, err);
	}
	chainload_release(st, files, &img);
	return ts;
}
