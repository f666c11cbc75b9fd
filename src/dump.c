// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kexec-time dump: a kmsg dumper of the module's own. pstore's dmesg
 * front-end (its kmsg_bytes, its compression) is not in the path.
 *
 * By the time kernel_kexec() dumps with reason SHUTDOWN, after "Starting
 * new kernel", the capture worker has caught up (in its reboot notifier) and
 * stopped, so the dump only appends the lines printed since, uncompressed,
 * into space set aside beforehand (tail_size): no allocation, no sleeping,
 * no lock another CPU could hold (the outgoing lock is only tried), and
 * commits the table. A second dumper seals the console and pmsg rings.
 *
 * Oops, panic and emergency dumps (up to max_reason) append the same way,
 * so they need the capture worker to be idle: an oops dump that finds the
 * worker committing leaves the lines to it; a panic dump goes on regardless,
 * as the worker's CPU has been stopped then.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kmsg_dump.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>

#include "pkho.h"
#include "ser.h"

/* One printed log line: a record's text (at most 1 KiB) and its prefixes. */
#define PKHO_LINE_MAX	2048

/* Used only under the outgoing lock, or by a panic dump on a stopped box. */
static char pkho_line[PKHO_LINE_MAX];

/* Append the lines from pkho_next_seq on as one plain chunk. */
static void pkho_dump_tail(struct pstore_record_ser *rec)
{
	const struct pkho_stream *s = pkho_out_stream();
	struct pstore_kho_chunk_ser chunk = {};
	struct kmsg_dump_iter iter;
	u64 pos, at, seq;
	size_t len;

	kmsg_dump_rewind(&iter);
	iter.cur_seq = pkho_next_seq;
	pos = rec->data_size;
	at = pos + sizeof(chunk);
	while (kmsg_dump_get_line(&iter, false, pkho_line, sizeof(pkho_line),
				  &len)) {
		seq = iter.cur_seq - 1;
		/*
		 * Stop at a gap inside the tail (lines overwritten while we
		 * read: the other CPUs run during an oops dump) or when the
		 * space set aside is full; seq_end tells the rest was lost.
		 */
		if ((chunk.nr_lines && seq != chunk.first_seq + chunk.nr_lines) ||
		    at + len > s->size ||
		    chunk.size + len > PSTORE_KHO_CHUNK_PLAIN_MAX) {
			iter.cur_seq = seq;
			break;
		}
		if (!chunk.nr_lines)
			chunk.first_seq = seq;
		pkho_stream_write(s, at, pkho_line, len);
		at += len;
		chunk.size += len;
		chunk.nr_lines++;
	}
	/* Lines from the end of the last chunk to here were not kept. */
	rec->seq_end = max(iter.next_seq, iter.cur_seq);
	if (!chunk.nr_lines)
		return;
	chunk.plain_size = chunk.size;
	pkho_chunk_seal(s, pos, &chunk);
	rec->data_size = at;
	pkho_next_seq = chunk.first_seq + chunk.nr_lines;
}

/* Under the outgoing lock, or in a panic with the other CPUs stopped. */
static void pkho_dump_locked(enum kmsg_dump_reason reason)
{
	struct pstore_record_ser *rec = pkho_out_rec(PSTORE_TYPE_DMESG);
	u64 now;

	if (!rec)
		return;
	/* The NMI-safe clock: the other CPUs may be stopped. */
	now = ktime_get_real_fast_ns();
	pkho_dump_tail(rec);
	rec->reason = reason;
	rec->count++;
	rec->time_sec = div_u64_rem(now, NSEC_PER_SEC, &rec->time_nsec);
	pkho_out_commit();
}

static void pkho_dump(struct kmsg_dumper *dumper,
		      struct kmsg_dump_detail *detail)
{
	unsigned long flags;

	if (raw_spin_trylock_irqsave(&pkho_out_lock, flags)) {
		pkho_dump_locked(detail->reason);
		raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
	} else if (detail->reason == KMSG_DUMP_PANIC) {
		/* The holder is a CPU panic() stopped: it never lets go. */
		pkho_dump_locked(detail->reason);
	}
}

/*
 * The console and pmsg rings are sealed at the kexec, whatever max_reason
 * says of the dmesg record: a dumper of their own.
 */
static void pkho_dump_rings(struct kmsg_dumper *dumper,
			    struct kmsg_dump_detail *detail)
{
	unsigned long flags;

	if (detail->reason != KMSG_DUMP_SHUTDOWN ||
	    !raw_spin_trylock_irqsave(&pkho_out_lock, flags))
		return;
	pkho_ring_seal_all(ktime_get_real_fast_ns());
	pkho_out_commit();
	raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
}

/* max_reason UNDEF is kmsg_dump()'s own default: oops, or every reason. */
static struct kmsg_dumper pkho_dumper = {
	.dump = pkho_dump,
};

static struct kmsg_dumper pkho_ring_dumper = {
	.dump = pkho_dump_rings,
	.max_reason = KMSG_DUMP_SHUTDOWN,
};

int pkho_dump_init(int max_reason)
{
	int err;

	pkho_dumper.max_reason = max_reason;
	err = kmsg_dump_register(&pkho_dumper);
	if (err)
		return err;
	err = kmsg_dump_register(&pkho_ring_dumper);
	if (err)
		kmsg_dump_unregister(&pkho_dumper);
	return err;
}

void pkho_dump_exit(void)
{
	kmsg_dump_unregister(&pkho_ring_dumper);
	kmsg_dump_unregister(&pkho_dumper);
}
