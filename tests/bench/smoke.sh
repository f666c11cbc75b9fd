#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# bench-smoke: `make bench` in small, for `make check`: the default 128 KiB
# log buffer with pstore_kho and with ramoops keeping the whole log, 5 timed
# dumps each, in about a minute. Both hold such a log whole, so anything but
# every line back, or no dump time, means the bench itself is broken.
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
# Every row: all lines back, and a dump time in cycles (columns by name).
cols='NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }'
bad=$(awk -F'\t' "$cols"' $c["present"] != $c["found"] || $c["present"] == "-" || $c["present"] == 0 || $c["median_cycles"] !~ /^[1-9][0-9]*$/ { print $1 }' "$out/results.tsv")
if [ -n "$bad" ]; then
	echo "FAIL  bench-smoke: rows without every line back or without a dump time: $bad (see $out/results.tsv)"
	exit 1
fi
echo "PASS  bench-smoke  ($(awk -F'\t' "$cols"' { printf "%s%s %s/%s lines, dump %s cycles", (NR > 2 ? "; " : ""), $1, $c["found"], $c["present"], $c["median_cycles"] }' "$out/results.tsv"))"
