/*
 * The mood analyzer. A message is split into tokens (words, emoticons,
 * emoji, and the punctuation that ends clauses and sentences), then read
 * left to right: at each token the longest phrase of the lexicon that
 * starts there is taken ("can't sleep" before "can't"). Rule words
 * change what follows: negators ("not", "never", "no longer") turn the
 * next feeling within a few words around and weaken it, intensifiers and
 * diminishers ("very", "a bit") scale it, and contrast words ("but",
 * "though", "however") start a new part of the message that counts 1.5
 * times. Capitals, stretched words ("sooo") and "!" make a feeling
 * stronger and more aroused; a question makes it weaker.
 *
 * Every feeling found is an item with a signed value. The positive and
 * negative values are summed apart, so "I aced my exam but I'm
 * exhausted" keeps both parts: valence is their balance, the polarity is
 * mixed when both are substantial, and the label names the strongest
 * feeling on each side of the contrast ("proud but exhausted").
 *
 * data/mood-lexicon.txt (compiled in) is parsed by mood_build() into
 * one open-addressing hash table of phrases. The build runs it once, in
 * the tool mood-gen, and compiles the finished tables in (mood_dump(),
 * MOOD_PRECOMPUTED), so mood_load() at start only points at them. The rule words live in the
 * same table, so a lexicon phrase that starts with one ("not bad at
 * all", "never felt better") simply wins by being longer. Every prefix
 * of a phrase is in the table too, marked as such, so matching stops at
 * the first token that cannot continue any phrase. After mood_load() the
 * tables are only read: mood_analyze() may run in several threads.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-data.h"
#include "core-mood.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#define MOOD_LEXICON		"mood-lexicon.txt"
#define MOOD_PHRASE_TOKENS	8	/* most tokens in one phrase */
#define MOOD_KEY_MAX		128	/* longest phrase key, bytes */
#define MOOD_WORD_MAX		48	/* a longer word matches nothing */
#define MOOD_ENTRY_EMOTIONS	3

/* How the rules weigh things; see the comment at the top. */
#define MOOD_NEGATION_SCOPE	3	/* words after a negator it reaches */
#define MOOD_SCALE_SCOPE	2	/* words after "very" it reaches */
#define MOOD_NEGATE_POSITIVE	0.65	/* "not happy": -0.65 x happy */
#define MOOD_NEGATE_NEGATIVE	0.45	/* "not sad": -0.45 x sad */
#define MOOD_CONTRAST_WEIGHT	1.5	/* the part after "but" */
#define MOOD_CAPS		1.25
#define MOOD_ELONGATED		1.15
#define MOOD_EXCLAIM		0.12	/* per "!", at most 3 */
#define MOOD_QUESTION_SELF	0.75	/* "why am I so tired?" */
#define MOOD_QUESTION_OTHER	0.25	/* "what makes people happy?" */
#define MOOD_QUESTION_YOU	0.1	/* "are you happy?": not our mood */
#define MOOD_HEDGE		0.6	/* "good I guess" */
#define MOOD_LAUGHING_VALUE	0.45	/* "I'm dead lol" */
#define MOOD_SATURATION		1.0	/* valence = tanh(this x sum) */
#define MOOD_NEUTRAL_BAND	0.12	/* |valence| below: neutral */
#define MOOD_MIXED_MIN		0.25	/* each part at least this strong */
#define MOOD_MIXED_RATIO	0.35	/* weaker part / stronger part */
#define MOOD_LABEL_PAIR		0.8	/* "tired and stressed": 2nd >= 0.8 x 1st */

/* The emotions the lexicon may name; the index is the emotion's id. */
static const char *mood_emotion_names[] = {
	"happy", "sad", "angry", "furious", "annoyed", "frustrated", "tired",
	"exhausted", "proud", "excited", "nervous", "anxious", "worried",
	"scared", "lonely", "grateful", "relieved", "overwhelmed", "stressed",
	"bored", "hopeful", "hopeless", "calm", "content", "loved", "hurt",
	"heartbroken", "grieving", "ashamed", "embarrassed", "guilty",
	"regretful", "jealous", "confused", "disappointed", "surprised",
	"amused", "unwell", "restless", "motivated", "confident", "curious",
	"nostalgic", "numb", "insecure", "disgusted", "meh"
};
#define MOOD_NEMOTION_NAMES \
	(sizeof mood_emotion_names / sizeof mood_emotion_names[0])
static size_t mood_emotion_lengths[MOOD_NEMOTION_NAMES];

enum mood_kind {
	MOOD_KIND_PREFIX = 0,	/* only the start of longer phrases */
	MOOD_KIND_AFFECT,	/* a lexicon entry with a feeling */
	MOOD_KIND_NONE,		/* a set phrase with no feeling */
	MOOD_KIND_NEGATOR,	/* "not", "never", "no longer" */
	MOOD_KIND_SCALE,	/* "very" (> 1), "a bit" (< 1) */
	MOOD_KIND_CONTRAST,	/* "but", "however" */
	MOOD_KIND_YET,		/* "yet": a contrast unless "not yet" */
	MOOD_KIND_CONCESSIVE,	/* "though", "although": also at either end */
	MOOD_KIND_DESPITE,	/* "despite": a contrast only at the start */
	MOOD_KIND_NOT_ONLY,	/* "not only": its "but" is no contrast */
	MOOD_KIND_HEDGE		/* "I guess": the whole sentence is milder */
};

#define MOOD_FLAG_LONGER	0x01	/* a longer phrase starts with this */
#define MOOD_FLAG_LAUGHTER	0x02	/* "lol", "haha", "😂" */
#define MOOD_FLAG_IF_LAUGHING	0x04	/* "dead": amusement when laughing */

struct mood_entry {
	const char	*key;		/* the phrase's tokens, space-separated */
	uint16_t	keylen;
	uint8_t		kind;
	uint8_t		flags;
	float		valence;	/* or the positive part of POS/NEG */
	float		valence2;	/* the negative part of POS/NEG, else 0 */
	float		arousal;	/* for MOOD_KIND_SCALE, the factor */
	uint32_t	line;		/* in the lexicon; 0 for rule words */
	uint8_t		emotions[MOOD_ENTRY_EMOTIONS];
	uint8_t		nemotions;
	uint8_t		ntokens;
};

/* Rule words: the grammar of feeling, not feelings themselves. */
struct mood_rule {
	const char	*phrase;
	enum mood_kind	 kind;
	float		 scale;
};

static const struct mood_rule mood_rules[] = {
	{ "not", MOOD_KIND_NEGATOR, 0 },
	{ "no", MOOD_KIND_NEGATOR, 0 },
	{ "never", MOOD_KIND_NEGATOR, 0 },
	{ "never ever", MOOD_KIND_NEGATOR, 0 },
	{ "no longer", MOOD_KIND_NEGATOR, 0 },
	{ "not even", MOOD_KIND_NEGATOR, 0 },
	{ "no one", MOOD_KIND_NEGATOR, 0 },
	{ "don't", MOOD_KIND_NEGATOR, 0 },
	{ "do not", MOOD_KIND_NEGATOR, 0 },
	{ "doesn't", MOOD_KIND_NEGATOR, 0 },
	{ "didn't", MOOD_KIND_NEGATOR, 0 },
	{ "isn't", MOOD_KIND_NEGATOR, 0 },
	{ "aren't", MOOD_KIND_NEGATOR, 0 },
	{ "wasn't", MOOD_KIND_NEGATOR, 0 },
	{ "weren't", MOOD_KIND_NEGATOR, 0 },
	{ "won't", MOOD_KIND_NEGATOR, 0 },
	{ "wouldn't", MOOD_KIND_NEGATOR, 0 },
	{ "can't", MOOD_KIND_NEGATOR, 0 },
	{ "cannot", MOOD_KIND_NEGATOR, 0 },
	{ "couldn't", MOOD_KIND_NEGATOR, 0 },
	{ "shouldn't", MOOD_KIND_NEGATOR, 0 },
	{ "haven't", MOOD_KIND_NEGATOR, 0 },
	{ "hasn't", MOOD_KIND_NEGATOR, 0 },
	{ "hadn't", MOOD_KIND_NEGATOR, 0 },
	{ "ain't", MOOD_KIND_NEGATOR, 0 },
	{ "mustn't", MOOD_KIND_NEGATOR, 0 },
	{ "nobody", MOOD_KIND_NEGATOR, 0 },
	{ "nothing", MOOD_KIND_NEGATOR, 0 },
	{ "none", MOOD_KIND_NEGATOR, 0 },
	{ "neither", MOOD_KIND_NEGATOR, 0 },
	{ "nor", MOOD_KIND_NEGATOR, 0 },
	{ "nowhere", MOOD_KIND_NEGATOR, 0 },
	{ "without", MOOD_KIND_NEGATOR, 0 },
	{ "hardly", MOOD_KIND_NEGATOR, 0 },
	{ "barely", MOOD_KIND_NEGATOR, 0 },
	{ "scarcely", MOOD_KIND_NEGATOR, 0 },
	{ "lack of", MOOD_KIND_NEGATOR, 0 },

	{ "not only", MOOD_KIND_NOT_ONLY, 0 },
	{ "not just", MOOD_KIND_NOT_ONLY, 0 },

	/* "never been so happy" is very happy, not unhappy. */
	{ "never been so", MOOD_KIND_SCALE, 1.4 },
	{ "never felt so", MOOD_KIND_SCALE, 1.4 },
	{ "never been this", MOOD_KIND_SCALE, 1.4 },
	{ "never felt this", MOOD_KIND_SCALE, 1.4 },
	{ "never been more", MOOD_KIND_SCALE, 1.4 },
	{ "never felt more", MOOD_KIND_SCALE, 1.4 },
	{ "never been as", MOOD_KIND_SCALE, 1.3 },

	{ "very", MOOD_KIND_SCALE, 1.3 },
	{ "so", MOOD_KIND_SCALE, 1.3 },
	{ "really", MOOD_KIND_SCALE, 1.3 },
	{ "extremely", MOOD_KIND_SCALE, 1.5 },
	{ "super", MOOD_KIND_SCALE, 1.4 },
	{ "totally", MOOD_KIND_SCALE, 1.3 },
	{ "incredibly", MOOD_KIND_SCALE, 1.5 },
	{ "absolutely", MOOD_KIND_SCALE, 1.4 },
	{ "truly", MOOD_KIND_SCALE, 1.3 },
	{ "completely", MOOD_KIND_SCALE, 1.4 },
	{ "utterly", MOOD_KIND_SCALE, 1.5 },
	{ "too", MOOD_KIND_SCALE, 1.2 },
	{ "quite", MOOD_KIND_SCALE, 1.1 },
	{ "pretty", MOOD_KIND_SCALE, 1.15 },
	{ "highly", MOOD_KIND_SCALE, 1.3 },
	{ "deeply", MOOD_KIND_SCALE, 1.4 },
	{ "seriously", MOOD_KIND_SCALE, 1.3 },
	{ "insanely", MOOD_KIND_SCALE, 1.4 },
	{ "ridiculously", MOOD_KIND_SCALE, 1.4 },
	{ "mega", MOOD_KIND_SCALE, 1.3 },
	{ "hella", MOOD_KIND_SCALE, 1.3 },
	{ "hugely", MOOD_KIND_SCALE, 1.4 },
	{ "immensely", MOOD_KIND_SCALE, 1.4 },
	{ "especially", MOOD_KIND_SCALE, 1.2 },
	{ "particularly", MOOD_KIND_SCALE, 1.2 },
	{ "genuinely", MOOD_KIND_SCALE, 1.2 },
	{ "literally", MOOD_KIND_SCALE, 1.2 },
	{ "fucking", MOOD_KIND_SCALE, 1.5 },
	{ "freaking", MOOD_KIND_SCALE, 1.4 },
	{ "frickin", MOOD_KIND_SCALE, 1.4 },
	{ "friggin", MOOD_KIND_SCALE, 1.4 },
	{ "effing", MOOD_KIND_SCALE, 1.4 },
	{ "bloody", MOOD_KIND_SCALE, 1.3 },
	{ "exceptionally", MOOD_KIND_SCALE, 1.4 },
	{ "remarkably", MOOD_KIND_SCALE, 1.3 },
	{ "unbelievably", MOOD_KIND_SCALE, 1.5 },
	{ "massively", MOOD_KIND_SCALE, 1.4 },
	{ "majorly", MOOD_KIND_SCALE, 1.3 },
	{ "awfully", MOOD_KIND_SCALE, 1.3 },
	{ "properly", MOOD_KIND_SCALE, 1.2 },
	{ "proper", MOOD_KIND_SCALE, 1.2 },
	{ "real", MOOD_KIND_SCALE, 1.2 },
	{ "overly", MOOD_KIND_SCALE, 1.2 },
	{ "beyond", MOOD_KIND_SCALE, 1.4 },
	{ "highkey", MOOD_KIND_SCALE, 1.3 },
	{ "high key", MOOD_KIND_SCALE, 1.3 },
	{ "so much", MOOD_KIND_SCALE, 1.3 },
	{ "way too", MOOD_KIND_SCALE, 1.4 },
	{ "far too", MOOD_KIND_SCALE, 1.4 },
	{ "even more", MOOD_KIND_SCALE, 1.3 },
	{ "more and more", MOOD_KIND_SCALE, 1.2 },

	{ "a bit", MOOD_KIND_SCALE, 0.6 },
	{ "a little", MOOD_KIND_SCALE, 0.6 },
	{ "a little bit", MOOD_KIND_SCALE, 0.55 },
	{ "little bit", MOOD_KIND_SCALE, 0.6 },
	{ "a tiny bit", MOOD_KIND_SCALE, 0.5 },
	{ "a tad", MOOD_KIND_SCALE, 0.6 },
	{ "a touch", MOOD_KIND_SCALE, 0.6 },
	{ "kind of", MOOD_KIND_SCALE, 0.65 },
	{ "kinda", MOOD_KIND_SCALE, 0.65 },
	{ "sort of", MOOD_KIND_SCALE, 0.65 },
	{ "sorta", MOOD_KIND_SCALE, 0.65 },
	{ "slightly", MOOD_KIND_SCALE, 0.6 },
	{ "somewhat", MOOD_KIND_SCALE, 0.65 },
	{ "mildly", MOOD_KIND_SCALE, 0.6 },
	{ "fairly", MOOD_KIND_SCALE, 0.85 },
	{ "rather", MOOD_KIND_SCALE, 0.9 },
	{ "relatively", MOOD_KIND_SCALE, 0.8 },
	{ "partly", MOOD_KIND_SCALE, 0.7 },
	{ "partially", MOOD_KIND_SCALE, 0.7 },
	{ "marginally", MOOD_KIND_SCALE, 0.6 },
	{ "almost", MOOD_KIND_SCALE, 0.7 },
	{ "lowkey", MOOD_KIND_SCALE, 0.8 },
	{ "low key", MOOD_KIND_SCALE, 0.8 },

	{ "but", MOOD_KIND_CONTRAST, 0 },
	{ "however", MOOD_KIND_CONTRAST, 0 },
	{ "nevertheless", MOOD_KIND_CONTRAST, 0 },
	{ "nonetheless", MOOD_KIND_CONTRAST, 0 },
	{ "except", MOOD_KIND_CONTRAST, 0 },
	{ "that said", MOOD_KIND_CONTRAST, 0 },
	{ "having said that", MOOD_KIND_CONTRAST, 0 },
	{ "on the other hand", MOOD_KIND_CONTRAST, 0 },
	{ "even so", MOOD_KIND_CONTRAST, 0 },
	{ "yet", MOOD_KIND_YET, 0 },
	{ "though", MOOD_KIND_CONCESSIVE, 0 },
	{ "tho", MOOD_KIND_CONCESSIVE, 0 },
	{ "although", MOOD_KIND_CONCESSIVE, 0 },
	{ "altho", MOOD_KIND_CONCESSIVE, 0 },
	{ "even though", MOOD_KIND_CONCESSIVE, 0 },
	{ "even tho", MOOD_KIND_CONCESSIVE, 0 },
	{ "despite", MOOD_KIND_DESPITE, 0 },
	{ "in spite of", MOOD_KIND_DESPITE, 0 },

	{ "i guess", MOOD_KIND_HEDGE, 0 },
	{ "i suppose", MOOD_KIND_HEDGE, 0 },
	{ "guess so", MOOD_KIND_HEDGE, 0 },
	{ "ish", MOOD_KIND_HEDGE, 0 },
	{ "or something", MOOD_KIND_HEDGE, 0 },
	{ "more or less", MOOD_KIND_HEDGE, 0 }
};

/* Words that make a sentence about the speaker, or about jumbo. */
struct mood_word {
	const char	*word;
	size_t		 len;
};
#define MOOD_WORD(w)	{ w, sizeof w - 1 }
static const struct mood_word mood_self_words[] = {
	MOOD_WORD("i"), MOOD_WORD("i'm"), MOOD_WORD("im"), MOOD_WORD("me"),
	MOOD_WORD("my"), MOOD_WORD("myself"), MOOD_WORD("mine"),
	MOOD_WORD("i've"), MOOD_WORD("ive"), MOOD_WORD("i'd"),
	MOOD_WORD("i'll"), MOOD_WORD("feel"), MOOD_WORD("feeling"),
	MOOD_WORD("felt"), MOOD_WORD("feels")
};
static const struct mood_word mood_you_words[] = {
	MOOD_WORD("you"), MOOD_WORD("u"), MOOD_WORD("your"),
	MOOD_WORD("you're"), MOOD_WORD("youre"), MOOD_WORD("ur"),
	MOOD_WORD("yours"), MOOD_WORD("yourself")
};

/* The lexicon, once loaded. */
static struct mood_entry	*mood_entries;
static size_t			 mood_nentries;
static size_t			 mood_entries_size;
static size_t			 mood_nlexicon;	/* entries from the file */

/* Keys that are not in the lexicon's text as they are, in blocks. */
struct mood_key_block {
	struct mood_key_block	*next;
	size_t			 used;
	char			 data[4096 - 2 * sizeof(void *)];
};
static struct mood_key_block	*mood_key_blocks;
static uint32_t			*mood_table;	/* entry index + 1; 0 empty */
static size_t			 mood_table_mask;
static int			 mood_loaded;
static uint8_t			 mood_amused;	/* the id of "amused" */

/* Emoticons, which the tokenizer must know before splitting text. */
struct mood_shape {
	const char	*text;	/* lowercase, in the lexicon's text */
	size_t		 len;
};
static struct mood_shape	*mood_shapes;
static size_t			 mood_nshapes;
static uint16_t			 mood_shape_first[256];	/* start + 1 */
static uint16_t			 mood_shape_count[256];

/* Tokens. */
enum mood_token_type {
	MOOD_TOKEN_WORD = 0,
	MOOD_TOKEN_SYMBOL,	/* emoticon or emoji */
	MOOD_TOKEN_CLAUSE,	/* , ; : ( ) and dashes */
	MOOD_TOKEN_END		/* . ! ? and new lines */
};

#define MOOD_TOKEN_CAPS		0x01	/* "ANGRY" */
#define MOOD_TOKEN_ELONGATED	0x02	/* "sooo" */
#define MOOD_TOKEN_LONG		0x04	/* too long to match anything */
#define MOOD_TOKEN_QUESTION	0x08	/* its sentence asks */
#define MOOD_TOKEN_SELF		0x10	/* its sentence says I, me, feel */
#define MOOD_TOKEN_YOU		0x20	/* its sentence says you */

struct mood_token {
	uint32_t	off;		/* normalised text, in the scan's text */
	uint16_t	len;
	uint8_t		type;
	uint8_t		flags;
	uint8_t		exclaim;	/* "!" ending its sentence, at most 3 */
};

#define MOOD_LOCAL_TOKENS	128
#define MOOD_LOCAL_TEXT		1024
#define MOOD_LOCAL_ITEMS	32

/*
 * A message split into tokens. Short messages fit the arrays inside the
 * struct (on the caller's stack); longer ones move to the heap.
 */
struct mood_scan {
	struct mood_token	*tokens;
	size_t			 ntokens;
	size_t			 tokens_size;
	char			*text;
	size_t			 textlen;
	size_t			 text_size;
	int			 raw;	/* a lexicon phrase: no normalising */
	int			 in_word;
	size_t			 word_start;	/* text offset of the word */
	size_t			 word_upper;
	size_t			 word_lower;
	struct mood_token	 tokens_local[MOOD_LOCAL_TOKENS];
	char			 text_local[MOOD_LOCAL_TEXT];
};

/* One feeling found in a message. */
struct mood_item {
	const struct mood_entry	*entry;
	float			 value;		/* signed, after the rules */
	float			 arousal;
	size_t			 token;		/* where it starts */
	size_t			 segment;	/* contrasts before it */
	uint8_t			 emotions[MOOD_ENTRY_EMOTIONS];
	uint8_t			 nemotions;
	uint8_t			 negated;
	uint8_t			 after;		/* weighed as after a contrast */
};

struct mood_items {
	struct mood_item	*items;
	size_t			 n;
	size_t			 size;
	struct mood_item	 local[MOOD_LOCAL_ITEMS];
};

/* Where the reading stands while walking the tokens. */
struct mood_state {
	int		negation;	/* words the last negator still reaches */
	float		scale;
	int		scale_left;	/* words the scale still reaches */
	size_t		segment;
	int		after;		/* after a contrast in this sentence */
	int		concessive;	/* "although ...": the comma turns */
	int		not_only;
	int		hedged;		/* this sentence says "I guess" */
	size_t		sentence_token;	/* first token of the sentence */
	size_t		sentence_item;	/* first item of the sentence */
	int		laughing;
};

static const struct mood_entry *mood_find(const char *, size_t);

/* A rational approximation of tanh, good to 0.02, without libm. */
static double
mood_tanh(double x)
{
	double	x2;

	if (x > 3)
		return (1);
	if (x < -3)
		return (-1);
	x2 = x * x;
	x = x * (27 + x2) / (27 + 9 * x2);
	return (x > 1 ? 1 : x < -1 ? -1 : x);	/* rounding near 3 */
}

static double
mood_clamp(double x)
{
	if (x > 1)
		return (1);
	if (x < -1)
		return (-1);
	return (x);
}

static double
mood_abs(double x)
{
	return (x < 0 ? -x : x);
}

static int
mood_ascii_alnum(unsigned char c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'));
}

static unsigned char
mood_ascii_lower(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return (c + 32);
	return (c);
}

/* Whether cp starts an emoji (pictographs, dingbats, symbols). */
static int
mood_is_emoji(uint32_t cp)
{
	return ((cp >= 0x1f000 && cp <= 0x1faff && !(cp >= 0x1f3fb &&
	    cp <= 0x1f3ff)) || (cp >= 0x2600 && cp <= 0x27bf) ||
	    (cp >= 0x2b00 && cp <= 0x2bff) || (cp >= 0x2300 && cp <= 0x23ff) ||
	    cp == 0x3030 || cp == 0x303d || cp == 0x3297 || cp == 0x3299);
}

/* Whether cp is dropped after an emoji: variation selector, skin tone. */
static int
mood_is_emoji_modifier(uint32_t cp)
{
	return (cp == 0xfe0f || cp == 0xfe0e || cp == 0x20e3 ||
	    (cp >= 0x1f3fb && cp <= 0x1f3ff));
}

/* Start an empty scan; raw keeps words as written (lexicon phrases). */
static void
mood_scan_init(struct mood_scan *sc, int raw)
{
	sc->tokens = sc->tokens_local;
	sc->ntokens = 0;
	sc->tokens_size = MOOD_LOCAL_TOKENS;
	sc->text = sc->text_local;
	sc->textlen = 0;
	sc->text_size = MOOD_LOCAL_TEXT;
	sc->raw = raw;
	sc->in_word = 0;
}

static void
mood_scan_free(struct mood_scan *sc)
{
	if (sc->tokens != sc->tokens_local)
		free(sc->tokens);
	if (sc->text != sc->text_local)
		free(sc->text);
}

/* Append n bytes of normalised text. */
static void
mood_scan_text(struct mood_scan *sc, const char *p, size_t n)
{
	size_t	size;

	if (sc->textlen + n > sc->text_size) {
		size = sc->text_size * 2;
		while (size < sc->textlen + n)
			size *= 2;
		if (sc->text == sc->text_local) {
			sc->text = xmalloc(size);
			memcpy(sc->text, sc->text_local, sc->textlen);
		} else
			sc->text = xrealloc(sc->text, size);
		sc->text_size = size;
	}
	memcpy(sc->text + sc->textlen, p, n);
	sc->textlen += n;
}

/* Start a token of the given type at the current end of the text. */
static struct mood_token *
mood_scan_token(struct mood_scan *sc, enum mood_token_type type)
{
	struct mood_token	*t;

	if (sc->ntokens == sc->tokens_size) {
		if (sc->tokens == sc->tokens_local) {
			sc->tokens = xreallocarray(NULL, sc->tokens_size * 2,
			    sizeof *sc->tokens);
			memcpy(sc->tokens, sc->tokens_local,
			    sc->ntokens * sizeof *sc->tokens);
		} else {
			sc->tokens = xreallocarray(sc->tokens,
			    sc->tokens_size * 2, sizeof *sc->tokens);
		}
		sc->tokens_size *= 2;
	}
	t = &sc->tokens[sc->ntokens++];
	memset(t, 0, sizeof *t);
	t->off = sc->textlen;
	t->type = type;
	return (t);
}

/* Set the length of the last token from the text added since it began. */
static void
mood_scan_close(struct mood_scan *sc, struct mood_token *t)
{
	size_t	len = sc->textlen - t->off;

	if (len > MOOD_WORD_MAX) {
		t->flags |= MOOD_TOKEN_LONG;
		len = MOOD_WORD_MAX;
	}
	t->len = len;
}

/* Whether a word is laughter written out: "hahaha", "hehehe", "lolol". */
static const char *
mood_laughter(const char *w, size_t len)
{
	size_t	i, h = 0, a = 0, e = 0, j = 0, l = 0, o = 0;

	if (len < 4)
		return (NULL);
	for (i = 0; i < len; i++) {
		switch (w[i]) {
		case 'h': h++; break;
		case 'a': a++; break;
		case 'e': e++; break;
		case 'j': j++; break;
		case 'l': l++; break;
		case 'o': o++; break;
		default: return (NULL);
		}
	}
	if ((h >= 2 || j >= 2) && a >= 2 && e == 0 && l == 0 && o == 0 &&
	    (h == 0 || j == 0))
		return ("haha");
	if (h >= 2 && e >= 2 && a == 0 && j == 0 && l == 0 && o == 0)
		return ("hehe");
	if (l >= 2 && o >= 2 && w[0] == 'l' && w[len - 1] == 'l' &&
	    h + a + e + j == 0)
		return ("lol");
	return (NULL);
}

/*
 * Rewrite the word at the end of the text so it can match: laughter to
 * "haha", and letters repeated three times or more ("sooo", "yesssss")
 * to two, then to one, whichever the lexicon knows. Sets
 * MOOD_TOKEN_ELONGATED when letters were repeated.
 */
static void
mood_scan_normalise_word(struct mood_scan *sc, struct mood_token *t)
{
	char		 two[MOOD_WORD_MAX], one[MOOD_WORD_MAX];
	char		*w = sc->text + t->off;
	const char	*laugh;
	size_t		 len = t->len, i, run, n2 = 0, n1 = 0;
	int		 stretched = 0;

	if ((t->flags & MOOD_TOKEN_LONG) || mood_find(w, len) != NULL)
		return;
	if ((laugh = mood_laughter(w, len)) != NULL) {
		sc->textlen = t->off;
		mood_scan_text(sc, laugh, strlen(laugh));
		t->len = strlen(laugh);
		return;
	}
	for (i = 0; i < len; i += run) {
		run = 1;
		if ((unsigned char)w[i] < 0x80) {
			while (i + run < len && w[i + run] == w[i])
				run++;
		}
		if (run >= 3) {
			stretched = 1;
			two[n2++] = w[i];
			two[n2++] = w[i];
			one[n1++] = w[i];
		} else {
			memcpy(two + n2, w + i, run);
			memcpy(one + n1, w + i, run);
			n2 += run;
			n1 += run;
		}
	}
	if (!stretched)
		return;
	t->flags |= MOOD_TOKEN_ELONGATED;
	if (mood_find(two, n2) != NULL) {
		memcpy(w, two, n2);
		t->len = n2;
	} else if (mood_find(one, n1) != NULL) {
		memcpy(w, one, n1);
		t->len = n1;
	} else if ((laugh = mood_laughter(one, n1)) != NULL) {
		memcpy(w, laugh, strlen(laugh));
		t->len = strlen(laugh);
	}
	sc->textlen = t->off + t->len;
}

/* End the word being read, if any. */
static void
mood_scan_end_word(struct mood_scan *sc)
{
	struct mood_token	*t;

	if (!sc->in_word)
		return;
	sc->in_word = 0;
	t = &sc->tokens[sc->ntokens - 1];
	mood_scan_close(sc, t);
	if (sc->word_upper >= 2 && sc->word_lower == 0)
		t->flags |= MOOD_TOKEN_CAPS;
	if (!sc->raw)
		mood_scan_normalise_word(sc, t);
	if (sc->textlen > t->off + t->len)
		sc->textlen = t->off + t->len;
}

/*
 * The length of the emoticon starting at p, or 0. An emoticon must not
 * run into a letter or digit after it (":p" but not ":people").
 */
static size_t
mood_scan_shape(const char *p, size_t n)
{
	unsigned char		 c = mood_ascii_lower((unsigned char)*p);
	const struct mood_shape	*sh;
	size_t			 i, k;

	if (mood_shape_first[c] == 0)
		return (0);
	sh = &mood_shapes[mood_shape_first[c] - 1];
	for (k = 0; k < mood_shape_count[c]; k++, sh++) {
		if (sh->len > n)
			continue;
		for (i = 0; i < sh->len; i++) {
			if (mood_ascii_lower((unsigned char)p[i]) !=
			    (unsigned char)sh->text[i])
				break;
		}
		if (i == sh->len && (sh->len == n ||
		    !mood_ascii_alnum((unsigned char)p[sh->len])))
			return (sh->len);
	}
	return (0);
}

/* Add the end of a sentence: runs of . ! ? merge into one token. */
static void
mood_scan_end(struct mood_scan *sc, uint32_t cp)
{
	struct mood_token	*t;

	if (sc->ntokens > 0 &&
	    sc->tokens[sc->ntokens - 1].type == MOOD_TOKEN_END)
		t = &sc->tokens[sc->ntokens - 1];
	else {
		t = mood_scan_token(sc, MOOD_TOKEN_END);
		mood_scan_text(sc, ".", 1);
		t->len = 1;
	}
	if (cp == '!') {
		if (t->exclaim < 3)
			t->exclaim++;
		sc->text[t->off] = '!';
	} else if (cp == '?') {
		t->flags |= MOOD_TOKEN_QUESTION;
		if (sc->text[t->off] != '!')
			sc->text[t->off] = '?';
	}
}

/*
 * Read an emoji and what joins it (ZWJ sequences), dropping variation
 * selectors and skin tones. Returns the bytes used from p.
 */
static size_t
mood_scan_emoji(struct mood_scan *sc, const char *p, size_t n, size_t used)
{
	struct mood_token	*t;
	char			 enc[4];
	size_t			 i = used, more, more2, first;
	uint32_t		 next, next2;

	t = mood_scan_token(sc, MOOD_TOKEN_SYMBOL);
	mood_scan_text(sc, p, used);
	first = used;
	while (i < n) {
		if ((more = utf8_decode(p + i, n - i, &next)) == 0)
			break;
		if (mood_is_emoji_modifier(next)) {
			i += more;
			continue;
		}
		if (next != 0x200d || i + more >= n)
			break;
		more2 = utf8_decode(p + i + more, n - i - more, &next2);
		if (more2 == 0 || !mood_is_emoji(next2))
			break;
		if (sc->textlen - t->off <= MOOD_WORD_MAX) {
			mood_scan_text(sc, enc, utf8_encode(0x200d, enc));
			mood_scan_text(sc, p + i + more, more2);
		}
		i += more + more2;
	}
	mood_scan_close(sc, t);
	/* An unknown ZWJ sequence still says what its first emoji says. */
	if (!sc->raw && t->len > first && ((t->flags & MOOD_TOKEN_LONG) ||
	    mood_find(sc->text + t->off, t->len) == NULL)) {
		t->len = first;
		t->flags &= ~MOOD_TOKEN_LONG;
	}
	sc->textlen = t->off + t->len;
	return (i);
}

/*
 * Split text into tokens: lowercase words (letters, digits, inner
 * apostrophes), emoticons, emoji, clause marks and sentence ends. Invalid
 * UTF-8 separates words like a space. Then mark every token with what
 * its sentence does: ask, exclaim, speak of "I" or of "you".
 */
static void
mood_tokenize(struct mood_scan *sc, const char *s, size_t n)
{
	struct mood_token	*t;
	char			 enc[4];
	size_t			 i = 0, used, k, start, j;
	uint32_t		 cp, next;
	unsigned char		 c;
	int			 self, you, question;
	uint8_t			 exclaim;

	while (i < n) {
		if (!sc->in_word && (i == 0 ||
		    !mood_ascii_alnum((unsigned char)s[i - 1])) &&
		    (used = mood_scan_shape(s + i, n - i)) > 0) {
			t = mood_scan_token(sc, MOOD_TOKEN_SYMBOL);
			for (k = 0; k < used; k++) {
				enc[0] = mood_ascii_lower((unsigned char)s[i + k]);
				mood_scan_text(sc, enc, 1);
			}
			mood_scan_close(sc, t);
			i += used;
			continue;
		}
		c = (unsigned char)s[i];
		if (mood_ascii_alnum(c)) {
			/* The common case, without decoding. */
			if (!sc->in_word) {
				mood_scan_token(sc, MOOD_TOKEN_WORD);
				sc->in_word = 1;
				sc->word_upper = sc->word_lower = 0;
			}
			if (c >= 'A' && c <= 'Z') {
				sc->word_upper++;
				c += 32;
			} else if (c >= 'a' && c <= 'z')
				sc->word_lower++;
			if (sc->textlen - sc->tokens[sc->ntokens - 1].off >
			    MOOD_WORD_MAX)
				;
			else if (sc->textlen < sc->text_size)
				sc->text[sc->textlen++] = c;
			else
				mood_scan_text(sc, (const char *)&c, 1);
			i++;
			continue;
		}
		if ((used = utf8_decode(s + i, n - i, &cp)) == 0) {
			mood_scan_end_word(sc);
			i++;
			continue;
		}
		if (utf8_isalpha(cp)) {
			if (!sc->in_word) {
				mood_scan_token(sc, MOOD_TOKEN_WORD);
				sc->in_word = 1;
				sc->word_upper = sc->word_lower = 0;
			}
			if (utf8_isupper(cp))
				sc->word_upper++;
			else if (utf8_islower(cp))
				sc->word_lower++;
			if (sc->textlen - sc->tokens[sc->ntokens - 1].off <=
			    MOOD_WORD_MAX)
				mood_scan_text(sc, enc,
				    utf8_encode(utf8_tolower(cp), enc));
			i += used;
			continue;
		}
		if ((cp == '\'' || cp == 0x2019 || cp == 0x2018 ||
		    cp == 0x2bc) && sc->in_word && i + used < n &&
		    utf8_decode(s + i + used, n - i - used, &next) > 0 &&
		    utf8_isalpha(next)) {
			mood_scan_text(sc, "'", 1);
			i += used;
			continue;
		}
		mood_scan_end_word(sc);
		if (cp == '.' || cp == '!' || cp == '?' || cp == '\n' ||
		    cp == 0x2026 || cp == 0x203c || cp == 0x2049 ||
		    cp == 0xff01 || cp == 0xff1f || cp == 0x3002)
			mood_scan_end(sc, cp == 0x203c || cp == 0xff01 ? '!' :
			    cp == 0xff1f ? '?' : cp == 0x2049 ? '?' : cp);
		else if (cp == ',' || cp == ';' || cp == ':' || cp == '(' ||
		    cp == ')' || cp == 0x2013 || cp == 0x2014 || cp == 0xff0c) {
			if (sc->ntokens == 0 || sc->tokens[sc->ntokens -
			    1].type != MOOD_TOKEN_CLAUSE) {
				t = mood_scan_token(sc, MOOD_TOKEN_CLAUSE);
				mood_scan_text(sc, ",", 1);
				t->len = 1;
			}
		} else if (mood_is_emoji(cp)) {
			i += mood_scan_emoji(sc, s + i, n - i, used);
			continue;
		}
		i += used;
	}
	mood_scan_end_word(sc);
	if (sc->raw)
		return;

	/* What each sentence does, given to each of its tokens. */
	for (start = 0; start < sc->ntokens; start = j + 1) {
		self = you = question = 0;
		exclaim = 0;
		for (j = start; j < sc->ntokens; j++) {
			t = &sc->tokens[j];
			if (t->type == MOOD_TOKEN_END) {
				question = (t->flags & MOOD_TOKEN_QUESTION) != 0;
				exclaim = t->exclaim;
				break;
			}
			if (t->type != MOOD_TOKEN_WORD || t->len > 8)
				continue;
			c = (unsigned char)sc->text[t->off];
			for (k = 0; (c == 'i' || c == 'm' || c == 'f') &&
			    k < sizeof mood_self_words /
			    sizeof mood_self_words[0]; k++) {
				if (mood_self_words[k].len == t->len &&
				    memcmp(mood_self_words[k].word, sc->text +
				    t->off, t->len) == 0)
					self = 1;
			}
			for (k = 0; (c == 'y' || c == 'u') &&
			    k < sizeof mood_you_words /
			    sizeof mood_you_words[0]; k++) {
				if (mood_you_words[k].len == t->len &&
				    memcmp(mood_you_words[k].word, sc->text +
				    t->off, t->len) == 0)
					you = 1;
			}
		}
		for (k = start; k < j && k < sc->ntokens; k++) {
			t = &sc->tokens[k];
			t->exclaim = exclaim;
			if (question)
				t->flags |= MOOD_TOKEN_QUESTION;
			if (self)
				t->flags |= MOOD_TOKEN_SELF;
			if (you)
				t->flags |= MOOD_TOKEN_YOU;
		}
	}
}

/* FNV-1a, one byte at a time so a phrase's prefixes hash on the way. */
#define MOOD_HASH_START		2166136261u
#define MOOD_HASH_BYTE(h, c)	(((h) ^ (unsigned char)(c)) * 16777619u)

static uint32_t
mood_hash(const char *p, size_t n)
{
	uint32_t	h = MOOD_HASH_START;

	while (n-- > 0)
		h = MOOD_HASH_BYTE(h, *p++);
	return (h);
}

/* The entry for a key (a phrase or the prefix of one), or NULL. */
static const struct mood_entry *
mood_find(const char *key, size_t len)
{
	const struct mood_entry	*e;
	size_t			 slot;

	if (mood_table == NULL)
		return (NULL);
	slot = mood_hash(key, len) & mood_table_mask;
	while (mood_table[slot] != 0) {
		e = &mood_entries[mood_table[slot] - 1];
		if (e->keylen == len && memcmp(e->key, key, len) == 0)
			return (e);
		slot = (slot + 1) & mood_table_mask;
	}
	return (NULL);
}

/* Make the table at least twice as big as the entries (and empty). */
static void
mood_table_grow(size_t want)
{
	const struct mood_entry	*e;
	size_t			 size = 1024, i, slot;

	while (size < want * 2)
		size *= 2;
	free(mood_table);
	mood_table = xcalloc(size, sizeof *mood_table);
	mood_table_mask = size - 1;
	for (i = 0; i < mood_nentries; i++) {
		e = &mood_entries[i];
		slot = mood_hash(e->key, e->keylen) & mood_table_mask;
		while (mood_table[slot] != 0)
			slot = (slot + 1) & mood_table_mask;
		mood_table[slot] = i + 1;
	}
}

/*
 * Add an entry for key (which must outlive the table: the lexicon's own
 * text, a rule's string, or a copy) unless one exists. Returns the
 * entry, new or old; *added says which.
 */
static struct mood_entry *
mood_add(const char *key, size_t len, uint32_t hash, int *added)
{
	struct mood_entry	*e;
	size_t			 slot;

	if ((mood_nentries + 1) * 2 > mood_table_mask)
		mood_table_grow(mood_nentries * 2 + 1);
	slot = hash & mood_table_mask;
	while (mood_table[slot] != 0) {
		e = &mood_entries[mood_table[slot] - 1];
		if (e->keylen == len && memcmp(e->key, key, len) == 0) {
			*added = 0;
			return (e);
		}
		slot = (slot + 1) & mood_table_mask;
	}
	if (mood_nentries == mood_entries_size) {
		mood_entries_size = mood_entries_size == 0 ? 4096 :
		    mood_entries_size * 2;
		mood_entries = xreallocarray(mood_entries, mood_entries_size,
		    sizeof *mood_entries);
	}
	e = &mood_entries[mood_nentries];
	memset(e, 0, sizeof *e);
	e->key = key;
	e->keylen = len;
	mood_table[slot] = ++mood_nentries;
	*added = 1;
	return (e);
}

/* Copy a key that exists nowhere else; it lives until mood_unload(). */
static const char *
mood_key_copy(const char *key, size_t len)
{
	struct mood_key_block	*block = mood_key_blocks;

	if (block == NULL || block->used + len > sizeof block->data) {
		block = xmalloc(sizeof *block);
		block->used = 0;
		block->next = mood_key_blocks;
		mood_key_blocks = block;
	}
	memcpy(block->data + block->used, key, len);
	block->used += len;
	return (block->data + block->used - len);
}

/*
 * Find how long the phrase at p is (up to a tab or end), whether it is
 * plain, and its hash, in one look at each byte.
 */
static int
mood_phrase_scan(const char *p, size_t max, size_t *len, size_t *ntokens,
    uint32_t *hash)
{
	size_t		i;
	unsigned char	c, prev = ' ';
	int		plain = max > 0 &&
			    mood_shape_first[(unsigned char)p[0]] == 0;
	uint32_t	h = MOOD_HASH_START;

	*ntokens = 1;
	for (i = 0; i < max && p[i] != '\t'; i++) {
		c = (unsigned char)p[i];
		h = MOOD_HASH_BYTE(h, c);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			;
		else if (c == ' ' && prev != ' ' && prev != '\'' &&
		    i + 1 < max && p[i + 1] != '\t')
			(*ntokens)++;
		else if (c == '\'' && prev >= 'a' && prev <= 'z' &&
		    i + 1 < max && p[i + 1] >= 'a' && p[i + 1] <= 'z')
			;
		else
			plain = 0;
		prev = c;
	}
	*len = i;
	*hash = h;
	return (plain && i > 0 && i < MOOD_KEY_MAX &&
	    *ntokens <= MOOD_PHRASE_TOKENS);
}

/*
 * Whether a phrase is already its own key: lowercase ASCII words made
 * of letters, digits and inner apostrophes, separated by single
 * spaces, as the tokenizer would give them. Counts the words.
 */
static int
mood_phrase_plain(const char *phrase, size_t len, size_t *ntokens)
{
	size_t		i;
	unsigned char	c, prev = ' ';

	*ntokens = 1;
	if (len == 0 || len >= MOOD_KEY_MAX ||
	    mood_shape_first[(unsigned char)phrase[0]] != 0)
		return (0);
	for (i = 0; i < len; i++) {
		c = (unsigned char)phrase[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			;
		else if (c == ' ' && prev != ' ' && prev != '\'' &&
		    i + 1 < len)
			(*ntokens)++;
		else if (c == '\'' && prev >= 'a' && prev <= 'z' &&
		    i + 1 < len && phrase[i + 1] >= 'a' && phrase[i + 1] <= 'z')
			;
		else
			return (0);
		prev = c;
	}
	return (*ntokens <= MOOD_PHRASE_TOKENS);
}

/*
 * Turn a phrase into its key: its tokens joined by single spaces.
 * Returns the key (the phrase itself when plain, else a copy) and its
 * length in *keylen, or NULL with *why when it cannot be a key.
 */
static const char *
mood_phrase_key(const char *phrase, size_t len, size_t *keylen,
    size_t *ntokens, const char **why)
{
	struct mood_scan	 sc;
	const struct mood_token	*t;
	char			 key[MOOD_KEY_MAX];
	size_t			 i, n = 0;

	*why = NULL;
	if (mood_phrase_plain(phrase, len, ntokens)) {
		*keylen = len;
		return (phrase);
	}
	mood_scan_init(&sc, 1);
	mood_tokenize(&sc, phrase, len);
	if (sc.ntokens == 0)
		*why = "has no words";
	else if (sc.ntokens > MOOD_PHRASE_TOKENS)
		*why = "has too many words";
	for (i = 0; *why == NULL && i < sc.ntokens; i++) {
		t = &sc.tokens[i];
		if (t->type == MOOD_TOKEN_CLAUSE ||
		    (t->type == MOOD_TOKEN_END && sc.text[t->off] != '!') ||
		    (i == 0 && t->type == MOOD_TOKEN_END))
			*why = "has punctuation that ends a phrase";
		else if (t->flags & MOOD_TOKEN_LONG)
			*why = "has a word that is too long";
		else if (n + t->len + 1 > MOOD_KEY_MAX)
			*why = "is too long";
		else {
			if (i > 0)
				key[n++] = ' ';
			memcpy(key + n, sc.text + t->off, t->len);
			n += t->len;
		}
	}
	*ntokens = sc.ntokens;
	mood_scan_free(&sc);
	if (*why != NULL)
		return (NULL);
	*keylen = n;
	return (mood_key_copy(key, n));
}

/* Parse a number in [-1, 1] written with digits and a decimal point. */
static int
mood_parse_number(const char *s, size_t len, float *out)
{
	uint32_t	v = 0, place = 1;
	size_t		i = 0, digits = 0, decimals = 0;
	int		negative = 0;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		negative = s[i++] == '-';
	for (; i < len && s[i] >= '0' && s[i] <= '9' && digits < 2; i++) {
		v = v * 10 + (s[i] - '0');
		digits++;
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9' &&
		    decimals < 4; i++) {
			v = v * 10 + (s[i] - '0');
			place *= 10;
			decimals++;
		}
	}
	if (digits + decimals == 0 || i != len || v > place)
		return (-1);
	*out = (negative ? -(float)v : (float)v) / place;
	return (0);
}

/* Split a line at tabs into at most nfield fields. Returns the count. */
static size_t
mood_split_tabs(const char *line, size_t len, const char **field,
    size_t *flen, size_t nfield)
{
	size_t	i = 0, n = 0, start;

	while (i < len) {
		while (i < len && line[i] == '\t')
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && line[i] != '\t')
			i++;
		if (n == nfield)
			return (nfield + 1);
		field[n] = line + start;
		flen[n++] = i - start;
	}
	return (n);
}

/* Whether a phrase is an emoticon: no space, some ASCII punctuation. */
static int
mood_is_shape(const char *p, size_t len)
{
	size_t		i;
	unsigned char	c;
	int		punct = 0;

	for (i = 0; i < len; i++) {
		c = (unsigned char)p[i];
		if (c == ' ')
			return (0);
		if (c < 0x80 && !mood_ascii_alnum(c) && c != '\'' &&
		    c != '-' && c != '!')
			punct = 1;
	}
	return (punct);
}

static int
mood_shape_compare(const void *a, const void *b)
{
	const struct mood_shape	*x = a, *y = b;
	unsigned char		 cx = (unsigned char)x->text[0];
	unsigned char		 cy = (unsigned char)y->text[0];

	if (cx != cy)
		return (cx < cy ? -1 : 1);
	if (x->len != y->len)
		return (x->len > y->len ? -1 : 1);
	return (0);
}

/* Free everything mood_load() built. */
static void
mood_unload(void)
{
	struct mood_key_block	*block;

	free(mood_entries);
	mood_entries = NULL;
	mood_nentries = mood_nlexicon = mood_entries_size = 0;
	while ((block = mood_key_blocks) != NULL) {
		mood_key_blocks = block->next;
		free(block);
	}
	free(mood_table);
	mood_table = NULL;
	mood_table_mask = 0;
	free(mood_shapes);
	mood_shapes = NULL;
	mood_nshapes = 0;
	memset(mood_shape_first, 0, sizeof mood_shape_first);
	memset(mood_shape_count, 0, sizeof mood_shape_count);
	mood_loaded = 0;
}

/* Index the emoticons found, longest first for each first byte. */
static void
mood_index_shapes(void)
{
	size_t		i;
	unsigned char	c;

	qsort(mood_shapes, mood_nshapes, sizeof *mood_shapes,
	    mood_shape_compare);
	memset(mood_shape_first, 0, sizeof mood_shape_first);
	memset(mood_shape_count, 0, sizeof mood_shape_count);
	for (i = 0; i < mood_nshapes; i++) {
		c = (unsigned char)mood_shapes[i].text[0];
		if (mood_shape_first[c] == 0)
			mood_shape_first[c] = i + 1;
		mood_shape_count[c]++;
	}
}

/* Put the rule words in the table. */
static void
mood_load_rules(void)
{
	const struct mood_rule	*r;
	struct mood_entry	*e;
	const char		*key, *why;
	size_t			 i, keylen, ntokens;
	int			 added;

	for (i = 0; i < sizeof mood_rules / sizeof mood_rules[0]; i++) {
		r = &mood_rules[i];
		key = mood_phrase_key(r->phrase, strlen(r->phrase), &keylen,
		    &ntokens, &why);
		if (key == NULL)
			continue;
		e = mood_add(key, keylen, mood_hash(key, keylen), &added);
		e->kind = r->kind;
		e->arousal = r->scale;
		e->ntokens = ntokens;
	}
}

/* A line of the lexicon: where it is, and the values before it. */
struct mood_line {
	const char		*text;
	size_t			 len;
	size_t			 lineno;
	size_t			 phrase;	/* length up to the first tab */
};

struct mood_last {
	const char		*values;	/* the line after the phrase */
	size_t			 len;
	struct mood_entry	 parsed;
};

/* Parse the values of a line: valence, arousal, emotions and flags. */
static int
mood_load_values(const struct mood_line *l, struct mood_entry *parsed,
    struct mood_last *last, char **cause)
{
	const char	*field[4], *slash, *p, *end, *values;
	size_t		 flen[4], nfield, k, wordlen;

	/* Lines of one group repeat their values: parse them once. */
	values = l->text + l->phrase;
	while (values < l->text + l->len && *values == '\t')
		values++;
	if (last->values != NULL && values > l->text + l->phrase &&
	    (size_t)(l->text + l->len - values) == last->len &&
	    memcmp(values, last->values, last->len) == 0) {
		*parsed = last->parsed;
		return (0);
	}
	nfield = mood_split_tabs(l->text, l->len, field, flen, 4);
	if (nfield < 3 || nfield > 4) {
		xasprintf(cause, "data/" MOOD_LEXICON ":%zu: want a phrase, a "
		    "valence, an arousal and maybe emotions, separated by tabs",
		    l->lineno);
		return (-1);
	}
	memset(parsed, 0, sizeof *parsed);
	slash = memchr(field[1], '/', flen[1]);
	if (slash != NULL) {
		if (mood_parse_number(field[1], slash - field[1],
		    &parsed->valence) != 0 || mood_parse_number(slash + 1,
		    field[1] + flen[1] - slash - 1, &parsed->valence2) != 0 ||
		    parsed->valence <= 0 || parsed->valence2 >= 0) {
			xasprintf(cause, "data/" MOOD_LEXICON ":%zu: a "
			    "two-sided valence is POSITIVE/NEGATIVE, like "
			    "0.3/-0.3", l->lineno);
			return (-1);
		}
	} else if (mood_parse_number(field[1], flen[1],
	    &parsed->valence) != 0) {
		xasprintf(cause, "data/" MOOD_LEXICON ":%zu: valence must be "
		    "a number from -1 to 1, like -0.35", l->lineno);
		return (-1);
	}
	if (mood_parse_number(field[2], flen[2], &parsed->arousal) != 0) {
		xasprintf(cause, "data/" MOOD_LEXICON ":%zu: arousal must be "
		    "a number from -1 to 1, like 0.6", l->lineno);
		return (-1);
	}
	p = nfield == 4 ? field[3] : NULL;
	end = nfield == 4 ? field[3] + flen[3] : NULL;
	while (p != NULL && p < end) {
		while (p < end && *p == ' ')
			p++;
		for (wordlen = 0; p + wordlen < end && p[wordlen] != ' ';
		    wordlen++)
			;
		if (wordlen == 0)
			break;
		if (wordlen == 9 && memcmp(p, "+laughter", 9) == 0)
			parsed->flags |= MOOD_FLAG_LAUGHTER;
		else if (wordlen == 12 && memcmp(p, "+if-laughing", 12) == 0)
			parsed->flags |= MOOD_FLAG_IF_LAUGHING;
		else {
			for (k = 0; k < MOOD_NEMOTION_NAMES; k++) {
				if (mood_emotion_lengths[k] == wordlen &&
				    memcmp(mood_emotion_names[k], p,
				    wordlen) == 0)
					break;
			}
			if (k == MOOD_NEMOTION_NAMES) {
				xasprintf(cause, "data/" MOOD_LEXICON ":%zu: "
				    "\"%.*s\" is not an emotion this version "
				    "knows", l->lineno, (int)wordlen, p);
				return (-1);
			}
			if (parsed->nemotions == MOOD_ENTRY_EMOTIONS) {
				xasprintf(cause, "data/" MOOD_LEXICON ":%zu: "
				    "at most %d emotions", l->lineno,
				    MOOD_ENTRY_EMOTIONS);
				return (-1);
			}
			parsed->emotions[parsed->nemotions++] = k;
		}
		p += wordlen;
	}
	if (parsed->valence == 0 && parsed->valence2 == 0 &&
	    parsed->arousal == 0 && parsed->nemotions == 0 &&
	    parsed->flags == 0)
		parsed->kind = MOOD_KIND_NONE;
	else
		parsed->kind = MOOD_KIND_AFFECT;
	last->values = field[1];
	last->len = l->text + l->len - field[1];
	last->parsed = *parsed;
	return (0);
}

/*
 * Add one lexicon line as an entry under key (already made from its
 * phrase). Returns 0, or -1 with *cause.
 */
static int
mood_load_entry(const struct mood_line *l, const char *key, size_t keylen,
    uint32_t hash, size_t ntokens, struct mood_last *last, char **cause)
{
	struct mood_entry	*e, parsed;
	int			 added;

	if (mood_load_values(l, &parsed, last, cause) != 0)
		return (-1);
	e = mood_add(key, keylen, hash, &added);
	if (!added) {
		if (e->line == 0)
			xasprintf(cause, "data/" MOOD_LEXICON ":%zu: \"%.*s\" "
			    "is a rule word of core-mood.c", l->lineno,
			    (int)keylen, key);
		else
			xasprintf(cause, "data/" MOOD_LEXICON ":%zu: \"%.*s\" "
			    "is already on line %u", l->lineno, (int)keylen,
			    key, e->line);
		return (-1);
	}
	parsed.key = key;
	parsed.keylen = keylen;
	parsed.line = l->lineno;
	parsed.ntokens = ntokens;
	*e = parsed;
	mood_nlexicon++;
	return (0);
}

/*
 * Add what every phrase needs to be found: its spelling without
 * apostrophes ("cant sleep"), unless taken, and its prefixes, so
 * matching knows when to go on.
 */
static void
mood_load_finish(void)
{
	struct mood_entry	*e;
	char			 key[MOOD_KEY_MAX];
	const char		*copy, *p;
	size_t			 i, j, k, count = mood_nentries;
	uint32_t		 h;
	int			 added;

	for (i = 0; i < count; i++) {
		e = &mood_entries[i];
		if (memchr(e->key, '\'', e->keylen) == NULL)
			continue;
		for (j = k = 0; j < e->keylen; j++) {
			if (e->key[j] != '\'')
				key[k++] = e->key[j];
		}
		if (mood_find(key, k) != NULL)
			continue;
		copy = mood_key_copy(key, k);
		e = mood_add(copy, k, mood_hash(copy, k), &added);
		*e = mood_entries[i];
		e->key = copy;
		e->keylen = k;
		e->flags &= ~MOOD_FLAG_LONGER;
	}
	count = mood_nentries;
	for (i = 0; i < count; i++) {
		if (mood_entries[i].ntokens < 2)
			continue;
		p = mood_entries[i].key;
		h = MOOD_HASH_START;
		for (j = 0; j < mood_entries[i].keylen; j++) {
			if (p[j] == ' ') {
				e = mood_add(p, j, h, &added);
				e->flags |= MOOD_FLAG_LONGER;
			}
			h = MOOD_HASH_BYTE(h, p[j]);
		}
	}
}

/*
 * Load the lexicon (once; later calls return at once). Returns 0, or -1
 * with *cause naming the line of data/mood-lexicon.txt at fault.
 *
 * One pass takes every plain phrase (most of them) straight from the
 * compiled-in text; phrases with emoticons, emoji or other marks wait
 * for a second pass, once the emoticons are known to the tokenizer.
 * Builds with the tables made at compile time (MOOD_PRECOMPUTED) call
 * this only from the generator, mood-gen.
 */
int
mood_build(char **cause)
{
	const char		*text, *end, *key, *why;
	struct mood_line	 l, *later = NULL;
	struct mood_last	 last;
	size_t			 len, i, nlater = 0, ntokens, keylen;
	uint32_t		 h;

	if (mood_loaded)
		return (0);
	if ((text = data_file(MOOD_LEXICON, &len, cause)) == NULL)
		return (-1);
	for (i = 0; i < MOOD_NEMOTION_NAMES; i++) {
		mood_emotion_lengths[i] = strlen(mood_emotion_names[i]);
		if (strcmp(mood_emotion_names[i], "amused") == 0)
			mood_amused = i;
	}
	/* About 25 bytes a line; prefixes and other spellings add half. */
	mood_table_grow(len / 12 + 256);
	mood_load_rules();

	memset(&last, 0, sizeof last);
	l.lineno = 0;
	for (l.text = text; l.text < text + len; l.text = end + 1) {
		l.lineno++;
		if ((end = memchr(l.text, '\n', text + len - l.text)) == NULL)
			end = text + len;
		l.len = end - l.text;
		if (l.len > 0 && l.text[l.len - 1] == '\r')
			l.len--;
		if (l.len == 0 || *l.text == '#')
			continue;
		if (mood_phrase_scan(l.text, l.len, &l.phrase, &ntokens, &h)) {
			if (mood_load_entry(&l, l.text, l.phrase, h, ntokens,
			    &last, cause) != 0)
				goto fail;
			continue;
		}
		if (mood_is_shape(l.text, l.phrase)) {
			mood_shapes = xreallocarray(mood_shapes,
			    mood_nshapes + 1, sizeof *mood_shapes);
			mood_shapes[mood_nshapes].text = l.text;
			mood_shapes[mood_nshapes++].len = l.phrase;
		}
		later = xreallocarray(later, nlater + 1, sizeof *later);
		later[nlater++] = l;
	}

	mood_index_shapes();
	for (i = 0; i < nlater; i++) {
		key = mood_phrase_key(later[i].text, later[i].phrase, &keylen,
		    &ntokens, &why);
		if (key == NULL) {
			xasprintf(cause, "data/" MOOD_LEXICON ":%zu: the phrase "
			    "%s", later[i].lineno, why);
			goto fail;
		}
		if (mood_load_entry(&later[i], key, keylen, mood_hash(key,
		    keylen), ntokens, &last, cause) != 0)
			goto fail;
	}
	free(later);
	mood_load_finish();
	mood_loaded = 1;
	return (0);

fail:
	free(later);
	mood_unload();
	return (-1);
}

/* Write s (len bytes) as a C string literal, every byte safe. */
static void
mood_dump_string(FILE *f, const char *s, size_t len)
{
	size_t	i;

	fputc('"', f);
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f &&
		    s[i] != '"' && s[i] != '\\' && s[i] != '?')
			fputc(s[i], f);
		else
			fprintf(f, "\\%03o", (unsigned char)s[i]);
	}
	fputc('"', f);
}

/*
 * Write the tables mood_build() made as C, for the build to compile in
 * (see mood-gen.c): a start then only points at them.
 */
int
mood_dump(FILE *f)
{
	const struct mood_entry	*e;
	size_t			 i;

	fprintf(f, "/* Generated by mood-gen from data/" MOOD_LEXICON "; "
	    "do not edit. */\n\n");
	fprintf(f, "static const struct mood_entry mood_pre_entries[] = {\n");
	for (i = 0; i < mood_nentries; i++) {
		e = &mood_entries[i];
		fputs("\t{ ", f);
		mood_dump_string(f, e->key, e->keylen);
		fprintf(f, ", %u, %u, %u, %.9g, %.9g, %.9g, %u, "
		    "{ %u, %u, %u }, %u, %u },\n", e->keylen, e->kind,
		    e->flags, e->valence, e->valence2, e->arousal, e->line,
		    e->emotions[0], e->emotions[1], e->emotions[2],
		    e->nemotions, e->ntokens);
	}
	fprintf(f, "};\n\nstatic const uint32_t mood_pre_table[] = {");
	for (i = 0; i <= mood_table_mask; i++)
		fprintf(f, "%s%u,", i % 12 == 0 ? "\n\t" : " ", mood_table[i]);
	fprintf(f, "\n};\n\nstatic const struct mood_shape mood_pre_shapes[] "
	    "= {\n");
	for (i = 0; i < mood_nshapes; i++) {
		fputs("\t{ ", f);
		mood_dump_string(f, mood_shapes[i].text, mood_shapes[i].len);
		fprintf(f, ", %zu },\n", mood_shapes[i].len);
	}
	fprintf(f, "\t{ NULL, 0 }\n};\n\nstatic const uint16_t "
	    "mood_pre_shape_first[256] = {");
	for (i = 0; i < 256; i++)
		fprintf(f, "%s%u,", i % 12 == 0 ? "\n\t" : " ",
		    mood_shape_first[i]);
	fprintf(f, "\n};\n\nstatic const uint16_t mood_pre_shape_count[256] "
	    "= {");
	for (i = 0; i < 256; i++)
		fprintf(f, "%s%u,", i % 12 == 0 ? "\n\t" : " ",
		    mood_shape_count[i]);
	fprintf(f, "\n};\n\n#define MOOD_PRE_NENTRIES %zu\n"
	    "#define MOOD_PRE_TABLE_MASK %zu\n#define MOOD_PRE_NSHAPES %zu\n"
	    "#define MOOD_PRE_NLEXICON %zu\n", mood_nentries,
	    mood_table_mask, mood_nshapes, mood_nlexicon);
	return (ferror(f) ? -1 : 0);
}

#ifdef MOOD_PRECOMPUTED
#include "core-mood-table.inc"

/*
 * Point the tables at the ones compiled in. They are never written after
 * loading, so the casts from const are safe.
 */
static void
mood_install(void)
{
	size_t	i;

	for (i = 0; i < MOOD_NEMOTION_NAMES; i++) {
		mood_emotion_lengths[i] = strlen(mood_emotion_names[i]);
		if (strcmp(mood_emotion_names[i], "amused") == 0)
			mood_amused = i;
	}
	mood_entries = (struct mood_entry *)mood_pre_entries;
	mood_nentries = MOOD_PRE_NENTRIES;
	mood_nlexicon = MOOD_PRE_NLEXICON;
	mood_table = (uint32_t *)mood_pre_table;
	mood_table_mask = MOOD_PRE_TABLE_MASK;
	mood_shapes = (struct mood_shape *)mood_pre_shapes;
	mood_nshapes = MOOD_PRE_NSHAPES;
	memcpy(mood_shape_first, mood_pre_shape_first,
	    sizeof mood_shape_first);
	memcpy(mood_shape_count, mood_pre_shape_count,
	    sizeof mood_shape_count);
	mood_loaded = 1;
}
#endif

/*
 * Load the lexicon: the tables made at compile time when the build has
 * them, else parsed from the text now.
 */
int
mood_load(char **cause)
{
#ifdef MOOD_PRECOMPUTED
	if (!mood_loaded)
		mood_install();
	return (0);
#else
	return (mood_build(cause));
#endif
}

/* How many phrases the lexicon file gave (0 before mood_load()). */
size_t
mood_lexicon_size(void)
{
	return (mood_nlexicon);
}

/*
 * The longest entry starting at token i that is not only a prefix, or
 * NULL; *span is how many tokens it covers.
 */
static const struct mood_entry *
mood_match(const struct mood_scan *sc, size_t i, size_t *span)
{
	const struct mood_entry	*e, *best = NULL;
	const struct mood_token	*t;
	char			 key[MOOD_KEY_MAX];
	size_t			 j, keylen = 0;

	for (j = i; j < sc->ntokens && j - i < MOOD_PHRASE_TOKENS; j++) {
		t = &sc->tokens[j];
		if (t->flags & MOOD_TOKEN_LONG)
			break;
		if (keylen + t->len + 1 > sizeof key)
			break;
		if (j > i)
			key[keylen++] = ' ';
		memcpy(key + keylen, sc->text + t->off, t->len);
		keylen += t->len;
		if ((e = mood_find(key, keylen)) == NULL)
			break;
		if (e->kind != MOOD_KIND_PREFIX) {
			best = e;
			*span = j - i + 1;
		}
		if (!(e->flags & MOOD_FLAG_LONGER))
			break;
	}
	return (best);
}

/* A new, zeroed item at the end of the list (which moves to the heap). */
static struct mood_item *
mood_items_add(struct mood_items *list)
{
	struct mood_item	*item;

	if (list->n == list->size) {
		if (list->items == list->local) {
			list->items = xreallocarray(NULL, list->size * 2,
			    sizeof *list->items);
			memcpy(list->items, list->local,
			    list->n * sizeof *list->items);
		} else {
			list->items = xreallocarray(list->items,
			    list->size * 2, sizeof *list->items);
		}
		list->size *= 2;
	}
	item = &list->items[list->n++];
	memset(item, 0, sizeof *item);
	return (item);
}

/*
 * Make the items for an entry matched at tokens [i, i + span), applying
 * the negation, scale, capitals, "!", "?" and contrast in force.
 */
static void
mood_add_items(const struct mood_scan *sc, struct mood_items *list,
    const struct mood_entry *e, size_t i, size_t span,
    const struct mood_state *st)
{
	const struct mood_token	*t = &sc->tokens[i];
	struct mood_item	*item;
	double			 v = e->valence, v2 = e->valence2;
	double			 a = e->arousal, m = 1, q;
	size_t			 k;
	int			 negated = st->negation > 0, caps = 0;
	int			 stretched = 0;

	if (st->scale_left > 0)
		m = st->scale;
	for (k = i; k < i + span; k++) {
		if (sc->tokens[k].flags & MOOD_TOKEN_CAPS)
			caps = 1;
		if (sc->tokens[k].flags & MOOD_TOKEN_ELONGATED)
			stretched = 1;
	}
	if (negated) {
		if (v2 != 0) {
			v *= 0.5;
			v2 *= 0.5;
		} else if (v > 0)
			v = -v * MOOD_NEGATE_POSITIVE;
		else
			v = -v * MOOD_NEGATE_NEGATIVE;
		if (m > 1)
			m = 1 / m;	/* "not very happy" is mild */
		a = -0.5 * a;
	}
	if (caps) {
		m *= MOOD_CAPS;
		a += 0.25;
	}
	if (stretched) {
		m *= MOOD_ELONGATED;
		a += 0.1;
	}
	if (t->exclaim > 0) {
		m *= 1 + MOOD_EXCLAIM * t->exclaim;
		a += MOOD_EXCLAIM * t->exclaim;
	} else if (t->flags & MOOD_TOKEN_QUESTION) {
		if (t->flags & MOOD_TOKEN_SELF)
			q = MOOD_QUESTION_SELF;
		else if (t->flags & MOOD_TOKEN_YOU)
			q = MOOD_QUESTION_YOU;
		else
			q = MOOD_QUESTION_OTHER;
		m *= q;
	}
	if (st->after)
		m *= MOOD_CONTRAST_WEIGHT;
	if (st->hedged)
		m *= MOOD_HEDGE;

	item = mood_items_add(list);
	item->entry = e;
	item->value = v * m;
	item->arousal = mood_clamp(a);
	item->token = i;
	item->segment = st->segment;
	item->negated = negated;
	item->after = st->after;
	if (!negated) {
		item->nemotions = e->nemotions;
		memcpy(item->emotions, e->emotions, sizeof item->emotions);
	}
	if (v2 == 0)
		return;
	/* A two-sided entry: the second emotion goes with the negative. */
	if (item->nemotions > 1)
		item->nemotions = 1;
	item = mood_items_add(list);
	*item = list->items[list->n - 2];
	item->value = v2 * m;
	item->nemotions = 0;
	if (!negated && e->nemotions > 1) {
		item->emotions[0] = e->emotions[1];
		item->nemotions = 1;
	}
}

/* Count one plain word against the reach of negation and scale. */
static void
mood_step(struct mood_state *st)
{
	if (st->negation > 0)
		st->negation--;
	if (st->scale_left > 0 && --st->scale_left == 0)
		st->scale = 1;
}

/* A clause ends: negation and scale reach no further. */
static void
mood_clause(struct mood_state *st)
{
	st->negation = 0;
	st->scale = 1;
	st->scale_left = 0;
}

/* Whether token j is a word or a symbol (not punctuation, not the end). */
static int
mood_is_word(const struct mood_scan *sc, size_t j)
{
	return (j < sc->ntokens && (sc->tokens[j].type == MOOD_TOKEN_WORD ||
	    sc->tokens[j].type == MOOD_TOKEN_SYMBOL));
}

/*
 * A contrast word at token i ("but", "though", "yet", "despite"); next is
 * the token after it. Starts the part that weighs more, or, for a
 * trailing "though", makes the sentence so far that part.
 */
static void
mood_contrast(const struct mood_scan *sc, struct mood_items *list,
    const struct mood_entry *e, size_t i, size_t next, struct mood_state *st)
{
	size_t	k;
	int	at_start = i == st->sentence_token;
	int	trailing;

	/*
	 * Nothing follows in the sentence: "It was fun though." A comma
	 * after "though" ends it too, but "However, ..." goes on.
	 */
	trailing = next >= sc->ntokens ||
	    sc->tokens[next].type == MOOD_TOKEN_END ||
	    (e->kind == MOOD_KIND_CONCESSIVE && !mood_is_word(sc, next));

	if (st->not_only && e->kind != MOOD_KIND_DESPITE) {
		st->not_only = 0;	/* "not only X but also Y" */
		mood_step(st);
		return;
	}
	if (e->kind == MOOD_KIND_YET && (trailing || st->negation > 0)) {
		mood_step(st);		/* "not yet", "done yet?" */
		return;
	}
	if ((e->kind == MOOD_KIND_CONCESSIVE || e->kind ==
	    MOOD_KIND_DESPITE) && at_start && mood_is_word(sc, next)) {
		mood_clause(st);
		st->concessive = 1;	/* the comma turns it */
		return;
	}
	if (e->kind == MOOD_KIND_DESPITE) {
		mood_step(st);
		return;
	}
	if (trailing) {
		if (e->kind == MOOD_KIND_CONCESSIVE) {
			/* "It was fun though.": this sentence weighs more. */
			st->segment++;
			for (k = st->sentence_item; k < list->n; k++) {
				list->items[k].segment = st->segment;
				if (!list->items[k].after)
					list->items[k].value *=
					    MOOD_CONTRAST_WEIGHT;
				list->items[k].after = 1;
			}
			st->sentence_item = list->n;	/* once each */
		}
		mood_step(st);
		return;
	}
	mood_clause(st);
	st->segment++;
	st->after = 1;
	st->concessive = 0;
}

/* Copy a string into out (size bytes), cut to fit, NUL-terminated. */
static void
mood_copy(char *out, size_t size, const char *s)
{
	size_t	n = strlen(s);

	if (n >= size)
		n = size - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* What to call an item in a label: its first emotion, "not X", good, bad. */
static void
mood_item_name(const struct mood_item *item, char *out, size_t size)
{
	const struct mood_entry	*e = item->entry;
	const char		*key = e->key;
	size_t			 i;
	int			 word = e->ntokens == 1 && e->keylen <= 20;

	if (!item->negated) {
		if (item->nemotions > 0)
			mood_copy(out, size,
			    mood_emotion_names[item->emotions[0]]);
		else
			mood_copy(out, size, item->value > 0 ? "good" : "bad");
		return;
	}
	for (i = 0; word && i < e->keylen; i++) {
		if (key[i] < 'a' || key[i] > 'z')
			word = 0;
	}
	if (e->nemotions > 0)
		snprintf(out, size, "not %s", mood_emotion_names[e->emotions[0]]);
	else if (word)
		snprintf(out, size, "not %.*s", (int)e->keylen, key);
	else
		mood_copy(out, size, item->value > 0 ? "good" : "bad");
}

/* The item that counts most among those matching (segment, sign). */
static const struct mood_item *
mood_strongest(const struct mood_items *list, size_t segment, int sign)
{
	const struct mood_item	*item, *best = NULL;
	double			 w, bestw = 0;
	size_t			 i;

	for (i = 0; i < list->n; i++) {
		item = &list->items[i];
		if (segment != (size_t)-1 && item->segment != segment)
			continue;
		if ((sign > 0 && item->value <= 0) ||
		    (sign < 0 && item->value >= 0))
			continue;
		if (item->value == 0 && item->nemotions == 0)
			continue;
		w = mood_abs(item->value) + (item->nemotions > 0 ? 0.1 : 0);
		if (best == NULL || w > bestw) {
			best = item;
			bestw = w;
		}
	}
	return (best);
}

/* Whether an item counts for more than the label of one side of "but". */
static int
mood_item_strong(const struct mood_item *item)
{
	return (item != NULL && mood_abs(item->value) >= 0.15);
}

/*
 * "X but Y" from the strongest feeling after the last contrast that has
 * a feeling on both sides, or 0 when there is none.
 */
static int
mood_label_contrast(const struct mood_items *list, struct mood *m)
{
	const struct mood_item	**best, *local[16], *item;
	char			  a[28], b[28];
	size_t			  i, s, last = 0;
	int			  done = 0;

	for (i = 0; i < list->n; i++) {
		if (list->items[i].segment > last)
			last = list->items[i].segment;
	}
	if (last == 0)
		return (0);
	if (last < sizeof local / sizeof local[0])
		best = local;
	else
		best = xcalloc(last + 1, sizeof *best);
	memset(best, 0, (last < sizeof local / sizeof local[0] ?
	    sizeof local / sizeof local[0] : last + 1) * sizeof *best);
	for (i = 0; i < list->n; i++) {
		item = &list->items[i];
		if (item->value == 0 && item->nemotions == 0)
			continue;
		if (best[item->segment] == NULL || mood_abs(item->value) >
		    mood_abs(best[item->segment]->value))
			best[item->segment] = item;
	}
	for (s = last; s > 0 && !done; s--) {
		if (!mood_item_strong(best[s]))
			continue;
		for (i = s; i > 0; i--) {
			if (!mood_item_strong(best[i - 1]))
				continue;
			mood_item_name(best[i - 1], a, sizeof a);
			mood_item_name(best[s], b, sizeof b);
			if (strcmp(a, b) != 0) {
				snprintf(m->label, sizeof m->label, "%s but %s",
				    a, b);
				done = 1;
			}
			break;
		}
	}
	if (best != local)
		free(best);
	return (done);
}

/*
 * The label a person would say. Across a contrast, "X but Y" from the
 * strongest feeling of each side; a mixed mood without one, "X and Y";
 * otherwise the strongest feeling, with a close second of the same
 * sign as "X and Y".
 */
static void
mood_label(const struct mood_items *list, struct mood *m)
{
	const struct mood_item	*x, *y, *item;
	char			 a[28], b[28];
	size_t			 i;

	if (mood_label_contrast(list, m))
		return;
	if (m->polarity == MOOD_MIXED) {
		x = mood_strongest(list, (size_t)-1, 1);
		y = mood_strongest(list, (size_t)-1, -1);
		if (x != NULL && y != NULL) {
			if (y->token < x->token) {
				item = x;
				x = y;
				y = item;
			}
			mood_item_name(x, a, sizeof a);
			mood_item_name(y, b, sizeof b);
			snprintf(m->label, sizeof m->label, "%s and %s", a, b);
			return;
		}
	}
	if (m->polarity == MOOD_NEUTRAL && m->nemotions == 0) {
		mood_copy(m->label, sizeof m->label, "neutral");
		return;
	}
	x = mood_strongest(list, (size_t)-1,
	    m->polarity == MOOD_NEUTRAL ? 0 : m->valence > 0 ? 1 : -1);
	if (x == NULL) {
		mood_copy(m->label, sizeof m->label, "neutral");
		return;
	}
	mood_item_name(x, a, sizeof a);
	y = NULL;
	for (i = 0; m->polarity != MOOD_NEUTRAL && i < list->n; i++) {
		item = &list->items[i];
		if (item == x || (item->value > 0) != (x->value > 0) ||
		    mood_abs(item->value) < MOOD_LABEL_PAIR *
		    mood_abs(x->value) || mood_abs(item->value) < 0.2)
			continue;
		mood_item_name(item, b, sizeof b);
		if (strcmp(a, b) != 0 && (y == NULL ||
		    mood_abs(item->value) > mood_abs(y->value)))
			y = item;
	}
	if (y == NULL) {
		mood_copy(m->label, sizeof m->label, a);
		return;
	}
	mood_item_name(y, b, sizeof b);
	if (y->token < x->token)
		snprintf(m->label, sizeof m->label, "%s and %s", b, a);
	else
		snprintf(m->label, sizeof m->label, "%s and %s", a, b);
}

/* Sum the items into valence, arousal, parts, polarity and emotions. */
static void
mood_sum(const struct mood_items *list, struct mood *m)
{
	const struct mood_item	*item;
	double			 pos = 0, neg = 0, aw = 0, asum = 0, w;
	double			 weight[MOOD_NEMOTION_NAMES];
	static const double	 rank[MOOD_ENTRY_EMOTIONS] = { 1, 0.7, 0.5 };
	size_t			 i, k, best;

	memset(weight, 0, sizeof weight);
	for (i = 0; i < list->n; i++) {
		item = &list->items[i];
		if (item->value > 0)
			pos += item->value;
		else
			neg -= item->value;
		w = mood_abs(item->value) + 0.2;
		asum += w * item->arousal;
		aw += w;
		for (k = 0; k < item->nemotions; k++)
			weight[item->emotions[k]] += (mood_abs(item->value) +
			    0.15) * rank[k];
	}
	m->valence = mood_clamp(mood_tanh(MOOD_SATURATION * (pos - neg)));
	m->positive = mood_tanh(MOOD_SATURATION * pos);
	m->negative = mood_tanh(MOOD_SATURATION * neg);
	m->arousal = aw > 0 ? mood_clamp(asum / aw) : 0;
	if (m->positive >= MOOD_MIXED_MIN && m->negative >= MOOD_MIXED_MIN &&
	    (pos < neg ? pos / neg : neg / pos) >= MOOD_MIXED_RATIO)
		m->polarity = MOOD_MIXED;
	else if (m->valence >= MOOD_NEUTRAL_BAND)
		m->polarity = MOOD_POSITIVE;
	else if (m->valence <= -MOOD_NEUTRAL_BAND)
		m->polarity = MOOD_NEGATIVE;
	else
		m->polarity = MOOD_NEUTRAL;

	/* Emotions, strongest first. */
	while (m->nemotions < MOOD_EMOTIONS_MAX) {
		best = MOOD_NEMOTION_NAMES;
		for (k = 0; k < MOOD_NEMOTION_NAMES; k++) {
			if (weight[k] > 0 && (best == MOOD_NEMOTION_NAMES ||
			    weight[k] > weight[best]))
				best = k;
		}
		if (best == MOOD_NEMOTION_NAMES)
			break;
		mood_copy(m->emotions[m->nemotions++], MOOD_EMOTION_LEN,
		    mood_emotion_names[best]);
		weight[best] = 0;
	}
}

/*
 * Analyse text (any bytes; invalid UTF-8 is skipped). mood_load() first;
 * without a lexicon every text is neutral.
 */
void
mood_analyze(const char *text, size_t len, struct mood *m)
{
	struct mood_scan	 sc;
	struct mood_items	 list;
	struct mood_state	 st;
	struct mood_item	*item;
	const struct mood_entry	*e;
	const struct mood_token	*t;
	size_t			 i, k, next, span;

	memset(m, 0, sizeof *m);
	if (text == NULL || !mood_loaded)
		len = 0;
	mood_scan_init(&sc, 0);
	mood_tokenize(&sc, text != NULL ? text : "", len);
	list.items = list.local;
	list.n = 0;
	list.size = MOOD_LOCAL_ITEMS;
	memset(&st, 0, sizeof st);
	st.scale = 1;

	for (i = 0; i < sc.ntokens; i = next) {
		t = &sc.tokens[i];
		next = i + 1;
		if (t->type == MOOD_TOKEN_END) {
			mood_clause(&st);
			st.after = st.concessive = st.not_only = 0;
			st.hedged = 0;
			st.sentence_token = next;
			st.sentence_item = list.n;
			continue;
		}
		if (t->type == MOOD_TOKEN_CLAUSE) {
			mood_clause(&st);
			if (st.concessive) {
				st.concessive = 0;
				st.segment++;
				st.after = 1;
			}
			continue;
		}
		if ((e = mood_match(&sc, i, &span)) == NULL) {
			mood_step(&st);
			continue;
		}
		next = i + span;
		switch (e->kind) {
		case MOOD_KIND_NEGATOR:
			st.negation = MOOD_NEGATION_SCOPE;
			break;
		case MOOD_KIND_SCALE:
			st.scale *= (t->flags & MOOD_TOKEN_CAPS) &&
			    e->arousal > 1 ? e->arousal + 0.2 : e->arousal;
			st.scale_left = MOOD_SCALE_SCOPE;
			break;
		case MOOD_KIND_NOT_ONLY:
			st.not_only = 1;
			mood_step(&st);
			break;
		case MOOD_KIND_HEDGE:
			for (k = st.sentence_item; !st.hedged && k < list.n; k++)
				list.items[k].value *= MOOD_HEDGE;
			st.hedged = 1;
			break;
		case MOOD_KIND_CONTRAST:
		case MOOD_KIND_YET:
		case MOOD_KIND_CONCESSIVE:
		case MOOD_KIND_DESPITE:
			mood_contrast(&sc, &list, e, i, next, &st);
			break;
		case MOOD_KIND_AFFECT:
			if (e->flags & MOOD_FLAG_LAUGHTER)
				st.laughing = 1;
			mood_add_items(&sc, &list, e, i, span, &st);
			st.negation = 0;
			st.scale = 1;
			st.scale_left = 0;
			break;
		default:
			mood_step(&st);
			break;
		}
		if (sc.tokens[next - 1].type == MOOD_TOKEN_END) {
			/* A phrase that ends a sentence: "sick!" */
			mood_clause(&st);
			st.after = st.concessive = st.not_only = 0;
			st.hedged = 0;
			st.sentence_token = next;
			st.sentence_item = list.n;
		}
	}

	/* In a laughing message, "dead" and "crying" are amusement. */
	for (i = 0; st.laughing && i < list.n; i++) {
		item = &list.items[i];
		if (!(item->entry->flags & MOOD_FLAG_IF_LAUGHING))
			continue;
		item->value = MOOD_LAUGHING_VALUE *
		    (item->after ? MOOD_CONTRAST_WEIGHT : 1);
		item->arousal = 0.6;
		item->negated = 0;
		item->emotions[0] = mood_amused;
		item->nemotions = 1;
	}

	mood_sum(&list, m);
	mood_label(&list, m);
	if (list.items != list.local)
		free(list.items);
	mood_scan_free(&sc);
}

const char *
mood_polarity_name(enum mood_polarity p)
{
	switch (p) {
	case MOOD_POSITIVE:
		return ("positive");
	case MOOD_NEGATIVE:
		return ("negative");
	case MOOD_MIXED:
		return ("mixed");
	default:
		return ("neutral");
	}
}
