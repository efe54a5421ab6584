/*
 * The JSON Lines of `jumbo import` and `jumbo export`: one message a
 * line, read with cJSON into a struct import_record and written back by
 * hand, so the bytes of an export are fixed:
 *
 *   {"id":"m1","conversation":"c1","role":"user","speaker":"Caroline",
 *    "text":"...","time":"2023-05-08T13:56:00Z","attachment":"..."}
 *
 * compact, fields in that order, non-ASCII UTF-8 as it is, and only the
 * escapes a JSON string needs. A field the record lacks is left out (id,
 * conversation, time, attachment) or written as null (speaker), and an
 * empty speaker or attachment reads as none, so for every record that
 * parses, format(parse(format(r))) is format(r) byte for byte.
 *
 * Parsing is strict about what jumbo stores and lenient about the rest:
 * unknown fields are ignored, optional fields may be null, but a field of
 * the wrong type, a repeated field, text that is not UTF-8 or holds a NUL
 * character, an empty text or a time that is not RFC 3339 is refused with
 * a cause naming the field. The caller adds the file and line number.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core-import.h"
#include "util-buf.h"
#include "util-json.h"
#include "util-str.h"
#include "util-time.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#define IMPORT_MAX_ID	200	/* bytes of an id or conversation id */
#define IMPORT_QUOTE	40	/* bytes of a bad value quoted in a cause */

/* What a JSON value is, for "must be a string, not a number". */
static const char *
import_type_name(const cJSON *item)
{
	if (cJSON_IsNumber(item))
		return ("a number");
	if (cJSON_IsBool(item))
		return ("a boolean");
	if (cJSON_IsNull(item))
		return ("null");
	if (cJSON_IsArray(item))
		return ("an array");
	if (cJSON_IsObject(item))
		return ("an object");
	return ("a string");
}

/*
 * A short quote of a value for a cause: the first IMPORT_QUOTE bytes (cut
 * at a character boundary) as a JSON string, then "..." if it was longer.
 * Result must be freed.
 */
static char *
import_quote(const char *value)
{
	struct buf	 b;
	char		*copy;
	size_t		 n;

	n = strlen(value);
	if (n > IMPORT_QUOTE) {
		n = IMPORT_QUOTE;
		while (n > 0 && ((unsigned char)value[n] & 0xc0) == 0x80)
			n--;
	}
	copy = xstrndup(value, n);
	buf_init(&b, 0);
	json_write_string(&b, copy);
	if (value[n] != '\0')
		buf_addstr(&b, "...");
	free(copy);
	return (buf_detach(&b));
}

/*
 * Whether the text of a parsed line has a \u0000 escape: cJSON would cut
 * the string there without a word, losing the rest of the message. Only
 * called on text cJSON accepted, so a backslash always starts an escape.
 */
static int
import_has_nul_escape(const char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (p[i] != '\\')
			continue;
		if (i + 6 <= len && p[i + 1] == 'u' &&
		    memcmp(p + i + 2, "0000", 4) == 0)
			return (1);
		i++;
	}
	return (0);
}

/*
 * Look up the string field name in object o. Returns 0 with *out set to
 * the string, or NULL when the field is absent (or null and nullable is
 * set); or -1 with a cause when it is of another type, repeated, or not
 * valid UTF-8.
 */
static int
import_get_string(const cJSON *o, const char *name, int nullable,
    const char **out, char **cause)
{
	const cJSON	*item, *found = NULL;

	*out = NULL;
	cJSON_ArrayForEach(item, o) {
		if (item->string == NULL || strcmp(item->string, name) != 0)
			continue;
		if (found != NULL) {
			xcause(cause, "field \"%s\" appears more than "
			    "once", name);
			return (-1);
		}
		found = item;
	}
	if (found == NULL || (nullable && cJSON_IsNull(found)))
		return (0);
	if (!cJSON_IsString(found) || found->valuestring == NULL) {
		if (strcmp(name, "time") == 0) {
			xcause(cause, "field \"time\" must be an RFC "
			    "3339 string such as \"2023-05-08T13:56:00Z\", "
			    "not %s", import_type_name(found));
		} else {
			xcause(cause, "field \"%s\" must be a string%s, "
			    "not %s", name, nullable ? " or null" : "",
			    import_type_name(found));
		}
		return (-1);
	}
	if (!utf8_valid(found->valuestring, strlen(found->valuestring))) {
		xcause(cause, "field \"%s\" is not valid UTF-8", name);
		return (-1);
	}
	*out = found->valuestring;
	return (0);
}

/* Check an id-like field: not empty, at most IMPORT_MAX_ID bytes. */
static int
import_check_id(const char *name, const char *value, char **cause)
{
	if (value == NULL)
		return (0);
	if (*value == '\0') {
		xcause(cause, "field \"%s\" is empty", name);
		return (-1);
	}
	if (strlen(value) > IMPORT_MAX_ID) {
		xcause(cause, "field \"%s\" is longer than %d bytes",
		    name, IMPORT_MAX_ID);
		return (-1);
	}
	return (0);
}

/* Whether the date at the start of s (YYYY-MM-DD) names a real day. */
static int
import_real_date(const char *s)
{
	static const int	 days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			 y, m, d, leap;

	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return (d <= days[m - 1] + (m == 2 && leap));
}

/*
 * Parse the time field value into *out. It must be RFC 3339, a real
 * date, and a time export can write back (time_format and time_parse
 * agree on it). Returns 0, or -1 with a cause quoting the value.
 */
static int
import_parse_time(const char *value, int64_t *out, char **cause)
{
	char	 again[TIME_BUFSIZE], *quote;
	int64_t	 t, check;

	if (time_parse(value, &t) != 0 || !import_real_date(value)) {
		quote = import_quote(value);
		xcause(cause, "field \"time\" is not an RFC 3339 time "
		    "(%s)", quote);
		free(quote);
		return (-1);
	}
	time_format(t, again, sizeof again);
	if (time_parse(again, &check) != 0 || check != t) {
		quote = import_quote(value);
		xcause(cause, "field \"time\" is out of range (%s)",
		    quote);
		free(quote);
		return (-1);
	}
	*out = t;
	return (0);
}

/*
 * Fill rec from the fields of object o. Returns 0, or -1 with a cause;
 * rec may then hold some fields, which the caller clears.
 */
static int
import_fill(const cJSON *o, struct import_record *rec, char **cause)
{
	const char	*id, *conversation, *role, *speaker, *text, *time;
	const char	*attachment;

	if (import_get_string(o, "id", 1, &id, cause) != 0 ||
	    import_get_string(o, "conversation", 1, &conversation,
	    cause) != 0 ||
	    import_get_string(o, "role", 0, &role, cause) != 0 ||
	    import_get_string(o, "speaker", 1, &speaker, cause) != 0 ||
	    import_get_string(o, "text", 0, &text, cause) != 0 ||
	    import_get_string(o, "time", 1, &time, cause) != 0 ||
	    import_get_string(o, "attachment", 1, &attachment, cause) != 0)
		return (-1);

	if (import_check_id("id", id, cause) != 0 ||
	    import_check_id("conversation", conversation, cause) != 0)
		return (-1);
	if (role == NULL) {
		xcause(cause, "field \"role\" is missing");
		return (-1);
	}
	if (strcmp(role, "user") != 0 && strcmp(role, "assistant") != 0) {
		xcause(cause, "field \"role\" must be \"user\" or "
		    "\"assistant\"");
		return (-1);
	}
	if (text == NULL) {
		xcause(cause, "field \"text\" is missing");
		return (-1);
	}
	if (str_blank(text)) {
		xcause(cause, "field \"text\" is empty");
		return (-1);
	}
	if (time != NULL) {
		if (import_parse_time(time, &rec->time, cause) != 0)
			return (-1);
		rec->has_time = 1;
	}

	rec->id = id != NULL ? xstrdup(id) : NULL;
	rec->conversation = conversation != NULL ? xstrdup(conversation) :
	    NULL;
	rec->role = xstrdup(role);
	if (speaker != NULL && *speaker != '\0')
		rec->speaker = xstrdup(speaker);
	rec->text = xstrdup(text);
	if (attachment != NULL && *attachment != '\0')
		rec->attachment = xstrdup(attachment);
	return (0);
}

/*
 * Parse one line (len bytes, without its newline; a trailing '\r' and a
 * leading byte order mark are allowed). rec is overwritten: clear it
 * between lines. Returns 0 and fills rec, or -1 with *cause naming the
 * field at fault, and rec empty.
 */
int
import_parse_line(const char *line, size_t len, struct import_record *rec,
    char **cause)
{
	cJSON		*o;
	const char	*start, *end = NULL, *p;
	char		*copy;
	size_t		 n, skipped;

	if (rec == NULL) {
		xcause(cause, "no record to fill");
		return (-1);
	}
	memset(rec, 0, sizeof *rec);
	if (line == NULL)
		len = 0;
	start = line;
	n = len;
	if (n >= 3 && memcmp(start, "\xef\xbb\xbf", 3) == 0) {
		start += 3;
		n -= 3;
	}
	for (p = start; p < start + n; p++) {
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			break;
	}
	if (p == start + n) {
		xcause(cause, "empty line");
		return (-1);
	}
	if (memchr(start, '\0', n) != NULL) {
		xcause(cause, "line contains a NUL byte");
		return (-1);
	}

	/*
	 * cJSON reads a byte or two past the given length in places (its
	 * byte order mark check), so it gets a NUL-terminated copy.
	 */
	copy = xmalloc(n + 1);
	memcpy(copy, start, n);
	copy[n] = '\0';
	skipped = start - line;
	o = cJSON_ParseWithLengthOpts(copy, n, &end, 0);
	if (o == NULL) {
		if (end != NULL && end >= copy && end < copy + n)
			xcause(cause, "not valid JSON (at byte %zu)",
			    skipped + (size_t)(end - copy) + 1);
		else
			xcause(cause, "not valid JSON");
		free(copy);
		return (-1);
	}
	for (p = end; p != NULL && p < copy + n; p++) {
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
			xcause(cause, "text after the JSON object (at "
			    "byte %zu)", skipped + (size_t)(p - copy) + 1);
			goto fail;
		}
	}
	if (!cJSON_IsObject(o)) {
		xcause(cause, "not a JSON object");
		goto fail;
	}
	if (import_has_nul_escape(copy, n)) {
		xcause(cause, "line contains \\u0000, a NUL character, "
		    "which jumbo cannot store");
		goto fail;
	}
	if (import_fill(o, rec, cause) != 0) {
		import_record_clear(rec);
		goto fail;
	}
	cJSON_Delete(o);
	free(copy);
	return (0);

fail:
	cJSON_Delete(o);
	free(copy);
	return (-1);
}

/*
 * Append s as a JSON string. Valid UTF-8 goes through json_write_string;
 * invalid bytes, which no record that parsed can hold but one from
 * elsewhere might, become U+FFFD so the line is still valid JSON.
 */
static void
import_write_string(struct buf *b, const char *s)
{
	struct buf	 clean;
	uint32_t	 cp;
	size_t		 n, used;

	n = strlen(s);
	if (utf8_valid(s, n)) {
		json_write_string(b, s);
		return;
	}
	buf_init(&clean, 0);
	while (n > 0) {
		if ((used = utf8_decode(s, n, &cp)) == 0) {
			buf_addstr(&clean, "\xef\xbf\xbd");
			used = 1;
		} else
			buf_add(&clean, s, used);
		s += used;
		n -= used;
	}
	json_write_string(b, buf_str(&clean));
	buf_free(&clean);
}

/*
 * One export line for rec, without a newline: fields in the fixed order,
 * compact. A NULL role or text is written as "" (such a record does not
 * parse back). Result must be freed; NULL if rec is NULL.
 */
char *
import_format_line(const struct import_record *rec)
{
	struct buf	b;
	char		t[TIME_BUFSIZE];

	if (rec == NULL)
		return (NULL);
	buf_init(&b, 0);
	buf_addc(&b, '{');
	if (rec->id != NULL) {
		buf_addstr(&b, "\"id\":");
		import_write_string(&b, rec->id);
		buf_addc(&b, ',');
	}
	if (rec->conversation != NULL) {
		buf_addstr(&b, "\"conversation\":");
		import_write_string(&b, rec->conversation);
		buf_addc(&b, ',');
	}
	buf_addstr(&b, "\"role\":");
	import_write_string(&b, rec->role != NULL ? rec->role : "");
	buf_addstr(&b, ",\"speaker\":");
	if (rec->speaker != NULL && *rec->speaker != '\0')
		import_write_string(&b, rec->speaker);
	else
		buf_addstr(&b, "null");
	buf_addstr(&b, ",\"text\":");
	import_write_string(&b, rec->text != NULL ? rec->text : "");
	if (rec->has_time) {
		time_format(rec->time, t, sizeof t);
		buf_printf(&b, ",\"time\":\"%s\"", t);
	}
	if (rec->attachment != NULL && *rec->attachment != '\0') {
		buf_addstr(&b, ",\"attachment\":");
		import_write_string(&b, rec->attachment);
	}
	buf_addc(&b, '}');
	return (buf_detach(&b));
}

/* Free the fields of rec and empty it; rec itself is the caller's. */
void
import_record_clear(struct import_record *rec)
{
	if (rec == NULL)
		return;
	free(rec->id);
	free(rec->conversation);
	free(rec->role);
	free(rec->speaker);
	free(rec->text);
	free(rec->attachment);
	memset(rec, 0, sizeof *rec);
}
