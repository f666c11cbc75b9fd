# SPDX-License-Identifier: GPL-2.0-only
# Shared by the test drivers: result accounting, kernels and modules, running
# a QEMU scenario and judging its serial log, and a small job pool.
#
# Results are lines "PASS  name  (detail)", "FAIL  name: why" and
# "SKIP  name: REASON: detail". A skip is allowed only for a REASON in
# SKIP_REASONS below, things this machine cannot fix; any other skip, from
# t_skip or from a script run by run_lines, counts as a failure, and so
# does a script that exits non-zero without a FAIL line or prints no
# result. "NOTE  name: why" says a test does not run by design (the
# declared matrix below): counted apart, neither passed nor skipped, and
# said in the line before the summary.
#
# Scenario headers (tests/scenarios/*.sh): "# FIELD: value" lines, read by
# meta/meta_all.
#
#   # boot: TAG          first kernel of a scenario that names its kernels
#   # kernels: TAG...    the scenario boots these kernels and runs once;
#                        without it, it runs on every test kernel
#   # append: WORDS      added to the first kernel's command line
#   # timeout: SECONDS   the whole QEMU run (default 180; three times that
#                        when the KASAN kernel is in the run)
#   # checks: NAME...    the checks the guest must print, each exactly once,
#                        as "PKHO-CHECK ok NAME". Several lines add up. A
#                        name may hold bash-style braces, expanded by the
#                        host: {3..21} (a range of numbers) and {a,b,c}, and
#                        several in one name, so a check per stage is
#                        declared as load-{1..21} and printed by the guest
#                        as "load-$STAGE". A check whose test differs from
#                        kernel to kernel keeps one name on all of them.
#   # warns: ERE         a warning of the module that the scenario provokes
#                        on purpose: an extended regular expression (grep
#                        -E) for the text after "pstore_kho: ". One per
#                        line. It allows the warning, any number of times;
#                        the guest's checks say whether it must appear.
#   # kernel-says: ERE   a kernel message that would fail the run (a splat
#                        or a complaint, tests/judge.sh) and that the kernel
#                        prints there by design: an ERE for its text,
#                        without the "<N>[ time] " prefix, anchored to match
#                        only that message. One per line, each with a
#                        comment saying why the kernel says it.
#   # fdt: WHY           also run booted by QEMU's own loader with its
#                        device tree, as NAME@TAG-fdt, on the arm64 kernel
#                        kernel_fdt_too names (tests/kernel/kernels.sh; the
#                        arm64 kernels boot through UEFI otherwise)
#
# A run passes only if: QEMU started and ended by itself (not killed at the
# timeout); the guest printed PKHO-DONE; every declared check printed "ok";
# no check printed FAIL, none printed twice, none undeclared; and the kernel
# said nothing alarming that the scenario does not declare: no splat, no
# message at KERN_ERR or more severe, none of KHO, pstore or the module at
# KERN_WARNING (tests/judge.sh; the serial log shows levels because guests
# boot with console_msg_format=syslog).
#
# Job pool: pool_run starts a command in the background, PKHO_JOBS at a time
# (default 2: QEMU under TCG keeps one core busy per guest); pool_wait waits
# for all. Each job's output goes to a file and is printed and counted in
# the order the jobs were started, so the output does not depend on timing.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$TOP/tests/out
mkdir -p "$OUT"
. "$TOP/tests/kernel/kernels.sh"
. "$TOP/tests/judge.sh"
. "$TOP/tests/deadline.sh"
PASSED=0 FAILED=0 SKIPPED=0 NOTED=0

# The reasons a test may be skipped rather than failed.
declare -A SKIP_REASONS=(
	[not-offered]="Debian's archive does not offer a package the test needs (no more, or not yet)"
	[no-kvm]="the test needs KVM and this machine has none (the QEMU scenarios use TCG and never need it)"
)

t_pass() { PASSED=$((PASSED + 1)); echo "PASS  $1${2:+  ($2)}"; }
t_fail() { FAILED=$((FAILED + 1)); echo "FAIL  $1: $2"; }
# t_skip NAME REASON [DETAIL]: REASON must be a key of SKIP_REASONS.
t_skip() {
	if [ -n "${SKIP_REASONS[$2]+set}" ]; then
		SKIPPED=$((SKIPPED + 1))
		echo "SKIP  $1: $2: ${3:-${SKIP_REASONS[$2]}}"
	else
		t_fail "$1" "skipped for a reason that is not allowed (SKIP_REASONS in tests/lib.sh): $2${3:+: $3}"
	fi
}
t_summary() {
	[ "$NOTED" = 0 ] || echo "$NOTED not run by design (the NOTE lines: the declared matrix)"
	echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
}

# account_line LINE: print a line of a test script's output and count it if
# it is a result. Returns 0 for a result line.
account_line() {
	local line=$1 name rest
	case $line in
	"PASS  "*) PASSED=$((PASSED + 1)); echo "$line" ;;
	"FAIL  "*) FAILED=$((FAILED + 1)); echo "$line" ;;
	# A declared matrix entry: an answer, but neither passed nor skipped.
	"NOTE  "*) NOTED=$((NOTED + 1)); echo "$line" ;;
	"SKIP  "*)
		name=${line#SKIP  } name=${name%%: *}
		rest=${line#"SKIP  $name: "}
		if [[ $rest == *": "* ]]; then
			t_skip "$name" "${rest%%: *}" "${rest#*: }"
		else
			t_skip "$name" "$rest"
		fi
		;;
	*)
		# A script's own closing line: indented, so that make check
		# ends with the only one at the left margin.
		if [[ $line =~ ^[0-9]+\ passed,\ [0-9]+\ failed,\ [0-9]+\ skipped$ ||
			$line =~ ^[0-9]+\ not\ run\ by\ design ]]; then
			echo "    $line"
		else
			echo "$line"
		fi
		return 1
		;;
	esac
}

# account_end LABEL STATUS RESULTS FAILS: a test script ended with STATUS
# after printing RESULTS result lines, FAILS of them failures. An exit
# status without a failure to explain it, or no result at all, fails.
account_end() {
	if [ "$3" = 0 ]; then
		t_fail "$1" "printed no result (exit status $2)"
	elif [ "$2" != 0 ] && [ "$4" = 0 ]; then
		t_fail "$1" "exited with status $2 without reporting a failure"
	fi
}

# account_output LABEL STATUS FILE: print and count the lines a test script
# that ended with STATUS left in FILE (account_line, account_end).
account_output() {
	local line results=0 fails0=$FAILED
	while IFS= read -r line; do
		account_line "$line" && results=$((results + 1))
	done <"$3"
	account_end "$1" "$2" "$results" $((FAILED - fails0))
}

# run_lines COMMAND...: run a test script, print and count its result
# lines. It runs in a process group of its own (timeout without
# --foreground), which the global deadline kills whole, QEMU guests and
# all (tests/deadline.sh).
run_lines() {
	local line st results=0 fails0=$FAILED label=${1#"$TOP"/} left fifo
	left=$(time_left)
	if [ "$left" -le 0 ]; then
		t_fail "$label" "not started: $DEADLINE_PASSED"
		return 0
	fi
	fifo=$(mktemp -u "$OUT/.lines.XXXXXX")
	mkfifo "$fifo"
	timeout -k 10 "$left" "$@" </dev/null >"$fifo" &
	RUNNING_GROUP=$!
	while IFS= read -r line; do
		account_line "$line" && results=$((results + 1))
	done <"$fifo"
	wait "$RUNNING_GROUP"
	st=$?
	RUNNING_GROUP=
	rm -f "$fifo"
	if { [ "$st" = 124 ] || [ "$st" = 137 ]; } && [ "$(time_left)" -le 0 ]; then
		t_fail "$label" "killed: $DEADLINE_PASSED"
		return 0
	fi
	account_end "$label" "$st" "$results" $((FAILED - fails0))
}

# Kernel trees and module directories by tag (tests/kernel/kernels.sh).
declare -A KTREE MODDIR KERR

# prepare_kernel TAG: build or reuse the kernel and build the module against
# it. On failure KERR[TAG] says why.
prepare_kernel() {
	local tag=$1 tree dir
	if ! tree=$(before_deadline "$TOP/tests/kernel/build.sh" "$tag"); then
		KERR[$tag]="kernel $tag did not build$([ "$(time_left)" -gt 0 ] || echo " before the deadline: $DEADLINE_PASSED")"
		return 1
	fi
	KTREE[$tag]=$tree
	if ! dir=$(before_deadline "$TOP/tests/build-module.sh" "$tag" "$tree"); then
		KERR[$tag]="module did not build against kernel $tag (see tests/out/mod-$tag/build.log)"
		return 1
	fi
	MODDIR[$tag]=$dir
}

# build_kernels TAG...: build (or find cached) the kernels, PKHO_BUILD_JOBS
# at a time (default 2: a build's compiles take every core, but its links
# and its image one, so two builds at once keep the cores busy), for
# prepare_kernel to find. A build that fails is tried again there, which
# says why. In a subshell of its own: `wait -n` must count only the builds,
# not a job the caller runs beside them (make_roots in run-tests.sh).
build_kernels() (
	local k n=0
	for k; do
		"$TOP/tests/kernel/build.sh" "$k" >/dev/null &
		n=$((n + 1))
		if [ "$n" -ge "${PKHO_BUILD_JOBS:-2}" ]; then
			wait -n
			n=$((n - 1))
		fi
	done
	wait
)

# Header fields of a scenario: "# NAME: value"; meta gives the first,
# meta_all every one, a line each.
meta() { sed -n "s/^# $1: //p" "$2" | head -1; }
meta_all() { sed -n "s/^# $1: //p" "$2"; }

# expand_names WORD...: one name a line, braces expanded as bash does for
# {M..N} and {a,b}, without eval (one brace pair at a time, left first).
expand_names() {
	local w pre body post i
	for w; do
		if [[ $w != *\{*\}* ]]; then
			echo "$w"
			continue
		fi
		pre=${w%%\{*} body=${w#*\{} post=${body#*\}} body=${body%%\}*}
		if [[ $body =~ ^([0-9]+)\.\.([0-9]+)$ ]]; then
			for ((i = BASH_REMATCH[1]; i <= BASH_REMATCH[2]; i++)); do
				expand_names "$pre$i$post"
			done
		else
			local IFS=,
			for i in $body; do expand_names "$pre$i$post"; done
		fi
	done
}

# scenario_limit FILE TAG [fdt]: the seconds a run of the scenario may take:
# its header's "# timeout:" (default 180), scaled for the kernels it boots.
scenario_limit() {
	local file=$1 tag=$2 fdt=${3:-} kernels boot limit k
	kernels=$(meta kernels "$file")
	if [ -n "$kernels" ]; then
		boot=$(meta boot "$file")
	else
		kernels=$tag boot=$tag
	fi
	limit=$(meta timeout "$file")
	# A slower or busier machine than CI's: PKHO_TIMEOUT_FACTOR=3.
	limit=$((${limit:-180} * ${PKHO_TIMEOUT_FACTOR:-1}))
	for k in $kernels; do
		kernel_kasan "$k" && limit=$((limit * 3))
	done
	# arm64 under TCG: each boot takes twice an x86 one, UEFI included.
	[ "$(kernel_arch "$boot")" = arm64 ] && limit=$((limit * 2))
	# A kernel kexec'd from an FDT boot runs 4 to 8 times slower (kernels.sh).
	[ -z "$fdt" ] || limit=$((limit * 3))
	echo "$limit"
}

# run_scenario FILE [TAG [fdt]]: boot the scenario's first kernel and judge
# the serial log. A scenario that names its kernels ("# kernels: 7.2 7.3")
# runs on those; any other runs on TAG (default 7.3). The first kernel boots
# as kernel_firmware says, or with "fdt" by QEMU's own loader (the run is
# NAME@TAG-fdt). Memory, the command line and the architecture come from
# tests/kernel/kernels.sh; a chain through the KASAN kernel gets its memory
# and KHO scratch size from the first boot on.
run_scenario() {
	local file=$1 tag=${2:-7.3} fdt=${3:-} firmware name boot kernels append limit mem k specs=() log img st why start secs clipped
	name=$(basename "$file" .sh)
	kernels=$(meta kernels "$file")
	if [ -n "$kernels" ]; then
		boot=$(meta boot "$file")
	else
		kernels=$tag boot=$tag name=$name@$tag${fdt:+-fdt}
	fi
	append="$(meta append "$file")"
	limit=$(scenario_limit "$file" "$tag" "$fdt")
	# The guest's memory is the most any of its kernels needs.
	mem=1G
	for k in $kernels; do
		[ "${mem%G}" -ge "$(kernel_memory "$k" | tr -d G)" ] || mem=$(kernel_memory "$k")
	done
	firmware=$(kernel_firmware "$boot")
	[ -z "$fdt" ] || firmware=
	# Under UEFI, efi_pstore takes pstore first; it is turned off, as the
	# README says (the guests carry it down the chain, guest-lib.sh).
	[ "$firmware" = uefi ] && append="efi_pstore.pstore_disable=1 $append"
	if [ "$(time_left)" -le 0 ]; then
		t_fail "$name" "not started: $DEADLINE_PASSED"
		return 0
	fi
	clipped=$(clip_to_deadline "$limit")
	for k in $kernels; do
		if [ -z "${MODDIR[$k]:-}" ]; then
			t_fail "$name" "${KERR[$k]:-kernel $k not prepared}"
			return 0
		fi
		specs+=("$k=${KTREE[$k]}/$(kernel_image "$k"):$(ls "${MODDIR[$k]}"/*.ko | paste -sd,)")
	done
	# Never judge the log of an earlier run.
	log=$OUT/$name.log
	img=$OUT/$name.cpio
	rm -f "$log" "$img"
	if ! "$TOP/tests/qemu/initramfs.sh" "$img" "${KTREE[$boot]}/usr/gen_init_cpio" "$file" "${specs[@]}" \
		>"$OUT/$name.initramfs.log" 2>&1; then
		t_fail "$name" "the initramfs was not built: $(tail -3 "$OUT/$name.initramfs.log" | paste -sd' ')"
		return 0
	fi
	start=$(date +%s) st=0
	"$TOP/tests/qemu/boot.sh" "$log" "$clipped" "${KTREE[$boot]}/$(kernel_image "$boot")" "$img" \
		"$(boot_append "$boot" "$kernels") pkho_kernel=$boot pkho_stage=1 $append" "$mem" \
		"$(kernel_arch "$boot")" "$firmware" || st=$?
	secs=$(($(date +%s) - start))
	# Guest time by kernel(s), for the run's phase times (run-tests.sh).
	echo "$secs" >>"$OUT/.guest-seconds.${kernels// /-}"
	if [ "$st" = 124 ] && [ "$clipped" -lt "$limit" ]; then
		t_fail "$name" "killed after $secs s: $DEADLINE_PASSED"
		return 0
	fi
	JUDGE_DETAIL="$secs s" judge_log "$name" "$log" "$st" "$file"
}

# boot_append TAG KERNELS: what the first boot of a run on KERNELS needs.
boot_append() {
	local k words
	words=$(kernel_kho_on "$1")
	for k in $2; do words="$words $(kernel_append "$k")"; done
	echo $words
}

# Job pool (see the top of this file).
PKHO_JOBS=${PKHO_JOBS:-2}
POOL_DIR= POOL_N=0 POOL_NEXT=0
declare -a POOL_LABEL=() POOL_PID=()

# pool_run LABEL COMMAND...: run COMMAND in the pool; LABEL names it if it
# ends without a result line.
pool_run() {
	local label=$1
	shift
	[ -n "$POOL_DIR" ] || POOL_DIR=$(mktemp -d "$OUT/.pool.XXXXXX")
	# Running: started, not yet printed, and without an exit status file
	# (pool_flush removes those of the jobs it printed).
	while [ $((POOL_N - POOL_NEXT - $(ls "$POOL_DIR" | grep -c '\.rc$'))) -ge "$PKHO_JOBS" ]; do
		sleep 1
		pool_flush
	done
	( "$@"; echo $? >"$POOL_DIR/$POOL_N.rc" ) >"$POOL_DIR/$POOL_N.out" 2>&1 </dev/null &
	POOL_PID[POOL_N]=$! POOL_LABEL[POOL_N]=$label
	POOL_N=$((POOL_N + 1))
	pool_flush
}

# pool_flush: print and count the output of the jobs that have ended, in
# order, up to the first one still running.
pool_flush() {
	local n
	while [ "$POOL_NEXT" -lt "$POOL_N" ] && [ -e "$POOL_DIR/$POOL_NEXT.rc" ]; do
		n=$POOL_NEXT
		wait "${POOL_PID[n]}" 2>/dev/null
		account_output "${POOL_LABEL[n]}" "$(cat "$POOL_DIR/$n.rc")" "$POOL_DIR/$n.out"
		rm -f "$POOL_DIR/$n.out" "$POOL_DIR/$n.rc"
		POOL_NEXT=$((n + 1))
	done
}

# pool_wait: wait for every job of the pool and print what is left.
pool_wait() {
	[ -n "$POOL_DIR" ] || return 0
	while [ "$POOL_NEXT" -lt "$POOL_N" ]; do
		pool_flush
		[ "$POOL_NEXT" -lt "$POOL_N" ] && sleep 1
	done
	rmdir "$POOL_DIR"
	POOL_DIR= POOL_N=0 POOL_NEXT=0
}
