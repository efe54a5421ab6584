/*
 * The built-in engine: offline, deterministic replies written from the
 * templates in data/replies.txt and the turn's summary. It greets by
 * name, asks what to call the person at first contact, reflects the mood
 * ("That sounds exhausting but rewarding."), confirms what it learned
 * ("Got it—I'll remember your sister is Ana."), answers questions about
 * what it remembers from the facts alone, asks a fitting follow-up, and
 * says plainly when a question needs a language model it does not have.
 */
#ifndef CORE_BUILTIN_H
#define CORE_BUILTIN_H

#include <stdint.h>

#include "core-analyze.h"
#include "core-memory.h"

struct builtin_context {
	const char			*text;		/* the person's message */
	const char			*attachment;	/* piped input, or NULL */
	const struct turn_analysis	*analysis;
	const char			*name;		/* preferred name now, or NULL */
	const char			*previous_name;	/* before this turn, or NULL */
	const char			*account;	/* account name */
	int				 asked;		/* last turn asked for a name */
	int				 may_ask;	/* may ask for a name now */
	uint64_t			 seed;		/* picks among variants */
	const struct memory_learned	*learned;	/* stored this turn, or NULL */
	const struct store_fact		*recalled;	/* answers ANALYZE_RECALL */
	size_t				 nrecalled;
	const struct store_fact		*forgotten;	/* for ANALYZE_FORGET */
	size_t				 nforgotten;
	const struct store_fact		*known;		/* current facts */
	size_t				 nknown;
};

struct builtin_reply {
	char	*text;		/* result must be freed */
	int	 asks_name;	/* the reply asks what to call the person */
};

int	 builtin_reply(const struct builtin_context *, struct builtin_reply *,
	    char **cause);
/*
 * The greeting that opens a conversation: asks for a name when none is
 * known and may_ask is set, else welcomes back by name.
 */
int	 builtin_greeting(const char *name, const char *account, int may_ask,
	    uint64_t seed, struct builtin_reply *, char **cause);
/*
 * A fact as a clause about the person: "your sister is Ana", "you live in
 * Berlin", "Ana lives in Paris". Result must be freed.
 */
char	*builtin_fact_clause(const char *subject, const char *relation,
	    const char *objects, int plural);
/* A 64-bit FNV-1a hash, for seeds. */
uint64_t builtin_hash(uint64_t, const char *);

#endif
