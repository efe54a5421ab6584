/*
 * mock-llm: the language-model server jumbo's tests talk to.
 *
 * A small single-threaded HTTP/1.1 server on 127.0.0.1, on a port the
 * kernel picks (port 0). Once it listens it prints
 *
 *	listening on 127.0.0.1:PORT
 *
 * on standard output, so a test can read the port, then answers one
 * connection at a time until SIGTERM or SIGINT. Every answer is a file
 * from the fixture directory, picked by the method and path:
 *
 *	POST /v1/chat/completions	openai.sse	(OpenAI and friends)
 *	POST /api/chat			ollama.ndjson	(Ollama)
 *	POST /v1/messages		anthropic.sse	(Anthropic)
 *	GET  /v1/models			models.json
 *	GET  /api/tags			tags.json
 *
 * A test steers one request with headers, so one server serves every case:
 *
 *	X-Mock-Fixture: NAME		answer with NAME instead
 *	X-Mock-Status: 429		answer that status (body: the fixture)
 *	X-Mock-Retry-After: 2		add Retry-After: 2
 *	X-Mock-Mode: MODE		how the body goes out (see below)
 *
 * Modes (also the default for every request with -m):
 *
 *	whole		one write
 *	bytes		one byte a write
 *	drip:MS		each line in two pieces, MS milliseconds after each piece
 *	drop:N		the first N bytes of the body, then the connection closes
 *			(Content-Length still names the whole body)
 *
 * The request body is read in full (Content-Length) and, with -l LOG, one
 * JSON line per request is appended to LOG: method, path, headers and body,
 * so a test can check what jumbo sent. Every answer says Connection: close.
 * A client that goes quiet for the idle timeout (-t, 10 s) is dropped, so
 * one stuck client never stops the server.
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
#define MOCK_FIXTURE_MAX	(16 * 1024 * 1024)
#define MOCK_HEADERS_MAX	64

enum mock_mode_kind {
	MOCK_WHOLE,
	MOCK_BYTES,
	MOCK_DRIP,
	MOCK_DROP
};

struct mock_mode {
	enum mock_mode_kind	 kind;
	long			 arg;	/* milliseconds for drip, bytes for drop */
};

struct mock_header {
	char	*name;
	char	*value;
};

struct mock_request {
	char			*method;
	char			*path;
	struct mock_header	 headers[MOCK_HEADERS_MAX];
	int			 nheaders;
	struct buf		 body;
};

struct mock_route {
	const char	*method;
	const char	*path;
	const char	*fixture;
};

static const struct mock_route mock_routes[] = {
	{ "POST", "/v1/chat/completions", "openai.sse" },
	{ "POST", "/api/chat", "ollama.ndjson" },
	{ "POST", "/v1/messages", "anthropic.sse" },
	{ "GET", "/v1/models", "models.json" },
	{ "GET", "/api/tags", "tags.json" },
};

static volatile sig_atomic_t mock_stop;

static const char	*mock_dir = ".";
static const char	*mock_log_path;
static struct mock_mode	 mock_default_mode = { MOCK_WHOLE, 0 };
static int		 mock_idle_ms = 10000;

static void
mock_on_signal(int sig)
{
	(void)sig;
	mock_stop = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: mock-llm [-d fixture-dir] [-l log] "
	    "[-m whole|bytes|drip:MS|drop:N] [-t idle-seconds]\n");
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
	if (strncmp(s, "drip:", 5) == 0) {
		mode->kind = MOCK_DRIP;
		return (mock_parse_long(s + 5, 0, 60000, &mode->arg));
	}
	if (strncmp(s, "drop:", 5) == 0) {
		mode->kind = MOCK_DROP;
		return (mock_parse_long(s + 5, 0, LONG_MAX, &mode->arg));
	}
	return (-1);
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
		n = poll(&pfd, 1, mock_idle_ms);
		if (n > 0)
			return (0);
		if (n == 0)
			return (-1);
		if (errno != EINTR)
			return (-1);
	}
}

/* Sleep ms milliseconds (cut short by a stop signal). */
static void
mock_sleep(long ms)
{
	struct timespec	ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (!mock_stop && nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
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
 * Read fixture name from the fixture directory into b. Names are plain
 * file names: no slash and no leading dot. Returns 0, or -1 if there is
 * no such fixture.
 */
static int
mock_read_fixture(const char *name, struct buf *b)
{
	char	 path[PATH_MAX], tmp[8192];
	ssize_t	 n;
	int	 fd;

	if (*name == '\0' || *name == '.' || strchr(name, '/') != NULL)
		return (-1);
	if ((size_t)snprintf(path, sizeof path, "%s/%s", mock_dir, name) >=
	    sizeof path)
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

/* Send body in the given mode; returns 0, or -1 once the client is gone. */
static int
mock_send_body(int fd, const char *body, size_t len,
    const struct mock_mode *mode)
{
	const char	*line, *nl;
	size_t		 i, line_len, half;

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
				if (mock_send(fd, line, half) == -1)
					return (-1);
				mock_sleep(mode->arg);
			}
			if (mock_send(fd, line + half, line_len - half) == -1)
				return (-1);
			mock_sleep(mode->arg);
		}
		return (0);
	case MOCK_DROP:
		if ((size_t)mode->arg < len)
			len = (size_t)mode->arg;
		return (mock_send(fd, body, len));
	}
	return (-1);
}

/* Answer one request on fd. */
static void
mock_answer(int fd, const struct mock_request *req)
{
	struct mock_mode	 mode = mock_default_mode;
	struct buf		 body, head;
	const char		*name = NULL, *value, *retry;
	long			 status = 200;
	size_t			 i;

	buf_init(&body, MOCK_FIXTURE_MAX);
	buf_init(&head, 0);

	name = mock_header(req, "X-Mock-Fixture");
	for (i = 0; name == NULL && i < sizeof mock_routes /
	    sizeof mock_routes[0]; i++) {
		if (strcmp(req->method, mock_routes[i].method) == 0 &&
		    strcmp(req->path, mock_routes[i].path) == 0)
			name = mock_routes[i].fixture;
	}
	if (name == NULL) {
		status = 404;
		name = "none.json";
		buf_printf(&body, "{\"error\":{\"message\":\"mock-llm: no "
		    "route for %s %s\"}}\n", req->method, req->path);
	} else if (mock_read_fixture(name, &body) == -1) {
		status = 404;
		buf_reset(&body);
		buf_addstr(&body, "{\"error\":{\"message\":\"mock-llm: no "
		    "such fixture\"}}\n");
		name = "none.json";
	}

	value = mock_header(req, "X-Mock-Status");
	if (value != NULL && mock_parse_long(value, 100, 999, &status) == -1)
		status = 400;
	value = mock_header(req, "X-Mock-Mode");
	if (value != NULL && mock_parse_mode(value, &mode) == -1)
		mode = mock_default_mode;
	retry = mock_header(req, "X-Mock-Retry-After");

	buf_printf(&head, "HTTP/1.1 %ld %s\r\n", status,
	    mock_reason((int)status));
	buf_printf(&head, "Content-Type: %s\r\n", mock_content_type(name));
	buf_printf(&head, "Content-Length: %zu\r\n", body.len);
	if (retry != NULL)
		buf_printf(&head, "Retry-After: %s\r\n", retry);
	buf_addstr(&head, "Cache-Control: no-cache\r\n");
	buf_addstr(&head, "Connection: close\r\n\r\n");

	if (mock_send(fd, head.data, head.len) == 0)
		mock_send_body(fd, body.len > 0 ? body.data : "", body.len,
		    &mode);
	buf_free(&head);
	buf_free(&body);
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
	mock_log_request(&req);
	mock_answer(fd, &req);
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
	socklen_t		 slen;
	long			 seconds;
	int			 ch, lfd, cfd, one = 1;

	while ((ch = getopt(argc, argv, "d:l:m:t:")) != -1) {
		switch (ch) {
		case 'd':
			mock_dir = optarg;
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
		if (poll(&pfd, 1, -1) == -1) {
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
	close(lfd);
	return (0);
}
