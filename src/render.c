// SPDX-License-Identifier: GPL-2.0-only
/*
 * The text of a previous kernel's dmesg record: its chunks decompressed and
 * joined, with a marker line wherever lines are missing, so that nothing is
 * lost silently: lines dropped to stay within log_max or for room, lines the
 * kernel's log buffer overwrote before they were kept, lines the kexec-time
 * dump dropped to keep the newest ones, lines printed after it, damaged
 * chunks (skipped, and the chunks after them still shown), and segments KHO
 * did not hand over.
 */

#include <linux/kmsg_dump.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sprintf.h>

#include "pkho.h"
#include "ser.h"

/* Room for one marker line. */
#define PKHO_MARK_MAX	224
/*
 * A record's text is handed to pstore in one buffer, which pstore keeps as
 * long as the file is shown: the oldest chunks of a bigger record are left
 * out, with a marker.
 */
#define PKHO_RENDER_MAX	(512UL << 20)

struct pkho_text {
	char *buf;	/* NULL while sizing */
	size_t len;
	u64 skip;	/* chunks at the front left out */
};

static __printf(2, 3) void pkho_mark(struct pkho_text *t, const char *fmt, ...)
{
	va_list args;

	if (t->buf) {
		va_start(args, fmt);
		t->len += vscnprintf(t->buf + t->len, PKHO_MARK_MAX, fmt, args);
		va_end(args);
	} else {
		t->len += PKHO_MARK_MAX;
	}
}

/* The markers for the @gap lines missing before chunk @c. */
static void pkho_mark_gap(struct pkho_text *t, const struct pstore_record_ser *rec,
			  const struct pstore_kho_chunk_ser *c, u64 gap,
			  bool damaged)
{
	u64 dropped = 0;

	if (c->flags == PSTORE_KHO_CHUNK_KEXEC)
		dropped = min(rec->kexec_dropped, gap);
	if (gap > dropped && damaged)
		pkho_mark(t,
			  "[pstore_kho: %llu lines lost here: the chunk that held them is damaged]\n",
			  gap - dropped);
	else if (gap > dropped)
		pkho_mark(t,
			  "[pstore_kho: %llu lines lost here: the kernel log buffer overwrote them before they were kept]\n",
			  gap - dropped);
	if (dropped)
		pkho_mark(t,
			  "[pstore_kho: %llu lines dropped here at the kexec: no room was left for them, the newest lines were kept]\n",
			  dropped);
}

/* One pass over the chunks: sizing (t->buf NULL) or writing. */
static int pkho_render_pass(const struct pstore_record_ser *rec,
			    const struct pkho_stream *s, bool truncated,
			    struct pkho_text *t, void *tmp)
{
	bool first = true, damaged = false;
	u64 pos = 0, next = 0, at, n = 0;
	struct pstore_kho_chunk_ser c;
	const char *why;
	int err;

	/* The first line as pstore's own dmesg records have it, once dumped. */
	if (rec->count)
		pkho_mark(t, "%s#%d Part1\n", kmsg_dump_reason_str(rec->reason),
			  rec->count);
	while (pos < s->size) {
		err = pkho_chunk_next(s, &pos, &c, &why);
		if (err && err != -EBADMSG) {
			/* Cut where KHO lost a segment, or damaged. */
			if (!truncated)
				pkho_mark(t, "[pstore_kho: the rest of this log is damaged: %s]\n",
					  why);
			break;
		}
		if (n++ < t->skip) {
			if (!err)
				next = c.first_seq + c.nr_lines;
			continue;
		}
		/* Its extent is plausible: what follows it can still be read. */
		if (err) {
			pkho_mark(t, "[pstore_kho: a damaged chunk was skipped here: %s]\n",
				  why);
			damaged = true;
			continue;
		}
		if (first && (c.first_seq || t->skip))
			pkho_mark(t,
				  "[pstore_kho: the %llu lines before this one are not here: %llu dropped by the previous kernel (for room or to stay within log_max)%s, the others gone from the kernel log before they were kept]\n",
				  c.first_seq, rec->dropped_lines,
				  t->skip ? " or left out here (too big to show whole)" : "");
		else if (!first && c.first_seq > next)
			pkho_mark_gap(t, rec, &c, c.first_seq - next, damaged);
		first = false;
		damaged = false;
		next = c.first_seq + c.nr_lines;
		if (!t->buf) {
			/* Its text, or a marker if it does not decompress. */
			t->len += max_t(size_t, c.plain_size, PKHO_MARK_MAX);
			continue;
		}
		at = pos - c.size;
		if (c.flags != PSTORE_KHO_CHUNK_DEFLATE) {
			pkho_stream_read(s, at, t->buf + t->len, c.size);
		} else if (pkho_stream_read(s, at, tmp, c.size) ||
			   pkho_inflate(tmp, c.size, t->buf + t->len,
					c.plain_size)) {
			pkho_mark(t,
				  "[pstore_kho: %u lines lost here: a chunk does not decompress]\n",
				  c.nr_lines);
			continue;
		}
		t->len += c.plain_size;
	}
	if (truncated)
		pkho_mark(t,
			  "[pstore_kho: the rest of this log was not handed over: KHO did not preserve its memory]\n");
	else if (pos < s->size)
		return 0;
	else if (rec->seq_end > next && rec->count &&
		 rec->reason == KMSG_DUMP_SHUTDOWN)
		pkho_mark(t,
			  "[pstore_kho: the last %llu lines are not here: printed at the kexec after \"Starting new kernel\" or with no room left]\n",
			  rec->seq_end - next);
	else if (rec->seq_end > next)
		pkho_mark(t,
			  "[pstore_kho: the last %llu lines are not here: printed after the last capture, they were not dumped at the kexec (max_reason below 4)]\n",
			  rec->seq_end - next);
	return 0;
}

/*
 * How many of the oldest chunks to leave out for the text to fit
 * PKHO_RENDER_MAX: each takes at most its text and two markers.
 */
static u64 pkho_render_skip(const struct pkho_stream *s, size_t total)
{
	struct pstore_kho_chunk_ser c;
	u64 pos = 0, n = 0;
	const char *why;
	int err;

	while (total > PKHO_RENDER_MAX - 4 * PKHO_MARK_MAX && pos < s->size) {
		err = pkho_chunk_next(s, &pos, &c, &why);
		if (err && err != -EBADMSG)
			break;
		n++;
		if (!err)
			total -= min_t(size_t, total,
				       max_t(size_t, c.plain_size, PKHO_MARK_MAX) +
				       2 * PKHO_MARK_MAX);
	}
	return n;
}

void *pkho_render(const struct pstore_record_ser *rec,
		  const struct pkho_stream *s, bool truncated, size_t *len)
{
	struct pkho_text t = {};
	void *tmp;

	pkho_render_pass(rec, s, truncated, &t, NULL);
	if (t.len > PKHO_RENDER_MAX) {
		t.skip = pkho_render_skip(s, t.len);
		t.len = 0;
		pkho_render_pass(rec, s, truncated, &t, NULL);
	}
	if (!t.len || t.len > PKHO_RENDER_MAX)
		return NULL;
	tmp = kvmalloc(PSTORE_KHO_CHUNK_PLAIN_MAX, GFP_KERNEL);
	t.buf = kvmalloc(t.len, GFP_KERNEL);
	if (tmp && t.buf) {
		t.len = 0;
		pkho_render_pass(rec, s, truncated, &t, tmp);
		*len = t.len;
	} else {
		kvfree(t.buf);
		t.buf = NULL;
	}
	kvfree(tmp);
	return t.buf;
}
