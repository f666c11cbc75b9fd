// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.16 to 6.18: sub-trees may only be added from a KEXEC_KHO_FINALIZE
 * notifier, kho_add_subtree(ser, name, fdt); finalization is started from
 * debugfs, before kexec_file_load().
 */
#include <linux/kexec_handover.h>
#include <linux/notifier.h>

int probe_notifier(struct notifier_block *nb);
int probe_notifier(struct notifier_block *nb)
{
	return register_kho_notifier(nb);
}

int probe_add(struct kho_serialization *ser, void *fdt);
int probe_add(struct kho_serialization *ser, void *fdt)
{
	return kho_add_subtree(ser, "probe", fdt);
}
