// SPDX-License-Identifier: GPL-2.0-only
/*
 * Compress chunks of the log with the kernel's zlib, in process context
 * (stream.c's compaction, in the capture worker): each chunk is a zlib
 * stream of its own, so the next kernel can inflate any of them alone.
 *
 * One workspace serves a whole compaction (every chunk of it) and is freed
 * after it: no compression memory is held between compactions. Its
 * parameters were chosen by measurement on real kernel logs
 * (bench/compression.md): level 6 with a 16 KiB window and memory level 7
 * compresses kernel text within 1% of zlib's defaults (about 3.9x) in half
 * their workspace (133 KiB), and 45% faster; level 1 would be twice as fast
 * again but keep 10% more bytes, and smaller windows lose 15%.
 */

#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/zlib.h>

#include "pkho.h"

#define PKHO_ZLIB_LEVEL		6
#define PKHO_ZLIB_WBITS		14
#define PKHO_ZLIB_MEMLEVEL	7

struct pkho_deflate {
	struct z_stream_s s;
};

struct pkho_deflate *pkho_deflate_begin(void)
{
	struct pkho_deflate *z = kzalloc(sizeof(*z), GFP_KERNEL);

	if (!z)
		return NULL;
	z->s.workspace = vmalloc(zlib_deflate_workspacesize(PKHO_ZLIB_WBITS,
							    PKHO_ZLIB_MEMLEVEL));
	if (!z->s.workspace) {
		kfree(z);
		return NULL;
	}
	return z;
}

/* Compressed size, or an error when it would not fit in @out_len bytes. */
ssize_t pkho_deflate(struct pkho_deflate *z, const void *in, size_t in_len,
		     void *out, size_t out_len)
{
	struct z_stream_s *s = &z->s;
	ssize_t ret;

	if (zlib_deflateInit2(s, PKHO_ZLIB_LEVEL, Z_DEFLATED, PKHO_ZLIB_WBITS,
			      PKHO_ZLIB_MEMLEVEL, Z_DEFAULT_STRATEGY) != Z_OK)
		return -EINVAL;
	s->next_in = in;
	s->avail_in = in_len;
	s->next_out = out;
	s->avail_out = out_len;
	ret = zlib_deflate(s, Z_FINISH) == Z_STREAM_END ? s->total_out : -E2BIG;
	zlib_deflateEnd(s);
	return ret;
}

void pkho_deflate_end(struct pkho_deflate *z)
{
	if (!z)
		return;
	vfree(z->s.workspace);
	kfree(z);
}
