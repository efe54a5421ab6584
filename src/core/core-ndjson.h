/*
 * An incremental reader of newline-delimited JSON (one JSON value a line),
 * as Ollama's native /api/chat streams its reply. Bytes arrive cut
 * anywhere; each complete non-blank line is handed to a callback as text,
 * which the caller parses (cJSON). It does no I/O and no JSON parsing.
 */
#ifndef CORE_NDJSON_H
#define CORE_NDJSON_H

#include <stddef.h>

#include "util-buf.h"

/* The longest line read by default: 1 MiB, line end not counted. */
#define NDJSON_MAX_LINE	(1024 * 1024)

/*
 * One line, without its LF or CRLF, NUL-terminated and valid only during
 * the call. Returns 0 to go on reading, or non-zero to stop.
 */
typedef int (*ndjson_line_cb)(const char *line, size_t len, void *);

struct ndjson_reader {
	struct buf	 line;		/* the line being read */
	size_t		 max_line;
	int		 failed;
};

/* Set up a reader taking lines of at most max_line bytes (0: the default). */
void	 ndjson_init(struct ndjson_reader *, size_t max_line);

/*
 * Read n more bytes, calling on_line for each non-blank line completed (a
 * line of only spaces, tabs and CRs is skipped). Returns 0 when all bytes
 * were read; the callback's value when it returned non-zero (the rest of
 * p is then not read); or -1 with *cause set (result must be freed) when a
 * line is too long. After -1 the reader refuses further input.
 */
int	 ndjson_feed(struct ndjson_reader *, const char *p, size_t n,
	    ndjson_line_cb on_line, void *arg, char **cause);

/*
 * The stream has ended: hand over a last line that had no newline. The
 * reader is then empty. Returns as ndjson_feed().
 */
int	 ndjson_finish(struct ndjson_reader *, ndjson_line_cb on_line,
	    void *arg, char **cause);

/* Free the reader's memory. */
void	 ndjson_free(struct ndjson_reader *);

#endif
