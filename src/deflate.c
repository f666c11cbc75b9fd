// SPDX-License-Identifier: GPL-2.0-only
/*
 * Compress one chunk of the log with the kernel's zlib, in process context
 * (capture.c): each chunk is a zlib stream of its own, so the next kernel
 * can inflate any of them alone. The workspace is allocated for the call
 * and freed after it, so no compression memory is held between catch-ups.
 */

#include <linux/vmalloc.h>
#include <linux/zlib.h>

#include "pkho.h"

/* Compressed size, or -E2BIG when it would not fit in @out_len bytes. */
ssize_t pkho_deflate(const void *in, size_t in_len, void *out, size_t out_len)
{
	struct z_stream_s s = {};
	ssize_t ret = -ENOMEM;

	s.workspace = vmalloc(zlib_deflate_workspacesize(MAX_WBITS,
							 MAX_MEM_LEVEL));
	if (!s.workspace)
		return ret;
	if (zlib_deflateInit(&s, Z_DEFAULT_COMPRESSION) != Z_OK) {
		ret = -EINVAL;
		goto out;
	}
	s.next_in = in;
	s.avail_in = in_len;
	s.next_out = out;
	s.avail_out = out_len;
	ret = zlib_deflate(&s, Z_FINISH) == Z_STREAM_END ? s.total_out : -E2BIG;
	zlib_deflateEnd(&s);
out:
	vfree(s.workspace);
	return ret;
}
