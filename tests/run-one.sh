#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# One scenario on the kernels given, as make check runs it: for working on a
# scenario or its declarations without the whole run. The serial logs stay
# in tests/out/NAME@TAG.log.
#
#   tests/run-one.sh SCENARIO [TAG...]    (default: every test kernel; a
#                                         scenario that names its kernels
#                                         runs once)
set -u
. "$(dirname "$0")/lib.sh"
file=$(readlink -f "$1")
shift
tags=${*:-$PKHO_KERNELS}
need=$(meta kernels "$file")
for k in ${need:-$tags}; do
	prepare_kernel "$k" || echo "note: ${KERR[$k]}"
done
if [ -n "$need" ]; then
	pool_run "$(basename "$file" .sh)" run_scenario "$file"
else
	for k in $tags; do pool_run "$(basename "$file" .sh)@$k" run_scenario "$file" "$k"; done
fi
pool_wait
t_summary
[ "$FAILED" = 0 ]
