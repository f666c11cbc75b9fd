/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (C) 2026 The pstore-kho-dkms authors
 */

#ifndef _PSTORE_KHO_ABI_PSTORE_H
#define _PSTORE_KHO_ABI_PSTORE_H

/**
 * DOC: pstore KHO ABI
 *
 * The pstore "kho" backend hands the kernel log records of one kernel to the
 * next one across kexec. Each kernel that has the backend loaded registers
 * one blob with KHO under the entry name %PSTORE_KHO_ENTRY_NAME. The blob is
 * a single physically contiguous, page aligned range of KHO-preserved pages;
 * KHO records its physical address and its size, and the next kernel never
 * reads outside of that size. The next kernel hands the blobs it received on
 * in place (see %PSTORE_KHO_HISTORY_PREFIX), after removing the records user
 * space erased, so a log survives several kexecs until it is erased.
 *
 * This interface is a contract between two kernels. Any change to the
 * layout of the structures below, to the meaning of a field, or to the
 * compatible string is a breaking change and requires the version in
 * %PSTORE_KHO_COMPATIBLE to be incremented. A kernel reads only blobs whose
 * compatible string it knows; it refuses any other blob as a whole with one
 * message and registers its own blob as usual. Compatibility is promised
 * between kernels that speak the same ABI version; a newer module may in
 * addition read blobs of the versions before it (see docs/abi.md).
 *
 * Blob layout (all integers little endian, as the kernels that exchange the
 * blob run on the same machine; offsets from the start of the blob)::
 *
 *	0                  struct pstore_kho_header_ser
 *	header_size        struct pstore_record_ser [record_max]
 *	data_offset        payload area, data_size bytes
 *
 * Every record's payload lies inside the payload area:
 * data_offset <= offset and offset + capacity <= data_offset + data_size.
 * The blob describes itself completely: the next kernel does not need any of
 * its own configuration (log buffer size, record size) to read it.
 *
 * Integrity: header_crc is the CRC32 (IEEE 802.3, as crc32_le() with an
 * initial value and final XOR of ~0) of the header with header_crc taken as
 * zero. record_crc covers the record descriptor with record_crc taken as
 * zero; payload_crc covers the first size bytes of the payload.
 */

#include <linux/types.h>

/* The compatible string; the NUL-padded field it is stored in. */
#define PSTORE_KHO_COMPATIBLE		"pstore-kho-v1"
#define PSTORE_KHO_COMPATIBLE_LEN	24

/* The KHO entry name of the blob of the kernel that wrote it. */
#define PSTORE_KHO_ENTRY_NAME		"pstore-kho"

/*
 * The console and pmsg front-ends each have a blob of their own, holding one
 * record (type 2, console, or 7, pmsg) once sealed by the kexec-time dump.
 */
#define PSTORE_KHO_CONSOLE_ENTRY_NAME	"pstore-kho-console"
#define PSTORE_KHO_PMSG_ENTRY_NAME	"pstore-kho-pmsg"

/*
 * Blobs of earlier kernels whose records were not erased yet are handed on
 * unchanged under the entry names "pstore-kho-1" (newest) to
 * "pstore-kho-<PSTORE_KHO_HISTORY_MAX>" (oldest).
 */
#define PSTORE_KHO_HISTORY_PREFIX	"pstore-kho-"
#define PSTORE_KHO_HISTORY_MAX		16

/* Upper bound of record_max a reader accepts. */
#define PSTORE_KHO_RECORD_MAX		64

/**
 * struct pstore_kho_header_ser - start of the handed-over blob
 * @compatible:      %PSTORE_KHO_COMPATIBLE, padded with NUL bytes.
 * @header_size:     size of this header, offset of the first descriptor.
 * @record_ser_size: size of one struct pstore_record_ser.
 * @record_max:      number of descriptor slots after the header.
 * @record_count:    number of slots in use; always the first ones.
 * @data_offset:     offset of the payload area.
 * @data_size:       size of the payload area.
 * @boot_seq:        boot sequence number of the kernel that wrote the blob:
 *                   one more than the highest it received, 1 without any.
 * @reserved:        zero.
 * @header_crc:      CRC32 of the header, this field taken as zero.
 *
 * Changing this structure requires changing %PSTORE_KHO_COMPATIBLE.
 */
struct pstore_kho_header_ser {
	u8	compatible[PSTORE_KHO_COMPATIBLE_LEN];
	u32	header_size;
	u32	record_ser_size;
	u32	record_max;
	u32	record_count;
	u64	data_offset;
	u64	data_size;
	u64	boot_seq;
	u32	reserved;
	u32	header_crc;
} __packed;

/**
 * struct pstore_record_ser - one pstore record in the blob
 * @offset:      offset of the payload from the start of the blob.
 * @capacity:    bytes set aside for the payload at @offset.
 * @size:        bytes of payload in use, at most @capacity.
 * @id:          record id, unique across boots; names the pstore file.
 * @time_sec:    record time, seconds since the epoch.
 * @time_nsec:   record time, nanoseconds (below 1000000000).
 * @type:        enum pstore_type_id of the record.
 * @reason:      enum kmsg_dump_reason of a dmesg record.
 * @count:       the oops count pstore gave the dump.
 * @part:        the part number pstore gave the dump (1 = newest text).
 * @compressed:  1 if the payload is compressed by pstore, else 0.
 * @boot_seq:    boot sequence number of the kernel that wrote the record.
 * @payload_crc: CRC32 of the first @size bytes of the payload.
 * @record_crc:  CRC32 of this descriptor, this field taken as zero.
 *
 * Changing this structure requires changing %PSTORE_KHO_COMPATIBLE.
 */
struct pstore_record_ser {
	u64	offset;
	u64	capacity;
	u64	size;
	u64	id;
	s64	time_sec;
	u32	time_nsec;
	u32	type;
	u32	reason;
	s32	count;
	u32	part;
	u32	compressed;
	u64	boot_seq;
	u32	payload_crc;
	u32	record_crc;
} __packed;

#endif /* _PSTORE_KHO_ABI_PSTORE_H */
