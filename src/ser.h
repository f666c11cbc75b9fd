/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading and writing the handed-over blob (abi/pstore.h).
 *
 * Everything here is pure C on memory it is given: no allocation, no locks,
 * no kernel-only calls, so the very same file is compiled into the module
 * and into the user-space unit tests and fuzzer. The only outside function
 * is pkho_crc32(), which the module builds on crc32_le() and the tests on
 * zlib.
 */

#ifndef _PSTORE_KHO_SER_H
#define _PSTORE_KHO_SER_H

#include "abi/pstore.h"

/* CRC32 (IEEE 802.3) of @len bytes at @buf, as zlib's crc32(0, buf, len). */
u32 pkho_crc32(const void *buf, size_t len);

/**
 * struct pkho_blob - a blob whose header has been validated
 * @base: first byte of the blob.
 * @size: size of the blob as KHO reports it (reader) or as allocated (writer).
 * @hdr:  the header; for a blob being read, a validated copy.
 */
struct pkho_blob {
	u8 *base;
	size_t size;
	struct pstore_kho_header_ser hdr;
};

/* Writer: lay out an empty blob over @size bytes at @base. */
int pkho_format(struct pkho_blob *blob, void *base, size_t size,
		u32 record_max, u64 boot_seq);

/* Writer: largest payload one record can have in @blob. */
u64 pkho_max_payload(const struct pkho_blob *blob);

/*
 * Writer: append one record, dropping the oldest records while there is not
 * room for it. @rec gives every field but offset, capacity, size and the
 * CRCs. Returns 0, or -EFBIG if @len can never fit.
 */
int pkho_append(struct pkho_blob *blob, const struct pstore_record_ser *rec,
		const void *payload, u64 len);

/*
 * Ring blobs (console, pmsg): one record whose payload is written as a ring
 * while the kernel runs and made linear, oldest byte first, when sealed at
 * the kexec-time dump. Until then the blob holds no record.
 */
int pkho_ring_format(struct pkho_blob *blob, void *base, size_t size,
		     u64 boot_seq);
/* Write @len bytes that the writer reserved at stream position @pos. */
void pkho_ring_write(struct pkho_blob *blob, u64 pos, const void *data,
		     u64 len);
/* Seal after @total bytes were written; @rec gives the record's metadata. */
void pkho_ring_seal(struct pkho_blob *blob, u64 total,
		    const struct pstore_record_ser *rec);

/*
 * Remove record @index from @blob, moving the later descriptors down. With
 * @wipe, the payload is zeroed too: only for a record pkho_parse_record()
 * accepted, whose payload bounds are known to be inside the blob.
 */
void pkho_remove(struct pkho_blob *blob, u32 index, bool wipe);

/* Index of the record with id @id in @blob, or -ENOENT. */
int pkho_find(const struct pkho_blob *blob, u64 id);

/*
 * Reader: validate the header of the untrusted blob at @base, @size bytes.
 * On error *@why names the check that failed.
 */
int pkho_parse_header(struct pkho_blob *blob, const void *base, size_t size,
		      const char **why);

/*
 * Reader: validate record @index and copy its descriptor to @rec; the
 * payload is then at blob->base + rec->offset, rec->size bytes.
 */
int pkho_parse_record(const struct pkho_blob *blob, u32 index,
		      struct pstore_record_ser *rec, const char **why);

#endif /* _PSTORE_KHO_SER_H */
