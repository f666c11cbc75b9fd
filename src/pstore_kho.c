// SPDX-License-Identifier: GPL-2.0-only
/*
 * pstore backend that hands the kernel log to the next kernel over kexec
 * through KHO.
 *
 * At load the module preserves one blob with KHO and registers it under
 * PSTORE_KHO_ENTRY_NAME; pstore's dump of the kexec path (a SHUTDOWN dump)
 * is written into it. In the next kernel the module finds the previous
 * kernel's blob, checks every byte of it (ser.c) and shows its records in
 * /sys/fs/pstore.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/crc32.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/kexec_handover.h>
#include <linux/kmsg_dump.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pstore.h>
#include <linux/slab.h>

#include "ser.h"

#define PKHO_RECORD_SIZE_MIN	SZ_4K
#define PKHO_RECORD_SIZE_MAX	SZ_2M
#define PKHO_RECORDS_DEFAULT	4

static unsigned long record_size;
module_param(record_size, ulong, 0444);
MODULE_PARM_DESC(record_size,
		 "bytes kept for one dump (default 0: sized from the kernel log buffer)");

static uint records = PKHO_RECORDS_DEFAULT;
module_param(records, uint, 0444);
MODULE_PARM_DESC(records, "dumps kept from this kernel, the oldest dropped first (default 4)");

static int max_reason = KMSG_DUMP_SHUTDOWN;
module_param(max_reason, int, 0444);
MODULE_PARM_DESC(max_reason,
		 "highest kmsg_dump reason recorded (default 4, shutdown: the kexec dump)");

/* Records received from the previous kernel, validated once at load. */
struct pkho_incoming {
	struct pkho_blob blob;
	struct pstore_record_ser *recs;	/* validated copies of the descriptors */
	bool *erased;
	u32 count;
	u32 live;			/* not erased */
	u32 next;			/* read() cursor */
	u64 max_boot_seq;
	bool pinned;			/* module reference held, see pkho_pin() */
};

/* This kernel's blob, written by pstore's dump on the way to the next one. */
struct pkho_outgoing {
	struct pkho_blob blob;
	void *mem;
};

static struct pkho_incoming in;
static struct pkho_outgoing out;

u32 pkho_crc32(const void *buf, size_t len)
{
	return crc32_le(~0U, buf, len) ^ ~0U;
}

/*
 * While any of our records is shown in a mounted pstore, unregistering hits
 * a use-after-free in pstore_put_backend_records() (see docs/). Holding a
 * reference on the module until the records are erased makes rmmod answer
 * "in use" instead.
 */
static void pkho_pin(void)
{
	if (!in.pinned) {
		__module_get(THIS_MODULE);
		in.pinned = true;
	}
}

static void pkho_unpin(void)
{
	if (in.pinned) {
		in.pinned = false;
		module_put(THIS_MODULE);
	}
}

static void pkho_incoming_init(void)
{
	const char *why;
	phys_addr_t phys;
	size_t size;
	u32 i;
	int err;

	err = kho_retrieve_subtree(PSTORE_KHO_ENTRY_NAME, &phys, &size);
	if (err) {
		if (err != -ENOENT)
			pr_warn("cannot look up the previous kernel's log: %pe\n",
				ERR_PTR(err));
		return;
	}
	/* KHO keeps the blob reserved and mapped; it is only ever read. */
	err = pkho_parse_header(&in.blob, phys_to_virt(phys), size, &why);
	if (err) {
		pr_warn("previous kernel's log refused: %s\n", why);
		return;
	}
	in.max_boot_seq = in.blob.hdr.boot_seq;
	if (!in.blob.hdr.record_count)
		return;

	in.recs = kcalloc(in.blob.hdr.record_count, sizeof(*in.recs),
			  GFP_KERNEL);
	in.erased = kcalloc(in.blob.hdr.record_count, sizeof(*in.erased),
			    GFP_KERNEL);
	if (!in.recs || !in.erased) {
		pr_warn("no memory for the previous kernel's log\n");
		kfree(in.recs);
		kfree(in.erased);
		in.recs = NULL;
		in.erased = NULL;
		return;
	}
	for (i = 0; i < in.blob.hdr.record_count; i++) {
		struct pstore_record_ser *rec = &in.recs[in.count];

		if (pkho_parse_record(&in.blob, i, rec, &why)) {
			pr_warn("previous kernel's record %u dropped: %s\n",
				i, why);
			continue;
		}
		if (rec->type != PSTORE_TYPE_DMESG || !rec->size) {
			pr_warn("previous kernel's record %u dropped: unsupported type %u or empty\n",
				i, rec->type);
			continue;
		}
		in.count++;
	}
	in.live = in.count;
	pr_info("%u record(s) from the previous kernel\n", in.count);
}

static void pkho_incoming_exit(void)
{
	kfree(in.recs);
	kfree(in.erased);
	memset(&in, 0, sizeof(in));
}

/* The default record size: the whole kernel log buffer, as printed. */
static unsigned long pkho_default_record_size(void)
{
	unsigned long logbuf = 1UL << CONFIG_LOG_BUF_SHIFT;

	/*
	 * A dump prints every line with a "[ time] " prefix and a newline that
	 * the log buffer does not store: allow half again for them.
	 */
	return PAGE_ALIGN(logbuf + logbuf / 2);
}

static int pkho_outgoing_init(void)
{
	size_t size;
	void *mem;
	int err;

	size = sizeof(struct pstore_kho_header_ser) +
	       records * sizeof(struct pstore_record_ser) + record_size;
	mem = kho_alloc_preserve(size);
	if (IS_ERR(mem))
		return PTR_ERR(mem);
	/* kho_alloc_preserve() rounds up to a power of two: use all of it. */
	size = PAGE_SIZE << folio_order(virt_to_folio(mem));
	err = pkho_format(&out.blob, mem, size, records, in.max_boot_seq + 1);
	if (!err)
		err = kho_add_subtree(PSTORE_KHO_ENTRY_NAME, mem, size);
	if (err) {
		kho_unpreserve_free(mem);
		return err;
	}
	out.mem = mem;
	return 0;
}

static void pkho_outgoing_exit(void)
{
	if (!out.mem)
		return;
	kho_remove_subtree(out.mem);
	kho_unpreserve_free(out.mem);
	memset(&out, 0, sizeof(out));
}

static int pkho_open(struct pstore_info *psi)
{
	in.next = 0;
	return 0;
}

static ssize_t pkho_read(struct pstore_record *record)
{
	const struct pstore_record_ser *rec;
	u32 i;

	while (in.next < in.count) {
		i = in.next++;
		if (in.erased[i])
			continue;
		rec = &in.recs[i];
		record->buf = kmemdup(in.blob.base + rec->offset, rec->size,
				      GFP_KERNEL);
		if (!record->buf)
			return -ENOMEM;
		record->type = rec->type;
		record->id = rec->id;
		record->time.tv_sec = rec->time_sec;
		record->time.tv_nsec = rec->time_nsec;
		record->count = rec->count;
		record->reason = rec->reason;
		record->part = rec->part;
		record->compressed = rec->compressed;
		pkho_pin();
		return rec->size;
	}
	return 0;
}

/* Runs in the dump path under psi->buf_lock with interrupts off. */
static int pkho_write(struct pstore_record *record)
{
	struct pstore_record_ser rec = {};
	u32 seq = out.blob.hdr.record_count;

	if (!out.mem)
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
	rec.boot_seq = out.blob.hdr.boot_seq;
	/* Unique across boots: systemd-pstore archives by file name. */
	rec.id = ((u64)record->time.tv_sec << 20) |
		 ((rec.boot_seq & 0xfff) << 8) | (seq & 0xff);
	return pkho_append(&out.blob, &rec, record->buf, record->size);
}

static int pkho_erase(struct pstore_record *record)
{
	u32 i;

	for (i = 0; i < in.count; i++) {
		if (in.recs[i].id != record->id || in.erased[i])
			continue;
		in.erased[i] = true;
		if (!--in.live)
			pkho_unpin();
		return 0;
	}
	return -ENOENT;
}

static struct pstore_info pkho_psi = {
	.owner	= THIS_MODULE,
	.name	= "kho",
	.flags	= PSTORE_FLAGS_DMESG,
	.open	= pkho_open,
	.read	= pkho_read,
	.write	= pkho_write,
	.erase	= pkho_erase,
};

static int __init pkho_check_params(void)
{
	if (!record_size)
		record_size = pkho_default_record_size();
	if (record_size < PKHO_RECORD_SIZE_MIN ||
	    record_size > PKHO_RECORD_SIZE_MAX) {
		pr_err("record_size=%lu out of range [%u, %u]\n", record_size,
		       PKHO_RECORD_SIZE_MIN, PKHO_RECORD_SIZE_MAX);
		return -EINVAL;
	}
	if (!records || records > PSTORE_KHO_RECORD_MAX) {
		pr_err("records=%u out of range [1, %u]\n", records,
		       PSTORE_KHO_RECORD_MAX);
		return -EINVAL;
	}
	if (max_reason <= KMSG_DUMP_UNDEF || max_reason > KMSG_DUMP_MAX) {
		pr_err("max_reason=%d out of range [%d, %d]\n", max_reason,
		       KMSG_DUMP_UNDEF + 1, KMSG_DUMP_MAX);
		return -EINVAL;
	}
	return 0;
}

static int __init pkho_init(void)
{
	int err;

	err = pkho_check_params();
	if (err)
		return err;
	if (!kho_is_enabled()) {
		pr_err("kexec handover is off in this kernel: boot with kho=on\n");
		return -ENODEV;
	}

	pkho_incoming_init();
	err = pkho_outgoing_init();
	if (err) {
		pr_warn("cannot hand this kernel's log to the next one: %pe\n",
			ERR_PTR(err));
		if (!in.count)
			goto err_in;
	}

	pkho_psi.bufsize = record_size;
	pkho_psi.buf = kvzalloc(record_size, GFP_KERNEL);
	pkho_psi.max_reason = max_reason;
	err = -ENOMEM;
	if (!pkho_psi.buf)
		goto err_out;
	err = pstore_register(&pkho_psi);
	if (err) {
		if (err == -EBUSY)
			pr_err("pstore is held by another backend: boot with pstore.backend=kho\n");
		goto err_buf;
	}
	return 0;

err_buf:
	kvfree(pkho_psi.buf);
err_out:
	pkho_outgoing_exit();
err_in:
	pkho_incoming_exit();
	return err;
}

static void __exit pkho_exit(void)
{
	pstore_unregister(&pkho_psi);
	kvfree(pkho_psi.buf);
	pkho_outgoing_exit();
	pkho_incoming_exit();
}

module_init(pkho_init);
module_exit(pkho_exit);

MODULE_DESCRIPTION("pstore backend keeping the kernel log across kexec with KHO");
MODULE_LICENSE("GPL");
