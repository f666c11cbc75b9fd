// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel log, captured as it is written, and the last capture on the
 * reboot path.
 *
 * A worker takes every new line into the stream (stream.c), a copy, within
 * about a second of its being printed, and sooner when the log comes fast:
 * it watches how fast sequence numbers go by and comes back before the
 * kernel's log buffer would wrap past the lines it has not taken. A burst
 * that starts between two passes does not wait for the next one: printk's
 * console tracepoint counts the messages, and once a quarter of what the
 * log buffer holds has come since the last pass, or what the reboot path's
 * share of the stream's reserve holds (pkho_stream_burst_lines(): a burst
 * into a large log buffer does not wait either), an irq_work (the one way
 * out of printk's context, which may be any) brings the pass forward. So
 * the reboot path finds few lines left to take, whatever came before. What is
 * taken is compressed later, in the background, in batches (when 128 KiB
 * wait, or when the log has been quiet for a few seconds). When nothing
 * has been printed for a minute, the worker's timer becomes deferrable: an
 * idle machine is not woken every second; the first line after such a
 * quiet spell waits for a CPU to wake.
 *
 * A reboot notifier (kexec runs them before shutting devices down) stops
 * the worker, waiting at most for the line or the slice of deflate its
 * pass is at (pkho_stream_hurry()), and takes the lines printed up to the head
 * it noted on entry into the space that is already there, half of the
 * dump's reserve included: copies only, no allocation, no compression, so
 * no printk rate can hold up the jump. The newest lines printed since, up
 * to "Starting new kernel", go in the kexec-time chunk: written right
 * after that line (jump.c, which the notifier arms), or by the kexec-time
 * dump (dump.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/irq_work.h>
#include <linux/jiffies.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/reboot.h>
#include <linux/sizes.h>
#include <linux/workqueue.h>
#include <trace/events/printk.h>

#include "pkho.h"

#define PKHO_PERIOD		HZ
/* The soonest the worker comes back, however fast the log goes. */
#define PKHO_PERIOD_MIN		max(HZ / 100, 1)
/* Compress what waits when this much does, or after this much quiet. */
#define PKHO_COMPACT_AT		SZ_128K
#define PKHO_COMPACT_QUIET	(5 * HZ)
/* Quiet for this long: the timer no longer wakes an idle CPU. */
#define PKHO_IDLE_AFTER		(60 * HZ)
/* Lines the log buffer holds at least, before it has wrapped once. */
#define PKHO_RING_LINES_MIN	((1UL << CONFIG_LOG_BUF_SHIFT) / 128)

static struct {
	/* The same pass, on a timer that wakes an idle CPU or not, or now. */
	struct delayed_work busy, idle;
	struct work_struct now;
	struct mutex lock;		/* one pass at a time; stopped */
	bool stopped;
	u64 last_head;
	unsigned long last_tick;	/* jiffies of the last pass */
	unsigned long last_line;	/* jiffies a new line was last seen */
	u64 rate;			/* lines per second, smoothed */
	/* Messages printed since the last pass; this many bring the next. */
	atomic_long_t printed;
	long kick_after;
	struct irq_work kick;
	bool traced;			/* the console tracepoint probe is on */
} cap = {
	.lock = __MUTEX_INITIALIZER(cap.lock),
};

/* Messages the log buffer holds at least. */
static u64 pkho_capture_ring_lines(u64 head)
{
	u64 oldest = pkho_lines_oldest();

	/* Once wrapped, the buffer holds head - oldest lines. */
	return max_t(u64, oldest ? head - oldest : 0, PKHO_RING_LINES_MIN);
}

/*
 * Jiffies until the log buffer, holding @lines, may wrap past lines not
 * taken yet.
 */
static unsigned long pkho_capture_delay(u64 lines)
{
	u64 ticks;

	if (!cap.rate)
		return PKHO_PERIOD;
	/* A quarter of the time the buffer takes to wrap. */
	ticks = div64_u64(lines * HZ, cap.rate * 4);
	return clamp_t(u64, ticks, PKHO_PERIOD_MIN, PKHO_PERIOD);
}

static void pkho_capture_pass(void)
{
	unsigned long now = jiffies, since, delay;
	u64 head = pkho_lines_head(), seen;
	u64 lines = pkho_capture_ring_lines(head);
	u64 staged;

	/* The count starts again: what is printed from here on is not taken. */
	WRITE_ONCE(cap.kick_after,
		   (long)max_t(u64, min(lines / 4, pkho_stream_burst_lines()), 1));
	atomic_long_set(&cap.printed, 0);

	/* Lines per second since the last pass, smoothed over a few. */
	seen = head - cap.last_head;
	if (now != cap.last_tick)
		cap.rate = (cap.rate + div64_u64(seen * HZ, now - cap.last_tick)) / 2;
	cap.last_head = head;
	cap.last_tick = now;
	if (seen)
		cap.last_line = now;

	if (head > pkho_stream_next_seq())
		pkho_stream_take(head, PKHO_TAKE_COMPACT | PKHO_TAKE_GROW |
				 PKHO_TAKE_DROP);
	staged = pkho_stream_staged(&since);
	if (staged >= PKHO_COMPACT_AT ||
	    (staged && time_after(now, since + PKHO_COMPACT_QUIET) &&
	     time_after(now, cap.last_line + PKHO_COMPACT_QUIET)))
		pkho_stream_compact();

	if (time_after(now, cap.last_line + PKHO_IDLE_AFTER)) {
		schedule_delayed_work(&cap.idle, PKHO_PERIOD);
	} else {
		delay = pkho_capture_delay(lines);
		schedule_delayed_work(&cap.busy, delay);
	}
}

static void pkho_capture_work(struct work_struct *work)
{
	mutex_lock(&cap.lock);
	if (!cap.stopped)
		pkho_capture_pass();
	mutex_unlock(&cap.lock);
}

/*
 * Every message, as printk stores it, in any context: the count, and once
 * it reaches what was set, the pass brought forward (once per pass).
 */
static void pkho_capture_printed(void *data, const char *text, size_t len)
{
	if (atomic_long_inc_return(&cap.printed) == READ_ONCE(cap.kick_after))
		irq_work_queue(&cap.kick);
}

/* Out of printk's context: the pass, now. */
static void pkho_capture_kicked(struct irq_work *work)
{
	schedule_work(&cap.now);
}

/* No pass runs from here on: one that starts later sees it stopped. */
static void pkho_capture_halt(void)
{
	mutex_lock(&cap.lock);
	cap.stopped = true;
	/* No kick either: the count never comes back to 0. */
	WRITE_ONCE(cap.kick_after, 0);
	mutex_unlock(&cap.lock);
}

static void pkho_capture_stop(void)
{
	pkho_capture_halt();
	if (cap.traced) {
		unregister_trace_console(pkho_capture_printed, NULL);
		/* No call of the probe runs on, nor a kick it queued. */
		tracepoint_synchronize_unregister();
		irq_work_sync(&cap.kick);
	}
	/* A pass that was waiting for the lock saw it stopped. */
	cancel_work_sync(&cap.now);
	cancel_delayed_work_sync(&cap.busy);
	cancel_delayed_work_sync(&cap.idle);
}

/*
 * kernel_kexec() runs the reboot notifiers before it shuts devices down:
 * the last take, bounded by the head on entry, into the space already
 * there. With a finalize API, KHO may already be finalized here (by LUO):
 * nothing is kept from here on. The worker's timers are left as they are:
 * a pass they start sees it stopped, and cancelling them here (a timer
 * that may sit on another CPU) was most of this notifier's time, 0.5 to 6
 * ms of the jump under QEMU.
 */
static int pkho_capture_reboot(struct notifier_block *nb, unsigned long action,
			       void *data)
{
	u64 head = pkho_lines_head();

	pkho_stream_hurry();
	pkho_capture_halt();
	pkho_stream_take_last(head);
	pkho_jump_arm();
	return NOTIFY_DONE;
}

static struct notifier_block pkho_capture_reboot_nb = {
	.notifier_call = pkho_capture_reboot,
};

int pkho_capture_init(void)
{
	int err;

	cap.stopped = false;
	cap.rate = 0;
	cap.last_head = 0;
	cap.last_tick = jiffies;
	cap.last_line = jiffies;
	atomic_long_set(&cap.printed, 0);
	cap.kick_after = 0;
	cap.traced = false;
	INIT_DELAYED_WORK(&cap.busy, pkho_capture_work);
	INIT_DEFERRABLE_WORK(&cap.idle, pkho_capture_work);
	INIT_WORK(&cap.now, pkho_capture_work);
	init_irq_work(&cap.kick, pkho_capture_kicked);
	err = register_reboot_notifier(&pkho_capture_reboot_nb);
	if (err)
		return err;
	/* Without the tracepoint, the timer alone (jump.c says so). */
	cap.traced = !register_trace_console(pkho_capture_printed, NULL);
	/* The log since boot, at once. */
	mutex_lock(&cap.lock);
	pkho_capture_pass();
	mutex_unlock(&cap.lock);
	return 0;
}

void pkho_capture_exit(void)
{
	unregister_reboot_notifier(&pkho_capture_reboot_nb);
	pkho_capture_stop();
}
