/*
 * libFuzzer target for the config parser and editor. Every input is
 * parsed; when it parses, the parsed config must be self-consistent, and
 * setting or removing a key with config_edit() must give a text that
 * parses to the same entries but that one. The first byte picks the key;
 * with its high bit set, the last bytes are the value (for a key that
 * takes any text), so quoting is tried on arbitrary strings.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-config.h"
#include "util-xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A valid value for each known key, in config_known_keys() order. */
static const char *const fuzz_values[] = {
	"openai:gpt-4o-mini", "builtin", "ollama:llama3.1:8b", "never",
	"1000", "https://example.com/v1", "sk-test", "pass show openai",
	"127.0.0.1:11434", "https://api.anthropic.com", " spaced \"key\" ",
	"cat ~/.key", "5", "60", "https://jumbo.example.org"
};

/*
 * Edit key in text and check the result; any_value says the value may
 * be one config_edit refuses (arbitrary bytes).
 */
static void
fuzz_check_edit(const struct config *cf, const char *text, size_t len,
    const char *key, const char *value, int any_value)
{
	struct config	*after;
	char		*out, *cause = NULL;
	size_t		 outlen, i, j;

	if (config_edit(text, len, "fuzz", key, value, &out, &outlen,
	    &cause) != 0) {
		/* Only size can stop an edit of a text that parsed. */
		if (!any_value && strstr(cause, "larger than 1 MB") == NULL &&
		    strstr(cause, "too long") == NULL) {
			fprintf(stderr, "edit failed: %s\n", cause);
			abort();
		}
		free(cause);
		return;
	}
	if (config_parse(out, outlen, "fuzz", NULL, &after, &cause) != 0) {
		if (strstr(cause, "larger than 1 MB") != NULL) {
			free(cause);
			free(out);
			return;
		}
		fprintf(stderr, "edited text does not parse: %s\n", cause);
		abort();
	}
	if (value == NULL ? config_get(after, key) != NULL :
	    config_get(after, key) == NULL ||
	    strcmp(config_get(after, key), value) != 0) {
		fprintf(stderr, "edit of %s lost its value\n", key);
		abort();
	}
	/* Every other entry is there, in the same order. */
	j = 0;
	for (i = 0; i < config_count(cf); i++) {
		if (strcmp(config_key(cf, i), key) == 0)
			continue;
		while (j < config_count(after) &&
		    strcmp(config_key(after, j), key) == 0)
			j++;
		if (j == config_count(after) ||
		    strcmp(config_key(cf, i), config_key(after, j)) != 0 ||
		    strcmp(config_value(cf, i), config_value(after, j)) != 0) {
			fprintf(stderr, "edit of %s changed %s\n", key,
			    config_key(cf, i));
			abort();
		}
		j++;
	}
	config_free(after);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *const	*keys = config_known_keys();
	struct config		*cf;
	char			*text, *cause = NULL, *value;
	const char		*key;
	size_t			 i, nkeys, vlen;

	/* An exact-size copy without a NUL, so over-reads are caught. */
	text = xmalloc(size == 0 ? 1 : size);
	memcpy(text, data, size);
	if (config_parse(text, size, "fuzz", NULL, &cf, &cause) != 0) {
		free(cause);
		free(text);
		return (0);
	}
	for (i = 0; i < config_count(cf); i++) {
		if (config_get(cf, config_key(cf, i)) != config_value(cf, i))
			abort();
	}

	for (nkeys = 0; keys[nkeys] != NULL; nkeys++)
		;
	key = keys[size == 0 ? 0 : data[0] % nkeys];
	if (size > 0 && (data[0] & 0x80)) {
		key = "openai.api_key_cmd";
		vlen = size < 48 ? size : 48;
		value = xmalloc(vlen + 1);
		memcpy(value, data + size - vlen, vlen);
		value[vlen] = '\0';
		if (strlen(value) == vlen)
			fuzz_check_edit(cf, text, size, key, value, 1);
	} else {
		value = xstrdup(fuzz_values[size == 0 ? 0 : data[0] % nkeys]);
		fuzz_check_edit(cf, text, size, key, value, 0);
	}
	fuzz_check_edit(cf, text, size, key, NULL, 0);

	free(value);
	config_free(cf);
	free(text);
	return (0);
}
