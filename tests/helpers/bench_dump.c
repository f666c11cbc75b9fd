// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmsg_dump_desc() called directly, @runs times, each after @tail new lines:
 * the second-dump scenario's oops dump (reason 2). Every registered dumper
 * runs. Prints the median, least and greatest time one took, in CPU cycles.
 * This is not the kexec reboot path: make bench times that with the real
 * jump (bench_kexec.c).
 *
 * 7.3 does not export kmsg_dump_desc() (kmsg_dump() is an inline calling
 * it), so the guest passes the address from /proc/kallsyms; any address
 * that is not the start of that function is refused, and so is the call
 * where indirect branch tracking would trap it (the function's address is
 * never taken in the kernel, so objtool sealed it).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kmsg_dump.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/timex.h>
#ifdef CONFIG_X86
#include <asm/cpufeature.h>
#endif

#include "bench.h"

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

int pkho_bench_dump(unsigned long dump_fn, int reason, int runs, int tail)
{
	void (*dump)(enum kmsg_dump_reason reason, const char *desc);
	char sym[KSYM_SYMBOL_LEN];
	u64 *t, c0;
	int i;

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
	if (strncmp(sym, "kmsg_dump_desc+0x0/", 19)) {
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
		pkho_bench_print("tail", tail);
		c0 = get_cycles();
		dump(reason, NULL);
		t[i] = get_cycles() - c0;
	}
	sort(t, runs, sizeof(*t), cmp_u64, NULL);
	pr_info("dumps %d median_cycles %llu min_cycles %llu max_cycles %llu\n",
		runs, t[runs / 2], t[0], t[runs - 1]);
	kfree(t);
	return 0;
}
