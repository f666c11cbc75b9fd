// SPDX-License-Identifier: GPL-2.0-only
/*
 * The console and pmsg front-ends: a ring each, one kept segment that is a
 * record of this kernel's table (outgoing.c), written while the kernel runs
 * and sealed by the kexec-time dump.
 *
 * Console writes come from any context, NMI included, and from several CPUs
 * at once: a writer reserves its bytes with one atomic add on the stream
 * position and copies into its own part of the ring; no lock, no
 * allocation. Once sealed, a ring takes no more writes: what arm64's
 * machine_kexec() prints after the dump must not land in the sealed data.
 *
 * The pmsg ring costs nothing until something writes /dev/pmsg0: where
 * memory kept after load still reaches the next kernel (7.1 and later),
 * its memory is kept, and its record added, at the first write (pmsg
 * writes come in process context, one at a time under pstore's pmsg lock).
 * Elsewhere it is kept at load, as the console ring always is.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pstore.h>

#include "pkho.h"
#include "ser.h"
#include "ser_crc.h"

struct pkho_ring_out {
	struct pkho_ring ring;
	atomic64_t pos;		/* bytes written since load */
	enum pstore_type_id type;
	const char *name;
	bool may_wait;		/* written in process context only */
	size_t lazy;		/* bytes to keep at the first write */
};

/* The first write's, against another first write and unload. */
static DEFINE_MUTEX(pkho_ring_lazy_lock);

static struct pkho_ring_out rings[] = {
	{ .type = PSTORE_TYPE_CONSOLE, .name = "console" },
	{ .type = PSTORE_TYPE_PMSG, .name = "pmsg", .may_wait = true },
};

static struct pkho_ring_out *pkho_ring_of(enum pstore_type_id type)
{
	struct pkho_ring_out *r;

	for (r = rings; r < rings + ARRAY_SIZE(rings); r++) {
		if (r->type == type)
			return r;
	}
	return NULL;
}

/* Keep @size bytes for @r and add its record. */
static int pkho_ring_keep(struct pkho_ring_out *r, size_t size)
{
	struct pkho_seg seg;
	int err;

	seg.va = pkho_alloc_kept(size);
	if (!seg.va) {
		pr_warn("cannot keep %s output for the next kernel: no memory\n",
			r->name);
		return -ENOMEM;
	}
	seg.nr_pages = size >> PAGE_SHIFT;
	err = pkho_out_add_record(r->type, 0, &seg, 1);
	if (err) {
		pkho_free_kept(seg.va, size);
		return err;
	}
	r->ring.cap = size;
	r->ring.sealed = false;
	atomic64_set(&r->pos, 0);
	/* Written last: pkho_ring_add() reads it without a lock. */
	smp_store_release(&r->ring.mem, seg.va);
	return 0;
}

/* A ring of @size bytes for the front-end @type; 0 when it is off. */
int pkho_ring_init(enum pstore_type_id type, size_t size)
{
	struct pkho_ring_out *r = pkho_ring_of(type);
	int err;

	if (!r || !size)
		return 0;
	size = PAGE_ALIGN(size);
	r->lazy = 0;
	if (!r->may_wait || !pkho_late_keep_ok() ||
	    pkho_keep_ends_at_finalize())
		return pkho_ring_keep(r, size);
	/* The slot in the table now, so that the dmesg record leaves it. */
	err = pkho_out_hold_slot(type);
	if (err)
		return err;
	r->lazy = size;
	return 0;
}

/* The first write to a lazy ring, in process context: keep it now. */
static bool pkho_ring_ready(struct pkho_ring_out *r)
{
	/* Pairs with pkho_ring_keep()'s release: the ring is set up. */
	if (smp_load_acquire(&r->ring.mem))
		return true;
	if (!r->may_wait || !READ_ONCE(r->lazy))
		return false;
	mutex_lock(&pkho_ring_lazy_lock);
	/* Tried once: a failure says so once and the ring stays off. */
	if (!r->ring.mem && r->lazy && pkho_ring_keep(r, r->lazy))
		r->lazy = 0;
	mutex_unlock(&pkho_ring_lazy_lock);
	return r->ring.mem;
}

/* After the table let go of them (the handle is gone or never commits). */
void pkho_ring_exit(void)
{
	struct pkho_ring_out *r;

	mutex_lock(&pkho_ring_lazy_lock);
	for (r = rings; r < rings + ARRAY_SIZE(rings); r++) {
		if (r->ring.mem)
			pkho_free_kept(r->ring.mem, r->ring.cap);
		r->ring.mem = NULL;
		r->lazy = 0;
	}
	mutex_unlock(&pkho_ring_lazy_lock);
}

/* Any context, no lock: see the top of this file. */
int pkho_ring_add(const struct pstore_record *record)
{
	struct pkho_ring_out *r = pkho_ring_of(record->type);
	u64 pos;

	if (!r)
		return -EINVAL;
	/* Off: nothing is asked to be kept (console_size=0). */
	if (record->size <= 0 || !pkho_ring_ready(r))
		return 0;
	pos = atomic64_fetch_add(record->size, &r->pos);
	return pkho_ring_put(&r->ring, pos, record->buf, record->size);
}

/* In the SHUTDOWN dump, under the outgoing lock: rings become records. */
void pkho_ring_seal_all(u64 now_ns)
{
	struct pstore_record_ser *rec;
	struct pkho_ring_out *r;

	for (r = rings; r < rings + ARRAY_SIZE(rings); r++) {
		rec = pkho_out_rec(r->type);
		if (!r->ring.mem || !rec || r->ring.sealed)
			continue;
		rec->data_start = 0;
		rec->data_size = pkho_ring_seal(&r->ring, atomic64_read(&r->pos));
		rec->data_crc = pkho_crc32(r->ring.mem, rec->data_size);
		rec->time_sec = div_u64_rem(now_ns, NSEC_PER_SEC, &rec->time_nsec);
	}
}
