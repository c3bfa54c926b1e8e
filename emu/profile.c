/* SPDX-License-Identifier: MIT */
/*
 * Module versions as profiles: which leaves, fields and rules apply is
 * decided by the loaded module's version, as the real module's are fixed
 * by its build (the version is compiled in: 1.5.01 proj_defs.mk lines
 * 55-61, reported by metadata_sys.c and tdh_sys_info.c).  The emulator
 * runs only the versions it has a profile for (docs/emulator.md
 * "Profiles"); docs/reference/tdx-abi.md §16 for 1.0.
 */
#include "emu/internal.h"

#include "lib/fmt.h"

/* seamsvn: byte 1 the major SVN, 0 for a 1.0 module (tdx-loader
 * seam_sigstruct.h TDX_MODULE_1_0_MAJOR_SVN, §16.3), 1 for 1.5. */
static const struct emu_profile emu_profiles[] = {
	{ "1.0", 1, 0, 3, 0, 0x0003 },
	{ "1.5.01", 1, 5, 1, 0, 0x0104 },
	{ "1.5.05", 1, 5, 5, EMU_MODFLAG_MAX_VCPUS, 0x0106 },
	{ "1.5.16", 1, 5, 16,
	  EMU_MODFLAG_MAX_VCPUS | EMU_MODFLAG_DPAMT | EMU_MODFLAG_SYS_DISABLE, 0x0110 },
};
#define EMU_N_PROFILES (sizeof(emu_profiles) / sizeof(emu_profiles[0]))

uint32_t emu_profile_count(void)
{
	return EMU_N_PROFILES;
}

const struct emu_profile *emu_profile_at(uint32_t i)
{
	return i < EMU_N_PROFILES ? &emu_profiles[i] : NULL;
}

const struct emu_profile *emu_profile_find(uint16_t major, uint16_t minor, uint16_t update)
{
	for (uint32_t i = 0; i < EMU_N_PROFILES; i++) {
		const struct emu_profile *p = &emu_profiles[i];

		if (p->major == major && p->minor == minor && p->update == update)
			return p;
	}
	return NULL;
}

void emu_profile_apply(const struct emu_profile *p, struct emu_module_desc *d)
{
	d->major = p->major;
	d->minor = p->minor;
	d->update = p->update;
	d->flags = (d->flags & EMU_MODFLAG_DEBUG) | p->flags;
	d->dpamt_bits_per_entry = (p->flags & EMU_MODFLAG_DPAMT) ? 2 : 0;
}

void emu_profile_list(char *buf, size_t n)
{
	buf[0] = 0;
	for (uint32_t i = 0; i < EMU_N_PROFILES; i++)
		fmt_append(buf, n, "%s%s", i ? ", " : "", emu_profiles[i].name);
}

const char *emu_profile_name(const struct emu *e)
{
	const struct emu_module_desc *d = &e->mod.desc;
	const struct emu_profile *p = emu_profile_find(d->major, d->minor, d->update);

	if (!__atomic_load_n(&e->ldr.module_loaded, __ATOMIC_ACQUIRE))
		return "none";
	return p ? p->name : "none";
}

bool emu_module_at_least(const struct emu *e, uint16_t major, uint16_t minor,
			 uint16_t update)
{
	const struct emu_module_desc *d = &e->mod.desc;

	if (d->major != major)
		return d->major > major;
	if (d->minor != minor)
		return d->minor > minor;
	return d->update >= update;
}

/* TDX 1.0: no TDH.SYS.RD/RDALL/SHUTDOWN, the 1.0 dispatcher (§16). */
bool emu_module_is_v10(const struct emu *e)
{
	return e->mod.desc.major == 1 && e->mod.desc.minor == 0;
}
