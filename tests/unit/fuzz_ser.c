// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness of the reader (src/ser.c). The first input byte picks
 * what the rest is:
 *   0: a handle, parsed as it is;
 *   1: a handle whose table CRC is recomputed first, so that mutations reach
 *      the checks behind it as a forger's would;
 *   2: a dmesg stream, split into two segments at the length the second
 *      byte gives, walked chunk by chunk.
 * Every buffer is an allocation of exactly its size, so AddressSanitizer
 * catches any read outside. What a reader hands on (the records it kept,
 * any subset) must parse again: the find/remove path of an erase.
 */
#include <stdlib.h>
#include "ser.h"
#include "ser_crc.h"

#define PAGE 4096

/*
 * Recompute the table CRC of raw handle bytes, whichever ABI version its
 * compatible string names: the CRC covers the table's first bytes, up to
 * the last segment in use, with the CRC field taken as zero.
 */
static void reseal(u8 *h)
{
	bool v2 = !memcmp(h + PKHO_OFF_COMPAT, PSTORE_KHO_COMPATIBLE_V2,
			  sizeof(PSTORE_KHO_COMPATIBLE_V2));
	size_t off_seg = sizeof(struct pstore_kho_table_ser) +
		PSTORE_KHO_RECORD_MAX * sizeof(struct pstore_record_ser) +
		(v2 ? 0 : PSTORE_KHO_HISTORY_MAX * sizeof(u64));
	struct pstore_kho_table_ser hdr;
	u8 *table = h + PKHO_OFF_TABLE;
	u32 crc;

	memcpy(&hdr, table, sizeof(hdr));
	if (hdr.segment_count > (v2 ? PKHO_SEGMENT_SLOTS_V2 : PKHO_SEGMENT_SLOTS))
		return;
	hdr.table_crc = 0;
	memcpy(table, &hdr, sizeof(hdr));
	crc = pkho_crc32(table, off_seg +
			 hdr.segment_count * sizeof(struct pstore_kho_segment_ser));
	memcpy(table + offsetof(struct pstore_kho_table_ser, table_crc), &crc,
	       sizeof(crc));
}

static void fuzz_handle(const u8 *data, size_t size, int resealed)
{
	static struct pkho_table t, out, again;
	u32 i, accepted = 0, keep;
	const char *why;
	u8 *h;

	h = malloc(size ? size : 1);
	memcpy(h, data, size);
	if (resealed && size >= PSTORE_KHO_HANDLE_SIZE)
		reseal(h);
	if (pkho_handle_parse(h, size, PAGE, &t, &why))
		goto out;
	for (i = 0; i < t.hdr.record_count; i++) {
		if (!pkho_record_check(&t, i, accepted, PAGE, &why))
			accepted |= 1U << i;
	}
	/* Every subset of the accepted records, handed on, parses again. */
	for (keep = 0; keep < 8; keep++) {
		if (keep & ~accepted)
			continue;
		pkho_table_keep(&t, keep, &out);
		pkho_handle_commit(h, &out);
		if (pkho_handle_parse(h, size, PAGE, &again, &why))
			abort();
		for (i = 0; i < again.hdr.record_count; i++) {
			if (pkho_record_check(&again, i, (1U << i) - 1, PAGE, &why))
				abort();
		}
	}
out:
	free(h);
}

static void fuzz_stream(const u8 *data, size_t size)
{
	struct pstore_kho_chunk_ser c;
	u64 len[2], pos = 0;
	const char *why;
	volatile u8 sink;
	u8 *va[2];
	u8 buf[64];

	if (size < 1)
		return;
	len[0] = data[0] < size - 1 ? data[0] : size - 1;
	len[1] = size - 1 - len[0];
	va[0] = malloc(len[0] ? len[0] : 1);
	va[1] = malloc(len[1] ? len[1] : 1);
	memcpy(va[0], data + 1, len[0]);
	memcpy(va[1], data + 1 + len[0], len[1]);
	{
		struct pkho_stream s = { .va = va, .len = len, .nr = 2,
					 .size = len[0] + len[1] };

		while (!pkho_chunk_next(&s, &pos, &c, &why)) {
			/* Read what the reader vouched for, to its last byte. */
			if (c.size && pkho_stream_read(&s, pos - 1, buf, 1))
				abort();
			sink = buf[0];
		}
	}
	(void)sink;
	free(va[0]);
	free(va[1]);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (!size)
		return 0;
	switch (data[0] % 3) {
	case 0:
	case 1:
		fuzz_handle(data + 1, size - 1, data[0] % 3);
		break;
	default:
		fuzz_stream(data + 1, size - 1);
		break;
	}
	return 0;
}
