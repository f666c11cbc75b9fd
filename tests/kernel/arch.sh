# SPDX-License-Identifier: GPL-2.0-only
# What differs between the architectures the test kernels are built for, on
# this x86_64 host: how kbuild is called, which image kexec_file_load and
# QEMU take, the serial console, and the guests' user space. Sourced by
# kernels.sh; an ARCH is what kernel_arch TAG says (x86_64 or arm64).

# arch_make_args ARCH: kbuild's arguments for ARCH; arm64 is cross-built
# with Debian's gcc-aarch64-linux-gnu (tests/setup/host-deps.sh).
arch_make_args() {
	case $1 in
	x86_64) ;;
	arm64) echo "ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-" ;;
	*) return 1 ;;
	esac
}

# arch_image ARCH: the kernel image, in the build tree. arm64's
# kexec_file_load takes only the uncompressed Image (which is also an EFI
# application, for UEFI boots).
arch_image() {
	case $1 in
	x86_64) echo arch/x86/boot/bzImage ;;
	arm64) echo arch/arm64/boot/Image ;;
	*) return 1 ;;
	esac
}

# arch_console ARCH: the serial console QEMU's machine has (x86's 8250 on
# the PC, the PL011 of arm64's virt board).
arch_console() {
	case $1 in
	x86_64) echo ttyS0 ;;
	arm64) echo ttyAMA0 ;;
	*) return 1 ;;
	esac
}

# arch_debian ARCH: Debian's name of ARCH, for the guests' user space
# (tests/setup/guest-root.sh), and the multiarch directory of its libraries.
arch_debian() {
	case $1 in
	x86_64) echo amd64 ;;
	arm64) echo arm64 ;;
	*) return 1 ;;
	esac
}
arch_triplet() {
	case $1 in
	x86_64) echo x86_64-linux-gnu ;;
	arm64) echo aarch64-linux-gnu ;;
	*) return 1 ;;
	esac
}

# arch_uefi ARCH: the UEFI firmware QEMU boots a kernel through, for the
# scenarios that ask for it (# uefi:); Debian's qemu-efi-aarch64.
arch_uefi() {
	case $1 in
	arm64) echo /usr/share/qemu-efi-aarch64/QEMU_EFI.fd ;;
	*) return 1 ;;
	esac
}

# arch_recipe ARCH: added to the kernel cache key (tests/kernel/build.sh)
# of ARCH's kernels. Bump the number when a change of the arm64 build
# changes what it produces. Nothing for x86_64: its keys stay as they were.
arch_recipe() {
	case $1 in
	x86_64) ;;
	arm64) echo "arm64 recipe 1" ;;
	*) return 1 ;;
	esac
}
