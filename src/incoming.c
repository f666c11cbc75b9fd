// SPDX-License-Identifier: GPL-2.0-only
/*
 * The records previous kernels handed over: found, checked, restored, shown,
 * erased, and handed on to the next kernel.
 *
 * The previous kernel's handle is its KHO entry; the handles of the kernels
 * before it are listed in its history (ABI v3; a v2 kernel published each
 * under an entry of its own). A handle is validated (ser.c) before anything
 * it points to is touched; every page range it lists is then restored with
 * kho_restore_pages(), which checks that KHO really preserved it, and never
 * twice: ranges already restored are refused first. Every record accepted
 * has all its segments restored, even one with nothing in it, so that none
 * stays reserved for the rest of the boot. A dmesg record keeps what lies
 * in the segments before the first one KHO cannot give back. From then on
 * the module owns the memory and works on its validated copy of the table,
 * never on the bytes of the handle. The handles are handed on in place,
 * listed in this kernel's own handle, until their records are erased; an
 * erased record's segments are freed at once (on 6.16 to 6.18, once KHO is
 * finalized, only after an abort: publish.c).
 *
 * KHO lets memory be restored once: once the module has restored anything,
 * it stays loaded for the rest of the boot (pstore_kho.c). The entries are
 * taken once, under the lock that also covers pstore's read and erase: the
 * module's load and a pstore mount during it may both ask.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pstore.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "pkho.h"
#include "ser.h"

/* The previous kernel's own handle and the history it handed on. */
#define PKHO_IN_MAX	(PSTORE_KHO_HISTORY_MAX + 1)
#define PKHO_NAME_LEN	sizeof(PSTORE_KHO_HISTORY_PREFIX "4294967295")

struct pkho_in {
	struct pkho_table t;		/* validated copy, ours to trim */
	struct pkho_table out;		/* what is handed on: t's live records */
	u8 *va[PKHO_SEGMENT_SLOTS_V2];	/* restored segments, as in t */
	u64 len[PKHO_SEGMENT_SLOTS_V2];
	u32 alive;			/* records of t not dropped nor erased */
	u32 truncated;			/* records cut at a segment KHO lost */
	void *handle;			/* restored handle page */
	bool handed_on;
	char name[PKHO_NAME_LEN];	/* where it came from, for messages */
};

static DEFINE_MUTEX(pkho_in_lock);
static struct pkho_in *ins[PKHO_IN_MAX];
static u32 nr_ins;
/* The previous kernels' entries were looked at: never twice in a boot. */
static bool taken, restored;

/* Every range restored while taking, so that none is restored twice. */
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

/* Forget record @index's segments: free them, hand them on no more. */
static void pkho_in_free_segs(struct pkho_in *in, u32 index)
{
	const struct pstore_record_ser *r = &in->t.rec[index];
	u32 i;

	for (i = r->seg_first; i < r->seg_first + r->seg_count; i++) {
		if (!in->va[i])
			continue;
		if (in->handed_on)
			pkho_unkeep_restored(in->va[i], in->t.seg[i].nr_pages);
		else
			pkho_free_restored(in->va[i], in->t.seg[i].nr_pages);
		in->va[i] = NULL;
	}
}

static void pkho_in_drop_record(struct pkho_in *in, u32 index)
{
	pkho_in_free_segs(in, index);
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

/*
 * Restore record @index's segments and check what can be checked now. A
 * dmesg record whose later segments KHO did not hand over keeps its data in
 * the segments before. NULL, or why the record is dropped ("" to drop it
 * without a word: a front-end that wrote nothing).
 */
static const char *pkho_in_take_record(struct pkho_in *in, u32 index)
{
	struct pstore_record_ser *r = &in->t.rec[index];
	struct pkho_stream s;
	u64 bytes = 0;
	u32 i;

	for (i = r->seg_first; i < r->seg_first + r->seg_count; i++) {
		in->va[i] = pkho_in_restore(in->t.seg[i].phys,
					    in->t.seg[i].nr_pages);
		if (!in->va[i])
			break;
		in->len[i] = (u64)in->t.seg[i].nr_pages << PAGE_SHIFT;
		bytes += in->len[i];
	}
	if (i < r->seg_first + r->seg_count) {
		if (r->type != PSTORE_TYPE_DMESG || bytes <= r->data_start)
			return "segment not handed over by KHO";
		/* The stream up to the first segment it cannot restore. */
		r->seg_count = i - r->seg_first;
		r->data_size = min(r->data_size, bytes - r->data_start);
		in->truncated |= 1U << index;
	}
	if (!r->data_size)
		return "";
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
			pkho_in_free_segs(in, i);
	}
	if (in->handed_on)
		pkho_unkeep_restored(in->handle, 1);
	else
		pkho_free_restored(in->handle, 1);
	kfree(in);
}

/* The allocator says it when it fails; the entry stays in KHO. */
static struct pkho_in *pkho_in_new(const char *name)
{
	struct pkho_in *in = kzalloc(sizeof(*in), GFP_KERNEL);

	if (in)
		strscpy(in->name, name, sizeof(in->name));
	return in;
}

/* Validate the handle restored at @in->handle and take its records. */
static bool pkho_in_check(struct pkho_in *in, size_t size)
{
	const char *why;
	int err;
	u32 i;

	err = pkho_handle_parse(in->handle, size, PAGE_SIZE, &in->t, &why);
	if (err) {
		pr_warn("%s: refused: %s\n", in->name, why);
		return false;
	}
	for (i = 0; i < in->t.hdr.record_count; i++) {
		if (pkho_record_check(&in->t, i, in->alive, PAGE_SIZE, &why)) {
			pr_warn_ratelimited("%s: record %u dropped: %s\n",
					    in->name, i, why);
			continue;
		}
		in->alive |= 1U << i;
		why = pkho_in_take_record(in, i);
		if (why && *why)
			pr_warn_ratelimited("%s: record %u dropped: %s\n",
					    in->name, i, why);
		else if (in->truncated & (1U << i))
			pr_warn_ratelimited("%s: record %u: its later segments were not handed over by KHO; the log before them is kept\n",
					    in->name, i);
		if (why)
			pkho_in_drop_record(in, i);
	}
	pkho_in_commit(in);
	return true;
}

/*
 * Restore the handle page at @phys (named @name in messages) and keep it if
 * it checks out and has records. Returns it, for its history.
 */
static struct pkho_in *pkho_in_fetch(const char *name, phys_addr_t phys,
				     size_t size)
{
	struct pkho_in *in;

	if (size != PSTORE_KHO_HANDLE_SIZE) {
		pr_warn("%s: refused: KHO says it is %zu bytes, a handle is %u\n",
			name, size, PSTORE_KHO_HANDLE_SIZE);
		return NULL;
	}
	if (nr_ins == PKHO_IN_MAX)
		return NULL;
	in = pkho_in_new(name);
	if (!in)
		return NULL;
	in->handle = pkho_in_restore(phys, 1);
	if (!in->handle) {
		pr_warn("%s: refused: its handle was not handed over by KHO\n",
			name);
		kfree(in);
		return NULL;
	}
	if (!pkho_in_check(in, PAGE_SIZE)) {
		pkho_free_restored(in->handle, 1);
		kfree(in);
		return NULL;
	}
	ins[nr_ins++] = in;
	return in;
}

static struct pkho_in *pkho_in_fetch_entry(const char *name)
{
	phys_addr_t phys;
	size_t size;
	int err;

	err = pkho_lookup(name, &phys, &size);
	if (err) {
		if (err != -ENOENT)
			pr_warn("%s: cannot look it up: %pe\n", name, ERR_PTR(err));
		return NULL;
	}
	return pkho_in_fetch(name, phys, size);
}

/*
 * The previous kernel's entry and the handles it chained; then entries of
 * the v2 scheme, where each earlier handle had an entry of its own (a v2
 * kernel's history; a v3 kernel registers none).
 */
static void pkho_in_fetch_all(void)
{
	u64 history[PSTORE_KHO_HISTORY_MAX];
	char name[PKHO_NAME_LEN];
	struct pkho_in *last;
	u32 i, n = 0;

	last = pkho_in_fetch_entry(PSTORE_KHO_ENTRY_NAME);
	if (last && last->t.version == 3) {
		n = last->t.hdr.history_count;
		memcpy(history, last->t.history, sizeof(history));
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), PSTORE_KHO_HISTORY_PREFIX "%u", i + 1);
		pkho_in_fetch(name, history[i], PSTORE_KHO_HANDLE_SIZE);
	}
	for (i = 1; i <= PSTORE_KHO_HISTORY_MAX; i++) {
		snprintf(name, sizeof(name), PSTORE_KHO_HISTORY_PREFIX "%u", i);
		pkho_in_fetch_entry(name);
	}
}

static int pkho_newest_first(const void *a, const void *b)
{
	const struct pkho_in *x = *(struct pkho_in * const *)a;
	const struct pkho_in *y = *(struct pkho_in * const *)b;

	if (x->t.hdr.boot_seq == y->t.hdr.boot_seq)
		return 0;
	return x->t.hdr.boot_seq > y->t.hdr.boot_seq ? -1 : 1;
}

/* Keep @in and its segments for the next kernel. */
static void pkho_in_hand_on(struct pkho_in *in)
{
	int err;
	u32 i;

	err = pkho_keep(in->handle, 1);
	if (err)
		goto fail;
	for (i = 0; !err && i < in->t.hdr.segment_count; i++) {
		if (in->va[i])
			err = pkho_keep(in->va[i], in->t.seg[i].nr_pages);
	}
	if (!err) {
		in->handed_on = true;
		return;
	}
	i--;
	/* Undo what was kept: up to segment i, and the handle. */
	while (i--) {
		if (in->va[i])
			pkho_unkeep(in->va[i], in->t.seg[i].nr_pages);
	}
	pkho_unkeep(in->handle, 1);
fail:
	pr_warn("%s: cannot hand it on to the next kernel: %pe\n", in->name,
		ERR_PTR(err));
}

/* This kernel's handle lists the handles handed on, newest first. */
static void pkho_in_publish_history(void)
{
	phys_addr_t phys[PSTORE_KHO_HISTORY_MAX];
	u32 i, n = 0;

	for (i = 0; i < nr_ins && n < PSTORE_KHO_HISTORY_MAX; i++) {
		if (ins[i]->handed_on)
			phys[n++] = virt_to_phys(ins[i]->handle);
	}
	pkho_out_set_history(phys, n);
}

static void pkho_in_take_locked(void)
{
	u32 i, recs = 0;

	if (taken)
		return;
	taken = true;

	/* A handle and its segments for each entry, at most. */
	ranges = kvcalloc(PKHO_IN_MAX * (PKHO_SEGMENT_SLOTS_V2 + 1),
			  sizeof(*ranges), GFP_KERNEL);
	if (!ranges)
		return;
	pkho_in_fetch_all();
	kvfree(ranges);
	ranges = NULL;
	nr_ranges = 0;

	/* Handles left without records are given back at once. */
	for (i = 0; i < nr_ins; i++) {
		if (ins[i]->alive)
			continue;
		pkho_in_free(ins[i]);
		ins[i--] = ins[--nr_ins];
	}
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
		pkho_in_hand_on(ins[i]);
	}
	pkho_in_publish_history();
	pr_info("%u record(s) from %u previous kernel(s)\n", recs, nr_ins);
}

void pkho_in_take(void)
{
	mutex_lock(&pkho_in_lock);
	pkho_in_take_locked();
	mutex_unlock(&pkho_in_lock);
}

bool pkho_in_restored(void)
{
	bool r;

	mutex_lock(&pkho_in_lock);
	r = restored;
	mutex_unlock(&pkho_in_lock);
	return r;
}

void pkho_in_exit(void)
{
	mutex_lock(&pkho_in_lock);
	while (nr_ins)
		pkho_in_free(ins[--nr_ins]);
	cur_in = 0;
	cur_rec = 0;
	mutex_unlock(&pkho_in_lock);
}

u64 pkho_in_max_boot_seq(void)
{
	u64 seq;

	mutex_lock(&pkho_in_lock);
	seq = nr_ins ? ins[0]->t.hdr.boot_seq : 0;
	mutex_unlock(&pkho_in_lock);
	return seq;
}

/* The highest record id the previous kernels handed over, 0 if none. */
u64 pkho_in_max_id(void)
{
	u64 id = 0;
	u32 i, j;

	mutex_lock(&pkho_in_lock);
	for (i = 0; i < nr_ins; i++)
		for (j = 0; j < ins[i]->t.hdr.record_count; j++)
			id = max(id, ins[i]->t.rec[j].id);
	mutex_unlock(&pkho_in_lock);
	return id;
}

void pkho_in_rewind(void)
{
	mutex_lock(&pkho_in_lock);
	cur_in = 0;
	cur_rec = 0;
	mutex_unlock(&pkho_in_lock);
}

/* A record's text for pstore, in a buffer of its own; NULL if none. */
static void *pkho_in_text(const struct pkho_in *in, u32 index, size_t *len)
{
	const struct pstore_record_ser *r = &in->t.rec[index];
	struct pkho_stream s;
	void *buf;

	pkho_in_stream(in, r, &s);
	if (r->flags & PSTORE_KHO_RECORD_CHUNKED)
		return pkho_render(r, &s, in->truncated & (1U << index), len);
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
	ssize_t ret = 0;
	size_t len;

	mutex_lock(&pkho_in_lock);
	for (; cur_in < nr_ins; cur_in++, cur_rec = 0) {
		in = ins[cur_in];
		while (cur_rec < in->t.hdr.record_count) {
			if (!(in->alive & (1U << cur_rec++)))
				continue;
			r = &in->t.rec[cur_rec - 1];
			record->buf = pkho_in_text(in, cur_rec - 1, &len);
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
			ret = len;
			goto out;
		}
	}
out:
	mutex_unlock(&pkho_in_lock);
	return ret;
}

int pkho_in_erase(const struct pstore_record *record)
{
	struct pkho_in *in;
	int err = -ENOENT;
	u32 i, j;

	mutex_lock(&pkho_in_lock);
	for (i = 0; i < nr_ins && err; i++) {
		in = ins[i];
		for (j = 0; j < in->t.hdr.record_count; j++) {
			if (!(in->alive & (1U << j)) ||
			    in->t.rec[j].id != record->id ||
			    in->t.rec[j].type != record->type)
				continue;
			pkho_in_drop_record(in, j);
			if (!in->alive) {
				/* No longer listed before it goes. */
				memmove(&ins[i], &ins[i + 1],
					(nr_ins - i - 1) * sizeof(ins[0]));
				nr_ins--;
				pkho_in_publish_history();
				pkho_in_free(in);
			}
			/* pstore's read position is rewound before each pass. */
			cur_in = 0;
			cur_rec = 0;
			err = 0;
			break;
		}
	}
	mutex_unlock(&pkho_in_lock);
	return err;
}
