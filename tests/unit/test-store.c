/*
 * Unit tests of src/store: opening and migrating real files (new, old,
 * newer, corrupt, read-only, locked, two writers at once), transactions,
 * and every table's functions, with NULL, empty and edge inputs first.
 * Each test gets a fresh directory under a mkdtemp(3) root; the tests look
 * at the files with SQLite directly where the store's API cannot tell
 * (pragmas, bytes on disk), through store-internal.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "util-id.h"
#include "util-time.h"
#include "util-xmalloc.h"

#include "store.h"
#include "store-conversation.h"
#include "store-fact.h"
#include "store-internal.h"
#include "store-message.h"
#include "store-mood.h"
#include "store-profile.h"
#include "store-search.h"
#include "store-summary.h"

/* The user the read-only tests run as when the suite runs as root. */
#define TEST_NOBODY 65534

static char	test_root[1024];		/* the mkdtemp() directory */
static char	test_dir[PATH_MAX];	/* this test's directory in it */
static int	test_count;

/* ---------------------------------------------------------------------- */
/* Helpers. */

/* The path of name in this test's directory. Result must be freed. */
static char *
test_path(const char *name)
{
	char	*path;

	xasprintf(&path, "%s/%s", test_dir, name);
	return (path);
}

static int
test_remove_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	chmod(path, 0700);
	return (remove(path));
}

/* Remove a directory and everything in it. */
static void
test_remove_tree(const char *path)
{
	chmod(path, 0700);
	nftw(path, test_remove_one, 16, FTW_DEPTH|FTW_PHYS);
}

static int
group_setup(void **state)
{
	const char	*tmp;

	(void)state;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(test_root, sizeof test_root, "%s/test-store.XXXXXX", tmp);
	if (mkdtemp(test_root) == NULL)
		return (-1);
	/* The read-only tests run as nobody when run as root. */
	chmod(test_root, 0755);
	return (0);
}

static int
group_teardown(void **state)
{
	(void)state;
	test_remove_tree(test_root);
	return (0);
}

static int
test_setup(void **state)
{
	(void)state;
	snprintf(test_dir, sizeof test_dir, "%s/%d", test_root, ++test_count);
	return (mkdir(test_dir, 0755));
}

static int
test_teardown(void **state)
{
	(void)state;
	test_remove_tree(test_dir);
	return (0);
}

/* The whole of a file. Result must be freed. */
static char *
read_file(const char *path, size_t *len)
{
	FILE	*f;
	char	*data = NULL;
	size_t	 n = 0, got;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	for (;;) {
		data = xrealloc(data, n + 65536);
		got = fread(data + n, 1, 65536, f);
		n += got;
		if (got < 65536)
			break;
	}
	fclose(f);
	*len = n;
	return (data);
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE	*f;

	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Whether the file at path holds the bytes of needle anywhere. */
static int
file_contains(const char *path, const char *needle)
{
	char	*data;
	size_t	 len;
	int	 found;

	if ((data = read_file(path, &len)) == NULL)
		return (0);
	found = memmem(data, len, needle, strlen(needle)) != NULL;
	free(data);
	return (found);
}

/* How many files in dir have names holding part. */
static int
count_files(const char *dir, const char *part)
{
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	assert_non_null(d = opendir(dir));
	while ((e = readdir(d)) != NULL) {
		if (strstr(e->d_name, part) != NULL)
			n++;
	}
	closedir(d);
	return (n);
}

/* Run SQL on a file through a connection of the test's own. */
static void
raw_exec(const char *path, const char *sql)
{
	sqlite3	*db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* The first column of the first row of sql on an open connection. */
static int64_t
db_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*stmt;
	int64_t		 value;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	value = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return (value);
}

/* The same as text. Result must be freed. */
static char *
db_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*stmt;
	char		*value;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	value = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return (value);
}

static int64_t
raw_int(const char *path, const char *sql)
{
	sqlite3	*db;
	int64_t	 value;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	value = db_int(db, sql);
	sqlite3_close(db);
	return (value);
}

static struct store *
open_memory(void)
{
	struct store	*s;
	char		*cause = NULL;

	assert_int_equal(store_open(NULL, STORE_MEMORY, &s, &cause), 0);
	assert_null(cause);
	assert_non_null(s);
	return (s);
}

static struct store *
open_file(const char *path)
{
	struct store	*s;
	char		*cause = NULL;

	if (store_open(path, 0, &s, &cause) != 0)
		fail_msg("store_open: %s", cause);
	assert_non_null(s);
	return (s);
}

/* Assert that cause was set and holds what. Frees it. */
static void
check_cause(char **cause, const char *what)
{
	assert_non_null(*cause);
	if (strstr(*cause, what) == NULL)
		fail_msg("cause \"%s\" lacks \"%s\"", *cause, what);
	free(*cause);
	*cause = NULL;
}

/* Create a conversation with a given id. */
static void
add_conversation(struct store *s, const char *id, int64_t created)
{
	char	*id_out = NULL, *cause = NULL;

	assert_int_equal(store_conversation_create(s, id, NULL, created,
	    &id_out, &cause), 0);
	assert_string_equal(id_out, id);
	free(id_out);
}

/* Add a message; returns its new id (caller frees). */
static char *
add_message(struct store *s, const char *conversation, const char *role,
    const char *text, int64_t time)
{
	struct store_message	 m;
	char			*cause = NULL;

	memset(&m, 0, sizeof m);
	m.conversation = (char *)conversation;
	m.role = (char *)role;
	m.text = (char *)text;
	m.time = time;
	if (store_message_add(s, &m, &cause) != 0)
		fail_msg("store_message_add: %s", cause);
	assert_non_null(m.id);
	return (m.id);
}

/* The number of hits of a search. */
static size_t
search_count(struct store *s, const char *query)
{
	struct store_search_hit	*hits;
	size_t			 n;
	char			*cause = NULL;

	if (store_search(s, query, 0, &hits, &n, &cause) != 0)
		fail_msg("store_search(\"%s\"): %s", query, cause);
	store_search_free(hits, n);
	return (n);
}

/*
 * Run fn as a user without special file permissions: directly when the
 * suite is not root, else in a child that has become nobody. fn returns
 * NULL on success or what went wrong (a static string).
 */
static const char *
run_unprivileged(const char *(*fn)(void *), void *arg)
{
	const char	*problem;
	pid_t		 pid;
	int		 fds[2], status;
	char		 buf[256];
	ssize_t		 got;

	if (geteuid() != 0)
		return (fn(arg));
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		if (setgid(TEST_NOBODY) != 0 || setuid(TEST_NOBODY) != 0)
			_exit(77);
		problem = fn(arg);
		if (problem != NULL)
			(void)!write(fds[1], problem, strlen(problem));
		_exit(problem == NULL ? 0 : 1);
	}
	close(fds[1]);
	got = read(fds[0], buf, sizeof buf - 1);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		skip();
	if (WEXITSTATUS(status) == 0)
		return (NULL);
	buf[got > 0 ? got : 0] = '\0';
	return (xstrdup(buf));
}

/* ---------------------------------------------------------------------- */
/* NULL, empty and edge inputs. */

static void
test_null_and_empty(void **state)
{
	struct store			*s;
	struct store_message		 m, *list;
	struct store_fact		 f;
	struct store_mood		 mood;
	struct store_search_hit		*hits = (void *)1;
	struct store_mood_day		*days = (void *)1;
	struct store_conversation	 c;
	char				*cause = NULL, *id = NULL;
	size_t				 n = 99;
	int64_t				 upto = 5;

	(void)state;
	store_close(NULL);

	assert_int_equal(store_open(NULL, 0, &s, &cause), -1);
	assert_null(s);
	check_cause(&cause, "no database file");
	assert_int_equal(store_open("", 0, &s, &cause), -1);
	check_cause(&cause, "no database file");
	assert_int_equal(store_open(NULL, 0, &s, NULL), -1);
	assert_int_equal(store_open_at_version("x", -1, &s, &cause), -1);
	check_cause(&cause, "schema -1");
	assert_int_equal(store_open_at_version("x",
	    STORE_SCHEMA_VERSION + 1, &s, &cause), -1);
	check_cause(&cause, "does not exist");
	assert_int_equal(access("x", F_OK), -1);

	s = open_memory();
	assert_string_equal(store_path(s), ":memory:");
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_schema_version(NULL), -1);

	/* Transactions out of balance. */
	assert_int_equal(store_commit(s, &cause), -1);
	check_cause(&cause, "no transaction");
	store_rollback(s);

	/* Profile. */
	assert_null(store_profile_get(s, NULL));
	assert_null(store_profile_get(NULL, "name"));
	assert_null(store_profile_get(s, ""));
	assert_int_equal(store_profile_set(s, NULL, "x", &cause), -1);
	check_cause(&cause, "empty profile key");
	assert_int_equal(store_profile_set(s, "", "x", &cause), -1);
	check_cause(&cause, "empty profile key");
	assert_int_equal(store_profile_set(s, "unset", NULL, &cause), 0);

	/* Conversations. */
	assert_int_equal(store_conversation_resolve(s, NULL, &id, &cause), -1);
	assert_null(id);
	check_cause(&cause, "no conversation id");
	assert_int_equal(store_conversation_resolve(s, "", &id, &cause), -1);
	check_cause(&cause, "no conversation id");
	assert_int_equal(store_conversation_latest(s, &id, &cause), 0);
	assert_null(id);
	assert_int_equal(store_conversation_get(s, NULL, &c, &cause), -1);
	check_cause(&cause, "no conversation id");
	assert_int_equal(store_conversation_get(s, "nope", &c, &cause), -1);
	check_cause(&cause, "no conversation \"nope\"");
	assert_null(c.id);
	assert_int_equal(store_conversation_create(s, "", NULL, 0, &id,
	    &cause), -1);
	check_cause(&cause, "empty conversation id");
	assert_int_equal(store_conversation_delete(s, NULL, &cause), -1);
	check_cause(&cause, "no conversation id");
	assert_int_equal(store_conversation_delete(s, "nope", &cause), -1);
	check_cause(&cause, "no conversation \"nope\"");
	assert_int_equal(store_conversation_set_title(s, "nope", "t",
	    &cause), -1);
	check_cause(&cause, "no conversation \"nope\"");
	store_conversation_clear(NULL);
	store_conversation_free_list(NULL, 0);

	/* Messages. */
	memset(&m, 0, sizeof m);
	assert_int_equal(store_message_add(s, &m, &cause), -1);
	check_cause(&cause, "without a conversation");
	m.conversation = (char *)"nope";
	assert_int_equal(store_message_add(s, &m, &cause), -1);
	check_cause(&cause, "role");
	m.role = (char *)"system";
	assert_int_equal(store_message_add(s, &m, &cause), -1);
	check_cause(&cause, "role");
	m.role = (char *)"user";
	assert_int_equal(store_message_add(s, &m, &cause), -1);
	check_cause(&cause, "without text");
	m.text = (char *)"hello";
	assert_int_equal(store_message_add(s, &m, &cause), -1);
	check_cause(&cause, "no conversation \"nope\"");
	assert_null(m.id);
	m.id = (char *)"";
	assert_int_equal(store_message_add(s, &m, &cause), -1);
	check_cause(&cause, "empty message id");
	assert_int_equal(store_message_count(s), 0);
	assert_int_equal(store_message_list(s, NULL, 0, &list, &n, &cause),
	    -1);
	check_cause(&cause, "no conversation id");
	assert_null(list);
	assert_int_equal(store_message_foreach(s, NULL, NULL, &cause), -1);
	check_cause(&cause, "nothing to call");
	store_message_clear(NULL);
	store_message_free_list(NULL, 0);

	/* Search: no words is no hits, not an error. */
	assert_int_equal(store_search(s, NULL, 10, &hits, &n, &cause), 0);
	assert_null(hits);
	assert_int_equal(n, 0);
	assert_int_equal(store_search(s, "", 10, &hits, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_search(s, "?!... --- \"\" * ()", 10, &hits,
	    &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_search(s, "hello", 10, &hits, &n, &cause), 0);
	assert_int_equal(n, 0);
	store_search_free(NULL, 0);

	/* Facts. */
	memset(&f, 0, sizeof f);
	assert_int_equal(store_fact_add(s, &f, &cause), -1);
	check_cause(&cause, "subject");
	f.subject = (char *)"user";
	f.relation = (char *)"likes";
	f.object = (char *)"";
	assert_int_equal(store_fact_add(s, &f, &cause), -1);
	check_cause(&cause, "object");
	assert_null(f.id);
	assert_int_equal(store_fact_delete(s, NULL, &cause), 1);
	assert_int_equal(store_fact_delete(s, "nope", &cause), 1);
	assert_int_equal(store_fact_supersede(s, NULL, "x", 0, &cause), -1);
	check_cause(&cause, "no fact");
	assert_int_equal(store_fact_supersede(s, "nope", "x", 0, &cause), -1);
	check_cause(&cause, "no fact \"nope\"");
	assert_int_equal(store_fact_update(s, &f, &cause), -1);
	check_cause(&cause, "no fact");
	store_fact_clear(NULL);
	store_fact_free_list(NULL, 0);

	/* Moods. */
	assert_int_equal(store_mood_add(s, NULL, &cause), -1);
	check_cause(&cause, "needs the message");
	memset(&mood, 0, sizeof mood);
	mood.message_id = (char *)"nope";
	assert_int_equal(store_mood_add(s, &mood, &cause), -1);
	check_cause(&cause, "no message \"nope\"");
	assert_int_equal(store_mood_days(s, 0, time_now_ms(), &days, &n,
	    &cause), 0);
	assert_null(days);
	assert_int_equal(n, 0);
	assert_int_equal(store_mood_days(s, -3, time_now_ms(), &days, &n,
	    &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_mood_days(s, INT32_MAX, time_now_ms(), &days,
	    &n, &cause), 0);
	assert_int_equal(n, 0);
	store_mood_free_days(NULL, 0);

	/* Summaries. */
	assert_null(store_summary_latest(s, NULL));
	assert_null(store_summary_latest(s, "nope"));
	assert_null(store_summary_rolling(s, "nope", &upto));
	assert_int_equal(upto, 0);
	assert_null(store_summary_rolling(s, NULL, NULL));
	assert_int_equal(store_summary_add(s, NULL, NULL, "x", 0, &cause), -1);
	check_cause(&cause, "summary");
	assert_int_equal(store_summary_add(s, "nope", NULL, "x", 0, &cause),
	    -1);
	check_cause(&cause, ":memory:");
	assert_int_equal(store_summary_set_rolling(s, "c", NULL, 0, &cause),
	    -1);
	check_cause(&cause, "summary");

	assert_int_equal(store_integrity_check(s, &cause), 0);
	assert_int_equal(store_vacuum(s, &cause), 0);
	store_close(s);
}

/* ---------------------------------------------------------------------- */
/* Opening, migrating, refusing. */

static void
test_open_new_file(void **state)
{
	struct store	*s;
	struct stat	 sb;
	sqlite3		*db;
	char		*path = test_path("jumbo.db"), *text, *wal;

	(void)state;
	s = open_file(path);
	assert_string_equal(store_path(s), path);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	/* Built under a temporary name and linked into place: none is left. */
	assert_int_equal(count_files(test_dir, ".new-"), 0);
	assert_int_equal(count_files(test_dir, "jumbo.db"), 3);

	text = db_text(s->db, "PRAGMA journal_mode");
	assert_string_equal(text, "wal");
	free(text);
	assert_int_equal(db_int(s->db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(db_int(s->db, "PRAGMA secure_delete"), 1);
	assert_int_equal(db_int(s->db, "PRAGMA busy_timeout"), 10000);
	assert_int_equal(db_int(s->db, "PRAGMA synchronous"), 1);
	assert_int_equal(db_int(s->db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(db_int(s->db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name IN ('profile', 'conversations', 'messages', "
	    "'messages_fts', 'summaries', 'facts', 'moods')"), 7);

	/* The -wal file SQLite makes beside it is private too. */
	add_conversation(s, "c", 1);
	free(add_message(s, "c", "user", "x", 1));
	xasprintf(&wal, "%s-wal", path);
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(wal);
	store_close(s);

	/* WAL is kept in the file, for any connection. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	text = db_text(db, "PRAGMA journal_mode");
	assert_string_equal(text, "wal");
	free(text);
	sqlite3_close(db);
	free(path);
}

static void
test_open_missing_directory(void **state)
{
	struct store	*s;
	char		*path = test_path("no/such/jumbo.db"), *cause = NULL;

	(void)state;
	assert_int_equal(store_open(path, 0, &s, &cause), -1);
	assert_null(s);
	check_cause(&cause, path);
	assert_int_equal(store_open(path, STORE_READONLY, &s, &cause), -1);
	check_cause(&cause, path);
	free(path);
}

static void
test_open_readonly_missing_or_old(void **state)
{
	struct store	*s;
	char		*path = test_path("jumbo.db"), *cause = NULL;

	(void)state;
	/* Read-only never creates the file. */
	assert_int_equal(store_open(path, STORE_READONLY, &s, &cause), -1);
	check_cause(&cause, path);
	assert_int_equal(access(path, F_OK), -1);

	/* Nor migrates it. */
	write_file(path, "", 0);
	assert_int_equal(store_open(path, STORE_READONLY, &s, &cause), -1);
	check_cause(&cause, "needs upgrading from schema 0");
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 0);

	/* A normal open then upgrades it, after which read-only works. */
	s = open_file(path);
	store_close(s);
	assert_int_equal(store_open(path, STORE_READONLY, &s, &cause), 0);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_message_count(s), 0);
	assert_int_equal(store_profile_set(s, "name", "x", &cause), -1);
	check_cause(&cause, "opened read-only");
	store_close(s);
	free(path);
}

/* Write data at version v that a later version must keep. */
static void
migrate_fill(struct store *s, int v)
{
	struct store_fact	 f;
	char			*cause = NULL, *id;

	if (v < 1)
		return;
	assert_int_equal(store_profile_set(s, "preferred_name", "Harsha",
	    &cause), 0);
	add_conversation(s, "old-conversation", 1000);
	id = add_message(s, "old-conversation", "user",
	    "my sister Ada plays the cello", 2000);
	memset(&f, 0, sizeof f);
	f.subject = (char *)"user";
	f.relation = (char *)"sister";
	f.object = (char *)"Ada";
	f.source = id;
	f.confidence = 0.9;
	assert_int_equal(store_fact_add(s, &f, &cause), 0);
	free(f.id);
	free(id);
}

/* Check what migrate_fill() wrote at version v is there. */
static void
migrate_check(struct store *s, int v)
{
	struct store_fact	*facts;
	size_t			 n;
	char			*cause = NULL, *name;

	if (v < 1) {
		assert_int_equal(store_message_count(s), 0);
		return;
	}
	name = store_profile_get(s, "preferred_name");
	assert_string_equal(name, "Harsha");
	free(name);
	assert_int_equal(store_message_count(s), 1);
	assert_int_equal(search_count(s, "cello"), 1);
	assert_int_equal(store_fact_list(s, 0, &facts, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(facts[0].object, "Ada");
	store_fact_free_list(facts, n);
}

static void
test_migrate_from_every_version(void **state)
{
	struct store	*s;
	char		 name[32], *path, *cause = NULL;
	int		 v;

	(void)state;
	for (v = 0; v < STORE_SCHEMA_VERSION; v++) {
		snprintf(name, sizeof name, "v%d.db", v);
		path = test_path(name);
		if (store_open_at_version(path, v, &s, &cause) != 0)
			fail_msg("store_open_at_version %d: %s", v, cause);
		assert_int_equal(store_schema_version(s), v);
		migrate_fill(s, v);
		store_close(s);
		assert_int_equal(raw_int(path, "PRAGMA user_version"), v);

		s = open_file(path);
		assert_int_equal(store_schema_version(s),
		    STORE_SCHEMA_VERSION);
		migrate_check(s, v);
		migrate_fill(s, STORE_SCHEMA_VERSION);
		assert_int_equal(store_integrity_check(s, &cause), 0);
		store_close(s);
		free(path);
	}

	/* An empty file (as touch(1) makes) is a new database. */
	path = test_path("empty.db");
	write_file(path, "", 0);
	s = open_file(path);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
	free(path);

	/* Opening at the current version is the same as store_open(). */
	path = test_path("current.db");
	assert_int_equal(store_open_at_version(path, STORE_SCHEMA_VERSION, &s,
	    &cause), 0);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
	free(path);
}

static void
test_reopen_is_noop(void **state)
{
	struct store	*s;
	char		*path = test_path("jumbo.db"), *before, *after, *id;
	size_t		 before_len, after_len;

	(void)state;
	s = open_file(path);
	add_conversation(s, "c", 1);
	free(add_message(s, "c", "user", "hello there", 2));
	store_close(s);
	assert_non_null(before = read_file(path, &before_len));

	s = open_file(path);
	assert_int_equal(sqlite3_total_changes(s->db), 0);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_conversation_latest(s, &id, NULL), 0);
	assert_string_equal(id, "c");
	free(id);
	store_close(s);

	assert_non_null(after = read_file(path, &after_len));
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(before);
	free(after);
	free(path);
}

static void
test_newer_version_refused(void **state)
{
	struct store	*s;
	char		*path = test_path("jumbo.db"), *cause = NULL;
	char		*before, *after;
	size_t		 before_len, after_len;

	(void)state;
	s = open_file(path);
	add_conversation(s, "c", 1);
	store_close(s);
	raw_exec(path, "PRAGMA user_version = 99");
	assert_non_null(before = read_file(path, &before_len));

	assert_int_equal(store_open(path, 0, &s, &cause), -1);
	assert_null(s);
	assert_non_null(cause);
	assert_non_null(strstr(cause, path));
	{
		char	want[128];

		snprintf(want, sizeof want, "written by a newer jumbo (schema "
		    "99, this one knows %d); upgrade jumbo",
		    STORE_SCHEMA_VERSION);
		check_cause(&cause, want);
	}
	assert_int_equal(store_open(path, STORE_READONLY, &s, &cause), -1);
	check_cause(&cause, "newer jumbo");
	assert_int_equal(store_open_at_version(path, 0, &s, &cause), -1);
	check_cause(&cause, "newer jumbo");

	assert_non_null(after = read_file(path, &after_len));
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 99);
	free(before);
	free(after);
	free(path);
}

static void
test_corrupt_file_refused(void **state)
{
	struct store	*s;
	char		*path = test_path("jumbo.db"), *cause = NULL;
	char		 noise[8192], *after;
	size_t		 after_len;

	(void)state;
	id_random_bytes(noise, sizeof noise);
	write_file(path, noise, sizeof noise);

	assert_int_equal(store_open(path, 0, &s, &cause), -1);
	assert_null(s);
	assert_non_null(cause);
	assert_non_null(strstr(cause, path));
	check_cause(&cause, "not a jumbo database (file is not a database)");
	assert_int_equal(store_open(path, STORE_READONLY, &s, &cause), -1);
	check_cause(&cause, "not a jumbo database");

	assert_non_null(after = read_file(path, &after_len));
	assert_int_equal(after_len, sizeof noise);
	assert_memory_equal(after, noise, sizeof noise);
	free(after);
	free(path);
}

static void
test_foreign_database_refused(void **state)
{
	struct store	*s;
	char		*path = test_path("other.db"), *cause = NULL;

	(void)state;
	raw_exec(path, "CREATE TABLE notes (body TEXT);"
	    "INSERT INTO notes VALUES ('mine')");
	assert_int_equal(store_open(path, 0, &s, &cause), -1);
	check_cause(&cause, "not a jumbo database (it holds other tables)");
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master"),
	    1);

	raw_exec(path, "PRAGMA user_version = 1");
	assert_int_equal(store_open(path, 0, &s, &cause), -1);
	check_cause(&cause, "not a jumbo database (application id 0)");
	free(path);
}

/* Overwrite the bytes of path from offset on with a pattern. */
static void
scribble(const char *path, size_t offset)
{
	char	*data;
	size_t	 len;
	int	 fd;

	assert_non_null(data = read_file(path, &len));
	assert_true(len > offset);
	memset(data + offset, 0x5a, len - offset);
	assert_true((fd = open(path, O_WRONLY)) != -1);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	free(data);
}

static void
test_damaged_file_detected(void **state)
{
	struct store	*s;
	char		*path = test_path("jumbo.db"), *cause = NULL;
	char		 text[64];
	size_t		 len, page;
	int		 i;

	(void)state;
	s = open_file(path);
	add_conversation(s, "c", 1);
	for (i = 0; i < 200; i++) {
		snprintf(text, sizeof text, "message number %d", i);
		free(add_message(s, "c", "user", text, i + 1));
	}
	assert_int_equal(store_integrity_check(s, &cause), 0);
	store_close(s);
	page = (size_t)raw_int(path, "PRAGMA page_size");
	len = (size_t)raw_int(path, "PRAGMA page_count") * page;
	assert_true(len > 8 * page);

	/* Damaged data pages: it opens, and the check finds them. */
	scribble(path, len - 2 * page);
	s = open_file(path);
	assert_int_equal(store_integrity_check(s, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, path));
	check_cause(&cause, "damaged");
	store_close(s);

	/* Damaged schema pages: refused at once. */
	scribble(path, page);
	assert_int_equal(store_open(path, 0, &s, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, path));
	check_cause(&cause, "not a jumbo database (database disk image is "
	    "malformed)");
	free(path);
}

static void
test_fts_mismatch_detected(void **state)
{
	struct store	*s;
	char		*cause = NULL;

	(void)state;
	s = open_memory();
	add_conversation(s, "c", 1);
	free(add_message(s, "c", "user", "the real message", 1));
	assert_int_equal(store_integrity_check(s, &cause), 0);
	/* An index entry for a message that does not exist. */
	assert_int_equal(sqlite3_exec(s->db, "INSERT INTO messages_fts "
	    "(rowid, text) VALUES (999, 'ghost')", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(store_integrity_check(s, &cause), -1);
	check_cause(&cause, "search index");
	store_close(s);
}

struct readonly_case {
	const char	*path;
	const char	*newpath;
	int		 directory;	/* the directory is read-only too */
};

/* The checks of test_readonly_*, run as a user who cannot write. */
static const char *
readonly_checks(void *arg)
{
	struct readonly_case	*rc = arg;
	struct store		*s;
	char			*cause = NULL, *name;
	const char		*want;

	want = rc->directory ? "cannot write (read-only directory)" :
	    "cannot write (read-only file)";
	if (store_open(rc->path, 0, &s, &cause) == 0)
		return ("read-write open of a read-only file succeeded");
	if (cause == NULL || strstr(cause, rc->path) == NULL ||
	    strstr(cause, want) == NULL)
		return (cause != NULL ? cause : "no cause");
	free(cause);
	cause = NULL;

	if (rc->directory) {
		if (store_open(rc->newpath, 0, &s, &cause) == 0)
			return ("created a file in a read-only directory");
		if (cause == NULL || strstr(cause, want) == NULL)
			return (cause != NULL ? cause : "no cause");
		free(cause);
		if (access(rc->newpath, F_OK) == 0)
			return ("left a file in a read-only directory");
		return (NULL);
	}

	/* Reading still works. */
	if (store_open(rc->path, STORE_READONLY, &s, &cause) != 0)
		return (cause);
	name = store_profile_get(s, "preferred_name");
	if (name == NULL || strcmp(name, "Ada") != 0)
		return ("the profile did not read back");
	free(name);
	if (store_message_count(s) != 1)
		return ("the message did not read back");
	if (store_profile_set(s, "preferred_name", "Bo", &cause) != -1 ||
	    cause == NULL || strstr(cause, "read-only") == NULL)
		return ("a read-only store accepted a write");
	free(cause);
	store_close(s);
	return (NULL);
}

/* Make a small store at path to test read-only access to. */
static void
readonly_fill(const char *path)
{
	struct store	*s;
	char		*cause = NULL;

	s = open_file(path);
	assert_int_equal(store_profile_set(s, "preferred_name", "Ada",
	    &cause), 0);
	add_conversation(s, "c", 1);
	free(add_message(s, "c", "user", "hello", 1));
	store_close(s);
}

static void
test_readonly_file(void **state)
{
	struct readonly_case	 rc;
	char			*path = test_path("jumbo.db");
	const char		*problem;

	(void)state;
	readonly_fill(path);
	if (geteuid() == 0) {
		/* nobody may write the directory but not the file. */
		assert_int_equal(chown(test_dir, TEST_NOBODY, TEST_NOBODY), 0);
		assert_int_equal(chmod(path, 0644), 0);
	} else
		assert_int_equal(chmod(path, 0444), 0);
	memset(&rc, 0, sizeof rc);
	rc.path = path;
	if ((problem = run_unprivileged(readonly_checks, &rc)) != NULL)
		fail_msg("%s", problem);
	free(path);
}

static void
test_readonly_directory(void **state)
{
	struct readonly_case	 rc;
	char			*path = test_path("jumbo.db");
	char			*newpath = test_path("new.db");
	const char		*problem;

	(void)state;
	readonly_fill(path);
	if (geteuid() == 0) {
		/* nobody may write the file but not the directory. */
		assert_int_equal(chown(path, TEST_NOBODY, TEST_NOBODY), 0);
		assert_int_equal(chmod(test_dir, 0755), 0);
	} else
		assert_int_equal(chmod(test_dir, 0555), 0);
	memset(&rc, 0, sizeof rc);
	rc.path = path;
	rc.newpath = newpath;
	rc.directory = 1;
	if ((problem = run_unprivileged(readonly_checks, &rc)) != NULL)
		fail_msg("%s", problem);
	chmod(test_dir, 0755);
	free(newpath);
	free(path);
}

static void
test_locked(void **state)
{
	struct store	*s;
	sqlite3		*db;
	char		*path = test_path("jumbo.db"), *cause = NULL, *value;
	pid_t		 pid;
	int		 fds[2], status;
	char		 c;

	(void)state;
	s = open_file(path);

	/* Another connection holds the write lock past a short timeout. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_busy_timeout(s->db, 50);
	assert_int_equal(store_profile_set(s, "k", "v", &cause), -1);
	assert_non_null(strstr(cause, path));
	check_cause(&cause, "locked by another jumbo; try again");
	assert_int_equal(store_begin(s, &cause), -1);
	check_cause(&cause, "locked by another jumbo");
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);

	/* Another process holding it for a moment is waited for. */
	sqlite3_busy_timeout(s->db, 10000);
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		if (sqlite3_open(path, &db) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE;"
		    "INSERT INTO profile VALUES ('other', 'x', 1)", NULL, NULL,
		    NULL) != SQLITE_OK)
			_exit(1);
		(void)!write(fds[1], "x", 1);
		usleep(300000);
		_exit(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) ==
		    SQLITE_OK ? 0 : 1);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &c, 1), 1);
	close(fds[0]);
	assert_int_equal(store_profile_set(s, "k", "v", &cause), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	value = store_profile_get(s, "other");
	assert_string_equal(value, "x");
	free(value);
	store_close(s);
	free(path);
}

/* One of two processes adding messages to the same new file at once. */
static int
concurrent_writer(const char *path, const char *conversation, int count)
{
	struct store		*s;
	struct store_message	 m;
	char			*cause = NULL, text[64];
	int			 i;

	if (store_open(path, 0, &s, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		return (1);
	}
	if (store_conversation_create(s, conversation, NULL, 0, NULL,
	    &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		return (1);
	}
	for (i = 0; i < count; i++) {
		memset(&m, 0, sizeof m);
		snprintf(text, sizeof text, "%s says %d", conversation, i);
		m.conversation = (char *)conversation;
		m.role = (char *)"user";
		m.text = text;
		if (store_message_add(s, &m, &cause) != 0) {
			fprintf(stderr, "%s\n", cause);
			return (1);
		}
		free(m.id);
	}
	store_close(s);
	return (0);
}

static void
test_two_writers(void **state)
{
	struct store	*s;
	char		*path = test_path("jumbo.db");
	pid_t		 pids[2];
	int		 i, status;

	(void)state;
	for (i = 0; i < 2; i++) {
		if ((pids[i] = fork()) == 0)
			_exit(concurrent_writer(path, i == 0 ? "one" : "two",
			    150));
		assert_true(pids[i] > 0);
	}
	for (i = 0; i < 2; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	s = open_file(path);
	assert_int_equal(store_message_count(s), 300);
	assert_int_equal(search_count(s, "one"), 150);
	assert_int_equal(store_integrity_check(s, NULL), 0);
	store_close(s);
	free(path);
}

/* ---------------------------------------------------------------------- */
/* Transactions. */

static int
has_key(struct store *s, const char *key)
{
	char	*value;

	value = store_profile_get(s, key);
	free(value);
	return (value != NULL);
}

static void
test_transactions(void **state)
{
	struct store	*s;
	char		*path = test_path("jumbo.db"), *cause = NULL;

	(void)state;
	s = open_file(path);

	/* Nested commits: only the outer one ends the transaction. */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_profile_set(s, "a", "1", &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(sqlite3_get_autocommit(s->db), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(sqlite3_get_autocommit(s->db), 1);
	assert_true(has_key(s, "a"));

	/* Rollback discards. */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_profile_set(s, "b", "2", &cause), 0);
	assert_true(has_key(s, "b"));
	store_rollback(s);
	assert_false(has_key(s, "b"));

	/* An inner rollback undoes only the inner work. */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_profile_set(s, "c", "3", &cause), 0);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_profile_set(s, "d", "4", &cause), 0);
	store_rollback(s);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_true(has_key(s, "c"));
	assert_false(has_key(s, "d"));

	/* The outer rollback undoes the inner commits. */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_profile_set(s, "e", "5", &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	store_rollback(s);
	assert_false(has_key(s, "e"));
	assert_int_equal(store_commit(s, &cause), -1);
	check_cause(&cause, "no transaction");

	/* A message added inside a transaction goes with it. */
	add_conversation(s, "c", 1);
	assert_int_equal(store_begin(s, &cause), 0);
	free(add_message(s, "c", "user", "undone", 1));
	assert_int_equal(store_message_count(s), 1);
	store_rollback(s);
	assert_int_equal(store_message_count(s), 0);
	assert_int_equal(search_count(s, "undone"), 0);

	/* Closing with a transaction open loses it. */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_profile_set(s, "f", "6", &cause), 0);
	store_close(s);
	s = open_file(path);
	assert_false(has_key(s, "f"));
	assert_true(has_key(s, "c"));
	store_close(s);
	free(path);
}

/* ---------------------------------------------------------------------- */
/* Conversations. */

static void
test_conversations(void **state)
{
	struct store			*s;
	struct store_conversation	 c, *list;
	struct store_fact		 f;
	struct store_fact		*facts;
	struct store_mood		 mood;
	char				*cause = NULL, *id = NULL, *msg, *text;
	size_t				 n;

	(void)state;
	s = open_memory();

	/* A new random id, and created 0 meaning now. */
	assert_int_equal(store_conversation_create(s, NULL, "first", 0, &id,
	    &cause), 0);
	assert_non_null(id);
	assert_int_equal(strlen(id), 36);
	assert_true(id[8] == '-' && id[13] == '-' && id[18] == '-' &&
	    id[23] == '-');
	assert_int_equal(store_conversation_get(s, id, &c, &cause), 0);
	assert_string_equal(c.id, id);
	assert_string_equal(c.title, "first");
	assert_true(c.created > time_now_ms() - 60000);
	assert_int_equal(c.updated, c.created);
	assert_int_equal(c.messages, 0);
	store_conversation_clear(&c);
	assert_null(c.id);
	free(id);

	/* A given id is kept; creating it again keeps the first. */
	assert_int_equal(store_conversation_create(s, "conv-abc", "A", 100,
	    &id, &cause), 0);
	assert_string_equal(id, "conv-abc");
	free(id);
	assert_int_equal(store_conversation_create(s, "conv-abc", "B", 999,
	    &id, &cause), 0);
	assert_string_equal(id, "conv-abc");
	free(id);
	assert_int_equal(store_conversation_get(s, "conv-abc", &c, &cause),
	    0);
	assert_string_equal(c.title, "A");
	assert_int_equal(c.created, 100);
	store_conversation_clear(&c);
	assert_int_equal(store_conversation_create(s, "conv-abd", NULL, 200,
	    NULL, &cause), 0);
	add_conversation(s, "1", 300);
	add_conversation(s, "12", 400);

	/* Resolving prefixes. */
	assert_int_equal(store_conversation_resolve(s, "conv-abc", &id,
	    &cause), 0);
	assert_string_equal(id, "conv-abc");
	free(id);
	assert_int_equal(store_conversation_resolve(s, "conv-abd", &id,
	    &cause), 0);
	assert_string_equal(id, "conv-abd");
	free(id);
	assert_int_equal(store_conversation_resolve(s, "conv-ab", &id,
	    &cause), -1);
	assert_null(id);
	check_cause(&cause, "\"conv-ab\" matches several conversations; "
	    "give more of the id");
	assert_int_equal(store_conversation_resolve(s, "zzz", &id, &cause),
	    -1);
	check_cause(&cause, "no conversation matches \"zzz\"");
	assert_int_equal(store_conversation_resolve(s, "1", &id, &cause), 0);
	assert_string_equal(id, "1");
	free(id);
	assert_int_equal(store_conversation_resolve(s, "%", &id, &cause), -1);
	check_cause(&cause, "no conversation matches");
	assert_int_equal(store_conversation_resolve(s, "_", &id, &cause), -1);
	check_cause(&cause, "no conversation matches");

	/* Latest and list: by updated, then created. */
	assert_int_equal(store_conversation_latest(s, &id, &cause), 0);
	assert_int_equal(strlen(id), 36);	/* created now, so newest */
	free(id);
	msg = add_message(s, "conv-abc", "user", "hello", time_now_ms() +
	    60000);
	assert_int_equal(store_conversation_latest(s, &id, &cause), 0);
	assert_string_equal(id, "conv-abc");
	free(id);

	assert_int_equal(store_conversation_list(s, 0, &list, &n, &cause), 0);
	assert_int_equal(n, 5);
	assert_string_equal(list[0].id, "conv-abc");
	assert_int_equal(list[0].messages, 1);
	assert_int_equal(strlen(list[1].id), 36);
	assert_string_equal(list[2].id, "12");
	assert_string_equal(list[3].id, "1");
	assert_string_equal(list[4].id, "conv-abd");
	assert_int_equal(list[4].messages, 0);
	store_conversation_free_list(list, n);
	assert_int_equal(store_conversation_list(s, 2, &list, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].id, "conv-abc");
	store_conversation_free_list(list, n);

	/* Titles. */
	assert_int_equal(store_conversation_set_title(s, "conv-abd",
	    "Renamed", &cause), 0);
	assert_int_equal(store_conversation_get(s, "conv-abd", &c, &cause),
	    0);
	assert_string_equal(c.title, "Renamed");
	store_conversation_clear(&c);
	assert_int_equal(store_conversation_set_title(s, "conv-abd", NULL,
	    &cause), 0);
	assert_int_equal(store_conversation_get(s, "conv-abd", &c, &cause),
	    0);
	assert_null(c.title);
	store_conversation_clear(&c);

	/* Deleting cascades to messages, search, summaries and moods. */
	memset(&mood, 0, sizeof mood);
	mood.message_id = msg;
	mood.time = 5;
	mood.label = (char *)"calm";
	assert_int_equal(store_mood_add(s, &mood, &cause), 0);
	assert_int_equal(store_summary_add(s, "conv-abc", msg, "said hello",
	    0, &cause), 0);
	assert_int_equal(store_summary_set_rolling(s, "conv-abc", "rolled",
	    1, &cause), 0);
	memset(&f, 0, sizeof f);
	f.subject = (char *)"user";
	f.relation = (char *)"greeting";
	f.object = (char *)"hello";
	f.source = msg;
	assert_int_equal(store_fact_add(s, &f, &cause), 0);
	free(f.id);
	assert_int_equal(search_count(s, "hello"), 1);

	assert_int_equal(store_conversation_delete(s, "conv-abc", &cause), 0);
	assert_int_equal(store_conversation_get(s, "conv-abc", &c, &cause),
	    -1);
	check_cause(&cause, "no conversation");
	assert_int_equal(store_message_count(s), 0);
	assert_int_equal(search_count(s, "hello"), 0);
	assert_null(text = store_summary_latest(s, "conv-abc"));
	assert_null(text = store_summary_rolling(s, "conv-abc", NULL));
	assert_int_equal(db_int(s->db, "SELECT count(*) FROM summaries"), 0);
	assert_int_equal(db_int(s->db, "SELECT count(*) FROM moods"), 0);
	/* The fact stays, without its source. */
	assert_int_equal(store_fact_list(s, 0, &facts, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_null(facts[0].source);
	store_fact_free_list(facts, n);
	assert_int_equal(store_conversation_delete(s, "conv-abc", &cause), -1);
	check_cause(&cause, "no conversation");
	assert_int_equal(store_integrity_check(s, &cause), 0);

	free(msg);
	store_close(s);
}

/* ---------------------------------------------------------------------- */
/* Messages. */

struct foreach_state {
	struct store	*store;
	char		 texts[16][64];
	int		 count;
	int		 stop_after;
};

static int
foreach_collect(const struct store_message *m, void *arg)
{
	struct foreach_state	*fs = arg;

	if (fs->count < 16)
		snprintf(fs->texts[fs->count], sizeof fs->texts[0], "%s",
		    m->text);
	/* The store may be used from inside the walk. */
	if (store_message_count(fs->store) != 8)
		return (-1);
	fs->count++;
	if (fs->stop_after != 0 && fs->count == fs->stop_after)
		return (7);
	return (0);
}

static void
test_messages(void **state)
{
	struct store		*s;
	struct store_message	 m, *list;
	struct foreach_state	 fs;
	char			*cause = NULL, *id;
	const char		*utf8 = "नमस्ते, café — 👋 «ok»";
	size_t			 n;
	int64_t			 seq;

	(void)state;
	s = open_memory();
	add_conversation(s, "c", 100);

	/* A new message gets an id, a seq and (time 0) the time now. */
	memset(&m, 0, sizeof m);
	m.conversation = (char *)"c";
	m.role = (char *)"assistant";
	m.speaker = (char *)"jumbo";
	m.text = (char *)utf8;
	m.attachment = (char *)"piped\nlines";
	m.status = STORE_MESSAGE_CANCELLED;
	m.engine = (char *)"openai";
	m.model = (char *)"gpt-x";
	m.prompt_tokens = 12;
	m.completion_tokens = 34;
	m.first_token_ms = 56;
	m.total_ms = 78;
	assert_int_equal(store_message_add(s, &m, &cause), 0);
	assert_non_null(m.id);
	assert_int_equal(strlen(m.id), 36);
	assert_true(m.seq > 0);
	assert_true(m.time > time_now_ms() - 60000);
	seq = m.seq;
	id = m.id;

	/* The conversation moved forward. */
	{
		struct store_conversation	c;

		assert_int_equal(store_conversation_get(s, "c", &c, &cause),
		    0);
		assert_int_equal(c.updated, m.time);
		assert_int_equal(c.messages, 1);
		store_conversation_clear(&c);
	}

	/* Everything reads back. */
	assert_int_equal(store_message_list(s, "c", 0, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].seq, seq);
	assert_string_equal(list[0].id, id);
	assert_string_equal(list[0].conversation, "c");
	assert_string_equal(list[0].role, "assistant");
	assert_string_equal(list[0].speaker, "jumbo");
	assert_string_equal(list[0].text, utf8);
	assert_string_equal(list[0].attachment, "piped\nlines");
	assert_int_equal(list[0].time, m.time);
	assert_int_equal(list[0].status, STORE_MESSAGE_CANCELLED);
	assert_string_equal(list[0].engine, "openai");
	assert_string_equal(list[0].model, "gpt-x");
	assert_int_equal(list[0].prompt_tokens, 12);
	assert_int_equal(list[0].completion_tokens, 34);
	assert_int_equal(list[0].first_token_ms, 56);
	assert_int_equal(list[0].total_ms, 78);
	store_message_free_list(list, n);

	/* The same id again is left alone and says so. */
	memset(&m, 0, sizeof m);
	m.id = id;
	m.conversation = (char *)"c";
	m.role = (char *)"user";
	m.text = (char *)"a different text";
	m.time = 5;
	assert_int_equal(store_message_add(s, &m, &cause), 1);
	assert_ptr_equal(m.id, id);
	assert_int_equal(store_message_count(s), 1);
	assert_int_equal(search_count(s, "different"), 0);
	free(id);

	/* An imported id is kept. */
	memset(&m, 0, sizeof m);
	m.id = (char *)"ext-1";
	m.conversation = (char *)"c";
	m.role = (char *)"user";
	m.text = (char *)"imported";
	m.time = 10;
	assert_int_equal(store_message_add(s, &m, &cause), 0);
	assert_string_equal(m.id, "ext-1");
	assert_true(m.seq > seq);

	/* The last `limit`, oldest first. */
	free(add_message(s, "c", "user", "three", 20));
	free(add_message(s, "c", "assistant", "four", 30));
	assert_int_equal(store_message_list(s, "c", 2, &list, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].text, "three");
	assert_string_equal(list[1].text, "four");
	store_message_free_list(list, n);
	assert_int_equal(store_message_list(s, "c", 100, &list, &n, &cause),
	    0);
	assert_int_equal(n, 4);
	assert_string_equal(list[0].text, utf8);
	store_message_free_list(list, n);
	assert_int_equal(store_message_list(s, "none", 0, &list, &n, &cause),
	    0);
	assert_int_equal(n, 0);
	assert_null(list);
	assert_int_equal(store_message_count(s), 4);

	/*
	 * Export order: conversations by start, then messages by time then
	 * seq. "b" started before "c" though its messages came later.
	 */
	add_conversation(s, "b", 50);
	free(add_message(s, "b", "user", "b-late", 2000));
	free(add_message(s, "b", "user", "b-early", 1000));
	free(add_message(s, "b", "user", "b-tie-1", 1500));
	free(add_message(s, "b", "user", "b-tie-2", 1500));
	memset(&fs, 0, sizeof fs);
	fs.store = s;
	assert_int_equal(store_message_foreach(s, foreach_collect, &fs,
	    &cause), 0);
	assert_int_equal(fs.count, 8);
	assert_string_equal(fs.texts[0], "b-early");
	assert_string_equal(fs.texts[1], "b-tie-1");
	assert_string_equal(fs.texts[2], "b-tie-2");
	assert_string_equal(fs.texts[3], "b-late");
	assert_string_equal(fs.texts[4], "imported");
	assert_string_equal(fs.texts[5], "three");
	assert_string_equal(fs.texts[6], "four");
	assert_string_equal(fs.texts[7], utf8);

	/* A non-zero return stops the walk and comes back. */
	memset(&fs, 0, sizeof fs);
	fs.store = s;
	fs.stop_after = 2;
	assert_int_equal(store_message_foreach(s, foreach_collect, &fs,
	    &cause), 7);
	assert_int_equal(fs.count, 2);
	assert_null(cause);

	store_close(s);
}

/* ---------------------------------------------------------------------- */
/* Search. */

static void
test_search(void **state)
{
	struct store		*s;
	struct store_search_hit	*hits;
	struct store_message	 m;
	char			*cause = NULL, *query;
	const char		*odd[] = {
		"\"", "\"unterminated", "run*", "*", "NEAR(run", "NEAR(",
		"run AND", "AND", "OR", "NOT", "-run", "run -x", "^run",
		"text:run", "{text}: run", "(run", "run)", "'", "a\"b\"c",
		"run + guitar", "\\", "%_", "\xff\xfe run \xc3",
		"\xcc\x81", "café", NULL
	};
	size_t			 n, i;

	(void)state;
	s = open_memory();
	add_conversation(s, "c", 1);
	free(add_message(s, "c", "user", "I run every morning", 100));
	free(add_message(s, "c", "user", "My guitar teacher is strict", 200));
	free(add_message(s, "c", "user", "guitar guitar guitar practice and "
	    "guitar scales", 300));
	free(add_message(s, "c", "user", "We ate at a café in Paris", 400));

	/* Stemming: running finds run. */
	assert_int_equal(store_search(s, "running", 10, &hits, &n, &cause),
	    0);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].message.text, "I run every morning");
	assert_true(hits[0].score > 0);
	store_search_free(hits, n);

	/* Stopwords go; the rest still finds it. */
	assert_int_equal(store_search(s, "What did I say about running?", 10,
	    &hits, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].message.text, "I run every morning");
	store_search_free(hits, n);

	/* Better matches first, partial matches still found. */
	assert_int_equal(store_search(s, "guitar scales", 10, &hits, &n,
	    &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(hits[0].message.text, "guitar guitar guitar "
	    "practice and guitar scales");
	assert_string_equal(hits[1].message.text,
	    "My guitar teacher is strict");
	assert_true(hits[0].score > hits[1].score);
	store_search_free(hits, n);
	assert_int_equal(store_search(s, "guitar", 1, &hits, &n, &cause), 0);
	assert_int_equal(n, 1);
	store_search_free(hits, n);

	/* Case and diacritics fold. */
	assert_int_equal(search_count(s, "CAFE"), 1);
	assert_int_equal(search_count(s, "café paris"), 1);

	/* Only stopwords: they are searched for rather than nothing. */
	assert_int_equal(search_count(s, "is"), 1);

	/* Nothing the person types is FTS5 syntax. */
	for (i = 0; odd[i] != NULL; i++) {
		if (store_search(s, odd[i], 10, &hits, &n, &cause) != 0)
			fail_msg("\"%s\": %s", odd[i], cause);
		store_search_free(hits, n);
	}
	assert_int_equal(search_count(s, "run*"), 1);
	assert_int_equal(search_count(s, "-run"), 1);
	assert_int_equal(search_count(s, "NEAR(run"), 1);
	assert_int_equal(search_count(s, "\"unterminated"), 0);

	/* A long pasted query neither fails nor grows without bound. */
	query = xmalloc(200000);
	for (i = 0; i + 7 < 200000; i += 7)
		memcpy(query + i, "guitar ", 7);
	query[i] = '\0';
	assert_int_equal(search_count(s, query), 2);
	free(query);

	/* Attachments are searchable. */
	memset(&m, 0, sizeof m);
	m.conversation = (char *)"c";
	m.role = (char *)"user";
	m.text = (char *)"what does this log say?";
	m.attachment = (char *)"kernel: segfault at 0000 in libzebra.so";
	m.time = 500;
	assert_int_equal(store_message_add(s, &m, &cause), 0);
	free(m.id);
	assert_int_equal(store_search(s, "segfault", 10, &hits, &n, &cause),
	    0);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].message.attachment,
	    "kernel: segfault at 0000 in libzebra.so");
	store_search_free(hits, n);

	/* Equal matches: the newer first. */
	free(add_message(s, "c", "user", "twin message", 600));
	free(add_message(s, "c", "user", "twin message", 700));
	assert_int_equal(store_search(s, "twin", 10, &hits, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(hits[0].message.time, 700);
	assert_int_equal(hits[1].message.time, 600);
	store_search_free(hits, n);

	/* A deleted conversation's messages are not found any more. */
	add_conversation(s, "gone", 2);
	free(add_message(s, "gone", "user", "a quokka in the garden", 800));
	assert_int_equal(search_count(s, "quokka"), 1);
	assert_int_equal(store_conversation_delete(s, "gone", &cause), 0);
	assert_int_equal(search_count(s, "quokka"), 0);
	assert_int_equal(search_count(s, "garden"), 0);
	assert_int_equal(store_integrity_check(s, &cause), 0);

	store_close(s);
}

/* ---------------------------------------------------------------------- */
/* Profile, facts, moods, summaries. */

static void
test_profile(void **state)
{
	struct store			*s;
	struct store_profile_entry	*list;
	char				*cause = NULL, *value;
	size_t				 n;
	int64_t				 before;

	(void)state;
	s = open_memory();
	assert_int_equal(store_profile_list(s, &list, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_null(list);
	assert_null(store_profile_get(s, "preferred_name"));

	before = time_now_ms();
	assert_int_equal(store_profile_set(s, "preferred_name", "Harsha",
	    &cause), 0);
	assert_int_equal(store_profile_set(s, "account_name", "hk", &cause),
	    0);
	value = store_profile_get(s, "preferred_name");
	assert_string_equal(value, "Harsha");
	free(value);
	assert_int_equal(store_profile_set(s, "preferred_name", "Charvik 🌟",
	    &cause), 0);
	value = store_profile_get(s, "preferred_name");
	assert_string_equal(value, "Charvik 🌟");
	free(value);

	assert_int_equal(store_profile_list(s, &list, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].key, "account_name");
	assert_string_equal(list[0].value, "hk");
	assert_string_equal(list[1].key, "preferred_name");
	assert_string_equal(list[1].value, "Charvik 🌟");
	assert_true(list[1].updated >= before);
	store_profile_free(list, n);

	assert_int_equal(store_profile_set(s, "preferred_name", NULL, &cause),
	    0);
	assert_null(store_profile_get(s, "preferred_name"));
	assert_int_equal(store_profile_list(s, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	store_profile_free(list, n);
	store_profile_free(NULL, 0);
	store_close(s);
}

static void
test_facts(void **state)
{
	struct store		*s;
	struct store_fact	 f, g, *list;
	char			*cause = NULL, *msg, *old_id, *new_id;
	size_t			 n;

	(void)state;
	s = open_memory();
	add_conversation(s, "c", 1);
	msg = add_message(s, "c", "user", "I live in Pune", 10);

	memset(&f, 0, sizeof f);
	f.subject = (char *)"user";
	f.relation = (char *)"lives_in";
	f.object = (char *)"Pune";
	f.source = msg;
	f.confidence = 0.8;
	assert_int_equal(store_fact_add(s, &f, &cause), 0);
	assert_non_null(f.id);
	assert_int_equal(strlen(f.id), 36);
	assert_true(f.valid_from > 0);
	old_id = f.id;

	/* The same id again changes nothing. */
	f.object = (char *)"Mumbai";
	assert_int_equal(store_fact_add(s, &f, &cause), 1);

	/* A source that is no message is refused. */
	memset(&g, 0, sizeof g);
	g.subject = (char *)"user";
	g.relation = (char *)"likes";
	g.object = (char *)"tea";
	g.source = (char *)"no-such-message";
	assert_int_equal(store_fact_add(s, &g, &cause), -1);
	check_cause(&cause, "no message \"no-such-message\"");
	assert_null(g.id);

	assert_int_equal(store_fact_list(s, 0, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].id, old_id);
	assert_string_equal(list[0].subject, "user");
	assert_string_equal(list[0].relation, "lives_in");
	assert_string_equal(list[0].object, "Pune");
	assert_string_equal(list[0].source, msg);
	assert_true(list[0].confidence > 0.79 && list[0].confidence < 0.81);
	assert_int_equal(list[0].valid_from, f.valid_from);
	assert_int_equal(list[0].valid_to, 0);
	assert_null(list[0].superseded_by);
	store_fact_free_list(list, n);

	/* Moving supersedes: the old fact is history. */
	memset(&g, 0, sizeof g);
	g.subject = (char *)"user";
	g.relation = (char *)"lives_in";
	g.object = (char *)"Mumbai";
	g.confidence = 1;
	g.valid_from = 5000;
	assert_int_equal(store_fact_add(s, &g, &cause), 0);
	new_id = g.id;
	assert_int_equal(store_fact_supersede(s, old_id, new_id, 5000,
	    &cause), 0);
	assert_int_equal(store_fact_list(s, 0, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].object, "Mumbai");
	store_fact_free_list(list, n);
	assert_int_equal(store_fact_list(s, 1, &list, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].object, "Mumbai");	/* valid_from 5000 */
	assert_string_equal(list[1].object, "Pune");
	assert_int_equal(list[1].valid_to, 5000);
	assert_string_equal(list[1].superseded_by, new_id);
	store_fact_free_list(list, n);

	/* Update rewrites every field. */
	g.object = (char *)"Mumbai, India";
	g.confidence = 0.5;
	assert_int_equal(store_fact_update(s, &g, &cause), 0);
	assert_int_equal(store_fact_list(s, 0, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].object, "Mumbai, India");
	assert_true(list[0].confidence < 0.6);
	store_fact_free_list(list, n);
	g.subject = NULL;
	assert_int_equal(store_fact_update(s, &g, &cause), -1);
	check_cause(&cause, "subject");

	/* Forgetting deletes for real. */
	assert_int_equal(store_fact_delete(s, new_id, &cause), 0);
	assert_int_equal(store_fact_delete(s, new_id, &cause), 1);
	assert_int_equal(store_fact_list(s, 0, &list, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_fact_list(s, 1, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].object, "Pune");
	store_fact_free_list(list, n);

	free(new_id);
	free(old_id);
	free(msg);
	store_close(s);
}

static void
add_mood(struct store *s, const char *conversation, int64_t time,
    double valence, double arousal, const char *label)
{
	struct store_mood	 mood;
	char			*cause = NULL;

	memset(&mood, 0, sizeof mood);
	mood.message_id = add_message(s, conversation, "user", "how I feel",
	    time);
	mood.time = time;
	mood.valence = valence;
	mood.arousal = arousal;
	mood.label = (char *)label;
	mood.emotions = (char *)"tired,proud";
	if (store_mood_add(s, &mood, &cause) != 0)
		fail_msg("store_mood_add: %s", cause);
	free(mood.message_id);
}

static void
test_moods(void **state)
{
	struct store		*s;
	struct store_mood_day	*days;
	struct store_mood	 mood;
	char			*cause = NULL;
	int64_t			 now, day = 86400000;
	size_t			 n;

	(void)state;
	s = open_memory();
	add_conversation(s, "c", 1);
	assert_int_equal(time_parse("2024-03-10T12:00:00Z", &now), 0);

	add_mood(s, "c", now - 9 * day, 0.9, 0.9, "old");	/* outside */
	add_mood(s, "c", now - 2 * day - 3600000, -0.5, 0.1, "sad");
	add_mood(s, "c", now - 2 * day, 0.5, 0.3, "happy");
	add_mood(s, "c", now - 2 * day + 3600000, 0.3, -0.1, "happy");
	/* 2024-03-09: nothing. Today: a tie goes to the latest. */
	add_mood(s, "c", now - 11 * 3600000, 0.2, 0.2, "calm");
	add_mood(s, "c", now - 3600000, -0.2, 0.4, "tense");
	add_mood(s, "c", now + 3600000, 1, 1, "future");	/* after now */

	assert_int_equal(store_mood_days(s, 7, now, &days, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(days[0].day, "2024-03-08");
	assert_int_equal(days[0].count, 3);
	assert_true(days[0].valence > 0.099 && days[0].valence < 0.101);
	assert_true(days[0].arousal > 0.099 && days[0].arousal < 0.101);
	assert_string_equal(days[0].label, "happy");
	assert_string_equal(days[1].day, "2024-03-10");
	assert_int_equal(days[1].count, 2);
	assert_true(days[1].valence > -0.001 && days[1].valence < 0.001);
	assert_string_equal(days[1].label, "tense");
	store_mood_free_days(days, n);

	/* One day is today alone. */
	assert_int_equal(store_mood_days(s, 1, now, &days, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(days[0].day, "2024-03-10");
	store_mood_free_days(days, n);

	/* Ten days reach the old one. */
	assert_int_equal(store_mood_days(s, 10, now, &days, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(days[0].day, "2024-03-01");
	assert_string_equal(days[0].label, "old");
	store_mood_free_days(days, n);

	/* A message's mood can be replaced. */
	memset(&mood, 0, sizeof mood);
	mood.message_id = add_message(s, "c", "user", "meh", now);
	mood.time = now;
	mood.label = (char *)"flat";
	assert_int_equal(store_mood_add(s, &mood, &cause), 0);
	mood.label = (char *)"bright";
	mood.valence = 1;
	assert_int_equal(store_mood_add(s, &mood, &cause), 0);
	assert_int_equal(db_int(s->db, "SELECT count(*) FROM moods WHERE "
	    "label = 'flat'"), 0);
	assert_int_equal(db_int(s->db, "SELECT count(*) FROM moods WHERE "
	    "label = 'bright'"), 1);
	free(mood.message_id);
	store_close(s);
}

static void
test_summaries(void **state)
{
	struct store	*s;
	char		*cause = NULL, *text, *m1, *m2;
	int64_t		 upto = -1;

	(void)state;
	s = open_memory();
	add_conversation(s, "c", 1);
	add_conversation(s, "d", 2);
	m1 = add_message(s, "c", "user", "one", 10);
	m2 = add_message(s, "c", "user", "two", 20);

	assert_null(store_summary_latest(s, "c"));
	assert_int_equal(store_summary_add(s, "c", m1, "first turn", 100,
	    &cause), 0);
	assert_int_equal(store_summary_add(s, "c", m2, "second turn", 200,
	    &cause), 0);
	assert_int_equal(store_summary_add(s, "d", NULL, "other", 300,
	    &cause), 0);
	text = store_summary_latest(s, "c");
	assert_string_equal(text, "second turn");
	free(text);
	text = store_summary_latest(s, "d");
	assert_string_equal(text, "other");
	free(text);

	assert_null(store_summary_rolling(s, "c", &upto));
	assert_int_equal(upto, 0);
	assert_int_equal(store_summary_set_rolling(s, "c", "so far: one", 1,
	    &cause), 0);
	text = store_summary_rolling(s, "c", &upto);
	assert_string_equal(text, "so far: one");
	assert_int_equal(upto, 1);
	free(text);
	assert_int_equal(store_summary_set_rolling(s, "c", "so far: two", 2,
	    &cause), 0);
	text = store_summary_rolling(s, "c", &upto);
	assert_string_equal(text, "so far: two");
	assert_int_equal(upto, 2);
	free(text);
	assert_int_equal(db_int(s->db, "SELECT count(*) FROM summaries WHERE "
	    "kind = 'rolling'"), 1);
	/* The rolling summary is not a turn summary. */
	text = store_summary_latest(s, "c");
	assert_string_equal(text, "second turn");
	free(text);
	assert_null(store_summary_rolling(s, "d", NULL));

	free(m1);
	free(m2);
	store_close(s);
}

/* ---------------------------------------------------------------------- */
/* Vacuum. */

static void
test_vacuum_forgets(void **state)
{
	struct store		*s;
	struct store_fact	 f;
	char			*path = test_path("jumbo.db"), *wal, *msg;
	char			*cause = NULL;
	int			 i;

	(void)state;
	xasprintf(&wal, "%s-wal", path);
	s = open_file(path);
	add_conversation(s, "keep", 1);
	add_conversation(s, "secret", 2);
	for (i = 0; i < 50; i++)
		free(add_message(s, "keep", "user", "ordinary words here", i));
	msg = add_message(s, "secret", "user",
	    "my bank password is zebracorn", 100);
	memset(&f, 0, sizeof f);
	f.subject = (char *)"user";
	f.relation = (char *)"password";
	f.object = (char *)"xylophonist";
	assert_int_equal(store_fact_add(s, &f, &cause), 0);
	assert_int_equal(sqlite3_exec(s->db, "PRAGMA wal_checkpoint", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_true(file_contains(path, "zebracorn"));
	assert_true(file_contains(path, "xylophonist"));

	assert_int_equal(store_conversation_delete(s, "secret", &cause), 0);
	assert_int_equal(store_fact_delete(s, f.id, &cause), 0);
	assert_int_equal(store_vacuum(s, &cause), 0);
	assert_int_equal(store_integrity_check(s, &cause), 0);
	assert_false(file_contains(path, "zebracorn"));
	assert_false(file_contains(path, "xylophonist"));
	assert_false(file_contains(wal, "zebracorn"));
	assert_false(file_contains(wal, "xylophonist"));
	assert_int_equal(search_count(s, "ordinary"), 50);
	assert_int_equal(search_count(s, "zebracorn"), 0);

	/* Not inside a transaction. */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_vacuum(s, &cause), -1);
	check_cause(&cause, "inside a transaction");
	store_rollback(s);
	store_close(s);

	assert_false(file_contains(path, "zebracorn"));
	free(f.id);
	free(msg);
	free(wal);
	free(path);
}

static void
test_memory_stores_are_private(void **state)
{
	struct store	*a, *b;
	char		*cause = NULL, *value;

	(void)state;
	a = open_memory();
	b = open_memory();
	assert_int_equal(store_profile_set(a, "k", "a", &cause), 0);
	assert_null(store_profile_get(b, "k"));
	value = store_profile_get(a, "k");
	assert_string_equal(value, "a");
	free(value);
	/* STORE_READONLY means nothing without a file. */
	store_close(b);
	assert_int_equal(store_open("ignored", STORE_MEMORY|STORE_READONLY,
	    &b, &cause), 0);
	assert_int_equal(store_profile_set(b, "k", "b", &cause), 0);
	assert_int_equal(access("ignored", F_OK), -1);
	store_close(b);
	store_close(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, test_setup, test_teardown)
		T(test_null_and_empty),
		T(test_open_new_file),
		T(test_open_missing_directory),
		T(test_open_readonly_missing_or_old),
		T(test_migrate_from_every_version),
		T(test_reopen_is_noop),
		T(test_newer_version_refused),
		T(test_corrupt_file_refused),
		T(test_foreign_database_refused),
		T(test_damaged_file_detected),
		T(test_fts_mismatch_detected),
		T(test_readonly_file),
		T(test_readonly_directory),
		T(test_locked),
		T(test_two_writers),
		T(test_transactions),
		T(test_conversations),
		T(test_messages),
		T(test_search),
		T(test_profile),
		T(test_facts),
		T(test_moods),
		T(test_summaries),
		T(test_vacuum_forgets),
		T(test_memory_stores_are_private),
#undef T
	};

	return (cmocka_run_group_tests(tests, group_setup, group_teardown));
}
