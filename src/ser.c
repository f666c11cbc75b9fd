// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading and writing the handed-over blob. See ser.h for why this file is
 * pure C, and abi/pstore.h for the layout.
 *
 * The reader treats every byte as hostile: it copies a structure out of the
 * blob before looking at it, checks every size and offset against the size
 * KHO reported with overflow-checked arithmetic, and checks CRCs before any
 * field is trusted.
 */

#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/stddef.h>
#include <linux/string.h>
#endif

#include "ser.h"

#define PKHO_NSEC_PER_SEC 1000000000U

/* The ABI sizes docs/abi.md documents; a change here is an ABI change. */
static_assert(sizeof(struct pstore_kho_header_ser) == 72, "ABI header size");
static_assert(sizeof(struct pstore_record_ser) == 80, "ABI record size");

static u32 pkho_header_crc(const struct pstore_kho_header_ser *hdr)
{
	struct pstore_kho_header_ser tmp = *hdr;

	tmp.header_crc = 0;
	return pkho_crc32(&tmp, sizeof(tmp));
}

static u32 pkho_record_crc(const struct pstore_record_ser *rec)
{
	struct pstore_record_ser tmp = *rec;

	tmp.record_crc = 0;
	return pkho_crc32(&tmp, sizeof(tmp));
}

static struct pstore_record_ser *
pkho_slot(const struct pkho_blob *blob, u32 index)
{
	return (struct pstore_record_ser *)(blob->base + sizeof(blob->hdr)) +
	       index;
}

static void pkho_seal_header(struct pkho_blob *blob)
{
	blob->hdr.header_crc = pkho_header_crc(&blob->hdr);
	memcpy(blob->base, &blob->hdr, sizeof(blob->hdr));
}

int pkho_format(struct pkho_blob *blob, void *base, size_t size,
		u32 record_max, u64 boot_seq)
{
	struct pstore_kho_header_ser *hdr = &blob->hdr;
	size_t desc_end;

	if (!record_max || record_max > PSTORE_KHO_RECORD_MAX)
		return -EINVAL;
	desc_end = sizeof(*hdr) + (size_t)record_max * sizeof(struct pstore_record_ser);
	if (size <= desc_end)
		return -EINVAL;

	memset(base, 0, desc_end);
	memset(hdr, 0, sizeof(*hdr));
	memcpy(hdr->compatible, PSTORE_KHO_COMPATIBLE,
	       sizeof(PSTORE_KHO_COMPATIBLE));
	hdr->header_size = sizeof(*hdr);
	hdr->record_ser_size = sizeof(struct pstore_record_ser);
	hdr->record_max = record_max;
	hdr->data_offset = desc_end;
	hdr->data_size = size - desc_end;
	hdr->boot_seq = boot_seq;
	blob->base = base;
	blob->size = size;
	pkho_seal_header(blob);
	return 0;
}

u64 pkho_max_payload(const struct pkho_blob *blob)
{
	return blob->hdr.data_size;
}

/* Drop the oldest record and move the others down to close the gap. */
static void pkho_drop_oldest(struct pkho_blob *blob)
{
	struct pstore_kho_header_ser *hdr = &blob->hdr;
	struct pstore_record_ser *first = pkho_slot(blob, 0);
	u64 gap = first->capacity;
	u64 used = 0;
	u32 i;

	for (i = 1; i < hdr->record_count; i++)
		used += pkho_slot(blob, i)->capacity;
	memmove(blob->base + hdr->data_offset,
		blob->base + hdr->data_offset + gap, used);
	memmove(first, first + 1,
		(hdr->record_count - 1) * sizeof(*first));
	hdr->record_count--;
	for (i = 0; i < hdr->record_count; i++) {
		struct pstore_record_ser *rec = pkho_slot(blob, i);

		rec->offset -= gap;
		rec->record_crc = pkho_record_crc(rec);
	}
}

void pkho_remove(struct pkho_blob *blob, u32 index, bool wipe)
{
	struct pstore_kho_header_ser *hdr = &blob->hdr;
	struct pstore_record_ser *slot = pkho_slot(blob, index);
	struct pstore_record_ser rec;

	if (index >= hdr->record_count)
		return;
	memcpy(&rec, slot, sizeof(rec));
	if (wipe)
		memset(blob->base + rec.offset, 0, rec.capacity);
	memmove(slot, slot + 1,
		(hdr->record_count - index - 1) * sizeof(rec));
	hdr->record_count--;
	memset(pkho_slot(blob, hdr->record_count), 0, sizeof(rec));
	pkho_seal_header(blob);
}

int pkho_find(const struct pkho_blob *blob, u64 id)
{
	struct pstore_record_ser rec;
	u32 i;

	for (i = 0; i < blob->hdr.record_count; i++) {
		memcpy(&rec, pkho_slot(blob, i), sizeof(rec));
		if (rec.id == id)
			return i;
	}
	return -ENOENT;
}

int pkho_append(struct pkho_blob *blob, const struct pstore_record_ser *in,
		const void *payload, u64 len)
{
	struct pstore_kho_header_ser *hdr = &blob->hdr;
	struct pstore_record_ser rec = *in;
	u64 end = hdr->data_offset;
	u32 i;

	if (len > hdr->data_size)
		return -EFBIG;

	for (;;) {
		end = hdr->data_offset;
		for (i = 0; i < hdr->record_count; i++)
			end += pkho_slot(blob, i)->capacity;
		/* Records are packed from data_offset in the order they came. */
		if (hdr->record_count < hdr->record_max &&
		    len <= hdr->data_offset + hdr->data_size - end)
			break;
		pkho_drop_oldest(blob);
	}

	memcpy(blob->base + end, payload, len);
	rec.offset = end;
	rec.capacity = len;
	rec.size = len;
	rec.payload_crc = pkho_crc32(payload, len);
	rec.record_crc = pkho_record_crc(&rec);
	memcpy(pkho_slot(blob, hdr->record_count), &rec, sizeof(rec));
	hdr->record_count++;
	pkho_seal_header(blob);
	return 0;
}

int pkho_ring_format(struct pkho_blob *blob, void *base, size_t size,
		     u64 boot_seq)
{
	return pkho_format(blob, base, size, 1, boot_seq);
}

void pkho_ring_write(struct pkho_blob *blob, u64 pos, const void *data,
		     u64 len)
{
	u8 *ring = blob->base + blob->hdr.data_offset;
	u64 cap = blob->hdr.data_size;
	const u8 *src = data;
	u64 at, chunk;

	/* Of a write longer than the ring, only its newest part stays. */
	if (len > cap) {
		src += len - cap;
		pos += len - cap;
		len = cap;
	}
	while (len) {
		at = pos % cap;
		chunk = len < cap - at ? len : cap - at;
		memcpy(ring + at, src, chunk);
		src += chunk;
		pos += chunk;
		len -= chunk;
	}
}

static void pkho_reverse(u8 *p, u64 len)
{
	u8 *q = p + len;
	u8 t;

	while (p + 1 < q) {
		t = *p;
		*p++ = *--q;
		*q = t;
	}
}

void pkho_ring_seal(struct pkho_blob *blob, u64 total,
		    const struct pstore_record_ser *in)
{
	struct pstore_kho_header_ser *hdr = &blob->hdr;
	u8 *ring = blob->base + hdr->data_offset;
	struct pstore_record_ser rec = *in;
	u64 cap = hdr->data_size;
	u64 head = total % cap;

	/* Rotate in place so the oldest byte comes first: three reversals. */
	if (total > cap && head) {
		pkho_reverse(ring, head);
		pkho_reverse(ring + head, cap - head);
		pkho_reverse(ring, cap);
	}
	rec.offset = hdr->data_offset;
	rec.capacity = cap;
	rec.size = total < cap ? total : cap;
	rec.payload_crc = pkho_crc32(ring, rec.size);
	rec.record_crc = pkho_record_crc(&rec);
	memcpy(pkho_slot(blob, 0), &rec, sizeof(rec));
	hdr->record_count = rec.size ? 1 : 0;
	pkho_seal_header(blob);
}

int pkho_parse_header(struct pkho_blob *blob, const void *base, size_t size,
		      const char **why)
{
	u8 want[PSTORE_KHO_COMPATIBLE_LEN] = PSTORE_KHO_COMPATIBLE;
	struct pstore_kho_header_ser *hdr = &blob->hdr;
	size_t desc_size, desc_end, data_end;

	*why = NULL;
	if (!base || size < sizeof(*hdr)) {
		*why = "blob smaller than its header";
		return -EINVAL;
	}
	memcpy(hdr, base, sizeof(*hdr));

	if (memcmp(hdr->compatible, want, sizeof(want))) {
		*why = memcmp(hdr->compatible, "pstore-kho-v", 12) ?
			"bad compatible string" :
			"unknown ABI version";
		return -EPROTO;
	}
	if (pkho_header_crc(hdr) != hdr->header_crc) {
		*why = "header CRC mismatch";
		return -EBADMSG;
	}
	if (hdr->header_size != sizeof(*hdr)) {
		*why = "bad header size";
		return -EINVAL;
	}
	if (hdr->record_ser_size != sizeof(struct pstore_record_ser)) {
		*why = "bad record descriptor size";
		return -EINVAL;
	}
	if (hdr->record_max > PSTORE_KHO_RECORD_MAX ||
	    hdr->record_count > hdr->record_max) {
		*why = "record count out of range";
		return -EINVAL;
	}
	if (hdr->reserved) {
		*why = "reserved field not zero";
		return -EINVAL;
	}
	if (check_mul_overflow((size_t)hdr->record_max,
			       (size_t)hdr->record_ser_size, &desc_size) ||
	    check_add_overflow((size_t)hdr->header_size, desc_size,
			       &desc_end) ||
	    desc_end > size) {
		*why = "descriptors past the end of the blob";
		return -EINVAL;
	}
	if (hdr->data_offset < desc_end ||
	    check_add_overflow(hdr->data_offset, hdr->data_size, &data_end) ||
	    data_end > size) {
		*why = "payload area outside the blob";
		return -EINVAL;
	}
	blob->base = (u8 *)base;
	blob->size = size;
	return 0;
}

int pkho_parse_record(const struct pkho_blob *blob, u32 index,
		      struct pstore_record_ser *rec, const char **why)
{
	const struct pstore_kho_header_ser *hdr = &blob->hdr;
	u64 cap_end, data_end = hdr->data_offset + hdr->data_size;

	*why = NULL;
	if (index >= hdr->record_count) {
		*why = "no such record";
		return -ENOENT;
	}
	memcpy(rec, pkho_slot(blob, index), sizeof(*rec));

	if (pkho_record_crc(rec) != rec->record_crc) {
		*why = "record CRC mismatch";
		return -EBADMSG;
	}
	if (rec->size > rec->capacity) {
		*why = "used size larger than capacity";
		return -EINVAL;
	}
	if (rec->offset < hdr->data_offset ||
	    check_add_overflow(rec->offset, rec->capacity, &cap_end) ||
	    cap_end > data_end) {
		*why = "payload outside the payload area";
		return -EINVAL;
	}
	if (rec->time_nsec >= PKHO_NSEC_PER_SEC || rec->compressed > 1) {
		*why = "bad record field";
		return -EINVAL;
	}
	if (pkho_crc32(blob->base + rec->offset, rec->size) !=
	    rec->payload_crc) {
		*why = "payload CRC mismatch";
		return -EBADMSG;
	}
	return 0;
}
