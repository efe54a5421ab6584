/*
 * Newline-delimited JSON, read incrementally.
 *
 * Bytes are collected into the current line (a size-capped struct buf)
 * until an LF. A CR just before the LF belongs to the line end and is
 * removed; a CR elsewhere is left to the JSON parser, which takes it as
 * white space. Lines of white space only are skipped, so keep-alive
 * newlines and a final blank line cost nothing. The buffer's cap is one
 * byte more than the longest line, to leave room for the CR of a CRLF
 * until the LF shows whether it was one.
 */
#include <stdlib.h>
#include <string.h>

#include "core-ndjson.h"
#include "util-buf.h"
#include "util-xmalloc.h"

void
ndjson_init(struct ndjson_reader *r, size_t max_line)
{
	memset(r, 0, sizeof *r);
	r->max_line = max_line == 0 ? NDJSON_MAX_LINE : max_line;
	buf_init(&r->line, r->max_line + 1);
}

void
ndjson_free(struct ndjson_reader *r)
{
	buf_free(&r->line);
}

/* Mark the reader broken and say why. Returns -1. */
static int
ndjson_fail(struct ndjson_reader *r, char **cause)
{
	r->failed = 1;
	if (cause != NULL) {
		xasprintf(cause, "JSON stream line longer than %zu bytes "
		    "(the limit)", r->max_line);
	}
	return (-1);
}

/* Is this line only spaces, tabs and CRs? */
static int
ndjson_blank(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return (0);
	}
	return (1);
}

/*
 * Hand over the line in the buffer, its CR removed, and empty the buffer.
 * Returns 0, the callback's value, or -1 with *cause set.
 */
static int
ndjson_line(struct ndjson_reader *r, ndjson_line_cb on_line, void *arg,
    char **cause)
{
	size_t	len = r->line.len;
	int	ret = 0;

	if (len != 0 && r->line.data[len - 1] == '\r')
		len--;
	if (len > r->max_line)
		return (ndjson_fail(r, cause));
	if (!ndjson_blank(buf_str(&r->line), len) && on_line != NULL) {
		r->line.data[len] = '\0';
		ret = on_line(r->line.data, len, arg);
	}
	buf_reset(&r->line);
	return (ret);
}

/* Check the reader and input of a call. Returns 0 or -1 with *cause set. */
static int
ndjson_check(struct ndjson_reader *r, const char *p, size_t n, char **cause)
{
	if (cause != NULL)
		*cause = NULL;
	if (r == NULL || (p == NULL && n != 0)) {
		if (cause != NULL)
			*cause = xstrdup("no JSON stream reader or input");
		return (-1);
	}
	if (r->failed) {
		if (cause != NULL)
			*cause = xstrdup("JSON stream reader already failed");
		return (-1);
	}
	return (0);
}

int
ndjson_feed(struct ndjson_reader *r, const char *p, size_t n,
    ndjson_line_cb on_line, void *arg, char **cause)
{
	const char	*end;
	size_t		 take;
	int		 ret;

	if (ndjson_check(r, p, n, cause) != 0)
		return (-1);
	while (n != 0) {
		end = memchr(p, '\n', n);
		take = end != NULL ? (size_t)(end - p) : n;
		if (buf_add(&r->line, p, take) != 0)
			return (ndjson_fail(r, cause));
		if (end == NULL)
			break;
		p += take + 1;
		n -= take + 1;
		if ((ret = ndjson_line(r, on_line, arg, cause)) != 0)
			return (ret);
	}
	return (0);
}

int
ndjson_finish(struct ndjson_reader *r, ndjson_line_cb on_line, void *arg,
    char **cause)
{
	if (ndjson_check(r, "", 0, cause) != 0)
		return (-1);
	if (r->line.len == 0)
		return (0);
	return (ndjson_line(r, on_line, arg, cause));
}
