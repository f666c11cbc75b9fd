# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the guest /init before the scenario. The host reads the serial
# log: "PKHO-CHECK ok|FAIL name" per check, "PKHO-DONE" at the end. Every
# check a run prints must be declared in the scenario's "# checks:" header
# (tests/lib.sh), and each name printed once: a check run in several stages
# carries the stage in its name (load-$STAGE).

# Value of NAME=VALUE on the kernel command line.
arg() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" /proc/cmdline; }
STAGE=$(arg pkho_stage)
KTAG=$(arg pkho_kernel)
KO=/lib/pkho/$KTAG/pstore_kho.ko
PSTORE=/sys/fs/pstore

# MemTotal (kB) as this kernel came up, before the scenario loads anything.
# KHO keeps the pages the previous kernel preserved reserved until someone
# restores them, and restoring adds them back to MemTotal: so in a chain of
# kexecs into the same kernel with the same command line, this figure drops
# by whatever the previous kernel preserved. See check_mem_flat.
BOOT_MEMTOTAL=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)

say() { echo "PKHO: $*"; }
check() { # name command...
	local name=$1
	shift
	if "$@"; then echo "PKHO-CHECK ok $name"; else echo "PKHO-CHECK FAIL $name"; fi
}
not() { ! "$@"; }
# Kernel log lines of the module (module_own: of the lines on stdin),
# without the kernel's own notices about loading it: "loading out-of-tree
# module taints kernel", and on a kernel with module signing (7.0) "module
# verification failed: signature and/or required key missing - tainting
# kernel".
module_own() { grep 'pstore_kho: ' | grep -v -e 'taints kernel' -e 'tainting kernel'; }
module_msgs() { dmesg | module_own; }
# Full paths: this busybox runs its own applets before anything in PATH.
load_module() { /sbin/insmod "$KO" "$@"; }
unload_module() { /sbin/rmmod pstore_kho; }
mount_pstore() { mkdir -p $PSTORE && mount -t pstore pstore $PSTORE; }
# Files of our backend in pstore, or nothing.
kho_files() { ls $PSTORE/*-kho-* 2>/dev/null; }
# For chains of kexecs into the same kernel that end every stage with the
# same things preserved (records erased, same parameters): stage 2's
# BOOT_MEMTOTAL reflects what stage 1 preserved, every later stage's must
# equal it, or some kernel preserved more than the one before (a leak).
# Stage 1 boots cold, without handover, so it has no figure to compare.
# Checks "mem-flat-$STAGE" from stage 3 on; pass $(mem_carry) to kexec_next.
check_mem_flat() {
	[ "$STAGE" -ge 3 ] || return 0
	check "mem-flat-$STAGE" mem_same "$BOOT_MEMTOTAL" "$(arg pkho_mem)"
	[ "$BOOT_MEMTOTAL" = "$(arg pkho_mem)" ] ||
		say "MemTotal at boot: $BOOT_MEMTOTAL kB in stage $STAGE, $(arg pkho_mem) kB in stage 2"
}
# The argument that carries stage 2's BOOT_MEMTOTAL down the chain.
mem_carry() {
	if [ "$STAGE" = 2 ]; then echo "pkho_mem=$BOOT_MEMTOTAL"; elif [ "$STAGE" -gt 2 ]; then echo "pkho_mem=$(arg pkho_mem)"; fi
}
# mem_same KB KB: equal but for MEM_SLACK_KB. A KHO boot's own early
# memblock allocations vary by a page with where the previous kernel's
# preserved pages happen to lie: 4 kB now and then in 7.3, with the very
# same pages preserved (seen with memblock=debug). So a leak of fewer than
# four pages at once goes unseen; one of a page per kexec shows within
# four kexecs, and a leaked blob at once.
MEM_SLACK_KB=12
mem_same() {
	local d=$(($1 - $2))
	[ "${d#-}" -le "$MEM_SLACK_KB" ]
}
mem_free_kb() { awk '/^MemFree:/ { print $2 }' /proc/meminfo; }
# Leaks: the test kernels with the detectors have kmemleak
# (tests/kernel/detectors.config; /lib/pkho/TAG/detectors says so,
# kernel_detectors in kernels.sh).
# kmemleak reports an object only once it is 5 s old (MSECS_MIN_AGE) and
# unchanged since the scan before (a first scan only records its
# checksum): so a first scan, at least 5 s, a second scan. A single scan
# at once misses what was leaked just before it (tests/scenarios/kmemleak.sh).
# kmemleak_first_scan starts the 5 s, so that the guest can do something
# else meanwhile (kexec_next loads the next kernel).
KMEMLEAK=/sys/kernel/debug/kmemleak
KMEMLEAK_FIRST=
kmemleak_first_scan() { echo scan 2>/dev/null >$KMEMLEAK && KMEMLEAK_FIRST=$(date +%s); }
# kmemleak_report: the second scan (after a first one if none is pending),
# printing any report; the host fails the run on "unreferenced object".
# Returns false if there was one, for scenarios that check it themselves.
kmemleak_report() {
	local r
	if [ -z "$KMEMLEAK_FIRST" ] && ! kmemleak_first_scan; then
		check kmemleak-on false
		return 0
	fi
	# Whole seconds: 6 apart are at least 5 s.
	while [ $(($(date +%s) - KMEMLEAK_FIRST)) -lt 6 ]; do sleep 1; done
	KMEMLEAK_FIRST=
	echo scan >$KMEMLEAK
	r=$(cat $KMEMLEAK)
	[ -z "$r" ] && return 0
	echo "$r"
	return 1
}
# Lockdep, in the same kernels, turns itself off for the rest of the boot
# after its first report, or when the kernel is tainted in a way that makes
# it unreliable: a run in which it was off has not been checked.
lockdep_on() { grep -q '^ *debug_locks: *1$' /proc/lockdep_stats; }
# The kernel's own checks, before every kexec and at the end: the next
# kernel cannot see this one's leaks.
sanitizer_report() {
	[ -e /lib/pkho/$KTAG/detectors ] || return 0
	kmemleak_report
	lockdep_on || check lockdep-on false
}
finish() {
	sanitizer_report
	echo "PKHO-DONE"
	sync
	reboot -f
}
# Markers: a boot writes "pkho-mark ID" to its kernel log and passes only
# ID to the next boot, as pkho_mark=ID on its command line. A search for
# what the command line carries would also find it in the next boot's own
# log, which shows its command line: a record of the wrong boot would pass.
mark_log() { echo "pkho-mark $1" >/dev/kmsg; }
# prev_mark_in FILE...: the previous boot's marker is in FILEs, and not in
# this boot's own log (so that finding it proves something).
prev_mark_in() {
	local pat="pkho-mark $(arg pkho_mark)"
	! dmesg | grep -qF "$pat" && grep -qF "$pat" "$@" /dev/null
}
# Load the module (check load-$STAGE), write a unique marker to the kernel
# log and kexec into the same kernel; the next stage finds it with
# prev_mark_in.
load_mark_kexec() {
	check "load-$STAGE" load_module
	local id=$(cat /proc/sys/kernel/random/uuid)
	mark_log "$id"
	kexec_next "$KTAG" pkho_mark="$id"
}
# kexec_next TAG [ARG...]: boot kernel TAG (stage+1) with this root as initrd.
kexec_next() {
	kmemleak_first_scan
	if kexec_prepare "$@"; then
		sanitizer_report
		kexec_jump
	fi
	check kexec-load false
	finish
}
# kexec_prepare TAG [ARG...]: load kernel TAG (stage+1) with this root as
# initrd, and finalize KHO where the module's API form needs it, as a user
# does with the packaged pstore-kho-finalize (after the load on 6.19 to 7.0,
# unless FINALIZE=by-hand: the scenario does it its own way). TAG's serial
# console and KHO switch come from /lib/pkho/TAG/cmdline (kernels.sh).
# console_msg_format=syslog, as
# the host boots the first kernel: the serial log shows each kernel
# message's level ("<4>[ ...] ..."), which the host needs to find the
# module's warnings.
kexec_prepare() {
	local tag=$1
	shift
	(cd / && find . -xdev ! -path ./tmp/\* ! -path ./proc/\* ! -path ./sys/\* \
		! -path ./dev/\* | cpio -o -H newc >/tmp/self.cpio 2>/dev/null)
	# A chain through the KASAN kernel carries its KHO scratch size, one
	# booted through UEFI efi_pstore's switch (tests/lib.sh).
	local carry=$(grep -o 'kho_scratch=[^ ]*\|efi_pstore.pstore_disable=[^ ]*' /proc/cmdline | tr '\n' ' ')
	# Kernels whose KHO must be finalized get it as users do, from the
	# packaged pstore-kho-finalize: 6.16-6.18 before the load, 6.19-7.0 after.
	local api=$(cat /sys/module/pstore_kho/parameters/kho_api 2>/dev/null)
	[ "$api" = finalize-before-load ] && /usr/sbin/pstore-kho-finalize
	/sbin/kexec -s -l /boot/"$tag" --initrd=/tmp/self.cpio \
		--append="$(cat /lib/pkho/$tag/cmdline) console_msg_format=syslog panic=-1 no_timer_check $carry pkho_kernel=$tag pkho_stage=$((STAGE + 1)) $*" || return 1
	[ "$api" = finalize ] && [ "${FINALIZE:-}" != by-hand ] && /usr/sbin/pstore-kho-finalize
	say "kexec into $tag, stage $((STAGE + 1))"
}
# kexec_jump: into the kernel kexec_prepare loaded.
kexec_jump() { /sbin/kexec -e; }
# storm_jump ID: with the next kernel loaded (kexec_prepare), the console
# quiet as on a production server, a line "pkho-before-storm ID", two
# seconds, then a log storm from every CPU (tests/helpers/storm.c) through
# kexec -e.
storm_jump() {
	dmesg -n 1
	echo "pkho-before-storm $1" >/dev/kmsg
	sleep 2
	/sbin/insmod /lib/pkho/$KTAG/pkho_storm.ko
	sleep 1
	kexec_jump
	check kexec-jump false
	finish
}
# storm_arrived: the next kernel's side of storm_jump: load-2, mount and
# storm_record's checks on the line storm_jump's kernel printed first.
storm_arrived() {
	check load-2 load_module
	check mount mount_pstore
	storm_record "$(arg pkho_before)"
}
# storm_accounted FILE...: every storm line missing between the line
# printed before the storm and "Starting new kernel" is counted by the
# module's markers (lines lost in the log buffer, or dropped at the kexec
# for room), or none is missing. The storm module numbers each CPU's lines
# ("pkho-storm CPU N"): a gap in a CPU's numbers is a line missing; the
# markers count every line missing, storm or not, so they are at least as
# many. Prints "missing N marked M"; fails on a gap no marker covers.
storm_accounted() {
	cat "$@" | sed -n '/pkho-before-storm/,/Starting new kernel/p' | awk '
		$0 ~ /pkho-storm [0-9]+ [0-9]+ / {
			for (i = 1; i < NF; i++)
				if ($i == "pkho-storm") { c = $(i + 1); n = $(i + 2) }
			if (c in last && n > last[c] + 1)
				missing += n - last[c] - 1
			last[c] = n
		}
		/^\[pstore_kho: [0-9]+ lines (lost|dropped) here/ {
			split($0, w, " ")
			marked += w[2]
		}
		END {
			printf "missing %d marked %d\n", missing, marked
			exit !(missing == 0 || marked >= missing)
		}'
}
# storm_record ID: the checks record-shown, before-storm and
# starting-new-kernel on the record a storm_jump left, its file in RECORD.
storm_record() {
	RECORD=$(ls $PSTORE/dmesg-kho-* 2>/dev/null | head -1)
	check record-shown test -n "$RECORD"
	RECORD=${RECORD:-/dev/null}
	check before-storm grep -q "pkho-before-storm $1" $RECORD
	check starting-new-kernel grep -q "Starting new kernel" $RECORD
	# What the record holds, for the log: its first and last markers (the
	# first says what went before the kept log), its last lines.
	say "record: $(wc -c <"$RECORD") bytes; first markers: $(grep '^\[pstore_kho' "$RECORD" | head -2)"
	say "last markers: $(grep '^\[pstore_kho' "$RECORD" | tail -6)"
	say "last lines: $(tail -4 "$RECORD" | cut -c1-120)"
}
