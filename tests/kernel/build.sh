#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build (or reuse) a small x86_64 KHO test kernel from Debian's linux-source-<version>.
#
#   tests/kernel/build.sh <7.3|7.2> [plain|sanitize]
#
# Prints the kernel build tree on stdout: it holds arch/x86/boot/bzImage and is the
# kernel-devel tree (KDIR) the module is built against. Trees are cached outside the
# checkout, keyed by the source package version and a hash of the config fragments, so
# reruns and CI on the same machine reuse them.
set -eu

here=$(dirname "$(readlink -f "$0")")
version=${1:?usage: build.sh <kernel version> [plain|sanitize]}
variant=${2:-plain}
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
log() { echo "kernel $version/$variant: $*" >&2; }

fragments="$here/kho.config"
case "$variant" in
plain) ;;
sanitize) fragments="$fragments $here/sanitize.config" ;;
*) echo "build.sh: unknown variant '$variant'" >&2; exit 2 ;;
esac

pkg=linux-source-$version
if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
	log "installing $pkg"
	"$here/../setup/apt-suites.sh"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >&2
fi
srcver=$(dpkg-query -W -f='${Version}' "$pkg")
key=$(cat $fragments "$here/build.sh" | sha256sum | cut -c1-12)
src=$cache/src/linux-$srcver
out=$cache/build/$version-$variant-$srcver-$key
mkdir -p "$cache/src" "$cache/build"

exec 9>"$cache/build/.lock-$version-$variant"
flock 9

if [ -e "$out/.pstore-kho-built" ]; then
	echo "$out"
	exit 0
fi

if [ ! -e "$src/.pstore-kho-unpacked" ]; then
	log "unpacking $pkg $srcver"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xJf "/usr/src/$pkg.tar.xz" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.pstore-kho-unpacked"
	mv "$src.tmp" "$src"
fi

rm -rf "$out"
mkdir -p "$out"
blog=$out/build.log
log "configuring in $out"
{
	make -C "$src" O="$out" tinyconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" $fragments
	make -C "$src" O="$out" olddefconfig
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

log "building (about 8 minutes on 2 cores; log: $blog)"
start=$(date +%s)
make -C "$src" O="$out" -j"$(nproc)" bzImage modules >>"$blog" 2>&1 ||
	{ tail -30 "$blog" >&2; exit 1; }
log "built in $(( $(date +%s) - start )) s"
[ -x "$out/usr/gen_init_cpio" ] || { log "usr/gen_init_cpio was not built"; exit 1; }
touch "$out/.pstore-kho-built"
echo "$out"
