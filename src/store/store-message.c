/*
 * Messages: seq is the local order (the rowid, so the search index can
 * point at it), id the global one (a random UUID, or an imported id kept
 * as given). Adding a message is one transaction with moving its
 * conversation's updated time; the search index follows by triggers.
 */
#include <stdlib.h>
#include <string.h>

#include "util-id.h"
#include "util-str.h"
#include "util-time.h"
#include "util-xmalloc.h"

#include "store-internal.h"
#include "store-message.h"

/* Fill m from STORE_MESSAGE_COLUMNS starting at column first. */
void
store_message_read(sqlite3_stmt *stmt, int first, struct store_message *m)
{
	memset(m, 0, sizeof *m);
	m->seq = sqlite3_column_int64(stmt, first);
	m->id = store_column_text(stmt, first + 1);
	m->conversation = store_column_text(stmt, first + 2);
	m->role = store_column_text(stmt, first + 3);
	m->speaker = store_column_text(stmt, first + 4);
	m->text = store_column_text(stmt, first + 5);
	m->attachment = store_column_text(stmt, first + 6);
	m->time = sqlite3_column_int64(stmt, first + 7);
	m->status = sqlite3_column_int(stmt, first + 8);
	m->engine = store_column_text(stmt, first + 9);
	m->model = store_column_text(stmt, first + 10);
	m->prompt_tokens = sqlite3_column_int64(stmt, first + 11);
	m->completion_tokens = sqlite3_column_int64(stmt, first + 12);
	m->first_token_ms = sqlite3_column_int64(stmt, first + 13);
	m->total_ms = sqlite3_column_int64(stmt, first + 14);
}

/* Check what the table's constraints would refuse, in plainer words. */
static int
store_message_check(struct store *s, const struct store_message *m,
    char **cause)
{
	if (m->conversation == NULL || *m->conversation == '\0') {
		xcause(cause, "%s: message without a conversation",
		    s->path);
		return (-1);
	}
	if (m->role == NULL || (strcmp(m->role, "user") != 0 &&
	    strcmp(m->role, "assistant") != 0)) {
		xcause(cause, "%s: message role must be \"user\" or "
		    "\"assistant\"", s->path);
		return (-1);
	}
	if (m->text == NULL) {
		xcause(cause, "%s: message without text", s->path);
		return (-1);
	}
	if (m->id != NULL && *m->id == '\0') {
		xcause(cause, "%s: empty message id", s->path);
		return (-1);
	}
	return (0);
}

/*
 * Add m; see store-message.h. Returns 0 when added, 1 when a message with
 * its id exists already (nothing changed), -1 with a cause on error.
 */
int
store_message_add(struct store *s, struct store_message *m, char **cause)
{
	static const char	*insert_sql =
	    "INSERT INTO messages (id, conversation, role, speaker, text, "
	    "attachment, time, status, engine, model, prompt_tokens, "
	    "completion_tokens, first_token_ms, total_ms) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (id) DO NOTHING";
	static const char	*touch_sql =
	    "UPDATE conversations SET updated = max(updated, ?) WHERE id = ?";
	sqlite3_stmt		*stmt;
	char			 new_id[ID_BUFSIZE];
	const char		*id;
	int64_t			 seq;
	int			 rc;

	if (store_message_check(s, m, cause) != 0)
		return (-1);
	if ((id = m->id) == NULL) {
		id_new(new_id);
		id = new_id;
	}
	if (m->time == 0)
		m->time = time_now_ms();

	if (store_begin(s, cause) != 0)
		return (-1);
	if ((stmt = store_statement(s, insert_sql, cause)) == NULL)
		goto fail;
	store_bind_text(stmt, 1, id);
	store_bind_text(stmt, 2, m->conversation);
	store_bind_text(stmt, 3, m->role);
	store_bind_text(stmt, 4, m->speaker);
	store_bind_text(stmt, 5, m->text);
	store_bind_text(stmt, 6, m->attachment);
	sqlite3_bind_int64(stmt, 7, m->time);
	sqlite3_bind_int(stmt, 8, m->status);
	store_bind_text(stmt, 9, m->engine);
	store_bind_text(stmt, 10, m->model);
	store_bind_nonzero(stmt, 11, m->prompt_tokens);
	store_bind_nonzero(stmt, 12, m->completion_tokens);
	store_bind_nonzero(stmt, 13, m->first_token_ms);
	store_bind_nonzero(stmt, 14, m->total_ms);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
			xcause(cause, "%s: no conversation \"%s\"",
			    s->path, m->conversation);
		} else
			store_error(s, rc, cause);
		store_release(stmt);
		goto fail;
	}
	store_release(stmt);
	if (sqlite3_changes(s->db) == 0) {
		store_rollback(s);
		return (1);
	}
	seq = sqlite3_last_insert_rowid(s->db);

	if ((stmt = store_statement(s, touch_sql, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(stmt, 1, m->time);
	store_bind_text(stmt, 2, m->conversation);
	if (store_step_done(s, stmt, cause) != 0)
		goto fail;
	if (store_commit(s, cause) != 0)
		return (-1);

	if (m->id == NULL)
		m->id = xstrdup(new_id);
	m->seq = seq;
	return (0);

fail:
	store_rollback(s);
	return (-1);
}

/*
 * The messages of a conversation in order (by seq), only the last limit
 * of them when limit is not 0. Free with store_message_free_list().
 */
int
store_message_list(struct store *s, const char *conversation, size_t limit,
    struct store_message **list, size_t *n, char **cause)
{
	static const char	*sql =
	    "SELECT " STORE_MESSAGE_COLUMNS " FROM "
	    "(SELECT * FROM messages WHERE conversation = ? "
	    "ORDER BY seq DESC LIMIT ?) m ORDER BY m.seq";
	sqlite3_stmt		*stmt;
	struct store_message	*items = NULL;
	size_t			 count = 0, cap = 0;
	int			 rc;

	*list = NULL;
	*n = 0;
	if (conversation == NULL) {
		xcause(cause, "no conversation id given");
		return (-1);
	}
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, conversation);
	sqlite3_bind_int64(stmt, 2, limit == 0 || limit > INT64_MAX ? -1 :
	    (int64_t)limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		items = store_grow(items, &cap, count, sizeof *items);
		store_message_read(stmt, 0, &items[count++]);
	}
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		store_release(stmt);
		store_message_free_list(items, count);
		return (-1);
	}
	store_release(stmt);
	*list = items;
	*n = count;
	return (0);
}

/*
 * Walk every message in export order. The statement is prepared for this
 * walk alone (not cached), so fn may call back into the store, even into
 * store_message_foreach().
 */
int
store_message_foreach(struct store *s,
    int (*fn)(const struct store_message *, void *), void *arg,
    char **cause)
{
	static const char	*sql =
	    "SELECT " STORE_MESSAGE_COLUMNS " FROM messages m "
	    "JOIN conversations c ON c.id = m.conversation "
	    "ORDER BY c.created, c.rowid, m.time, m.seq";
	sqlite3_stmt		*stmt;
	struct store_message	 m;
	int			 rc, stop = 0;

	if (fn == NULL) {
		xcause(cause, "%s: nothing to call for each message",
		    s->path);
		return (-1);
	}
	rc = sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK) {
		store_error(s, rc, cause);
		return (-1);
	}
	while (stop == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		store_message_read(stmt, 0, &m);
		stop = fn(&m, arg);
		store_message_clear(&m);
	}
	if (stop == 0 && rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		sqlite3_finalize(stmt);
		return (-1);
	}
	sqlite3_finalize(stmt);
	return (stop);
}

int64_t
store_message_count(struct store *s)
{
	static const char	*sql = "SELECT count(*) FROM messages";
	sqlite3_stmt		*stmt;
	int64_t			 count = -1;

	if ((stmt = store_statement(s, sql, NULL)) == NULL)
		return (-1);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		count = sqlite3_column_int64(stmt, 0);
	store_release(stmt);
	return (count);
}

void
store_message_clear(struct store_message *m)
{
	if (m == NULL)
		return;
	free(m->id);
	free(m->conversation);
	free(m->role);
	free(m->speaker);
	free(m->text);
	free(m->attachment);
	free(m->engine);
	free(m->model);
	memset(m, 0, sizeof *m);
}

void
store_message_free_list(struct store_message *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_message_clear(&list[i]);
	free(list);
}

/* Read the one row of a message statement (bound already). */
static int
store_message_one(struct store *s, sqlite3_stmt *stmt,
    struct store_message *m, char **cause)
{
	int	rc;

	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		store_message_read(stmt, 0, m);
		store_release(stmt);
		return (0);
	}
	store_release(stmt);
	if (rc == SQLITE_DONE)
		return (1);
	store_error(s, rc, cause);
	return (-1);
}

/*
 * The message with id (or seq). Returns 0 with *m filled (free with
 * store_message_clear()), 1 when there is none, or -1 with a cause.
 */
int
store_message_get(struct store *s, const char *id, struct store_message *m,
    char **cause)
{
	static const char	*sql =
	    "SELECT " STORE_MESSAGE_COLUMNS " FROM messages m WHERE m.id = ?";
	sqlite3_stmt		*stmt;

	memset(m, 0, sizeof *m);
	if (id == NULL)
		return (1);
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, id);
	return (store_message_one(s, stmt, m, cause));
}

int
store_message_get_seq(struct store *s, int64_t seq, struct store_message *m,
    char **cause)
{
	static const char	*sql =
	    "SELECT " STORE_MESSAGE_COLUMNS " FROM messages m WHERE m.seq = ?";
	sqlite3_stmt		*stmt;

	memset(m, 0, sizeof *m);
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, seq);
	return (store_message_one(s, stmt, m, cause));
}

/*
 * Rewrite one text column of every row of table that holds needle,
 * replacing it word by word (str_replace_words()). The rows are found by
 * SQL and rewritten here, so "Ana" leaves "Ana's" but not "Banana".
 */
static int
store_scrub_column(struct store *s, const char *table, const char *key,
    const char *column, const char *needle, const char *replacement,
    int64_t *count, char **cause)
{
	sqlite3_stmt	*find, *update;
	char		*sql_find, *sql_update, *text, **keys = NULL;
	char		**texts = NULL;
	size_t		 n, nrows = 0, cap = 0, i;
	int		 rc, error = 0;

	/* table, key and column are names from this file, never user text. */
	xasprintf(&sql_find, "SELECT CAST(%s AS TEXT), %s FROM %s WHERE "
	    "instr(lower(%s), lower(?)) > 0", key, column, table, column);
	xasprintf(&sql_update, "UPDATE %s SET %s = ? WHERE %s = ?", table,
	    column, key);

	/* Gather first, then write: no row changes under the reading. */
	rc = sqlite3_prepare_v2(s->db, sql_find, -1, &find, NULL);
	if (rc != SQLITE_OK) {
		store_error(s, rc, cause);
		error = -1;
		goto out;
	}
	store_bind_text(find, 1, needle);
	while ((rc = sqlite3_step(find)) == SQLITE_ROW) {
		text = store_column_text(find, 1);
		keys = store_grow(keys, &cap, nrows, sizeof *keys);
		texts = xreallocarray(texts, cap, sizeof *texts);
		texts[nrows] = str_replace_words(text, needle, replacement,
		    &n);
		keys[nrows++] = store_column_text(find, 0);
		free(text);
	}
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		error = -1;
	}
	sqlite3_finalize(find);

	/*
	 * Prepared here, not through store_statement(): its cache knows a
	 * statement by the address of its SQL, and this SQL is built anew.
	 */
	update = NULL;
	if (error == 0 && nrows > 0 && (rc = sqlite3_prepare_v2(s->db,
	    sql_update, -1, &update, NULL)) != SQLITE_OK) {
		store_error(s, rc, cause);
		error = -1;
	}
	for (i = 0; error == 0 && i < nrows; i++) {
		store_bind_text(update, 1, texts[i]);
		if (strcmp(key, "id") == 0)
			store_bind_text(update, 2, keys[i]);
		else
			sqlite3_bind_int64(update, 2, strtoll(keys[i], NULL,
			    10));
		rc = sqlite3_step(update);
		sqlite3_reset(update);
		if (rc != SQLITE_DONE) {
			store_error(s, rc, cause);
			error = -1;
		} else
			*count += sqlite3_changes(s->db);
	}
	sqlite3_finalize(update);
out:
	for (i = 0; i < nrows; i++) {
		free(keys[i]);
		free(texts[i]);
	}
	free(keys);
	free(texts);
	free(sql_find);
	free(sql_update);
	return (error);
}

/*
 * Replace every whole-word occurrence of needle (any ASCII case) in the
 * text and attachment of every message, in every summary and in every
 * conversation's title, with replacement. The full-text index follows
 * through its triggers. *count gets the number of rows changed. Used when
 * the person asks jumbo to forget: the words must leave search and the
 * file.
 */
int
store_message_scrub(struct store *s, const char *needle,
    const char *replacement, int64_t *count, char **cause)
{
	static const struct {
		const char	*table, *key, *column;
	} targets[] = {
		{ "messages", "seq", "text" },
		{ "messages", "seq", "attachment" },
		{ "summaries", "rowid", "text" },
		{ "conversations", "id", "title" },
	};
	size_t	i;

	*count = 0;
	if (needle == NULL || *needle == '\0')
		return (0);
	if (store_begin(s, cause) != 0)
		return (-1);
	for (i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		if (store_scrub_column(s, targets[i].table, targets[i].key,
		    targets[i].column, needle, replacement, count,
		    cause) != 0) {
			store_rollback(s);
			return (-1);
		}
	}
	return (store_commit(s, cause));
}
