// SPDX-License-Identifier: GPL-2.0-only
/*
 * pstore backend that hands the kernel log to the next kernel over kexec
 * through KHO.
 *
 * While the kernel runs, the log is captured as it is written into memory
 * preserved with KHO (capture.c, outgoing.c); the kexec-time dump only adds
 * the last lines (dump.c). The console and pmsg front-ends write into rings
 * of their own (ring.c). In the next kernel the module checks every byte the
 * previous kernels handed over, shows their records in /sys/fs/pstore and
 * hands them on until user space erases them (incoming.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kexec_handover.h>
#include <linux/kmsg_dump.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pstore.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "pkho.h"
#include "ser.h"

#define PKHO_LOG_MAX_MIN	SZ_1M
#define PKHO_LOG_MAX_MAX	SZ_1G
#define PKHO_TAIL_MIN		SZ_4K
#define PKHO_TAIL_MAX		SZ_16M
#define PKHO_RING_SIZE_MIN	SZ_4K
#define PKHO_RING_SIZE_MAX	SZ_1M

static unsigned long log_max = SZ_64M;
module_param(log_max, ulong, 0444);
MODULE_PARM_DESC(log_max,
		 "bytes of log text kept from this boot, the oldest dropped first, 1048576 to 1073741824 (default 67108864)");

static unsigned long tail_size = SZ_64K;
module_param(tail_size, ulong, 0444);
MODULE_PARM_DESC(tail_size,
		 "bytes set aside for the lines printed during the kexec itself, 4096 to 16777216 (default 65536)");

static int max_reason = KMSG_DUMP_SHUTDOWN;
module_param(max_reason, int, 0444);
MODULE_PARM_DESC(max_reason,
		 "highest kmsg_dump reason that ends the record, 0 (pstore's default: oops) to 4 (default 4, shutdown: the kexec)");

static unsigned long console_size;
module_param(console_size, ulong, 0444);
MODULE_PARM_DESC(console_size,
		 "bytes of console output kept, 0 (off, the default: the dmesg record already holds the log) or 4096 to 1048576");

static unsigned long pmsg_size = SZ_64K;
module_param(pmsg_size, ulong, 0444);
MODULE_PARM_DESC(pmsg_size,
		 "bytes of /dev/pmsg0 output kept, 0 (off) or 4096 to 1048576 (default 65536)");

static bool loaded;
/* This kernel's log is being kept (not when only showing old ones). */
static bool keeping;

/*
 * 1 stops the log from growing into new memory: what is preserved now, with
 * tail_size to spare, is what the next kernel gets. pstore-kho-finalize sets
 * it before it finalizes KHO on kernels that need that (6.16 to 7.0), whose
 * KHO hands over no memory preserved after finalization. 0 undoes it.
 */
static int pkho_frozen_set(const char *val, const struct kernel_param *kp)
{
	bool freeze;
	int err;

	err = kstrtobool(val, &freeze);
	if (err)
		return err;
	if (!loaded) {
		pr_warn("frozen=%s ignored: it is set on a loaded module, by pstore-kho-finalize\n",
			val);
		return 0;
	}
	pkho_out_freeze(freeze);
	return 0;
}

static int pkho_frozen_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%c\n", pkho_out_frozen() ? 'Y' : 'N');
}

static const struct kernel_param_ops pkho_frozen_ops = {
	.set = pkho_frozen_set,
	.get = pkho_frozen_get,
};

module_param_cb(frozen, &pkho_frozen_ops, NULL, 0644);
MODULE_PARM_DESC(frozen,
		 "Y: stop growing the memory handed over (set by pstore-kho-finalize before KHO is finalized)");

/*
 * The KHO API form the module was built for (compat/compat.h), for user
 * space (pstore-kho-finalize, pstore-kho-check): "live", "finalize" or
 * "finalize-before-load". Read only.
 */
static int pkho_api_set(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

static int pkho_api_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", PKHO_KHO_API);
}

static const struct kernel_param_ops pkho_api_ops = {
	.set = pkho_api_set,
	.get = pkho_api_get,
};

module_param_cb(kho_api, &pkho_api_ops, NULL, 0444);
MODULE_PARM_DESC(kho_api,
		 "the KHO API form built for: live (7.1 and later), finalize (6.19 to 7.0), finalize-before-load (6.16 to 6.18); read only");

/*
 * The module holds a reference on itself, so that rmmod answers "in use",
 * while it has a pmsg front-end and once it has taken anything a previous
 * kernel handed over. pstore core's write_pmsg() does not pin the backend: a
 * /dev/pmsg0 opened before rmmod would write through freed memory after it.
 * KHO lets memory be restored only once: a new instance would find the same
 * entries and KHO would warn. That also keeps clear of pstore core writing
 * to freed memory when a backend unregisters while its records are shown
 * (pstore_put_backend_records(), see docs/design.md).
 */
static bool pinned;

static struct pstore_info pkho_psi;

static void pkho_pin_update(void)
{
	bool want = pkho_in_restored() || (pkho_psi.flags & PSTORE_FLAGS_PMSG);

	if (want && !pinned)
		__module_get(THIS_MODULE);
	else if (!want && pinned)
		module_put(THIS_MODULE);
	pinned = want;
}

static int pkho_open(struct pstore_info *psi)
{
	/* Registration reads the records at once if pstore is mounted. */
	pkho_in_take();
	pkho_in_rewind();
	return 0;
}

static ssize_t pkho_read(struct pstore_record *record)
{
	return pkho_in_read(record);
}

static int pkho_write(struct pstore_record *record)
{
	return pkho_ring_add(record);
}

static int pkho_erase(struct pstore_record *record)
{
	int err = pkho_in_erase(record);

	pkho_pin_update();
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

static int __init pkho_range(const char *name, unsigned long val,
			     unsigned long min, unsigned long max, bool zero_ok)
{
	if ((zero_ok && !val) || (val >= min && val <= max))
		return 0;
	pr_err("%s=%lu is out of range: %s[%lu, %lu]\n", name, val,
	       zero_ok ? "0 or " : "", min, max);
	return -EINVAL;
}

static int __init pkho_check_params(void)
{
	/* KMSG_DUMP_MAX is not a reason; UNDEF is pstore's "default". */
	if (max_reason < KMSG_DUMP_UNDEF || max_reason > KMSG_DUMP_SHUTDOWN) {
		pr_err("max_reason=%d is out of range [%d, %d]\n", max_reason,
		       KMSG_DUMP_UNDEF, KMSG_DUMP_SHUTDOWN);
		return -EINVAL;
	}
	return pkho_range("log_max", log_max, PKHO_LOG_MAX_MIN,
			  PKHO_LOG_MAX_MAX, false) ?:
	       pkho_range("tail_size", tail_size, PKHO_TAIL_MIN, PKHO_TAIL_MAX,
			  false) ?:
	       pkho_range("console_size", console_size, PKHO_RING_SIZE_MIN,
			  PKHO_RING_SIZE_MAX, true) ?:
	       pkho_range("pmsg_size", pmsg_size, PKHO_RING_SIZE_MIN,
			  PKHO_RING_SIZE_MAX, true);
}

/* Did KHO turn itself off at boot? It says so in the log, early on. */
static bool __init pkho_kho_disabled_itself(void)
{
	struct kmsg_dump_iter iter;
	bool found = false;
	unsigned int n = 0;
	size_t len;
	char *line;

	line = kmalloc(1024, GFP_KERNEL);
	if (!line)
		return false;
	kmsg_dump_rewind(&iter);
	iter.cur_seq = 0;
	while (!found && n++ < 4096 &&
	       kmsg_dump_get_line(&iter, false, line, 1023, &len)) {
		line[len] = '\0';
		found = strstr(line, "KHO: ") &&
			strstr(line, "disabling kexec handover");
	}
	kfree(line);
	return found;
}

/* Unique across boots and reloads: systemd-pstore archives by file name. */
static u64 __init pkho_id_base(void)
{
	u64 ms = ktime_get_real_ns() / NSEC_PER_MSEC;

	/* Record ids add the pstore type (below 10) to this. */
	return (ms * 1000 + get_random_u32_below(1000)) * 10;
}

static int __init pkho_init(void)
{
	struct pkho_out_config cfg = {};
	int err;

	err = pkho_check_params();
	if (err)
		return err;
	if (!kho_is_enabled()) {
		if (pkho_kho_disabled_itself())
			pr_err("kexec handover disabled itself at boot: its scratch memory could not be reserved; boot with an explicit size, e.g. %s16M,64M,64M\n",
			       PKHO_KHO_SCRATCH_PARAM);
		else
			pr_err("kexec handover is off in this kernel: boot with kho=on\n");
		return -ENODEV;
	}
	/* No front-end in this kernel, no ring: nothing would write it. */
	if (!IS_ENABLED(CONFIG_PSTORE_CONSOLE))
		console_size = 0;
	if (!IS_ENABLED(CONFIG_PSTORE_PMSG))
		pmsg_size = 0;

	err = pkho_publish_init();
	if (err)
		return err;
	/* The boot sequence number follows once the history is read. */
	cfg.boot_seq = 1;
	cfg.id_base = pkho_id_base();
	cfg.tail_size = tail_size;
	cfg.console_size = console_size;
	cfg.pmsg_size = pmsg_size;
	err = pkho_out_init(&cfg);
	if (!err) {
		pkho_ring_init();
		err = pkho_capture_init(log_max);
		if (!err) {
			err = pkho_dump_init(max_reason);
			if (err)
				pkho_capture_exit();
		}
		if (err)
			pkho_out_exit();
	}
	if (err) {
		/* The previous kernels' logs are still shown and handed on. */
		pr_warn("cannot hand this kernel's log to the next one: %pe\n",
			ERR_PTR(err));
		console_size = 0;
		pmsg_size = 0;
	} else {
		keeping = true;
	}

	pkho_psi.flags = (console_size ? PSTORE_FLAGS_CONSOLE : 0) |
			 (pmsg_size ? PSTORE_FLAGS_PMSG : 0);
	/*
	 * pstore wants a backend to take at least one front-end's records;
	 * ftrace's stays off unless enabled in debugfs, and its records are
	 * refused. The dmesg record is this module's own (dump.c).
	 */
	if (!pkho_psi.flags)
		pkho_psi.flags = PSTORE_FLAGS_FTRACE;
	err = pstore_register(&pkho_psi);
	if (err) {
		if (err == -EBUSY)
			pr_err("pstore is held by another backend: boot with pstore.backend=kho\n");
		goto err_out;
	}
	/* Not before: a module pstore refused leaves them to a later load. */
	pkho_in_take();
	pkho_out_set_boot_seq(pkho_in_max_boot_seq() + 1);
	if (!keeping && !pkho_in_restored()) {
		/* Nothing to keep and nothing to show: no use staying. */
		pstore_unregister(&pkho_psi);
		err = -ENOMEM;
		goto err_out;
	}
	loaded = true;
	pkho_pin_update();
	return 0;

err_out:
	if (keeping) {
		keeping = false;
		pkho_dump_exit();
		pkho_capture_exit();
		pkho_out_exit();
	}
	pkho_publish_exit();
	return err;
}

static void __exit pkho_exit(void)
{
	loaded = false;
	pstore_unregister(&pkho_psi);
	if (keeping) {
		pkho_dump_exit();
		pkho_capture_exit();
		pkho_out_exit();
	}
	pkho_in_exit();
	pkho_publish_exit();
}

module_init(pkho_init);
module_exit(pkho_exit);

MODULE_DESCRIPTION("pstore backend keeping the kernel log across kexec with KHO");
MODULE_LICENSE("GPL");
MODULE_VERSION(PSTORE_KHO_VERSION);
MODULE_INFO(kho_api, PKHO_KHO_API);
