// SPDX-License-Identifier: GPL-2.0-only
/*
 * Numbered lines into the kernel log, faster than any shell under TCG, and
 * counting them in the log.
 *
 * A line is "pkho-<tag> <number> <six random words> abcdefghijklmnop",
 * about 100 bytes: the random words make the text compress about 2.5 to 1,
 * as a real kernel log does.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kmsg_dump.h>
#include <linux/math64.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "bench.h"

static void pkho_line(const char *tag, u64 n)
{
	pr_info("pkho-%s %06llu %08x %08x %08x %08x %08x %08x abcdefghijklmnop\n",
		tag, n, get_random_u32(), get_random_u32(), get_random_u32(),
		get_random_u32(), get_random_u32(), get_random_u32());
}

void pkho_bench_print(const char *tag, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		pkho_line(tag, i);
}

/*
 * Steady logging: @bytes_per_s of lines for @seconds, in small batches
 * every few milliseconds (as a busy machine logs, not one burst a second),
 * numbered on across batches. Sleeps between batches: the CPU time the
 * guest measures around it is printk's, and whatever a backend adds.
 */
int pkho_bench_rate(const char *tag, unsigned long bytes_per_s,
		    unsigned int seconds)
{
	unsigned long start = jiffies, end = start + seconds * HZ;
	u64 due, done = 0;

	while (time_before(jiffies, end)) {
		due = div_u64((u64)bytes_per_s * (jiffies - start),
			      HZ * PKHO_LINE_BYTES);
		for (; done < due; done++)
			pkho_line(tag, done);
		usleep_range(10000, 11000);
	}
	pr_info("rate_lines %llu\n", done);
	return 0;
}

/*
 * The tag's lines in the whole log, and the log's bytes as dmesg prints
 * them: a shell cannot read a 32 MiB log (busybox's dmesg stops at 16 MiB).
 */
int pkho_bench_count(const char *tag)
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
