// SPDX-License-Identifier: GPL-2.0-only
/*
 * Table tests of src/tail.c, the kexec-time dump's policy: when the lines
 * printed since the last capture do not all fit, the newest win, the
 * oldest are skipped and counted, and nothing kept goes past the room.
 *
 *   test_tail      run the tests, print "N passed, N failed"
 */
#include <stdio.h>
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
 * Run the policy over @n lines of @len bytes in @room: both passes, as the
 * dump makes them. Returns the index of the first line kept (n if none),
 * and sets *@kept and *@skipped.
 */
static int plan(const u64 *len, int n, u64 room, u64 *kept, u64 *skipped)
{
	struct pkho_tail t;
	int i, first = n;

	pkho_tail_init(&t, room);
	for (i = 0; i < n; i++)
		pkho_tail_count(&t, len[i]);
	*kept = 0;
	for (i = 0; i < n; i++) {
		if (!pkho_tail_keep(&t, len[i])) {
			if (first < n)
				break;
			continue;
		}
		if (first == n)
			first = i;
		*kept += len[i];
	}
	*skipped = t.skipped;
	return first;
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
			pkho_tail_count(&t, 10);
		expect(!pkho_tail_keep(&t, 10) && !pkho_tail_keep(&t, 10) &&
		       !pkho_tail_keep(&t, 10) && pkho_tail_keep(&t, 10) &&
		       !pkho_tail_keep(&t, 20) && t.kept == 10,
		       "a line grown between the passes is refused");
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
