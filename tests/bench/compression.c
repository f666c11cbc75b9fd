// SPDX-License-Identifier: GPL-2.0-only
/*
 * How well, how fast, and in how much memory zlib compresses kernel log
 * text the way pstore_kho does (src/deflate.c): each chunk of up to 128 KiB
 * its own zlib stream. zlib here is Debian's, the same algorithm as the
 * kernel's lib/zlib_deflate; the workspace is the kernel's formula
 * (zlib_deflate_workspacesize(), lib/zlib_deflate/deflate.c).
 *
 *   compression LOGFILE      one line per setting, tab separated:
 *   level wbits memlevel workspace_bytes text_bytes packed_bytes ratio mib_per_s
 *
 * Time is CPU time (clock()), best of three passes over the whole file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#define CHUNK (128 * 1024)

/* The kernel's deflate workspace for these parameters. */
static long workspace(int wbits, int memlevel)
{
	long ws = 5 * 1024;	/* struct deflate_workspace itself, about */

	ws += (1L << wbits) * 2;		/* window */
	ws += (1L << wbits) * 2;		/* prev */
	ws += (1L << (memlevel + 7)) * 2;	/* head */
	ws += (1L << (memlevel + 6)) * 4;	/* pending/overlay */
	return ws;
}

static size_t pack(const unsigned char *in, size_t len, unsigned char *out,
		   int level, int wbits, int memlevel)
{
	size_t total = 0, off, n;
	z_stream s;

	for (off = 0; off < len; off += n) {
		n = len - off < CHUNK ? len - off : CHUNK;
		memset(&s, 0, sizeof(s));
		if (deflateInit2(&s, level, Z_DEFLATED, wbits, memlevel,
				 Z_DEFAULT_STRATEGY) != Z_OK)
			exit(2);
		s.next_in = (unsigned char *)in + off;
		s.avail_in = n;
		s.next_out = out;
		s.avail_out = CHUNK + 1024;
		if (deflate(&s, Z_FINISH) != Z_STREAM_END)
			exit(3);
		/* A chunk that does not compress is kept as it is. */
		total += (s.total_out < n ? s.total_out : n) + 32;
		deflateEnd(&s);
	}
	return total;
}

int main(int argc, char **argv)
{
	static const int levels[] = { 1, 3, 6, 9 };
	static const int wb[][2] = { { 15, 8 }, { 14, 7 }, { 13, 7 }, { 12, 6 } };
	unsigned char *in, *out;
	size_t len, packed = 0;
	double best, t;
	FILE *f;
	int i, j, r;
	clock_t c;

	if (argc != 2 || !(f = fopen(argv[1], "rb")))
		return 1;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	in = malloc(len);
	out = malloc(CHUNK + 1024);
	if (fread(in, 1, len, f) != len)
		return 1;
	fclose(f);
	printf("level\twbits\tmemlevel\tworkspace_bytes\ttext_bytes\tpacked_bytes\tratio\tmib_per_s\n");
	for (i = 0; i < 4; i++) {
		for (j = 0; j < 4; j++) {
			best = 1e9;
			for (r = 0; r < 3; r++) {
				c = clock();
				packed = pack(in, len, out, levels[i], wb[j][0], wb[j][1]);
				t = (double)(clock() - c) / CLOCKS_PER_SEC;
				if (t < best)
					best = t;
			}
			printf("%d\t%d\t%d\t%ld\t%zu\t%zu\t%.2f\t%.1f\n", levels[i],
			       wb[j][0], wb[j][1], workspace(wb[j][0], wb[j][1]),
			       len, packed, (double)len / packed,
			       len / 1048576.0 / (best > 0 ? best : 1e-9));
		}
	}
	return 0;
}
