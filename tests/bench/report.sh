#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Turn the rows of tests/bench/run.sh into a Markdown report and print the
# pstore_kho/ramoops ratios.
#
#   report.sh OUTDIR RESULTS.md
#
# Times come from CPU cycles counted in the guest. Under TCG the guest's
# cycle counter is the host's TSC, so cycles are turned into time with the
# host's TSC frequency.
set -eu
outdir=$1 md=$2
tsv=$outdir/results.tsv

# The host TSC frequency in kHz: what the host kernel detected, else cpuinfo.
khz=$( (dmesg 2>/dev/null || true) | sed -n 's/.*tsc: Refined TSC clocksource calibration: \([0-9.]*\) MHz.*/\1/p; s/.*tsc: Detected \([0-9.]*\) MHz.*/\1/p' | tail -1)
[ -n "$khz" ] || khz=$(awk -F': ' '/^cpu MHz/ { print $2; exit }' /proc/cpuinfo)
khz=$(awk -v m="$khz" 'BEGIN { printf "%d", m * 1000 }')
kver=$(grep -ao 'Linux version [^ ]*' "$(ls "$outdir"/*.log | head -1)" | head -1 | cut -d' ' -f3)
qver=$(qemu-system-x86_64 --version | sed -n 's/QEMU emulator version //p')
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)

awk -F'\t' -v khz="$khz" -v kver="$kver" -v qver="$qver" -v cpu="$cpu" \
	-v date="$(date -u '+%Y-%m-%d %H:%M UTC')" -v md="$md" -f "$(dirname "$0")/report.awk" "$tsv"
