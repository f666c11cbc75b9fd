#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# What the lockdown lane boots with, signed with the 7.0 test kernel's own
# build key (certs/signing_key.pem in its build tree, which the kernel's
# builtin keyring trusts), cached outside the kernel build, which stays as
# tests/kernel/build.sh made it:
#   bzImage.signed   the kernel image, signed with Debian's sbsign, for
#                    kexec -s under lockdown (KEXEC_SIG, the bzImage verifier)
#   pstore_kho.ko    the module as dkms builds and signs it when
#                    /etc/dkms/framework.conf names the kernel's key, as README
#                    tells users: in a trixie root where apt installed the
#                    kernel's .debs, that setting, then our .deb
#   signer           the module's signer, as modinfo reads it
#
#   signed.sh DEB-DIR    -> prints the directory
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
debdir=$1
cache=${PSTORE_KHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pstore-kho}
version=$(cat "$top/VERSION")
deb=$debdir/pstore-kho-dkms_${version}_all.deb
tree=$("$top/tests/kernel/build.sh" 7.0)
kdebs=$("$top/tests/dkms/kernel-debs.sh" 7.0)
base=$("$top/tests/dkms/root.sh")
[ -e "$tree/certs/signing_key.pem" ] || { echo "signed.sh: $tree has no certs/signing_key.pem (CONFIG_MODULE_SIG)" >&2; exit 1; }
key=$(cat "$tree/arch/x86/boot/bzImage" "$tree/certs/signing_key.x509" "$deb" "$kdebs"/linux-*.deb \
	"$here/signed.sh" | sha256sum | cut -c1-12)
out=$cache/lockdown/signed-$key
mkdir -p "$cache/lockdown"
exec 9>"$cache/lockdown/.lock"
flock 9
if [ -e "$out/.done" ]; then
	echo "$out"
	exit 0
fi
rm -rf "$cache"/lockdown/signed-* "$cache/lockdown/work"
mkdir -p "$out"
log=$out/sign.log

# The image: sbsign wants the certificate as PEM, the build leaves it DER.
openssl x509 -inform DER -in "$tree/certs/signing_key.x509" -out "$out/signing_key.x509.pem"
sbsign --key "$tree/certs/signing_key.pem" --cert "$out/signing_key.x509.pem" \
	--output "$out/bzImage.signed" "$tree/arch/x86/boot/bzImage" >"$log" 2>&1
sbverify --cert "$out/signing_key.x509.pem" "$out/bzImage.signed" >>"$log" 2>&1

# The module: dkms with the kernel's key in framework.conf.
root=$cache/lockdown/work/root
mkdir -p "$root"
cp -a "$base/." "$root/"
mkdir -p "$root/debs" "$root/root/kernel-key"
cp "$kdebs"/linux-image-*.deb "$kdebs"/linux-headers-*.deb "$deb" "$root/debs/"
cp "$tree/certs/signing_key.pem" "$tree/certs/signing_key.x509" "$root/root/kernel-key/"
printf 'mok_signing_key=/root/kernel-key/signing_key.pem\nmok_certificate=/root/kernel-key/signing_key.x509\n' \
	>>"$root/etc/dkms/framework.conf"
# apt's download cache of its own: this runs beside tests/dkms/run.sh (make
# check starts the systemd guests while the dkms tests go on), whose apt
# holds the shared cache's lock while it installs. The root already has
# what our .deb and the kernel's need (root.sh): little to download.
in_root() { "$top/tests/dkms/chroot.sh" "$root" "$cache/lockdown/apt-archives" "$@"; }
{
	in_root apt-get update -q &&
	in_root sh -c 'apt-get install -y -q -o Dpkg::Use-Pty=0 /debs/linux-*.deb' &&
	in_root apt-get install -y -q -o Dpkg::Use-Pty=0 "/debs/$(basename "$deb")"
} >>"$log" 2>&1 || { echo "signed.sh: installing into the root failed: $(tail -3 "$log" | paste -sd' ')" >&2; exit 1; }
rel=$(dpkg-deb -f "$(ls "$kdebs"/linux-image-*.deb | head -1)" Package | sed 's/^linux-image-//')
ko=$(ls "$root/lib/modules/$rel/updates/dkms/"pstore_kho.ko* 2>/dev/null | head -1)
[ -n "$ko" ] || { echo "signed.sh: dkms did not install pstore_kho for $rel: $(grep -i -m3 -e error -e sign "$log" | paste -sd' ')" >&2; exit 1; }
cp "$ko" "$out/pstore_kho.ko"
modinfo -F signer "$out/pstore_kho.ko" >"$out/signer"
want=$(openssl x509 -inform DER -in "$tree/certs/signing_key.x509" -noout -subject | sed -n 's/.*CN *= *\([^,]*\).*/\1/p')
grep -qxF "$want" "$out/signer" || { echo "signed.sh: the module's signer is '$(cat "$out/signer")', not the kernel's key '$want'" >&2; exit 1; }
rm -rf "$cache/lockdown/work"
touch "$out/.done"
echo "$out"
