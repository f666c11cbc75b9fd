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
kho-off|kho-off.sh|7.3||bios
kho-scratch|kho-scratch.sh|7.3|kho=on kho_scratch=1G,1G,1G|bios
stock-kernel|stock.sh|stock||bios
uefi-7.0|uefi-7.0.sh|7.0||uefi
finalize-6.18|finalize-6.18.sh|6.18|kho=on|bios
"
names=$(echo "$scenarios" | cut -d'|' -f1 | grep . | paste -sd' ')
want=${*:-$names}
fail_all() { for n in $want; do t_fail "checker-$n" "$1"; done; exit 1; }

# --- the image: our .deb, the KHO kernels' .debs, the trixie root.
# make check passes the directory where tests/dkms/run.sh just built and
# judged the .deb (PKHO_DEB_DIR); run alone, this builds its own.
debdir=${PKHO_DEB_DIR:-}
if [ -z "$debdir" ]; then
	debdir=$out/deb
	"$top/packaging/deb.sh" "$debdir" >"$out/deb.log" 2>&1 || fail_all "make deb failed: $(tail -3 "$out/deb.log" | paste -sd' ')"
fi
ls "$debdir"/pstore-kho-dkms_*_all.deb >/dev/null 2>&1 || fail_all "no .deb in $debdir"
declare -A kdeb
for k in 7.3 7.2 7.0 6.18; do
	kdeb[$k]=$("$dkms/kernel-debs.sh" "$k" 2>"$out/kernel-debs-$k.log") ||
		fail_all "bindeb-pkg of the $k KHO kernel failed: $(tail -3 "$out/kernel-debs-$k.log" | paste -sd' ')"
done
base=$("$dkms/root.sh" 2>"$out/root.log") || fail_all "mmdebstrap failed: $(tail -3 "$out/root.log" | paste -sd' ')"
img=$("$dkms/image.sh" "$base" "$debdir" "${kdeb[7.3]}" "${kdeb[7.2]}" "${kdeb[7.0]}" "${kdeb[6.18]}" 2>"$out/image.log") ||
	fail_all "the guest image failed: $(tail -3 "$out/image.log" | paste -sd' ')"

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
