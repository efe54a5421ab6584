/*
 * Lookup of the data files compiled in from data/.
 */
#include <string.h>

#include "core-data.h"
#include "util-xmalloc.h"

const char *
data_file(const char *name, size_t *len, char **cause)
{
	const struct data_embedded	*d;

	for (d = data_embedded; d->name != NULL; d++) {
		if (strcmp(d->name, name) == 0) {
			if (len != NULL)
				*len = d->len;
			return ((const char *)d->data);
		}
	}
	xasprintf(cause, "data file %s is missing from this build of jumbo",
	    name);
	return (NULL);
}
