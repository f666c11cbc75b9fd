# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the checker's guest scripts after tests/dkms/guest-tests/lib.sh:
# run pstore-kho-check as a user would and judge what it says.
#
#   checker NAME [ARG...]   run it; its lines go to the console prefixed
#                           "PKHO-CHECKER NAME", $OUT and $ST keep them
#   says STATUS REGEX...    the last run exited STATUS and printed a line
#                           matching each (extended) REGEX
checker() {
	tag=$1
	shift
	OUT=$(pstore-kho-check "$@" 2>&1)
	ST=$?
	printf '%s\n' "$OUT" | sed "s|^|PKHO-CHECKER $tag  |"
}
says() {
	[ "$ST" = "$1" ] || { say "PKHO: pstore-kho-check exited $ST, not $1"; return 1; }
	shift
	for re; do
		printf '%s\n' "$OUT" | grep -qE -- "$re" || { say "PKHO: no line matches: $re"; return 1; }
	done
}
