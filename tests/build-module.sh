#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build pstore_kho.ko (and the test helper modules) against one kernel tree,
# in a copy of the sources of its own so kernels do not share object files.
# An arm64 kernel's modules are cross-built (kernels.sh, arch.sh).
#
#   build-module.sh TAG KDIR   -> prints the directory holding the .ko files
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/kernel/kernels.sh"
tag=$1 kdir=$2
make_args=$(arch_make_args "$(kernel_arch "$tag")")
dir=$top/tests/out/mod-$tag
mkdir -p "$dir"
cp -a "$top/Kbuild" "$top/VERSION" "$top/src" "$dir/"
# W=1, and any compiler warning fails: the module is meant to build clean.
make -s -j"$(nproc)" -C "$kdir" M="$dir" $make_args W=1 modules >"$dir/build.log" 2>&1 ||
	{ cat "$dir/build.log" >&2; exit 1; }
if grep -q "warning:" "$dir/build.log"; then
	cat "$dir/build.log" >&2
	exit 1
fi
# Test helpers: their own kbuild directory, with the module's blob code.
mkdir -p "$dir/helpers"
cp -a "$top/tests/helpers/." "$top/src/ser.c" "$top/src/ser.h" "$top/src/ser_crc.h" \
	"$top/src/publish.c" "$top/src/pkho.h" "$top/src/abi" "$top/src/compat" "$dir/helpers/"
# The probes' results for this kernel, from the module's build.
cp -p "$dir/src/compat/generated.h" "$dir/helpers/compat/"
make -s -j"$(nproc)" -C "$kdir" M="$dir/helpers" $make_args modules >"$dir/helpers/build.log" 2>&1 ||
	{ cat "$dir/helpers/build.log" >&2; exit 1; }
cp "$dir/helpers/"*.ko "$dir/"
echo "$dir"
