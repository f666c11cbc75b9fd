// SPDX-License-Identifier: GPL-2.0-only
/* pkho_crc32() for user space: zlib's CRC32 is the kernel's crc32_le(~0) ^ ~0. */
#include <zlib.h>
#include <linux/types.h>

u32 pkho_crc32(const void *buf, size_t len);

u32 pkho_crc32(const void *buf, size_t len)
{
	return crc32(0, buf, len);
}
