/*
 * libFuzzer target for the checker of a model's analysis. The input is
 * split at its first NUL byte (else its first newline) into the typed
 * text and the model's answer, and the answer goes through
 * llm_analysis_parse(). An accepted answer must keep every promise of
 * core-llm-analysis.h: a known intent; a summary, label, emotions, name
 * and facts that are non-empty, valid UTF-8 without control characters
 * and within their lengths; valence and arousal in [-1, 1] with the parts
 * balancing to the valence; known relations, no triple twice and none
 * both stated and retracted; question and forget left empty. A refused
 * one must leave *a zeroed and give one line of cause naming a field.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core-llm-analysis.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Whether s is non-empty, valid UTF-8, trimmed, without control
 * characters, and at most max bytes.
 */
static int
good_text(const char *s, size_t max)
{
	const unsigned char	*p;
	size_t			 len;

	if (s == NULL || *s == '\0' || (len = strlen(s)) > max)
		return (0);
	if (!utf8_valid(s, len) || s[0] == ' ' || s[len - 1] == ' ')
		return (0);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return (0);
	}
	return (1);
}

/* Whether relation is one fact_relations() lists. */
static int
known_relation(const char *relation)
{
	const char *const	*r;

	for (r = fact_relations(); *r != NULL; r++) {
		if (strcmp(*r, relation) == 0)
			return (1);
	}
	return (0);
}

/* Whether list holds the triple f, other than at index skip. */
static int
list_has(const struct fact_list *list, const struct fact *f, size_t skip)
{
	size_t	i;

	for (i = 0; i < list->count; i++) {
		if (i != skip &&
		    strcmp(list->items[i].subject, f->subject) == 0 &&
		    strcmp(list->items[i].relation, f->relation) == 0 &&
		    strcmp(list->items[i].object, f->object) == 0)
			return (1);
	}
	return (0);
}

static void
check_list(const struct fact_list *list)
{
	const struct fact	*f;
	size_t			 i;

	if (list->count > LLM_ANALYSIS_MAX_FACTS ||
	    (list->count > 0) != (list->items != NULL))
		abort();
	for (i = 0; i < list->count; i++) {
		f = &list->items[i];
		if (!good_text(f->subject, LLM_ANALYSIS_MAX_NAME) ||
		    !good_text(f->relation, LLM_ANALYSIS_MAX_NAME) ||
		    !good_text(f->object, LLM_ANALYSIS_MAX_OBJECT) ||
		    !known_relation(f->relation))
			abort();
		if (f->confidence != LLM_ANALYSIS_CONFIDENCE)
			abort();
		if (list_has(list, f, i))
			abort();
	}
}

static void
check_mood(const struct mood *m)
{
	size_t	i;
	double	balance;

	if (!(m->valence >= -1 && m->valence <= 1) ||
	    !(m->arousal >= -1 && m->arousal <= 1))
		abort();
	if (!(m->positive >= 0 && m->positive <= 1) ||
	    !(m->negative >= 0 && m->negative <= 1))
		abort();
	balance = m->positive - m->negative - m->valence;
	if (balance > 1e-9 || balance < -1e-9)
		abort();
	if (m->polarity != MOOD_NEUTRAL && m->polarity != MOOD_POSITIVE &&
	    m->polarity != MOOD_NEGATIVE && m->polarity != MOOD_MIXED)
		abort();
	if (memchr(m->label, '\0', sizeof m->label) == NULL ||
	    !good_text(m->label, MOOD_LABEL_LEN - 1))
		abort();
	if (m->nemotions > MOOD_EMOTIONS_MAX)
		abort();
	for (i = 0; i < m->nemotions; i++) {
		if (memchr(m->emotions[i], '\0', MOOD_EMOTION_LEN) == NULL ||
		    !good_text(m->emotions[i], MOOD_EMOTION_LEN - 1))
			abort();
	}
}

/* Whether cause is one line naming a field of the answer. */
static int
good_cause(const char *cause)
{
	static const char *const	 fields[] = {
		"answer: ", "intent: ", "summary: ", "name: ", "mood: ",
		"mood.", "facts", "retracted", NULL
	};
	size_t				 i;

	if (cause == NULL || strchr(cause, '\n') != NULL ||
	    !utf8_valid(cause, strlen(cause)))
		return (0);
	for (i = 0; fields[i] != NULL; i++) {
		if (strncmp(cause, fields[i], strlen(fields[i])) == 0)
			return (1);
	}
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct turn_analysis	 zero;
	struct turn_analysis			 a;
	const uint8_t				*cut;
	char					*text, *answer, *cause = NULL;
	size_t					 tlen, alen, i;

	if ((cut = memchr(data, '\0', size)) == NULL)
		cut = memchr(data, '\n', size);
	tlen = cut != NULL ? (size_t)(cut - data) : 0;
	text = xstrndup((const char *)data, tlen);
	alen = cut != NULL ? size - tlen - 1 : size;
	/* The answer alone in its allocation: ASan sees any overread. */
	answer = xmalloc(alen > 0 ? alen : 1);
	memcpy(answer, data + size - alen, alen);

	if (llm_analysis_parse(answer, alen, text, &a, &cause) == 0) {
		if (cause != NULL)
			abort();
		if (a.intent < ANALYZE_CHAT || a.intent > ANALYZE_FORGET)
			abort();
		if (!good_text(a.summary, LLM_ANALYSIS_MAX_SUMMARY))
			abort();
		if (a.name != NULL && !good_text(a.name, LLM_ANALYSIS_MAX_NAME))
			abort();
		check_mood(&a.mood);
		check_list(&a.facts);
		check_list(&a.retracted);
		for (i = 0; i < a.retracted.count; i++) {
			if (list_has(&a.facts, &a.retracted.items[i],
			    (size_t)-1))
				abort();
		}
		if (a.question.kind != FACT_QUESTION_NONE ||
		    a.forget.kind != FACT_FORGET_NONE)
			abort();
		analyze_clear(&a);
	} else {
		if (!good_cause(cause))
			abort();
		if (memcmp(&a, &zero, sizeof zero) != 0)
			abort();
	}
	free(cause);
	free(answer);
	free(text);
	return (0);
}
