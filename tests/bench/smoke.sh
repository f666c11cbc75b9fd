#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# bench-smoke: `make bench` in small, for `make check`: a 16 KiB log with
# pstore_kho and with ramoops, 5 timed dumps each, in about a minute. Both
# backends hold a log that small whole, so anything but every line back, or
# no dump time, means the bench itself is broken. Prints one line:
# "PASS  bench-smoke  (detail)" or "FAIL  bench-smoke: reason".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/tests/out/bench-smoke
rm -rf "$out"
# run.sh prints a PASS/FAIL line per guest run; they stay out of the count
# of `make check`, which sees only this script's own line.
if ! res=$("$top/tests/bench/run.sh" "$out" 16384 5 "kho ramoops" 2>&1); then
	reason=$(echo "$res" | grep -m1 '^FAIL' | sed 's/^FAIL  //')
	echo "FAIL  bench-smoke: ${reason:-$(echo "$res" | tail -1)}"
	exit 1
fi
if ! "$top/tests/bench/report.sh" "$out" "$out/results.md" >"$out/ratios.txt" 2>&1; then
	echo "FAIL  bench-smoke: report: $(tail -1 "$out/ratios.txt")"
	exit 1
fi
# Every row: all lines back, and a dump time in cycles.
bad=$(awk -F'\t' 'NR > 1 && ($5 != $6 || $5 == "-" || $5 == 0 || $13 !~ /^[1-9][0-9]*$/) { print $1 }' "$out/results.tsv")
if [ -n "$bad" ]; then
	echo "FAIL  bench-smoke: rows without every line back or without a dump time: $bad (see $out/results.tsv)"
	exit 1
fi
echo "PASS  bench-smoke  ($(awk -F'\t' 'NR > 1 { printf "%s%s %s/%s lines, dump %s cycles", (NR > 2 ? "; " : ""), $1, $6, $5, $13 }' "$out/results.tsv"))"
