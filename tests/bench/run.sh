#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Measure pstore_kho against ramoops on a reserve_mem= region: same 7.3 test
# kernel, same QEMU, the backends alternating at each size so that a slower
# or busier host hurts both alike.
#
#   run.sh OUTDIR "SIZES" RUNS "VARIANTS" [BURST]
#
# SIZES are kernel log buffer sizes in bytes (128 KiB is the default, larger
# ones boot with log_buf_len=), each filled to 90% with numbered lines.
# RUNS dumps are timed per row. With BURST (bytes), one more row per variant
# prints that much right before the kexec (log_buf_len=2M). Writes
# OUTDIR/results.tsv (one row per variant and size) and the serial logs
# OUTDIR/VARIANT-SIZE.log, prints a PASS/FAIL line per guest run, and fails
# if any run failed.
set -eu
. "$(dirname "$0")/../lib.sh"
outdir=$1 sizes=$2 runs=$3 variants=$4 burst=${5:-}
mkdir -p "$outdir"

# Boot parameters of each variant for a log buffer of $1 bytes, beyond
# kho=on. ramoops as its docs set it up: a 1 MiB region, dumps on shutdown
# (kexec), 64 KiB records; pstore.kmsg_bytes lets a dump span every record
# of the region. "ramoops-max" keeps the whole log: one record as big as a
# region of the log buffer's size (pstore compresses into it), no console,
# ftrace or pmsg zones.
append_for() { # VARIANT BUF
	local r=$(( $2 < 1048576 ? 1048576 : $2 ))
	case $1 in
	kho) echo "" ;;
	ramoops) echo "reserve_mem=1M:4096:oops ramoops.mem_name=oops ramoops.max_reason=4 ramoops.record_size=65536 pstore.kmsg_bytes=1048576" ;;
	ramoops-max) echo "reserve_mem=$((r / 1048576))M:4096:oops ramoops.mem_name=oops ramoops.max_reason=4 ramoops.record_size=$r ramoops.console_size=0 ramoops.ftrace_size=0 ramoops.pmsg_size=0 pstore.kmsg_bytes=$r" ;;
	esac
}
# A log buffer of 32 MiB and a region of as much make KHO's default scratch
# size (twice what is reserved at boot) too big to reserve, and KHO disables
# itself: every row, every backend gets the same explicit size, and 2 GiB.
SCRATCH="kho_scratch=16M,256M,256M"
# Columns of results.tsv, as the guest names them (tests/bench/guest.sh).
COLS="present found older records record_bytes held held_in segmax reserved_kb kept text burst_ms dumps median_cycles min_cycles max_cycles cycles_khz copy_bytes copy_cycles"

prepare_kernel 7.3 || { echo "FAIL  bench: ${KERR[7.3]}"; exit 1; }
tree=${KTREE[7.3]}
img=$outdir/guest.cpio
"$TOP/tests/qemu/initramfs.sh" "$img" "$tree/usr/gen_init_cpio" "$TOP/tests/bench/guest.sh" \
	"7.3=$tree/arch/x86/boot/bzImage:$(ls "${MODDIR[7.3]}"/*.ko | paste -sd,)"

tsv=$outdir/results.tsv
echo "variant size buf burst append $COLS lockups status" | tr ' ' '\t' >"$tsv"
rows=""
for size in $sizes; do rows="$rows $size:0"; done
[ -z "$burst" ] || rows="$rows 131072:$burst"
for row in $rows; do
	size=${row%:*} b=${row#*:}
	buf=$size
	[ "$b" = 0 ] || buf=2097152
	extra=""
	[ "$buf" -le 131072 ] || extra="log_buf_len=$((buf / 1048576))M"
	for v in $variants; do
		backend=kho
		[ "$v" = kho ] || backend=ramoops
		app=$(append_for "$v" "$buf")
		# Dump times at 128 KiB to 8 MiB; above, completeness only: a
		# documented ramoops dumping 32 MiB stalls its CPU past the soft
		# lockup detector under TCG.
		n=$runs
		[ "$size" -le 8388608 ] || n=0
		log=$outdir/$v-$size-$b.log
		st=0
		"$TOP/tests/qemu/boot.sh" "$log" $((300 + size / 20000)) "$tree/arch/x86/boot/bzImage" "$img" \
			"kho=on $SCRATCH console_msg_format=syslog pkho_kernel=7.3 pkho_stage=1 $app $extra pkho_backend=$backend pkho_size=$size pkho_runs=$n pkho_burst=$b" \
			2G || st=$?
		# ramoops dumping a 32 MiB log with interrupts off stalls its CPU
		# past the soft lockup detector under TCG: a finding about ramoops,
		# counted and reported, not a broken run. pstore_kho's runs are
		# judged on everything.
		lockups=$(grep -ac 'soft lockup' "$log" || true)
		judged=$log
		if [ "$backend" = ramoops ] && [ "$lockups" != 0 ]; then
			judged=$log.judged
			grep -av -e 'soft lockup' -e 'Call Trace' "$log" >"$judged"
		fi
		res=$(judge_log "bench-$v-$size-$b" "$judged" "$st" "$TOP/tests/bench/guest.sh" || true)
		echo "$res"
		status=ok
		case "$res" in PASS*) ;; *) status=FAIL ;; esac
		# Both PKHO-BENCH lines as key=value words, then the columns in order.
		grep -ao '^PKHO-BENCH .*' "$log" | tr ' \r' '\n\n' | awk -F= -v cols="$COLS" \
			-v head="$v|$size|$buf|$b|$app $extra" -v status="$status" -v lockups="$lockups" '
			NF == 2 { val[$1] = $2 }
			END {
				n = split(cols, c, " "); line = head
				for (i = 1; i <= n; i++) line = line "|" ((c[i] in val) ? val[c[i]] : "-")
				print line "|" lockups "|" status
			}' | tr '|' '\t' >>"$tsv"
	done
done
! grep -q 'FAIL$' "$tsv"
