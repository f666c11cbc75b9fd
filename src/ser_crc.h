/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CRC32 of the handed-over format, for src/ser.c: the kernel's crc32_le()
 * in the module, zlib's crc32() in the user-space tests. They are the same
 * function: IEEE 802.3, initial value and final XOR ~0.
 */

#ifndef _PSTORE_KHO_SER_CRC_H
#define _PSTORE_KHO_SER_CRC_H

#ifdef __KERNEL__
#include <linux/crc32.h>

/* CRC32 of @len bytes at @buf, continuing from @crc (0 to start). */
static inline u32 pkho_crc32_cont(u32 crc, const void *buf, size_t len)
{
	return crc32_le(crc ^ ~0U, buf, len) ^ ~0U;
}
#else
#include <zlib.h>

static inline u32 pkho_crc32_cont(u32 crc, const void *buf, size_t len)
{
	return crc32(crc, buf, len);
}
#endif

static inline u32 pkho_crc32(const void *buf, size_t len)
{
	return pkho_crc32_cont(0, buf, len);
}

#endif /* _PSTORE_KHO_SER_CRC_H */
