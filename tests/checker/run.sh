#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# pstore-kho-check, each diagnosis in a guest where that fault is real: the
# systemd guest image of tests/dkms/image.sh (a trixie root where apt
# installed the KHO kernels and our .deb) booted under QEMU on the kernel and
# command line each scenario needs. The scenario scripts (guest/) run inside
# at every boot, make a fault real, run the checker as a user would, check
# its verdict, exit status and "do:" line, then apply that "do:" and check
# again. Prints one PASS/FAIL line per scenario.
#
#   tests/checker/run.sh [SCENARIO...]     (default: all)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib.sh" >/dev/null
out=$top/tests/out/checker
dkms=$top/tests/dkms
mkdir -p "$out"

# name | script | kernel tag (or "stock") | command line | firmware
# (pstore_kho.pmsg_size=0: that scenario unloads the module, which holds a
# reference on itself while it has a pmsg front-end, docs/design.md)
scenarios="
kernel-7.3|kernel-7.3.sh|7.3|kho=on pstore_kho.pmsg_size=0|bios
kho-args|kho-args.sh|7.3||bios
stock-kernel|stock.sh|stock||bios
uefi-7.0|uefi-7.0.sh|7.0||uefi
finalize-6.18|finalize-6.18.sh|6.18|kho=on|bios
"
names=$(echo "$scenarios" | cut -d'|' -f1 | grep . | paste -sd' ')
want=${*:-$names}
fail_all() { for n in $want; do t_fail "checker-$n" "$1"; done; exit 1; }

# --- the image (tests/dkms/guest-image.sh).
img=$("$dkms/guest-image.sh" "$out" 2>"$out/guest-image.err") || fail_all "$(cat "$out/guest-image.err")"
img=${img%%$'\n'*}

# run_one NAME SCRIPT TAG APPEND FIRMWARE: one guest, judged (what KHO's own
# log must say there is in the script's "# kernel-says:" header).
run_one() {
	local name=$1 script=$2 tag=$3 append=$4 firmware=$5 tdir kernel initrd tree uefi log start st
	tdir=$out/$name.d
	rm -rf "$tdir"
	mkdir -p "$tdir"
	cp "$dkms/guest-tests/lib.sh" "$tdir/lib.sh"
	cp "$here/guest/lib.sh" "$tdir/checker-lib.sh"
	cp "$here/guest/$script" "$tdir/run"
	if [ "$tag" = stock ]; then
		kernel=$img.d/vmlinuz initrd=$img.d/initrd.img
	else
		tree=$("$top/tests/kernel/build.sh" "$tag" 2>/dev/null) || { t_fail "checker-$name" "the $tag test kernel did not build"; return; }
		kernel=$tree/arch/x86/boot/bzImage initrd=-
	fi
	uefi=
	[ "$firmware" = uefi ] && uefi=1
	log=$out/$name.log
	start=$(date +%s)
	PKHO_VM_UEFI=$uefi "$dkms/vm.sh" "$log" 1500 "$img" "$tdir" "$kernel" "$initrd" "$append"
	st=$?
	JUDGE_DETAIL="$(($(date +%s) - start)) s" judge_log "checker-$name" "$log" "$st" "$here/guest/$script"
}

# Two guests at a time (lib.sh's job pool); results in this order.
while IFS='|' read -r name script tag append firmware; do
	[ -n "$name" ] || continue
	case " $want " in *" $name "*) ;; *) continue ;; esac
	pool_run "checker-$name" run_one "$name" "$script" "$tag" "$append" "$firmware"
done <<<"$scenarios"
pool_wait
t_summary >/dev/null
[ "$FAILED" = 0 ]
