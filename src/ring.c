// SPDX-License-Identifier: GPL-2.0-only
/*
 * The console and pmsg front-ends: a ring each, in a segment of this
 * kernel's handle (outgoing.c), written while the kernel runs and sealed by
 * the kexec-time dump.
 *
 * Console writes come from any context, NMI included, and from several CPUs
 * at once: a writer reserves its bytes with one atomic add on the stream
 * position and copies into its own part of the ring; no lock, no
 * allocation. Once sealed, a ring takes no more writes: what arm64's
 * machine_kexec() prints after the dump must not land in the sealed data.
 */

#include <linux/atomic.h>
#include <linux/pstore.h>

#include "pkho.h"
#include "ser.h"
#include "ser_crc.h"

struct pkho_ring_out {
	struct pkho_ring ring;
	atomic64_t pos;		/* bytes written since load */
	enum pstore_type_id type;
};

static struct pkho_ring_out rings[] = {
	{ .type = PSTORE_TYPE_CONSOLE },
	{ .type = PSTORE_TYPE_PMSG },
};

void pkho_ring_init(void)
{
	struct pkho_ring_out *r;

	for (r = rings; r < rings + ARRAY_SIZE(rings); r++) {
		r->ring.mem = pkho_out_ring(r->type, &r->ring.cap);
		r->ring.sealed = false;
		atomic64_set(&r->pos, 0);
	}
}

/* Any context, no lock: see the top of this file. */
int pkho_ring_add(const struct pstore_record *record)
{
	struct pkho_ring_out *r;
	u64 pos;

	for (r = rings; r < rings + ARRAY_SIZE(rings); r++) {
		if (r->type != record->type)
			continue;
		if (!r->ring.mem || record->size <= 0)
			return r->ring.mem ? 0 : -ENOSPC;
		pos = atomic64_fetch_add(record->size, &r->pos);
		return pkho_ring_put(&r->ring, pos, record->buf, record->size);
	}
	return -EINVAL;
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
