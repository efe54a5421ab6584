/*
 * Tests for the fact extractor (src/core/core-fact.c): NULL, empty and
 * edge inputs first; then the examples the project's issue names,
 * asserted triple by triple; then the labelled set in
 * tests/fixtures/facts-labelled.txt, scored as precision, recall and F1
 * over triples, separately for the development, held-out and fresh
 * lines (only the development failures are printed, so that the others
 * are never tuned on); then retractions, the relation table, and tables
 * of questions and forget requests.
 *
 * The figures go to stdout as lines starting with "facts " so that
 * bench/facts.sh can print them. With JUMBO_FACTS_BENCH=N set, the
 * labelled set is also run N times and the time per message printed; no
 * test ever asserts on a time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core-fact.h"
#include "util-utf8.h"

/* The lowest development F1 the extractor must keep. */
#define DEV_F1_FLOOR	0.98

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

/* Whether list holds the triple "subject|relation|object". */
static int
has_fact_str(const struct fact_list *list, const char *triple)
{
	char	buf[1024];
	size_t	i;

	for (i = 0; i < list->count; i++) {
		snprintf(buf, sizeof buf, "%s|%s|%s", list->items[i].subject,
		    list->items[i].relation, list->items[i].object);
		if (strcmp(buf, triple) == 0)
			return (1);
	}
	return (0);
}

static void
print_list(const char *text, const struct fact_list *list)
{
	size_t	i;

	print_error("\"%s\" gave %zu:\n", text, list->count);
	for (i = 0; i < list->count; i++)
		print_error("  %s | %s | %s\n", list->items[i].subject,
		    list->items[i].relation, list->items[i].object);
}

/*
 * Check that text gives exactly the triples in expected, a
 * NULL-terminated array of "subject|relation|object" strings.
 */
static void
check_facts(const char *text, const char *const *expected)
{
	struct fact_list	 list;
	char			 subject[128], relation[128], object[256];
	size_t			 n = 0, k;
	int			 ok = 1;

	fact_extract(text, &list);
	for (k = 0; expected[k] != NULL; k++) {
		if (sscanf(expected[k], "%127[^|]|%127[^|]|%255[^\n]", subject,
		    relation, object) != 3)
			fail_msg("bad expectation %s", expected[k]);
		if (!has_fact(&list, subject, relation, object))
			ok = 0;
		n++;
	}
	if (list.count != n)
		ok = 0;
	if (!ok) {
		print_error("expected:\n");
		for (k = 0; expected[k] != NULL; k++)
			print_error("  %s\n", expected[k]);
		print_list(text, &list);
	}
	fact_list_clear(&list);
	assert_true(ok);
}

#define FACTS(text, ...) do {						\
	static const char *const expected_[] = { __VA_ARGS__, NULL };	\
	check_facts(text, expected_);					\
} while (0)
#define NO_FACTS(text) do {						\
	static const char *const expected_[] = { NULL };		\
	check_facts(text, expected_);					\
} while (0)

/* Every fact's fields are non-empty UTF-8 and its relation is known. */
static void
check_wellformed(const struct fact_list *list)
{
	const char *const	*r;
	size_t			 i;
	int			 known;

	for (i = 0; i < list->count; i++) {
		assert_true(list->items[i].subject[0] != '\0');
		assert_true(list->items[i].object[0] != '\0');
		assert_true(utf8_valid(list->items[i].object,
		    strlen(list->items[i].object)));
		assert_true(utf8_valid(list->items[i].subject,
		    strlen(list->items[i].subject)));
		assert_true(list->items[i].confidence > 0.0 &&
		    list->items[i].confidence <= 1.0);
		known = 0;
		for (r = fact_relations(); *r != NULL; r++)
			known |= strcmp(*r, list->items[i].relation) == 0;
		assert_true(known);
	}
}

static void
test_extract_edges(void **state)
{
	struct fact_list	 list;
	char			*big;
	size_t			 i;

	(void)state;
	fact_extract(NULL, NULL);
	fact_extract("I live in Boston", NULL);
	fact_retracted(NULL, NULL);
	fact_list_clear(NULL);

	list.count = 99;
	list.items = (struct fact *)0x1;
	fact_extract(NULL, &list);
	assert_int_equal(list.count, 0);
	assert_null(list.items);
	fact_list_clear(&list);

	NO_FACTS("");
	NO_FACTS("   \t\n ");
	NO_FACTS("?!.,;:");
	NO_FACTS("I live in");
	NO_FACTS("I live in .");
	NO_FACTS("my sister");
	NO_FACTS("my sister's name is");
	NO_FACTS("I'm a");
	NO_FACTS("my favourite band is");
	NO_FACTS("my birthday is");
	NO_FACTS("I love");
	NO_FACTS("'");
	NO_FACTS("&&&&");

	/* Invalid UTF-8 and control characters are punctuation. */
	NO_FACTS("\xff\xfe");
	NO_FACTS("I live in \xff\xfe");
	FACTS("I live in Bo\xffston", "user|lives_in|Bo");
	FACTS("I live in Boston\x01", "user|lives_in|Boston");
	FACTS("\xc0\xaf" "I live in Boston", "user|lives_in|Boston");

	/* A name or an object has limits. */
	NO_FACTS("my dog's name is Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaa");
	NO_FACTS("I live in a b c d e f g h j k l m n o p q");

	/* A long message is read in bounded time and memory. */
	big = malloc(400001);
	assert_non_null(big);
	for (i = 0; i < 400000; i++)
		big[i] = "I live in Boston and my sister Ana. "[i % 36];
	big[400000] = '\0';
	fact_extract(big, &list);
	assert_true(list.count <= 32);
	check_wellformed(&list);
	fact_list_clear(&list);
	for (i = 0; i < 400000; i++)
		big[i] = i % 2 == 0 ? 'a' : ' ';
	memcpy(big, "I live in Boston. ", 18);
	fact_extract(big, &list);
	assert_int_equal(list.count, 1);
	fact_list_clear(&list);
	free(big);
}

/* The examples named in the project's issue, asserted precisely. */
static void
test_extract_examples(void **state)
{
	(void)state;

	/* Friends: lists stay lists. */
	FACTS("my best friends are Charvik and Devansh",
	    "user|best_friend|Charvik", "user|best_friend|Devansh");
	FACTS("My friends are Maya, Leo and Sam.", "user|friend|Maya",
	    "user|friend|Leo", "user|friend|Sam");

	/* Family. */
	FACTS("I have two kids, Maya and Leo", "user|child|Maya",
	    "user|child|Leo");
	FACTS("my sister Ana lives in Paris", "user|sister|Ana",
	    "Ana|lives_in|Paris");
	FACTS("My wife Priya is a nurse.", "user|wife|Priya",
	    "Priya|job|nurse");
	FACTS("my husband's name is David", "user|husband|David");
	FACTS("My girlfriend is Mei.", "user|girlfriend|Mei");
	FACTS("My boyfriend Jake lives in Austin",
	    "user|boyfriend|Jake", "Jake|lives_in|Austin");
	FACTS("My partner Alex is a chef", "user|partner|Alex",
	    "Alex|job|chef");
	FACTS("My son Leo and my daughter Maya", "user|son|Leo",
	    "user|daughter|Maya");
	FACTS("My mom lives in Chennai", "mother|lives_in|Chennai");
	FACTS("my dad is a pilot", "father|job|pilot");
	FACTS("My parents live in Lagos.", "parent|lives_in|Lagos");

	/* Pets, by species. */
	FACTS("my dog's name is Rex", "user|dog|Rex");
	FACTS("I have a cat called Miso", "user|cat|Miso");
	FACTS("I have a dog", "user|pet|dog");

	/* Where they live, and where they are from. */
	FACTS("I live in Boston", "user|lives_in|Boston");
	FACTS("I moved to Berlin", "user|lives_in|Berlin");
	FACTS("I'm from Pune", "user|from|Pune");

	/* Job and workplace. */
	FACTS("I'm a teacher", "user|job|teacher");
	FACTS("I work as a nurse", "user|job|nurse");
	FACTS("I work at Google", "user|workplace|Google");

	/* Dates. */
	FACTS("my birthday is March 3rd", "user|birthday|March 3rd");
	FACTS("our anniversary is June 12", "user|anniversary|June 12");

	/* Tastes. */
	FACTS("I love hiking", "user|likes|hiking");
	FACTS("I hate cilantro", "user|dislikes|cilantro");
	FACTS("my favourite band is Radiohead",
	    "user|favourite_band|Radiohead");
	FACTS("my favorite movie is The Matrix",
	    "user|favourite_movie|The Matrix");

	/* Health. */
	FACTS("I'm allergic to peanuts", "user|allergy|peanuts");
	FACTS("I have asthma", "user|health|asthma");

	/* Hobbies and plans. */
	FACTS("I play guitar", "user|hobby|guitar");
	FACTS("I've been learning pottery", "user|hobby|pottery");
	FACTS("I'm going to Italy in June",
	    "user|plan|going to Italy in June");

	/* Names keep their spelling; lowercase ones are capitalised. */
	FACTS("My friend José works at Telefónica", "user|friend|José",
	    "José|workplace|Telefónica");
	FACTS("my rabbit's name is thumper", "user|rabbit|Thumper");
	FACTS("MY DOG'S NAME IS REX", "user|dog|Rex");

	/* Not from questions. */
	NO_FACTS("Do you live in Boston?");
	NO_FACTS("Is my sister Ana?");
	NO_FACTS("Where do I live?");
	NO_FACTS("What's my dog called?");

	/* Not from hypotheticals. */
	NO_FACTS("if I lived in Paris");
	NO_FACTS("I wish I lived in Paris");
	NO_FACTS("maybe I'll move to Rome");
	NO_FACTS("I would love to live in Japan");

	/* Not from negations. */
	NO_FACTS("I don't live in Boston anymore");
	NO_FACTS("I'm not a teacher anymore");
	NO_FACTS("I don't have a cat");

	/* Not from reported speech. */
	NO_FACTS("my friend said she lives in Rome");
	NO_FACTS("I heard Ana moved to Paris");
	NO_FACTS("My mom says I'm a good cook");

	/* The person's own reported words count. */
	FACTS("I told you I live in Boston", "user|lives_in|Boston");

	/* Small talk. */
	NO_FACTS("hi");
	NO_FACTS("I'm tired");
	NO_FACTS("I'm going to bed");
	NO_FACTS("I love you");
	NO_FACTS("I have a meeting at 3");
}

/* What fact_retracted() gives: the negated statements. */
static void
test_retracted(void **state)
{
	struct fact_list	list;

	(void)state;
	fact_retracted("I don't live in Boston anymore", &list);
	assert_int_equal(list.count, 1);
	assert_true(has_fact(&list, "user", "lives_in", "Boston"));
	fact_list_clear(&list);

	fact_retracted("I'm not a teacher anymore", &list);
	assert_int_equal(list.count, 1);
	assert_true(has_fact(&list, "user", "job", "teacher"));
	fact_list_clear(&list);

	fact_retracted("I used to live in Chicago", &list);
	assert_true(has_fact(&list, "user", "lives_in", "Chicago"));
	fact_list_clear(&list);

	fact_retracted("I no longer work at Google", &list);
	assert_true(has_fact(&list, "user", "workplace", "Google"));
	fact_list_clear(&list);

	fact_retracted("I quit my job at Amazon", &list);
	assert_true(has_fact(&list, "user", "workplace", "Amazon"));
	fact_list_clear(&list);

	/* A dislike is a statement, not a retraction. */
	fact_retracted("I don't like horror movies", &list);
	assert_int_equal(list.count, 0);
	fact_list_clear(&list);

	/* Statements, questions and wishes retract nothing. */
	fact_retracted("I live in Boston", &list);
	assert_int_equal(list.count, 0);
	fact_list_clear(&list);
	fact_retracted("Don't you live in Boston?", &list);
	assert_int_equal(list.count, 0);
	fact_list_clear(&list);
	fact_retracted("If I didn't live in Boston I'd be sad", &list);
	assert_int_equal(list.count, 0);
	fact_list_clear(&list);
	fact_retracted(NULL, &list);
	assert_int_equal(list.count, 0);
}

/*
 * The labelled set: utterances on "D " (development) and "H " (held out)
 * lines, each followed by "= subject | relation | object" lines.
 */
struct labelled {
	char	*text;
	int	 held_out;	/* 0 development, 1 held out, 2 fresh */
	char	**triples;	/* "subject|relation|object" */
	size_t	 ntriples;
};

/* Trim spaces around a field in place. */
static char *
trim(char *s)
{
	char	*end;

	while (*s == ' ')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\n' ||
	    end[-1] == '\r'))
		*--end = '\0';
	return (s);
}

/* The fixture's path: $JUMBO_FACTS_FIXTURE, else beside this file. */
static FILE *
open_fixture(void)
{
	const char	*env = getenv("JUMBO_FACTS_FIXTURE");
	char		 path[4096];
	const char	*slash;
	size_t		 len;

	if (env != NULL)
		return (fopen(env, "r"));
	slash = strrchr(__FILE__, '/');
	len = slash != NULL ? (size_t)(slash - __FILE__) : 0;
	snprintf(path, sizeof path, "%.*s%s../fixtures/facts-labelled.txt",
	    (int)len, __FILE__, len > 0 ? "/" : "");
	return (fopen(path, "r"));
}

static struct labelled *
read_fixture(size_t *n)
{
	FILE		*f;
	char		 line[2048], *s, *a, *b, *c, triple[1024];
	struct labelled	*items = NULL, *u = NULL;

	*n = 0;
	f = open_fixture();
	if (f == NULL)
		fail_msg("cannot open tests/fixtures/facts-labelled.txt (set "
		    "JUMBO_FACTS_FIXTURE)");
	while (fgets(line, sizeof line, f) != NULL) {
		s = line;
		if ((s[0] == 'D' || s[0] == 'H' || s[0] == 'F') &&
		    s[1] == ' ') {
			items = realloc(items, (*n + 1) * sizeof *items);
			assert_non_null(items);
			u = &items[(*n)++];
			memset(u, 0, sizeof *u);
			u->held_out = s[0] == 'H' ? 1 : s[0] == 'F' ? 2 : 0;
			u->text = strdup(trim(s + 2));
			continue;
		}
		if (s[0] != '=' || u == NULL)
			continue;
		a = s + 1;
		b = strchr(a, '|');
		c = b != NULL ? strchr(b + 1, '|') : NULL;
		if (b == NULL || c == NULL) {
			fail_msg("bad triple line: %s", line);
			continue;
		}
		*b = '\0';
		*c = '\0';
		snprintf(triple, sizeof triple, "%s|%s|%s", trim(a),
		    trim(b + 1), trim(c + 1));
		u->triples = realloc(u->triples, (u->ntriples + 1) *
		    sizeof *u->triples);
		assert_non_null(u->triples);
		u->triples[u->ntriples++] = strdup(triple);
	}
	fclose(f);
	return (items);
}

static void
free_fixture(struct labelled *items, size_t n)
{
	size_t	i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < items[i].ntriples; k++)
			free(items[i].triples[k]);
		free(items[i].triples);
		free(items[i].text);
	}
	free(items);
}

struct score {
	size_t	utterances, empty, tp, fp, fn, exact;
};

static double
ratio(size_t a, size_t b)
{
	return (b == 0 ? 1.0 : (double)a / (double)b);
}

static double
f1(const struct score *sc)
{
	double	p = ratio(sc->tp, sc->tp + sc->fp);
	double	r = ratio(sc->tp, sc->tp + sc->fn);

	return (p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r));
}

static void
print_score(const char *name, const struct score *sc)
{
	printf("facts %-9s %3zu utterances (%3zu without facts), %3zu "
	    "triples: tp %3zu fp %2zu fn %2zu  precision %.3f recall %.3f "
	    "F1 %.3f  exact %.3f\n", name, sc->utterances, sc->empty,
	    sc->tp + sc->fn, sc->tp, sc->fp, sc->fn,
	    ratio(sc->tp, sc->tp + sc->fp), ratio(sc->tp, sc->tp + sc->fn),
	    f1(sc), ratio(sc->exact, sc->utterances));
}

/*
 * Score the labelled set over triples: a triple given and expected is a
 * true positive, given and not expected a false positive, expected and
 * not given a false negative. Development misses are printed.
 */
static void
test_extract_labelled(void **state)
{
	struct labelled		*items;
	struct labelled		*u;
	struct fact_list	 list;
	struct score		 dev, held, fresh;
	struct score		*sc;
	char			 triple[1024];
	size_t			 n, i, j, k, tp, ndev = 0, nheld = 0;
	int			 shown, found;

	(void)state;
	memset(&dev, 0, sizeof dev);
	memset(&held, 0, sizeof held);
	memset(&fresh, 0, sizeof fresh);
	items = read_fixture(&n);
	for (i = 0; i < n; i++) {
		u = &items[i];
		sc = u->held_out == 2 ? &fresh : u->held_out ? &held : &dev;
		if (u->held_out == 1)
			nheld++;
		else
			ndev++;
		sc->utterances++;
		if (u->ntriples == 0)
			sc->empty++;
		fact_extract(u->text, &list);
		check_wellformed(&list);
		tp = 0;
		shown = 0;
		for (k = 0; k < list.count; k++) {
			snprintf(triple, sizeof triple, "%s|%s|%s",
			    list.items[k].subject, list.items[k].relation,
			    list.items[k].object);
			found = 0;
			for (j = 0; j < u->ntriples && !found; j++)
				found = strcmp(u->triples[j], triple) == 0;
			if (found)
				tp++;
			else {
				sc->fp++;
				if (!u->held_out) {
					if (!shown++)
						print_error("\"%s\"\n",
						    u->text);
					print_error("  extra   %s\n", triple);
				}
			}
		}
		sc->tp += tp;
		sc->fn += u->ntriples - tp;
		if (tp == u->ntriples && list.count == tp)
			sc->exact++;
		if (!u->held_out) {
			for (k = 0; k < u->ntriples; k++) {
				if (!has_fact_str(&list, u->triples[k])) {
					if (!shown++)
						print_error("\"%s\"\n",
						    u->text);
					print_error("  missing %s\n",
					    u->triples[k]);
				}
			}
		}
		fact_list_clear(&list);
	}
	print_score("dev", &dev);
	print_score("held-out", &held);
	print_score("fresh", &fresh);
	free_fixture(items, n);

	assert_true(n >= 200);
	assert_true(nheld * 4 >= ndev + nheld);	/* a quarter or more held out */
	assert_true(ndev > nheld);
	assert_true(f1(&dev) >= DEV_F1_FLOOR);
}

/*
 * Questions about what jumbo remembers: the kind, subject and relation a
 * person would expect (NULL relation for ALL), or NONE.
 */
struct question_case {
	const char		*text;
	enum fact_question_kind	 kind;
	const char		*subject;
	const char		*relation;
};

#define Q_NONE(t)		{ t, FACT_QUESTION_NONE, NULL, NULL }
#define Q_ALL(t, s)		{ t, FACT_QUESTION_ALL, s, NULL }
#define Q_REL(t, s, r)		{ t, FACT_QUESTION_RELATION, s, r }

static const struct question_case questions[] = {
	/* The examples. */
	Q_REL("Do you remember my friends?", "user", "friend"),
	Q_REL("Where do I live?", "user", "lives_in"),
	Q_REL("What's my dog called?", "user", "dog"),
	Q_REL("What's my dog's name?", "user", "dog"),
	Q_REL("When is my birthday?", "user", "birthday"),
	Q_REL("Who is my wife?", "user", "wife"),
	Q_REL("What do I do for work?", "user", "job"),
	Q_REL("What's my favourite band?", "user", "favourite_band"),
	Q_REL("Do you know my sister's name?", "user", "sister"),
	Q_ALL("What do you remember about me?", "user"),
	Q_ALL("What do you know about me?", "user"),

	/* More ways of asking. */
	Q_REL("do you remember my best friend?", "user", "best_friend"),
	Q_REL("Who are my friends?", "user", "friend"),
	Q_REL("What are my kids' names?", "user", "child"),
	Q_REL("What are my kids called?", "user", "child"),
	Q_REL("Do you remember my pets?", "user", "pet"),
	Q_REL("What is my cat's name again?", "user", "cat"),
	Q_REL("Where am I from?", "user", "from"),
	Q_REL("Where do I work?", "user", "workplace"),
	Q_REL("What's my job?", "user", "job"),
	Q_REL("what do i do for a living", "user", "job"),
	Q_REL("When's my anniversary?", "user", "anniversary"),
	Q_REL("What am I allergic to?", "user", "allergy"),
	Q_REL("Do you know what I'm allergic to?", "user", "allergy"),
	Q_REL("Do you know where I live?", "user", "lives_in"),
	Q_REL("Remind me, where do I live?", "user", "lives_in"),
	Q_REL("What are my hobbies?", "user", "hobby"),
	Q_REL("What's my favorite color?", "user", "favourite_colour"),
	Q_REL("Who's my boss?", "user", "boss"),
	Q_REL("Do you remember my mom's name?", "user", "mother"),
	Q_REL("Tell me about my family", "user", "family"),
	Q_REL("How old am I?", "user", "age"),
	Q_REL("When is my sister's birthday?", "sister", "birthday"),
	Q_REL("Where does my sister live?", "sister", "lives_in"),
	Q_REL("Where does Ana live?", "Ana", "lives_in"),
	Q_REL("What are my plans?", "user", "plan"),
	Q_REL("Hey jumbo, do you remember my husband's name?", "user",
	    "husband"),
	Q_ALL("What have I told you about myself?", "user"),
	Q_ALL("Tell me what you know about me.", "user"),
	Q_ALL("so what do you remember?", "user"),
	Q_ALL("What do you remember about Ana?", "Ana"),
	Q_REL("What did I say my dog's name was?", "user", "dog"),
	Q_REL("Any idea where I live?", "user", "lives_in"),
	Q_REL("What do you know about my family?", "user", "family"),
	Q_REL("What are my favourite things?", "user", "favourite"),
	Q_REL("What does my wife do?", "wife", "job"),
	Q_REL("What's my sister's job?", "sister", "job"),

	/* Not questions about the person. */
	Q_NONE("Where is Paris?"),
	Q_NONE("What's the weather like?"),
	Q_NONE("Do you like music?"),
	Q_NONE("What's your name?"),
	Q_NONE("What's your favourite band?"),
	Q_NONE("Where do you live?"),
	Q_NONE("Who is the president of France?"),
	Q_NONE("What should I do?"),
	Q_NONE("What's my dog doing?"),
	Q_NONE("Where is my phone?"),
	Q_NONE("My dog is called Rex."),
	Q_NONE("I live in Boston."),
	Q_NONE("my friends are great"),
	Q_NONE("Can you help me write an email?"),
	Q_NONE("How are you?"),
	Q_NONE("Why is my sister so annoying?"),
	Q_NONE("Should I call my mom?"),
	Q_NONE("Do you have a dog?"),
	Q_NONE("How is my sister?"),
	Q_NONE("Who's Ana?"),
	Q_NONE("Do you care about me?"),
	Q_NONE("What do you think about me?"),
	Q_NONE("Are you worried about me?"),
	Q_NONE(""),
	Q_NONE("?"),
};

static void
test_question_edges(void **state)
{
	struct fact_question	q;

	(void)state;
	assert_int_equal(fact_question(NULL, NULL), 0);
	assert_int_equal(fact_question("Where do I live?", NULL), 0);
	q.kind = FACT_QUESTION_ALL;
	q.subject = (char *)0x1;
	assert_int_equal(fact_question(NULL, &q), 0);
	assert_int_equal(q.kind, FACT_QUESTION_NONE);
	assert_null(q.subject);
	assert_null(q.relation);
	assert_int_equal(fact_question("\xff\xfe?", &q), 0);
	assert_int_equal(fact_question("my?", &q), 0);
	assert_int_equal(fact_question("what's my", &q), 0);
	assert_int_equal(fact_question("do you remember my?", &q), 0);
	fact_question_clear(&q);
	fact_question_clear(NULL);
}

static void
test_question_table(void **state)
{
	const struct question_case	*c;
	struct fact_question		 q;
	size_t				 i, n, failed = 0, positives = 0;
	int				 found, ok;

	(void)state;
	n = sizeof questions / sizeof questions[0];
	for (i = 0; i < n; i++) {
		c = &questions[i];
		if (c->kind != FACT_QUESTION_NONE)
			positives++;
		found = fact_question(c->text, &q);
		ok = found == (c->kind != FACT_QUESTION_NONE) &&
		    q.kind == c->kind;
		if (ok && found) {
			ok = q.subject != NULL &&
			    strcmp(q.subject, c->subject) == 0;
			if (c->relation == NULL)
				ok = ok && q.relation == NULL;
			else
				ok = ok && q.relation != NULL &&
				    strcmp(q.relation, c->relation) == 0;
		}
		if (!ok) {
			failed++;
			print_error("question \"%s\": expected %d %s %s, got "
			    "%d %s %s\n", c->text, c->kind,
			    c->subject != NULL ? c->subject : "-",
			    c->relation != NULL ? c->relation : "-", q.kind,
			    q.subject != NULL ? q.subject : "-",
			    q.relation != NULL ? q.relation : "-");
		}
		fact_question_clear(&q);
	}
	printf("facts questions %zu (%zu positive), %zu wrong\n", n,
	    positives, failed);
	assert_true(n >= 40 && positives >= 20 && n - positives >= 20);
	assert_int_equal(failed, 0);
}

static double
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3);
}

/*
 * Only with JUMBO_FACTS_BENCH=N: the mean time of fact_extract(),
 * fact_question() and fact_forget_request() per labelled message over N
 * runs, and of fact_extract() on a 20 KB and a 400 KB message. Printed,
 * never asserted.
 */
static void
test_extract_speed(void **state)
{
	struct labelled		*items;
	struct fact_list	 list;
	struct fact_question	 q;
	struct fact_forget	 f;
	const char		*env = getenv("JUMBO_FACTS_BENCH");
	char			*big;
	double			 start, extract = 0, question = 0, forget = 0;
	size_t			 n, i, run, runs, size;
	long			 v = 0;

	(void)state;
	if (env != NULL)
		v = strtol(env, NULL, 10);
	if (v <= 0) {
		skip();
		return;
	}
	runs = (size_t)v;
	items = read_fixture(&n);
	for (run = 0; run < runs; run++) {
		start = now_us();
		for (i = 0; i < n; i++) {
			fact_extract(items[i].text, &list);
			fact_list_clear(&list);
		}
		extract += now_us() - start;
		start = now_us();
		for (i = 0; i < n; i++) {
			fact_question(items[i].text, &q);
			fact_question_clear(&q);
		}
		question += now_us() - start;
		start = now_us();
		for (i = 0; i < n; i++) {
			fact_forget_request(items[i].text, &f);
			fact_forget_clear(&f);
		}
		forget += now_us() - start;
	}
	printf("facts speed     %zu messages x %zu runs: fact_extract %.2f us, "
	    "fact_question %.2f us, fact_forget_request %.2f us per "
	    "message\n", n, runs, extract / (double)(n * runs),
	    question / (double)(n * runs), forget / (double)(n * runs));
	for (size = 20000; size <= 400000; size *= 20) {
		big = malloc(size + 1);
		assert_non_null(big);
		for (i = 0; i < size; i++)
			big[i] = "I live in Boston and my sister Ana lives in "
			    "Paris. I love hiking. "[i % 65];
		big[size] = '\0';
		start = now_us();
		for (run = 0; run < 10; run++) {
			fact_extract(big, &list);
			fact_list_clear(&list);
		}
		printf("facts speed     one %zu KB message: fact_extract "
		    "%.0f us\n", size / 1000, (now_us() - start) / 10);
		free(big);
	}
	free_fixture(items, n);
}

/* Requests to forget: the kind, relation and object expected. */
struct forget_case {
	const char		*text;
	enum fact_forget_kind	 kind;
	const char		*relation;
	const char		*object;
};

#define F_NONE(t)		{ t, FACT_FORGET_NONE, NULL, NULL }
#define F_LAST(t)		{ t, FACT_FORGET_LAST, NULL, NULL }
#define F_REL(t, r, o)		{ t, FACT_FORGET_RELATION, r, o }
#define F_OBJ(t, o)		{ t, FACT_FORGET_OBJECT, NULL, o }

static const struct forget_case forgets[] = {
	/* The examples. */
	F_REL("forget where I live", "lives_in", NULL),
	F_REL("forget my sister", "sister", NULL),
	F_OBJ("forget about Rex", "Rex"),
	F_LAST("forget that"),
	F_LAST("please forget what I just said"),

	/* More ways of asking. */
	F_LAST("Forget that."),
	F_LAST("Can you forget that?"),
	F_LAST("jumbo, forget what I said"),
	F_LAST("Never mind, forget that"),
	F_LAST("forget I said that"),
	F_LAST("Please forget the last thing I said."),
	F_LAST("actually, forget what I just told you"),
	F_LAST("could you forget about that please"),
	F_REL("Forget where I work.", "workplace", NULL),
	F_REL("forget what I do for work", "job", NULL),
	F_REL("please forget my birthday", "birthday", NULL),
	F_REL("forget my favourite band", "favourite_band", NULL),
	F_REL("Forget about my ex.", "ex", NULL),
	F_REL("forget my friends", "friend", NULL),
	F_REL("forget my dog Rex", "dog", "Rex"),
	F_REL("Can you forget my sister's name?", "sister", NULL),
	F_REL("I want you to forget my address", "lives_in", NULL),
	F_REL("forget that I live in Boston", "lives_in", "Boston"),
	F_REL("Please forget that I'm allergic to peanuts", "allergy",
	    "peanuts"),
	F_REL("forget where I'm from", "from", NULL),
	F_OBJ("forget Ana", "Ana"),
	F_OBJ("Please forget about Charvik.", "Charvik"),
	F_LAST("delete that"),
	F_REL("erase my job", "job", NULL),
	F_REL("forget what I said about my job", "job", NULL),
	F_OBJ("forget everything about Ana", "Ana"),

	/* Not requests to forget. */
	F_NONE("I forgot my keys"),
	F_NONE("don't forget to buy milk"),
	F_NONE("Don't forget my birthday!"),
	F_NONE("I'll never forget that day"),
	F_NONE("I always forget my password"),
	F_NONE("Did you forget my birthday?"),
	F_NONE("You forgot my sister's name"),
	F_NONE("I want to forget my ex"),
	F_NONE("Let's forget about work for a bit"),
	F_NONE("forget it"),
	F_NONE("Forget it, I'll do it myself"),
	F_NONE("How do I forget someone?"),
	F_NONE("forget-me-nots are my favourite flower"),
	F_NONE("I hope you don't forget that"),
	F_NONE("Why did you forget where I live?"),
	F_NONE("never forget where you came from"),
	F_NONE("I tend to forget things"),
	F_NONE("forget everything"),
	F_NONE("delete that email from my boss"),
	F_NONE("Please remember my birthday"),
	F_NONE("Please don't forget that"),
	F_NONE("Just forget about it"),
	F_NONE("forget everything about me"),
	F_NONE(""),
};

static void
test_forget_edges(void **state)
{
	struct fact_forget	f;

	(void)state;
	assert_int_equal(fact_forget_request(NULL, NULL), 0);
	assert_int_equal(fact_forget_request("forget that", NULL), 0);
	f.kind = FACT_FORGET_LAST;
	f.object = (char *)0x1;
	assert_int_equal(fact_forget_request(NULL, &f), 0);
	assert_int_equal(f.kind, FACT_FORGET_NONE);
	assert_null(f.relation);
	assert_null(f.object);
	assert_int_equal(fact_forget_request("forget", &f), 0);
	assert_int_equal(fact_forget_request("forget about", &f), 0);
	assert_int_equal(fact_forget_request("forget my", &f), 0);
	assert_int_equal(fact_forget_request("forget \xff\xfe", &f), 0);
	fact_forget_clear(&f);
	fact_forget_clear(NULL);
}

static void
test_forget_table(void **state)
{
	const struct forget_case	*c;
	struct fact_forget		 f;
	size_t				 i, n, failed = 0, positives = 0;
	int				 found, ok;

	(void)state;
	n = sizeof forgets / sizeof forgets[0];
	for (i = 0; i < n; i++) {
		c = &forgets[i];
		if (c->kind != FACT_FORGET_NONE)
			positives++;
		found = fact_forget_request(c->text, &f);
		ok = found == (c->kind != FACT_FORGET_NONE) &&
		    f.kind == c->kind;
		if (ok && c->relation != NULL)
			ok = f.relation != NULL &&
			    strcmp(f.relation, c->relation) == 0;
		else if (ok)
			ok = f.relation == NULL;
		if (ok && c->object != NULL)
			ok = f.object != NULL &&
			    strcmp(f.object, c->object) == 0;
		else if (ok)
			ok = f.object == NULL;
		if (!ok) {
			failed++;
			print_error("forget \"%s\": expected %d %s %s, got "
			    "%d %s %s\n", c->text, c->kind,
			    c->relation != NULL ? c->relation : "-",
			    c->object != NULL ? c->object : "-", f.kind,
			    f.relation != NULL ? f.relation : "-",
			    f.object != NULL ? f.object : "-");
		}
		fact_forget_clear(&f);
	}
	printf("facts forget    %zu (%zu positive), %zu wrong\n", n,
	    positives, failed);
	assert_true(n >= 40 && positives >= 20 && n - positives >= 20);
	assert_int_equal(failed, 0);
}

/* The relation table: single values, phrases, what covers what. */
static void
test_relations(void **state)
{
	const char *const	*r;
	size_t			 n = 0;

	(void)state;
	for (r = fact_relations(); *r != NULL; r++) {
		assert_non_null(fact_relation_phrase(*r, 0));
		assert_non_null(fact_relation_phrase(*r, 1));
		assert_true(fact_relation_covers(*r, *r));
		n++;
	}
	assert_true(n >= 40);

	assert_true(fact_relation_single("lives_in"));
	assert_true(fact_relation_single("from"));
	assert_true(fact_relation_single("job"));
	assert_true(fact_relation_single("workplace"));
	assert_true(fact_relation_single("birthday"));
	assert_true(fact_relation_single("wife"));
	assert_true(fact_relation_single("husband"));
	assert_true(fact_relation_single("partner"));
	assert_true(fact_relation_single("girlfriend"));
	assert_true(fact_relation_single("favourite_band"));
	assert_false(fact_relation_single("friend"));
	assert_false(fact_relation_single("best_friend"));
	assert_false(fact_relation_single("sister"));
	assert_false(fact_relation_single("child"));
	assert_false(fact_relation_single("dog"));
	assert_false(fact_relation_single("likes"));
	assert_false(fact_relation_single("dislikes"));
	assert_false(fact_relation_single("allergy"));
	assert_false(fact_relation_single("hobby"));
	assert_false(fact_relation_single("plan"));
	assert_false(fact_relation_single("no_such_relation"));
	assert_false(fact_relation_single(NULL));

	assert_string_equal(fact_relation_phrase("friend", 1), "friends");
	assert_string_equal(fact_relation_phrase("friend", 0), "friend");
	assert_string_equal(fact_relation_phrase("best_friend", 1),
	    "best friends");
	assert_string_equal(fact_relation_phrase("sister", 0), "sister");
	assert_string_equal(fact_relation_phrase("child", 1), "children");
	assert_string_equal(fact_relation_phrase("favourite_band", 0),
	    "favourite band");
	assert_string_equal(fact_relation_phrase("lives_in", 0), "live in");
	assert_string_equal(fact_relation_phrase("no_such", 0), "no_such");
	assert_string_equal(fact_relation_phrase(NULL, 0), "");
	assert_true(fact_relation_noun("sister"));
	assert_true(fact_relation_noun("birthday"));
	assert_false(fact_relation_noun("lives_in"));
	assert_false(fact_relation_noun("likes"));

	/* "Do you remember my friends?" finds best friends too. */
	assert_true(fact_relation_covers("friend", "best_friend"));
	assert_false(fact_relation_covers("best_friend", "friend"));
	assert_true(fact_relation_covers("child", "son"));
	assert_true(fact_relation_covers("child", "daughter"));
	assert_true(fact_relation_covers("sibling", "sister"));
	assert_true(fact_relation_covers("parent", "mother"));
	assert_true(fact_relation_covers("partner", "wife"));
	assert_true(fact_relation_covers("wife", "partner"));
	assert_false(fact_relation_covers("wife", "husband"));
	assert_true(fact_relation_covers("pet", "dog"));
	assert_true(fact_relation_covers("pet", "guinea_pig"));
	assert_false(fact_relation_covers("dog", "cat"));
	assert_true(fact_relation_covers("favourite", "favourite_band"));
	assert_true(fact_relation_covers("likes", "favourite_band"));
	assert_true(fact_relation_covers("family", "sister"));
	assert_true(fact_relation_covers("family", "grandmother"));
	assert_false(fact_relation_covers("family", "friend"));
	assert_false(fact_relation_covers("family", "dog"));
	assert_false(fact_relation_covers("friend", "lives_in"));
	assert_false(fact_relation_covers(NULL, "friend"));
	assert_false(fact_relation_covers("friend", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_extract_edges),
		cmocka_unit_test(test_extract_examples),
		cmocka_unit_test(test_extract_labelled),
		cmocka_unit_test(test_retracted),
		cmocka_unit_test(test_extract_speed),
		cmocka_unit_test(test_relations),
		cmocka_unit_test(test_question_edges),
		cmocka_unit_test(test_question_table),
		cmocka_unit_test(test_forget_edges),
		cmocka_unit_test(test_forget_table),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
