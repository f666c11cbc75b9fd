# SPDX-License-Identifier: GPL-2.0-only
# Shared by the bench's guest scripts (guest.sh, cpu-guest.sh): run.sh puts
# this file in front of each, after guest-lib.sh (tests/qemu/).
BENCH=/lib/pkho/$KTAG/pkho_bench.ko

# The bench boots with kmemleak and lockdep off (tests/bench/run.sh: the
# kernel users run is timed, not the debug one), so guest-lib.sh's checks
# that they are on and found nothing do not apply; make check runs them.
sanitizer_report() { :; }

# The bench helper's one job, then unloaded.
bench_run() { /sbin/insmod $BENCH "$@" && /sbin/rmmod pkho_bench; }
# The helper's last kernel line starting with WORD, as key=value words (its
# line is "pkho_bench: key value key value ...").
bench_kv() {
	dmesg | sed -n "s/.*pkho_bench: \\($1 .*\\)/\\1/p" | tail -1 | tr -d '\r' |
		awk '{ for (i = 1; i < NF; i += 2) printf "%s%s=%s", (i > 1 ? " " : ""), $i, $(i + 1) }'
}

# USER_HZ ticks of all CPUs from /proc/stat: busy (user, nice, system,
# irq, softirq, steal), and in all.
cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

# pstore_kho's handle (src/abi/pstore.h): bytes kept (the data of every
# record), bytes preserved (the handle page and every segment) and the
# largest segment. The table's layout is read for the versions known here:
# v2, and v3 whose history of 16 handle addresses comes before the
# segments. Another one: "- - -", not a guess.
HANDLE=/sys/kernel/debug/kho/out/sub_fdts/pstore-kho-dkms
u32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }
u64() { od -An -tu8 -j "$2" -N8 "$1" | tr -d ' '; }
handle_sizes() {
	local h=$HANDLE tab=108 recs segs seg0 i kept=0 held=4096 max=0 p
	case $(dd if=$h bs=1 skip=76 count=18 2>/dev/null) in
	pstore-kho-dkms-v2) seg0=$((tab + 48 + 3 * 88)) ;;
	pstore-kho-dkms-v3) seg0=$((tab + 48 + 3 * 88 + 16 * 8)) ;;
	*) echo "- - -"; return ;;
	esac
	recs=$(u32 $h $((tab + 16))) segs=$(u32 $h $((tab + 20)))
	i=0
	while [ $i -lt "$recs" ]; do
		kept=$((kept + $(u64 $h $((tab + 48 + i * 88 + 56)))))
		i=$((i + 1))
	done
	i=0
	while [ $i -lt "$segs" ]; do
		p=$(($(u32 $h $((seg0 + i * 16 + 8))) * 4096))
		held=$((held + p))
		[ $p -le $max ] || max=$p
		i=$((i + 1))
	done
	echo $kept $held $max
}

# Wait until the system has settled, at most 300 s: two seconds in a row
# with the CPUs under 15% busy (a CPU compressing or printing is 50%; a
# host busy with other work makes an idle guest look a few % busy), and
# pstore_kho's handle, where it has one, unchanged (its table changes with
# every catch-up, whatever the ABI version). Prints the seconds waited;
# fails if it never settled.
settle() {
	local n=0 calm=0 b0 t0 b1 t1 k0 k1
	set -- $(cpu_ticks)
	b0=$1 t0=$2
	k0=$(cksum $HANDLE 2>/dev/null)
	while [ $calm -lt 2 ] && [ $n -lt 300 ]; do
		sleep 1
		set -- $(cpu_ticks)
		b1=$1 t1=$2
		k1=$(cksum $HANDLE 2>/dev/null)
		if [ $(((b1 - b0) * 100)) -lt $(((t1 - t0) * 15)) ] && [ "$k1" = "$k0" ]; then
			calm=$((calm + 1))
		else
			calm=0
		fi
		b0=$b1 t0=$t1 k0=$k1 n=$((n + 1))
	done
	echo $n
	[ $calm = 2 ]
}
