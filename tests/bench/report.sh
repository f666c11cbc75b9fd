#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Write the bench report from the raw data of a run and print its verdicts.
#
#   report.sh RAWDIR RESULTS.md
#
# RAWDIR holds env.kv, runs.tsv and bench.kv as tests/bench/run.sh wrote
# them (bench/raw/ for the committed run): the report is a function of
# them alone, so anyone can write it again and compare.
set -eu
raw=$1 md=$2
for f in env.kv runs.tsv bench.kv; do
	[ -s "$raw/$f" ] || { echo "report: $raw/$f is missing or empty" >&2; exit 1; }
done
awk -v md="$md" -f "$(dirname "$0")/report.awk" "$raw/env.kv" "$raw/runs.tsv" "$raw/bench.kv"
