// SPDX-License-Identifier: GPL-2.0-only
/*
 * pstore backend that hands the kernel log to the next kernel over kexec
 * through KHO.
 *
 * At load the module preserves one blob with KHO (outgoing.c); pstore's dump
 * on the kexec path, a SHUTDOWN dump, is written into it. In the next kernel
 * the module finds the blobs of the previous kernels, checks every byte of
 * them (ser.c), shows their records in /sys/fs/pstore and hands them on
 * until user space erases them (incoming.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/crc32.h>
#include <linux/kexec_handover.h>
#include <linux/kmsg_dump.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pstore.h>
#include <linux/slab.h>
#include <linux/sizes.h>

#include "pkho.h"
#include "ser.h"

#define PKHO_RECORD_SIZE_MIN	SZ_4K
#define PKHO_RECORD_SIZE_MAX	SZ_2M
#define PKHO_RECORDS_DEFAULT	4
#define PKHO_RING_SIZE_MIN	SZ_4K
#define PKHO_RING_SIZE_MAX	SZ_1M

static unsigned long record_size;
module_param(record_size, ulong, 0444);
MODULE_PARM_DESC(record_size,
		 "bytes kept for one dump, 4096 to 2097152 (default 0: one and a half times the kernel log buffer)");

static uint records = PKHO_RECORDS_DEFAULT;
module_param(records, uint, 0444);
MODULE_PARM_DESC(records,
		 "dumps kept from this kernel, 1 to 64, the oldest dropped first (default 4)");

static int max_reason = KMSG_DUMP_SHUTDOWN;
module_param(max_reason, int, 0444);
MODULE_PARM_DESC(max_reason,
		 "highest kmsg_dump reason recorded, 1 to 5 (default 4, shutdown: the kexec dump)");

static unsigned long console_size;
module_param(console_size, ulong, 0444);
MODULE_PARM_DESC(console_size,
		 "bytes of console output kept, 0 (off, the default: the dmesg record already holds the log) or 4096 to 1048576");

static unsigned long pmsg_size = SZ_64K;
module_param(pmsg_size, ulong, 0444);
MODULE_PARM_DESC(pmsg_size,
		 "bytes of /dev/pmsg0 output kept, 0 (off) or 4096 to 1048576 (default 65536)");

/*
 * The module holds a reference on itself while records of its own are shown
 * in pstore: see pkho_read().
 */
static bool pinned;

u32 pkho_crc32(const void *buf, size_t len)
{
	return crc32_le(~0U, buf, len) ^ ~0U;
}

static int pkho_open(struct pstore_info *psi)
{
	pkho_in_rewind();
	return 0;
}

static ssize_t pkho_read(struct pstore_record *record)
{
	ssize_t size = pkho_in_read(record);

	/*
	 * pstore_unregister() with records of this backend shown in a mounted
	 * pstore writes to freed memory (pstore_put_backend_records(), see
	 * docs/design.md). Until they are all erased, rmmod says "in use".
	 */
	if (size > 0 && !pinned) {
		__module_get(THIS_MODULE);
		pinned = true;
	}
	return size;
}

static int pkho_write(struct pstore_record *record)
{
	if (record->type == PSTORE_TYPE_DMESG)
		return pkho_out_write(record);
	return pkho_ring_add(record);
}

/*
 * Seal the console and pmsg rings in the SHUTDOWN dump, the last thing the
 * kexec path does before the jump, whatever max_reason pstore's own dumper
 * has.
 */
static void pkho_seal(struct kmsg_dumper *dumper,
		      struct kmsg_dump_detail *detail)
{
	if (detail->reason == KMSG_DUMP_SHUTDOWN)
		pkho_ring_seal_all();
}

static struct kmsg_dumper pkho_sealer = {
	.dump		= pkho_seal,
	.max_reason	= KMSG_DUMP_SHUTDOWN,
};

static int pkho_erase(struct pstore_record *record)
{
	int err = pkho_in_erase(record);

	if (!err && !pkho_in_live() && pinned) {
		pinned = false;
		module_put(THIS_MODULE);
	}
	return err;
}

static struct pstore_info pkho_psi = {
	.owner	= THIS_MODULE,
	.name	= "kho",
	.open	= pkho_open,
	.read	= pkho_read,
	.write	= pkho_write,
	.erase	= pkho_erase,
};

static int __init pkho_check_params(void)
{
	if (!record_size)
		record_size = PAGE_ALIGN(pkho_logbuf_size() * 3 / 2);
	if (record_size < PKHO_RECORD_SIZE_MIN ||
	    record_size > PKHO_RECORD_SIZE_MAX) {
		pr_err("record_size=%lu is out of range [%u, %u]\n",
		       record_size, PKHO_RECORD_SIZE_MIN, PKHO_RECORD_SIZE_MAX);
		return -EINVAL;
	}
	if (!records || records > PSTORE_KHO_RECORD_MAX) {
		pr_err("records=%u is out of range [1, %u]\n", records,
		       PSTORE_KHO_RECORD_MAX);
		return -EINVAL;
	}
	if (console_size && (console_size < PKHO_RING_SIZE_MIN ||
			     console_size > PKHO_RING_SIZE_MAX)) {
		pr_err("console_size=%lu is out of range: 0 or [%u, %u]\n",
		       console_size, PKHO_RING_SIZE_MIN, PKHO_RING_SIZE_MAX);
		return -EINVAL;
	}
	if (pmsg_size && (pmsg_size < PKHO_RING_SIZE_MIN ||
			  pmsg_size > PKHO_RING_SIZE_MAX)) {
		pr_err("pmsg_size=%lu is out of range: 0 or [%u, %u]\n",
		       pmsg_size, PKHO_RING_SIZE_MIN, PKHO_RING_SIZE_MAX);
		return -EINVAL;
	}
	if (max_reason <= KMSG_DUMP_UNDEF || max_reason > KMSG_DUMP_MAX) {
		pr_err("max_reason=%d is out of range [%d, %d]\n", max_reason,
		       KMSG_DUMP_UNDEF + 1, KMSG_DUMP_MAX);
		return -EINVAL;
	}
	return 0;
}

/* A front-end ring, or none if it cannot be set up: the others go on. */
static int __init pkho_ring_setup(enum pstore_type_id type, unsigned long *size,
				  u64 boot_seq, int flag)
{
	int err;

	if (!*size)
		return 0;
	err = pkho_ring_init(type, *size, boot_seq);
	if (err) {
		pr_warn("cannot keep %s output for the next kernel: %pe\n",
			type == PSTORE_TYPE_CONSOLE ? "console" : "pmsg",
			ERR_PTR(err));
		*size = 0;
		return 0;
	}
	return flag;
}

static void pkho_rings_exit(void)
{
	pkho_ring_exit(PSTORE_TYPE_CONSOLE);
	pkho_ring_exit(PSTORE_TYPE_PMSG);
}

static int __init pkho_init(void)
{
	u64 boot_seq;
	int err;

	err = pkho_check_params();
	if (err)
		return err;
	if (!kho_is_enabled()) {
		pr_err("kexec handover is off in this kernel: boot with kho=on\n");
		return -ENODEV;
	}

	/* The previous kernels' logs stay readable whatever happens next. */
	pkho_in_init();
	boot_seq = pkho_in_max_boot_seq() + 1;
	err = pkho_out_init(record_size, records, boot_seq);
	if (err) {
		pr_warn("cannot hand this kernel's log to the next one: %pe\n",
			ERR_PTR(err));
		if (!pkho_in_live())
			goto err_in;
	}
	pkho_psi.flags = PSTORE_FLAGS_DMESG |
		pkho_ring_setup(PSTORE_TYPE_CONSOLE, &console_size, boot_seq,
				PSTORE_FLAGS_CONSOLE) |
		pkho_ring_setup(PSTORE_TYPE_PMSG, &pmsg_size, boot_seq,
				PSTORE_FLAGS_PMSG);

	err = -ENOMEM;
	pkho_psi.bufsize = record_size;
	pkho_psi.buf = kvzalloc(record_size, GFP_KERNEL);
	pkho_psi.max_reason = max_reason;
	if (!pkho_psi.buf)
		goto err_out;
	err = pstore_register(&pkho_psi);
	if (err) {
		if (err == -EBUSY)
			pr_err("pstore is held by another backend: boot with pstore.backend=kho\n");
		goto err_buf;
	}
	if (console_size || pmsg_size)
		kmsg_dump_register(&pkho_sealer);
	return 0;

err_buf:
	kvfree(pkho_psi.buf);
err_out:
	pkho_rings_exit();
	pkho_out_exit();
err_in:
	pkho_in_exit();
	return err;
}

static void __exit pkho_exit(void)
{
	if (console_size || pmsg_size)
		kmsg_dump_unregister(&pkho_sealer);
	pstore_unregister(&pkho_psi);
	kvfree(pkho_psi.buf);
	pkho_rings_exit();
	pkho_out_exit();
	pkho_in_exit();
}

module_init(pkho_init);
module_exit(pkho_exit);

MODULE_DESCRIPTION("pstore backend keeping the kernel log across kexec with KHO");
MODULE_LICENSE("GPL");
MODULE_VERSION(PSTORE_KHO_VERSION);
