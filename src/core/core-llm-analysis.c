/*
 * The model's analysis of a message, checked. The answer is cut down to
 * its JSON object (inside a ``` fence, or the first balanced {...}),
 * parsed with cJSON, and each field is read into a struct turn_analysis
 * under the rules in core-llm-analysis.h. Names and facts must be found
 * in the typed text: that text is folded once (lowercase, runs of white
 * space as one space, invalid bytes as U+FFFD) and every name or object,
 * folded the same way, is looked for in it with memmem() and a check of
 * the word boundaries at either end.
 *
 * Nothing is kept from a rejected answer: fields are read into *a as
 * they pass, and analyze_clear() empties it on the first fault.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "core-analyze.h"
#include "core-fact.h"
#include "core-llm-analysis.h"
#include "core-mood.h"
#include "core-name.h"
#include "util-buf.h"
#include "util-json.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#define LLM_ANALYSIS_MAX_DEPTH	32	/* nesting of {} and [] in the answer */
#define LLM_ANALYSIS_QUOTE	40	/* bytes of a value quoted in a cause */
#define LLM_ANALYSIS_SIGN	0.15	/* |valence| below this: no sign */
#define LLM_ANALYSIS_PATH	48	/* "retracted[31].relation" */

/* The typed text, folded at the first name or fact looked for. */
struct llm_analysis_text {
	const char	*text;
	char		*folded;
	size_t		 len;
};

/* What a JSON value is, for a cause: "a number", "an object". */
static const char *
llm_analysis_type(const cJSON *v)
{
	if (cJSON_IsString(v))
		return ("a string");
	if (cJSON_IsNumber(v))
		return ("a number");
	if (cJSON_IsObject(v))
		return ("an object");
	if (cJSON_IsArray(v))
		return ("an array");
	if (cJSON_IsBool(v))
		return ("a boolean");
	if (cJSON_IsNull(v))
		return ("null");
	return ("something else");
}

/*
 * Quote s (valid UTF-8) for a cause, cut at LLM_ANALYSIS_QUOTE bytes on
 * a character boundary: "colleague_of", "a very long val...".
 */
static void
llm_analysis_quote(const char *s, char *out, size_t size)
{
	size_t	len;

	len = strlen(s);
	if (len <= LLM_ANALYSIS_QUOTE) {
		snprintf(out, size, "\"%s\"", s);
		return;
	}
	len = LLM_ANALYSIS_QUOTE;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	snprintf(out, size, "\"%.*s...\"", (int)len, s);
}

/*
 * The member key of object o, or NULL when absent. Returns 0, or -1 with
 * *cause when the key is given twice (cJSON would quietly take the first).
 */
static int
llm_analysis_member(const cJSON *o, const char *key, const char *path,
    const cJSON **out, char **cause)
{
	const cJSON	*item;

	*out = NULL;
	cJSON_ArrayForEach(item, o) {
		if (item->string == NULL || strcmp(item->string, key) != 0)
			continue;
		if (*out != NULL) {
			xcause(cause, "%s: given twice", path);
			return (-1);
		}
		*out = item;
	}
	return (0);
}

/*
 * Whether cp is white space that becomes a space: tabs, line ends, and
 * the Unicode line and paragraph separators.
 */
static int
llm_analysis_blank(uint32_t cp)
{
	return (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 ||
	    cp == 0x2028 || cp == 0x2029);
}

/*
 * Clean the string s of field path: valid UTF-8, white space (tabs, line
 * ends) as single spaces, ends trimmed, other control characters
 * refused, lowercased if lower, non-empty and at most max bytes. Returns
 * the result (must be freed), or NULL with *cause.
 */
static char *
llm_analysis_clean(const char *s, const char *path, size_t max, int lower,
    char **cause)
{
	struct buf	 b;
	uint32_t	 cp;
	size_t		 len, off, used, n;
	int		 space = 0;
	char		 enc[4];

	len = strlen(s);
	if (!utf8_valid(s, len)) {
		xcause(cause, "%s: not valid UTF-8", path);
		return (NULL);
	}
	buf_init(&b, max);
	for (off = 0; off < len; off += used) {
		used = utf8_decode(s + off, len - off, &cp);
		if (llm_analysis_blank(cp)) {
			space = 1;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			buf_free(&b);
			xcause(cause, "%s: control character U+%04X", path,
			    (unsigned int)cp);
			return (NULL);
		}
		if (space && b.len > 0 && buf_addc(&b, ' ') != 0)
			goto toolong;
		space = 0;
		if (lower) {
			n = utf8_encode(utf8_tolower(cp), enc);
			if (buf_add(&b, enc, n) != 0)
				goto toolong;
		} else if (buf_add(&b, s + off, used) != 0)
			goto toolong;
	}
	if (b.len == 0) {
		buf_free(&b);
		xcause(cause, "%s: empty", path);
		return (NULL);
	}
	return (buf_detach(&b));

toolong:
	buf_free(&b);
	xcause(cause, "%s: longer than %zu bytes", path, max);
	return (NULL);
}

/*
 * The string member key of o, cleaned (see llm_analysis_clean()). *out
 * is NULL when the key is absent or null and !required. Returns 0, or -1
 * with *cause.
 */
static int
llm_analysis_string(const cJSON *o, const char *key, const char *path,
    int required, size_t max, int lower, char **out, char **cause)
{
	const cJSON	*v;

	*out = NULL;
	if (llm_analysis_member(o, key, path, &v, cause) != 0)
		return (-1);
	if (v == NULL || (cJSON_IsNull(v) && !required)) {
		if (!required)
			return (0);
		xcause(cause, "%s: missing", path);
		return (-1);
	}
	if (!cJSON_IsString(v) || v->valuestring == NULL) {
		xcause(cause, "%s: expected a string, got %s", path,
		    llm_analysis_type(v));
		return (-1);
	}
	if ((*out = llm_analysis_clean(v->valuestring, path, max, lower,
	    cause)) == NULL)
		return (-1);
	return (0);
}

/* The number member key of o, in [-1, 1]. Returns 0, or -1 with *cause. */
static int
llm_analysis_unit(const cJSON *o, const char *key, const char *path,
    double *out, char **cause)
{
	const cJSON	*v;

	if (llm_analysis_member(o, key, path, &v, cause) != 0)
		return (-1);
	if (v == NULL) {
		xcause(cause, "%s: missing", path);
		return (-1);
	}
	if (json_get_number(o, key, out) != 0) {
		xcause(cause, "%s: expected a number, got %s", path,
		    llm_analysis_type(v));
		return (-1);
	}
	if (!(*out >= -1.0 && *out <= 1.0)) {
		xcause(cause, "%s: %g is outside [-1, 1]", path, *out);
		return (-1);
	}
	return (0);
}

/*
 * Append the folded form of s (n bytes) to b: code points lowercased,
 * runs of white space as one space, invalid bytes as U+FFFD.
 */
static void
llm_analysis_fold(struct buf *b, const char *s, size_t n)
{
	uint32_t	cp;
	size_t		off, used;
	int		space = 0;
	char		enc[4];

	for (off = 0; off < n; off += used) {
		if ((used = utf8_decode(s + off, n - off, &cp)) == 0)
			used = 1;	/* cp is U+FFFD */
		if (llm_analysis_blank(cp)) {
			if (!space)
				buf_addc(b, ' ');
			space = 1;
			continue;
		}
		space = 0;
		buf_add(b, enc, utf8_encode(utf8_tolower(cp), enc));
	}
}

/* Whether cp is a letter or a digit: a word goes on across it. */
static int
llm_analysis_wordchar(uint32_t cp)
{
	return ((cp >= '0' && cp <= '9') || utf8_isalpha(cp));
}

/* The code point that ends just before p (start is where s begins). */
static uint32_t
llm_analysis_before(const char *start, const char *p)
{
	const char	*q = p;
	uint32_t	 cp;

	if (q == start)
		return (' ');
	q--;
	while (q > start && p - q < 4 && ((unsigned char)*q & 0xc0) == 0x80)
		q--;
	if (utf8_decode(q, (size_t)(p - q), &cp) == 0)
		return (0xfffd);
	return (cp);
}

/* The code point starting at p, before end. */
static uint32_t
llm_analysis_at(const char *p, const char *end)
{
	uint32_t	cp;

	if (p >= end)
		return (' ');
	if (utf8_decode(p, (size_t)(end - p), &cp) == 0)
		return (0xfffd);
	return (cp);
}

/*
 * Whether s (cleaned) is in the typed text, case-insensitively, starting
 * at a word boundary, and ending at one too if whole.
 */
static int
llm_analysis_found(struct llm_analysis_text *t, const char *s, int whole)
{
	struct buf	 needle, folded;
	const char	*hay, *end, *hit;
	uint32_t	 first, final;
	size_t		 n;
	int		 found = 0;

	if (t->folded == NULL) {
		buf_init(&folded, 0);
		llm_analysis_fold(&folded, t->text, strlen(t->text));
		buf_addstr(&folded, "");
		t->len = folded.len;
		t->folded = buf_detach(&folded);
	}
	buf_init(&needle, 0);
	llm_analysis_fold(&needle, s, strlen(s));
	n = needle.len;
	if (n == 0 || n > t->len) {
		buf_free(&needle);
		return (0);
	}
	first = llm_analysis_at(needle.data, needle.data + n);
	final = llm_analysis_before(needle.data, needle.data + n);

	hay = t->folded;
	end = t->folded + t->len;
	while (!found && hay < end && (hit = memmem(hay, (size_t)(end - hay),
	    needle.data, n)) != NULL) {
		found = 1;
		if (llm_analysis_wordchar(first) &&
		    llm_analysis_wordchar(llm_analysis_before(t->folded, hit)))
			found = 0;
		if (whole && llm_analysis_wordchar(final) &&
		    llm_analysis_wordchar(llm_analysis_at(hit + n, end)))
			found = 0;
		hay = hit + 1;
	}
	buf_free(&needle);
	return (found);
}

/* The intent named s, or -1. */
static int
llm_analysis_intent(const char *s)
{
	int	i;

	for (i = ANALYZE_CHAT; i <= ANALYZE_FORGET; i++) {
		if (strcmp(analyze_intent_name(i), s) == 0)
			return (i);
	}
	return (-1);
}

/* The relation of fact_relations() named s in any case, or NULL. */
static const char *
llm_analysis_relation(const char *s)
{
	const char *const	*r;

	for (r = fact_relations(); *r != NULL; r++) {
		if (strcasecmp(*r, s) == 0)
			return (*r);
	}
	return (NULL);
}

/* Whether list holds the triple. */
static int
llm_analysis_has(const struct fact_list *list, const char *subject,
    const char *relation, const char *object)
{
	const struct fact	*f;
	size_t			 i;

	for (i = 0; i < list->count; i++) {
		f = &list->items[i];
		if (strcmp(f->subject, subject) == 0 &&
		    strcmp(f->relation, relation) == 0 &&
		    strcmp(f->object, object) == 0)
			return (1);
	}
	return (0);
}

/*
 * Read one fact, item of field path, and add it to list unless already
 * there or (skip non-NULL) in skip. Returns 0, or -1 with *cause.
 */
static int
llm_analysis_fact(struct llm_analysis_text *t, const cJSON *item,
    const char *path, struct fact_list *list, const struct fact_list *skip,
    char **cause)
{
	char		 field[LLM_ANALYSIS_PATH + 16], quoted[64];
	char		*subject = NULL, *relation = NULL, *object = NULL;
	const char	*known;
	struct fact	*f;

	if (!cJSON_IsObject(item)) {
		xcause(cause, "%s: expected an object, got %s", path,
		    llm_analysis_type(item));
		return (-1);
	}

	snprintf(field, sizeof field, "%s.relation", path);
	if (llm_analysis_string(item, "relation", field, 1,
	    LLM_ANALYSIS_MAX_NAME, 0, &relation, cause) != 0)
		goto fail;
	if ((known = llm_analysis_relation(relation)) == NULL) {
		llm_analysis_quote(relation, quoted, sizeof quoted);
		xcause(cause, "%s: %s is not a relation jumbo knows", field,
		    quoted);
		goto fail;
	}
	free(relation);
	relation = xstrdup(known);

	snprintf(field, sizeof field, "%s.subject", path);
	if (llm_analysis_string(item, "subject", field, 1,
	    LLM_ANALYSIS_MAX_NAME, 0, &subject, cause) != 0)
		goto fail;
	if (strcasecmp(subject, "user") == 0) {
		free(subject);
		subject = xstrdup("user");
	} else if ((known = llm_analysis_relation(subject)) != NULL) {
		free(subject);
		subject = xstrdup(known);
	} else if (!llm_analysis_found(t, subject, 1)) {
		llm_analysis_quote(subject, quoted, sizeof quoted);
		xcause(cause, "%s: %s is not \"user\", a relation or a name in "
		    "the message", field, quoted);
		goto fail;
	}

	snprintf(field, sizeof field, "%s.object", path);
	if (llm_analysis_string(item, "object", field, 1,
	    LLM_ANALYSIS_MAX_OBJECT, 0, &object, cause) != 0)
		goto fail;
	if (!llm_analysis_found(t, object, 0)) {
		llm_analysis_quote(object, quoted, sizeof quoted);
		xcause(cause, "%s: %s is not in the message", field, quoted);
		goto fail;
	}

	if (llm_analysis_has(list, subject, relation, object) ||
	    (skip != NULL && llm_analysis_has(skip, subject, relation,
	    object))) {
		free(subject);
		free(relation);
		free(object);
		return (0);
	}
	list->items = xreallocarray(list->items, list->count + 1,
	    sizeof *list->items);
	f = &list->items[list->count++];
	f->subject = subject;
	f->relation = relation;
	f->object = object;
	f->confidence = LLM_ANALYSIS_CONFIDENCE;
	return (0);

fail:
	free(subject);
	free(relation);
	free(object);
	return (-1);
}

/*
 * Read the facts array key of root into list, leaving out the triples
 * in skip (if not NULL). Returns 0, or -1 with *cause.
 */
static int
llm_analysis_facts(struct llm_analysis_text *t, const cJSON *root,
    const char *key, struct fact_list *list, const struct fact_list *skip,
    char **cause)
{
	const cJSON	*v, *item;
	char		 path[LLM_ANALYSIS_PATH];
	int		 size, i = 0;

	if (llm_analysis_member(root, key, key, &v, cause) != 0)
		return (-1);
	if (v == NULL || cJSON_IsNull(v))
		return (0);
	if (!cJSON_IsArray(v)) {
		xcause(cause, "%s: expected an array, got %s", key,
		    llm_analysis_type(v));
		return (-1);
	}
	size = cJSON_GetArraySize(v);
	if (size > LLM_ANALYSIS_MAX_FACTS) {
		xcause(cause, "%s: %d facts, at most %d", key, size,
		    LLM_ANALYSIS_MAX_FACTS);
		return (-1);
	}
	cJSON_ArrayForEach(item, v) {
		snprintf(path, sizeof path, "%s[%d]", key, i++);
		if (llm_analysis_fact(t, item, path, list, skip, cause) != 0)
			return (-1);
	}
	return (0);
}

/*
 * The sign of an emotion word: that of the valence the built-in mood
 * analyzer gives it alone, 0 when small. mood_load() must have been
 * called.
 */
static int
llm_analysis_emotion_sign(const char *emotion)
{
	struct mood	m;

	mood_analyze(emotion, strlen(emotion), &m);
	if (m.valence >= LLM_ANALYSIS_SIGN)
		return (1);
	if (m.valence <= -LLM_ANALYSIS_SIGN)
		return (-1);
	return (0);
}

/* Set polarity and strengths by the rule in core-llm-analysis.h. */
static void
llm_analysis_polarity(struct mood *m)
{
	size_t	i;
	int	pos = 0, neg = 0, sign;
	double	v = m->valence;

	for (i = 0; i < m->nemotions; i++) {
		sign = llm_analysis_emotion_sign(m->emotions[i]);
		if (sign > 0)
			pos++;
		else if (sign < 0)
			neg++;
	}
	if (strstr(m->label, " but ") != NULL || (pos > 0 && neg > 0))
		m->polarity = MOOD_MIXED;
	else if (v >= LLM_ANALYSIS_SIGN || (v > -LLM_ANALYSIS_SIGN && pos > 0))
		m->polarity = MOOD_POSITIVE;
	else if (v <= -LLM_ANALYSIS_SIGN || neg > 0)
		m->polarity = MOOD_NEGATIVE;
	else
		m->polarity = MOOD_NEUTRAL;

	if (m->polarity == MOOD_MIXED) {
		m->positive = (1.0 + v) / 2.0;
		m->negative = (1.0 - v) / 2.0;
	} else {
		m->positive = v > 0 ? v : 0.0;
		m->negative = v < 0 ? -v : 0.0;
	}
}

/* Read the mood object of root into m. Returns 0, or -1 with *cause. */
static int
llm_analysis_mood(const cJSON *root, struct mood *m, char **cause)
{
	const cJSON	*o, *list, *item;
	char		 path[LLM_ANALYSIS_PATH], *s;
	size_t		 i;
	int		 size, k = 0, duplicate;

	memset(m, 0, sizeof *m);
	if (llm_analysis_member(root, "mood", "mood", &o, cause) != 0)
		return (-1);
	if (o == NULL) {
		xcause(cause, "mood: missing");
		return (-1);
	}
	if (!cJSON_IsObject(o)) {
		xcause(cause, "mood: expected an object, got %s",
		    llm_analysis_type(o));
		return (-1);
	}

	if (llm_analysis_string(o, "label", "mood.label", 1,
	    MOOD_LABEL_LEN - 1, 1, &s, cause) != 0)
		return (-1);
	memcpy(m->label, s, strlen(s) + 1);
	free(s);
	if (llm_analysis_unit(o, "valence", "mood.valence", &m->valence,
	    cause) != 0)
		return (-1);
	if (llm_analysis_unit(o, "arousal", "mood.arousal", &m->arousal,
	    cause) != 0)
		return (-1);

	if (llm_analysis_member(o, "emotions", "mood.emotions", &list,
	    cause) != 0)
		return (-1);
	if (list != NULL && !cJSON_IsNull(list)) {
		if (!cJSON_IsArray(list)) {
			xcause(cause, "mood.emotions: expected an array, "
			    "got %s", llm_analysis_type(list));
			return (-1);
		}
		size = cJSON_GetArraySize(list);
		if (size > MOOD_EMOTIONS_MAX) {
			xcause(cause, "mood.emotions: %d emotions, at most %d",
			    size, MOOD_EMOTIONS_MAX);
			return (-1);
		}
		cJSON_ArrayForEach(item, list) {
			snprintf(path, sizeof path, "mood.emotions[%d]", k++);
			if (!cJSON_IsString(item) ||
			    item->valuestring == NULL) {
				xcause(cause, "%s: expected a string, got %s",
				    path, llm_analysis_type(item));
				return (-1);
			}
			if ((s = llm_analysis_clean(item->valuestring, path,
			    MOOD_EMOTION_LEN - 1, 1, cause)) == NULL)
				return (-1);
			duplicate = 0;
			for (i = 0; i < m->nemotions; i++) {
				if (strcmp(m->emotions[i], s) == 0)
					duplicate = 1;
			}
			if (!duplicate) {
				memcpy(m->emotions[m->nemotions++], s,
				    strlen(s) + 1);
			}
			free(s);
		}
	}
	if (mood_load(cause) != 0)
		return (-1);
	llm_analysis_polarity(m);
	return (0);
}

/* Read the name of root into *name (NULL if none). Returns 0, or -1. */
static int
llm_analysis_name(struct llm_analysis_text *t, const cJSON *root,
    char **name, char **cause)
{
	const cJSON	*v;
	char		*s, quoted[64];

	*name = NULL;
	if (llm_analysis_member(root, "name", "name", &v, cause) != 0)
		return (-1);
	if (v != NULL && cJSON_IsString(v) && v->valuestring != NULL &&
	    v->valuestring[0] == '\0')
		return (0);	/* "" for none, as null */
	if (llm_analysis_string(root, "name", "name", 0, LLM_ANALYSIS_MAX_NAME,
	    0, &s, cause) != 0)
		return (-1);
	if (s == NULL)
		return (0);
	llm_analysis_quote(s, quoted, sizeof quoted);
	if (!llm_analysis_found(t, s, 1)) {
		xcause(cause, "name: %s is not in the message", quoted);
		free(s);
		return (-1);
	}
	*name = name_normalize(s);
	free(s);
	if (*name == NULL) {
		xcause(cause, "name: %s cannot be a name", quoted);
		return (-1);
	}
	return (0);
}

/*
 * End of the balanced {...} or [...] starting at s[0], with strings
 * skipped. Returns its length, or 0 with *cause when it is not closed,
 * nests too deep, or has a \u0000 in a string (cJSON would cut the
 * string there without a word).
 */
static size_t
llm_analysis_balanced(const char *s, size_t n, char **cause)
{
	size_t	i, depth = 0;
	int	string = 0, escape = 0;

	for (i = 0; i < n; i++) {
		if (string) {
			if (escape) {
				escape = 0;
				if (s[i] == 'u' && n - i > 4 &&
				    memcmp(s + i + 1, "0000", 4) == 0) {
					xcause(cause, "answer: \\u0000 in a "
					    "JSON string");
					return (0);
				}
			} else if (s[i] == '\\')
				escape = 1;
			else if (s[i] == '"')
				string = 0;
			continue;
		}
		switch (s[i]) {
		case '"':
			string = 1;
			break;
		case '{':
		case '[':
			if (++depth > LLM_ANALYSIS_MAX_DEPTH) {
				xcause(cause, "answer: JSON nested deeper than "
				    "%d levels", LLM_ANALYSIS_MAX_DEPTH);
				return (0);
			}
			break;
		case '}':
		case ']':
			if (depth == 0 || --depth == 0)
				return (i + 1);
			break;
		}
	}
	xcause(cause, "answer: the JSON object is not closed (cut short?)");
	return (0);
}

/* Whether c is white space in JSON's sense. */
static int
llm_analysis_space(char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

/*
 * Find the JSON object in the answer: inside the first ``` fence if one
 * opens before any '{' (the fence then holds nothing else), else the
 * first balanced {...}. Sets *start and *n; returns 0, or -1 with *cause.
 */
static int
llm_analysis_locate(const char *s, size_t len, size_t *start, size_t *n,
    char **cause)
{
	const char	*brace, *fence;
	size_t		 i, end;

	brace = memchr(s, '{', len);
	fence = memmem(s, len, "```", 3);
	if (fence == NULL || (brace != NULL && brace < fence)) {
		if (brace == NULL) {
			xcause(cause, "answer: no JSON object in it");
			return (-1);
		}
		*start = (size_t)(brace - s);
		if ((*n = llm_analysis_balanced(brace, len - *start,
		    cause)) == 0)
			return (-1);
		return (0);
	}

	/* ```json, or ``` and any language tag, to the end of the line. */
	i = (size_t)(fence - s) + 3;
	while (i < len && s[i] != '\n' && s[i] != '{')
		i++;
	while (i < len && llm_analysis_space(s[i]))
		i++;
	if (i == len || s[i] != '{') {
		xcause(cause, "answer: the ``` block holds no JSON object");
		return (-1);
	}
	*start = i;
	if ((*n = llm_analysis_balanced(s + i, len - i, cause)) == 0)
		return (-1);
	end = i + *n;
	while (end < len && llm_analysis_space(s[end]))
		end++;
	if (end != len && (len - end < 3 || memcmp(s + end, "```", 3) != 0)) {
		xcause(cause, "answer: the ``` block holds more than the JSON "
		    "object");
		return (-1);
	}
	return (0);
}

int
llm_analysis_parse(const char *json, size_t len, const char *text,
    struct turn_analysis *a, char **cause)
{
	struct llm_analysis_text	 t;
	cJSON				*root = NULL;
	const char			*end = NULL;
	char				*s = NULL, quoted[64];
	size_t				 start, n;
	int				 intent;

	memset(a, 0, sizeof *a);
	memset(&t, 0, sizeof t);
	t.text = text != NULL ? text : "";
	if (json == NULL) {
		json = "";
		len = 0;
	}
	if (len > LLM_ANALYSIS_MAX_ANSWER) {
		xcause(cause, "answer: %zu bytes, at most %d", len,
		    LLM_ANALYSIS_MAX_ANSWER);
		return (-1);
	}
	if (llm_analysis_locate(json, len, &start, &n, cause) != 0)
		return (-1);
	if (memchr(json + start, '\0', n) != NULL) {
		xcause(cause, "answer: a NUL byte in the JSON object");
		return (-1);
	}
	root = cJSON_ParseWithLengthOpts(json + start, n, &end, 0);
	if (root == NULL || !cJSON_IsObject(root) || end != json + start + n) {
		xcause(cause, "answer: not valid JSON (at byte %zu)",
		    end != NULL && end >= json ? (size_t)(end - json) : start);
		goto fail;
	}

	if (llm_analysis_string(root, "intent", "intent", 1, 32, 0, &s,
	    cause) != 0)
		goto fail;
	if ((intent = llm_analysis_intent(s)) == -1) {
		llm_analysis_quote(s, quoted, sizeof quoted);
		xcause(cause, "intent: %s is not an intent jumbo knows",
		    quoted);
		goto fail;
	}
	a->intent = (enum analyze_intent)intent;
	free(s);
	s = NULL;

	if (llm_analysis_string(root, "summary", "summary", 1,
	    LLM_ANALYSIS_MAX_SUMMARY, 0, &a->summary, cause) != 0)
		goto fail;
	if (llm_analysis_name(&t, root, &a->name, cause) != 0)
		goto fail;
	if (llm_analysis_mood(root, &a->mood, cause) != 0)
		goto fail;
	if (llm_analysis_facts(&t, root, "facts", &a->facts, NULL,
	    cause) != 0)
		goto fail;
	if (llm_analysis_facts(&t, root, "retracted", &a->retracted,
	    &a->facts, cause) != 0)
		goto fail;

	cJSON_Delete(root);
	free(t.folded);
	return (0);

fail:
	free(s);
	cJSON_Delete(root);
	free(t.folded);
	analyze_clear(a);
	return (-1);
}

static pthread_once_t	 llm_analysis_once = PTHREAD_ONCE_INIT;
static char		*llm_analysis_prompt;

/* Build the instructions, with the intents and relations of this build. */
static void
llm_analysis_build(void)
{
	struct buf		 b;
	const char *const	*r;
	int			 i;

	buf_init(&b, 0);
	buf_addstr(&b,
	    "Analyse the person's message and answer with one JSON object "
	    "only: no other text, no code fence.\n"
	    "\n"
	    "The object has these keys:\n"
	    "- \"intent\": one of ");
	for (i = ANALYZE_CHAT; i <= ANALYZE_FORGET; i++) {
		buf_printf(&b, "%s%s", i == ANALYZE_CHAT ? "" : ", ",
		    analyze_intent_name(i));
	}
	buf_addstr(&b, ".\n"
	    "  chat: a statement (about themselves, their day, anything); "
	    "greeting, thanks, farewell: the message is only that; decline: "
	    "they don't know or would rather not say; how_are_you: they ask "
	    "how you are; who_are_you: they ask who or what you are; "
	    "ask_name: they ask what their own name is; question: any other "
	    "question or request; recall: they ask what you remember about "
	    "them or someone in their life; forget: they ask you to forget "
	    "something.\n"
	    "- \"summary\": one or two sentences on what the message says, "
	    "at most 600 bytes.\n"
	    "- \"name\": the name the person asks to be called in this "
	    "message (\"I'm Alex\", \"call me Sam\"), spelled as they typed "
	    "it; null when they give none. Never the name of someone else.\n"
	    "- \"mood\": {\"label\": \"...\", \"valence\": V, \"arousal\": A, "
	    "\"emotions\": [...]}: label, a few lowercase words a person "
	    "would say (\"tired but proud\", \"calm\", \"neutral\"); "
	    "valence, a number from -1 (unpleasant) to 1 (pleasant); "
	    "arousal, a number from -1 (tired, calm) to 1 (excited, "
	    "furious); emotions, at most 8 lowercase words, strongest "
	    "first, [] when none.\n"
	    "- \"facts\": what the person states about themselves and the "
	    "people, pets and things in their life, at most 32 objects "
	    "{\"subject\": \"...\", \"relation\": \"...\", \"object\": "
	    "\"...\"}; [] when none. subject: \"user\" for the person, a "
	    "name they typed (\"Ana\"), or the relation of someone they "
	    "mention without a name (\"sister\" for \"my sister lives in "
	    "Paris\"). relation: one of the relations below. object: copied "
	    "exactly from their words (\"Charvik\", \"Berlin\"), at most "
	    "200 bytes. Nothing from questions, wishes, hypotheticals or "
	    "negations. One object per value: \"my friends are Charvik and "
	    "Devansh\" gives two facts.\n"
	    "- \"retracted\": facts in the same shape that the person says "
	    "no longer hold or never did (\"I don't live in Boston "
	    "anymore\": {\"subject\": \"user\", \"relation\": \"lives_in\", "
	    "\"object\": \"Boston\"}); [] when none.\n"
	    "\n"
	    "Relations: ");
	for (r = fact_relations(); *r != NULL; r++)
		buf_printf(&b, "%s%s", r == fact_relations() ? "" : ", ", *r);
	buf_addstr(&b, ".\n"
	    "\n"
	    "Take the name and the facts only from the person's own words "
	    "in this message: never guess, infer or invent them, and copy "
	    "each name and object exactly as it appears in the message.\n"
	    "\n"
	    "Example. Message: \"I'm Alex. Just ran my first marathon with "
	    "my best friend Charvik, exhausted but so proud!\" Answer:\n"
	    "{\"intent\": \"chat\", \"summary\": \"Alex ran a first "
	    "marathon with their best friend Charvik and is exhausted but "
	    "proud.\", \"name\": \"Alex\", \"mood\": {\"label\": \"exhausted "
	    "but proud\", \"valence\": 0.4, \"arousal\": 0.3, \"emotions\": "
	    "[\"proud\", \"exhausted\"]}, \"facts\": [{\"subject\": "
	    "\"user\", \"relation\": \"best_friend\", \"object\": "
	    "\"Charvik\"}], \"retracted\": []}\n");
	llm_analysis_prompt = buf_detach(&b);
}

const char *
llm_analysis_instructions(void)
{
	pthread_once(&llm_analysis_once, llm_analysis_build);
	return (llm_analysis_prompt);
}
