#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Print the root directory the guests' user space (busybox, kexec-tools, kmod
# and the libraries they load) is taken from, for the architecture ARCH of
# tests/kernel/arch.sh. For the host's own architecture, that is the host: /.
# For another one, Debian's packages of that architecture, unpacked once into
# the cache (outside the checkout) with `apt-get download` and `dpkg-deb -x`,
# never installed.
#
# apt runs for it on a state of its own in the cache: the host's own Debian
# sources (copied from /etc/apt, so no archive host is named here), for ARCH
# only, with package lists and a dpkg status of their own. The host's apt is
# left as it is: told of a foreign architecture, every apt call on the host
# would parse that architecture's lists of every suite too, sid's and
# experimental's among them (this image keeps no apt cache between calls).
#
#   tests/setup/guest-root.sh ARCH      (x86_64 or arm64)
set -eu
here=$(dirname "$(readlink -f "$0")")
. "$here/../kernel/kernels.sh"
arch=${1:?usage: guest-root.sh ARCH}
deb=$(arch_debian "$arch") || { echo "guest-root: unknown architecture '$arch'" >&2; exit 2; }
if [ "$deb" = "$(dpkg --print-architecture)" ]; then
	echo /
	exit 0
fi
# The programs the guests run (tests/qemu/initramfs.sh); their libraries
# come with them.
programs="busybox-static kexec-tools kmod"
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}/guest-root
root=$cache/$deb
mkdir -p "$cache"
exec 9>"$cache/.lock-$deb"
flock 9
if [ "$(cat "$root/.pstore-kho-programs" 2>/dev/null)" = "$programs" ]; then
	echo "$root"
	exit 0
fi

state=$cache/apt-$deb
mkdir -p "$state/lists/partial" "$state/archives/partial" "$state/sources.list.d"
: >"$state/status"
rm -f "$state/sources.list" "$state/sources.list.d/"*
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$state/"
[ -f /etc/apt/sources.list.d/debian.sources ] && cp /etc/apt/sources.list.d/debian.sources "$state/sources.list.d/"
apt_state=(-o Dir::State::Lists="$state/lists" -o Dir::State::Status="$state/status"
	-o Dir::Etc::SourceList="$state/sources.list" -o Dir::Etc::SourceParts="$state/sources.list.d"
	-o Dir::Cache::Archives="$state/archives" -o APT::Architecture="$deb" -o APT::Architectures::="$deb"
	-o APT::Sandbox::User=root)  # the cache is root's own
echo "guest-root: fetching Debian's $deb package lists" >&2
apt-get "${apt_state[@]}" update -qq >&2 || { echo "guest-root: apt-get update failed" >&2; exit 1; }
# The programs and, recursively, what they depend on (zlib1g is a library
# too): the first of each set of alternatives, without version constraints,
# leaving out architecture-independent packages (debconf and the like, not
# needed to run a program in a guest). One apt-cache call per level of the
# tree: each reads every package list.
pkgs="" level=$programs
while [ -n "$level" ]; do
	recs=$(apt-cache "${apt_state[@]}" show --no-all-versions $level 2>/dev/null) || true
	for p in $level; do
		echo "$recs" | grep -qx "Package: $p" || { echo "guest-root: Debian offers no $p for $deb" >&2; exit 1; }
	done
	# "NAME DEPENDENCY..." for each package that is not architecture-independent.
	found=$(echo "$recs" | awk '
		/^Package: / { p = $2; a = ""; d = "" }
		/^Architecture: / { a = $2 }
		/^(Pre-)?Depends: / { sub(/^[^:]*: /, ""); d = d "," $0 }
		/^$/ && p != "" { if (a != "all") print p, d; p = "" }
		END { if (p != "" && a != "all") print p, d }')
	pkgs="$pkgs $(echo "$found" | cut -d' ' -f1 | paste -sd' ')"
	level=$(echo "$found" | cut -s -d' ' -f2- | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/ //g' |
		sort -u | while read -r d; do case " $pkgs " in *" $d "*) ;; *) echo "$d" ;; esac; done)
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "guest-root: downloading $deb packages:$pkgs" >&2
(cd "$work" && apt-get "${apt_state[@]}" download -qq $pkgs) >&2 ||
	{ echo "guest-root: apt-get download failed" >&2; exit 1; }
rm -rf "$root.tmp"
mkdir -p "$root.tmp"
for f in "$work"/*.deb; do
	dpkg-deb -x "$f" "$root.tmp"
	basename "$f" >>"$root.tmp/.pstore-kho-debs"
done
echo "$programs" >"$root.tmp/.pstore-kho-programs"
rm -rf "$root"
mv "$root.tmp" "$root"
echo "$root"
