/*
 * Conversations: an id, a title, when it started and when it last
 * changed. Ids are random UUIDs for conversations jumbo starts, or
 * whatever an import gave. Lookups accept a unique prefix of the id.
 */
#ifndef STORE_CONVERSATION_H
#define STORE_CONVERSATION_H

#include <stddef.h>
#include <stdint.h>

struct store;

struct store_conversation {
	char	*id;
	char	*title;		/* may be NULL */
	int64_t	 created;	/* ms since epoch */
	int64_t	 updated;	/* time of the newest message */
	int64_t	 messages;	/* count of messages */
};

/*
 * Create a conversation. id may be NULL for a new random one; the id used
 * is returned in *id_out (caller frees). If a conversation with that id
 * exists already, it is kept and its id returned (import relies on this).
 */
int	 store_conversation_create(struct store *, const char *id,
	    const char *title, int64_t created, char **id_out, char **cause);
/*
 * Resolve an id or a unique prefix of one. Returns 0 with *id_out (caller
 * frees), or -1 with a cause saying it is unknown or ambiguous.
 */
int	 store_conversation_resolve(struct store *, const char *prefix,
	    char **id_out, char **cause);
/* The most recently updated conversation, or *id_out NULL if none. */
int	 store_conversation_latest(struct store *, char **id_out,
	    char **cause);
int	 store_conversation_get(struct store *, const char *id,
	    struct store_conversation *, char **cause);
/* Newest first; limit 0 means all. Free with store_conversation_free_list(). */
int	 store_conversation_list(struct store *, size_t limit,
	    struct store_conversation **, size_t *, char **cause);
int	 store_conversation_set_title(struct store *, const char *id,
	    const char *title, char **cause);
/* Delete a conversation with its messages, summaries and moods. */
int	 store_conversation_delete(struct store *, const char *id,
	    char **cause);
void	 store_conversation_clear(struct store_conversation *);
void	 store_conversation_free_list(struct store_conversation *, size_t);

#endif
