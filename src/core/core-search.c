/*
 * Conversational search over every message: a question in, the messages
 * that answer it out, best first.
 *
 * Reading the question (search_parse()). Its words come from the index's
 * own tokenizer (store_search_tokens()), so every word is compared as the
 * index stems it. Then, in order:
 *
 *  - the first words say what kind of answer is wanted: "when" a time,
 *    "who" a name, "how many" (much, old, long) a number;
 *  - a time ("in May", "May 2023", "in 2023", "last month", "this year",
 *    "yesterday", "two weeks ago", "last summer") becomes a span [from,
 *    to), counted from the latest message, not the clock: a conversation
 *    imported from last year still knows what "last month" was;
 *  - question words, auxiliaries, pronouns and the like are dropped, as
 *    is the "s" of "Caroline's";
 *  - a word naming someone who speaks in the conversations is a speaker
 *    (store_search_is_speaker()): their messages count more, and the name
 *    is a light word of its own (a message naming them says little);
 *  - every other word is a group: the word, and the words and phrases of
 *    the synonym groups holding it (data/search-synonyms.txt), lighter.
 *    A phrase of the question that is itself a synonym ("looking into")
 *    is one group.
 *
 * Ranking (search_messages()). The store scores each group of a message
 * by BM25, a group counting once by its best term (store_search_terms()),
 * for the best few hundred messages, and again for the span asked about
 * if there is one. A question that names only people or a time ("what
 * did Caroline do in October?") lists their messages in the span instead,
 * the fullest first.
 *
 * Then context, because the message that answers is often not the one
 * holding the question's words: "How many kids?" "Sixteen." The messages
 * just after the best ones join the candidates, and each candidate takes,
 * group by group, the better of its own score and a share of the score
 * of a message a few turns before it in the same conversation (all of
 * it from a question just before, less from further away, a little from
 * the message after). A candidate said by a speaker named, in the span,
 * or holding the kind of answer wanted counts more.
 *
 * Finally, a remembered fact (store_fact_list()) whose relation or object
 * holds the question's words brings up the message it was learned from.
 *
 * The weights were set on the development questions of bench/search.sh
 * (tests/fixtures/search-questions.jsonl); its held-out ones were not
 * looked at while setting them.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util-buf.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#include "store-fact.h"
#include "store-search.h"

#include "core-data.h"
#include "core-search.h"

/* What a synonym weighs beside the word asked for (1). */
#define SEARCH_SYNONYM_WEIGHT 0.6

/* At most this many synonyms of a group are searched for (the first). */
#define SEARCH_MAX_SYNONYMS 8

/* What a speaker's name weighs as a word of a message. */
#define SEARCH_NAME_WEIGHT 0.3

/* A message by a speaker named counts this much more (1 + boost). */
#define SEARCH_SPEAKER_BOOST 0.6

/* A message in the time span asked about counts this much more. */
#define SEARCH_TIME_BOOST 1.5

/*
 * A fact holding all the question's words lifts the message it came from
 * this many times the best score (a fact holding half of them, half as
 * far).
 */
#define SEARCH_FACT_BOOST 1.5

/*
 * Context. The SEARCH_FOLLOWERS messages after each of the best
 * SEARCH_NEIGHBOURS candidates become candidates. A candidate takes a
 * share of each group's score of the messages up to SEARCH_WINDOW turns
 * before it: all of it just after a question, SEARCH_NEXT_SHARE just
 * after anything else, SEARCH_WINDOW_SHARE / (d - 1) d turns after; and
 * SEARCH_PREVIOUS_SHARE of the message just after it.
 */
#define SEARCH_NEIGHBOURS 20
#define SEARCH_FOLLOWERS 2
#define SEARCH_WINDOW 3
#define SEARCH_REPLY_SHARE 1.0
#define SEARCH_NEXT_SHARE 0.6
#define SEARCH_WINDOW_SHARE 0.6
#define SEARCH_PREVIOUS_SHARE 0.2

/*
 * A message holding the kind of thing the question asks for (a number
 * for "how many", a time for "when", a name for "who") counts this much
 * more.
 */
#define SEARCH_KIND_BOOST 0.5

/*
 * How many candidates the search over everything brings (at least), and
 * the one over the span asked about, or a listing.
 */
#define SEARCH_CANDIDATES 300
#define SEARCH_CANDIDATES_FILTERED 50

/* At most this many people named in a question are searched for. */
#define SEARCH_MAX_SPEAKERS 4

/* The longest question read (bytes). */
#define SEARCH_MAX_QUERY 4096

#define SEARCH_DAY_MS (24 * 60 * 60 * 1000LL)

/* Words that say nothing about what to look for in a message. */
static const char *search_stopwords[] = {
	"a", "about", "above", "actually", "after", "again", "all", "also",
	"am", "an", "and", "any", "anyone", "anything", "are", "aren",
	"around", "as", "at", "be", "because", "been", "before", "being",
	"both", "but", "by", "can", "could", "couldn", "did", "didn", "do",
	"does", "doesn", "doing", "don", "during", "each", "else", "ever",
	"for", "from", "get", "gets", "getting", "got", "had", "hadn",
	"happen", "happened", "happening", "happens", "has", "hasn", "have",
	"haven", "having", "he", "her", "here", "hers", "herself", "him",
	"himself", "his", "how", "i", "if", "in", "into", "is", "isn", "it",
	"its", "itself", "just", "kind", "know", "let", "lot", "many", "me",
	"mention", "mentioned", "more", "most", "much", "my", "myself", "of",
	"off", "on", "or", "other", "our", "ours", "out", "over", "please",
	"really", "recall", "remember", "said", "say", "says", "she",
	"should", "shouldn", "so", "some", "someone", "something", "such",
	"talk", "talked", "talking", "tell", "than", "that", "the", "their",
	"theirs", "them", "themselves", "then", "there", "these", "they",
	"thing", "things", "this", "those", "to", "too", "up", "us", "very",
	"was", "wasn", "we", "were", "weren", "what", "whatever", "when",
	"where", "whether", "which", "while", "who", "whom", "whose", "why",
	"will", "with", "would", "wouldn", "you", "your", "yours",
	"yourself",
};

/* Words by which the person asks about themselves: facts about "user". */
static const char *search_first_person[] = {
	"i", "me", "my", "mine", "myself",
};

/* The endings a tokenizer leaves behind an apostrophe: Caroline's, can't. */
static const char *search_clitics[] = { "s", "t", "d", "m", "ll", "re", "ve" };

static const char *search_months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/* Short forms of months that are not also common words. */
static const struct {
	const char	*word;
	int		 month;		/* 0-11 */
} search_month_abbreviations[] = {
	{ "jan", 0 }, { "feb", 1 }, { "apr", 3 }, { "jun", 5 }, { "jul", 6 },
	{ "aug", 7 }, { "sep", 8 }, { "sept", 8 }, { "oct", 9 },
	{ "nov", 10 }, { "dec", 11 },
};

/* Seasons, by their first month (0-11) and length in months. */
static const struct {
	const char	*word;
	int		 first;
} search_seasons[] = {
	{ "spring", 2 }, { "summer", 5 }, { "fall", 8 }, { "autumn", 8 },
	{ "winter", 11 },
};

/* Words before a month or season that make it a time ("in May"). */
static const char *search_time_lead[] = {
	"in", "during", "since", "early", "late", "mid", "last", "this",
	"of", "by", "before", "after", "until", "from", "the", "over",
	"past", "previous",
};

static const char *search_numbers[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve"
};

/* Words that are numbers in a message (not "one": it is everywhere). */
static const char *search_number_words[] = {
	"two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
	"forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
	"thousand", "million", "dozen", "half", "couple",
};

/* Words that say when in a message. */
static const char *search_when_words[] = {
	"yesterday", "today", "tonight", "tomorrow", "ago", "monday",
	"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"weekend", "morning", "evening", "afternoon", "night", "week",
	"month", "year", "january", "february", "march", "april", "may",
	"june", "july", "august", "september", "october", "november",
	"december", "spring", "summer", "autumn", "winter", "christmas",
	"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
	"eighth", "ninth", "tenth", "fifteenth", "twentieth", "thirtieth",
	"finally", "since",
};

/* One word of the question. */
struct search_word {
	char	*lower;		/* as typed, lower case */
	char	*raw;		/* as typed */
	char	*stem;		/* as the index has it */
	int	 used;		/* taken by a time, or dropped */
};

/* The question's words. */
struct search_words {
	struct search_word	*items;
	size_t			 n;
};

/* One synonym group: its entries, each stemmed. */
struct search_entry {
	char	*text;		/* as written in the file */
	char	**stems;
	size_t	 nstems;
};

struct search_synonyms {
	struct search_entry	*entries;
	size_t			 nentries;
	size_t			*group_start;	/* a group's first entry */
	size_t			 ngroups;	/* and one more, the end */
};

/* A candidate message while ranking. */
struct search_candidate {
	struct store_message	 message;
	double			 base;		/* from the store */
	double			*groups;	/* each group's score */
	size_t			 ngroups;
	double			 score;
	int			 fact;		/* brought by a fact */
};

struct search_candidates {
	struct search_candidate	*items;
	size_t			 n;
	size_t			 cap;
};

/* Whether word is in list (n entries). */
static int
search_in(const char *word, const char **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(list[i], word) == 0)
			return (1);
	}
	return (0);
}

#define SEARCH_IN(word, list) \
	search_in(word, list, sizeof list / sizeof list[0])

/* A lower-case copy of len bytes of text. Result must be freed. */
static char *
search_lower(const char *text, size_t len)
{
	struct buf	 b;
	char		 encoded[4];
	size_t		 used;
	uint32_t	 cp;

	buf_init(&b, 0);
	while (len > 0) {
		if ((used = utf8_decode(text, len, &cp)) == 0) {
			buf_addc(&b, *text);
			used = 1;
		} else
			buf_add(&b, encoded, utf8_encode(utf8_tolower(cp),
			    encoded));
		text += used;
		len -= used;
	}
	if (b.data == NULL)
		return (xstrdup(""));
	return (buf_detach(&b));
}

static void
search_words_clear(struct search_words *w)
{
	size_t	i;

	for (i = 0; i < w->n; i++) {
		free(w->items[i].lower);
		free(w->items[i].raw);
		free(w->items[i].stem);
	}
	free(w->items);
	w->items = NULL;
	w->n = 0;
}

/*
 * Split query into words with the index's tokenizer, dropping what an
 * apostrophe leaves (the "s" of "Caroline's").
 */
static int
search_words(struct store *s, const char *query, struct search_words *w,
    char **cause)
{
	struct store_search_token	*tokens;
	struct search_word		*word;
	size_t				 n, i, len;
	char				*lower;

	w->items = NULL;
	w->n = 0;
	if (store_search_tokens(s, query, &tokens, &n, cause) != 0)
		return (-1);
	w->items = xcalloc(n + 1, sizeof *w->items);
	for (i = 0; i < n; i++) {
		len = tokens[i].end - tokens[i].start;
		lower = search_lower(query + tokens[i].start, len);
		if (tokens[i].start > 0 && SEARCH_IN(lower, search_clitics) &&
		    (query[tokens[i].start - 1] == '\'' ||
		    (tokens[i].start >= 3 && memcmp(query + tokens[i].start -
		    3, "\xe2\x80\x99", 3) == 0))) {
			free(lower);
			continue;
		}
		word = &w->items[w->n++];
		word->lower = lower;
		word->raw = xstrndup(query + tokens[i].start, len);
		word->stem = xstrdup(tokens[i].stem);
	}
	store_search_tokens_free(tokens, n);
	return (0);
}

/* The number a word stands for (digits, or "two"), or -1. */
static long
search_number(const char *word)
{
	size_t	i;
	long	value = 0;

	if (strcmp(word, "a") == 0 || strcmp(word, "an") == 0)
		return (1);
	if (strcmp(word, "couple") == 0)
		return (2);
	if (strcmp(word, "few") == 0)
		return (3);
	for (i = 0; i < sizeof search_numbers / sizeof search_numbers[0]; i++) {
		if (strcmp(word, search_numbers[i]) == 0)
			return ((long)i);
	}
	if (*word == '\0' || strlen(word) > 6)
		return (-1);
	for (; *word != '\0'; word++) {
		if (*word < '0' || *word > '9')
			return (-1);
		value = value * 10 + (*word - '0');
	}
	return (value);
}

/* The month (0-11) a word names, or -1. */
static int
search_month(const char *word)
{
	size_t	i;

	for (i = 0; i < 12; i++) {
		if (strcmp(word, search_months[i]) == 0)
			return ((int)i);
	}
	for (i = 0; i < sizeof search_month_abbreviations /
	    sizeof search_month_abbreviations[0]; i++) {
		if (strcmp(word, search_month_abbreviations[i].word) == 0)
			return (search_month_abbreviations[i].month);
	}
	return (-1);
}

/* The year a word is, if it is one a conversation can be in, or -1. */
static int
search_year(const char *word)
{
	long	n;

	if (strlen(word) != 4 || (n = search_number(word)) < 1970 ||
	    n > 2200)
		return (-1);
	return ((int)n);
}

/* Milliseconds at the start of a day (month 0-11; both may overflow). */
static int64_t
search_date(int year, int month, int day)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	year += month / 12;
	month %= 12;
	if (month < 0) {
		month += 12;
		year--;
	}
	tm.tm_year = year - 1900;
	tm.tm_mon = month;
	tm.tm_mday = day;
	return ((int64_t)timegm(&tm) * 1000);
}

/* The UTC calendar of ms. */
static void
search_calendar(int64_t ms, struct tm *tm)
{
	time_t	t = (time_t)(ms / 1000);

	gmtime_r(&t, tm);
}

/*
 * The span of month (0-11) most recently begun by reference; with
 * before, the latest one ended by then ("last May").
 */
static void
search_month_span(int64_t reference, int month, int length, int before,
    int64_t *from, int64_t *to)
{
	struct tm	now;
	int		year;

	search_calendar(reference, &now);
	year = now.tm_year + 1900;
	if (month > now.tm_mon)
		year--;
	if (before && search_date(year, month + length, 1) > reference)
		year--;
	*from = search_date(year, month, 1);
	*to = search_date(year, month + length, 1);
}

/* Whether word is digits only ("8", "2023"). */
static int
search_digits(const char *word)
{
	if (*word == '\0')
		return (0);
	for (; *word != '\0'; word++) {
		if (*word < '0' || *word > '9')
			return (0);
	}
	return (1);
}

/* Whether the word before word i leads into a time: "in", "last", "8". */
static int
search_time_led(struct search_words *w, size_t i)
{
	return (i > 0 && (SEARCH_IN(w->items[i - 1].lower, search_time_lead) ||
	    search_digits(w->items[i - 1].lower)));
}

/*
 * Find the first time the words name, mark its words used and set the
 * span [*from, *to), or leave both 0. "Now" is the latest message, asked
 * of the store only when a time is found.
 */
static int
search_time(struct store *s, struct search_words *w, int64_t *from,
    int64_t *to, char **cause)
{
	struct search_word	*word;
	struct tm		 now;
	int64_t			 reference = 0, day, start;
	size_t			 i, j, k;
	int			 month, year, last, this, unit;
	long			 count;

	*from = *to = 0;
	for (i = 0; i < w->n; i++) {
		word = &w->items[i];
		month = search_month(word->lower);
		year = search_year(word->lower);
		last = strcmp(word->lower, "last") == 0 ||
		    strcmp(word->lower, "past") == 0 ||
		    strcmp(word->lower, "previous") == 0;
		this = strcmp(word->lower, "this") == 0;
		for (k = 0; k < sizeof search_seasons /
		    sizeof search_seasons[0]; k++) {
			if (strcmp(word->lower, search_seasons[k].word) == 0)
				break;
		}
		if (month < 0 && year < 0 && !last && !this &&
		    k == sizeof search_seasons / sizeof search_seasons[0] &&
		    strcmp(word->lower, "yesterday") != 0 &&
		    strcmp(word->lower, "today") != 0 &&
		    strcmp(word->lower, "tonight") != 0 &&
		    strcmp(word->lower, "ago") != 0)
			continue;

		if (reference == 0) {
			if (store_search_latest(s, &reference, cause) != 0)
				return (-1);
			if (reference == 0)
				reference = (int64_t)time(NULL) * 1000;
		}
		search_calendar(reference, &now);
		day = search_date(now.tm_year + 1900, now.tm_mon, now.tm_mday);

		/* "May 2023", "in May", "8 May", "May 8". */
		if (month >= 0) {
			/* "may" is a verb, "June" a name: "in May" is not. */
			if (!search_time_led(w, i) && (i + 1 >= w->n ||
			    !search_digits(w->items[i + 1].lower)))
				continue;
			word->used = 1;
			if (i + 1 < w->n &&
			    (year = search_year(w->items[i + 1].lower)) > 0) {
				w->items[i + 1].used = 1;
				*from = search_date(year, month, 1);
				*to = search_date(year, month + 1, 1);
			} else if (i + 2 < w->n &&
			    strcmp(w->items[i + 1].lower, "of") == 0 &&
			    (year = search_year(w->items[i + 2].lower)) > 0) {
				w->items[i + 1].used = w->items[i + 2].used = 1;
				*from = search_date(year, month, 1);
				*to = search_date(year, month + 1, 1);
			} else {
				search_month_span(reference, month, 1, i > 0 &&
				    strcmp(w->items[i - 1].lower, "last") == 0,
				    from, to);
			}
			if (i > 0 && (strcmp(w->items[i - 1].lower, "last") ==
			    0 || strcmp(w->items[i - 1].lower, "this") == 0))
				w->items[i - 1].used = 1;
			return (0);
		}
		if (year > 0) {
			word->used = 1;
			*from = search_date(year, 0, 1);
			*to = search_date(year + 1, 0, 1);
			return (0);
		}
		/* "last summer", "in the fall", "summer 2023". */
		if (k < sizeof search_seasons / sizeof search_seasons[0]) {
			if (!search_time_led(w, i) && (i + 1 >= w->n ||
			    search_year(w->items[i + 1].lower) < 0))
				continue;
			word->used = 1;
			if (i + 1 < w->n &&
			    (year = search_year(w->items[i + 1].lower)) > 0) {
				w->items[i + 1].used = 1;
				*from = search_date(year,
				    search_seasons[k].first, 1);
				*to = search_date(year,
				    search_seasons[k].first + 3, 1);
			} else {
				search_month_span(reference,
				    search_seasons[k].first, 3, i > 0 &&
				    strcmp(w->items[i - 1].lower, "last") == 0,
				    from, to);
			}
			if (i > 0 && (strcmp(w->items[i - 1].lower, "last") ==
			    0 || strcmp(w->items[i - 1].lower, "this") == 0))
				w->items[i - 1].used = 1;
			return (0);
		}
		if (strcmp(word->lower, "yesterday") == 0) {
			word->used = 1;
			*from = day - SEARCH_DAY_MS;
			*to = day;
			return (0);
		}
		if (strcmp(word->lower, "today") == 0 ||
		    strcmp(word->lower, "tonight") == 0) {
			word->used = 1;
			*from = day;
			*to = day + SEARCH_DAY_MS;
			return (0);
		}
		/* "two weeks ago": around then, a unit either side. */
		if (strcmp(word->lower, "ago") == 0) {
			if (i < 1)
				continue;
			j = i - 1;
			unit = 0;
			if (strncmp(w->items[j].lower, "day", 3) == 0)
				unit = 1;
			else if (strncmp(w->items[j].lower, "week", 4) == 0)
				unit = 7;
			else if (strncmp(w->items[j].lower, "month", 5) == 0)
				unit = 30;
			else if (strncmp(w->items[j].lower, "year", 4) == 0)
				unit = 365;
			if (unit == 0)
				continue;
			count = 1;
			if (j > 0 && (count = search_number(
			    w->items[j - 1].lower)) >= 0)
				w->items[j - 1].used = 1;
			else
				count = 1;
			if (count > 1000)
				continue;
			word->used = w->items[j].used = 1;
			start = day - count * unit * SEARCH_DAY_MS;
			*from = start - unit * SEARCH_DAY_MS;
			*to = start + (unit + 1) * SEARCH_DAY_MS;
			return (0);
		}
		/* "last week", "this month", "last night", "this year". */
		if ((last || this) && i + 1 < w->n) {
			const char	*next = w->items[i + 1].lower;

			if (strcmp(next, "night") == 0 && last) {
				*from = day - SEARCH_DAY_MS;
				*to = day;
			} else if (strcmp(next, "week") == 0) {
				start = day - (int64_t)((now.tm_wday + 6) % 7) *
				    SEARCH_DAY_MS;
				*from = last ? start - 7 * SEARCH_DAY_MS :
				    start;
				*to = last ? start : start + 7 * SEARCH_DAY_MS;
			} else if (strcmp(next, "month") == 0) {
				year = now.tm_year + 1900;
				*from = search_date(year, now.tm_mon - last, 1);
				*to = search_date(year, now.tm_mon - last + 1,
				    1);
			} else if (strcmp(next, "year") == 0) {
				year = now.tm_year + 1900 - last;
				*from = search_date(year, 0, 1);
				*to = search_date(year + 1, 0, 1);
			} else
				continue;
			word->used = w->items[i + 1].used = 1;
			return (0);
		}
	}
	return (0);
}

/* What kind of answer the question's first words ask for. */
static enum search_kind
search_kind(const struct search_words *w)
{
	size_t		 i;
	const char	*next;

	for (i = 0; i < w->n && i < 3; i++) {
		next = i + 1 < w->n ? w->items[i + 1].lower : "";
		if (strcmp(w->items[i].lower, "when") == 0)
			return (SEARCH_KIND_TIME);
		if (strcmp(w->items[i].lower, "who") == 0 ||
		    strcmp(w->items[i].lower, "whom") == 0 ||
		    strcmp(w->items[i].lower, "whose") == 0)
			return (SEARCH_KIND_NAME);
		if (strcmp(w->items[i].lower, "how") == 0 &&
		    (strcmp(next, "many") == 0 || strcmp(next, "much") == 0 ||
		    strcmp(next, "old") == 0 || strcmp(next, "long") == 0))
			return (SEARCH_KIND_NUMBER);
	}
	return (SEARCH_KIND_ANY);
}

/*
 * Whether text holds the kind of thing asked for: a number (digits or a
 * number word), a time word, or a name (a capitalised word inside a
 * sentence, other than "I" and the question's own words).
 */
static int
search_holds(const char *text, enum search_kind kind,
    const struct search_query *q)
{
	const char	*p, *start;
	char		 word[32];
	size_t		 len, i;
	int		 sentence = 1, found = 0, capital;

	if (text == NULL || kind == SEARCH_KIND_ANY)
		return (0);
	for (p = text; *p != '\0' && !found; ) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'))) {
			if (*p == '.' || *p == '!' || *p == '?')
				sentence = 1;
			p++;
			continue;
		}
		start = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'))
			p++;
		len = p - start;
		capital = *start >= 'A' && *start <= 'Z';
		if (len >= sizeof word) {
			sentence = 0;
			continue;
		}
		for (i = 0; i < len; i++) {
			word[i] = start[i] >= 'A' && start[i] <= 'Z' ?
			    start[i] - 'A' + 'a' : start[i];
		}
		word[len] = '\0';
		switch (kind) {
		case SEARCH_KIND_NUMBER:
			found = (*start >= '0' && *start <= '9') ||
			    SEARCH_IN(word, search_number_words);
			break;
		case SEARCH_KIND_TIME:
			found = SEARCH_IN(word, search_when_words) ||
			    (len == 4 && search_year(word) > 0);
			break;
		case SEARCH_KIND_NAME:
			found = capital && !sentence && strcmp(word, "i") != 0;
			for (i = 0; found && i < q->nspeakers; i++)
				found = strcasecmp(word, q->speakers[i]) != 0;
			break;
		default:
			break;
		}
		sentence = 0;
	}
	return (found);
}

static void
search_synonyms_clear(struct search_synonyms *syn)
{
	size_t	i, j;

	for (i = 0; i < syn->nentries; i++) {
		free(syn->entries[i].text);
		for (j = 0; j < syn->entries[i].nstems; j++)
			free(syn->entries[i].stems[j]);
		free(syn->entries[i].stems);
	}
	free(syn->entries);
	free(syn->group_start);
	memset(syn, 0, sizeof *syn);
}

/*
 * Whether a line of the synonyms may hold one of the words: it holds the
 * stem of one, less its last letter (porter changes at most the end of a
 * word: "happy" is "happi", "studies" and "study" are "studi"). A cheap
 * test before the line is tokenized.
 */
static int
search_synonyms_wanted(const char *line, size_t len,
    const struct search_words *w)
{
	const char	*stem;
	size_t		 i, n;

	for (i = 0; i < w->n; i++) {
		stem = w->items[i].stem;
		if ((n = strlen(stem)) >= 4)
			n--;
		if (n == 0 || n > len)
			continue;
		if (memmem(line, len, stem, n) != NULL)
			return (1);
	}
	return (0);
}

/*
 * Read the groups of data/search-synonyms.txt that may hold one of the
 * words: one group a line, entries separated by commas, each stemmed by
 * the index's tokenizer (one call a line).
 */
static int
search_synonyms_load(struct store *s, const struct search_words *w,
    struct search_synonyms *syn, char **cause)
{
	struct store_search_token	*tokens;
	struct search_entry		*entry;
	const char			*data, *line, *end, *p, *comma;
	size_t				 len, ntokens, i;
	size_t				 cap = 0, gcap = 0;
	char				*copy;

	memset(syn, 0, sizeof *syn);
	if ((data = data_file("search-synonyms.txt", &len, cause)) == NULL)
		return (-1);
	for (line = data; line < data + len; line = end + 1) {
		if ((end = memchr(line, '\n', data + len - line)) == NULL)
			end = data + len;
		while (line < end && (*line == ' ' || *line == '\t'))
			line++;
		if (line == end || *line == '#' ||
		    !search_synonyms_wanted(line, end - line, w))
			continue;
		copy = xstrndup(line, end - line);
		if (store_search_tokens(s, copy, &tokens, &ntokens,
		    cause) != 0) {
			free(copy);
			search_synonyms_clear(syn);
			return (-1);
		}
		if (syn->ngroups + 2 > gcap) {
			gcap = gcap == 0 ? 256 : gcap * 2;
			syn->group_start = xreallocarray(syn->group_start, gcap,
			    sizeof *syn->group_start);
		}
		syn->group_start[syn->ngroups] = syn->nentries;

		/* Each entry takes the tokens between its commas. */
		i = 0;
		for (p = copy; *p != '\0'; p = comma + 1) {
			if ((comma = strchr(p, ',')) == NULL)
				comma = p + strlen(p);
			if (syn->nentries >= cap) {
				cap = cap == 0 ? 1024 : cap * 2;
				syn->entries = xreallocarray(syn->entries, cap,
				    sizeof *syn->entries);
			}
			entry = &syn->entries[syn->nentries];
			memset(entry, 0, sizeof *entry);
			while (i < ntokens && tokens[i].start <
			    (size_t)(comma - copy)) {
				entry->stems = xreallocarray(entry->stems,
				    entry->nstems + 1, sizeof *entry->stems);
				entry->stems[entry->nstems++] =
				    xstrdup(tokens[i].stem);
				i++;
			}
			if (entry->nstems != 0) {
				while (*p == ' ' || *p == '\t')
					p++;
				entry->text = xstrndup(p, comma - p);
				syn->nentries++;
			}
			if (*comma == '\0')
				break;
		}
		store_search_tokens_free(tokens, ntokens);
		free(copy);
		if (syn->nentries > syn->group_start[syn->ngroups])
			syn->ngroups++;
	}
	if (syn->group_start == NULL)
		syn->group_start = xcalloc(1, sizeof *syn->group_start);
	syn->group_start[syn->ngroups] = syn->nentries;
	return (0);
}

/* Whether entry matches the stems of words from i (n words there). */
static int
search_entry_matches(const struct search_entry *entry,
    const struct search_words *w, size_t i)
{
	size_t	j;

	if (i + entry->nstems > w->n)
		return (0);
	for (j = 0; j < entry->nstems; j++) {
		if (w->items[i + j].used ||
		    strcmp(entry->stems[j], w->items[i + j].stem) != 0)
			return (0);
	}
	return (1);
}

/* Whether two entries have the same stems. */
static int
search_entry_same(const struct search_entry *a, const struct search_entry *b)
{
	size_t	i;

	if (a->nstems != b->nstems)
		return (0);
	for (i = 0; i < a->nstems; i++) {
		if (strcmp(a->stems[i], b->stems[i]) != 0)
			return (0);
	}
	return (1);
}

/* Add a term to q. */
static void
search_add_term(struct search_query *q, const char *phrase, double weight,
    int group)
{
	struct store_search_term	*t;
	size_t				 i;

	/* The same phrase twice in a group counts once, at its best. */
	for (i = 0; i < q->nterms; i++) {
		if (q->terms[i].group == group &&
		    strcmp(q->terms[i].phrase, phrase) == 0) {
			if (weight > q->terms[i].weight)
				q->terms[i].weight = weight;
			return;
		}
	}
	q->terms = xreallocarray(q->terms, q->nterms + 1, sizeof *q->terms);
	t = &q->terms[q->nterms++];
	t->phrase = xstrdup(phrase);
	t->weight = weight;
	t->group = group;
}

/*
 * Add the synonyms of the words from i, which make entry of group g in
 * syn (or any entry with the same stems: a word may be in many groups),
 * as lighter terms of query group group.
 */
static void
search_add_synonyms(struct search_query *q, const struct search_synonyms *syn,
    const struct search_entry *matched, int group)
{
	const struct search_entry	*entry;
	size_t				 g, e, f, added;

	for (g = 0; g < syn->ngroups; g++) {
		for (e = syn->group_start[g]; e < syn->group_start[g + 1];
		    e++) {
			if (search_entry_same(&syn->entries[e], matched))
				break;
		}
		if (e == syn->group_start[g + 1])
			continue;
		added = 0;
		for (f = syn->group_start[g]; f < syn->group_start[g + 1] &&
		    added < SEARCH_MAX_SYNONYMS; f++) {
			entry = &syn->entries[f];
			if (search_entry_same(entry, matched))
				continue;
			search_add_term(q, entry->text, SEARCH_SYNONYM_WEIGHT,
			    group);
			added++;
		}
	}
}

/* Remember a speaker named in the question, once. */
static void
search_add_speaker(struct search_query *q, const char *name)
{
	size_t	i;

	for (i = 0; i < q->nspeakers; i++) {
		if (strcasecmp(q->speakers[i], name) == 0)
			return;
	}
	q->speakers = xreallocarray(q->speakers, q->nspeakers + 1,
	    sizeof *q->speakers);
	q->speakers[q->nspeakers++] = xstrdup(name);
}

/* Start a new group of q for the word with stem (a name, or not). */
static int
search_new_group(struct search_query *q, const char *stem, int name)
{
	q->stems = xreallocarray(q->stems, q->ngroups + 1, sizeof *q->stems);
	q->names = xreallocarray(q->names, q->ngroups + 1, sizeof *q->names);
	q->stems[q->ngroups] = xstrdup(stem);
	q->names[q->ngroups] = name;
	return ((int)q->ngroups++);
}

int
search_parse(struct store *s, const char *query, struct search_query *q,
    char **cause)
{
	struct search_words	 w;
	struct search_synonyms	 syn;
	const struct search_entry *best;
	struct search_word	*word;
	char			*copy;
	size_t			 i, e, len, groups = 0;
	int			 group, r;

	memset(q, 0, sizeof *q);
	if (query == NULL || *query == '\0')
		return (0);
	if ((len = strlen(query)) > SEARCH_MAX_QUERY)
		len = SEARCH_MAX_QUERY;
	copy = xstrndup(query, len);
	r = search_words(s, copy, &w, cause);
	free(copy);
	if (r != 0)
		return (-1);
	if (w.n == 0) {
		search_words_clear(&w);
		return (0);
	}
	q->kind = search_kind(&w);
	if (search_time(s, &w, &q->from, &q->to, cause) != 0 ||
	    search_synonyms_load(s, &w, &syn, cause) != 0) {
		search_words_clear(&w);
		search_query_clear(q);
		return (-1);
	}

	for (i = 0; i < w.n; i++) {
		word = &w.items[i];
		if (SEARCH_IN(word->lower, search_first_person))
			q->first_person = 1;
		if (word->used)
			continue;

		/* A phrase of the question that is a synonym entry. */
		best = NULL;
		for (e = 0; e < syn.nentries; e++) {
			if (syn.entries[e].nstems > 1 &&
			    search_entry_matches(&syn.entries[e], &w, i) &&
			    (best == NULL ||
			    syn.entries[e].nstems > best->nstems))
				best = &syn.entries[e];
		}
		if (best != NULL) {
			group = search_new_group(q, word->stem, 0);
			search_add_term(q, best->text, 1.0, group);
			search_add_synonyms(q, &syn, best, group);
			for (e = 0; e < best->nstems; e++)
				w.items[i + e].used = 1;
			groups++;
			continue;
		}

		if (SEARCH_IN(word->lower, search_stopwords))
			continue;
		if (q->nspeakers < SEARCH_MAX_SPEAKERS &&
		    (r = store_search_is_speaker(s, word->raw, cause)) != 0) {
			if (r == -1) {
				search_words_clear(&w);
				search_synonyms_clear(&syn);
				search_query_clear(q);
				return (-1);
			}
			search_add_speaker(q, word->raw);
			search_add_term(q, word->raw, SEARCH_NAME_WEIGHT,
			    search_new_group(q, word->stem, 1));
			continue;
		}
		/* A word asked twice is asked once. */
		for (e = 0; e < q->ngroups; e++) {
			if (strcmp(q->stems[e], word->stem) == 0)
				break;
		}
		if (e < q->ngroups)
			continue;
		group = search_new_group(q, word->stem, 0);
		search_add_term(q, word->raw, 1.0, group);
		for (e = 0; e < syn.nentries; e++) {
			if (syn.entries[e].nstems == 1 &&
			    strcmp(syn.entries[e].stems[0], word->stem) == 0) {
				search_add_synonyms(q, &syn, &syn.entries[e],
				    group);
				break;
			}
		}
		groups++;
	}

	/*
	 * Nothing but small words, and no one or time named ("what did you
	 * do?"): search for the small words after all.
	 */
	if (groups == 0 && q->nspeakers == 0 && q->from == 0 && q->to == 0) {
		for (i = 0; i < w.n; i++) {
			if (!w.items[i].used && !SEARCH_IN(w.items[i].lower,
			    search_clitics)) {
				search_add_term(q, w.items[i].raw, 1.0,
				    search_new_group(q, w.items[i].stem, 0));
			}
		}
	}
	search_words_clear(&w);
	search_synonyms_clear(&syn);
	return (0);
}

void
search_query_clear(struct search_query *q)
{
	size_t	i;

	for (i = 0; i < q->nterms; i++)
		free((char *)q->terms[i].phrase);
	free(q->terms);
	for (i = 0; i < q->nspeakers; i++)
		free(q->speakers[i]);
	free(q->speakers);
	for (i = 0; i < q->ngroups; i++)
		free(q->stems[i]);
	free(q->stems);
	free(q->names);
	memset(q, 0, sizeof *q);
}

/* Room for one more candidate; returns it, zeroed. */
static struct search_candidate *
search_grow(struct search_candidates *c)
{
	struct search_candidate	*cand;

	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 64 : c->cap * 2;
		c->items = xreallocarray(c->items, c->cap, sizeof *c->items);
	}
	cand = &c->items[c->n++];
	memset(cand, 0, sizeof *cand);
	return (cand);
}

/* The candidate for seq, or NULL. */
static struct search_candidate *
search_find(struct search_candidates *c, int64_t seq)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		if (c->items[i].message.seq == seq)
			return (&c->items[i]);
	}
	return (NULL);
}

/*
 * Take hits into the candidates (the hits are emptied): a message found
 * twice keeps its best score. base is the score a hit without one (from a
 * listing) gets, falling by rank.
 */
static void
search_take(struct search_candidates *c, struct store_search_hit *hits,
    size_t n, double base)
{
	struct search_candidate	*found;
	size_t			 i;
	double			 score;

	for (i = 0; i < n; i++) {
		score = hits[i].score;
		if (score <= 0.0)
			score = base / (1.0 + i);
		if ((found = search_find(c, hits[i].message.seq)) != NULL) {
			if (score > found->base)
				found->base = score;
			if (found->groups == NULL) {
				found->groups = hits[i].groups;
				found->ngroups = hits[i].ngroups;
				hits[i].groups = NULL;
			}
			continue;
		}
		found = search_grow(c);
		found->message = hits[i].message;
		memset(&hits[i].message, 0, sizeof hits[i].message);
		found->base = score;
		found->groups = hits[i].groups;
		found->ngroups = hits[i].ngroups;
		hits[i].groups = NULL;
	}
	store_search_free(hits, n);
}

/* Whether any word of the speaker's name is one the question named. */
static int
search_said_by_uncached(struct store *s, const struct search_query *q,
    const char *speaker)
{
	struct store_search_token	*names, *tokens;
	size_t				 nnames, ntokens, i, j, k;
	int				 found = 0;

	if (speaker == NULL || q->nspeakers == 0 ||
	    store_search_tokens(s, speaker, &tokens, &ntokens, NULL) != 0)
		return (0);
	for (i = 0; i < q->nspeakers && !found; i++) {
		if (store_search_tokens(s, q->speakers[i], &names, &nnames,
		    NULL) != 0)
			continue;
		for (j = 0; j < nnames && !found; j++) {
			for (k = 0; k < ntokens && !found; k++)
				found = strcmp(names[j].stem,
				    tokens[k].stem) == 0;
		}
		store_search_tokens_free(names, nnames);
	}
	store_search_tokens_free(tokens, ntokens);
	return (found);
}

/*
 * The speakers already looked at by search_said_by(): few people speak in
 * a store, and every candidate asks.
 */
struct search_speakers {
	char	*names[16];
	int	 said[16];
	size_t	 n;
};

static int
search_said_by(struct store *s, const struct search_query *q,
    const char *speaker, struct search_speakers *seen)
{
	size_t	i;
	int	said;

	if (speaker == NULL || q->nspeakers == 0)
		return (0);
	for (i = 0; i < seen->n; i++) {
		if (strcmp(seen->names[i], speaker) == 0)
			return (seen->said[i]);
	}
	said = search_said_by_uncached(s, q, speaker);
	if (seen->n < sizeof seen->names / sizeof seen->names[0]) {
		seen->names[seen->n] = xstrdup(speaker);
		seen->said[seen->n++] = said;
	}
	return (said);
}

static void
search_speakers_clear(struct search_speakers *seen)
{
	size_t	i;

	for (i = 0; i < seen->n; i++)
		free(seen->names[i]);
	seen->n = 0;
}

/*
 * How well a fact answers the question: the share of the question's
 * words (groups that are not names) found among the fact's relation and
 * object, plus a half if it is about a person named (or the person asking
 * asks about themselves). 0 when none is. stems holds the stem of each
 * term of q that is one word, NULL for the others.
 */
static double
search_fact_match(struct store *s, const struct search_query *q,
    char **stems, const struct store_fact *f)
{
	struct store_search_token	*tokens;
	size_t				 ntokens, i, j, k;
	size_t				 matched = 0, words = 0;
	struct buf			 b;
	double				 share;
	char				*p;
	int				 found;

	if (q->ngroups == 0 || f->source == NULL)
		return (0.0);
	buf_init(&b, 0);
	buf_addstr(&b, f->relation);
	for (p = b.data; p != NULL && *p != '\0'; p++) {
		if (*p == '_')
			*p = ' ';
	}
	buf_addc(&b, ' ');
	buf_addstr(&b, f->object);
	if (store_search_tokens(s, buf_str(&b), &tokens, &ntokens,
	    NULL) != 0) {
		buf_free(&b);
		return (0.0);
	}
	buf_free(&b);

	for (i = 0; i < q->ngroups; i++) {
		if (q->names[i])
			continue;
		words++;
		found = 0;
		for (k = 0; k < ntokens && !found; k++)
			found = strcmp(q->stems[i], tokens[k].stem) == 0;
		/* Or a synonym of the group's word, if it is one word. */
		for (j = 0; j < q->nterms && !found; j++) {
			if (q->terms[j].group != (int)i || stems[j] == NULL)
				continue;
			for (k = 0; k < ntokens && !found; k++)
				found = strcmp(stems[j], tokens[k].stem) == 0;
		}
		if (found)
			matched++;
	}
	store_search_tokens_free(tokens, ntokens);
	if (matched == 0)
		return (0.0);
	share = (double)matched / words;
	if (search_said_by_uncached(s, q, f->subject) ||
	    (q->first_person && strcmp(f->subject, "user") == 0))
		share += 0.5;
	return (share);
}

/*
 * Let the facts speak: each fact whose words the question holds raises
 * the message it came from (found among the candidates, or fetched).
 */
static int
search_facts(struct store *s, const struct search_query *q,
    struct search_candidates *c, char **cause)
{
	struct store_fact		*facts;
	struct store_search_token	*tokens;
	struct search_candidate		*found;
	struct store_message		 m;
	size_t				 nfacts, ntokens, i;
	double				 top = 0.0, match;
	char				**stems;
	int				 r, rc = 0;

	if (q->ngroups == 0)
		return (0);
	if (store_fact_list(s, 0, &facts, &nfacts, cause) != 0)
		return (-1);
	if (nfacts == 0) {
		store_fact_free_list(facts, nfacts);
		return (0);
	}
	stems = xcalloc(q->nterms + 1, sizeof *stems);
	for (i = 0; i < q->nterms; i++) {
		if (store_search_tokens(s, q->terms[i].phrase, &tokens,
		    &ntokens, NULL) != 0)
			continue;
		if (ntokens == 1)
			stems[i] = xstrdup(tokens[0].stem);
		store_search_tokens_free(tokens, ntokens);
	}
	for (i = 0; i < c->n; i++) {
		if (c->items[i].score > top)
			top = c->items[i].score;
	}
	if (top <= 0.0)
		top = 1.0;
	for (i = 0; i < nfacts; i++) {
		if ((match = search_fact_match(s, q, stems, &facts[i])) < 0.5)
			continue;
		r = store_message_get(s, facts[i].source, &m, cause);
		if (r == -1) {
			rc = -1;
			break;
		}
		if (r == 1)
			continue;
		if ((found = search_find(c, m.seq)) != NULL)
			store_message_clear(&m);
		else {
			found = search_grow(c);
			found->message = m;
		}
		if (!found->fact) {
			found->score += top * match * SEARCH_FACT_BOOST;
			found->fact = 1;
		}
	}
	for (i = 0; i < q->nterms; i++)
		free(stems[i]);
	free(stems);
	store_fact_free_list(facts, nfacts);
	return (rc);
}

/* Whether text asks something: its last character that is not space. */
static int
search_asks(const char *text)
{
	size_t	len;

	if (text == NULL)
		return (0);
	len = strlen(text);
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\n' ||
	    text[len - 1] == '"' || text[len - 1] == ')'))
		len--;
	return (len > 0 && text[len - 1] == '?');
}

/* By base score, best first. */
static int
search_compare_base(const void *a0, const void *b0)
{
	const struct search_candidate	*a = a0, *b = b0;

	if (a->base != b->base)
		return (a->base > b->base ? -1 : 1);
	return (a->message.seq > b->message.seq ? -1 :
	    a->message.seq < b->message.seq);
}

/* By seq. */
static int
search_compare_seq(const void *a0, const void *b0)
{
	const struct search_candidate	*a = a0, *b = b0;

	return (a->message.seq > b->message.seq ? 1 :
	    a->message.seq < b->message.seq ? -1 : 0);
}

/* The candidate for seq in candidates sorted by seq, or NULL. */
static struct search_candidate *
search_at(struct search_candidates *c, int64_t seq)
{
	struct search_candidate	key;

	if (c->n == 0)
		return (NULL);
	key.message.seq = seq;
	return (bsearch(&key, c->items, c->n, sizeof *c->items,
	    search_compare_seq));
}

/*
 * Whether the query is asked as a question: a question mark, or a first
 * word that opens one.
 */
static int
search_is_question(const char *query)
{
	static const char *const openers[] = {
		"what", "what's", "whats", "when", "where", "who", "whom",
		"whose", "which", "why", "how", "did", "do", "does", "is", "was",
		"were", "are", "has", "have", "had", "can", "could", "will",
		"would", "should", NULL
	};
	const char *const	*o;
	size_t			 len;

	if (strchr(query, '?') != NULL)
		return (1);
	while (*query == ' ' || *query == '\t')
		query++;
	for (o = openers; *o != NULL; o++) {
		len = strlen(*o);
		if (strncasecmp(query, *o, len) == 0 &&
		    (query[len] == ' ' || query[len] == '\0'))
			return (1);
	}
	return (0);
}

/*
 * Add the messages just after the best candidates (in the same
 * conversation) that are not candidates yet: they hold none of the
 * question's words, but may answer it ("How many kids?" "Sixteen.").
 */
static int
search_followers(struct store *s, struct search_candidates *c, char **cause)
{
	struct store_message	 m;
	struct search_candidate	*added;
	int64_t			 seq[SEARCH_NEIGHBOURS];
	char			*conversation[SEARCH_NEIGHBOURS];
	size_t			 i, top;
	int			 r, d, rc = 0;

	if (c->n > 1)
		qsort(c->items, c->n, sizeof *c->items, search_compare_base);
	top = c->n < SEARCH_NEIGHBOURS ? c->n : SEARCH_NEIGHBOURS;
	for (i = 0; i < top; i++) {
		seq[i] = c->items[i].message.seq;
		conversation[i] = xstrdup(c->items[i].message.conversation);
	}
	for (i = 0; i < top && rc == 0; i++) {
		for (d = 1; d <= SEARCH_FOLLOWERS; d++) {
			if (search_find(c, seq[i] + d) != NULL)
				continue;
			r = store_message_get_seq(s, seq[i] + d, &m, cause);
			if (r == -1) {
				rc = -1;
				break;
			}
			if (r == 1)
				break;
			if (strcmp(m.conversation, conversation[i]) != 0) {
				store_message_clear(&m);
				break;
			}
			added = search_grow(c);
			added->message = m;
		}
	}
	for (i = 0; i < top; i++)
		free(conversation[i]);
	return (rc);
}

/*
 * What a message d turns before (d < 0: after) m lends m of its words: a
 * question the most to its reply, then less the further away.
 */
static double
search_share(const struct search_candidate *from, int64_t d)
{
	if (d < 0)
		return (SEARCH_PREVIOUS_SHARE);
	if (d == 1)
		return (search_asks(from->message.text) ?
		    SEARCH_REPLY_SHARE : SEARCH_NEXT_SHARE);
	return (SEARCH_WINDOW_SHARE / (d - 1));
}

/*
 * Score every candidate from its groups and its context: for each group
 * of the question, the better of the message's own score and the best
 * share of it a message around it (in the same conversation) holds. A
 * message that answers is often not the one naming what was asked: "How
 * is Rosie doing?" "She started first grade."
 */
static void
search_context(const struct search_query *q, struct search_candidates *c)
{
	struct search_candidate	*m, *near;
	double			 own, best, share;
	size_t			 i, g;
	int64_t			 d;

	if (c->n > 1)
		qsort(c->items, c->n, sizeof *c->items, search_compare_seq);
	for (i = 0; i < c->n; i++) {
		m = &c->items[i];
		m->score = 0.0;
		if (m->groups == NULL && m->base > 0.0) {
			/* From a listing: no words to weigh. */
			m->score = m->base;
			continue;
		}
		for (g = 0; g < q->ngroups; g++) {
			own = g < m->ngroups ? m->groups[g] : 0.0;
			best = own;
			for (d = -1; d <= (int64_t)SEARCH_WINDOW; d++) {
				if (d == 0 || (near = search_at(c,
				    m->message.seq - d)) == NULL ||
				    near->groups == NULL ||
				    g >= near->ngroups ||
				    strcmp(near->message.conversation,
				    m->message.conversation) != 0)
					continue;
				share = search_share(near, d) * near->groups[g];
				if (share > best)
					best = share;
			}
			m->score += best;
		}
	}
}

/* Best first; ties to the newer message. */
static int
search_compare(const void *a0, const void *b0)
{
	const struct search_candidate	*a = a0, *b = b0;

	if (a->score != b->score)
		return (a->score > b->score ? -1 : 1);
	if (a->message.seq != b->message.seq)
		return (a->message.seq > b->message.seq ? -1 : 1);
	return (0);
}

static void
search_candidates_clear(struct search_candidates *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		store_message_clear(&c->items[i].message);
		free(c->items[i].groups);
	}
	free(c->items);
	memset(c, 0, sizeof *c);
}

int
search_messages(struct store *s, const char *query, size_t limit,
    struct store_search_hit **hits, size_t *n, char **cause)
{
	struct search_query		 q;
	struct search_candidates	 c = { NULL, 0, 0 };
	struct search_speakers		 seen = { { NULL }, { 0 }, 0 };
	struct search_candidate		*cand;
	struct store_search_filter	 filter;
	struct store_search_hit		*found, *out;
	size_t				 nfound, i, want, content = 0;
	int				 timed;

	*hits = NULL;
	*n = 0;
	if (search_parse(s, query, &q, cause) != 0)
		return (-1);
	timed = q.from != 0 || q.to != 0;
	if (q.nterms == 0 && q.nspeakers == 0 && !timed) {
		search_query_clear(&q);
		return (0);
	}
	for (i = 0; i < q.ngroups; i++) {
		if (!q.names[i])
			content++;
	}
	want = limit > SEARCH_CANDIDATES ? limit : SEARCH_CANDIDATES;

	/* Everything (unless only people or a time were named). */
	if (q.nterms != 0 && (content != 0 || (q.nspeakers == 0 && !timed))) {
		if (store_search_terms(s, q.terms, q.nterms, NULL, want,
		    &found, &nfound, cause) != 0)
			goto fail;
		search_take(&c, found, nfound, 0.0);
	}
	/* The best of the time asked about. */
	memset(&filter, 0, sizeof filter);
	filter.speaker = NULL;
	filter.from = q.from;
	filter.to = q.to;
	if (timed && content != 0) {
		if (store_search_terms(s, q.terms, q.nterms, &filter,
		    SEARCH_CANDIDATES_FILTERED, &found, &nfound, cause) != 0)
			goto fail;
		search_take(&c, found, nfound, 0.0);
	}
	/* Only people or a time: their messages, the fullest first. */
	if (content == 0 && (q.nspeakers != 0 || timed)) {
		filter.speaker = q.nspeakers != 0 ? q.speakers[0] : NULL;
		if (store_search_filtered(s, &filter, want, &found, &nfound,
		    cause) != 0)
			goto fail;
		search_take(&c, found, nfound, 1.0);
	}

	/*
	 * Turns without the words are brought in only for a question: words
	 * alone ("axolotl") ask for the messages that hold them.
	 */
	if (search_is_question(query) && search_followers(s, &c, cause) != 0)
		goto fail;
	search_context(&q, &c);
	for (i = 0; i < c.n; i++) {
		cand = &c.items[i];
		if (search_said_by(s, &q, cand->message.speaker, &seen))
			cand->score *= 1.0 + SEARCH_SPEAKER_BOOST;
		if (timed && cand->message.time >= q.from &&
		    cand->message.time < q.to)
			cand->score *= 1.0 + SEARCH_TIME_BOOST;
		if (search_holds(cand->message.text, q.kind, &q))
			cand->score *= 1.0 + SEARCH_KIND_BOOST;
	}
	search_speakers_clear(&seen);
	if (search_facts(s, &q, &c, cause) != 0)
		goto fail;

	if (c.n > 1)
		qsort(c.items, c.n, sizeof *c.items, search_compare);
	for (i = 0; i < c.n; i++) {
		free(c.items[i].groups);
		c.items[i].groups = NULL;
	}
	if (limit != 0 && c.n > limit) {
		for (i = limit; i < c.n; i++)
			store_message_clear(&c.items[i].message);
		c.n = limit;
	}
	out = xcalloc(c.n + 1, sizeof *out);
	for (i = 0; i < c.n; i++) {
		out[i].message = c.items[i].message;
		out[i].score = c.items[i].score;
	}
	free(c.items);
	search_query_clear(&q);
	*hits = out;
	*n = c.n;
	return (0);

fail:
	search_speakers_clear(&seen);
	search_candidates_clear(&c);
	search_query_clear(&q);
	return (-1);
}
