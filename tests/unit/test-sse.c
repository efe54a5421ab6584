/*
 * Tests for the Server-Sent Events reader (src/core/core-sse.c): NULL and
 * empty input first, then each rule of the event stream format, then the
 * limits, then streams shaped like those of real servers (OpenAI, Azure,
 * OpenRouter, llama.cpp, Anthropic). Every stream is read whole, one byte
 * a call, and cut in two at every position, and each way must report the
 * same events: the network may cut a stream anywhere.
 *
 * The events of a read are written out as text to compare, one a line:
 * "TYPE[ID]=DATA" ("[ID]" only when there is one), "~" in front for an
 * incomplete event, ":TEXT" for a reported comment; then "rc=N", the
 * cause if any, and the retry time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core-sse.h"
#include "util-buf.h"
#include "util-xmalloc.h"

struct opts {
	size_t	max_line;
	int	comments;
	int	finish;
	int	stop_after;	/* stop at this event (1-based); 0: never */
};

static const struct opts plain = { 0, 0, 0, 0 };
static const struct opts finishing = { 0, 0, 1, 0 };
static const struct opts commenting = { 0, 1, 0, 0 };

struct record {
	struct buf	 out;
	int		 count;
	int		 stop_after;
};

static int
record_event(const struct sse_event *ev, void *arg)
{
	struct record	*rec = arg;

	assert_non_null(ev->data);
	assert_non_null(ev->id);
	assert_int_equal(ev->data[ev->data_len], '\0');
	if (ev->comment) {
		assert_null(ev->type);
		buf_addc(&rec->out, ':');
	} else {
		assert_non_null(ev->type);
		if (ev->incomplete)
			buf_addc(&rec->out, '~');
		buf_addstr(&rec->out, ev->type);
		if (*ev->id != '\0')
			buf_printf(&rec->out, "[%s]", ev->id);
		buf_addc(&rec->out, '=');
	}
	buf_add(&rec->out, ev->data, ev->data_len);
	buf_addc(&rec->out, '\n');
	if (++rec->count == rec->stop_after)
		return (7);
	return (0);
}

/*
 * Read a stream and write out what was reported. chunk non-zero: feed
 * chunk bytes a call; else feed two pieces cut at split. Result must be
 * freed.
 */
static char *
sse_run(const char *s, size_t n, const struct opts *o, size_t chunk,
    size_t split)
{
	struct sse_reader	 r;
	struct record		 rec;
	char			*cause = NULL;
	size_t			 off, len;
	int			 rc = 0;

	sse_init(&r, o->max_line);
	sse_report_comments(&r, o->comments);
	buf_init(&rec.out, 0);
	rec.count = 0;
	rec.stop_after = o->stop_after;

	if (chunk == 0) {
		rc = sse_feed(&r, s, split, record_event, &rec, &cause);
		if (rc == 0) {
			rc = sse_feed(&r, s + split, n - split, record_event,
			    &rec, &cause);
		}
	} else {
		for (off = 0; rc == 0 && off < n; off += chunk) {
			len = n - off < chunk ? n - off : chunk;
			rc = sse_feed(&r, s + off, len, record_event, &rec,
			    &cause);
		}
	}
	if (rc == 0 && o->finish)
		rc = sse_finish(&r, record_event, &rec, &cause);

	buf_printf(&rec.out, "rc=%d", rc);
	if (rc == -1) {
		assert_non_null(cause);
		buf_printf(&rec.out, " %s", cause);
	} else
		assert_null(cause);
	free(cause);
	buf_printf(&rec.out, " retry=%ld", r.retry);
	sse_free(&r);
	return (buf_detach(&rec.out));
}

/*
 * Read s whole, a byte at a time and cut at every position; all must give
 * expected.
 */
static void
check_stream(const char *s, size_t n, const struct opts *o,
    const char *expected)
{
	char	*got;
	size_t	 split;

	got = sse_run(s, n, o, 0, n);
	assert_string_equal(got, expected);
	free(got);
	got = sse_run(s, n, o, 1, 0);
	assert_string_equal(got, expected);
	free(got);
	for (split = 0; split <= n; split++) {
		got = sse_run(s, n, o, 0, split);
		if (strcmp(got, expected) != 0)
			fail_msg("cut at %zu: \"%s\" not \"%s\"", split, got,
			    expected);
		free(got);
	}
}

#define CHECK(s, o, expected) check_stream(s, sizeof s - 1, o, expected)
#define OK	"rc=0 retry=-1"

static int
count_event(const struct sse_event *ev, void *arg)
{
	(void)ev;
	(*(int *)arg)++;
	return (0);
}

/* NULL and empty input: errors say so, nothing is reported. */
static void
test_sse_null_empty(void **state)
{
	struct sse_reader	 r;
	char			*cause;
	int			 count = 0;

	(void)state;
	assert_int_equal(sse_feed(NULL, "x", 1, count_event, &count, &cause),
	    -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(sse_finish(NULL, count_event, &count, &cause), -1);
	assert_non_null(cause);
	free(cause);

	sse_init(&r, 0);
	assert_int_equal(sse_feed(&r, NULL, 0, count_event, &count, &cause),
	    0);
	assert_null(cause);
	assert_int_equal(sse_feed(&r, NULL, 5, count_event, &count, &cause),
	    -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(sse_feed(&r, "", 0, count_event, &count, NULL), 0);
	assert_int_equal(sse_finish(&r, count_event, &count, NULL), 0);
	assert_int_equal(count, 0);

	/* No callback and no cause wanted: read and dropped. */
	assert_int_equal(sse_feed(&r, "data: x\n\n", 9, NULL, NULL, NULL), 0);
	assert_int_equal(sse_feed(&r, "data: x", 7, NULL, NULL, NULL), 0);
	assert_int_equal(sse_finish(&r, NULL, NULL, NULL), 0);
	sse_free(&r);
	sse_free(&r);

	CHECK("", &plain, OK);
	CHECK("", &finishing, OK);
	CHECK("\n", &plain, OK);
	CHECK("\n\n\r\n\r\r", &finishing, OK);
}

/* data lines, with and without the space, joined with LF. */
static void
test_sse_data(void **state)
{
	(void)state;
	CHECK("data: hello\n\n", &plain, "message=hello\n" OK);
	CHECK("data:hello\n\n", &plain, "message=hello\n" OK);
	CHECK("data:  two spaces\n\n", &plain, "message= two spaces\n" OK);
	CHECK("data: a\ndata: b\ndata:c\n\n", &plain, "message=a\nb\nc\n" OK);
	CHECK("data: a:b: c\n\n", &plain, "message=a:b: c\n" OK);
	CHECK("data\n\n", &plain, "message=\n" OK);
	CHECK("data:\n\n", &plain, "message=\n" OK);
	CHECK("data:\ndata:\n\n", &plain, "message=\n\n" OK);
	CHECK("data: \n\n", &plain, "message=\n" OK);
	CHECK("data: x\n\ndata: y\n\n", &plain, "message=x\nmessage=y\n" OK);
	CHECK("data: x\n\n\n\n\ndata: y\n\n", &plain,
	    "message=x\nmessage=y\n" OK);
	/* A value keeps its trailing space and tabs. */
	CHECK("data:\tx \n\n", &plain, "message=\tx \n" OK);
	/* Field names are case-sensitive; unknown ones are ignored. */
	CHECK("Data: x\nDATA: y\ndat: z\ndata : w\nfoo: bar\n\n", &plain, OK);
	CHECK("foo: bar\ndata: x\nbar\n\n", &plain, "message=x\n" OK);
}

/* LF, CRLF and a lone CR all end a line, mixed in any way. */
static void
test_sse_line_ends(void **state)
{
	(void)state;
	CHECK("data: a\r\n\r\n", &plain, "message=a\n" OK);
	CHECK("data: a\r\rdata: b\r\r", &plain, "message=a\nmessage=b\n" OK);
	CHECK("data: a\r\ndata: b\rdata: c\n\r\n", &plain,
	    "message=a\nb\nc\n" OK);
	CHECK("data: a\n\rdata: b\r\n\n", &plain, "message=a\nmessage=b\n" OK);
	/* CR CR is two line ends, CR LF one, LF CR two. */
	CHECK("data: a\r\r\ndata: b\n\r", &plain, "message=a\nmessage=b\n" OK);
	CHECK("data: a\r\n\rdata: b\n\n", &plain, "message=a\nmessage=b\n" OK);
	CHECK("event: e\r\ndata: x\r\nid: 1\r\n\r\n", &plain, "e[1]=x\n" OK);
}

/* event: sets the type of one event; no data line, no event. */
static void
test_sse_event_type(void **state)
{
	(void)state;
	CHECK("event: ping\ndata: {}\n\n", &plain, "ping={}\n" OK);
	CHECK("event:ping\ndata: {}\n\ndata: x\n\n", &plain,
	    "ping={}\nmessage=x\n" OK);
	CHECK("event: x\n\ndata: y\n\n", &plain, "message=y\n" OK);
	CHECK("event: a\nevent: b\ndata: y\n\n", &plain, "b=y\n" OK);
	CHECK("event:\ndata: y\n\n", &plain, "message=y\n" OK);
	CHECK("data: y\nevent: late\n\n", &plain, "late=y\n" OK);
	/* A type is cut at a NUL; nothing left means "message". */
	CHECK("event: a\0b\ndata: y\n\n", &plain, "a=y\n" OK);
	CHECK("event: \0b\ndata: y\n\n", &plain, "message=y\n" OK);
	CHECK("event: only\n\n", &plain, OK);
	CHECK("event: only\n\n", &finishing, OK);
	CHECK("id: 3\n\n", &plain, OK);
}

/* Comments are skipped, or reported when asked for. */
static void
test_sse_comments(void **state)
{
	(void)state;
	CHECK(": OPENROUTER PROCESSING\n\ndata: x\n\n", &plain,
	    "message=x\n" OK);
	CHECK("data: a\n: between\ndata: b\n\n", &plain, "message=a\nb\n" OK);
	CHECK(":\n:\n\n", &plain, OK);
	CHECK(": OPENROUTER PROCESSING\n\ndata: x\n\n", &commenting,
	    ":OPENROUTER PROCESSING\nmessage=x\n" OK);
	CHECK(":keepalive\r\n:  two\r\n:\r\n", &commenting,
	    ":keepalive\n: two\n:\n" OK);
}

/* id: is the last event ID, kept across events; retry: digits only. */
static void
test_sse_id_retry(void **state)
{
	(void)state;
	CHECK("id: 7\ndata: a\n\ndata: b\n\n", &plain, "message[7]=a\n"
	    "message[7]=b\n" OK);
	CHECK("id: 7\ndata: a\n\nid\ndata: b\n\n", &plain, "message[7]=a\n"
	    "message=b\n" OK);
	CHECK("id: 7\ndata: a\n\nid: 8\n\ndata: b\n\n", &plain,
	    "message[7]=a\nmessage[8]=b\n" OK);
	/* An id with a NUL in it is ignored. */
	CHECK("id: 1\nid: x\0y\ndata: a\n\n", &plain, "message[1]=a\n" OK);
	CHECK("retry: 3000\ndata: a\n\n", &plain,
	    "message=a\nrc=0 retry=3000");
	CHECK("retry:15\n", &plain, "rc=0 retry=15");
	CHECK("retry: 3000\nretry: 3x\nretry: -1\nretry:\nretry: 1.5\n"
	    "retry:  5\n", &plain, "rc=0 retry=3000");
	CHECK("retry: 99999999999999999999999999\n", &plain, OK);
}

/* A BOM is skipped at the very start only, even cut between chunks. */
static void
test_sse_bom(void **state)
{
	static const struct opts tiny = { 4, 0, 0, 0 };

	(void)state;
	CHECK("\xef\xbb\xbf" "data: a\n\n", &plain, "message=a\n" OK);
	CHECK("\xef\xbb\xbf", &finishing, OK);
	CHECK("\xef\xbb\xbf\n", &plain, OK);
	/* A second BOM is part of the field name, which is then unknown. */
	CHECK("\xef\xbb\xbf\xef\xbb\xbf" "data: a\n\n", &plain, OK);
	CHECK("data: a\n\n\xef\xbb\xbf" "data: b\n\n", &plain,
	    "message=a\n" OK);
	/* Inside data it is data. */
	CHECK("data: \xef\xbb\xbfx\n\n", &plain, "message=\xef\xbb\xbfx\n" OK);
	/* The start of a BOM that is not one stays in the line. */
	CHECK("\xef\xbb" "abc\n", &tiny, "rc=-1 event stream line longer "
	    "than 4 bytes (the limit) retry=-1");
	CHECK("\xef\xbb\xbf" "abcd\n", &tiny, OK);
	CHECK("\xef" "abcd\n", &tiny, "rc=-1 event stream line longer "
	    "than 4 bytes (the limit) retry=-1");
	CHECK("\xef\xbb", &finishing, OK);
	CHECK("\xef\n" "data: x\n\n", &plain, "message=x\n" OK);
}

/* UTF-8 cut between chunks reaches the caller whole, unchanged. */
static void
test_sse_utf8(void **state)
{
	(void)state;
	CHECK("event: d\xc3\xa9lta\ndata: caf\xc3\xa9 \xf0\x9f\x98\x80 "
	    "\xe6\x97\xa5\xe6\x9c\xac\n\n", &plain,
	    "d\xc3\xa9lta=caf\xc3\xa9 \xf0\x9f\x98\x80 "
	    "\xe6\x97\xa5\xe6\x9c\xac\n" OK);
	/* Invalid UTF-8 is passed on too: the JSON parser judges it. */
	CHECK("data: \xff\xfe\xc3\n\n", &plain, "message=\xff\xfe\xc3\n" OK);
}

/* A NUL in data is data; data_len counts it. */
static void
test_sse_nul(void **state)
{
	struct sse_reader	 r;
	struct record		 rec;

	(void)state;
	sse_init(&r, 0);
	buf_init(&rec.out, 0);
	rec.count = rec.stop_after = 0;
	assert_int_equal(sse_feed(&r, "data: a\0b\n\n", 11, record_event,
	    &rec, NULL), 0);
	assert_int_equal(rec.out.len, 12);
	assert_memory_equal(rec.out.data, "message=a\0b\n", 12);
	buf_free(&rec.out);
	sse_free(&r);
}

/* sse_finish() flushes a last event with no blank line, as incomplete. */
static void
test_sse_finish(void **state)
{
	struct sse_reader	 r;
	int			 count = 0;

	(void)state;
	CHECK("data: a", &finishing, "~message=a\n" OK);
	CHECK("data: a\n", &finishing, "~message=a\n" OK);
	CHECK("data: a\r", &finishing, "~message=a\n" OK);
	CHECK("event: e\ndata: a\ndata: b", &finishing, "~e=a\nb\n" OK);
	CHECK("data: a\n\n", &finishing, "message=a\n" OK);
	CHECK("data: a\n\ndata: b", &finishing, "message=a\n~message=b\n" OK);
	CHECK("data: a\n\n: comment", &finishing, "message=a\n" OK);
	/* Without sse_finish() a last event is never reported. */
	CHECK("data: a", &plain, OK);
	CHECK("data: a\n", &plain, OK);

	/* After sse_finish() the reader reads a new stream, BOM and all. */
	sse_init(&r, 0);
	assert_int_equal(sse_feed(&r, "id: 5\ndata: a", 13, count_event,
	    &count, NULL), 0);
	assert_int_equal(sse_finish(&r, count_event, &count, NULL), 0);
	assert_int_equal(count, 1);
	assert_int_equal(sse_feed(&r, "\xef\xbb\xbf" "data: b\n\n", 12,
	    count_event, &count, NULL), 0);
	assert_int_equal(count, 2);
	assert_string_equal(buf_str(&r.id), "5");
	assert_int_equal(sse_finish(&r, count_event, &count, NULL), 0);
	assert_int_equal(count, 2);
	sse_free(&r);
}

/* A callback returning non-zero stops the read with its value. */
static void
test_sse_stop(void **state)
{
	static const struct opts stop1 = { 0, 0, 1, 1 };
	static const struct opts stop2 = { 0, 1, 0, 2 };

	(void)state;
	CHECK("data: a\n\ndata: b\n\n", &stop1, "message=a\nrc=7 retry=-1");
	CHECK(": c\n\ndata: a\n\ndata: b\n\n", &stop2,
	    ":c\nmessage=a\nrc=7 retry=-1");
	CHECK("data: a", &stop1, "~message=a\nrc=7 retry=-1");
}

/* Lines and event data are limited; the cause names the limit. */
static void
test_sse_limits(void **state)
{
	static const struct opts eight = { 8, 0, 1, 0 };
	struct sse_reader	 r;
	char			*cause;

	(void)state;
	CHECK("data:123\n\n", &eight, "message=123\n" OK);
	CHECK("data: 12\n\n", &eight, "message=12\n" OK);
	CHECK("data: 123\n\n", &eight, "rc=-1 event stream line longer "
	    "than 8 bytes (the limit) retry=-1");
	CHECK("data: 123", &eight, "rc=-1 event stream line longer "
	    "than 8 bytes (the limit) retry=-1");
	/* The line end is not counted. */
	CHECK("data:123\r\n\r\n", &eight, "message=123\n" OK);
	CHECK("data:abc\ndata:def\ndata:g\n\n", &eight, "rc=-1 event stream "
	    "event data longer than 8 bytes (the limit) retry=-1");
	CHECK("data:abc\ndata:def\n\ndata: x\n\n", &eight,
	    "message=abc\ndef\nmessage=x\n" OK);
	CHECK("data: ok\n\n:123456789\n", &eight, "message=ok\nrc=-1 event "
	    "stream line longer than 8 bytes (the limit) retry=-1");

	/* After an error the reader refuses more input. */
	sse_init(&r, 8);
	assert_int_equal(sse_feed(&r, "123456789", 9, NULL, NULL, &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(sse_feed(&r, "\n\n", 2, NULL, NULL, &cause), -1);
	assert_string_equal(cause, "event stream reader already failed");
	free(cause);
	assert_int_equal(sse_finish(&r, NULL, NULL, &cause), -1);
	free(cause);
	sse_free(&r);
}

/*
 * Read a big stream whole and in chunks of a few sizes (cutting at every
 * position would take too long).
 */
static void
check_big(const char *s, size_t n, const char *expected_start,
    int expect_rc)
{
	static const size_t	 chunks[] = { 1, 1000, 4096, 65536 };
	struct opts		 o = { 0, 0, 1, 0 };
	char			*whole, *got, want[32];
	size_t			 i;

	whole = sse_run(s, n, &o, 0, n);
	assert_memory_equal(whole, expected_start, strlen(expected_start));
	snprintf(want, sizeof want, "rc=%d", expect_rc);
	assert_non_null(strstr(whole, want));
	for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		got = sse_run(s, n, &o, chunks[i], 0);
		assert_string_equal(got, whole);
		free(got);
	}
	for (i = 0; i < 5; i++) {
		got = sse_run(s, n, &o, 0, n / 4 * i);
		assert_string_equal(got, whole);
		free(got);
	}
	free(whole);
}

/* A 1 MB line is read; a line of 1 MiB is read; 1 MiB + 1 is refused. */
static void
test_sse_big_lines(void **state)
{
	size_t	 n, i;
	char	*s;

	(void)state;
	s = xmalloc(SSE_MAX_LINE + 64);

	/* data: and a million bytes of JSON. */
	n = strlen("data: {\"x\":\"");
	memcpy(s, "data: {\"x\":\"", n);
	for (i = 0; i < 1000000 - 2 - strlen("data: {\"x\":\""); i++)
		s[n++] = 'a' + i % 26;
	memcpy(s + n, "\"}\n\n", 4);
	n += 4;
	assert_int_equal(n, 1000000 + 2);
	check_big(s, n, "message={\"x\":\"abc", 0);

	/* Exactly 1 MiB. */
	memcpy(s, "data: ", 6);
	for (i = 6; i < SSE_MAX_LINE; i++)
		s[i] = 'x';
	memcpy(s + SSE_MAX_LINE, "\r\n\r\n", 4);
	check_big(s, SSE_MAX_LINE + 4, "message=xxx", 0);

	/* One byte more. */
	s[SSE_MAX_LINE] = 'x';
	memcpy(s + SSE_MAX_LINE + 1, "\r\n\r\n", 4);
	check_big(s, SSE_MAX_LINE + 5, "rc=-1 event stream line longer than "
	    "1048576 bytes (the limit)", -1);

	/* Without a line end at all, the error comes as soon as it is sure. */
	check_big(s, SSE_MAX_LINE + 1, "rc=-1 event stream line longer than "
	    "1048576 bytes", -1);
	free(s);
}

/* OpenAI: chunks of JSON, each one data line, then "data: [DONE]". */
#define OPENAI_1 "{\"id\":\"chatcmpl-9x\"," \
	"\"object\":\"chat.completion.chunk\"," \
	"\"created\":1718000000,\"model\":\"gpt-4o-mini-2024-07-18\"," \
	"\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":" \
	"{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}," \
	"\"logprobs\":null,\"finish_reason\":null}]}"
#define OPENAI_2 "{\"id\":\"chatcmpl-9x\"," \
	"\"object\":\"chat.completion.chunk\"," \
	"\"created\":1718000000,\"model\":\"gpt-4o-mini-2024-07-18\"," \
	"\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}," \
	"\"logprobs\":null,\"finish_reason\":null}]}"
#define OPENAI_3 "{\"id\":\"chatcmpl-9x\"," \
	"\"object\":\"chat.completion.chunk\"," \
	"\"created\":1718000000,\"model\":\"gpt-4o-mini-2024-07-18\"," \
	"\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null," \
	"\"finish_reason\":\"stop\"}]}"
#define OPENAI_4 "{\"id\":\"chatcmpl-9x\"," \
	"\"object\":\"chat.completion.chunk\"," \
	"\"choices\":[],\"usage\":{\"prompt_tokens\":9," \
	"\"completion_tokens\":2," \
	"\"total_tokens\":11}}"

static int
stop_at_done(const struct sse_event *ev, void *arg)
{
	(*(int *)arg)++;
	if (strcmp(ev->data, "[DONE]") == 0)
		return (1);
	return (0);
}

static void
test_sse_openai(void **state)
{
	static const char	 stream[] = "data: " OPENAI_1 "\n\ndata: "
	    OPENAI_2 "\n\ndata: " OPENAI_3 "\n\ndata: " OPENAI_4
	    "\n\ndata: [DONE]\n\n";
	struct sse_reader	 r;
	int			 count = 0;

	(void)state;
	CHECK("data: " OPENAI_1 "\n\ndata: " OPENAI_2 "\n\ndata: " OPENAI_3
	    "\n\ndata: " OPENAI_4 "\n\ndata: [DONE]\n\n", &finishing,
	    "message=" OPENAI_1 "\nmessage=" OPENAI_2 "\nmessage=" OPENAI_3
	    "\nmessage=" OPENAI_4 "\nmessage=[DONE]\n" OK);

	/* The caller stops at [DONE]: nothing after it is read. */
	sse_init(&r, 0);
	assert_int_equal(sse_feed(&r, stream, sizeof stream - 1, stop_at_done,
	    &count, NULL), 1);
	assert_int_equal(count, 5);
	sse_free(&r);

	/* Some servers send CRLF and no space. */
	CHECK("data:" OPENAI_2 "\r\n\r\ndata:[DONE]\r\n\r\n", &plain,
	    "message=" OPENAI_2 "\nmessage=[DONE]\n" OK);
}

/* Azure OpenAI: a first chunk with empty choices (content filter). */
#define AZURE_1 "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\"," \
	"\"object\":\"\",\"prompt_filter_results\":[{\"prompt_index\":0," \
	"\"content_filter_results\":{\"hate\":{\"filtered\":false," \
	"\"severity\":\"safe\"},\"self_harm\":{\"filtered\":false," \
	"\"severity\":\"safe\"}}}]}"
#define AZURE_2 "{\"choices\":[{\"content_filter_results\":{},\"delta\":" \
	"{\"content\":\"Hi\",\"role\":\"assistant\"},\"finish_reason\":null," \
	"\"index\":0}],\"created\":1718000001,\"id\":\"chatcmpl-az\"," \
	"\"model\":\"gpt-4o-2024-05-13\",\"object\":\"chat.completion.chunk\"}"

static void
test_sse_azure(void **state)
{
	(void)state;
	CHECK("data: " AZURE_1 "\n\ndata: " AZURE_2 "\n\ndata: [DONE]\n\n",
	    &finishing, "message=" AZURE_1 "\nmessage=" AZURE_2
	    "\nmessage=[DONE]\n" OK);
}

/* OpenRouter: comment lines while the model warms up. */
static void
test_sse_openrouter(void **state)
{
	(void)state;
	CHECK(": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: "
	    OPENAI_2 "\n\n: OPENROUTER PROCESSING\n\ndata: [DONE]\n\n",
	    &plain, "message=" OPENAI_2 "\nmessage=[DONE]\n" OK);
	CHECK(": OPENROUTER PROCESSING\n\ndata: " OPENAI_2 "\n\n",
	    &commenting, ":OPENROUTER PROCESSING\nmessage=" OPENAI_2 "\n" OK);
}

/* llama.cpp server: the last chunk carries "timings". */
#define LLAMA_1 "{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":" \
	"{\"content\":\" there\"}}],\"created\":1718000002,\"id\":" \
	"\"chatcmpl-ll\",\"model\":\"qwen2.5-0.5b\",\"system_fingerprint\":" \
	"\"b3600\",\"object\":\"chat.completion.chunk\"}"
#define LLAMA_2 "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0," \
	"\"delta\":{}}],\"created\":1718000002,\"id\":\"chatcmpl-ll\"," \
	"\"model\":\"qwen2.5-0.5b\",\"object\":\"chat.completion.chunk\"," \
	"\"usage\":{\"completion_tokens\":12,\"prompt_tokens\":20," \
	"\"total_tokens\":32},\"timings\":{\"prompt_n\":20,\"prompt_ms\":" \
	"31.2,\"prompt_per_second\":641.0,\"predicted_n\":12," \
	"\"predicted_ms\":120.5,\"predicted_per_second\":99.6}}"

static void
test_sse_llamacpp(void **state)
{
	(void)state;
	CHECK("data: " LLAMA_1 "\n\ndata: " LLAMA_2 "\n\ndata: [DONE]\n\n",
	    &plain, "message=" LLAMA_1 "\nmessage=" LLAMA_2
	    "\nmessage=[DONE]\n" OK);
}

/* Anthropic: an event: line names each event, data: carries the JSON. */
#define ANT_START "{\"type\":\"message_start\",\"message\":{\"id\":" \
	"\"msg_01\",\"type\":\"message\",\"role\":\"assistant\"," \
	"\"content\":[]," \
	"\"model\":\"claude-3-5-sonnet-20241022\",\"stop_reason\":null," \
	"\"stop_sequence\":null,\"usage\":{\"input_tokens\":25," \
	"\"output_tokens\":1}}}"
#define ANT_BLOCK "{\"type\":\"content_block_start\",\"index\":0," \
	"\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"
#define ANT_PING "{\"type\": \"ping\"}"
#define ANT_DELTA "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":" \
	"{\"type\":\"text_delta\",\"text\":\"Hello!\"}}"
#define ANT_BSTOP "{\"type\":\"content_block_stop\",\"index\":0}"
#define ANT_MDELTA "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":" \
	"\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}"
#define ANT_STOP "{\"type\":\"message_stop\"}"
#define ANT_ERROR "{\"type\":\"error\",\"error\":{\"type\":" \
	"\"overloaded_error\",\"message\":\"Overloaded\"}}"

static void
test_sse_anthropic(void **state)
{
	(void)state;
	CHECK("event: message_start\ndata: " ANT_START "\n\n"
	    "event: content_block_start\ndata: " ANT_BLOCK "\n\n"
	    "event: ping\ndata: " ANT_PING "\n\n"
	    "event: content_block_delta\ndata: " ANT_DELTA "\n\n"
	    "event: content_block_stop\ndata: " ANT_BSTOP "\n\n"
	    "event: message_delta\ndata: " ANT_MDELTA "\n\n"
	    "event: message_stop\ndata: " ANT_STOP "\n\n", &finishing,
	    "message_start=" ANT_START "\ncontent_block_start=" ANT_BLOCK
	    "\nping=" ANT_PING "\ncontent_block_delta=" ANT_DELTA
	    "\ncontent_block_stop=" ANT_BSTOP "\nmessage_delta=" ANT_MDELTA
	    "\nmessage_stop=" ANT_STOP "\n" OK);
	CHECK("event: message_start\ndata: " ANT_START "\n\n"
	    "event: error\ndata: " ANT_ERROR "\n\n", &plain,
	    "message_start=" ANT_START "\nerror=" ANT_ERROR "\n" OK);
}

/* JSON escapes, surrogate pairs included, are not the reader's business. */
static void
test_sse_escapes(void **state)
{
	(void)state;
	CHECK("data: {\"content\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" "
	    "\\\\n \\n \\u0000\"}\n\n", &plain,
	    "message={\"content\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" "
	    "\\\\n \\n \\u0000\"}\n" OK);
	/* A lone surrogate too: reporting it is the JSON parser's job. */
	CHECK("data: \"\\ud800\"\n\n", &plain, "message=\"\\ud800\"\n" OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sse_null_empty),
		cmocka_unit_test(test_sse_data),
		cmocka_unit_test(test_sse_line_ends),
		cmocka_unit_test(test_sse_event_type),
		cmocka_unit_test(test_sse_comments),
		cmocka_unit_test(test_sse_id_retry),
		cmocka_unit_test(test_sse_bom),
		cmocka_unit_test(test_sse_utf8),
		cmocka_unit_test(test_sse_nul),
		cmocka_unit_test(test_sse_finish),
		cmocka_unit_test(test_sse_stop),
		cmocka_unit_test(test_sse_limits),
		cmocka_unit_test(test_sse_big_lines),
		cmocka_unit_test(test_sse_openai),
		cmocka_unit_test(test_sse_azure),
		cmocka_unit_test(test_sse_openrouter),
		cmocka_unit_test(test_sse_llamacpp),
		cmocka_unit_test(test_sse_anthropic),
		cmocka_unit_test(test_sse_escapes),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
