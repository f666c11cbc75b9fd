#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Copy the project's source files (no build products, no tests/out) into DIR,
# which must not exist: the package builds run in such a copy, so they never
# write into the checkout.
#
#   export.sh DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:?usage: export.sh DIR}
mkdir -p "$dest"
cd "$top"
# git only when this tree is a checkout's top, not a copy of it made inside
# one (tests/out/...), where git would list nothing.
if [ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$top" ]; then
	# Tracked and new files, minus what .gitignore excludes (objects, tests/out).
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		cpio -0 -pdm --quiet "$dest"
else
	tar -C "$top" --exclude=./tests/out --exclude='*.o' --exclude='*.ko' -cf - . | tar -C "$dest" -xf -
fi
