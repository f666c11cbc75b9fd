/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The KHO calls pstore_kho makes, in one form whatever the kernel.
 *
 * Force-included into every file of the module by Kbuild. What the kernel
 * offers is found by compile probes (probe.sh, one file each in probes/)
 * run against its headers, never by version numbers: distribution kernels
 * backport. Kbuild refuses, in one line, a kernel whose form is not
 * supported. The three forms:
 *
 * - live (7.1 and later): KHO stores each sub-tree's size, preservation is
 *   live: what is preserved when the kernel jumps is handed over.
 * - finalize (6.19 to 7.0): sub-trees are FDTs without a size; KHO must be
 *   finalized before the jump (LUO does it with liveupdate=on, else
 *   pstore-kho-finalize from user space); pages preserved after that are
 *   not handed over.
 * - finalize-before-load (6.16 to 6.18): sub-trees are added from the
 *   KEXEC_KHO_FINALIZE notifier only, and finalization must come before
 *   kexec_file_load(); an abort drops every preservation.
 */

#ifndef _PSTORE_KHO_COMPAT_H
#define _PSTORE_KHO_COMPAT_H

#include "compat/generated.h"

/*
 * probe.sh defines exactly one of PKHO_KHO_API_LIVE, _FINALIZE and
 * _NOTIFIER as 1 (the others 0) and PKHO_KHO_API, the form's name.
 */
#ifndef PKHO_KHO_API
#error "pstore_kho: unsupported KHO API (Kbuild should have said so)"
#endif

/* The boot parameter that sizes KHO's boot memory, for advice printed. */
#ifdef PKHO_HAVE_KHO_SCRATCH_NAME
#define PKHO_KHO_SCRATCH_PARAM	"kho_scratch="
#else
#define PKHO_KHO_SCRATCH_PARAM	"kho_bootmem="
#endif

#endif /* _PSTORE_KHO_COMPAT_H */
