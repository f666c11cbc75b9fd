/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writing and reading the handed-over format (abi/pstore.h).
 *
 * Everything here is pure C on memory it is given: no allocation, no locks,
 * no call into the rest of the module, so the very same file is compiled
 * into the module and into the user-space unit tests and fuzzer. Its one
 * dependency, the CRC, comes from ser_crc.h below it.
 */

#ifndef _PSTORE_KHO_SER_H
#define _PSTORE_KHO_SER_H

#include "abi/pstore.h"

/*
 * Segment slots in a v3 table, after the header, the records and the
 * history; a v2 table has more (no history), and a reader's copy has room
 * for either.
 */
#define PKHO_SEGMENT_SLOTS						\
	((PSTORE_KHO_TABLE_SIZE - sizeof(struct pstore_kho_table_ser) -	\
	  PSTORE_KHO_RECORD_MAX * sizeof(struct pstore_record_ser) -	\
	  PSTORE_KHO_HISTORY_MAX * sizeof(u64)) /			\
	 sizeof(struct pstore_kho_segment_ser))
#define PKHO_SEGMENT_SLOTS_V2						\
	((PSTORE_KHO_TABLE_SIZE - sizeof(struct pstore_kho_table_ser) -	\
	  PSTORE_KHO_RECORD_MAX * sizeof(struct pstore_record_ser)) /	\
	 sizeof(struct pstore_kho_segment_ser))

/* Where the FDT of a handle holds the compatible string and the table. */
#define PKHO_OFF_COMPAT		76
#define PKHO_OFF_TABLE		108

/*
 * struct pkho_table - a table in native memory: the writer's working copy,
 * committed into the handle; the reader's validated copy of a handle.
 * @version: the ABI version of the handle's layout, 3 or 2 (read, and
 *           handed on as it came).
 */
struct pkho_table {
	u32 version;
	struct pstore_kho_table_ser hdr;
	struct pstore_record_ser rec[PSTORE_KHO_RECORD_MAX];
	u64 history[PSTORE_KHO_HISTORY_MAX];
	struct pstore_kho_segment_ser seg[PKHO_SEGMENT_SLOTS_V2];
};

/* Writer: lay out an empty handle (FDT and table) in @handle and @t. */
void pkho_handle_init(void *handle, struct pkho_table *t, u64 boot_seq);

/* Writer: seal @t with its CRC and copy it into @handle, in @t's layout. */
void pkho_handle_commit(void *handle, struct pkho_table *t);

/*
 * Reader: validate the untrusted handle of @size bytes at @handle and copy
 * its table to @t: the FDT, the table header, its CRC, the history and every
 * segment listed. Handles of ABI v3 and v2 are read. @page_size is the
 * reading kernel's. On error *@why names the check that failed; the whole
 * handle is refused.
 */
int pkho_handle_parse(const void *handle, size_t size, u64 page_size,
		      struct pkho_table *t, const char **why);

/*
 * Reader: validate record @index of a parsed table, against the records in
 * the bit mask @accepted before it. On error, *@why; that record is dropped.
 */
int pkho_record_check(const struct pkho_table *t, u32 index, u32 accepted,
		      u64 page_size, const char **why);

/*
 * The table @in with only the records in the bit mask @keep, with their
 * segments and no other segment, and no history, into @out: what a reader
 * hands on (the history of earlier kernels is chained from the reading
 * kernel's own handle).
 */
void pkho_table_keep(const struct pkho_table *in, u32 keep,
		     struct pkho_table *out);

/*
 * struct pkho_stream - a record's data: @size bytes from @start of the
 * concatenation of @nr segments, the i-th at @va[i] of @len[i] bytes.
 */
struct pkho_stream {
	u8 *const *va;
	const u64 *len;
	u32 nr;
	u64 start;
	u64 size;
};

/* Copy @len bytes at data offset @pos out of / into @s; -ERANGE past it. */
int pkho_stream_read(const struct pkho_stream *s, u64 pos, void *dst, u64 len);
int pkho_stream_write(const struct pkho_stream *s, u64 pos, const void *src,
		      u64 len);

/* CRC32 of @len data bytes at @pos of @s, continuing from @crc. */
u32 pkho_stream_crc(const struct pkho_stream *s, u64 pos, u64 len, u32 crc);

/*
 * Reader: validate the chunk at data offset *@pos of @s (header, bounds,
 * CRC), copy its header to @chunk and move *@pos past it. Its bytes are at
 * *@pos - @chunk->size. -EBADMSG: its header is plausible (magic, sizes
 * within the data) but its CRC does not match: *@pos is moved past it all
 * the same, so a reader can mark the damage and go on; nothing in @chunk is
 * to be trusted then. Any other error: *@pos is left, nothing after it can
 * be found.
 */
int pkho_chunk_next(const struct pkho_stream *s, u64 *pos,
		    struct pstore_kho_chunk_ser *chunk, const char **why);

/*
 * Writer: write @chunk's header with its CRC at data offset @pos, for the
 * @chunk->size bytes already written after it.
 */
void pkho_chunk_seal(const struct pkho_stream *s, u64 pos,
		     struct pstore_kho_chunk_ser *chunk);

/*
 * struct pkho_ring - a console or pmsg ring of @cap bytes at @mem. Writers
 * reserve stream positions themselves (an atomic add in the module); once
 * @sealed, the ring is a record's data and takes no more writes.
 */
struct pkho_ring {
	u8 *mem;
	u64 cap;
	bool sealed;
};

/*
 * Write @len bytes a writer reserved at stream position @pos. A write
 * longer than the ring keeps its newest part. -EROFS once sealed: the write
 * is dropped, the sealed data stays as it is.
 */
int pkho_ring_put(struct pkho_ring *r, u64 pos, const void *data, u64 len);

/*
 * Seal after @total bytes were written: rotate the ring in place so its
 * oldest byte comes first. Returns the bytes in use.
 */
u64 pkho_ring_seal(struct pkho_ring *r, u64 total);

#endif /* _PSTORE_KHO_SER_H */
