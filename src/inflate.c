// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decompress one chunk a previous kernel compressed. The chunk says how much
 * text it holds; that is checked, not trusted: the output buffer has exactly
 * that size and the chunk must fill it exactly and end its stream there.
 */

#include <linux/vmalloc.h>
#include <linux/zlib.h>

#include "pkho.h"

int pkho_inflate(const void *in, size_t in_len, void *out, size_t out_len)
{
	struct z_stream_s s = {};
	int ret;

	s.workspace = vmalloc(zlib_inflate_workspacesize());
	if (!s.workspace)
		return -ENOMEM;
	ret = zlib_inflateInit(&s);
	if (ret == Z_OK) {
		s.next_in = in;
		s.avail_in = in_len;
		s.next_out = out;
		s.avail_out = out_len;
		ret = zlib_inflate(&s, Z_FINISH);
		if (ret == Z_STREAM_END && s.total_out == out_len &&
		    !s.avail_in)
			ret = 0;
		else
			ret = -EBADMSG;
		zlib_inflateEnd(&s);
	} else {
		ret = -EINVAL;
	}
	vfree(s.workspace);
	return ret;
}
