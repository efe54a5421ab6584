/*
 * Full-text search. A person's query ("what did I say about running?")
 * becomes an FTS5 expression built only of quoted word tokens joined by
 * OR: "say" OR "running". Quoting makes every token a plain phrase, so
 * nothing the person types (quotes, *, -, NEAR, AND, column filters) is
 * ever read as FTS5 syntax; OR lets a message that matches some of the
 * words still be found, and BM25 ranks those matching more, and rarer,
 * words first. Common English words are dropped unless nothing else is
 * left. Stemming and case folding are the index tokenizer's (porter over
 * unicode61).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util-buf.h"
#include "util-utf8.h"

#include "store-internal.h"
#include "store-search.h"

/* At most this many words of a query are searched for. */
#define STORE_SEARCH_MAX_WORDS 64

/* And no word longer than this (bytes) is. */
#define STORE_SEARCH_MAX_WORD 256

/* Words that say nothing about what to look for. */
static const char *store_search_stopwords[] = {
	"a", "about", "all", "am", "an", "and", "any", "are", "as", "at",
	"be", "been", "but", "by", "can", "could", "did", "do", "does",
	"for", "from", "had", "has", "have", "how", "i", "if", "in", "is",
	"it", "its", "me", "my", "of", "on", "or", "so", "that", "the",
	"their", "them", "then", "there", "these", "they", "this", "those",
	"to", "was", "we", "were", "what", "when", "where", "which", "who",
	"whom", "why", "will", "with", "would", "you", "your",
};

struct store_search_word {
	const char	*start;
	size_t		 len;
};

/* Whether word (len bytes) is one of the stopwords. */
static int
store_search_stopword(const char *word, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof store_search_stopwords /
	    sizeof store_search_stopwords[0]; i++) {
		if (strlen(store_search_stopwords[i]) == len &&
		    strncasecmp(store_search_stopwords[i], word, len) == 0)
			return (1);
	}
	return (0);
}

/* A character that can be part of a word: a letter or a digit. */
static int
store_search_wordchar(uint32_t cp)
{
	return ((cp >= '0' && cp <= '9') || utf8_isalpha(cp));
}

/*
 * Split query into words (runs of letters and digits; bytes that are not
 * UTF-8 separate words). Returns how many were found, at most max.
 */
static size_t
store_search_split(const char *query, struct store_search_word *words,
    size_t max)
{
	const char	*p = query, *start = NULL;
	size_t		 left = strlen(query), used, n = 0;
	uint32_t	 cp;

	while (left > 0 && n < max) {
		if ((used = utf8_decode(p, left, &cp)) == 0) {
			used = 1;
			cp = 0;
		}
		if (store_search_wordchar(cp)) {
			if (start == NULL)
				start = p;
		} else if (start != NULL) {
			words[n].start = start;
			words[n++].len = p - start;
			start = NULL;
		}
		p += used;
		left -= used;
	}
	if (start != NULL && n < max) {
		words[n].start = start;
		words[n++].len = p - start;
	}
	return (n);
}

/*
 * Turn a plain query into an FTS5 MATCH expression. Returns it (caller
 * frees), or NULL when the query holds no word at all.
 */
static char *
store_search_expression(const char *query)
{
	struct store_search_word	 words[STORE_SEARCH_MAX_WORDS];
	struct buf			 b;
	size_t				 n, i, kept = 0;
	int				 drop;

	n = store_search_split(query, words, STORE_SEARCH_MAX_WORDS);
	if (n == 0)
		return (NULL);
	for (i = 0; i < n; i++) {
		if (!store_search_stopword(words[i].start, words[i].len))
			kept++;
	}
	drop = kept != 0;

	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (drop && store_search_stopword(words[i].start,
		    words[i].len))
			continue;
		if (words[i].len > STORE_SEARCH_MAX_WORD)
			continue;
		if (b.len != 0)
			buf_addstr(&b, " OR ");
		/* Words hold no '"', so the quotes cannot be closed early. */
		buf_addc(&b, '"');
		buf_add(&b, words[i].start, words[i].len);
		buf_addc(&b, '"');
	}
	if (b.len == 0) {
		buf_free(&b);
		return (NULL);
	}
	return (buf_detach(&b));
}

/*
 * Search all messages for query, best first (score = -bm25, higher is
 * better; ties go to the newer message), at most limit (0 for all). A
 * query without words finds nothing and is not an error.
 */
int
store_search(struct store *s, const char *query, size_t limit,
    struct store_search_hit **hits, size_t *n, char **cause)
{
	/* Matches in what the person typed count more than attachments. */
	static const char	*sql =
	    "SELECT " STORE_MESSAGE_COLUMNS ", "
	    "  -bm25(messages_fts, 1.0, 0.5, 0.5) AS score "
	    "FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid "
	    "WHERE messages_fts MATCH ? "
	    "ORDER BY score DESC, m.time DESC, m.seq DESC LIMIT ?";
	sqlite3_stmt		*stmt;
	struct store_search_hit	*items = NULL, *hit;
	size_t			 count = 0, cap = 0;
	char			*expression;
	int			 rc;

	*hits = NULL;
	*n = 0;
	if (query == NULL || (expression = store_search_expression(query)) ==
	    NULL)
		return (0);

	if ((stmt = store_statement(s, sql, cause)) == NULL) {
		free(expression);
		return (-1);
	}
	store_bind_text(stmt, 1, expression);
	sqlite3_bind_int64(stmt, 2, limit == 0 || limit > INT64_MAX ? -1 :
	    (int64_t)limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		items = store_grow(items, &cap, count, sizeof *items);
		hit = &items[count++];
		store_message_read(stmt, 0, &hit->message);
		hit->score = sqlite3_column_double(stmt,
		    STORE_MESSAGE_NCOLUMNS);
	}
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		store_release(stmt);
		store_search_free(items, count);
		free(expression);
		return (-1);
	}
	store_release(stmt);
	free(expression);
	*hits = items;
	*n = count;
	return (0);
}

void
store_search_free(struct store_search_hit *hits, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_message_clear(&hits[i].message);
	free(hits);
}
