/*
 * The prompt for step 2 of a turn over a model: a system prompt made of
 * the persona (data/persona.txt), what to call the person, their mood, the
 * facts that matter most to this message, the rolling summary and this
 * turn's summary; then the recent turns and the message itself. All but
 * the person's attached material is held within a token budget, so a
 * conversation of any length costs about the same per turn.
 *
 * Tokens are estimated from bytes: bytes_per_token starts at 4 and is
 * calibrated from the prompt tokens the API reports (prompt_calibrate()).
 */
#ifndef CORE_PROMPT_H
#define CORE_PROMPT_H

#include <stddef.h>

#include "core-engine.h"

struct mood;
struct store_fact;
struct store_message;

/* The budget for everything but attached material, in tokens. */
#define PROMPT_BUDGET		3000
/* The most of attached material sent, in tokens; more is cut. */
#define PROMPT_ATTACHMENT_MAX	24000
#define PROMPT_BYTES_PER_TOKEN	4.0

struct prompt_input {
	const char			*name;		/* preferred, or NULL */
	const char			*account;	/* login name */
	const struct mood		*mood;		/* this message's */
	const char			*rolling;	/* older turns, or NULL */
	const char			*summary;	/* this turn's, or NULL */
	const struct store_fact		*facts;		/* current and past, oldest first */
	size_t				 nfacts;
	const struct store_fact		*recalled;	/* asked about now */
	size_t				 nrecalled;
	const struct store_message	*recent;	/* oldest first, not this one */
	size_t				 nrecent;
	const char			*text;		/* this message */
	const char			*attachment;	/* or NULL */
	int				 ask_name;	/* ask what to call them */
	long				 budget;	/* tokens; 0: PROMPT_BUDGET */
	double				 bytes_per_token; /* 0: the default */
};

struct prompt {
	char			*system;
	struct engine_message	*messages;
	size_t			 nmessages;
	char			**texts;	/* what messages point into */
	size_t			 ntexts;
	size_t			 bytes;		/* of every text sent */
	long			 estimate;	/* tokens */
	size_t			 facts_used;
	size_t			 turns_used;
};

/* Build the prompt. Returns 0, or -1 with *cause (the persona is missing). */
int	 prompt_build(const struct prompt_input *, struct prompt *,
	    char **cause);
void	 prompt_clear(struct prompt *);

/* Estimated tokens of len bytes. */
long	 prompt_tokens(size_t len, double bytes_per_token);
/*
 * A new bytes-per-token figure from an old one and what a request of
 * bytes cost in reported tokens, moved part of the way and kept sane.
 */
double	 prompt_calibrate(double old, size_t bytes, long tokens);

#endif
