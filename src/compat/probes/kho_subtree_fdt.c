// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.19 to 7.0: KHO sub-trees are FDTs and KHO stores no size:
 * kho_add_subtree(name, fdt), kho_retrieve_subtree(name, &phys). Nothing
 * reaches the next kernel unless KHO is finalized before the jump.
 */
#include <linux/kexec_handover.h>

int probe_add(void *fdt);
int probe_add(void *fdt)
{
	return kho_add_subtree("probe", fdt);
}

int probe_get(phys_addr_t *phys);
int probe_get(phys_addr_t *phys)
{
	return kho_retrieve_subtree("probe", phys);
}
