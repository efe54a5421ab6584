/*
 * The profile: a small key/value table about the person (preferred_name,
 * account_name, ...). Each value keeps the time it was set, for
 * last-writer-wins sync later.
 */
#ifndef STORE_PROFILE_H
#define STORE_PROFILE_H

#include <stdint.h>

struct store;

struct store_profile_entry {
	char	*key;
	char	*value;
	int64_t	 updated;	/* ms since epoch */
};

/* The value of key, or NULL if unset. Result must be freed. */
char	*store_profile_get(struct store *, const char *key);
/* Set key to value; a NULL value removes the key. */
int	 store_profile_set(struct store *, const char *key,
	    const char *value, char **cause);
/* Every entry, sorted by key. Free with store_profile_free(). */
int	 store_profile_list(struct store *, struct store_profile_entry **,
	    size_t *, char **cause);
void	 store_profile_free(struct store_profile_entry *, size_t);

#endif
