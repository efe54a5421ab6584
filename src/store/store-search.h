/*
 * Full-text search over all messages (FTS5, BM25 ranking, porter
 * stemming).
 *
 * store_search() takes plain words as a person types them and ranks with
 * FTS5's own bm25(): the plain keyword search. The others are the parts a
 * conversational search (src/core/core-search.c) is built from: the
 * index's own tokens for any text, a search for weighted terms (a word
 * and its synonyms count once, by the best of them) that may be kept to
 * one speaker and a span of time, a listing by speaker and time when a
 * question holds no other word, and single messages by id or position.
 * Every query is turned into FTS5 syntax here, never passed through raw.
 */
#ifndef STORE_SEARCH_H
#define STORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "store-message.h"

/*
 * A message found, and its score: higher is better. A hit of
 * store_search_terms() has each group's score too (NULL and 0 otherwise).
 */
struct store_search_hit {
	struct store_message	 message;
	double			 score;
	double			*groups;
	size_t			 ngroups;
};

/*
 * Best first, at most limit (0 for all). A query without any word finds
 * nothing and is not an error. Free with store_search_free().
 */
int	 store_search(struct store *, const char *query, size_t limit,
	    struct store_search_hit **, size_t *, char **cause);
void	 store_search_free(struct store_search_hit *, size_t);

/* One token of text as the index sees it: folded and stemmed. */
struct store_search_token {
	char	*stem;	/* "agencies" -> "agenc" */
	size_t	 start;	/* its bytes in the text: [start, end) */
	size_t	 end;
};

/*
 * Split text into the index's tokens (the tokenizer of messages_fts:
 * porter over unicode61, diacritics removed), in order. A text without
 * any gives none. Free with store_search_tokens_free().
 */
int	 store_search_tokens(struct store *, const char *text,
	    struct store_search_token **, size_t *, char **cause);
void	 store_search_tokens_free(struct store_search_token *, size_t);

/*
 * A term of a weighted search: words matched as one phrase (stemmed like
 * the index) in what was typed or attached, never in the speaker.
 */
struct store_search_term {
	const char	*phrase;
	double		 weight;	/* what a match is worth, > 0 */
	int		 group;		/* a group counts once, by its best */
};

/* What a weighted search is kept to. Zero (or NULL) means no limit. */
struct store_search_filter {
	const char	*speaker;	/* a word of the speaker's name */
	int64_t		 from;		/* ms: at or after */
	int64_t		 to;		/* ms: before */
};

/*
 * Messages matching any of the terms, best first, at most limit (0 for
 * all). The score is BM25 (k1 1.2, b 0.3; typed text counts twice what
 * is attached) for each term, times its weight; within a group only the
 * best term counts, and the groups add up. Each hit has the score of each
 * group too, the groups numbered from 0 in the order they first come in
 * terms. Rare terms find the rows; common ones (in more than a few
 * hundred rows) only add to the scores of the rows the rare ones find, so
 * a search costs what its rare terms match. filter may be NULL. No term
 * finds nothing and is not an error. Free with store_search_free().
 */
int	 store_search_terms(struct store *, const struct store_search_term *,
	    size_t nterms, const struct store_search_filter *, size_t limit,
	    struct store_search_hit **, size_t *, char **cause);

/*
 * Messages within filter (which must limit something), the longest first
 * (they say the most), at most limit; each scores 0. For a question that
 * names only a person or a time ("what did Caroline do in May?"). A span
 * reads the messages of the conversations that overlap it, the latest
 * few thousand at most (a conversation counts as begun when it was
 * created); a person alone, their latest few hundred messages.
 */
int	 store_search_filtered(struct store *,
	    const struct store_search_filter *, size_t limit,
	    struct store_search_hit **, size_t *, char **cause);

/* Whether some message was said by a speaker whose name holds word. */
int	 store_search_is_speaker(struct store *, const char *word,
	    char **cause);

/*
 * The time of the latest message (by the order messages were added), or
 * 0 when there is none: what "yesterday" and "last month" count from.
 */
int	 store_search_latest(struct store *, int64_t *, char **cause);


#endif
