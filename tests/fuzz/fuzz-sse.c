/*
 * libFuzzer target for the Server-Sent Events reader. The first byte of
 * the input picks where to cut the rest, the stream, in two; the stream
 * is then read whole, in those two pieces, and (when short) one byte a
 * call, with a normal and a tiny line limit, comments reported and then
 * sse_finish(). Every way must report the same events, byte for byte, and
 * end the same way.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core-sse.h"
#include "util-buf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Write an event out with every field and its lengths. */
static int
record_event(const struct sse_event *ev, void *arg)
{
	struct buf	*out = arg;

	if (ev->data == NULL || ev->id == NULL ||
	    ev->data[ev->data_len] != '\0')
		abort();
	if (ev->comment != (ev->type == NULL))
		abort();
	if (ev->type != NULL && *ev->type == '\0')
		abort();
	buf_printf(out, "%d %d %ld %s|%s|%zu:", ev->comment, ev->incomplete,
	    ev->retry, ev->type != NULL ? ev->type : "", ev->id, ev->data_len);
	buf_add(out, ev->data, ev->data_len);
	buf_addc(out, '\n');
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
	struct sse_reader	 r;
	struct buf		 out;
	char			*cause = NULL;
	size_t			 i;
	int			 rc = 0;

	sse_init(&r, max_line);
	sse_report_comments(&r, 1);
	buf_init(&out, 0);
	if (bytewise) {
		for (i = 0; rc == 0 && i < n; i++)
			rc = sse_feed(&r, s + i, 1, record_event, &out, &cause);
	} else {
		rc = sse_feed(&r, s, split, record_event, &out, &cause);
		if (rc == 0) {
			rc = sse_feed(&r, s + split, n - split, record_event,
			    &out, &cause);
		}
	}
	if (rc == 0)
		rc = sse_finish(&r, record_event, &out, &cause);
	if ((rc == -1) != (cause != NULL))
		abort();
	buf_printf(&out, "rc=%d %s", rc, cause != NULL ? cause : "");
	free(cause);
	sse_free(&r);
	*result = out;
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
