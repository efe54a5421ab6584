/*
 * JSON helpers over cJSON: typed field access for parsers of outside
 * input, and compact one-line output for --json.
 */
#ifndef UTIL_JSON_H
#define UTIL_JSON_H

#include <cjson/cJSON.h>

#include "util-buf.h"

const char *json_get_string(const cJSON *, const char *);
int	 json_get_number(const cJSON *, const char *, double *);
char	*json_print(const cJSON *);
cJSON	*json_add_string_or_null(cJSON *, const char *, const char *);
void	 json_write_string(struct buf *, const char *);

#endif
