/*
 * The tokeniser shared by the name detector (core-name.c) and the fact
 * extractor (core-fact.c): a message cut into words and punctuation,
 * reading UTF-8, with each word's lowercase form and shape, and where each
 * sentence and clause starts. The two readers differ only in a few rules,
 * which they pass in a struct token_rules.
 */
#ifndef CORE_TOKEN_H
#define CORE_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#ifndef nitems
#define nitems(a) (sizeof (a) / sizeof (a)[0])
#endif

#define TOKEN_MAX		4096	/* tokens of a message that are read */
#define TOKEN_WORD_BYTES	64	/* longest folded word, in bytes */

enum token_type {
	TOKEN_WORD,
	TOKEN_PAUSE,		/* , : ( ) dash, symbol, emoji: ends a clause */
	TOKEN_STOP,		/* . ! ; … newline: ends a sentence */
	TOKEN_QUESTION		/* ? ends a sentence that asks */
};

enum word_shape {
	SHAPE_LOWER,		/* harsha, nguyễn */
	SHAPE_CAPITAL,		/* Harsha, McKenzie, O'Brien, AJ */
	SHAPE_SHOUT,		/* HARSHA: enough capitals, no lower */
	SHAPE_UNCASED,		/* 张伟: a script without case */
	SHAPE_OTHER		/* digits, iPhone: not a name */
};

struct token {
	enum token_type	 type;
	const char	*start;
	size_t		 len;
	/* Words only. */
	enum word_shape	 shape;
	size_t		 letters;
	int		 lowercase;	/* holds a lowercase letter */
	char		 fold[TOKEN_WORD_BYTES + 1];	/* "" if longer */
	/* Pauses only. */
	char		 punct;		/* first byte, ',' ':' ... */
	int		 colon;		/* the run holds a lone ':' */
	/* All tokens. */
	size_t		 sentence;	/* first token of its sentence */
	size_t		 clause;	/* first token of its clause */
	int		 asks;		/* its sentence ends with "?" */
	int		 hedged;	/* left to the fact extractor */
};

/* A message cut into tokens. */
struct token_scan {
	struct token	*tokens;
	size_t		 n;
	size_t		 size;
	int		 shouted;	/* every word is in capitals */
	int		 asked;		/* left to the name detector */
};

/* How to cut, where the name detector and the fact extractor differ. */
#define TOKEN_PREFIXED	0x1	/* "d'Angelo", "al-Hassan" are capitalised */
#define TOKEN_AMPERSAND	0x2	/* "&" is the word "and" */

struct token_rules {
	const char *const	*abbreviations;	/* sorted; keep a final dot */
	size_t			 nabbreviations;
	size_t			 shout;		/* capitals that make a shout */
	int			 flags;		/* TOKEN_* */
};

int	 token_is_apostrophe(uint32_t);
int	 token_fold(const char *, size_t, char *, size_t);
int	 token_is_contraction(const char *);
void	 token_split(struct token_scan *, const char *,
	     const struct token_rules *);
void	 token_free(struct token_scan *);

int	 token_lexicon_has(const char *const *, size_t, const char *);
int	 token_is_word(const struct token_scan *, size_t);
int	 token_is(const struct token_scan *, size_t, const char *);
int	 token_in(const struct token_scan *, size_t, const char *const *,
	     size_t);

#define TOKEN_LEXICON_HAS(table, word) \
	token_lexicon_has(table, nitems(table), word)
#define TOKEN_IN(s, i, table) token_in(s, i, table, nitems(table))

#endif
