# SPDX-License-Identifier: GPL-2.0-only
# Guest side of `make bench`, run as the scenario of a test guest. One boot
# pair per backend and log size, set by the host on the command line:
#   pkho_backend=kho|ramoops  pkho_size=BYTES  pkho_runs=N  pkho_burst=BYTES
# Stage 1 fills the kernel log with numbered lines (printed by the bench
# helper from the kernel: a shell under TCG is far too slow for 32 MiB),
# lets pstore_kho's worker catch up, and kexecs; with pkho_burst, it prints
# that many bytes more right before the jump. Stage 2 counts the lines that
# came over and what was preserved, then fills the log the same way again
# and times N dumps as the kexec makes them, each after 100 fresh lines (a
# shutdown's last words), and a memcpy() of the log's text as the floor.
# Results go to the serial console as "PKHO-BENCH key=value ..." lines for
# tests/bench/run.sh.
# checks: load-{1,2} filled-{1,2} bench-dumps mount has-records
BACKEND=$(arg pkho_backend)
RUNS=$(arg pkho_runs)
BURST=$(arg pkho_burst)
BENCH=/lib/pkho/$KTAG/pkho_bench.ko
# Boot parameters the next kernel needs too (ramoops's region, log size).
CARRY=$(tr ' ' '\n' </proc/cmdline | grep -E '^(reserve_mem|ramoops\.[a-z_]+|pstore\.[a-z_]+|log_buf_len|kho_scratch)=' | tr '\n' ' ')
# "LINES BYTES": numbered lines of the tag in the log, and the log's text
# as dmesg prints it, counted by the helper (busybox's dmesg stops at 16 MiB).
log_count() {
	/sbin/insmod $BENCH count=1 tag=$1 && /sbin/rmmod pkho_bench
	dmesg | sed -n 's/.*pkho_bench: count_lines \([0-9]*\) text_bytes \([0-9]*\).*/\1 \2/p' | tail -1
}

# The filler goes to the log only: printing it on the serial console would
# make the guest slow under TCG and is not what is measured.
dmesg -n 1
# pstore_kho keeps dmesg only here: the memory figures are the log's alone.
load_backend() {
	if [ "$BACKEND" = kho ]; then
		check "load-$STAGE" load_module pmsg_size=0
	else
		check "load-$STAGE" sh -c "dmesg | grep -q 'Registered ramoops as persistent store backend'"
	fi
}
# Unique numbered lines of TAG in the files given.
lines_in() { # TAG FILE...
	local tag=$1
	shift
	cat /dev/null "$@" | grep -o "pkho-$tag [0-9]*" | sort -u | wc -l
}
# u32/u64 at offset $2 of file $1.
u32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }
u64() { od -An -tu8 -j "$2" -N8 "$1" | tr -d ' '; }
# A pstore_kho handle (src/abi/pstore.h, the table at offset 108): the
# dmesg record's data bytes, and the bytes of its segments plus the handle.
TABLE=108
kept_of() { u64 "$1" $((TABLE + 48 + 56)); }
# Prints "HELD SEGMAX": bytes held, and the largest segment (the unit the
# memory grows by).
held_of() {
	local h=$1 first n i b=4096 p max=0
	first=$(u32 "$h" $((TABLE + 48 + 36))) n=$(u32 "$h" $((TABLE + 48 + 40)))
	i=$first
	while [ $i -lt $((first + n)) ]; do
		p=$(($(u32 "$h" $((TABLE + 48 + 3 * 88 + i * 16 + 8))) * 4096))
		b=$((b + p))
		[ $p -le $max ] || max=$p
		i=$((i + 1))
	done
	echo $b $max
}
OUTH=/sys/kernel/debug/kho/out/sub_fdts/pstore-kho-dkms
INH=/sys/kernel/debug/kho/in/sub_fdts/pstore-kho-dkms

# fill: numbered lines up to 90% of pkho_size (a line pushed out of the
# buffer before the kexec is lost whatever the backend), then wait for
# pstore_kho's worker: caught up when its stream stops growing.
fill() {
	size=$(($(arg pkho_size) * 90 / 100))
	/sbin/insmod $BENCH burst="$size" tag=line && /sbin/rmmod pkho_bench || return 1
	[ "$BACKEND" = kho ] || return 0
	local last=-1 now=0 n=0
	while [ "$now" != "$last" ] && [ $n -lt 600 ]; do
		last=$now
		sleep 2
		now=$(kept_of $OUTH)
		n=$((n + 1))
	done
}

case $STAGE in
1)
	load_backend
	check filled-1 fill
	set -- $(log_count line)
	present=$1 text=$2
	if [ "$BACKEND" = kho ]; then
		set -- $(held_of $OUTH)
		held=$1
	else
		held=$(($(sed -n 's/.*reserve_mem=\([0-9]*\)M.*/\1/p' /proc/cmdline) * 1048576))
	fi
	args="$CARRY pkho_backend=$BACKEND pkho_size=$(arg pkho_size) pkho_runs=$RUNS pkho_burst=$BURST pkho_present=$present pkho_held=$held pkho_text=$text pkho_cold=$BOOT_MEMTOTAL"
	if [ "$BURST" = 0 ]; then
		kexec_next "$KTAG" $args
	fi
	# Load the next kernel first: from the burst to the jump, nothing else.
	(cd / && find . -xdev ! -path ./tmp/\* ! -path ./proc/\* ! -path ./sys/\* \
		! -path ./dev/\* | cpio -o -H newc >/tmp/self.cpio 2>/dev/null)
	/sbin/kexec -s -l /boot/$KTAG --initrd=/tmp/self.cpio \
		--append="console=ttyS0 console_msg_format=syslog kho=on panic=-1 pkho_kernel=$KTAG pkho_stage=2 $args"
	/sbin/insmod $BENCH burst="$BURST"
	/sbin/kexec -e
	check kexec-load false
	finish
	;;
2)
	# KHO keeps what the previous kernel preserved reserved until restored:
	# the drop of MemTotal from the cold boot is all it handed over (and
	# KHO's own metadata), seen from outside the module.
	reserved_kb=$(($(arg pkho_cold) - BOOT_MEMTOTAL))
	kept=- held_in=- segmax=-
	if [ "$BACKEND" = kho ]; then
		kept=$(kept_of $INH)
		set -- $(held_of $INH)
		held_in=$1 segmax=$2
	fi
	load_backend
	check mount mount_pstore
	files=$(ls $PSTORE/dmesg-* 2>/dev/null || true)
	check has-records test -n "$files"
	if [ "$BURST" != 0 ]; then
		found=$(lines_in burst $files)
		present=$((BURST / 100))
		# From the last burst line to "Starting new kernel", in the record
		# (ramoops may split it in parts: the latest time stamps).
		# pstore's own dump writes syslog format: "<6>[ time] ...".
		first=$(grep -h 'pkho-burst ' $files | sed -n 's/^\(<[0-9]*>\)\{0,1\}\[ *\([0-9.]*\)\].*/\2/p' | sort -n | tail -1)
		jump=$(grep -h 'Starting new kernel' $files | sed -n 's/^\(<[0-9]*>\)\{0,1\}\[ *\([0-9.]*\)\].*/\2/p' | sort -n | tail -1)
		burst_ms=$(awk -v a="$first" -v b="$jump" 'BEGIN { if (a == "" || b == "") print "-"; else printf "%.1f", (b - a) * 1000 }')
	else
		# The lines the log still held at kexec are the newest "present"
		# of the "total" printed: count those recovered. pstore_kho keeps
		# older ones too (the whole log since boot): counted apart.
		present=$(arg pkho_present)
		total=$(($(arg pkho_size) * 90 / 100 / 100))
		# Without the helper's leading zeros: busybox awk reads 000640 as octal.
		cat /dev/null $files | grep -o 'pkho-line [0-9]*' | cut -d' ' -f2 |
			sed 's/^0*\([0-9]\)/\1/' | sort -u >/tmp/nums
		found=$(awk -v min=$((total - present)) '$1 + 0 >= min' /tmp/nums | wc -l)
		older=$(($(wc -l </tmp/nums) - found))
		burst_ms=-
	fi
	echo "PKHO-BENCH backend=$BACKEND present=$present found=$found older=${older:-0}" \
		"records=$(echo $files | wc -w) record_bytes=$(cat /dev/null $files | wc -c)" \
		"held=$(arg pkho_held) held_in=$held_in segmax=$segmax reserved_kb=$reserved_kb kept=$kept text=$(arg pkho_text) burst_ms=$burst_ms"
	if [ "$BURST" != 0 ]; then
		check filled-2 true
		check bench-dumps true
		finish
	fi
	# The same log again, then the timed dumps (none asked: the biggest
	# logs, where only completeness is measured).
	check filled-2 fill
	if [ "$RUNS" = 0 ]; then
		check bench-dumps true
		finish
	fi
	addr=$(awk '$3 == "kmsg_dump_desc" { print $1 }' /proc/kallsyms)
	set -- $(log_count line)
	check bench-dumps /sbin/insmod $BENCH dump_fn=0x$addr runs=$RUNS tail=100 copy=$2
	t=$(dmesg | grep -e 'pkho_bench: dumps ' -e 'pkho_bench: copy_bytes' | sed 's/.*pkho_bench: //' |
		awk '{ for (i = 1; i < NF; i += 2) printf " %s=%s", $i, $(i + 1) }')
	echo "PKHO-BENCH backend=$BACKEND$t"
	finish
	;;
esac
