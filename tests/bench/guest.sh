# SPDX-License-Identifier: GPL-2.0-only
# Guest side of `make bench` (tests/bench/run.sh): one set-up, log size and
# load, timed over pkho_runs real kexecs into the same kernel. Set by the
# host on the first kernel's command line and carried down the chain:
#   pkho_setup=base|kho|ramoops|ramoops-max  pkho_size=BYTES  pkho_load=a|b|c
#   pkho_runs=N
# Each stage up to N: the backend in place, the log buffer filled to 90%
# with numbered lines, the system left to settle (the backend caught up,
# the CPUs idle), the next kernel loaded, then the load and the jump:
#   a: 100 lines (10 KB) printed at the start of the reboot path
#   b: 1 MiB printed at the start of the reboot path
#   c: a line, 2 s later a storm from every CPU (pkho_storm), 1 s later
#      `kexec -e` with the storm still printing
# The bench helper (tests/helpers/bench_kexec.c) prints loads a and b from
# a reboot notifier that runs before any backend's, stamps kernel_kexec(),
# the kexec's kmsg dump and machine_kexec() with kprobes and hands the
# stamps to the next kernel, which reports them together with what its
# record holds: "PKHO-BENCH key=value ..." lines for the host. Stage 1 also
# reports the memory in use after the fill.
# The checks this prints are declared by the host (run.sh), per set-up and
# number of runs; guest-common.sh comes first.
SETUP=$(arg pkho_setup)
SIZE=$(arg pkho_size)
LOAD=$(arg pkho_load)
RUNS=$(arg pkho_runs)
# What every kernel of the chain boots with beyond what kexec_prepare
# carries itself: the set-up's boot parameters and the bench's own.
CARRY=$(tr ' ' '\n' </proc/cmdline |
	grep -E '^(reserve_mem|ramoops\.[a-z_]+|pstore\.[a-z_]+|log_buf_len|loglevel|kmemleak|lockdep\.[a-z_]+|pkho_(setup|size|load|runs))=' |
	tr '\n' ' ')

# A figure for the host, with the guest's uptime (where the time goes).
bench_say() { echo "PKHO-BENCH stage=$STAGE $* t=$(cut -d' ' -f1 /proc/uptime)"; }

# The backend of the set-up, in place. pstore_kho with every default
# (pmsg included): what a user gets.
backend() {
	case $SETUP in
	kho) load_module ;;
	ramoops*) dmesg | grep -q 'Registered ramoops as persistent store backend' ;;
	base) ! dmesg | grep -q 'as persistent store backend' ;;
	esac
}

# "LINES BYTES": the tag's lines in the log, and the log's text bytes.
log_count() {
	bench_run count=1 tag=$1 >/dev/null || return 1
	bench_kv count_lines | sed 's/count_lines=\([0-9]*\) text_bytes=\([0-9]*\)/\1 \2/'
}

# The memory figures of /proc/meminfo the report uses, as key=value (kB).
# Free pages held on the per-CPU lists are not in MemFree: they move in
# and out by the megabyte, so they are counted apart (pcp).
mem_kv() {
	awk '/^(MemFree|Cached|Slab|VmallocUsed|KernelStack|PageTables):/ { sub(":", ""); printf "%s=%s ", tolower($1), $2 }' /proc/meminfo
	awk '$1 == "count:" { n += $2 } END { print "pcp=" n * 4 }' /proc/zoneinfo
}
# Memory in use once the log is filled and the backend settled. The host
# compares it with the baseline's at the same point (tests/bench/report.awk).
report_memory() {
	local kept=- preserved=- segmax=- code=- tail=- pmsg=-
	if [ "$SETUP" = kho ]; then
		set -- $(handle_sizes)
		kept=$1 preserved=$2 segmax=$3
		code=$(cat /sys/module/pstore_kho/coresize)
		tail=$(cat /sys/module/pstore_kho/parameters/tail_size)
		pmsg=$(cat /sys/module/pstore_kho/parameters/pmsg_size)
	fi
	# Module code: what the module loader took from execmem, which on x86
	# hands out module text from 2 MiB chunks shared by every module
	# loaded (kB, the pages of its areas in /proc/vmallocinfo).
	bench_say "memory memtotal=$BOOT_MEMTOTAL $(mem_kv)" \
		"execmem=$(awk '/execmem/ { for (i = 1; i <= NF; i++) if (sub("^pages=", "", $i)) n += $i } END { print n * 4 }' /proc/vmallocinfo)" \
		"kept=$kept preserved=$preserved segmax=$segmax code=$code tail=$tail pmsg=$pmsg"
}

# What the previous kernel's record holds of the jump it made.
# Unique numbers of the tag's lines in the files given.
nums_of() { # TAG FILE...
	local tag=$1
	shift
	cat /dev/null "$@" | grep -o "pkho-$tag [0-9]*" | cut -d' ' -f2 | sed 's/^0*\([0-9]\)/\1/' | sort -un
}
report_jump() {
	local times files n present total last fill_found load_found storm_found stored=- before=- starting=- marker=-
	check "times-$STAGE" bench_run kexec_read=1
	times=$(bench_kv kexec_path_cycles)
	check "mount-$STAGE" mount_pstore
	files=$(ls $PSTORE/dmesg-* 2>/dev/null || true)
	if [ -n "$files" ]; then
		# The fill lines the log held at the jump are the newest "present"
		# of the "total" printed.
		present=$(arg pkho_present) total=$(arg pkho_total)
		# Completeness is load (a)'s figure; sorting 75,000 line numbers
		# under TCG is not free, so the other loads skip it.
		[ "$LOAD" = a ] &&
			fill_found=$(nums_of fill $files | awk -v min=$((total - present)) '$1 >= min' | wc -l)
		n=$(arg pkho_lines)
		load_found=$(nums_of "$(arg pkho_tag)" $files | wc -l)
		starting=0 before=0 marker=0 last=0
		grep -q 'Starting new kernel' $files && starting=1
		grep -q "pkho-before-storm $(arg pkho_before)" $files && before=1
		# The middle of a storm is marked where it went: dropped at the
		# kexec for room, or overwritten in the log buffer before it
		# could be kept (a small buffer wraps in milliseconds); or none
		# of it is missing (guest-lib.sh's storm_accounted).
		storm_accounted $files >/dev/null && marker=1
		[ "$n" -gt 0 ] && nums_of "$(arg pkho_tag)" $files | grep -qx $((n - 1)) && last=1
		storm_found=$(cat $files | grep -c 'pkho-storm [0-9]* [0-9]*')
		# The timed dump stored its lines: the last one of the load and
		# the kernel's last words before the jump.
		stored=0
		[ "$last$starting" = 11 ] && stored=1
	fi
	bench_say "jump load=$LOAD memtotal=$BOOT_MEMTOTAL $times records=$(echo $files | wc -w)" \
		"record_bytes=$(cat /dev/null $files | wc -c) fill_present=$(arg pkho_present)" \
		"fill_found=${fill_found:--} load_lines=$(arg pkho_lines) load_found=${load_found:--}" \
		"storm_found=${storm_found:--} stored=$stored starting=$starting before=$before marker=$marker"
	case $SETUP in
	# No backend: nothing may be recorded.
	base) check "record-$STAGE" test -z "$files" ;;
	# The storm's verdicts are the report's (before, starting, marker).
	*) if [ "$LOAD" = c ]; then check "record-$STAGE" test -n "$files"; else check "record-$STAGE" test "$stored" = 1; fi ;;
	esac
	# As systemd-pstore does once it has archived them.
	rm -f $PSTORE/* 2>/dev/null
}

fill() {
	bench_run burst=$((SIZE * 90 / 100)) tag=fill
}

jump() {
	local tag=j$STAGE$(od -An -tx4 -N4 /dev/urandom | tr -d ' ') lines=0 bytes=0 before=-
	case $LOAD in
	a) bytes=10000 ;;
	b) bytes=1048576 ;;
	esac
	lines=$((bytes / 100))
	[ "$LOAD" = c ] && before=$(cat /proc/sys/kernel/random/uuid)
	set -- $(log_count fill)
	# The next kernel loaded first: from the load to the jump, nothing else.
	check "kexec-loaded-$STAGE" kexec_prepare "$KTAG" $CARRY pkho_present=$1 \
		pkho_total=$((SIZE * 90 / 100 / 100)) pkho_tag=$tag pkho_lines=$lines pkho_before=$before
	check "armed-$STAGE" /sbin/insmod $BENCH kexec_time=1 burst=$bytes tag=$tag
	if [ "$LOAD" = c ]; then
		echo "pkho-before-storm $before" >/dev/kmsg
		sleep 2
		/sbin/insmod /lib/pkho/$KTAG/pkho_storm.ko
		sleep 1
	fi
	/sbin/kexec -e
	check kexec-jump false
	finish
}

# Memory at the start of the first boot, before anything is loaded.
[ "$STAGE" = 1 ] && bench_say "memory0 memtotal=$BOOT_MEMTOTAL $(mem_kv)"
check "backend-$STAGE" backend
[ "$STAGE" = 1 ] || report_jump
[ "$STAGE" -le "$RUNS" ] || finish
check "filled-$STAGE" fill
idle=1
waited=$(settle) || idle=0
bench_say "settled seconds=$waited idle=$idle"
[ "$STAGE" = 1 ] && report_memory
jump
