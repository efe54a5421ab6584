/*
 * Tests of the reply prompt (core-prompt.c): what goes into the system
 * prompt, the order facts are chosen in, the budget holding however much
 * there is, the person speaking first, attached material cut at its cap,
 * and the calibration of bytes per token.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core-mood.h"
#include "core-prompt.h"
#include "store-fact.h"
#include "store-message.h"
#include "util-xmalloc.h"

static struct store_fact
fact(const char *id, const char *subject, const char *relation,
    const char *object)
{
	struct store_fact	f;

	memset(&f, 0, sizeof f);
	f.id = (char *)id;
	f.subject = (char *)subject;
	f.relation = (char *)relation;
	f.object = (char *)object;
	return (f);
}

static struct prompt_input
input(const char *text)
{
	struct prompt_input	in;

	memset(&in, 0, sizeof in);
	in.account = "harsha";
	in.text = text;
	return (in);
}

/* Bytes of everything a prompt sends. */
static size_t
prompt_size(const struct prompt *p)
{
	size_t	i, n = strlen(p->system);

	for (i = 0; i < p->nmessages; i++)
		n += strlen(p->messages[i].text);
	return (n);
}

static void
test_empty(void **state)
{
	struct prompt_input	 in = input("hi");
	struct prompt		 p;
	char			*cause = NULL;

	assert_int_equal(prompt_build(&in, &p, &cause), 0);
	assert_non_null(strstr(p.system, "You are jumbo"));
	/* The persona's comment lines stay out. */
	assert_null(strstr(p.system, "# jumbo's persona"));
	assert_non_null(strstr(p.system, "account name is harsha"));
	assert_non_null(strstr(p.system, "no facts about them yet"));
	assert_null(strstr(p.system, "ask what they would like"));
	assert_int_equal(p.nmessages, 1);
	assert_string_equal(p.messages[0].role, "user");
	assert_string_equal(p.messages[0].text, "hi");
	assert_int_equal(p.bytes, prompt_size(&p));
	assert_true(p.estimate > 0);
	prompt_clear(&p);

	in.ask_name = 1;
	assert_int_equal(prompt_build(&in, &p, &cause), 0);
	assert_non_null(strstr(p.system, "ask what they would like"));
	prompt_clear(&p);
}

static void
test_known(void **state)
{
	struct prompt_input	 in = input("How is Ana doing?");
	struct prompt		 p;
	struct store_fact	 facts[5];
	struct mood		 mood;
	char			*cause = NULL;

	memset(&mood, 0, sizeof mood);
	mood.polarity = MOOD_MIXED;
	snprintf(mood.label, sizeof mood.label, "tired but proud");
	facts[0] = fact("f1", "user", "friend", "Charvik");
	facts[1] = fact("f2", "user", "lives_in", "Berlin");
	facts[2] = fact("f3", "sister", "lives_in", "Lisbon");
	facts[3] = fact("f4", "user", "favourite_band", "You Me At Six");
	facts[4] = fact("f5", "user", "lives_in", "Bristol");
	facts[4].valid_to = 1;
	in.name = "Harsha";
	in.mood = &mood;
	in.facts = facts;
	in.nfacts = 5;
	in.rolling = "Earlier (4 turns): exams.";
	in.summary = "Harsha asks after Ana.";
	assert_int_equal(prompt_build(&in, &p, &cause), 0);
	assert_non_null(strstr(p.system, "Call them Harsha."));
	assert_non_null(strstr(p.system, "tired but proud"));
	assert_non_null(strstr(p.system, "- their friend is Charvik\n"));
	assert_non_null(strstr(p.system, "- they live in Berlin\n"));
	assert_non_null(strstr(p.system, "- their sister lives in Lisbon\n"));
	assert_non_null(strstr(p.system, "exams."));
	assert_non_null(strstr(p.system, "Harsha asks after Ana."));
	assert_non_null(strstr(p.system, "- their favourite band is You Me At "
	    "Six\n"));
	assert_non_null(strstr(p.system, "- (no longer so) they live in "
	    "Bristol\n"));
	/* What holds now comes before what no longer does. */
	assert_true(strstr(p.system, "Berlin") < strstr(p.system, "Bristol"));
	assert_int_equal(p.facts_used, 5);
	prompt_clear(&p);
}

/*
 * With far more facts and turns than fit, the prompt stays in budget;
 * the fact asked about and the facts the message mentions are kept.
 */
static void
test_budget(void **state)
{
	struct prompt_input	 in = input("Do you remember where Devansh "
				    "works?");
	struct prompt		 p;
	struct store_fact	*facts, recalled;
	struct store_message	*recent;
	char			*cause = NULL, **owned;
	size_t			 i, nfacts = 2000, nrecent = 400, n = 0;
	double			 bpt = PROMPT_BYTES_PER_TOKEN;

	facts = xcalloc(nfacts, sizeof *facts);
	recent = xcalloc(nrecent, sizeof *recent);
	owned = xcalloc(nfacts + nrecent, sizeof *owned);
	for (i = 0; i < nfacts; i++) {
		xasprintf(&owned[n], "Thing number %zu", i);
		facts[i] = fact("x", "user", "likes", owned[n++]);
	}
	/* The oldest fact, asked about; one mentioned, in the middle. */
	facts[0] = fact("asked", "Devansh", "workplace", "the harbour office");
	facts[1000] = fact("m", "user", "friend", "Devansh");
	recalled = facts[0];
	for (i = 0; i < nrecent; i++) {
		recent[i].role = i % 2 == 0 ? "user" : "assistant";
		xasprintf(&owned[n], "turn %zu: %s", i, i == 1 ? "a very long "
		    "reply that goes on" : "something said in passing");
		recent[i].text = owned[n++];
	}
	in.facts = facts;
	in.nfacts = nfacts;
	in.recalled = &recalled;
	in.nrecalled = 1;
	in.recent = recent;
	in.nrecent = nrecent;
	assert_int_equal(prompt_build(&in, &p, &cause), 0);
	assert_true(prompt_tokens(prompt_size(&p), bpt) <= PROMPT_BUDGET);
	assert_true(p.estimate <= PROMPT_BUDGET);
	assert_non_null(strstr(p.system, "the harbour office"));
	assert_non_null(strstr(p.system, "- their friend is Devansh"));
	assert_non_null(strstr(p.system, "more not listed here"));
	assert_true(p.facts_used < nfacts);
	/* The newest turns are there, the oldest are not, theirs first. */
	assert_true(p.turns_used > 10 && p.turns_used < nrecent);
	assert_string_equal(p.messages[0].role, "user");
	assert_non_null(strstr(p.messages[p.nmessages - 2].text,
	    "turn 399:"));
	assert_string_equal(p.messages[p.nmessages - 1].text, in.text);
	prompt_clear(&p);

	/* A smaller budget holds as well. */
	in.budget = 800;
	assert_int_equal(prompt_build(&in, &p, &cause), 0);
	assert_true(prompt_tokens(prompt_size(&p), bpt) <= 800);
	assert_non_null(strstr(p.system, "the harbour office"));
	prompt_clear(&p);

	for (i = 0; i < n; i++)
		free(owned[i]);
	free(owned);
	free(facts);
	free(recent);
}

/* One long old message is cut, not allowed to push everything out. */
static void
test_long_turn(void **state)
{
	struct prompt_input	 in = input("and now?");
	struct prompt		 p;
	struct store_message	 recent[2];
	char			*cause = NULL, *big;

	big = xmalloc(200000);
	memset(big, 'a', 199999);
	big[199999] = '\0';
	memset(recent, 0, sizeof recent);
	recent[0].role = "user";
	recent[0].text = big;
	recent[1].role = "assistant";
	recent[1].text = "ok";
	in.recent = recent;
	in.nrecent = 2;
	assert_int_equal(prompt_build(&in, &p, &cause), 0);
	assert_int_equal(p.nmessages, 3);
	assert_non_null(strstr(p.messages[0].text, "more bytes of this "
	    "message not shown"));
	assert_true(p.estimate <= PROMPT_BUDGET);
	prompt_clear(&p);
	free(big);
}

/* Attached material goes whole up to its cap, then is cut and said so. */
static void
test_attachment(void **state)
{
	struct prompt_input	 in = input("review this");
	struct prompt		 p;
	char			*cause = NULL, *material;
	size_t			 cap = (size_t)(PROMPT_ATTACHMENT_MAX *
				    PROMPT_BYTES_PER_TOKEN);

	material = xmalloc(cap + 1000);
	memset(material, 'd', cap + 999);
	material[cap + 999] = '\0';
	in.attachment = "diff --git a/x b/x";
	assert_int_equal(prompt_build(&in, &p, &cause), 0);
	assert_string_equal(p.messages[0].text,
	    "review this\n\ndiff --git a/x b/x");
	prompt_clear(&p);

	in.attachment = material;
	assert_int_equal(prompt_build(&in, &p, &cause), 0);
	assert_non_null(strstr(p.messages[0].text, "[... 999 more bytes of "
	    "the material not shown]"));
	prompt_clear(&p);
	free(material);
}

/* The person speaks first: a leading reply (a greeting) is left out. */
static void
test_user_first(void **state)
{
	struct prompt_input	 in = input("fine, thanks");
	struct prompt		 p;
	struct store_message	 recent[3];
	char			*cause = NULL;

	memset(recent, 0, sizeof recent);
	recent[0].role = "assistant";
	recent[0].text = "Hey! How are you?";
	recent[1].role = "user";
	recent[1].text = "hello";
	recent[2].role = "assistant";
	recent[2].text = "Hi there.";
	in.recent = recent;
	in.nrecent = 3;
	assert_int_equal(prompt_build(&in, &p, &cause), 0);
	assert_int_equal(p.nmessages, 3);
	assert_string_equal(p.messages[0].text, "hello");
	assert_string_equal(p.messages[1].role, "assistant");
	prompt_clear(&p);
}

static void
test_calibrate(void **state)
{
	assert_int_equal(prompt_tokens(0, 4.0), 0);
	assert_int_equal(prompt_tokens(8, 4.0), 2);
	assert_int_equal(prompt_tokens(9, 4.0), 3);
	assert_int_equal(prompt_tokens(8, 0), 2);
	/* Unknown counts change nothing; the figure moves part way. */
	assert_true(prompt_calibrate(4.0, 1000, 0) == 4.0);
	assert_true(prompt_calibrate(4.0, 0, 10) == 4.0);
	assert_true(prompt_calibrate(0, 0, 0) == PROMPT_BYTES_PER_TOKEN);
	assert_true(prompt_calibrate(4.0, 3000, 1000) < 4.0);
	assert_true(prompt_calibrate(4.0, 3000, 1000) > 3.0);
	/* Nonsense from a server stays within sane bounds. */
	assert_true(prompt_calibrate(4.0, 100000, 1) <= 6.0);
	assert_true(prompt_calibrate(2.0, 1, 100000) >= 2.0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_long_turn),
		cmocka_unit_test(test_attachment),
		cmocka_unit_test(test_user_first),
		cmocka_unit_test(test_calibrate),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
