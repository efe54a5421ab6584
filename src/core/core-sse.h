/*
 * An incremental reader of Server-Sent Events (the WHATWG event stream
 * format, text/event-stream), as OpenAI-compatible servers and Anthropic
 * stream their replies. The network hands over bytes cut anywhere, even
 * inside a UTF-8 sequence or between the CR and LF of one line end; the
 * reader keeps what it needs between calls and reports each complete event
 * through a callback. It does no I/O of its own.
 */
#ifndef CORE_SSE_H
#define CORE_SSE_H

#include <stddef.h>

#include "util-buf.h"

/* The longest line read by default: 1 MiB, line end not counted. */
#define SSE_MAX_LINE	(1024 * 1024)

/*
 * One event, valid only during the callback. type is "message" when the
 * stream gave no "event:" field; data is the "data:" lines joined with
 * "\n", NUL-terminated (data_len counts bytes and may pass a NUL in the
 * data); id is the last event ID seen on the stream ("" when none). The
 * bytes are passed on as they came: no UTF-8 check, no JSON decoding.
 * incomplete is set for an event sse_finish() flushed without its blank
 * line. comment is set only for a comment line reported because the
 * reader asked for comments: type is then NULL and data is the text after
 * the ':' (one leading space removed).
 */
struct sse_event {
	const char	*type;
	const char	*data;
	size_t		 data_len;
	const char	*id;
	long		 retry;		/* last "retry:" in ms; -1 when none */
	int		 incomplete;
	int		 comment;
};

/* Returns 0 to go on reading, or non-zero to stop. */
typedef int (*sse_event_cb)(const struct sse_event *, void *);

struct sse_reader {
	struct buf	 line;		/* the line being read, no line end */
	struct buf	 data;		/* data lines of the event so far */
	struct buf	 type;		/* "event:" value of the event so far */
	struct buf	 id;		/* last event ID; kept across events */
	size_t		 max_line;
	long		 retry;
	size_t		 bom_seen;	/* bytes of a leading BOM matched */
	int		 bom_done;	/* past the start of the stream */
	int		 after_cr;	/* last byte read was a CR */
	int		 has_data;	/* the event has had a data line */
	int		 comments;	/* report comment lines */
	int		 failed;
};

/*
 * Set up a reader taking lines of at most max_line bytes (0 for
 * SSE_MAX_LINE). The data of one event is held to the same limit.
 */
void	 sse_init(struct sse_reader *, size_t max_line);

/* Report comment lines (": OPENROUTER PROCESSING") as events too. */
void	 sse_report_comments(struct sse_reader *, int on);

/*
 * Read n more bytes of the stream, calling on_event for each event
 * completed. Returns 0 when all bytes were read; the callback's value when
 * it returned non-zero (the rest of p is then not read: the caller is
 * done with the stream); or -1 with *cause set (result must be freed) when
 * the stream breaks a limit. After -1 the reader refuses further input.
 */
int	 sse_feed(struct sse_reader *, const char *p, size_t n,
	    sse_event_cb on_event, void *arg, char **cause);

/*
 * The stream has ended: read a last line that had no line end, and report
 * an event that had no blank line after it, marked incomplete. The reader
 * may then read a new stream (a reconnection): only the last event ID and
 * retry time are kept. Returns as sse_feed().
 */
int	 sse_finish(struct sse_reader *, sse_event_cb on_event, void *arg,
	    char **cause);

/* Free the reader's memory. */
void	 sse_free(struct sse_reader *);

#endif
