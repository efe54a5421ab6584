/*
 * The local store: one SQLite file (jumbo.db) holding the profile,
 * conversations, messages with their full-text index, summaries, facts
 * and moods. Only src/store runs SQL; everything above asks through the
 * store_*() functions declared in the store-*.h headers.
 *
 * Opening applies the schema migrations (PRAGMA user_version, each in one
 * transaction), and sets WAL, foreign keys, secure_delete and a busy
 * timeout. Every function returns 0 on success or -1 with *cause set to a
 * sentence naming the file (caller frees), unless its comment says
 * otherwise.
 *
 * A struct store is for one thread at a time (it caches prepared
 * statements); a thread that needs the store on its own opens another.
 * Two processes may write the same file at once: writers wait for each
 * other up to ten seconds, then fail with "locked by another jumbo".
 */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* The schema version this build writes. A newer file is refused. */
#define STORE_SCHEMA_VERSION 2

/* Flags for store_open(). */
#define STORE_READONLY	0x1	/* open without writing; no migrations
				   (a file at an older schema is refused) */
#define STORE_MEMORY	0x2	/* path ignored: a private in-memory database */

/*
 * Open path (created 0600 when missing; its directory must exist) and
 * bring it to STORE_SCHEMA_VERSION. A newer, corrupt or foreign file is
 * refused and left as it was.
 */
int	 store_open(const char *path, int flags, struct store **,
	    char **cause);
void	 store_close(struct store *);
const char *store_path(const struct store *);
int	 store_schema_version(struct store *);

/*
 * Open at a given schema version (migrations stop there): for tests of
 * migrating from every earlier version.
 */
int	 store_open_at_version(const char *path, int version,
	    struct store **, char **cause);

/* Explicit transactions; they nest by counting (only the outer one commits). */
int	 store_begin(struct store *, char **cause);
int	 store_commit(struct store *, char **cause);
void	 store_rollback(struct store *);

/* PRAGMA integrity_check; returns 0 when it answers "ok". */
int	 store_integrity_check(struct store *, char **cause);

/* Merge the full-text index into one segment (after a bulk import). */
int	 store_optimize(struct store *, char **cause);
/* Rebuild the file so deleted content leaves no trace in free pages. */
int	 store_vacuum(struct store *, char **cause);

#endif
