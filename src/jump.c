// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kexec-time chunk written while "Starting new kernel" is still in the
 * kernel log, before the kexec-time dump.
 *
 * kernel_kexec() prints "Starting new kernel", takes the other CPUs down
 * (machine_shutdown()), and only then dumps. A log storm on other CPUs
 * goes on in between, and the task that kexecs may wait behind it for a
 * CPU: a few milliseconds of storm fill the kernel's log buffer, however
 * large, and overwrite that line before any dumper runs. Seen under QEMU
 * on x86 (luo-flood, once in a whole run) and on arm64, where the CPUs go
 * down one at a time by CPU hotplug.
 *
 * So once the reboot notifier has taken its last lines (capture.c arms
 * this file), the kexec-time chunk (stream.c: copies only, no lock waited
 * for) is written as soon as something happens after that line was
 * stored:
 * - the next line any CPU prints: the console tracepoint, which printk
 *   calls for every message as it stores it, in any context;
 * - a CPU going down (arm64's kexec), in its hotplug thread.
 * A try that does not find the line in the log (not stored yet) is tried
 * again at the next of them, a few times at most (one that finds the
 * outgoing lock taken, again without counting); the dump writes the chunk
 * as before if none did. Lines printed
 * after the chunk are counted by the record's end, not kept: the lines up
 * to "Starting new kernel" win.
 *
 * Only where the dmesg dump runs at the kexec (max_reason 4): below that
 * the record keeps no kexec-time lines at all (dump.c), and nothing here
 * is registered, so arming does nothing. Without the
 * tracepoint (a kernel without CONFIG_TRACEPOINTS) CPU hotplug and the
 * dump are left.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cpuhotplug.h>
#include <trace/events/printk.h>

#include "pkho.h"
#include "tail.h"

/*
 * Tries that did not find the line: each sizes the lines printed since the
 * reboot notifier's take.
 */
#define PKHO_JUMP_TRIES		8

static struct {
	bool armed;		/* the reboot notifier took its last lines */
	bool printed;		/* "Starting new kernel" is being stored */
	bool done;		/* written, or given up */
	bool traced;		/* the console tracepoint probe is on */
	atomic_t tries;
	int cpuhp_state;	/* 0: not registered */
} jump;

static void pkho_jump_try(void)
{
	int err;

	if (READ_ONCE(jump.done))
		return;
	/* Another CPU holding the lock is no try: it may be writing it. */
	err = pkho_stream_kexec_early();
	if (!err ||
	    (err != -EBUSY && atomic_inc_return(&jump.tries) >= PKHO_JUMP_TRIES))
		WRITE_ONCE(jump.done, true);
}

/*
 * Every message, as printk stores it. The line that says the jump was
 * reached is not in the log yet when its own call comes: the next
 * message's call tries.
 */
static void pkho_jump_printed(void *data, const char *text, size_t len)
{
	if (!READ_ONCE(jump.armed))
		return;
	if (READ_ONCE(jump.printed))
		pkho_jump_try();
	else if (pkho_tail_text_is_jump(text, len))
		WRITE_ONCE(jump.printed, true);
}

/* A CPU going down: after the arming, the kexec taking CPUs down. */
static int pkho_jump_cpu_down(unsigned int cpu)
{
	if (READ_ONCE(jump.armed))
		pkho_jump_try();
	return 0;
}

/* From the reboot notifier, after its last take (capture.c). */
void pkho_jump_arm(void)
{
	WRITE_ONCE(jump.armed, true);
}

int pkho_jump_init(bool dump_at_kexec)
{
	int err;

	jump.armed = false;
	jump.printed = false;
	jump.done = false;
	jump.traced = false;
	jump.cpuhp_state = 0;
	atomic_set(&jump.tries, 0);
	if (!dump_at_kexec)
		return 0;
	err = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "pstore_kho:kexec",
					NULL, pkho_jump_cpu_down);
	if (err < 0)
		return err;
	jump.cpuhp_state = err;
	err = register_trace_console(pkho_jump_printed, NULL);
	jump.traced = !err;
	if (err)
		pr_info("no console tracepoint (%d): a log storm at the kexec may overwrite \"Starting new kernel\" before the dump\n",
			err);
	return 0;
}

void pkho_jump_exit(void)
{
	if (jump.traced) {
		unregister_trace_console(pkho_jump_printed, NULL);
		/* No call of the probe runs on once the module's text is gone. */
		tracepoint_synchronize_unregister();
	}
	if (jump.cpuhp_state)
		cpuhp_remove_state_nocalls(jump.cpuhp_state);
}
