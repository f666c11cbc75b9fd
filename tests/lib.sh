# SPDX-License-Identifier: GPL-2.0-only
# Shared by the test drivers: result accounting, kernels and modules, and
# running a QEMU scenario.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$TOP/tests/out
mkdir -p "$OUT"
. "$TOP/tests/kernel/kernels.sh"
PASSED=0 FAILED=0 SKIPPED=0

t_pass() { PASSED=$((PASSED + 1)); echo "PASS  $1${2:+  ($2)}"; }
t_fail() { FAILED=$((FAILED + 1)); echo "FAIL  $1: $2"; }
t_skip() { SKIPPED=$((SKIPPED + 1)); echo "SKIP  $1: $2"; }
t_summary() { echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"; }

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
		KERR[$tag]="module did not build against kernel $tag"
		return 1
	fi
	MODDIR[$tag]=$dir
}

# Header fields of a scenario: "# NAME: value".
meta() { sed -n "s/^# $1: //p" "$2" | head -1; }

# Kernel splats and KHO giving up: any of these fails a scenario.
SPLAT='BUG:|WARNING:|Oops|Kernel panic|general protection|Call Trace|KASAN|UBSAN|unreferenced object|possible recursive locking|circular locking|lock held when returning|sleeping function called from invalid context|disabling kexec handover'

# run_scenario FILE [TAG]: boot the scenario's first kernel and judge the
# serial log. A scenario that names its kernels ("# kernels: 7.2 7.3") runs
# on those; any other runs on TAG (default 7.3). Memory and the command line
# come from tests/kernel/kernels.sh; a chain through the sanitizer kernel
# gets its memory and KHO scratch size from the first boot on.
run_scenario() {
	local file=$1 tag=${2:-7.3} name boot kernels append limit mem k specs=() log img st
	name=$(basename "$file" .sh)
	kernels=$(meta kernels "$file")
	if [ -n "$kernels" ]; then
		boot=$(meta boot "$file")
	else
		kernels=$tag boot=$tag name=$name@$tag
	fi
	append="$(meta append "$file")"
	limit=$(meta timeout "$file"); limit=${limit:-120}
	mem=1G
	for k in $kernels; do
		if kernel_sanitized "$k"; then
			mem=$(kernel_memory "$k") limit=$((limit * 3))
		fi
	done
	for k in $kernels; do
		if [ -z "${MODDIR[$k]:-}" ]; then
			t_skip "$name" "${KERR[$k]:-kernel $k not prepared}"
			return
		fi
		specs+=("$k=${KTREE[$k]}/arch/x86/boot/bzImage:$(ls "${MODDIR[$k]}"/*.ko | paste -sd,)")
	done
	log=$OUT/$name.log
	img=$OUT/$name.cpio
	"$TOP/tests/qemu/initramfs.sh" "$img" "${KTREE[$boot]}/usr/gen_init_cpio" "$file" "${specs[@]}"
	"$TOP/tests/qemu/boot.sh" "$log" "$limit" "${KTREE[$boot]}/arch/x86/boot/bzImage" "$img" \
		"$(boot_append "$boot" "$kernels") pkho_kernel=$boot pkho_stage=1 $append" "$mem"
	st=$?
	judge_log "$name" "$log" "$st"
}

# boot_append TAG KERNELS: what the first boot of a run on KERNELS needs.
boot_append() {
	local k words
	words=$(kernel_kho_on "$1")
	for k in $2; do words="$words $(kernel_append "$k")"; done
	echo $words
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
