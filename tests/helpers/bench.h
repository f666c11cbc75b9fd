/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pkho_bench: the jobs of the bench helper module, a file each. bench.c
 * holds the module parameters and picks the job; see there.
 */

#ifndef _PKHO_BENCH_H
#define _PKHO_BENCH_H

#include <linux/types.h>

/* Bytes of one numbered line: sizes given in bytes become line counts. */
#define PKHO_LINE_BYTES	100

/* bench_lines.c: numbered lines into the kernel log, and counting them */
void pkho_bench_print(const char *tag, unsigned long n);
int pkho_bench_rate(const char *tag, unsigned long bytes_per_s,
		    unsigned int seconds);
int pkho_bench_count(const char *tag);

/* bench_dump.c: kmsg_dump_desc() called directly (an oops dump) */
int pkho_bench_dump(unsigned long dump_fn, int reason, int runs, int tail);

/* bench_kexec.c: the kexec reboot path timed, figures to the next kernel */
int pkho_kexec_arm(const char *tag, unsigned long lines);
void pkho_kexec_disarm(void);
int pkho_kexec_read(void);

#endif /* _PKHO_BENCH_H */
