/* SPDX-License-Identifier: MIT */
/*
 * Module versions as profiles: which rules apply is decided by the loaded
 * module's version (the descriptor in its image), as the real module's
 * rules are fixed by its build.
 */
#include "emu/internal.h"

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
