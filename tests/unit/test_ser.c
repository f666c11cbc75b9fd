// SPDX-License-Identifier: GPL-2.0-only
/*
 * Table tests of src/ser.c: a valid handle round-trips and is a real FDT
 * (checked with libfdt), every damaged handle, record and chunk is refused
 * with the reason the module will print, nothing outside what the format
 * describes is read (run under AddressSanitizer: every buffer is exactly
 * sized), a sealed ring takes no more writes, and what a reader hands on
 * after dropping records parses again.
 *
 *   test_ser                 run the tests, print "N passed, N failed"
 *   test_ser --corpus DIR    write the fuzzer's seed inputs to DIR
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include "ser.h"
#include "ser_crc.h"

#define PAGE 4096

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

static void expect_why(const char *why, const char *want, const char *name)
{
	char msg[160];

	snprintf(msg, sizeof(msg), "got \"%s\", want \"%s\"",
		 why ? why : "accepted", want ? want : "accepted");
	expect(want ? why && !strcmp(why, want) : !why, name, msg);
}

/* A handle with three records over five segments at fake addresses. */
static u8 *make_handle(struct pkho_table *t)
{
	u8 *h = malloc(PSTORE_KHO_HANDLE_SIZE);
	static const u32 types[] = { 0, 2, 7 };
	int i;

	pkho_handle_init(h, t, 7);
	for (i = 0; i < 5; i++) {
		t->seg[i].phys = 0x100000 + i * 4 * PAGE;
		t->seg[i].nr_pages = i + 1;
	}
	t->hdr.segment_count = 5;
	for (i = 0; i < 3; i++) {
		t->rec[i].type = types[i];
		t->rec[i].id = 100 + i;
		t->rec[i].flags = i ? 0 : PSTORE_KHO_RECORD_CHUNKED;
		t->rec[i].data_size = 10;
	}
	t->rec[0].seg_first = 0;	/* dmesg: segments 0, 1, 2 */
	t->rec[0].seg_count = 3;
	t->rec[0].data_start = 100;
	t->rec[0].data_size = 6 * PAGE - 200;
	t->rec[1].seg_first = 3;
	t->rec[1].seg_count = 1;
	t->rec[2].seg_first = 4;
	t->rec[2].seg_count = 1;
	t->hdr.record_count = 3;
	t->history[0] = 0x800000;
	t->history[1] = 0x700000;
	t->hdr.history_count = 2;
	pkho_handle_commit(h, t);
	return h;
}

/* Parse and check every record; the reason of the first refusal. */
static const char *parse_all(const u8 *h, size_t size, u32 *accepted)
{
	static struct pkho_table t;
	const char *why;
	u32 i;

	*accepted = 0;
	if (pkho_handle_parse(h, size, PAGE, &t, &why))
		return why;
	for (i = 0; i < t.hdr.record_count; i++) {
		if (pkho_record_check(&t, i, *accepted, PAGE, &why))
			return why;
		*accepted |= 1U << i;
	}
	return NULL;
}

static void test_valid(void)
{
	struct pkho_table t, p;
	u8 *h = make_handle(&t);
	const char *why;
	const void *prop;
	u32 ok;
	int len;

	expect_why(parse_all(h, PSTORE_KHO_HANDLE_SIZE, &ok), NULL, "valid handle");
	expect(ok == 7, "valid handle: all records", NULL);
	pkho_handle_parse(h, PSTORE_KHO_HANDLE_SIZE, PAGE, &p, &why);
	expect(!memcmp(&p, &t, sizeof(t)), "valid handle: table round-trips", NULL);
	/* A real FDT: debugfs sizes it with fdt_totalsize(), tools decode it. */
	expect(!fdt_check_full(h, PSTORE_KHO_HANDLE_SIZE), "FDT: fdt_check_full", NULL);
	expect(fdt_totalsize(h) == PSTORE_KHO_HANDLE_SIZE, "FDT: totalsize", NULL);
	expect(!fdt_node_check_compatible(h, 0, PSTORE_KHO_COMPATIBLE),
	       "FDT: compatible", NULL);
	prop = fdt_getprop(h, 0, PSTORE_KHO_TABLE_PROP, &len);
	expect(prop && len == PSTORE_KHO_TABLE_SIZE &&
	       (const u8 *)prop == h + PKHO_OFF_TABLE, "FDT: table property", NULL);
	expect_why(parse_all(h, PSTORE_KHO_HANDLE_SIZE - 1, &ok),
		   "handle smaller than its table", "size below a handle");
	free(h);
}

struct damage {
	const char *name;
	void (*apply)(u8 *h, struct pkho_table *t);
	const char *why;
	u32 accepted;		/* records accepted before the refusal */
};

static void reseal(u8 *h, struct pkho_table *t) { pkho_handle_commit(h, t); }
static void d_compat(u8 *h, struct pkho_table *t) { memcpy(h + PKHO_OFF_COMPAT, "not-pstore", 11); }
static void d_version(u8 *h, struct pkho_table *t) { memcpy(h + PKHO_OFF_COMPAT, "pstore-kho-dkms-v99", 20); }
static void d_magic(u8 *h, struct pkho_table *t) { h[0] ^= 1; }
static void d_totalsize(u8 *h, struct pkho_table *t) { h[6] ^= 1; }
static void d_strings(u8 *h, struct pkho_table *t) { h[PSTORE_KHO_HANDLE_SIZE - 2] ^= 1; }
static void d_crc(u8 *h, struct pkho_table *t) { h[PKHO_OFF_TABLE + 32] ^= 1; }
static void d_tsize(u8 *h, struct pkho_table *t) { t->hdr.table_size++; reseal(h, t); }
static void d_rsize(u8 *h, struct pkho_table *t) { t->hdr.record_ser_size = 8; reseal(h, t); }
static void d_segmax(u8 *h, struct pkho_table *t) { t->hdr.segment_max = 1000; reseal(h, t); }
static void d_reserved(u8 *h, struct pkho_table *t) { t->hdr.reserved = 1; reseal(h, t); }
static void d_rcount(u8 *h, struct pkho_table *t) { t->hdr.record_count = 4; reseal(h, t); }
/* No reseal: the count is checked before the CRC, which could not cover it. */
static void d_scount(u8 *h, struct pkho_table *t) { t->hdr.segment_count = t->hdr.segment_max + 1; memcpy(h + PKHO_OFF_TABLE, &t->hdr, sizeof(t->hdr)); }
static void d_unaligned(u8 *h, struct pkho_table *t) { t->seg[2].phys += 8; reseal(h, t); }
static void d_zero_pages(u8 *h, struct pkho_table *t) { t->seg[2].nr_pages = 0; reseal(h, t); }
static void d_huge_pages(u8 *h, struct pkho_table *t) { t->seg[2].nr_pages = PSTORE_KHO_SEGMENT_PAGES_MAX + 1; reseal(h, t); }
static void d_seg_wrap(u8 *h, struct pkho_table *t) { t->seg[2].phys = ~0ULL - PAGE + 1; reseal(h, t); }
static void d_overlap(u8 *h, struct pkho_table *t) { t->seg[3].phys = t->seg[1].phys + PAGE; reseal(h, t); }
/* Reserved fields are zero: a later ABI may give them a meaning. */
static void d_seg_reserved(u8 *h, struct pkho_table *t) { t->seg[2].reserved = 1; reseal(h, t); }
static void d_type(u8 *h, struct pkho_table *t) { t->rec[1].type = 99; reseal(h, t); }
static void d_flags(u8 *h, struct pkho_table *t) { t->rec[1].flags = PSTORE_KHO_RECORD_CHUNKED; reseal(h, t); }
static void d_nsec(u8 *h, struct pkho_table *t) { t->rec[1].time_nsec = 1000000000; reseal(h, t); }
static void d_seg_range(u8 *h, struct pkho_table *t) { t->rec[2].seg_count = 2; reseal(h, t); }
static void d_seg_first_wrap(u8 *h, struct pkho_table *t) { t->rec[2].seg_first = ~0U; reseal(h, t); }
static void d_no_segs(u8 *h, struct pkho_table *t) { t->rec[1].seg_count = 0; reseal(h, t); }
static void d_share(u8 *h, struct pkho_table *t) { t->rec[1].seg_first = 2; reseal(h, t); }
static void d_same_type(u8 *h, struct pkho_table *t) { t->rec[2].type = 2; reseal(h, t); }
static void d_data_end(u8 *h, struct pkho_table *t) { t->rec[0].data_size = 6 * PAGE - 99; reseal(h, t); }
static void d_data_start(u8 *h, struct pkho_table *t) { t->rec[0].data_start = PAGE; t->rec[0].data_size = 1; reseal(h, t); }
static void d_data_wrap(u8 *h, struct pkho_table *t) { t->rec[0].data_start = 1; t->rec[0].data_size = ~0ULL; reseal(h, t); }
static void d_hist_count(u8 *h, struct pkho_table *t) { t->hdr.history_count = PSTORE_KHO_HISTORY_MAX + 1; reseal(h, t); }
static void d_hist_unaligned(u8 *h, struct pkho_table *t) { t->history[1] += 8; reseal(h, t); }
static void d_hist_zero(u8 *h, struct pkho_table *t) { t->history[0] = 0; reseal(h, t); }
static void d_hist_twice(u8 *h, struct pkho_table *t) { t->history[1] = t->history[0]; reseal(h, t); }
static void d_hist_unused(u8 *h, struct pkho_table *t) { t->history[5] = 0x900000; reseal(h, t); }
static void d_hist_in_seg(u8 *h, struct pkho_table *t) { t->history[1] = t->seg[2].phys + PAGE; reseal(h, t); }
static void d_kexec_dropped_ring(u8 *h, struct pkho_table *t) { t->rec[1].kexec_dropped = 3; reseal(h, t); }
/* A ring bigger than a writer ever makes: kvmalloc() of it would warn. */
static void d_ring_big(u8 *h, struct pkho_table *t) { t->seg[4].nr_pages = 1000; t->rec[2].data_size = PSTORE_KHO_CHUNK_PLAIN_MAX + 1; reseal(h, t); }

static const struct damage damages[] = {
	{ "bad compatible", d_compat, "bad compatible string" },
	{ "unknown version", d_version, "unknown ABI version" },
	{ "FDT magic", d_magic, "bad FDT layout" },
	{ "FDT totalsize", d_totalsize, "bad FDT layout" },
	{ "FDT strings", d_strings, "bad FDT layout" },
	{ "table CRC", d_crc, "table CRC mismatch" },
	{ "table size", d_tsize, "bad table header" },
	{ "record size", d_rsize, "bad table header" },
	{ "segment slots", d_segmax, "bad table header" },
	{ "reserved", d_reserved, "bad table header" },
	{ "record count", d_rcount, "count out of range" },
	{ "segment count", d_scount, "count out of range" },
	{ "segment unaligned", d_unaligned, "bad segment" },
	{ "segment of no page", d_zero_pages, "bad segment" },
	{ "segment too long", d_huge_pages, "bad segment" },
	{ "segment wraps", d_seg_wrap, "bad segment" },
	{ "segments overlap", d_overlap, "segments overlap" },
	{ "segment reserved field", d_seg_reserved, "bad segment" },
	{ "record type", d_type, "unsupported record", 1 },
	{ "record flags", d_flags, "unsupported record", 1 },
	{ "record time", d_nsec, "bad record time", 1 },
	{ "record segments past the count", d_seg_range, "record segments out of range", 3 },
	{ "record segments wrap", d_seg_first_wrap, "record segments out of range", 3 },
	{ "record without segments", d_no_segs, "record segments out of range", 1 },
	{ "records share a segment", d_share, "records share a segment", 1 },
	{ "two records of a type", d_same_type, "two records of one type", 3 },
	{ "data past its segments", d_data_end, "record data outside its segments" },
	{ "data starts past its first segment", d_data_start, "record data outside its segments" },
	{ "data wraps", d_data_wrap, "record data outside its segments" },
	{ "ring bigger than 1 MiB", d_ring_big, "record data outside its segments", 3 },
	{ "history count", d_hist_count, "count out of range" },
	{ "history unaligned", d_hist_unaligned, "bad history" },
	{ "history entry zero", d_hist_zero, "bad history" },
	{ "history entry twice", d_hist_twice, "bad history" },
	{ "history past its count", d_hist_unused, "bad history" },
	{ "history inside a segment", d_hist_in_seg, "bad history" },
	{ "kexec count on a ring", d_kexec_dropped_ring, "unsupported record", 1 },
};

static void test_damage(void)
{
	size_t i;

	for (i = 0; i < sizeof(damages) / sizeof(damages[0]); i++) {
		const struct damage *d = &damages[i];
		struct pkho_table t;
		u8 *h = make_handle(&t);
		const char *why;
		char msg[80];
		u32 ok;

		d->apply(h, &t);
		why = parse_all(h, PSTORE_KHO_HANDLE_SIZE, &ok);
		expect_why(why, d->why, d->name);
		snprintf(msg, sizeof(msg), "accepted %#x before, want %#x", ok, d->accepted);
		expect(ok == d->accepted, d->name, msg);
		free(h);
	}
}

/* What a reader hands on after dropping records parses again. */
static void test_keep(void)
{
	struct pkho_table t, out, p;
	u8 *h = make_handle(&t);
	const char *why;
	u32 mask, ok;

	for (mask = 0; mask < 8; mask++) {
		pkho_table_keep(&t, mask, &out);
		pkho_handle_commit(h, &out);
		why = parse_all(h, PSTORE_KHO_HANDLE_SIZE, &ok);
		expect_why(why, NULL, "keep: parses");
		pkho_handle_parse(h, PSTORE_KHO_HANDLE_SIZE, PAGE, &p, &why);
		expect(p.hdr.record_count == (u32)__builtin_popcount(mask) &&
		       ok == (1U << p.hdr.record_count) - 1, "keep: records", NULL);
		expect(p.hdr.segment_count == ((mask & 1) ? 3 : 0) +
		       ((mask & 2) ? 1 : 0) + ((mask & 4) ? 1 : 0), "keep: only their segments", NULL);
		if (mask == 4)
			expect(p.rec[0].id == 102 && p.rec[0].seg_first == 0 &&
			       p.seg[0].phys == t.seg[4].phys, "keep: the pmsg record alone", NULL);
	}
	free(h);
}

/*
 * A handle of the previous ABI (v2): no history, 227 segment slots right
 * after the records. It is read, and handed on in its own layout.
 */
static u8 *make_v2(struct pkho_table *t)
{
	u8 *h = make_handle(t);
	u8 *table = h + PKHO_OFF_TABLE;
	size_t off_seg = sizeof(t->hdr) + sizeof(t->rec);
	u32 crc;

	memcpy(h + PKHO_OFF_COMPAT, PSTORE_KHO_COMPATIBLE_V2,
	       sizeof(PSTORE_KHO_COMPATIBLE_V2));
	t->version = 2;
	t->hdr.segment_max = PKHO_SEGMENT_SLOTS_V2;
	t->hdr.history_count = 0;
	memset(t->history, 0, sizeof(t->history));
	memset(table, 0, PSTORE_KHO_TABLE_SIZE);
	t->hdr.table_crc = 0;
	memcpy(table, &t->hdr, sizeof(t->hdr));
	memcpy(table + sizeof(t->hdr), t->rec, sizeof(t->rec));
	memcpy(table + off_seg, t->seg, t->hdr.segment_count * sizeof(t->seg[0]));
	/* The v2 CRC, computed here from the bytes, not by ser.c. */
	crc = pkho_crc32(table, off_seg + t->hdr.segment_count * sizeof(t->seg[0]));
	memcpy(table + offsetof(struct pstore_kho_table_ser, table_crc), &crc, 4);
	t->hdr.table_crc = crc;
	return h;
}

static void test_v2(void)
{
	struct pkho_table t, p, out;
	u8 *h = make_v2(&t);
	const char *why;
	u32 ok;

	expect_why(parse_all(h, PSTORE_KHO_HANDLE_SIZE, &ok), NULL, "v2: read");
	pkho_handle_parse(h, PSTORE_KHO_HANDLE_SIZE, PAGE, &p, &why);
	expect(p.version == 2 && p.hdr.segment_count == 5 &&
	       p.seg[4].phys == t.seg[4].phys && !p.hdr.history_count,
	       "v2: segments where v2 has them", NULL);
	expect(ok == 7, "v2: all records", NULL);
	/* Handed on after an erase: still v2, and a v2 reader's layout. */
	pkho_table_keep(&p, 4, &out);
	pkho_handle_commit(h, &out);
	pkho_handle_parse(h, PSTORE_KHO_HANDLE_SIZE, PAGE, &p, &why);
	expect(!why && p.version == 2 && p.hdr.record_count == 1 &&
	       p.seg[0].phys == t.seg[4].phys &&
	       !memcmp(h + PKHO_OFF_COMPAT, PSTORE_KHO_COMPATIBLE_V2,
		       sizeof(PSTORE_KHO_COMPATIBLE_V2)), "v2: handed on as v2", NULL);
	/* v2 had reserved fields where v3 counts a kexec's dropped lines. */
	pkho_handle_parse(h, PSTORE_KHO_HANDLE_SIZE, PAGE, &p, &why);
	p.rec[0].kexec_dropped = 1;
	pkho_handle_commit(h, &p);
	expect_why(parse_all(h, PSTORE_KHO_HANDLE_SIZE, &ok), "unsupported record",
		   "v2: reserved field set");
	free(h);
	/* v2 had no history: a count there is a reserved field set. */
	h = make_v2(&t);
	t.hdr.history_count = 1;
	pkho_handle_commit(h, &t);
	expect_why(parse_all(h, PSTORE_KHO_HANDLE_SIZE, &ok), "bad table header",
		   "v2: history count");
	free(h);
}

/* What a reader hands on has no history: its own handle chains them. */
static void test_keep_history(void)
{
	struct pkho_table t, out, p;
	u8 *h = make_handle(&t);
	const char *why;

	pkho_table_keep(&t, 7, &out);
	pkho_handle_commit(h, &out);
	pkho_handle_parse(h, PSTORE_KHO_HANDLE_SIZE, PAGE, &p, &why);
	expect(!why && p.version == 3 && !p.hdr.history_count && !p.history[0],
	       "keep: no history handed on", NULL);
	free(h);
}

/* A stream over three exactly sized segments of 5, 1 and 7 bytes. */
static void test_stream(void)
{
	u8 *va[3] = { malloc(5), malloc(1), malloc(7) };
	u64 len[3] = { 5, 1, 7 };
	struct pkho_stream s = { .va = va, .len = len, .nr = 3, .start = 2, .size = 11 };
	u8 out[11], flat[13];
	int i;

	expect(!pkho_stream_write(&s, 0, "abcdefghijk", 11), "stream: write across", NULL);
	expect(!pkho_stream_read(&s, 0, out, 11) && !memcmp(out, "abcdefghijk", 11),
	       "stream: read across", NULL);
	expect(va[1][0] == 'd' && va[2][6] == 'k', "stream: bytes where they belong", NULL);
	expect(pkho_stream_read(&s, 5, out, 7) == -ERANGE, "stream: read past the end", NULL);
	expect(pkho_stream_read(&s, ~0ULL, out, 2) == -ERANGE, "stream: offset wraps", NULL);
	expect(pkho_stream_write(&s, 11, "x", 1) == -ERANGE, "stream: write past the end", NULL);
	memcpy(flat, va[0], 5);
	memcpy(flat + 5, va[1], 1);
	memcpy(flat + 6, va[2], 7);
	expect(pkho_stream_crc(&s, 1, 9, 0) == pkho_crc32(flat + 3, 9), "stream: CRC across", NULL);
	for (i = 0; i < 3; i++)
		free(va[i]);
}

/* Chunks over two segments; a chunk spans the boundary. */
struct chunks {
	u8 *va[2];
	u64 len[2];
	struct pkho_stream s;
	u64 second;	/* offset of the second chunk */
};

static void make_chunks(struct chunks *c)
{
	struct pstore_kho_chunk_ser h = { .size = 20, .plain_size = 20, .first_seq = 5, .nr_lines = 2 };

	c->len[0] = 40;
	c->len[1] = 64;
	c->va[0] = calloc(1, 40);
	c->va[1] = calloc(1, 64);
	c->s = (struct pkho_stream){ .va = c->va, .len = c->len, .nr = 2, .size = 104 };
	pkho_stream_write(&c->s, 32, "line one\nline two...", 20);
	pkho_chunk_seal(&c->s, 0, &h);
	c->second = 52;
	h = (struct pstore_kho_chunk_ser){ .size = 10, .plain_size = 10, .first_seq = 7, .nr_lines = 1 };
	pkho_stream_write(&c->s, c->second + 32, "line three", 10);
	pkho_chunk_seal(&c->s, c->second, &h);
	c->s.size = c->second + 32 + 10;
}

static void chunk_field(struct chunks *c, size_t off, u32 v, int reseal)
{
	struct pstore_kho_chunk_ser h;
	u8 tmp[128];

	pkho_stream_read(&c->s, c->second, &h, sizeof(h));
	memcpy((u8 *)&h + off, &v, 4);
	pkho_stream_write(&c->s, c->second, &h, sizeof(h));
	if (reseal && h.size <= 64) {
		pkho_stream_read(&c->s, c->second + sizeof(h), tmp, h.size);
		h.crc = 0;
		h.crc = pkho_crc32_cont(pkho_crc32(&h, sizeof(h)), tmp, h.size);
		pkho_stream_write(&c->s, c->second, &h, sizeof(h));
	}
}

static const char *second_chunk(struct chunks *c)
{
	struct pstore_kho_chunk_ser h;
	const char *why;
	u64 pos = 0;

	if (pkho_chunk_next(&c->s, &pos, &h, &why))
		return why;
	if (pos != c->second || h.first_seq != 5)
		return "first chunk misread";
	return pkho_chunk_next(&c->s, &pos, &h, &why) ? why : NULL;
}

#define CF(f) offsetof(struct pstore_kho_chunk_ser, f)

static void test_chunks(void)
{
	struct {
		const char *name;
		size_t off;
		u32 v;
		int reseal;
		const char *why;
	} cases[] = {
		{ "chunk: valid", 0, 0, -1, NULL },
		{ "chunk: magic", CF(magic), 1, 1, "bad chunk header" },
		{ "chunk: flags", CF(flags), 4, 1, "bad chunk header" },
		{ "chunk: kexec and deflate", CF(flags), PSTORE_KHO_CHUNK_KEXEC | PSTORE_KHO_CHUNK_DEFLATE, 1, "bad chunk header" },
		{ "chunk: the kexec's, plain", CF(flags), PSTORE_KHO_CHUNK_KEXEC, 1, NULL },
		{ "chunk: past the end", CF(size), 11, 1, "chunk past the end" },
		{ "chunk: huge", CF(size), ~0U, 0, "chunk past the end" },
		{ "chunk: plain bigger than a chunk", CF(plain_size), PSTORE_KHO_CHUNK_PLAIN_MAX + 1, 1, "bad chunk size" },
		{ "chunk: text smaller than what is stored", CF(plain_size), 9, 1, "bad chunk size" },
		/* Stored as it is (no DEFLATE flag): the text is what is stored. */
		{ "chunk: plain, text bigger than what is stored", CF(plain_size), 11, 1, "bad chunk size" },
		{ "chunk: more lines than bytes", CF(nr_lines), 11, 1, "bad chunk size" },
		{ "chunk: CRC", CF(first_seq), 8, 0, "chunk CRC mismatch" },
	};
	struct pstore_kho_chunk_ser h;
	const char *why;
	struct chunks c;
	u64 pos;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_chunks(&c);
		if (cases[i].reseal >= 0)
			chunk_field(&c, cases[i].off, cases[i].v, cases[i].reseal);
		expect_why(second_chunk(&c), cases[i].why, cases[i].name);
		free(c.va[0]);
		free(c.va[1]);
	}
	make_chunks(&c);
	pos = c.s.size - 3;
	expect(pkho_chunk_next(&c.s, &pos, &h, &why) && !strcmp(why, "chunk header past the end"),
	       "chunk: header cut", NULL);
	pos = ~0ULL;
	expect(pkho_chunk_next(&c.s, &pos, &h, &why) == -EINVAL, "chunk: position wraps", NULL);
	free(c.va[0]);
	free(c.va[1]);
	/*
	 * A damaged first chunk whose extent is plausible is stepped over:
	 * the one after it is still read.
	 */
	make_chunks(&c);
	c.va[1][0] ^= 1;		/* a byte of the first chunk's text */
	pos = 0;
	expect(pkho_chunk_next(&c.s, &pos, &h, &why) == -EBADMSG && pos == c.second,
	       "chunk: damaged, stepped over", NULL);
	expect(!pkho_chunk_next(&c.s, &pos, &h, &why) && h.first_seq == 7,
	       "chunk: the next one after damage", NULL);
	free(c.va[0]);
	free(c.va[1]);
}

static void test_ring(void)
{
	u8 mem[8];
	struct pkho_ring r = { .mem = mem, .cap = 8 };
	u64 used;

	pkho_ring_put(&r, 0, "abcdef", 6);
	pkho_ring_put(&r, 6, "ghij", 4);	/* wraps: ij at the front */
	used = pkho_ring_seal(&r, 10);
	expect(used == 8 && !memcmp(mem, "cdefghij", 8), "ring: sealed oldest first", NULL);
	/*
	 * A write after the seal (arm64's machine_kexec() prints after the
	 * dump) must not land at offset 10 % 8 inside the sealed data.
	 */
	expect(pkho_ring_put(&r, 10, "XY", 2) == -EROFS, "ring: write after seal refused", NULL);
	expect(!memcmp(mem, "cdefghij", 8), "ring: sealed data unchanged", NULL);
	r = (struct pkho_ring){ .mem = mem, .cap = 8 };
	pkho_ring_put(&r, 0, "0123456789AB", 12);	/* longer than the ring */
	used = pkho_ring_seal(&r, 12);
	expect(used == 8 && !memcmp(mem, "456789AB", 8), "ring: long write keeps its newest part", NULL);
	r = (struct pkho_ring){ .mem = mem, .cap = 8 };
	pkho_ring_put(&r, 0, "abc", 3);
	expect(pkho_ring_seal(&r, 3) == 3 && !memcmp(mem, "abc", 3), "ring: short", NULL);
}

static int write_corpus(const char *dir)
{
	struct pkho_table t;
	struct chunks c;
	char path[512];
	u8 mode;
	FILE *f;
	u8 *h;

	/* Mode byte (see fuzz_ser.c), then the bytes. */
	h = make_handle(&t);
	for (mode = 0; mode < 2; mode++) {
		snprintf(path, sizeof(path), "%s/handle-%s", dir, mode ? "resealed" : "raw");
		f = fopen(path, "wb");
		if (!f)
			return 1;
		fputc(mode, f);
		fwrite(h, 1, PSTORE_KHO_HANDLE_SIZE, f);
		fclose(f);
	}
	free(h);
	make_chunks(&c);
	snprintf(path, sizeof(path), "%s/chunks", dir);
	f = fopen(path, "wb");
	if (!f)
		return 1;
	fputc(2, f);
	fputc(40, f);			/* first segment's length */
	fwrite(c.va[0], 1, 40, f);
	fwrite(c.va[1], 1, c.s.size - 40, f);
	fclose(f);
	free(c.va[0]);
	free(c.va[1]);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--corpus"))
		return write_corpus(argv[2]);
	test_valid();
	test_damage();
	test_keep();
	test_keep_history();
	test_v2();
	test_stream();
	test_chunks();
	test_ring();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
