// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decompress a record the previous kernel's pstore compressed.
 *
 * pstore's core would decompress it too, but only into 3 * bufsize bytes of
 * the *reading* kernel: a log compressed by a kernel with a bigger log
 * buffer (log_buf_len=1M) fails to decompress in one with the default
 * buffer, and a kernel with compression off cannot read it at all. So the
 * backend hands pstore plain text, with a buffer that grows to fit.
 */

#include <linux/minmax.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/zlib.h>

#include "pkho.h"

/* pstore compresses at most a few MiB of log; anything bigger is hostile. */
#define PKHO_INFLATE_MAX	SZ_32M

static int pkho_inflate_into(struct z_stream_s *zs, const void *in,
			     size_t in_len, void *out, size_t out_len)
{
	int ret;

	if (zlib_inflateInit2(zs, -MAX_WBITS) != Z_OK)
		return -EINVAL;
	zs->next_in = in;
	zs->avail_in = in_len;
	zs->next_out = out;
	zs->avail_out = out_len;
	ret = zlib_inflate(zs, Z_FINISH);
	zlib_inflateEnd(zs);
	if (ret == Z_STREAM_END)
		return 0;
	/* Out of room: try again with more. Anything else: bad data. */
	return ret == Z_BUF_ERROR && !zs->avail_out ? -ENOSPC : -EINVAL;
}

void *pkho_inflate(const void *in, size_t in_len, size_t *out_len)
{
	size_t cap = max_t(size_t, in_len * 4, SZ_64K);
	struct z_stream_s zs = {};
	void *out = NULL;
	int err = -ENOSPC;

	zs.workspace = kvmalloc(zlib_inflate_workspacesize(), GFP_KERNEL);
	if (!zs.workspace)
		return NULL;
	for (; err == -ENOSPC && cap <= PKHO_INFLATE_MAX; cap *= 2) {
		kvfree(out);
		out = kvmalloc(cap, GFP_KERNEL);
		if (!out)
			break;
		err = pkho_inflate_into(&zs, in, in_len, out, cap);
	}
	kvfree(zs.workspace);
	if (err) {
		kvfree(out);
		return NULL;
	}
	*out_len = zs.total_out;
	return out;
}
