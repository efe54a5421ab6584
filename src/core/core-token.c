/*
 * The tokeniser of the name detector and the fact extractor.
 *
 * A message is cut into tokens, words and punctuation, reading UTF-8. A
 * word is a run of letters of any script or digits, with inner
 * apostrophes, hyphens and zero-width joiners when a letter follows them,
 * and inner dots after a single letter ("A.J", "U.S"); a final dot stays
 * for initials and for the caller's abbreviations ("A.J.", "Dr."), where
 * it ends no sentence. Each word keeps a lowercase copy for look-ups, with
 * typographic apostrophes as ', and its shape: capitalised, lowercase,
 * shouted, uncased (张伟) or other (digits, "iPhone").
 *
 * A run of punctuation makes one token of the strongest kind in it: a
 * pause (comma, colon, dash, symbol, emoji) ends a clause; a stop (. ! ;
 * newline) or a question mark ends a sentence. Quotes and emphasis are
 * skipped. Every token then knows where its sentence and clause start and
 * whether its sentence asks, so that the readers' checks cost nothing per
 * phrase.
 *
 * The work is bounded: at most TOKEN_MAX tokens are kept.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core-token.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

enum char_class {
	CHAR_WORD,		/* letter, digit or combining mark */
	CHAR_SPACE,
	CHAR_IGNORE,		/* quotes, emphasis, variation selectors */
	CHAR_PAUSE,
	CHAR_STOP,
	CHAR_QUESTION
};

static int
compare_word(const void *key, const void *member)
{
	return (strcmp(key, *(const char *const *)member));
}

/* Whether word is in the sorted table words. */
int
token_lexicon_has(const char *const *words, size_t n, const char *word)
{
	return (bsearch(word, words, n, sizeof *words, compare_word) != NULL);
}

/* Whether c is one of the apostrophes that join a word: ' ’ ʼ. */
int
token_is_apostrophe(uint32_t c)
{
	return (c == '\'' || c == 0x2019 || c == 0x2bc);
}

/* Whether c may join two parts of a word: apostrophe, hyphen, dot, ZWJ. */
static int
is_joiner(uint32_t c)
{
	return (token_is_apostrophe(c) || c == '-' || c == 0x2010 ||
	    c == '.' || c == 0x200c || c == 0x200d);
}

/* Sort a code point into what the tokeniser does with it. */
static enum char_class
char_class(uint32_t c)
{
	switch (c) {
	case ' ': case '\t': case '\r': case '\v': case '\f':
	case 0xa0: case 0x200b: case 0x202f: case 0x205f: case 0x3000:
		return (CHAR_SPACE);
	case '\n': case '.': case '!': case ';': case 0x2026: case 0x3002:
	case 0xff01: case 0xff0e: case 0xff1b: case 0xff61:
		return (CHAR_STOP);
	case '?': case 0xff1f:
		return (CHAR_QUESTION);
	case '"': case '\'': case '`': case '*': case '_': case '~':
	case 0xab: case 0xb4: case 0xbb: case 0x2bc: case 0x2018: case 0x2019:
	case 0x201c: case 0x201d: case 0x201e: case 0x200c: case 0x200d:
	case 0xfe0e: case 0xfe0f:
		return (CHAR_IGNORE);
	}
	if (c >= '0' && c <= '9')
		return (CHAR_WORD);
	if (c >= 0x2000 && c <= 0x200a)
		return (CHAR_SPACE);
	if ((c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	    (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
	    (c >= 0xfe20 && c <= 0xfe2f))
		return (CHAR_WORD);	/* combining marks */
	if ((c >= 0xe000 && c <= 0xf8ff) || (c >= 0xfe10 && c <= 0xfe1f) ||
	    (c >= 0xfe30 && c <= 0xfe6f) || (c >= 0xff01 && c <= 0xff20) ||
	    (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) ||
	    c >= 0xfff0)
		return (CHAR_PAUSE);	/* private use, forms, specials */
	if (utf8_isalpha(c))
		return (CHAR_WORD);
	return (CHAR_PAUSE);
}

/*
 * Write the lowercase form of p (len bytes of valid UTF-8) into out (size
 * bytes), with typographic apostrophes as '. Returns 0, or -1 (out then
 * empty) when it does not fit.
 */
int
token_fold(const char *p, size_t len, char *out, size_t size)
{
	uint32_t	cp;
	size_t		off, used, o = 0, n;
	char		enc[4];

	for (off = 0; off < len; off += used) {
		if ((used = utf8_decode(p + off, len - off, &cp)) == 0)
			break;
		cp = token_is_apostrophe(cp) ? '\'' : utf8_tolower(cp);
		n = utf8_encode(cp, enc);
		if (o + n >= size) {
			out[0] = '\0';
			return (-1);
		}
		memcpy(out + o, enc, n);
		o += n;
	}
	out[o] = '\0';
	return (0);
}

/*
 * The shape of a word: whether it looks capitalised, lowercase, shouted,
 * uncased or not like a name at all; a shout needs rules->shout capitals.
 * With TOKEN_PREFIXED, "d'Angelo" and "al-Hassan" count as capitalised (a
 * short lowercase prefix, then a capital), and joiners are not letters.
 */
static enum word_shape
word_shape(struct token *t, const struct token_rules *rules)
{
	uint32_t	cp;
	size_t		off, used, upper = 0, lower = 0, prefix = 0;
	int		first = -1, joined = 0, after_joiner = -1;
	int		prefixed = rules->flags & TOKEN_PREFIXED;

	t->letters = 0;
	t->lowercase = 0;
	for (off = 0; off < t->len; off += used) {
		used = utf8_decode(t->start + off, t->len - off, &cp);
		if (used == 0)
			return (SHAPE_OTHER);
		if (cp >= '0' && cp <= '9')
			return (SHAPE_OTHER);
		if (prefixed && is_joiner(cp)) {
			joined = 1;
			continue;
		}
		if (!utf8_isalpha(cp))
			continue;
		t->letters++;
		if (!joined)
			prefix++;
		if (utf8_isupper(cp)) {
			upper++;
			if (first == -1)
				first = 1;
			if (joined && after_joiner == -1)
				after_joiner = 1;
		} else if (utf8_islower(cp)) {
			lower++;
			if (first == -1)
				first = 0;
			if (joined && after_joiner == -1)
				after_joiner = 0;
		}
	}
	t->lowercase = lower != 0;
	if (t->letters == 0)
		return (SHAPE_OTHER);
	if (upper == 0 && lower == 0)
		return (SHAPE_UNCASED);
	if (upper == 0)
		return (SHAPE_LOWER);
	if (first == 1) {
		if (lower == 0 && upper >= rules->shout)
			return (SHAPE_SHOUT);
		return (SHAPE_CAPITAL);
	}
	if (prefixed && prefix <= 3 && after_joiner == 1)
		return (SHAPE_CAPITAL);
	return (SHAPE_OTHER);
}

/* Append a token, growing the array. Returns it, or NULL when full. */
static struct token *
scan_add(struct token_scan *s, enum token_type type, const char *p,
    size_t len)
{
	struct token	*t;

	if (s->n == TOKEN_MAX)
		return (NULL);
	if (s->n == s->size) {
		s->size = s->size == 0 ? 32 : s->size * 2;
		s->tokens = xreallocarray(s->tokens, s->size,
		    sizeof *s->tokens);
	}
	t = &s->tokens[s->n++];
	memset(t, 0, sizeof *t);
	t->type = type;
	t->start = p;
	t->len = len;
	t->shape = SHAPE_OTHER;
	return (t);
}

/*
 * Add a punctuation token. A run of punctuation makes one token, of the
 * strongest kind in it ("?!" asks, "..." stops), whose punct is the first
 * byte of the run.
 */
static void
scan_punct(struct token_scan *s, enum token_type type, const char *p,
    size_t len)
{
	struct token	*t;

	if (s->n > 0 && s->tokens[s->n - 1].type != TOKEN_WORD) {
		t = &s->tokens[s->n - 1];
		if (type > t->type)
			t->type = type;
	} else if ((t = scan_add(s, type, p, len)) == NULL)
		return;
	else
		t->punct = *p;
	if (len == 1 && *p == ':')
		t->colon = 1;
}

/*
 * Read the word that starts at off and add it. Inner joiners stay in the
 * word when a letter follows them; a dot only after a single letter
 * ("A.J"), and a final dot is kept for initials and the abbreviations of
 * rules ("A.J.", "Dr."). Returns the offset just past the word.
 */
static size_t
scan_word(struct token_scan *s, const char *text, size_t len, size_t off,
    const struct token_rules *rules)
{
	struct token	*t;
	uint32_t	 cp, next;
	size_t		 start = off, used, used_next, segment = 0;
	int		 dotted = 0;

	while (off < len) {
		if ((used = utf8_decode(text + off, len - off, &cp)) == 0)
			break;
		if (char_class(cp) == CHAR_WORD) {
			off += used;
			segment++;
			continue;
		}
		if (!is_joiner(cp) || (cp == '.' && segment != 1))
			break;
		used_next = utf8_decode(text + off + used, len - off - used,
		    &next);
		if (used_next == 0 || char_class(next) != CHAR_WORD)
			break;
		if (cp == '.')
			dotted = 1;
		off += used;
		segment = 0;
	}
	if ((t = scan_add(s, TOKEN_WORD, text + start, off - start)) == NULL)
		return (len);
	token_fold(t->start, t->len, t->fold, sizeof t->fold);
	if (off < len && text[off] == '.' && ((dotted && segment == 1) ||
	    token_lexicon_has(rules->abbreviations, rules->nabbreviations,
	    t->fold))) {
		t->len++;
		off++;
		token_fold(t->start, t->len, t->fold, sizeof t->fold);
	}
	t->shape = word_shape(t, rules);
	return (off);
}

/*
 * Note for each token where its sentence and clause start and whether its
 * sentence asks, and whether the whole message shouts: three words or
 * more, each shouted or a single capital.
 */
static void
scan_sentences(struct token_scan *s)
{
	size_t	i, start = 0, clause = 0, words = 0, shouts = 0;
	int	asks = 0;

	for (i = 0; i < s->n; i++) {
		s->tokens[i].sentence = start;
		s->tokens[i].clause = clause;
		if (s->tokens[i].type != TOKEN_WORD)
			clause = i + 1;
		if (s->tokens[i].type == TOKEN_STOP ||
		    s->tokens[i].type == TOKEN_QUESTION)
			start = i + 1;
		if (s->tokens[i].type == TOKEN_WORD &&
		    s->tokens[i].shape != SHAPE_OTHER) {
			words++;
			if (s->tokens[i].shape == SHAPE_SHOUT ||
			    (s->tokens[i].shape == SHAPE_CAPITAL &&
			    s->tokens[i].len == 1))
				shouts++;
		}
	}
	for (i = s->n; i > 0; i--) {
		if (s->tokens[i - 1].type == TOKEN_STOP)
			asks = 0;
		else if (s->tokens[i - 1].type == TOKEN_QUESTION)
			asks = 1;
		s->tokens[i - 1].asks = asks;
	}
	s->shouted = words >= 3 && shouts == words;
}

/*
 * Cut text into s by rules; at most TOKEN_MAX tokens are kept. The tokens
 * point into text, which must outlive them; free them with token_free().
 */
void
token_split(struct token_scan *s, const char *text,
    const struct token_rules *rules)
{
	struct token	*t;
	uint32_t	 cp;
	size_t		 len, off, used;

	memset(s, 0, sizeof *s);
	len = strlen(text);
	off = 0;
	while (off < len && s->n < TOKEN_MAX) {
		if ((used = utf8_decode(text + off, len - off, &cp)) == 0) {
			scan_punct(s, TOKEN_PAUSE, text + off, 1);
			off++;
			continue;
		}
		if (cp == '&' && (rules->flags & TOKEN_AMPERSAND)) {
			/* "Maya & Leo": a word, "and". */
			if ((t = scan_add(s, TOKEN_WORD, text + off, 1)) !=
			    NULL)
				memcpy(t->fold, "and", 4);
			off++;
			continue;
		}
		switch (char_class(cp)) {
		case CHAR_WORD:
			off = scan_word(s, text, len, off, rules);
			continue;
		case CHAR_SPACE:
		case CHAR_IGNORE:
			break;
		case CHAR_PAUSE:
			scan_punct(s, TOKEN_PAUSE, text + off, used);
			break;
		case CHAR_STOP:
			scan_punct(s, TOKEN_STOP, text + off, used);
			break;
		case CHAR_QUESTION:
			scan_punct(s, TOKEN_QUESTION, text + off, used);
			break;
		}
		off += used;
	}
	scan_sentences(s);
}

void
token_free(struct token_scan *s)
{
	free(s->tokens);
	memset(s, 0, sizeof *s);
}

/*
 * Whether a folded word is a contraction or possessive: the part after
 * the last apostrophe is s, re, ve, ll, d, m or t ("Alex's", "don't").
 * "O'Brien" is not.
 */
int
token_is_contraction(const char *fold)
{
	static const char *const tails[] = {
		"d", "ll", "m", "re", "s", "t", "ve"
	};
	const char	*apostrophe;

	if ((apostrophe = strrchr(fold, '\'')) == NULL)
		return (0);
	return (TOKEN_LEXICON_HAS(tails, apostrophe + 1));
}

/* Whether token i is a word. */
int
token_is_word(const struct token_scan *s, size_t i)
{
	return (i < s->n && s->tokens[i].type == TOKEN_WORD);
}

/* Whether token i is the word w (lowercase). */
int
token_is(const struct token_scan *s, size_t i, const char *w)
{
	return (token_is_word(s, i) && strcmp(s->tokens[i].fold, w) == 0);
}

/* Whether token i is a word of the sorted table words. */
int
token_in(const struct token_scan *s, size_t i, const char *const *words,
    size_t n)
{
	return (token_is_word(s, i) &&
	    token_lexicon_has(words, n, s->tokens[i].fold));
}
