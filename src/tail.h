/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which lines the kexec-time dump keeps when they do not all fit: the
 * newest ones, up to and including the kernel's "Starting new kernel". Pure
 * C, like ser.c, so that the unit tests run the very same policy as the
 * module.
 *
 * What is kept is one run of lines. It ends with the newest line, unless
 * the lines from the last "Starting new kernel" on do not fit: then it ends
 * with the newest line that still fits with that one. Lines printed after
 * the kexec began (a storm on CPUs that arm64 takes down one at a time, by
 * CPU hotplug) must not push out the line that says the jump was reached.
 * The lines skipped before the run are "the middle" of the record, between
 * what was captured before and the run, and the record says how many there
 * were (pkho_tail_dropped()); the lines after it are counted by the
 * record's end (seq_end).
 *
 * The dump reads the kernel log newest first, so that its work follows
 * what it keeps, not what the log buffer holds (a storm fills a buffer of
 * any size):
 * 1. the scan: the lines printed after the reboot notifier's take, sized
 *    newest first until the jump line (pkho_tail_scan()); only the lines
 *    that may be "Starting new kernel" by their size
 *    (pkho_tail_may_be_jump()) are read whole. Usually a handful.
 * 2. only when the lines from the jump line on do not fit
 *    (pkho_tail_overflows()): those lines again, oldest first, to find
 *    the run's end (pkho_tail_fit()).
 * 3. the copy: from the run's end, newest first, each line read once and
 *    kept while it fits (pkho_tail_keep()).
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
 * @room:      bytes the dump may write.
 * @end_seq:   the newest line the run may hold (the newest line, until
 *             pkho_tail_fit() says otherwise).
 * @none:      the run holds nothing: the jump line alone does not fit.
 * @scanned:   bytes of the lines scanned so far (step 1).
 * @jump:      the scan found "Starting new kernel"...
 * @jump_seq:  ...this line...
 * @from_jump: ...and these bytes are it and the lines after it.
 * @fitted:    bytes from the jump line to @end_seq (step 2).
 * @kept:      bytes kept so far (step 3).
 * @first_seq: the oldest line kept so far (step 3); @end_seq + 1 if none.
 */
struct pkho_tail {
	u64 room;
	u64 end_seq;
	bool none;
	u64 scanned;
	bool jump;
	u64 jump_seq;
	u64 from_jump;
	u64 fitted;
	u64 kept;
	u64 first_seq;
};

/* A plan for @room bytes, @newest being the newest line the dump reads. */
void pkho_tail_init(struct pkho_tail *t, u64 room, u64 newest);

/*
 * Step 1, newest first, from @newest: the line @seq of @len bytes; @jump
 * if it is the kernel's "Starting new kernel" (pkho_tail_is_jump()).
 * Whether to scan on: false once the jump line is found.
 */
bool pkho_tail_scan(struct pkho_tail *t, u64 seq, u64 len, bool jump);

/* Whether step 2 is needed: the lines from the jump line on do not fit. */
bool pkho_tail_overflows(const struct pkho_tail *t);

/*
 * Step 2, oldest first, from the jump line: the line @seq of @len bytes.
 * Whether to go on: false at the first line that does not fit (the run
 * ends before it).
 */
bool pkho_tail_fit(struct pkho_tail *t, u64 seq, u64 len);

/*
 * Step 3, newest first, from @end_seq: keep the line @seq of @len bytes?
 * The first no ends the copy: what is kept is one run.
 */
bool pkho_tail_keep(struct pkho_tail *t, u64 seq, u64 len);

/* Whether the run kept holds the jump line. */
bool pkho_tail_kept_jump(const struct pkho_tail *t);

/*
 * Lines from @lo (the first line not captured before that the log still
 * holds) up to the run kept, not kept: the dropped middle.
 */
u64 pkho_tail_dropped(const struct pkho_tail *t, u64 lo);

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
