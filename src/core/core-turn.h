/*
 * One turn of conversation, the same whichever front end sends it:
 *
 *   1. store the person's message (committed before anything else),
 *   2. analyse it (struct turn_analysis: intent, name, mood, facts, a
 *      question about memory, a request to forget),
 *   3. remember what it told (name, facts reconciled, mood) and forget
 *      what it asks to forget,
 *   4. summarise where the conversation stands (and fold older turns
 *      into the rolling summary),
 *   5. respond with the engine, streaming the text to the front end,
 *   6. store the reply.
 */
#ifndef CORE_TURN_H
#define CORE_TURN_H

#include <stddef.h>
#include <stdint.h>

#include "core-analyze.h"
#include "core-memory.h"

struct session;

struct turn_callbacks {
	/* A piece of the reply as it is written. */
	void	(*on_text)(const char *text, size_t len, void *arg);
	/* Something to show meanwhile ("retrying in 2s…"); may be NULL. */
	void	(*on_notice)(const char *text, void *arg);
	void	 *arg;
	/* Readable when the person wants the reply stopped; -1 for none. */
	int	  cancel_fd;
};

struct turn_result {
	char			*conversation;
	char			*message_id;	/* the person's message */
	char			*reply;
	char			*name;		/* preferred name after the turn */
	int			 name_learned;	/* this turn set the name */
	struct turn_analysis	 analysis;	/* with the summary */
	struct memory_learned	 learned;	/* facts stored this turn */
	const char		*engine;	/* what wrote the reply */
	int			 status;	/* enum store_message_status */
	long			 prompt_tokens;	/* both steps; 0 unknown */
	long			 completion_tokens;
	long			 first_token_ms;	/* -1 when unknown */
	long			 total_ms;
};

/*
 * Run a turn for text (what the person typed) with an optional
 * attachment (piped input). Returns 0 and fills result (free with
 * turn_result_clear): status tells a reply stopped by the cancel fd
 * (STORE_MESSAGE_CANCELLED, its partial text kept and stored). Returns -1
 * with *cause when it failed; the person's message stays stored, and so
 * does any part of a reply that came before a model failed (result is
 * then cleared all the same).
 */
int	 turn_run(struct session *, const char *text, const char *attachment,
	    const struct turn_callbacks *, struct turn_result *,
	    char **cause);
void	 turn_result_clear(struct turn_result *);

#endif
