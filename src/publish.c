// SPDX-License-Identifier: GPL-2.0-only
/*
 * Handing memory to the next kernel, and taking it back: the one place that
 * knows how the KHO API of this kernel does it (see compat/compat.h).
 *
 * The rest of the module *keeps* runs of pages (they must reach the next
 * kernel), *publishes* handles under entry names, and *restores* what a
 * previous kernel handed over. With a live or finalize API, keeping is
 * preserving at once. With the notifier API (6.16 to 6.18), preservation is
 * only allowed until KHO is finalized and an abort forgets all of it, so the
 * kept runs and published handles are listed here and handed to KHO in the
 * KEXEC_KHO_FINALIZE notifier.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/kexec_handover.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/slab.h>

#include "abi/pstore.h"
#include "pkho.h"

int pkho_restore_check(phys_addr_t phys, unsigned long nr_pages)
{
	unsigned long i;

	/* What kho_restore_pages() itself checks would warn, not refuse. */
	if (!PAGE_ALIGNED(phys) || !nr_pages)
		return -EINVAL;
	for (i = 0; i < nr_pages; i++) {
		if (!pfn_to_online_page(PHYS_PFN(phys) + i))
			return -EFAULT;
	}
	return 0;
}

void *pkho_restore(phys_addr_t phys, unsigned long nr_pages)
{
	struct page *page;

	if (pkho_restore_check(phys, nr_pages))
		return NULL;
	page = kho_restore_pages(phys, nr_pages);
	return page ? page_address(page) : NULL;
}

/*
 * Give back pages kho_restore_pages() returned: order-0 pages from 6.19 on;
 * on 6.18 each naturally aligned block came back as one compound page.
 */
void pkho_free_restored(void *mem, unsigned long nr_pages)
{
	unsigned long pfn = PHYS_PFN(virt_to_phys(mem)), end = pfn + nr_pages;
	unsigned int order;

	while (pfn < end) {
		order = PKHO_KHO_API_NOTIFIER ?
			min_t(unsigned int, __ffs(pfn), ilog2(end - pfn)) : 0;
		__free_pages(pfn_to_page(pfn), order);
		pfn += 1UL << order;
	}
}

#if !PKHO_KHO_API_NOTIFIER

int pkho_keep(void *mem, unsigned long nr_pages)
{
	return kho_preserve_pages(virt_to_page(mem), nr_pages);
}

void pkho_unkeep(void *mem, unsigned long nr_pages)
{
	kho_unpreserve_pages(virt_to_page(mem), nr_pages);
}

int pkho_publish(const char *name, void *handle)
{
#if PKHO_KHO_API_LIVE
	return kho_add_subtree(name, handle, PSTORE_KHO_HANDLE_SIZE);
#else
	return kho_add_subtree(name, handle);
#endif
}

void pkho_unpublish(void *handle)
{
	kho_remove_subtree(handle);
}

int pkho_lookup(const char *name, phys_addr_t *phys, size_t *size)
{
#if PKHO_KHO_API_LIVE
	return kho_retrieve_subtree(name, phys, size);
#else
	/* No size is stored: a handle is one page by the ABI. */
	*size = PSTORE_KHO_HANDLE_SIZE;
	return kho_retrieve_subtree(name, phys);
#endif
}

int pkho_publish_init(void)
{
	return 0;
}

void pkho_publish_exit(void)
{
}

#else /* PKHO_KHO_API_NOTIFIER */

struct pkho_kept {
	struct list_head list;
	void *mem;
	unsigned long nr_pages;
	const char *name;	/* a published handle, or NULL */
};

static LIST_HEAD(pkho_kept_list);
static DEFINE_MUTEX(pkho_kept_lock);

static int pkho_list_add(void *mem, unsigned long nr_pages, const char *name)
{
	struct pkho_kept *k = kzalloc(sizeof(*k), GFP_KERNEL);

	if (!k)
		return -ENOMEM;
	k->mem = mem;
	k->nr_pages = nr_pages;
	k->name = name;
	mutex_lock(&pkho_kept_lock);
	list_add_tail(&k->list, &pkho_kept_list);
	mutex_unlock(&pkho_kept_lock);
	return 0;
}

static void pkho_list_del(void *mem, bool handle)
{
	struct pkho_kept *k, *tmp;

	mutex_lock(&pkho_kept_lock);
	list_for_each_entry_safe(k, tmp, &pkho_kept_list, list) {
		if (k->mem == mem && !!k->name == handle) {
			list_del(&k->list);
			kfree(k);
			break;
		}
	}
	mutex_unlock(&pkho_kept_lock);
}

int pkho_keep(void *mem, unsigned long nr_pages)
{
	return pkho_list_add(mem, nr_pages, NULL);
}

void pkho_unkeep(void *mem, unsigned long nr_pages)
{
	pkho_list_del(mem, false);
}

/* @name must stay valid until pkho_unpublish(). */
int pkho_publish(const char *name, void *handle)
{
	return pkho_list_add(handle, 1, name);
}

void pkho_unpublish(void *handle)
{
	pkho_list_del(handle, true);
}

int pkho_lookup(const char *name, phys_addr_t *phys, size_t *size)
{
	*size = PSTORE_KHO_HANDLE_SIZE;
	return kho_retrieve_subtree(name, phys);
}

/*
 * KEXEC_KHO_FINALIZE: let the log catch up and stop growing, then preserve
 * everything kept and add the handles. A failure here is ours alone: it is
 * said, and the finalize of everyone else's data goes on. KEXEC_KHO_ABORT:
 * KHO forgot every preservation; the log may grow again.
 */
static int pkho_kho_event(struct notifier_block *nb, unsigned long event,
			  void *data)
{
	struct kho_serialization *ser = data;
	struct pkho_kept *k;
	int err = 0, e;

	if (event == KEXEC_KHO_ABORT) {
		pkho_out_freeze(false);
		return NOTIFY_DONE;
	}
	if (event != KEXEC_KHO_FINALIZE)
		return NOTIFY_DONE;
	pkho_out_freeze(true);
	mutex_lock(&pkho_kept_lock);
	list_for_each_entry(k, &pkho_kept_list, list) {
		err = kho_preserve_pages(virt_to_page(k->mem), k->nr_pages);
		if (err)
			break;
	}
	/* A handle must not point at memory that is not handed over. */
	list_for_each_entry(k, &pkho_kept_list, list) {
		if (err || !k->name)
			continue;
		e = kho_add_subtree(ser, k->name, k->mem);
		if (e)
			pr_warn("cannot hand this kernel's log to the next one: %s: %pe\n",
				k->name, ERR_PTR(e));
	}
	mutex_unlock(&pkho_kept_lock);
	if (err)
		pr_warn("cannot hand this kernel's log to the next one: %pe\n",
			ERR_PTR(err));
	return NOTIFY_DONE;
}

static struct notifier_block pkho_kho_nb = {
	.notifier_call = pkho_kho_event,
};

int pkho_publish_init(void)
{
	return register_kho_notifier(&pkho_kho_nb);
}

void pkho_publish_exit(void)
{
	unregister_kho_notifier(&pkho_kho_nb);
}

#endif /* PKHO_KHO_API_NOTIFIER */
