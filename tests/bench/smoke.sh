#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# bench-smoke: `make bench` in small, for `make check`: the default 128 KiB
# log buffer with pstore_kho and with ramoops keeping the whole log, 5 timed
# dumps each, in about a minute. pstore_kho keeps the log whole: anything but
# every line back means something is broken. ramoops keeps what the log
# buffer holds at the dump, and a full 128 KiB buffer still moves between the
# count and the jump (kexec's own lines push the oldest out: 1168 of 1169
# seen), so it must bring back at least 98% of them. No dump time, or fewer
# lines, means the bench itself is broken.
# Prints one line:
# "PASS  bench-smoke  (detail)" or "FAIL  bench-smoke: reason".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/tests/out/bench-smoke
rm -rf "$out"
# run.sh prints a PASS/FAIL line per guest run; they stay out of the count
# of `make check`, which sees only this script's own line.
if ! res=$("$top/tests/bench/run.sh" "$out" 131072 5 "kho ramoops-max" 2>&1); then
	reason=$(echo "$res" | grep -m1 '^FAIL' | sed 's/^FAIL  //')
	echo "FAIL  bench-smoke: ${reason:-$(echo "$res" | tail -1)}"
	exit 1
fi
if ! "$top/tests/bench/report.sh" "$out" "$out/results.md" >"$out/ratios.txt" 2>&1; then
	echo "FAIL  bench-smoke: report: $(tail -1 "$out/ratios.txt")"
	exit 1
fi
# Every row: its lines back (all for pstore_kho, 98% for ramoops), and a
# dump time in cycles (columns by name).
cols='NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }'
short='($1 == "kho" ? $c["found"] != $c["present"] : $c["found"] * 100 < $c["present"] * 98)'
bad=$(awk -F'\t' "$cols"' $c["present"] !~ /^[1-9][0-9]*$/ || $c["found"] !~ /^[0-9]+$/ || '"$short"' || $c["median_cycles"] !~ /^[1-9][0-9]*$/ { print $1 }' "$out/results.tsv")
if [ -n "$bad" ]; then
	echo "FAIL  bench-smoke: rows with lines missing or without a dump time: $bad (see $out/results.tsv)"
	exit 1
fi
echo "PASS  bench-smoke  ($(awk -F'\t' "$cols"' { printf "%s%s %s/%s lines, dump %s cycles", (NR > 2 ? "; " : ""), $1, $c["found"], $c["present"], $c["median_cycles"] }' "$out/results.tsv"))"
