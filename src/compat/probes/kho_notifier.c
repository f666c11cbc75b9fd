// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.16 to 6.18: sub-trees may only be added from a KEXEC_KHO_FINALIZE
 * notifier (register_kho_notifier()); finalization is started from debugfs.
 */
#include <linux/kexec_handover.h>

int probe_notifier(struct notifier_block *nb);
int probe_notifier(struct notifier_block *nb)
{
	return register_kho_notifier(nb);
}
