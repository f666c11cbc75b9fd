# SPDX-License-Identifier: GPL-2.0-only
# Shared by the test drivers: result accounting, kernels and modules, and
# running a QEMU scenario.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$TOP/tests/out
mkdir -p "$OUT"
PASSED=0 FAILED=0 SKIPPED=0

t_pass() { PASSED=$((PASSED + 1)); echo "PASS  $1${2:+  ($2)}"; }
t_fail() { FAILED=$((FAILED + 1)); echo "FAIL  $1: $2"; }
t_skip() { SKIPPED=$((SKIPPED + 1)); echo "SKIP  $1: $2"; }
t_summary() { echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"; }

# Kernel trees and module directories by tag ("7.3", "7.2", "7.3-sanitize").
declare -A KTREE MODDIR KERR

# prepare_kernel TAG VERSION VARIANT: build or reuse the kernel and build the
# module against it. On failure KERR[TAG] says why.
prepare_kernel() {
	local tag=$1 version=$2 variant=$3 tree dir
	if ! tree=$("$TOP/tests/kernel/build.sh" "$version" "$variant"); then
		KERR[$tag]="kernel $version/$variant did not build"
		return 1
	fi
	KTREE[$tag]=$tree
	if ! dir=$("$TOP/tests/build-module.sh" "$tag" "$tree"); then
		KERR[$tag]="module did not build against $version/$variant"
		return 1
	fi
	MODDIR[$tag]=$dir
}

# Header fields of a scenario: "# NAME: value".
meta() { sed -n "s/^# $1: //p" "$2" | head -1; }

# Kernel splats and KHO giving up: any of these fails a scenario.
SPLAT='BUG:|WARNING:|Oops|Kernel panic|general protection|Call Trace|KASAN|UBSAN|unreferenced object|possible recursive locking|circular locking|lock held when returning|sleeping function called from invalid context|disabling kexec handover'

# run_scenario FILE [TAG]: boot the scenario's first kernel and judge the
# serial log. With TAG, run it on that kernel alone (the sanitizer kernel:
# more memory, an explicit KHO scratch size, and more time).
run_scenario() {
	local file=$1 only=${2:-} name boot kernels append limit mem tag specs=() log img st
	name=$(basename "$file" .sh)
	boot=$(meta boot "$file"); boot=${boot:-7.3}
	kernels=$(meta kernels "$file"); kernels=${kernels:-$boot}
	append=$(meta append "$file")
	limit=$(meta timeout "$file"); limit=${limit:-120}
	mem=$(meta memory "$file"); mem=${mem:-1G}
	if [ -n "$only" ]; then
		[ "$kernels" = 7.3 ] || { t_skip "$name@$only" "needs kernels $kernels"; return; }
		if [ -n "$(meta sanitize "$file")" ]; then
			t_skip "$name@$only" "$(meta sanitize "$file")"
			return
		fi
		name=$name@$only boot=$only kernels=$only mem=2G limit=$((limit * 3))
		# KASAN's shadow inflates KHO's default scratch beyond what 2 GiB holds.
		append="$append kho_scratch=16M,256M,256M"
	fi
	for tag in $kernels; do
		if [ -z "${MODDIR[$tag]:-}" ]; then
			t_skip "$name" "${KERR[$tag]:-kernel $tag not prepared}"
			return
		fi
		specs+=("$tag=${KTREE[$tag]}/arch/x86/boot/bzImage:$(ls "${MODDIR[$tag]}"/*.ko | paste -sd,)")
	done
	log=$OUT/$name.log
	img=$OUT/$name.cpio
	"$TOP/tests/qemu/initramfs.sh" "$img" "${KTREE[$boot]}/usr/gen_init_cpio" "$file" "${specs[@]}"
	"$TOP/tests/qemu/boot.sh" "$log" "$limit" "${KTREE[$boot]}/arch/x86/boot/bzImage" "$img" \
		"kho=on pkho_kernel=$boot pkho_stage=1 $append" "$mem"
	st=$?
	judge_log "$name" "$log" "$st"
}

# judge_log NAME LOG QEMU-STATUS
judge_log() {
	local name=$1 log=$2 st=$3 oks fails
	oks=$(grep -c "^PKHO-CHECK ok" "$log")
	fails=$(grep "^PKHO-CHECK FAIL" "$log")
	if [ "$st" = 124 ]; then
		t_fail "$name" "timed out; serial log tail:"; tail -25 "$log" | sed 's/^/    /'
	elif [ -n "$fails" ]; then
		t_fail "$name" "$(echo "$fails" | sed 's/^PKHO-CHECK FAIL //' | paste -sd' ')"
		grep -E "^PKHO|pstore|kho" "$log" | tail -40 | sed 's/^/    /'
	elif grep -Eq "$SPLAT" "$log"; then
		t_fail "$name" "kernel reported a problem:"
		grep -E -A12 "$SPLAT" "$log" | head -40 | sed 's/^/    /'
	elif ! grep -q "^PKHO-DONE" "$log"; then
		t_fail "$name" "guest did not finish (exit $st); serial log tail:"
		tail -25 "$log" | sed 's/^/    /'
	elif [ "$oks" = 0 ]; then
		t_fail "$name" "no check ran"
	else
		t_pass "$name" "$oks checks"
	fi
}

# Account the PASS/FAIL/SKIP lines another test script prints, and echo them.
run_lines() {
	local line
	while IFS= read -r line; do
		echo "$line"
		case "$line" in
		"PASS  "*) PASSED=$((PASSED + 1)) ;;
		"FAIL  "*) FAILED=$((FAILED + 1)) ;;
		"SKIP  "*) SKIPPED=$((SKIPPED + 1)) ;;
		esac
	done < <("$@")
}
