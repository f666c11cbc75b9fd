// SPDX-License-Identifier: GPL-2.0-only
/*
 * Up to 7.3 KHO's boot memory is "scratch" (kho_scratch=, memblock flag
 * MEMBLOCK_KHO_SCRATCH); 7.4 renames it kho_bootmem=. Only the name the
 * module prints in its advice depends on this.
 */
#include <linux/memblock.h>

int probe_flag(void);
int probe_flag(void)
{
	return MEMBLOCK_KHO_SCRATCH;
}
