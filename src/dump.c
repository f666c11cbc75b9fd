// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kexec-time dump: kmsg dumpers of the module's own. pstore's dmesg
 * front-end (its kmsg_bytes, its compression) is not in the path.
 *
 * By the time kernel_kexec() dumps with reason SHUTDOWN, after "Starting
 * new kernel", the capture worker has stopped (its reboot notifier took the
 * lines up to then), so the dump only writes the newest lines printed since,
 * up to "Starting new kernel", into the free space set aside in advance,
 * plain (stream.c), unless they were written right after that line
 * (jump.c): no allocation, no sleeping, no compression,
 * no lock another CPU could hold (the outgoing lock is only tried), and
 * commits the table. A second dumper
 * seals the console and pmsg rings, and, when max_reason keeps the first
 * one from running at the kexec, notes how far the log went so that the
 * next kernel marks the lines it lacks.
 *
 * Other dumps up to max_reason (an oops, which the kernel may survive and
 * kexec later) only stamp the record with their reason and time: the
 * worker takes their lines as it takes any. A panic's dump stamps too when
 * it gets the lock, though nothing hands over after a panic (a crash kexec
 * carries no KHO data): it is never forced.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kmsg_dump.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>

#include "pkho.h"

static void pkho_dump(struct kmsg_dumper *dumper,
		      struct kmsg_dump_detail *detail)
{
	unsigned long flags;

	if (!raw_spin_trylock_irqsave(&pkho_out_lock, flags))
		return;
	if (detail->reason == KMSG_DUMP_SHUTDOWN)
		pkho_stream_kexec_locked();
	/* The NMI-safe clock: the other CPUs may be stopped. */
	pkho_stream_stamp_locked(detail->reason, ktime_get_real_fast_ns());
	/* One commit for both: each is a CRC of the whole table. */
	pkho_out_commit();
	raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
}

/*
 * At the kexec, whatever max_reason says of the dmesg record: the console
 * and pmsg rings are sealed, and the record says how far the log went.
 */
static void pkho_dump_rings(struct kmsg_dumper *dumper,
			    struct kmsg_dump_detail *detail)
{
	unsigned long flags;

	if (detail->reason != KMSG_DUMP_SHUTDOWN ||
	    !raw_spin_trylock_irqsave(&pkho_out_lock, flags))
		return;
	pkho_stream_mark_end_locked();
	pkho_ring_seal_all(ktime_get_real_fast_ns());
	pkho_out_commit();
	raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
}

/* max_reason UNDEF is kmsg_dump()'s own default: oops, or every reason. */
static struct kmsg_dumper pkho_dumper = {
	.dump = pkho_dump,
};

static struct kmsg_dumper pkho_ring_dumper = {
	.dump = pkho_dump_rings,
	.max_reason = KMSG_DUMP_SHUTDOWN,
};

int pkho_dump_init(int max_reason)
{
	int err;

	pkho_dumper.max_reason = max_reason;
	err = kmsg_dump_register(&pkho_dumper);
	if (err)
		return err;
	err = kmsg_dump_register(&pkho_ring_dumper);
	if (err)
		kmsg_dump_unregister(&pkho_dumper);
	return err;
}

void pkho_dump_exit(void)
{
	kmsg_dump_unregister(&pkho_ring_dumper);
	kmsg_dump_unregister(&pkho_dumper);
}
