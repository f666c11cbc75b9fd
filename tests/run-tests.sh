#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make check`: every test, ending with "N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"

"$TOP/tests/setup/host-deps.sh" || { t_fail host-deps "could not install the host packages"; t_summary; exit 1; }

run_lines "$TOP/tests/unit/run.sh" 20

for spec in "7.3 7.3 plain" "7.2 7.2 plain" "7.3-sanitize 7.3 sanitize"; do
	set -- $spec
	prepare_kernel "$1" "$2" "$3" || echo "note: ${KERR[$1]}"
done

run_lines "$TOP/tests/matrix/run.sh"

for f in "$TOP"/tests/scenarios/*.sh; do
	run_scenario "$f"
done

# The same scenarios on the sanitizer kernel (KASAN, UBSAN, kmemleak,
# lockdep, atomic-sleep checks, KHO debug checks): any report fails.
for f in "$TOP"/tests/scenarios/*.sh; do
	if [ -n "${MODDIR[7.3-sanitize]:-}" ]; then
		run_scenario "$f" 7.3-sanitize
	else
		t_skip "$(basename "$f" .sh)@7.3-sanitize" "${KERR[7.3-sanitize]:-not prepared}"
	fi
done

run_lines "$TOP/tests/bench/smoke.sh"
run_lines "$TOP/tests/dkms/run.sh"
t_summary
[ "$FAILED" = 0 ]
