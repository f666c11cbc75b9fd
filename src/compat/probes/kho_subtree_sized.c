// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.1: KHO keeps the size of a sub-blob ("blob-size" property):
 * kho_add_subtree(name, blob, size), kho_retrieve_subtree(name, &phys, &size).
 */
#include <linux/kexec_handover.h>

int probe_add(void *blob);
int probe_add(void *blob)
{
	return kho_add_subtree("probe", blob, 1);
}

int probe_get(phys_addr_t *phys, size_t *size);
int probe_get(phys_addr_t *phys, size_t *size)
{
	return kho_retrieve_subtree("probe", phys, size);
}
