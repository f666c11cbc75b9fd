#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# checkpatch.pl --strict on every source file of src/, as the kernel's
# maintainers run it: from the kernel source tree KSRC. Only from there does
# checkpatch read the kernel's headers and know zlib_deflateInit() and its
# kin as the kernel's own names; run from this checkout it takes our .git
# for the kernel's, finds no headers, and would report them as our
# CamelCase (the checkout's .checkpatch.conf, read only there, turns that
# check off; from the kernel tree it stays on, for CamelCase of ours).
# Prints what checkpatch says and exits non-zero if it said anything; when
# clean, prints how many files it read.
#
#   checkpatch.sh KSRC      (make checkpatch KSRC=...)
set -u
ksrc=${1:?usage: checkpatch.sh KERNEL-SOURCE-TREE}
top=$(cd "$(dirname "$0")/../.." && pwd)
[ -x "$ksrc/scripts/checkpatch.pl" ] || { echo "checkpatch.sh: no scripts/checkpatch.pl in $ksrc" >&2; exit 2; }
# The sources, not what a build wrote beside them (src/compat/generated.h).
files=$(cd "$top" && ls src/*.c src/*.h src/abi/*.h src/compat/*.h src/compat/probes/*.c |
	grep -vx src/compat/generated.h)
said=$(cd "$ksrc" && ./scripts/checkpatch.pl --strict --terse --no-summary -f \
	$(for f in $files; do echo "$top/$f"; done) 2>&1)
if [ -n "$said" ]; then
	echo "$said"
	exit 1
fi
echo "$(echo $files | wc -w) files of src/, --strict: no error, warning or check"

