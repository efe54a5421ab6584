/*
 * Conversational search: finding the messages that answer a question a
 * person asks about their conversations ("What did Caroline research?",
 * "When did Jonah's mom have surgery?"), not only the ones sharing its
 * words.
 *
 * A question is read into a search_query: question words and other words
 * that say nothing are dropped; a word that names someone who speaks in
 * the conversations makes their messages count more; a time ("in May",
 * "last month", "yesterday", "two weeks ago", "in 2023") becomes a span
 * whose messages count more, counted from the latest message; "when",
 * "who" and "how many" ask for a time, a name or a number; every other
 * word is a group: the word and its synonyms from data/search-synonyms.txt
 * (each weighing less than the word itself). The store ranks the groups
 * by BM25; each message then also takes a share of what the turns just
 * before it hold (the answer is often the reply, not the question), the
 * messages said by the person named, in the span, or holding what was
 * asked for are raised, and a remembered fact whose words the question
 * holds brings up the message it was learned from. core-search.c says
 * how, and with what weights.
 */
#ifndef CORE_SEARCH_H
#define CORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "store-search.h"

struct store;

/* What a question asks for, by its first words. */
enum search_kind {
	SEARCH_KIND_ANY = 0,
	SEARCH_KIND_NUMBER,	/* how many, how much, how old, how long */
	SEARCH_KIND_TIME,	/* when */
	SEARCH_KIND_NAME	/* who */
};

struct search_query {
	struct store_search_term *terms;	/* phrases owned by the query */
	size_t			  nterms;
	size_t			  ngroups;	/* words asked for */

	char			**speakers;	/* names as typed */
	size_t			  nspeakers;

	enum search_kind	  kind;
	int			  first_person;	/* "I", "my": the user */
	int64_t			  from;		/* ms; 0 and 0: no time */
	int64_t			  to;

	char			**stems;	/* each group's word */
	unsigned char		 *names;	/* is a group a name */
};

/*
 * Read query into q (clear it with search_query_clear()). The store
 * stems the words and knows the speakers and the latest message. A query
 * with no word leaves q empty and is not an error.
 */
int	 search_parse(struct store *, const char *query,
	    struct search_query *q, char **cause);
void	 search_query_clear(struct search_query *);

/*
 * The messages that best answer query, best first, at most limit (0 for
 * every message found). Scores are comparable within one search only.
 * A query without words finds nothing and is not an error. Free the hits
 * with store_search_free().
 */
int	 search_messages(struct store *, const char *query, size_t limit,
	    struct store_search_hit **hits, size_t *n, char **cause);

#endif
