/*
 * One turn of conversation, the same whichever front end sends it:
 *
 *   1. store the person's message (committed before anything else),
 *   2. analyse it (struct turn_analysis),
 *   3. remember what it told (the preferred name, for now),
 *   4. respond with the engine, streaming the text to the front end,
 *   5. store the reply.
 *
 * Summaries, moods and facts join steps 2 and 3 in the next milestone.
 */
#ifndef CORE_TURN_H
#define CORE_TURN_H

#include <stddef.h>
#include <stdint.h>

#include "core-analyze.h"

struct session;

struct turn_callbacks {
	/* A piece of the reply as it is written. */
	void	(*on_text)(const char *text, size_t len, void *arg);
	void	 *arg;
};

struct turn_result {
	char			*conversation;
	char			*message_id;	/* the person's message */
	char			*reply;
	char			*name;		/* preferred name after the turn */
	int			 name_learned;	/* this turn set the name */
	struct turn_analysis	 analysis;
	const char		*engine;
	long			 prompt_tokens;
	long			 completion_tokens;
};

/*
 * Run a turn for text (what the person typed) with an optional
 * attachment (piped input). Returns 0 and fills result (free with
 * turn_result_clear), or -1 with *cause. When it fails after step 1 the
 * person's message stays stored.
 */
int	 turn_run(struct session *, const char *text, const char *attachment,
	    const struct turn_callbacks *, struct turn_result *,
	    char **cause);
void	 turn_result_clear(struct turn_result *);

#endif
