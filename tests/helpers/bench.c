// SPDX-License-Identifier: GPL-2.0-only
/*
 * pkho_bench: test-only module, never packaged. Each load does one job,
 * chosen by its parameters (a file each):
 *
 * - burst=BYTES [tag=T]: print that many bytes of numbered lines
 *   "pkho-T <n> ..." (about 100 bytes each), as fast as printk takes them
 *   (bench_lines.c). Then it may be unloaded.
 * - rate=BYTES_PER_S seconds=S [tag=T]: print lines at that steady rate for
 *   S seconds; the load returns when done (bench_lines.c).
 * - count=1 [tag=T]: count the tag's lines in the log and its text bytes.
 * - dump_fn=ADDR [runs=N tail=L reason=R]: call kmsg_dump_desc() directly
 *   (bench_dump.c; the second-dump scenario's oops dump).
 * - kexec_time=1 [burst=BYTES tag=T]: time the next kexec's reboot path,
 *   from kernel_kexec() to machine_kexec(), with kprobes, for the next
 *   kernel to read; the burst is the load printed at the start of that
 *   path, before any backend sees it. The module stays loaded until the
 *   jump (bench_kexec.c).
 * - kexec_read=1: print the figures the previous kernel's kexec_time left.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kmsg_dump.h>
#include <linux/module.h>

#include "bench.h"

static unsigned long burst;
module_param(burst, ulong, 0444);
MODULE_PARM_DESC(burst, "bytes of numbered lines to print");

static char *tag = "burst";
module_param(tag, charp, 0444);
MODULE_PARM_DESC(tag, "the lines printed are \"pkho-<tag> <number> ...\"");

static unsigned long rate;
module_param(rate, ulong, 0444);
MODULE_PARM_DESC(rate, "bytes per second of numbered lines, for \"seconds\"");

static unsigned int seconds = 60;
module_param(seconds, uint, 0444);
MODULE_PARM_DESC(seconds, "how long \"rate\" prints (1 to 3600)");

static bool count;
module_param(count, bool, 0444);
MODULE_PARM_DESC(count, "count the tag's lines in the log and its text bytes");

static unsigned long dump_fn;
module_param(dump_fn, ulong, 0444);
MODULE_PARM_DESC(dump_fn, "address of kmsg_dump_desc, from /proc/kallsyms");

static int runs = 7;
module_param(runs, int, 0444);
MODULE_PARM_DESC(runs, "dumps to time (1 to 101)");

static int tail;
module_param(tail, int, 0444);
MODULE_PARM_DESC(tail, "lines printed before each dump (0 to 10000)");

static int reason = KMSG_DUMP_SHUTDOWN;
module_param(reason, int, 0444);
MODULE_PARM_DESC(reason, "kmsg_dump reason of the dumps (default 4, shutdown; 2 for an oops dump)");

static bool kexec_time;
module_param(kexec_time, bool, 0444);
MODULE_PARM_DESC(kexec_time, "time the next kexec's reboot path for the next kernel; stays loaded");

static bool kexec_read;
module_param(kexec_read, bool, 0444);
MODULE_PARM_DESC(kexec_read, "print the reboot path figures the previous kernel left");

static int __init bench_init(void)
{
	if (kexec_time)
		return pkho_kexec_arm(tag, burst / PKHO_LINE_BYTES);
	if (kexec_read)
		return pkho_kexec_read();
	if (count)
		return pkho_bench_count(tag);
	if (dump_fn)
		return pkho_bench_dump(dump_fn, reason, runs, tail);
	if (rate) {
		if (!seconds || seconds > 3600) {
			pr_err("seconds=%u is out of range 1..3600\n", seconds);
			return -EINVAL;
		}
		return pkho_bench_rate(tag, rate, seconds);
	}
	pkho_bench_print(tag, burst / PKHO_LINE_BYTES);
	return 0;
}

static void __exit bench_exit(void)
{
	pkho_kexec_disarm();
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("pstore_kho bench helper: log lines, and the kexec reboot path timed");
MODULE_LICENSE("GPL");
