/*
 * Server-Sent Events, read incrementally (WHATWG HTML, "Server-sent
 * events", the event stream interpretation).
 *
 * Bytes arrive in chunks cut anywhere. They are collected into the
 * current line (a size-capped struct buf) until a line end: LF, CRLF or a
 * lone CR. A CR ending one chunk may be followed by the LF of the same
 * line end at the start of the next, so after_cr remembers it and that LF
 * is skipped. Line ends are plain ASCII bytes that never occur inside a
 * UTF-8 sequence, so a sequence cut between chunks simply continues in the
 * line buffer. A UTF-8 BOM is skipped only at the very start of the
 * stream, even when it is itself cut between chunks.
 *
 * Each complete line is then one of:
 *
 *	(empty)		dispatch the event built so far
 *	:text		a comment, ignored unless the caller asked for them
 *	field:value	with one optional space after the colon
 *	field		the whole line names the field, the value is empty
 *
 * Known fields are "event" (the type, cut at a NUL), "data" (appended,
 * lines joined by LF), "id" (the last event ID, ignored if it contains a
 * NUL) and "retry" (digits only); others are ignored. An event with no
 * data line is not dispatched, only forgotten; the type defaults to
 * "message". The last event ID and retry time outlive the event, as the
 * spec has them.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core-sse.h"
#include "util-buf.h"
#include "util-xmalloc.h"

static const unsigned char sse_bom[3] = { 0xef, 0xbb, 0xbf };

void
sse_init(struct sse_reader *r, size_t max_line)
{
	memset(r, 0, sizeof *r);
	r->max_line = max_line == 0 ? SSE_MAX_LINE : max_line;
	buf_init(&r->line, r->max_line);
	buf_init(&r->data, r->max_line);
	buf_init(&r->type, r->max_line);
	buf_init(&r->id, r->max_line);
	r->retry = -1;
}

void
sse_report_comments(struct sse_reader *r, int on)
{
	r->comments = on;
}

void
sse_free(struct sse_reader *r)
{
	buf_free(&r->line);
	buf_free(&r->data);
	buf_free(&r->type);
	buf_free(&r->id);
}

/* Mark the reader broken and say why. Returns -1. */
static int
sse_fail(struct sse_reader *r, char **cause, const char *what)
{
	r->failed = 1;
	if (cause != NULL) {
		xasprintf(cause, "event stream %s longer than %zu bytes "
		    "(the limit)", what, r->max_line);
	}
	return (-1);
}

/* Forget the event being built; the last event ID stays. */
static void
sse_clear_event(struct sse_reader *r)
{
	buf_reset(&r->data);
	buf_reset(&r->type);
	r->has_data = 0;
}

/*
 * Report the event built so far, if it has data, and start the next.
 * Returns the callback's value, or 0.
 */
static int
sse_dispatch(struct sse_reader *r, int incomplete, sse_event_cb on_event,
    void *arg)
{
	struct sse_event	ev;
	int			ret = 0;

	if (r->has_data && on_event != NULL) {
		memset(&ev, 0, sizeof ev);
		ev.type = r->type.len != 0 ? buf_str(&r->type) : "message";
		ev.data = buf_str(&r->data);
		ev.data_len = r->data.len;
		ev.id = buf_str(&r->id);
		ev.retry = r->retry;
		ev.incomplete = incomplete;
		ret = on_event(&ev, arg);
	}
	sse_clear_event(r);
	return (ret);
}

/* Read "retry:": only ASCII digits count; anything else is ignored. */
static void
sse_set_retry(struct sse_reader *r, const char *value, size_t len)
{
	long	retry = 0;
	size_t	i;

	if (len == 0)
		return;
	for (i = 0; i < len; i++) {
		if (value[i] < '0' || value[i] > '9')
			return;
		if (retry > (LONG_MAX - (value[i] - '0')) / 10)
			return;
		retry = retry * 10 + (value[i] - '0');
	}
	r->retry = retry;
}

/*
 * Act on one complete line (the line buffer, line end removed). Returns 0,
 * the callback's value, or -1 with *cause set.
 */
static int
sse_line(struct sse_reader *r, sse_event_cb on_event, void *arg,
    char **cause)
{
	const char		*line = buf_str(&r->line), *value, *colon, *nul;
	size_t			 len = r->line.len, name_len, value_len;
	struct sse_event	 ev;

	if (len == 0)
		return (sse_dispatch(r, 0, on_event, arg));

	colon = memchr(line, ':', len);
	if (colon != NULL) {
		name_len = (size_t)(colon - line);
		value = colon + 1;
		value_len = len - name_len - 1;
		if (value_len != 0 && *value == ' ') {
			value++;
			value_len--;
		}
	} else {
		name_len = len;
		value = line + len;
		value_len = 0;
	}

	if (name_len == 0) {
		if (!r->comments || on_event == NULL)
			return (0);
		memset(&ev, 0, sizeof ev);
		ev.data = value;
		ev.data_len = value_len;
		ev.id = buf_str(&r->id);
		ev.retry = r->retry;
		ev.comment = 1;
		return (on_event(&ev, arg));
	}

	if (name_len == 5 && memcmp(line, "event", 5) == 0) {
		/* The type is a C string: it ends at a NUL. */
		if ((nul = memchr(value, '\0', value_len)) != NULL)
			value_len = (size_t)(nul - value);
		buf_reset(&r->type);
		buf_add(&r->type, value, value_len);
	} else if (name_len == 4 && memcmp(line, "data", 4) == 0) {
		if (r->has_data && buf_addc(&r->data, '\n') != 0)
			return (sse_fail(r, cause, "event data"));
		if (buf_add(&r->data, value, value_len) != 0)
			return (sse_fail(r, cause, "event data"));
		r->has_data = 1;
	} else if (name_len == 2 && memcmp(line, "id", 2) == 0) {
		if (memchr(value, '\0', value_len) == NULL) {
			buf_reset(&r->id);
			buf_add(&r->id, value, value_len);
		}
	} else if (name_len == 5 && memcmp(line, "retry", 5) == 0)
		sse_set_retry(r, value, value_len);
	return (0);
}

/*
 * Put the bytes of a partial BOM that turned out to be text into the line.
 * At most 2 bytes, they pass any cap but an absurdly small one, which then
 * drops them.
 */
static void
sse_add_bom(struct sse_reader *r)
{
	if (r->bom_seen != 0)
		(void)buf_add(&r->line, sse_bom, r->bom_seen);
}

/*
 * Read the bytes of p that may be part of a leading BOM. Returns how many
 * were taken; a partial BOM that turns out to be text goes to the line.
 */
static size_t
sse_skip_bom(struct sse_reader *r, const char *p, size_t n)
{
	size_t	used = 0;

	while (!r->bom_done && used < n) {
		if ((unsigned char)p[used] == sse_bom[r->bom_seen]) {
			used++;
			if (++r->bom_seen == sizeof sse_bom)
				r->bom_done = 1;
			continue;
		}
		r->bom_done = 1;
		sse_add_bom(r);
	}
	return (used);
}

int
sse_feed(struct sse_reader *r, const char *p, size_t n,
    sse_event_cb on_event, void *arg, char **cause)
{
	size_t	i, start;
	int	ret;

	if (cause != NULL)
		*cause = NULL;
	if (r == NULL || (p == NULL && n != 0)) {
		if (cause != NULL)
			*cause = xstrdup("no event stream reader or input");
		return (-1);
	}
	if (r->failed) {
		if (cause != NULL)
			*cause = xstrdup("event stream reader already failed");
		return (-1);
	}

	i = sse_skip_bom(r, p, n);
	if (i != 0 && i == n)
		return (0);
	if (r->after_cr && i < n) {
		r->after_cr = 0;
		if (p[i] == '\n')
			i++;
	}

	start = i;
	for (; i < n; i++) {
		if (p[i] != '\n' && p[i] != '\r')
			continue;
		if (buf_add(&r->line, p + start, i - start) != 0)
			return (sse_fail(r, cause, "line"));
		if (p[i] == '\r') {
			if (i + 1 == n)
				r->after_cr = 1;
			else if (p[i + 1] == '\n')
				i++;
		}
		start = i + 1;
		ret = sse_line(r, on_event, arg, cause);
		buf_reset(&r->line);
		if (ret != 0)
			return (ret);
	}
	if (buf_add(&r->line, p + start, n - start) != 0)
		return (sse_fail(r, cause, "line"));
	return (0);
}

int
sse_finish(struct sse_reader *r, sse_event_cb on_event, void *arg,
    char **cause)
{
	int	ret = 0;

	if (cause != NULL)
		*cause = NULL;
	if (r == NULL) {
		if (cause != NULL)
			*cause = xstrdup("no event stream reader");
		return (-1);
	}
	if (r->failed) {
		if (cause != NULL)
			*cause = xstrdup("event stream reader already failed");
		return (-1);
	}

	if (!r->bom_done)
		sse_add_bom(r);
	if (r->line.len != 0)
		ret = sse_line(r, on_event, arg, cause);
	if (ret == 0)
		ret = sse_dispatch(r, 1, on_event, arg);

	buf_reset(&r->line);
	sse_clear_event(r);
	r->bom_seen = 0;
	r->bom_done = 0;
	r->after_cr = 0;
	return (ret);
}
