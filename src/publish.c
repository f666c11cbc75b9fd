// SPDX-License-Identifier: GPL-2.0-only
/*
 * Handing a blob to the next kernel: preserve its pages with KHO and
 * register it under an entry name; and taking it back. The same for this
 * kernel's own blobs and for the previous kernels' blobs handed on.
 */

#include <linux/kexec_handover.h>
#include <linux/mm.h>

#include "pkho.h"

static unsigned long pkho_nr_pages(size_t size)
{
	return PAGE_ALIGN(size) >> PAGE_SHIFT;
}

int pkho_publish(const char *name, void *blob, size_t size)
{
	struct page *page = virt_to_page(blob);
	int err;

	err = pkho_pages_preserve(page, pkho_nr_pages(size));
	if (err)
		return err;
	err = pkho_subtree_add(name, blob, size);
	if (err)
		pkho_pages_unpreserve(page, pkho_nr_pages(size));
	return err;
}

void pkho_unpublish(void *blob, size_t size)
{
	pkho_subtree_remove(blob);
	pkho_pages_unpreserve(virt_to_page(blob), pkho_nr_pages(size));
}
