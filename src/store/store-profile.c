/*
 * The profile table: one row per key, with the time the value was set so
 * that sync can later merge profiles last-writer-wins. Setting a key to
 * NULL deletes its row.
 */
#include <stdlib.h>

#include "util-time.h"

#include "store-internal.h"
#include "store-profile.h"

/*
 * The value of key, or NULL if it is unset (or on error). Result must be
 * freed.
 */
char *
store_profile_get(struct store *s, const char *key)
{
	static const char	*sql =
	    "SELECT value FROM profile WHERE key = ?";
	sqlite3_stmt		*stmt;
	char			*value = NULL;

	if (s == NULL || key == NULL)
		return (NULL);
	if ((stmt = store_statement(s, sql, NULL)) == NULL)
		return (NULL);
	store_bind_text(stmt, 1, key);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = store_column_text(stmt, 0);
	store_release(stmt);
	return (value);
}

/* Set key to value, stamped with the current time; NULL removes the key. */
int
store_profile_set(struct store *s, const char *key, const char *value,
    char **cause)
{
	static const char	*set_sql =
	    "INSERT INTO profile (key, value, updated) VALUES (?, ?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
	    "updated = excluded.updated";
	static const char	*remove_sql =
	    "DELETE FROM profile WHERE key = ?";
	sqlite3_stmt		*stmt;

	if (key == NULL || *key == '\0') {
		xcause(cause, "%s: empty profile key", s->path);
		return (-1);
	}
	if (value == NULL) {
		if ((stmt = store_statement(s, remove_sql, cause)) == NULL)
			return (-1);
		store_bind_text(stmt, 1, key);
		return (store_step_done(s, stmt, cause));
	}
	if ((stmt = store_statement(s, set_sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, key);
	store_bind_text(stmt, 2, value);
	sqlite3_bind_int64(stmt, 3, time_now_ms());
	return (store_step_done(s, stmt, cause));
}

/* Every entry sorted by key; *list is NULL when there are none. */
int
store_profile_list(struct store *s, struct store_profile_entry **list,
    size_t *n, char **cause)
{
	static const char		*sql =
	    "SELECT key, value, updated FROM profile ORDER BY key";
	sqlite3_stmt			*stmt;
	struct store_profile_entry	*entries = NULL, *e;
	size_t				 count = 0, cap = 0;
	int				 rc;

	*list = NULL;
	*n = 0;
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		entries = store_grow(entries, &cap, count, sizeof *entries);
		e = &entries[count++];
		e->key = store_column_text(stmt, 0);
		e->value = store_column_text(stmt, 1);
		e->updated = sqlite3_column_int64(stmt, 2);
	}
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		store_release(stmt);
		store_profile_free(entries, count);
		return (-1);
	}
	store_release(stmt);
	*list = entries;
	*n = count;
	return (0);
}

void
store_profile_free(struct store_profile_entry *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].key);
		free(list[i].value);
	}
	free(list);
}
