#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# User-space tests of src/ser.c and src/tail.c: the table tests under
# AddressSanitizer and UndefinedBehaviorSanitizer, the mutants they must
# kill (mutants.sh), then libFuzzer on the reader for a bounded time
# starting from the seed corpus kept here.
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

# table_test NAME SOURCE... : build tests/unit/test_NAME.c with SOURCEs
# under ASan and UBSan, run it, one PASS or FAIL line.
table_test() {
	local name=$1
	shift
	if ! gcc $cflags -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o "$out/test_$name" "$here/test_$name.c" "$@" 2>"$out/test_$name.build"; then
		echo "FAIL  unit-$name: does not build: $(head -3 "$out/test_$name.build")"
	elif "$out/test_$name" >"$out/test_$name.log" 2>&1; then
		echo "PASS  unit-$name  ($(tail -1 "$out/test_$name.log"))"
	else
		echo "FAIL  unit-$name: $(grep -v passed "$out/test_$name.log" | head -5 | paste -sd' ')"
	fi
}

# The format's reader and writer (src/ser.c), libfdt checking the handle.
table_test ser $srcs -lz -lfdt
# The kexec-time dump's policy (src/tail.c): the newest lines win.
table_test tail "$top/src/tail.c"

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
