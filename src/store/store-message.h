/*
 * Messages: every turn of every conversation, in order. A message is
 * committed on its own before anything else happens in a turn, so it
 * survives any failure after. The text is indexed for full-text search;
 * an attachment (piped stdin) is stored and indexed too.
 */
#ifndef STORE_MESSAGE_H
#define STORE_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

struct store;

enum store_message_status {
	STORE_MESSAGE_COMPLETE = 0,
	STORE_MESSAGE_CANCELLED = 1,	/* a reply stopped by the person */
	STORE_MESSAGE_INCOMPLETE = 2	/* a reply the engine cut short */
};

struct store_message {
	int64_t	 seq;		/* local order (rowid); 0 before adding */
	char	*id;		/* NULL before adding means a new random id */
	char	*conversation;
	char	*role;		/* "user" or "assistant" */
	char	*speaker;	/* may be NULL */
	char	*text;
	char	*attachment;	/* piped stdin; may be NULL */
	int64_t	 time;		/* ms since epoch */
	int	 status;	/* enum store_message_status */
	char	*engine;	/* what wrote a reply; may be NULL */

	/* What a reply cost; NULL and 0 when unknown. */
	char	*model;		/* the engine's model; may be NULL */
	int64_t	 prompt_tokens;
	int64_t	 completion_tokens;
	int64_t	 first_token_ms;	/* from request to first token */
	int64_t	 total_ms;		/* from request to last token */
};

/*
 * Add m (id NULL for a new one). With an id that exists already the
 * message is left alone and 1 is returned (import is idempotent). On
 * success with a new id, m->id is set (owned by m) and m->seq filled.
 * A time of 0 means now (m->time is set). The conversation must exist;
 * its updated time moves forward to the message's.
 */
int	 store_message_add(struct store *, struct store_message *,
	    char **cause);
/* Messages of one conversation, oldest first; the last `limit` if limit > 0. */
int	 store_message_list(struct store *, const char *conversation,
	    size_t limit, struct store_message **, size_t *, char **cause);
/*
 * Call fn for every message in export order (conversation start, time,
 * seq). A non-zero return from fn stops the walk and is returned, with
 * *cause left alone.
 */
int	 store_message_foreach(struct store *,
	    int (*fn)(const struct store_message *, void *), void *arg,
	    char **cause);
/* The count of all messages, or -1 on error. */
int64_t	 store_message_count(struct store *);
/* The message with id (or seq): 0, 1 if there is none, or -1. Clear *m after. */
int	 store_message_get(struct store *, const char *id,
	    struct store_message *, char **cause);
int	 store_message_get_seq(struct store *, int64_t seq,
	    struct store_message *, char **cause);
/* Replace needle in every message and summary (forgetting). */
int	 store_message_scrub(struct store *, const char *needle,
	    const char *replacement, int64_t *count, char **cause);
void	 store_message_clear(struct store_message *);
void	 store_message_free_list(struct store_message *, size_t);

#endif
