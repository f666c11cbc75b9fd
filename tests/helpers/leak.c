// SPDX-License-Identifier: GPL-2.0-only
/*
 * pkho_leak: test-only module, never packaged. Leaks eight small objects at
 * load, so that the guest's leak check (kmemleak_report in
 * tests/qemu/guest-lib.sh) can be shown to find a leak made right before it
 * (tests/scenarios/kmemleak.sh). Eight: the last pointer may linger in a
 * stale stack slot that kmemleak scans and takes for a reference.
 */

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

/*
 * Not in the init section: kmemleak prints the backtrace when it reports,
 * after a module's init code is gone and can no longer be named.
 */
static noinline int pkho_leak_one(void)
{
	void *p = kmalloc(96, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	/* No pointer-like contents: nothing in them refers to anything. */
	memset(p, 0x5a, 96);
	return 0;
}

static int __init pkho_leak_init(void)
{
	int i, err = 0;

	for (i = 0; i < 8 && !err; i++)
		err = pkho_leak_one();
	return err;
}

module_init(pkho_leak_init);
MODULE_DESCRIPTION("test only: leak eight objects for kmemleak to find");
MODULE_LICENSE("GPL");
