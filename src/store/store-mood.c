/*
 * Moods: a row per user message, deleted with it. The daily roll-up is
 * computed on demand by UTC day: the mean valence and arousal, the count,
 * and the label given most often that day (the latest of those tied).
 * Days without moods are left out, not filled with zeros.
 */
#include <stdlib.h>
#include <string.h>

#include "util-time.h"

#include "store-internal.h"
#include "store-mood.h"

#define STORE_MOOD_DAY_MS 86400000LL

/* At most this many days are rolled up (a century). */
#define STORE_MOOD_MAX_DAYS 36525

/*
 * Store the mood of a message (replacing one it had); time 0 means now.
 * The message must exist.
 */
int
store_mood_add(struct store *s, const struct store_mood *mood, char **cause)
{
	static const char	*sql =
	    "INSERT INTO moods (message_id, time, valence, arousal, label, "
	    "emotions) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (message_id) DO UPDATE SET time = excluded.time, "
	    "valence = excluded.valence, arousal = excluded.arousal, "
	    "label = excluded.label, emotions = excluded.emotions";
	sqlite3_stmt		*stmt;
	int			 rc;

	if (mood == NULL || mood->message_id == NULL) {
		xcause(cause, "%s: a mood needs the message it belongs "
		    "to", s->path);
		return (-1);
	}
	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(stmt, 1, mood->message_id);
	sqlite3_bind_int64(stmt, 2, mood->time != 0 ? mood->time :
	    time_now_ms());
	sqlite3_bind_double(stmt, 3, mood->valence);
	sqlite3_bind_double(stmt, 4, mood->arousal);
	store_bind_text(stmt, 5, mood->label);
	store_bind_text(stmt, 6, mood->emotions);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
			xcause(cause, "%s: no message \"%s\"", s->path,
			    mood->message_id);
		} else
			store_error(s, rc, cause);
		store_release(stmt);
		return (-1);
	}
	store_release(stmt);
	return (0);
}

/*
 * Roll up the moods of the last `days` UTC days, today (the day of now)
 * included, up to now, oldest first. Free with store_mood_free_days().
 */
int
store_mood_days(struct store *s, int days, int64_t now,
    struct store_mood_day **list, size_t *n, char **cause)
{
	static const char	*sql =
	    "SELECT day, avg(valence), avg(arousal), count(*), "
	    "  (SELECT l.label FROM moods l "
	    "   WHERE l.time >= day * 86400000 "
	    "   AND l.time < (day + 1) * 86400000 AND l.time <= ?2 "
	    "   AND l.label IS NOT NULL AND l.label <> '' "
	    "   GROUP BY l.label ORDER BY count(*) DESC, max(l.time) DESC "
	    "   LIMIT 1) "
	    "FROM (SELECT time / 86400000 AS day, valence, arousal FROM moods "
	    "  WHERE time >= ?1 AND time <= ?2) "
	    "GROUP BY day ORDER BY day";
	sqlite3_stmt		*stmt;
	struct store_mood_day	*items = NULL, *d;
	char			 when[TIME_BUFSIZE];
	size_t			 count = 0, cap = 0;
	int64_t			 today, start;
	int			 rc;

	*list = NULL;
	*n = 0;
	if (days <= 0 || now < 0)
		return (0);
	if (days > STORE_MOOD_MAX_DAYS)
		days = STORE_MOOD_MAX_DAYS;
	today = now / STORE_MOOD_DAY_MS;
	start = today - (days - 1);
	if (start < 0)
		start = 0;

	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, start * STORE_MOOD_DAY_MS);
	sqlite3_bind_int64(stmt, 2, now);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		items = store_grow(items, &cap, count, sizeof *items);
		d = &items[count++];
		memset(d, 0, sizeof *d);
		time_format(sqlite3_column_int64(stmt, 0) * STORE_MOOD_DAY_MS,
		    when, sizeof when);
		memcpy(d->day, when, sizeof d->day - 1);
		d->day[sizeof d->day - 1] = '\0';
		d->valence = sqlite3_column_double(stmt, 1);
		d->arousal = sqlite3_column_double(stmt, 2);
		d->count = sqlite3_column_int(stmt, 3);
		d->label = store_column_text(stmt, 4);
	}
	if (rc != SQLITE_DONE) {
		store_error(s, rc, cause);
		store_release(stmt);
		store_mood_free_days(items, count);
		return (-1);
	}
	store_release(stmt);
	*list = items;
	*n = count;
	return (0);
}

void
store_mood_free_days(struct store_mood_day *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(list[i].label);
	free(list);
}
