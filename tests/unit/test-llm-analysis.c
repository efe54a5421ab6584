/*
 * Tests for the checker of a model's analysis (src/core/core-llm-analysis.c):
 * NULL, empty and cut-short answers first; then a full valid answer read
 * field by field, the wrappings models put around JSON (fences, a sentence
 * before or after), the cleaning of strings and the finding of names and
 * objects in the typed text; then a table of answers with one fault each,
 * every one refused with a cause naming its field and *a left zeroed (the
 * ASan build checks that nothing leaks on the way out); the polarity rule;
 * and the instructions given to the model.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core-analyze.h"
#include "core-fact.h"
#include "core-llm-analysis.h"
#include "util-buf.h"

/* The message typed for most tests, and parts of answers to it. */
#define TEXT "I'm Alex. My best friend Charvik and I ran a marathon, " \
	"tired but proud! I don't live in Boston anymore, I live in Pune " \
	"with my sister and our dogs."
#define HEAD "{\"intent\": \"chat\", \"summary\": \"Alex ran a marathon.\", "
#define MOOD "\"mood\": {\"label\": \"tired but proud\", \"valence\": 0.3, " \
	"\"arousal\": -0.2, \"emotions\": [\"tired\", \"proud\"]}"
#define FACT(s, r, o) "{\"subject\": \"" s "\", \"relation\": \"" r \
	"\", \"object\": \"" o "\"}"
#define VALID HEAD "\"name\": \"Alex\", " MOOD ", \"facts\": [" \
	FACT("user", "best_friend", "Charvik") ", " \
	FACT("user", "lives_in", "Pune") "], \"retracted\": [" \
	FACT("user", "lives_in", "Boston") "]}"

/* Whether a is all zero bytes, as a refused parse must leave it. */
static int
is_zeroed(const struct turn_analysis *a)
{
	static const struct turn_analysis	zero;

	return (memcmp(a, &zero, sizeof zero) == 0);
}

/* Parse the NUL-terminated answer s for text; assert it is accepted. */
static void
accept(const char *s, const char *text, struct turn_analysis *a)
{
	char	*cause = NULL;
	int	 rc;

	memset(a, 0x5a, sizeof *a);
	rc = llm_analysis_parse(s, strlen(s), text, a, &cause);
	if (rc != 0)
		print_error("refused: %s\n", cause);
	assert_int_equal(rc, 0);
	assert_null(cause);
}

/*
 * Parse len bytes of s for text; assert it is refused with a one-line
 * cause starting with prefix and *a zeroed.
 */
static void
refuse_len(const char *s, size_t len, const char *text, const char *prefix)
{
	struct turn_analysis	 a;
	char			*cause = NULL;
	int			 rc;

	memset(&a, 0x5a, sizeof a);
	rc = llm_analysis_parse(s, len, text, &a, &cause);
	if (rc == 0)
		analyze_clear(&a);
	assert_int_equal(rc, -1);
	assert_non_null(cause);
	assert_null(strchr(cause, '\n'));
	if (prefix != NULL && strncmp(cause, prefix, strlen(prefix)) != 0)
		fail_msg("cause \"%s\", expected \"%s...\"", cause, prefix);
	assert_true(is_zeroed(&a));
	free(cause);
}

static void
refuse(const char *s, const char *text, const char *prefix)
{
	refuse_len(s, strlen(s), text, prefix);
}

/* Whether list holds (subject, relation, object) exactly. */
static int
has_fact(const struct fact_list *list, const char *subject,
    const char *relation, const char *object)
{
	size_t	i;

	for (i = 0; i < list->count; i++) {
		if (strcmp(list->items[i].subject, subject) == 0 &&
		    strcmp(list->items[i].relation, relation) == 0 &&
		    strcmp(list->items[i].object, object) == 0)
			return (1);
	}
	return (0);
}

static void
test_edges(void **state)
{
	struct turn_analysis	 a;
	char			*cause = NULL;
	const char		*valid = VALID;
	size_t			 i;

	(void)state;
	memset(&a, 0x5a, sizeof a);
	assert_int_equal(llm_analysis_parse(NULL, 0, TEXT, &a, &cause), -1);
	assert_string_equal(cause, "answer: no JSON object in it");
	assert_true(is_zeroed(&a));
	free(cause);

	refuse("", TEXT, "answer: no JSON object in it");
	refuse("   \n", TEXT, "answer: no JSON object in it");
	refuse("I could not analyse that.", TEXT, "answer: no JSON object");
	refuse("[1, 2]", TEXT, "answer: no JSON object");
	refuse("{", TEXT, "answer: the JSON object is not closed");
	refuse("{}", TEXT, "intent: missing");
	refuse("{intent: chat}", TEXT, "answer: not valid JSON");
	refuse("{\"intent\": \"chat\",}", TEXT, "answer: not valid JSON");

	/* Every answer cut short is refused; the whole one is not. */
	for (i = 0; i < strlen(valid); i++)
		refuse_len(valid, i, TEXT, NULL);
	accept(valid, TEXT, &a);
	analyze_clear(&a);

	/* len is obeyed: the bytes past it are not read. */
	refuse_len(VALID "garbage", strlen(VALID) - 1, TEXT, "answer:");

	/* A NULL text finds no name. */
	refuse(VALID, NULL, "name: \"Alex\" is not in the message");
}

static void
test_valid(void **state)
{
	struct turn_analysis	a;

	(void)state;
	accept(VALID, TEXT, &a);
	assert_int_equal(a.intent, ANALYZE_CHAT);
	assert_string_equal(a.summary, "Alex ran a marathon.");
	assert_string_equal(a.name, "Alex");
	assert_string_equal(a.mood.label, "tired but proud");
	assert_true(a.mood.valence == 0.3);
	assert_true(a.mood.arousal == -0.2);
	assert_int_equal(a.mood.nemotions, 2);
	assert_string_equal(a.mood.emotions[0], "tired");
	assert_string_equal(a.mood.emotions[1], "proud");
	assert_int_equal(a.mood.polarity, MOOD_MIXED);
	assert_int_equal(a.facts.count, 2);
	assert_true(has_fact(&a.facts, "user", "best_friend", "Charvik"));
	assert_true(has_fact(&a.facts, "user", "lives_in", "Pune"));
	assert_true(a.facts.items[0].confidence == LLM_ANALYSIS_CONFIDENCE);
	assert_int_equal(a.retracted.count, 1);
	assert_true(has_fact(&a.retracted, "user", "lives_in", "Boston"));
	assert_int_equal(a.question.kind, FACT_QUESTION_NONE);
	assert_int_equal(a.forget.kind, FACT_FORGET_NONE);
	analyze_clear(&a);
	assert_true(is_zeroed(&a));

	/* Only the required fields; unknown keys, deep or not, ignored. */
	accept("{\"intent\": \"greeting\", \"summary\": \"Hi.\", "
	    "\"mood\": {\"label\": \"neutral\", \"valence\": 0, "
	    "\"arousal\": 0, \"note\": [1]}, \"confidence\": 0.9, "
	    "\"extra\": {\"deep\": [1, {\"x\": null}, \"```\"]}}", "hi", &a);
	assert_int_equal(a.intent, ANALYZE_GREETING);
	assert_null(a.name);
	assert_int_equal(a.mood.nemotions, 0);
	assert_int_equal(a.facts.count, 0);
	assert_null(a.facts.items);
	assert_int_equal(a.retracted.count, 0);
	analyze_clear(&a);

	/* No name: null, "", or absent; no facts: null or []. */
	accept(HEAD "\"name\": null, " MOOD ", \"facts\": null, "
	    "\"retracted\": []}", TEXT, &a);
	assert_null(a.name);
	analyze_clear(&a);
	accept(HEAD "\"name\": \"\", " MOOD "}", TEXT, &a);
	assert_null(a.name);
	analyze_clear(&a);
}

static void
test_intents(void **state)
{
	struct turn_analysis	 a;
	struct buf		 b;
	int			 i;

	(void)state;
	for (i = ANALYZE_CHAT; i <= ANALYZE_FORGET; i++) {
		buf_init(&b, 0);
		buf_printf(&b, "{\"intent\": \"%s\", \"summary\": \"s\", "
		    MOOD "}", analyze_intent_name(i));
		accept(buf_str(&b), "forget where I live", &a);
		assert_int_equal(a.intent, i);
		/* Left for the caller to fill from the built-in parser. */
		assert_int_equal(a.question.kind, FACT_QUESTION_NONE);
		assert_int_equal(a.forget.kind, FACT_FORGET_NONE);
		analyze_clear(&a);
		buf_free(&b);
	}
}

static void
test_wrapped(void **state)
{
	struct turn_analysis	a;

	(void)state;
	accept("```json\n" VALID "\n```", TEXT, &a);
	assert_string_equal(a.name, "Alex");
	analyze_clear(&a);
	accept("```\n" VALID "\n```\n", TEXT, &a);
	analyze_clear(&a);
	accept("```JSON " VALID "```", TEXT, &a);
	analyze_clear(&a);
	accept("Here is the analysis:\n\n```json\n" VALID "\n```\n\nHope this "
	    "helps!", TEXT, &a);
	analyze_clear(&a);
	accept("```json\n" VALID, TEXT, &a);	/* closing fence cut off */
	analyze_clear(&a);
	accept("Sure! Here it is: " VALID, TEXT, &a);
	assert_int_equal(a.facts.count, 2);
	analyze_clear(&a);
	accept("  \n" VALID "\nLet me know if you need more.", TEXT, &a);
	analyze_clear(&a);
	/* Braces and brackets inside strings do not end the object. */
	accept("{\"intent\": \"chat\", \"summary\": \"a } and a ] and a "
	    "\\\"{\\\" here\", " MOOD "}", TEXT, &a);
	assert_string_equal(a.summary, "a } and a ] and a \"{\" here");
	analyze_clear(&a);

	refuse("```json\n" VALID "\nThat is all.\n```", TEXT,
	    "answer: the ``` block holds more than the JSON object");
	refuse("```json\n" VALID " {}\n```", TEXT,
	    "answer: the ``` block holds more");
	refuse("```\nno JSON here\n```\n" VALID, TEXT,
	    "answer: the ``` block holds no JSON object");
	refuse("```json\n", TEXT, "answer: the ``` block holds no JSON");
	refuse("Maybe {this} first: " VALID, TEXT, "answer: not valid JSON");
}

static void
test_strings(void **state)
{
	struct turn_analysis	a;

	(void)state;
	/* White space collapses; case folds where the rules say. */
	accept("{\"intent\": \"chat\", \"summary\": \"  line one\\n\\tline "
	    "two\\r\\n \", \"mood\": {\"label\": \"Tired  But PROUD\", "
	    "\"valence\": 0.1, \"arousal\": 0, \"emotions\": [\"Tired\", "
	    "\"tired\", \"PROUD\"]}}", TEXT, &a);
	assert_string_equal(a.summary, "line one line two");
	assert_string_equal(a.mood.label, "tired but proud");
	assert_int_equal(a.mood.nemotions, 2);
	assert_string_equal(a.mood.emotions[0], "tired");
	assert_string_equal(a.mood.emotions[1], "proud");
	analyze_clear(&a);

	/* Names: any case in the text, whole words, normalised. */
	accept(HEAD "\"name\": \"alex\", " MOOD "}", "call me ALEX please", &a);
	assert_string_equal(a.name, "Alex");
	analyze_clear(&a);
	accept(HEAD "\"name\": \"Zoë\", " MOOD "}", "je suis ZOË.", &a);
	assert_string_equal(a.name, "Zoë");
	analyze_clear(&a);
	accept(HEAD "\"name\": \"Mary Ann\", " MOOD "}", "I'm mary\n ann", &a);
	assert_string_equal(a.name, "Mary Ann");
	analyze_clear(&a);
	refuse(HEAD "\"name\": \"Alex\", " MOOD "}", "I'm Alexander",
	    "name: \"Alex\" is not in the message");
	refuse(HEAD "\"name\": \"Alex\", " MOOD "}", "I'm Xalex",
	    "name: \"Alex\" is not in the message");

	/* Facts: relation and "user" in any case, objects as given. */
	accept(HEAD MOOD ", \"facts\": [" FACT("User", "Lives_In", "Paris")
	    ", " FACT("sister", "lives_in", "New York") ", "
	    FACT("Ana", "dog", "Rex") ", "
	    FACT("user", "dog", "dog") ", " FACT("user", "lives_in", "Paris")
	    "]}", "My sister lives in new\tyork, I live in paris, Ana's dog "
	    "is rex and I love dogs", &a);
	assert_int_equal(a.facts.count, 4);
	assert_true(has_fact(&a.facts, "user", "lives_in", "Paris"));
	assert_true(has_fact(&a.facts, "sister", "lives_in", "New York"));
	assert_true(has_fact(&a.facts, "Ana", "dog", "Rex"));
	assert_true(has_fact(&a.facts, "user", "dog", "dog"));
	analyze_clear(&a);
	refuse(HEAD MOOD ", \"facts\": [" FACT("user", "likes", "dog") "]}",
	    "I love hotdogs", "facts[0].object: \"dog\" is not in the message");

	/* A triple both stated and retracted stays stated only. */
	accept(HEAD MOOD ", \"facts\": [" FACT("user", "likes", "cats") "], "
	    "\"retracted\": [" FACT("user", "likes", "cats") ", "
	    FACT("user", "likes", "dogs") "]}", "I like cats, not dogs", &a);
	assert_int_equal(a.facts.count, 1);
	assert_int_equal(a.retracted.count, 1);
	assert_true(has_fact(&a.retracted, "user", "likes", "dogs"));
	analyze_clear(&a);
}

/* An answer with n facts "user likes cats". Result must be freed. */
static char *
answer_with_facts(int n)
{
	struct buf	b;
	int		i;

	buf_init(&b, 0);
	buf_addstr(&b, HEAD MOOD ", \"facts\": [");
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s" FACT("user", "likes", "cats"),
		    i == 0 ? "" : ", ");
	}
	buf_addstr(&b, "]}");
	return (buf_detach(&b));
}

static void
test_limits(void **state)
{
	struct turn_analysis	 a;
	struct buf		 b;
	char			*s, name[70], label[70], emotion[30];
	char			 object[210], text[300];
	int			 i;

	(void)state;
	s = answer_with_facts(LLM_ANALYSIS_MAX_FACTS);
	accept(s, "I like cats", &a);
	assert_int_equal(a.facts.count, 1);	/* duplicates kept once */
	analyze_clear(&a);
	free(s);
	s = answer_with_facts(LLM_ANALYSIS_MAX_FACTS + 1);
	refuse(s, "I like cats", "facts: 33 facts, at most 32");
	free(s);

	/* The summary: 600 bytes pass, 601 do not. */
	buf_init(&b, 0);
	buf_addstr(&b, "{\"intent\": \"chat\", " MOOD ", \"summary\": \"");
	while (b.len < 600 + strlen("{\"intent\": \"chat\", " MOOD
	    ", \"summary\": \""))
		buf_addc(&b, 'x');
	buf_addstr(&b, "\"}");
	accept(buf_str(&b), TEXT, &a);
	assert_int_equal(strlen(a.summary), 600);
	analyze_clear(&a);
	b.len -= 2;
	buf_addstr(&b, "y\"}");
	refuse(buf_str(&b), TEXT, "summary: longer than 600 bytes");
	buf_free(&b);

	/* The name: 64 bytes pass, 65 do not. */
	memset(name, 'a', 64);
	name[64] = '\0';
	buf_init(&b, 0);
	buf_printf(&b, HEAD "\"name\": \"%s\", " MOOD "}", name);
	accept(buf_str(&b), name, &a);
	assert_int_equal(strlen(a.name), 64);
	analyze_clear(&a);
	buf_free(&b);
	name[64] = 'a';
	name[65] = '\0';
	buf_init(&b, 0);
	buf_printf(&b, HEAD "\"name\": \"%s\", " MOOD "}", name);
	refuse(buf_str(&b), name, "name: longer than 64 bytes");
	buf_free(&b);

	/* The label: under MOOD_LABEL_LEN bytes. */
	memset(label, 'a', MOOD_LABEL_LEN);
	label[MOOD_LABEL_LEN - 1] = '\0';
	buf_init(&b, 0);
	buf_printf(&b, HEAD "\"mood\": {\"label\": \"%s\", \"valence\": 0, "
	    "\"arousal\": 0}}", label);
	accept(buf_str(&b), TEXT, &a);
	assert_string_equal(a.mood.label, label);
	analyze_clear(&a);
	buf_free(&b);
	label[MOOD_LABEL_LEN - 1] = 'a';
	label[MOOD_LABEL_LEN] = '\0';
	buf_init(&b, 0);
	buf_printf(&b, HEAD "\"mood\": {\"label\": \"%s\", \"valence\": 0, "
	    "\"arousal\": 0}}", label);
	refuse(buf_str(&b), TEXT, "mood.label: longer than 63 bytes");
	buf_free(&b);

	/* An emotion: under MOOD_EMOTION_LEN bytes. */
	memset(emotion, 'e', MOOD_EMOTION_LEN);
	emotion[MOOD_EMOTION_LEN] = '\0';
	buf_init(&b, 0);
	buf_printf(&b, HEAD "\"mood\": {\"label\": \"x\", \"valence\": 0, "
	    "\"arousal\": 0, \"emotions\": [\"ok\", \"%s\"]}}", emotion);
	refuse(buf_str(&b), TEXT, "mood.emotions[1]: longer than 23 bytes");
	buf_free(&b);

	/* An object: 200 bytes pass, 201 do not. */
	memset(object, 'o', 200);
	object[200] = '\0';
	snprintf(text, sizeof text, "I like %s!", object);
	buf_init(&b, 0);
	buf_printf(&b, HEAD MOOD ", \"facts\": [" FACT("user", "likes", "%s")
	    "]}", object);
	accept(buf_str(&b), text, &a);
	analyze_clear(&a);
	buf_free(&b);
	object[200] = 'o';
	object[201] = '\0';
	snprintf(text, sizeof text, "I like %s!", object);
	buf_init(&b, 0);
	buf_printf(&b, HEAD MOOD ", \"facts\": [" FACT("user", "likes", "%s")
	    "]}", object);
	refuse(buf_str(&b), text, "facts[0].object: longer than 200 bytes");
	buf_free(&b);

	/* The whole answer, and nesting. */
	s = calloc(1, LLM_ANALYSIS_MAX_ANSWER + 2);
	assert_non_null(s);
	memset(s, ' ', LLM_ANALYSIS_MAX_ANSWER + 1);
	refuse(s, TEXT, "answer: 65537 bytes, at most 65536");
	free(s);
	buf_init(&b, 0);
	buf_addstr(&b, HEAD MOOD ", \"junk\": ");
	for (i = 0; i < 40; i++)
		buf_addc(&b, '[');
	for (i = 0; i < 40; i++)
		buf_addc(&b, ']');
	buf_addstr(&b, "}");
	refuse(buf_str(&b), TEXT, "answer: JSON nested deeper than 32 levels");
	buf_free(&b);
}

/* Answers with one fault each, and how the cause must begin. */
static const struct {
	const char	*answer;
	const char	*cause;
} faults[] = {
	/* intent */
	{ "{\"summary\": \"s\", " MOOD "}", "intent: missing" },
	{ "{\"intent\": 3, \"summary\": \"s\", " MOOD "}",
	  "intent: expected a string, got a number" },
	{ "{\"intent\": null, \"summary\": \"s\", " MOOD "}",
	  "intent: expected a string, got null" },
	{ "{\"intent\": \"chatting\", \"summary\": \"s\", " MOOD "}",
	  "intent: \"chatting\" is not an intent jumbo knows" },
	{ "{\"intent\": \"Chat\", \"summary\": \"s\", " MOOD "}",
	  "intent: \"Chat\" is not an intent" },
	{ "{\"intent\": \"chat\", \"intent\": \"forget\", \"summary\": \"s\", "
	  MOOD "}", "intent: given twice" },
	{ "{\"intent\": {\"a\": [1, 2]}, \"summary\": \"s\", " MOOD "}",
	  "intent: expected a string, got an object" },

	/* summary */
	{ "{\"intent\": \"chat\", " MOOD "}", "summary: missing" },
	{ "{\"intent\": \"chat\", \"summary\": null, " MOOD "}",
	  "summary: expected a string, got null" },
	{ "{\"intent\": \"chat\", \"summary\": [\"s\"], " MOOD "}",
	  "summary: expected a string, got an array" },
	{ "{\"intent\": \"chat\", \"summary\": true, " MOOD "}",
	  "summary: expected a string, got a boolean" },
	{ "{\"intent\": \"chat\", \"summary\": \"\", " MOOD "}",
	  "summary: empty" },
	{ "{\"intent\": \"chat\", \"summary\": \" \\n\\t \", " MOOD "}",
	  "summary: empty" },
	{ "{\"intent\": \"chat\", \"summary\": \"a\\u0001b\", " MOOD "}",
	  "summary: control character U+0001" },
	{ "{\"intent\": \"chat\", \"summary\": \"a\\u001bb\", " MOOD "}",
	  "summary: control character U+001B" },
	{ "{\"intent\": \"chat\", \"summary\": \"a\x7f\", " MOOD "}",
	  "summary: control character U+007F" },
	{ "{\"intent\": \"chat\", \"summary\": \"a\\u0000b\", " MOOD "}",
	  "answer: \\u0000 in a JSON string" },
	{ "{\"intent\": \"chat\", \"summary\": \"caf\xe9\", " MOOD "}",
	  "summary: not valid UTF-8" },
	{ "{\"intent\": \"chat\", \"summary\": \"\xc0\xaf\", " MOOD "}",
	  "summary: not valid UTF-8" },
	{ "{\"intent\": \"chat\", \"summary\": \"\xed\xa0\x80\", " MOOD "}",
	  "summary: not valid UTF-8" },
	{ "{\"intent\": \"chat\", \"summary\": \"\\ud800\", " MOOD "}",
	  "answer: not valid JSON" },

	/* name */
	{ HEAD "\"name\": \"Sam\", " MOOD "}",
	  "name: \"Sam\" is not in the message" },
	{ HEAD "\"name\": 42, " MOOD "}",
	  "name: expected a string, got a number" },
	{ HEAD "\"name\": [\"Alex\"], " MOOD "}",
	  "name: expected a string, got an array" },
	{ HEAD "\"name\": \"Al\\nex\", " MOOD "}",
	  "name: \"Al ex\" is not in the message" },
	{ HEAD "\"name\": \"Alex\xff\", " MOOD "}", "name: not valid UTF-8" },
	{ HEAD "\"name\": \"Pune with my sister and our dogs\", " MOOD "}",
	  "name: \"Pune with my sister and our dogs\" cannot be a name" },

	/* mood */
	{ HEAD "\"name\": null}", "mood: missing" },
	{ HEAD "\"mood\": \"happy\"}",
	  "mood: expected an object, got a string" },
	{ HEAD "\"mood\": [0.5]}", "mood: expected an object, got an array" },
	{ HEAD "\"mood\": {\"valence\": 0, \"arousal\": 0}}",
	  "mood.label: missing" },
	{ HEAD "\"mood\": {\"label\": \"\", \"valence\": 0, \"arousal\": 0}}",
	  "mood.label: empty" },
	{ HEAD "\"mood\": {\"label\": 1, \"valence\": 0, \"arousal\": 0}}",
	  "mood.label: expected a string, got a number" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"arousal\": 0}}",
	  "mood.valence: missing" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"valence\": 1.7, "
	  "\"arousal\": 0}}", "mood.valence: 1.7 is outside [-1, 1]" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"valence\": -3, \"arousal\": 0}}",
	  "mood.valence: -3 is outside [-1, 1]" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"valence\": 1e999, "
	  "\"arousal\": 0}}", "mood.valence: inf is outside [-1, 1]" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"valence\": \"0.5\", "
	  "\"arousal\": 0}}", "mood.valence: expected a number, got a string" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"valence\": 0}}",
	  "mood.arousal: missing" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"valence\": 0, "
	  "\"arousal\": -1.01}}", "mood.arousal: -1.01 is outside [-1, 1]" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"valence\": 0, \"arousal\": 0, "
	  "\"emotions\": \"sad\"}}",
	  "mood.emotions: expected an array, got a string" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"valence\": 0, \"arousal\": 0, "
	  "\"emotions\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", "
	  "\"h\", \"i\"]}}", "mood.emotions: 9 emotions, at most 8" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"valence\": 0, \"arousal\": 0, "
	  "\"emotions\": [\"sad\", {\"e\": 1}]}}",
	  "mood.emotions[1]: expected a string, got an object" },
	{ HEAD "\"mood\": {\"label\": \"x\", \"valence\": 0, \"arousal\": 0, "
	  "\"emotions\": [\"\"]}}", "mood.emotions[0]: empty" },

	/* facts and retracted */
	{ HEAD MOOD ", \"facts\": {\"subject\": \"user\"}}",
	  "facts: expected an array, got an object" },
	{ HEAD MOOD ", \"facts\": [\"user likes cats\"]}",
	  "facts[0]: expected an object, got a string" },
	{ HEAD MOOD ", \"facts\": [[]]}",
	  "facts[0]: expected an object, got an array" },
	{ HEAD MOOD ", \"facts\": [" FACT("user", "lives_in", "Pune") ", "
	  FACT("user", "friend", "Charvik") ", "
	  FACT("Charvik", "colleague_of", "Alex") "]}",
	  "facts[2].relation: \"colleague_of\" is not a relation jumbo knows" },
	{ HEAD MOOD ", \"facts\": [" FACT("user", "lives_in", "Paris") "]}",
	  "facts[0].object: \"Paris\" is not in the message" },
	{ HEAD MOOD ", \"facts\": [" FACT("user", "friend", "arvik") "]}",
	  "facts[0].object: \"arvik\" is not in the message" },
	{ HEAD MOOD ", \"facts\": [" FACT("Bob", "lives_in", "Pune") "]}",
	  "facts[0].subject: \"Bob\" is not \"user\", a relation or a name in "
	  "the message" },
	{ HEAD MOOD ", \"facts\": [" FACT("Pu", "lives_in", "Pune") "]}",
	  "facts[0].subject: \"Pu\" is not" },
	{ HEAD MOOD ", \"facts\": [{\"subject\": \"user\", \"relation\": "
	  "\"friend\"}]}", "facts[0].object: missing" },
	{ HEAD MOOD ", \"facts\": [{\"subject\": \"user\", \"object\": "
	  "\"Charvik\"}]}", "facts[0].relation: missing" },
	{ HEAD MOOD ", \"facts\": [{\"relation\": \"friend\", \"object\": "
	  "\"Charvik\"}]}", "facts[0].subject: missing" },
	{ HEAD MOOD ", \"facts\": [{\"subject\": \"user\", \"relation\": "
	  "\"friend\", \"object\": 7}]}",
	  "facts[0].object: expected a string, got a number" },
	{ HEAD MOOD ", \"facts\": [" FACT("user", "friend", "") "]}",
	  "facts[0].object: empty" },
	{ HEAD MOOD ", \"facts\": [" FACT("user", "friend", "Char\xffvik") "]}",
	  "facts[0].object: not valid UTF-8" },
	{ HEAD MOOD ", \"facts\": [" FACT("user", "friend", "Charvik") "], "
	  "\"retracted\": [" FACT("user", "lives_in", "Mars") "]}",
	  "retracted[0].object: \"Mars\" is not in the message" },
	{ HEAD MOOD ", \"retracted\": [" FACT("user", "used_to_live", "Boston")
	  "]}", "retracted[0].relation: \"used_to_live\" is not a relation" },
	{ HEAD MOOD ", \"retracted\": 5}",
	  "retracted: expected an array, got a number" },
	{ HEAD MOOD ", \"facts\": [], \"facts\": []}", "facts: given twice" },

	/* the answer as a whole */
	{ "{\"intent\": \"chat\" \"summary\": \"s\"}",
	  "answer: not valid JSON" },
	{ "{\"intent\": 'chat'}", "answer: not valid JSON" },
	{ "{\"intent\": \"chat\"]", "answer: not valid JSON" },
	{ "{\"a\": [}]", "answer: not valid JSON" },
	{ "{\"intent\": \"cha", "answer: the JSON object is not closed" },
};

static void
test_faults(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof faults / sizeof faults[0]; i++)
		refuse(faults[i].answer, TEXT, faults[i].cause);

	/* A NUL byte inside the object. */
	refuse_len("{\"intent\": \"chat\0\"}", 19, TEXT,
	    "answer: a NUL byte in the JSON object");
}

/* The mood of an answer with this label, valence and emotions. */
static void
mood_of(const char *label, const char *valence, const char *emotions,
    struct mood *m)
{
	struct turn_analysis	a;
	struct buf		b;

	buf_init(&b, 0);
	buf_printf(&b, HEAD "\"mood\": {\"label\": \"%s\", \"valence\": %s, "
	    "\"arousal\": 0, \"emotions\": [%s]}}", label, valence, emotions);
	accept(buf_str(&b), TEXT, &a);
	*m = a.mood;
	analyze_clear(&a);
	buf_free(&b);
	/* Whatever the polarity, the parts balance to the valence. */
	assert_true(m->positive >= 0 && m->positive <= 1);
	assert_true(m->negative >= 0 && m->negative <= 1);
	assert_true(m->positive - m->negative - m->valence < 1e-9 &&
	    m->positive - m->negative - m->valence > -1e-9);
}

static void
test_polarity(void **state)
{
	struct mood	m;

	(void)state;
	mood_of("neutral", "0.05", "", &m);
	assert_int_equal(m.polarity, MOOD_NEUTRAL);
	assert_true(m.positive == 0.05 && m.negative == 0);
	mood_of("happy", "0.6", "\"happy\"", &m);
	assert_int_equal(m.polarity, MOOD_POSITIVE);
	mood_of("sad", "-0.6", "\"sad\"", &m);
	assert_int_equal(m.polarity, MOOD_NEGATIVE);
	assert_true(m.negative == 0.6);
	mood_of("ok", "0.2", "", &m);
	assert_int_equal(m.polarity, MOOD_POSITIVE);
	mood_of("calm", "0.1", "\"calm\"", &m);
	assert_int_equal(m.polarity, MOOD_POSITIVE);
	mood_of("bored", "-0.1", "\"bored\"", &m);
	assert_int_equal(m.polarity, MOOD_NEGATIVE);
	mood_of("surprised", "0", "\"surprised\"", &m);
	assert_int_equal(m.polarity, MOOD_NEUTRAL);	/* no sign */
	mood_of("tired but proud", "0.3", "\"tired\", \"proud\"", &m);
	assert_int_equal(m.polarity, MOOD_MIXED);
	assert_true(m.positive == 0.65);
	mood_of("excited and nervous", "0.4", "\"excited\", \"nervous\"", &m);
	assert_int_equal(m.polarity, MOOD_MIXED);
	mood_of("good but busy", "0.5", "", &m);
	assert_int_equal(m.polarity, MOOD_MIXED);
	/* Valence wins over emotions of one sign against it. */
	mood_of("drained", "0.5", "\"drained\"", &m);
	assert_int_equal(m.polarity, MOOD_POSITIVE);
}

static void
test_instructions(void **state)
{
	const char		*s, *list;
	const char *const	*r;
	char			 word[64];
	int			 i;

	(void)state;
	s = llm_analysis_instructions();
	assert_non_null(s);
	assert_ptr_equal(s, llm_analysis_instructions());
	assert_true(strncmp(s, "Analyse the person's message",
	    strlen("Analyse the person's message")) == 0);
	assert_non_null(strstr(s, "JSON object only"));
	assert_non_null(strstr(s, "only from the person's own words"));

	/* Every intent, and every relation in the list of relations. */
	for (i = ANALYZE_CHAT; i <= ANALYZE_FORGET; i++)
		assert_non_null(strstr(s, analyze_intent_name(i)));
	list = strstr(s, "\nRelations: ");
	assert_non_null(list);
	for (r = fact_relations(); *r != NULL; r++) {
		snprintf(word, sizeof word, " %s,", *r);
		if (strstr(list, word) == NULL) {
			snprintf(word, sizeof word, " %s.\n", *r);
			if (strstr(list, word) == NULL)
				fail_msg("relation %s is not listed", *r);
		}
	}
	for (i = 0; s[i] != '\0'; i++)
		assert_true(s[i] == '\n' || (s[i] >= 0x20 && s[i] < 0x7f));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_intents),
		cmocka_unit_test(test_wrapped),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_polarity),
		cmocka_unit_test(test_instructions),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
