/*
 * What the store-*.c files share and nothing else sees: struct store, the
 * cache of prepared statements, and helpers that turn SQLite result codes
 * into causes a person can act on. Nothing outside src/store includes
 * this file (or sqlite3.h).
 */
#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "util-xmalloc.h"

#include "store.h"
#include "store-message.h"

/* A prepared statement kept for the life of the connection. */
struct store_statement {
	const char	*sql;	/* a static string: looked up by address */
	sqlite3_stmt	*stmt;
};

struct store {
	sqlite3			*db;
	char			*path;		/* named in every cause */
	int			 flags;		/* STORE_* */
	int			 depth;		/* open store_begin() calls */

	struct store_statement	*statements;
	size_t			 nstatements;
};

/*
 * The columns of a message row, in the order store_message_read() takes
 * them; the messages table is aliased "m".
 */
#define STORE_MESSAGE_COLUMNS						\
	"m.seq, m.id, m.conversation, m.role, m.speaker, m.text, "	\
	"m.attachment, m.time, m.status, m.engine, m.model, "		\
	"m.prompt_tokens, m.completion_tokens, m.first_token_ms, "	\
	"m.total_ms"
#define STORE_MESSAGE_NCOLUMNS 15

/*
 * A cached prepared statement for sql, which must be a string constant:
 * the cache knows statements by the address of their SQL.
 */
sqlite3_stmt	*store_statement(struct store *, const char *, char **);
void		 store_release(sqlite3_stmt *);
int		 store_step_done(struct store *, sqlite3_stmt *, char **);
int		 store_exec(struct store *, const char *, char **);
void		 store_error(struct store *, int, char **);

void		 store_bind_text(sqlite3_stmt *, int, const char *);
void		 store_bind_nonzero(sqlite3_stmt *, int, int64_t);
char		*store_column_text(sqlite3_stmt *, int);
void		*store_grow(void *, size_t *, size_t, size_t);

void		 store_message_read(sqlite3_stmt *, int,
		    struct store_message *);

#endif
