/*
 * mock-llm: the language-model server jumbo's tests and benchmarks talk to.
 *
 * A small single-threaded HTTP/1.1 server on 127.0.0.1, on a port the
 * kernel picks (port 0). Once it listens it prints
 *
 *	listening on 127.0.0.1:PORT
 *
 * on standard output, so a test can read the port, then answers one
 * connection at a time until SIGTERM or SIGINT (exit status 0, whatever
 * it was doing). Every answer is a file from the fixture directory (or a
 * generated stream, below), picked by the method and path:
 *
 *	POST /v1/chat/completions	openai.sse	(OpenAI and friends)
 *	POST /api/chat			ollama.ndjson	(Ollama)
 *	POST /v1/messages		anthropic.sse	(Anthropic)
 *	GET  /v1/models			models.json
 *	GET  /api/tags			tags.json
 *
 * The first three are the chat routes; each has an analysis fixture too
 * (openai-analysis.sse, ollama-analysis.ndjson, anthropic-analysis.sse)
 * streaming one analysis JSON object as its text. Options:
 *
 *	-d DIR		the fixture directory (default .)
 *	-f NAME		the chat routes answer NAME (a fixture or
 *			gen:N) instead of their own fixture
 *	-j MARKER	a chat request whose body holds the bytes MARKER is
 *			answered with the route's analysis fixture
 *	-l LOG		append one JSON line a request to LOG: method,
 *			path, headers and body, so a test can check what
 *			jumbo sent
 *	-m MODE		the default mode (below; whole unless given)
 *	-t SECONDS	the idle timeout (10)
 *
 * A test steers one request with headers, so one server serves every case:
 *
 *	X-Mock-Fixture: NAME		answer with NAME instead
 *	X-Mock-Status: 429		answer that status (body: the fixture)
 *	X-Mock-Retry-After: 2		add Retry-After: 2
 *	X-Mock-Mode: MODE		how the body goes out (see below)
 *	X-Mock-Content-Type: TYPE	send this Content-Type
 *
 * A client that cannot send headers (jumbo itself) is steered ahead of
 * time through a queue, with control requests under /mock/:
 *
 *	POST /mock/next		append one entry to the queue: the
 *				X-Mock-* headers above, and a non-empty body
 *				is the answer's body verbatim (Content-Type
 *				X-Mock-Content-Type, else application/json)
 *	POST /mock/reset	empty the queue
 *
 * A control request answers 204 with X-Mock-Queue: the number of entries
 * now queued (400 with a JSON error for a bad header or a fixture that
 * is not there, and nothing is queued); it is not logged. Every other
 * request, whatever its route, takes the first queued entry off the
 * queue. For each part of the answer the first of these that says
 * something wins: the request's own X-Mock-* headers, the queued entry,
 * -j (chat routes), -f (chat routes), the route's own fixture.
 *
 * The fixture name gen:N (1 <= N <= 1000000) is a stream of N tokens
 * built in memory in the protocol of the chat route it answers: OpenAI
 * chat.completion.chunk events, Ollama NDJSON lines or Anthropic events,
 * each token a word with a space before it (" the", " kettle", ... in a
 * fixed cycle), then the stop and the usage: N completion tokens, and
 * prompt tokens a quarter of the request body's length (at least 1).
 *
 * Modes (also the default for every request with -m):
 *
 *	whole		one write
 *	bytes		one byte a write
 *	drip:MS		each line in two pieces, MS milliseconds after each piece
 *	drop:N		the first N bytes of the body, then the connection closes
 *			(Content-Length still names the whole body)
 *	pace:N		one event at a time, N events a second, evenly
 *			spaced (an SSE event ends with a blank line;
 *			otherwise an event is a line)
 *	stall		the status line and headers, then nothing until
 *			the client closes or the idle timeout drops it
 *	stall:MS	the same, but the body goes out whole after MS ms
 *
 * The server is a proxy too: a request whose target is in absolute form,
 * as a client sends it through an HTTP proxy ("POST
 * http://host/v1/chat/completions HTTP/1.1"), is routed by its path alone
 * (scheme://authority taken off), and its log line has "target": the
 * target as it came.
 *
 * The request body is read in full (Content-Length). Every answer says
 * Connection: close. A client that goes quiet for the idle timeout is
 * dropped, and one that closes its side is noticed at once, even in a
 * pause, so one stuck or departed client never holds the server.
 */

#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "util-buf.h"
#include "util-xmalloc.h"

#define MOCK_HEAD_MAX		(64 * 1024)
#define MOCK_BODY_MAX		(16 * 1024 * 1024)
/* gen:1000000 in OpenAI's shape is some 230 MB. */
#define MOCK_ANSWER_MAX		(512 * 1024 * 1024)
#define MOCK_HEADERS_MAX	64
#define MOCK_GEN_MAX		1000000
#define MOCK_QUEUE_MAX		4096

enum mock_mode_kind {
	MOCK_WHOLE,
	MOCK_BYTES,
	MOCK_DRIP,
	MOCK_DROP,
	MOCK_PACE,
	MOCK_STALL
};

/*
 * How a body goes out. arg is milliseconds for drip and stall (-1 for a
 * stall without end), bytes for drop, events a second for pace.
 */
struct mock_mode {
	enum mock_mode_kind	 kind;
	long			 arg;
};

struct mock_header {
	char	*name;
	char	*value;
};

struct mock_request {
	char			*method;
	char			*path;
	char			*target;	/* absolute form; else NULL */
	struct mock_header	 headers[MOCK_HEADERS_MAX];
	int			 nheaders;
	struct buf		 body;
};

/* The wire format a chat route streams in, for generated answers. */
enum mock_protocol {
	MOCK_PLAIN,
	MOCK_OPENAI,
	MOCK_OLLAMA,
	MOCK_ANTHROPIC
};

struct mock_route {
	const char		*method;
	const char		*path;
	const char		*fixture;
	const char		*analysis;	/* NULL: not a chat route */
	enum mock_protocol	 protocol;
};

static const struct mock_route mock_routes[] = {
	{ "POST", "/v1/chat/completions", "openai.sse",
	    "openai-analysis.sse", MOCK_OPENAI },
	{ "POST", "/api/chat", "ollama.ndjson",
	    "ollama-analysis.ndjson", MOCK_OLLAMA },
	{ "POST", "/v1/messages", "anthropic.sse",
	    "anthropic-analysis.sse", MOCK_ANTHROPIC },
	{ "GET", "/v1/models", "models.json", NULL, MOCK_PLAIN },
	{ "GET", "/api/tags", "tags.json", NULL, MOCK_PLAIN },
};

/*
 * How one answer is steered: by a model request's own X-Mock-* headers,
 * or by an entry queued with POST /mock/next. Each part left unset (NULL,
 * 0) leaves that choice to the next source.
 */
struct mock_steer {
	char			*fixture;
	char			*retry_after;
	char			*content_type;
	long			 status;	/* 0: unset */
	struct mock_mode	 mode;
	int			 has_mode;
	char			*body;	/* the answer verbatim */
	size_t			 body_len;
	struct mock_steer	*next;
};

/* The words generated streams cycle through; none needs JSON escapes. */
static const char *mock_gen_words[] = {
	" the", " kettle", " sings", " while", " rain", " taps", " on",
	" the", " window", " and", " bread", " rises", " slowly"
};

static volatile sig_atomic_t mock_stop;
/* The signal mask to wait with: SIGTERM and SIGINT are blocked otherwise. */
static sigset_t		 mock_wait_mask;

static const char	*mock_dir = ".";
static const char	*mock_log_path;
static const char	*mock_chat_fixture;
static const char	*mock_marker;
static struct mock_mode	 mock_default_mode = { MOCK_WHOLE, 0 };
static int		 mock_idle_ms = 10000;

static struct mock_steer	*mock_queue;
static struct mock_steer	**mock_queue_tail = &mock_queue;
static int			 mock_queue_len;

static void
mock_on_signal(int sig)
{
	(void)sig;
	mock_stop = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: mock-llm [-d fixture-dir] [-f fixture] "
	    "[-j marker] [-l log]\n"
	    "                [-m whole|bytes|drip:MS|drop:N|pace:N|stall|"
	    "stall:MS] [-t idle-seconds]\n");
	exit(2);
}

/* Parse a decimal number in [min, max]; returns 0, or -1 if it is not one. */
static int
mock_parse_long(const char *s, long min, long max, long *out)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0')
		return (-1);
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return (-1);
	*out = v;
	return (0);
}

/* Parse a mode name ("whole", "drip:50", ...); returns 0, or -1 if bad. */
static int
mock_parse_mode(const char *s, struct mock_mode *mode)
{
	if (strcmp(s, "whole") == 0) {
		mode->kind = MOCK_WHOLE;
		mode->arg = 0;
		return (0);
	}
	if (strcmp(s, "bytes") == 0) {
		mode->kind = MOCK_BYTES;
		mode->arg = 0;
		return (0);
	}
	if (strcmp(s, "stall") == 0) {
		mode->kind = MOCK_STALL;
		mode->arg = -1;
		return (0);
	}
	if (strncmp(s, "drip:", 5) == 0) {
		mode->kind = MOCK_DRIP;
		return (mock_parse_long(s + 5, 0, 60000, &mode->arg));
	}
	if (strncmp(s, "drop:", 5) == 0) {
		mode->kind = MOCK_DROP;
		return (mock_parse_long(s + 5, 0, LONG_MAX, &mode->arg));
	}
	if (strncmp(s, "pace:", 5) == 0) {
		mode->kind = MOCK_PACE;
		return (mock_parse_long(s + 5, 1, 1000000, &mode->arg));
	}
	if (strncmp(s, "stall:", 6) == 0) {
		mode->kind = MOCK_STALL;
		return (mock_parse_long(s + 6, 0, 3600000, &mode->arg));
	}
	return (-1);
}

/* Parse a generated stream's name, gen:N; returns 0, or -1 if it is not. */
static int
mock_parse_gen(const char *name, long *tokens)
{
	if (strncmp(name, "gen:", 4) != 0)
		return (-1);
	return (mock_parse_long(name + 4, 1, MOCK_GEN_MAX, tokens));
}

/* The monotonic clock in nanoseconds. */
static int64_t
mock_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

/*
 * poll() for one descriptor with a timeout in nanoseconds (-1: none). The
 * stop signals are blocked everywhere else and let in only here, so a
 * signal that comes just before the wait still cuts it short.
 */
static int
mock_poll(struct pollfd *pfd, int64_t timeout)
{
	struct timespec	ts;

	if (timeout < 0)
		return (ppoll(pfd, 1, NULL, &mock_wait_mask));
	ts.tv_sec = (time_t)(timeout / 1000000000);
	ts.tv_nsec = (long)(timeout % 1000000000);
	return (ppoll(pfd, 1, &ts, &mock_wait_mask));
}

/*
 * Wait until fd is ready for events, for at most the idle timeout. Returns
 * 0 when ready, -1 on timeout, error or a stop signal.
 */
static int
mock_wait(int fd, short events)
{
	struct pollfd	pfd;
	int		n;

	pfd.fd = fd;
	pfd.events = events;
	for (;;) {
		if (mock_stop)
			return (-1);
		n = mock_poll(&pfd, (int64_t)mock_idle_ms * 1000000);
		if (n > 0)
			return (0);
		if (n == 0)
			return (-1);
		if (errno != EINTR)
			return (-1);
	}
}

/*
 * Wait until the monotonic clock reaches deadline (nanoseconds), watching
 * fd: a client that closes its side or fails ends the wait at once (what
 * it sends meanwhile is thrown away). Returns 0 at the deadline, -1 when
 * the client is gone or a stop signal came.
 */
static int
mock_pause_until(int fd, int64_t deadline)
{
	struct pollfd	pfd;
	char		drain[4096];
	int64_t		now;
	ssize_t		n;

	pfd.fd = fd;
	for (;;) {
		if (mock_stop)
			return (-1);
		now = mock_now();
		if (now >= deadline)
			return (0);
		pfd.events = POLLIN | POLLRDHUP;
		pfd.revents = 0;
		if (mock_poll(&pfd, deadline - now) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		if (pfd.revents & (POLLERR | POLLHUP | POLLRDHUP | POLLNVAL))
			return (-1);
		if (pfd.revents & POLLIN) {
			n = recv(fd, drain, sizeof drain, MSG_DONTWAIT);
			if (n == 0 || (n == -1 && errno != EINTR &&
			    errno != EAGAIN && errno != EWOULDBLOCK))
				return (-1);
		}
	}
}

/* Pause ms milliseconds, as mock_pause_until(). */
static int
mock_pause(int fd, long ms)
{
	return (mock_pause_until(fd, mock_now() + (int64_t)ms * 1000000));
}

/* Write all of data; returns 0, or -1 if the client is gone or stuck. */
static int
mock_send(int fd, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;

	while (len > 0) {
		if (mock_wait(fd, POLLOUT) == -1)
			return (-1);
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n == -1) {
			if (errno == EINTR || errno == EAGAIN ||
			    errno == EWOULDBLOCK)
				continue;
			return (-1);
		}
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

/* Read some bytes into b; returns the count, 0 at end, -1 on error. */
static ssize_t
mock_recv(int fd, struct buf *b)
{
	char	tmp[8192];
	ssize_t	n;

	for (;;) {
		if (mock_wait(fd, POLLIN) == -1)
			return (-1);
		n = recv(fd, tmp, sizeof tmp, 0);
		if (n == -1) {
			if (errno == EINTR || errno == EAGAIN ||
			    errno == EWOULDBLOCK)
				continue;
			return (-1);
		}
		if (n > 0 && buf_add(b, tmp, (size_t)n) == -1)
			return (-1);
		return (n);
	}
}

static void
mock_request_free(struct mock_request *req)
{
	int	i;

	free(req->method);
	free(req->path);
	free(req->target);
	for (i = 0; i < req->nheaders; i++) {
		free(req->headers[i].name);
		free(req->headers[i].value);
	}
	buf_free(&req->body);
}

/* The value of header name in req, or NULL. */
static const char *
mock_header(const struct mock_request *req, const char *name)
{
	int	i;

	for (i = 0; i < req->nheaders; i++) {
		if (strcasecmp(req->headers[i].name, name) == 0)
			return (req->headers[i].value);
	}
	return (NULL);
}

static char *
mock_trim(char *s)
{
	char	*end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return (s);
}

/*
 * A proxy's request target, "http://host:port/path?query": keep it whole
 * in req->target and leave req->path the path ("/" when there is none).
 */
static void
mock_absolute_target(struct mock_request *req)
{
	const char	*rest;
	size_t		 skip;

	if (strncasecmp(req->path, "http://", 7) == 0)
		skip = 7;
	else if (strncasecmp(req->path, "https://", 8) == 0)
		skip = 8;
	else
		return;
	req->target = req->path;
	rest = req->target + skip;
	rest += strcspn(rest, "/?");
	if (*rest == '/')
		req->path = xstrdup(rest);
	else
		xasprintf(&req->path, "/%s", rest);
}

/*
 * Parse the request line and headers in head (NUL-terminated, the blank
 * line cut off) into req. Returns 0, or -1 if it is not HTTP.
 */
static int
mock_parse_head(char *head, struct mock_request *req)
{
	char	*line, *next, *sp, *colon, *name;

	next = strstr(head, "\r\n");
	if (next != NULL) {
		*next = '\0';
		next += 2;
	}
	line = head;
	sp = strchr(line, ' ');
	if (sp == NULL)
		return (-1);
	req->method = xstrndup(line, (size_t)(sp - line));
	line = sp + 1;
	sp = strchr(line, ' ');
	if (sp == NULL || strncmp(sp + 1, "HTTP/1.", 7) != 0)
		return (-1);
	req->path = xstrndup(line, (size_t)(sp - line));
	mock_absolute_target(req);

	while (next != NULL && *next != '\0') {
		line = next;
		next = strstr(line, "\r\n");
		if (next != NULL) {
			*next = '\0';
			next += 2;
		}
		colon = strchr(line, ':');
		if (colon == NULL || colon == line)
			return (-1);
		if (req->nheaders == MOCK_HEADERS_MAX)
			continue;
		*colon = '\0';
		name = line;
		req->headers[req->nheaders].name = xstrdup(name);
		req->headers[req->nheaders].value = xstrdup(mock_trim(colon + 1));
		req->nheaders++;
	}
	return (0);
}

/*
 * Read one request (head and Content-Length body) from fd into req.
 * Returns 0, or -1 if the client sent no whole request in time.
 */
static int
mock_read_request(int fd, struct mock_request *req)
{
	struct buf	 in;
	const char	*value;
	char		*end, *head;
	size_t		 head_len, have;
	long		 length = 0;
	int		 rc = -1;

	buf_init(&in, MOCK_HEAD_MAX + MOCK_BODY_MAX);
	for (;;) {
		if (in.len > 0) {
			end = memmem(in.data, in.len, "\r\n\r\n", 4);
			if (end != NULL)
				break;
		}
		if (in.len > MOCK_HEAD_MAX || mock_recv(fd, &in) <= 0)
			goto out;
	}
	head_len = (size_t)(end - in.data);
	head = xstrndup(in.data, head_len);
	if (mock_parse_head(head, req) == -1) {
		free(head);
		goto out;
	}
	free(head);

	value = mock_header(req, "Content-Length");
	if (value != NULL &&
	    mock_parse_long(value, 0, MOCK_BODY_MAX, &length) == -1)
		goto out;
	value = mock_header(req, "Expect");
	if (value != NULL && strcasecmp(value, "100-continue") == 0) {
		if (mock_send(fd, "HTTP/1.1 100 Continue\r\n\r\n", 25) == -1)
			goto out;
	}
	have = in.len - head_len - 4;
	while (have < (size_t)length) {
		if (mock_recv(fd, &in) <= 0)
			goto out;
		have = in.len - head_len - 4;
	}
	buf_add(&req->body, in.data + head_len + 4, (size_t)length);
	rc = 0;
out:
	buf_free(&in);
	return (rc);
}

/* Append s to b as a JSON string. */
static void
mock_json_string(struct buf *b, const char *s, size_t len)
{
	size_t		i;
	unsigned char	c;

	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\n')
			buf_addstr(b, "\\n");
		else if (c == '\r')
			buf_addstr(b, "\\r");
		else if (c == '\t')
			buf_addstr(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\u%04x", c);
		else
			buf_addc(b, (char)c);
	}
	buf_addc(b, '"');
}

/* Append one JSON line about req to the log, if there is one. */
static void
mock_log_request(const struct mock_request *req)
{
	struct buf	 line;
	char		*lower;
	size_t		 j;
	int		 fd, i;

	if (mock_log_path == NULL)
		return;
	buf_init(&line, 0);
	buf_addstr(&line, "{\"method\":");
	mock_json_string(&line, req->method, strlen(req->method));
	buf_addstr(&line, ",\"path\":");
	mock_json_string(&line, req->path, strlen(req->path));
	if (req->target != NULL) {
		buf_addstr(&line, ",\"target\":");
		mock_json_string(&line, req->target, strlen(req->target));
	}
	buf_addstr(&line, ",\"headers\":{");
	for (i = 0; i < req->nheaders; i++) {
		lower = xstrdup(req->headers[i].name);
		for (j = 0; lower[j] != '\0'; j++)
			lower[j] = (char)tolower((unsigned char)lower[j]);
		if (i > 0)
			buf_addc(&line, ',');
		mock_json_string(&line, lower, strlen(lower));
		buf_addc(&line, ':');
		mock_json_string(&line, req->headers[i].value,
		    strlen(req->headers[i].value));
		free(lower);
	}
	buf_addstr(&line, "},\"body\":");
	mock_json_string(&line, req->body.len > 0 ? req->body.data : "",
	    req->body.len);
	buf_addstr(&line, "}\n");

	fd = open(mock_log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
	    0644);
	if (fd == -1)
		fprintf(stderr, "mock-llm: %s: %s\n", mock_log_path,
		    strerror(errno));
	else {
		if (write(fd, line.data, line.len) != (ssize_t)line.len)
			fprintf(stderr, "mock-llm: %s: short write\n",
			    mock_log_path);
		close(fd);
	}
	buf_free(&line);
}

/*
 * Put the path of fixture name into path (size bytes). Names are plain
 * file names: no slash and no leading dot. Returns 0, or -1 for a name
 * that is not one.
 */
static int
mock_fixture_path(const char *name, char *path, size_t size)
{
	if (*name == '\0' || *name == '.' || strchr(name, '/') != NULL)
		return (-1);
	if ((size_t)snprintf(path, size, "%s/%s", mock_dir, name) >= size)
		return (-1);
	return (0);
}

/* Whether name is a generated stream or a readable fixture file. */
static int
mock_fixture_exists(const char *name)
{
	char		path[PATH_MAX];
	struct stat	st;
	long		tokens;

	if (mock_parse_gen(name, &tokens) == 0)
		return (1);
	if (mock_fixture_path(name, path, sizeof path) == -1)
		return (0);
	return (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, R_OK) == 0);
}

/*
 * Read fixture name from the fixture directory into b. Returns 0, or -1
 * if there is no such fixture.
 */
static int
mock_read_fixture(const char *name, struct buf *b)
{
	char	 path[PATH_MAX], tmp[65536];
	ssize_t	 n;
	int	 fd;

	if (mock_fixture_path(name, path, sizeof path) == -1)
		return (-1);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return (-1);
	while ((n = read(fd, tmp, sizeof tmp)) > 0) {
		if (buf_add(b, tmp, (size_t)n) == -1) {
			close(fd);
			return (-1);
		}
	}
	close(fd);
	return (n == -1 ? -1 : 0);
}

static const char *
mock_content_type(const char *name)
{
	const char	*dot = strrchr(name, '.');

	if (dot != NULL && strcmp(dot, ".sse") == 0)
		return ("text/event-stream");
	if (dot != NULL && strcmp(dot, ".ndjson") == 0)
		return ("application/x-ndjson");
	if (dot != NULL && strcmp(dot, ".html") == 0)
		return ("text/html; charset=utf-8");
	return ("application/json");
}

static const char *
mock_reason(int status)
{
	switch (status) {
	case 200: return ("OK");
	case 204: return ("No Content");
	case 400: return ("Bad Request");
	case 401: return ("Unauthorized");
	case 403: return ("Forbidden");
	case 404: return ("Not Found");
	case 408: return ("Request Timeout");
	case 413: return ("Payload Too Large");
	case 429: return ("Too Many Requests");
	case 500: return ("Internal Server Error");
	case 502: return ("Bad Gateway");
	case 503: return ("Service Unavailable");
	case 504: return ("Gateway Timeout");
	case 529: return ("Overloaded");
	default: return ("Status");
	}
}

/*
 * The generated streams. Each token is three appends (the part of the
 * event before the text, the word, the part after) so 100,000 tokens
 * build in a few milliseconds. Each returns 0, or -1 if b's cap is hit.
 */
#define MOCK_OPENAI_HEAD "data: {\"id\":\"chatcmpl-mockgen\"," \
	"\"object\":\"chat.completion.chunk\",\"created\":1718000000," \
	"\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_mock\"," \
	"\"choices\":["

/* OpenAI: a role chunk, the tokens, a stop chunk, a usage chunk, [DONE]. */
static int
mock_gen_openai(struct buf *b, long tokens, long prompt)
{
	const char	*word;
	long		 i;
	int		 error = 0;

	error |= buf_addstr(b, MOCK_OPENAI_HEAD "{\"index\":0,\"delta\":"
	    "{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
	    "\"finish_reason\":null}],\"usage\":null}\n\n");
	for (i = 0; i < tokens && error == 0; i++) {
		word = mock_gen_words[i % (sizeof mock_gen_words /
		    sizeof mock_gen_words[0])];
		error |= buf_addstr(b, MOCK_OPENAI_HEAD
		    "{\"index\":0,\"delta\":{\"content\":\"");
		error |= buf_addstr(b, word);
		error |= buf_addstr(b, "\"},\"logprobs\":null,"
		    "\"finish_reason\":null}],\"usage\":null}\n\n");
	}
	error |= buf_addstr(b, MOCK_OPENAI_HEAD "{\"index\":0,\"delta\":{},"
	    "\"logprobs\":null,\"finish_reason\":\"stop\"}],"
	    "\"usage\":null}\n\n");
	error |= buf_printf(b, MOCK_OPENAI_HEAD "],\"usage\":"
	    "{\"prompt_tokens\":%ld,\"completion_tokens\":%ld,"
	    "\"total_tokens\":%ld,\"prompt_tokens_details\":"
	    "{\"cached_tokens\":0},\"completion_tokens_details\":"
	    "{\"reasoning_tokens\":0}}}\n\n", prompt, tokens,
	    prompt + tokens);
	error |= buf_addstr(b, "data: [DONE]\n\n");
	return (error != 0 ? -1 : 0);
}

/* Ollama's created_at for the token i: one every 20 ms from 08:00. */
static void
mock_gen_ollama_time(char *out, size_t size, long i)
{
	long	us, seconds;

	us = (i % 50) * 20000;
	seconds = 8 * 3600 + i / 50;
	snprintf(out, size, "2024-06-10T%02ld:%02ld:%02ld.%06ldZ",
	    seconds / 3600, seconds / 60 % 60, seconds % 60, us);
}

/* Ollama: a line a token, then the done line with the counts. */
static int
mock_gen_ollama(struct buf *b, long tokens, long prompt)
{
	char	 when[64];
	long	 i;
	int	 error = 0;

	for (i = 0; i < tokens && error == 0; i++) {
		mock_gen_ollama_time(when, sizeof when, i);
		error |= buf_addstr(b, "{\"model\":\"llama3.2:3b\","
		    "\"created_at\":\"");
		error |= buf_addstr(b, when);
		error |= buf_addstr(b, "\",\"message\":{\"role\":\"assistant\","
		    "\"content\":\"");
		error |= buf_addstr(b, mock_gen_words[i % (sizeof
		    mock_gen_words / sizeof mock_gen_words[0])]);
		error |= buf_addstr(b, "\"},\"done\":false}\n");
	}
	mock_gen_ollama_time(when, sizeof when, tokens);
	error |= buf_printf(b, "{\"model\":\"llama3.2:3b\","
	    "\"created_at\":\"%s\",\"message\":{\"role\":\"assistant\","
	    "\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,"
	    "\"total_duration\":%lld,\"load_duration\":21000000,"
	    "\"prompt_eval_count\":%ld,\"prompt_eval_duration\":95000000,"
	    "\"eval_count\":%ld,\"eval_duration\":%lld}\n", when,
	    116000000 + tokens * 20000000LL, prompt, tokens,
	    tokens * 20000000LL);
	return (error != 0 ? -1 : 0);
}

/*
 * Anthropic: message_start, a text block of one delta a token, then
 * message_delta with the output count and message_stop.
 */
static int
mock_gen_anthropic(struct buf *b, long tokens, long prompt)
{
	long	i;
	int	error = 0;

	error |= buf_printf(b, "event: message_start\n"
	    "data: {\"type\":\"message_start\",\"message\":"
	    "{\"id\":\"msg_mockgen\",\"type\":\"message\","
	    "\"role\":\"assistant\",\"model\":\"claude-3-5-haiku-20241022\","
	    "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
	    "\"usage\":{\"input_tokens\":%ld,"
	    "\"cache_creation_input_tokens\":0,"
	    "\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n",
	    prompt);
	error |= buf_addstr(b, "event: content_block_start\n"
	    "data: {\"type\":\"content_block_start\",\"index\":0,"
	    "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
	error |= buf_addstr(b, "event: ping\n"
	    "data: {\"type\": \"ping\"}\n\n");
	for (i = 0; i < tokens && error == 0; i++) {
		error |= buf_addstr(b, "event: content_block_delta\n"
		    "data: {\"type\":\"content_block_delta\",\"index\":0,"
		    "\"delta\":{\"type\":\"text_delta\",\"text\":\"");
		error |= buf_addstr(b, mock_gen_words[i % (sizeof
		    mock_gen_words / sizeof mock_gen_words[0])]);
		error |= buf_addstr(b, "\"}}\n\n");
	}
	error |= buf_addstr(b, "event: content_block_stop\n"
	    "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
	error |= buf_printf(b, "event: message_delta\n"
	    "data: {\"type\":\"message_delta\",\"delta\":"
	    "{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
	    "\"usage\":{\"output_tokens\":%ld}}\n\n", tokens);
	error |= buf_addstr(b, "event: message_stop\n"
	    "data: {\"type\":\"message_stop\"}\n\n");
	return (error != 0 ? -1 : 0);
}

/*
 * Load the answer named name for a request on route (NULL: no route)
 * into body: a fixture file, or gen:N built for the route's protocol.
 * Sets *type to its Content-Type. Returns 0, or -1 with *cause set.
 */
static int
mock_load(const char *name, const struct mock_route *route,
    const struct mock_request *req, struct buf *body, const char **type,
    char **cause)
{
	long	tokens, prompt;
	int	rc = -1;

	if (mock_parse_gen(name, &tokens) == -1) {
		if (mock_read_fixture(name, body) == -1) {
			xcause(cause, "no such fixture: %s", name);
			return (-1);
		}
		*type = mock_content_type(name);
		return (0);
	}

	/* Roughly four bytes a token, as the models' tokenizers go. */
	prompt = (long)(req->body.len / 4);
	if (prompt < 1)
		prompt = 1;
	switch (route != NULL ? route->protocol : MOCK_PLAIN) {
	case MOCK_OPENAI:
		*type = "text/event-stream";
		rc = mock_gen_openai(body, tokens, prompt);
		break;
	case MOCK_OLLAMA:
		*type = "application/x-ndjson";
		rc = mock_gen_ollama(body, tokens, prompt);
		break;
	case MOCK_ANTHROPIC:
		*type = "text/event-stream";
		rc = mock_gen_anthropic(body, tokens, prompt);
		break;
	case MOCK_PLAIN:
		xcause(cause, "%s answers only the chat routes", name);
		return (-1);
	}
	if (rc == -1)
		xcause(cause, "%s is too big", name);
	return (rc);
}

/*
 * The length of the event at the start of p (left bytes): through the
 * blank line that ends an SSE event, or through the end of the line.
 */
static size_t
mock_event_len(const char *p, size_t left, int sse)
{
	const char	*nl, *end = p + left;

	for (nl = p; (nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL;
	    nl++) {
		if (!sse)
			return ((size_t)(nl - p) + 1);
		if (end - nl > 1 && nl[1] == '\n')
			return ((size_t)(nl - p) + 2);
		if (end - nl > 2 && nl[1] == '\r' && nl[2] == '\n')
			return ((size_t)(nl - p) + 3);
	}
	return (left);
}

/*
 * Send body in the given mode (sse: the body is a stream of SSE events);
 * returns 0, or -1 once the client is gone.
 */
static int
mock_send_body(int fd, const char *body, size_t len,
    const struct mock_mode *mode, int sse)
{
	const char	*line, *nl;
	size_t		 i, line_len, half, off;
	int64_t		 start, k;

	switch (mode->kind) {
	case MOCK_WHOLE:
		return (mock_send(fd, body, len));
	case MOCK_BYTES:
		for (i = 0; i < len; i++) {
			if (mock_send(fd, body + i, 1) == -1)
				return (-1);
		}
		return (0);
	case MOCK_DRIP:
		/* Split each line so the reader sees partial lines too. */
		for (line = body; line < body + len; line += line_len) {
			nl = memchr(line, '\n', (size_t)(body + len - line));
			line_len = nl != NULL ? (size_t)(nl - line) + 1 :
			    (size_t)(body + len - line);
			half = line_len / 2;
			if (half > 0) {
				if (mock_send(fd, line, half) == -1 ||
				    mock_pause(fd, mode->arg) == -1)
					return (-1);
			}
			if (mock_send(fd, line + half, line_len - half) == -1 ||
			    mock_pause(fd, mode->arg) == -1)
				return (-1);
		}
		return (0);
	case MOCK_DROP:
		if ((size_t)mode->arg < len)
			len = (size_t)mode->arg;
		return (mock_send(fd, body, len));
	case MOCK_PACE:
		/*
		 * Event k is due k/N seconds after the first, from one start
		 * time, so the rate holds however long each send takes.
		 */
		start = mock_now();
		for (off = 0, k = 0; off < len; off += line_len, k++) {
			if (mock_pause_until(fd, start +
			    k * 1000000000 / mode->arg) == -1)
				return (-1);
			line_len = mock_event_len(body + off, len - off, sse);
			if (mock_send(fd, body + off, line_len) == -1)
				return (-1);
		}
		return (0);
	case MOCK_STALL:
		if (mode->arg < 0) {
			mock_pause(fd, mock_idle_ms);
			return (-1);
		}
		if (mock_pause(fd, mode->arg) == -1)
			return (-1);
		return (mock_send(fd, body, len));
	}
	return (-1);
}

/* Free a steering's contents (and not s itself). */
static void
mock_steer_clear(struct mock_steer *s)
{
	free(s->fixture);
	free(s->retry_after);
	free(s->content_type);
	free(s->body);
	memset(s, 0, sizeof *s);
}

/*
 * Fill s from the X-Mock-* headers of req (s is cleared first). Returns
 * 0, or -1 with *cause set for a header that makes no sense.
 */
static int
mock_steer_parse(const struct mock_request *req, struct mock_steer *s,
    char **cause)
{
	const char	*value;

	memset(s, 0, sizeof *s);
	value = mock_header(req, "X-Mock-Status");
	if (value != NULL &&
	    mock_parse_long(value, 100, 999, &s->status) == -1) {
		xcause(cause, "bad X-Mock-Status: %s", value);
		return (-1);
	}
	value = mock_header(req, "X-Mock-Mode");
	if (value != NULL) {
		if (mock_parse_mode(value, &s->mode) == -1) {
			xcause(cause, "bad X-Mock-Mode: %s", value);
			return (-1);
		}
		s->has_mode = 1;
	}
	if ((value = mock_header(req, "X-Mock-Fixture")) != NULL)
		s->fixture = xstrdup(value);
	if ((value = mock_header(req, "X-Mock-Retry-After")) != NULL)
		s->retry_after = xstrdup(value);
	if ((value = mock_header(req, "X-Mock-Content-Type")) != NULL)
		s->content_type = xstrdup(value);
	return (0);
}

/* Take the first queued entry off the queue, or NULL. Result must be freed. */
static struct mock_steer *
mock_queue_pop(void)
{
	struct mock_steer	*s = mock_queue;

	if (s == NULL)
		return (NULL);
	mock_queue = s->next;
	if (mock_queue == NULL)
		mock_queue_tail = &mock_queue;
	mock_queue_len--;
	s->next = NULL;
	return (s);
}

/* Free every queued entry. */
static void
mock_queue_reset(void)
{
	struct mock_steer	*s;

	while ((s = mock_queue_pop()) != NULL) {
		mock_steer_clear(s);
		free(s);
	}
}

/*
 * Send a whole answer: status, type, body (len bytes), Retry-After when
 * retry is not NULL, in mode (NULL: whole). Returns 0, or -1 once the
 * client is gone.
 */
static int
mock_send_answer(int fd, long status, const char *type, const char *body,
    size_t len, const char *retry, const struct mock_mode *mode)
{
	static const struct mock_mode	 whole = { MOCK_WHOLE, 0 };
	struct buf			 head;
	int				 rc;

	if (mode == NULL)
		mode = &whole;
	buf_init(&head, 0);
	buf_printf(&head, "HTTP/1.1 %ld %s\r\n", status,
	    mock_reason((int)status));
	buf_printf(&head, "Content-Type: %s\r\n", type);
	buf_printf(&head, "Content-Length: %zu\r\n", len);
	if (retry != NULL)
		buf_printf(&head, "Retry-After: %s\r\n", retry);
	buf_addstr(&head, "Cache-Control: no-cache\r\n");
	buf_addstr(&head, "Connection: close\r\n\r\n");
	rc = mock_send(fd, head.data, head.len);
	if (rc == 0)
		rc = mock_send_body(fd, body, len, mode,
		    strncmp(type, "text/event-stream", 17) == 0);
	buf_free(&head);
	return (rc);
}

/* Append a JSON error saying "mock-llm: " and message to b. */
static void
mock_error_body(struct buf *b, const char *message)
{
	struct buf	text;

	buf_init(&text, 0);
	buf_printf(&text, "mock-llm: %s", message);
	buf_addstr(b, "{\"error\":{\"message\":");
	mock_json_string(b, text.data, text.len);
	buf_addstr(b, "}}\n");
	buf_free(&text);
}

/* Answer status with a JSON error saying message. */
static void
mock_send_error(int fd, long status, const char *message)
{
	struct buf	body;

	buf_init(&body, 0);
	mock_error_body(&body, message);
	mock_send_answer(fd, status, "application/json", body.data, body.len,
	    NULL, NULL);
	buf_free(&body);
}

/* The route req asks for, or NULL. A query string does not count. */
static const struct mock_route *
mock_route_find(const struct mock_request *req)
{
	size_t	i, len;

	len = strcspn(req->path, "?");
	for (i = 0; i < sizeof mock_routes / sizeof mock_routes[0]; i++) {
		if (strcmp(req->method, mock_routes[i].method) == 0 &&
		    strlen(mock_routes[i].path) == len &&
		    strncmp(req->path, mock_routes[i].path, len) == 0)
			return (&mock_routes[i]);
	}
	return (NULL);
}

/*
 * The answer a request on route gets when nothing steers it: the analysis
 * fixture when -j's marker is in the body, -f's fixture, the route's own.
 * NULL when there is no route.
 */
static const char *
mock_default_fixture(const struct mock_request *req,
    const struct mock_route *route)
{
	if (route == NULL)
		return (NULL);
	if (route->analysis == NULL)
		return (route->fixture);
	if (mock_marker != NULL && req->body.len > 0 &&
	    memmem(req->body.data, req->body.len, mock_marker,
	    strlen(mock_marker)) != NULL)
		return (route->analysis);
	if (mock_chat_fixture != NULL)
		return (mock_chat_fixture);
	return (route->fixture);
}

/*
 * Answer one model request on fd. It takes the first queued entry; its
 * own headers win over the entry, and the entry over the defaults.
 */
static void
mock_answer(int fd, const struct mock_request *req)
{
	const struct mock_route	*route;
	struct mock_steer	 own, *queued;
	struct mock_mode	 mode = mock_default_mode;
	struct buf		 body;
	const char		*name, *type = "application/json", *retry;
	char			*cause = NULL;
	long			 status = 200;

	buf_init(&body, MOCK_ANSWER_MAX);
	route = mock_route_find(req);
	queued = mock_queue_pop();
	if (mock_steer_parse(req, &own, &cause) == -1) {
		mock_send_error(fd, 400, cause);
		goto out;
	}

	if (own.fixture != NULL)
		name = own.fixture;
	else if (queued != NULL && queued->body != NULL)
		name = NULL;
	else if (queued != NULL && queued->fixture != NULL)
		name = queued->fixture;
	else
		name = mock_default_fixture(req, route);

	if (name != NULL) {
		if (mock_load(name, route, req, &body, &type, &cause) == -1) {
			status = 404;
			buf_reset(&body);
			mock_error_body(&body, cause);
			type = "application/json";
		}
	} else if (queued != NULL && queued->body != NULL)
		buf_add(&body, queued->body, queued->body_len);
	else {
		status = 404;
		xcause(&cause, "no route for %s %s", req->method, req->path);
		mock_error_body(&body, cause);
	}

	if (own.content_type != NULL)
		type = own.content_type;
	else if (queued != NULL && queued->content_type != NULL)
		type = queued->content_type;
	if (own.status != 0)
		status = own.status;
	else if (queued != NULL && queued->status != 0)
		status = queued->status;
	if (own.has_mode)
		mode = own.mode;
	else if (queued != NULL && queued->has_mode)
		mode = queued->mode;
	retry = own.retry_after;
	if (retry == NULL && queued != NULL)
		retry = queued->retry_after;

	mock_send_answer(fd, status, type, body.len > 0 ? body.data : "",
	    body.len, retry, &mode);
out:
	mock_steer_clear(&own);
	if (queued != NULL) {
		mock_steer_clear(queued);
		free(queued);
	}
	free(cause);
	buf_free(&body);
}

/* Answer 204 with the queue's length. */
static void
mock_send_queued(int fd)
{
	struct buf	head;

	buf_init(&head, 0);
	buf_printf(&head, "HTTP/1.1 204 No Content\r\nX-Mock-Queue: %d\r\n"
	    "Connection: close\r\n\r\n", mock_queue_len);
	mock_send(fd, head.data, head.len);
	buf_free(&head);
}

/* Answer one control request (a path under /mock/) on fd. */
static void
mock_control(int fd, const struct mock_request *req)
{
	struct mock_steer	*s;
	char			*cause = NULL;

	if (strcmp(req->method, "POST") == 0 &&
	    strcmp(req->path, "/mock/reset") == 0) {
		mock_queue_reset();
		mock_send_queued(fd);
		return;
	}
	if (strcmp(req->method, "POST") != 0 ||
	    strcmp(req->path, "/mock/next") != 0) {
		mock_send_error(fd, 404, "no such control request");
		return;
	}

	s = xmalloc(sizeof *s);
	if (mock_steer_parse(req, s, &cause) == -1)
		goto fail;
	if (s->fixture != NULL && !mock_fixture_exists(s->fixture)) {
		xcause(&cause, "no such fixture: %s", s->fixture);
		goto fail;
	}
	if (mock_queue_len >= MOCK_QUEUE_MAX) {
		xcause(&cause, "the queue is full (%d entries)",
		    MOCK_QUEUE_MAX);
		goto fail;
	}
	if (req->body.len > 0) {
		s->body = xmalloc(req->body.len);
		memcpy(s->body, req->body.data, req->body.len);
		s->body_len = req->body.len;
	}
	*mock_queue_tail = s;
	mock_queue_tail = &s->next;
	mock_queue_len++;
	mock_send_queued(fd);
	return;

fail:
	mock_send_error(fd, 400, cause);
	free(cause);
	mock_steer_clear(s);
	free(s);
}

/* Serve one connection: read a request, log it, answer, close. */
static void
mock_serve(int fd)
{
	struct mock_request	req;
	char			drain[4096];

	memset(&req, 0, sizeof req);
	buf_init(&req.body, MOCK_BODY_MAX);
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1 ||
	    mock_read_request(fd, &req) == -1) {
		mock_request_free(&req);
		close(fd);
		return;
	}
	if (strncmp(req.path, "/mock/", 6) == 0)
		mock_control(fd, &req);
	else {
		mock_log_request(&req);
		mock_answer(fd, &req);
	}
	mock_request_free(&req);

	/*
	 * Close our side, then drain briefly so the client reads the whole
	 * answer rather than a reset.
	 */
	shutdown(fd, SHUT_WR);
	while (recv(fd, drain, sizeof drain, MSG_DONTWAIT) > 0)
		;
	close(fd);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in	 sin;
	struct sigaction	 sa;
	struct stat		 st;
	struct pollfd		 pfd;
	sigset_t		 stops;
	socklen_t		 slen;
	long			 seconds;
	int			 ch, lfd, cfd, one = 1;

	while ((ch = getopt(argc, argv, "d:f:j:l:m:t:")) != -1) {
		switch (ch) {
		case 'd':
			mock_dir = optarg;
			break;
		case 'f':
			mock_chat_fixture = optarg;
			break;
		case 'j':
			if (*optarg == '\0') {
				fprintf(stderr, "mock-llm: empty marker\n");
				usage();
			}
			mock_marker = optarg;
			break;
		case 'l':
			mock_log_path = optarg;
			break;
		case 'm':
			if (mock_parse_mode(optarg, &mock_default_mode) == -1) {
				fprintf(stderr, "mock-llm: bad mode: %s\n",
				    optarg);
				usage();
			}
			break;
		case 't':
			if (mock_parse_long(optarg, 1, 3600, &seconds) == -1) {
				fprintf(stderr, "mock-llm: bad timeout: %s\n",
				    optarg);
				usage();
			}
			mock_idle_ms = (int)seconds * 1000;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (stat(mock_dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "mock-llm: %s: not a directory\n", mock_dir);
		return (1);
	}
	if (mock_chat_fixture != NULL &&
	    !mock_fixture_exists(mock_chat_fixture)) {
		fprintf(stderr, "mock-llm: no such fixture: %s\n",
		    mock_chat_fixture);
		return (1);
	}

	/*
	 * The stop signals stay blocked except inside ppoll(), so none is
	 * lost between a check of mock_stop and the wait that follows it.
	 */
	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	sigprocmask(SIG_BLOCK, &stops, &mock_wait_mask);
	sigdelset(&mock_wait_mask, SIGTERM);
	sigdelset(&mock_wait_mask, SIGINT);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = mock_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a signal ends the wait */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd == -1) {
		perror("mock-llm: socket");
		return (1);
	}
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = 0;
	if (bind(lfd, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    listen(lfd, 64) == -1) {
		perror("mock-llm: bind");
		return (1);
	}
	slen = sizeof sin;
	if (getsockname(lfd, (struct sockaddr *)&sin, &slen) == -1) {
		perror("mock-llm: getsockname");
		return (1);
	}
	printf("listening on 127.0.0.1:%u\n", (unsigned)ntohs(sin.sin_port));
	fflush(stdout);

	pfd.fd = lfd;
	pfd.events = POLLIN;
	while (!mock_stop) {
		if (mock_poll(&pfd, -1) == -1) {
			if (errno == EINTR)
				continue;
			perror("mock-llm: poll");
			return (1);
		}
		cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (cfd == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("mock-llm: accept");
			return (1);
		}
		mock_serve(cfd);
	}
	mock_queue_reset();
	close(lfd);
	return (0);
}
