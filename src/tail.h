/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which lines the kexec-time dump keeps when they do not all fit: the
 * newest ones, up to and including the kernel's "Starting new kernel". Pure
 * C, like ser.c, so that the unit tests run the very same policy as the
 * module.
 *
 * The dump reads the lines printed since the last capture twice, oldest
 * first: once for their sizes (pkho_tail_count()), once to copy them
 * (pkho_tail_keep() says, line by line, whether to). Sizes cost no copy of
 * a line's text; only the lines that may be "Starting new kernel" by their
 * size (pkho_tail_may_be_jump()) and those kept are read whole. What is kept is one
 * run of lines. It ends with the newest line, unless the lines from the
 * last "Starting new kernel" on do not fit: then it ends with the newest
 * line that still fits with that one. Lines printed after the kexec began
 * (a storm on CPUs that arm64 takes down one at a time, by CPU hotplug)
 * must not push out the line that says the jump was reached. The lines
 * skipped before the run are "the middle" of the record, between what was
 * captured before and the run, and the record says how many there were;
 * the lines after it are counted by the record's end (seq_end).
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
 * @room:     bytes the dump may write.
 * @total:    bytes of every line counted (first pass).
 * @end_seq:  the last line that may be kept (first pass).
 * @to_end:   bytes of the lines up to @end_seq (first pass).
 * @jump:     a "Starting new kernel" line was counted (first pass).
 * @from_jump: bytes from the last one on (first pass).
 * @planned:  the second pass has begun.
 * @excess:   bytes still to skip before keeping (second pass).
 * @kept:     bytes kept so far (second pass).
 * @skipped:  lines skipped so far (second pass).
 */
struct pkho_tail {
	u64 room;
	u64 total;
	u64 end_seq;
	u64 to_end;
	bool jump;
	u64 from_jump;
	bool planned;
	u64 excess;
	u64 kept;
	u64 skipped;
};

void pkho_tail_init(struct pkho_tail *t, u64 room);

/*
 * First pass: the line @seq of @len bytes; @jump if it is the kernel's
 * "Starting new kernel" (pkho_tail_is_jump()).
 */
void pkho_tail_count(struct pkho_tail *t, u64 seq, u64 len, bool jump);

/*
 * Second pass, over the same lines in the same order: keep the line @seq of
 * @len bytes? Once it says yes it says yes to every later line that fits
 * in what is left of the room, up to the run's end (a line that does not
 * fit, because the log changed between the passes, is refused, and the
 * dump stops there).
 */
bool pkho_tail_keep(struct pkho_tail *t, u64 seq, u64 len);

/*
 * Whether the printed line @line of @len bytes is kernel_kexec()'s
 * "Starting new kernel" (kexec_core's pr_notice(), the last line the
 * kernel prints before it takes the other CPUs down and jumps).
 */
bool pkho_tail_is_jump(const char *line, size_t len);

/*
 * The same, of a message's text as printk stores it (the console
 * tracepoint's): "kexec_core: Starting new kernel", no prefix, no newline.
 */
bool pkho_tail_text_is_jump(const char *text, size_t len);

/*
 * The longest prefix printk puts before a line's text without the syslog
 * level: the time ("[12345678.123456] ") and the caller ("[T4194304]"),
 * with room to spare. printk's own PRINTK_PREFIX_MAX is 48, with the level.
 */
#define PKHO_TAIL_PREFIX_MAX	48

/*
 * Whether a printed line of @len bytes may be "Starting new kernel", by its
 * size alone: the dump reads the text of such lines only (a storm's lines
 * are sized without being copied).
 */
bool pkho_tail_may_be_jump(size_t len);

#endif /* _PSTORE_KHO_TAIL_H */
