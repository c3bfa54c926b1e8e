/* SPDX-License-Identifier: MIT */
/*
 * The module's locks are try-locks: contention is reported to the caller
 * (TDX_SYS_BUSY, TDX_OPERAND_BUSY), never waited for (docs/reference/tdx-abi.md §4;
 * module src/common/helpers/tdx_locks.h).  The global lock is a
 * shared/exclusive lock: 0 free, -1 held exclusive, n > 0 held by n sharers.
 */
#include "emu/internal.h"

bool emu_lock_try_excl(int32_t *l)
{
	int32_t expected = 0;

	return __atomic_compare_exchange_n(l, &expected, -1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

bool emu_lock_try_shared(int32_t *l)
{
	int32_t cur = __atomic_load_n(l, __ATOMIC_RELAXED);

	/* Retry only when another sharer changed the count, never on exclusive. */
	while (cur >= 0) {
		if (__atomic_compare_exchange_n(l, &cur, cur + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	}
	return false;
}

void emu_lock_release_excl(int32_t *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

void emu_lock_release_shared(int32_t *l)
{
	__atomic_fetch_sub(l, 1, __ATOMIC_RELEASE);
}

bool emu_mutex_try(uint8_t *m)
{
	return !__atomic_exchange_n(m, 1, __ATOMIC_ACQUIRE);
}

void emu_mutex_release(uint8_t *m)
{
	__atomic_store_n(m, 0, __ATOMIC_RELEASE);
}
