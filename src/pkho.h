/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interfaces between the files of the pstore_kho module.
 */

#ifndef _PSTORE_KHO_PKHO_H
#define _PSTORE_KHO_PKHO_H

#include <linux/pstore.h>
#include <linux/types.h>

/* publish.c: preserve a page-aligned blob and register it, or undo that */
int pkho_publish(const char *name, void *blob, size_t size);
void pkho_unpublish(void *blob, size_t size);

/* incoming.c: blobs from the previous kernels */
void pkho_in_init(void);
void pkho_in_exit(void);
u64 pkho_in_max_boot_seq(void);
u32 pkho_in_live(void);
void pkho_in_rewind(void);
ssize_t pkho_in_read(struct pstore_record *record);
int pkho_in_erase(const struct pstore_record *record);

/* outgoing.c: this kernel's blob */
int pkho_out_init(size_t record_size, u32 records, u64 boot_seq);
void pkho_out_exit(void);
int pkho_out_write(const struct pstore_record *record);

/* ring.c: console and pmsg rings */
int pkho_ring_init(enum pstore_type_id type, size_t ring_size, u64 boot_seq);
void pkho_ring_exit(enum pstore_type_id type);
int pkho_ring_add(const struct pstore_record *record);
void pkho_ring_seal_all(void);

/* inflate.c: kvmalloc()ed plain text of a record pstore compressed */
#ifdef CONFIG_ZLIB_INFLATE
void *pkho_inflate(const void *in, size_t in_len, size_t *out_len);
#else
static inline void *pkho_inflate(const void *in, size_t in_len,
				 size_t *out_len)
{
	return NULL;
}
#endif

/* logbuf.c */
unsigned long pkho_logbuf_size(void);

#endif /* _PSTORE_KHO_PKHO_H */
