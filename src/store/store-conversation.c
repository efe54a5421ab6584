/*
 * Conversations: a row per conversation, its messages pointing at it.
 * Deleting the row deletes the messages by ON DELETE CASCADE, and with
 * them (by further cascades and the search triggers) their summaries,
 * moods and index entries; facts keep their rows, losing only the link to
 * the message they came from. "updated" is moved forward by
 * store_message_add(), so "latest" means the last one talked in.
 */
#include <stdlib.h>
#include <string.h>

#include "util-id.h"
#include "util-time.h"
#include "util-xmalloc.h"

#include "store-conversation.h"
#include "store-internal.h"

#define STORE_CONVERSATION_COLUMNS					\
	"c.id, c.title, c.created, c.updated, "				\
	"(SELECT count(*) FROM messages WHERE conversation = c.id)"

/* Fill c from a row of STORE_CONVERSATION_COLUMNS. */
static void
store_conversation_read(sqlite3_stmt *stmt, struct store_conversation *c)
{
	c->id = store_column_text(stmt, 0);
	c->title = store_column_text(stmt, 1);
	c->created = sqlite3_column_int64(stmt, 2);
	c->updated = sqlite3_column_int64(stmt, 3);
	c->messages = sqlite3_column_int64(stmt, 4);
}

/*
 * Create a conversation (a new random id when id is NULL; created 0
 * means now). An existing id is kept as it is. *id_out, if not NULL,
 * gets the id (caller frees).
 */
int
store_conversation_create(struct store *s, const char *id, const char *title,
    int64_t created, char **id_out, char **cause)
{
	static const char	*sql =
	    "INSERT INTO conversations (id, title, created, updated) "
	    "VALUES (?1, ?2, ?3, ?3) ON CONFLICT (id) DO NOTHING";
	sqlite3_stmt		*stmt;
	char			 new_id[ID_BUFSIZE];

	if (id_out != NULL)
		*id_out = NULL;
	if (id == NULL) {
		id_new(new_id);
		id = new_id;
	} else if (*id == '\0') {
		xcause(cause, "%s: empty conversation id", s->path);
		return (-1);
	}
	if (created == 0)
		created = time_now_ms();

	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, id);
	store_bind_text(stmt, 2, title);
	sqlite3_bind_int64(stmt, 3, created);
	if (store_step_done(s, stmt, cause) != 0)
		return (-1);
	if (id_out != NULL)
		*id_out = xstrdup(id);
	return (0);
}

/*
 * Resolve a whole id or a unique prefix of one. A whole id wins even when
 * it is also the prefix of others (imported ids like "1" and "12").
 */
int
store_conversation_resolve(struct store *s, const char *prefix,
    char **id_out, char **cause)
{
	static const char	*exact_sql =
	    "SELECT id FROM conversations WHERE id = ?";
	static const char	*prefix_sql =
	    "SELECT id FROM conversations "
	    "WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT 2";
	sqlite3_stmt		*stmt;
	int			 rc;

	*id_out = NULL;
	if (prefix == NULL || *prefix == '\0') {
		xcause(cause, "no conversation id given");
		return (-1);
	}

	if ((stmt = store_statement(s, exact_sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, prefix);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id_out = store_column_text(stmt, 0);
	else if (rc != SQLITE_DONE)
		store_error(s, rc, cause);
	store_release(stmt);
	if (rc == SQLITE_ROW)
		return (0);
	if (rc != SQLITE_DONE)
		return (-1);

	if ((stmt = store_statement(s, prefix_sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, prefix);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*id_out = store_column_text(stmt, 0);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			free(*id_out);
			*id_out = NULL;
			xcause(cause, "\"%s\" matches several "
			    "conversations; give more of the id", prefix);
			store_release(stmt);
			return (-1);
		}
	}
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		store_release(stmt);
		free(*id_out);
		*id_out = NULL;
		return (-1);
	}
	store_release(stmt);
	if (*id_out == NULL) {
		xcause(cause, "no conversation matches \"%s\"", prefix);
		return (-1);
	}
	return (0);
}

/*
 * The conversation talked in last (by updated, then created), or *id_out
 * NULL when there are none. Result must be freed.
 */
int
store_conversation_latest(struct store *s, char **id_out, char **cause)
{
	static const char	*sql =
	    "SELECT id FROM conversations "
	    "ORDER BY updated DESC, created DESC, rowid DESC LIMIT 1";
	sqlite3_stmt		*stmt;
	int			 rc;

	*id_out = NULL;
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id_out = store_column_text(stmt, 0);
	else if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		store_release(stmt);
		return (-1);
	}
	store_release(stmt);
	return (0);
}

/*
 * Fill c with the conversation id (a whole id) and its count of messages.
 * Clear it with store_conversation_clear().
 */
int
store_conversation_get(struct store *s, const char *id,
    struct store_conversation *c, char **cause)
{
	static const char	*sql =
	    "SELECT " STORE_CONVERSATION_COLUMNS " FROM conversations c "
	    "WHERE c.id = ?";
	sqlite3_stmt		*stmt;
	int			 rc;

	memset(c, 0, sizeof *c);
	if (id == NULL) {
		xcause(cause, "no conversation id given");
		return (-1);
	}
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		store_conversation_read(stmt, c);
	else if (rc == SQLITE_DONE)
		xcause(cause, "no conversation \"%s\"", id);
	else
		store_error(s, rc, cause);
	store_release(stmt);
	return (rc == SQLITE_ROW ? 0 : -1);
}

/* Conversations newest first (the last talked in first); limit 0 is all. */
int
store_conversation_list(struct store *s, size_t limit,
    struct store_conversation **list, size_t *n, char **cause)
{
	static const char		*sql =
	    "SELECT " STORE_CONVERSATION_COLUMNS " FROM conversations c "
	    "ORDER BY c.updated DESC, c.created DESC, c.rowid DESC LIMIT ?";
	sqlite3_stmt			*stmt;
	struct store_conversation	*items = NULL;
	size_t				 count = 0, cap = 0;
	int				 rc;

	*list = NULL;
	*n = 0;
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, limit == 0 || limit > INT64_MAX ? -1 :
	    (int64_t)limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		items = store_grow(items, &cap, count, sizeof *items);
		store_conversation_read(stmt, &items[count++]);
	}
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		store_release(stmt);
		store_conversation_free_list(items, count);
		return (-1);
	}
	store_release(stmt);
	*list = items;
	*n = count;
	return (0);
}

/* Set or (title NULL) clear the title of conversation id. */
int
store_conversation_set_title(struct store *s, const char *id,
    const char *title, char **cause)
{
	static const char	*sql =
	    "UPDATE conversations SET title = ? WHERE id = ?";
	sqlite3_stmt		*stmt;

	if (id == NULL) {
		xcause(cause, "no conversation id given");
		return (-1);
	}
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, title);
	store_bind_text(stmt, 2, id);
	if (store_step_done(s, stmt, cause) != 0)
		return (-1);
	if (sqlite3_changes(s->db) == 0) {
		xcause(cause, "no conversation \"%s\"", id);
		return (-1);
	}
	return (0);
}

/*
 * Delete conversation id (a whole id) and, by cascade, its messages,
 * their index entries, summaries and moods. Returns -1 if there is no
 * such conversation.
 */
int
store_conversation_delete(struct store *s, const char *id, char **cause)
{
	static const char	*sql = "DELETE FROM conversations WHERE id = ?";
	sqlite3_stmt		*stmt;

	if (id == NULL) {
		xcause(cause, "no conversation id given");
		return (-1);
	}
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, id);
	if (store_step_done(s, stmt, cause) != 0)
		return (-1);
	if (sqlite3_changes(s->db) == 0) {
		xcause(cause, "no conversation \"%s\"", id);
		return (-1);
	}
	return (0);
}

void
store_conversation_clear(struct store_conversation *c)
{
	if (c == NULL)
		return;
	free(c->id);
	free(c->title);
	memset(c, 0, sizeof *c);
}

void
store_conversation_free_list(struct store_conversation *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_conversation_clear(&list[i]);
	free(list);
}
