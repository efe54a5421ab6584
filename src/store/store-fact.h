/*
 * Facts: (subject, relation, object) triples the person told jumbo, each
 * with the message it came from. A superseded fact keeps its row with
 * valid_to and superseded_by set (history); forgetting deletes the row.
 */
#ifndef STORE_FACT_H
#define STORE_FACT_H

#include <stddef.h>
#include <stdint.h>

struct store;

struct store_fact {
	char	*id;
	char	*subject;
	char	*relation;
	char	*object;
	char	*source;	/* message id; may be NULL */
	double	 confidence;
	int64_t	 valid_from;
	int64_t	 valid_to;	/* 0 while current */
	char	*superseded_by;	/* may be NULL */
};

/*
 * Add f (id NULL for a new one); f->id is set. valid_from 0 means now.
 * Returns 1, changing nothing, if a fact with f->id exists already.
 */
int	 store_fact_add(struct store *, struct store_fact *, char **cause);
/* Current facts (valid_to 0), or all with history when all is set. */
int	 store_fact_list(struct store *, int all, struct store_fact **,
	    size_t *, char **cause);
/* Mark old as superseded by new_id at time (0 for now). */
int	 store_fact_supersede(struct store *, const char *old_id,
	    const char *new_id, int64_t time, char **cause);
int	 store_fact_update(struct store *, const struct store_fact *,
	    char **cause);
/* Delete for real. Returns 1 if there was no such fact. */
int	 store_fact_delete(struct store *, const char *id, char **cause);
void	 store_fact_clear(struct store_fact *);
void	 store_fact_free_list(struct store_fact *, size_t);

#endif
