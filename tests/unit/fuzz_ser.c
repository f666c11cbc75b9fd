// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness of the blob reader. The first input byte picks a mode:
 * odd recomputes the header and descriptor CRCs before parsing, so mutations
 * reach the checks behind the CRCs as a forger's would; even parses the bytes
 * as they are. The blob is copied into an allocation of exactly its size so
 * AddressSanitizer catches any read outside it.
 */
#include <stdlib.h>
#include "ser.h"

static void reseal(u8 *b, size_t size)
{
	struct pstore_kho_header_ser h;
	struct pstore_record_ser r;
	size_t off;
	u32 i;

	if (size < sizeof(h))
		return;
	memcpy(&h, b, sizeof(h));
	h.header_crc = 0;
	h.header_crc = pkho_crc32(&h, sizeof(h));
	memcpy(b, &h, sizeof(h));
	for (i = 0; i < h.record_count && i < PSTORE_KHO_RECORD_MAX; i++) {
		off = sizeof(h) + i * sizeof(r);
		if (off + sizeof(r) > size)
			break;
		memcpy(&r, b + off, sizeof(r));
		r.record_crc = 0;
		r.record_crc = pkho_crc32(&r, sizeof(r));
		memcpy(b + off, &r, sizeof(r));
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pstore_record_ser rec;
	struct pkho_blob blob;
	const char *why;
	volatile u8 sink = 0;
	u8 *b;
	u32 i;

	if (!size)
		return 0;
	b = malloc(size - 1 ? size - 1 : 1);
	memcpy(b, data + 1, size - 1);
	if (data[0] & 1)
		reseal(b, size - 1);
	if (!pkho_parse_header(&blob, b, size - 1, &why)) {
		for (i = 0; i < blob.hdr.record_count; i++) {
			if (pkho_parse_record(&blob, i, &rec, &why))
				continue;
			/* Touch the whole payload the reader vouched for. */
			if (rec.size)
				sink ^= b[rec.offset] ^ b[rec.offset + rec.size - 1];
		}
	}
	free(b);
	return 0;
}
