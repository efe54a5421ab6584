/*
 * Tests for the newline-delimited JSON reader (src/core/core-ndjson.c):
 * NULL and empty input first, then line ends, blank lines, the last line
 * without a newline, the limits, and streams shaped like Ollama's
 * /api/chat. Every stream is read whole, one byte a call, and cut in two
 * at every position, and each way must hand over the same lines.
 *
 * The lines of a read are written out one a line, then "rc=N" and the
 * cause if any.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core-ndjson.h"
#include "util-buf.h"
#include "util-xmalloc.h"

struct opts {
	size_t	max_line;
	int	finish;
	int	stop_after;	/* stop at this line (1-based); 0: never */
};

static const struct opts plain = { 0, 0, 0 };
static const struct opts finishing = { 0, 1, 0 };

struct record {
	struct buf	 out;
	int		 count;
	int		 stop_after;
};

static int
record_line(const char *line, size_t len, void *arg)
{
	struct record	*rec = arg;

	assert_non_null(line);
	assert_true(len != 0);
	assert_int_equal(line[len], '\0');
	buf_add(&rec->out, line, len);
	buf_addc(&rec->out, '\n');
	if (++rec->count == rec->stop_after)
		return (7);
	return (0);
}

/*
 * Read a stream and write out what was handed over. chunk non-zero: feed
 * chunk bytes a call; else two pieces cut at split. Result must be freed.
 */
static char *
ndjson_run(const char *s, size_t n, const struct opts *o, size_t chunk,
    size_t split)
{
	struct ndjson_reader	 r;
	struct record		 rec;
	char			*cause = NULL;
	size_t			 off, len;
	int			 rc = 0;

	ndjson_init(&r, o->max_line);
	buf_init(&rec.out, 0);
	rec.count = 0;
	rec.stop_after = o->stop_after;

	if (chunk == 0) {
		rc = ndjson_feed(&r, s, split, record_line, &rec, &cause);
		if (rc == 0) {
			rc = ndjson_feed(&r, s + split, n - split, record_line,
			    &rec, &cause);
		}
	} else {
		for (off = 0; rc == 0 && off < n; off += chunk) {
			len = n - off < chunk ? n - off : chunk;
			rc = ndjson_feed(&r, s + off, len, record_line, &rec,
			    &cause);
		}
	}
	if (rc == 0 && o->finish)
		rc = ndjson_finish(&r, record_line, &rec, &cause);

	buf_printf(&rec.out, "rc=%d", rc);
	if (rc == -1) {
		assert_non_null(cause);
		buf_printf(&rec.out, " %s", cause);
	} else
		assert_null(cause);
	free(cause);
	ndjson_free(&r);
	return (buf_detach(&rec.out));
}

/* Read s whole, a byte at a time and cut at every position. */
static void
check_stream(const char *s, size_t n, const struct opts *o,
    const char *expected)
{
	char	*got;
	size_t	 split;

	got = ndjson_run(s, n, o, 0, n);
	assert_string_equal(got, expected);
	free(got);
	got = ndjson_run(s, n, o, 1, 0);
	assert_string_equal(got, expected);
	free(got);
	for (split = 0; split <= n; split++) {
		got = ndjson_run(s, n, o, 0, split);
		if (strcmp(got, expected) != 0)
			fail_msg("cut at %zu: \"%s\" not \"%s\"", split, got,
			    expected);
		free(got);
	}
}

#define CHECK(s, o, expected) check_stream(s, sizeof s - 1, o, expected)
#define OK	"rc=0"

static int
count_line(const char *line, size_t len, void *arg)
{
	(void)line;
	(void)len;
	(*(int *)arg)++;
	return (0);
}

/* NULL and empty input. */
static void
test_ndjson_null_empty(void **state)
{
	struct ndjson_reader	 r;
	char			*cause;
	int			 count = 0;

	(void)state;
	assert_int_equal(ndjson_feed(NULL, "{}\n", 3, count_line, &count,
	    &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(ndjson_finish(NULL, count_line, &count, &cause), -1);
	assert_non_null(cause);
	free(cause);

	ndjson_init(&r, 0);
	assert_int_equal(ndjson_feed(&r, NULL, 0, count_line, &count, &cause),
	    0);
	assert_null(cause);
	assert_int_equal(ndjson_feed(&r, NULL, 3, count_line, &count, &cause),
	    -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(ndjson_feed(&r, "", 0, count_line, &count, NULL), 0);
	assert_int_equal(ndjson_finish(&r, count_line, &count, NULL), 0);
	assert_int_equal(count, 0);
	assert_int_equal(ndjson_feed(&r, "{}\n{}", 5, NULL, NULL, NULL), 0);
	assert_int_equal(ndjson_finish(&r, NULL, NULL, NULL), 0);
	ndjson_free(&r);
	ndjson_free(&r);

	CHECK("", &plain, OK);
	CHECK("", &finishing, OK);
	CHECK("\n", &finishing, OK);
	CHECK("\n\n\r\n \n\t\r\n \t \r\n", &finishing, OK);
	CHECK("  ", &finishing, OK);
	CHECK("\r", &finishing, OK);
}

/* LF or CRLF ends a line; a lone CR is part of it. */
static void
test_ndjson_lines(void **state)
{
	(void)state;
	CHECK("{\"a\":1}\n", &plain, "{\"a\":1}\n" OK);
	CHECK("{\"a\":1}\n{\"b\":2}\n", &plain, "{\"a\":1}\n{\"b\":2}\n" OK);
	CHECK("{\"a\":1}\r\n{\"b\":2}\r\n", &plain,
	    "{\"a\":1}\n{\"b\":2}\n" OK);
	CHECK("{\"a\":1}\r{\"b\":2}\n", &plain, "{\"a\":1}\r{\"b\":2}\n" OK);
	CHECK("{}\r\r\n", &plain, "{}\r\n" OK);
	CHECK("\n\n{}\n\r\n\n[]\n", &plain, "{}\n[]\n" OK);
	/* Spaces around a value are the parser's; they are kept. */
	CHECK("  {} \n", &plain, "  {} \n" OK);
	CHECK("caf\xc3\xa9 \xf0\x9f\x98\x80\n", &plain,
	    "caf\xc3\xa9 \xf0\x9f\x98\x80\n" OK);
	CHECK("\xff\xfe\n", &plain, "\xff\xfe\n" OK);
}

/* ndjson_finish() hands over a last line with no newline. */
static void
test_ndjson_finish(void **state)
{
	struct ndjson_reader	 r;
	int			 count = 0;

	(void)state;
	CHECK("{\"a\":1}", &finishing, "{\"a\":1}\n" OK);
	CHECK("{\"a\":1}\r", &finishing, "{\"a\":1}\n" OK);
	CHECK("{}\n{\"a\":1}", &finishing, "{}\n{\"a\":1}\n" OK);
	CHECK("{\"a\":1}", &plain, OK);
	CHECK("{}\n", &finishing, "{}\n" OK);

	ndjson_init(&r, 0);
	assert_int_equal(ndjson_feed(&r, "{}", 2, count_line, &count, NULL),
	    0);
	assert_int_equal(ndjson_finish(&r, count_line, &count, NULL), 0);
	assert_int_equal(count, 1);
	assert_int_equal(ndjson_finish(&r, count_line, &count, NULL), 0);
	assert_int_equal(count, 1);
	assert_int_equal(ndjson_feed(&r, "{}\n", 3, count_line, &count, NULL),
	    0);
	assert_int_equal(count, 2);
	ndjson_free(&r);
}

/* A NUL is passed on inside the line; len counts it. */
static void
test_ndjson_nul(void **state)
{
	struct ndjson_reader	 r;
	struct record		 rec;

	(void)state;
	ndjson_init(&r, 0);
	buf_init(&rec.out, 0);
	rec.count = rec.stop_after = 0;
	assert_int_equal(ndjson_feed(&r, "a\0b\n", 4, record_line, &rec,
	    NULL), 0);
	assert_int_equal(rec.out.len, 4);
	assert_memory_equal(rec.out.data, "a\0b\n", 4);
	buf_free(&rec.out);
	ndjson_free(&r);
}

/* A callback returning non-zero stops the read with its value. */
static void
test_ndjson_stop(void **state)
{
	static const struct opts stop1 = { 0, 1, 1 };
	static const struct opts stop2 = { 0, 1, 2 };

	(void)state;
	CHECK("{}\n[]\n", &stop1, "{}\nrc=7");
	CHECK("{}\n\n[]\n1\n", &stop2, "{}\n[]\nrc=7");
	CHECK("{}", &stop1, "{}\nrc=7");
}

/* Lines are limited; the cause names the limit. */
static void
test_ndjson_limits(void **state)
{
	static const struct opts eight = { 8, 1, 0 };
	struct ndjson_reader	 r;
	char			*cause;

	(void)state;
	CHECK("12345678\n", &eight, "12345678\n" OK);
	CHECK("12345678\r\n", &eight, "12345678\n" OK);
	CHECK("12345678\r", &eight, "12345678\n" OK);
	CHECK("12345678", &eight, "12345678\n" OK);
	CHECK("123456789\n", &eight,
	    "rc=-1 JSON stream line longer than 8 bytes (the limit)");
	CHECK("123456789", &eight,
	    "rc=-1 JSON stream line longer than 8 bytes (the limit)");
	CHECK("1234567890", &eight,
	    "rc=-1 JSON stream line longer than 8 bytes (the limit)");
	CHECK("1234567\r\r\n", &eight, "1234567\r\n" OK);
	CHECK("12345678\r\r\n", &eight,
	    "rc=-1 JSON stream line longer than 8 bytes (the limit)");
	CHECK("{}\n123456789\n{}\n", &eight,
	    "{}\nrc=-1 JSON stream line longer than 8 bytes (the limit)");

	ndjson_init(&r, 8);
	assert_int_equal(ndjson_feed(&r, "123456789\n", 10, NULL, NULL,
	    &cause), -1);
	free(cause);
	assert_int_equal(ndjson_feed(&r, "{}\n", 3, NULL, NULL, &cause), -1);
	assert_string_equal(cause, "JSON stream reader already failed");
	free(cause);
	assert_int_equal(ndjson_finish(&r, NULL, NULL, &cause), -1);
	free(cause);
	ndjson_free(&r);
}

/* Read a big stream whole, in chunks and cut at a few places. */
static void
check_big(const char *s, size_t n, const char *expected_start,
    const char *expected_rc)
{
	static const size_t	 chunks[] = { 1, 1000, 4096, 65536 };
	struct opts		 o = { 0, 1, 0 };
	char			*whole, *got;
	size_t			 i;

	whole = ndjson_run(s, n, &o, 0, n);
	assert_memory_equal(whole, expected_start, strlen(expected_start));
	assert_non_null(strstr(whole, expected_rc));
	for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		got = ndjson_run(s, n, &o, chunks[i], 0);
		assert_string_equal(got, whole);
		free(got);
	}
	for (i = 0; i < 5; i++) {
		got = ndjson_run(s, n, &o, 0, n / 4 * i);
		assert_string_equal(got, whole);
		free(got);
	}
	free(whole);
}

/* A 1 MB line is read; a line of 1 MiB is read; 1 MiB + 1 is refused. */
static void
test_ndjson_big_lines(void **state)
{
	static const char	 head[] = "{\"message\":{\"content\":\"";
	size_t			 n, i;
	char			*s;

	(void)state;
	s = xmalloc(NDJSON_MAX_LINE + 64);

	n = strlen(head);
	memcpy(s, head, n);
	for (i = 0; i < 1000000 - 3 - strlen(head); i++)
		s[n++] = 'a' + i % 26;
	memcpy(s + n, "\"}}\n", 4);
	n += 4;
	assert_int_equal(n, 1000000 + 1);
	check_big(s, n, "{\"message\":{\"content\":\"abc", "\"}}\nrc=0");

	for (i = 0; i < NDJSON_MAX_LINE; i++)
		s[i] = ' ';
	s[0] = '1';
	memcpy(s + NDJSON_MAX_LINE, "\r\n", 2);
	check_big(s, NDJSON_MAX_LINE + 2, "1   ", "rc=0");
	check_big(s, NDJSON_MAX_LINE, "1   ", "rc=0");

	s[NDJSON_MAX_LINE] = '2';
	memcpy(s + NDJSON_MAX_LINE + 1, "\r\n", 2);
	check_big(s, NDJSON_MAX_LINE + 3, "rc=-1 JSON stream line longer than "
	    "1048576 bytes (the limit)", "rc=-1");
	check_big(s, NDJSON_MAX_LINE + 1, "rc=-1 JSON stream line longer than "
	    "1048576 bytes (the limit)", "rc=-1");
	free(s);
}

/* Ollama's /api/chat: one object a line, the last with "done":true. */
#define OLLAMA_1 "{\"model\":\"llama3.2\",\"created_at\":" \
	"\"2024-10-01T12:00:00.000000Z\",\"message\":{\"role\":\"assistant\"," \
	"\"content\":\"The\"},\"done\":false}"
#define OLLAMA_2 "{\"model\":\"llama3.2\",\"created_at\":" \
	"\"2024-10-01T12:00:00.050000Z\",\"message\":{\"role\":\"assistant\"," \
	"\"content\":\" caf\\u00e9 \\ud83d\\ude00 \xc3\xa9\\n\\\"ok\\\"\"}," \
	"\"done\":false}"
#define OLLAMA_3 "{\"model\":\"llama3.2\",\"created_at\":" \
	"\"2024-10-01T12:00:01.000000Z\",\"message\":{\"role\":\"assistant\"," \
	"\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true," \
	"\"total_duration\":4883583458,\"load_duration\":1334875," \
	"\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000," \
	"\"eval_count\":282,\"eval_duration\":4535599000}"
#define OLLAMA_ERROR "{\"error\":\"model \\\"llama9\\\" not found, try " \
	"pulling it first\"}"

static void
test_ndjson_ollama(void **state)
{
	(void)state;
	CHECK(OLLAMA_1 "\n" OLLAMA_2 "\n" OLLAMA_3 "\n", &finishing,
	    OLLAMA_1 "\n" OLLAMA_2 "\n" OLLAMA_3 "\n" OK);
	/* Some proxies end lines with CRLF or drop the last newline. */
	CHECK(OLLAMA_1 "\r\n" OLLAMA_3, &finishing,
	    OLLAMA_1 "\n" OLLAMA_3 "\n" OK);
	CHECK(OLLAMA_ERROR "\n", &plain, OLLAMA_ERROR "\n" OK);
	CHECK(OLLAMA_1 "\n" OLLAMA_ERROR, &finishing,
	    OLLAMA_1 "\n" OLLAMA_ERROR "\n" OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ndjson_null_empty),
		cmocka_unit_test(test_ndjson_lines),
		cmocka_unit_test(test_ndjson_finish),
		cmocka_unit_test(test_ndjson_nul),
		cmocka_unit_test(test_ndjson_stop),
		cmocka_unit_test(test_ndjson_limits),
		cmocka_unit_test(test_ndjson_big_lines),
		cmocka_unit_test(test_ndjson_ollama),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
