// SPDX-License-Identifier: GPL-2.0-only
/*
 * The text of a previous kernel's dmesg record: its chunks decompressed and
 * joined, with a marker line wherever lines are missing, so that nothing is
 * lost silently: lines the kernel's log buffer overwrote before they were
 * kept, lines dropped to stay within log_max, lines printed after the space
 * set aside for the kexec-time dump was full, and damaged chunks.
 */

#include <linux/kmsg_dump.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sprintf.h>

#include "pkho.h"
#include "ser.h"

/* Room for one marker line. */
#define PKHO_MARK_MAX	192
/* A record's text is handed to pstore in one buffer. */
#define PKHO_RENDER_MAX	(512UL << 20)

struct pkho_text {
	char *buf;	/* NULL while sizing */
	size_t len;
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

/* One pass over the chunks: sizing (t->buf NULL) or writing. */
static int pkho_render_pass(const struct pstore_record_ser *rec,
			    const struct pkho_stream *s, struct pkho_text *t,
			    void *tmp)
{
	struct pstore_kho_chunk_ser c;
	u64 pos = 0, next = 0, at;
	const char *why;
	bool first = true;

	/* The first line as pstore's own dmesg records have it, once dumped. */
	if (rec->count)
		pkho_mark(t, "%s#%d Part1\n", kmsg_dump_reason_str(rec->reason),
			  rec->count);
	while (pos < s->size) {
		if (pkho_chunk_next(s, &pos, &c, &why)) {
			pkho_mark(t,
				  "[pstore_kho: the rest of this log is damaged: %s]\n",
				  why);
			return 0;
		}
		if (first && c.first_seq)
			pkho_mark(t,
				  "[pstore_kho: the %llu lines before this one are not here: %llu dropped to stay within log_max, the others gone from the kernel log before they were kept]\n",
				  c.first_seq, rec->dropped_lines);
		else if (!first && c.first_seq > next)
			pkho_mark(t,
				  "[pstore_kho: %llu lines lost here: the kernel log buffer overwrote them before they were kept]\n",
				  c.first_seq - next);
		first = false;
		next = c.first_seq + c.nr_lines;
		if (t->len + c.plain_size + 2 * PKHO_MARK_MAX > PKHO_RENDER_MAX)
			return -EFBIG;
		if (!t->buf) {
			/* Its text, or a marker if it does not decompress. */
			t->len += max_t(size_t, c.plain_size, PKHO_MARK_MAX);
			continue;
		}
		at = pos - c.size;
		if (!c.flags) {
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
	if (rec->seq_end > next)
		pkho_mark(t,
			  "[pstore_kho: the last %llu lines are not here: no room was left for them at the kexec]\n",
			  rec->seq_end - next);
	return 0;
}

void *pkho_render(const struct pstore_record_ser *rec,
		  const struct pkho_stream *s, size_t *len)
{
	struct pkho_text t = {};
	void *tmp;
	int err;

	err = pkho_render_pass(rec, s, &t, NULL);
	if (err || !t.len)
		return NULL;
	tmp = kvmalloc(PSTORE_KHO_CHUNK_PLAIN_MAX, GFP_KERNEL);
	t.buf = kvmalloc(t.len, GFP_KERNEL);
	if (tmp && t.buf) {
		t.len = 0;
		pkho_render_pass(rec, s, &t, tmp);
		*len = t.len;
	} else {
		kvfree(t.buf);
		t.buf = NULL;
	}
	kvfree(tmp);
	return t.buf;
}
