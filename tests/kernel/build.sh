#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build (or reuse) a small KHO test kernel, x86_64 or cross-built arm64.
#
#   tests/kernel/build.sh TAG          (TAG: one of kernels.sh's)
#
# Prints the kernel build tree on stdout: it holds the image (kernel_image:
# arch/x86/boot/bzImage, arch/arm64/boot/Image) and is the kernel-devel tree
# (KDIR) the module is built against (with kernel_make_args for arm64). The
# source is Debian's linux-source-<version> or tarballs of ../shared/kernels/
# (checked against their sha256); the config is tinyconfig + the fragments
# kernel_fragments names (kernels.sh), merged with the kernel's
# merge_config.sh. Trees are cached outside the checkout, keyed by the source
# (package version or tarball hashes) and a hash of the fragments' option
# lines, so reruns and CI on the same machine reuse them.
set -eu

here=$(dirname "$(readlink -f "$0")")
. "$here/kernels.sh"
tag=${1:?usage: build.sh <$(echo $PKHO_KERNELS | tr ' ' '|')>}
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
log() { echo "kernel $tag: $*" >&2; }

source=$(kernel_source "$tag") || { echo "build.sh: unknown kernel '$tag'" >&2; exit 2; }
arch=$(kernel_arch "$tag")
make_args=$(arch_make_args "$arch")
image=$(arch_image "$arch")
fragments=$(kernel_fragments "$tag" | sed "s|^|$here/|")
mkdir -p "$cache/src" "$cache/build" "$cache/tarballs"

set -- $source
case $1 in
deb)
	pkg=$2
	# make check builds two kernels at once: one apt at a time (dpkg's own
	# lock makes a second apt-get fail at once, not wait).
	(
		flock 8
		if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
			log "installing $pkg"
			"$here/../setup/apt-suites.sh"
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >&2
		fi
	) 8>"$cache/.apt-lock"
	srcver=$(dpkg-query -W -f='${Version}' "$pkg")
	tarball=/usr/src/$pkg.tar.xz
	srcname=$pkg-$srcver
	;;
tar)
	shift
	tarball="" srcver=tar
	while [ $# -ge 2 ]; do
		file=$1 sum=$2
		shift 2
		t=$cache/tarballs/$file
		# The shared directory sits beside the checkout; a copy is kept in the
		# cache so that a clone elsewhere finds it too.
		if [ ! -e "$t" ]; then
			for dir in ${PSTORE_KHO_KERNELS:-} "$here/../../../shared/kernels" /work/shared/kernels; do
				[ -e "$dir/$file" ] || continue
				cp "$dir/$file" "$t.tmp" && mv "$t.tmp" "$t"
				break
			done
		fi
		[ -e "$t" ] || { log "$file not found (../shared/kernels/ beside the checkout, or PSTORE_KHO_KERNELS=DIR)"; exit 1; }
		echo "$sum  $t" | sha256sum -c --quiet - >&2 || { log "$t: sha256 is not $sum"; rm -f "$t"; exit 1; }
		tarball="$tarball $t" srcver=$srcver-${sum:0:12}
	done
	srcname=linux-$srcver
	;;
esac

# The cache key: the fragments' option lines, in order (a comment edited
# rebuilds nothing), and the build recipe. Bump RECIPE when a change here
# changes what a build produces; any other edit of this file keeps every
# cached kernel.
# arch_recipe adds a line for a non-x86 kernel (tests/kernel/arch.sh).
RECIPE=3
key=$( (grep -h '^CONFIG_' $fragments; echo "recipe $RECIPE"; arch_recipe "$arch") | sha256sum | cut -c1-12)
# The source tree is keyed by the source alone: kernels of one source
# (7.3 and 7.3-arm64) share it, unpacked once (CI time), and each builds
# out of tree (O=), which leaves it untouched.
src=$cache/src/$srcname
out=$cache/build/$tag-$srcver-$key

exec 9>"$cache/build/.lock-$tag"
flock 9

if [ -e "$out/.pstore-kho-built" ]; then
	echo "$out"
	exit 0
fi

# Two builds at once may want the same source: one unpacks, the other waits.
(
	flock 7
	if [ ! -e "$src/.pstore-kho-unpacked" ]; then
		rm -rf "$src" "$src.tmp"
		mkdir -p "$src.tmp"
		for t in $tarball; do
			log "unpacking $(basename "$t") ($srcver)"
			tar -xJf "$t" -C "$src.tmp" --strip-components=1
		done
		touch "$src.tmp/.pstore-kho-unpacked"
		mv "$src.tmp" "$src"
	fi
) 7>"$src.lock"

rm -rf "$out"
mkdir -p "$out"
blog=$out/build.log
log "configuring in $out"
{
	make -C "$src" O="$out" $make_args tinyconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" $fragments
	make -C "$src" O="$out" $make_args olddefconfig
} >"$blog" 2>&1 || { tail -20 "$blog" >&2; exit 1; }

# merge_config.sh only warns when Kconfig drops a request; a test kernel missing one of
# these options would fail later in a confusing way, so stop here instead.
bad=0
for frag in $fragments; do
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=n) opt=${line%%=*}
			grep -q "^$opt=" "$out/.config" && { log "wanted $line, got $(grep "^$opt=" "$out/.config")"; bad=1; } ;;
		CONFIG_*=*) grep -qx "$line" "$out/.config" || { log "wanted $line, not set"; bad=1; } ;;
		esac
	done <"$frag"
done
[ "$bad" = 0 ] || exit 1

log "building (8 to 15 minutes on 2 cores; log: $blog)"
start=$(date +%s)
KBUILD_BUILD_VERSION=$PKHO_KBUILD_VERSION KBUILD_BUILD_TIMESTAMP=$PKHO_KBUILD_TIMESTAMP \
	make -C "$src" O="$out" $make_args -j"$(nproc)" "$(basename "$image")" modules >>"$blog" 2>&1 ||
	{ tail -30 "$blog" >&2; exit 1; }
log "built in $(( $(date +%s) - start )) s"
[ -x "$out/usr/gen_init_cpio" ] || { log "usr/gen_init_cpio was not built"; exit 1; }
touch "$out/.pstore-kho-built"
echo "$out"
