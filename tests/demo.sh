#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make demo`: boot a KHO kernel under QEMU with pstore_kho loaded, kexec into
# a second one, and print what the second kernel finds in /sys/fs/pstore: the
# end of the first kernel's log, up to the jump.
set -u
. "$(dirname "$0")/lib.sh"

"$TOP/tests/setup/host-deps.sh" >/dev/null || { echo "demo: could not install the host packages" >&2; exit 1; }
prepare_kernel 7.3 || { echo "demo: ${KERR[7.3]}" >&2; exit 1; }
echo "demo: booting kernel A under QEMU, then kexec into kernel B (about 10 s)..."
run_scenario "$TOP/tests/demo-guest.sh" >"$OUT/demo.result"
cat "$OUT/demo.result"
echo
echo "---- what kernel B shows in /sys/fs/pstore ----"
sed -n '/^PKHO-SHOW-BEGIN/,/^PKHO-SHOW-END/p' "$OUT/demo-guest@7.3.log" | sed '1d;$d' | tr -d '\r'
grep -q "^PASS" "$OUT/demo.result"
