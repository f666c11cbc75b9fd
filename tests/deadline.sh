# SPDX-License-Identifier: GPL-2.0-only
# The global deadline of a test run, and the time each phase takes
# (sourced by tests/lib.sh).
#
# make check must end with its summary before CI kills it: 90 minutes on a
# fresh machine, apt installs and kernel builds included. PKHO_DEADLINE is
# the run's budget in seconds from its start (default 87 minutes, leaving
# time to kill what runs and print the summary); what would run past it is
# cut short and fails, so a hang costs the rest of the run but never its
# summary. PKHO_DEADLINE_AT, the deadline itself, is exported: the test
# scripts the run starts keep to the same one.

PKHO_DEADLINE=${PKHO_DEADLINE:-5220}
export PKHO_DEADLINE_AT=${PKHO_DEADLINE_AT:-$(($(date +%s) + PKHO_DEADLINE))}
RUN_START=${RUN_START:-$(date +%s)}

# time_left: seconds until the deadline (0 or less: passed).
time_left() { echo $((PKHO_DEADLINE_AT - $(date +%s))); }
DEADLINE_PASSED="the global deadline passed (PKHO_DEADLINE=$PKHO_DEADLINE s; see tests/deadline.sh)"

# clip_to_deadline SECONDS: SECONDS, or what is left before the deadline if
# that is less.
clip_to_deadline() {
	local left
	left=$(time_left)
	echo $(($1 < left ? $1 : left))
}

# before_deadline COMMAND...: COMMAND, killed with all it started when the
# deadline passes (status 124 then). Not for shell functions.
before_deadline() {
	local left
	left=$(time_left)
	[ "$left" -gt 0 ] || return 124
	timeout -k 10 "$left" "$@"
}

# phase NAME COMMAND...: run COMMAND in this shell, then say how long it
# took: "TIME  NAME: N s (T s into the run)".
phase() {
	local name=$1 start
	start=$(date +%s)
	shift
	"$@"
	echo "TIME  $name: $(($(date +%s) - start)) s ($(($(date +%s) - RUN_START)) s into the run)"
}

# The process group of the script run_lines runs (tests/lib.sh): not ours,
# so that the deadline can end all of it; an interrupted run ends it too.
RUNNING_GROUP=
trap '[ -z "$RUNNING_GROUP" ] || kill -TERM -- "-$RUNNING_GROUP" 2>/dev/null; exit 130' INT TERM
