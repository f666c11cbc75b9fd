// SPDX-License-Identifier: GPL-2.0-only
/*
 * This kernel's handle and its table: what the next kernel finds under the
 * module's one KHO entry.
 *
 * The handle page is kept and published at load and never moves. The
 * working copy of the table lives here and is copied into the handle, with
 * its CRC, at every commit: the handle always holds a consistent state,
 * whatever is interrupted. Each record has one owner that fills it in: the
 * dmesg stream (stream.c), the console and pmsg rings (ring.c); the history
 * of earlier kernels' handles is set by incoming.c. A record's segments are
 * consecutive in the table, in the order the records were added; the dmesg
 * record, whose segments change, is added last. A record may come later
 * (the pmsg ring, at the first write where memory can be kept then): its
 * slot is held at load, out of the last record's room, and it goes in
 * before the last record.
 *
 * Writers in process context and the kexec-time dump, which may run with
 * the other CPUs stopped, meet under a raw spinlock that the dump only ever
 * tries.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/spinlock.h>

#include "pkho.h"
#include "ser.h"

static struct {
	void *handle;
	struct pkho_table t;
	u64 id_base;
	u32 held;	/* segment slots held for a record added later... */
	enum pstore_type_id held_for;	/* ...of this type */
} out;

DEFINE_RAW_SPINLOCK(pkho_out_lock);

struct pstore_record_ser *pkho_out_rec(enum pstore_type_id type)
{
	u32 i;

	for (i = 0; out.handle && i < out.t.hdr.record_count; i++) {
		if (out.t.rec[i].type == type)
			return &out.t.rec[i];
	}
	return NULL;
}

void pkho_out_commit(void)
{
	if (out.handle)
		pkho_handle_commit(out.handle, &out.t);
}

/* The slots a record may use: from its first to the end of the table. */
u32 pkho_out_seg_room(enum pstore_type_id type)
{
	const struct pstore_record_ser *rec = pkho_out_rec(type);

	return rec ? PKHO_SEGMENT_SLOTS - rec->seg_first - out.held : 0;
}

static void pkho_out_put_segs(u32 first, const struct pkho_seg *segs, u32 nr)
{
	u32 i;

	for (i = 0; i < nr; i++) {
		out.t.seg[first + i].phys = virt_to_phys(segs[i].va);
		out.t.seg[first + i].nr_pages = segs[i].nr_pages;
		out.t.seg[first + i].reserved = 0;
	}
}

/* The last record's segments, rewritten; under the lock, then commit. */
void pkho_out_set_segs(enum pstore_type_id type, const struct pkho_seg *segs,
		       u32 nr)
{
	struct pstore_record_ser *rec = pkho_out_rec(type);
	u32 old;

	if (WARN_ON_ONCE(!rec || rec != &out.t.rec[out.t.hdr.record_count - 1] ||
			 nr > pkho_out_seg_room(type)))
		return;
	old = out.t.hdr.segment_count;
	pkho_out_put_segs(rec->seg_first, segs, nr);
	rec->seg_count = nr;
	out.t.hdr.segment_count = rec->seg_first + nr;
	if (old > out.t.hdr.segment_count)
		memset(&out.t.seg[out.t.hdr.segment_count], 0,
		       (old - out.t.hdr.segment_count) * sizeof(out.t.seg[0]));
}

/*
 * A segment slot for the record of @type, added later: out of the last
 * record's room. One type only.
 */
int pkho_out_hold_slot(enum pstore_type_id type)
{
	unsigned long irqs;
	int err = 0;

	raw_spin_lock_irqsave(&pkho_out_lock, irqs);
	if (out.t.hdr.segment_count + out.held >= PKHO_SEGMENT_SLOTS ||
	    (out.held && out.held_for != type)) {
		err = -ENOSPC;
	} else {
		out.held++;
		out.held_for = type;
	}
	raw_spin_unlock_irqrestore(&pkho_out_lock, irqs);
	return err;
}

/*
 * Under the lock: room for a record of @nr segments held for it, before
 * the last record, whose segments move up. The slot it gets.
 */
static struct pstore_record_ser *pkho_out_insert_locked(u32 nr)
{
	u32 at = out.t.hdr.record_count - 1;
	struct pstore_record_ser *last = &out.t.rec[at];

	memmove(&out.t.seg[last->seg_first + nr], &out.t.seg[last->seg_first],
		last->seg_count * sizeof(out.t.seg[0]));
	out.t.rec[at + 1] = *last;
	out.t.rec[at + 1].seg_first += nr;
	out.t.hdr.record_count++;
	out.held -= nr;
	/* Its seg_first is the new record's. */
	return last;
}

/*
 * A record of @type with its segments, its id the load's id base plus the
 * type. Process context; the record is committed at once, empty.
 */
int pkho_out_add_record(enum pstore_type_id type, u32 flags,
			const struct pkho_seg *segs, u32 nr)
{
	struct pstore_record_ser *rec;
	unsigned long irqs;
	int err = 0;
	u32 first;
	bool late;

	raw_spin_lock_irqsave(&pkho_out_lock, irqs);
	late = out.held && type == out.held_for;
	if (!out.handle || pkho_out_rec(type) ||
	    out.t.hdr.record_count == PSTORE_KHO_RECORD_MAX ||
	    (late ? nr > out.held :
	     nr > PKHO_SEGMENT_SLOTS - out.t.hdr.segment_count - out.held)) {
		err = -ENOSPC;
		goto out;
	}
	if (late && out.t.hdr.record_count) {
		/* Before the last record: its segments may still change. */
		rec = pkho_out_insert_locked(nr);
		first = rec->seg_first;
	} else {
		out.held -= late ? nr : 0;
		rec = &out.t.rec[out.t.hdr.record_count++];
		first = out.t.hdr.segment_count;
	}
	memset(rec, 0, sizeof(*rec));
	rec->type = type;
	rec->flags = flags;
	rec->id = out.id_base + type;
	rec->seg_first = first;
	rec->seg_count = nr;
	pkho_out_put_segs(rec->seg_first, segs, nr);
	out.t.hdr.segment_count += nr;
	pkho_out_commit();
out:
	raw_spin_unlock_irqrestore(&pkho_out_lock, irqs);
	return err;
}

/* No records: their owners could not set them up (the history stays). */
void pkho_out_clear_records(void)
{
	unsigned long irqs;

	raw_spin_lock_irqsave(&pkho_out_lock, irqs);
	memset(out.t.rec, 0, sizeof(out.t.rec));
	memset(out.t.seg, 0, sizeof(out.t.seg));
	out.t.hdr.record_count = 0;
	out.t.hdr.segment_count = 0;
	out.held = 0;
	pkho_out_commit();
	raw_spin_unlock_irqrestore(&pkho_out_lock, irqs);
}

/*
 * Once the previous kernels' entries are read: history order, and record
 * ids above every id they handed over. The ids come from the clock at load
 * (pstore_kho.c); a machine without a working clock in its kernel (no RTC
 * driver) would otherwise give a later boot's records smaller ids, and
 * pstore and systemd-pstore order records by id.
 */
void pkho_out_follow(u64 boot_seq, u64 last_id)
{
	unsigned long irqs;
	u32 i;

	raw_spin_lock_irqsave(&pkho_out_lock, irqs);
	out.t.hdr.boot_seq = boot_seq;
	/* Untrusted: an id near U64_MAX leaves the clock's base alone. */
	if (last_id >= out.id_base && last_id < U64_MAX - 20) {
		/* Ids add the pstore type (below 10) to a multiple of 10. */
		out.id_base = (div_u64(last_id, 10) + 1) * 10;
		for (i = 0; i < out.t.hdr.record_count; i++)
			out.t.rec[i].id = out.id_base + out.t.rec[i].type;
	}
	pkho_out_commit();
	raw_spin_unlock_irqrestore(&pkho_out_lock, irqs);
}

/* The earlier kernels' handles handed on, newest first. */
void pkho_out_set_history(const phys_addr_t *phys, u32 nr)
{
	unsigned long irqs;
	u32 i;

	nr = min_t(u32, nr, PSTORE_KHO_HISTORY_MAX);
	raw_spin_lock_irqsave(&pkho_out_lock, irqs);
	for (i = 0; i < PSTORE_KHO_HISTORY_MAX; i++)
		out.t.history[i] = i < nr ? phys[i] : 0;
	out.t.hdr.history_count = nr;
	pkho_out_commit();
	raw_spin_unlock_irqrestore(&pkho_out_lock, irqs);
}

int pkho_out_init(u64 id_base)
{
	int err;

	out.handle = pkho_alloc_kept(PAGE_SIZE);
	if (!out.handle)
		return -ENOMEM;
	out.id_base = id_base;
	/* The boot sequence number follows once the history is read. */
	pkho_handle_init(out.handle, &out.t, 1);
	err = pkho_publish(PSTORE_KHO_ENTRY_NAME, out.handle);
	if (err) {
		pkho_free_kept(out.handle, PAGE_SIZE);
		out.handle = NULL;
	}
	return err;
}

/* After every record's owner let go of its segments. */
void pkho_out_exit(void)
{
	if (!out.handle)
		return;
	pkho_unpublish(out.handle);
	pkho_free_kept(out.handle, PAGE_SIZE);
	memset(&out, 0, sizeof(out));
}
