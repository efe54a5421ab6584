/*
 * libFuzzer target for the name detector: any bytes (not NUL-terminated,
 * not necessarily UTF-8) go through name_detect(), asked and not, and
 * name_normalize(). A name found must be valid UTF-8, at most 64 bytes,
 * and already in the form name_normalize() gives it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core-name.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Check the promises a detected name makes. */
static void
check_name(const char *name)
{
	char	*normal;

	if (strlen(name) == 0 || strlen(name) > 64 ||
	    !utf8_valid(name, strlen(name)))
		abort();
	if ((normal = name_normalize(name)) == NULL ||
	    strcmp(normal, name) != 0)
		abort();
	free(normal);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*text, *name, *normal;
	int	 asked;

	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';

	for (asked = 0; asked <= 1; asked++) {
		if (name_detect(text, asked, &name)) {
			if (name == NULL)
				abort();
			check_name(name);
			free(name);
		} else if (name != NULL)
			abort();
	}
	if ((normal = name_normalize(text)) != NULL) {
		if (strlen(normal) > 64 || !utf8_valid(normal, strlen(normal)))
			abort();
		free(normal);
	}

	free(text);
	return (0);
}
