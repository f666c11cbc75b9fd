# SPDX-License-Identifier: GPL-2.0-only
# The host's judgement of a guest's serial log (sourced by tests/lib.sh):
# judge_log, and what counts as the kernel complaining.
#
# Guests boot with console_msg_format=syslog: each kernel message starts
# with "<N>[ time] " and ends with a newline, and may start in the middle
# of a line of the guest's. N is the syslog priority: for the kernel's own
# messages the level, "<0>" (KERN_EMERG) to "<7>" (KERN_DEBUG); what user
# space writes to /dev/kmsg carries the user facility ("<12>") and is not
# the kernel's.
#
# A run fails on
# - a splat (SPLAT: BUG, WARNING, Oops, panic, KASAN, UBSAN, lockdep,
#   stalls, lockups, kmemleak reports, KHO or pstore giving up), anywhere in
#   the log;
# - a complaint: any kernel message at KERN_ERR or more severe, and any of
#   KHO's, pstore's or the module's at KERN_WARNING.
# unless the scenario declares it: "# warns: ERE" for the module's own
# warnings (the text after "pstore_kho: "), "# kernel-says: ERE" for any
# other kernel message (its text, without the "<N>[ time] " prefix). A
# kernel-says line that allows a "WARNING:" line allows the rest of that
# report too, up to its "---[ end trace" line.

SPLAT='BUG:|WARNING:|Oops|Kernel panic|general protection|Call Trace|KASAN|UBSAN|unreferenced object|possible recursive locking|circular locking|lock held when returning|sleeping function called from invalid context|disabling kexec handover|detected stall|soft lockup|hard LOCKUP|blocked for more than|pstore: backend \([a-z_]+\) writing error'

# What every guest makes a test kernel say, whatever the scenario: an ERE
# a line, as "# kernel-says:" lines are, each with why.
# - "reboot: Restarting system": kernel_restart() says it at KERN_EMERG,
#   and every guest ends its run with `reboot -f` (guest-lib.sh's finish).
# - "atkbd serio0: Failed to enable keyboard on isa0060/serio0": the 7.0
#   kernel (configured as Ubuntu's, with the PS/2 keyboard driver) at
#   KERN_ERR, when QEMU's emulated keyboard answered too late under TCG on
#   a busy host (seen once in a 7.0 boot of reload); the keyboard works on.
# - "call_rcu_tasks() has failed boot-time tests." and its WARNING from
#   rcu_tasks_verify_work_fn: RCU Tasks' own boot-time self-test (with
#   PROVE_RCU, which lockdep brings) gives its first grace period 30 s
#   from early boot. A grace period waits for every task to sleep once;
#   under TCG with four guests on two cores a kexec'd 7.0 took 14 s to
#   reach /init (9.7 s in the run's first boot) and its grace period ran
#   past 30 s (seen once, bad-input@7.0, in about 200 boots of one make
#   check; what held it that long is not known). A self-test of the
#   kernel's, timed by the host's speed: the module's own stalls are
#   caught by the soft-lockup and RCU stall detectors.
KERNEL_SAYS_ALWAYS='^reboot: Restarting system$
^atkbd serio0: Failed to enable keyboard on isa0060/serio0$
^call_rcu_tasks\(\) has failed boot-time tests\.$
^WARNING: kernel/rcu/tasks\.h:[0-9]+ at rcu_tasks_verify_work_fn\+'

# Messages whose prefix makes KERN_WARNING a complaint.
COMPLAINT_PREFIX='^(KHO|pstore|pstore_kho): '
# The kernel's own words about any out-of-tree module, not the module's.
MODULE_WARN_ALWAYS='^loading out-of-tree module taints kernel\.$'

# log_texts LOG: the serial log with each kernel message on a line of its
# own, without its "<N>[ time] " prefix.
log_texts() { tr -d '\r' <"$1" | perl -pe 's/<\d+>\[[ \d.]+\] /\n/g'; }

# kernel_msgs LOG: the kernel's own messages, "LEVEL TEXT" a line each.
kernel_msgs() {
	tr -d '\r' <"$1" | grep -Eao '<[0-7]>\[[ 0-9.]+\] .*' | sed -E 's/^<([0-7])>\[[ 0-9.]+\] /\1 /'
}

# kernel_complaints LOG: the text of each complaint (see the top).
kernel_complaints() {
	kernel_msgs "$1" | awk -v p="$COMPLAINT_PREFIX" \
		'{ t = substr($0, 3) } $1 <= 3 || ($1 == 4 && t ~ p) { print t }'
}

# ere_lines ERES: ERES one a line, without empty lines: an empty line is an
# empty expression, which matches every line (a scenario that declares no
# "# warns:" must not let all of the module's warnings through).
ere_lines() { printf '%s\n' "$1" | grep -a .; }
# drop_matching ERES: stdin without the lines that match any of ERES (one
# extended regular expression a line; none: all lines stay).
drop_matching() {
	local eres
	eres=$(ere_lines "$1") || { cat; return; }
	grep -Eav -f <(printf '%s\n' "$eres") || true
}

# drop_reports ERES: stdin without the lines ERES match, and without the
# rest of a WARNING report whose "WARNING:" line they match.
drop_reports() {
	local eres
	eres=$(ere_lines "$1") || { cat; return; }
	awk 'NR == FNR { pat[n++] = $0; next }
	     skip { if (/---\[ end trace/) skip = 0; next }
	     { for (i = 0; i < n; i++) if ($0 ~ pat[i]) { skip = /WARNING:/; next } }
	     { print }' <(printf '%s\n' "$eres") -
}

# kernel_says [SCENARIO]: the EREs of what the kernel may say in the run.
kernel_says() {
	echo "$KERNEL_SAYS_ALWAYS"
	[ -z "${1:-}" ] || meta_all kernel-says "$1"
}

# splat_lines LOG [SCENARIO]: the lines of the log that are splats and
# that the scenario does not declare.
splat_lines() {
	log_texts "$1" | drop_reports "$(kernel_says "${2:-}")" | grep -Ea "$SPLAT"
}

# undeclared_complaints LOG [SCENARIO]: the complaints the scenario does not
# declare; the module's are prefixed with "pstore_kho: ".
undeclared_complaints() {
	local c
	c=$(kernel_complaints "$1")
	[ -n "$c" ] || return 0
	echo "$c" | sed -n 's/^pstore_kho: //p' |
		drop_matching "$MODULE_WARN_ALWAYS${2:+$'\n'$(meta_all warns "$2")}" | sed 's/^/pstore_kho: /'
	echo "$c" | grep -v '^pstore_kho: ' | drop_matching "$(kernel_says "${2:-}")"
}

# judge_log NAME LOG QEMU-STATUS [SCENARIO]: one PASS or FAIL line for a
# guest run, and on failure an excerpt of the log. With SCENARIO, the
# checks, warnings and kernel messages its header declares are enforced;
# without (guests that are not scenarios), at least one check must have
# passed and nothing is declared. JUDGE_DETAIL, if set, is added to the
# PASS line.
judge_log() {
	local name=$1 log=$2 st=$3 file=${4:-} why=() user checks names declared bad missing complaints
	if [ ! -s "$log" ]; then
		t_fail "$name" "no serial log: QEMU did not start (exit status $st)"
		return 0
	fi
	[ "$st" = 124 ] && why+=("timed out")
	[ "$st" != 124 ] && [ "$st" != 0 ] && why+=("QEMU exited with status $st")
	# The guest's own output, without the kernel's: cut the kernel's
	# messages out and the guest's lines are whole again.
	user=$(tr -d '\r' <"$log" | perl -0777 -pe 's/<\d+>\[[ \d.]+\] [^\n]*\n//g')
	# "ok NAME" and "FAIL NAME", a line each.
	checks=$(echo "$user" | sed -n 's/^PKHO-CHECK \(ok\|FAIL\) /\1 /p')
	names=$(echo "$checks" | sed -n 's/^[a-zA-Z]* //p' | LC_ALL=C sort)
	bad=$(echo "$checks" | sed -n 's/^FAIL //p' | paste -sd' ')
	[ -n "$bad" ] && why+=("failed: $bad")
	bad=$(echo "$names" | uniq -d | paste -sd' ')
	[ -n "$bad" ] && why+=("printed more than once: $bad")
	if [ -n "$file" ]; then
		declared=$(expand_names $(meta_all checks "$file") | LC_ALL=C sort -u)
		if [ -z "$declared" ]; then
			why+=("the scenario declares no checks (# checks:)")
		else
			missing=$(echo "$checks" | sed -n 's/^ok //p' | LC_ALL=C sort -u |
				LC_ALL=C comm -23 <(echo "$declared") - | paste -sd' ')
			[ -n "$missing" ] && why+=("declared checks that did not pass: $missing")
			bad=$(echo "$names" | LC_ALL=C sort -u | LC_ALL=C comm -13 <(echo "$declared") - | grep . | paste -sd' ')
			[ -n "$bad" ] && why+=("undeclared checks: $bad")
		fi
	elif ! echo "$checks" | grep -q '^ok '; then
		why+=("no check ran")
	fi
	splat_lines "$log" "$file" >/dev/null && why+=("kernel reported a problem")
	complaints=$(undeclared_complaints "$log" "$file")
	[ -n "$complaints" ] && why+=("kernel complaints: $(echo "$complaints" | sort -u | paste -sd'|')")
	echo "$user" | grep -aq '^PKHO-DONE$' || why+=("guest did not finish")
	if [ ${#why[@]} = 0 ]; then
		t_pass "$name" "$(echo "$checks" | grep -c '^ok ') checks${JUDGE_DETAIL:+, $JUDGE_DETAIL}"
		return 0
	fi
	local IFS=';'
	t_fail "$name" "$(echo "${why[*]}" | sed 's/;/; /g')"
	if splat_lines "$log" "$file" >/dev/null; then
		log_texts "$log" | drop_reports "$(kernel_says "$file")" |
			grep -Ea -A12 "$SPLAT" | head -40
	else
		grep -Ea "^PKHO|pstore|kho|KHO" "$log" | tail -25
		echo "--- serial log tail"
		tail -12 "$log"
	fi | tr -d '\r' | sed 's/^/    /'
	return 0
}
