/*
 * libFuzzer target for the fact extractor: any bytes (not NUL-terminated,
 * not necessarily UTF-8) go through fact_extract(), fact_retracted(),
 * fact_question() and fact_forget_request(). Every triple must have
 * non-empty, valid UTF-8 fields, a relation from fact_relations(), a
 * confidence in (0, 1], and no more than the extractor's cap; the same
 * triple is never both stated and retracted; a question or forget
 * request found carries the fields its kind promises.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core-fact.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Whether s is a non-empty, valid UTF-8 string. */
static int
good_text(const char *s)
{
	return (s != NULL && *s != '\0' && utf8_valid(s, strlen(s)));
}

/* Whether relation is one fact_relations() lists. */
static int
known_relation(const char *relation)
{
	const char *const	*r;

	for (r = fact_relations(); *r != NULL; r++) {
		if (strcmp(*r, relation) == 0)
			return (1);
	}
	return (0);
}

/* Check the promises a list of facts makes. */
static void
check_list(const struct fact_list *list)
{
	const struct fact	*f;
	size_t			 i;

	if (list->count > 32 || (list->count > 0 && list->items == NULL))
		abort();
	for (i = 0; i < list->count; i++) {
		f = &list->items[i];
		if (!good_text(f->subject) || !good_text(f->relation) ||
		    !good_text(f->object) || !known_relation(f->relation))
			abort();
		if (!(f->confidence > 0.0 && f->confidence <= 1.0))
			abort();
		if (fact_relation_phrase(f->relation, 0) == NULL ||
		    fact_relation_phrase(f->relation, 1) == NULL)
			abort();
	}
}

/* Whether list holds the triple f. */
static int
list_has(const struct fact_list *list, const struct fact *f)
{
	size_t	i;

	for (i = 0; i < list->count; i++) {
		if (strcmp(list->items[i].subject, f->subject) == 0 &&
		    strcmp(list->items[i].relation, f->relation) == 0 &&
		    strcmp(list->items[i].object, f->object) == 0)
			return (1);
	}
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fact_list	 stated, retracted;
	struct fact_question	 q;
	struct fact_forget	 f;
	char			*text;
	size_t			 i;

	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';

	fact_extract(text, &stated);
	check_list(&stated);
	fact_retracted(text, &retracted);
	check_list(&retracted);
	for (i = 0; i < retracted.count; i++) {
		if (list_has(&stated, &retracted.items[i]))
			abort();
	}
	fact_list_clear(&stated);
	fact_list_clear(&retracted);
	if (stated.count != 0 || stated.items != NULL)
		abort();

	if (fact_question(text, &q)) {
		if (q.kind == FACT_QUESTION_NONE || !good_text(q.subject))
			abort();
		if (q.kind == FACT_QUESTION_RELATION &&
		    !good_text(q.relation))
			abort();
		if (q.kind == FACT_QUESTION_ALL && q.relation != NULL)
			abort();
	} else if (q.kind != FACT_QUESTION_NONE || q.subject != NULL ||
	    q.relation != NULL)
		abort();
	fact_question_clear(&q);

	if (fact_forget_request(text, &f)) {
		switch (f.kind) {
		case FACT_FORGET_RELATION:
			if (!good_text(f.relation) ||
			    (f.object != NULL && !good_text(f.object)))
				abort();
			break;
		case FACT_FORGET_OBJECT:
			if (!good_text(f.object) || f.relation != NULL)
				abort();
			break;
		case FACT_FORGET_LAST:
			if (f.relation != NULL || f.object != NULL)
				abort();
			break;
		case FACT_FORGET_NONE:
			abort();
		}
	} else if (f.kind != FACT_FORGET_NONE || f.relation != NULL ||
	    f.object != NULL)
		abort();
	fact_forget_clear(&f);

	free(text);
	return (0);
}
