#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Mutation tests of the table tests: each mutant below removes one check
# from a copy of src/ser.c, and test_ser built with it must fail. A mutant
# that lives is a check no test covers. A mutant that no longer applies
# (src/ser.c was rewritten) fails too: update its pattern here.
# Prints one PASS or FAIL line.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/tests/out/unit/mutants
mkdir -p "$out"
cflags="-g -O1 -Wall -I$here/include -I$top/src"

# NAME|PERL-SUBSTITUTION, applied to the whole file (-0777).
mutants=(
	'segment-reserved|s/s->phys % page_size \|\| s->reserved \|\|/s->phys % page_size ||/'
	'table-reserved|s/t->hdr.segment_max != l->seg_max \|\| t->hdr.reserved \|\|/t->hdr.segment_max != l->seg_max ||/'
	'record-kexec-dropped|s/ \|\|\s*\(r->kexec_dropped && \(r->type \|\| t->version == 2\)\)//'
	'history-past-its-count|s/if \(h\)\s*goto bad;//'
	'stored-chunk-size|s/ \|\|\s*\(chunk->flags != PSTORE_KHO_CHUNK_DEFLATE &&\s*chunk->plain_size != chunk->size\)//'
)

bad=()
for m in "${mutants[@]}"; do
	name=${m%%|*} expr=${m#*|}
	perl -0777 -pe "$expr" "$top/src/ser.c" >"$out/$name.c"
	if cmp -s "$top/src/ser.c" "$out/$name.c"; then
		bad+=("$name no longer applies to src/ser.c")
		continue
	fi
	# The copy stands in for src/ser.c: ser.h and ser_crc.h from src/.
	if ! gcc $cflags -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o "$out/$name" "$here/test_ser.c" "$out/$name.c" -lz -lfdt 2>"$out/$name.build"; then
		bad+=("$name does not build: $(head -1 "$out/$name.build")")
	elif "$out/$name" >"$out/$name.log" 2>&1; then
		bad+=("$name lives: test_ser passes without that check")
	fi
done
if [ ${#bad[@]} = 0 ]; then
	echo "PASS  unit-mutants  (${#mutants[@]} checks of src/ser.c removed one at a time, each caught)"
else
	echo "FAIL  unit-mutants: $(printf '%s; ' "${bad[@]}")"
fi
