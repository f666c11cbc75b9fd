#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# bench-smoke: `make bench` in small, for `make check`: one timed kexec at
# the default 128 KiB log buffer under load (a), for no backend, pstore_kho
# and ramoops keeping the whole log, then the report written from their
# raw data. It fails if any guest run fails its judge (a check, a splat, a
# warning, a writing error), if a jump brought no reboot-path figures (the
# kprobes or the handover of their stamps broke), if a backend's record
# lacks the load's last line or "Starting new kernel", if pstore_kho lost
# a line of the log, or if the report cannot be written. No timing is
# judged: performance is the bench's, in ratios.
# Prints one line:
# "PASS  bench-smoke  (detail)" or "FAIL  bench-smoke: reason".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/tests/out/bench-smoke
rm -rf "$out"
# run.sh prints a PASS/FAIL line per guest run; they stay out of the count
# of `make check`, which sees only this script's own line.
if ! res=$(BENCH_JOBS=2 "$top/tests/bench/run.sh" "$out" base:131072:a:1 kho:131072:a:1 ramoops-max:131072:a:1 2>&1); then
	echo "FAIL  bench-smoke: $(echo "$res" | grep -m1 '^FAIL' | sed 's/^FAIL  //' || echo "$res" | tail -1)"
	exit 1
fi
if ! "$top/tests/bench/report.sh" "$out/raw" "$out/results.md" >"$out/verdicts.txt" 2>&1; then
	echo "FAIL  bench-smoke: report: $(tail -1 "$out/verdicts.txt")"
	exit 1
fi
# One jump per run, each with its figures; the backends' records whole.
bad=$(awk '
	$3 != "jump" { next }
	{ delete v; for (i = 1; i <= NF; i++) if (split($i, p, "=") == 2) v[p[1]] = p[2] }
	{ run = v["run"]; if (!(run in jumps)) n++; jumps[run]++ }
	!(v["kexec_path_cycles"] > 0) || v["kexec_hits"] != 1 { print run ": no reboot-path figures" }
	run !~ /^base/ && v["stored"] != 1 { print run ": the record lacks the last line or \"Starting new kernel\"" }
	run ~ /^kho/ && v["fill_found"] != v["fill_present"] { print run ": " v["fill_found"] " of " v["fill_present"] " lines" }
	END { if (n != 3) print "jumps reported by " n " runs of 3" }
' "$out/raw/bench.kv")
if [ -n "$bad" ]; then
	echo "FAIL  bench-smoke: $(echo "$bad" | paste -sd';') (see $out/raw/bench.kv)"
	exit 1
fi
echo "PASS  bench-smoke  ($(awk '$3 == "jump" { for (i = 1; i <= NF; i++) if (split($i, p, "=") == 2) v[p[1]] = p[2]; printf "%s%s %s cycles", (n++ ? ", " : ""), v["run"], v["kexec_path_cycles"] }' "$out/raw/bench.kv"))"
