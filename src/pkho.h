/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interfaces between the files of the pstore_kho module.
 */

#ifndef _PSTORE_KHO_PKHO_H
#define _PSTORE_KHO_PKHO_H

#include <linux/pstore.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>

/* publish.c: memory handed to the next kernel, and taken back */
int pkho_keep(void *mem, unsigned long nr_pages);
void pkho_unkeep(void *mem, unsigned long nr_pages);
int pkho_publish(const char *name, void *handle);
void pkho_unpublish(void *handle);
int pkho_lookup(const char *name, phys_addr_t *phys, size_t *size);
int pkho_restore_check(phys_addr_t phys, unsigned long nr_pages);
void *pkho_restore(phys_addr_t phys, unsigned long nr_pages);
void pkho_free_restored(void *mem, unsigned long nr_pages);
int pkho_publish_init(void);
void pkho_publish_exit(void);

/* incoming.c: the previous kernels' records */
void pkho_in_take(void);
bool pkho_in_restored(void);
void pkho_in_exit(void);
u64 pkho_in_max_boot_seq(void);
u32 pkho_in_live(void);
void pkho_in_rewind(void);
ssize_t pkho_in_read(struct pstore_record *record);
int pkho_in_erase(const struct pstore_record *record);

/* render.c: the text of a previous kernel's dmesg record */
struct pkho_stream;
struct pstore_record_ser;
void *pkho_render(const struct pstore_record_ser *rec,
		  const struct pkho_stream *s, size_t *len);

/* outgoing.c: this kernel's handle, table and segments */
struct pkho_out_config {
	u64 boot_seq;
	u64 id_base;
	size_t tail_size;
	size_t console_size;
	size_t pmsg_size;
};

int pkho_out_init(const struct pkho_out_config *cfg);
void pkho_out_exit(void);
void pkho_out_set_boot_seq(u64 boot_seq);
void pkho_out_freeze(bool freeze);
bool pkho_out_frozen(void);
/*
 * The dmesg stream (record 0) and the rings change under this lock, which
 * the kexec-time dump only ever tries.
 */
extern raw_spinlock_t pkho_out_lock;
struct pstore_record_ser *pkho_out_rec(enum pstore_type_id type);
const struct pkho_stream *pkho_out_stream(void);
u64 pkho_out_free(void);
size_t pkho_out_tail_size(void);
void pkho_out_commit(void);
int pkho_out_reserve(u64 need, bool may_grow);
int pkho_out_drop_front(u64 bytes, u64 lines);
u8 *pkho_out_ring(enum pstore_type_id type, u64 *cap);

/* capture.c: the kernel log, captured as it is written */
extern u64 pkho_next_seq;	/* first line not kept yet; under the lock */

int pkho_capture_init(size_t log_max);
void pkho_capture_exit(void);
void pkho_capture_catch_up(bool may_grow);

/* dump.c: the kexec-time dump */
int pkho_dump_init(int max_reason);
void pkho_dump_exit(void);

/* ring.c: console and pmsg rings */
void pkho_ring_init(void);
int pkho_ring_add(const struct pstore_record *record);
void pkho_ring_seal_all(u64 now_ns);

/* inflate.c, deflate.c: one chunk; the kernel's zlib */
int pkho_inflate(const void *in, size_t in_len, void *out, size_t out_len);
ssize_t pkho_deflate(const void *in, size_t in_len, void *out, size_t out_len);

#endif /* _PSTORE_KHO_PKHO_H */
