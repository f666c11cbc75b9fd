#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The lockdown lane (issue 19): the 7.0 test kernel booted with
# lockdown=integrity in the systemd guest image of tests/dkms/image.sh, with
# the kernel image and the module signed with the kernel's own key
# (signed.sh); the scenario is guest/lockdown.sh. Prints one PASS/FAIL line.
#
#   tests/lockdown/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib.sh" >/dev/null
out=$top/tests/out/lockdown
dkms=$top/tests/dkms
name=lockdown-7.0
rm -rf "$out"
mkdir -p "$out"
fail() { t_fail $name "$1"; exit 1; }

# The image and the .deb (tests/dkms/guest-image.sh).
img=$("$dkms/guest-image.sh" "$out" 2>"$out/guest-image.err") || fail "$(cat "$out/guest-image.err")"
debdir=${img#*$'\n'} img=${img%%$'\n'*}
signed=$("$here/signed.sh" "$debdir" 2>"$out/signed.log") || fail "signing failed: $(tail -3 "$out/signed.log" | paste -sd' ')"
tree=$("$top/tests/kernel/build.sh" 7.0 2>/dev/null) || fail "the 7.0 test kernel did not build"

tdir=$out/$name.d
mkdir -p "$tdir"
cp "$dkms/guest-tests/lib.sh" "$tdir/lib.sh"
cp "$top/tests/checker/guest/lib.sh" "$tdir/checker-lib.sh"
cp "$here/guest/lockdown.sh" "$tdir/run"
cp "$signed/bzImage.signed" "$signed/pstore_kho.ko" "$tdir/"
log=$out/$name.log
start=$(date +%s)
PKHO_VM_TESTDISK_MB=32 "$dkms/vm.sh" "$log" 900 "$img" "$tdir" "$tree/arch/x86/boot/bzImage" - "lockdown=integrity"
st=$?
JUDGE_DETAIL="$(($(date +%s) - start)) s; module signer: $(cat "$signed/signer")" judge_log $name "$log" "$st" "$here/guest/lockdown.sh"
[ "$FAILED" = 0 ]
