// SPDX-License-Identifier: GPL-2.0-only
/*
 * pkho_storm: test-only module, never packaged. A log storm from every CPU,
 * as a driver stuck in a loop or a dyndbg storm makes one right before a
 * sick host is rebooted: one kthread per online CPU prints numbered lines
 * "pkho-storm <cpu> <n> ..." as fast as printk takes them, until the module
 * is unloaded, "seconds" have passed, or the machine kexecs (the threads run
 * through the jump: nothing stops them but the CPUs being stopped).
 *
 * The guest keeps the console quiet (dmesg -n 1): the serial console would
 * otherwise throttle the storm to its baud rate.
 *
 * With "at_reboot" it prints nothing until the machine reboots or kexecs,
 * and then that many numbered lines "pkho-late <n> ..." from a reboot
 * notifier that runs after every other one, pstore_kho's last take
 * included: lines only the kexec-time dump can keep.
 *
 * With "at_dump" it prints nothing until the kexec's shutdown dump, and
 * then, from a kmsg dumper of its own, that many numbered lines
 * "pkho-after-jump <n> ...": after "Starting new kernel", with the other
 * CPUs stopped, before pstore_kho's dumper when loaded before pstore_kho
 * (dumpers run in the order they were registered). Enough of them
 * overwrite that line in the kernel's log buffer, as a storm does when the
 * kexecing task waits behind it: deterministic where a storm is not.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kmsg_dump.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/slab.h>

static unsigned int seconds;
module_param(seconds, uint, 0444);
MODULE_PARM_DESC(seconds, "stop after this many seconds (0: only at unload or at the kexec)");

static unsigned int pause_us;
module_param(pause_us, uint, 0444);
MODULE_PARM_DESC(pause_us, "microseconds each thread sleeps between lines (0: none, a storm)");

static unsigned int at_reboot;
module_param(at_reboot, uint, 0444);
MODULE_PARM_DESC(at_reboot, "print this many lines at reboot, after every other reboot notifier, and no storm");

static unsigned int at_dump;
module_param(at_dump, uint, 0444);
MODULE_PARM_DESC(at_dump, "print this many lines at the kexec's shutdown dump, and no storm (with at_reboot or alone)");

static struct task_struct **threads;

static int pkho_storm_reboot(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	unsigned int i;

	for (i = 0; i < at_reboot; i++)
		pr_info("pkho-late %u abcdefghijklmnopqrstuvwxyz0123456789 abcdefghijklmnopqrstuvwxyz\n",
			i);
	return NOTIFY_DONE;
}

static struct notifier_block pkho_storm_reboot_nb = {
	.notifier_call = pkho_storm_reboot,
	.priority = INT_MIN,
};

static void pkho_storm_dump(struct kmsg_dumper *dumper,
			    struct kmsg_dump_detail *detail)
{
	unsigned int i;

	if (detail->reason != KMSG_DUMP_SHUTDOWN)
		return;
	for (i = 0; i < at_dump; i++)
		printk(KERN_DEBUG pr_fmt("pkho-after-jump %u abcdefghijklmnopqrstuvwxyz0123456789 abcdefghijklmnopqrstuvwxyz\n"),
		       i);
}

static struct kmsg_dumper pkho_storm_dumper = {
	.dump = pkho_storm_dump,
	.max_reason = KMSG_DUMP_SHUTDOWN,
};

static int pkho_storm_thread(void *data)
{
	unsigned long end = jiffies + seconds * HZ;
	unsigned int cpu = (unsigned long)data;
	unsigned long n = 0;

	while (!kthread_should_stop()) {
		if (seconds && time_after(jiffies, end))
			break;
		pr_info("pkho-storm %u %lu abcdefghijklmnopqrstuvwxyz0123456789 abcdefghijklmnopqrstuvwxyz\n",
			cpu, n++);
		if (pause_us)
			usleep_range(pause_us, pause_us + pause_us / 4 + 1);
		else if (!(n % 32))
			cond_resched();
	}
	/* kthread_stop() wants the thread to wait for it. */
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int __init pkho_storm_init(void)
{
	unsigned int cpu;
	int err;

	if (at_dump || at_reboot) {
		err = at_dump ? kmsg_dump_register(&pkho_storm_dumper) : 0;
		if (!err && at_reboot)
			err = register_reboot_notifier(&pkho_storm_reboot_nb);
		if (err && at_dump)
			kmsg_dump_unregister(&pkho_storm_dumper);
		return err;
	}
	threads = kcalloc(nr_cpu_ids, sizeof(*threads), GFP_KERNEL);
	if (!threads)
		return -ENOMEM;
	for_each_online_cpu(cpu) {
		threads[cpu] = kthread_create(pkho_storm_thread,
					      (void *)(unsigned long)cpu,
					      "pkho_storm/%u", cpu);
		if (IS_ERR(threads[cpu])) {
			threads[cpu] = NULL;
			continue;
		}
		kthread_bind(threads[cpu], cpu);
		wake_up_process(threads[cpu]);
	}
	pr_info("storm started on %u CPUs\n", num_online_cpus());
	return 0;
}

static void __exit pkho_storm_exit(void)
{
	unsigned int cpu;

	if (at_dump || at_reboot) {
		if (at_reboot)
			unregister_reboot_notifier(&pkho_storm_reboot_nb);
		if (at_dump)
			kmsg_dump_unregister(&pkho_storm_dumper);
		return;
	}
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (threads[cpu])
			kthread_stop(threads[cpu]);
	}
	kfree(threads);
}

module_init(pkho_storm_init);
module_exit(pkho_storm_exit);

MODULE_DESCRIPTION("pstore_kho test helper: a log storm from every CPU");
MODULE_LICENSE("GPL");
