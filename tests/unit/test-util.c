/*
 * Tests of src/util: size-capped buffers, UTF-8, RFC 3339 times, number
 * parsing, ids and JSON string writing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util-buf.h"
#include "util-id.h"
#include "util-json.h"
#include "util-str.h"
#include "util-time.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

static void
test_buf(void **state)
{
	struct buf	 b;
	char		*s;

	buf_init(&b, 8);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_addstr(&b, ""), 0);
	assert_int_equal(buf_addstr(&b, "abcd"), 0);
	assert_int_equal(buf_printf(&b, "%d", 123), 0);
	assert_string_equal(buf_str(&b), "abcd123");
	/* Past the cap: refused, left as it was. */
	assert_int_equal(buf_addstr(&b, "xy"), -1);
	assert_string_equal(buf_str(&b), "abcd123");
	assert_int_equal(buf_addc(&b, 'z'), 0);
	assert_int_equal(b.len, 8);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	buf_addstr(&b, "end");
	s = buf_detach(&b);
	assert_string_equal(s, "end");
	assert_null(b.data);
	free(s);
	s = buf_detach(&b);
	assert_string_equal(s, "");
	free(s);

	buf_init(&b, 0);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(buf_addc(&b, 'a'), 0);
	assert_int_equal(b.len, 10000);
	buf_free(&b);
}

static void
test_utf8(void **state)
{
	uint32_t	cp;
	char		out[4];

	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("Zoë 张伟 😀", strlen("Zoë 张伟 😀")));
	assert_false(utf8_valid("\xff", 1));
	assert_false(utf8_valid("\xc3", 1));		/* truncated */
	assert_false(utf8_valid("\xc0\xaf", 2));	/* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_false(utf8_valid("a\0b", 3));
	assert_int_equal(utf8_decode("ë", 2, &cp), 2);
	assert_int_equal(cp, 0xeb);
	assert_int_equal(utf8_decode("", 0, &cp), 0);
	assert_int_equal(utf8_encode(0x1f600, out), 4);
	assert_memory_equal(out, "😀", 4);
	assert_int_equal(utf8_toupper('a'), 'A');
	assert_int_equal(utf8_toupper(0xeb), 0xcb);	/* ë -> Ë */
	assert_int_equal(utf8_tolower(0x141), 0x142);	/* Ł -> ł */
	assert_int_equal(utf8_toupper(0x142), 0x141);
	assert_int_equal(utf8_toupper(0x3b1), 0x391);	/* α -> Α */
	assert_int_equal(utf8_toupper(0x436), 0x416);	/* ж -> Ж */
	assert_true(utf8_isupper('Q'));
	assert_true(utf8_islower(0xdf));
	assert_true(utf8_isalpha(0x5f20));		/* 张 */
	assert_false(utf8_isalpha('1'));
	assert_false(utf8_isalpha(0x2014));		/* em dash */
	assert_false(utf8_isalpha(0x1f600));		/* emoji */
}

static void
test_time(void **state)
{
	char	out[TIME_BUFSIZE];
	int64_t	ms;

	assert_int_equal(time_parse("2023-05-08T13:56:00Z", &ms), 0);
	assert_int_equal(ms, 1683554160000LL);
	time_format(ms, out, sizeof out);
	assert_string_equal(out, "2023-05-08T13:56:00Z");
	assert_int_equal(time_parse("2023-05-08T15:56:00+02:00", &ms), 0);
	assert_int_equal(ms, 1683554160000LL);
	assert_int_equal(time_parse("2023-05-08T13:56:00.25Z", &ms), 0);
	time_format(ms, out, sizeof out);
	assert_string_equal(out, "2023-05-08T13:56:00.250Z");
	assert_int_equal(time_parse("1970-01-01", &ms), 0);
	assert_int_equal(ms, 0);
	assert_int_equal(time_parse("2024-02-29T00:00Z", &ms), 0);
	assert_int_equal(time_parse("0999-12-31T00:00:00Z", &ms), 0);
	time_format(ms, out, sizeof out);
	assert_string_equal(out, "0999-12-31T00:00:00Z");
	time_format(-1, out, sizeof out);
	assert_string_equal(out, "1969-12-31T23:59:59.999Z");
	assert_int_equal(time_parse("", &ms), -1);
	assert_int_equal(time_parse("yesterday", &ms), -1);
	assert_int_equal(time_parse("2023-13-01", &ms), -1);
	assert_int_equal(time_parse("2023-05-08T25:00Z", &ms), -1);
	assert_int_equal(time_parse("2023-05-08T13:56:00Zjunk", &ms), -1);
	assert_int_equal(time_parse("2023-05-08T13:56:00.Z", &ms), -1);
}

static void
test_str(void **state)
{
	long long	 v;
	char		 s[] = "  padded \t\n";
	char		*words[] = { "a", "b", "c" };
	char		*j;

	assert_string_equal(str_trim(s), "padded");
	assert_true(str_blank(NULL));
	assert_true(str_blank(" \t\n"));
	assert_false(str_blank(" x "));
	assert_int_equal(str_to_int("42", 1, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(str_to_int("", 1, 100, &v), -1);
	assert_int_equal(str_to_int(" 4", 1, 100, &v), -1);
	assert_int_equal(str_to_int("4x", 1, 100, &v), -1);
	assert_int_equal(str_to_int("101", 1, 100, &v), -1);
	assert_int_equal(str_to_int("99999999999999999999999", 1, 100, &v),
	    -1);
	j = str_join(words, 3, ", ");
	assert_string_equal(j, "a, b, c");
	free(j);
	j = str_join(words, 0, ", ");
	assert_string_equal(j, "");
	free(j);
	assert_true(str_casestartswith("Hello", "he"));
}

static void
test_replace_words(void **state)
{
	char	*s;
	size_t	 n;

	s = str_replace_words("", "Ana", "X", &n);
	assert_string_equal(s, "");
	assert_int_equal(n, 0);
	free(s);
	s = str_replace_words("Ana, ana and ANA; Banana Anagram Ana's", "Ana",
	    "[x]", &n);
	assert_string_equal(s, "[x], [x] and [x]; Banana Anagram [x]'s");
	assert_int_equal(n, 4);
	free(s);
	s = str_replace_words("in New York City.", "New York", "[x]", &n);
	assert_string_equal(s, "in [x] City.");
	free(s);
	s = str_replace_words("Zoë and Zoëy", "Zoë", "[x]", NULL);
	assert_string_equal(s, "[x] and Zoëy");
	free(s);
	s = str_replace_words("aaa", "", "[x]", &n);
	assert_string_equal(s, "aaa");
	free(s);
}

static void
test_id(void **state)
{
	char	a[ID_BUFSIZE], b[ID_BUFSIZE];

	id_new(a);
	id_new(b);
	assert_int_equal(strlen(a), 36);
	assert_int_equal(a[14], '4');		/* version 4 */
	assert_true(strchr("89ab", a[19]) != NULL);
	assert_string_not_equal(a, b);
}

static void
test_json_string(void **state)
{
	struct buf	b;

	buf_init(&b, 0);
	json_write_string(&b, "a\"b\\c\nd\te\x01 ë");
	assert_string_equal(buf_str(&b), "\"a\\\"b\\\\c\\nd\\te\\u0001 ë\"");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_str),
		cmocka_unit_test(test_replace_words),
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_json_string),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
