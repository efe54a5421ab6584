/*
 * Step 4 of the turn pipeline, and what the facts commands do: reconcile
 * extracted facts with the stored ones, answer questions from them, and
 * forget for real.
 *
 * Reconciling, in C: the same fact twice is one fact; a new value of a
 * single-valued relation (lives_in, job, wife...) supersedes the old one,
 * which is kept as history; values of the other relations add up.
 * Forgetting deletes the facts, history included, replaces their words in
 * every message and summary with "[forgotten]", and rebuilds the file, so
 * nothing forgotten is left in recall, in search or in jumbo.db's bytes.
 */
#ifndef CORE_MEMORY_H
#define CORE_MEMORY_H

#include <stddef.h>

#include "core-fact.h"
#include "store-fact.h"

struct store;

#define MEMORY_FORGOTTEN "[forgotten]"

struct memory_learned {
	struct store_fact	*added;		/* new this turn */
	size_t			 nadded;
	struct store_fact	*superseded;	/* old values replaced */
	size_t			 nsuperseded;
	struct store_fact	*ended;		/* retracted, kept as history */
	size_t			 nended;
};

/*
 * Store the facts extracted from message_id, reconciled as above, and end
 * the current facts that retracted says no longer hold (they stay as
 * history), in one transaction. Either list may be NULL. Fills learned
 * (free with memory_learned_clear()).
 */
int	 memory_remember(struct store *, const char *message_id,
	    const struct fact_list *facts, const struct fact_list *retracted,
	    struct memory_learned *, char **cause);
void	 memory_learned_clear(struct memory_learned *);

/* The current facts that answer q. Free with store_fact_free_list(). */
int	 memory_recall(struct store *, const struct fact_question *q,
	    struct store_fact **, size_t *, char **cause);

/*
 * Forget what f asks (see core-fact.h); the facts forgotten are returned
 * (free with store_fact_free_list()), none when nothing matched.
 */
int	 memory_forget(struct store *, const struct fact_forget *f,
	    struct store_fact **, size_t *, char **cause);
/* Forget one fact by id (or unique id prefix) or by its object's text. */
int	 memory_forget_fact(struct store *, const char *id_or_text,
	    struct store_fact **, size_t *, char **cause);

#endif
