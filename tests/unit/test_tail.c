// SPDX-License-Identifier: GPL-2.0-only
/*
 * Table tests of src/tail.c, the kexec-time dump's policy: when the lines
 * printed since the last capture do not all fit, the newest win, up to and
 * including "Starting new kernel", the oldest are skipped and counted, and
 * nothing kept goes past the room.
 *
 *   test_tail      run the tests, print "N passed, N failed"
 */
#include <stdio.h>
#include <string.h>
#include "tail.h"

static int passed, failed;

static void expect(int ok, const char *name)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL  %s\n", name);
	}
}

/*
 * Run the policy over @n (> 0) lines of @len bytes in @room, line @jump (or
 * -1) being "Starting new kernel", its three steps as the dump makes them
 * (newest first, the line's index as its sequence number), and count the
 * lines each step looked at into *@looked, if given. Returns the index of
 * the first line kept (n if none), and sets *@kept, *@skipped (the lines
 * before the run, the dropped middle) and *@last (the index of the last
 * line kept, -1 if none).
 */
static int plan_steps(const u64 *len, int n, u64 room, int jump, u64 *kept,
		      u64 *skipped, int *last, int *looked)
{
	struct pkho_tail t;
	int i, first = n, n_looked = 0;

	pkho_tail_init(&t, room, n - 1);
	for (i = n - 1; i >= 0; i--) {
		n_looked++;
		if (!pkho_tail_scan(&t, i, len[i], i == jump))
			break;
	}
	if (pkho_tail_overflows(&t))
		for (i = (int)t.jump_seq; i < n; i++) {
			n_looked++;
			if (!pkho_tail_fit(&t, i, len[i]))
				break;
		}
	*kept = 0;
	*last = -1;
	for (i = (int)t.end_seq; i >= 0; i--) {
		n_looked++;
		if (!pkho_tail_keep(&t, i, len[i]))
			break;
		if (*last < 0)
			*last = i;
		*kept += len[i];
		first = i;
	}
	*skipped = pkho_tail_dropped(&t, 0);
	if (looked)
		*looked = n_looked;
	return first;
}

static int plan_jump(const u64 *len, int n, u64 room, int jump, u64 *kept,
		     u64 *skipped, int *last)
{
	return plan_steps(len, n, room, jump, kept, skipped, last, NULL);
}

static int plan(const u64 *len, int n, u64 room, u64 *kept, u64 *skipped)
{
	int last;

	return plan_jump(len, n, room, -1, kept, skipped, &last);
}

static int is_jump(const char *s)
{
	return pkho_tail_is_jump(s, strlen(s));
}

int main(void)
{
	static const u64 ten[] = { 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 };
	static const u64 mixed[] = { 500, 20, 30, 700, 40, 50, 60 };
	u64 kept, skipped;
	int first;

	first = plan(ten, 10, 1000, &kept, &skipped);
	expect(first == 0 && kept == 100 && skipped == 0, "all fit: all kept, none skipped");

	first = plan(ten, 10, 35, &kept, &skipped);
	expect(first == 7 && kept == 30 && skipped == 7, "room for 3.5 lines: the newest 3");

	first = plan(ten, 10, 30, &kept, &skipped);
	expect(first == 7 && kept == 30 && skipped == 7, "room exactly for 3: the newest 3");

	first = plan(mixed, 7, 150, &kept, &skipped);
	expect(first == 4 && kept == 150 && skipped == 4, "mixed sizes: the newest that fit");

	first = plan(mixed, 7, 100, &kept, &skipped);
	expect(first == 6 && kept == 60 && skipped == 6,
	       "mixed sizes, tight: whole lines only, the newest one");

	first = plan(mixed, 7, 59, &kept, &skipped);
	expect(first == 7 && kept == 0 && skipped == 7,
	       "the newest line alone does not fit: nothing kept, all counted");

	first = plan(ten, 10, 0, &kept, &skipped);
	expect(kept == 0 && skipped == 10, "no room: every line counted as dropped");

	/* The work follows what is kept, not what the log holds. */
	{
		static u64 storm[10000];
		int i, last, looked;

		for (i = 0; i < 10000; i++)
			storm[i] = 100;
		first = plan_steps(storm, 10000, 32768, 9990, &kept, &skipped,
				   &last, &looked);
		expect(first == 10000 - 327 && last == 9999 && kept == 32700 &&
		       skipped == 10000 - 327,
		       "a storm: the newest 327 lines of 100 bytes in 32 KiB");
		expect(looked == 10 + 327 + 1,
		       "a storm: the scan reads the 10 lines from the jump on, the copy 328");
		first = plan_steps(storm, 10000, 32768, -1, &kept, &skipped,
				   &last, &looked);
		expect(first == 10000 - 327 && looked == 10000 + 327 + 1,
		       "no jump line: the scan reads every line (the dump stops it at the reboot notifier's head)");
	}
	/* The dropped middle starts at the first line not captured before. */
	{
		struct pkho_tail t;
		int i;

		pkho_tail_init(&t, 30, 9);
		for (i = 9; i >= 0 && pkho_tail_scan(&t, i, 10, false); i--)
			;
		for (i = 9; i >= 0 && pkho_tail_keep(&t, i, 10); i--)
			;
		expect(t.first_seq == 7 && pkho_tail_dropped(&t, 3) == 4 &&
		       pkho_tail_dropped(&t, 8) == 0,
		       "dropped: from the first line not captured to the run");
		expect(!pkho_tail_kept_jump(&t), "no jump line: none kept");
		expect(!pkho_tail_keep(&t, 10, 1),
		       "a line newer than the run's end is not kept");
	}
	/* "Starting new kernel" (line 4 of 10) and a storm after it. */
	{
		int last;

		first = plan_jump(ten, 10, 35, 4, &kept, &skipped, &last);
		expect(first == 4 && last == 6 && kept == 30 && skipped == 4,
		       "storm after the jump line: the run ends with the newest line that fits with it");

		first = plan_jump(ten, 10, 10, 4, &kept, &skipped, &last);
		expect(first == 4 && last == 4 && skipped == 4,
		       "room for one line: the jump line");

		first = plan_jump(ten, 10, 70, 4, &kept, &skipped, &last);
		expect(first == 3 && last == 9 && skipped == 3,
		       "the lines from the jump on fit: the newest win as without it");

		first = plan_jump(ten, 10, 1000, 4, &kept, &skipped, &last);
		expect(first == 0 && last == 9 && skipped == 0,
		       "all fit: all kept, the jump line too");

		first = plan_jump(ten, 10, 25, 9, &kept, &skipped, &last);
		expect(first == 8 && last == 9 && skipped == 8,
		       "the jump line the newest: the newest win");

		first = plan_jump(ten, 10, 5, 4, &kept, &skipped, &last);
		expect(last == -1 && kept == 0,
		       "the jump line alone does not fit: nothing kept");
	}
	/* The last of two jump lines counts. */
	{
		struct pkho_tail t;
		int i;

		pkho_tail_init(&t, 20, 9);
		for (i = 9; i >= 0; i--)
			if (!pkho_tail_scan(&t, i, 10, i == 2 || i == 6))
				break;
		expect(pkho_tail_overflows(&t) && t.jump_seq == 6,
		       "two jump lines: the scan stops at the last one");
		for (i = 6; i < 10 && pkho_tail_fit(&t, i, 10); i++)
			;
		for (i = (int)t.end_seq; i >= 0 && pkho_tail_keep(&t, i, 10); i--)
			;
		expect(t.first_seq == 6 && t.end_seq == 7 &&
		       pkho_tail_kept_jump(&t),
		       "two jump lines: the run holds the last one");
	}
	/* The jump line kept or not, as the early write asks. */
	{
		int last;

		plan_jump(ten, 10, 20, 9, &kept, &skipped, &last);
		expect(last == 9, "the jump line the newest: kept");
		first = plan_jump(ten, 10, 5, 4, &kept, &skipped, &last);
		expect(first == 10 && skipped == 4,
		       "the jump line does not fit: the lines before it are the dropped middle, those after it are past the end");
	}
	expect(is_jump("[   13.410464] kexec_core: Starting new kernel\n"),
	       "the kernel's line is the jump line");
	expect(is_jump("[   13.410464] [    T1] kexec_core: Starting new kernel\n"),
	       "with the caller id printed too");
	expect(!is_jump("[   13.410464] kexec_core: Starting new kernel soon\n"),
	       "a longer text is not");
	expect(!is_jump("Starting new kernel\n"), "without kexec_core's prefix it is not");
	expect(!is_jump(""), "an empty line is not");
	/* As printk stores it (the console tracepoint): no prefix, no newline. */
	expect(pkho_tail_text_is_jump("kexec_core: Starting new kernel", 31),
	       "the stored text is the jump line");
	expect(!pkho_tail_text_is_jump("kexec_core: Starting new kernel\n", 32),
	       "the stored text has no newline");
	expect(!pkho_tail_text_is_jump("kexec_core: Starting new kernel soon", 36),
	       "a longer stored text is not");
	expect(!pkho_tail_text_is_jump("kexec_core: Starting new kerne", 30),
	       "a shorter stored text is not");
	expect(!pkho_tail_text_is_jump("Starting new kernel", 19),
	       "a stored text without kexec_core's prefix is not");
	expect(!pkho_tail_text_is_jump("", 0), "an empty text is not");
	{
		/* The size check lets every jump line through to the text check. */
		static const char *const jumps[] = {
			"kexec_core: Starting new kernel\n",
			"[   13.410464] kexec_core: Starting new kernel\n",
			"[   13.410464] [    T1] kexec_core: Starting new kernel\n",
			"[99999999.999999] [T4194304] kexec_core: Starting new kernel\n",
			"[99999999.999999] [C4294967295] kexec_core: Starting new kernel\n",
		};
		size_t i;

		for (i = 0; i < sizeof(jumps) / sizeof(jumps[0]); i++)
			expect(pkho_tail_may_be_jump(strlen(jumps[i])),
			       "a jump line's size may be the jump line's");
	}
	expect(!pkho_tail_may_be_jump(strlen("[   13.410464] storm: cpu 1 line 123456 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n")),
	       "a storm's 100-byte line is sized, not read");
	expect(!pkho_tail_may_be_jump(strlen("[   13.410464] a\n")),
	       "a line shorter than the jump text is not");
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
