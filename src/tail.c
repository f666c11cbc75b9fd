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

void pkho_tail_init(struct pkho_tail *t, u64 room, u64 newest)
{
	memset(t, 0, sizeof(*t));
	t->room = room;
	t->end_seq = newest;
	t->first_seq = newest + 1;
}

bool pkho_tail_scan(struct pkho_tail *t, u64 seq, u64 len, bool jump)
{
	t->scanned += len;
	if (!jump)
		return true;
	t->jump = true;
	t->jump_seq = seq;
	t->from_jump = t->scanned;
	return false;
}

bool pkho_tail_overflows(const struct pkho_tail *t)
{
	return t->jump && t->from_jump > t->room;
}

bool pkho_tail_fit(struct pkho_tail *t, u64 seq, u64 len)
{
	if (seq == t->jump_seq) {
		/* Nothing fits until the jump line does. */
		t->fitted = 0;
		t->none = true;
	}
	if (len > t->room - t->fitted)
		return false;
	t->fitted += len;
	t->end_seq = seq;
	t->first_seq = seq + 1;
	t->none = false;
	return true;
}

bool pkho_tail_keep(struct pkho_tail *t, u64 seq, u64 len)
{
	if (t->none || seq > t->end_seq || len > t->room - t->kept)
		return false;
	t->kept += len;
	t->first_seq = seq;
	return true;
}

bool pkho_tail_kept_jump(const struct pkho_tail *t)
{
	return t->jump && !t->none && t->first_seq <= t->jump_seq &&
	       t->jump_seq <= t->end_seq;
}

u64 pkho_tail_dropped(const struct pkho_tail *t, u64 lo)
{
	u64 first = t->none ? t->jump_seq : t->first_seq;

	return first > lo ? first - lo : 0;
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
