/*
 * Tests of the built-in summarizer (core-summary.c): the turn summary's
 * parts, topics carried over, and the rolling summary staying bounded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core-summary.h"

static void
test_edges(void **state)
{
	struct turn_analysis	 a;
	char			*s;

	memset(&a, 0, sizeof a);
	assert_null(summary_topics(NULL));
	assert_null(summary_topics(""));
	s = summary_turn("Ana", "", &a, NULL);
	assert_string_equal(s, "Ana is chatting. Wants: to talk.");
	free(s);
	s = summary_turn("Ana", "ok yes, so, and the", &a, NULL);
	assert_null(strstr(s, "Topics"));
	free(s);
	s = summary_fold(NULL, NULL);
	assert_string_equal(s, "Earlier (1 turn).");
	free(s);
}

static void
test_turn(void **state)
{
	struct turn_analysis	 a;
	char			*s, *t;

	memset(&a, 0, sizeof a);
	a.mood.polarity = MOOD_MIXED;
	snprintf(a.mood.label, sizeof a.mood.label, "tired but proud");
	s = summary_turn("Harsha", "Harsha here: I aced my chemistry exam "
	    "yesterday, the exam was brutal", &a, NULL);
	/* "aced" and "brutal" are feelings, not topics. */
	assert_string_equal(s, "Harsha feels tired but proud. Topics: "
	    "chemistry, exam. Wants: to talk.");
	t = summary_topics(s);
	assert_string_equal(t, "chemistry, exam");
	free(t);

	/* A message with no topic of its own carries the last ones. */
	a.mood.polarity = MOOD_NEUTRAL;
	a.intent = ANALYZE_QUESTION;
	t = summary_turn("Harsha", "why?", &a, s);
	assert_string_equal(t, "Harsha is chatting. Topics: chemistry, "
	    "exam. Wants: an answer to a question.");
	free(t);
	free(s);

	/* UTF-8 words are topics too, lowercased. */
	s = summary_turn("Zoë", "Über Café Zoë", &a, NULL);
	assert_non_null(strstr(s, "Topics: über, café."));
	free(s);
}

static void
test_fold_bounded(void **state)
{
	struct turn_analysis	 a;
	char			*rolling = NULL, *next, *turn, text[64];
	int			 i;

	memset(&a, 0, sizeof a);
	a.mood.polarity = MOOD_POSITIVE;
	for (i = 0; i < 500; i++) {
		snprintf(a.mood.label, sizeof a.mood.label, "mood%d", i % 7);
		snprintf(text, sizeof text, "topic%d subject%d", i, i);
		turn = summary_turn("Ana", text, &a, NULL);
		next = summary_fold(rolling, turn);
		free(turn);
		free(rolling);
		rolling = next;
		assert_true(strlen(rolling) < 400);
	}
	assert_non_null(strstr(rolling, "Earlier (500 turns)."));
	/* The newest topics and moods stay. */
	assert_non_null(strstr(rolling, "topic499"));
	assert_null(strstr(rolling, "topic0,"));
	assert_non_null(strstr(rolling, "mood2."));
	free(rolling);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_turn),
		cmocka_unit_test(test_fold_bounded),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
