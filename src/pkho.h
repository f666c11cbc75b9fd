/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interfaces between the files of the pstore_kho module, from the bottom up.
 * A file calls only into files listed above its own section here (the
 * format, ser.c and tail.c, has headers of its own and calls nothing).
 */

#ifndef _PSTORE_KHO_PKHO_H
#define _PSTORE_KHO_PKHO_H

#include <linux/kmsg_dump.h>
#include <linux/pstore.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>

/* A run of pages of this kernel's: a segment of a record. */
struct pkho_seg {
	void *va;
	unsigned long nr_pages;
};

/* publish.c: memory handed to the next kernel, and taken back (KHO) */
int pkho_publish_init(void);
void pkho_publish_exit(void);
bool pkho_late_keep_ok(void);
/* Memory kept now reaches the next kernel only until KHO is finalized. */
bool pkho_keep_ends_at_finalize(void);
void *pkho_alloc_kept(size_t bytes);
void pkho_free_kept(void *mem, size_t bytes);
int pkho_keep(void *mem, unsigned long nr_pages);
void pkho_unkeep(void *mem, unsigned long nr_pages);
void pkho_unkeep_restored(void *mem, unsigned long nr_pages);
int pkho_publish(const char *name, void *handle);
void pkho_unpublish(void *handle);
int pkho_lookup(const char *name, phys_addr_t *phys, size_t *size);
void *pkho_restore(phys_addr_t phys, unsigned long nr_pages);
void pkho_free_restored(void *mem, unsigned long nr_pages);

/* lines.c: the kernel log as numbered lines (the printk ring) */
struct pkho_lines {
	struct kmsg_dump_iter iter;
	u64 end;
};

u64 pkho_lines_head(void);
u64 pkho_lines_oldest(void);
void pkho_lines_open(struct pkho_lines *l, u64 from, u64 end);
bool pkho_lines_next(struct pkho_lines *l, char *buf, size_t size,
		     size_t *len, u64 *seq);
bool pkho_lines_skim(struct pkho_lines *l, char *buf, size_t size,
		     size_t *len, u64 *seq);
void pkho_lines_seek(struct pkho_lines *l, u64 seq);

/* inflate.c, deflate.c: one chunk, with the kernel's zlib */
int pkho_inflate(const void *in, size_t in_len, void *out, size_t out_len);
struct pkho_deflate;
struct pkho_deflate *pkho_deflate_begin(void);
ssize_t pkho_deflate(struct pkho_deflate *z, const void *in, size_t in_len,
		     void *out, size_t out_len, const bool *stop);
void pkho_deflate_end(struct pkho_deflate *z);

/* outgoing.c: this kernel's handle and its table */
int pkho_out_init(u64 id_base);
void pkho_out_exit(void);
/*
 * The table changes under this lock, which the kexec-time dump only ever
 * tries; every change ends with pkho_out_commit().
 */
extern raw_spinlock_t pkho_out_lock;
int pkho_out_add_record(enum pstore_type_id type, u32 flags,
			const struct pkho_seg *segs, u32 nr);
struct pstore_record_ser *pkho_out_rec(enum pstore_type_id type);
u32 pkho_out_seg_room(enum pstore_type_id type);
int pkho_out_hold_slot(enum pstore_type_id type);
void pkho_out_set_segs(enum pstore_type_id type, const struct pkho_seg *segs,
		       u32 nr);
void pkho_out_commit(void);
void pkho_out_clear_records(void);
void pkho_out_follow(u64 boot_seq, u64 last_id);
void pkho_out_set_history(const phys_addr_t *phys, u32 nr);

/* render.c: the text of a previous kernel's dmesg record */
struct pkho_stream;
struct pstore_record_ser;
void *pkho_render(const struct pstore_record_ser *rec,
		  const struct pkho_stream *s, bool truncated, size_t *len);

/* incoming.c: the previous kernels' records */
void pkho_in_take(void);
bool pkho_in_restored(void);
void pkho_in_exit(void);
u64 pkho_in_max_boot_seq(void);
u64 pkho_in_max_id(void);
void pkho_in_rewind(void);
ssize_t pkho_in_read(struct pstore_record *record);
int pkho_in_erase(const struct pstore_record *record);

/* ring.c: console and pmsg rings */
int pkho_ring_init(enum pstore_type_id type, size_t size);
void pkho_ring_exit(void);
int pkho_ring_add(const struct pstore_record *record);
void pkho_ring_seal_all(u64 now_ns);

/* stream.c: this kernel's dmesg record, a stream of chunks */
struct pkho_stream_config {
	size_t log_max;		/* text kept, at most */
	size_t reserve;		/* kept free for the kexec-time dump */
	size_t pool;		/* set aside at load where nothing can grow later */
};

/* How pkho_stream_take() may make room when the stream is full. */
#define PKHO_TAKE_COMPACT	0x1	/* compress what waits uncompressed */
#define PKHO_TAKE_GROW		0x2	/* add a segment */
#define PKHO_TAKE_DROP		0x4	/* drop the oldest chunks */

int pkho_stream_init(const struct pkho_stream_config *cfg);
void pkho_stream_exit(void);
u64 pkho_stream_next_seq(void);
int pkho_stream_take(u64 end, unsigned int how);
int pkho_stream_take_last(u64 end);
u64 pkho_stream_staged(unsigned long *since);
u64 pkho_stream_burst_lines(void);
int pkho_stream_compact(void);
void pkho_stream_hurry(void);
void pkho_stream_freeze(bool freeze);
bool pkho_stream_frozen(void);
void pkho_stream_kexec_locked(void);
int pkho_stream_kexec_early(void);
void pkho_stream_stamp_locked(enum kmsg_dump_reason reason, u64 now_ns);
void pkho_stream_mark_end_locked(void);

/* jump.c: the kexec-time chunk while "Starting new kernel" is in the log */
int pkho_jump_init(bool dump_at_kexec);
void pkho_jump_exit(void);
void pkho_jump_arm(void);

/* capture.c: the kernel log, captured as it is written */
int pkho_capture_init(void);
void pkho_capture_exit(void);

/* dump.c: the kexec-time dump */
int pkho_dump_init(int max_reason);
void pkho_dump_exit(void);

#endif /* _PSTORE_KHO_PKHO_H */
