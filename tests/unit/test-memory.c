/*
 * Tests of fact reconciliation, recall and forgetting (core-memory.c)
 * against a real store in a temporary file: one fact twice is one;
 * single-valued relations supersede and keep history; lists add up;
 * forgetting removes the facts, their history and their words from
 * messages, summaries, search and the file.
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

#include "core-memory.h"
#include "store-conversation.h"
#include "store-message.h"
#include "store-search.h"
#include "store-summary.h"
#include "store.h"
#include "util-xmalloc.h"

static char	*test_dir, *test_db;

static int
setup(void **state)
{
	char	tmpl[] = "/tmp/jumbo-test-memory-XXXXXX";
	char	*cause = NULL;
	struct store *s;

	if (mkdtemp(tmpl) == NULL)
		return (-1);
	test_dir = xstrdup(tmpl);
	xasprintf(&test_db, "%s/jumbo.db", test_dir);
	if (store_open(test_db, 0, &s, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		return (-1);
	}
	*state = s;
	return (0);
}

static int
teardown(void **state)
{
	char	*cmd;

	store_close(*state);
	xasprintf(&cmd, "rm -rf '%s'", test_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", test_dir);
	free(cmd);
	free(test_dir);
	free(test_db);
	return (0);
}

/* Store a user message in conversation c and return its id. */
static char *
message(struct store *s, const char *text)
{
	struct store_message	 m;
	char			*cause = NULL, *conv;

	assert_int_equal(store_conversation_create(s, "c1", NULL, 0, &conv,
	    &cause), 0);
	free(conv);
	memset(&m, 0, sizeof m);
	m.conversation = "c1";
	m.role = "user";
	m.text = (char *)text;
	assert_int_equal(store_message_add(s, &m, &cause), 0);
	return (m.id);
}

/* Remember (user, relation, object...) told in text. */
static void
tell(struct store *s, const char *text, const char *relation, ...)
{
	struct fact_list	 list;
	struct memory_learned	 l;
	struct fact		 items[8];
	const char		*object;
	char			*id, *cause = NULL;
	va_list			 ap;

	memset(&list, 0, sizeof list);
	list.items = items;
	va_start(ap, relation);
	while ((object = va_arg(ap, const char *)) != NULL) {
		items[list.count].subject = "user";
		items[list.count].relation = (char *)relation;
		items[list.count].object = (char *)object;
		items[list.count].confidence = 1;
		list.count++;
	}
	va_end(ap);
	id = message(s, text);
	if (memory_remember(s, id, &list, NULL, &l, &cause) != 0)
		fail_msg("memory_remember: %s", cause);
	memory_learned_clear(&l);
	free(id);
}

/* The current (or all) objects of relation, joined with commas. */
static char *
objects(struct store *s, const char *relation, int all)
{
	struct store_fact	*f;
	size_t			 n, i;
	char			*out = xstrdup(""), *next, *cause = NULL;

	assert_int_equal(store_fact_list(s, all, &f, &n, &cause), 0);
	for (i = 0; i < n; i++) {
		if (strcmp(f[i].relation, relation) != 0)
			continue;
		xasprintf(&next, "%s%s%s", out, *out ? "," : "", f[i].object);
		free(out);
		out = next;
	}
	store_fact_free_list(f, n);
	return (out);
}

static void
expect_objects(struct store *s, const char *relation, int all,
    const char *want)
{
	char	*got = objects(s, relation, all);

	if (strcmp(got, want) != 0)
		fail_msg("%s%s: got \"%s\", want \"%s\"", relation,
		    all ? " (all)" : "", got, want);
	free(got);
}

static void
test_reconcile(void **state)
{
	struct store		*s = *state;
	struct memory_learned	 l;
	char			*cause = NULL;

	/* Nothing to remember is fine. */
	assert_int_equal(memory_remember(s, NULL, NULL, NULL, &l, &cause), 0);
	assert_int_equal(l.nadded, 0);

	tell(s, "my best friends are Charvik and Devansh", "best_friend",
	    "Charvik", "Devansh", NULL);
	tell(s, "Charvik is my best friend", "best_friend", "charvik", NULL);
	expect_objects(s, "best_friend", 0, "Charvik,Devansh");
	tell(s, "and Meera", "best_friend", "Meera", NULL);
	expect_objects(s, "best_friend", 0, "Charvik,Devansh,Meera");

	tell(s, "I live in Boston", "lives_in", "Boston", NULL);
	tell(s, "Actually, I moved to Berlin", "lives_in", "Berlin", NULL);
	expect_objects(s, "lives_in", 0, "Berlin");
	expect_objects(s, "lives_in", 1, "Boston,Berlin");
}

static void
test_recall(void **state)
{
	struct store		*s = *state;
	struct fact_question	 q;
	struct store_fact	*f;
	size_t			 n;
	char			*cause = NULL;

	assert_true(fact_relation_covers("friend", "best_friend"));
	assert_true(fact_relation_covers("friend", "friend"));
	assert_false(fact_relation_covers("friend", "boyfriend"));
	assert_false(fact_relation_covers("best_friend", "friend"));
	assert_true(fact_relation_covers("pet", "parrot"));

	memset(&q, 0, sizeof q);
	q.kind = FACT_QUESTION_RELATION;
	q.subject = "user";
	q.relation = "friend";
	assert_int_equal(memory_recall(s, &q, &f, &n, &cause), 0);
	assert_int_equal(n, 3);
	store_fact_free_list(f, n);

	q.relation = "birthday";
	assert_int_equal(memory_recall(s, &q, &f, &n, &cause), 0);
	assert_int_equal(n, 0);

	q.kind = FACT_QUESTION_ALL;
	assert_int_equal(memory_recall(s, &q, &f, &n, &cause), 0);
	assert_int_equal(n, 4);		/* three friends, Berlin */
	store_fact_free_list(f, n);
}

/* Whether the file's bytes (and its -wal) hold word. */
static int
file_holds(const char *word)
{
	char	*cmd;
	int	 r;

	xasprintf(&cmd, "cat '%s'* | grep -a -q '%s'", test_db, word);
	r = system(cmd);
	free(cmd);
	return (r == 0);
}

static void
test_forget(void **state)
{
	struct store		*s = *state;
	struct fact_forget	 f;
	struct store_fact	*gone;
	struct store_search_hit	*hits;
	size_t			 n;
	char			*cause = NULL, *summary;

	assert_int_equal(store_summary_add(s, "c1", NULL,
	    "Harsha moved from Boston to Berlin.", 0, &cause), 0);
	assert_int_equal(store_search(s, "Berlin", 10, &hits, &n, &cause), 0);
	assert_true(n > 0);
	store_search_free(hits, n);

	memset(&f, 0, sizeof f);
	f.kind = FACT_FORGET_RELATION;
	f.relation = "lives_in";
	assert_int_equal(memory_forget(s, &f, &gone, &n, &cause), 0);
	assert_int_equal(n, 2);		/* Berlin and its history, Boston */
	store_fact_free_list(gone, n);
	expect_objects(s, "lives_in", 1, "");
	assert_int_equal(store_search(s, "Berlin", 10, &hits, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_search(s, "Boston", 10, &hits, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_search(s, "forgotten", 10, &hits, &n,
	    &cause), 0);
	assert_int_equal(n, 2);		/* the two messages, words taken out */
	store_search_free(hits, n);
	summary = store_summary_latest(s, "c1");
	assert_string_equal(summary,
	    "Harsha moved from [forgotten] to [forgotten].");
	free(summary);
	assert_false(file_holds("Berlin"));
	assert_false(file_holds("Boston"));
	assert_int_equal(store_integrity_check(s, &cause), 0);

	/* Nothing matches: nothing happens. */
	assert_int_equal(memory_forget(s, &f, &gone, &n, &cause), 0);
	assert_int_equal(n, 0);

	/* "forget that": the facts learned last. */
	tell(s, "I'm allergic to peanuts and shellfish", "allergy",
	    "peanuts", "shellfish", NULL);
	f.kind = FACT_FORGET_LAST;
	assert_int_equal(memory_forget(s, &f, &gone, &n, &cause), 0);
	assert_int_equal(n, 2);
	store_fact_free_list(gone, n);
	expect_objects(s, "allergy", 1, "");
	expect_objects(s, "best_friend", 0, "Charvik,Devansh,Meera");

	/* By id prefix, by text, ambiguity. */
	assert_int_equal(memory_forget_fact(s, "Meera", &gone, &n, &cause),
	    0);
	assert_int_equal(n, 1);
	store_fact_free_list(gone, n);
	assert_false(file_holds("Meera"));
	assert_int_equal(memory_forget_fact(s, "nobody", &gone, &n, &cause),
	    0);
	assert_int_equal(n, 0);
	expect_objects(s, "best_friend", 0, "Charvik,Devansh");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reconcile),
		cmocka_unit_test(test_recall),
		cmocka_unit_test(test_forget),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
