// SPDX-License-Identifier: GPL-2.0-only
/*
 * The console and pmsg front-ends: a ring in a KHO-preserved blob of its
 * own, written while the kernel runs, sealed (made linear and checksummed)
 * by the kexec-time dump.
 *
 * Console writes come from any context, NMI included, and from several CPUs
 * at once: a writer reserves its bytes with one atomic add on the stream
 * position and copies into its own part of the ring; no lock, no
 * allocation. Sealing runs in the SHUTDOWN dump, when the other CPUs are
 * already stopped.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/pstore.h>
#include <linux/timekeeping.h>

#include "pkho.h"
#include "ser.h"

struct pkho_ring {
	struct pkho_blob blob;
	void *mem;
	atomic64_t pos;		/* bytes written since load or the last seal */
};

static struct pkho_ring rings[2];

static struct pkho_ring *pkho_ring_of(enum pstore_type_id type)
{
	if (type == PSTORE_TYPE_CONSOLE)
		return &rings[0];
	if (type == PSTORE_TYPE_PMSG)
		return &rings[1];
	return NULL;
}

int pkho_ring_init(enum pstore_type_id type, size_t ring_size, u64 boot_seq)
{
	struct pkho_ring *r = pkho_ring_of(type);
	size_t size;
	void *mem;
	int err;

	size = PAGE_ALIGN(sizeof(struct pstore_kho_header_ser) +
			  sizeof(struct pstore_record_ser) + ring_size);
	mem = alloc_pages_exact(size, GFP_KERNEL | __GFP_ZERO);
	if (!mem)
		return -ENOMEM;
	err = pkho_ring_format(&r->blob, mem, size, boot_seq);
	if (!err)
		err = pkho_publish(type == PSTORE_TYPE_CONSOLE ?
				   PSTORE_KHO_CONSOLE_ENTRY_NAME :
				   PSTORE_KHO_PMSG_ENTRY_NAME, mem, size);
	if (err) {
		free_pages_exact(mem, size);
		return err;
	}
	atomic64_set(&r->pos, 0);
	r->mem = mem;
	return 0;
}

void pkho_ring_exit(enum pstore_type_id type)
{
	struct pkho_ring *r = pkho_ring_of(type);

	if (!r->mem)
		return;
	pkho_unpublish(r->mem, r->blob.size);
	free_pages_exact(r->mem, r->blob.size);
	r->mem = NULL;
}

/* Any context, no lock: see the top of this file. */
int pkho_ring_add(const struct pstore_record *record)
{
	struct pkho_ring *r = pkho_ring_of(record->type);
	u64 pos;

	if (!r || !r->mem)
		return -ENOSPC;
	if (record->size <= 0)
		return 0;
	pos = atomic64_fetch_add(record->size, &r->pos);
	pkho_ring_write(&r->blob, pos, record->buf, record->size);
	return 0;
}

/* In the SHUTDOWN dump: make each ring a record the next kernel can read. */
void pkho_ring_seal_all(void)
{
	struct pstore_record_ser rec = {};
	struct timespec64 now;
	struct pkho_ring *r;
	u64 total;
	int i;

	ktime_get_real_ts64(&now);
	for (i = 0; i < ARRAY_SIZE(rings); i++) {
		r = &rings[i];
		if (!r->mem)
			continue;
		total = atomic64_read(&r->pos);
		rec.type = i ? PSTORE_TYPE_PMSG : PSTORE_TYPE_CONSOLE;
		rec.boot_seq = r->blob.hdr.boot_seq;
		rec.id = rec.boot_seq * 1000000 + 900000 + rec.type;
		rec.time_sec = now.tv_sec;
		rec.time_nsec = now.tv_nsec;
		pkho_ring_seal(&r->blob, total, &rec);
		/* Sealed rings are linear: later writes go on from the end. */
		atomic64_set(&r->pos, min(total, pkho_max_payload(&r->blob)));
	}
}
