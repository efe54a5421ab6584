/*
 * The connection to jumbo.db and its schema.
 *
 * store_open() creates the file when it is missing (built whole, mode
 * 0600, under a temporary name and linked into place), sets the
 * connection's pragmas and brings the schema up to STORE_SCHEMA_VERSION.
 * The file's PRAGMA user_version says which migrations it has had; each
 * missing one runs in its own BEGIN IMMEDIATE transaction that reads the
 * version again first, so two jumbo processes upgrading a file at once
 * migrate it once. A file already at the current version costs two reads
 * of the database header (user_version and application_id) and nothing
 * else. A file written by a newer jumbo, or one that is not a jumbo
 * database, is refused before anything is written to it.
 *
 * STORE_READONLY opens with SQLITE_OPEN_READONLY and never migrates: a file
 * at an older schema is refused with a cause saying that a normal open
 * upgrades it. STORE_MEMORY opens a private ":memory:" database, migrated
 * like a file (it ignores STORE_READONLY).
 *
 * Statements are prepared once per connection (SQLITE_PREPARE_PERSISTENT)
 * and found again by the address of their SQL text, which is always a
 * static string. Whoever steps one calls store_release() after the last
 * step, so no read transaction is left open between calls.
 *
 * Transactions nest by counting: the outer store_begin() is BEGIN
 * IMMEDIATE, which takes the write lock up front so that two writers wait
 * for each other through the busy timeout instead of failing on a lock
 * upgrade; inner ones are savepoints, so an inner rollback undoes only its
 * own work and the outer transaction decides.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util-buf.h"
#include "util-time.h"
#include "util-xmalloc.h"

#include "store-internal.h"

/* How long a writer waits for another jumbo before giving up. */
#define STORE_BUSY_TIMEOUT 10000

/* Between tries to take a lock SQLite will not wait for (microseconds). */
#define STORE_RETRY_SLEEP 5000

/* PRAGMA application_id of a jumbo database: "JMBO". */
#define STORE_APPLICATION_ID 0x4a4d424f

/*
 * The migrations: entry N-1 takes a database from schema N-1 to N. They
 * run inside a transaction, so none of them may change journal_mode or
 * run VACUUM. Never edit one that has shipped; add the next instead.
 */
static const char *store_migrations[] = {
	/* 1: the first schema. */
	"PRAGMA application_id = 1246577231;"	/* STORE_APPLICATION_ID */

	"CREATE TABLE profile ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL,"
	"  updated INTEGER NOT NULL"
	");"

	"CREATE TABLE conversations ("
	"  id TEXT PRIMARY KEY,"
	"  title TEXT,"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL"
	");"
	"CREATE INDEX conversations_updated"
	"  ON conversations (updated, created);"

	"CREATE TABLE messages ("
	"  seq INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  conversation TEXT NOT NULL"
	"    REFERENCES conversations (id) ON DELETE CASCADE,"
	"  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),"
	"  speaker TEXT,"
	"  text TEXT NOT NULL,"
	"  attachment TEXT,"
	"  time INTEGER NOT NULL,"
	"  status INTEGER NOT NULL DEFAULT 0,"
	"  engine TEXT,"
	"  model TEXT,"
	"  prompt_tokens INTEGER,"
	"  completion_tokens INTEGER,"
	"  first_token_ms INTEGER,"
	"  total_ms INTEGER"
	");"
	"CREATE INDEX messages_conversation ON messages (conversation, seq);"

	/*
	 * The search index holds no copy of the text (external content):
	 * the triggers keep it in step with messages, cascaded deletes
	 * included.
	 */
	"CREATE VIRTUAL TABLE messages_fts USING fts5 ("
	"  text, attachment, speaker,"
	"  content = 'messages', content_rowid = 'seq',"
	"  tokenize = 'porter unicode61 remove_diacritics 2'"
	");"
	"CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN"
	"  INSERT INTO messages_fts (rowid, text, attachment, speaker)"
	"    VALUES (new.seq, new.text, new.attachment, new.speaker);"
	"END;"
	"CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
	"  INSERT INTO messages_fts (messages_fts, rowid, text, attachment,"
	"    speaker) VALUES ('delete', old.seq, old.text, old.attachment,"
	"    old.speaker);"
	"END;"
	"CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, attachment,"
	"  speaker ON messages BEGIN"
	"  INSERT INTO messages_fts (messages_fts, rowid, text, attachment,"
	"    speaker) VALUES ('delete', old.seq, old.text, old.attachment,"
	"    old.speaker);"
	"  INSERT INTO messages_fts (rowid, text, attachment, speaker)"
	"    VALUES (new.seq, new.text, new.attachment, new.speaker);"
	"END;"

	"CREATE TABLE summaries ("
	"  id TEXT PRIMARY KEY,"
	"  conversation TEXT NOT NULL"
	"    REFERENCES conversations (id) ON DELETE CASCADE,"
	"  message_id TEXT REFERENCES messages (id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('turn', 'rolling')),"
	"  text TEXT NOT NULL,"
	"  upto_seq INTEGER,"
	"  time INTEGER NOT NULL"
	");"
	"CREATE INDEX summaries_conversation"
	"  ON summaries (conversation, kind, time);"
	"CREATE INDEX summaries_message ON summaries (message_id);"
	"CREATE UNIQUE INDEX summaries_rolling"
	"  ON summaries (conversation) WHERE kind = 'rolling';"

	/* valid_to is NULL while a fact is current. */
	"CREATE TABLE facts ("
	"  id TEXT PRIMARY KEY,"
	"  subject TEXT NOT NULL,"
	"  relation TEXT NOT NULL,"
	"  object TEXT NOT NULL,"
	"  source TEXT REFERENCES messages (id) ON DELETE SET NULL,"
	"  confidence REAL NOT NULL DEFAULT 1.0,"
	"  valid_from INTEGER NOT NULL,"
	"  valid_to INTEGER,"
	"  superseded_by TEXT"
	");"
	"CREATE INDEX facts_subject ON facts (subject, relation);"
	"CREATE INDEX facts_source ON facts (source);"

	"CREATE TABLE moods ("
	"  message_id TEXT PRIMARY KEY"
	"    REFERENCES messages (id) ON DELETE CASCADE,"
	"  time INTEGER NOT NULL,"
	"  valence REAL NOT NULL,"
	"  arousal REAL NOT NULL,"
	"  label TEXT,"
	"  emotions TEXT"
	");"
	"CREATE INDEX moods_time ON moods (time);",

	/* 2: messages by time, for searches that name a time. */
	"CREATE INDEX messages_time ON messages (time);",
};
_Static_assert(sizeof store_migrations / sizeof store_migrations[0] ==
    STORE_SCHEMA_VERSION, "one migration for each schema version");

/* Whether the directory holding path can be written to. */
static int
store_directory_writable(const char *path)
{
	const char	*slash;
	char		*dir;
	int		 writable;

	if ((slash = strrchr(path, '/')) == NULL)
		return (access(".", W_OK) == 0);
	if (slash == path)
		return (access("/", W_OK) == 0);
	dir = xstrndup(path, slash - path);
	writable = access(dir, W_OK) == 0;
	free(dir);
	return (writable);
}

/*
 * Say which file keeps a store from being written: the database, or the
 * -wal or -shm file beside it (SQLite makes those with the database's
 * mode, so a read-only database leaves read-only ones behind).
 */
static void
store_readonly_cause(const char *path, char **cause)
{
	static const char *const	 suffixes[] = { "-wal", "-shm" };
	char				*side;
	size_t				 i;

	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		xasprintf(&side, "%s%s", path, suffixes[i]);
		if (access(path, W_OK) == 0 && access(side, F_OK) == 0 &&
		    access(side, W_OK) != 0) {
			xcause(cause, "%s: cannot write (read-only file "
			    "%s beside it)", path, side);
			free(side);
			return;
		}
		free(side);
	}
	xcause(cause, "%s: cannot write (read-only file)", path);
}

/*
 * Turn SQLite result code rc into a cause naming the file, in the words a
 * person needs: locked, read-only, not a database, disk full.
 */
void
store_error(struct store *s, int rc, char **cause)
{
	const char	*path = s->path, *message;

	if (s->db != NULL)
		message = sqlite3_errmsg(s->db);
	else
		message = sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		xcause(cause, "%s: locked by another jumbo; try again",
		    path);
		break;
	case SQLITE_READONLY:
		if (s->flags & STORE_READONLY)
			xcause(cause, "%s: opened read-only", path);
		else if (!store_directory_writable(path))
			xcause(cause,
			    "%s: cannot write (read-only directory)", path);
		else
			store_readonly_cause(path, cause);
		break;
	case SQLITE_CANTOPEN:
		if (access(path, F_OK) != 0)
			xcause(cause, "%s: %s", path, strerror(errno));
		else if (!store_directory_writable(path))
			xcause(cause,
			    "%s: cannot write (read-only directory)", path);
		else
			xcause(cause, "%s: cannot open (%s)", path,
			    message);
		break;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		xcause(cause, "%s: not a jumbo database (%s)", path,
		    message);
		break;
	case SQLITE_FULL:
		xcause(cause, "%s: cannot write (disk full)", path);
		break;
	case SQLITE_IOERR:
		xcause(cause, "%s: input/output error (%s)", path,
		    message);
		break;
	default:
		xcause(cause, "%s: %s", path, message);
		break;
	}
}

/*
 * The cached statement for sql (a static string), prepared on first use.
 * Returns NULL with a cause if it does not prepare.
 */
sqlite3_stmt *
store_statement(struct store *s, const char *sql, char **cause)
{
	struct store_statement	*st;
	sqlite3_stmt		*stmt;
	size_t			 i;
	int			 rc;

	for (i = 0; i < s->nstatements; i++) {
		if (s->statements[i].sql == sql)
			return (s->statements[i].stmt);
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &stmt, NULL);
	if (rc != SQLITE_OK) {
		store_error(s, rc, cause);
		sqlite3_finalize(stmt);
		return (NULL);
	}
	s->statements = xreallocarray(s->statements, s->nstatements + 1,
	    sizeof *s->statements);
	st = &s->statements[s->nstatements++];
	st->sql = sql;
	st->stmt = stmt;
	return (stmt);
}

/* Finish with a statement: end its read and forget its bindings. */
void
store_release(sqlite3_stmt *stmt)
{
	if (stmt == NULL)
		return;
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

/*
 * Step a statement that returns no rows, then release it. Returns 0, or
 * -1 with a cause.
 */
int
store_step_done(struct store *s, sqlite3_stmt *stmt, char **cause)
{
	int	rc;

	rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_error(s, rc, cause);
		store_release(stmt);
		return (-1);
	}
	store_release(stmt);
	return (0);
}

/* Run SQL without parameters (never user text). Returns 0 or -1. */
int
store_exec(struct store *s, const char *sql, char **cause)
{
	int	rc;

	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		store_error(s, rc, cause);
		return (-1);
	}
	return (0);
}

/* Bind text, or NULL for a NULL pointer. The text must outlive the step. */
void
store_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(stmt, index);
	else
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
}

/* Bind a number, or NULL for 0 (an unknown count or an open interval). */
void
store_bind_nonzero(sqlite3_stmt *stmt, int index, int64_t value)
{
	if (value == 0)
		sqlite3_bind_null(stmt, index);
	else
		sqlite3_bind_int64(stmt, index, value);
}

/* A text column as a new string, or NULL. Result must be freed. */
char *
store_column_text(sqlite3_stmt *stmt, int column)
{
	const unsigned char	*text;

	if ((text = sqlite3_column_text(stmt, column)) == NULL)
		return (NULL);
	return (xstrdup((const char *)text));
}

/*
 * Make room for one more element in an array with room for *cap and n
 * used, doubling as it grows. Returns the (maybe moved) array.
 */
void *
store_grow(void *array, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return (array);
	*cap = *cap == 0 ? 16 : *cap * 2;
	return (xreallocarray(array, *cap, size));
}

/* Read an integer pragma (a name from this file, never user text). */
static int
store_pragma_int(struct store *s, const char *sql, int *value, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		store_error(s, rc, cause);
		store_release(stmt);
		return (-1);
	}
	*value = sqlite3_column_int(stmt, 0);
	store_release(stmt);
	return (0);
}

/*
 * Read the schema version of the file, refusing one that is not a jumbo
 * database: a version without jumbo's application id, or (with
 * tables_check) version 0 with tables in it, somebody else's database.
 * That check is only sound inside a transaction: outside one, another
 * jumbo may migrate the file between the two reads.
 */
static int
store_read_version(struct store *s, int *version, int tables_check,
    char **cause)
{
	static const char	*version_sql = "PRAGMA user_version";
	static const char	*id_sql = "PRAGMA application_id";
	static const char	*tables_sql =
	    "SELECT count(*) FROM sqlite_master";
	int			 id, tables;

	if (store_pragma_int(s, version_sql, version, cause) != 0)
		return (-1);
	if (*version == 0) {
		if (!tables_check)
			return (0);
		if (store_pragma_int(s, tables_sql, &tables, cause) != 0)
			return (-1);
		if (tables != 0) {
			xcause(cause, "%s: not a jumbo database (it "
			    "holds other tables)", s->path);
			return (-1);
		}
		return (0);
	}
	if (store_pragma_int(s, id_sql, &id, cause) != 0)
		return (-1);
	if ((uint32_t)id != STORE_APPLICATION_ID) {
		xcause(cause, "%s: not a jumbo database (application id "
		    "%#x)", s->path, (unsigned int)id);
		return (-1);
	}
	return (0);
}

/*
 * Put the file in WAL mode. Switching takes an exclusive lock without
 * SQLite's busy handler (another jumbo opening the same new file at the
 * same moment holds a shared one for an instant), so wait here instead,
 * up to the busy timeout. A file system that cannot do WAL keeps the
 * rollback journal, which works, only with less concurrency.
 */
static int
store_set_wal(struct store *s, char **cause)
{
	sqlite3_stmt	*stmt;
	int64_t		 deadline;
	int		 rc;

	deadline = time_now_ms() + STORE_BUSY_TIMEOUT;
	for (;;) {
		rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL",
		    -1, &stmt, NULL);
		if (rc == SQLITE_OK) {
			rc = sqlite3_step(stmt);
			if (rc == SQLITE_ROW)
				rc = SQLITE_OK;
		}
		if (rc == SQLITE_OK) {
			sqlite3_finalize(stmt);
			return (0);
		}
		if (((rc & 0xff) != SQLITE_BUSY &&
		    (rc & 0xff) != SQLITE_LOCKED) || time_now_ms() > deadline) {
			store_error(s, rc, cause);
			sqlite3_finalize(stmt);
			return (-1);
		}
		sqlite3_finalize(stmt);
		usleep(STORE_RETRY_SLEEP);
	}
}

/*
 * Bring the schema up to target, one migration per transaction. The
 * version is read again inside each transaction: another jumbo may have
 * migrated the file since we looked.
 */
static int
store_migrate(struct store *s, int target, char **cause)
{
	char	sql[64];
	int	version, v;

	/*
	 * Refuse somebody else's database before touching it: switching to
	 * WAL rewrites the file's header. (The check is repeated inside each
	 * migration's transaction, where it is race-free.)
	 */
	if (store_read_version(s, &version, 1, cause) != 0)
		return (-1);
	/* WAL is a property of the file: set once, when it is migrated. */
	if ((~s->flags & STORE_MEMORY) && store_set_wal(s, cause) != 0)
		return (-1);

	for (v = 1; v <= target; v++) {
		if (store_begin(s, cause) != 0)
			return (-1);
		if (store_read_version(s, &version, 1, cause) != 0)
			goto fail;
		if (version > STORE_SCHEMA_VERSION) {
			xcause(cause, "%s: written by a newer jumbo "
			    "(schema %d, this one knows %d); upgrade jumbo",
			    s->path, version, STORE_SCHEMA_VERSION);
			goto fail;
		}
		if (version >= v) {
			store_rollback(s);
			continue;
		}
		if (store_exec(s, store_migrations[v - 1], cause) != 0)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
		if (store_exec(s, sql, cause) != 0)
			goto fail;
		if (store_commit(s, cause) != 0)
			return (-1);
	}
	return (0);

fail:
	store_rollback(s);
	return (-1);
}

/* Say why path (or the directory for it) could not be created. */
static void
store_create_error(const char *path, int error, char **cause)
{
	switch (error) {
	case EACCES:
	case EPERM:
		xcause(cause, "%s: cannot write (read-only directory)",
		    path);
		break;
	case EROFS:
		xcause(cause, "%s: cannot write (read-only file system)",
		    path);
		break;
	default:
		xcause(cause, "%s: cannot create (%s)", path,
		    strerror(error));
		break;
	}
}

static int	store_open_version(const char *, int, int, struct store **,
		    char **);

/*
 * Make sure path exists. A missing file is built whole under a temporary
 * name beside it (mode 0600, which the -wal and -shm files SQLite makes
 * copy; WAL mode; migrated to target) and then linked into place, so no
 * jumbo ever sees a half-made file, and two opening a new file at once
 * do not race through SQLite's rollback-journal stage (which can fail with
 * I/O errors when both switch the same empty file to WAL): the first link
 * wins and the other's copy is thrown away. Where the file system has no
 * hard links, the copy is renamed into place instead.
 */
static int
store_create_file(const char *path, int target, char **cause)
{
	struct store	*fresh;
	struct stat	 sb;
	char		*tmp;
	int		 fd, error;

	if (stat(path, &sb) == 0)
		return (0);
	if (errno != ENOENT) {
		xcause(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}

	xasprintf(&tmp, "%s.new-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		store_create_error(path, errno, cause);
		free(tmp);
		return (-1);
	}
	close(fd);
	if (store_open_version(tmp, 0, target, &fresh, cause) != 0) {
		unlink(tmp);
		free(tmp);
		return (-1);
	}
	store_close(fresh);

	if (link(tmp, path) != 0 && errno != EEXIST) {
		if (stat(path, &sb) != 0 && rename(tmp, path) != 0) {
			error = errno;
			unlink(tmp);
			store_create_error(path, error, cause);
			free(tmp);
			return (-1);
		}
	}
	unlink(tmp);
	free(tmp);
	return (0);
}

/* Open and migrate up to target; see the comment at the top. */
static int
store_open_version(const char *path, int flags, int target,
    struct store **sp, char **cause)
{
	struct store	*s;
	int		 open_flags, rc, version;

	*sp = NULL;
	if ((~flags & STORE_MEMORY) && (path == NULL || *path == '\0')) {
		xcause(cause, "no database file given");
		return (-1);
	}

	s = xcalloc(1, sizeof *s);
	s->flags = flags;
	if (flags & STORE_MEMORY) {
		s->flags &= ~STORE_READONLY;
		s->path = xstrdup(":memory:");
		open_flags = SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE|
		    SQLITE_OPEN_MEMORY;
	} else if (flags & STORE_READONLY) {
		s->path = xstrdup(path);
		open_flags = SQLITE_OPEN_READONLY;
	} else {
		s->path = xstrdup(path);
		if (store_create_file(s->path, target, cause) != 0)
			goto fail;
		open_flags = SQLITE_OPEN_READWRITE;
	}
	open_flags |= SQLITE_OPEN_EXRESCODE;

	rc = sqlite3_open_v2(s->path, &s->db, open_flags, NULL);
	if (rc != SQLITE_OK) {
		store_error(s, rc, cause);
		goto fail;
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT);
	/*
	 * The last connection to close checkpoints the WAL into the file and
	 * removes it (SQLite's default, kept on purpose although it costs a
	 * few fsyncs a run): jumbo.db alone then holds everything, so copying
	 * it is a whole backup and no -wal file is left holding text.
	 */
	if (store_exec(s, "PRAGMA foreign_keys = ON;"
	    "PRAGMA secure_delete = ON;"
	    "PRAGMA synchronous = NORMAL", cause) != 0)
		goto fail;

	if (store_read_version(s, &version, 0, cause) != 0)
		goto fail;
	if (version > STORE_SCHEMA_VERSION) {
		xcause(cause, "%s: written by a newer jumbo (schema %d, "
		    "this one knows %d); upgrade jumbo", s->path, version,
		    STORE_SCHEMA_VERSION);
		goto fail;
	}
	if (s->flags & STORE_READONLY) {
		if (version == 0 && store_read_version(s, &version, 1,
		    cause) != 0)
			goto fail;
		if (version < STORE_SCHEMA_VERSION) {
			xcause(cause, "%s: needs upgrading from schema "
			    "%d to %d, which a read-only open cannot do; run "
			    "jumbo once without it", s->path, version,
			    STORE_SCHEMA_VERSION);
			goto fail;
		}
	} else if (sqlite3_db_readonly(s->db, "main") == 1) {
		store_readonly_cause(s->path, cause);
		goto fail;
	} else if (version < target && store_migrate(s, target, cause) != 0)
		goto fail;

	*sp = s;
	return (0);

fail:
	store_close(s);
	return (-1);
}

/*
 * Open the store at path (created 0600 if missing; its directory must
 * exist) and migrate it to the current schema. Returns 0 with *sp set, or
 * -1 with a cause naming the file.
 */
int
store_open(const char *path, int flags, struct store **sp, char **cause)
{
	return (store_open_version(path, flags, STORE_SCHEMA_VERSION, sp,
	    cause));
}

/* Open path read-write, migrating only up to version. */
int
store_open_at_version(const char *path, int version, struct store **sp,
    char **cause)
{
	if (version < 0 || version > STORE_SCHEMA_VERSION) {
		*sp = NULL;
		xcause(cause, "schema %d does not exist (this jumbo "
		    "knows 0 to %d)", version, STORE_SCHEMA_VERSION);
		return (-1);
	}
	return (store_open_version(path, 0, version, sp, cause));
}

/* Close the store, rolling back a transaction left open. */
void
store_close(struct store *s)
{
	size_t	i;

	if (s == NULL)
		return;
	if (s->db != NULL && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	for (i = 0; i < s->nstatements; i++)
		sqlite3_finalize(s->statements[i].stmt);
	free(s->statements);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

/* The file the store was opened on (":memory:" for STORE_MEMORY). */
const char *
store_path(const struct store *s)
{
	return (s->path);
}

/* The file's schema version, or -1 if it cannot be read. */
int
store_schema_version(struct store *s)
{
	int	version;

	if (s == NULL ||
	    store_pragma_int(s, "PRAGMA user_version", &version, NULL) != 0)
		return (-1);
	return (version);
}

/*
 * Begin a transaction: BEGIN IMMEDIATE at the outside, a savepoint inside
 * another. Returns 0 or -1 (for example locked past the busy timeout).
 */
int
store_begin(struct store *s, char **cause)
{
	char	sql[32];

	if (s->depth == 0) {
		if (store_exec(s, "BEGIN IMMEDIATE", cause) != 0)
			return (-1);
	} else {
		snprintf(sql, sizeof sql, "SAVEPOINT store%d", s->depth);
		if (store_exec(s, sql, cause) != 0)
			return (-1);
	}
	s->depth++;
	return (0);
}

/*
 * Commit the innermost transaction; only the outer one reaches the file.
 * If the outer COMMIT fails, the transaction is rolled back and -1
 * returned.
 */
int
store_commit(struct store *s, char **cause)
{
	char	sql[32];

	if (s->depth == 0) {
		xcause(cause, "%s: no transaction to commit", s->path);
		return (-1);
	}
	if (sqlite3_get_autocommit(s->db)) {
		/* An error (disk full, say) already rolled it all back. */
		s->depth = 0;
		xcause(cause, "%s: the transaction was rolled back",
		    s->path);
		return (-1);
	}
	if (s->depth > 1) {
		snprintf(sql, sizeof sql, "RELEASE store%d", s->depth - 1);
		if (store_exec(s, sql, cause) != 0)
			return (-1);
		s->depth--;
		return (0);
	}
	if (store_exec(s, "COMMIT", cause) != 0) {
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		s->depth = 0;
		return (-1);
	}
	s->depth = 0;
	return (0);
}

/* Undo the innermost transaction's work. */
void
store_rollback(struct store *s)
{
	char	sql[64];

	if (s->depth == 0)
		return;
	if (sqlite3_get_autocommit(s->db)) {
		s->depth = 0;
		return;
	}
	if (s->depth > 1) {
		snprintf(sql, sizeof sql,
		    "ROLLBACK TO store%d; RELEASE store%d", s->depth - 1,
		    s->depth - 1);
		sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		s->depth--;
		return;
	}
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->depth = 0;
}

/*
 * Check the file (PRAGMA integrity_check) and the search index against
 * the messages. Returns 0 if both are sound, else -1 with a cause quoting
 * what SQLite found.
 */
int
store_integrity_check(struct store *s, char **cause)
{
	static const char	*sql = "PRAGMA integrity_check";
	sqlite3_stmt		*stmt;
	struct buf		 problems;
	const char		*row;
	int			 rc, n = 0;

	if ((stmt = store_statement(s, sql, cause)) == NULL)
		return (-1);
	buf_init(&problems, 1024);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		row = (const char *)sqlite3_column_text(stmt, 0);
		if (row == NULL || strcmp(row, "ok") == 0)
			continue;
		if (n++ != 0)
			buf_addstr(&problems, "; ");
		buf_addstr(&problems, row);
	}
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_CORRUPT) {
			xcause(cause, "%s: damaged (%s)", s->path,
			    sqlite3_errmsg(s->db));
		} else
			store_error(s, rc, cause);
		store_release(stmt);
		buf_free(&problems);
		return (-1);
	}
	store_release(stmt);
	if (n != 0) {
		xcause(cause, "%s: damaged (%s)", s->path,
		    buf_str(&problems));
		buf_free(&problems);
		return (-1);
	}
	buf_free(&problems);

	/*
	 * The FTS5 check is an INSERT, which a read-only handle refuses.
	 * Rank 1 compares the index with the messages themselves, not only
	 * with itself.
	 */
	if (s->flags & STORE_READONLY)
		return (0);
	rc = sqlite3_exec(s->db, "INSERT INTO messages_fts (messages_fts, "
	    "rank) VALUES ('integrity-check', 1)", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		xcause(cause, "%s: the search index does not match the "
		    "messages (%s)", s->path, sqlite3_errmsg(s->db));
		return (-1);
	}
	return (0);
}

/*
 * Rebuild the file without free pages: merge the search index first so
 * deleted terms leave it, VACUUM, then checkpoint and truncate the WAL,
 * which may still hold old copies of deleted pages.
 */
int
store_optimize(struct store *s, char **cause)
{
	return (store_exec(s, "INSERT INTO messages_fts (messages_fts) "
	    "VALUES ('optimize')", cause));
}

int
store_vacuum(struct store *s, char **cause)
{
	if (s->depth != 0) {
		xcause(cause, "%s: cannot vacuum inside a transaction",
		    s->path);
		return (-1);
	}
	if (store_exec(s, "INSERT INTO messages_fts (messages_fts) "
	    "VALUES ('optimize')", cause) != 0)
		return (-1);
	if (store_exec(s, "VACUUM", cause) != 0)
		return (-1);
	if ((~s->flags & STORE_MEMORY) &&
	    store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)", cause) != 0)
		return (-1);
	return (0);
}
