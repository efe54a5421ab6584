/*
 * libFuzzer target for the newline-delimited JSON reader. The first byte
 * of the input picks where to cut the rest, the stream, in two; the
 * stream is then read whole, in those two pieces, and (when short) one
 * byte a call, with a normal and a tiny line limit, then ndjson_finish().
 * Every way must hand over the same lines and end the same way, and no
 * line may be blank, hold an LF, or pass the limit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core-ndjson.h"
#include "util-buf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct record {
	struct buf	out;
	size_t		max_line;
};

static int
record_line(const char *line, size_t len, void *arg)
{
	struct record	*rec = arg;
	size_t		 i, blank = 1;

	if (line == NULL || len == 0 || line[len] != '\0' ||
	    len > rec->max_line || memchr(line, '\n', len) != NULL)
		abort();
	for (i = 0; i < len; i++) {
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			blank = 0;
	}
	if (blank)
		abort();
	buf_printf(&rec->out, "%zu:", len);
	buf_add(&rec->out, line, len);
	buf_addc(&rec->out, '\n');
	return (0);
}

/*
 * Read the stream in pieces: cut at split, or a byte a call when bytewise.
 * What was reported goes to result (the caller frees it).
 */
static void
run(struct buf *result, const char *s, size_t n, size_t max_line,
    size_t split, int bytewise)
{
	struct ndjson_reader	 r;
	struct record		 rec;
	char			*cause = NULL;
	size_t			 i;
	int			 rc = 0;

	ndjson_init(&r, max_line);
	buf_init(&rec.out, 0);
	rec.max_line = r.max_line;
	if (bytewise) {
		for (i = 0; rc == 0 && i < n; i++) {
			rc = ndjson_feed(&r, s + i, 1, record_line, &rec,
			    &cause);
		}
	} else {
		rc = ndjson_feed(&r, s, split, record_line, &rec, &cause);
		if (rc == 0) {
			rc = ndjson_feed(&r, s + split, n - split, record_line,
			    &rec, &cause);
		}
	}
	if (rc == 0)
		rc = ndjson_finish(&r, record_line, &rec, &cause);
	if ((rc == -1) != (cause != NULL))
		abort();
	buf_printf(&rec.out, "rc=%d %s", rc, cause != NULL ? cause : "");
	free(cause);
	ndjson_free(&r);
	*result = rec.out;
}

/* Two reads must have reported exactly the same bytes. */
static void
same(const struct buf *a, const struct buf *b)
{
	if (a->len != b->len || memcmp(buf_str(a), buf_str(b), a->len) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t	 limits[] = { 0, 16 };
	const char		*s;
	struct buf		 whole, cut, bytes;
	size_t			 n, split, i;

	if (size == 0)
		return (0);
	s = (const char *)data + 1;
	n = size - 1;
	split = n * data[0] / 255;

	for (i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		run(&whole, s, n, limits[i], n, 0);
		run(&cut, s, n, limits[i], split, 0);
		same(&whole, &cut);
		if (n <= 512) {
			run(&bytes, s, n, limits[i], 0, 1);
			same(&whole, &bytes);
			buf_free(&bytes);
		}
		buf_free(&cut);
		buf_free(&whole);
	}
	return (0);
}
