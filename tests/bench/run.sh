#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run bench guests on the 7.3 test kernel and keep their raw figures.
#
#   run.sh OUTDIR ROW...
#
# A ROW is one QEMU run, judged as one:
#   SETUP:SIZE:LOAD:RUNS   a chain of RUNS timed kexecs (tests/bench/guest.sh)
#                          SETUP: base (no pstore backend), kho (pstore_kho,
#                          every default), ramoops (as documented),
#                          ramoops-max (keeping the whole log); SIZE: log
#                          buffer bytes; LOAD: a, b or c
#   cpu:RATES:SECONDS      the capture CPU figure (tests/bench/cpu-guest.sh),
#                          RATES in bytes per second, comma-separated
# Rows run in the order given, BENCH_JOBS at a time (default 1: a guest
# alone on the host times best; the machine is shared).
#
# Writes OUTDIR/raw/: runs.tsv (a line per row: its verdict and why),
# bench.kv (every "PKHO-BENCH" line of every row, prefixed with run=NAME),
# env.kv (kernel, QEMU, host, boot parameters); and the serial logs in
# OUTDIR/logs/. Prints a PASS/FAIL line per row; fails if any row failed.
set -eu
. "$(dirname "$0")/../lib.sh"
outdir=$1
shift
raw=$outdir/raw logs=$outdir/logs
rm -rf "$raw" "$logs"
mkdir -p "$raw" "$logs" "$outdir/img"

# Every row, every set-up, every kernel of a chain boots with these. The
# log buffers and ramoops's regions of the larger rows make KHO's default
# scratch size (twice what is reserved at boot) too big to reserve, so every
# row gets the same explicit one. The console shows warnings and errors
# only (loglevel=5: levels 0 to 4), so that the judge sees them and the
# logging under test does not crawl through a 115200 baud serial port.
# The test kernel carries kmemleak and lockdep for make check; the bench
# boots them off (kmemleak=off, lockdep.prove_locking=0) to come closer to
# a production kernel. UBSAN cannot be turned off at boot: it stays, for
# every set-up alike. no_timer_check: on a busy host, QEMU's emulation under
# TCG can miss the few timer ticks x86's boot-time IO-APIC check counts,
# and the kernel then panics at boot ("IO-APIC + timer doesn't work!",
# seen here), before anything under test runs.
COMMON="kho=on kho_scratch=16M,256M,256M loglevel=5 kmemleak=off lockdep.prove_locking=0 no_timer_check"
MEM=2G

# Boot parameters of a set-up for a log buffer of $2 bytes, beyond COMMON.
# ramoops as its documentation sets it up on reserve_mem= (a region, dumps
# on shutdown for kexec, 64 KiB records), pstore's default kmsg_bytes;
# "ramoops-max" keeps the whole log: one record as big as the log buffer (1
# MiB at least; pstore compresses into it) and kmsg_bytes to match, its
# other zones at their defaults, in a region 64 KiB larger to hold them.
setup_append() { # SETUP SIZE
	local r=$(($2 < 1048576 ? 1048576 : $2))
	case $1 in
	base | kho) ;;
	ramoops) echo "reserve_mem=1M:4096:oops ramoops.mem_name=oops ramoops.max_reason=4 ramoops.record_size=65536" ;;
	ramoops-max) echo "reserve_mem=$((r / 1024 + 64))K:4096:oops ramoops.mem_name=oops ramoops.max_reason=4 ramoops.record_size=$r pstore.kmsg_bytes=$r" ;;
	*) return 1 ;;
	esac
	[ "$2" -le 131072 ] || echo "log_buf_len=$(($2 / 1024))K"
}

# The checks a chain of RUNS jumps prints (guest.sh), as a scenario header.
chain_checks() {
	local n=$1
	echo "# checks: backend-{1..$((n + 1))} filled-{1..$n} kexec-loaded-{1..$n} armed-{1..$n}"
	echo "# checks: times-{2..$((n + 1))} mount-{2..$((n + 1))} record-{2..$((n + 1))}"
}

prepare_kernel 7.3 || { echo "FAIL  bench: ${KERR[7.3]}"; exit 1; }
tree=${KTREE[7.3]}
kernel=$tree/arch/x86/boot/bzImage
spec="7.3=$kernel:$(ls "${MODDIR[7.3]}"/*.ko | paste -sd,)"
# One image per guest script: guest-lib.sh's own, then the bench's.
image() { # NAME SCRIPT
	cat "$TOP/tests/bench/guest-common.sh" "$TOP/tests/bench/$2" >"$outdir/img/$1.sh"
	"$TOP/tests/qemu/initramfs.sh" "$outdir/img/$1.cpio" "$tree/usr/gen_init_cpio" "$outdir/img/$1.sh" "$spec"
}
image jumps guest.sh
image cpu cpu-guest.sh

{
	echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "kernel=$(cat "$tree/include/config/kernel.release")"
	echo "qemu=$(qemu-system-x86_64 --version | sed -n 's/QEMU emulator version //p')"
	echo "host_cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
	echo "host_cores=$(nproc)"
	echo "common=$COMMON"
	echo "memory=$MEM"
	echo "module=$(cat "$TOP/VERSION") $(git -C "$TOP" describe --always --dirty 2>/dev/null || echo -)"
	# Cycles become time at the host's TSC rate: under TCG the guest's
	# cycle counter is the host's TSC.
	khz=$( (dmesg 2>/dev/null || true) | sed -n 's/.*tsc: Refined TSC clocksource calibration: \([0-9.]*\) MHz.*/\1/p; s/.*tsc: Detected \([0-9.]*\) MHz.*/\1/p' | tail -1)
	[ -n "$khz" ] || khz=$(awk -F': ' '/^cpu MHz/ { print $2; exit }' /proc/cpuinfo)
	echo "tsc_khz=$(awk -v m="$khz" 'BEGIN { printf "%d", m * 1000 }')"
	echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$raw/env.kv"
printf 'run\tsetup\tsize\tload\truns\tstatus\tseconds\treason\tappend\n' >"$raw/runs.tsv"

# One row: boot, judge, keep its figures. Prints the judge's line.
row() {
	local spec=$1 name setup size load n append img hdr timeout log st=0 start res status reason
	IFS=: read -r setup size load n <<<"$spec"
	if [ "$setup" = cpu ]; then
		name=cpu img=cpu hdr=$outdir/img/cpu.sh
		append="$COMMON log_buf_len=1024K pkho_rates=$size pkho_seconds=$load"
		timeout=$((600 + 6 * load * $(echo "$size" | tr ',' '\n' | wc -l)))
	else
		name=$setup-$size-$load img=jumps hdr=$outdir/img/$setup-$size-$load.hdr
		chain_checks "$n" >"$hdr"
		append="$COMMON $(setup_append "$setup" "$size" | tr '\n' ' ')pkho_setup=$setup pkho_size=$size pkho_load=$load pkho_runs=$n"
		# A boot, a fill and its settling (the larger logs take longer to
		# print and to catch up with), the jump.
		timeout=$((120 + (n + 1) * (90 + size / 40000)))
	fi
	log=$logs/$name.log
	start=$(date +%s)
	"$TOP/tests/qemu/boot.sh" "$log" "$timeout" "$kernel" "$outdir/img/$img.cpio" \
		"$append pkho_kernel=7.3 pkho_stage=1" "$MEM" || st=$?
	res=$(JUDGE_DETAIL="$(($(date +%s) - start)) s" judge_log "bench-$name" "$log" "$st" "$hdr")
	echo "$res"
	status=ok reason=-
	case $res in PASS*) ;; *) status=FAIL reason=$(echo "$res" | head -1 | sed 's/^FAIL  [^:]*: //' | tr '\t' ' ') ;; esac
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$setup" "$size" "$load" "$n" "$status" \
		"$(($(date +%s) - start))" "$reason" "$append" >"$outdir/$name.row"
	# The guest's own lines, without kernel lines cut into them (judge_log).
	tr -d '\r' <"$log" | perl -0777 -pe 's/<\d+>\[[ \d.]+\] [^\n]*\n//g' |
		sed -n "s/^PKHO-BENCH /run=$name /p" >"$outdir/$name.kv"
}

PKHO_JOBS=${BENCH_JOBS:-1}
names=()
for spec; do
	IFS=: read -r setup size load n <<<"$spec"
	if [ "$setup" = cpu ]; then names+=(cpu); else names+=("$setup-$size-$load"); fi
	pool_run "bench-${names[-1]}" row "$spec"
done
pool_wait
# In the order the rows were given, whatever order they ended in.
for name in "${names[@]}"; do
	cat "$outdir/$name.row" >>"$raw/runs.tsv"
	cat "$outdir/$name.kv" >>"$raw/bench.kv"
	rm -f "$outdir/$name.row" "$outdir/$name.kv"
done
echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$raw/env.kv"
! cut -f6 "$raw/runs.tsv" | grep -q FAIL
