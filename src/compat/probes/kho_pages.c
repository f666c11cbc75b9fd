// SPDX-License-Identifier: GPL-2.0-only
/*
 * kho_preserve_pages() and kho_restore_pages() (6.18 and later; the page
 * count is unsigned int up to 6.19, unsigned long from 7.0). Earlier kernels
 * preserve physical ranges instead and are not supported.
 */
#include <linux/kexec_handover.h>

int probe_preserve(struct page *page);
int probe_preserve(struct page *page)
{
	return kho_preserve_pages(page, 1);
}

struct page *probe_restore(phys_addr_t phys);
struct page *probe_restore(phys_addr_t phys)
{
	return kho_restore_pages(phys, 1);
}
