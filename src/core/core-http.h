/*
 * HTTP for the model engines, through libcurl. One request at a time per
 * call, run on curl's multi interface so that a readable cancel file
 * descriptor (a signal handler's or a UI's self-pipe) stops it at once.
 * The body of a successful answer is handed over as it arrives (a
 * stream); the body of any other answer is collected, capped, for the
 * error message.
 *
 * libcurl is loaded with dlopen() the first time a request is made: it
 * drags in some thirty libraries, which would add several milliseconds to
 * every start of jumbo, most of which never talk to a model.
 */
#ifndef CORE_HTTP_H
#define CORE_HTTP_H

#include <stddef.h>

#include "util-buf.h"

/* The most of an error answer's body kept. */
#define HTTP_ERROR_BODY_MAX	(64 * 1024)
/* The most of a collected (not streamed) answer kept. */
#define HTTP_COLLECT_MAX	(8 * 1024 * 1024)

/* Body bytes of a 2xx answer. Returns 0 to go on, non-zero to stop. */
typedef int (*http_data_cb)(const char *, size_t, void *);

struct http_request {
	const char		*method;	/* "GET" or "POST" */
	const char		*url;
	const char *const	*headers;	/* "Name: value", NULL-terminated */
	const char		*body;		/* POST only */
	size_t			 body_len;
	long			 connect_timeout;	/* seconds */
	long			 read_timeout;	/* seconds without a byte */
	int			 cancel_fd;	/* readable: stop; -1 for none */
	http_data_cb		 on_data;	/* NULL: collect the body */
	void			*arg;
};

struct http_response {
	long		 status;	/* 0 when no answer came */
	char		*content_type;	/* or NULL */
	long		 retry_after;	/* seconds from Retry-After, or -1 */
	struct buf	 body;		/* collected or error body */
	int		 cancelled;	/* the cancel fd became readable */
	int		 stopped;	/* on_data asked to stop */
	size_t		 received;	/* body bytes of the answer */
};

/*
 * Start loading libcurl on a thread of its own, so that a turn that will
 * talk to a model finds it loaded by the time it asks: the loading
 * (some 6 ms) overlaps the turn's own work. http_run() waits for it;
 * so must whoever is about to end the process without a request, which
 * http_preload_wait() does (session_close calls it).
 */
void	 http_preload(void);
void	 http_preload_wait(void);

/*
 * Make a request. Returns 0 when an answer came in full (whatever its
 * status), was stopped by on_data, or was cancelled; -1 with *cause (a
 * sentence naming the host and, for timeouts, the config key) when there
 * was no answer or it broke off. Free the response with
 * http_response_free() either way.
 */
int	 http_run(const struct http_request *, struct http_response *,
	    char **cause);
void	 http_response_free(struct http_response *);

/*
 * Whether something accepts TCP connections at host:port within
 * timeout_ms. A plain socket, without loading libcurl: the automatic
 * engine choice asks it of Ollama on every start.
 */
int	 http_reachable(const char *host, int port, int timeout_ms);

#endif
