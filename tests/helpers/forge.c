// SPDX-License-Identifier: GPL-2.0-only
/*
 * pkho_forge: test-only module, never packaged. It plays a previous kernel
 * that hands over damaged data: for each kind of damage named in the
 * "damage" parameter it registers one blob under a history entry name
 * (pstore-kho-1, -2, ...), holding a good record "pkho-forge good <kind>"
 * and a record "pkho-forge bad <kind>", then damages the blob. Damage to
 * the header must make the next kernel refuse the whole blob, damage to the
 * second record must drop that record only. The blobs are written with the
 * module's own ser.c, so everything not damaged on purpose is valid.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/crc32.h>
#include <linux/kexec_handover.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/string.h>

#include "ser.h"

static char *damage = "";
module_param(damage, charp, 0444);
MODULE_PARM_DESC(damage, "comma separated kinds of damage, one blob each");

#define FORGE_SIZE	(4 * PAGE_SIZE)
#define FORGE_MAX	PSTORE_KHO_HISTORY_MAX

static bool occupy;
module_param(occupy, bool, 0444);
MODULE_PARM_DESC(occupy, "register an empty blob under pstore_kho's own entry name");

static void *forged[FORGE_MAX];
static unsigned int nr_forged;
static void *occupied;

u32 pkho_crc32(const void *buf, size_t len)
{
	return crc32_le(~0U, buf, len) ^ ~0U;
}

static struct pstore_kho_header_ser *hdr_of(void *mem)
{
	return mem;
}

static struct pstore_record_ser *rec_of(void *mem, int i)
{
	return (struct pstore_record_ser *)((u8 *)mem + sizeof(struct pstore_kho_header_ser)) + i;
}

/* Recompute the CRCs, as a forger who knows the format would. */
static void reseal_header(void *mem)
{
	struct pstore_kho_header_ser *h = hdr_of(mem);

	h->header_crc = 0;
	h->header_crc = pkho_crc32(h, sizeof(*h));
}

static void reseal_record(void *mem, int i)
{
	struct pstore_record_ser *r = rec_of(mem, i);

	r->record_crc = 0;
	r->record_crc = pkho_crc32(r, sizeof(*r));
}

/*
 * "console_<damage>" and "pmsg_<damage>" forge records of those types; the
 * type of the records, and the kind without its prefix.
 */
static u32 type_of(const char **kind)
{
	if (!strncmp(*kind, "console_", 8)) {
		*kind += 8;
		return 2;	/* PSTORE_TYPE_CONSOLE */
	}
	if (!strncmp(*kind, "pmsg_", 5)) {
		*kind += 5;
		return 7;	/* PSTORE_TYPE_PMSG */
	}
	return 0;		/* PSTORE_TYPE_DMESG */
}

/* Damage @mem in the way @kind names; may shrink the size KHO reports. */
static int apply(const char *kind, void *mem, size_t *size)
{
	struct pstore_kho_header_ser *h = hdr_of(mem);
	struct pstore_record_ser *bad = rec_of(mem, 1);

	if (!strcmp(kind, "compatible")) {
		memcpy(h->compatible, "not-pstore", 11);
	} else if (!strcmp(kind, "version")) {
		memcpy(h->compatible, "pstore-kho-v99", 15);
	} else if (!strcmp(kind, "header_crc")) {
		h->boot_seq ^= 1;
	} else if (!strcmp(kind, "header_size")) {
		h->header_size = 1U << 30;
		reseal_header(mem);
	} else if (!strcmp(kind, "count")) {
		h->record_count = h->record_max + 1;
		reseal_header(mem);
	} else if (!strcmp(kind, "truncated")) {
		*size = PAGE_SIZE;
	} else if (!strcmp(kind, "capacity")) {
		bad->capacity = FORGE_SIZE;
		reseal_record(mem, 1);
	} else if (!strcmp(kind, "used")) {
		bad->size = bad->capacity + 1;
		reseal_record(mem, 1);
	} else if (!strcmp(kind, "overflow")) {
		bad->offset = U64_MAX - 8;
		reseal_record(mem, 1);
	} else if (!strcmp(kind, "crc")) {
		((u8 *)mem)[bad->offset] ^= 0x20;
	} else if (!strcmp(kind, "type")) {
		bad->type = 99;
		reseal_record(mem, 1);
	} else {
		return -EINVAL;
	}
	return 0;
}

static int forge_one(const char *kind, unsigned int slot)
{
	struct pstore_record_ser rec = { .part = 1, .reason = 4 };
	const char *damage_kind = kind;
	size_t size = FORGE_SIZE;
	struct pkho_blob blob;
	char name[32], text[64];
	void *mem;
	int err, i;

	mem = alloc_pages_exact(FORGE_SIZE, GFP_KERNEL | __GFP_ZERO);
	if (!mem)
		return -ENOMEM;
	rec.type = type_of(&damage_kind);
	err = pkho_format(&blob, mem, FORGE_SIZE, 2, 100 + slot);
	for (i = 0; !err && i < 2; i++) {
		rec.id = 900000000 + slot * 10 + i;
		rec.boot_seq = 100 + slot;
		snprintf(text, sizeof(text), "pkho-forge %s %s\n",
			 i ? "bad" : "good", kind);
		err = pkho_append(&blob, &rec, text, strlen(text));
	}
	if (!err)
		err = apply(damage_kind, mem, &size);
	if (!err)
		err = kho_preserve_pages(virt_to_page(mem), FORGE_SIZE >> PAGE_SHIFT);
	if (!err) {
		snprintf(name, sizeof(name), PSTORE_KHO_HISTORY_PREFIX "%u", slot);
		err = kho_add_subtree(name, mem, size);
		if (err)
			kho_unpreserve_pages(virt_to_page(mem), FORGE_SIZE >> PAGE_SHIFT);
	}
	if (err) {
		free_pages_exact(mem, FORGE_SIZE);
		return err;
	}
	pr_info("%s: damage %s\n", name, kind);
	forged[nr_forged++] = mem;
	return 0;
}

static void forge_exit(void)
{
	if (occupied) {
		kho_remove_subtree(occupied);
		kho_unpreserve_free(occupied);
		occupied = NULL;
	}
	while (nr_forged) {
		void *mem = forged[--nr_forged];

		kho_remove_subtree(mem);
		kho_unpreserve_pages(virt_to_page(mem), FORGE_SIZE >> PAGE_SHIFT);
		free_pages_exact(mem, FORGE_SIZE);
	}
}

static int __init forge_init(void)
{
	char *list, *kind, *rest;
	int err = 0;

	if (occupy) {
		void *mem = kho_alloc_preserve(PAGE_SIZE);

		if (IS_ERR(mem))
			return PTR_ERR(mem);
		err = kho_add_subtree(PSTORE_KHO_ENTRY_NAME, mem, PAGE_SIZE);
		if (err) {
			kho_unpreserve_free(mem);
			return err;
		}
		occupied = mem;
	}
	list = kstrdup(damage, GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	rest = list;
	while (!err && (kind = strsep(&rest, ",")) && *kind) {
		if (nr_forged == FORGE_MAX)
			err = -E2BIG;
		else
			err = forge_one(kind, nr_forged + 1);
	}
	kfree(list);
	if (err) {
		pr_err("cannot forge: %pe\n", ERR_PTR(err));
		forge_exit();
	}
	return err;
}

module_init(forge_init);
module_exit(forge_exit);
MODULE_DESCRIPTION("test only: hand over damaged pstore-kho blobs");
MODULE_LICENSE("GPL");
