#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# User-space tests of src/ser.c: the table tests under AddressSanitizer and
# UndefinedBehaviorSanitizer, the mutants they must kill (mutants.sh), then
# libFuzzer for a bounded time starting from the seed corpus kept here.
# Prints one PASS/FAIL line per test.
#
#   run.sh [FUZZ_SECONDS]
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/tests/out/unit
seconds=${1:-30}
mkdir -p "$out"
cflags="-g -O1 -Wall -I$here/include -I$top/src"
srcs="$top/src/ser.c"

if gcc $cflags -fsanitize=address,undefined -fno-sanitize-recover=all \
	-o "$out/test_ser" "$here/test_ser.c" $srcs -lz -lfdt 2>"$out/test_ser.build"; then
	if "$out/test_ser" >"$out/test_ser.log" 2>&1; then
		echo "PASS  unit-ser  ($(tail -1 "$out/test_ser.log"))"
	else
		echo "FAIL  unit-ser: $(grep -v passed "$out/test_ser.log" | head -5 | paste -sd' ')"
	fi
else
	echo "FAIL  unit-ser: does not build: $(head -3 "$out/test_ser.build")"
fi

# The kexec-time dump's policy (src/tail.c): the newest lines win.
if gcc $cflags -fsanitize=address,undefined -fno-sanitize-recover=all \
	-o "$out/test_tail" "$here/test_tail.c" "$top/src/tail.c" 2>"$out/test_tail.build"; then
	if "$out/test_tail" >"$out/test_tail.log" 2>&1; then
		echo "PASS  unit-tail  ($(tail -1 "$out/test_tail.log"))"
	else
		echo "FAIL  unit-tail: $(grep -v passed "$out/test_tail.log" | head -5 | paste -sd' ')"
	fi
else
	echo "FAIL  unit-tail: does not build: $(head -3 "$out/test_tail.build")"
fi

# Each check of ser.c the table tests must catch, removed one at a time.
"$here/mutants.sh"

if ! clang $cflags -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-o "$out/fuzz_ser" "$here/fuzz_ser.c" $srcs -lz 2>"$out/fuzz_ser.build"; then
	echo "FAIL  fuzz-ser: does not build: $(head -3 "$out/fuzz_ser.build")"
	exit 0
fi
# New inputs go to out/, so the seed corpus in the tree stays as reviewed.
mkdir -p "$out/corpus"
if "$out/fuzz_ser" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 \
	"$out/corpus" "$here/corpus" >"$out/fuzz_ser.log" 2>&1; then
	echo "PASS  fuzz-ser  ($(grep -o 'Done [0-9]* runs in [0-9]* second' "$out/fuzz_ser.log"))"
else
	echo "FAIL  fuzz-ser: $(grep -m1 -E 'ERROR|SUMMARY' "$out/fuzz_ser.log")"
fi
