/*
 * The turn pipeline through the core API alone, as a headless front end
 * would drive it: first contact and naming, the "asked" state, replies
 * that depend on intent, persistence across sessions, incognito, and the
 * person's message being stored before anything else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core-session.h"
#include "core-turn.h"
#include "store-conversation.h"
#include "store-message.h"
#include "util-xmalloc.h"

static char	*test_home;

static int
setup(void **state)
{
	char	tmpl[] = "/tmp/jumbo-test-turn-XXXXXX";

	if (mkdtemp(tmpl) == NULL)
		return (-1);
	test_home = xstrdup(tmpl);
	setenv("JUMBO_HOME", test_home, 1);
	unsetenv("JUMBO_MODEL");
	return (0);
}

static int
teardown(void **state)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", test_home);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", test_home);
	free(cmd);
	free(test_home);
	return (0);
}

/* Point JUMBO_HOME at a fresh directory for one test. */
static void
fresh_home(const char *name)
{
	char	*dir;

	xasprintf(&dir, "%s/%s", test_home, name);
	setenv("JUMBO_HOME", dir, 1);
	free(dir);
}

static struct session *
open_session(int incognito)
{
	struct session_options	 o;
	struct session		*s;
	char			*cause = NULL;

	memset(&o, 0, sizeof o);
	o.incognito = incognito;
	if (session_open(&o, &s, &cause) != 0)
		fail_msg("session_open: %s", cause);
	return (s);
}

/* Run one turn and return the reply (result must be freed). */
static char *
say(struct session *s, const char *text)
{
	struct turn_result	 r;
	char			*cause = NULL, *reply;

	if (turn_run(s, text, NULL, NULL, &r, &cause) != 0)
		fail_msg("turn_run(\"%s\"): %s", text, cause);
	reply = xstrdup(r.reply);
	turn_result_clear(&r);
	return (reply);
}

static void
expect_reply(struct session *s, const char *text, const char *needle)
{
	char	*reply;

	reply = say(s, text);
	if (strstr(reply, needle) == NULL)
		fail_msg("reply to \"%s\" was \"%s\", without \"%s\"", text,
		    reply, needle);
	free(reply);
}

static void
test_first_contact_and_naming(void **state)
{
	struct session	*s;
	char		*greeting, *cause, *name;

	fresh_home("naming");
	s = open_session(0);
	assert_int_equal(session_greet(s, &greeting, &cause), 0);
	assert_non_null(strstr(greeting, session_account_name(s)));
	assert_non_null(strstr(greeting, "what should I call you?"));
	free(greeting);

	/* "Hi" right after the question is not a name: ask again. */
	expect_reply(s, "Hi", "call you");
	assert_null(session_preferred_name(s));
	/* A bare lowercase word right after the question is. */
	expect_reply(s, "harsha", "Nice to meet you, Harsha!");
	name = session_preferred_name(s);
	assert_string_equal(name, "Harsha");
	free(name);
	/* A bare word later is not. */
	expect_reply(s, "Pizza", "Harsha");
	name = session_preferred_name(s);
	assert_string_equal(name, "Harsha");
	free(name);
	/* An explicit change is, at any time. */
	expect_reply(s, "Actually, I prefer Liz", "Liz");
	session_close(s);

	/* It persists: the next session greets by name. */
	s = open_session(0);
	assert_int_equal(session_greet(s, &greeting, &cause), 0);
	assert_non_null(strstr(greeting, "Liz"));
	assert_null(strstr(greeting, "what should I call you"));
	free(greeting);
	session_close(s);
}

static void
test_not_fooled(void **state)
{
	struct session	*s;
	char		*greeting, *cause, *name;

	fresh_home("fooled");
	s = open_session(0);
	assert_int_equal(session_greet(s, &greeting, &cause), 0);
	free(greeting);
	free(say(s, "I'm tired"));
	assert_null(session_preferred_name(s));
	free(say(s, "my dog's name is Rex"));
	free(say(s, "call me when you're free"));
	free(say(s, "Thanks Sam!"));
	assert_null(session_preferred_name(s));
	free(say(s, "I'm Priya"));
	name = session_preferred_name(s);
	assert_string_equal(name, "Priya");
	free(name);
	session_close(s);
}

static void
test_intents(void **state)
{
	struct session	*s;
	char		*cause;

	fresh_home("intents");
	s = open_session(0);
	assert_int_equal(session_set_preferred_name(s, "Priya", &cause), 0);
	expect_reply(s, "What's the capital of France?", "language model");
	expect_reply(s, "thanks", "");
	expect_reply(s, "what's my name?", "Priya");
	session_close(s);
}

static void
test_message_stored_first(void **state)
{
	struct session		*s;
	struct store_message	*msgs;
	size_t			 n;
	char			*cause, *reply;

	fresh_home("first");
	s = open_session(0);
	reply = say(s, "remember the milk");
	free(reply);
	assert_int_equal(store_message_list(session_store(s),
	    session_conversation(s), 0, &msgs, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(msgs[0].role, "user");
	assert_string_equal(msgs[0].text, "remember the milk");
	assert_string_equal(msgs[1].role, "assistant");
	assert_true(msgs[0].seq < msgs[1].seq);
	store_message_free_list(msgs, n);
	session_close(s);
}

static void
test_deterministic(void **state)
{
	struct session	*s;
	char		*a, *b, *cause;

	fresh_home("deterministic");
	s = open_session(0);
	assert_int_equal(session_set_preferred_name(s, "Wei", &cause), 0);
	session_new_conversation(s);
	a = say(s, "I went for a walk");
	session_new_conversation(s);
	b = say(s, "I went for a walk");
	assert_string_equal(a, b);
	free(a);
	free(b);
	session_close(s);
}

static void
test_incognito(void **state)
{
	struct session	*s;
	char		*name;
	char		*cause;
	int64_t		 before;

	fresh_home("incognito");
	s = open_session(0);
	assert_int_equal(session_set_preferred_name(s, "Priya", &cause), 0);
	before = store_message_count(session_store(s));
	session_close(s);

	s = open_session(1);
	/* Memory is not read: the name is unknown here. */
	assert_null(session_preferred_name(s));
	free(say(s, "call me Ghost"));
	session_close(s);

	s = open_session(0);
	assert_int_equal(store_message_count(session_store(s)), before);
	name = session_preferred_name(s);
	assert_string_equal(name, "Priya");
	free(name);
	session_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_contact_and_naming),
		cmocka_unit_test(test_not_fooled),
		cmocka_unit_test(test_intents),
		cmocka_unit_test(test_message_stored_first),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_incognito),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
