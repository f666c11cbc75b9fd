#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The host's judgement, on made-up serial logs and scripts (no QEMU): a
# test that cannot fail proves nothing, so each kind of broken run must
# give FAIL, and a good one PASS. Covers judge_log (declared checks,
# splats, the module's warnings, QEMU's status), the skip policy of
# run_lines, brace expansion of declarations and the job pool's order.
# Prints one PASS or FAIL line.
set -u
. "$(dirname "$0")/../lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
OUT=$tmp
bad=()

# A scenario header as the judge reads it.
cat >"$tmp/scn.sh" <<'EOF'
# checks: load-{1,2} mount
# warns: ^pstore-kho-[0-9]+: refused: 
EOF
printf '# boot: 7.3\n' >"$tmp/nochecks.sh"
# A scenario that declares no warning of the module's.
printf '# checks: load-{1,2} mount\n' >"$tmp/nowarns.sh"
# The same, with kernel messages declared as a scenario would.
cat "$tmp/scn.sh" - >"$tmp/says.sh" <<'EOF'
# kernel-says: ^KHO: disabling KHO revival$
# kernel-says: ^WARNING: CPU: [0-9]+ PID: [0-9]+ at kernel/liveupdate/kexec_handover\.c:[0-9]+ kho_restore_page\+
EOF

# log LINE...: a serial log of those lines, with the console's CRLF.
log() { printf '%s\r\n' "$@" >"$tmp/log"; }
GOOD=("<6>[    1.100000] pstore_kho: loading out-of-tree module taints kernel." \
	"PKHO-CHECK ok load-1" "PKHO-CHECK ok load-2" "PKHO-CHECK ok mount")
# expect PASS|FAIL CASE STATUS [SCENARIO]: judge the log as it is now.
expect() {
	local got
	got=$(judge_log "$2" "$tmp/log" "$3" "${4-$tmp/scn.sh}" | head -1)
	[ "${got%% *}" = "$1" ] || bad+=("$2 (wanted $1, got: $got)")
}

log "${GOOD[@]}" PKHO-DONE;				expect PASS good 0
# Every guest ends with reboot -f, which the kernel says at KERN_EMERG.
log "${GOOD[@]}" PKHO-DONE "<0>[   12.076666] reboot: Restarting system"
							expect PASS reboot 0
log "${GOOD[@]}" PKHO-DONE "<0>[   12.076666] reboot: Restarting system now"
							expect FAIL reboot-plus 0
log "${GOOD[@]:0:3}" PKHO-DONE;				expect FAIL check-never-ran 0
log "${GOOD[@]:0:3}" "PKHO-CHECK FA" "IL mount" PKHO-DONE;	expect FAIL broken-fail-line 0
log "${GOOD[@]:0:3}" "PKHO-CHECK FAIL mount" PKHO-DONE;	expect FAIL check-failed 0
log "${GOOD[@]}" "PKHO-CHECK ok extra" PKHO-DONE;	expect FAIL undeclared 0
log "${GOOD[@]}" "PKHO-CHECK ok mount" PKHO-DONE;	expect FAIL twice 0
log "${GOOD[@]}";					expect FAIL not-done 0
log "${GOOD[@]}" PKHO-DONE;				expect FAIL timeout 124
log "${GOOD[@]}" PKHO-DONE;				expect FAIL qemu-status 1
rm -f "$tmp/log";					expect FAIL no-log 1
log "${GOOD[@]}" PKHO-DONE;				expect FAIL no-declaration 0 "$tmp/nochecks.sh"
for splat in \
	"<3>[   30.000000] rcu: INFO: rcu_preempt self-detected stall on CPU" \
	"<3>[   30.000000] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:" \
	"<0>[   30.000000] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [insmod:80]" \
	"<3>[    2.000000] pstore: backend (kho) writing error (-28)" \
	"unreferenced object 0xffff888003c1e000 (size 64):" \
	"<4>[    2.000000] WARNING: CPU: 0 PID: 1 at mm/page_alloc.c:4000 foo+0x1/0x2"; do
	log "${GOOD[@]}" "$splat" PKHO-DONE;		expect FAIL "splat: $splat" 0
done
# What a kernel says when something went wrong: a report anywhere in the
# log, or a complaint (any message at KERN_ERR or more severe; KHO's,
# pstore's and the module's at KERN_WARNING too).
for complaint in \
	"<4>[    0.000000] KHO: disabling KHO revival" \
	"<4>[    0.000000] KHO: setup: handover FDT (0x10b4f000) is invalid: -22" \
	"<3>[    0.100000] KHO: failed to get preserved memory bitmaps" \
	"<4>[    2.000000] pstore: failed to create 1 record(s) from 'kho'" \
	"<3>[    2.000000] pstore: zlib_inflate() failed, ret = -3!" \
	"<1>[    3.000000] BUG: kernel NULL pointer dereference, address: 0000000000000010" \
	"<4>[    3.000000] Oops: general protection fault, probably for non-canonical address 0xdffffc0000000001: 0000 [#1] SMP KASAN NOPTI" \
	"<0>[    3.000000] Kernel panic - not syncing: Fatal exception" \
	"<3>[    3.000000] BUG: KASAN: slab-out-of-bounds in pkho_in_fetch+0x2a/0x300 [pstore_kho]" \
	"<3>[    3.000000] Read of size 8 at addr ffff888003c1e000 by task insmod/80" \
	"<3>[    3.000000] UBSAN: shift-out-of-bounds in src/ser.c:157:3" \
	"<4>[    3.000000] WARNING: possible circular locking dependency detected" \
	"<3>[    1.000000] virtio_blk virtio1: [vda] cannot read the partition table"; do
	log "${GOOD[@]:0:3}" "PKHO-CHECK ok mo$complaint" unt PKHO-DONE
							expect FAIL "complaint: $complaint" 0
done
# Declared by the scenario: exactly what it names, a WARNING with its report.
WARN_BLOCK=("<4>[    2.000000] ------------[ cut here ]------------" \
	"<4>[    2.000000] WARNING: CPU: 1 PID: 80 at kernel/liveupdate/kexec_handover.c:529 kho_restore_page+0x9c/0xb0" \
	"<4>[    2.000000] Call Trace:" "<4>[    2.000000]  <TASK>" "<4>[    2.000000]  kho_restore_pages+0x3d/0x90" \
	"<4>[    2.000000]  </TASK>" "<4>[    2.000000] ---[ end trace 0000000000000000 ]---")
log "${GOOD[@]}" "<4>[    0.000000] KHO: disabling KHO revival" PKHO-DONE
							expect PASS declared-kernel-line 0 "$tmp/says.sh"
log "${GOOD[@]}" "<4>[    0.000000] KHO: disabling KHO revival now" PKHO-DONE
							expect FAIL declared-line-plus 0 "$tmp/says.sh"
log "${GOOD[@]}" "${WARN_BLOCK[@]}" PKHO-DONE;		expect PASS declared-warning-report 0 "$tmp/says.sh"
log "${GOOD[@]}" "${WARN_BLOCK[@]}" PKHO-DONE;		expect FAIL undeclared-warning-report 0
log "${GOOD[@]}" "${WARN_BLOCK[@]}" "<4>[    3.000000] Call Trace:" PKHO-DONE
							expect FAIL trace-after-declared-report 0 "$tmp/says.sh"
# Not complaints: information, and user space's lines in /dev/kmsg.
log "${GOOD[@]}" "<6>[    0.000000] KHO: found kexec handover data." \
	"<5>[    1.000000] pstore: Using crash dump compression: deflate" \
	"<4>[    1.000000] platform: a warning of no interest here" \
	"<12>[    2.000000] pstore_kho: written by user space" \
	"<11>[    2.000000] pstore: an error written by user space" PKHO-DONE
							expect PASS not-complaints 0
log "${GOOD[@]}" "<4>[    2.000000] pstore_kho: cannot hand this kernel's log to the next one: -EEXIST" PKHO-DONE
							expect FAIL undeclared-warning 0
log "${GOOD[@]}" "<3>[    2.000000] pstore_kho: records=0 is out of range [1, 64]" PKHO-DONE
							expect FAIL undeclared-error 0
log "${GOOD[@]}" "<4>[    2.000000] pstore_kho: cannot hand this kernel's log to the next one: -EEXIST" PKHO-DONE
							expect FAIL warning-none-declared 0 "$tmp/nowarns.sh"
log "${GOOD[@]}" "${WARN_BLOCK[@]}" PKHO-DONE;		expect FAIL warning-report-none-declared 0 "$tmp/nowarns.sh"
log "${GOOD[@]:0:3}" "PKHO-CHECK ok mo<4>[    2.000000] pstore_kho: cannot keep pmsg output" unt PKHO-DONE
							expect FAIL warning-mid-line 0
# A kernel message in the middle of a check line: the line is whole again
# once it is cut out, an ok as an ok, a FAIL as a FAIL.
log "${GOOD[@]:0:3}" "PKHO-CHECK ok mo<6>[    1.956095] pstore: Using crash dump compression: deflate" unt PKHO-DONE
							expect PASS kernel-line-in-check 0
log "${GOOD[@]:0:3}" "PKHO-CHECK FA<6>[    1.956095] pstore: Using crash dump compression: deflate" "IL mount" PKHO-DONE
							expect FAIL kernel-line-in-fail 0
log "${GOOD[@]}" "<4>[    2.000000] pstore_kho: pstore-kho-1: refused: bad header size" PKHO-DONE
							expect PASS declared-warning 0
log "${GOOD[@]}" "<6>[    2.000000] pstore_kho: 1 record(s) from 1 previous kernel(s)" PKHO-DONE
							expect PASS info-message 0
# Guests that are not scenarios (bench, dkms): at least one check.
log "PKHO-CHECK ok load" PKHO-DONE;			expect PASS legacy 0 ""
log "PKHO: no checks" PKHO-DONE;			expect FAIL legacy-no-check 0 ""

# Declarations: braces as bash expands them.
got=$(expand_names load-{1..3} '{a,b}-{x,y}' plain | paste -sd' ')
[ "$got" = "load-1 load-2 load-3 a-x a-y b-x b-y plain" ] || bad+=("expand_names gave: $got")
got=$(expand_names 'load-{1..3}' | paste -sd' ')
[ "$got" = "load-1 load-2 load-3" ] || bad+=("expand_names gave: $got")

# run_lines: a skip must name an allowed reason; an exit status or a
# script without a result line must not go unnoticed.
# lines SCRIPT-BODY: the counters after run_lines on that script.
lines() {
	printf '%s\n' "$1" >"$tmp/t.sh"
	(PASSED=0 FAILED=0 SKIPPED=0 NOTED=0; run_lines bash "$tmp/t.sh" >/dev/null; t_summary | paste -sd' ')
}
want() { [ "$2" = "$3" ] || bad+=("run_lines, $1: $2, wanted $3"); }
want allowed-skip "$(lines 'echo "SKIP  a: not-offered: no rc"')" "0 passed, 0 failed, 1 skipped"
want free-skip "$(lines 'echo "SKIP  a: the kernel did not build"')" "0 passed, 1 failed, 0 skipped"
want status "$(lines 'echo "PASS  a"; exit 3')" "1 passed, 1 failed, 0 skipped"
want silent "$(lines 'exit 0')" "0 passed, 1 failed, 0 skipped"
want note "$(lines 'echo "NOTE  a: not run by design"')" "1 not run by design (the NOTE lines: the declared matrix) 0 passed, 0 failed, 0 skipped"
want fail-and-status "$(lines 'echo "FAIL  a: x"; exit 1')" "0 passed, 1 failed, 0 skipped"

# A skip for what Debian does not offer must not hide apt failing: with no
# package lists at all, looking up the stock headers is a failure (status
# 1), not a skip (2). No dpkg status either: apt lists what is installed
# even without package lists (a host that already has stock headers).
mkdir -p "$tmp/lists/partial"
: >"$tmp/dpkg-status"
printf 'Dir::State::Lists "%s/lists/";\nDir::State::status "%s/dpkg-status";\nDir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n' "$tmp" "$tmp" >"$tmp/apt.conf"
APT_CONFIG=$tmp/apt.conf "$TOP/tests/matrix/stock-headers.sh" 6.1 >/dev/null 2>&1
st=$?
[ "$st" = 1 ] || bad+=("stock-headers.sh without apt lists exited $st, wanted 1 (2 is a not-offered skip)")

# The pool: output in the order jobs started, whatever order they end in,
# and never more than PKHO_JOBS running at once.
job() { echo + >>"$tmp/running"; sleep "$1"; echo - >>"$tmp/running"; echo "PASS  job-$2"; }
got=$( (PKHO_JOBS=2
	for j in a:2 b:0 c:1 d:0 e:1 f:0; do pool_run "${j%:*}" job "${j#*:}" "${j%:*}"; done
	pool_run g false
	pool_wait) | sed 's/:.*//' | paste -sd' ')
[ "$got" = "PASS  job-a PASS  job-b PASS  job-c PASS  job-d PASS  job-e PASS  job-f FAIL  g" ] || bad+=("pool order: $got")
got=$(awk '/\+/ { n++; if (n > max) max = n } /-/ { n-- } END { print max }' "$tmp/running")
[ "$got" = 2 ] || bad+=("pool ran $got jobs at once, wanted 2")

if [ ${#bad[@]} = 0 ]; then
	echo "PASS  judge-selftest  (made-up logs, skips and jobs judged as they must be)"
else
	echo "FAIL  judge-selftest: $(printf '%s; ' "${bad[@]}")"
fi
