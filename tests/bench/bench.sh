#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`: pstore_kho against ramoops on a reserve_mem= region with log
# buffers of 128 KiB, 1, 8 and 32 MiB, and a 1 MiB burst right before the
# jump; writes bench/results.md and prints the pstore_kho/ramoops ratios.
# Not part of `make check` (it takes a quarter of an hour); tests/bench/
# smoke.sh is. BENCH_RUNS sets the dumps timed per row.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
"$top/tests/setup/host-deps.sh"
out=$top/tests/out/bench
rm -rf "$out"
start=$(date +%s)
st=0
"$top/tests/bench/run.sh" "$out" "131072 1048576 8388608 33554432" "${BENCH_RUNS:-11}" \
	"kho ramoops ramoops-max" 1048576 || st=$?
# The report says which runs failed, so it is written in any case.
"$top/tests/bench/report.sh" "$out" "$top/bench/results.md"
echo "bench: $(($(date +%s) - start)) s, serial logs in $out; wrote bench/results.md"
exit $st
