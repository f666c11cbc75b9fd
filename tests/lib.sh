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
# declared matrix below) and counts as neither passed nor skipped.
#
# Scenario headers (tests/scenarios/*.sh): "# FIELD: value" lines, read by
# meta/meta_all.
#
#   # boot: TAG          first kernel of a scenario that names its kernels
#   # kernels: TAG...    the scenario boots these kernels and runs once;
#                        without it, it runs on every test kernel
#   # append: WORDS      added to the first kernel's command line
#   # timeout: SECONDS   the whole QEMU run (default 120; three times that
#                        when a sanitizer kernel is in the run)
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
#   # kernel-says: ERE   a kernel line that would count as a splat (SPLAT)
#                        and that the scenario provokes on purpose. One per
#                        line.
#   # fdt: WHY           also run booted by QEMU's own loader with its
#                        device tree, as NAME@TAG-fdt, on the kernels that
#                        boot through UEFI firmware (arm64: kernel_firmware
#                        in tests/kernel/kernels.sh)
#   # not-on-sanitizer: REASON
#                        not run on the sanitizer kernel (kernel_sanitized),
#                        for CI time: a declared matrix, printed as a NOTE
#                        line, counted neither as passed nor as skipped;
#                        list it in README's "How the tests work".
#
# A run passes only if: QEMU started and ended by itself (not killed at the
# timeout); the guest printed PKHO-DONE; every declared check printed "ok";
# no check printed FAIL, none printed twice, none undeclared; no kernel
# splat (SPLAT); and no kernel-log line of the module at KERN_WARNING or
# more severe ("<0>" to "<4>" in the serial log, which shows levels because
# guests boot with console_msg_format=syslog) other than the declared ones.
#
# Job pool: pool_run starts a command in the background, PKHO_JOBS at a time
# (default 2: QEMU under TCG keeps one core busy per guest); pool_wait waits
# for all. Each job's output goes to a file and is printed and counted in
# the order the jobs were started, so the output does not depend on timing.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$TOP/tests/out
mkdir -p "$OUT"
. "$TOP/tests/kernel/kernels.sh"
PASSED=0 FAILED=0 SKIPPED=0

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
t_summary() { echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"; }

# account_line LINE: print a line of a test script's output and count it if
# it is a result. Returns 0 for a result line.
account_line() {
	local line=$1 name rest
	case $line in
	"PASS  "*) PASSED=$((PASSED + 1)); echo "$line" ;;
	"FAIL  "*) FAILED=$((FAILED + 1)); echo "$line" ;;
	# A declared matrix entry: an answer, but neither passed nor skipped.
	"NOTE  "*) echo "$line" ;;
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
		if [[ $line =~ ^[0-9]+\ passed,\ [0-9]+\ failed,\ [0-9]+\ skipped$ ]]; then
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

# run_lines COMMAND...: run a test script, print and count its result lines.
run_lines() {
	local line st results=0 fails0=$FAILED
	while IFS= read -r line; do
		account_line "$line" && results=$((results + 1))
	done < <("$@")
	wait $!
	st=$?
	account_end "${1#"$TOP"/}" "$st" "$results" $((FAILED - fails0))
}

# Kernel trees and module directories by tag (tests/kernel/kernels.sh).
declare -A KTREE MODDIR KERR

# prepare_kernel TAG: build or reuse the kernel and build the module against
# it. On failure KERR[TAG] says why.
prepare_kernel() {
	local tag=$1 tree dir
	if ! tree=$("$TOP/tests/kernel/build.sh" "$tag"); then
		KERR[$tag]="kernel $tag did not build"
		return 1
	fi
	KTREE[$tag]=$tree
	if ! dir=$("$TOP/tests/build-module.sh" "$tag" "$tree"); then
		KERR[$tag]="module did not build against kernel $tag (see tests/out/mod-$tag/build.log)"
		return 1
	fi
	MODDIR[$tag]=$dir
}

# build_kernels TAG...: build (or find cached) the kernels, PKHO_BUILD_JOBS
# at a time (default 2: a build's compiles take every core, but its links
# and its image one, so two builds at once keep the cores busy), for
# prepare_kernel to find. A build that fails is tried again there, which
# says why.
build_kernels() {
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
}

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

# Kernel splats, stalls, lockups, leaks, pstore giving up on our backend and
# KHO giving up: any of these in the serial log fails a run.
SPLAT='BUG:|WARNING:|Oops|Kernel panic|general protection|Call Trace|KASAN|UBSAN|unreferenced object|possible recursive locking|circular locking|lock held when returning|sleeping function called from invalid context|disabling kexec handover|detected stall|soft lockup|hard LOCKUP|blocked for more than|pstore: backend \([a-z_]+\) writing error'

# A kernel-log line of the module at KERN_WARNING or more severe, as the
# serial console shows it with console_msg_format=syslog. Not anchored: a
# kernel line may start in the middle of a guest's output line.
MODULE_WARN='<[0-4]>\[[ 0-9.]+\] pstore_kho: '
# The kernel's own words about any out-of-tree module, not the module's.
MODULE_WARN_ALWAYS='loading out-of-tree module taints kernel'

# scenario_skipped FILE TAG: the reason FILE does not run on TAG, if its
# header declares one (the declared matrix; see the top of this file).
scenario_skipped() {
	local why
	why=$(meta not-on-sanitizer "$1")
	if [ -n "$why" ] && kernel_sanitized "$2"; then
		echo "not run on the sanitizer kernel, as its header declares: $why"
	fi
}

# run_scenario FILE [TAG [fdt]]: boot the scenario's first kernel and judge
# the serial log. A scenario that names its kernels ("# kernels: 7.2 7.3")
# runs on those; any other runs on TAG (default 7.3). The first kernel boots
# as kernel_firmware says, or with "fdt" by QEMU's own loader (the run is
# NAME@TAG-fdt). Memory, the command line and the architecture come from
# tests/kernel/kernels.sh; a chain through the sanitizer kernel gets its
# memory and KHO scratch size from the first boot on.
run_scenario() {
	local file=$1 tag=${2:-7.3} fdt=${3:-} firmware name boot kernels append limit mem k specs=() log img st why start
	name=$(basename "$file" .sh)
	kernels=$(meta kernels "$file")
	if [ -n "$kernels" ]; then
		boot=$(meta boot "$file")
	else
		kernels=$tag boot=$tag name=$name@$tag${fdt:+-fdt}
		why=$(scenario_skipped "$file" "$tag")
		if [ -n "$why" ]; then
			echo "NOTE  $name: $why"
			return 0
		fi
	fi
	append="$(meta append "$file")"
	limit=$(meta timeout "$file"); limit=${limit:-120}
	mem=1G
	for k in $kernels; do
		if kernel_sanitized "$k"; then
			mem=$(kernel_memory "$k") limit=$((limit * 3))
		fi
	done
	# arm64 under TCG: each boot takes twice an x86 one, UEFI included.
	[ "$(kernel_arch "$boot")" = arm64 ] && limit=$((limit * 2))
	firmware=$(kernel_firmware "$boot")
	if [ -n "$fdt" ]; then
		# A kernel kexec'd from an FDT boot runs 4 to 8 times slower (kernels.sh).
		firmware= limit=$((limit * 3))
	fi
	# Under UEFI, efi_pstore takes pstore first; it is turned off, as the
	# README says (the guests carry it down the chain, guest-lib.sh).
	[ "$firmware" = uefi ] && append="efi_pstore.pstore_disable=1 $append"
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
	"$TOP/tests/qemu/boot.sh" "$log" "$limit" "${KTREE[$boot]}/$(kernel_image "$boot")" "$img" \
		"$(boot_append "$boot" "$kernels") pkho_kernel=$boot pkho_stage=1 $append" "$mem" \
		"$(kernel_arch "$boot")" "$firmware" || st=$?
	JUDGE_DETAIL="$(($(date +%s) - start)) s" judge_log "$name" "$log" "$st" "$file"
}

# boot_append TAG KERNELS: what the first boot of a run on KERNELS needs.
boot_append() {
	local k words
	words=$(kernel_kho_on "$1")
	for k in $2; do words="$words $(kernel_append "$k")"; done
	echo $words
}

# splat_lines LOG [SCENARIO]: the log, without the lines the scenario says
# the kernel must print ("# kernel-says: ERE": a scenario that makes KHO
# give up on purpose expects its "disabling kexec handover").
splat_lines() {
	local pats=() p
	if [ -n "${2:-}" ]; then
		while IFS= read -r p; do pats+=(-e "$p"); done < <(meta_all kernel-says "$2")
	fi
	if [ ${#pats[@]} = 0 ]; then
		cat "$1"
	else
		grep -Eav "${pats[@]}" "$1" || true
	fi
}

# judge_log NAME LOG QEMU-STATUS [SCENARIO]: one PASS or FAIL line for a
# guest run, and on failure an excerpt of the log. With SCENARIO, the
# checks and expected warnings its header declares are enforced; without
# (guests that are not scenarios), at least one check must have passed.
# JUDGE_DETAIL, if set, is added to the PASS line.
judge_log() {
	local name=$1 log=$2 st=$3 file=${4:-} why=() user checks names declared warns bad missing
	if [ ! -s "$log" ]; then
		t_fail "$name" "no serial log: QEMU did not start (exit status $st)"
		return 0
	fi
	[ "$st" = 124 ] && why+=("timed out")
	[ "$st" != 124 ] && [ "$st" != 0 ] && why+=("QEMU exited with status $st")
	# The guest's own output, without the kernel's: the kernel prints its
	# messages whenever it likes, a whole message at a time, and one may
	# land in the middle of a line of the guest's. With syslog format each
	# starts with "<N>[ time] " and ends with a newline: cut them out and
	# the guest's lines are whole again.
	user=$(tr -d '\r' <"$log" | perl -0777 -pe 's/<\d+>\[[ \d.]+\] [^\n]*\n//g')
	# "ok NAME" and "FAIL NAME", a line each.
	checks=$(echo "$user" | sed -n 's/^PKHO-CHECK \(ok\|FAIL\) /\1 /p')
	names=$(echo "$checks" | sed -n 's/^[a-zA-Z]* //p' | LC_ALL=C sort)
	bad=$(echo "$checks" | sed -n 's/^FAIL //p' | paste -sd' ')
	[ -n "$bad" ] && why+=("failed: $bad")
	bad=$(echo "$names" | uniq -d | paste -sd' ')
	[ -n "$bad" ] && why+=("printed more than once: $bad")
	if [ -n "$file" ]; then
		declared=$(expand_names $(meta_all checks "$file") | LC_ALL=C sort -u)
		if [ -z "$declared" ]; then
			why+=("the scenario declares no checks (# checks:)")
		else
			missing=$(echo "$checks" | sed -n 's/^ok //p' | LC_ALL=C sort -u |
				LC_ALL=C comm -23 <(echo "$declared") - | paste -sd' ')
			[ -n "$missing" ] && why+=("declared checks that did not pass: $missing")
			bad=$(echo "$names" | LC_ALL=C sort -u | LC_ALL=C comm -13 <(echo "$declared") - | grep . | paste -sd' ')
			[ -n "$bad" ] && why+=("undeclared checks: $bad")
		fi
	elif ! echo "$checks" | grep -q '^ok '; then
		why+=("no check ran")
	fi
	splat_lines "$log" "$file" | grep -Eaq "$SPLAT" && why+=("kernel reported a problem")
	warns=$(grep -Eao "$MODULE_WARN.*" "$log" | tr -d '\r' | sed -E "s/^$MODULE_WARN//" |
		grep -v "$MODULE_WARN_ALWAYS" || true)
	if [ -n "$file" ] && [ -n "$warns" ]; then
		while IFS= read -r bad; do
			warns=$(echo "$warns" | grep -Ev -e "$bad" || true)
		done < <(meta_all warns "$file")
	fi
	[ -n "$warns" ] && why+=("warnings of the module: $(echo "$warns" | sort -u | paste -sd'|')")
	echo "$user" | grep -aq '^PKHO-DONE$' || why+=("guest did not finish")
	if [ ${#why[@]} = 0 ]; then
		t_pass "$name" "$(echo "$checks" | grep -c '^ok ') checks${JUDGE_DETAIL:+, $JUDGE_DETAIL}"
		return 0
	fi
	local IFS=';'
	t_fail "$name" "$(echo "${why[*]}" | sed 's/;/; /g')"
	if splat_lines "$log" "$file" | grep -Eaq "$SPLAT"; then
		splat_lines "$log" "$file" | grep -Ea -A12 "$SPLAT" | head -40
	else
		grep -Ea "^PKHO|pstore|kho|$MODULE_WARN" "$log" | tail -25
		echo "--- serial log tail"
		tail -12 "$log"
	fi | tr -d '\r' | sed 's/^/    /'
	return 0
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
	local n line results fails0
	while [ "$POOL_NEXT" -lt "$POOL_N" ] && [ -e "$POOL_DIR/$POOL_NEXT.rc" ]; do
		n=$POOL_NEXT results=0 fails0=$FAILED
		wait "${POOL_PID[n]}" 2>/dev/null
		while IFS= read -r line; do
			account_line "$line" && results=$((results + 1))
		done <"$POOL_DIR/$n.out"
		account_end "${POOL_LABEL[n]}" "$(cat "$POOL_DIR/$n.rc")" "$results" $((FAILED - fails0))
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
