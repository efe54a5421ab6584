/*
 * Tests for the name detector (src/core/core-name.c): NULL, empty and
 * edge inputs first, then a labelled table of utterances, each with
 * whether jumbo had just asked "what should I call you?" and the name a
 * person would expect jumbo to take from it (or none), then
 * name_normalize(). The table run prints every utterance that fails and a
 * precision/recall line over the whole table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core-name.h"

struct utterance {
	const char	*text;
	int		 asked;
	const char	*name;		/* NULL: no name in it */
};

#define ASKED	1
#define ANYTIME	0

static const struct utterance utterances[] = {
	/* Answers right after jumbo asked. */
	{ "Harsha", ASKED, "Harsha" },
	{ "harsha", ASKED, "Harsha" },
	{ "Call me Alex", ASKED, "Alex" },
	{ "You can call me Jennifer", ASKED, "Jennifer" },
	{ "Just Alex is fine", ASKED, "Alex" },
	{ "Alex is fine", ASKED, "Alex" },
	{ "I'm Priya", ASKED, "Priya" },
	{ "I am Priya", ASKED, "Priya" },
	{ "It's Priya", ASKED, "Priya" },
	{ "Priya please", ASKED, "Priya" },
	{ "Priya, thanks", ASKED, "Priya" },
	{ "My name is Wei", ASKED, "Wei" },
	{ "Name's Tom", ASKED, "Tom" },
	{ "Hi! I'm Ana", ASKED, "Ana" },
	{ "people call me Kat", ASKED, "Kat" },
	{ "i'm alex", ASKED, "Alex" },
	{ "hi im ana", ASKED, "Ana" },
	{ "hi, i'm priya", ASKED, "Priya" },
	{ "this is Priya", ASKED, "Priya" },
	{ "Priya here", ASKED, "Priya" },
	{ "Sure, Alex", ASKED, "Alex" },
	{ "Oh, Sam", ASKED, "Sam" },
	{ "Hmm, Sam", ASKED, "Sam" },
	{ "Um, Alex I guess", ASKED, "Alex" },
	{ "just Alex", ASKED, "Alex" },
	{ "Alex please", ASKED, "Alex" },
	{ "Alex, thanks!", ASKED, "Alex" },
	{ "Alex!!!", ASKED, "Alex" },
	{ "\"Alex\"", ASKED, "Alex" },
	{ "Harsha :)", ASKED, "Harsha" },
	{ "Harsha \xf0\x9f\x99\x82", ASKED, "Harsha" },
	{ "Hi! Harsha", ASKED, "Harsha" },
	{ "Good morning! Harsha", ASKED, "Harsha" },
	{ "Harsha. Nice to meet you!", ASKED, "Harsha" },
	{ "Sam, nice to meet you", ASKED, "Sam" },
	{ "Fatima. And you?", ASKED, "Fatima" },
	{ "Kat is fine, thank you", ASKED, "Kat" },
	{ "Sam from now on", ASKED, "Sam" },
	{ "HARSHA", ASKED, "Harsha" },
	{ "  priya  ", ASKED, "Priya" },
	{ "the name is Bond", ASKED, "Bond" },
	{ "I'm Alex, and you?", ASKED, "Alex" },
	{ "Alex, but my friends call me Al", ASKED, "Al" },
	{ "kat", ASKED, "Kat" },
	{ "Rex", ASKED, "Rex" },

	/* Names from around the world keep their spelling. */
	{ "Priya", ASKED, "Priya" },
	{ "Wei", ASKED, "Wei" },
	{ "Yuki", ASKED, "Yuki" },
	{ "Oluwaseun", ASKED, "Oluwaseun" },
	{ "Nguy\xe1\xbb\x85n Anh", ASKED, "Nguy\xe1\xbb\x85n Anh" },
	{ "nguy\xe1\xbb\x85n anh", ASKED, "Nguy\xe1\xbb\x85n Anh" },
	{ "Siobh\xc3\xa1n", ASKED, "Siobh\xc3\xa1n" },
	{ "Zo\xc3\xab", ASKED, "Zo\xc3\xab" },
	{ "zo\xc3\xab", ASKED, "Zo\xc3\xab" },
	{ "Jean-Luc", ASKED, "Jean-Luc" },
	{ "jean-luc", ASKED, "Jean-Luc" },
	{ "O'Brien", ASKED, "O'Brien" },
	{ "o'brien", ASKED, "O'Brien" },
	{ "O\xe2\x80\x99" "Brien", ASKED, "O\xe2\x80\x99" "Brien" },
	{ "Mary Ann", ASKED, "Mary Ann" },
	{ "mary ann", ASKED, "Mary Ann" },
	{ "D'Angelo", ASKED, "D'Angelo" },
	{ "d'angelo", ASKED, "D'Angelo" },
	{ "Jos\xc3\xa9", ASKED, "Jos\xc3\xa9" },
	{ "S\xc3\xb8ren", ASKED, "S\xc3\xb8ren" },
	{ "s\xc3\xb8ren", ASKED, "S\xc3\xb8ren" },
	{ "\xc3\x93lafur", ASKED, "\xc3\x93lafur" },
	{ "\xe5\xbc\xa0\xe4\xbc\x9f", ASKED, "\xe5\xbc\xa0\xe4\xbc\x9f" },
	{ "\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf\xe0\xa4\xaf\xe0\xa4"
	    "\xbe", ASKED, "\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf"
	    "\xe0\xa4\xaf\xe0\xa4\xbe" },
	{ "Aditi", ASKED, "Aditi" },
	{ "Chidi", ASKED, "Chidi" },
	{ "Mehmet", ASKED, "Mehmet" },
	{ "Bj\xc3\xb6rn", ASKED, "Bj\xc3\xb6rn" },
	{ "Fatima", ASKED, "Fatima" },
	{ "McKenzie", ASKED, "McKenzie" },
	{ "DeShawn", ASKED, "DeShawn" },
	{ "Mary-Kate", ASKED, "Mary-Kate" },
	{ "A.J.", ASKED, "A.J." },
	{ "Ludwig van Beethoven", ASKED, "Ludwig van Beethoven" },
	{ "ludwig van beethoven", ASKED, "Ludwig van Beethoven" },
	{ "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0", ASKED,
	    "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0" },		/* Анна */
	{ "\xce\xbd\xce\xb9\xce\xba\xce\xbf\xcf\x82", ASKED,
	    "\xce\x9d\xce\xb9\xce\xba\xce\xbf\xcf\x82" },	/* νικος */
	{ "Li", ASKED, "Li" },
	{ "Jan", ASKED, "Jan" },
	{ "call me \xe5\xbc\xa0\xe4\xbc\x9f", ANYTIME,
	    "\xe5\xbc\xa0\xe4\xbc\x9f" },
	{ "I'm Zo\xc3\xab", ANYTIME, "Zo\xc3\xab" },
	{ "My name is Nguy\xe1\xbb\x85n Anh", ANYTIME,
	    "Nguy\xe1\xbb\x85n Anh" },
	{ "I'm Priya Sharma from Mumbai", ANYTIME, "Priya Sharma" },

	/* Explicit changes, at any point in a conversation. */
	{ "call me Sam from now on", ANYTIME, "Sam" },
	{ "From now on, call me Sam", ANYTIME, "Sam" },
	{ "my name's Tom", ANYTIME, "Tom" },
	{ "my name is Tom", ANYTIME, "Tom" },
	{ "my name is tom", ANYTIME, "Tom" },
	{ "My name is actually Alex", ANYTIME, "Alex" },
	{ "my first name is Aditi", ANYTIME, "Aditi" },
	{ "I go by Kat", ANYTIME, "Kat" },
	{ "I usually go by Kat", ANYTIME, "Kat" },
	{ "Actually, I prefer Liz", ANYTIME, "Liz" },
	{ "please call me Dr. Patel", ANYTIME, "Dr. Patel" },
	{ "I'd like you to call me Max", ANYTIME, "Max" },
	{ "you can call me Jo", ANYTIME, "Jo" },
	{ "Can you call me Alex?", ANYTIME, "Alex" },
	{ "Could you please call me Alex from now on?", ANYTIME, "Alex" },
	{ "How about you call me Max?", ANYTIME, "Max" },
	{ "Do you mind calling me Jo?", ANYTIME, "Jo" },
	{ "call me sam", ANYTIME, "Sam" },
	{ "Call me Ishmael.", ANYTIME, "Ishmael" },
	{ "call me Jean-Luc please", ANYTIME, "Jean-Luc" },
	{ "Hey jumbo, call me Sam", ANYTIME, "Sam" },
	{ "I'm Alex. Actually, call me Sam", ANYTIME, "Sam" },
	{ "My name is Alexander but call me Alex", ANYTIME, "Alex" },
	{ "Don't call me Alex, call me Sam", ANYTIME, "Sam" },
	{ "If you could call me Max that'd be great", ANYTIME, "Max" },
	{ "Alex is my name", ANYTIME, "Alex" },
	{ "I'd like to be called Kat", ANYTIME, "Kat" },
	{ "I prefer to be called Liz", ANYTIME, "Liz" },
	{ "I'm known as Kat", ANYTIME, "Kat" },
	{ "everyone calls me Kat", ANYTIME, "Kat" },
	{ "My friends call me Kat", ANYTIME, "Kat" },
	{ "refer to me as Sam", ANYTIME, "Sam" },
	{ "name: Alex", ANYTIME, "Alex" },
	{ "My name is Tom, what's yours?", ANYTIME, "Tom" },
	{ "my name is Christian", ANYTIME, "Christian" },
	{ "call me Christian", ANYTIME, "Christian" },
	{ "Just call me Mary Ann", ANYTIME, "Mary Ann" },
	{ "the name's Bond", ANYTIME, "Bond" },
	{ "call me A.J.", ANYTIME, "A.J." },
	{ "I'd prefer you call me Sam", ANYTIME, "Sam" },
	{ "Hello! My name is Harsha and I'm a developer", ANYTIME,
	    "Harsha" },
	{ "I\xe2\x80\x99m Priya", ANYTIME, "Priya" },
	{ "my name is Wei Zhang", ANYTIME, "Wei Zhang" },
	{ "Call me Ty", ANYTIME, "Ty" },
	{ "Call me Liz, not Elizabeth", ANYTIME, "Liz" },
	{ "my nickname is Bee", ANYTIME, "Bee" },

	/* Introductions with a capitalised name. */
	{ "I'm Alex", ANYTIME, "Alex" },
	{ "Hi, I'm Ana", ANYTIME, "Ana" },
	{ "I am Groot", ANYTIME, "Groot" },
	{ "I'm Mike and I'm an alcoholic", ANYTIME, "Mike" },
	{ "I'm Harsha, nice to meet you", ANYTIME, "Harsha" },
	{ "I'm Irving", ANYTIME, "Irving" },
	{ "I'm just Alex", ANYTIME, "Alex" },
	{ "I'm Ahmed", ANYTIME, "Ahmed" },
	{ "I'm Ty", ANYTIME, "Ty" },
	{ "sorry, I'm Alex", ANYTIME, "Alex" },
	{ "I'M PRIYA", ANYTIME, "Priya" },
	{ "My name is Harsha. I'm tired today.", ANYTIME, "Harsha" },
	{ "i'm mohammed", ASKED, "Mohammed" },
	{ "It is Priya", ASKED, "Priya" },
	{ "ming", ASKED, "Ming" },
	{ "J", ASKED, "J" },

	/* States, origins and jobs are not names. */
	{ "I'm tired", ANYTIME, NULL },
	{ "I'm tired", ASKED, NULL },
	{ "I'm from Boston", ANYTIME, NULL },
	{ "I'm from Boston", ASKED, NULL },
	{ "I'm a teacher", ANYTIME, NULL },
	{ "I'm a teacher", ASKED, NULL },
	{ "I'm Canadian", ANYTIME, NULL },
	{ "I'm Canadian", ASKED, NULL },
	{ "I'm good", ANYTIME, NULL },
	{ "I'm so happy", ANYTIME, NULL },
	{ "I'm not sure", ANYTIME, NULL },
	{ "I'm not sure", ASKED, NULL },
	{ "I'm here", ANYTIME, NULL },
	{ "I'm back", ANYTIME, NULL },
	{ "I'm back!", ASKED, NULL },
	{ "I'm sorry", ANYTIME, NULL },
	{ "I'm Sorry", ANYTIME, NULL },
	{ "I'm alex", ANYTIME, NULL },
	{ "I'm Christian", ANYTIME, NULL },
	{ "I'm OCD", ANYTIME, NULL },
	{ "I'm Feeling Great", ANYTIME, NULL },
	{ "i am so tired", ASKED, NULL },
	{ "I'm going to the store", ANYTIME, NULL },
	{ "I'm Going To The Store Now", ANYTIME, NULL },
	{ "I'm in New York", ANYTIME, NULL },
	{ "I'm Alex's mom", ANYTIME, NULL },
	{ "I'm 25", ANYTIME, NULL },
	{ "i'm good thanks", ASKED, NULL },
	{ "I'm fine, thanks", ASKED, NULL },
	{ "i'm trying", ASKED, NULL },
	{ "i'm nervous", ASKED, NULL },
	{ "it's complicated", ASKED, NULL },
	{ "it's me", ASKED, NULL },
	{ "It's Monday", ANYTIME, NULL },
	{ "I'm Gen Z", ANYTIME, NULL },
	{ "I'm Aries", ANYTIME, NULL },
	{ "I'm Dying", ANYTIME, NULL },
	{ "I'm Dyslexic", ANYTIME, NULL },
	{ "I'm ESL", ANYTIME, NULL },
	{ "my name is spelled with a y", ANYTIME, NULL },
	{ "my name is unusual", ANYTIME, NULL },

	/* "call me" that is not about a name. */
	{ "call me when you're free", ANYTIME, NULL },
	{ "call me crazy, but\xe2\x80\xa6", ANYTIME, NULL },
	{ "call me later", ANYTIME, NULL },
	{ "call me later", ASKED, NULL },
	{ "don't call me Shirley", ANYTIME, NULL },
	{ "never call me that", ANYTIME, NULL },
	{ "Nobody calls me that", ANYTIME, NULL },
	{ "my friends used to call me Bee", ANYTIME, NULL },
	{ "I hate it when people call me Kat", ANYTIME, NULL },
	{ "Why do you call me Alex?", ANYTIME, NULL },
	{ "Did you just call me Sam?", ANYTIME, NULL },
	{ "call me a cab", ANYTIME, NULL },
	{ "call me maybe", ANYTIME, NULL },
	{ "call me old-fashioned", ANYTIME, NULL },
	{ "call me whatever you like", ANYTIME, NULL },
	{ "call me by my name", ANYTIME, NULL },
	{ "call me back", ANYTIME, NULL },
	{ "call me tomorrow at 5", ANYTIME, NULL },
	{ "my mom calls me Sweetie", ANYTIME, NULL },
	{ "Can I call you Alex?", ANYTIME, NULL },
	{ "Please don't call me Sam", ANYTIME, NULL },
	{ "I told you not to call me that", ANYTIME, NULL },
	{ "I don't want you to call me Alex", ANYTIME, NULL },
	{ "Call me, Alex!", ANYTIME, NULL },
	{ "just call me whatever", ASKED, NULL },
	{ "call me whatever you want", ASKED, NULL },

	/* Other people's names. */
	{ "my dog's name is Rex", ANYTIME, NULL },
	{ "my dog's name is Rex", ASKED, NULL },
	{ "my friend Alex is visiting", ANYTIME, NULL },
	{ "my friend Alex is visiting", ASKED, NULL },
	{ "my sister's name is Ana", ANYTIME, NULL },
	{ "Thanks Sam!", ANYTIME, NULL },
	{ "Thanks Sam!", ASKED, NULL },
	{ "Thanks, Sam", ASKED, NULL },
	{ "Hi, Alex", ASKED, NULL },
	{ "my name is not Alex", ANYTIME, NULL },
	{ "that's not my name", ANYTIME, NULL },
	{ "What is my name?", ANYTIME, NULL },

	/* A bare word is a name only right after jumbo asked. */
	{ "Alex", ANYTIME, NULL },
	{ "Just Alex is fine", ANYTIME, NULL },
	{ "Priya please", ANYTIME, NULL },
	{ "Alex?", ASKED, NULL },
	{ "It's Priya", ANYTIME, NULL },
	{ "Hi, this is Priya", ANYTIME, NULL },
	{ "Priya here", ANYTIME, NULL },

	/* Greetings, thanks, answers, chat, questions. */
	{ "Hi", ANYTIME, NULL },
	{ "Hi", ASKED, NULL },
	{ "Hello there", ANYTIME, NULL },
	{ "Hello there", ASKED, NULL },
	{ "Thanks", ASKED, NULL },
	{ "thank you", ASKED, NULL },
	{ "I don't know", ASKED, NULL },
	{ "No idea", ASKED, NULL },
	{ "whatever", ASKED, NULL },
	{ "yes", ASKED, NULL },
	{ "ok", ASKED, NULL },
	{ "lol", ASKED, NULL },
	{ "nothing", ASKED, NULL },
	{ "why?", ASKED, NULL },
	{ "What's your name?", ASKED, NULL },
	{ "What's your name?", ANYTIME, NULL },
	{ "idk lol", ASKED, NULL },
	{ "doesn't matter", ASKED, NULL },
	{ "you pick", ASKED, NULL },
	{ "surprise me", ASKED, NULL },
	{ "none of your business", ASKED, NULL },
	{ "no thanks", ASKED, NULL },
	{ "not telling", ASKED, NULL },
	{ "anything", ASKED, NULL },
	{ "up to you", ASKED, NULL },
	{ "I'd rather not say", ASKED, NULL },
	{ "secret", ASKED, NULL },
	{ "good morning", ASKED, NULL },
	{ "hey there", ASKED, NULL },
	{ "who are you?", ASKED, NULL },
	{ "huh?", ASKED, NULL },
	{ "hmm", ASKED, NULL },
	{ "ugh", ASKED, NULL },
	{ "meh", ASKED, NULL },
	{ "maybe", ASKED, NULL },
	{ "nope", ASKED, NULL },
	{ "dunno", ASKED, NULL },
	{ "me", ASKED, NULL },
	{ "tomorrow", ASKED, NULL },
	{ "k", ASKED, NULL },
	{ "sam sam sam sam", ASKED, NULL },
	{ "I had a long day at work and I'm exhausted", ASKED, NULL },
	{ "I prefer tea", ANYTIME, NULL },
	{ "I prefer Python", ANYTIME, NULL },
	{ "I go by bus", ANYTIME, NULL },
	{ "I'm Alex2", ANYTIME, NULL },
	{ "12345", ASKED, NULL },
	{ "\xf0\x9f\x99\x82\xf0\x9f\x99\x82", ASKED, NULL },
	{ "...", ASKED, NULL },
};

/* NULL, empty and degenerate inputs give no name and never crash. */
static void
test_detect_edges(void **state)
{
	char	*name = (char *)0x1, *big;
	size_t	 i;

	(void)state;
	assert_int_equal(name_detect(NULL, 1, &name), 0);
	assert_null(name);
	assert_int_equal(name_detect("Alex", 1, NULL), 0);
	assert_int_equal(name_detect("", 1, &name), 0);
	assert_null(name);
	assert_int_equal(name_detect("", 0, &name), 0);
	assert_int_equal(name_detect("   \t\n ", 1, &name), 0);
	assert_int_equal(name_detect("?!.,;:", 1, &name), 0);
	assert_int_equal(name_detect("I'm", 0, &name), 0);
	assert_int_equal(name_detect("call me", 0, &name), 0);
	assert_int_equal(name_detect("my name is", 0, &name), 0);
	assert_int_equal(name_detect("Dr.", 1, &name), 0);
	assert_int_equal(name_detect("'", 1, &name), 0);
	assert_int_equal(name_detect("-", 1, &name), 0);

	/* Invalid UTF-8 is read as punctuation, not letters. */
	assert_int_equal(name_detect("\xff\xfe", 1, &name), 0);
	assert_int_equal(name_detect("Al\xc3x", 1, &name), 0);
	assert_int_equal(name_detect("\xc0\xaf" "Alex", 1, &name), 1);
	assert_string_equal(name, "Alex");
	free(name);
	assert_int_equal(name_detect("call me \xed\xa0\x80Sam", 0, &name), 0);

	/* Control characters separate words; they are never in a name. */
	assert_int_equal(name_detect("call me Sam\x01", 0, &name), 1);
	assert_string_equal(name, "Sam");
	free(name);

	/* A name is at most 64 bytes. */
	assert_int_equal(name_detect("call me Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, &name), 0);

	/* A long message is read in bounded time and memory. */
	big = malloc(200001);
	assert_non_null(big);
	for (i = 0; i < 200000; i++)
		big[i] = i % 2 == 0 ? 'a' : ' ';
	big[200000] = '\0';
	assert_int_equal(name_detect(big, 1, &name), 0);
	memcpy(big, "call me Sam. ", 13);
	assert_int_equal(name_detect(big, 0, &name), 1);
	assert_string_equal(name, "Sam");
	free(name);
	free(big);
}

/*
 * Run the table: print each utterance that gives the wrong answer, then
 * precision and recall. A wrong name counts as a false positive and a
 * false negative.
 */
static void
test_detect_table(void **state)
{
	const struct utterance	*u;
	size_t			 i, n;
	size_t			 tp = 0, fp = 0, fn = 0, tn = 0, failed = 0;
	size_t			 positives = 0;
	char			*name;
	int			 found;

	(void)state;
	n = sizeof utterances / sizeof utterances[0];
	for (i = 0; i < n; i++) {
		u = &utterances[i];
		if (u->name != NULL)
			positives++;
		found = name_detect(u->text, u->asked, &name);
		assert_true(found == (name != NULL));
		if (u->name != NULL && found && strcmp(name, u->name) == 0)
			tp++;
		else if (u->name == NULL && !found)
			tn++;
		else {
			if (found)
				fp++;
			if (u->name != NULL)
				fn++;
			failed++;
			print_error("utterance %zu \"%s\" (asked=%d): expected "
			    "%s%s%s, got %s%s%s\n", i, u->text, u->asked,
			    u->name != NULL ? "\"" : "",
			    u->name != NULL ? u->name : "no name",
			    u->name != NULL ? "\"" : "",
			    found ? "\"" : "", found ? name : "no name",
			    found ? "\"" : "");
		}
		free(name);
	}
	print_message("name_detect: %zu utterances, %zu with a name; "
	    "tp %zu fp %zu fn %zu tn %zu; precision %.3f recall %.3f\n", n,
	    positives, tp, fp, fn, tn,
	    tp + fp == 0 ? 1.0 : (double)tp / (double)(tp + fp),
	    tp + fn == 0 ? 1.0 : (double)tp / (double)(tp + fn));
	assert_true(n >= 150);
	assert_int_equal(failed, 0);
}

/* Every detected name is already what name_normalize() would store. */
static void
test_detect_is_normal(void **state)
{
	size_t	 i, n = sizeof utterances / sizeof utterances[0];
	char	*name, *normal;

	(void)state;
	for (i = 0; i < n; i++) {
		if (!name_detect(utterances[i].text, utterances[i].asked,
		    &name))
			continue;
		normal = name_normalize(name);
		assert_non_null(normal);
		assert_string_equal(normal, name);
		free(normal);
		free(name);
	}
}

static void
check_normalize(const char *text, const char *expected)
{
	char	*got;

	got = name_normalize(text);
	if (text == NULL)
		text = "(null)";
	if (expected == NULL) {
		if (got != NULL)
			print_error("name_normalize(\"%s\") gave \"%s\"\n",
			    text, got);
		assert_null(got);
		return;
	}
	if (got == NULL)
		print_error("name_normalize(\"%s\") refused it\n", text);
	assert_non_null(got);
	assert_string_equal(got, expected);
	free(got);
}

static void
test_normalize_edges(void **state)
{
	(void)state;
	check_normalize(NULL, NULL);
	check_normalize("", NULL);
	check_normalize("   ", NULL);
	check_normalize("\t\n", NULL);
	check_normalize("123", NULL);
	check_normalize("!!!", NULL);
	check_normalize("\xf0\x9f\x99\x82", NULL);
	check_normalize("Al\x01x", NULL);
	check_normalize("Mary\nAnn", NULL);
	check_normalize("Al\x7f", NULL);
	check_normalize("Al\xc2\x85x", NULL);		/* C1 control */
	check_normalize("\xff", NULL);
	check_normalize("Al\xc3x", NULL);
	check_normalize("\xed\xa0\x80", NULL);		/* surrogate */
	check_normalize("One Two Three Four", NULL);
	check_normalize("Maria de la Cruz", NULL);
	/* 65 bytes, then 64. */
	check_normalize("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaa", NULL);
	check_normalize("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaa", "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaa");
	check_normalize("  Alex  ", "Alex");
	check_normalize("\tAlex\n", "Alex");
}

static void
test_normalize(void **state)
{
	(void)state;
	check_normalize("Zo\xc3\xab", "Zo\xc3\xab");
	check_normalize("Jean-Luc", "Jean-Luc");
	check_normalize("Mary Ann", "Mary Ann");
	check_normalize("O'Brien", "O'Brien");
	check_normalize("McKenzie", "McKenzie");
	check_normalize("DeShawn", "DeShawn");
	check_normalize("Dr. Patel", "Dr. Patel");
	check_normalize("HARSHA", "HARSHA");
	check_normalize("harsha", "Harsha");
	check_normalize("mary ann", "Mary Ann");
	check_normalize("jean-luc", "Jean-Luc");
	check_normalize("o'brien", "O'Brien");
	check_normalize("d'angelo", "D'Angelo");
	check_normalize("s\xc3\xb8ren", "S\xc3\xb8ren");
	check_normalize("\xc3\xb3lafur", "\xc3\x93lafur");
	check_normalize("ludwig van beethoven", "Ludwig van Beethoven");
	check_normalize("Mary   Ann", "Mary Ann");
	check_normalize("Mary \t Ann", "Mary Ann");
	check_normalize("Mary ann", "Mary ann");
	check_normalize("\xe5\xbc\xa0\xe4\xbc\x9f", "\xe5\xbc\xa0\xe4\xbc\x9f");
	check_normalize("\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf\xe0"
	    "\xa4\xaf\xe0\xa4\xbe", "\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0"
	    "\xa4\xbf\xe0\xa4\xaf\xe0\xa4\xbe");
	check_normalize("nguy\xe1\xbb\x85n anh", "Nguy\xe1\xbb\x85n Anh");
	check_normalize("R2-D2", "R2-D2");
	check_normalize("a", "A");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect_edges),
		cmocka_unit_test(test_detect_table),
		cmocka_unit_test(test_detect_is_normal),
		cmocka_unit_test(test_normalize_edges),
		cmocka_unit_test(test_normalize),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
