// SPDX-License-Identifier: GPL-2.0-only
/*
 * This kernel's blob: allocated and preserved at load, registered under
 * PSTORE_KHO_ENTRY_NAME, and written by pstore's dumps. KHO preservation is
 * live, so what the kexec-time dump writes reaches the next kernel.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/pstore.h>

#include "pkho.h"
#include "ser.h"

static struct pkho_blob out;
static void *out_mem;

int pkho_out_init(size_t record_size, u32 records, u64 boot_seq)
{
	size_t size;
	void *mem;
	int err;

	size = sizeof(struct pstore_kho_header_ser) +
	       records * sizeof(struct pstore_record_ser) + record_size;
	size = PAGE_ALIGN(size);
	/* Exactly the pages needed, not a power of two of them. */
	mem = alloc_pages_exact(size, GFP_KERNEL | __GFP_ZERO);
	if (!mem)
		return -ENOMEM;
	err = pkho_format(&out, mem, size, records, boot_seq);
	if (!err)
		err = pkho_publish(PSTORE_KHO_ENTRY_NAME, mem, size);
	if (err) {
		free_pages_exact(mem, size);
		return err;
	}
	out_mem = mem;
	return 0;
}

void pkho_out_exit(void)
{
	if (!out_mem)
		return;
	pkho_unpublish(out_mem, out.size);
	free_pages_exact(out_mem, out.size);
	out_mem = NULL;
}

/*
 * Runs in the dump path under psi->buf_lock with interrupts off: no
 * sleeping, no allocation, no KHO call. Only memory writes.
 */
int pkho_out_write(const struct pstore_record *record)
{
	struct pstore_record_ser rec = {};
	u64 seq = out.hdr.boot_seq;

	if (!out_mem)
		return -ENOSPC;
	if (record->type != PSTORE_TYPE_DMESG || record->size < 0)
		return -EINVAL;

	rec.type = record->type;
	rec.reason = record->reason;
	rec.count = record->count;
	rec.part = record->part;
	rec.compressed = record->compressed;
	rec.time_sec = record->time.tv_sec;
	rec.time_nsec = record->time.tv_nsec;
	rec.boot_seq = seq;
	/*
	 * Unique across boots, as systemd-pstore archives by file name: boot
	 * sequence number, pstore's dump count and part.
	 */
	rec.id = seq * 1000000 + (record->count % 1000) * 1000 +
		 record->part % 1000;
	return pkho_append(&out, &rec, record->buf, record->size);
}
