// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel log as numbered lines, read with the kmsg_dump iterator: the
 * only file that looks at the printk ring. Safe in any context the
 * iterator is (the kexec-time dump included): no lock, no allocation.
 *
 * A reader opens a window [from, end) of sequence numbers, end being the
 * head when it opened, so that no printk rate can make it read for ever,
 * and reads line by line, its text or only its size (which costs no copy
 * of the text: the kexec-time dump sizes a whole storm that way). Lines the ring
 * overwrote (or "dmesg -c" cleared) before they were read are skipped: the
 * sequence numbers say where and how many.
 */

#include <linux/kmsg_dump.h>

#include "pkho.h"

u64 pkho_lines_head(void)
{
	struct kmsg_dump_iter iter;

	kmsg_dump_rewind(&iter);
	return iter.next_seq;
}

u64 pkho_lines_oldest(void)
{
	struct kmsg_dump_iter iter;
	size_t len;

	kmsg_dump_rewind(&iter);
	iter.cur_seq = 0;
	if (!kmsg_dump_get_line(&iter, false, NULL, 0, &len))
		return iter.next_seq;
	return iter.cur_seq - 1;
}

void pkho_lines_open(struct pkho_lines *l, u64 from, u64 end)
{
	kmsg_dump_rewind(&l->iter);
	l->iter.cur_seq = from;
	l->end = end;
}

bool pkho_lines_next(struct pkho_lines *l, char *buf, size_t size,
		     size_t *len, u64 *seq)
{
	u64 at = l->iter.cur_seq;

	if (at >= l->end ||
	    !kmsg_dump_get_line(&l->iter, false, buf, size, len))
		return false;
	at = l->iter.cur_seq - 1;
	if (at >= l->end) {
		/* Printed after the window opened: for the next reader. */
		l->iter.cur_seq = at;
		return false;
	}
	*seq = at;
	return true;
}

/*
 * The next line's size, exactly as pkho_lines_next() would give it into
 * @size bytes, without copying its text: only a line too long for @size,
 * whose text pkho_lines_next() would cut, is read into @buf to see where.
 */
bool pkho_lines_skim(struct pkho_lines *l, char *buf, size_t size,
		     size_t *len, u64 *seq)
{
	if (!pkho_lines_next(l, NULL, 0, len, seq))
		return false;
	/* Room for the text and its NUL: nothing cut. */
	if (*len + 1 < size)
		return true;
	pkho_lines_seek(l, *seq);
	return pkho_lines_next(l, buf, size, len, seq);
}

/* Read on from line @seq (one read or skimmed before). */
void pkho_lines_seek(struct pkho_lines *l, u64 seq)
{
	l->iter.cur_seq = seq;
}
