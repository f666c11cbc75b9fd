// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.0: kho_preserve_pages() and kho_unpreserve_pages() take the page count
 * as unsigned long (unsigned int before).
 */
#include <linux/kexec_handover.h>

int (*probe_preserve)(struct page *page, unsigned long nr_pages) =
	kho_preserve_pages;
void (*probe_unpreserve)(struct page *page, unsigned long nr_pages) =
	kho_unpreserve_pages;
