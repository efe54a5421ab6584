/*
 * Tests of the command-line parser (tui-args.c): subcommand detection,
 * messages, options in any position, values, and the usage errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui-args.h"

/* Parse a NULL-terminated list of words after "jumbo". */
static int
parse(struct args *a, char **cause, ...)
{
	char	*argv[32];
	int	 argc = 0;
	va_list	 ap;

	argv[argc++] = "jumbo";
	va_start(ap, cause);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	*cause = NULL;
	return (args_parse(argc, argv, a, cause));
}

static void
expect_usage_error(const char *needle, ...)
{
	struct args	 a;
	char		*argv[32], *cause = NULL;
	int		 argc = 0;
	va_list		 ap;

	argv[argc++] = "jumbo";
	va_start(ap, needle);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	assert_int_equal(args_parse(argc, argv, &a, &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, needle) == NULL)
		fail_msg("cause \"%s\" lacks \"%s\"", cause, needle);
	free(cause);
}

static void
test_empty(void **state)
{
	struct args	 a;
	char		*cause;

	assert_int_equal(parse(&a, &cause, NULL), 0);
	assert_int_equal(a.command, ARGS_CHAT);
	assert_int_equal(a.nwords, 0);
	assert_int_equal(a.json, 0);
	args_free(&a);
}

static void
test_message_words(void **state)
{
	struct args	 a;
	char		*cause;

	assert_int_equal(parse(&a, &cause, "hello", "there", NULL), 0);
	assert_int_equal(a.command, ARGS_CHAT);
	assert_int_equal(a.nwords, 2);
	assert_string_equal(a.words[0], "hello");
	assert_string_equal(a.words[1], "there");
	args_free(&a);

	/* A command name later in a message is just a word. */
	assert_int_equal(parse(&a, &cause, "show", "history", NULL), 0);
	assert_int_equal(a.command, ARGS_CHAT);
	assert_int_equal(a.nwords, 2);
	args_free(&a);
}

static void
test_subcommands(void **state)
{
	struct args	 a;
	char		*cause;

	assert_int_equal(parse(&a, &cause, "history", "show", "abc", NULL),
	    0);
	assert_int_equal(a.command, ARGS_HISTORY);
	assert_int_equal(a.nwords, 2);
	assert_string_equal(a.words[1], "abc");
	args_free(&a);

	assert_int_equal(parse(&a, &cause, "search", "-n", "3", "--json",
	    "birthday", "party", NULL), 0);
	assert_int_equal(a.command, ARGS_SEARCH);
	assert_int_equal(a.limit, 3);
	assert_int_equal(a.json, 1);
	assert_int_equal(a.nwords, 2);
	args_free(&a);

	assert_int_equal(args_find_command("greet"), ARGS_GREET);
	assert_int_equal(args_find_command("chat"), ARGS_NCOMMANDS);
	assert_int_equal(args_find_command("Greet"), ARGS_NCOMMANDS);
}

static void
test_double_dash(void **state)
{
	struct args	 a;
	char		*cause;

	assert_int_equal(parse(&a, &cause, "--", "history", NULL), 0);
	assert_int_equal(a.command, ARGS_CHAT);
	assert_int_equal(a.nwords, 1);
	assert_string_equal(a.words[0], "history");
	args_free(&a);

	assert_int_equal(parse(&a, &cause, "--json", "--", "-5", "degrees",
	    NULL), 0);
	assert_int_equal(a.json, 1);
	assert_int_equal(a.nwords, 2);
	assert_string_equal(a.words[0], "-5");
	args_free(&a);
}

static void
test_options_anywhere(void **state)
{
	struct args	 a;
	char		*cause;

	assert_int_equal(parse(&a, &cause, "hello", "--json", "-c", NULL), 0);
	assert_int_equal(a.json, 1);
	assert_int_equal(a.continue_latest, 1);
	assert_int_equal(a.nwords, 1);
	args_free(&a);

	assert_int_equal(parse(&a, &cause, "-C", "0193", "hi", NULL), 0);
	assert_string_equal(a.conversation, "0193");
	args_free(&a);

	assert_int_equal(parse(&a, &cause, "--model=builtin", "hi", NULL), 0);
	assert_string_equal(a.model, "builtin");
	args_free(&a);

	assert_int_equal(parse(&a, &cause, "-mbuiltin", "hi", NULL), 0);
	assert_string_equal(a.model, "builtin");
	args_free(&a);

	assert_int_equal(parse(&a, &cause, "history", "-yn5", NULL), 0);
	assert_int_equal(a.yes, 1);
	assert_int_equal(a.limit, 5);
	args_free(&a);

	assert_int_equal(parse(&a, &cause, "-", NULL), 0);
	assert_int_equal(a.nwords, 1);
	assert_string_equal(a.words[0], "-");
	args_free(&a);
}

static void
test_help_version(void **state)
{
	struct args	 a;
	char		*cause;

	assert_int_equal(parse(&a, &cause, "--help", NULL), 0);
	assert_int_equal(a.help, 1);
	args_free(&a);
	assert_int_equal(parse(&a, &cause, "search", "-h", NULL), 0);
	assert_int_equal(a.help, 1);
	assert_int_equal(a.command, ARGS_SEARCH);
	args_free(&a);
	assert_int_equal(parse(&a, &cause, "-V", NULL), 0);
	assert_int_equal(a.version, 1);
	args_free(&a);
	assert_non_null(strstr(args_usage(ARGS_CHAT), "usage: jumbo"));
	assert_non_null(strstr(args_usage(ARGS_SEARCH), "jumbo search"));
	assert_non_null(strstr(args_usage(ARGS_NCOMMANDS), "usage: jumbo"));
}

static void
test_usage_errors(void **state)
{
	expect_usage_error("unknown option --frobnicate", "--frobnicate",
	    NULL);
	expect_usage_error("unknown option -z", "-z", "hi", NULL);
	expect_usage_error("-C needs a value", "hi", "-C", NULL);
	expect_usage_error("--json takes no value", "--json=1", NULL);
	expect_usage_error("-n: expected a positive number", "search", "-n",
	    "abc", "x", NULL);
	expect_usage_error("-n: expected a positive number", "search", "-n",
	    "0", "x", NULL);
	expect_usage_error("-n: expected a positive number", "search", "-n",
	    "99999999999999999999", "x", NULL);
	expect_usage_error("-c and -C", "-c", "-C", "x", "hi", NULL);
	expect_usage_error("--new cannot", "--new", "-c", "hi", NULL);
	expect_usage_error("-n only goes with a command", "-n", "2", "hi",
	    NULL);
	expect_usage_error("--days does not go with \"jumbo search\"",
	    "search", "--days", "3", "x", NULL);
	expect_usage_error("the model is empty", "-m", "", "hi", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_message_words),
		cmocka_unit_test(test_subcommands),
		cmocka_unit_test(test_double_dash),
		cmocka_unit_test(test_options_anywhere),
		cmocka_unit_test(test_help_version),
		cmocka_unit_test(test_usage_errors),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
