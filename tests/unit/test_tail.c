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
 * Run the policy over @n lines of @len bytes in @room, line @jump (or -1)
 * being "Starting new kernel": both passes, as the dump makes them, the
 * line's index as its sequence number. Returns the index of the first line
 * kept (n if none), and sets *@kept, *@skipped and *@last (the index of
 * the last line kept, -1 if none).
 */
static int plan_jump(const u64 *len, int n, u64 room, int jump, u64 *kept,
		     u64 *skipped, int *last)
{
	struct pkho_tail t;
	int i, first = n;

	pkho_tail_init(&t, room);
	for (i = 0; i < n; i++)
		pkho_tail_count(&t, i, len[i], i == jump);
	*kept = 0;
	*last = -1;
	for (i = 0; i < n; i++) {
		if (!pkho_tail_keep(&t, i, len[i])) {
			if (first < n)
				break;
			continue;
		}
		if (first == n)
			first = i;
		*kept += len[i];
		*last = i;
	}
	*skipped = t.skipped;
	return first;
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

	first = plan(ten, 0, 100, &kept, &skipped);
	expect(first == 0 && kept == 0 && skipped == 0, "no lines");

	first = plan(ten, 10, 0, &kept, &skipped);
	expect(kept == 0 && skipped == 10, "no room: every line counted as dropped");

	/*
	 * A line that grew between the passes (the log changed) is refused
	 * once keeping has begun: nothing goes past the room.
	 */
	{
		struct pkho_tail t;
		int i;

		pkho_tail_init(&t, 25);
		for (i = 0; i < 5; i++)
			pkho_tail_count(&t, i, 10, false);
		expect(!pkho_tail_keep(&t, 0, 10) && !pkho_tail_keep(&t, 1, 10) &&
		       !pkho_tail_keep(&t, 2, 10) && pkho_tail_keep(&t, 3, 10) &&
		       !pkho_tail_keep(&t, 4, 20) && t.kept == 10,
		       "a line grown between the passes is refused");
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
		int i, kept_first = -1, kept_last = -1;

		pkho_tail_init(&t, 20);
		for (i = 0; i < 10; i++)
			pkho_tail_count(&t, i, 10, i == 2 || i == 6);
		for (i = 0; i < 10; i++) {
			if (!pkho_tail_keep(&t, i, 10))
				continue;
			if (kept_first < 0)
				kept_first = i;
			kept_last = i;
		}
		expect(kept_first == 6 && kept_last == 7,
		       "two jump lines: the run holds the last one");
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
