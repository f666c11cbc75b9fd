// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kexec-time dump's policy: the newest lines win. See tail.h.
 */

#include "tail.h"

void pkho_tail_init(struct pkho_tail *t, u64 room)
{
	t->room = room;
	t->total = 0;
	t->excess = 0;
	t->kept = 0;
	t->skipped = 0;
}

void pkho_tail_count(struct pkho_tail *t, u64 len)
{
	t->total += len;
	t->excess = t->total > t->room ? t->total - t->room : 0;
}

bool pkho_tail_keep(struct pkho_tail *t, u64 len)
{
	/* The oldest lines go until what is left fits. */
	if (t->excess) {
		t->excess = len < t->excess ? t->excess - len : 0;
		t->skipped++;
		return false;
	}
	if (len > t->room - t->kept)
		return false;
	t->kept += len;
	return true;
}
