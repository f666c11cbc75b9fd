// SPDX-License-Identifier: GPL-2.0-only
/*
 * Table tests of src/ser.c: valid blobs round-trip, every damaged blob is
 * refused with the reason the module will print, and nothing outside the
 * blob is read (run under AddressSanitizer: each blob sits in its own exactly
 * sized heap allocation).
 *
 *   test_ser                 run the tests, print "N passed, N failed"
 *   test_ser --corpus DIR    write the fuzzer's seed blobs to DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include "ser.h"

#define BLOB_SIZE 4096

static int passed, failed;

static void expect(int ok, const char *name, const char *detail)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL  %s%s%s\n", name, detail ? ": " : "",
		       detail ? detail : "");
	}
}

static u32 crc_zeroed(const void *p, size_t len, size_t crc_off)
{
	unsigned char tmp[256];

	memcpy(tmp, p, len);
	memset(tmp + crc_off, 0, 4);
	return pkho_crc32(tmp, len);
}

/* Recompute the CRCs a forger would recompute: damage past the CRCs. */
static void reseal_header(u8 *b)
{
	struct pstore_kho_header_ser h;

	memcpy(&h, b, sizeof(h));
	h.header_crc = crc_zeroed(&h, sizeof(h),
				  offsetof(struct pstore_kho_header_ser, header_crc));
	memcpy(b, &h, sizeof(h));
}

static struct pstore_record_ser *desc(u8 *b, int i)
{
	return (struct pstore_record_ser *)(b + sizeof(struct pstore_kho_header_ser)) + i;
}

static void reseal_record(u8 *b, int i)
{
	struct pstore_record_ser r;

	memcpy(&r, desc(b, i), sizeof(r));
	r.record_crc = crc_zeroed(&r, sizeof(r),
				  offsetof(struct pstore_record_ser, record_crc));
	memcpy(desc(b, i), &r, sizeof(r));
}

static struct pstore_kho_header_ser *hdr(u8 *b)
{
	return (struct pstore_kho_header_ser *)b;
}

/* A valid blob with two dmesg records. */
static u8 *make_blob(size_t size)
{
	struct pstore_record_ser r = { .type = 0, .reason = 4, .count = 1,
				       .part = 1, .time_sec = 1700000000 };
	struct pkho_blob blob;
	u8 *b = malloc(size);

	if (pkho_format(&blob, b, size, 4, 7))
		abort();
	r.id = 1;
	if (pkho_append(&blob, &r, "Shutdown#1 Part1\nfirst log\n", 27))
		abort();
	r.id = 2;
	r.count = 2;
	if (pkho_append(&blob, &r, "Shutdown#2 Part1\nsecond\n", 24))
		abort();
	return b;
}

/* Parse the whole blob; return the reason of the first refusal, or NULL. */
static const char *parse_all(const u8 *b, size_t size, int *good)
{
	struct pstore_record_ser rec;
	struct pkho_blob blob;
	const char *why;
	u32 i;

	*good = 0;
	if (pkho_parse_header(&blob, b, size, &why))
		return why;
	for (i = 0; i < blob.hdr.record_count; i++) {
		if (pkho_parse_record(&blob, i, &rec, &why))
			return why;
		(*good)++;
	}
	return NULL;
}

struct damage {
	const char *name;
	void (*apply)(u8 *b, size_t *size);
	const char *why;	/* expected reason */
	int good;		/* records still good before the bad one */
};

static void d_compat(u8 *b, size_t *s) { memcpy(hdr(b)->compatible, "not-pstore", 11); }
static void d_version(u8 *b, size_t *s) { memcpy(hdr(b)->compatible, "pstore-kho-v99", 15); }
static void d_hcrc(u8 *b, size_t *s) { hdr(b)->boot_seq ^= 1; }
static void d_hsize(u8 *b, size_t *s) { hdr(b)->header_size = 1u << 30; reseal_header(b); }
static void d_dsize(u8 *b, size_t *s) { hdr(b)->record_ser_size = 8; reseal_header(b); }
static void d_count(u8 *b, size_t *s) { hdr(b)->record_count = 5; reseal_header(b); }
static void d_max(u8 *b, size_t *s) { hdr(b)->record_max = 0xffffffff; hdr(b)->record_count = 2; reseal_header(b); }
static void d_data_end(u8 *b, size_t *s) { hdr(b)->data_size += 1; reseal_header(b); }
static void d_data_wrap(u8 *b, size_t *s) { hdr(b)->data_size = ~0ULL - 16; reseal_header(b); }
static void d_reserved(u8 *b, size_t *s) { hdr(b)->reserved = 1; reseal_header(b); }
static void d_short(u8 *b, size_t *s) { *s = sizeof(struct pstore_kho_header_ser) - 1; }
static void d_truncated(u8 *b, size_t *s) { *s = BLOB_SIZE / 2; }
static void d_rcrc(u8 *b, size_t *s) { desc(b, 1)->count ^= 1; }
static void d_used(u8 *b, size_t *s) { desc(b, 1)->size = desc(b, 1)->capacity + 1; reseal_record(b, 1); }
static void d_cap(u8 *b, size_t *s) { desc(b, 1)->capacity = BLOB_SIZE; reseal_record(b, 1); }
static void d_off_wrap(u8 *b, size_t *s) { desc(b, 1)->offset = ~0ULL - 8; reseal_record(b, 1); }
static void d_off_low(u8 *b, size_t *s) { desc(b, 1)->offset = 0; reseal_record(b, 1); }
static void d_pcrc(u8 *b, size_t *s) { b[desc(b, 1)->offset] ^= 0x20; }
static void d_compressed(u8 *b, size_t *s) { desc(b, 0)->compressed = 7; reseal_record(b, 0); }
static void d_nsec(u8 *b, size_t *s) { desc(b, 0)->time_nsec = 1000000000; reseal_record(b, 0); }

static const struct damage damages[] = {
	{ "bad compatible", d_compat, "bad compatible string" },
	{ "unknown version", d_version, "unknown ABI version" },
	{ "header CRC", d_hcrc, "header CRC mismatch" },
	{ "header size too big", d_hsize, "bad header size" },
	{ "descriptor size", d_dsize, "bad record descriptor size" },
	{ "count above max", d_count, "record count out of range" },
	{ "max too big", d_max, "record count out of range" },
	{ "payload area past the end", d_data_end, "payload area outside the blob" },
	{ "payload area wraps", d_data_wrap, "payload area outside the blob" },
	{ "reserved set", d_reserved, "reserved field not zero" },
	{ "blob shorter than header", d_short, "blob smaller than its header" },
	{ "blob truncated by KHO size", d_truncated, "payload area outside the blob" },
	{ "record CRC", d_rcrc, "record CRC mismatch", 1 },
	{ "used size above capacity", d_used, "used size larger than capacity", 1 },
	{ "capacity past the end", d_cap, "payload outside the payload area", 1 },
	{ "offset wraps", d_off_wrap, "payload outside the payload area", 1 },
	{ "offset inside descriptors", d_off_low, "payload outside the payload area", 1 },
	{ "payload CRC", d_pcrc, "payload CRC mismatch", 1 },
	{ "compressed flag", d_compressed, "bad record field", 0 },
	{ "nanoseconds", d_nsec, "bad record field", 0 },
};

static void test_valid(void)
{
	struct pstore_record_ser rec;
	struct pkho_blob blob;
	const char *why;
	u8 *b = make_blob(BLOB_SIZE);
	int good;

	why = parse_all(b, BLOB_SIZE, &good);
	expect(!why && good == 2, "valid blob", why);
	pkho_parse_header(&blob, b, BLOB_SIZE, &why);
	pkho_parse_record(&blob, 1, &rec, &why);
	expect(rec.size == 24 && !memcmp(b + rec.offset, "Shutdown#2", 10) &&
	       rec.id == 2 && blob.hdr.boot_seq == 7, "valid blob fields", NULL);
	free(b);
}

static void test_damage(void)
{
	size_t i;

	for (i = 0; i < sizeof(damages) / sizeof(damages[0]); i++) {
		const struct damage *d = &damages[i];
		size_t size = BLOB_SIZE;
		u8 *b = make_blob(BLOB_SIZE), *exact;
		const char *why;
		char msg[160];
		int good;

		d->apply(b, &size);
		/* An allocation of exactly the reported size: ASan sees overreads. */
		exact = malloc(size);
		memcpy(exact, b, size);
		why = parse_all(exact, size, &good);
		snprintf(msg, sizeof(msg), "got \"%s\", %d good", why ? why : "accepted", good);
		expect(why && !strcmp(why, d->why) && good == d->good, d->name, msg);
		free(exact);
		free(b);
	}
}

/* The writer drops the oldest records when space or slots run out. */
static void test_eviction(void)
{
	struct pstore_record_ser r = { .part = 1 }, rec;
	char payload[700];
	struct pkho_blob blob;
	const char *why;
	size_t size = 2048;
	u8 *b = malloc(size);
	int good, i;

	pkho_format(&blob, b, size, 4, 1);
	for (i = 0; i < 6; i++) {
		memset(payload, 'a' + i, sizeof(payload));
		r.id = 100 + i;
		expect(!pkho_append(&blob, &r, payload, sizeof(payload)),
		       "append fits after eviction", NULL);
	}
	why = parse_all(b, size, &good);
	expect(!why, "evicted blob valid", why);
	pkho_parse_header(&blob, b, size, &why);
	pkho_parse_record(&blob, blob.hdr.record_count - 1, &rec, &why);
	expect(rec.id == 105 && b[rec.offset] == 'f', "newest kept", NULL);
	pkho_parse_record(&blob, 0, &rec, &why);
	expect(rec.id == 106 - blob.hdr.record_count && b[rec.offset] == 'a' + rec.id - 100,
	       "oldest dropped first", NULL);
	expect(pkho_append(&blob, &r, b, size) == -EFBIG, "too big refused", NULL);

	pkho_format(&blob, b, size, 2, 1);
	for (i = 0; i < 3; i++) {
		r.id = i;
		pkho_append(&blob, &r, "x", 1);
	}
	pkho_parse_header(&blob, b, size, &why);
	pkho_parse_record(&blob, 0, &rec, &why);
	expect(blob.hdr.record_count == 2 && rec.id == 1, "slot limit drops oldest", NULL);
	free(b);
}

/* Rings keep the newest bytes of a stream, in order, and seal as a record. */
static void test_ring(void)
{
	struct pstore_record_ser meta = { .type = 2, .id = 7 }, rec;
	char stream[5000], want[1024];
	struct pkho_blob blob;
	const char *why;
	size_t size = 4096;
	u8 *b = malloc(size);
	u64 cap, pos = 0;
	int i, step;

	for (i = 0; i < (int)sizeof(stream); i++)
		stream[i] = 'a' + (i * 7 + i / 26) % 26;
	for (step = 1; step <= 3000; step = step * 3 + 1) {
		size_t total;

		pkho_ring_format(&blob, b, size, 1);
		cap = pkho_max_payload(&blob);
		pkho_parse_header(&blob, b, size, &why);
		expect(blob.hdr.record_count == 0, "unsealed ring holds no record", NULL);
		pkho_ring_format(&blob, b, size, 1);
		for (total = 0, pos = 0; total + step <= sizeof(stream); total += step) {
			pkho_ring_write(&blob, pos, stream + total, step);
			pos += step;
		}
		pkho_ring_seal(&blob, pos, &meta);
		if (!pkho_parse_header(&blob, b, size, &why) &&
		    !pkho_parse_record(&blob, 0, &rec, &why)) {
			u64 n = pos < cap ? pos : cap;

			memcpy(want, stream + pos - n, n < sizeof(want) ? n : sizeof(want));
			expect(rec.size == n && rec.type == 2 &&
			       !memcmp(b + rec.offset, stream + pos - n, n),
			       "ring keeps the newest bytes in order", NULL);
		} else {
			expect(0, "sealed ring parses", why);
		}
	}
	/* One write longer than the ring keeps its newest part. */
	pkho_ring_format(&blob, b, size, 1);
	cap = pkho_max_payload(&blob);
	pkho_ring_write(&blob, 0, stream, sizeof(stream));
	pkho_ring_seal(&blob, sizeof(stream), &meta);
	pkho_parse_header(&blob, b, size, &why);
	expect(!pkho_parse_record(&blob, 0, &rec, &why) && rec.size == cap &&
	       !memcmp(b + rec.offset, stream + sizeof(stream) - cap, cap),
	       "long write keeps its newest part", why);
	free(b);
}

static int write_corpus(const char *dir)
{
	char path[512];
	u8 *b = make_blob(BLOB_SIZE);
	FILE *f;

	snprintf(path, sizeof(path), "%s/valid-two-records", dir);
	f = fopen(path, "wb");
	if (!f)
		return 1;
	fputc(0, f);	/* fuzzer mode byte: take CRCs as they are */
	fwrite(b, 1, BLOB_SIZE, f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/valid-resealed", dir);
	f = fopen(path, "wb");
	if (!f)
		return 1;
	fputc(1, f);	/* fuzzer mode byte: recompute CRCs */
	fwrite(b, 1, 512, f);
	fclose(f);
	free(b);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--corpus"))
		return write_corpus(argv[2]);
	test_valid();
	test_damage();
	test_eviction();
	test_ring();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
