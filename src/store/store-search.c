/*
 * Full-text search.
 *
 * The plain search, store_search(), turns a person's query ("what did I
 * say about running?") into an FTS5 expression built only of quoted word
 * tokens joined by OR: "say" OR "running". Quoting makes every token a
 * plain phrase, so nothing the person types (quotes, *, -, NEAR, AND,
 * column filters) is ever read as FTS5 syntax; OR lets a message that
 * matches some of the words still be found, and BM25 ranks those matching
 * more, and rarer, words first. Common English words are dropped unless
 * nothing else is left. Stemming and case folding are the index
 * tokenizer's (porter over unicode61).
 *
 * The weighted search, store_search_terms(), is what the conversational
 * search in the core builds on. Its phrases are quoted the same way (a
 * '"' inside one is doubled) and kept to the text and attachment columns.
 * Two FTS5 auxiliary functions, registered here on a connection's first
 * weighted search, score them: BM25 as FTS5 computes it, but each phrase
 * scaled by its own weight, and the phrases of one group (a word and its
 * synonyms) counting once, by the best. jumbo_rank() is FTS5's rank for
 * the query (rank MATCH), so FTS5 scores every match and hands the rows
 * over best first, and the LIMIT stops it: only the rows kept are looked
 * up in messages, and only they get jumbo_groups(), each group's score
 * with the rows' lengths counted. Both take, for each phrase, its weight,
 * group and rows, one blob (the rank as a blob literal: numbers this file
 * made, never text from outside).
 *
 * What a search costs is what its expression matches, since FTS5 scores
 * every match: so the rarest phrases (by a capped count of their rows)
 * drive it, and the common ones are joined as D OR (D AND C), which
 * matches what the driving phrases D match and still has FTS5 report
 * where the common ones C are in those rows. A speaker filter is one more
 * phrase, on the speaker column, joined by AND; a time filter needs the
 * messages row of each match it looks at (there is no index on time).
 *
 * store_search_tokens() runs the index's own tokenizer, found through the
 * fts5_api, so that the core compares words (synonyms, speakers, facts)
 * exactly as the index stems them.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util-buf.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

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

static int	 store_search_collect(struct store *, sqlite3_stmt *, size_t,
		    struct store_search_hit **, size_t *, char **);
static int64_t	 store_search_limit(size_t);

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
	sqlite3_bind_int64(stmt, 2, store_search_limit(limit));
	rc = store_search_collect(s, stmt, 0, hits, n, cause);
	free(expression);
	return (rc);
}

void
store_search_free(struct store_search_hit *hits, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		store_message_clear(&hits[i].message);
		free(hits[i].groups);
	}
	free(hits);
}

/*
 * The tokenizer of messages_fts, as store.c creates the table: porter
 * stemming over unicode61 with diacritics removed. Keep the two in step.
 */
#define STORE_SEARCH_TOKENIZER "porter"
static const char *store_search_tokenizer_args[] = {
	"unicode61", "remove_diacritics", "2"
};

/* The longest text store_search_tokens() reads (bytes); the rest is not. */
#define STORE_SEARCH_MAX_TEXT 65536

/*
 * A phrase's rows are counted up to this many (see store_search_docs()).
 * A phrase in more is common: it never drives a search (but the rarest
 * phrase of all, when every one is common), and for its idf it is taken
 * to be in twice as many, or in a twentieth of all rows if that is more.
 */
#define STORE_SEARCH_COUNT_CAP 200

/*
 * The rows the rarest phrases of a weighted search may match between
 * them before the others only score what those find.
 */
#define STORE_SEARCH_DRIVE_ROWS 1000

/*
 * A listing of one speaker's messages looks at this many of the latest;
 * one of a span, at this many of its messages.
 */
#define STORE_SEARCH_LATEST 200
#define STORE_SEARCH_SPAN_ROWS 3000

/* At most this many terms of a weighted search are searched for. */
#define STORE_SEARCH_MAX_TERMS 256

/*
 * BM25's parameters: k1 as FTS5's bm25() has it, b (how much a long row is
 * held against) lower than its 0.75. Messages are short and a long one
 * often says more, not less: on the search benchmark (bench/search.sh)
 * 0.3 ranked the answers better. The ranking of every match leaves the
 * lengths out (reading them costs more than the rest of the score); only
 * the rows kept are scored with them.
 */
#define STORE_SEARCH_K1 1.2
#define STORE_SEARCH_B 0.3

/*
 * What a match in each column of messages_fts counts: typed text, an
 * attachment, the speaker (never a term's match: terms are kept to the
 * other two).
 */
static const double store_search_column_weight[] = { 1.0, 0.5, 0.0 };

/*
 * The natural logarithm, for the inverse document frequency. The store
 * does not link libm for this one call: x = m * 2^e with m in [1, 2),
 * then ln m = 2 atanh((m - 1) / (m + 1)) by its series, which converges
 * fast for that range. x must be positive.
 */
static double
store_search_ln(double x)
{
	double	y, y2, term, sum = 0.0;
	int	e = 0, k;

	while (x >= 2.0) {
		x /= 2.0;
		e++;
	}
	while (x < 1.0) {
		x *= 2.0;
		e--;
	}
	y = (x - 1.0) / (x + 1.0);
	y2 = y * y;
	term = y;
	for (k = 1; k < 40; k += 2) {
		sum += term / k;
		term *= y2;
	}
	return (2.0 * sum + e * 0.69314718055994530942);
}

/* The FTS5 API of the connection, or NULL with a cause. */
static fts5_api *
store_search_api(struct store *s, char **cause)
{
	static const char	*sql = "SELECT fts5(?1)";
	sqlite3_stmt		*stmt;
	fts5_api		*api = NULL;
	int			 rc;

	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (NULL);
	sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", NULL);
	rc = sqlite3_step(stmt);
	store_release(stmt);
	if (rc != SQLITE_ROW || api == NULL || api->iVersion < 2) {
		xcause(cause, "%s: this SQLite has no usable FTS5",
		    s->path);
		return (NULL);
	}
	return (api);
}

/* The tokens collected by store_search_tokens(). */
struct store_search_tokenizing {
	struct store_search_token	*items;
	size_t				 n;
	size_t				 cap;
};

/* Take one token from the tokenizer. */
static int
store_search_take_token(void *arg, int flags, const char *token, int len,
    int start, int end)
{
	struct store_search_tokenizing	*t = arg;
	struct store_search_token	*tok;

	/* A token at the same place as the last (a synonym) is not new. */
	if (flags & FTS5_TOKEN_COLOCATED)
		return (SQLITE_OK);
	t->items = store_grow(t->items, &t->cap, t->n, sizeof *t->items);
	tok = &t->items[t->n++];
	tok->stem = xstrndup(token, len);
	tok->start = start;
	tok->end = end;
	return (SQLITE_OK);
}

int
store_search_tokens(struct store *s, const char *text,
    struct store_search_token **tokens, size_t *n, char **cause)
{
	struct store_search_tokenizing	 t = { NULL, 0, 0 };
	fts5_api			*api;
	fts5_tokenizer			 tokenizer;
	Fts5Tokenizer			*instance;
	void				*context;
	size_t				 len;
	int				 rc;

	*tokens = NULL;
	*n = 0;
	if (text == NULL || *text == '\0')
		return (0);
	if ((api = store_search_api(s, cause)) == NULL)
		return (-1);
	rc = api->xFindTokenizer(api, STORE_SEARCH_TOKENIZER, &context,
	    &tokenizer);
	if (rc == SQLITE_OK) {
		rc = tokenizer.xCreate(context,
		    store_search_tokenizer_args,
		    sizeof store_search_tokenizer_args /
		    sizeof store_search_tokenizer_args[0], &instance);
	}
	if (rc != SQLITE_OK) {
		xcause(cause, "%s: no %s tokenizer in this SQLite",
		    s->path, STORE_SEARCH_TOKENIZER);
		return (-1);
	}
	if ((len = strlen(text)) > STORE_SEARCH_MAX_TEXT)
		len = STORE_SEARCH_MAX_TEXT;
	rc = tokenizer.xTokenize(instance, &t, FTS5_TOKENIZE_DOCUMENT, text,
	    (int)len, store_search_take_token);
	tokenizer.xDelete(instance);
	if (rc != SQLITE_OK) {
		store_search_tokens_free(t.items, t.n);
		store_error(s, rc, cause);
		return (-1);
	}
	*tokens = t.items;
	*n = t.n;
	return (0);
}

void
store_search_tokens_free(struct store_search_token *tokens, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(tokens[i].stem);
	free(tokens);
}

/*
 * What jumbo_rank() and jumbo_groups() are given, for each phrase of the
 * expression in order: its weight, its group (from 0) and how many rows
 * hold it, three doubles a phrase in one blob.
 */
#define STORE_SEARCH_SPEC 3

/*
 * The state of jumbo_rank() or jumbo_groups() for one query, set up on
 * its first row and kept as the query's auxiliary data.
 */
struct store_search_rank {
	int		 nphrase;
	int		 ngroup;
	double		*weight;
	int		*group;
	double		*idf;
	double		*tf;		/* a row's count of each phrase */
	double		*best;		/* a row's score of each group */
	double		 average;	/* tokens in a row, on average */
};

static void
store_search_rank_free(void *arg)
{
	struct store_search_rank	*r = arg;

	free(r->weight);
	free(r->group);
	free(r->idf);
	free(r->tf);
	free(r->best);
	free(r);
}

/*
 * Set up for a query from spec (see STORE_SEARCH_SPEC). A phrase the spec
 * does not cover (it cannot happen; but FTS5 owns the phrase count) is
 * left out. Returns NULL with *rc set on an error.
 */
static struct store_search_rank *
store_search_rank_new(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_value *spec, int *rc)
{
	struct store_search_rank	*r;
	const double			*v = NULL;
	sqlite3_int64			 rows = 0, tokens = 0;
	int				 i, nspec = 0;

	r = xcalloc(1, sizeof *r);
	r->nphrase = api->xPhraseCount(fts);
	r->weight = xcalloc(r->nphrase + 1, sizeof *r->weight);
	r->group = xcalloc(r->nphrase + 1, sizeof *r->group);
	r->idf = xcalloc(r->nphrase + 1, sizeof *r->idf);
	r->tf = xcalloc(r->nphrase + 1, sizeof *r->tf);
	r->best = xcalloc(r->nphrase + 1, sizeof *r->best);

	if (spec != NULL && sqlite3_value_type(spec) == SQLITE_BLOB) {
		v = sqlite3_value_blob(spec);
		nspec = sqlite3_value_bytes(spec) /
		    (STORE_SEARCH_SPEC * sizeof *v);
	}
	for (i = 0; i < r->nphrase && i < nspec; i++) {
		if (!(v[3 * i + 1] >= 0 && v[3 * i + 1] < r->nphrase))
			continue;
		r->weight[i] = v[3 * i];
		r->group[i] = (int)v[3 * i + 1];
		r->idf[i] = v[3 * i + 2];	/* rows holding it, for now */
		if (r->weight[i] > 0.0 && r->group[i] + 1 > r->ngroup)
			r->ngroup = r->group[i] + 1;
	}

	if ((*rc = api->xRowCount(fts, &rows)) != SQLITE_OK ||
	    (*rc = api->xColumnTotalSize(fts, -1, &tokens)) != SQLITE_OK) {
		store_search_rank_free(r);
		return (NULL);
	}
	r->average = rows > 0 ? (double)tokens / rows : 1.0;
	if (r->average <= 0.0)
		r->average = 1.0;
	for (i = 0; i < r->nphrase; i++) {
		if (r->idf[i] >= STORE_SEARCH_COUNT_CAP) {
			r->idf[i] = 2 * STORE_SEARCH_COUNT_CAP;
			if (rows / 20 > r->idf[i])
				r->idf[i] = rows / 20;
		}
		if (r->idf[i] > rows)
			r->idf[i] = rows;
		/* As bm25(): a phrase in most rows still counts a little. */
		r->idf[i] = store_search_ln((rows - r->idf[i] + 0.5) /
		    (r->idf[i] + 0.5));
		if (r->idf[i] <= 0.0)
			r->idf[i] = 1e-6;
	}
	return (r);
}

/*
 * Score the current row into r->best: for each group the best of its
 * phrases' BM25, each times its weight. Returns an SQLite result code.
 */
static int
store_search_rank_row(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_value *spec, int lengths, struct store_search_rank **rp)
{
	struct store_search_rank	*r;
	double				 norm, tf, one;
	int				 rc = SQLITE_OK, ninst, i, phrase;
	int				 column, offset, length;

	if ((r = api->xGetAuxdata(fts, 0)) == NULL) {
		if ((r = store_search_rank_new(api, fts, spec, &rc)) == NULL)
			return (rc);
		if ((rc = api->xSetAuxdata(fts, r,
		    store_search_rank_free)) != SQLITE_OK)
			return (rc);
	}
	*rp = r;

	for (i = 0; i < r->nphrase; i++)
		r->tf[i] = 0.0;
	for (i = 0; i < r->ngroup; i++)
		r->best[i] = 0.0;
	if ((rc = api->xInstCount(fts, &ninst)) != SQLITE_OK)
		return (rc);
	for (i = 0; i < ninst; i++) {
		if ((rc = api->xInst(fts, i, &phrase, &column,
		    &offset)) != SQLITE_OK)
			return (rc);
		if (phrase < 0 || phrase >= r->nphrase || column < 0 ||
		    column >= (int)(sizeof store_search_column_weight /
		    sizeof store_search_column_weight[0]))
			continue;
		r->tf[phrase] += store_search_column_weight[column];
	}
	if (lengths) {
		if ((rc = api->xColumnSize(fts, -1, &length)) != SQLITE_OK)
			return (rc);
		norm = STORE_SEARCH_K1 * (1.0 - STORE_SEARCH_B +
		    STORE_SEARCH_B * length / r->average);
	} else
		norm = STORE_SEARCH_K1;
	for (i = 0; i < r->nphrase; i++) {
		if ((tf = r->tf[i]) <= 0.0 || r->weight[i] <= 0.0)
			continue;
		one = r->weight[i] * r->idf[i] * tf * (STORE_SEARCH_K1 + 1.0) /
		    (tf + norm);
		if (one > r->best[r->group[i]])
			r->best[r->group[i]] = one;
	}
	return (SQLITE_OK);
}

/*
 * jumbo_rank(spec), as FTS5's rank: minus the sum of the groups' scores,
 * so that ORDER BY rank puts the best first, as with bm25().
 */
static void
store_search_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *context, int nval, sqlite3_value **val)
{
	struct store_search_rank	*r;
	double				 score = 0.0;
	int				 rc, i;

	rc = store_search_rank_row(api, fts, nval > 0 ? val[0] : NULL, 0, &r);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(context, rc);
		return;
	}
	for (i = 0; i < r->ngroup; i++)
		score += r->best[i];
	sqlite3_result_double(context, -score);
}

/* jumbo_groups(messages_fts, spec): each group's score, a blob of doubles. */
static void
store_search_groups(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *context, int nval, sqlite3_value **val)
{
	struct store_search_rank	*r;
	int				 rc;

	rc = store_search_rank_row(api, fts, nval > 0 ? val[0] : NULL, 1, &r);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(context, rc);
		return;
	}
	sqlite3_result_blob(context, r->best, r->ngroup * sizeof *r->best,
	    SQLITE_TRANSIENT);
}

/* Make jumbo_rank() and jumbo_groups() known to the connection. */
static int
store_search_register(struct store *s, char **cause)
{
	fts5_api	*api;

	if ((api = store_search_api(s, cause)) == NULL)
		return (-1);
	if (api->xCreateFunction(api, "jumbo_rank", NULL, store_search_rank,
	    NULL) != SQLITE_OK ||
	    api->xCreateFunction(api, "jumbo_groups", NULL,
	    store_search_groups, NULL) != SQLITE_OK) {
		store_error(s, SQLITE_ERROR, cause);
		return (-1);
	}
	return (0);
}

/*
 * A statement using jumbo_rank() and jumbo_groups(), registering them
 * first if the connection has not got them yet (preparing fails until
 * then).
 */
static sqlite3_stmt *
store_search_ranked_statement(struct store *s, const char *sql,
    char **cause)
{
	sqlite3_stmt	*stmt;

	if ((stmt = store_statement(s, sql, NULL)) != NULL)
		return (stmt);
	if (store_search_register(s, cause) != 0)
		return (NULL);
	return (store_statement(s, sql, cause));
}

/* Add text to b as one FTS5 string: in double quotes, '"' doubled. */
static void
store_search_quote(struct buf *b, const char *text)
{
	const char	*p;

	buf_addc(b, '"');
	for (p = text; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

/* Whether text holds something the tokenizer makes a token of. */
static int
store_search_has_token(struct store *s, const char *text)
{
	struct store_search_token	*tokens;
	size_t				 n;

	if (text == NULL || strlen(text) > STORE_SEARCH_MAX_TEXT ||
	    store_search_tokens(s, text, &tokens, &n, NULL) != 0)
		return (0);
	store_search_tokens_free(tokens, n);
	return (n != 0);
}

/*
 * How many rows hold phrase in the text or attachment, counting no
 * further than STORE_SEARCH_COUNT_CAP: FTS5 keeps no count, so this walks
 * the phrase's posting lists, and a common word's are long. Returns 0,
 * or -1 on an error; *docs is -1 for a phrase without tokens.
 */
static int
store_search_docs(struct store *s, const char *phrase, int64_t *docs,
    char **cause)
{
	static const char	*sql =
	    "SELECT count(*) FROM (SELECT 1 FROM messages_fts "
	    "WHERE messages_fts MATCH ?1 LIMIT ?2)";
	sqlite3_stmt		*stmt;
	struct buf		 b;
	int			 rc;

	*docs = -1;
	if (!store_search_has_token(s, phrase))
		return (0);
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	buf_init(&b, 0);
	buf_addstr(&b, "{text attachment} : ");
	store_search_quote(&b, phrase);
	sqlite3_bind_text(stmt, 1, buf_str(&b), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, STORE_SEARCH_COUNT_CAP);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		store_error(s, rc, cause);
		store_release(stmt);
		buf_free(&b);
		return (-1);
	}
	*docs = sqlite3_column_int64(stmt, 0);
	store_release(stmt);
	buf_free(&b);
	return (0);
}

/*
 * Read the rows of a search statement into hits: a message, its score,
 * and (when groups is not 0) that many group scores after it. Releases
 * stmt.
 */
static int
store_search_collect(struct store *s, sqlite3_stmt *stmt, size_t groups,
    struct store_search_hit **hits, size_t *n, char **cause)
{
	struct store_search_hit	*items = NULL, *hit;
	const double		*v;
	size_t			 count = 0, cap = 0, have, i;
	int			 rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		items = store_grow(items, &cap, count, sizeof *items);
		hit = &items[count++];
		memset(hit, 0, sizeof *hit);
		store_message_read(stmt, 0, &hit->message);
		hit->score = sqlite3_column_double(stmt,
		    STORE_MESSAGE_NCOLUMNS);
		if (groups == 0)
			continue;
		hit->groups = xcalloc(groups, sizeof *hit->groups);
		hit->ngroups = groups;
		v = sqlite3_column_blob(stmt, STORE_MESSAGE_NCOLUMNS + 1);
		have = sqlite3_column_bytes(stmt, STORE_MESSAGE_NCOLUMNS + 1) /
		    sizeof *v;
		/* With the lengths of the rows counted, as rank has not. */
		hit->score = 0.0;
		for (i = 0; i < have && i < groups; i++) {
			hit->groups[i] = v[i];
			hit->score += v[i];
		}
	}
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		store_release(stmt);
		store_search_free(items, count);
		return (-1);
	}
	store_release(stmt);
	*hits = items;
	*n = count;
	return (0);
}

/* A limit as SQLite takes it: -1 for none. */
static int64_t
store_search_limit(size_t limit)
{
	return (limit == 0 || limit > INT64_MAX ? -1 : (int64_t)limit);
}

/* Best first; ties to the later message. */
static int
store_search_better(const void *a0, const void *b0)
{
	const struct store_search_hit	*a = a0, *b = b0;

	if (a->score != b->score)
		return (a->score > b->score ? -1 : 1);
	return (a->message.seq > b->message.seq ? -1 :
	    a->message.seq < b->message.seq);
}

/* A phrase of a weighted search, while its expression is built. */
struct store_search_phrase {
	const struct store_search_term	*term;
	int				 group;	/* from 0 */
	int64_t				 docs;	/* rows with it */
	int				 drives;
};

/* Rarer first. */
static int
store_search_rarer(const void *a0, const void *b0)
{
	const struct store_search_phrase	*a = *(const void *const *)a0;
	const struct store_search_phrase	*b = *(const void *const *)b0;

	return (a->docs < b->docs ? -1 : a->docs > b->docs);
}

/*
 * Add the driving phrases (drives 1) or the others (0) to b, joined by
 * OR, and their weight, group and rows to spec (weight 0 unless weigh).
 */
static void
store_search_phrases(struct buf *b, const struct store_search_phrase *p,
    size_t n, int drives, int weigh, double *spec, size_t *nspec)
{
	size_t	i, added = 0;

	for (i = 0; i < n; i++) {
		if (p[i].drives != drives)
			continue;
		if (added++ != 0)
			buf_addstr(b, " OR ");
		store_search_quote(b, p[i].term->phrase);
		spec[(*nspec)++] = weigh ? p[i].term->weight : 0.0;
		spec[(*nspec)++] = p[i].group;
		spec[(*nspec)++] = (double)p[i].docs;
	}
}

int
store_search_terms(struct store *s, const struct store_search_term *terms,
    size_t nterms, const struct store_search_filter *filter, size_t limit,
    struct store_search_hit **hits, size_t *n, char **cause)
{
	/*
	 * FTS5 ranks every match by jumbo_rank() and hands the rows over
	 * best first; the LIMIT stops it, so only the rows kept are looked
	 * up in messages and have their groups' scores made.
	 */
	static const char	*sql =
	    "SELECT " STORE_MESSAGE_COLUMNS ", -rank, "
	    "  jumbo_groups(messages_fts, ?1) "
	    "FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid "
	    "WHERE messages_fts MATCH ?2 AND rank MATCH ?3 "
	    "ORDER BY rank LIMIT ?4";
	static const char	*sql_time =
	    "SELECT " STORE_MESSAGE_COLUMNS ", -rank, "
	    "  jumbo_groups(messages_fts, ?1) "
	    "FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid "
	    "WHERE messages_fts MATCH ?2 AND rank MATCH ?3 "
	    "  AND m.time >= ?5 AND m.time < ?6 "
	    "ORDER BY rank LIMIT ?4";
	static const char	 hex[] = "0123456789abcdef";
	sqlite3_stmt		*stmt;
	struct store_search_phrase *phrases, **order;
	struct buf		 b, rank;
	double			*spec;
	const unsigned char	*byte;
	size_t			 i, j, nspec = 0, nphrases = 0;
	size_t			 ngroups = 0;
	size_t			 common = 0;
	int64_t			 docs, total = 0;
	int			 timed, rc;

	*hits = NULL;
	*n = 0;
	if (terms == NULL || nterms == 0)
		return (0);
	if (nterms > STORE_SEARCH_MAX_TERMS)
		nterms = STORE_SEARCH_MAX_TERMS;
	timed = filter != NULL && (filter->from != 0 || filter->to != 0);
	if ((stmt = store_search_ranked_statement(s, timed ? sql_time : sql,
	    cause)) == NULL)
		return (-1);

	/*
	 * The phrases the index can search, their rows, and their groups
	 * renumbered from 0 as they come. A phrase without a token is left
	 * out: FTS5 would not count it.
	 */
	phrases = xcalloc(nterms, sizeof *phrases);
	for (i = 0; i < nterms; i++) {
		if (terms[i].phrase == NULL || !(terms[i].weight > 0.0))
			continue;
		if (store_search_docs(s, terms[i].phrase, &docs, cause) != 0) {
			free(phrases);
			return (-1);
		}
		if (docs < 0)
			continue;
		for (j = 0; j < nphrases; j++) {
			if (phrases[j].term->group == terms[i].group)
				break;
		}
		phrases[nphrases].group = j < nphrases ? phrases[j].group :
		    (int)ngroups++;
		phrases[nphrases].term = &terms[i];
		phrases[nphrases++].docs = docs;
	}
	if (nphrases == 0) {
		free(phrases);
		return (0);
	}

	/*
	 * The rarest phrases drive the search, up to STORE_SEARCH_DRIVE_ROWS
	 * rows between them (and the rarest always); the common ones only
	 * score the rows those find. FTS5 ranks every row an expression
	 * matches, so a common word ("dinner", "home") in a plain OR would
	 * make it rank most of the table; its idf is small, so what it adds
	 * to a row found anyway is all it was worth.
	 */
	order = xcalloc(nphrases, sizeof *order);
	for (i = 0; i < nphrases; i++)
		order[i] = &phrases[i];
	qsort(order, nphrases, sizeof *order, store_search_rarer);
	for (i = 0; i < nphrases; i++) {
		if (i == 0 || order[i]->docs == 0 ||
		    (order[i]->docs < STORE_SEARCH_COUNT_CAP &&
		    total + order[i]->docs <= STORE_SEARCH_DRIVE_ROWS)) {
			order[i]->drives = 1;
			total += order[i]->docs;
		} else
			common++;
	}
	free(order);

	/*
	 * The expression: D OR (D AND C), D the driving phrases and C the
	 * common ones, which matches what D matches and has FTS5 report
	 * where C is in those rows. Beside it, for each of its phrases in
	 * order, the weight, group and rows; the second D weighs nothing.
	 */
	spec = xcalloc(STORE_SEARCH_SPEC * (2 * nphrases + 1), sizeof *spec);
	buf_init(&b, 0);
	if (filter != NULL && filter->speaker != NULL &&
	    store_search_has_token(s, filter->speaker)) {
		buf_addstr(&b, "{speaker} : ");
		store_search_quote(&b, filter->speaker);
		buf_addstr(&b, " AND ");
		nspec += STORE_SEARCH_SPEC;	/* weight 0: a filter */
	}
	buf_addstr(&b, "{text attachment} : (");
	if (common != 0)
		buf_addc(&b, '(');
	store_search_phrases(&b, phrases, nphrases, 1, 1, spec, &nspec);
	if (common != 0) {
		buf_addstr(&b, ") OR ((");
		store_search_phrases(&b, phrases, nphrases, 1, 0, spec,
		    &nspec);
		buf_addstr(&b, ") AND (");
		store_search_phrases(&b, phrases, nphrases, 0, 1, spec,
		    &nspec);
		buf_addstr(&b, "))");
	}
	buf_addc(&b, ')');
	free(phrases);

	/* The rank function takes the same spec, as a blob literal. */
	buf_init(&rank, 0);
	buf_addstr(&rank, "jumbo_rank(X'");
	byte = (const unsigned char *)spec;
	for (i = 0; i < nspec * sizeof *spec; i++) {
		buf_addc(&rank, hex[byte[i] >> 4]);
		buf_addc(&rank, hex[byte[i] & 0xf]);
	}
	buf_addstr(&rank, "')");

	sqlite3_bind_blob(stmt, 1, spec, nspec * sizeof *spec, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, buf_str(&b), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, buf_str(&rank), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, store_search_limit(limit));
	if (timed) {
		sqlite3_bind_int64(stmt, 5, filter->from != 0 ? filter->from :
		    INT64_MIN);
		sqlite3_bind_int64(stmt, 6, filter->to != 0 ? filter->to :
		    INT64_MAX);
	}
	rc = store_search_collect(s, stmt, ngroups, hits, n, cause);
	buf_free(&b);
	buf_free(&rank);
	free(spec);
	if (rc == 0 && *n > 1)
		qsort(*hits, *n, sizeof **hits, store_search_better);
	return (rc);
}

/*
 * Whether a speaker's name holds the word whose tokens are word: the
 * cache keeps the last few names looked at (a listing has few speakers).
 */
struct store_search_names {
	char	*name[8];
	int	 holds[8];
	size_t	 n;
};

static int
store_search_name_holds(struct store *s, struct store_search_names *cache,
    const char *speaker, const struct store_search_token *word, size_t nword)
{
	struct store_search_token	*tokens;
	size_t				 ntokens, i, j;
	int				 holds = 0;

	if (speaker == NULL)
		return (0);
	for (i = 0; i < cache->n; i++) {
		if (strcmp(cache->name[i], speaker) == 0)
			return (cache->holds[i]);
	}
	if (store_search_tokens(s, speaker, &tokens, &ntokens, NULL) == 0) {
		for (i = 0; i + nword <= ntokens && !holds; i++) {
			for (j = 0; j < nword; j++) {
				if (strcmp(tokens[i + j].stem,
				    word[j].stem) != 0)
					break;
			}
			holds = j == nword;
		}
		store_search_tokens_free(tokens, ntokens);
	}
	if (cache->n < sizeof cache->name / sizeof cache->name[0]) {
		cache->name[cache->n] = xstrdup(speaker);
		cache->holds[cache->n++] = holds;
	}
	return (holds);
}

int
store_search_filtered(struct store *s,
    const struct store_search_filter *filter, size_t limit,
    struct store_search_hit **hits, size_t *n, char **cause)
{
	/*
	 * A span: only conversations updated since it began (a
	 * conversation's updated time is its latest message's) and begun
	 * before it ended can hold a message in it, and their messages come
	 * by the conversation index, the conversations that ended last
	 * first, at most STORE_SEARCH_SPAN_ROWS of them: a recent span reads
	 * few rows however many there are, and one years wide no more than
	 * that. CROSS JOIN keeps that order: with the span a parameter, the
	 * planner would otherwise read every message.
	 */
	static const char		*sql_time =
	    "SELECT * FROM ("
	    "  SELECT " STORE_MESSAGE_COLUMNS ", 0.0 FROM conversations c"
	    "  CROSS JOIN messages m ON m.conversation = c.id"
	    "  WHERE c.updated >= ?1 AND c.created < ?2"
	    "    AND m.time >= ?1 AND m.time < ?2"
	    "  ORDER BY c.updated DESC LIMIT ?3"
	    ") ORDER BY length(text) DESC, seq DESC";
	/* A speaker alone: their latest messages, by the index's rowids. */
	static const char		*sql_speaker =
	    "SELECT " STORE_MESSAGE_COLUMNS ", 0.0 FROM ("
	    "  SELECT rowid AS seq FROM messages_fts"
	    "  WHERE messages_fts MATCH ?1"
	    "  ORDER BY rowid DESC LIMIT ?2"
	    ") AS r JOIN messages m ON m.seq = r.seq "
	    "ORDER BY length(m.text) DESC, m.seq DESC LIMIT ?3";
	struct store_search_names	 names;
	struct store_search_token	*word = NULL;
	struct store_search_hit		*items = NULL, *hit;
	struct store_message		 m;
	sqlite3_stmt			*stmt;
	struct buf			 b;
	size_t				 nword = 0, count = 0, cap = 0, i;
	int				 rc = SQLITE_DONE;

	*hits = NULL;
	*n = 0;
	if (filter == NULL)
		return (0);
	if (filter->speaker != NULL && store_search_tokens(s, filter->speaker,
	    &word, &nword, cause) != 0)
		return (-1);
	if (nword == 0 && filter->from == 0 && filter->to == 0)
		return (0);

	if (filter->from == 0 && filter->to == 0) {
		if ((stmt = store_statement(s, sql_speaker, cause)) == NULL) {
			store_search_tokens_free(word, nword);
			return (-1);
		}
		buf_init(&b, 0);
		buf_addstr(&b, "{speaker} : ");
		store_search_quote(&b, filter->speaker);
		sqlite3_bind_text(stmt, 1, buf_str(&b), -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, STORE_SEARCH_LATEST);
		sqlite3_bind_int64(stmt, 3, store_search_limit(limit));
		rc = store_search_collect(s, stmt, 0, hits, n, cause);
		buf_free(&b);
		store_search_tokens_free(word, nword);
		return (rc);
	}

	if ((stmt = store_statement(s, sql_time, cause)) == NULL) {
		store_search_tokens_free(word, nword);
		return (-1);
	}
	sqlite3_bind_int64(stmt, 1, filter->from != 0 ? filter->from :
	    INT64_MIN);
	sqlite3_bind_int64(stmt, 2, filter->to != 0 ? filter->to : INT64_MAX);
	sqlite3_bind_int64(stmt, 3, STORE_SEARCH_SPAN_ROWS);
	memset(&names, 0, sizeof names);
	while ((limit == 0 || count < limit) &&
	    (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		store_message_read(stmt, 0, &m);
		if (nword != 0 && !store_search_name_holds(s, &names, m.speaker,
		    word, nword)) {
			store_message_clear(&m);
			continue;
		}
		items = store_grow(items, &cap, count, sizeof *items);
		hit = &items[count++];
		memset(hit, 0, sizeof *hit);
		hit->message = m;
	}
	if (limit != 0 && count == limit)
		rc = SQLITE_DONE;
	store_release(stmt);
	for (i = 0; i < names.n; i++)
		free(names.name[i]);
	store_search_tokens_free(word, nword);
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		store_search_free(items, count);
		return (-1);
	}
	*hits = items;
	*n = count;
	return (0);
}

int
store_search_is_speaker(struct store *s, const char *word, char **cause)
{
	static const char	*sql =
	    "SELECT 1 FROM messages_fts WHERE messages_fts MATCH ?1 LIMIT 1";
	sqlite3_stmt		*stmt;
	struct buf		 b;
	int			 rc;

	if (word == NULL || !store_search_has_token(s, word))
		return (0);
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	buf_init(&b, 0);
	buf_addstr(&b, "{speaker} : ");
	store_search_quote(&b, word);
	sqlite3_bind_text(stmt, 1, buf_str(&b), -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	store_release(stmt);
	buf_free(&b);
	if (rc == SQLITE_ROW)
		return (1);
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		return (-1);
	}
	return (0);
}

int
store_search_latest(struct store *s, int64_t *time, char **cause)
{
	static const char	*sql =
	    "SELECT time FROM messages ORDER BY seq DESC LIMIT 1";
	sqlite3_stmt		*stmt;
	int			 rc;

	*time = 0;
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*time = sqlite3_column_int64(stmt, 0);
	store_release(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		return (-1);
	}
	return (0);
}

