/*
 * The config file: INI text, "key = value" lines, [sections] prefixing
 * the keys that follow ("[openai]" then "base_url = ..." is the key
 * "openai.base_url"), '#' or ';' comments on lines of their own. Known
 * keys are checked when set and when loaded; a key set twice is an error;
 * unknown keys in the file are kept and reported as warnings.
 */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include <stddef.h>

struct config;

/*
 * Parse len bytes of config text; name is the file name used in messages
 * ("config:3: ..."). Returns 0 and a new config, or -1 with a cause.
 * Warnings (unknown keys) are passed to warn if it is not NULL.
 */
int	 config_parse(const char *text, size_t len, const char *name,
	    void (*warn)(const char *), struct config **, char **cause);
/* Load path; a missing file is an empty config, an unreadable one an error. */
int	 config_load(const char *path, void (*warn)(const char *),
	    struct config **, char **cause);
void	 config_free(struct config *);

/* The value of a key ("model", "openai.base_url"), or NULL if unset. */
const char *config_get(const struct config *, const char *key);
/* Number of entries and the i-th key and value, in file order. */
size_t	 config_count(const struct config *);
const char *config_key(const struct config *, size_t);
const char *config_value(const struct config *, size_t);

/* Whether key is one jumbo knows, and a one-line description of it. */
int	 config_known(const char *key);
const char *config_describe(const char *key);
/* Every known key, NULL-terminated. */
const char *const *config_known_keys(void);
/*
 * Check value for a known key (what config_set and config_parse accept).
 * Returns 0, or -1 with a cause naming the key, never the value.
 */
int	 config_check(const char *key, const char *value, char **cause);

/*
 * Set key to value in the file at path, keeping every other line and
 * comment as it was; creates the file (and its directory) 0600 if
 * missing. value NULL removes the key.
 */
int	 config_set(const char *path, const char *key, const char *value,
	    char **cause);
/*
 * What config_set does to the text, in memory: len bytes of config text
 * (name for messages) with key set to value, or removed if value is NULL.
 * Returns 0 with the new text in *out (length *outlen; must be freed), or
 * -1 with a cause.
 */
int	 config_edit(const char *text, size_t len, const char *name,
	    const char *key, const char *value, char **out, size_t *outlen,
	    char **cause);

#endif
