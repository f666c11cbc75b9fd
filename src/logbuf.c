// SPDX-License-Identifier: GPL-2.0-only
/*
 * The size of the kernel log buffer, which sets the default record size.
 *
 * log_buf_len_get() is not exported to modules. The buffer is
 * 1 << CONFIG_LOG_BUF_SHIFT unless it was resized at boot, by log_buf_len=
 * or by the per-CPU extra space. Among its first lines the kernel prints the
 * size it ended up with: "log buffer data + meta data: N + ..." (6.10 and
 * later), "log_buf_len: N bytes" (before); that line is read back here. If
 * the log already lost its first lines, the configured size is used.
 */

#include <linux/kernel.h>
#include <linux/kmsg_dump.h>
#include <linux/string.h>

#include "pkho.h"

/* The resize line is printed within the first few dozen lines of a boot. */
#define PKHO_LOGBUF_SCAN_LINES	256

unsigned long pkho_logbuf_size(void)
{
	unsigned long size = 1UL << CONFIG_LOG_BUF_SHIFT;
	static const char * const keys[] = {
		"log buffer data + meta data: ", "log_buf_len: ",
	};
	unsigned int n, lines = 0;
	struct kmsg_dump_iter iter;
	char line[128];
	size_t len, k;
	const char *p;

	kmsg_dump_rewind(&iter);
	while (lines++ < PKHO_LOGBUF_SCAN_LINES &&
	       kmsg_dump_get_line(&iter, false, line, sizeof(line) - 1, &len)) {
		line[len] = '\0';
		for (k = 0; k < ARRAY_SIZE(keys); k++) {
			p = strstr(line, keys[k]);
			if (p && sscanf(p + strlen(keys[k]), "%u", &n) == 1 &&
			    n > size)
				size = n;
		}
	}
	return size;
}
