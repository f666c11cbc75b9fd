#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The global deadline (tests/deadline.sh), on made-up test scripts (no
# QEMU): a run whose test hangs must still end in its summary line soon
# after the deadline, the hung test failing and killed with all it
# started, the tests after it failing without being started, and each
# phase saying how long it took. An interrupted run leaves nothing behind.
# Prints one PASS or FAIL line.
set -u
. "$(dirname "$0")/../lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=()

# A test that hangs, with a child of its own that would outlive it.
cat >"$tmp/hang.sh" <<EOF
#!/bin/bash
sleep 1000 &
echo \$! >"$tmp/child.pid"
echo \$\$ >"$tmp/test.pid"
echo "PASS  before-the-hang"
sleep 1000
EOF
printf '#!/bin/bash\necho "PASS  quick"\n' >"$tmp/quick.sh"
chmod +x "$tmp/hang.sh" "$tmp/quick.sh"

# A make check in small: phases, one of them hanging, and scenarios in the
# pool, under a deadline of DEADLINE seconds.
cat >"$tmp/run.sh" <<EOF
. "$TOP/tests/lib.sh"
OUT=$tmp
phase hang run_lines "$tmp/hang.sh"
phase quick run_lines "$tmp/quick.sh"
for i in 1 2 3; do
	pool_run smoke-\$i run_scenario "$TOP/tests/qemu/smoke.sh" 7.3
done
pool_wait
t_summary
EOF
# run DEADLINE: the small make check's output, a fresh deadline of its own;
# killed after a minute if the deadline does not work.
run() { timeout -k 5 60 env -u PKHO_DEADLINE_AT PKHO_DEADLINE="$1" bash "$tmp/run.sh" 2>&1; }
# The hung test's child still runs (a zombie does not: it ended, and waits
# for a parent that may not reap it here).
alive() {
	[ -s "$tmp/child.pid" ] &&
		ps -o stat= -p "$(cat "$tmp/child.pid")" 2>/dev/null | grep -q '^[^Z]'
}

start=$(date +%s)
got=$(run 3)
took=$(($(date +%s) - start))
hung=$(echo "$got" | sed -n 's/^TIME  hang: \([0-9]*\) s.*/\1/p')
[ "${hung:-99}" -le 15 ] || bad+=("a hung test held the run for ${hung:-more than} s, past a deadline of 3 s")
[ "$took" -lt 60 ] || bad+=("the run took $took s")
[ "$(echo "$got" | tail -1)" = "1 passed, 5 failed, 0 skipped" ] ||
	bad+=("the run did not end in its summary: $(echo "$got" | tail -1)")
echo "$got" | grep -q "^FAIL  $tmp/hang.sh: killed: the global deadline passed" ||
	bad+=("no FAIL line for the hung test")
echo "$got" | grep -q "^FAIL  $tmp/quick.sh: not started: the global deadline passed" ||
	bad+=("the test after the deadline was not failed as not started")
[ "$(echo "$got" | grep -c "^FAIL  smoke@7.3: not started: the global deadline passed")" = 3 ] ||
	bad+=("the scenarios after the deadline were not failed as not started")
for p in hang quick; do
	echo "$got" | grep -Eq "^TIME  $p: [0-9]+ s" || bad+=("no time for phase $p")
done
if alive; then
	bad+=("the hung test's child outlived the deadline")
	kill "$(cat "$tmp/child.pid")" "$(cat "$tmp/test.pid")"
fi

# Interrupted (Ctrl-C, CI cancelling): the running test goes too.
rm -f "$tmp/child.pid"
env -u PKHO_DEADLINE_AT PKHO_DEADLINE=600 bash "$tmp/run.sh" >/dev/null 2>&1 &
runner=$!
for _ in $(seq 50); do [ -s "$tmp/child.pid" ] && break; sleep 0.2; done
kill -TERM "$runner"
wait "$runner"
sleep 1
if alive; then
	bad+=("an interrupted run left the running test's child behind")
	kill "$(cat "$tmp/child.pid")" "$(cat "$tmp/test.pid")"
fi

# Clipping a guest's timeout to the time left.
got=$(PKHO_DEADLINE_AT=$(($(date +%s) + 50)) clip_to_deadline 120)
[ "$got" -ge 49 ] && [ "$got" -le 50 ] || bad+=("120 s clipped to 50 s left gave $got")
got=$(PKHO_DEADLINE_AT=$(($(date +%s) + 50)) clip_to_deadline 10)
[ "$got" = 10 ] || bad+=("10 s with 50 s left gave $got")

if [ ${#bad[@]} = 0 ]; then
	echo "PASS  deadline-selftest  (a hung test killed at the deadline with its children, the rest failed unstarted, the summary printed)"
else
	echo "FAIL  deadline-selftest: $(printf '%s; ' "${bad[@]}")"
fi
