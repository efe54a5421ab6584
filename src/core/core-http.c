/*
 * HTTP through libcurl (see core-http.h). The functions jumbo uses are
 * looked up once, the first time a request is made, into http_curl; the
 * transfer runs on a multi handle so the loop can wait on the cancel fd
 * beside curl's own sockets.
 */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core-http.h"
#include "util-log.h"
#include "util-time.h"
#include "util-xmalloc.h"

#ifndef JUMBO_VERSION
#define JUMBO_VERSION "0"
#endif

static struct {
	CURLcode	 (*global_init)(long);
	CURL		*(*easy_init)(void);
	CURLcode	 (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	 (*easy_getinfo)(CURL *, CURLINFO, ...);
	void		 (*easy_cleanup)(CURL *);
	const char	*(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		 (*slist_free_all)(struct curl_slist *);
	CURLM		*(*multi_init)(void);
	CURLMcode	 (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode	 (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode	 (*multi_perform)(CURLM *, int *);
	CURLMcode	 (*multi_poll)(CURLM *, struct curl_waitfd *,
			     unsigned int, int, int *);
	CURLMsg		*(*multi_info_read)(CURLM *, int *);
	CURLMcode	 (*multi_cleanup)(CURLM *);
} http_curl;

static pthread_once_t	 http_once = PTHREAD_ONCE_INIT;
static char		*http_load_error;

/* What each request carries through curl's callbacks. */
struct http_transfer {
	const struct http_request	*req;
	struct http_response		*res;
	CURL				*easy;
	int64_t				 last;	/* ms of the last byte; 0 before */
	int				 timed_out;
};

/* Look libcurl up and initialise it; on failure, say why in http_load_error. */
static void
http_load_once(void)
{
	static const char *const names[] = {
		"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so", NULL
	};
	static const struct {
		const char	*name;
		size_t		 offset;
	} symbols[] = {
#define HTTP_SYMBOL(f) { "curl_" #f, offsetof(__typeof__(http_curl), f) }
		HTTP_SYMBOL(global_init),
		HTTP_SYMBOL(easy_init),
		HTTP_SYMBOL(easy_setopt),
		HTTP_SYMBOL(easy_getinfo),
		HTTP_SYMBOL(easy_cleanup),
		HTTP_SYMBOL(easy_strerror),
		HTTP_SYMBOL(slist_append),
		HTTP_SYMBOL(slist_free_all),
		HTTP_SYMBOL(multi_init),
		HTTP_SYMBOL(multi_add_handle),
		HTTP_SYMBOL(multi_remove_handle),
		HTTP_SYMBOL(multi_perform),
		HTTP_SYMBOL(multi_poll),
		HTTP_SYMBOL(multi_info_read),
		HTTP_SYMBOL(multi_cleanup),
#undef HTTP_SYMBOL
	};
	void	*lib = NULL, *f;
	size_t	 i;

	for (i = 0; names[i] != NULL && lib == NULL; i++)
		lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		xasprintf(&http_load_error, "cannot load libcurl (%s); install "
		    "the libcurl4 package", dlerror());
		return;
	}
	for (i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
		if ((f = dlsym(lib, symbols[i].name)) == NULL) {
			xasprintf(&http_load_error, "libcurl has no %s; it is "
			    "older than 7.66, which jumbo needs",
			    symbols[i].name);
			return;
		}
		memcpy((char *)&http_curl + symbols[i].offset, &f, sizeof f);
	}
	if (http_curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		xasprintf(&http_load_error, "libcurl failed to initialise");
}

static void *
http_preload_thread(void *arg)
{
	pthread_once(&http_once, http_load_once);
	return (NULL);
}

static pthread_t	http_preload_tid;
static int		http_preload_started;

void
http_preload(void)
{
	if (http_preload_started)
		return;
	if (pthread_create(&http_preload_tid, NULL, http_preload_thread,
	    NULL) != 0)
		log_debug("http: no thread to load libcurl early");
	else
		http_preload_started = 1;
}

void
http_preload_wait(void)
{
	if (http_preload_started) {
		pthread_join(http_preload_tid, NULL);
		http_preload_started = 0;
	}
}

static int
http_load(char **cause)
{
	pthread_once(&http_once, http_load_once);
	if (http_load_error != NULL) {
		xcause(cause, "%s", http_load_error);
		return (-1);
	}
	return (0);
}

/* The seconds of a Retry-After value: a number, or an HTTP date. */
static long
http_retry_after(const char *value)
{
	struct tm	 tm;
	char		*end;
	long		 n;
	time_t		 when, now;

	while (*value == ' ' || *value == '\t')
		value++;
	n = strtol(value, &end, 10);
	if (end != value && n >= 0)
		return (n);
	memset(&tm, 0, sizeof tm);
	if (strptime(value, "%a, %d %b %Y %H:%M:%S GMT", &tm) == NULL)
		return (-1);
	when = timegm(&tm);
	now = time(NULL);
	return (when > now ? (long)(when - now) : 0);
}

/* A header line: remember the status's Retry-After and Content-Type. */
static size_t
http_on_header(char *p, size_t size, size_t n, void *arg)
{
	struct http_transfer	*t = arg;
	struct http_response	*res = t->res;
	size_t			 len = size * n, name;
	char			*value, *line;

	t->last = time_now_ms();
	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* A new answer (after a 100 Continue, say) starts afresh. */
		free(res->content_type);
		res->content_type = NULL;
		res->retry_after = -1;
		return (len);
	}
	line = xstrndup(p, len);
	line[strcspn(line, "\r\n")] = '\0';
	if ((value = strchr(line, ':')) != NULL) {
		name = value - line;
		value++;
		value += strspn(value, " \t");
		if (name == 11 && strncasecmp(line, "Retry-After", 11) == 0)
			res->retry_after = http_retry_after(value);
		else if (name == 12 &&
		    strncasecmp(line, "Content-Type", 12) == 0) {
			free(res->content_type);
			res->content_type = xstrdup(value);
		}
	}
	free(line);
	return (len);
}

/*
 * Body bytes: a 2xx answer's go to on_data, anything else is kept (to a
 * cap) for the error message.
 */
static size_t
http_on_body(char *p, size_t size, size_t n, void *arg)
{
	struct http_transfer	*t = arg;
	struct http_response	*res = t->res;
	size_t			 len = size * n, room;
	long			 status = 0;

	t->last = time_now_ms();
	http_curl.easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	res->status = status;
	res->received += len;
	if (status >= 200 && status < 300 && t->req->on_data != NULL) {
		if (t->req->on_data(p, len, t->req->arg) != 0) {
			res->stopped = 1;
			return (0);
		}
		return (len);
	}
	room = res->body.max - res->body.len;
	buf_add(&res->body, p, len < room ? len : room);
	return (len);
}

/* host:port of a URL, for messages. Result must be freed. */
static char *
http_host(const char *url)
{
	const char	*p;

	if ((p = strstr(url, "://")) != NULL)
		url = p + 3;
	return (xstrndup(url, strcspn(url, "/?#")));
}

/*
 * When a connection failed, curl's message names the host it tried: a
 * proxy from its environment variables if one is set. Put that host:port
 * in out and return 1 when it is not the host of the URL.
 */
static int
http_proxy_tried(const char *detail, const char *host, char *out,
    size_t size)
{
	char	 tried[256];
	long	 port;
	size_t	 len;

	if (sscanf(detail, "Failed to connect to %255s port %ld", tried,
	    &port) != 2)
		return (0);
	len = strlen(tried);
	if (*host == '[' && strncmp(host + 1, tried, len) == 0 &&
	    host[len + 1] == ']')
		return (0);
	if (strncmp(host, tried, len) == 0 &&
	    (host[len] == '\0' || host[len] == ':'))
		return (0);
	snprintf(out, size, "%s:%ld", tried, port);
	return (1);
}

/* A sentence for a transfer that ended without a whole answer. */
static void
http_failure(struct http_transfer *t, CURLcode code, const char *detail,
    char **cause)
{
	const struct http_request	*req = t->req;
	char				*host = http_host(req->url);
	char				 proxy[300];
	long				 os_errno = 0;

	switch (code) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		xcause(cause, "cannot find the host of %s: %s", host, detail);
		break;
	case CURLE_COULDNT_CONNECT:
		http_curl.easy_getinfo(t->easy, CURLINFO_OS_ERRNO, &os_errno);
		if (http_proxy_tried(detail, host, proxy, sizeof proxy))
			xcause(cause, "cannot connect to the proxy %s for %s "
			    "(%s)", proxy, host, os_errno != 0 ?
			    strerror((int)os_errno) : detail);
		else
			xcause(cause, "cannot connect to %s (%s)", host,
			    os_errno != 0 ? strerror((int)os_errno) : detail);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		xcause(cause, "no connection to %s within %ld s (raise "
		    "timeout.connect)", host, req->connect_timeout);
		break;
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
		xcause(cause, "the connection to %s closed before the answer "
		    "was complete", host);
		break;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
		xcause(cause, "TLS with %s failed: %s", host, detail);
		break;
	default:
		xcause(cause, "request to %s failed: %s", host, detail);
		break;
	}
	free(host);
}

/*
 * Whether the server has been silent for the read timeout. The clock
 * starts once the connection is made (connecting has its own timeout)
 * and restarts with every byte.
 */
static int
http_idle(struct http_transfer *t)
{
	curl_off_t	connected = 0;
	int64_t		now = time_now_ms();

	if (t->last == 0) {
		http_curl.easy_getinfo(t->easy, CURLINFO_CONNECT_TIME_T,
		    &connected);
		if (connected != 0)
			t->last = now;
		return (0);
	}
	return (now - t->last > t->req->read_timeout * 1000);
}

int
http_run(const struct http_request *req, struct http_response *res,
    char **cause)
{
	struct http_transfer	 t;
	struct curl_slist	*headers = NULL;
	struct curl_waitfd	 extra;
	const char *const	*h;
	char			 error[CURL_ERROR_SIZE];
	CURLM			*multi;
	CURLMsg			*msg;
	CURLcode		 code = CURLE_OK;
	char			*host;
	int			 running = 1, left, error_out = 0;

	memset(res, 0, sizeof *res);
	res->retry_after = -1;
	buf_init(&res->body, req->on_data != NULL ? HTTP_ERROR_BODY_MAX :
	    HTTP_COLLECT_MAX);
	if (http_load(cause) != 0)
		return (-1);

	memset(&t, 0, sizeof t);
	t.req = req;
	t.res = res;
	if ((t.easy = http_curl.easy_init()) == NULL ||
	    (multi = http_curl.multi_init()) == NULL)
		abort();	/* libcurl is out of memory */
	error[0] = '\0';
	for (h = req->headers; h != NULL && *h != NULL; h++)
		headers = http_curl.slist_append(headers, *h);
	/* No "Expect: 100-continue" wait before a large body. */
	headers = http_curl.slist_append(headers, "Expect:");

	http_curl.easy_setopt(t.easy, CURLOPT_URL, req->url);
	http_curl.easy_setopt(t.easy, CURLOPT_PROTOCOLS_STR, "http,https");
	http_curl.easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L);
	http_curl.easy_setopt(t.easy, CURLOPT_USERAGENT,
	    "jumbo/" JUMBO_VERSION);
	http_curl.easy_setopt(t.easy, CURLOPT_HTTPHEADER, headers);
	http_curl.easy_setopt(t.easy, CURLOPT_ERRORBUFFER, error);
	http_curl.easy_setopt(t.easy, CURLOPT_CONNECTTIMEOUT,
	    req->connect_timeout);
	http_curl.easy_setopt(t.easy, CURLOPT_HEADERFUNCTION, http_on_header);
	http_curl.easy_setopt(t.easy, CURLOPT_HEADERDATA, &t);
	http_curl.easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, http_on_body);
	http_curl.easy_setopt(t.easy, CURLOPT_WRITEDATA, &t);
	if (strcmp(req->method, "POST") == 0) {
		http_curl.easy_setopt(t.easy, CURLOPT_POST, 1L);
		http_curl.easy_setopt(t.easy, CURLOPT_POSTFIELDS, req->body);
		http_curl.easy_setopt(t.easy, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)req->body_len);
	}
	http_curl.multi_add_handle(multi, t.easy);

	log_debug("http: %s %s (%zu bytes)", req->method, req->url,
	    req->body_len);
	while (running) {
		if (http_curl.multi_perform(multi, &running) != CURLM_OK)
			break;
		if (!running)
			break;
		memset(&extra, 0, sizeof extra);
		extra.fd = req->cancel_fd;
		extra.events = CURL_WAIT_POLLIN;
		http_curl.multi_poll(multi, &extra, req->cancel_fd >= 0 ? 1 : 0,
		    1000, NULL);
		if (req->cancel_fd >= 0 && (extra.revents & CURL_WAIT_POLLIN)) {
			res->cancelled = 1;
			break;
		}
		if (http_idle(&t)) {
			t.timed_out = 1;
			break;
		}
	}
	while ((msg = http_curl.multi_info_read(multi, &left)) != NULL) {
		if (msg->msg == CURLMSG_DONE)
			code = msg->data.result;
	}
	http_curl.easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &res->status);
	log_debug("http: status %ld, %zu bytes, curl %d%s%s", res->status,
	    res->received, (int)code, res->cancelled ? ", cancelled" : "",
	    res->stopped ? ", stopped" : "");

	if (t.timed_out) {
		host = http_host(req->url);
		xcause(cause, "%s sent nothing for %ld s (raise timeout.read)",
		    host, req->read_timeout);
		free(host);
		error_out = 1;
	} else if (!res->cancelled && !res->stopped && code != CURLE_OK) {
		http_failure(&t, code, error[0] != '\0' ? error :
		    http_curl.easy_strerror(code), cause);
		error_out = 1;
	}
	http_curl.multi_remove_handle(multi, t.easy);
	http_curl.easy_cleanup(t.easy);
	http_curl.multi_cleanup(multi);
	http_curl.slist_free_all(headers);
	return (error_out ? -1 : 0);
}

void
http_response_free(struct http_response *res)
{
	free(res->content_type);
	buf_free(&res->body);
	memset(res, 0, sizeof *res);
}

int
http_reachable(const char *host, int port, int timeout_ms)
{
	struct addrinfo	 hints, *list, *ai;
	struct pollfd	 pfd;
	char		 service[16];
	int		 fd, ok = 0, error;
	socklen_t	 len;

	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	/* An address is taken as it is: no resolver, no files read. */
	hints.ai_flags = AI_NUMERICSERV | AI_NUMERICHOST;
	snprintf(service, sizeof service, "%d", port);
	if (getaddrinfo(host, service, &hints, &list) != 0) {
		hints.ai_flags = AI_NUMERICSERV;
		if (getaddrinfo(host, service, &hints, &list) != 0)
			return (0);
	}
	for (ai = list; ai != NULL && !ok; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			ok = 1;
		else if (errno == EINPROGRESS) {
			pfd.fd = fd;
			pfd.events = POLLOUT;
			len = sizeof error;
			if (poll(&pfd, 1, timeout_ms) == 1 &&
			    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error,
			    &len) == 0 && error == 0)
				ok = 1;
		}
		close(fd);
	}
	freeaddrinfo(list);
	return (ok);
}
