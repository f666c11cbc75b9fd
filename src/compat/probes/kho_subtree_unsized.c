// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.19 to 7.0: KHO sub-blobs without a size (in practice FDTs, whose size
 * the blob carries): kho_add_subtree(name, fdt).
 */
#include <linux/kexec_handover.h>

int probe_add(void *fdt);
int probe_add(void *fdt)
{
	return kho_add_subtree("probe", fdt);
}
