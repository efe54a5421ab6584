/*
 * Summaries, two kinds in one table: "turn" rows, one per user message
 * (the newest is where the conversation stands), and at most one
 * "rolling" row per conversation (a unique partial index), replaced in
 * place each time older turns are folded into it; upto_seq is the last
 * message seq it covers.
 */
#include "util-id.h"
#include "util-time.h"

#include "store-internal.h"
#include "store-summary.h"

/*
 * Add the turn summary that follows message_id (may be NULL) in
 * conversation; time 0 means now.
 */
int
store_summary_add(struct store *s, const char *conversation,
    const char *message_id, const char *text, int64_t time, char **cause)
{
	static const char	*sql =
	    "INSERT INTO summaries (id, conversation, message_id, kind, "
	    "text, time) VALUES (?, ?, ?, 'turn', ?, ?)";
	sqlite3_stmt		*stmt;
	char			 id[ID_BUFSIZE];

	if (conversation == NULL || text == NULL) {
		xcause(cause, "%s: summary without a conversation or "
		    "text", s->path);
		return (-1);
	}
	if (time == 0)
		time = time_now_ms();
	id_new(id);
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, id);
	store_bind_text(stmt, 2, conversation);
	store_bind_text(stmt, 3, message_id);
	store_bind_text(stmt, 4, text);
	sqlite3_bind_int64(stmt, 5, time);
	return (store_step_done(s, stmt, cause));
}

/* The newest turn summary of conversation, or NULL. Result must be freed. */
char *
store_summary_latest(struct store *s, const char *conversation)
{
	static const char	*sql =
	    "SELECT text FROM summaries WHERE conversation = ? AND "
	    "kind = 'turn' ORDER BY time DESC, rowid DESC LIMIT 1";
	sqlite3_stmt		*stmt;
	char			*text = NULL;

	if (s == NULL || conversation == NULL)
		return (NULL);
	if ((stmt = store_statement(s, sql, NULL)) == NULL)
		return (NULL);
	store_bind_text(stmt, 1, conversation);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		text = store_column_text(stmt, 0);
	store_release(stmt);
	return (text);
}

/* Set the rolling summary of conversation, covering messages to upto_seq. */
int
store_summary_set_rolling(struct store *s, const char *conversation,
    const char *text, int64_t upto_seq, char **cause)
{
	static const char	*sql =
	    "INSERT INTO summaries (id, conversation, kind, text, upto_seq, "
	    "time) VALUES (?, ?, 'rolling', ?, ?, ?) "
	    "ON CONFLICT (conversation) WHERE kind = 'rolling' DO UPDATE "
	    "SET text = excluded.text, upto_seq = excluded.upto_seq, "
	    "time = excluded.time";
	sqlite3_stmt		*stmt;
	char			 id[ID_BUFSIZE];

	if (conversation == NULL || text == NULL) {
		xcause(cause, "%s: summary without a conversation or "
		    "text", s->path);
		return (-1);
	}
	id_new(id);
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, id);
	store_bind_text(stmt, 2, conversation);
	store_bind_text(stmt, 3, text);
	sqlite3_bind_int64(stmt, 4, upto_seq);
	sqlite3_bind_int64(stmt, 5, time_now_ms());
	return (store_step_done(s, stmt, cause));
}

/*
 * The rolling summary of conversation, or NULL (with *upto_seq 0) when it
 * has none. Result must be freed.
 */
char *
store_summary_rolling(struct store *s, const char *conversation,
    int64_t *upto_seq)
{
	static const char	*sql =
	    "SELECT text, upto_seq FROM summaries WHERE conversation = ? "
	    "AND kind = 'rolling'";
	sqlite3_stmt		*stmt;
	char			*text = NULL;

	if (upto_seq != NULL)
		*upto_seq = 0;
	if (s == NULL || conversation == NULL)
		return (NULL);
	if ((stmt = store_statement(s, sql, NULL)) == NULL)
		return (NULL);
	store_bind_text(stmt, 1, conversation);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		text = store_column_text(stmt, 0);
		if (upto_seq != NULL)
			*upto_seq = sqlite3_column_int64(stmt, 1);
	}
	store_release(stmt);
	return (text);
}

/* The turn summary written after message_id, or NULL. Result must be freed. */
char *
store_summary_for_message(struct store *s, const char *message_id)
{
	static const char	*sql =
	    "SELECT text FROM summaries WHERE message_id = ? AND "
	    "kind = 'turn' ORDER BY time DESC, rowid DESC LIMIT 1";
	sqlite3_stmt		*stmt;
	char			*text = NULL;

	if ((stmt = store_statement(s, sql, NULL)) == NULL)
		return (NULL);
	store_bind_text(stmt, 1, message_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		text = store_column_text(stmt, 0);
	store_release(stmt);
	return (text);
}
