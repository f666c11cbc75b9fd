#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The systemd guests' disk, for each lane that boots it (guest.sh,
# tests/checker/, tests/lockdown/), run by make check or alone: our .deb is
# the one tests/dkms/run.sh built and judged (PKHO_DEB_DIR), else one built
# into OUT/deb; then the KHO kernels' .debs (kernel-debs.sh), the trixie root
# (root.sh) and the image (image.sh), each cached. Their logs go to OUT.
#
#   guest-image.sh OUT  -> prints IMAGE, then the .deb's directory, a line
#                          each; or what failed, in one line on stderr, and
#                          exits 1 (PKHO_GUEST_IMAGE: those two lines, from
#                          a lookup made before: printed as they are)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$1
fail() { echo "$1" >&2; exit 1; }
# make check looks the image up once for the nine systemd guests it runs
# (the lookup hashes the kernels' .debs: seconds of CPU each time) and hands
# this script's two lines on in PKHO_GUEST_IMAGE.
if [ -n "${PKHO_GUEST_IMAGE:-}" ] && [ -e "${PKHO_GUEST_IMAGE%%$'\n'*}" ]; then
	printf '%s\n' "$PKHO_GUEST_IMAGE"
	exit 0
fi
mkdir -p "$out"
debdir=${PKHO_DEB_DIR:-}
if [ -z "$debdir" ]; then
	debdir=$out/deb
	"$top/packaging/deb.sh" "$debdir" >"$out/deb.log" 2>&1 ||
		fail "make deb failed: $(tail -3 "$out/deb.log" | paste -sd' ')"
fi
ls "$debdir"/pstore-kho-dkms_*_all.deb >/dev/null 2>&1 || fail "no .deb in $debdir"
declare -A kdeb
for k in 7.3 7.2 7.0 6.18; do
	kdeb[$k]=$("$here/kernel-debs.sh" "$k" 2>"$out/kernel-debs-$k.log") ||
		fail "bindeb-pkg of the $k KHO kernel failed: $(tail -3 "$out/kernel-debs-$k.log" | paste -sd' ')"
done
base=$("$here/root.sh" 2>"$out/root.log") || fail "mmdebstrap failed: $(tail -3 "$out/root.log" | paste -sd' ')"
img=$("$here/image.sh" "$base" "$debdir" "${kdeb[7.3]}" "${kdeb[7.2]}" "${kdeb[7.0]}" "${kdeb[6.18]}" 2>"$out/image.log") ||
	fail "the guest image failed: $(tail -3 "$out/image.log" | paste -sd' ')"
printf '%s\n%s\n' "$img" "$debdir"
