#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Turn the rows of tests/bench/run.sh into a Markdown report, print the
# pstore_kho/ramoops ratios, and draw the chart when asked for one.
#
#   report.sh OUTDIR RESULTS.md [CHART.png]
#
# Times come from CPU cycles counted in the guest. Under TCG the guest's
# cycle counter is the host's TSC, so cycles are turned into time with the
# host's TSC frequency (the guest's own clock is the jiffies clock there,
# which a busy host makes run slow; its calibration is shown as a check).
set -eu
outdir=$1 md=$2 png=${3:-}
tsv=$outdir/results.tsv
top=$(cd "$(dirname "$0")/../.." && pwd)

# The host TSC frequency in kHz: what the host kernel detected, else cpuinfo.
khz=$( (dmesg 2>/dev/null || true) | sed -n 's/.*tsc: Refined TSC clocksource calibration: \([0-9.]*\) MHz.*/\1/p; s/.*tsc: Detected \([0-9.]*\) MHz.*/\1/p' | tail -1)
[ -n "$khz" ] || khz=$(awk -F': ' '/^cpu MHz/ { print $2; exit }' /proc/cpuinfo)
khz=$(awk -v m="$khz" 'BEGIN { printf "%d", m * 1000 }')
kver=$(grep -ao 'Linux version [^ ]*' "$(ls "$outdir"/*.log | head -1)" | head -1 | cut -d' ' -f3)
qver=$(qemu-system-x86_64 --version | sed -n 's/QEMU emulator version //p')
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)

# report.awk writes the report and prints the ratios; the set-up table
# comes from setup.tsv, which run.sh writes from the parameters it used.
awk -F'\t' -v khz="$khz" -v kver="$kver" -v qver="$qver" -v cpu="$cpu" \
	-v date="$(date -u '+%Y-%m-%d %H:%M UTC')" -v md="$md" -v dat="$outdir/chart" -f "$(dirname "$0")/report.awk" \
	"$outdir/setup.tsv" "$tsv"

[ -n "$png" ] || exit 0
# Three panels, one cluster of bars per log size, one bar per backend.
IFS='|' read -ra names <"$outdir/chart-variants"
plot() { # file
	local i s=""
	for i in "${!names[@]}"; do
		s+="${s:+, }'$1' using $((i + 2)):xtic(1) title '${names[$i]}'"
	done
	echo "plot $s"
}
gnuplot <<EOF
set terminal pngcairo size 1500,540 font ",10" noenhanced
set output '$png'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key below horizontal
set grid ytics
set multiplot layout 1,3 title "pstore_kho and ramoops across kexec, $kver under QEMU TCG ($(date -u +%Y-%m-%d))"
set title "completeness (% of lines at kexec)"
set yrange [0:110]
$(plot "$outdir/chart-completeness.dat")
set title "dump time, median (ms under TCG, log scale)"
set yrange [*:*]
set logscale y
$(plot "$outdir/chart-cost.dat")
set title "memory held in the outgoing kernel (KiB, log scale)"
$(plot "$outdir/chart-held.dat")
unset multiplot
EOF
