/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The KHO calls pstore_kho makes, in one form whatever the kernel.
 *
 * Force-included into every file of the module by Kbuild. What the kernel
 * offers is found by compile probes (probe.sh, one file each in probes/)
 * run against its headers, never by version numbers: distribution kernels
 * backport. Kbuild refuses, in one line, a kernel whose form is not
 * supported here.
 */

#ifndef _PSTORE_KHO_COMPAT_H
#define _PSTORE_KHO_COMPAT_H

#include "compat/generated.h"

#if !defined(PKHO_HAVE_KHO_SUBTREE_SIZED) || !defined(PKHO_HAVE_KHO_PAGES_ULONG)
#error "pstore_kho: unsupported KHO API (Kbuild should have said so)"
#endif

/* 7.1+: KHO stores the size of each sub-blob and gives it back. */
#define pkho_subtree_add(name, blob, size)	kho_add_subtree(name, blob, size)
#define pkho_subtree_remove(blob)		kho_remove_subtree(blob)
#define pkho_subtree_get(name, phys, size)	kho_retrieve_subtree(name, phys, size)

/* 7.0+: page counts are unsigned long. */
#define pkho_pages_preserve(page, nr)		kho_preserve_pages(page, nr)
#define pkho_pages_unpreserve(page, nr)		kho_unpreserve_pages(page, nr)

#endif /* _PSTORE_KHO_COMPAT_H */
