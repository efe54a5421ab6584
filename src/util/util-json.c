/*
 * Thin helpers on cJSON. cJSON's own output is used for objects; the
 * string writer here is for the few places that stream JSON by hand.
 */
#include <stdio.h>
#include <stdlib.h>

#include "util-json.h"
#include "util-xmalloc.h"

/* The string value of key in object o, or NULL if missing or not a string. */
const char *
json_get_string(const cJSON *o, const char *key)
{
	const cJSON	*v;

	v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsString(v))
		return (NULL);
	return (v->valuestring);
}

/* The number value of key in o. Returns 0, or -1 if missing or not a number. */
int
json_get_number(const cJSON *o, const char *key, double *out)
{
	const cJSON	*v;

	v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsNumber(v))
		return (-1);
	*out = v->valuedouble;
	return (0);
}

/* Compact text of o. Result must be freed (with free). */
char *
json_print(const cJSON *o)
{
	char	*s;

	if ((s = cJSON_PrintUnformatted(o)) == NULL) {
		fprintf(stderr, "jumbo: out of memory (JSON output)\n");
		abort();
	}
	return (s);
}

cJSON *
json_add_string_or_null(cJSON *o, const char *key, const char *value)
{
	if (value == NULL)
		return (cJSON_AddNullToObject(o, key));
	return (cJSON_AddStringToObject(o, key, value));
}

/* Append s to b as a JSON string literal, quotes included. */
void
json_write_string(struct buf *b, const char *s)
{
	const unsigned char	*p;

	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			buf_addstr(b, "\\\"");
			break;
		case '\\':
			buf_addstr(b, "\\\\");
			break;
		case '\n':
			buf_addstr(b, "\\n");
			break;
		case '\r':
			buf_addstr(b, "\\r");
			break;
		case '\t':
			buf_addstr(b, "\\t");
			break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}
