#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make check`: every test, ending with "N passed, N failed, N skipped" (the
# only such line). A test that cannot run fails, unless its reason is one
# of SKIP_REASONS in tests/lib.sh.
set -u
. "$(dirname "$0")/lib.sh"

"$TOP/tests/setup/host-deps.sh" || { t_fail host-deps "could not install the host packages"; t_summary; exit 1; }

run_lines "$TOP/tests/unit/run.sh" 20
# The host's judgement of a serial log, on made-up logs: it must fail each
# kind of broken run.
run_lines "$TOP/tests/qemu/judge-selftest.sh"

# A kernel or module that does not build fails every scenario on it.
build_kernels $PKHO_KERNELS
for k in $PKHO_KERNELS; do
	prepare_kernel "$k" || echo "note: ${KERR[$k]}"
done

run_lines "$TOP/tests/matrix/run.sh"

# QEMU guests, two at a time (lib.sh's job pool; results in this order).
# Single-kernel scenarios run on every test kernel (7.2 is the sanitizer
# kernel: KASAN, UBSAN, kmemleak, lockdep; any report fails), except where
# a scenario's header declares it does not run on the sanitizer kernel;
# multi-kernel ones run once. Those whose header says "# fdt:" run once
# more on the kernels that boot through UEFI (arm64, kernel_firmware),
# booted by QEMU's own loader with its device tree.
for f in "$TOP"/tests/scenarios/*.sh; do
	n=$(basename "$f" .sh)
	if [ -n "$(meta kernels "$f")" ]; then
		pool_run "$n" run_scenario "$f"
		continue
	fi
	for k in $PKHO_KERNELS; do
		pool_run "$n@$k" run_scenario "$f" "$k"
		if [ -n "$(meta fdt "$f")" ] && [ -n "$(kernel_firmware "$k")" ]; then
			pool_run "$n@$k-fdt" run_scenario "$f" "$k" fdt
		fi
	done
done
pool_wait

# Not in the pool: it builds the module again in tests/out/mod-7.3, which
# the scenarios' initramfs images are packed from.
run_lines "$TOP/tests/bench/smoke.sh"
run_lines "$TOP/tests/dkms/run.sh"
# pstore-kho-check's diagnoses, each in a guest where that fault is real
# (the systemd guests share the dkms tests' .deb and cached image).
PKHO_DEB_DIR=$OUT/dkms/deb run_lines "$TOP/tests/checker/run.sh"
t_summary
[ "$FAILED" = 0 ]
