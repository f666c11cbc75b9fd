#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make check`: every test, ending with "N passed, N failed, N skipped" (the
# only such line). A test that cannot run fails, unless its reason is one
# of SKIP_REASONS in tests/lib.sh. The run keeps to a global deadline
# (PKHO_DEADLINE, tests/deadline.sh) and says how long each phase took
# ("TIME  phase: N s").
set -u
. "$(dirname "$0")/lib.sh"

host_deps() {
	before_deadline "$TOP/tests/setup/host-deps.sh" && return 0
	t_fail host-deps "could not install the host packages"
	t_summary
	exit 1
}

# A kernel or module that does not build fails every scenario on it.
# The Debian roots of the later phases are made meanwhile (make_roots).
prepare_kernels() {
	local k roots
	make_roots &
	roots=$!
	phase kernel-builds-parallel build_kernels $PKHO_KERNELS
	wait "$roots"
	for k in $PKHO_KERNELS; do
		phase "kernel $k" prepare_kernel "$k" || echo "note: ${KERR[$k]}"
	done
}

# make_roots: the Debian roots (cached) the packages phase installs into
# (tests/dkms/root.sh: trixie, its lintian root, bookworm) and the guests'
# user space (tests/setup/guest-root.sh), made beside the kernel builds: on a
# fresh machine mmdebstrap and apt wait on the archive and on dpkg more than
# on the CPU, and the builds keep the cores busy meanwhile. A root that
# fails here is made again where it is used, which says why; its log is
# tests/out/.roots.log.
make_roots() {
	local start=$SECONDS
	{
		"$TOP/tests/dkms/root.sh" &&
			"$TOP/tests/dkms/root.sh" lintian &&
			"$TOP/tests/dkms/root.sh" --suite bookworm &&
			"$TOP/tests/setup/guest-root.sh" x86_64 &&
			"$TOP/tests/setup/guest-root.sh" arm64
	} >"$OUT/.roots.log" 2>&1 || echo "note: a Debian root failed beside the kernel builds (tests/out/.roots.log); made again where it is used"
	echo "TIME  Debian roots (beside the kernel builds): $((SECONDS - start)) s"
}

selftests() {
	run_lines "$TOP/tests/qemu/judge-selftest.sh"
	run_lines "$TOP/tests/qemu/deadline-selftest.sh"
}

# Fail fast: a short run of each kernel first (tests/qemu/smoke.sh). A
# kernel that does not boot or load the module there fails every scenario
# on it at once, with the smoke run's result above to say why.
smoke_kernels() {
	local k
	rm -f "$OUT"/.smoke-failed.*
	for k in $PKHO_KERNELS; do
		[ -z "${MODDIR[$k]:-}" ] || pool_run "smoke@$k" smoke_kernel "$k"
	done
	pool_wait
	for k in $PKHO_KERNELS; do
		[ -e "$OUT/.smoke-failed.$k" ] || continue
		KERR[$k]="kernel $k failed its smoke run (smoke@$k above)"
		unset "MODDIR[$k]"
	done
}
smoke_kernel() {
	local out
	out=$(run_scenario "$TOP/tests/qemu/smoke.sh" "$1")
	echo "$out"
	[[ $out == PASS* ]] || touch "$OUT/.smoke-failed.$1"
}

# guest_seconds: what the scenarios' guests took, by kernel: what each
# kernel's checks cost (KASAN's the most).
guest_seconds() {
	local f
	for f in "$OUT"/.guest-seconds.*; do
		[ -e "$f" ] || continue
		echo "TIME  scenarios on ${f##*.guest-seconds.}: $(wc -l <"$f") runs, $(awk '{ s += $1 } END { print s }' "$f") s of guest time"
	done
}

# QEMU guests, four at a time (lib.sh's job pool, PKHO_SCENARIO_JOBS), the
# longest first by the time each may take (scenario_limit), so that no long
# run is left alone at the end; results in that order. Four: a guest waits
# on its own timers and sleeps for part of its run, and two at a time left
# a third of CI's two cores idle (measured on eight 7.3 scenarios: 192 s at
# two, 166 s at three, 146 s at four, the timing-bound ones passing).
# Single-kernel scenarios run on each test kernel as kernel_scenarios
# (tests/kernel/kernels.sh) declares: all of them on 7.3, the ones that
# reach a KHO API form's own code on the other kernels (one NOTE line per
# kernel names the rest); multi-kernel ones run once. Those whose header
# says "# fdt:" run once more on the arm64 kernel kernel_fdt_too names,
# booted by QEMU's own loader with its device tree (the arm64 kernels boot
# through UEFI otherwise, kernel_firmware). 7.3, 7.0 and 6.18 have
# lockdep and kmemleak, 7.3 UBSAN, 7.2 KASAN (kernel_fragments;
# any report fails a run); the guests check lockdep and kmemleak are on
# where kernel_detectors says so.
scenarios() {
	local f n k label tag fdt runs=()
	local -A left_out=()
	# shellcheck disable=SC2034 # pool_run's, for the calls below
	local PKHO_JOBS=${PKHO_SCENARIO_JOBS:-4}
	rm -f "$OUT"/.guest-seconds.*
	# One line a run: its limit, its name, the scenario, kernel and boot.
	for f in "$TOP"/tests/scenarios/*.sh; do
		n=$(basename "$f" .sh)
		if [ -n "$(meta kernels "$f")" ]; then
			runs+=("$(scenario_limit "$f" 7.3)|$n|$f||")
			continue
		fi
		for k in $PKHO_KERNELS; do
			if ! kernel_runs "$k" "$n"; then
				left_out[$k]+=" $n"
				continue
			fi
			runs+=("$(scenario_limit "$f" "$k")|$n@$k|$f|$k|")
			if [ -n "$(meta fdt "$f")" ] && kernel_fdt_too "$k"; then
				runs+=("$(scenario_limit "$f" "$k" fdt)|$n@$k-fdt|$f|$k|fdt")
			fi
		done
	done
	while IFS="|" read -r _ label f tag fdt; do
		pool_run "$label" run_scenario "$f" ${tag:+"$tag"} ${fdt:+"$fdt"}
	done < <(printf '%s\n' "${runs[@]}" | sort -t'|' -k1,1nr -s)
	pool_wait
	for k in $PKHO_KERNELS; do
		[ -z "${left_out[$k]:-}" ] ||
			account_line "NOTE  subset@$k: not run on $k:${left_out[$k]}: $(kernel_subset_why "$k")"
	done
	guest_seconds
}

phase host-deps host_deps
phase unit run_lines "$TOP/tests/unit/run.sh" 20
# The harness on made-up logs and scripts (no QEMU): the judge must fail
# each kind of broken run, the deadline must end a hung run in a summary.
phase harness-selftests selftests
phase kernel-builds prepare_kernels
phase matrix run_lines "$TOP/tests/matrix/run.sh"
phase kernel-smoke smoke_kernels
phase scenarios scenarios
# Not in the pool: it builds the module again in tests/out/mod-7.3, which
# the scenarios' initramfs images are packed from.
phase bench-smoke run_lines "$TOP/tests/bench/smoke.sh"

# The systemd guests (they boot the image tests/dkms/run.sh makes, with the
# .deb it built and judged), one vCPU each (tests/dkms/vm.sh), never more
# than two at a time (the pool's default): they are busy user space, and on
# CI's two cores a third and fourth guest made each one four times slower,
# not two, and ran them out of time. One pool, the longest first (seconds
# as measured two at a time), so that no long guest is left alone at the
# end: pstore-kho-check's diagnoses, each in a guest where that fault is
# real (tests/checker/); the lockdown lane, 7.0 booted with
# lockdown=integrity, its image and the module signed with the kernel's key
# (tests/lockdown/, four boots); the package on a whole system: loaded at
# boot, systemctl kexec, kexec-tools, a power cycle (tests/dkms/guest.sh).
# Each starts once the image is there (after_image).
systemd_guests() {
	local checker=$TOP/tests/checker/run.sh guest=$TOP/tests/dkms/guest.sh
	pool_run lockdown-7.0 after_image "$TOP/tests/lockdown/run.sh" # 376 s
	pool_run guest-kexec after_image "$guest" guest-kexec # 285
	pool_run checker-uefi-7.0 after_image "$checker" uefi-7.0 # 274
	pool_run guest-power-cycle after_image "$guest" guest-power-cycle # 269
	pool_run checker-kernel-7.3 after_image "$checker" kernel-7.3 # 209
	pool_run checker-kho-args after_image "$checker" kho-args # 167
	pool_run guest-kexec-tools after_image "$guest" guest-kexec-tools # 142
	pool_run checker-finalize-6.18 after_image "$checker" finalize-6.18 # 138
	pool_run checker-stock-kernel after_image "$checker" stock-kernel # 46
	pool_wait
}

# after_image COMMAND...: COMMAND (before the deadline) once tests/dkms/run.sh
# has made the guests' image, or failed to (an empty file), or ended. The
# image's lines go
# to COMMAND in PKHO_GUEST_IMAGE (tests/dkms/guest-image.sh); without them
# each lane looks the image up itself and says why it failed in its result.
after_image() {
	local dir=$OUT/dkms
	while [ ! -e "$dir/guest-image" ] && kill -0 "$PACKAGES_PID" 2>/dev/null; do
		sleep 2
	done
	if [ -s "$dir/guest-image" ]; then
		PKHO_GUEST_IMAGE=$(cat "$dir/guest-image")
		export PKHO_GUEST_IMAGE
	fi
	before_deadline "$@"
}

# The packages and the DKMS path (tests/dkms/run.sh) beside the systemd
# guests: alone it kept about one of the two cores busy (694 s for 728 s of
# CPU), and after it the guests ran two at a time on both. Its guest-image
# step comes early, and the guests start then; its results are printed
# when it ends, after the guests'.
packages_and_guests() {
	local log=$OUT/.packages.log st end start
	start=$(date +%s)
	rm -f "$OUT/dkms/guest-image" "$log.rc"
	( before_deadline "$TOP/tests/dkms/run.sh" </dev/null >"$log" 2>&1
	  echo "$? $(date +%s)" >"$log.rc" ) &
	PACKAGES_PID=$!
	PKHO_DEB_DIR=$OUT/dkms/deb systemd_guests
	wait "$PACKAGES_PID"
	read -r st end <"$log.rc"
	account_output tests/dkms/run.sh "$st" "$log"
	echo "TIME  dkms (beside the systemd guests): $((end - start)) s"
	rm -f "$log" "$log.rc"
}
phase packages-and-systemd-guests packages_and_guests
t_summary
[ "$FAILED" = 0 ]
