// SPDX-License-Identifier: GPL-2.0-only
/*
 * The blobs previous kernels handed over: found, checked, shown, erased, and
 * handed on to the next kernel.
 *
 * Incoming blobs are never restored (kho_restore_*()): their pages stay
 * reserved by KHO for the whole boot and are read through the direct map.
 * That keeps the module stateless across unload and load: a new instance
 * finds the same blobs, with the records erased since removed from them in
 * place. Handing a blob on is preserving its pages again and registering it
 * under a history entry name; unloading undoes exactly that. The memory of a
 * blob whose records were all erased is given back at the next kexec, which
 * no longer preserves it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/kexec_handover.h>
#include <linux/mm.h>
#include <linux/pstore.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "pkho.h"
#include "ser.h"

/* The previous kernel's own blobs and the history it handed on. */
#define PKHO_IN_MAX	(PSTORE_KHO_HISTORY_MAX + 3)
#define PKHO_NAME_LEN	sizeof(PSTORE_KHO_HISTORY_PREFIX "4294967295")

struct pkho_in_blob {
	struct pkho_blob blob;
	phys_addr_t phys;
	bool handed_on;
	char name[PKHO_NAME_LEN];	/* entry name it came under */
};

struct pkho_in_rec {
	struct pkho_in_blob *from;
	struct pstore_record_ser ser;	/* validated copy */
	bool erased;
};

static struct pkho_in_blob blobs[PKHO_IN_MAX];
static u32 nr_blobs;
static struct pkho_in_rec *recs;
static u32 nr_recs, live, cursor;

/* Only dmesg records come compressed. */
static bool pkho_known_type(const struct pstore_record_ser *rec)
{
	switch (rec->type) {
	case PSTORE_TYPE_DMESG:
		return true;
	case PSTORE_TYPE_CONSOLE:
	case PSTORE_TYPE_PMSG:
		return !rec->compressed;
	default:
		return false;
	}
}

/* Drop the records that fail their checks, from the blob itself too. */
static void pkho_in_check_records(struct pkho_in_blob *b)
{
	struct pstore_record_ser rec;
	const char *why;
	u32 i = 0;

	while (i < b->blob.hdr.record_count) {
		if (!pkho_parse_record(&b->blob, i, &rec, &why)) {
			if (pkho_known_type(&rec) && rec.size) {
				i++;
				continue;
			}
			why = rec.size ? "unsupported record type" : "empty record";
		}
		pr_warn("%s: record %u dropped: %s\n", b->name, i, why);
		pkho_remove(&b->blob, i, false);
	}
}

/* Look up entry @name; keep its blob if it checks out and has records. */
static void pkho_in_fetch(const char *name)
{
	struct pkho_in_blob *b = &blobs[nr_blobs];
	phys_addr_t phys;
	const char *why;
	size_t size;
	u32 i;
	int err;

	err = pkho_subtree_get(name, &phys, &size);
	if (err) {
		if (err != -ENOENT)
			pr_warn("%s: cannot look it up: %pe\n", name,
				ERR_PTR(err));
		return;
	}
	strscpy(b->name, name, sizeof(b->name));
	if (!PAGE_ALIGNED(phys)) {
		pr_warn("%s: refused: not page aligned\n", name);
		return;
	}
	for (i = 0; i < nr_blobs; i++) {
		if (blobs[i].phys == phys) {
			pr_warn("%s: refused: same blob as %s\n", name,
				blobs[i].name);
			return;
		}
	}
	err = pkho_parse_header(&b->blob, phys_to_virt(phys), size, &why);
	if (err) {
		pr_warn("%s: refused: %s\n", name, why);
		return;
	}
	b->phys = phys;
	pkho_in_check_records(b);
	if (b->blob.hdr.record_count)
		nr_blobs++;
}

static int pkho_newest_first(const void *a, const void *b)
{
	const struct pkho_in_blob *x = a, *y = b;

	if (x->blob.hdr.boot_seq == y->blob.hdr.boot_seq)
		return 0;
	return x->blob.hdr.boot_seq > y->blob.hdr.boot_seq ? -1 : 1;
}

static void pkho_in_hand_on(struct pkho_in_blob *b, u32 slot)
{
	char name[PKHO_NAME_LEN];
	int err;

	snprintf(name, sizeof(name), PSTORE_KHO_HISTORY_PREFIX "%u", slot);
	err = pkho_publish(name, b->blob.base, b->blob.size);
	if (err) {
		pr_warn("%s: cannot hand it on to the next kernel: %pe\n",
			b->name, ERR_PTR(err));
		return;
	}
	b->handed_on = true;
}

static void pkho_in_withdraw(struct pkho_in_blob *b)
{
	if (!b->handed_on)
		return;
	pkho_unpublish(b->blob.base, b->blob.size);
	b->handed_on = false;
}

void pkho_in_init(void)
{
	char name[PKHO_NAME_LEN];
	u32 i, j, n = 0;

	pkho_in_fetch(PSTORE_KHO_ENTRY_NAME);
	pkho_in_fetch(PSTORE_KHO_CONSOLE_ENTRY_NAME);
	pkho_in_fetch(PSTORE_KHO_PMSG_ENTRY_NAME);
	for (i = 1; i <= PSTORE_KHO_HISTORY_MAX; i++) {
		snprintf(name, sizeof(name), PSTORE_KHO_HISTORY_PREFIX "%u", i);
		pkho_in_fetch(name);
	}
	if (!nr_blobs)
		return;

	/* When history is full, the oldest log goes first. */
	sort(blobs, nr_blobs, sizeof(blobs[0]), pkho_newest_first, NULL);
	while (nr_blobs > PSTORE_KHO_HISTORY_MAX) {
		nr_blobs--;
		pr_info("%s: log of boot %llu dropped: history is full\n",
			blobs[nr_blobs].name, blobs[nr_blobs].blob.hdr.boot_seq);
	}

	for (i = 0; i < nr_blobs; i++)
		n += blobs[i].blob.hdr.record_count;
	recs = kcalloc(n, sizeof(*recs), GFP_KERNEL);
	if (!recs) {
		pr_warn("no memory to show the previous kernels' logs\n");
		nr_blobs = 0;
		return;
	}
	for (i = 0; i < nr_blobs; i++) {
		struct pkho_in_blob *b = &blobs[i];
		const char *why;

		for (j = 0; j < b->blob.hdr.record_count; j++) {
			recs[nr_recs].from = b;
			/* Checked in pkho_in_check_records(): cannot fail. */
			if (!pkho_parse_record(&b->blob, j, &recs[nr_recs].ser, &why))
				nr_recs++;
		}
		pkho_in_hand_on(b, i + 1);
	}
	live = nr_recs;
	pr_info("%u record(s) from %u previous kernel(s)\n", nr_recs, nr_blobs);
}

void pkho_in_exit(void)
{
	u32 i;

	for (i = 0; i < nr_blobs; i++)
		pkho_in_withdraw(&blobs[i]);
	kfree(recs);
	recs = NULL;
	memset(blobs, 0, sizeof(blobs));
	nr_blobs = 0;
	nr_recs = 0;
	live = 0;
	cursor = 0;
}

u64 pkho_in_max_boot_seq(void)
{
	return nr_blobs ? blobs[0].blob.hdr.boot_seq : 0;
}

u32 pkho_in_live(void)
{
	return live;
}

void pkho_in_rewind(void)
{
	cursor = 0;
}

ssize_t pkho_in_read(struct pstore_record *record)
{
	const struct pstore_record_ser *ser;
	struct pkho_in_rec *rec;
	size_t size;
	void *data;

	while (cursor < nr_recs) {
		rec = &recs[cursor++];
		if (rec->erased)
			continue;
		ser = &rec->ser;
		data = rec->from->blob.base + ser->offset;
		size = ser->size;
		record->compressed = false;
		if (ser->compressed)
			record->buf = pkho_inflate(data, size, &size);
		/* Undecompressable: pstore's core tries, and shows it raw. */
		if (!record->buf) {
			record->compressed = ser->compressed;
			size = ser->size;
			record->buf = kvmemdup(data, size, GFP_KERNEL);
		}
		if (!record->buf)
			return -ENOMEM;
		record->type = ser->type;
		record->id = ser->id;
		record->time.tv_sec = ser->time_sec;
		record->time.tv_nsec = ser->time_nsec;
		record->count = ser->count;
		record->reason = ser->reason;
		record->part = ser->part;
		return size;
	}
	return 0;
}

int pkho_in_erase(const struct pstore_record *record)
{
	struct pkho_in_blob *b;
	struct pkho_in_rec *rec;
	int index;
	u32 i;

	for (i = 0; i < nr_recs; i++) {
		rec = &recs[i];
		if (rec->erased || rec->ser.id != record->id ||
		    rec->ser.type != record->type)
			continue;
		b = rec->from;
		index = pkho_find(&b->blob, rec->ser.id);
		if (index >= 0)
			pkho_remove(&b->blob, index, true);
		if (!b->blob.hdr.record_count)
			pkho_in_withdraw(b);
		rec->erased = true;
		live--;
		return 0;
	}
	return -ENOENT;
}
