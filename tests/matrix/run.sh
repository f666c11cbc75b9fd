#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Kernel matrix: build the module against every kernel we can get and
# print one PASS/FAIL/SKIP line per kernel.
#
# - KHO test kernels (tests/kernel/build.sh, every one of kernels.sh): built
#   with W=1 and sparse, clean of any warning, with the KHO API form the
#   probes found.
# - Debian's 7.3 release candidate from experimental, if offered: its
#   sources prepared for external modules only (no kernel build), then the
#   same.
# - Debian's stock 6.1 headers (bookworm, KHO off): `make` refuses in one
#   line. (Stock 6.12 and 7.x headers need a trixie root: tests/dkms/.)
#
# Only what Debian does not offer is skipped ("SKIP  name: not-offered: ...",
# see SKIP_REASONS in tests/lib.sh); anything else that keeps a test from
# running fails it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/kernel/kernels.sh"
out=$top/tests/out/matrix
mkdir -p "$out"
sparse=$("$top/tests/setup/sparse.sh" 2>"$out/sparse.log") || sparse=""

# build_clean NAME KDIR [MAKE-ARG]: W=1 + sparse build in a private copy;
# PASS if clean.
build_clean() {
	local name=$1 kdir=$2 extra=${3:-} dir=$out/$1 log
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -a "$top/Kbuild" "$top/VERSION" "$top/src" "$dir/"
	log=$dir/build.log
	if ! make -j"$(nproc)" -C "$kdir" M="$dir" W=1 ${sparse:+C=2 CHECK="$sparse"} $extra modules >"$log" 2>&1; then
		echo "FAIL  matrix-$name: does not build: $(grep -m1 -E 'error|Error' "$log")"
	elif grep -q "warning:" "$log"; then
		echo "FAIL  matrix-$name: warnings: $(grep -m1 'warning:' "$log")"
	elif [ -z "$sparse" ]; then
		echo "FAIL  matrix-$name: built clean with W=1, but no usable sparse (see $out/sparse.log)"
	else
		echo "PASS  matrix-$name  (built, W=1 and sparse clean; $(grep -o 'KHO API .*' "$log"))"
	fi
}

# refused NAME KDIR: `make` must stop with our one line and nothing else.
refused() {
	local name=$1 kdir=$2 dir=$out/$1 log
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -a "$top/Kbuild" "$top/VERSION" "$top/src" "$dir/"
	log=$dir/build.log
	if make -C "$kdir" M="$dir" modules >"$log" 2>&1; then
		echo "FAIL  matrix-$name: built, but it has no KHO"
	elif [ "$(grep -c '\*\*\*' "$log")" -ge 1 ] && grep -q '\*\*\* pstore_kho: kernel .* is built without CONFIG_KEXEC_HANDOVER=y' "$log" &&
		! grep -q "error:" "$log"; then
		echo "PASS  matrix-$name  (refused as expected: $(grep -o 'pstore_kho: kernel .*needs' "$log"))"
	else
		echo "FAIL  matrix-$name: not refused cleanly: $(grep -m1 -E 'error|\*\*\*' "$log")"
	fi
}

for v in $PKHO_KERNELS; do
	if tree=$("$top/tests/kernel/build.sh" "$v" 2>>"$out/kernels.log"); then
		# arm64 kernels: cross-built (tests/kernel/arch.sh).
		build_clean "kho-$v" "$tree" "$(arch_make_args "$(kernel_arch "$v")")"
	else
		echo "FAIL  matrix-kho-$v: the test kernel did not build (see $out/kernels.log)"
	fi
done

# The release candidate: the same package name as the release, so its .deb
# is unpacked, not installed. apt-cache answers nothing, with status 0, also
# when its lists are missing: only if it knows the release (the 7.3 test
# kernel's source) does no candidate mean Debian offers none.
versions=$(apt-cache madison linux-source-7.3 2>&1)
rc=$(echo "$versions" | awk '$3 ~ /~rc/ { print $3; exit }')
if ! echo "$versions" | grep -q '^ *linux-source-7.3 |'; then
	echo "FAIL  matrix-kho-7.3-rc: apt knows no linux-source-7.3 at all, its lists are missing or broken: $(echo "$versions" | head -2 | paste -sd' ')"
elif [ -z "$rc" ]; then
	echo "SKIP  matrix-kho-7.3-rc: not-offered: Debian offers no 7.3 release candidate"
elif tree=$("$top/tests/matrix/prepare-rc.sh" 7.3 "$rc" 2>"$out/rc.log"); then
	# Prepared, not built: no Module.symvers, so modpost cannot check links.
	build_clean "kho-$rc" "$tree" KBUILD_MODPOST_WARN=1
else
	echo "FAIL  matrix-kho-$rc: could not prepare its sources (see $out/rc.log)"
fi

hdr=$("$top/tests/matrix/stock-headers.sh" 6.1 2>"$out/stock-6.1.log")
case $? in
0) refused "stock-6.1" "$hdr" ;;
2) echo "SKIP  matrix-stock-6.1: not-offered: $(tail -1 "$out/stock-6.1.log")" ;;
*) echo "FAIL  matrix-stock-6.1: Debian's 6.1 headers could not be installed: $(tail -2 "$out/stock-6.1.log" | paste -sd' ')" ;;
esac

# checkpatch.pl --strict of the 7.3 sources on src/ (checkpatch.sh: run from
# that tree, so that the kernel's own names are known as such).
if tree=$("$top/tests/kernel/build.sh" 7.3 2>>"$out/kernels.log"); then
	ksrc=$(sed -n 's/^include \(.*\)\/Makefile$/\1/p' "$tree/Makefile")
	if "$top/tests/matrix/checkpatch.sh" "$ksrc" >"$out/checkpatch.log" 2>&1; then
		echo "PASS  checkpatch  ($(tail -1 "$out/checkpatch.log"))"
	else
		echo "FAIL  checkpatch: $(head -3 "$out/checkpatch.log" | paste -sd' ')"
	fi
else
	echo "FAIL  checkpatch: the 7.3 test kernel did not build"
fi
