// SPDX-License-Identifier: GPL-2.0-only
/*
 * pkho_bench: bench-only module, never packaged. It times the dump the kexec
 * path makes: kmsg_dump_desc(KMSG_DUMP_SHUTDOWN, NULL), called "runs" times
 * in a row, each after "tail" new lines were printed (the lines a shutdown
 * prints in its last moments), and prints the median, least and greatest
 * time one took, in CPU cycles; and, as the floor, the time a memcpy() of
 * "copy" bytes (the log's text) takes. Every registered dumper runs: for
 * ramoops the whole pstore path (reading the log, compressing it, writing
 * it), for pstore_kho its own dumpers.
 *
 * With "burst" it only prints that many bytes of numbered lines to the log,
 * as fast as printk takes them, for the burst-before-the-jump measurement.
 *
 * Time is counted in CPU cycles (get_cycles()): a test kernel under TCG
 * finds no reference to calibrate its TSC against and runs on the jiffies
 * clocksource, whose 4 ms steps are longer than a dump. The module also
 * prints the cycle rate measured against ktime_get_ns() over one second,
 * edge to edge of a jiffies step, as a check (tests/bench/report.sh turns
 * cycles into time with the host's TSC rate: under TCG the guest's cycle
 * counter is the host's TSC).
 *
 * 7.3 does not export kmsg_dump_desc() (kmsg_dump() is an inline calling
 * it), so the guest passes the address from /proc/kallsyms as "dump_fn"; the
 * module refuses any address that is not the start of that function, and
 * refuses to run where indirect branch tracking would trap the call (the
 * function's address is never taken in the kernel, so objtool sealed it).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kmsg_dump.h>
#include <linux/ktime.h>
#include <linux/delay.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/vmalloc.h>
#include <linux/timex.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#ifdef CONFIG_X86
#include <asm/cpufeature.h>
#endif

static unsigned long dump_fn;
module_param(dump_fn, ulong, 0444);
MODULE_PARM_DESC(dump_fn, "address of kmsg_dump_desc, from /proc/kallsyms");

static int runs = 7;
module_param(runs, int, 0444);
MODULE_PARM_DESC(runs, "dumps to time (1 to 101)");

static int tail;
module_param(tail, int, 0444);
MODULE_PARM_DESC(tail, "lines printed before each timed dump (0 to 10000)");

static unsigned long copy;
module_param(copy, ulong, 0444);
MODULE_PARM_DESC(copy, "bytes of the memcpy() timed as the floor (0: none)");

static unsigned long burst;
module_param(burst, ulong, 0444);
MODULE_PARM_DESC(burst, "bytes of numbered lines to print, and nothing else");

static bool count;
module_param(count, bool, 0444);
MODULE_PARM_DESC(count, "count the tag's lines in the log and its text bytes, and nothing else");

static char *tag = "burst";
module_param(tag, charp, 0444);
MODULE_PARM_DESC(tag, "the lines printed with burst are \"pkho-<tag> <number> ...\"");

static int reason = KMSG_DUMP_SHUTDOWN;
module_param(reason, int, 0444);
MODULE_PARM_DESC(reason, "kmsg_dump reason of the dumps (default 4, shutdown; 2 for an oops dump)");

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* The first ktime_get_ns() after the clock steps, and the cycles then. */
static u64 clock_edge(u64 *cycles)
{
	u64 t0 = ktime_get_ns(), t;

	while ((t = ktime_get_ns()) == t0)
		cpu_relax();
	*cycles = get_cycles();
	return t;
}

/* Cycles per millisecond. */
static u64 cycles_khz(void)
{
	u64 c0, c1, t0, t1;

	t0 = clock_edge(&c0);
	msleep(1000);
	t1 = clock_edge(&c1);
	return div64_u64((c1 - c0) * 1000000ULL, t1 - t0);
}

/* Lines of about 100 bytes, as the bench's log lines are. */
static void print_lines(const char *tag, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		pr_info("pkho-%s %06lu %08x %08x %08x %08x %08x %08x abcdefghijklmnop\n",
			tag, i, get_random_u32(), get_random_u32(), get_random_u32(),
			get_random_u32(), get_random_u32(), get_random_u32());
}

/* Median cycles of a memcpy() of @len bytes, @runs times. */
static u64 time_copy(size_t len, u64 *t)
{
	void *src, *dst;
	u64 c0;
	int i;

	src = vmalloc(len);
	dst = vmalloc(len);
	if (!src || !dst) {
		vfree(src);
		vfree(dst);
		return 0;
	}
	memset(src, 'x', len);
	memset(dst, 0, len);
	for (i = 0; i < runs; i++) {
		c0 = get_cycles();
		memcpy(dst, src, len);
		t[i] = get_cycles() - c0;
	}
	vfree(src);
	vfree(dst);
	sort(t, runs, sizeof(*t), cmp_u64, NULL);
	return t[runs / 2];
}

/*
 * The tag's lines in the whole log, and the log's bytes as dmesg prints
 * them: a shell cannot read a 32 MiB log (busybox's dmesg stops at 16 MiB).
 */
static int count_lines(void)
{
	struct kmsg_dump_iter iter;
	unsigned long n = 0, bytes = 0;
	char pat[40], *line;
	size_t len;

	line = kmalloc(2048, GFP_KERNEL);
	if (!line)
		return -ENOMEM;
	snprintf(pat, sizeof(pat), "pkho-%s ", tag);
	kmsg_dump_rewind(&iter);
	iter.cur_seq = 0;
	while (kmsg_dump_get_line(&iter, false, line, 2047, &len)) {
		line[len] = '\0';
		bytes += len;
		if (strstr(line, pat))
			n++;
	}
	kfree(line);
	pr_info("count_lines %lu text_bytes %lu\n", n, bytes);
	return 0;
}

static int __init bench_init(void)
{
	void (*dump)(enum kmsg_dump_reason reason, const char *desc);
	char sym[KSYM_SYMBOL_LEN];
	u64 *t, c0, khz, copy_cycles = 0;
	int i;

	if (burst) {
		print_lines(tag, burst / 100);
		return 0;
	}
	if (count)
		return count_lines();
	if (tail < 0 || tail > 10000) {
		pr_err("tail=%d is out of range 0..10000\n", tail);
		return -EINVAL;
	}
	if (reason <= KMSG_DUMP_UNDEF || reason > KMSG_DUMP_SHUTDOWN) {
		pr_err("reason=%d is out of range 1..4\n", reason);
		return -EINVAL;
	}
	if (runs < 1 || runs > 101) {
		pr_err("runs=%d is out of range 1..101\n", runs);
		return -EINVAL;
	}
	sprint_symbol(sym, dump_fn);
	if (!dump_fn || strncmp(sym, "kmsg_dump_desc+0x0/", 19)) {
		pr_err("dump_fn=%#lx is %s, not kmsg_dump_desc\n", dump_fn, sym);
		return -EINVAL;
	}
#ifdef CONFIG_X86_KERNEL_IBT
	if (cpu_feature_enabled(X86_FEATURE_IBT)) {
		pr_err("IBT is on: an indirect call to kmsg_dump_desc would trap\n");
		return -EOPNOTSUPP;
	}
#endif
	t = kcalloc(runs, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	dump = (void *)dump_fn;
	for (i = 0; i < runs; i++) {
		print_lines("tail", tail);
		c0 = get_cycles();
		dump(reason, NULL);
		t[i] = get_cycles() - c0;
	}
	sort(t, runs, sizeof(*t), cmp_u64, NULL);
	khz = cycles_khz();
	pr_info("dumps %d median_cycles %llu min_cycles %llu max_cycles %llu cycles_khz %llu\n",
		runs, t[runs / 2], t[0], t[runs - 1], khz);
	if (copy)
		copy_cycles = time_copy(copy, t);
	pr_info("copy_bytes %lu copy_cycles %llu\n", copy, copy_cycles);
	kfree(t);
	return 0;
}

static void __exit bench_exit(void)
{
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("bench only: time the kexec-path kmsg dump");
MODULE_LICENSE("GPL");
