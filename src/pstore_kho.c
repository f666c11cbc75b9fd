// SPDX-License-Identifier: GPL-2.0-only
/*
 * pstore backend that hands the kernel log to the next kernel over kexec
 * through KHO.
 *
 * While the kernel runs, the log is captured as it is written into memory
 * kept for the next kernel (capture.c, stream.c), and compressed in the
 * background; the reboot path and the kexec-time dump only copy the last
 * lines (dump.c). The console and pmsg front-ends write into rings of their
 * own (ring.c). In the next kernel the module checks every byte the
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
/* What the next kernel can show in one pstore file, with room for markers. */
#define PKHO_LOG_MAX_MAX	SZ_256M
#define PKHO_TAIL_MIN		SZ_4K
#define PKHO_TAIL_MAX		SZ_16M
#define PKHO_RING_SIZE_MIN	SZ_4K
#define PKHO_RING_SIZE_MAX	SZ_1M

static unsigned long log_max = SZ_64M;
module_param(log_max, ulong, 0444);
MODULE_PARM_DESC(log_max,
		 "bytes of log text kept from this boot, the oldest dropped first, 1048576 to 268435456 (default 67108864)");

static unsigned long tail_size = SZ_64K;
module_param(tail_size, ulong, 0444);
MODULE_PARM_DESC(tail_size,
		 "bytes kept free for the newest lines at the kexec, 4096 to 16777216 (default 65536)");

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
 * 1 stops the log from growing into new memory: what is kept now, with
 * tail_size to spare, is what the next kernel gets. pstore-kho-finalize
 * sets it before it finalizes KHO on kernels that need that (6.16 to 7.0).
 * 0 undoes it.
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
	pkho_stream_freeze(freeze);
	return 0;
}

static int pkho_frozen_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%c\n", pkho_stream_frozen() ? 'Y' : 'N');
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
 * (pstore_put_backend_records(), see docs/design.md). Neither condition
 * ends within a boot, so the reference is never given back. (On 6.16 to
 * 6.18 publish.c also holds one while KHO is finalized.)
 */
static bool pinned;

static struct pstore_info pkho_psi;

static void pkho_pin(void)
{
	if (pinned)
		return;
	if (!pkho_in_restored() && !(pkho_psi.flags & PSTORE_FLAGS_PMSG))
		return;
	__module_get(THIS_MODULE);
	pinned = true;
}

static int pkho_open(struct pstore_info *psi)
{
	/* Registration reads the records at once if pstore is mounted. */
	pkho_in_take();
	pkho_in_rewind();
	pkho_pin();
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
	return pkho_in_erase(record);
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

/* Unique across boots and reloads: systemd-pstore archives by file name. */
static u64 __init pkho_id_base(void)
{
	u64 ms = ktime_get_real_ns() / NSEC_PER_MSEC;

	/* Record ids add the pstore type (below 10) to this. */
	return (ms * 1000 + get_random_u32_below(1000)) * 10;
}

/*
 * Where memory cannot grow after load (6.19 to 7.0), the stream's memory is
 * set aside at load: an eighth of log_max (8 MiB by default), which holds
 * about half of log_max of kernel text at the compression measured
 * (bench/compression.md); the oldest chunks go when it is full. Where it
 * cannot grow after the finalize (6.16 to 6.18), the stream grows to that
 * size when frozen, right before it.
 */
static size_t __init pkho_pool_size(void)
{
	return log_max / 8;
}

/* This kernel's log: its rings, its stream, the capture and the dump. */
static int __init pkho_keep_init(void)
{
	struct pkho_stream_config cfg = {
		.log_max = log_max,
		.reserve = tail_size,
		.pool = pkho_pool_size(),
	};
	int err;

	err = pkho_ring_init(PSTORE_TYPE_CONSOLE, console_size);
	if (err)
		console_size = 0;
	err = pkho_ring_init(PSTORE_TYPE_PMSG, pmsg_size);
	if (err)
		pmsg_size = 0;
	err = pkho_stream_init(&cfg);
	if (err)
		goto err_rings;
	err = pkho_jump_init(max_reason == KMSG_DUMP_SHUTDOWN);
	if (err)
		goto err_stream;
	err = pkho_capture_init();
	if (err)
		goto err_jump;
	err = pkho_dump_init(max_reason);
	if (err)
		goto err_capture;
	return 0;

err_capture:
	pkho_capture_exit();
err_jump:
	pkho_jump_exit();
err_stream:
	/* The handle must not name what is freed: it keeps the history only. */
	pkho_out_clear_records();
	pkho_stream_exit();
err_rings:
	pkho_out_clear_records();
	pkho_ring_exit();
	console_size = 0;
	pmsg_size = 0;
	return err;
}

/* Stop keeping this kernel's log; the handle went first (pkho_out_exit()). */
static void pkho_keep_exit(void)
{
	pkho_stream_exit();
	pkho_ring_exit();
}

/* Everything the load set up but pstore's registration, in reverse. */
static void pkho_teardown(void)
{
	if (keeping) {
		pkho_dump_exit();
		pkho_capture_exit();
		pkho_jump_exit();
	}
	/* The handle goes first: it must never name freed memory. */
	pkho_out_exit();
	if (keeping)
		pkho_keep_exit();
	keeping = false;
	pkho_in_exit();
	pkho_publish_exit();
}

static int __init pkho_init(void)
{
	int err;

	err = pkho_check_params();
	if (err)
		return err;
	if (!kho_is_enabled()) {
		/* Off by choice or by failure: the kernel's log says which. */
		pr_err("kexec handover is off in this kernel: boot with kho=on; if it was on, KHO could not reserve its scratch memory at boot (its own message says so): give an explicit size, e.g. %s16M,64M,64M\n",
		       PKHO_KHO_SCRATCH_PARAM);
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
	/* The handle: this kernel's log, and the history handed on. */
	err = pkho_out_init(pkho_id_base());
	if (err) {
		/* Nor the previous kernels' logs: they are only shown. */
		pr_warn("cannot hand this kernel's log to the next one: %pe\n",
			ERR_PTR(err));
	} else {
		err = pkho_keep_init();
		if (err)
			/* The previous kernels' logs are still shown and handed on. */
			pr_warn("cannot hand this kernel's log to the next one: %pe\n",
				ERR_PTR(err));
		else
			keeping = true;
	}

	/*
	 * pstore wants a backend to take at least one front-end's records.
	 * The console's costs least when none is kept: its writes are
	 * dropped at once. The dmesg record is this module's own (dump.c).
	 */
	pkho_psi.flags = PSTORE_FLAGS_CONSOLE |
			 (pmsg_size ? PSTORE_FLAGS_PMSG : 0);
	err = pstore_register(&pkho_psi);
	if (err) {
		if (err == -EBUSY)
			pr_err("pstore is held by another backend: boot with pstore.backend=kho\n");
		goto err_out;
	}
	/* Not before: a module pstore refused leaves them to a later load. */
	pkho_in_take();
	pkho_out_follow(pkho_in_max_boot_seq() + 1, pkho_in_max_id());
	if (!keeping && !pkho_in_restored()) {
		/* Nothing to keep and nothing to show: no use staying. */
		pstore_unregister(&pkho_psi);
		err = -ENOMEM;
		goto err_out;
	}
	loaded = true;
	pkho_pin();
	return 0;

err_out:
	pkho_teardown();
	return err;
}

static void __exit pkho_exit(void)
{
	loaded = false;
	pstore_unregister(&pkho_psi);
	pkho_teardown();
}

module_init(pkho_init);
module_exit(pkho_exit);

MODULE_DESCRIPTION("pstore backend keeping the kernel log across kexec with KHO");
MODULE_LICENSE("GPL");
MODULE_VERSION(PSTORE_KHO_VERSION);
MODULE_INFO(kho_api, PKHO_KHO_API);
