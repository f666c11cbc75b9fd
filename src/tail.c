// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kexec-time dump's policy: the newest lines win, up to "Starting new
 * kernel". See tail.h.
 */

#ifdef __KERNEL__
#include <linux/string.h>
#else
#include <string.h>
#endif

#include "tail.h"

/* As printed: kexec_core's pr_fmt, the text, the newline. */
static const char pkho_jump_text[] = "kexec_core: Starting new kernel\n";

void pkho_tail_init(struct pkho_tail *t, u64 room)
{
	memset(t, 0, sizeof(*t));
	t->room = room;
}

void pkho_tail_count(struct pkho_tail *t, u64 seq, u64 len, bool jump)
{
	t->total += len;
	if (jump) {
		t->jump = true;
		t->from_jump = 0;
	}
	if (t->jump) {
		t->from_jump += len;
		/* Past the room from the jump line on: the run ended before. */
		if (t->from_jump > t->room)
			return;
	}
	t->end_seq = seq;
	t->to_end = t->total;
}

bool pkho_tail_keep(struct pkho_tail *t, u64 seq, u64 len)
{
	if (!t->planned) {
		t->planned = true;
		t->excess = t->to_end > t->room ? t->to_end - t->room : 0;
	}
	if (seq > t->end_seq)
		return false;
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

bool pkho_tail_may_be_jump(size_t len)
{
	size_t n = sizeof(pkho_jump_text) - 1;

	return len >= n && len <= n + PKHO_TAIL_PREFIX_MAX;
}

bool pkho_tail_is_jump(const char *line, size_t len)
{
	size_t n = sizeof(pkho_jump_text) - 1;

	return len >= n && !memcmp(line + len - n, pkho_jump_text, n);
}

bool pkho_tail_text_is_jump(const char *text, size_t len)
{
	/* The printed line's text, without its prefix and its newline. */
	size_t n = sizeof(pkho_jump_text) - 2;

	return len == n && !memcmp(text, pkho_jump_text, n);
}
