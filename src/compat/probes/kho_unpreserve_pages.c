// SPDX-License-Identifier: GPL-2.0-only
/* kho_unpreserve_pages(): preservation can be undone (6.19 and later). */
#include <linux/kexec_handover.h>

void probe_unpreserve(struct page *page);
void probe_unpreserve(struct page *page)
{
	kho_unpreserve_pages(page, 1);
}
