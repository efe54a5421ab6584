/*
 * Facts in and out of the store. Every function works on current facts
 * (valid_to 0) unless it says otherwise; comparisons of objects ignore
 * ASCII case and surrounding space, so "boston" and "Boston" are one
 * place.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core-memory.h"
#include "store-message.h"
#include "store.h"
#include "util-str.h"
#include "util-time.h"
#include "util-xmalloc.h"

/* Append a copy of f to a list. */
static void
memory_append(struct store_fact **list, size_t *n, const struct store_fact *f)
{
	struct store_fact	*c;

	*list = xreallocarray(*list, *n + 1, sizeof **list);
	c = &(*list)[(*n)++];
	memset(c, 0, sizeof *c);
	c->id = f->id != NULL ? xstrdup(f->id) : NULL;
	c->subject = xstrdup(f->subject);
	c->relation = xstrdup(f->relation);
	c->object = xstrdup(f->object);
	c->source = f->source != NULL ? xstrdup(f->source) : NULL;
	c->confidence = f->confidence;
	c->valid_from = f->valid_from;
	c->valid_to = f->valid_to;
	c->superseded_by = f->superseded_by != NULL ?
	    xstrdup(f->superseded_by) : NULL;
}

static int
memory_same_object(const char *a, const char *b)
{
	return (strcasecmp(a, b) == 0);
}

/* Store one extracted fact, reconciled against the current ones. */
static int
memory_remember_one(struct store *s, const char *message_id,
    const struct fact *x, struct store_fact *current, size_t ncurrent,
    struct memory_learned *l, char **cause)
{
	struct store_fact	 f;
	size_t			 i;
	int			 single;

	single = fact_relation_single(x->relation);
	for (i = 0; i < ncurrent; i++) {
		if (current[i].valid_to != 0 ||
		    strcmp(current[i].subject, x->subject) != 0 ||
		    strcmp(current[i].relation, x->relation) != 0)
			continue;
		if (memory_same_object(current[i].object, x->object))
			return (0);	/* known already */
	}
	memset(&f, 0, sizeof f);
	f.subject = x->subject;
	f.relation = x->relation;
	f.object = x->object;
	f.source = (char *)message_id;
	f.confidence = x->confidence;
	if (store_fact_add(s, &f, cause) < 0)
		return (-1);
	memory_append(&l->added, &l->nadded, &f);
	if (single) {
		for (i = 0; i < ncurrent; i++) {
			if (current[i].valid_to != 0 ||
			    strcmp(current[i].subject, x->subject) != 0 ||
			    strcmp(current[i].relation, x->relation) != 0)
				continue;
			if (store_fact_supersede(s, current[i].id, f.id, 0,
			    cause) != 0) {
				free(f.id);
				return (-1);
			}
			current[i].valid_to = f.valid_from;
			memory_append(&l->superseded, &l->nsuperseded,
			    &current[i]);
		}
	}
	free(f.id);
	return (0);
}

/* End the current facts that x says no longer hold. */
static int
memory_end(struct store *s, const struct fact *x, struct store_fact *current,
    size_t ncurrent, struct memory_learned *l, char **cause)
{
	size_t	i;

	for (i = 0; i < ncurrent; i++) {
		if (current[i].valid_to != 0 ||
		    strcmp(current[i].subject, x->subject) != 0 ||
		    strcmp(current[i].relation, x->relation) != 0 ||
		    !memory_same_object(current[i].object, x->object))
			continue;
		if (store_fact_supersede(s, current[i].id, NULL, 0, cause) != 0)
			return (-1);
		current[i].valid_to = 1;
		memory_append(&l->ended, &l->nended, &current[i]);
	}
	return (0);
}

int
memory_remember(struct store *s, const char *message_id,
    const struct fact_list *facts, const struct fact_list *retracted,
    struct memory_learned *l, char **cause)
{
	struct store_fact	*current;
	size_t			 ncurrent, i;

	memset(l, 0, sizeof *l);
	if ((facts == NULL || facts->count == 0) &&
	    (retracted == NULL || retracted->count == 0))
		return (0);
	if (store_begin(s, cause) != 0)
		return (-1);
	if (store_fact_list(s, 0, &current, &ncurrent, cause) != 0)
		goto fail;
	for (i = 0; retracted != NULL && i < retracted->count; i++) {
		if (memory_end(s, &retracted->items[i], current, ncurrent, l,
		    cause) != 0) {
			store_fact_free_list(current, ncurrent);
			goto fail;
		}
	}
	for (i = 0; facts != NULL && i < facts->count; i++) {
		if (memory_remember_one(s, message_id, &facts->items[i],
		    current, ncurrent, l, cause) != 0) {
			store_fact_free_list(current, ncurrent);
			goto fail;
		}
		/* Later facts of the same message see this one. */
		store_fact_free_list(current, ncurrent);
		if (store_fact_list(s, 0, &current, &ncurrent, cause) != 0)
			goto fail;
	}
	store_fact_free_list(current, ncurrent);
	return (store_commit(s, cause));

fail:
	store_rollback(s);
	memory_learned_clear(l);
	return (-1);
}

void
memory_learned_clear(struct memory_learned *l)
{
	store_fact_free_list(l->added, l->nadded);
	store_fact_free_list(l->superseded, l->nsuperseded);
	store_fact_free_list(l->ended, l->nended);
	memset(l, 0, sizeof *l);
}

int
memory_recall(struct store *s, const struct fact_question *q,
    struct store_fact **out, size_t *n, char **cause)
{
	struct store_fact	*all;
	size_t			 nall, i;

	*out = NULL;
	*n = 0;
	if (store_fact_list(s, 0, &all, &nall, cause) != 0)
		return (-1);
	for (i = 0; i < nall; i++) {
		if (q->kind == FACT_QUESTION_RELATION &&
		    (strcmp(all[i].subject, q->subject != NULL ? q->subject :
		    "user") != 0 ||
		    !fact_relation_covers(q->relation, all[i].relation)))
			continue;
		memory_append(out, n, &all[i]);
	}
	store_fact_free_list(all, nall);
	return (0);
}

/*
 * Delete the chosen facts and scrub their objects from every message and
 * summary; then rebuild the file. chosen[i] says which of all[] go.
 */
static int
memory_delete(struct store *s, struct store_fact *all, size_t nall,
    const int *chosen, struct store_fact **out, size_t *n, char **cause)
{
	size_t	i;
	int64_t	changed;

	if (store_begin(s, cause) != 0)
		return (-1);
	for (i = 0; i < nall; i++) {
		if (!chosen[i])
			continue;
		if (store_fact_delete(s, all[i].id, cause) < 0)
			goto fail;
		if (store_message_scrub(s, all[i].object, MEMORY_FORGOTTEN,
		    &changed, cause) != 0)
			goto fail;
		memory_append(out, n, &all[i]);
	}
	if (store_commit(s, cause) != 0)
		goto fail_out;
	if (*n > 0 && store_vacuum(s, cause) != 0)
		return (-1);
	return (0);

fail:
	store_rollback(s);
fail_out:
	store_fact_free_list(*out, *n);
	*out = NULL;
	*n = 0;
	return (-1);
}

int
memory_forget(struct store *s, const struct fact_forget *f,
    struct store_fact **out, size_t *n, char **cause)
{
	struct store_fact	*all;
	size_t			 nall, i;
	int			*chosen, error;
	int64_t			 newest = 0;
	const char		*source = NULL;

	*out = NULL;
	*n = 0;
	/* History too: forgetting where you live forgets where you lived. */
	if (store_fact_list(s, 1, &all, &nall, cause) != 0)
		return (-1);
	chosen = xcalloc(nall + 1, sizeof *chosen);
	if (f->kind == FACT_FORGET_LAST) {
		for (i = 0; i < nall; i++) {
			if (all[i].valid_to == 0 && all[i].valid_from >= newest) {
				newest = all[i].valid_from;
				source = all[i].source;
			}
		}
	}
	for (i = 0; i < nall; i++) {
		switch (f->kind) {
		case FACT_FORGET_RELATION:
			chosen[i] = strcmp(all[i].subject, "user") == 0 &&
			    fact_relation_covers(f->relation,
			    all[i].relation) && (f->object == NULL ||
			    memory_same_object(all[i].object, f->object));
			break;
		case FACT_FORGET_OBJECT:
			chosen[i] = memory_same_object(all[i].object,
			    f->object) || memory_same_object(all[i].subject,
			    f->object);
			break;
		case FACT_FORGET_LAST:
			chosen[i] = all[i].valid_to == 0 && newest != 0 &&
			    (all[i].valid_from == newest || (source != NULL &&
			    all[i].source != NULL &&
			    strcmp(all[i].source, source) == 0));
			break;
		case FACT_FORGET_NONE:
			break;
		}
	}
	error = memory_delete(s, all, nall, chosen, out, n, cause);
	free(chosen);
	store_fact_free_list(all, nall);
	return (error);
}

int
memory_forget_fact(struct store *s, const char *what,
    struct store_fact **out, size_t *n, char **cause)
{
	struct store_fact	*all;
	size_t			 nall, i, matches = 0;
	int			*chosen, error;

	*out = NULL;
	*n = 0;
	if (store_fact_list(s, 1, &all, &nall, cause) != 0)
		return (-1);
	chosen = xcalloc(nall + 1, sizeof *chosen);
	/* An id or a prefix of one first. */
	for (i = 0; i < nall; i++) {
		if (strlen(what) >= 4 && str_startswith(all[i].id, what)) {
			chosen[i] = 1;
			matches++;
		}
	}
	if (matches > 1) {
		xasprintf(cause, "\"%s\" matches several facts; give more of "
		    "the id", what);
		free(chosen);
		store_fact_free_list(all, nall);
		return (-1);
	}
	if (matches == 0) {
		for (i = 0; i < nall; i++) {
			chosen[i] = memory_same_object(all[i].object, what) ||
			    memory_same_object(all[i].subject, what);
		}
	}
	error = memory_delete(s, all, nall, chosen, out, n, cause);
	free(chosen);
	store_fact_free_list(all, nall);
	return (error);
}
