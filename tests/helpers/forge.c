// SPDX-License-Identifier: GPL-2.0-only
/*
 * pkho_forge: test-only module, never packaged. It plays a previous kernel
 * that hands over damaged data: for each kind of damage named in the
 * "damage" parameter it registers one handle under an entry name of ABI
 * v2's history scheme (pstore-kho-dkms-1, -2, ...), which the module still
 * reads beside the history its own handle chains, with three records, each
 * in a segment of its own page:
 *
 *   dmesg:   two plain chunks, "pkho-forge dmesg <kind> first" (log line 10)
 *            and "pkho-forge dmesg <kind> second" (line 11);
 *   console: "pkho-forge console <kind>";
 *   pmsg:    "pkho-forge pmsg <kind>";
 *
 * then damages it as a forger who knows the format would (resealing CRCs
 * unless the CRC is the target). The handle and the records are written with
 * the module's own ser.c, so everything not damaged on purpose is valid.
 * tests/scenarios/damaged.sh says what the next kernel must do with each.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/kexec_handover.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "pkho.h"
#include "ser.h"
#include "ser_crc.h"

static char *damage = "";
module_param(damage, charp, 0444);
MODULE_PARM_DESC(damage, "comma separated kinds of damage, one handle each");

static bool occupy;
module_param(occupy, bool, 0444);
MODULE_PARM_DESC(occupy, "register a handle under pstore_kho's own entry name");

#define FORGE_MAX	PSTORE_KHO_HISTORY_MAX

/* A forged handle: its page, its three segments, and its entry name. */
struct forged {
	void *handle;
	void *seg[3];
	bool kept[3];
	char name[32];
	struct pkho_table t;
};

static struct forged *forged[FORGE_MAX + 1];
static unsigned int nr_forged;

static struct pstore_kho_table_ser *tbl(struct forged *f)
{
	return (void *)((u8 *)f->handle + PKHO_OFF_TABLE);
}

/* Write one plain chunk at data offset @pos of a one-page stream. */
static u64 put_chunk(u8 *page, u64 pos, u64 seq, const char *text)
{
	u64 len = PAGE_SIZE;
	u8 *va = page;
	struct pkho_stream s = { .va = &va, .len = &len, .nr = 1,
				 .size = PAGE_SIZE };
	struct pstore_kho_chunk_ser c = {
		.size = strlen(text), .plain_size = strlen(text),
		.first_seq = seq, .nr_lines = 1,
	};

	pkho_stream_write(&s, pos + sizeof(c), text, c.size);
	pkho_chunk_seal(&s, pos, &c);
	return pos + sizeof(c) + c.size;
}

static void reseal_chunk(u8 *page, u64 pos)
{
	struct pstore_kho_chunk_ser c;

	memcpy(&c, page + pos, sizeof(c));
	c.crc = 0;
	c.crc = pkho_crc32_cont(pkho_crc32(&c, sizeof(c)),
				page + pos + sizeof(c),
				min_t(u64, c.size, PAGE_SIZE - pos - sizeof(c)));
	memcpy(page + pos, &c, sizeof(c));
}

/* Lay out the three good records of @kind in @f. */
static void build(struct forged *f, const char *kind, unsigned int slot)
{
	static const u32 types[] = { 0, 2, 7 };
	static const char * const names[] = { "dmesg", "console", "pmsg" };
	struct pstore_record_ser *r;
	char text[96];
	u64 end;
	int i;

	/* "old": a good handle older than any real one (history order). */
	pkho_handle_init(f->handle, &f->t, strcmp(kind, "old") ? 100 + slot : 0);
	for (i = 0; i < 3; i++) {
		r = &f->t.rec[i];
		r->type = types[i];
		r->id = 900000000ULL + slot * 10 + types[i];
		r->time_sec = 1700000000;
		r->seg_first = i;
		r->seg_count = 1;
		f->t.seg[i].phys = virt_to_phys(f->seg[i]);
		f->t.seg[i].nr_pages = 1;
		if (!i) {
			r->flags = PSTORE_KHO_RECORD_CHUNKED;
			snprintf(text, sizeof(text), "pkho-forge dmesg %s first\n", kind);
			end = put_chunk(f->seg[0], 0, 10, text);
			snprintf(text, sizeof(text), "pkho-forge dmesg %s second\n", kind);
			r->data_size = put_chunk(f->seg[0], end, 11, text);
			r->seq_end = 12;
		} else {
			snprintf(text, sizeof(text), "pkho-forge %s %s\n", names[i], kind);
			r->data_size = strlen(text);
			memcpy(f->seg[i], text, r->data_size);
			r->data_crc = pkho_crc32(text, r->data_size);
		}
	}
	f->t.hdr.record_count = 3;
	f->t.hdr.segment_count = 3;
	pkho_handle_commit(f->handle, &f->t);
}

/* Offset of the second dmesg chunk in segment 0. */
static u64 second_chunk(struct forged *f)
{
	struct pstore_kho_chunk_ser c;

	memcpy(&c, f->seg[0], sizeof(c));
	return sizeof(c) + c.size;
}

/*
 * Damage @f the way @kind names. Table-level damage is resealed (but for
 * table_crc), so the check behind the CRC is what refuses it. *@size is the
 * size KHO will report; *@keep[i] whether segment i is preserved.
 */
static int apply(struct forged *f, const char *kind, size_t *size)
{
	struct pkho_table *t = &f->t;
	u8 *h = f->handle;
	u64 at;

	if (!strcmp(kind, "compatible")) {
		memcpy(h + PKHO_OFF_COMPAT, "not-pstore-kho", 15);
	} else if (!strcmp(kind, "version")) {
		memcpy(h + PKHO_OFF_COMPAT, "pstore-kho-dkms-v99", 20);
	} else if (!strcmp(kind, "fdt")) {
		h[7] ^= 1;			/* totalsize */
	} else if (!strcmp(kind, "table_crc")) {
		tbl(f)->boot_seq ^= 1;
	} else if (!strcmp(kind, "table_size")) {
		t->hdr.table_size = 1;
	} else if (!strcmp(kind, "count")) {
		/* Checked before the CRC, which could not even cover it. */
		t->hdr.segment_count = t->hdr.segment_max + 1;
		memcpy(tbl(f), &t->hdr, sizeof(t->hdr));
		return 0;
	} else if (!strcmp(kind, "seg_overlap")) {
		t->seg[2].phys = t->seg[1].phys;
	} else if (!strcmp(kind, "seg_unaligned")) {
		t->seg[2].phys += 8;
	} else if (!strcmp(kind, "size")) {
		/* Only KHO 7.1 and later store a size. */
		if (!PKHO_KHO_API_LIVE)
			return -EOPNOTSUPP;
		*size = 100;
	} else if (!strcmp(kind, "rec_type")) {
		t->rec[2].type = 99;
	} else if (!strcmp(kind, "rec_range")) {
		t->rec[2].data_size = 2 * PAGE_SIZE;
	} else if (!strcmp(kind, "rec_time")) {
		t->rec[2].time_nsec = 2000000000;
	} else if (!strcmp(kind, "rec0_time")) {
		t->rec[0].time_nsec = 2000000000;
	} else if (!strcmp(kind, "ring_crc")) {
		((u8 *)f->seg[2])[0] ^= 0x01;	/* 'p' -> 'q' */
	} else if (!strcmp(kind, "unpreserved")) {
		f->kept[2] = false;
	} else if (!strcmp(kind, "chunk_crc")) {
		/* The first chunk's text: the second must still be read. */
		((u8 *)f->seg[0])[sizeof(struct pstore_kho_chunk_ser)] ^= 0x01;
	} else if (!strcmp(kind, "chunk_size")) {
		at = second_chunk(f);
		((struct pstore_kho_chunk_ser *)((u8 *)f->seg[0] + at))->size = 1U << 30;
		reseal_chunk(f->seg[0], at);
	} else if (!strcmp(kind, "chunk_inflate")) {
		struct pstore_kho_chunk_ser *c;

		at = second_chunk(f);
		c = (void *)((u8 *)f->seg[0] + at);
		c->flags = PSTORE_KHO_CHUNK_DEFLATE;
		c->plain_size = c->size + 10;
		reseal_chunk(f->seg[0], at);
	} else if (!strcmp(kind, "gap")) {
		at = second_chunk(f);
		((struct pstore_kho_chunk_ser *)((u8 *)f->seg[0] + at))->first_seq = 20;
		reseal_chunk(f->seg[0], at);
		t->rec[0].seq_end = 21;
	} else if (!strcmp(kind, "tail")) {
		t->rec[0].seq_end = 15;
	} else if (!strcmp(kind, "old")) {
		return 0;
	} else if (!strcmp(kind, "v2")) {
		/* A good handle of the previous ABI: the reader still takes it. */
		memcpy(h + PKHO_OFF_COMPAT, PSTORE_KHO_COMPATIBLE_V2,
		       sizeof(PSTORE_KHO_COMPATIBLE_V2));
		t->version = 2;
		t->hdr.segment_max = PKHO_SEGMENT_SLOTS_V2;
	} else {
		return -EINVAL;
	}
	/* Table damage is written with a good CRC, as a forger would. */
	if (strcmp(kind, "compatible") && strcmp(kind, "version") &&
	    strcmp(kind, "fdt") && strcmp(kind, "table_crc"))
		pkho_handle_commit(f->handle, t);
	return 0;
}

/* The module's publish.c, but with a size of the forger's choice. */
static int forge_publish(const char *name, void *handle, size_t size)
{
#if PKHO_KHO_API_LIVE
	return kho_add_subtree(name, handle, size);
#else
	return pkho_publish(name, handle);
#endif
}

static void forge_free(struct forged *f)
{
	int i;

	for (i = 0; i < 3; i++) {
		if (f->kept[i])
			pkho_unkeep(f->seg[i], 1);
		free_page((unsigned long)f->seg[i]);
	}
	free_page((unsigned long)f->handle);
	kfree(f);
}

static int forge_one(const char *kind, const char *name, unsigned int slot)
{
	size_t size = PSTORE_KHO_HANDLE_SIZE;
	struct forged *f;
	int err = -ENOMEM, i;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->handle = (void *)get_zeroed_page(GFP_KERNEL);
	for (i = 0; i < 3; i++) {
		f->seg[i] = (void *)get_zeroed_page(GFP_KERNEL);
		f->kept[i] = true;
	}
	if (!f->handle || !f->seg[0] || !f->seg[1] || !f->seg[2])
		goto err;
	build(f, kind, slot);
	err = *kind ? apply(f, kind, &size) : 0;
	for (i = 0; !err && i < 3; i++) {
		if (f->kept[i])
			err = pkho_keep(f->seg[i], 1);
		else
			continue;
		if (err)
			f->kept[i] = false;
	}
	if (!err)
		err = pkho_keep(f->handle, 1);
	if (!err) {
		strscpy(f->name, name, sizeof(f->name));
		err = forge_publish(f->name, f->handle, size);
		if (err)
			pkho_unkeep(f->handle, 1);
	}
	if (err)
		goto err;
	pr_info("%s: damage %s\n", name, *kind ? kind : "none");
	forged[nr_forged++] = f;
	return 0;
err:
	forge_free(f);
	return err;
}

static void forge_release(void)
{
	while (nr_forged) {
		struct forged *f = forged[--nr_forged];

		pkho_unpublish(f->handle);
		pkho_unkeep(f->handle, 1);
		forge_free(f);
	}
}

static void forge_exit(void)
{
	forge_release();
	pkho_publish_exit();
}

static int __init forge_init(void)
{
	char *list, *kind, *rest, name[32];
	int err = 0;

	/* On 6.16 to 6.18 handles are published from KHO's notifier. */
	err = pkho_publish_init();
	if (err)
		return err;
	if (occupy) {
		err = forge_one("", PSTORE_KHO_ENTRY_NAME, 0);
		if (err) {
			pkho_publish_exit();
			return err;
		}
	}
	list = kstrdup(damage, GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	rest = list;
	while (!err && (kind = strsep(&rest, ",")) && *kind) {
		if (nr_forged == FORGE_MAX) {
			err = -E2BIG;
			break;
		}
		snprintf(name, sizeof(name), PSTORE_KHO_HISTORY_PREFIX "%u",
			 nr_forged + 1);
		err = forge_one(kind, name, nr_forged + 1);
	}
	kfree(list);
	if (err) {
		pr_err("cannot forge: %pe\n", ERR_PTR(err));
		forge_release();
		pkho_publish_exit();
	}
	return err;
}

module_init(forge_init);
module_exit(forge_exit);
MODULE_DESCRIPTION("test only: hand over damaged pstore-kho-dkms handles");
MODULE_LICENSE("GPL");
