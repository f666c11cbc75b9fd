// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kexec reboot path, timed for real: kprobes stamp the CPU's cycle
 * counter when kernel_kexec() is entered (reboot(LINUX_REBOOT_CMD_KEXEC),
 * what `kexec -e` and systemctl kexec end in) and when machine_kexec() is
 * entered, the jump. In between run the reboot notifiers, device and
 * syscore shutdown, "Starting new kernel", stopping the other CPUs and the
 * kmsg dumpers: everything a pstore backend adds to a reboot. Two more
 * probes split it: the machine shutdown, after the reboot notifiers, device
 * and syscore shutdown (it stops the other CPUs: no backend code runs
 * there, but under TCG it waits for the host to schedule the other vCPUs),
 * and the kexec's kmsg_dump_desc() (the dumpers, up to the jump). The
 * former is probed at native_machine_shutdown(), x86's machine_ops.shutdown
 * on a machine without a hypervisor's own (QEMU under TCG): the first
 * instruction of machine_shutdown() is an indirect jump kprobes refuse.
 *
 * The stamps cannot be printed there: a kprobe handler runs in the int3
 * trap, which the kernel enters as an NMI, so printk only stores the line
 * and defers the console to an irq_work that never runs after the jump. So
 * they are written into one page preserved with KHO (live preservation,
 * 7.1 and later: what the page holds at the jump is what the next kernel
 * gets) and published under PKHO_BENCH_KHO_NAME; the next kernel reads them
 * (pkho_kexec_read()), prints them and frees the page.
 *
 * Time is counted in cycles: under TCG a test kernel finds nothing to
 * calibrate its TSC against and runs on the jiffies clock (4 ms steps),
 * while the guest's cycle counter is the host's TSC; tests/bench/report.sh
 * turns cycles into time with the host's TSC rate.
 *
 * The load the bench puts right before the jump is printed by a reboot
 * notifier of the highest priority: the first thing kernel_kexec() runs
 * that a module can hook, before any backend's own notifier or dump. So
 * the load is the newest thing in the log whatever a backend does at the
 * jump, with nothing in between: no user space exec under TCG (a few
 * hundred ms), no chance for a capture worker to take it first. The time
 * spent printing it is stamped and taken out of the reboot path.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/io.h>
#include <linux/kexec_handover.h>
#include <linux/kprobes.h>
#include <linux/notifier.h>
#include <linux/reboot.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/timex.h>

#include "bench.h"

/* The bench kernel is 7.3; older KHO forms cannot hand a page over live. */
#if PKHO_KHO_API_LIVE

#define PKHO_BENCH_KHO_NAME	"pkho-bench-kexec"
#define PKHO_BENCH_MAGIC	0x4b424b50	/* "PKBK" */

/* Both kernels run this same module: the layout is its own business. */
struct pkho_kexec_stamps {
	u32 magic;
	u32 size;
	u64 kexec;		/* kernel_kexec() entered */
	u64 load_start;		/* the load's first line, in the reboot notifier */
	u64 load_end;		/* after its last line */
	u64 shutdown;		/* the machine shutdown entered */
	u64 dump;		/* the kexec's kmsg_dump_desc() entered */
	u64 machine;		/* machine_kexec() entered: the jump */
	u32 kexec_hits;		/* kernel_kexec() calls: 1 for a clean jump */
	u32 machine_cpu;
};

static struct pkho_kexec_stamps *stamps;
static const char *load_tag;
static unsigned long load_lines;

static int pkho_at_kexec(struct kprobe *p, struct pt_regs *regs)
{
	stamps->kexec = get_cycles();
	stamps->shutdown = 0;
	stamps->dump = 0;
	stamps->kexec_hits++;
	return 0;
}

/* Only in a kexec under way: an oops dump before it is not. */
static int pkho_at_shutdown(struct kprobe *p, struct pt_regs *regs)
{
	if (stamps->kexec && !stamps->shutdown)
		stamps->shutdown = get_cycles();
	return 0;
}

static int pkho_at_dump(struct kprobe *p, struct pt_regs *regs)
{
	if (stamps->kexec && !stamps->dump)
		stamps->dump = get_cycles();
	return 0;
}

static int pkho_at_machine(struct kprobe *p, struct pt_regs *regs)
{
	stamps->machine = get_cycles();
	stamps->machine_cpu = raw_smp_processor_id();
	return 0;
}

static struct kprobe pkho_kp_kexec = {
	.symbol_name = "kernel_kexec",
	.pre_handler = pkho_at_kexec,
};

static struct kprobe pkho_kp_shutdown = {
	.symbol_name = "native_machine_shutdown",
	.pre_handler = pkho_at_shutdown,
};

static struct kprobe pkho_kp_dump = {
	.symbol_name = "kmsg_dump_desc",
	.pre_handler = pkho_at_dump,
};

static struct kprobe pkho_kp_machine = {
	.symbol_name = "machine_kexec",
	.pre_handler = pkho_at_machine,
};

static struct kprobe *pkho_kps[] = {
	&pkho_kp_kexec, &pkho_kp_shutdown, &pkho_kp_dump, &pkho_kp_machine,
};

/* Only in a kexec under way (kernel_kexec() was entered), first of all. */
static int pkho_load_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	if (!stamps || !stamps->kexec)
		return NOTIFY_DONE;
	stamps->load_start = get_cycles();
	pkho_bench_print(load_tag, load_lines);
	stamps->load_end = get_cycles();
	return NOTIFY_DONE;
}

static struct notifier_block pkho_load_nb = {
	.notifier_call = pkho_load_notify,
	.priority = INT_MAX,
};

int pkho_kexec_arm(const char *tag, unsigned long lines)
{
	int err;

	if (!kho_is_enabled()) {
		pr_err("kexec_time needs KHO (kho=on) to hand its figures over\n");
		return -EOPNOTSUPP;
	}
	stamps = kho_alloc_preserve(sizeof(*stamps));
	if (IS_ERR(stamps)) {
		err = PTR_ERR(stamps);
		stamps = NULL;
		return err;
	}
	stamps->magic = PKHO_BENCH_MAGIC;
	stamps->size = sizeof(*stamps);
	err = kho_add_subtree(PKHO_BENCH_KHO_NAME, stamps, sizeof(*stamps));
	if (err)
		goto free;
	load_tag = tag;
	load_lines = lines;
	err = register_reboot_notifier(&pkho_load_nb);
	if (err)
		goto remove;
	err = register_kprobes(pkho_kps, ARRAY_SIZE(pkho_kps));
	if (err) {
		pr_err("kprobes on the kexec path: %d\n", err);
		goto unnotify;
	}
	return 0;
unnotify:
	unregister_reboot_notifier(&pkho_load_nb);
remove:
	kho_remove_subtree(stamps);
free:
	kho_unpreserve_free(stamps);
	stamps = NULL;
	return err;
}

void pkho_kexec_disarm(void)
{
	if (!stamps)
		return;
	unregister_kprobes(pkho_kps, ARRAY_SIZE(pkho_kps));
	unregister_reboot_notifier(&pkho_load_nb);
	kho_remove_subtree(stamps);
	kho_unpreserve_free(stamps);
	stamps = NULL;
}

/*
 * In the next kernel: print the previous kernel's stamps as differences
 * (the cycle counter need not run on across the jump), the load's printing
 * taken out of the reboot path and of its first part, and free the page.
 * Every stamp must be there, in order: a jump the probes did not see whole
 * has no figure.
 */
int pkho_kexec_read(void)
{
	struct pkho_kexec_stamps s;
	u64 load;
	phys_addr_t phys;
	size_t size;
	void *mem;
	int err;

	err = kho_retrieve_subtree(PKHO_BENCH_KHO_NAME, &phys, &size);
	if (err) {
		pr_err("no kexec figures from the previous kernel: %d\n", err);
		return err;
	}
	if (size != sizeof(s)) {
		pr_err("kexec figures of %zu bytes, not %zu\n", size, sizeof(s));
		return -EINVAL;
	}
	mem = phys_to_virt(phys);
	memcpy(&s, mem, sizeof(s));
	kho_restore_free(mem);
	if (s.magic != PKHO_BENCH_MAGIC || s.size != sizeof(s) || !s.kexec ||
	    (s.load_start && s.load_start < s.kexec) ||
	    s.shutdown < s.load_end || s.shutdown < s.kexec ||
	    s.dump < s.shutdown || s.machine < s.dump) {
		pr_err("kexec figures incomplete: kernel_kexec %llu load %llu..%llu machine_shutdown %llu dump %llu machine_kexec %llu\n",
		       s.kexec, s.load_start, s.load_end, s.shutdown, s.dump,
		       s.machine);
		return -EINVAL;
	}
	load = s.load_end - s.load_start;
	pr_info("kexec_path_cycles %llu notifiers_cycles %llu cpu_stop_cycles %llu dump_cycles %llu load_cycles %llu kexec_hits %u machine_cpu %u\n",
		s.machine - s.kexec - load, s.shutdown - s.kexec - load,
		s.dump - s.shutdown, s.machine - s.dump, load, s.kexec_hits,
		s.machine_cpu);
	return 0;
}

#else /* !PKHO_KHO_API_LIVE */

int pkho_kexec_arm(const char *tag, unsigned long lines)
{
	pr_err("kexec_time needs a KHO with live preservation (7.1 and later)\n");
	return -EOPNOTSUPP;
}

void pkho_kexec_disarm(void)
{
}

int pkho_kexec_read(void)
{
	return pkho_kexec_arm(NULL, 0);
}

#endif /* PKHO_KHO_API_LIVE */
