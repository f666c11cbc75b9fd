# SPDX-License-Identifier: GPL-2.0-only
# The test kernels, in one place: where each one's source comes from, which
# config fragments it gets, and how QEMU boots it. Sourced by build.sh and
# tests/lib.sh.
#
# | tag  | source                              | KHO API form            | also            |
# |------|-------------------------------------|-------------------------|-----------------|
# | 7.3  | Debian linux-source-7.3             | sized sub-blobs (7.1+)  | bench kernel    |
# | 7.2  | Debian linux-source-7.2             | sized sub-blobs (7.1+)  | the KASAN kernel |
# | 7.0  | ../shared/kernels/linux-7.0.tar.xz  | FDT sub-trees, finalize | as Ubuntu 26.04 ships it: KHO on by default, LUO, UEFI |
# | 6.18 | ../shared/kernels/linux-6.18.2.tar.xz | finalize notifier     | the 2025 LTS    |
#
# Every test kernel has lockdep, kmemleak, UBSAN and atomic-sleep checks
# (kho.config): each KHO API form's own paths run under them. KASAN, whose
# shadow memory makes a guest about three times slower under TCG, is on 7.2
# only, instead of a fifth kernel: each kernel build costs about ten
# minutes of a fresh CI run.

PKHO_KERNELS="7.3 7.2 7.0 6.18"

# kernel_source TAG: "deb PACKAGE" or "tar FILE SHA256".
kernel_source() {
	case $1 in
	7.3 | 7.2) echo "deb linux-source-$1" ;;
	7.0) echo "tar linux-7.0.tar.xz 70089a8013956b92824c1c75eefc0366ebfa536f01f21c63b7f28bfb9a1c1ab6" ;;
	6.18) echo "tar linux-6.18.2.tar.xz adad6ab824f80312bd9d129f2b1caf8c1ef0b230aa12d9c70c37a1fed00bae13" ;;
	*) return 1 ;;
	esac
}

# kernel_kasan TAG: true for the kernel built with KASAN.
kernel_kasan() { [ "$1" = 7.2 ]; }

# kernel_memory TAG: guest RAM. KASAN's shadow needs more.
kernel_memory() { if kernel_kasan "$1"; then echo 2G; else echo 1G; fi; }

# kernel_append TAG: what every boot of TAG needs on its command line.
# KASAN's shadow inflates KHO's default scratch size beyond what 2 GiB hold;
# a chain carries the first kernel's scratch, so any chain that reaches the
# KASAN kernel starts with this too (see tests/lib.sh).
kernel_append() {
	if kernel_kasan "$1"; then echo "kho_scratch=16M,256M,256M"; fi
}

# kernel_kho_on TAG: the command line word that turns KHO on. The 7.0 kernel
# is configured as Ubuntu ships it, with KHO on by default: it boots without.
kernel_kho_on() { [ "$1" = 7.0 ] || echo "kho=on"; }
