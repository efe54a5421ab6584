/*
 * The built-in summarizer. A turn summary reads
 *
 *   Harsha feels tired but proud. Topics: exam, results. Wants: to talk.
 *
 * Topics are the first content words of the message (not function words,
 * not feelings, not the person's name), or the previous turn's when the message has
 * none ("yes, exactly"). The rolling summary reads
 *
 *   Earlier (12 turns). Topics: exam, results, sister. Moods: tired, happy.
 *
 * and keeps at most SUMMARY_ROLLING_TOPICS topics and SUMMARY_ROLLING_MOODS
 * moods, the newest, so it never grows.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-summary.h"
#include "util-buf.h"
#include "util-str.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#define SUMMARY_ROLLING_TOPICS 8
#define SUMMARY_ROLLING_MOODS 4
#define SUMMARY_WORD_MAX 32

/* Words that carry no topic. Sorted, for bsearch. */
static const char *const summary_stopwords[] = {
	"about", "actually", "after", "again", "ago", "almost", "along",
	"already", "also", "always", "anyone", "anything", "anyway", "around",
	"away", "back", "because", "been", "before", "being", "better", "both",
	"bunch", "came", "come", "comes", "could", "didn't", "does", "doesn't",
	"doing", "don't", "done", "down", "each", "else", "enough", "even",
	"ever", "every", "everyone", "everything", "feel", "feeling", "feels",
	"felt", "finally", "from", "gets", "getting", "going", "gone", "gonna",
	"good", "got", "gotta", "great", "guess", "had", "happen", "hasn't",
	"have", "haven't", "having", "hello", "here", "hers", "hey", "him",
	"himself", "his", "honestly", "how's", "i'll", "i'm", "i've", "into",
	"isn't", "it's", "just", "keep", "kind", "know", "last", "least",
	"less", "let's", "like", "little", "long", "look", "lots", "made",
	"make", "many", "maybe", "might", "mine", "more", "most", "much",
	"must", "myself", "need", "never", "next", "nice", "nothing", "okay",
	"once", "only", "other", "ours", "over", "pretty", "quite", "rather",
	"really", "right", "said", "same", "saying", "says", "seem", "seems",
	"should", "since", "some", "someone", "something", "sometimes", "soon",
	"sort", "still", "such", "sure", "take", "tell", "than", "thank",
	"thanks", "that", "that's", "their", "them", "then", "there",
	"there's", "these", "they", "thing", "things", "think", "this",
	"those", "though", "through", "today", "told", "tomorrow", "too",
	"totally", "under", "until", "very", "want", "wanted", "wants",
	"wasn't", "week", "well", "went", "were", "what", "what's", "when",
	"where", "which", "while", "whole", "will", "wish", "with", "without",
	"won't", "would", "wouldn't", "yeah", "year", "years", "yesterday",
	"you're", "your", "yours",
};

static int
summary_compare(const void *a, const void *b)
{
	return (strcmp(*(const char *const *)a, *(const char *const *)b));
}

static int
summary_stopword(const char *word)
{
	return (bsearch(&word, summary_stopwords, sizeof summary_stopwords /
	    sizeof summary_stopwords[0], sizeof summary_stopwords[0],
	    summary_compare) != NULL);
}

/*
 * Copy the next word of *p (letters, digits, inner apostrophes and
 * hyphens) lowercased into word. Returns 0 at the end of the text.
 */
static int
summary_next_word(const char **p, char *word, size_t size)
{
	const char	*s = *p;
	uint32_t	 cp;
	size_t		 used, n = 0, len;
	char		 enc[4];

	len = strlen(s);
	for (;;) {
		if (*s == '\0') {
			*p = s;
			return (0);
		}
		used = utf8_decode(s, len, &cp);
		if (used == 0)
			used = 1;
		else if (utf8_isalpha(cp) || (cp < 0x80 && isdigit(cp)))
			break;
		s += used;
		len -= used;
	}
	while (*s != '\0') {
		used = utf8_decode(s, len, &cp);
		if (used == 0)
			break;
		if (!utf8_isalpha(cp) && !(cp < 0x80 && isdigit(cp)) &&
		    !((cp == '\'' || cp == '-') && s[1] != '\0' &&
		    isalpha((unsigned char)s[1])))
			break;
		used = utf8_encode(utf8_tolower(cp), enc) ;
		if (n + used < size) {
			memcpy(word + n, enc, used);
			n += used;
		}
		s += utf8_decode(s, len, &cp);
		len = strlen(s);
	}
	word[n] = '\0';
	*p = s;
	return (1);
}

/* Whether word is already one of list's n entries. */
static int
summary_has(char list[][SUMMARY_WORD_MAX], size_t n, const char *word)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(list[i], word) == 0)
			return (1);
	}
	return (0);
}

/*
 * Whether a word is a feeling rather than a topic ("tired", "proud"):
 * the mood says those.
 */
static int
summary_feeling(const char *word)
{
	struct mood	 m;
	char		*cause;

	if (mood_load(&cause) != 0) {
		free(cause);
		return (0);
	}
	mood_analyze(word, strlen(word), &m);
	return (m.polarity != MOOD_NEUTRAL);
}

/*
 * Append prefix, then the newest keep entries of list joined with ", ",
 * then a full stop; nothing at all for an empty list.
 */
static void
summary_add_list(struct buf *b, const char *prefix,
    char list[][SUMMARY_WORD_MAX], size_t n, size_t keep)
{
	size_t	i, start;

	if (n == 0)
		return;
	start = n > keep ? n - keep : 0;
	buf_addstr(b, prefix);
	for (i = start; i < n; i++)
		buf_printf(b, "%s%s", i == start ? "" : ", ", list[i]);
	buf_addc(b, '.');
}

/* The topics of text as "a, b, c", or NULL. Result must be freed. */
static char *
summary_text_topics(const char *text, const char *name)
{
	char		 topics[SUMMARY_TOPICS][SUMMARY_WORD_MAX];
	char		 word[SUMMARY_WORD_MAX], lname[SUMMARY_WORD_MAX];
	const char	*p = text, *q = name != NULL ? name : "";
	size_t		 n = 0;
	struct buf	 b;

	if (!summary_next_word(&q, lname, sizeof lname))
		lname[0] = '\0';
	while (n < SUMMARY_TOPICS && summary_next_word(&p, word,
	    sizeof word)) {
		if (strlen(word) < 4 || isdigit((unsigned char)word[0]) ||
		    summary_stopword(word) || strcmp(word, lname) == 0 ||
		    summary_has(topics, n, word) || summary_feeling(word))
			continue;
		snprintf(topics[n++], SUMMARY_WORD_MAX, "%s", word);
	}
	if (n == 0)
		return (NULL);
	buf_init(&b, 0);
	summary_add_list(&b, "", topics, n, n);
	b.len--;	/* no full stop: the caller adds it */
	b.data[b.len] = '\0';
	return (buf_detach(&b));
}

/* What the person wants, by the intent of the message. */
static const char *
summary_want(enum analyze_intent intent)
{
	switch (intent) {
	case ANALYZE_GREETING:
		return ("to say hello");
	case ANALYZE_THANKS:
		return ("to say thanks");
	case ANALYZE_FAREWELL:
		return ("to say goodbye");
	case ANALYZE_DECLINE:
		return ("to leave it there");
	case ANALYZE_HOW_ARE_YOU:
	case ANALYZE_WHO_ARE_YOU:
		return ("to know about jumbo");
	case ANALYZE_ASK_NAME:
	case ANALYZE_RECALL:
		return ("to know what jumbo remembers");
	case ANALYZE_FORGET:
		return ("jumbo to forget something");
	case ANALYZE_QUESTION:
		return ("an answer to a question");
	case ANALYZE_CHAT:
		break;
	}
	return ("to talk");
}

/* The part of a summary after "key: " up to the next ". ", or NULL. */
static char *
summary_field(const char *summary, const char *key)
{
	const char	*p, *end;

	if (summary == NULL || (p = strstr(summary, key)) == NULL)
		return (NULL);
	p += strlen(key);
	if ((end = strstr(p, ". ")) == NULL) {
		end = p + strlen(p);
		if (end > p && end[-1] == '.')
			end--;
	}
	if (end == p)
		return (NULL);
	return (xstrndup(p, end - p));
}

char *
summary_topics(const char *summary)
{
	return (summary_field(summary, "Topics: "));
}

char *
summary_turn(const char *name, const char *text,
    const struct turn_analysis *a, const char *previous)
{
	struct buf	 b;
	char		*topics;

	buf_init(&b, 0);
	if (a->mood.polarity != MOOD_NEUTRAL && a->mood.label[0] != '\0')
		buf_printf(&b, "%s feels %s.", name, a->mood.label);
	else
		buf_printf(&b, "%s is chatting.", name);
	if ((topics = summary_text_topics(text, name)) == NULL)
		topics = summary_topics(previous);
	if (topics != NULL)
		buf_printf(&b, " Topics: %s.", topics);
	free(topics);
	buf_printf(&b, " Wants: %s.", summary_want(a->intent));
	return (buf_detach(&b));
}

/*
 * Split "a, b, c" into list (at most max, the first ones), after the
 * n entries already there, skipping repeats. Returns the new count.
 */
static size_t
summary_split(const char *csv, char list[][SUMMARY_WORD_MAX], size_t n,
    size_t max)
{
	const char	*p = csv, *end;
	char		 item[SUMMARY_WORD_MAX];
	size_t		 len;

	while (p != NULL && *p != '\0' && n < max) {
		end = strstr(p, ", ");
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (len > 0 && len < sizeof item) {
			memcpy(item, p, len);
			item[len] = '\0';
			if (!summary_has(list, n, item))
				snprintf(list[n++], SUMMARY_WORD_MAX, "%s",
				    item);
		}
		p = end != NULL ? end + 2 : NULL;
	}
	return (n);
}

char *
summary_fold(const char *rolling, const char *folded)
{
	char		 topics[SUMMARY_ROLLING_TOPICS * 2][SUMMARY_WORD_MAX];
	char		 moods[SUMMARY_ROLLING_MOODS * 2][SUMMARY_WORD_MAX];
	char		*field, *mood;
	const char	*p;
	long long	 turns = 0;
	size_t		 nt = 0, nm = 0;
	struct buf	 b;

	if (rolling != NULL && str_startswith(rolling, "Earlier (") &&
	    (p = rolling + 9) != NULL)
		turns = strtoll(p, NULL, 10);
	if ((field = summary_field(rolling, "Topics: ")) != NULL)
		nt = summary_split(field, topics, nt, SUMMARY_ROLLING_TOPICS);
	free(field);
	if ((field = summary_field(rolling, "Moods: ")) != NULL)
		nm = summary_split(field, moods, nm, SUMMARY_ROLLING_MOODS);
	free(field);

	if ((field = summary_topics(folded)) != NULL)
		nt = summary_split(field, topics, nt,
		    SUMMARY_ROLLING_TOPICS * 2);
	free(field);
	mood = NULL;
	if (folded != NULL && (p = strstr(folded, " feels ")) != NULL) {
		mood = xstrdup(p + 7);
		mood[strcspn(mood, ".")] = '\0';
	}
	if (mood != NULL && (nm == 0 || strcmp(moods[nm - 1], mood) != 0) &&
	    strlen(mood) < SUMMARY_WORD_MAX)
		snprintf(moods[nm++], SUMMARY_WORD_MAX, "%s", mood);
	free(mood);
	turns++;

	buf_init(&b, 0);
	buf_printf(&b, "Earlier (%lld turn%s).", turns, turns == 1 ? "" : "s");
	summary_add_list(&b, " Topics: ", topics, nt, SUMMARY_ROLLING_TOPICS);
	summary_add_list(&b, " Moods: ", moods, nm, SUMMARY_ROLLING_MOODS);
	return (buf_detach(&b));
}
