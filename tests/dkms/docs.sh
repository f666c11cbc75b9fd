#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The documentation says what the packages really install and what the
# tools really print. Prints one PASS/FAIL line each:
#   doc-paths        every /usr/share/doc/pstore-kho-dkms/ path README.md and
#                    the man pages name is in the .deb or the .rpm, and README
#                    names each document both install there by its name
#   unit-docs        each packaged unit's Documentation= is the man page of
#                    the program it runs, and the package has that page
#   checker-man      pstore-kho-check(8) on a missing KERNEL says what the
#                    tool prints ("cannot tell"), not that it assumes one
#   readme-boot-args README's introduction names the boot parameters a setup
#                    may need: kho=on, and pstore.backend=kho where efi_pstore
#                    takes pstore first (UEFI), which the checker asks for
#
#   docs.sh DEB RPM
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
deb=$1 rpm=$2
doc=/usr/share/doc/pstore-kho-dkms
man=$top/packaging/usr/share/man/man8
# The man pages as text: roff's \- is a plain '-'.
mantext() { sed 's/\\-/-/g' "$@"; }

debdocs=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -n "s|^\.$doc/||p" | grep -v -e '^$' -e '^copyright$' -e '^changelog')
rpmdocs=$(rpm -qpl "$rpm" 2>/dev/null | sed -n "s|^$doc\(-[0-9.]*\)\{0,1\}/||p")
named=$( { cat "$top/README.md"; mantext "$man"/*.8; } | grep -o "$doc/[A-Za-z0-9._-]*" | sed "s|^$doc/||" | sort -u)
bad=
for f in $named; do
	echo "$debdocs $rpmdocs" | tr ' ' '\n' | grep -qx "$f" || bad="$bad $doc/$f"
done
missing=
for f in $debdocs $rpmdocs; do
	grep -qF "$f" "$top/README.md" || missing="$missing $f"
done
if [ -z "$debdocs" ] || [ -z "$rpmdocs" ]; then
	echo "FAIL  doc-paths: no documents in $doc: deb '$debdocs', rpm '$rpmdocs'"
elif [ -n "$bad" ]; then
	echo "FAIL  doc-paths: named in README or a man page, installed by neither package:$bad"
elif [ -n "$missing" ]; then
	echo "FAIL  doc-paths: README does not name these installed documents:$missing"
else
	echo "PASS  doc-paths  (deb: $(echo $debdocs); rpm: $(echo $rpmdocs); every path named is installed)"
fi

bad=
for u in $(cd "$top/packaging" && find usr/lib/systemd/system -name '*.service' -type f); do
	prog=$(sed -n 's|^ExecStart=-\{0,1\}\(/[^ ]*\).*|\1|p' "$top/packaging/$u")
	[ -n "$prog" ] || continue
	want="man:$(basename "$prog")(8)"
	docs=$(sed -n 's/^Documentation=//p' "$top/packaging/$u")
	echo " $docs " | grep -qF " $want " || bad="$bad $u: Documentation=$docs, runs $prog;"
	[ -e "$man/$(basename "$prog").8" ] || bad="$bad no man page for $prog;"
done
if [ -n "$bad" ]; then
	echo "FAIL  unit-docs:$bad"
else
	echo "PASS  unit-docs  (each unit's Documentation= is the man page of what it runs)"
fi

# What the tool prints when a kernel is loaded and none is named.
says=$(grep -o 'the kernel cannot tell which' "$top/packaging/usr/sbin/pstore-kho-check" | head -1)
page=$(mantext "$man/pstore-kho-check.8" | tr '\n' ' ')
if [ -z "$says" ]; then
	echo "FAIL  checker-man: pstore-kho-check no longer says 'the kernel cannot tell which': update this test"
elif echo "$page" | grep -q 'assumed to be this one'; then
	echo "FAIL  checker-man: pstore-kho-check(8) says the next kernel is assumed to be this one; the tool says '$says'"
elif ! echo "$page" | grep -q 'cannot tell'; then
	echo "FAIL  checker-man: pstore-kho-check(8) does not say what the tool does without KERNEL ('$says')"
else
	echo "PASS  checker-man  (without KERNEL: the page and the tool both say the kernel cannot tell which image is loaded)"
fi

intro=$(sed -n '1,/^## /p' "$top/README.md" | tr '\n' ' ')
missing=
for p in kho=on pstore.backend=kho; do
	echo "$intro" | grep -qF "$p" || missing="$missing $p"
done
# The checker asks for it: a boot parameter README must not deny.
grep -q 'boot with pstore.backend=kho' "$top/packaging/usr/sbin/pstore-kho-check" ||
	missing="$missing (the checker no longer asks for pstore.backend=kho: update this test)"
if [ -n "$missing" ]; then
	echo "FAIL  readme-boot-args: README's introduction does not name:$missing"
else
	echo "PASS  readme-boot-args  (README's introduction names kho=on and pstore.backend=kho)"
fi
