// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel log, captured as it is written.
 *
 * A worker wakes every second; when new lines are there (many of them, or
 * any for a while) it reads them with the kmsg_dump iterator from the last
 * sequence number taken, compresses them into a chunk in process context
 * and appends the chunk to this kernel's dmesg stream (outgoing.c), which
 * grows by preserved segments as needed. When the log kept passes log_max,
 * the oldest chunks are dropped and the record counts the lines dropped. A
 * reboot notifier (kexec runs them before shutting devices down) catches up
 * one last time and stops the worker, so the kexec-time dump (dump.c) only
 * appends what is printed after it.
 *
 * Lines the kernel's log buffer overwrote before the worker took them (a
 * burst faster than the worker) are not lost silently: the next chunk starts
 * past the gap and the next kernel shows where and how many.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/kmsg_dump.h>
#include <linux/mutex.h>
#include <linux/reboot.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include "pkho.h"
#include "ser.h"

/* Text per chunk: big enough to compress well, small enough to allocate. */
#define PKHO_CHUNK_PLAIN	SZ_128K
/* Room kept free at the end of a chunk for one more log record. */
#define PKHO_CHUNK_SLACK	SZ_8K
/* Catch up when this many lines wait, or when any have waited this long. */
#define PKHO_CATCH_UP_LINES	128
#define PKHO_CATCH_UP_AGE	(10 * HZ)
#define PKHO_PERIOD		HZ

/* The first line not in the stream yet: under the outgoing lock. */
u64 pkho_next_seq;

static struct {
	struct delayed_work work;
	u64 kept_plain;		/* text in the chunks of the stream */
	size_t log_max;
	unsigned long last;	/* jiffies of the last catch-up */
	bool stopped;
	/* Buffers of one catch-up, allocated for it: nothing held between. */
	u8 *plain, *packed;
} cap;

static DEFINE_MUTEX(pkho_capture_mutex);

/*
 * Read the lines from @seq on into cap.plain, as one chunk: the lines of
 * one run without a gap. Returns the bytes read; @chunk gets first_seq and
 * nr_lines.
 */
static size_t pkho_read_lines(u64 seq, struct pstore_kho_chunk_ser *chunk)
{
	struct kmsg_dump_iter iter;
	size_t len = 0, l, room;
	u64 at;

	kmsg_dump_rewind(&iter);
	iter.cur_seq = seq;
	chunk->nr_lines = 0;
	while (len + PKHO_CHUNK_SLACK <= PKHO_CHUNK_PLAIN) {
		room = PKHO_CHUNK_PLAIN - len;
		if (!kmsg_dump_get_line(&iter, false, cap.plain + len, room, &l))
			break;
		at = iter.cur_seq - 1;
		/*
		 * A gap ends the chunk; so does a line that may have been cut
		 * to the room left (unless it is alone: then it is cut).
		 */
		if (chunk->nr_lines &&
		    (at != chunk->first_seq + chunk->nr_lines || l + 1 >= room))
			break;
		if (!chunk->nr_lines)
			chunk->first_seq = at;
		chunk->nr_lines++;
		len += l;
	}
	return len;
}

/* Drop the oldest chunks while the text kept is over log_max. */
static void pkho_enforce_max(void)
{
	const struct pkho_stream *s = pkho_out_stream();
	struct pstore_kho_chunk_ser chunk;
	u64 pos = 0, drop = 0, lines = 0;
	const char *why;

	while (cap.kept_plain - drop > cap.log_max &&
	       !pkho_chunk_next(s, &pos, &chunk, &why)) {
		drop += chunk.plain_size;
		lines += chunk.nr_lines;
	}
	if (!lines)
		return;
	pkho_out_drop_front(pos, lines);
	cap.kept_plain -= drop;
}

/* Compress cap.plain into a chunk and append it. 0, or why not. */
static int pkho_append_chunk(u64 seq, struct pstore_kho_chunk_ser *chunk,
			     size_t len, bool may_grow)
{
	const struct pkho_stream *s;
	struct pstore_record_ser *rec;
	unsigned long flags;
	ssize_t packed;
	const void *data;
	u64 pos;
	int err;

	packed = pkho_deflate(cap.plain, len, cap.packed, len);
	chunk->plain_size = len;
	if (packed > 0) {
		chunk->flags = PSTORE_KHO_CHUNK_DEFLATE;
		chunk->size = packed;
		data = cap.packed;
	} else {
		/* Text that does not compress is kept as it is. */
		chunk->flags = 0;
		chunk->size = len;
		data = cap.plain;
	}
	err = pkho_out_reserve(sizeof(*chunk) + chunk->size, may_grow);
	if (err)
		return err;

	raw_spin_lock_irqsave(&pkho_out_lock, flags);
	/* An oops dump may have taken these lines meanwhile. */
	if (pkho_next_seq != seq) {
		raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
		return -EAGAIN;
	}
	s = pkho_out_stream();
	rec = pkho_out_rec(PSTORE_TYPE_DMESG);
	pos = rec->data_size;
	pkho_stream_write(s, pos + sizeof(*chunk), data, chunk->size);
	pkho_chunk_seal(s, pos, chunk);
	rec->data_size = pos + sizeof(*chunk) + chunk->size;
	pkho_next_seq = chunk->first_seq + chunk->nr_lines;
	pkho_out_commit();
	raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
	cap.kept_plain += len;
	return 0;
}

/* Take every line printed so far into the stream; process context. */
static void pkho_catch_up(bool may_grow)
{
	struct pstore_kho_chunk_ser chunk = {};
	unsigned long flags;
	size_t len;
	u64 seq;
	int err = 0;

	if (cap.stopped)
		return;
	cap.plain = vmalloc(PKHO_CHUNK_PLAIN);
	cap.packed = vmalloc(PKHO_CHUNK_PLAIN);
	if (!cap.plain || !cap.packed)
		goto out;
	do {
		raw_spin_lock_irqsave(&pkho_out_lock, flags);
		seq = pkho_next_seq;
		raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
		len = pkho_read_lines(seq, &chunk);
		if (!len)
			break;
		err = pkho_append_chunk(seq, &chunk, len, may_grow);
		if (!err)
			pkho_enforce_max();
	} while (!err || err == -EAGAIN);
	cap.last = jiffies;
out:
	vfree(cap.plain);
	vfree(cap.packed);
	cap.plain = NULL;
	cap.packed = NULL;
}

void pkho_capture_catch_up(bool may_grow)
{
	mutex_lock(&pkho_capture_mutex);
	pkho_catch_up(may_grow);
	mutex_unlock(&pkho_capture_mutex);
}

/* Lines printed and not taken yet: cheap, reads no text. */
static u64 pkho_waiting(void)
{
	struct kmsg_dump_iter iter;

	kmsg_dump_rewind(&iter);
	return iter.next_seq > pkho_next_seq ? iter.next_seq - pkho_next_seq : 0;
}

static void pkho_capture_work(struct work_struct *work)
{
	u64 waiting;

	mutex_lock(&pkho_capture_mutex);
	if (cap.stopped) {
		mutex_unlock(&pkho_capture_mutex);
		return;
	}
	waiting = pkho_waiting();
	if (waiting >= PKHO_CATCH_UP_LINES ||
	    (waiting && time_after(jiffies, cap.last + PKHO_CATCH_UP_AGE)))
		pkho_catch_up(!pkho_out_frozen());
	schedule_delayed_work(&cap.work, PKHO_PERIOD);
	mutex_unlock(&pkho_capture_mutex);
}

/*
 * kernel_kexec() runs the reboot notifiers before shutting devices down:
 * the last catch-up, then the worker stops. With a finalize API, KHO may
 * already be finalized here (by LUO): only space preserved before counts.
 */
static int pkho_capture_reboot(struct notifier_block *nb, unsigned long action,
			       void *data)
{
	mutex_lock(&pkho_capture_mutex);
	pkho_catch_up(PKHO_KHO_API_LIVE && !pkho_out_frozen());
	cap.stopped = true;
	mutex_unlock(&pkho_capture_mutex);
	cancel_delayed_work(&cap.work);
	return NOTIFY_DONE;
}

static struct notifier_block pkho_capture_reboot_nb = {
	.notifier_call = pkho_capture_reboot,
};

int pkho_capture_init(size_t log_max)
{
	int err;

	cap.log_max = log_max;
	cap.stopped = false;
	cap.kept_plain = 0;
	pkho_next_seq = 0;
	INIT_DELAYED_WORK(&cap.work, pkho_capture_work);
	err = register_reboot_notifier(&pkho_capture_reboot_nb);
	if (err)
		return err;
	/* The log since boot, at once. */
	pkho_capture_catch_up(true);
	schedule_delayed_work(&cap.work, PKHO_PERIOD);
	return 0;
}

void pkho_capture_exit(void)
{
	unregister_reboot_notifier(&pkho_capture_reboot_nb);
	mutex_lock(&pkho_capture_mutex);
	cap.stopped = true;
	mutex_unlock(&pkho_capture_mutex);
	cancel_delayed_work_sync(&cap.work);
}
