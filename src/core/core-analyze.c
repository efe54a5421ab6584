/*
 * The built-in analyzer. Intent is found from the shape of the message:
 * small talk and thanks by their usual phrasings, questions by a question
 * mark or an opening question word or request verb. The name comes from
 * the name detector (core-name.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core-analyze.h"
#include "core-name.h"
#include "util-buf.h"
#include "util-str.h"
#include "util-xmalloc.h"

/*
 * Lowercase ASCII copy of text with punctuation but apostrophes turned
 * into spaces and runs of space collapsed: "Hi, there!!" -> "hi there".
 * Result must be freed.
 */
static char *
analyze_fold(const char *text)
{
	struct buf		 b;
	const unsigned char	*p;
	int			 space = 1;

	buf_init(&b, 0);
	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (isalnum(*p) || *p >= 0x80 || *p == '\'') {
			buf_addc(&b, (char)tolower(*p));
			space = 0;
		} else if (!space) {
			buf_addc(&b, ' ');
			space = 1;
		}
	}
	if (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return (buf_detach(&b));
}

/* Whether folded text is one of the phrases, whole. */
static int
analyze_is(const char *folded, const char *const *phrases)
{
	for (; *phrases != NULL; phrases++) {
		if (strcmp(folded, *phrases) == 0)
			return (1);
	}
	return (0);
}

/* Whether folded text starts with one of the phrases as whole words. */
static int
analyze_starts(const char *folded, const char *const *phrases)
{
	size_t	len;

	for (; *phrases != NULL; phrases++) {
		len = strlen(*phrases);
		if (strncmp(folded, *phrases, len) == 0 &&
		    (folded[len] == '\0' || folded[len] == ' '))
			return (1);
	}
	return (0);
}

static const char *const analyze_greetings[] = {
	"hi", "hello", "hey", "hiya", "howdy", "yo", "hi there",
	"hello there", "hey there", "hey jumbo", "hi jumbo", "hello jumbo",
	"good morning", "good afternoon", "good evening", "morning",
	"evening", "greetings", "sup", "heya", NULL
};
static const char *const analyze_thanks[] = {
	"thanks", "thank you", "thx", "ty", "cheers", "thanks a lot",
	"thank you so much", "thanks so much", "many thanks", "much appreciated",
	"thanks jumbo", "thank you jumbo", "appreciate it", NULL
};
static const char *const analyze_farewells[] = {
	"bye", "goodbye", "good bye", "bye bye", "see you", "see ya",
	"see you later", "good night", "goodnight", "night", "later",
	"talk later", "talk to you later", "ttyl", "cya", "gotta go", NULL
};
static const char *const analyze_declines[] = {
	"i don't know", "i dont know", "idk", "dunno", "no idea", "not sure",
	"i'm not sure", "im not sure", "rather not say", "i'd rather not say",
	"i'd rather not", "i would rather not say", "skip", "pass",
	"doesn't matter", "it doesn't matter", "whatever", "anything",
	"nothing", "no", "nope", "never mind", "nevermind", "no thanks", NULL
};
static const char *const analyze_how_are_you[] = {
	"how are you", "how are you doing", "how r u", "how's it going",
	"hows it going", "how are things", "how have you been",
	"what's up", "whats up", "how do you do", "how are you today", NULL
};
static const char *const analyze_who_are_you[] = {
	"who are you", "what are you", "what's your name", "whats your name",
	"what is your name", "what can you do", "what do you do", NULL
};
static const char *const analyze_ask_name[] = {
	"what's my name", "whats my name", "what is my name",
	"what do you call me", "do you know my name", "who am i",
	"do you remember my name", "what did i tell you to call me", NULL
};
static const char *const analyze_question_words[] = {
	"what", "what's", "whats", "why", "how", "who", "whom", "whose",
	"when", "where", "which", "can you", "could you", "would you",
	"will you", "do you", "does", "is", "are", "should", NULL
};
static const char *const analyze_requests[] = {
	"explain", "write", "summarize", "summarise", "review", "translate", "fix",
	"tell me", "list", "show me", "generate", "create", "compute",
	"calculate", "define", "describe", "compare", "help me", "give me",
	"find", "convert", "debug", "refactor", "rewrite", "draft", NULL
};

/*
 * Whether a message opening with a question word is an exclamation
 * rather than a question: "What a day!", "How nice.".
 */
static int
analyze_exclaims(const char *folded, const char *text, size_t len)
{
	const char	*second;

	if (len > 0 && (text[len - 1] == '!' || text[len - 1] == '.'))
		return (1);
	if ((second = strchr(folded, ' ')) == NULL)
		return (0);
	second++;
	return (str_startswith(second, "a ") || str_startswith(second, "an ")
	    || strcmp(second, "a") == 0);
}

/*
 * A greeting may lead a longer message ("hi, I'm Priya"): only a message
 * that is nothing but a greeting counts as one.
 */
static enum analyze_intent
analyze_find_intent(const char *text)
{
	char			*folded;
	enum analyze_intent	 intent = ANALYZE_CHAT;
	size_t			 len;

	folded = analyze_fold(text);
	len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	if (analyze_is(folded, analyze_greetings))
		intent = ANALYZE_GREETING;
	else if (analyze_is(folded, analyze_thanks))
		intent = ANALYZE_THANKS;
	else if (analyze_is(folded, analyze_farewells))
		intent = ANALYZE_FAREWELL;
	else if (analyze_is(folded, analyze_declines))
		intent = ANALYZE_DECLINE;
	else if (analyze_is(folded, analyze_how_are_you))
		intent = ANALYZE_HOW_ARE_YOU;
	else if (analyze_is(folded, analyze_who_are_you))
		intent = ANALYZE_WHO_ARE_YOU;
	else if (analyze_is(folded, analyze_ask_name))
		intent = ANALYZE_ASK_NAME;
	else if ((len > 0 && text[len - 1] == '?') ||
	    analyze_starts(folded, analyze_requests))
		intent = ANALYZE_QUESTION;
	else if (analyze_starts(folded, analyze_question_words) &&
	    !analyze_exclaims(folded, text, len))
		intent = ANALYZE_QUESTION;
	free(folded);
	return (intent);
}

int
analyze_message(const char *text, int asked, struct turn_analysis *a,
    char **cause)
{
	enum analyze_intent	intent;

	memset(a, 0, sizeof *a);
	if (mood_load(cause) != 0)
		return (-1);
	mood_analyze(text, strlen(text), &a->mood);
	if (name_detect(text, asked, &a->name) != 1)
		a->name = NULL;
	intent = analyze_find_intent(text);
	if (intent != ANALYZE_ASK_NAME) {
		if (fact_forget_request(text, &a->forget)) {
			a->intent = ANALYZE_FORGET;
			return (0);
		}
		if (fact_question(text, &a->question)) {
			a->intent = ANALYZE_RECALL;
			return (0);
		}
		fact_extract(text, &a->facts);
		fact_retracted(text, &a->retracted);
	}
	if (a->name != NULL || a->facts.count > 0 || a->retracted.count > 0)
		a->intent = ANALYZE_CHAT;
	else
		a->intent = intent;
	return (0);
}

void
analyze_clear(struct turn_analysis *a)
{
	free(a->name);
	free(a->summary);
	fact_list_clear(&a->facts);
	fact_list_clear(&a->retracted);
	fact_question_clear(&a->question);
	fact_forget_clear(&a->forget);
	memset(a, 0, sizeof *a);
}

const char *
analyze_intent_name(enum analyze_intent intent)
{
	switch (intent) {
	case ANALYZE_CHAT:
		return ("chat");
	case ANALYZE_GREETING:
		return ("greeting");
	case ANALYZE_THANKS:
		return ("thanks");
	case ANALYZE_FAREWELL:
		return ("farewell");
	case ANALYZE_DECLINE:
		return ("decline");
	case ANALYZE_HOW_ARE_YOU:
		return ("how_are_you");
	case ANALYZE_WHO_ARE_YOU:
		return ("who_are_you");
	case ANALYZE_ASK_NAME:
		return ("ask_name");
	case ANALYZE_QUESTION:
		return ("question");
	case ANALYZE_RECALL:
		return ("recall");
	case ANALYZE_FORGET:
		return ("forget");
	}
	return ("chat");
}
