/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (C) 2026 The pstore-kho-dkms authors
 */

#ifndef _PSTORE_KHO_ABI_PSTORE_H
#define _PSTORE_KHO_ABI_PSTORE_H

/**
 * DOC: pstore-kho-dkms ABI
 *
 * The pstore_kho module (pstore-kho-dkms) hands the kernel log of one kernel
 * to the next one across kexec through KHO. Each kernel that has the module
 * loaded registers one KHO sub-tree under the entry name
 * %PSTORE_KHO_ENTRY_NAME: the *handle*, one page holding a flattened device
 * tree whose root node has two properties, "compatible" (the string
 * %PSTORE_KHO_COMPATIBLE) and "pstore-kho,table" (a struct
 * pstore_kho_table_ser followed by its records, its history and its
 * segments). The names are this module's own: an upstream pstore KHO backend
 * uses "pstore-kho" with another layout, and both can coexist.
 *
 * The handles of earlier kernels whose records were not erased yet are
 * handed on in place, preserved but not registered with KHO: the table's
 * history lists their physical addresses, newest first, so that the module
 * takes one entry of KHO's root tree whatever the history holds.
 *
 * The handle is the same page-sized FDT on every KHO API: 6.16 to 7.0
 * require sub-trees to be FDTs and store no size, 7.1 and later store the
 * size (%PSTORE_KHO_HANDLE_SIZE) as well. The handle page and every segment
 * are preserved with kho_preserve_pages() and must be restored with
 * kho_restore_pages() of exactly the same page count.
 *
 * The log lives in *segments*: runs of preserved pages listed in the table.
 * A record's data is the concatenation of its segments, from byte
 * @data_start of the first one, @data_size bytes long. A dmesg record's data
 * is a stream of chunks, each a struct pstore_kho_chunk_ser followed by its
 * bytes: a zlib stream (PSTORE_KHO_CHUNK_DEFLATE) or plain text, each
 * decodable on its own. A console or pmsg record's data is plain text.
 *
 * This interface is a contract between two kernels. Any change to the
 * layout of the structures below, to the meaning of a field, or to the
 * compatible string is a breaking change and requires the version in
 * %PSTORE_KHO_COMPATIBLE to be incremented. A kernel reads only handles
 * whose compatible string it knows; it refuses any other one as a whole with
 * one message and registers its own handle as usual. Compatibility is
 * promised between kernels that speak the same ABI version.
 *
 * Integers are in the byte order of the machine (the kernels that exchange
 * them run on the same machine), except for the FDT wrapper, which is
 * big-endian as every FDT. CRC32 is the IEEE 802.3 CRC, as crc32_le() with
 * an initial value and final XOR of ~0 (zlib's crc32()).
 *
 * Nothing here is trusted by the reader: every size, offset, count and page
 * range is bounded by what the format can describe, checked with
 * overflow-safe arithmetic and by CRCs, and every page range must be
 * restorable from KHO before a byte of it is read.
 */

#include <linux/types.h>

/* The compatible string of the handle's FDT. */
#define PSTORE_KHO_COMPATIBLE		"pstore-kho-dkms-v3"

/*
 * The previous version, still read: its table has no history (each earlier
 * handle was its own KHO entry, %PSTORE_KHO_HISTORY_PREFIX "1" to "16"), 227
 * segment slots, zero where v3 has @history_count and @kexec_dropped, and no
 * %PSTORE_KHO_CHUNK_KEXEC chunk.
 */
#define PSTORE_KHO_COMPATIBLE_V2	"pstore-kho-dkms-v2"

/* The KHO entry name of the handle of the kernel that wrote it. */
#define PSTORE_KHO_ENTRY_NAME		"pstore-kho-dkms"

/* Handles of earlier kernels handed on: at most this many. */
#define PSTORE_KHO_HISTORY_MAX		16
/* v2 only: the KHO entry names of the earlier handles, "1" newest. */
#define PSTORE_KHO_HISTORY_PREFIX	"pstore-kho-dkms-"

/* The handle: one page of 4096 bytes at least; only these bytes are read. */
#define PSTORE_KHO_HANDLE_SIZE		4096

/* The table property fills the handle's FDT up to PSTORE_KHO_HANDLE_SIZE. */
#define PSTORE_KHO_TABLE_PROP		"pstore-kho,table"
#define PSTORE_KHO_TABLE_SIZE		3952

/* Records per kernel: one each of dmesg, console and pmsg at most. */
#define PSTORE_KHO_RECORD_MAX		3

/* Bounds a reader applies; a writer never goes beyond them. */
#define PSTORE_KHO_SEGMENT_PAGES_MAX	1048576U	/* 4 GiB of 4 KiB pages */
#define PSTORE_KHO_CHUNK_PLAIN_MAX	1048576U	/* text in a chunk, or a ring */
#define PSTORE_KHO_LOG_PLAIN_MAX	1073741824ULL	/* data of one record: 1 GiB */

/**
 * struct pstore_kho_table_ser - the table in the handle
 * @table_size:       %PSTORE_KHO_TABLE_SIZE.
 * @record_ser_size:  sizeof(struct pstore_record_ser).
 * @segment_ser_size: sizeof(struct pstore_kho_segment_ser).
 * @chunk_ser_size:   sizeof(struct pstore_kho_chunk_ser).
 * @record_count:     records in use, the first ones of @records.
 * @segment_count:    segments in use, the first ones after the history.
 * @segment_max:      segment slots that fit in the table.
 * @history_count:    handles of earlier kernels listed in the history, at
 *                    most %PSTORE_KHO_HISTORY_MAX.
 * @boot_seq:         boot sequence number of the kernel that wrote the
 *                    table: one more than the highest it received, 1
 *                    without any. Orders the history, newest first.
 * @table_crc:        CRC32 of this structure (with @table_crc taken as zero),
 *                    the %PSTORE_KHO_RECORD_MAX records, the whole history
 *                    and the first @segment_count segments that follow it.
 * @reserved:         zero.
 *
 * Followed by struct pstore_record_ser [%PSTORE_KHO_RECORD_MAX], then the
 * history, u64 [%PSTORE_KHO_HISTORY_MAX]: the physical addresses of the
 * handles of earlier kernels, newest first, each one page and preserved with
 * kho_preserve_pages() (the first @history_count in use, the others zero),
 * then struct pstore_kho_segment_ser [@segment_max].
 *
 * Changing this structure requires changing %PSTORE_KHO_COMPATIBLE.
 */
struct pstore_kho_table_ser {
	u32	table_size;
	u32	record_ser_size;
	u32	segment_ser_size;
	u32	chunk_ser_size;
	u32	record_count;
	u32	segment_count;
	u32	segment_max;
	u32	history_count;
	u64	boot_seq;
	u32	table_crc;
	u32	reserved;
} __packed;

/* Flags of a record. */
#define PSTORE_KHO_RECORD_CHUNKED	0x1	/* data is a stream of chunks */

/**
 * struct pstore_record_ser - one pstore record
 * @id:            record id, unique across boots; names the pstore file.
 * @time_sec:      record time, seconds since the epoch.
 * @time_nsec:     record time, nanoseconds (below 1000000000).
 * @type:          enum pstore_type_id of the record.
 * @reason:        enum kmsg_dump_reason of the last dump of a dmesg record.
 * @count:         dumps made into a dmesg record.
 * @flags:         PSTORE_KHO_RECORD_*.
 * @seg_first:     index of the record's first segment in the table.
 * @seg_count:     number of its segments, consecutive from @seg_first.
 * @data_start:    offset of the data in the first segment.
 * @data_size:     bytes of data, across the segments: at most
 *                 %PSTORE_KHO_LOG_PLAIN_MAX for dmesg, %PSTORE_KHO_CHUNK_PLAIN_MAX
 *                 for console and pmsg.
 * @data_crc:      CRC32 of the data of a record that is not chunked.
 * @seq_end:       dmesg: the kernel log sequence number after the last line
 *                 printed when the kernel jumped (or the record was last
 *                 dumped); lines from the end of the last chunk up to it
 *                 were not kept.
 * @dropped_lines: dmesg: lines dropped, oldest first, to keep the log
 *                 within the writer's log_max; they come before the first
 *                 chunk.
 * @kexec_dropped: dmesg: lines the kexec-time dump dropped for want of
 *                 room, so that the newest ones are kept: they come right
 *                 before the chunk flagged %PSTORE_KHO_CHUNK_KEXEC.
 *
 * Changing this structure requires changing %PSTORE_KHO_COMPATIBLE.
 */
struct pstore_record_ser {
	u64	id;
	s64	time_sec;
	u32	time_nsec;
	u32	type;
	u32	reason;
	s32	count;
	u32	flags;
	u32	seg_first;
	u32	seg_count;
	u32	data_crc;
	u64	data_start;
	u64	data_size;
	u64	seq_end;
	u64	dropped_lines;
	u64	kexec_dropped;
} __packed;

/**
 * struct pstore_kho_segment_ser - a run of preserved pages
 * @phys:     physical address of the first page, page aligned.
 * @nr_pages: pages in the run (of the writer's PAGE_SIZE, which the reader
 *            shares: both kernels run on the same machine), at most
 *            %PSTORE_KHO_SEGMENT_PAGES_MAX.
 * @reserved: zero.
 *
 * Changing this structure requires changing %PSTORE_KHO_COMPATIBLE.
 */
struct pstore_kho_segment_ser {
	u64	phys;
	u32	nr_pages;
	u32	reserved;
} __packed;

/* The start of every chunk. */
#define PSTORE_KHO_CHUNK_MAGIC		0x48434b50	/* "PKCH" */
#define PSTORE_KHO_CHUNK_DEFLATE	0x1		/* zlib stream */
#define PSTORE_KHO_CHUNK_KEXEC		0x2		/* plain, written at the kexec */

/**
 * struct pstore_kho_chunk_ser - one chunk of a dmesg record
 * @magic:      %PSTORE_KHO_CHUNK_MAGIC.
 * @flags:      %PSTORE_KHO_CHUNK_DEFLATE, or 0 for plain text;
 *              %PSTORE_KHO_CHUNK_KEXEC on the plain chunk of the newest
 *              lines the kexec-time dump wrote (at most one, the last).
 * @size:       bytes that follow this header.
 * @plain_size: bytes of text they hold (decompressed), at most
 *              %PSTORE_KHO_CHUNK_PLAIN_MAX.
 * @first_seq:  kernel log sequence number of the chunk's first line. A
 *              chunk whose @first_seq is past the end of the one before it
 *              says the lines in between were lost.
 * @nr_lines:   lines in the chunk.
 * @crc:        CRC32 of this header (with @crc taken as zero) and the
 *              @size bytes that follow it.
 *
 * Changing this structure requires changing %PSTORE_KHO_COMPATIBLE.
 */
struct pstore_kho_chunk_ser {
	u32	magic;
	u32	flags;
	u32	size;
	u32	plain_size;
	u64	first_seq;
	u32	nr_lines;
	u32	crc;
} __packed;

#endif /* _PSTORE_KHO_ABI_PSTORE_H */
