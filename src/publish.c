// SPDX-License-Identifier: GPL-2.0-only
/*
 * Handing memory to the next kernel, and taking it back: the one place that
 * knows how the KHO API of this kernel does it (see compat/compat.h). It is
 * the bottom of the module: it calls nothing of the module's.
 *
 * The rest of the module *keeps* runs of pages (they must reach the next
 * kernel), *publishes* its handle under its entry name and *restores* what
 * a previous kernel handed over.
 *
 * - live (7.1 and later): keeping is preserving, at any time.
 * - finalize (6.19 to 7.0): keeping is preserving, but pages preserved
 *   after KHO was finalized are not in the map the next kernel reads, and
 *   the module cannot see a finalize happen (LUO's inside kernel_kexec(), or
 *   one written to debugfs by hand). So memory kept after load is never
 *   relied on: pkho_late_keep_ok() says no, and the log's memory is set
 *   aside at load.
 * - finalize-before-load (6.16 to 6.18): preservation is only allowed until
 *   KHO is finalized, and an abort forgets all of it, so the kept runs and
 *   the handle are listed here and handed to KHO in the KEXEC_KHO_FINALIZE
 *   notifier. Once finalized, nothing more is kept, nothing kept is freed
 *   (KHO would hand the freed pages over, and 6.18 has no unpreserve: the
 *   frees wait for an abort, or never happen if the kernel jumps), and the
 *   module pins itself so that rmmod cannot free a handle KHO names.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kexec_handover.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/slab.h>

#include "abi/pstore.h"
#include "pkho.h"

void *pkho_restore(phys_addr_t phys, unsigned long nr_pages)
{
	struct page *page;
	unsigned long i;

	/* What kho_restore_pages() itself checks would warn, not refuse. */
	if (!PAGE_ALIGNED(phys) || !nr_pages)
		return NULL;
	for (i = 0; i < nr_pages; i++) {
		if (!pfn_to_online_page(PHYS_PFN(phys) + i))
			return NULL;
	}
	page = kho_restore_pages(phys, nr_pages);
	return page ? page_address(page) : NULL;
}

/*
 * Free pages kho_restore_pages() gave back, as they are: order-0 pages
 * (6.19 on), or one compound page per naturally aligned block (6.18), or
 * whatever a backport makes of them.
 */
static void pkho_free_restored_now(void *mem, unsigned long nr_pages)
{
	unsigned long pfn = PHYS_PFN(virt_to_phys(mem)), end = pfn + nr_pages;
	unsigned int order;
	struct page *page;

	while (pfn < end) {
		page = pfn_to_page(pfn);
		order = PageHead(page) ? compound_order(page) : 0;
		__free_pages(page, order);
		pfn += 1UL << order;
	}
}

void pkho_free_restored(void *mem, unsigned long nr_pages)
{
	pkho_free_restored_now(mem, nr_pages);
}

#if !PKHO_KHO_API_NOTIFIER

bool pkho_late_keep_ok(void)
{
	return PKHO_KHO_API_LIVE;
}

bool pkho_keep_ends_at_finalize(void)
{
	return false;
}

static int pkho_keep_as(void *mem, unsigned long nr_pages, bool restored)
{
	return kho_preserve_pages(virt_to_page(mem), nr_pages);
}

void pkho_unkeep(void *mem, unsigned long nr_pages)
{
	kho_unpreserve_pages(virt_to_page(mem), nr_pages);
}

void pkho_unkeep_restored(void *mem, unsigned long nr_pages)
{
	pkho_unkeep(mem, nr_pages);
	pkho_free_restored_now(mem, nr_pages);
}

void pkho_free_kept(void *mem, size_t bytes)
{
	pkho_unkeep(mem, bytes >> PAGE_SHIFT);
	free_pages_exact(mem, bytes);
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

/*
 * A kept run: @restored pages came from kho_restore_pages(), the others
 * from alloc_pages_exact(); @gone: let go of by its owner while KHO was
 * finalized, to be forgotten after an abort, and its pages freed then if
 * @free_after.
 */
struct pkho_kept {
	struct list_head list;
	void *mem;
	unsigned long nr_pages;
	const char *name;	/* the published handle, or NULL */
	bool restored;
	bool gone;
	bool free_after;
};

static LIST_HEAD(pkho_kept_list);
static DEFINE_MUTEX(pkho_kept_lock);
static bool pkho_finalized;

bool pkho_keep_ends_at_finalize(void)
{
	return true;
}

bool pkho_late_keep_ok(void)
{
	bool ok;

	mutex_lock(&pkho_kept_lock);
	ok = !pkho_finalized;
	mutex_unlock(&pkho_kept_lock);
	return ok;
}

static int pkho_list_add(void *mem, unsigned long nr_pages, const char *name,
			 bool restored)
{
	struct pkho_kept *k = kzalloc(sizeof(*k), GFP_KERNEL);

	if (!k)
		return -ENOMEM;
	k->mem = mem;
	k->nr_pages = nr_pages;
	k->name = name;
	k->restored = restored;
	mutex_lock(&pkho_kept_lock);
	if (pkho_finalized) {
		mutex_unlock(&pkho_kept_lock);
		kfree(k);
		return -EBUSY;
	}
	list_add_tail(&k->list, &pkho_kept_list);
	mutex_unlock(&pkho_kept_lock);
	return 0;
}

static void pkho_kept_free(struct pkho_kept *k)
{
	if (k->restored)
		pkho_free_restored_now(k->mem, k->nr_pages);
	else
		free_pages_exact(k->mem, k->nr_pages << PAGE_SHIFT);
	kfree(k);
}

/*
 * Stop keeping @mem and, unless @keep_pages, free it: now or, while
 * finalized, after an abort.
 */
static void pkho_list_drop(void *mem, bool handle, bool keep_pages)
{
	struct pkho_kept *k, *found = NULL;

	mutex_lock(&pkho_kept_lock);
	list_for_each_entry(k, &pkho_kept_list, list) {
		if (k->mem == mem && !!k->name == handle && !k->gone) {
			found = k;
			break;
		}
	}
	if (found && pkho_finalized) {
		found->gone = true;
		found->free_after = !handle && !keep_pages;
		found = NULL;
	} else if (found) {
		list_del(&found->list);
	}
	mutex_unlock(&pkho_kept_lock);
	if (found && !handle && !keep_pages)
		pkho_kept_free(found);
	else
		kfree(found);
}

static int pkho_keep_as(void *mem, unsigned long nr_pages, bool restored)
{
	return pkho_list_add(mem, nr_pages, NULL, restored);
}

void pkho_unkeep(void *mem, unsigned long nr_pages)
{
	pkho_list_drop(mem, false, true);
}

void pkho_unkeep_restored(void *mem, unsigned long nr_pages)
{
	pkho_list_drop(mem, false, false);
}

void pkho_free_kept(void *mem, size_t bytes)
{
	pkho_list_drop(mem, false, false);
}

/* @name must stay valid until pkho_unpublish(). */
int pkho_publish(const char *name, void *handle)
{
	return pkho_list_add(handle, 1, name, false);
}

/* The handle itself is freed by its owner with pkho_free_kept(). */
void pkho_unpublish(void *handle)
{
	pkho_list_drop(handle, true, true);
}

int pkho_lookup(const char *name, phys_addr_t *phys, size_t *size)
{
	*size = PSTORE_KHO_HANDLE_SIZE;
	return kho_retrieve_subtree(name, phys);
}

/*
 * KEXEC_KHO_FINALIZE: preserve everything kept and add the handle; from
 * now on nothing is kept and nothing freed. A failure here is ours alone:
 * it is said, and the finalize of everyone else's data goes on. The work is
 * a walk of the list: no printk rate can hold it up. KEXEC_KHO_ABORT: KHO
 * forgot every preservation; the frees that waited happen.
 */
static int pkho_kho_event(struct notifier_block *nb, unsigned long event,
			  void *data)
{
	struct kho_serialization *ser = data;
	struct pkho_kept *k, *tmp;
	LIST_HEAD(gone);
	int err = 0, e;

	mutex_lock(&pkho_kept_lock);
	if (event == KEXEC_KHO_ABORT && pkho_finalized) {
		pkho_finalized = false;
		list_for_each_entry_safe(k, tmp, &pkho_kept_list, list) {
			if (k->gone)
				list_move(&k->list, &gone);
		}
		mutex_unlock(&pkho_kept_lock);
		list_for_each_entry_safe(k, tmp, &gone, list) {
			list_del(&k->list);
			if (k->free_after)
				pkho_kept_free(k);
			else
				kfree(k);
		}
		module_put(THIS_MODULE);
		return NOTIFY_DONE;
	}
	if (event != KEXEC_KHO_FINALIZE || pkho_finalized) {
		mutex_unlock(&pkho_kept_lock);
		return NOTIFY_DONE;
	}
	pkho_finalized = true;
	__module_get(THIS_MODULE);
	list_for_each_entry(k, &pkho_kept_list, list) {
		if (k->name || k->gone)
			continue;
		err = kho_preserve_pages(virt_to_page(k->mem), k->nr_pages);
		if (err)
			break;
	}
	/* A handle must not point at memory that is not handed over. */
	list_for_each_entry(k, &pkho_kept_list, list) {
		if (err || !k->name || k->gone)
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

/* Restored pages handed on to the next kernel as they are. */
int pkho_keep(void *mem, unsigned long nr_pages)
{
	return pkho_keep_as(mem, nr_pages, true);
}

/* Zeroed pages that reach the next kernel, or NULL. */
void *pkho_alloc_kept(size_t bytes)
{
	void *mem = alloc_pages_exact(bytes, GFP_KERNEL | __GFP_ZERO |
				      __GFP_NOWARN);

	if (!mem)
		return NULL;
	if (pkho_keep_as(mem, bytes >> PAGE_SHIFT, false)) {
		free_pages_exact(mem, bytes);
		return NULL;
	}
	return mem;
}
