// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decompress a record the previous kernel's pstore compressed.
 *
 * pstore's core would decompress it too, but only into 3 * bufsize bytes of
 * the *reading* kernel: a log compressed by a kernel with a bigger log
 * buffer (log_buf_len=1M) fails to decompress in one with the default
 * buffer, and a kernel with compression off cannot read it at all. So the
 * backend hands pstore plain text, in a buffer that grows until it fits.
 */

#include <linux/minmax.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/zlib.h>

#include "pkho.h"

/* A few MiB of log at most; a record that claims more is not a log. */
#define PKHO_INFLATE_MAX	SZ_16M

void *pkho_inflate(const void *in, size_t in_len, size_t *out_len)
{
	size_t cap = max_t(size_t, in_len * 4, SZ_64K);
	void *out;
	int len;

	if (in_len > PKHO_INFLATE_MAX)
		return NULL;
	/*
	 * zlib_inflate_blob() does not tell a short buffer from bad data, so
	 * a bad record costs a few doublings before it is given up on.
	 */
	for (; cap <= PKHO_INFLATE_MAX; cap *= 2) {
		out = kvmalloc(cap, GFP_KERNEL);
		if (!out)
			return NULL;
		len = zlib_inflate_blob(out, cap, in, in_len);
		if (len >= 0) {
			*out_len = len;
			return out;
		}
		kvfree(out);
	}
	return NULL;
}
