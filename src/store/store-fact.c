/*
 * Facts as (subject, relation, object) rows. The table keeps valid_to
 * NULL while a fact is current (0 in struct store_fact); superseding sets
 * valid_to and superseded_by and keeps the row as history. Forgetting is
 * a real DELETE, and with secure_delete on the text leaves the file's
 * pages too. A fact whose source message is deleted keeps its row, with
 * source NULL.
 */
#include <stdlib.h>
#include <string.h>

#include "util-id.h"
#include "util-time.h"
#include "util-xmalloc.h"

#include "store-fact.h"
#include "store-internal.h"

#define STORE_FACT_COLUMNS						\
	"id, subject, relation, object, source, confidence, "		\
	"valid_from, valid_to, superseded_by"

/* Fill f from a row of STORE_FACT_COLUMNS. */
static void
store_fact_read(sqlite3_stmt *stmt, struct store_fact *f)
{
	f->id = store_column_text(stmt, 0);
	f->subject = store_column_text(stmt, 1);
	f->relation = store_column_text(stmt, 2);
	f->object = store_column_text(stmt, 3);
	f->source = store_column_text(stmt, 4);
	f->confidence = sqlite3_column_double(stmt, 5);
	f->valid_from = sqlite3_column_int64(stmt, 6);
	f->valid_to = sqlite3_column_int64(stmt, 7);
	f->superseded_by = store_column_text(stmt, 8);
}

/* Whether f has what the table needs. */
static int
store_fact_check(struct store *s, const struct store_fact *f, char **cause)
{
	if (f->subject == NULL || f->relation == NULL || f->object == NULL ||
	    *f->subject == '\0' || *f->relation == '\0' ||
	    *f->object == '\0') {
		xcause(cause, "%s: a fact needs a subject, a relation "
		    "and an object", s->path);
		return (-1);
	}
	return (0);
}

/*
 * Add f. A NULL f->id gets a new random id (owned by f); valid_from 0 means
 * now (f->valid_from is set). Returns 0, 1 if a fact with f->id exists
 * already (left alone, as sync will need), or -1 with a cause.
 */
int
store_fact_add(struct store *s, struct store_fact *f, char **cause)
{
	static const char	*sql =
	    "INSERT INTO facts (" STORE_FACT_COLUMNS ") "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
	sqlite3_stmt		*stmt;
	char			 new_id[ID_BUFSIZE];
	const char		*id;
	int			 rc;

	if (store_fact_check(s, f, cause) != 0)
		return (-1);
	if ((id = f->id) == NULL) {
		id_new(new_id);
		id = new_id;
	}
	if (f->valid_from == 0)
		f->valid_from = time_now_ms();

	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, id);
	store_bind_text(stmt, 2, f->subject);
	store_bind_text(stmt, 3, f->relation);
	store_bind_text(stmt, 4, f->object);
	store_bind_text(stmt, 5, f->source);
	sqlite3_bind_double(stmt, 6, f->confidence);
	sqlite3_bind_int64(stmt, 7, f->valid_from);
	store_bind_nonzero(stmt, 8, f->valid_to);
	store_bind_text(stmt, 9, f->superseded_by);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
			xcause(cause, "%s: no message \"%s\"", s->path,
			    f->source);
		} else
			store_error(s, rc, cause);
		store_release(stmt);
		return (-1);
	}
	store_release(stmt);
	if (sqlite3_changes(s->db) == 0)
		return (1);
	if (f->id == NULL)
		f->id = xstrdup(new_id);
	return (0);
}

/*
 * The current facts, or every fact with its history when all is set,
 * oldest first. Free with store_fact_free_list().
 */
int
store_fact_list(struct store *s, int all, struct store_fact **list,
    size_t *n, char **cause)
{
	static const char	*current_sql =
	    "SELECT " STORE_FACT_COLUMNS " FROM facts WHERE valid_to IS NULL "
	    "ORDER BY valid_from, rowid";
	static const char	*all_sql =
	    "SELECT " STORE_FACT_COLUMNS " FROM facts "
	    "ORDER BY valid_from, rowid";
	sqlite3_stmt		*stmt;
	struct store_fact	*items = NULL;
	size_t			 count = 0, cap = 0;
	int			 rc;

	*list = NULL;
	*n = 0;
	stmt = store_statement(s, all ? all_sql : current_sql, cause);
	if (stmt == NULL)
		return (-1);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		items = store_grow(items, &cap, count, sizeof *items);
		store_fact_read(stmt, &items[count++]);
	}
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		store_release(stmt);
		store_fact_free_list(items, count);
		return (-1);
	}
	store_release(stmt);
	*list = items;
	*n = count;
	return (0);
}

/*
 * End fact old_id at time (0 for now), superseded by new_id. Returns -1
 * if there is no such fact.
 */
int
store_fact_supersede(struct store *s, const char *old_id, const char *new_id,
    int64_t time, char **cause)
{
	static const char	*sql =
	    "UPDATE facts SET valid_to = ?, superseded_by = ? WHERE id = ?";
	sqlite3_stmt		*stmt;

	if (old_id == NULL) {
		xcause(cause, "%s: no fact given", s->path);
		return (-1);
	}
	if (time == 0)
		time = time_now_ms();
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, time);
	store_bind_text(stmt, 2, new_id);
	store_bind_text(stmt, 3, old_id);
	if (store_step_done(s, stmt, cause) != 0)
		return (-1);
	if (sqlite3_changes(s->db) == 0) {
		xcause(cause, "%s: no fact \"%s\"", s->path, old_id);
		return (-1);
	}
	return (0);
}

/* Write every field of f over the fact with f->id. */
int
store_fact_update(struct store *s, const struct store_fact *f, char **cause)
{
	static const char	*sql =
	    "UPDATE facts SET subject = ?, relation = ?, object = ?, "
	    "source = ?, confidence = ?, valid_from = ?, valid_to = ?, "
	    "superseded_by = ? WHERE id = ?";
	sqlite3_stmt		*stmt;

	if (f->id == NULL) {
		xcause(cause, "%s: no fact given", s->path);
		return (-1);
	}
	if (store_fact_check(s, f, cause) != 0)
		return (-1);
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, f->subject);
	store_bind_text(stmt, 2, f->relation);
	store_bind_text(stmt, 3, f->object);
	store_bind_text(stmt, 4, f->source);
	sqlite3_bind_double(stmt, 5, f->confidence);
	sqlite3_bind_int64(stmt, 6, f->valid_from);
	store_bind_nonzero(stmt, 7, f->valid_to);
	store_bind_text(stmt, 8, f->superseded_by);
	store_bind_text(stmt, 9, f->id);
	if (store_step_done(s, stmt, cause) != 0)
		return (-1);
	if (sqlite3_changes(s->db) == 0) {
		xcause(cause, "%s: no fact \"%s\"", s->path, f->id);
		return (-1);
	}
	return (0);
}

/* Delete fact id for real. Returns 0, 1 if there was none, or -1. */
int
store_fact_delete(struct store *s, const char *id, char **cause)
{
	static const char	*sql = "DELETE FROM facts WHERE id = ?";
	sqlite3_stmt		*stmt;

	if (id == NULL)
		return (1);
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, id);
	if (store_step_done(s, stmt, cause) != 0)
		return (-1);
	return (sqlite3_changes(s->db) == 0 ? 1 : 0);
}

void
store_fact_clear(struct store_fact *f)
{
	if (f == NULL)
		return;
	free(f->id);
	free(f->subject);
	free(f->relation);
	free(f->object);
	free(f->source);
	free(f->superseded_by);
	memset(f, 0, sizeof *f);
}

void
store_fact_free_list(struct store_fact *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_fact_clear(&list[i]);
	free(list);
}
