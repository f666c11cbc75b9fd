// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writing and reading the handed-over format. See ser.h for why this file is
 * pure C, and abi/pstore.h for the format.
 *
 * The reader treats every byte as hostile: it copies a structure out before
 * looking at it, checks every size, offset and count against what the format
 * can describe with overflow-checked arithmetic, and checks CRCs before any
 * field is trusted.
 */

#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/stddef.h>
#include <linux/string.h>
#endif

#include "ser.h"
#include "ser_crc.h"

#define PKHO_NSEC_PER_SEC	1000000000U

/* The ABI sizes docs/abi.md documents; a change here is an ABI change. */
static_assert(sizeof(struct pstore_kho_table_ser) == 48, "ABI table size");
static_assert(sizeof(struct pstore_record_ser) == 88, "ABI record size");
static_assert(sizeof(struct pstore_kho_segment_ser) == 16, "ABI segment size");
static_assert(sizeof(struct pstore_kho_chunk_ser) == 32, "ABI chunk size");
static_assert(PKHO_SEGMENT_SLOTS == 219 && PKHO_SEGMENT_SLOTS_V2 == 227,
	      "ABI segment slots");

/*
 * The handle's FDT, always laid out the same way: header, empty memory
 * reservation map, root node with "compatible" and the table property, then
 * the strings. Tokens and header fields are big-endian.
 */
#define PKHO_FDT_MAGIC		0xd00dfeedU
#define PKHO_FDT_BEGIN_NODE	1U
#define PKHO_FDT_END_NODE	2U
#define PKHO_FDT_PROP		3U
#define PKHO_FDT_END		9U
#define PKHO_ALIGN4(x)		(((x) + 3) & ~3UL)

#define PKHO_OFF_RSVMAP		40
#define PKHO_OFF_STRUCT		56
#define PKHO_OFF_TABLE_PROP	(PKHO_OFF_COMPAT + PKHO_ALIGN4(sizeof(PSTORE_KHO_COMPATIBLE)))
#define PKHO_OFF_END		(PKHO_OFF_TABLE + PSTORE_KHO_TABLE_SIZE)
#define PKHO_OFF_STRINGS	(PKHO_OFF_END + 8)

static const char pkho_fdt_strings[] = "compatible\0" PSTORE_KHO_TABLE_PROP;
#define PKHO_FDT_SIZE		(PKHO_OFF_STRINGS + sizeof(pkho_fdt_strings))

static_assert(PSTORE_KHO_TABLE_SIZE % 4 == 0, "FDT property alignment");
static_assert(sizeof(PSTORE_KHO_COMPATIBLE) == sizeof(PSTORE_KHO_COMPATIBLE_V2),
	      "both versions have one FDT layout");
/* ser.h gives these two offsets as numbers; the layout here must agree. */
static_assert(PKHO_OFF_STRUCT + 8 + 12 == PKHO_OFF_COMPAT, "compatible value");
static_assert(PKHO_OFF_TABLE_PROP + 12 == PKHO_OFF_TABLE, "table value");
static_assert(PKHO_FDT_SIZE <= PSTORE_KHO_HANDLE_SIZE, "handle fits a page");

/*
 * Where the parts of a table are, by ABI version: header, records, then
 * (v3) the history, then the segment slots.
 */
struct pkho_layout {
	const char *compat;
	u32 seg_max;
	u32 off_history;	/* 0: none */
	u32 off_seg;
};

#define PKHO_OFF_RECORDS	sizeof(struct pstore_kho_table_ser)
#define PKHO_OFF_HISTORY						\
	(PKHO_OFF_RECORDS + PSTORE_KHO_RECORD_MAX * sizeof(struct pstore_record_ser))

static const struct pkho_layout pkho_v3 = {
	.compat = PSTORE_KHO_COMPATIBLE,
	.seg_max = PKHO_SEGMENT_SLOTS,
	.off_history = PKHO_OFF_HISTORY,
	.off_seg = PKHO_OFF_HISTORY + PSTORE_KHO_HISTORY_MAX * sizeof(u64),
};

static const struct pkho_layout pkho_v2 = {
	.compat = PSTORE_KHO_COMPATIBLE_V2,
	.seg_max = PKHO_SEGMENT_SLOTS_V2,
	.off_history = 0,
	.off_seg = PKHO_OFF_HISTORY,
};

static_assert(PKHO_OFF_HISTORY + PSTORE_KHO_HISTORY_MAX * sizeof(u64) +
	      PKHO_SEGMENT_SLOTS * sizeof(struct pstore_kho_segment_ser) <=
	      PSTORE_KHO_TABLE_SIZE, "v3 table fits");
static_assert(PKHO_OFF_HISTORY +
	      PKHO_SEGMENT_SLOTS_V2 * sizeof(struct pstore_kho_segment_ser) <=
	      PSTORE_KHO_TABLE_SIZE, "v2 table fits");

static const struct pkho_layout *pkho_layout_of(const struct pkho_table *t)
{
	return t->version == 2 ? &pkho_v2 : &pkho_v3;
}

static void pkho_put_be32(u8 *p, u32 v)
{
	p[0] = (v >> 24) & 0xff;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

/* The FDT bytes before the table, and after it, as a writer lays them out. */
static void pkho_fdt_head(u8 *p, const char *compat)
{
	memset(p, 0, PKHO_OFF_TABLE);
	pkho_put_be32(p + 0, PKHO_FDT_MAGIC);
	pkho_put_be32(p + 4, PKHO_FDT_SIZE);
	pkho_put_be32(p + 8, PKHO_OFF_STRUCT);
	pkho_put_be32(p + 12, PKHO_OFF_STRINGS);
	pkho_put_be32(p + 16, PKHO_OFF_RSVMAP);
	pkho_put_be32(p + 20, 17);			/* version */
	pkho_put_be32(p + 24, 16);			/* last compatible version */
	pkho_put_be32(p + 32, sizeof(pkho_fdt_strings));
	pkho_put_be32(p + 36, PKHO_OFF_STRINGS - PKHO_OFF_STRUCT);
	pkho_put_be32(p + PKHO_OFF_STRUCT, PKHO_FDT_BEGIN_NODE);
	pkho_put_be32(p + PKHO_OFF_STRUCT + 8, PKHO_FDT_PROP);
	pkho_put_be32(p + PKHO_OFF_STRUCT + 12, sizeof(PSTORE_KHO_COMPATIBLE));
	pkho_put_be32(p + PKHO_OFF_STRUCT + 16, 0);	/* "compatible" */
	memcpy(p + PKHO_OFF_COMPAT, compat, sizeof(PSTORE_KHO_COMPATIBLE));
	pkho_put_be32(p + PKHO_OFF_TABLE_PROP, PKHO_FDT_PROP);
	pkho_put_be32(p + PKHO_OFF_TABLE_PROP + 4, PSTORE_KHO_TABLE_SIZE);
	pkho_put_be32(p + PKHO_OFF_TABLE_PROP + 8, sizeof("compatible"));
}

static void pkho_fdt_tail(u8 *p)
{
	pkho_put_be32(p, PKHO_FDT_END_NODE);
	pkho_put_be32(p + 4, PKHO_FDT_END);
	memcpy(p + 8, pkho_fdt_strings, sizeof(pkho_fdt_strings));
}

/* Segments a table's CRC and copies cover: never past the table. */
static u32 pkho_segs_in_use(const struct pkho_table *t)
{
	return min_t(u32, t->hdr.segment_count, pkho_layout_of(t)->seg_max);
}

static u32 pkho_table_crc(const struct pkho_table *t)
{
	struct pstore_kho_table_ser hdr = t->hdr;
	u32 crc;

	hdr.table_crc = 0;
	crc = pkho_crc32(&hdr, sizeof(hdr));
	crc = pkho_crc32_cont(crc, t->rec, sizeof(t->rec));
	if (pkho_layout_of(t)->off_history)
		crc = pkho_crc32_cont(crc, t->history, sizeof(t->history));
	return pkho_crc32_cont(crc, t->seg,
			       (size_t)pkho_segs_in_use(t) * sizeof(t->seg[0]));
}

void pkho_handle_init(void *handle, struct pkho_table *t, u64 boot_seq)
{
	u8 *p = handle;

	memset(p, 0, PSTORE_KHO_HANDLE_SIZE);
	pkho_fdt_head(p, PSTORE_KHO_COMPATIBLE);
	pkho_fdt_tail(p + PKHO_OFF_END);
	memset(t, 0, sizeof(*t));
	t->version = 3;
	t->hdr.table_size = PSTORE_KHO_TABLE_SIZE;
	t->hdr.record_ser_size = sizeof(struct pstore_record_ser);
	t->hdr.segment_ser_size = sizeof(struct pstore_kho_segment_ser);
	t->hdr.chunk_ser_size = sizeof(struct pstore_kho_chunk_ser);
	t->hdr.segment_max = PKHO_SEGMENT_SLOTS;
	t->hdr.boot_seq = boot_seq;
	pkho_handle_commit(handle, t);
}

void pkho_handle_commit(void *handle, struct pkho_table *t)
{
	const struct pkho_layout *l = pkho_layout_of(t);
	u8 *p = (u8 *)handle + PKHO_OFF_TABLE;

	t->hdr.table_crc = pkho_table_crc(t);
	memset(p, 0, PSTORE_KHO_TABLE_SIZE);
	memcpy(p, &t->hdr, sizeof(t->hdr));
	memcpy(p + PKHO_OFF_RECORDS, t->rec, sizeof(t->rec));
	if (l->off_history)
		memcpy(p + l->off_history, t->history, sizeof(t->history));
	memcpy(p + l->off_seg, t->seg, (size_t)pkho_segs_in_use(t) * sizeof(t->seg[0]));
}

static bool pkho_known_type(u32 type)
{
	/* enum pstore_type_id: DMESG 0, CONSOLE 2, PMSG 7 */
	return type == 0 || type == 2 || type == 7;
}

/* Bounded by PSTORE_KHO_SEGMENT_PAGES_MAX: cannot overflow. */
static u64 pkho_seg_end(const struct pstore_kho_segment_ser *s, u64 page_size)
{
	return s->phys + (u64)s->nr_pages * page_size;
}

static int pkho_check_segments(const struct pkho_table *t, u64 page_size,
			       const char **why)
{
	u32 i, j;
	u64 end;

	for (i = 0; i < t->hdr.segment_count; i++) {
		const struct pstore_kho_segment_ser *s = &t->seg[i];

		if (s->phys % page_size || s->reserved || !s->nr_pages ||
		    s->nr_pages > PSTORE_KHO_SEGMENT_PAGES_MAX ||
		    check_add_overflow(s->phys, (u64)s->nr_pages * page_size,
				       &end)) {
			*why = "bad segment";
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (s->phys < pkho_seg_end(&t->seg[j], page_size) &&
			    t->seg[j].phys < end) {
				*why = "segments overlap";
				return -EINVAL;
			}
		}
	}
	return 0;
}

/*
 * The history: page-aligned, distinct handles, none inside a segment of
 * this table; the unused slots zero. Handles are one page by this ABI.
 */
static int pkho_check_history(const struct pkho_table *t, u64 page_size,
			      const char **why)
{
	u32 i, j;
	u64 h;

	for (i = 0; i < PSTORE_KHO_HISTORY_MAX; i++) {
		h = t->history[i];
		if (i >= t->hdr.history_count) {
			if (h)
				goto bad;
			continue;
		}
		if (!h || h % page_size)
			goto bad;
		for (j = 0; j < i; j++) {
			if (t->history[j] == h)
				goto bad;
		}
		for (j = 0; j < t->hdr.segment_count; j++) {
			if (h >= t->seg[j].phys && h < pkho_seg_end(&t->seg[j], page_size))
				goto bad;
		}
	}
	return 0;
bad:
	*why = "bad history";
	return -EINVAL;
}

int pkho_record_check(const struct pkho_table *t, u32 index, u32 accepted,
		      u64 page_size, const char **why)
{
	const struct pstore_record_ser *r = &t->rec[index];
	u64 bytes = 0, seg_end, data_end;
	u32 i, last;

	/*
	 * dmesg records are chunked, console and pmsg ones are not; only a
	 * dmesg record counts lines dropped at the kexec (v2 had zero there).
	 */
	if (!pkho_known_type(r->type) ||
	    r->flags != (r->type ? 0 : PSTORE_KHO_RECORD_CHUNKED) ||
	    (r->kexec_dropped && (r->type || t->version == 2))) {
		*why = "unsupported record";
		return -EINVAL;
	}
	if (r->time_nsec >= PKHO_NSEC_PER_SEC) {
		*why = "bad record time";
		return -EINVAL;
	}
	if (!r->seg_count || check_add_overflow(r->seg_first, r->seg_count, &last) ||
	    last > t->hdr.segment_count) {
		*why = "record segments out of range";
		return -EINVAL;
	}
	for (i = 0; i < index; i++) {
		const struct pstore_record_ser *o = &t->rec[i];

		if (!(accepted & (1U << i)))
			continue;
		if (o->type == r->type) {
			*why = "two records of one type";
			return -EINVAL;
		}
		if (r->seg_first < o->seg_first + o->seg_count &&
		    o->seg_first < last) {
			*why = "records share a segment";
			return -EINVAL;
		}
	}
	/* Bounded by pkho_check_segments(): no overflow in the sum. */
	for (i = r->seg_first; i < last; i++)
		bytes += (u64)t->seg[i].nr_pages * page_size;
	seg_end = (u64)t->seg[r->seg_first].nr_pages * page_size;
	/* A console or pmsg ring holds at most PSTORE_KHO_CHUNK_PLAIN_MAX. */
	if (r->data_size > (r->type ? PSTORE_KHO_CHUNK_PLAIN_MAX :
			    PSTORE_KHO_LOG_PLAIN_MAX) ||
	    r->data_start >= seg_end ||
	    check_add_overflow(r->data_start, r->data_size, &data_end) ||
	    data_end > bytes) {
		*why = "record data outside its segments";
		return -EINVAL;
	}
	return 0;
}

/* The layout a handle's compatible string names, or NULL and why not. */
static const struct pkho_layout *pkho_layout_named(const u8 *p,
						   const char **why)
{
	static const char family[] = "pstore-kho-dkms-v";
	const u8 *compat = p + PKHO_OFF_COMPAT;

	if (!memcmp(compat, PSTORE_KHO_COMPATIBLE, sizeof(PSTORE_KHO_COMPATIBLE)))
		return &pkho_v3;
	if (!memcmp(compat, PSTORE_KHO_COMPATIBLE_V2,
		    sizeof(PSTORE_KHO_COMPATIBLE_V2)))
		return &pkho_v2;
	*why = memcmp(compat, family, sizeof(family) - 1) ?
		"bad compatible string" : "unknown ABI version";
	return NULL;
}

int pkho_handle_parse(const void *handle, size_t size, u64 page_size,
		      struct pkho_table *t, const char **why)
{
	u8 tail[PKHO_FDT_SIZE - PKHO_OFF_END];
	const struct pkho_layout *l;
	u8 want[PKHO_OFF_TABLE];
	const u8 *p = handle;
	const u8 *table;

	*why = NULL;
	if (!handle || size < PKHO_FDT_SIZE || !page_size ||
	    page_size % PSTORE_KHO_HANDLE_SIZE) {
		*why = "handle smaller than its table";
		return -EINVAL;
	}
	l = pkho_layout_named(p, why);
	if (!l)
		return -EPROTO;
	pkho_fdt_head(want, l->compat);
	pkho_fdt_tail(tail);
	if (memcmp(p, want, sizeof(want)) ||
	    memcmp(p + PKHO_OFF_END, tail, sizeof(tail))) {
		*why = "bad FDT layout";
		return -EINVAL;
	}

	table = p + PKHO_OFF_TABLE;
	memset(t, 0, sizeof(*t));
	t->version = l == &pkho_v2 ? 2 : 3;
	memcpy(&t->hdr, table, sizeof(t->hdr));
	if (t->hdr.table_size != PSTORE_KHO_TABLE_SIZE ||
	    t->hdr.record_ser_size != sizeof(struct pstore_record_ser) ||
	    t->hdr.segment_ser_size != sizeof(struct pstore_kho_segment_ser) ||
	    t->hdr.chunk_ser_size != sizeof(struct pstore_kho_chunk_ser) ||
	    t->hdr.segment_max != l->seg_max || t->hdr.reserved ||
	    (!l->off_history && t->hdr.history_count)) {
		*why = "bad table header";
		return -EINVAL;
	}
	if (t->hdr.record_count > PSTORE_KHO_RECORD_MAX ||
	    t->hdr.segment_count > t->hdr.segment_max ||
	    t->hdr.history_count > PSTORE_KHO_HISTORY_MAX) {
		*why = "count out of range";
		return -EINVAL;
	}
	memcpy(t->rec, table + PKHO_OFF_RECORDS, sizeof(t->rec));
	if (l->off_history)
		memcpy(t->history, table + l->off_history, sizeof(t->history));
	memcpy(t->seg, table + l->off_seg,
	       (size_t)t->hdr.segment_count * sizeof(t->seg[0]));
	if (pkho_table_crc(t) != t->hdr.table_crc) {
		*why = "table CRC mismatch";
		return -EBADMSG;
	}
	return pkho_check_segments(t, page_size, why) ?:
	       pkho_check_history(t, page_size, why);
}

void pkho_table_keep(const struct pkho_table *in, u32 keep,
		     struct pkho_table *out)
{
	const struct pstore_record_ser *r;
	u32 i, n = 0, segs = 0;

	memset(out, 0, sizeof(*out));
	out->version = in->version;
	out->hdr = in->hdr;
	out->hdr.history_count = 0;
	/* Records keep their order, and their segments theirs. */
	for (i = 0; i < in->hdr.record_count; i++) {
		if (!(keep & (1U << i)))
			continue;
		r = &in->rec[i];
		out->rec[n] = *r;
		out->rec[n].seg_first = segs;
		memcpy(&out->seg[segs], &in->seg[r->seg_first],
		       r->seg_count * sizeof(in->seg[0]));
		segs += r->seg_count;
		n++;
	}
	out->hdr.record_count = n;
	out->hdr.segment_count = segs;
}

/* Where a walk over a stream copies to or from, or the CRC it computes. */
struct pkho_walk {
	u8 *buf;
	u32 crc;
};

static void pkho_walk_out(struct pkho_walk *w, u8 *p, u64 n)
{
	memcpy(w->buf, p, n);
	w->buf += n;
}

static void pkho_walk_in(struct pkho_walk *w, u8 *p, u64 n)
{
	memcpy(p, w->buf, n);
	w->buf += n;
}

static void pkho_walk_crc(struct pkho_walk *w, u8 *p, u64 n)
{
	w->crc = pkho_crc32_cont(w->crc, p, n);
}

/*
 * Call @fn for each piece, segment by segment, of the @len bytes at data
 * offset @pos of @s. -ERANGE for a range outside the data.
 */
static int pkho_stream_walk(const struct pkho_stream *s, u64 pos, u64 len,
			    void (*fn)(struct pkho_walk *w, u8 *p, u64 n),
			    struct pkho_walk *w)
{
	u64 at, end, n;
	u32 i;

	if (check_add_overflow(pos, len, &end) || end > s->size ||
	    check_add_overflow(s->start, pos, &at))
		return -ERANGE;
	for (i = 0; len && i < s->nr; i++) {
		if (at >= s->len[i]) {
			at -= s->len[i];
			continue;
		}
		n = s->len[i] - at < len ? s->len[i] - at : len;
		fn(w, s->va[i] + at, n);
		len -= n;
		at = 0;
	}
	return len ? -ERANGE : 0;
}

int pkho_stream_read(const struct pkho_stream *s, u64 pos, void *dst, u64 len)
{
	struct pkho_walk w = { .buf = dst };

	return pkho_stream_walk(s, pos, len, pkho_walk_out, &w);
}

int pkho_stream_write(const struct pkho_stream *s, u64 pos, const void *src,
		      u64 len)
{
	struct pkho_walk w = { .buf = (u8 *)src };

	return pkho_stream_walk(s, pos, len, pkho_walk_in, &w);
}

u32 pkho_stream_crc(const struct pkho_stream *s, u64 pos, u64 len, u32 crc)
{
	struct pkho_walk w = { .crc = crc };

	/* Callers pass ranges they checked: an error leaves a wrong CRC. */
	if (pkho_stream_walk(s, pos, len, pkho_walk_crc, &w))
		return ~crc;
	return w.crc;
}

static u32 pkho_chunk_crc(const struct pkho_stream *s, u64 pos,
			  const struct pstore_kho_chunk_ser *chunk)
{
	struct pstore_kho_chunk_ser hdr = *chunk;

	hdr.crc = 0;
	return pkho_stream_crc(s, pos + sizeof(hdr), chunk->size,
			       pkho_crc32(&hdr, sizeof(hdr)));
}

int pkho_chunk_next(const struct pkho_stream *s, u64 *pos,
		    struct pstore_kho_chunk_ser *chunk, const char **why)
{
	u64 left;
	u32 crc;

	*why = NULL;
	if (*pos > s->size || s->size - *pos < sizeof(*chunk) ||
	    pkho_stream_read(s, *pos, chunk, sizeof(*chunk))) {
		*why = "chunk header past the end";
		return -EINVAL;
	}
	left = s->size - *pos - sizeof(*chunk);
	/* Compressed, or plain; the kexec's chunk is plain. */
	if (chunk->magic != PSTORE_KHO_CHUNK_MAGIC ||
	    (chunk->flags != 0 && chunk->flags != PSTORE_KHO_CHUNK_DEFLATE &&
	     chunk->flags != PSTORE_KHO_CHUNK_KEXEC)) {
		*why = "bad chunk header";
		return -EINVAL;
	}
	if (chunk->size > left) {
		*why = "chunk past the end";
		return -EINVAL;
	}
	/* A writer stores text that does not compress as it is. */
	if (chunk->plain_size > PSTORE_KHO_CHUNK_PLAIN_MAX ||
	    chunk->size > chunk->plain_size ||
	    chunk->nr_lines > chunk->plain_size ||
	    (chunk->flags != PSTORE_KHO_CHUNK_DEFLATE &&
	     chunk->plain_size != chunk->size)) {
		*why = "bad chunk size";
		return -EINVAL;
	}
	/* From here on the chunk's extent is plausible: step over it. */
	crc = pkho_chunk_crc(s, *pos, chunk);
	*pos += sizeof(*chunk) + chunk->size;
	if (crc != chunk->crc) {
		*why = "chunk CRC mismatch";
		return -EBADMSG;
	}
	return 0;
}

void pkho_chunk_seal(const struct pkho_stream *s, u64 pos,
		     struct pstore_kho_chunk_ser *chunk)
{
	chunk->magic = PSTORE_KHO_CHUNK_MAGIC;
	chunk->crc = pkho_chunk_crc(s, pos, chunk);
	pkho_stream_write(s, pos, chunk, sizeof(*chunk));
}

int pkho_ring_put(struct pkho_ring *r, u64 pos, const void *data, u64 len)
{
	const u8 *src = data;
	u64 at, n;

	if (r->sealed)
		return -EROFS;
	if (len > r->cap) {
		src += len - r->cap;
		pos += len - r->cap;
		len = r->cap;
	}
	while (len) {
		at = pos % r->cap;
		n = len < r->cap - at ? len : r->cap - at;
		memcpy(r->mem + at, src, n);
		src += n;
		pos += n;
		len -= n;
	}
	return 0;
}

static void pkho_reverse(u8 *p, u64 len)
{
	u8 *q = p + len;
	u8 t;

	while (p + 1 < q) {
		t = *p;
		*p++ = *--q;
		*q = t;
	}
}

u64 pkho_ring_seal(struct pkho_ring *r, u64 total)
{
	u64 head = total % r->cap;

	r->sealed = true;
	if (total <= r->cap)
		return total;
	/* Rotate in place so the oldest byte comes first: three reversals. */
	if (head) {
		pkho_reverse(r->mem, head);
		pkho_reverse(r->mem + head, r->cap - head);
		pkho_reverse(r->mem, r->cap);
	}
	return r->cap;
}
