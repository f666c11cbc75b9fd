#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Measure pstore_kho against ramoops on a reserve_mem= region: same 7.3 test
# kernel, same QEMU, the backends alternating at each size so that a slower
# or busier host hurts both alike.
#
#   run.sh OUTDIR "SIZES" RUNS "VARIANTS"
#
# SIZES are log contents in bytes; above 128 KiB the guest boots with
# log_buf_len=1M. RUNS dumps are timed per row. Writes OUTDIR/results.tsv
# (one row per variant and size) and the serial logs OUTDIR/VARIANT-SIZE.log,
# prints a PASS/FAIL line per guest run, and fails if any run failed.
set -eu
. "$(dirname "$0")/../lib.sh"
outdir=$1 sizes=$2 runs=$3 variants=$4
mkdir -p "$outdir"

# Boot parameters of each variant, beyond kho=on. ramoops as its docs have
# users set it up: a 1 MiB region, dumps on shutdown (kexec), 64 KiB records.
# "ramoops-max" is ramoops tuned for this: one record as big as the region,
# no console, ftrace or pmsg zones.
RAMOOPS="reserve_mem=1M:4096:oops ramoops.mem_name=oops ramoops.max_reason=4"
declare -A APPEND=(
	[kho]=""
	[ramoops]="$RAMOOPS ramoops.record_size=65536"
	[ramoops-max]="$RAMOOPS ramoops.record_size=1048576 ramoops.console_size=0 ramoops.ftrace_size=0 ramoops.pmsg_size=0"
)
# Columns of results.tsv, as the guest names them (tests/bench/guest.sh).
COLS="present found records record_bytes held kept text dumps median_cycles min_cycles max_cycles cycles_khz"

prepare_kernel 7.3 7.3 plain || { echo "FAIL  bench: ${KERR[7.3]}"; exit 1; }
tree=${KTREE[7.3]}
img=$outdir/guest.cpio
"$TOP/tests/qemu/initramfs.sh" "$img" "$tree/usr/gen_init_cpio" "$TOP/tests/bench/guest.sh" \
	"7.3=$tree/arch/x86/boot/bzImage:$(ls "${MODDIR[7.3]}"/*.ko | paste -sd,)"

# What each variant needs, for the report's set-up table.
for v in $variants; do printf '%s\t%s\n' "$v" "${APPEND[$v]}"; done >"$outdir/setup.tsv"
tsv=$outdir/results.tsv
echo "variant size buf fill $COLS status" | tr ' ' '\t' >"$tsv"
for size in $sizes; do
	# The default log buffer is 128 KiB (CONFIG_LOG_BUF_SHIFT=17). A full
	# buffer is filled to 95%, as tests/scenarios/completeness.sh does: a
	# line pushed out before the kexec is lost whatever the backend.
	buf=131072 extra=""
	if [ "$size" -gt 131072 ]; then buf=1048576 extra="log_buf_len=1M"; fi
	fill=$size
	[ "$fill" -le $((buf * 95 / 100)) ] || fill=$((buf * 95 / 100))
	for v in $variants; do
		backend=kho
		[ "$v" = kho ] || backend=ramoops
		log=$outdir/$v-$size.log
		st=0
		"$TOP/tests/qemu/boot.sh" "$log" $((120 + size / 2500)) "$tree/arch/x86/boot/bzImage" "$img" \
			"kho=on pkho_kernel=7.3 pkho_stage=1 ${APPEND[$v]} $extra pkho_backend=$backend pkho_fill=$fill pkho_runs=$runs" \
			|| st=$?
		res=$(judge_log "bench-$v-$size" "$log" "$st" || true)
		echo "$res"
		status=ok
		case "$res" in PASS*) ;; *) status=FAIL ;; esac
		# Both PKHO-BENCH lines as key=value words, then the columns in order.
		grep -ao '^PKHO-BENCH .*' "$log" | tr ' \r' '\n\n' | awk -F= -v cols="$COLS" \
			-v head="$v $size $buf $fill" -v status="$status" '
			NF == 2 { val[$1] = $2 }
			END {
				n = split(cols, c, " "); line = head
				for (i = 1; i <= n; i++) line = line " " ((c[i] in val) ? val[c[i]] : "-")
				print line " " status
			}' | tr ' ' '\t' >>"$tsv"
	done
done
! grep -q 'FAIL$' "$tsv"
