// SPDX-License-Identifier: GPL-2.0-only
/*
 * The records previous kernels handed over: found, checked, restored, shown,
 * erased, and handed on to the next kernel.
 *
 * A handle is validated (ser.c) before anything it points to is touched;
 * every page range it lists is then restored with kho_restore_pages(), which
 * checks that KHO really preserved it, and never twice: ranges already
 * restored from another handle are refused first. From then on the module
 * owns the memory and works on its validated copy of the table, never on
 * the bytes of the handle. The handles are handed on, in place, under the
 * history entry names until their records are erased; an erased record's
 * segments are freed at once.
 *
 * KHO lets memory be restored once: once the module has restored anything,
 * it stays loaded for the rest of the boot (pstore_kho.c), as a new instance
 * would find the same entries and KHO would warn. And it takes the entries
 * only once it is registered with pstore, so that a module refused by
 * pstore leaves them to a later load.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/bitops.h>
#include <linux/mm.h>
#include <linux/pstore.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "pkho.h"
#include "ser.h"

/* The previous kernel's own handle and the history it handed on. */
#define PKHO_IN_MAX	(PSTORE_KHO_HISTORY_MAX + 1)
#define PKHO_NAME_LEN	sizeof(PSTORE_KHO_HISTORY_PREFIX "4294967295")

struct pkho_in {
	struct pkho_table t;		/* validated copy, never changed */
	struct pkho_table out;		/* what is handed on: t's live records */
	u8 *va[PKHO_SEGMENT_SLOTS];	/* restored segments, as in t */
	u64 len[PKHO_SEGMENT_SLOTS];
	u32 alive;			/* records of t not dropped nor erased */
	void *handle;			/* restored handle page */
	bool handed_on;
	char name[PKHO_NAME_LEN];	/* entry name it came under */
};

static struct pkho_in *ins[PKHO_IN_MAX];
static u32 nr_ins, live;
/* The previous kernels' entries were looked at: never twice in a boot. */
static bool taken, restored;

/* Every range restored so far, so that none is restored twice. */
struct pkho_range {
	phys_addr_t start, end;
};

static struct pkho_range *ranges;
static u32 nr_ranges;

/* Read position of pstore's read(): handle, record. */
static u32 cur_in, cur_rec;

static bool pkho_range_taken(phys_addr_t start, phys_addr_t end)
{
	u32 i;

	for (i = 0; i < nr_ranges; i++) {
		if (start < ranges[i].end && ranges[i].start < end)
			return true;
	}
	return false;
}

/* Restore @nr_pages at @phys unless they overlap what is restored. */
static void *pkho_in_restore(phys_addr_t phys, unsigned long nr_pages)
{
	phys_addr_t end = phys + ((phys_addr_t)nr_pages << PAGE_SHIFT);
	void *va;

	if (end <= phys || pkho_range_taken(phys, end))
		return NULL;
	va = pkho_restore(phys, nr_pages);
	if (va) {
		restored = true;
		ranges[nr_ranges].start = phys;
		ranges[nr_ranges].end = end;
		nr_ranges++;
	}
	return va;
}

static void pkho_in_commit(struct pkho_in *in)
{
	pkho_table_keep(&in->t, in->alive, &in->out);
	pkho_handle_commit(in->handle, &in->out);
}

/* Forget record @index: free its segments, hand it on no more. */
static void pkho_in_drop_record(struct pkho_in *in, u32 index)
{
	const struct pstore_record_ser *r = &in->t.rec[index];
	u32 i;

	for (i = r->seg_first; i < r->seg_first + r->seg_count; i++) {
		if (!in->va[i])
			continue;
		if (in->handed_on)
			pkho_unkeep(in->va[i], in->t.seg[i].nr_pages);
		pkho_free_restored(in->va[i], in->t.seg[i].nr_pages);
		in->va[i] = NULL;
	}
	in->alive &= ~(1U << index);
	pkho_in_commit(in);
}

static void pkho_in_stream(const struct pkho_in *in,
			   const struct pstore_record_ser *r,
			   struct pkho_stream *s)
{
	s->va = &in->va[r->seg_first];
	s->len = &in->len[r->seg_first];
	s->nr = r->seg_count;
	s->start = r->data_start;
	s->size = r->data_size;
}

/* Restore record @index's segments and check what can be checked now. */
static const char *pkho_in_take_record(struct pkho_in *in, u32 index)
{
	const struct pstore_record_ser *r = &in->t.rec[index];
	struct pkho_stream s;
	u32 i;

	if (!r->data_size)
		return "";	/* a front-end that wrote nothing */
	for (i = r->seg_first; i < r->seg_first + r->seg_count; i++) {
		in->va[i] = pkho_in_restore(in->t.seg[i].phys,
					    in->t.seg[i].nr_pages);
		if (!in->va[i])
			return "segment not handed over by KHO";
		in->len[i] = (u64)in->t.seg[i].nr_pages << PAGE_SHIFT;
	}
	pkho_in_stream(in, r, &s);
	/* Rings are plain text with a CRC; dmesg chunks are checked at read. */
	if (!(r->flags & PSTORE_KHO_RECORD_CHUNKED) &&
	    pkho_stream_crc(&s, 0, r->data_size, 0) != r->data_crc)
		return "data CRC mismatch";
	return NULL;
}

static void pkho_in_free(struct pkho_in *in)
{
	u32 i;

	for (i = 0; i < in->t.hdr.record_count; i++) {
		if (in->alive & (1U << i))
			pkho_in_drop_record(in, i);
	}
	if (in->handed_on) {
		pkho_unpublish(in->handle);
		pkho_unkeep(in->handle, 1);
	}
	pkho_free_restored(in->handle, 1);
	kfree(in);
}

/* Look up entry @name; keep its handle if it checks out and has records. */
static void pkho_in_fetch(const char *name)
{
	struct pkho_in *in;
	const char *why;
	phys_addr_t phys;
	size_t size;
	u32 i;
	int err;

	err = pkho_lookup(name, &phys, &size);
	if (err) {
		if (err != -ENOENT)
			pr_warn("%s: cannot look it up: %pe\n", name, ERR_PTR(err));
		return;
	}
	if (size != PSTORE_KHO_HANDLE_SIZE) {
		pr_warn("%s: refused: KHO says it is %zu bytes, a handle is %u\n",
			name, size, PSTORE_KHO_HANDLE_SIZE);
		return;
	}
	/* The allocator says it when it fails; the entry stays in KHO. */
	in = kzalloc(sizeof(*in), GFP_KERNEL);
	if (!in)
		return;
	strscpy(in->name, name, sizeof(in->name));
	in->handle = pkho_in_restore(phys, 1);
	if (!in->handle) {
		pr_warn("%s: refused: its handle was not handed over by KHO\n",
			name);
		kfree(in);
		return;
	}
	err = pkho_handle_parse(in->handle, PAGE_SIZE, PAGE_SIZE, &in->t, &why);
	if (err) {
		pr_warn("%s: refused: %s\n", name, why);
		pkho_free_restored(in->handle, 1);
		kfree(in);
		return;
	}
	for (i = 0; i < in->t.hdr.record_count; i++) {
		if (pkho_record_check(&in->t, i, in->alive, PAGE_SIZE, &why)) {
			pr_warn_ratelimited("%s: record %u dropped: %s\n", name,
					    i, why);
			continue;
		}
		in->alive |= 1U << i;
		why = pkho_in_take_record(in, i);
		if (!why)
			continue;
		if (*why)
			pr_warn_ratelimited("%s: record %u dropped: %s\n",
					    name, i, why);
		pkho_in_drop_record(in, i);
	}
	pkho_in_commit(in);
	if (!in->alive) {
		pkho_in_free(in);
		return;
	}
	ins[nr_ins++] = in;
}

static int pkho_newest_first(const void *a, const void *b)
{
	const struct pkho_in *x = *(struct pkho_in * const *)a;
	const struct pkho_in *y = *(struct pkho_in * const *)b;

	if (x->t.hdr.boot_seq == y->t.hdr.boot_seq)
		return 0;
	return x->t.hdr.boot_seq > y->t.hdr.boot_seq ? -1 : 1;
}

static void pkho_in_hand_on(struct pkho_in *in, u32 slot)
{
	char name[PKHO_NAME_LEN];
	u32 i;
	int err;

	snprintf(name, sizeof(name), PSTORE_KHO_HISTORY_PREFIX "%u", slot);
	err = pkho_keep(in->handle, 1);
	for (i = 0; !err && i < in->t.hdr.segment_count; i++) {
		if (in->va[i])
			err = pkho_keep(in->va[i], in->t.seg[i].nr_pages);
	}
	/* The name must outlive the publication (notifier API). */
	if (!err) {
		strscpy(in->name, name, sizeof(in->name));
		err = pkho_publish(in->name, in->handle);
	}
	if (err) {
		/* Undo what was kept: up to segment i, and the handle. */
		while (i--) {
			if (in->va[i])
				pkho_unkeep(in->va[i], in->t.seg[i].nr_pages);
		}
		pkho_unkeep(in->handle, 1);
		pr_warn("%s: cannot hand it on to the next kernel: %pe\n",
			name, ERR_PTR(err));
		return;
	}
	in->handed_on = true;
}

void pkho_in_take(void)
{
	char name[PKHO_NAME_LEN];
	u32 i, recs = 0;

	if (taken)
		return;
	taken = true;

	/* A handle and its segments for each entry, at most. */
	ranges = kvcalloc(PKHO_IN_MAX * (PKHO_SEGMENT_SLOTS + 1),
			  sizeof(*ranges), GFP_KERNEL);
	if (!ranges)
		return;
	pkho_in_fetch(PSTORE_KHO_ENTRY_NAME);
	for (i = 1; i <= PSTORE_KHO_HISTORY_MAX; i++) {
		snprintf(name, sizeof(name), PSTORE_KHO_HISTORY_PREFIX "%u", i);
		pkho_in_fetch(name);
	}
	kvfree(ranges);
	ranges = NULL;
	nr_ranges = 0;
	if (!nr_ins)
		return;

	/* When history is full, the oldest log goes first. */
	sort(ins, nr_ins, sizeof(ins[0]), pkho_newest_first, NULL);
	while (nr_ins > PSTORE_KHO_HISTORY_MAX) {
		nr_ins--;
		pr_info("%s: log of boot %llu dropped: history is full\n",
			ins[nr_ins]->name, ins[nr_ins]->t.hdr.boot_seq);
		pkho_in_free(ins[nr_ins]);
	}
	for (i = 0; i < nr_ins; i++) {
		recs += hweight32(ins[i]->alive);
		pkho_in_hand_on(ins[i], i + 1);
	}
	live = recs;
	pr_info("%u record(s) from %u previous kernel(s)\n", recs, nr_ins);
}

bool pkho_in_restored(void)
{
	return restored;
}

void pkho_in_exit(void)
{
	while (nr_ins)
		pkho_in_free(ins[--nr_ins]);
	live = 0;
	cur_in = 0;
	cur_rec = 0;
}

u64 pkho_in_max_boot_seq(void)
{
	return nr_ins ? ins[0]->t.hdr.boot_seq : 0;
}

u32 pkho_in_live(void)
{
	return live;
}

void pkho_in_rewind(void)
{
	cur_in = 0;
	cur_rec = 0;
}

/* A record's text for pstore, in a buffer of its own; NULL if none. */
static void *pkho_in_text(const struct pkho_in *in,
			  const struct pstore_record_ser *r, size_t *len)
{
	struct pkho_stream s;
	void *buf;

	pkho_in_stream(in, r, &s);
	if (r->flags & PSTORE_KHO_RECORD_CHUNKED)
		return pkho_render(r, &s, len);
	buf = kvmalloc(r->data_size, GFP_KERNEL);
	if (buf)
		pkho_stream_read(&s, 0, buf, r->data_size);
	*len = r->data_size;
	return buf;
}

/*
 * pstore's read(): one record per call, 0 at the end. A record whose text
 * cannot be made is skipped, not returned as an error: pstore would take
 * that for the end and never show the records after it.
 */
ssize_t pkho_in_read(struct pstore_record *record)
{
	const struct pstore_record_ser *r;
	const struct pkho_in *in;
	size_t len;

	for (; cur_in < nr_ins; cur_in++, cur_rec = 0) {
		in = ins[cur_in];
		while (cur_rec < in->t.hdr.record_count) {
			if (!(in->alive & (1U << cur_rec++)))
				continue;
			r = &in->t.rec[cur_rec - 1];
			record->buf = pkho_in_text(in, r, &len);
			if (!record->buf) {
				pr_warn_ratelimited("%s: record %llu not shown: its text could not be made\n",
						    in->name, r->id);
				continue;
			}
			record->type = r->type;
			record->id = r->id;
			record->time.tv_sec = r->time_sec;
			record->time.tv_nsec = r->time_nsec;
			record->count = r->count;
			record->reason = r->reason;
			record->part = 1;
			record->compressed = false;
			return len;
		}
	}
	return 0;
}

int pkho_in_erase(const struct pstore_record *record)
{
	struct pkho_in *in;
	u32 i, j;

	for (i = 0; i < nr_ins; i++) {
		in = ins[i];
		for (j = 0; j < in->t.hdr.record_count; j++) {
			if (!(in->alive & (1U << j)) ||
			    in->t.rec[j].id != record->id ||
			    in->t.rec[j].type != record->type)
				continue;
			pkho_in_drop_record(in, j);
			live--;
			if (!in->alive) {
				pkho_in_free(in);
				memmove(&ins[i], &ins[i + 1],
					(nr_ins - i - 1) * sizeof(ins[0]));
				nr_ins--;
			}
			/* pstore's read position is rewound before each pass. */
			cur_in = 0;
			cur_rec = 0;
			return 0;
		}
	}
	return -ENOENT;
}
