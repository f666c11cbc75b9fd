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
# | 7.3-arm64 | Debian linux-source-7.3        | sized sub-blobs (7.1+)  | arm64, 64K pages (Ubuntu's generic-64k) |
# | 7.0-arm64 | linux-7.0.tar.xz + linux-7.0-arm64-overlay.tar.xz | FDT sub-trees, finalize | arm64, 4K pages, as Ubuntu 26.04 ships it |
#
# The x86_64 kernels the systemd guests boot (7.3, 7.0, 6.18) have lockdep,
# kmemleak and atomic-sleep checks, 7.3 UBSAN too
# (kernel_fragments): each KHO API form's own paths run under them.
# KASAN, whose shadow memory makes a guest about three times slower under
# TCG, is on 7.2 only, instead of a fifth kernel: each kernel build costs
# about ten minutes of a fresh CI run. For the same reason the arm64 lane
# has two kernels that cover both page sizes between them, and neither 7.2
# nor the arm64 kernels carry the other checks. A tag is VERSION or
# VERSION-ARCH; the arch is x86_64 unless it says otherwise
# (tests/kernel/arch.sh: what differs between the arches).

# The scenarios and the matrix run on every one of them; the dkms and
# checker tests and the bench name the x86_64 ones they use.
PKHO_KERNELS="7.3 7.2 7.0 6.18 7.3-arm64 7.0-arm64"

# The build number and time in every test kernel's version string (uname
# -v): the same at every build, where kbuild would count and date each link.
# build.sh builds with them, and tests/dkms/kernel-debs.sh's bindeb-pkg,
# given them, finds vmlinux up to date and packages the cached tree as it
# is; with a new stamp it relinked vmlinux (about a minute of CPU for each
# of four kernels in a fresh CI run). A rebuild from the same inputs is the
# same kernel, too.
PKHO_KBUILD_VERSION=1
PKHO_KBUILD_TIMESTAMP="Sun Dec  6 00:00:00 UTC 2026"

. "$(dirname "${BASH_SOURCE[0]}")/arch.sh"

# kernel_arch TAG: the architecture TAG is built for.
kernel_arch() {
	case $1 in
	*-arm64) echo arm64 ;;
	*) echo x86_64 ;;
	esac
}

# kernel_source TAG: "deb PACKAGE" or "tar FILE SHA256 [FILE SHA256]...":
# the tarballs unpacked one on top of the other (the slim 7.0 tarball has
# no arch/arm64; its overlay brings it).
kernel_source() {
	case $1 in
	7.3 | 7.2 | 7.3-arm64) echo "deb linux-source-${1%-arm64}" ;;
	7.0) echo "tar linux-7.0.tar.xz 70089a8013956b92824c1c75eefc0366ebfa536f01f21c63b7f28bfb9a1c1ab6" ;;
	7.0-arm64) echo "tar linux-7.0.tar.xz 70089a8013956b92824c1c75eefc0366ebfa536f01f21c63b7f28bfb9a1c1ab6" \
		"linux-7.0-arm64-overlay.tar.xz 3e676039cd232fd4de1d59677d194e1ba6622694907e05f1245a200df02cc965" ;;
	6.18) echo "tar linux-6.18.2.tar.xz adad6ab824f80312bd9d129f2b1caf8c1ef0b230aa12d9c70c37a1fed00bae13" ;;
	*) return 1 ;;
	esac
}

# kernel_fragments TAG: the config fragments (in tests/kernel/) merged, in
# this order, on top of tinyconfig for TAG (build.sh; the matrix's 7.3
# release candidate is configured as 7.3, tests/matrix/prepare-rc.sh):
# kho.config for all; the arch's board for arm64; the detectors
# (detectors.config) for the x86_64 kernels whose KHO API form's own paths
# run under them, UBSAN (ubsan.config) on 7.3, where every scenario runs,
# and what the systemd guests need
# (systemd-guest.config) where they boot; then TAG's own. The KASAN kernel
# (7.2) has none of the three: its scenarios run under them on 7.3, the
# same KHO API form, and KASAN is what 7.2 is for. The arm64 kernels run
# the module code the x86_64 ones check, on the same KHO API forms: they
# are there for what arm64 changes (its kexec path, the handover in
# /chosen, UEFI, 64K pages). Every option costs build time in a fresh CI
# run, and the detectors boot time under TCG.
kernel_fragments() {
	echo kho.config
	case $1 in
	*-arm64) echo arm64.config ;;
	7.3) printf "%s\n" detectors.config ubsan.config systemd-guest.config ;;
	7.0 | 6.18) printf "%s\n" detectors.config systemd-guest.config ;;
	esac
	echo "$1.config"
}

# kernel_detectors TAG: true for the kernels built with lockdep and
# kmemleak; the guests check they are on there (tests/qemu/guest-lib.sh).
kernel_detectors() { kernel_fragments "$1" | grep -qx detectors.config; }

# kernel_kasan TAG: true for the kernel built with KASAN.
kernel_kasan() { [ "$1" = 7.2 ]; }

# kernel_memory TAG: guest RAM. KASAN's shadow needs more. With 64K pages
# KHO aligns each of its three scratch areas to PAGE_SIZE << MAX_PAGE_ORDER
# (SCRATCH_ALIGNMENT_BYTES, for deferred struct page init), 512 MiB with
# ARCH_FORCE_MAX_ORDER=13 as Ubuntu's generic-64k has it: 1.5 GiB of
# scratch, which a 1 GiB guest cannot hold ("KHO: Failed to reserve global
# scratch buffer"); a real 64K server has the memory.
kernel_memory() {
	if kernel_kasan "$1"; then
		echo 2G
	elif [ "$1" = 7.3-arm64 ]; then
		echo 4G
	else
		echo 1G
	fi
}

# kernel_append TAG: what every boot of TAG needs on its command line.
# KASAN's shadow inflates KHO's default scratch size beyond what 2 GiB hold;
# a chain carries the first kernel's scratch, so any chain that reaches the
# KASAN kernel starts with this too (see tests/lib.sh).
# On arm64, kexec_file_load puts the kernel in the first KHO scratch area
# that holds it (the low one, tried first whatever its address) and the
# initrd and DTB above it, never lower. The default low scratch in a 1 GiB
# guest, twice the kernel's early allocations, is 48 MiB: too small for
# the kernel (26 MiB with the debug options it had, BSS counted) and the
# guest's initrd (its whole root, 22 MiB): "kexec_file_load failed: Cannot
# assign requested address".
kernel_append() {
	if kernel_kasan "$1"; then echo "kho_scratch=16M,256M,256M"; fi
	if [ "$(kernel_arch "$1")" = arm64 ]; then echo "kho_scratch=96M,16M,64M"; fi
}

# kernel_kho_on TAG: the command line word that turns KHO on. The 7.0
# kernels are configured as Ubuntu ships them, with KHO on by default: they
# boot without.
kernel_kho_on() {
	case $1 in
	7.0 | 7.0-arm64) ;;
	*) echo "kho=on" ;;
	esac
}

# kernel_image TAG: the image kexec and QEMU boot, in TAG's build tree.
kernel_image() { arch_image "$(kernel_arch "$1")"; }

# kernel_cmdline TAG: what a kexec into TAG puts on its command line
# (tests/qemu/guest-lib.sh): its serial console and whether KHO needs
# turning on, as QEMU's first boot gets them (tests/qemu/boot.sh, lib.sh).
kernel_cmdline() { echo "console=$(arch_console "$(kernel_arch "$1")") $(kernel_kho_on "$1")"; }

# kernel_firmware TAG: how QEMU boots TAG unless a scenario asks otherwise
# (tests/qemu/boot.sh): nothing for QEMU's own loader, "uefi" for UEFI
# firmware. arm64 kernels boot through UEFI, as arm64 servers do (ACPI, and
# a device tree the EFI stub makes, where the handover FDT goes): under TCG
# a kernel kexec'd from one that QEMU's loader booted with its device tree
# runs 4 to 8 times slower (QEMU keeps every store to a page that still
# holds the first kernel's translated code on its self-modifying-code
# path). The scenarios that say so (# fdt:) run on them once more that way.
kernel_firmware() { if [ "$(kernel_arch "$1")" = arm64 ]; then echo uefi; fi; }

# kernel_fdt_too TAG: true for the kernel on which the scenarios that say
# "# fdt:" run once more booted by QEMU's own loader with its device tree:
# one arm64 kernel, 7.3 at 64K pages. The handover's place in the device
# tree (/chosen, written by arm64's kexec_file_load) is the same code
# whichever way the first kernel was booted, and 7.0-arm64's FDT run took
# 250 s of CI (the slow path above); 7.0-arm64 hands over through UEFI, as
# Ubuntu's arm64 servers boot.
kernel_fdt_too() { [ "$1" = 7.3-arm64 ]; }

# Which single-kernel scenarios run on which kernel, for CI time: a cached
# make check must stay well under CI's 90 minutes on two cores, and each
# boot under TCG with lockdep and kmemleak takes 10 to 40 s (with KASAN two
# to three times that; an arm64 one without them, 3 to 15 s). Every
# scenario runs on 7.3. The other
# x86_64 kernels run the ones that reach their KHO API form's own code:
# preserving, restoring and freeing pages, finalizing, the kexec dump, the
# pool set aside where nothing can grow after load (publish.c, incoming.c,
# stream.c); capture and rendering are the same code on every kernel.
# 7.0 (finalize, as Ubuntu ships it) runs the most of them, 6.18 those of
# the handover itself (its finalize paths have scenarios of their own).
# Records carried over several boots (history, empty-record) are the same
# code on every form once the handover is read: chain covers that on each.
# KASAN's 7.2 gets a damaged handover, a storm and an unload; each of them
# hands over a log, so a plain handover there adds nothing.
# The arm64 lane runs what issue 19 asks: handover on both (UEFI, and FDT
# once more on 7.3-arm64, "# fdt:", kernel_fdt_too), the storm and the
# damaged handover on 7.0 as Ubuntu ships it, and the 64K-page kernel's
# handover, chain, damaged handover and storm (flood runs on every test
# kernel).
kernel_runs() {
	local list
	case $1 in
	7.3) return 0 ;;
	7.0) list="bad-input chain cycles damaged flood handover log-max reload" ;;
	6.18) list="bad-input chain damaged flood handover reload" ;;
	7.2) list="damaged flood reload" ;;
	7.3-arm64) list="chain damaged flood handover" ;;
	7.0-arm64) list="damaged flood handover kexec-tail" ;;
	*) return 1 ;;
	esac
	[[ " $list " == *" $2 "* ]]
}

# kernel_subset_why TAG: why TAG runs only the scenarios kernel_runs names.
kernel_subset_why() {
	case $1 in
	7.2) echo "KASAN makes each boot about three times slower; lockdep, kmemleak and UBSAN check these scenarios on 7.3, the same KHO API form, and damaged, flood and reload each hand a log over under KASAN" ;;
	*-arm64) echo "the rest test capture and rendering, the same C code on both architectures, run on x86_64 under lockdep, kmemleak and UBSAN" ;;
	*) echo "they test capture, rendering or refusals, the same code on every KHO API form, or paths other scenarios cover on this kernel; they run on 7.3" ;;
	esac
}
