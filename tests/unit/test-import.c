/*
 * Unit tests for core-import.c: the JSON Lines of import and export.
 * Bad lines must be refused with a cause naming the field, and export,
 * import, export must give the same bytes whatever the text holds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core-import.h"
#include "util-xmalloc.h"

/* Parse a C string that must parse. */
static void
parse_ok(const char *line, struct import_record *rec)
{
	char	*cause = NULL;

	if (import_parse_line(line, strlen(line), rec, &cause) != 0)
		fail_msg("%s: %s", line, cause);
	assert_null(cause);
}

/* Parse a C string that must fail with exactly expected. */
static void
assert_refused(const char *line, const char *expected)
{
	struct import_record	 rec;
	char			*cause = NULL;

	memset(&rec, 0xa5, sizeof rec);
	if (import_parse_line(line, strlen(line), &rec, &cause) != -1)
		fail_msg("accepted: %s", line);
	if (cause == NULL || strcmp(cause, expected) != 0)
		fail_msg("%s: cause \"%s\", expected \"%s\"", line,
		    cause == NULL ? "(null)" : cause, expected);
	/* The record is left empty. */
	assert_null(rec.id);
	assert_null(rec.role);
	assert_null(rec.text);
	assert_int_equal(rec.has_time, 0);
	free(cause);
}

/* Whether two records hold the same fields. */
static int
same_record(const struct import_record *a, const struct import_record *b)
{
#define SAME(f) ((a->f == NULL && b->f == NULL) || \
    (a->f != NULL && b->f != NULL && strcmp(a->f, b->f) == 0))
	return (SAME(id) && SAME(conversation) && SAME(role) &&
	    SAME(speaker) && SAME(text) && SAME(attachment) &&
	    a->has_time == b->has_time &&
	    (!a->has_time || a->time == b->time));
#undef SAME
}

/* format, parse, compare, format again: the same record, the same bytes. */
static void
assert_round_trip(const struct import_record *rec)
{
	struct import_record	 back;
	char			*line, *again, *cause = NULL;

	line = import_format_line(rec);
	assert_non_null(line);
	assert_null(strchr(line, '\n'));
	if (import_parse_line(line, strlen(line), &back, &cause) != 0)
		fail_msg("%s: %s", line, cause);
	if (!same_record(rec, &back))
		fail_msg("record changed through %s", line);
	again = import_format_line(&back);
	assert_string_equal(line, again);
	free(again);
	free(line);
	import_record_clear(&back);
}

static void
test_null_and_empty(void **state)
{
	struct import_record	 rec;
	char			*cause = NULL;

	assert_int_equal(import_parse_line(NULL, 0, &rec, &cause), -1);
	assert_string_equal(cause, "empty line");
	free(cause);
	assert_int_equal(import_parse_line("", 0, &rec, NULL), -1);
	assert_int_equal(import_parse_line("x", 1, NULL, &cause), -1);
	free(cause);
	assert_refused("", "empty line");
	assert_refused("  \t\r", "empty line");
	assert_refused("\xef\xbb\xbf", "empty line");

	assert_null(import_format_line(NULL));
	import_record_clear(NULL);
	memset(&rec, 0, sizeof rec);
	import_record_clear(&rec);

	/* An empty record still formats as a JSON object. */
	{
		char	*line = import_format_line(&rec);

		assert_string_equal(line,
		    "{\"role\":\"\",\"speaker\":null,\"text\":\"\"}");
		free(line);
	}
}

static void
test_parse_minimal(void **state)
{
	struct import_record	 rec;
	char			*line;

	parse_ok("{\"role\":\"user\",\"text\":\"hi\"}", &rec);
	assert_null(rec.id);
	assert_null(rec.conversation);
	assert_string_equal(rec.role, "user");
	assert_null(rec.speaker);
	assert_string_equal(rec.text, "hi");
	assert_null(rec.attachment);
	assert_int_equal(rec.has_time, 0);
	assert_int_equal(rec.time, 0);
	line = import_format_line(&rec);
	assert_string_equal(line,
	    "{\"role\":\"user\",\"speaker\":null,\"text\":\"hi\"}");
	free(line);
	import_record_clear(&rec);
	assert_null(rec.role);
	assert_null(rec.text);
}

static void
test_parse_full(void **state)
{
	struct import_record	 rec;
	char			*line;

	/* The example of DESIGN.md, spaced as people write it. */
	parse_ok("{\"id\": \"ext-id\", \"conversation\": \"ext-conv\", "
	    "\"role\": \"user\", \"speaker\": \"Caroline\", \"text\": "
	    "\"I went to a LGBTQ support group yesterday.\", \"time\": "
	    "\"2023-05-08T13:56:00Z\"}", &rec);
	assert_string_equal(rec.id, "ext-id");
	assert_string_equal(rec.conversation, "ext-conv");
	assert_string_equal(rec.role, "user");
	assert_string_equal(rec.speaker, "Caroline");
	assert_string_equal(rec.text,
	    "I went to a LGBTQ support group yesterday.");
	assert_int_equal(rec.has_time, 1);
	assert_int_equal(rec.time, 1683554160000LL);
	assert_null(rec.attachment);
	line = import_format_line(&rec);
	assert_string_equal(line, "{\"id\":\"ext-id\",\"conversation\":"
	    "\"ext-conv\",\"role\":\"user\",\"speaker\":\"Caroline\",\"text\":"
	    "\"I went to a LGBTQ support group yesterday.\",\"time\":"
	    "\"2023-05-08T13:56:00Z\"}");
	free(line);
	import_record_clear(&rec);

	/*
	 * Fields in any order, unknown ones ignored, nulls for optional
	 * ones, a BOM and a CR from a CRLF file, times with offsets.
	 */
	parse_ok("\xef\xbb\xbf{\"extra\":[1,{\"a\":null}],\"time\":"
	    "\"2023-05-08T15:56:00.5+02:00\",\"text\":\"ok \\u00e9\\ud83d\\ude00"
	    "\\/\",\"attachment\":\"$ ls\\nfile\\n\",\"speaker\":null,"
	    "\"role\":\"assistant\",\"id\":null,\"conversation\":\"c\"} \r",
	    &rec);
	assert_null(rec.id);
	assert_string_equal(rec.conversation, "c");
	assert_string_equal(rec.role, "assistant");
	assert_null(rec.speaker);
	assert_string_equal(rec.text, "ok \xc3\xa9\xf0\x9f\x98\x80/");
	assert_string_equal(rec.attachment, "$ ls\nfile\n");
	assert_int_equal(rec.time, 1683554160500LL);
	line = import_format_line(&rec);
	assert_string_equal(line, "{\"conversation\":\"c\",\"role\":"
	    "\"assistant\",\"speaker\":null,\"text\":\"ok \xc3\xa9\xf0\x9f\x98\x80"
	    "/\",\"time\":\"2023-05-08T13:56:00.500Z\",\"attachment\":"
	    "\"$ ls\\nfile\\n\"}");
	free(line);
	import_record_clear(&rec);

	/* Empty speaker and attachment are none. */
	parse_ok("{\"role\":\"user\",\"text\":\"x\",\"speaker\":\"\","
	    "\"attachment\":\"\",\"time\":\"2023-05-08\"}", &rec);
	assert_null(rec.speaker);
	assert_null(rec.attachment);
	assert_int_equal(rec.time, 1683504000000LL);
	import_record_clear(&rec);

	/* The epoch is a time like any other. */
	parse_ok("{\"role\":\"user\",\"text\":\"x\",\"time\":"
	    "\"1970-01-01T00:00:00Z\"}", &rec);
	assert_int_equal(rec.has_time, 1);
	assert_int_equal(rec.time, 0);
	line = import_format_line(&rec);
	assert_non_null(strstr(line, "\"time\":\"1970-01-01T00:00:00Z\""));
	free(line);
	import_record_clear(&rec);
}

static void
test_refused(void **state)
{
	char	id[256];
	char	line[512];

	assert_refused("not json", "not valid JSON (at byte 1)");
	assert_refused("{\"role\":\"user\",", "not valid JSON (at byte 15)");
	assert_refused("{\"role\":\"user\" \"text\":\"x\"}",
	    "not valid JSON (at byte 16)");
	assert_refused("[1,2]", "not a JSON object");
	assert_refused("\"text\"", "not a JSON object");
	assert_refused("null", "not a JSON object");
	assert_refused("{\"role\":\"user\",\"text\":\"x\"} {}",
	    "text after the JSON object (at byte 28)");
	assert_refused("{\"role\":\"user\",\"text\":\"x\"}x",
	    "text after the JSON object (at byte 27)");

	assert_refused("{\"text\":\"x\"}", "field \"role\" is missing");
	assert_refused("{\"role\":\"bot\",\"text\":\"x\"}",
	    "field \"role\" must be \"user\" or \"assistant\"");
	assert_refused("{\"role\":\"User\",\"text\":\"x\"}",
	    "field \"role\" must be \"user\" or \"assistant\"");
	assert_refused("{\"role\":1,\"text\":\"x\"}",
	    "field \"role\" must be a string, not a number");
	assert_refused("{\"role\":null,\"text\":\"x\"}",
	    "field \"role\" must be a string, not null");
	assert_refused("{\"role\":\"user\"}", "field \"text\" is missing");
	assert_refused("{\"role\":\"user\",\"text\":\"\"}",
	    "field \"text\" is empty");
	assert_refused("{\"role\":\"user\",\"text\":\" \\n\\t \"}",
	    "field \"text\" is empty");
	assert_refused("{\"role\":\"user\",\"text\":[\"a\"]}",
	    "field \"text\" must be a string, not an array");
	assert_refused("{\"role\":\"user\",\"text\":\"x\",\"speaker\":true}",
	    "field \"speaker\" must be a string or null, not a boolean");
	assert_refused("{\"role\":\"user\",\"text\":\"x\",\"attachment\":{}}",
	    "field \"attachment\" must be a string or null, not an object");
	assert_refused("{\"role\":\"user\",\"text\":\"x\",\"id\":7}",
	    "field \"id\" must be a string or null, not a number");
	assert_refused("{\"role\":\"user\",\"text\":\"x\",\"id\":\"\"}",
	    "field \"id\" is empty");
	assert_refused(
	    "{\"role\":\"user\",\"text\":\"x\",\"conversation\":\"\"}",
	    "field \"conversation\" is empty");
	assert_refused("{\"role\":\"user\",\"text\":\"a\",\"text\":\"b\"}",
	    "field \"text\" appears more than once");

	/* Ids up to 200 bytes. */
	memset(id, 'i', 200);
	id[200] = '\0';
	snprintf(line, sizeof line,
	    "{\"role\":\"user\",\"text\":\"x\",\"id\":\"%s\"}", id);
	{
		struct import_record	rec;

		parse_ok(line, &rec);
		assert_int_equal(strlen(rec.id), 200);
		import_record_clear(&rec);
	}
	snprintf(line, sizeof line,
	    "{\"role\":\"user\",\"text\":\"x\",\"conversation\":\"%si\"}", id);
	assert_refused(line,
	    "field \"conversation\" is longer than 200 bytes");

	/* Times. */
	assert_refused("{\"role\":\"user\",\"text\":\"x\",\"time\":"
	    "\"yesterday\"}",
	    "field \"time\" is not an RFC 3339 time (\"yesterday\")");
	assert_refused("{\"role\":\"user\",\"text\":\"x\",\"time\":"
	    "\"2023-02-29T10:00:00Z\"}",
	    "field \"time\" is not an RFC 3339 time (\"2023-02-29T10:00:00Z\")");
	assert_refused("{\"role\":\"user\",\"text\":\"x\",\"time\":"
	    "\"2023-05-08T13:56:00Z plus a long tail that is cut short\"}",
	    "field \"time\" is not an RFC 3339 time (\"2023-05-08T13:56:00Z "
	    "plus a long tail th\"...)");
	assert_refused("{\"role\":\"user\",\"text\":\"x\",\"time\":1683554160}",
	    "field \"time\" must be an RFC 3339 string such as "
	    "\"2023-05-08T13:56:00Z\", not a number");
	{
		struct import_record	rec;

		parse_ok("{\"role\":\"user\",\"text\":\"x\",\"time\":"
		    "\"2024-02-29T10:00:00Z\"}", &rec);
		import_record_clear(&rec);
	}

	/* Text jumbo cannot store. */
	assert_refused("{\"role\":\"user\",\"text\":\"caf\xe9\"}",
	    "field \"text\" is not valid UTF-8");
	assert_refused(
	    "{\"role\":\"user\",\"text\":\"x\",\"speaker\":\"\xc0\xaf\"}",
	    "field \"speaker\" is not valid UTF-8");
	assert_refused("{\"role\":\"user\",\"text\":\"a\\u0000b\"}",
	    "line contains \\u0000, a NUL character, which jumbo cannot store");
	assert_refused("{\"role\":\"user\",\"text\":\"\\ud800\"}",
	    "not valid JSON (at byte 24)");
	{
		struct import_record	 rec;
		char			*cause = NULL;

		assert_int_equal(import_parse_line("{\"role\":\"user\","
		    "\"text\":\"a\0b\"}", 27, &rec, &cause), -1);
		assert_string_equal(cause, "line contains a NUL byte");
		free(cause);
	}
	/* An escaped backslash before u0000 is text, not a NUL. */
	{
		struct import_record	rec;

		parse_ok("{\"role\":\"user\",\"text\":\"C:\\\\u0000\"}", &rec);
		assert_string_equal(rec.text, "C:\\u0000");
		import_record_clear(&rec);
	}
}

static void
test_round_trip(void **state)
{
	static const char *texts[] = {
		"plain",
		"quotes \" and 'single' and \\ backslash \\\\ \\\"",
		"new\nlines\r\nand\ttabs\n",
		"control \x01\x02\x08\x0b\x0c\x1b[31m\x1f\x7f done",
		"emoji \xf0\x9f\x98\x80\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91"
		    "\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 flags \xf0\x9f\x87\xae"
		    "\xf0\x9f\x87\xb3",
		"CJK \xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c"
		    " \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xed\x95\x9c",
		"Devanagari \xe0\xa4\xb9\xe0\xa4\xb0\xe0\xa5\x8d\xe0\xa4\xb7",
		"separators \xe2\x80\xa8 and \xe2\x80\xa9 and BOM \xef\xbb\xbf",
		"</script> & <b> /slashes/ {\"json\":[1,2]}",
		"  leading and trailing space  ",
		"\xf4\x8f\xbf\xbf max code point",
	};
	static const int64_t times[] = {
		0, 1683554160000LL, 1683554160500LL, 1683554160007LL, -500,
		-30610224000000LL, 253402300799999LL,
	};
	struct import_record	rec;
	size_t			i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		memset(&rec, 0, sizeof rec);
		rec.id = (char *)"0190a5e2-7c1d-7d4e-9a2b-3c4d5e6f7a8b";
		rec.conversation = (char *)"conv \"one\"";
		rec.role = (char *)(i % 2 == 0 ? "user" : "assistant");
		rec.speaker = (char *)(i % 3 == 0 ? NULL : texts[i]);
		rec.text = (char *)texts[i];
		rec.attachment = (char *)(i % 2 == 0 ? texts[i] : NULL);
		rec.time = times[i % (sizeof times / sizeof times[0])];
		rec.has_time = i != 3;
		assert_round_trip(&rec);
	}

	/* Optional fields left out altogether. */
	memset(&rec, 0, sizeof rec);
	rec.role = (char *)"user";
	rec.text = (char *)"only the required fields";
	assert_round_trip(&rec);

	/* Non-ASCII is written as it is, control characters escaped. */
	rec.text = (char *)"\xe4\xbd\xa0\x01\"\\\n\t\r\x1f";
	{
		char	*line = import_format_line(&rec);

		assert_string_equal(line, "{\"role\":\"user\",\"speaker\":null,"
		    "\"text\":\"\xe4\xbd\xa0\\u0001\\\"\\\\\\n\\t\\r\\u001f\"}");
		free(line);
	}
}

static void
test_format_invalid_utf8(void **state)
{
	struct import_record	 rec, back;
	char			*line, *cause = NULL;

	/* Bytes that are not UTF-8 become U+FFFD, so the line still parses. */
	memset(&rec, 0, sizeof rec);
	rec.role = (char *)"user";
	rec.text = (char *)"caf\xe9 \xf0\x9f\x98";
	rec.speaker = (char *)"\xff";
	line = import_format_line(&rec);
	assert_string_equal(line, "{\"role\":\"user\",\"speaker\":"
	    "\"\xef\xbf\xbd\",\"text\":\"caf\xef\xbf\xbd \xef\xbf\xbd\xef\xbf"
	    "\xbd\xef\xbf\xbd\"}");
	assert_int_equal(import_parse_line(line, strlen(line), &back, &cause),
	    0);
	import_record_clear(&back);
	free(line);
}

static void
test_export_import_export(void **state)
{
	static const char *export =
	    "{\"id\":\"m1\",\"conversation\":\"c1\",\"role\":\"user\","
	    "\"speaker\":\"Caroline\",\"text\":\"I went to a support group "
	    "yesterday \xf0\x9f\x8c\x88\",\"time\":\"2023-05-08T13:56:00Z\"}\n"
	    "{\"id\":\"m2\",\"conversation\":\"c1\",\"role\":\"assistant\","
	    "\"speaker\":null,\"text\":\"That sounds \\\"big\\\".\\nHow was "
	    "it?\",\"time\":\"2023-05-08T13:56:01.250Z\"}\n"
	    "{\"id\":\"m3\",\"conversation\":\"c2\",\"role\":\"user\","
	    "\"speaker\":\"\xe5\xbc\xa0\xe4\xbc\x9f\",\"text\":\"what does "
	    "this do?\",\"time\":\"2024-02-29T23:59:59Z\",\"attachment\":"
	    "\"$ make\\n\\u001b[1mbuild\\u001b[0m\\tok\\n\"}\n";
	struct import_record	 rec;
	const char		*p, *nl;
	char			*line, *cause = NULL;
	size_t			 n = 0;

	for (p = export; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		if (import_parse_line(p, nl - p, &rec, &cause) != 0)
			fail_msg("line %zu: %s", n + 1, cause);
		line = import_format_line(&rec);
		assert_int_equal(strlen(line), (size_t)(nl - p));
		assert_memory_equal(line, p, nl - p);
		free(line);
		import_record_clear(&rec);
		n++;
	}
	assert_int_equal(n, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_parse_minimal),
		cmocka_unit_test(test_parse_full),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_format_invalid_utf8),
		cmocka_unit_test(test_export_import_export),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
