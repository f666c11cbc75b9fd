/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for the kernel's <linux/types.h> when src/ser.c and
 * src/abi/pstore.h are compiled in user space for the unit tests and the
 * fuzzer. Only what those two files use.
 */
#ifndef _PKHO_TEST_LINUX_TYPES_H
#define _PKHO_TEST_LINUX_TYPES_H

#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;
typedef int64_t s64;

#define __packed __attribute__((__packed__))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)

#ifndef EROFS
#include <errno.h>
#endif

#endif
