// SPDX-License-Identifier: GPL-2.0-only
/*
 * This kernel's handle, table and segments: the memory that reaches the
 * next kernel.
 *
 * The handle page is registered with KHO at load and never moves. Its table
 * lists the segments: the console and pmsg rings first, then the dmesg
 * stream, which grows by whole segments as the log grows and loses its
 * oldest ones when it is cut to log_max. The working copy of the table lives
 * here and is copied into the handle, with its CRC, at every commit: the
 * handle always holds a consistent state, whatever is interrupted.
 *
 * Two writers share it: the capture worker (process context, capture.c)
 * and the kexec-time dump (dump.c), which may run with the other CPUs
 * stopped. They meet under a raw spinlock that the dump only ever trylocks;
 * everything that sleeps (allocating and preserving segments) happens
 * outside of it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>

#include "pkho.h"
#include "ser.h"

/* A new dmesg segment is about 1/16 of what is kept, within these bounds. */
#define PKHO_SEG_MIN	SZ_16K
#define PKHO_SEG_MAX	SZ_4M

struct pkho_out_seg {
	void *va;
	unsigned long nr_pages;
};

static struct {
	void *handle;
	struct pkho_table t;
	struct pkho_out_seg seg[PKHO_SEGMENT_SLOTS];
	/* The dmesg part of seg[], as the stream writer sees it. */
	u8 *dva[PKHO_SEGMENT_SLOTS];
	u64 dlen[PKHO_SEGMENT_SLOTS];
	struct pkho_stream stream;
	u32 nr_rings;
	u64 capacity;		/* bytes of the dmesg segments */
	size_t tail_size;
	bool frozen;
} out;

DEFINE_RAW_SPINLOCK(pkho_out_lock);
/* Serializes the process-context writers: growing, dropping, freezing. */
static DEFINE_MUTEX(pkho_out_mutex);

struct pstore_record_ser *pkho_out_rec(enum pstore_type_id type)
{
	u32 i;

	for (i = 0; out.handle && i < out.t.hdr.record_count; i++) {
		if (out.t.rec[i].type == type)
			return &out.t.rec[i];
	}
	return NULL;
}

const struct pkho_stream *pkho_out_stream(void)
{
	return &out.stream;
}

u64 pkho_out_free(void)
{
	const struct pstore_record_ser *rec = &out.t.rec[0];

	return out.capacity - rec->data_start - rec->data_size;
}

size_t pkho_out_tail_size(void)
{
	return out.tail_size;
}

void pkho_out_commit(void)
{
	pkho_handle_commit(out.handle, &out.t);
}

/* The stream writer's view of the dmesg segments; under the lock. */
static void pkho_out_view(void)
{
	u32 i, n = out.t.hdr.segment_count - out.nr_rings;

	out.capacity = 0;
	for (i = 0; i < n; i++) {
		out.dva[i] = out.seg[out.nr_rings + i].va;
		out.dlen[i] = (u64)out.seg[out.nr_rings + i].nr_pages << PAGE_SHIFT;
		out.capacity += out.dlen[i];
	}
	out.t.rec[0].seg_count = n;
	out.stream.va = out.dva;
	out.stream.len = out.dlen;
	out.stream.nr = n;
	out.stream.start = out.t.rec[0].data_start;
	out.stream.size = out.capacity - out.t.rec[0].data_start;
}

static void *pkho_out_alloc(size_t bytes)
{
	void *mem = alloc_pages_exact(bytes, GFP_KERNEL | __GFP_ZERO |
				      __GFP_NOWARN);
	int err;

	if (!mem)
		return NULL;
	err = pkho_keep(mem, bytes >> PAGE_SHIFT);
	if (err) {
		free_pages_exact(mem, bytes);
		return NULL;
	}
	return mem;
}

static void pkho_out_free_seg(void *mem, unsigned long nr_pages)
{
	pkho_unkeep(mem, nr_pages);
	free_pages_exact(mem, nr_pages << PAGE_SHIFT);
}

/* Append a segment of @bytes (page aligned); process context. */
static int pkho_out_add_seg(size_t bytes)
{
	unsigned long flags;
	void *mem;
	u32 i;

	if (out.t.hdr.segment_count == PKHO_SEGMENT_SLOTS)
		return -ENOSPC;
	/* Big contiguous runs may not be there: fall back to smaller ones. */
	while (!(mem = pkho_out_alloc(bytes))) {
		if (bytes <= PKHO_SEG_MIN)
			return -ENOMEM;
		bytes = PAGE_ALIGN(bytes / 2);
	}
	raw_spin_lock_irqsave(&pkho_out_lock, flags);
	i = out.t.hdr.segment_count++;
	out.seg[i].va = mem;
	out.seg[i].nr_pages = bytes >> PAGE_SHIFT;
	out.t.seg[i].phys = virt_to_phys(mem);
	out.t.seg[i].nr_pages = bytes >> PAGE_SHIFT;
	pkho_out_view();
	pkho_out_commit();
	raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
	return 0;
}

int pkho_out_reserve(u64 need, bool may_grow)
{
	u64 want, size;
	int err = 0;

	mutex_lock(&pkho_out_mutex);
	if (check_add_overflow(need, (u64)out.tail_size, &want))
		err = -EFBIG;
	while (!err && pkho_out_free() < want) {
		if (out.frozen || !may_grow) {
			err = -ENOSPC;
			break;
		}
		/* What is missing, or 1/16 of what is kept, whichever is more. */
		size = max(want - pkho_out_free(), out.t.rec[0].data_size / 16);
		err = pkho_out_add_seg(clamp_t(u64, PAGE_ALIGN(size), PKHO_SEG_MIN,
					       PKHO_SEG_MAX));
	}
	mutex_unlock(&pkho_out_mutex);
	return err;
}

int pkho_out_drop_front(u64 bytes, u64 lines)
{
	/* Under pkho_out_mutex: too big for the stack. */
	static struct pkho_out_seg gone[PKHO_SEGMENT_SLOTS];
	struct pstore_record_ser *rec = &out.t.rec[0];
	u32 n = 0, first = out.nr_rings;
	unsigned long flags;
	u64 seg_bytes;

	mutex_lock(&pkho_out_mutex);
	raw_spin_lock_irqsave(&pkho_out_lock, flags);
	if (bytes > rec->data_size)
		bytes = rec->data_size;
	rec->data_start += bytes;
	rec->data_size -= bytes;
	rec->dropped_lines += lines;
	/* Whole segments before the data go; the first one always stays. */
	while (out.t.hdr.segment_count - first - n > 1) {
		seg_bytes = (u64)out.seg[first + n].nr_pages << PAGE_SHIFT;
		if (rec->data_start < seg_bytes)
			break;
		rec->data_start -= seg_bytes;
		gone[n] = out.seg[first + n];
		n++;
	}
	/* An empty stream starts over at the front of what is left. */
	if (!rec->data_size)
		rec->data_start = 0;
	if (n) {
		memmove(&out.seg[first], &out.seg[first + n],
			(out.t.hdr.segment_count - first - n) * sizeof(out.seg[0]));
		memmove(&out.t.seg[first], &out.t.seg[first + n],
			(out.t.hdr.segment_count - first - n) * sizeof(out.t.seg[0]));
		out.t.hdr.segment_count -= n;
		memset(&out.t.seg[out.t.hdr.segment_count], 0,
		       n * sizeof(out.t.seg[0]));
	}
	pkho_out_view();
	pkho_out_commit();
	raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
	/* The handle no longer lists them: now they can go. */
	while (n--)
		pkho_out_free_seg(gone[n].va, gone[n].nr_pages);
	mutex_unlock(&pkho_out_mutex);
	return 0;
}

/* Once the previous kernels' entries are read: history order. */
void pkho_out_set_boot_seq(u64 boot_seq)
{
	unsigned long flags;

	if (!out.handle)
		return;
	raw_spin_lock_irqsave(&pkho_out_lock, flags);
	out.t.hdr.boot_seq = boot_seq;
	pkho_out_commit();
	raw_spin_unlock_irqrestore(&pkho_out_lock, flags);
}

void pkho_out_freeze(bool freeze)
{
	if (!out.handle)
		return;
	/* Catch up and set the tail aside while new pages still count. */
	if (freeze)
		pkho_capture_catch_up(true);
	mutex_lock(&pkho_out_mutex);
	out.frozen = freeze;
	mutex_unlock(&pkho_out_mutex);
}

bool pkho_out_frozen(void)
{
	return out.frozen;
}

/* A ring's memory, or NULL when that front-end is off. */
u8 *pkho_out_ring(enum pstore_type_id type, u64 *cap)
{
	struct pstore_record_ser *rec = pkho_out_rec(type);

	if (!rec)
		return NULL;
	*cap = (u64)out.seg[rec->seg_first].nr_pages << PAGE_SHIFT;
	return out.seg[rec->seg_first].va;
}

static void pkho_out_add_ring(enum pstore_type_id type, size_t size)
{
	struct pstore_record_ser *rec;
	u32 i = out.t.hdr.segment_count;
	void *mem;

	if (!size)
		return;
	size = PAGE_ALIGN(size);
	mem = pkho_out_alloc(size);
	if (!mem) {
		pr_warn("cannot keep %s output for the next kernel: no memory\n",
			type == PSTORE_TYPE_CONSOLE ? "console" : "pmsg");
		return;
	}
	out.seg[i].va = mem;
	out.seg[i].nr_pages = size >> PAGE_SHIFT;
	out.t.seg[i].phys = virt_to_phys(mem);
	out.t.seg[i].nr_pages = size >> PAGE_SHIFT;
	out.t.hdr.segment_count++;
	out.nr_rings++;
	rec = &out.t.rec[out.t.hdr.record_count++];
	rec->type = type;
	rec->seg_first = i;
	rec->seg_count = 1;
}

static void pkho_out_release(void)
{
	u32 i;

	for (i = 0; i < out.t.hdr.segment_count; i++)
		pkho_out_free_seg(out.seg[i].va, out.seg[i].nr_pages);
	pkho_unkeep(out.handle, 1);
	free_page((unsigned long)out.handle);
	memset(&out, 0, sizeof(out));
}

int pkho_out_init(const struct pkho_out_config *cfg)
{
	struct pstore_record_ser *rec;
	int err;

	out.handle = (void *)get_zeroed_page(GFP_KERNEL);
	if (!out.handle)
		return -ENOMEM;
	err = pkho_keep(out.handle, 1);
	if (err) {
		free_page((unsigned long)out.handle);
		out.handle = NULL;
		return err;
	}
	out.tail_size = cfg->tail_size;
	pkho_handle_init(out.handle, &out.t, cfg->boot_seq);

	/* The dmesg record first: it is rec[0] for the rest of the file. */
	rec = &out.t.rec[out.t.hdr.record_count++];
	rec->type = PSTORE_TYPE_DMESG;
	rec->flags = PSTORE_KHO_RECORD_CHUNKED;
	rec->id = cfg->id_base;
	pkho_out_add_ring(PSTORE_TYPE_CONSOLE, cfg->console_size);
	pkho_out_add_ring(PSTORE_TYPE_PMSG, cfg->pmsg_size);
	rec->seg_first = out.nr_rings;
	for (rec = &out.t.rec[1]; rec < &out.t.rec[out.t.hdr.record_count]; rec++)
		rec->id = cfg->id_base + rec->type;

	/* The first dmesg segment holds at least the tail. */
	err = pkho_out_add_seg(PAGE_ALIGN(max_t(size_t, cfg->tail_size,
						PKHO_SEG_MIN)));
	if (!err)
		err = pkho_publish(PSTORE_KHO_ENTRY_NAME, out.handle);
	if (err)
		pkho_out_release();
	return err;
}

void pkho_out_exit(void)
{
	if (!out.handle)
		return;
	pkho_unpublish(out.handle);
	pkho_out_release();
}
