#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`: the whole kexec reboot path of pstore_kho against no
# backend and ramoops on a reserve_mem= region, in one run: log buffers of
# 128 KiB, 1 MiB and 8 MiB, loads (a) and (b) with BENCH_RUNS timed kexecs
# each (default 3), load (c) with BENCH_STORM_RUNS (default 2: its time is
# reported, not judged; what the record keeps is judged at every jump);
# completeness at 32 MiB; the capture's CPU at three steady rates. Keeps the raw data in bench/raw/ and writes
# bench/results.md from it (tests/bench/report.sh). Not part of `make
# check`; tests/bench/smoke.sh is.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
"$top/tests/setup/host-deps.sh"
out=$top/tests/out/bench
runs=${BENCH_RUNS:-3}
storm_runs=${BENCH_STORM_RUNS:-2}
start=$(date +%s)
rows=()
# The set-ups alternate at each size and load: a busier host hurts all.
for size in 131072 1048576 8388608; do
	for load in a b c; do
		n=$runs
		[ "$load" != c ] || n=$storm_runs
		for setup in base kho ramoops ramoops-max; do
			rows+=("$setup:$size:$load:$n")
		done
	done
done
# Completeness with default parameters up to 32 MiB: pstore_kho alone.
rows+=("kho:33554432:a:1")
# The capture's CPU: 60 s at 16 KiB/s, 128 KiB/s and 1 MiB/s.
rows+=("cpu:16384,131072,1048576:60")
st=0
"$top/tests/bench/run.sh" "$out" "${rows[@]}" || st=$?
# The report says which runs failed, so it is written in any case.
# Only this run's own files: bench/raw/ also holds the compression
# measurement's (tests/bench/compression.sh).
mkdir -p "$top/bench/raw"
rm -f "$top/bench/raw/runs.tsv" "$top/bench/raw/bench.kv" "$top/bench/raw/env.kv"
cp "$out/raw/runs.tsv" "$out/raw/bench.kv" "$out/raw/env.kv" "$top/bench/raw/"
echo "bench_seconds=$(($(date +%s) - start)) BENCH_RUNS=$runs BENCH_STORM_RUNS=$storm_runs BENCH_JOBS=${BENCH_JOBS:-1}" >>"$top/bench/raw/env.kv"
"$top/tests/bench/report.sh" "$top/bench/raw" "$top/bench/results.md"
echo "bench: $(($(date +%s) - start)) s; serial logs in $out/logs; wrote bench/results.md from bench/raw/"
exit $st
