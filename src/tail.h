/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which lines the kexec-time dump keeps when they do not all fit: the
 * newest ones. Pure C, like ser.c, so that the unit tests run the very same
 * policy as the module.
 *
 * The dump reads the lines printed since the last capture twice, oldest
 * first: once for their sizes (pkho_tail_count()), once to copy them
 * (pkho_tail_keep() says, line by line, whether to). The lines skipped are
 * the oldest ones, as few as leave the rest within the room; they are "the
 * middle" of the record, between what was captured before and the newest
 * lines, and the record says how many there were.
 */

#ifndef _PSTORE_KHO_TAIL_H
#define _PSTORE_KHO_TAIL_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <linux/types.h>	/* tests/unit/include */
#endif

/*
 * struct pkho_tail - the plan of one dump
 * @room:    bytes the dump may write.
 * @total:   bytes of every line counted (first pass).
 * @excess:  bytes still to skip before keeping (second pass).
 * @kept:    bytes kept so far (second pass).
 * @skipped: lines skipped so far (second pass).
 */
struct pkho_tail {
	u64 room;
	u64 total;
	u64 excess;
	u64 kept;
	u64 skipped;
};

void pkho_tail_init(struct pkho_tail *t, u64 room);

/* First pass: one line of @len bytes. */
void pkho_tail_count(struct pkho_tail *t, u64 len);

/*
 * Second pass, over the same lines in the same order: keep this line of
 * @len bytes? Once it says yes it says yes to every later line that fits
 * in what is left of the room (a line that does not, because the log
 * changed between the passes, is refused, and the dump stops there).
 */
bool pkho_tail_keep(struct pkho_tail *t, u64 len);

#endif /* _PSTORE_KHO_TAIL_H */
