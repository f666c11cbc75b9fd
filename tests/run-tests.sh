#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make check`: every test, ending with "N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"

"$TOP/tests/setup/host-deps.sh" || { t_fail host-deps "could not install the host packages"; t_summary; exit 1; }

run_lines "$TOP/tests/unit/run.sh" 20

for k in $PKHO_KERNELS; do
	prepare_kernel "$k" || echo "note: ${KERR[$k]}"
done

run_lines "$TOP/tests/matrix/run.sh"

# Single-kernel scenarios on every kernel (7.2 is the sanitizer kernel:
# KASAN, UBSAN, kmemleak, lockdep; any report fails), multi-kernel ones once.
for f in "$TOP"/tests/scenarios/*.sh; do
	if [ -n "$(meta kernels "$f")" ]; then
		run_scenario "$f"
		continue
	fi
	for k in $PKHO_KERNELS; do
		run_scenario "$f" "$k"
	done
done

run_lines "$TOP/tests/bench/smoke.sh"
run_lines "$TOP/tests/dkms/run.sh"
t_summary
[ "$FAILED" = 0 ]
