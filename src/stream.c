// SPDX-License-Identifier: GPL-2.0-only
/*
 * This kernel's dmesg record: one stream of chunks with one writer, the one
 * owner of the log's sequence number, chunks and segments.
 *
 * The stream is the concatenation of its segments (kept memory), from
 * data_start on, data_size bytes, then free space:
 *
 *	[ compressed chunks ][ plain chunks, "staged" ][ free ... ]
 *
 * Lines reach it in plain chunks, a memcpy of the kernel log
 * (pkho_stream_take(), called by the capture worker every second or
 * sooner, and once more on the reboot path). The worker later compresses
 * what is staged, in batches, in place (pkho_stream_compact()). reserve
 * bytes stay free at the end for the reboot path: the reboot notifier's
 * take may fill half of them, oldest first, so that the other half at
 * least is left for the newest lines and "Starting new kernel", which the
 * kexec-time dump writes into what is free, plain, newest first, with no
 * allocation and nothing but one copy per line kept
 * (pkho_stream_kexec_locked()).
 *
 * Room is made, as the caller allows, by compressing what is staged, by
 * growing (a new segment, only where memory kept now still reaches the next
 * kernel: pkho_late_keep_ok()), and by dropping the oldest chunks; the
 * record counts the lines dropped. Where nothing can grow after load
 * (6.19 to 7.0) the stream's memory is set aside at load (the pool), and
 * dropping the oldest chunks makes the room. A segment the dropping frees
 * goes to the back of the stream, to be filled again: nothing is freed
 * while the module runs, which 6.18's KHO could not take back after a
 * finalize anyway.
 *
 * Positions are data offsets: 0 is data_start.
 *
 * Locks: a mutex for the process-context writers (take, compact, freeze);
 * the outgoing raw spinlock, which the dump only tries, around every change
 * of what the table says. Data is written beyond data_size before the table
 * says it is there, so a commit never names bytes not written yet.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>

#include "pkho.h"
#include "ser.h"
#include "tail.h"

/*
 * A new segment is about 1/16 of what is kept, within these bounds, and a
 * power of two (pkho_seg_bytes()).
 */
#define PKHO_SEG_MIN		SZ_16K
/* No segment is smaller than a page: 64 KiB on arm64's 64K-page kernels. */
#define PKHO_SEG_LEAST		max_t(size_t, PKHO_SEG_MIN, PAGE_SIZE)
#define PKHO_SEG_MAX		SZ_4M
/* Text per chunk: big enough to compress well, small enough to allocate. */
#define PKHO_CHUNK_PLAIN	SZ_128K
/* Staged text worth compressing before growing for more. */
#define PKHO_COMPACT_FIRST	SZ_64K
/* A printed log line as logs usually have them, and the fewest per burst. */
#define PKHO_LINE_TYPICAL	128
#define PKHO_BURST_MIN		64
/* One printed log line: a record's text and its prefixes. */
#define PKHO_LINE_MAX		2048

static struct {
	struct mutex lock;		/* the writers in process context */
	struct pkho_seg seg[PKHO_SEGMENT_SLOTS];
	/* The segments as the stream walker sees them. */
	u8 *va[PKHO_SEGMENT_SLOTS];
	u64 len[PKHO_SEGMENT_SLOTS];
	u32 nr;
	u64 capacity;
	/* The record, as committed into the table. */
	u64 data_start, data_size, dropped_lines, kexec_dropped, seq_end;
	u64 next_seq;		/* the first line not in the stream */
	u64 jump_after;		/* the reboot notifier's head: the jump is later */
	u64 staged_from;	/* the first plain chunk not compressed yet */
	unsigned long staged_since;
	u64 kept_plain;		/* text in the stream */
	u64 reserve;
	u64 log_max;
	u64 pool;
	bool frozen;
	bool ready;
	bool hurry;		/* the reboot path waits: background work stops */
	bool kexec_written;	/* the kexec-time chunk, written once */
	char line[PKHO_LINE_MAX];	/* the takers', under the mutex */
} st = {
	.lock = __MUTEX_INITIALIZER(st.lock),
};

/* The kexec-time dump's, under the outgoing lock. */
static char pkho_dump_line[PKHO_LINE_MAX];

/* The stream from data_start on: its data (@data) or all of its room. */
static void pkho_stream_view(struct pkho_stream *s, bool data)
{
	s->va = st.va;
	s->len = st.len;
	s->nr = st.nr;
	s->start = st.data_start;
	s->size = data ? st.data_size : st.capacity - st.data_start;
}

static u64 pkho_stream_free(void)
{
	return st.capacity - st.data_start - st.data_size;
}

/* Under the outgoing lock: the record says what the stream is. */
static void pkho_stream_sync_locked(void)
{
	struct pstore_record_ser *rec = pkho_out_rec(PSTORE_TYPE_DMESG);

	if (!rec)
		return;
	rec->data_start = st.data_start;
	rec->data_size = st.data_size;
	rec->dropped_lines = st.dropped_lines;
	rec->kexec_dropped = st.kexec_dropped;
	rec->seq_end = st.seq_end;
}

/* The same, and the table is committed. */
static void pkho_stream_commit_locked(void)
{
	pkho_stream_sync_locked();
	pkho_out_commit();
}

/*
 * The size of a segment of about @want bytes: a power of two, so that
 * alloc_pages_exact() gives one naturally aligned block and KHO preserves
 * it as one entry of one order. KHO tracks what is preserved in a radix
 * tree keyed by order and address (7.1 on; per-order bitmaps before), and
 * keeps its nodes, a page each, until the jump: an odd-sized segment split
 * into blocks of three or four orders cost KHO paths of nodes for each of
 * them, about 170 KiB beyond the segments at a 1 MiB log (make bench).
 */
static size_t pkho_seg_bytes(u64 want)
{
	return roundup_pow_of_two(clamp_t(u64, want, PKHO_SEG_LEAST,
					  PKHO_SEG_MAX));
}

/* Under both locks: the segments changed. */
static void pkho_stream_resegment_locked(void)
{
	u32 i;

	st.capacity = 0;
	for (i = 0; i < st.nr; i++) {
		st.va[i] = st.seg[i].va;
		st.len[i] = (u64)st.seg[i].nr_pages << PAGE_SHIFT;
		st.capacity += st.len[i];
	}
	pkho_out_set_segs(PSTORE_TYPE_DMESG, st.seg, st.nr);
}

/* Add a segment of at least @need bytes, if it can reach the next kernel. */
static int pkho_stream_grow(u64 need)
{
	unsigned long irqs;
	size_t bytes;
	void *mem;

	if (st.frozen || !pkho_late_keep_ok())
		return -EBUSY;
	if (st.nr >= pkho_out_seg_room(PSTORE_TYPE_DMESG))
		return -ENOSPC;
	bytes = pkho_seg_bytes(max(need, st.data_size / 16));
	/* Big contiguous runs may not be there: fall back to smaller ones. */
	while (!(mem = pkho_alloc_kept(bytes))) {
		if (bytes <= PKHO_SEG_LEAST || bytes / 2 < need)
			return -ENOMEM;
		bytes /= 2;
	}
	raw_spin_lock_irqsave(&pkho_out_lock, irqs);
	st.seg[st.nr].va = mem;
	st.seg[st.nr].nr_pages = bytes >> PAGE_SHIFT;
	st.nr++;
	pkho_stream_resegment_locked();
	pkho_stream_commit_locked();
	raw_spin_unlock_irqrestore(&pkho_out_lock, irqs);
	return 0;
}

/*
 * Free space gained by dropping the first @cut bytes of the segments (from
 * the front of the first one): the segments wholly before @cut go to the
 * back. All of it when every byte of data goes.
 */
static u64 pkho_stream_gain(u64 cut)
{
	u64 gain = 0;
	u32 i;

	if (cut >= st.data_start + st.data_size)
		return st.data_start + st.data_size;
	for (i = 0; i < st.nr && gain + st.len[i] <= cut; i++)
		gain += st.len[i];
	return gain;
}

/*
 * Drop the oldest chunks until @want bytes are free and the text kept is
 * within log_max. Segments left behind go to the back, to be filled again.
 */
static void pkho_stream_trim(u64 want)
{
	u64 pos = 0, lines = 0, plain = 0;
	struct pstore_kho_chunk_ser c;
	struct pkho_seg first;
	struct pkho_stream s;
	unsigned long irqs;
	const char *why;

	pkho_stream_view(&s, true);
	while (pos < st.data_size &&
	       (st.kept_plain - plain > st.log_max ||
		pkho_stream_free() + pkho_stream_gain(st.data_start + pos) < want)) {
		/* Our own chunks: a failure here is a bug, and ends the walk. */
		if (WARN_ON_ONCE(pkho_chunk_next(&s, &pos, &c, &why)))
			break;
		lines += c.nr_lines;
		plain += c.plain_size;
	}
	if (!pos)
		return;
	raw_spin_lock_irqsave(&pkho_out_lock, irqs);
	st.data_start += pos;
	st.data_size -= pos;
	st.dropped_lines += lines;
	st.kept_plain -= plain;
	st.staged_from = st.staged_from > pos ? st.staged_from - pos : 0;
	/* An empty stream starts over at the front of its first segment. */
	if (!st.data_size)
		st.data_start = 0;
	while (st.nr > 1 && st.data_start >= st.len[0]) {
		st.data_start -= st.len[0];
		first = st.seg[0];
		memmove(&st.seg[0], &st.seg[1], (st.nr - 1) * sizeof(st.seg[0]));
		st.seg[st.nr - 1] = first;
		pkho_stream_resegment_locked();
	}
	pkho_stream_commit_locked();
	raw_spin_unlock_irqrestore(&pkho_out_lock, irqs);
}

/*
 * Free space a take may fill, from data offset @pos on: all but the
 * reserve, or but half of it once the reboot notifier's take has begun.
 */
static u64 pkho_stream_room_at(u64 pos)
{
	u64 keep = st.jump_after ? st.reserve / 2 : st.reserve;
	u64 end = st.capacity - st.data_start;

	return end > pos + keep ? end - pos - keep : 0;
}

static int pkho_stream_compact_locked(void);

/* Make @need bytes of room at the end, beyond the reserve, as @how allows. */
static bool pkho_stream_make_room(u64 need, unsigned int how)
{
	if ((how & PKHO_TAKE_COMPACT) &&
	    st.data_size - st.staged_from >= PKHO_COMPACT_FIRST)
		pkho_stream_compact_locked();
	if (pkho_stream_room_at(st.data_size) >= need)
		return true;
	/* The segment must bring the free space to @need plus the reserve. */
	if ((how & PKHO_TAKE_GROW) &&
	    !pkho_stream_grow(need + st.reserve - pkho_stream_free()))
		return true;
	if ((how & PKHO_TAKE_COMPACT) && st.data_size > st.staged_from)
		pkho_stream_compact_locked();
	if ((how & PKHO_TAKE_DROP) &&
	    pkho_stream_room_at(st.data_size) < need)
		pkho_stream_trim(need + st.reserve);
	return pkho_stream_room_at(st.data_size) >= need;
}

/* A plain chunk being written at data offset @pos. */
struct pkho_chunk_out {
	u64 pos;
	struct pstore_kho_chunk_ser c;
};

static void pkho_chunk_start(struct pkho_chunk_out *w, u64 pos, u64 seq)
{
	memset(w, 0, sizeof(*w));
	w->pos = pos;
	w->c.first_seq = seq;
}

/* The end of the chunk's bytes so far. */
static u64 pkho_chunk_end(const struct pkho_chunk_out *w)
{
	return w->pos + sizeof(w->c) + w->c.size;
}

static int pkho_chunk_put(struct pkho_chunk_out *w, const void *text, size_t len)
{
	struct pkho_stream s;
	int err;

	pkho_stream_view(&s, false);
	err = pkho_stream_write(&s, pkho_chunk_end(w), text, len);
	if (!err) {
		w->c.size += len;
		w->c.nr_lines++;
	}
	return err;
}

/* Seal the chunk; the caller holds the outgoing lock and commits. */
static void pkho_chunk_finish_locked(struct pkho_chunk_out *w, u32 flags)
{
	struct pkho_stream s;

	pkho_stream_view(&s, false);
	w->c.flags = flags;
	w->c.plain_size = w->c.size;
	pkho_chunk_seal(&s, w->pos, &w->c);
	st.data_size = pkho_chunk_end(w);
	st.next_seq = w->c.first_seq + w->c.nr_lines;
	st.kept_plain += w->c.size;
}

/* A staged chunk ends: the table says it is there. */
static void pkho_stream_stage(struct pkho_chunk_out *w)
{
	unsigned long irqs;

	if (!w->c.nr_lines)
		return;
	if (st.staged_from == st.data_size)
		st.staged_since = jiffies;
	raw_spin_lock_irqsave(&pkho_out_lock, irqs);
	pkho_chunk_finish_locked(w, 0);
	pkho_stream_commit_locked();
	raw_spin_unlock_irqrestore(&pkho_out_lock, irqs);
	w->c.nr_lines = 0;
}

/*
 * Copy the lines from the first one not in the stream up to @end (a head
 * the caller noted: no printk rate makes this last) into the stream, oldest
 * first, in plain chunks: copies only. When the stream is full, room is
 * made as @how allows; without any, the lines that do not fit stay in the
 * kernel log for the kexec-time dump.
 */
int pkho_stream_take(u64 end, unsigned int how)
{
	struct pkho_chunk_out w = {};
	struct pkho_lines l;
	int err = 0;
	size_t len;
	u64 seq;

	mutex_lock(&st.lock);
	if (!st.ready) {
		mutex_unlock(&st.lock);
		return -ENODEV;
	}
	pkho_lines_open(&l, st.next_seq, end);
	while (pkho_lines_next(&l, st.line, sizeof(st.line), &len, &seq)) {
		/*
		 * A take that may make room is background work (the worker's):
		 * it gives way to the reboot notifier's, which makes none.
		 */
		if (how && READ_ONCE(st.hurry))
			break;
		/* A gap, a full chunk or the end of the room ends a chunk. */
		if (w.c.nr_lines &&
		    (seq != w.c.first_seq + w.c.nr_lines ||
		     w.c.size + len > PKHO_CHUNK_PLAIN ||
		     pkho_stream_room_at(pkho_chunk_end(&w)) < len))
			pkho_stream_stage(&w);
		if (!w.c.nr_lines) {
			if (pkho_stream_room_at(st.data_size) < sizeof(w.c) + len &&
			    !pkho_stream_make_room(sizeof(w.c) + len, how)) {
				err = -ENOSPC;
				break;
			}
			pkho_chunk_start(&w, st.data_size, seq);
		}
		err = pkho_chunk_put(&w, st.line, len);
		if (WARN_ON_ONCE(err))
			break;
	}
	pkho_stream_stage(&w);
	if (how & PKHO_TAKE_DROP)
		pkho_stream_trim(0);
	mutex_unlock(&st.lock);
	return err;
}

/*
 * The reboot notifier's take, up to its head @end, with no room made but
 * half of the reserve: what does not fit is left to the kexec-time dump,
 * which knows from @end that "Starting new kernel" comes later, and has
 * the other half at least for it and the newest lines.
 */
int pkho_stream_take_last(u64 end)
{
	mutex_lock(&st.lock);
	st.jump_after = end;
	mutex_unlock(&st.lock);
	return pkho_stream_take(end, 0);
}

/*
 * The @n bytes at @rpos moved down to @wpos (at or before @rpos), through
 * @bounce, @size bytes at a time: each piece is read whole before it is
 * written, and the write never reaches past what was read. Copies only:
 * what a compaction that stops early leaves behind it, and the kexec-time
 * chunk's text, written from the end of its room.
 */
static void pkho_stream_move_down(const struct pkho_stream *s, u64 rpos,
				  u64 wpos, u64 n, u8 *bounce, size_t size)
{
	u64 piece;

	if (rpos == wpos)
		return;
	while (n) {
		piece = min_t(u64, n, size);
		if (WARN_ON_ONCE(pkho_stream_read(s, rpos, bounce, piece) ||
				 pkho_stream_write(s, wpos, bounce, piece)))
			break;
		rpos += piece;
		wpos += piece;
		n -= piece;
	}
}

/*
 * Compress the staged plain chunks in place, in batches of up to
 * PKHO_CHUNK_PLAIN bytes of consecutive lines: each batch is read out
 * whole before its compressed chunk is written, at or before where the
 * batch began, so nothing is overwritten before it is read.
 */
static int pkho_stream_compact_locked(void)
{
	struct pstore_kho_chunk_ser c, out;
	u8 *plain = NULL, *packed = NULL;
	u64 rpos, wpos, next, batch, first = 0, left = U64_MAX;
	struct pkho_stream s, data;
	struct pkho_deflate *z;
	unsigned long irqs;
	size_t len = 0;
	u32 lines = 0;
	const char *why;
	ssize_t zlen;
	int err = 0;

	/* No lock for the zlib and batch buffers: one compaction at a time. */

	if (st.staged_from >= st.data_size)
		return 0;
	z = pkho_deflate_begin();
	plain = vmalloc(PKHO_CHUNK_PLAIN);
	packed = vmalloc(PKHO_CHUNK_PLAIN);
	if (!z || !plain || !packed) {
		err = -ENOMEM;
		goto out_free;
	}
	pkho_stream_view(&s, false);
	pkho_stream_view(&data, true);
	rpos = st.staged_from;
	wpos = st.staged_from;
	while (rpos < st.data_size) {
		if (READ_ONCE(st.hurry))
			break;
		/* A batch: chunks while they fit and follow one another. */
		batch = rpos;
		len = 0;
		lines = 0;
		for (next = rpos; next < st.data_size; rpos = next) {
			/* Our own chunks: a failure is a bug; what follows is lost. */
			if (WARN_ON_ONCE(pkho_chunk_next(&data, &next, &c, &why)))
				goto out;
			if (lines && (c.first_seq != first + lines ||
				      len + c.size > PKHO_CHUNK_PLAIN))
				break;
			if (!lines)
				first = c.first_seq;
			if (WARN_ON_ONCE(pkho_stream_read(&data, next - c.size,
							  plain + len, c.size)))
				goto out;
			len += c.size;
			lines += c.nr_lines;
		}
		memset(&out, 0, sizeof(out));
		out.first_seq = first;
		out.nr_lines = lines;
		out.plain_size = len;
		zlen = pkho_deflate(z, plain, len, packed, len, &st.hurry);
		if (zlen == -EINTR) {
			/* Nothing of the batch written yet: it starts again. */
			rpos = batch;
			break;
		}
		if (zlen > 0) {
			out.flags = PSTORE_KHO_CHUNK_DEFLATE;
			out.size = zlen;
		} else {
			/* Text that does not compress is kept as it is. */
			out.size = len;
		}
		if (WARN_ON_ONCE(pkho_stream_write(&s, wpos + sizeof(out),
						   zlen > 0 ? packed : plain,
						   out.size)))
			goto out;
		pkho_chunk_seal(&s, wpos, &out);
		wpos += sizeof(out) + out.size;
	}
	if (rpos < st.data_size) {
		/* Stopped for the reboot path: still staged, where they are now. */
		left = wpos;
		pkho_stream_move_down(&s, rpos, wpos, st.data_size - rpos,
				      plain, PKHO_CHUNK_PLAIN);
		wpos += st.data_size - rpos;
	}
out:
	raw_spin_lock_irqsave(&pkho_out_lock, irqs);
	st.data_size = wpos;
	st.staged_from = min(left, wpos);
	pkho_stream_commit_locked();
	raw_spin_unlock_irqrestore(&pkho_out_lock, irqs);
out_free:
	vfree(packed);
	vfree(plain);
	pkho_deflate_end(z);
	return err;
}

int pkho_stream_compact(void)
{
	int err;

	mutex_lock(&st.lock);
	err = st.ready ? pkho_stream_compact_locked() : -ENODEV;
	mutex_unlock(&st.lock);
	return err;
}

/*
 * The reboot path is waiting for the worker: a take under way stops at its
 * next line, a compaction within a slice of deflate (the batch it was at
 * stays staged; what it did before is kept), and none starts again. For
 * good: the worker does not run after a reboot notifier.
 */
void pkho_stream_hurry(void)
{
	WRITE_ONCE(st.hurry, true);
}

/* Bytes staged, and since when (jiffies). */
u64 pkho_stream_staged(unsigned long *since)
{
	u64 staged;

	mutex_lock(&st.lock);
	staged = st.data_size - st.staged_from;
	*since = st.staged_since;
	mutex_unlock(&st.lock);
	return staged;
}

/*
 * About the lines the reboot notifier's share of the reserve holds (half of
 * it, at a typical printed line's size): the capture comes back before
 * more are waiting, so that the reboot path finds no more than it can
 * take. Never below PKHO_BURST_MIN, whatever tail_size says.
 */
u64 pkho_stream_burst_lines(void)
{
	return max_t(u64, READ_ONCE(st.reserve) / 2 / PKHO_LINE_TYPICAL,
		     PKHO_BURST_MIN);
}

u64 pkho_stream_next_seq(void)
{
	u64 seq;

	mutex_lock(&st.lock);
	seq = st.next_seq;
	mutex_unlock(&st.lock);
	return seq;
}

/*
 * Stop (or start again) growing: what is kept now is what the next kernel
 * gets (pstore-kho-finalize sets it before it finalizes KHO). Waits at most
 * for one take or compaction, each bounded.
 *
 * Where the finalize that follows ends growing for good (6.16 to 6.18),
 * the stream first grows to the pool's size, as much as memory allows:
 * the room 6.19 to 7.0 set aside at load. Without it, what a log storm
 * after the finalize takes would fill the little room left and push the
 * lines printed before the storm out (flood@6.18, now and then).
 */
void pkho_stream_freeze(bool freeze)
{
	mutex_lock(&st.lock);
	if (freeze && !st.frozen && pkho_keep_ends_at_finalize())
		while (st.capacity < st.pool &&
		       !pkho_stream_grow(min_t(u64, st.pool - st.capacity,
					       PKHO_SEG_MAX)))
			;
	st.frozen = freeze;
	mutex_unlock(&st.lock);
}

bool pkho_stream_frozen(void)
{
	return READ_ONCE(st.frozen);
}

/*
 * The line @seq of the kernel log into pkho_dump_line, or only its size
 * (@skim: no copy of its text, see pkho_lines_skim()). False if the log no
 * longer holds it, nor then any older line.
 */
static bool pkho_stream_kexec_line(struct pkho_lines *l, u64 seq, bool skim,
				   size_t *len)
{
	bool ok;
	u64 got;

	pkho_lines_seek(l, seq);
	if (skim)
		ok = pkho_lines_skim(l, pkho_dump_line, sizeof(pkho_dump_line),
				     len, &got);
	else
		ok = pkho_lines_next(l, pkho_dump_line, sizeof(pkho_dump_line),
				     len, &got);
	return ok && got == seq;
}

/*
 * Where the kexec-time run ends (tail.h, steps 1 and 2): the lines after
 * the reboot notifier's head, after which "Starting new kernel" was
 * printed, sized newest first until that line; the lines from it on sized
 * again, oldest first, only when they do not all fit.
 */
static void pkho_stream_kexec_plan(struct pkho_lines *l, struct pkho_tail *t,
				   u64 end)
{
	u64 seq, stop = max(st.next_seq, st.jump_after);
	bool jump;
	size_t len;

	for (seq = end; seq-- > stop;) {
		if (!pkho_stream_kexec_line(l, seq, true, &len))
			break;
		/* Sizes only, but of lines that may be the jump line. */
		jump = pkho_tail_may_be_jump(len);
		if (jump) {
			if (!pkho_stream_kexec_line(l, seq, false, &len))
				break;
			jump = pkho_tail_is_jump(pkho_dump_line, len);
		}
		if (!pkho_tail_scan(t, seq, len, jump))
			break;
	}
	if (!pkho_tail_overflows(t))
		return;
	for (seq = t->jump_seq; seq < end; seq++)
		if (!pkho_stream_kexec_line(l, seq, true, &len) ||
		    !pkho_tail_fit(t, seq, len))
			break;
}

/*
 * The run (tail.h, step 3) into @w: newest first, each line read once and
 * written back from the end of the room (@t's), then the text moved down
 * behind @w's header. Copies only, one per line kept: a storm of any size
 * costs what is kept, not what the log buffer holds.
 */
static void pkho_stream_kexec_copy(struct pkho_lines *l, struct pkho_tail *t,
				   struct pkho_chunk_out *w)
{
	u64 text = w->pos + sizeof(w->c), seq;
	struct pkho_stream s;
	size_t len;

	pkho_stream_view(&s, false);
	for (seq = t->end_seq + 1; seq-- > st.next_seq;) {
		if (!pkho_stream_kexec_line(l, seq, false, &len) ||
		    !pkho_tail_keep(t, seq, len))
			break;
		/* Within the free space by the room's size: a bug otherwise. */
		if (WARN_ON_ONCE(pkho_stream_write(&s, text + t->room - t->kept,
						   pkho_dump_line, len))) {
			pkho_tail_init(t, t->room, t->end_seq);
			return;
		}
	}
	if (!t->kept)
		return;
	pkho_stream_move_down(&s, text + t->room - t->kept, text, t->kept,
			      pkho_dump_line, sizeof(pkho_dump_line));
	w->c.first_seq = t->first_seq;
	w->c.nr_lines = t->end_seq - t->first_seq + 1;
	w->c.size = t->kept;
}

/*
 * The kexec-time dump's usual case: so few lines since the last take that
 * they fit in @room whatever their size (the reboot notifier took the
 * rest). One pass of copies into @w, oldest first, through the same reads
 * as every take (code the emulators of the bench and the CPU's caches
 * have seen); false if the log lost a line among them meanwhile or the
 * room ran out, and the caller plans (tail.h). @jump is set when
 * "Starting new kernel" is among the lines copied.
 */
static bool pkho_stream_kexec_few(struct pkho_chunk_out *w, u64 end, u64 room,
				  bool *jump)
{
	struct pkho_lines l;
	size_t len;
	u64 seq;

	if (end - st.next_seq > room / PKHO_LINE_MAX)
		return false;
	pkho_lines_open(&l, st.next_seq, end);
	while (pkho_lines_next(&l, pkho_dump_line, sizeof(pkho_dump_line),
			       &len, &seq)) {
		if (!w->c.nr_lines)
			pkho_chunk_start(w, st.data_size, seq);
		else if (seq != w->c.first_seq + w->c.nr_lines)
			return false;
		if (pkho_chunk_put(w, pkho_dump_line, len))
			return false;
		*jump |= pkho_tail_is_jump(pkho_dump_line, len);
	}
	return true;
}

/*
 * The kexec-time dump's other case: more lines since the last take than
 * surely fit in @room, the newest that fit up to "Starting new kernel"
 * (tail.h) into @w, and the lines dropped before them counted. With
 * @need_jump, false unless "Starting new kernel" is among those kept.
 */
static bool pkho_stream_kexec_newest(struct pkho_chunk_out *w, u64 end,
				     u64 room, bool need_jump)
{
	struct pkho_lines l;
	struct pkho_tail t;

	pkho_chunk_start(w, st.data_size, st.next_seq);
	/* Nothing since the last take: an empty plan, nor the jump line. */
	pkho_tail_init(&t, room, end - 1);
	if (end > st.next_seq) {
		pkho_lines_open(&l, st.next_seq, end);
		pkho_stream_kexec_plan(&l, &t, end);
		/* Not there yet: no copy. */
		if (need_jump && !t.jump)
			return false;
		pkho_stream_kexec_copy(&l, &t, w);
	}
	if (need_jump && !pkho_tail_kept_jump(&t))
		return false;
	/* The log's oldest line only matters when lines were dropped. */
	st.kexec_dropped = pkho_tail_dropped(&t, st.next_seq);
	if (st.kexec_dropped)
		st.kexec_dropped = pkho_tail_dropped(&t, max(st.next_seq,
							     pkho_lines_oldest()));
	return true;
}

/*
 * The kexec-time chunk, under the outgoing lock: the lines since the last
 * take, up to the head now, into all the free space, plain, as one chunk
 * flagged PSTORE_KHO_CHUNK_KEXEC: all of them when they surely fit, else
 * the newest that fit. The record says how many lines were dropped for
 * want of room, right before that chunk. With @need_jump nothing is
 * written unless "Starting new kernel" is in the chunk (the bytes written
 * beyond data_size are then no one's). Whether it is written.
 */
static bool pkho_stream_kexec_write_locked(bool need_jump)
{
	u64 end = pkho_lines_head(), free;
	struct pkho_chunk_out w;
	bool jump = false;

	free = pkho_stream_free();
	if (free <= sizeof(w.c))
		return false;
	pkho_chunk_start(&w, st.data_size, st.next_seq);
	if (pkho_stream_kexec_few(&w, end, free - sizeof(w.c), &jump)) {
		if (need_jump && !jump)
			return false;
		st.kexec_dropped = 0;
	} else if (!pkho_stream_kexec_newest(&w, end, free - sizeof(w.c),
					     need_jump)) {
		return false;
	}
	st.kexec_written = true;
	if (w.c.nr_lines)
		pkho_chunk_finish_locked(&w, PSTORE_KHO_CHUNK_KEXEC);
	return true;
}

/*
 * The kexec-time dump: the kexec-time chunk unless it was written earlier
 * (jump.c), and the record says where the log ended (seq_end), after it.
 * The caller commits (each commit is a CRC of the whole table).
 */
void pkho_stream_kexec_locked(void)
{
	if (st.ready && !st.kexec_written)
		pkho_stream_kexec_write_locked(false);
	pkho_stream_mark_end_locked();
}

/*
 * Before the dump (jump.c), in any context: the kexec-time chunk, if the
 * outgoing lock is free and "Starting new kernel" is in the kernel log.
 * 0 when there is nothing more to do (written, or written already);
 * -EBUSY when the lock was taken; -EAGAIN when the line is not among those
 * the chunk would keep (not stored yet, or lost) or there is no room.
 */
int pkho_stream_kexec_early(void)
{
	unsigned long flags;
	int err = 0;

	if (!raw_spin_trylock_irqsave(&pkho_out_lock, flags))
		return -EBUSY;
	if (st.ready && !st.kexec_written) {
		if (pkho_stream_kexec_write_locked(true)) {
			pkho_stream_mark_end_locked();
			pkho_out_commit();
		} else {
			err = -EAGAIN;
		}
	}
	raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
	return err;
}

/*
 * Any dump, under the outgoing lock: the record says when and why. The
 * caller commits.
 */
void pkho_stream_stamp_locked(enum kmsg_dump_reason reason, u64 now_ns)
{
	struct pstore_record_ser *rec = pkho_out_rec(PSTORE_TYPE_DMESG);

	if (!st.ready || !rec)
		return;
	rec->reason = reason;
	rec->count++;
	rec->time_sec = div_u64_rem(now_ns, NSEC_PER_SEC, &rec->time_nsec);
	pkho_stream_sync_locked();
}

/*
 * At the kexec, after the kexec-time chunk or where the dmesg dump does not
 * run (max_reason below shutdown): the record says how far the log went,
 * so that the next kernel marks the lines printed after what it holds.
 * The caller commits.
 */
void pkho_stream_mark_end_locked(void)
{
	if (!st.ready)
		return;
	st.seq_end = max(st.seq_end, pkho_lines_head());
	pkho_stream_sync_locked();
}

/* Segments of at most @piece bytes, adding up to @bytes. */
static int pkho_stream_alloc(u64 bytes, u64 piece)
{
	size_t n;

	while (bytes && st.nr < PKHO_SEGMENT_SLOTS) {
		n = pkho_seg_bytes(min(bytes, piece));
		while (!(st.seg[st.nr].va = pkho_alloc_kept(n))) {
			if (n <= PKHO_SEG_LEAST)
				return -ENOMEM;
			n /= 2;
		}
		st.seg[st.nr].nr_pages = n >> PAGE_SHIFT;
		st.nr++;
		bytes -= min_t(u64, bytes, n);
	}
	return 0;
}

static void pkho_stream_release(void)
{
	while (st.nr--)
		pkho_free_kept(st.seg[st.nr].va,
			       st.seg[st.nr].nr_pages << PAGE_SHIFT);
	st.nr = 0;
}

/* A sixteenth of @pool or less, a power of two: see pkho_seg_bytes(). */
static u64 pkho_pool_piece(u64 pool)
{
	return rounddown_pow_of_two(clamp_t(u64, pool / 16, PKHO_SEG_LEAST,
					    PKHO_SEG_MAX));
}

/*
 * The first segment holds the reserve and room to spare. Where nothing can
 * grow later, the whole pool is set aside now, in sixteen segments or more,
 * so that dropping the oldest chunks frees a sixteenth of it at a time.
 */
int pkho_stream_init(const struct pkho_stream_config *cfg)
{
	u64 first = max_t(u64, 2 * cfg->reserve, PKHO_SEG_MIN);
	u64 pool = max_t(u64, first + cfg->reserve, cfg->pool);
	int err;

	st.reserve = cfg->reserve;
	st.log_max = cfg->log_max;
	st.pool = pool;
	st.frozen = false;
	st.hurry = false;
	st.kexec_written = false;
	st.next_seq = 0;
	st.jump_after = 0;
	st.data_start = 0;
	st.data_size = 0;
	st.staged_from = 0;
	st.kept_plain = 0;
	st.dropped_lines = 0;
	st.kexec_dropped = 0;
	st.seq_end = 0;
	st.nr = 0;
	if (pkho_late_keep_ok())
		err = pkho_stream_alloc(first, first);
	else
		err = pkho_stream_alloc(pool, pkho_pool_piece(pool));
	if (!err)
		err = pkho_out_add_record(PSTORE_TYPE_DMESG,
					  PSTORE_KHO_RECORD_CHUNKED, st.seg, st.nr);
	if (err) {
		pkho_stream_release();
		return err;
	}
	raw_spin_lock_irq(&pkho_out_lock);
	pkho_stream_resegment_locked();
	raw_spin_unlock_irq(&pkho_out_lock);
	mutex_lock(&st.lock);
	st.ready = true;
	mutex_unlock(&st.lock);
	return 0;
}

/* After the capture and the dump stopped. */
void pkho_stream_exit(void)
{
	mutex_lock(&st.lock);
	st.ready = false;
	pkho_stream_release();
	mutex_unlock(&st.lock);
}
