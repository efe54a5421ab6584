/*
 * Full-text search over all messages (FTS5, BM25 ranking, porter
 * stemming). The query is plain words as a person types them: it is
 * turned into an FTS5 query here, never passed through raw.
 */
#ifndef STORE_SEARCH_H
#define STORE_SEARCH_H

#include <stddef.h>

#include "store-message.h"

struct store_search_hit {
	struct store_message	message;
	double			score;	/* higher is better */
};

/*
 * Best first, at most limit (0 for all). A query without any word finds
 * nothing and is not an error. Free with store_search_free().
 */
int	 store_search(struct store *, const char *query, size_t limit,
	    struct store_search_hit **, size_t *, char **cause);
void	 store_search_free(struct store_search_hit *, size_t);

#endif
