#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`: pstore_kho against ramoops on a reserve_mem= region at four
# log sizes; writes bench/results.md and bench/results.png and prints the
# pstore_kho/ramoops ratios. Not part of `make check` (it takes minutes);
# tests/bench/smoke.sh is. BENCH_RUNS sets the dumps timed per row.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
"$top/tests/setup/host-deps.sh"
"$top/tests/bench/deps.sh"
out=$top/tests/out/bench
rm -rf "$out"
start=$(date +%s)
st=0
# 16 KiB, 64 KiB and 128 KiB fit the default 128 KiB log buffer (the last
# at 95% of it); 1 MiB boots with log_buf_len=1M.
"$top/tests/bench/run.sh" "$out" "16384 65536 131072 1048576" "${BENCH_RUNS:-21}" \
	"kho ramoops ramoops-max" || st=$?
# The report says which runs failed, so it is written in any case.
"$top/tests/bench/report.sh" "$out" "$top/bench/results.md" "$top/bench/results.png"
echo "bench: $(($(date +%s) - start)) s, serial logs in $out; wrote bench/results.md and bench/results.png"
exit $st
