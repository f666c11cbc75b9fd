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
 *
 * The text goes in a slice at a time, and the caller's stop flag is looked
 * at between slices: the reboot notifier waits for a compaction under way
 * to stop, and a whole chunk of 128 KiB is 2.5 ms of deflate at the 52
 * MiB/s bench/compression.md measured for these settings (in user space),
 * tens of ms under QEMU's emulation; a slice is 1/128 of that.
 */

#include <linux/minmax.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/zlib.h>

#include "pkho.h"

#define PKHO_ZLIB_LEVEL		6
#define PKHO_ZLIB_WBITS		14
#define PKHO_ZLIB_MEMLEVEL	7
#define PKHO_ZLIB_SLICE		SZ_1K

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

/*
 * Compressed size; -E2BIG when it would not fit in @out_len bytes, -EINTR
 * when *@stop was set before the end (nothing useful is left in @out).
 */
ssize_t pkho_deflate(struct pkho_deflate *z, const void *in, size_t in_len,
		     void *out, size_t out_len, const bool *stop)
{
	struct z_stream_s *s = &z->s;
	size_t left = in_len;
	ssize_t ret = -E2BIG;
	int zret = Z_OK;

	if (zlib_deflateInit2(s, PKHO_ZLIB_LEVEL, Z_DEFLATED, PKHO_ZLIB_WBITS,
			      PKHO_ZLIB_MEMLEVEL, Z_DEFAULT_STRATEGY) != Z_OK)
		return -EINVAL;
	s->next_in = in;
	s->next_out = out;
	s->avail_out = out_len;
	while (zret == Z_OK) {
		if (READ_ONCE(*stop)) {
			ret = -EINTR;
			break;
		}
		s->avail_in = min_t(size_t, left, PKHO_ZLIB_SLICE);
		left -= s->avail_in;
		zret = zlib_deflate(s, left ? Z_NO_FLUSH : Z_FINISH);
		if (zret == Z_STREAM_END)
			ret = s->total_out;
		/* Input left over: the output is full. */
		else if (s->avail_in || !s->avail_out)
			break;
	}
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
