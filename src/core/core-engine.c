/*
 * Model engines (see core-engine.h). An engine is a provider (core-openai.c,
 * core-ollama.c, core-anthropic.c: URLs, bodies, events) with a base URL,
 * a model, a key and timeouts. A chat request goes out through core-http.c
 * and comes back through the SSE or NDJSON reader into the provider's
 * event reader, which reports text, usage, the end or an error into an
 * engine_stream. Everything about failing well lives here: retries of busy
 * servers, the sentences for refused keys, unknown models and answers that
 * are not JSON, and keeping a stream's text when it breaks off.
 */
#include <sys/wait.h>

#include <stdarg.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "core-config.h"
#include "core-engine.h"
#include "core-http.h"
#include "core-ndjson.h"
#include "core-provider.h"
#include "core-sse.h"
#include "util-buf.h"
#include "util-json.h"
#include "util-log.h"
#include "util-str.h"
#include "util-time.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#define ENGINE_CONNECT_TIMEOUT	10
#define ENGINE_READ_TIMEOUT	120
#define ENGINE_REPLY_MAX	(4 * 1024 * 1024)
#define ENGINE_KEY_MAX		4096
#define ENGINE_MESSAGE_MAX	300
#define ENGINE_OPENAI_DEFAULT	"gpt-4o-mini"
#define ENGINE_OLLAMA_PORT	11434
#define ENGINE_PROBE_MS		200
#define ENGINE_REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

struct engine {
	const struct provider	*provider;
	char			*spec;
	char			*model;
	char			*base;
	char			*host;		/* host:port, for messages */
	char			*key;
	const char		*key_source;	/* variable or config key */
	long			 connect_timeout;
	long			 read_timeout;
};

/* One streamed answer being read. */
struct engine_stream {
	const struct provider		*provider;
	const struct engine_callbacks	*cb;
	struct sse_reader		 sse;
	struct ndjson_reader		 ndjson;
	struct buf			 text;
	struct buf			 pending;	/* text not yet handed on */
	char				 carry[4];	/* an unfinished UTF-8 sequence */
	size_t				 ncarry;
	long				 prompt_tokens;
	long				 completion_tokens;
	int64_t				 start;
	int64_t				 first;
	int				 done;
	int				 checked;	/* content type looked at */
	char				*error;		/* what the server said */
	char				*broken;	/* what was wrong with the stream */
	const struct http_response	*response;	/* its content type */
};

static const struct provider *const engine_providers[] = {
	&openai_provider, &ollama_provider, &anthropic_provider, NULL
};

/* ---- Helpers for the providers. */

cJSON *
provider_messages(const struct engine_request *r, int with_system)
{
	cJSON	*list, *m;
	size_t	 i;

	list = cJSON_CreateArray();
	if (with_system && r->system != NULL) {
		m = cJSON_CreateObject();
		cJSON_AddStringToObject(m, "role", "system");
		cJSON_AddStringToObject(m, "content", r->system);
		cJSON_AddItemToArray(list, m);
	}
	for (i = 0; i < r->nmessages; i++) {
		m = cJSON_CreateObject();
		cJSON_AddStringToObject(m, "role", r->messages[i].role);
		cJSON_AddStringToObject(m, "content", r->messages[i].text);
		cJSON_AddItemToArray(list, m);
	}
	return (list);
}

long
provider_count(const cJSON *o, const char *key)
{
	double	n;

	if (json_get_number(o, key, &n) != 0 || n < 0 || n > 1e12)
		return (-1);
	return ((long)n);
}

/* ---- The stream. */

/*
 * Whether p[0..n) is the start of a UTF-8 sequence that more bytes could
 * finish.
 */
static int
engine_utf8_open(const char *p, size_t n)
{
	unsigned char	c = (unsigned char)p[0];
	size_t		need, i;

	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef)
		need = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		need = 4;
	else
		return (0);
	if (n >= need)
		return (0);
	for (i = 1; i < n; i++) {
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			return (0);
	}
	return (1);
}

static void
engine_stream_add(struct engine_stream *st, const char *p, size_t n)
{
	if (n == 0)
		return;
	if (buf_add(&st->text, p, n) != 0) {
		if (st->broken == NULL)
			xasprintf(&st->broken, "the reply passed %d MiB and "
			    "was cut there", ENGINE_REPLY_MAX >> 20);
		return;
	}
	if (st->cb != NULL && st->cb->on_text != NULL)
		buf_add(&st->pending, p, n);
}

/*
 * Text of the reply from an event. Bytes that are not UTF-8 become
 * U+FFFD; a sequence a server split between two events waits for its end.
 */
void
engine_stream_text(struct engine_stream *st, const char *p, size_t n)
{
	char		*joined = NULL;
	uint32_t	 cp;
	size_t		 i, start, used;

	if (st->first == 0)
		st->first = time_now_ms();
	if (st->ncarry != 0) {
		joined = xmalloc(st->ncarry + n);
		memcpy(joined, st->carry, st->ncarry);
		memcpy(joined + st->ncarry, p, n);
		p = joined;
		n += st->ncarry;
		st->ncarry = 0;
	}
	start = i = 0;
	while (i < n) {
		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		if ((used = utf8_decode(p + i, n - i, &cp)) != 0) {
			i += used;
			continue;
		}
		if (engine_utf8_open(p + i, n - i))
			break;
		engine_stream_add(st, p + start, i - start);
		engine_stream_add(st, ENGINE_REPLACEMENT, 3);
		start = ++i;
	}
	engine_stream_add(st, p + start, i - start);
	memcpy(st->carry, p + i, n - i);
	st->ncarry = n - i;
	free(joined);
}

/*
 * Hand the text that came in one read of the network to the front end
 * in one piece (a fast server sends many tokens a read).
 */
static void
engine_stream_flush(struct engine_stream *st)
{
	if (st->pending.len == 0)
		return;
	st->cb->on_text(st->pending.data, st->pending.len, st->cb->arg);
	st->pending.len = 0;
}

void
engine_stream_usage(struct engine_stream *st, long prompt, long completion)
{
	if (prompt >= 0)
		st->prompt_tokens = prompt;
	if (completion >= 0)
		st->completion_tokens = completion;
}

void
engine_stream_done(struct engine_stream *st)
{
	st->done = 1;
}

void
engine_stream_error(struct engine_stream *st, const char *message)
{
	if (st->error == NULL)
		st->error = xstrdup(message);
}

/* One event's data: "[DONE]", or JSON for the provider. */
static int
engine_stream_data(struct engine_stream *st, const char *type,
    const char *data, size_t len)
{
	cJSON	*o;
	int	 error;

	if (st->done)
		return (0);
	if (len == 6 && memcmp(data, "[DONE]", 6) == 0) {
		st->done = 1;
		return (0);
	}
	if ((o = cJSON_ParseWithLength(data, len)) == NULL ||
	    !cJSON_IsObject(o)) {
		cJSON_Delete(o);
		xasprintf(&st->broken, "it sent something that is not JSON in "
		    "its stream");
		return (1);
	}
	error = st->provider->event(st, type, o);
	cJSON_Delete(o);
	return (error != 0 ? 1 : 0);
}

static int
engine_on_event(const struct sse_event *ev, void *arg)
{
	struct engine_stream	*st = arg;

	if (ev->comment || ev->data_len == 0)
		return (0);
	return (engine_stream_data(arg, ev->type, ev->data, ev->data_len) ||
	    st->error != NULL || st->broken != NULL);
}

static int
engine_on_line(const char *line, size_t len, void *arg)
{
	struct engine_stream	*st = arg;

	return (engine_stream_data(st, NULL, line, len) ||
	    st->error != NULL || st->broken != NULL);
}

/* Bytes of a 2xx answer: into the reader of the provider's framing. */
static int
engine_on_data(const char *p, size_t n, void *arg)
{
	struct engine_stream	*st = arg;
	char			*cause = NULL;
	int			 error;

	if (!st->checked) {
		st->checked = 1;
		/* A portal or proxy page is not a stream. */
		if (st->response->content_type != NULL && strncasecmp(
		    st->response->content_type, "text/html", 9) == 0) {
			xasprintf(&st->broken, "it sent an HTML page instead "
			    "of a stream");
			return (1);
		}
	}
	if (st->provider->framing == PROVIDER_SSE)
		error = sse_feed(&st->sse, p, n, engine_on_event, st, &cause);
	else
		error = ndjson_feed(&st->ndjson, p, n, engine_on_line, st,
		    &cause);
	engine_stream_flush(st);
	if (error == -1) {
		free(st->broken);
		st->broken = cause;
	}
	return (error != 0);
}

/* The end of the bytes: a last event without its blank line. */
static void
engine_stream_finish(struct engine_stream *st)
{
	char	*cause = NULL;

	if (st->error != NULL || st->broken != NULL)
		return;
	if (st->provider->framing == PROVIDER_SSE)
		sse_finish(&st->sse, engine_on_event, st, &cause);
	else
		ndjson_finish(&st->ndjson, engine_on_line, st, &cause);
	if (st->ncarry != 0) {
		st->ncarry = 0;
		engine_stream_add(st, ENGINE_REPLACEMENT, 3);
	}
	engine_stream_flush(st);
	if (cause != NULL && st->broken == NULL)
		st->broken = cause;
	else
		free(cause);
}

static void
engine_stream_init(struct engine_stream *st, const struct provider *p,
    const struct engine_callbacks *cb)
{
	memset(st, 0, sizeof *st);
	st->provider = p;
	st->cb = cb;
	sse_init(&st->sse, 0);
	ndjson_init(&st->ndjson, 0);
	buf_init(&st->text, ENGINE_REPLY_MAX);
	buf_init(&st->pending, 0);
	st->prompt_tokens = -1;
	st->completion_tokens = -1;
	st->start = time_now_ms();
}

static void
engine_stream_free(struct engine_stream *st)
{
	sse_free(&st->sse);
	ndjson_free(&st->ndjson);
	buf_free(&st->text);
	buf_free(&st->pending);
	free(st->error);
	free(st->broken);
}

/* ---- Opening. */

/*
 * Run a key command with sh -c and take the first line it prints.
 * Returns the key (must be freed) or NULL with *cause; never logs it.
 */
static char *
engine_key_command(const char *key, const char *command, char **cause)
{
	FILE	*f;
	char	 line[ENGINE_KEY_MAX];
	int	 status;
	size_t	 len;

	fflush(NULL);
	if ((f = popen(command, "r")) == NULL) {
		xcause(cause, "%s: cannot run the command", key);
		return (NULL);
	}
	if (fgets(line, sizeof line, f) == NULL)
		line[0] = '\0';
	while (fgetc(f) != EOF)
		continue;
	status = pclose(f);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		xcause(cause, "%s: the command failed (exit status %d)", key,
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return (NULL);
	}
	len = strcspn(line, "\r\n");
	line[len] = '\0';
	if (str_blank(line)) {
		xcause(cause, "%s: the command printed no key", key);
		return (NULL);
	}
	return (xstrdup(str_trim(line)));
}

/* The value of a variable, or NULL when unset or empty. */
static const char *
engine_env(const char *name)
{
	const char	*v;

	if (name == NULL || (v = getenv(name)) == NULL || *v == '\0')
		return (NULL);
	return (v);
}

/*
 * OLLAMA_HOST as a base URL: "host", "host:port", ":port" or a URL; no
 * port means 11434, and 0.0.0.0 (a listen address) means this machine.
 */
static char *
engine_ollama_base(const char *value)
{
	const char	*scheme = "http://", *rest = value, *colon;
	char		*host, *url;

	if (strncmp(value, "http://", 7) == 0)
		rest = value + 7;
	else if (strncmp(value, "https://", 8) == 0) {
		scheme = "https://";
		rest = value + 8;
	}
	host = xstrndup(rest, strcspn(rest, "/"));
	if (strncmp(host, "0.0.0.0", 7) == 0 || *host == ':' ||
	    *host == '\0') {
		colon = strchr(host, ':');
		xasprintf(&url, "%s127.0.0.1%s", scheme, colon != NULL ?
		    colon : ":11434");
	} else if (strchr(host, ':') == NULL || host[0] == '[')
		xasprintf(&url, "%s%s:%d", scheme, host, ENGINE_OLLAMA_PORT);
	else
		xasprintf(&url, "%s%s", scheme, host);
	free(host);
	return (url);
}

static long
engine_seconds(const struct config *config, const char *key, long def)
{
	const char	*v = config != NULL ? config_get(config, key) : NULL;
	long		 n;
	char		*end;

	if (v == NULL)
		return (def);
	n = strtol(v, &end, 10);
	return (*end == '\0' && n > 0 ? n : def);
}

int
engine_open(const struct config *config, const char *spec,
    struct engine **out, char **cause)
{
	const struct provider *const	*p;
	const struct provider		*provider = NULL;
	struct engine			*e;
	const char			*colon, *v, *rest;
	size_t				 len;

	if ((colon = strchr(spec, ':')) == NULL || colon[1] == '\0')
		goto unknown;
	len = colon - spec;
	for (p = engine_providers; *p != NULL; p++) {
		if (strlen((*p)->name) == len &&
		    strncmp((*p)->name, spec, len) == 0)
			provider = *p;
	}
	if (provider == NULL)
		goto unknown;

	e = xcalloc(1, sizeof *e);
	e->provider = provider;
	e->spec = xstrdup(spec);
	e->model = xstrdup(colon + 1);
	e->connect_timeout = engine_seconds(config, "timeout.connect",
	    ENGINE_CONNECT_TIMEOUT);
	e->read_timeout = engine_seconds(config, "timeout.read",
	    ENGINE_READ_TIMEOUT);

	if ((v = engine_env(provider->base_env)) == NULL && config != NULL)
		v = config_get(config, provider->base_config);
	if (v == NULL)
		v = provider->default_base;
	if (provider == &ollama_provider)
		e->base = engine_ollama_base(v);
	else {
		e->base = xstrdup(v);
		len = strlen(e->base);
		while (len > 0 && e->base[len - 1] == '/')
			e->base[--len] = '\0';
	}
	rest = strstr(e->base, "://");
	rest = rest != NULL ? rest + 3 : e->base;
	e->host = xstrndup(rest, strcspn(rest, "/?#"));

	if (provider->key_env != NULL) {
		if ((v = engine_env(provider->key_env)) != NULL) {
			e->key = xstrdup(v);
			e->key_source = provider->key_env;
		} else if (config != NULL &&
		    (v = config_get(config, provider->key_config)) != NULL) {
			e->key = xstrdup(v);
			e->key_source = provider->key_config;
		} else if (config != NULL && (v = config_get(config,
		    provider->key_cmd_config)) != NULL) {
			e->key_source = provider->key_cmd_config;
			if ((e->key = engine_key_command(e->key_source, v,
			    cause)) == NULL) {
				engine_free(e);
				return (-1);
			}
		} else if (provider->key_required) {
			xcause(cause, "%s needs an API key: set %s, or %s or %s "
			    "in the config", spec, provider->key_env,
			    provider->key_config, provider->key_cmd_config);
			engine_free(e);
			return (-1);
		}
	}
	log_debug("engine %s at %s, key %s", e->spec, e->base,
	    e->key != NULL ? e->key_source : "none");
	*out = e;
	return (0);

unknown:
	xcause(cause, "unknown engine \"%s\" (expected builtin, openai:MODEL, "
	    "ollama:MODEL or anthropic:MODEL)", spec);
	return (-1);
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	free(e->spec);
	free(e->model);
	free(e->base);
	free(e->host);
	if (e->key != NULL)
		explicit_bzero(e->key, strlen(e->key));
	free(e->key);
	free(e);
}

const char *
engine_spec(const struct engine *e)
{
	return (e->spec);
}

const char *
engine_provider(const struct engine *e)
{
	return (e->provider->name);
}

const char *
engine_model(const struct engine *e)
{
	return (e->model);
}

/* ---- Failing well. */

/*
 * A server's message made safe to print: one line, no control bytes, the
 * key (should a server echo it) taken out, at most ENGINE_MESSAGE_MAX
 * bytes. Result must be freed.
 */
static char *
engine_clean(const struct engine *e, const char *message)
{
	char	*s, *at, *p;
	size_t	 len, klen;

	s = xstrdup(message);
	if (e->key != NULL && (klen = strlen(e->key)) >= 8) {
		while ((at = strstr(s, e->key)) != NULL) {
			memset(at, '*', klen);
			memcpy(at, "[key]", 5);
			memmove(at + 5, at + klen, strlen(at + klen) + 1);
		}
	}
	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	}
	len = strlen(s);
	if (len > ENGINE_MESSAGE_MAX) {
		len = ENGINE_MESSAGE_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
		memcpy(s + len, "…", sizeof "…");
	}
	str_trim(s);
	return (s);
}

static const char *
engine_reason(long status)
{
	static const struct {
		long		 status;
		const char	*reason;
	} table[] = {
		{ 400, "Bad Request" }, { 401, "Unauthorized" },
		{ 403, "Forbidden" }, { 404, "Not Found" },
		{ 408, "Request Timeout" }, { 413, "Payload Too Large" },
		{ 422, "Unprocessable Entity" }, { 429, "Too Many Requests" },
		{ 500, "Internal Server Error" }, { 502, "Bad Gateway" },
		{ 503, "Service Unavailable" }, { 504, "Gateway Timeout" },
		{ 529, "Overloaded" },
	};
	size_t	i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (table[i].status == status)
			return (table[i].reason);
	}
	return ("error");
}

/*
 * What an error body says: the JSON error's message, or a description of
 * what came instead. Result must be freed.
 */
static char *
engine_error_text(const struct engine *e, const struct http_response *res)
{
	cJSON		*o;
	const char	*message = NULL, *type = res->content_type;
	char		*text;

	o = cJSON_ParseWithLength(res->body.data != NULL ? res->body.data : "",
	    res->body.len);
	if (o != NULL)
		message = e->provider->error_message(o);
	if (message != NULL)
		text = engine_clean(e, message);
	else if (res->body.len == 0)
		text = xstrdup("with an empty body");
	else if ((type != NULL && strncasecmp(type, "text/html", 9) == 0) ||
	    (res->body.len > 0 && res->body.data[strspn(res->body.data,
	    " \t\r\n")] == '<'))
		text = xstrdup("with an HTML page, not JSON");
	else if (o == NULL)
		text = xstrdup("with something that is not JSON");
	else
		text = xstrdup("with no error message");
	cJSON_Delete(o);
	return (text);
}

/* What to set for a refused key. */
static void
engine_key_advice(const struct engine *e, struct buf *b)
{
	const struct provider	*p = e->provider;

	if (p->key_env == NULL)
		buf_printf(b, "; the server needs credentials jumbo cannot "
		    "send to Ollama");
	else if (e->key == NULL)
		buf_printf(b, "; set %s, or %s in the config", p->key_env,
		    p->key_config);
	else
		buf_printf(b, "; check the key in %s", e->key_source);
}

/* Whether an error answer is about the model asked for. */
static int
engine_model_error(const struct http_response *res, const char *text)
{
	if (res->status == 404)
		return (1);
	if (res->status != 400 && res->status != 422)
		return (0);
	return (strcasestr(text, "model") != NULL);
}

/*
 * The sentence for an answer that is not 2xx: the key to fix for 401 and
 * 403, the models there are for an unknown one, else the status and what
 * the server said.
 */
static void
engine_status_error(struct engine *e, const struct http_response *res,
    int list_models, char **cause)
{
	struct buf	 b;
	char		*text, **names = NULL, *ignored = NULL;
	size_t		 n = 0, i;

	text = engine_error_text(e, res);
	buf_init(&b, 0);
	if (res->status == 401 || res->status == 403) {
		buf_printf(&b, "%s refused the request (HTTP %ld: %s)", e->host,
		    res->status, text);
		engine_key_advice(e, &b);
	} else if (list_models && engine_model_error(res, text)) {
		buf_printf(&b, "the model \"%s\" is not available at %s (HTTP "
		    "%ld: %s)", e->model, e->host, res->status, text);
		if (engine_models(e, &names, &n, &ignored) == 0 && n > 0) {
			buf_printf(&b, "; it has:");
			for (i = 0; i < n && i < 20; i++)
				buf_printf(&b, "%s %s", i == 0 ? "" : ",",
				    names[i]);
			if (n > 20)
				buf_printf(&b, " and %zu more", n - 20);
		} else
			buf_printf(&b, "; `jumbo models` lists what there is");
		for (i = 0; i < n; i++)
			free(names[i]);
		free(names);
		free(ignored);
	} else
		buf_printf(&b, "%s answered HTTP %ld (%s) %s%s", e->host,
		    res->status, engine_reason(res->status),
		    strncmp(text, "with ", 5) == 0 ? "" : "saying: ", text);
	free(text);
	*cause = buf_detach(&b);
}

/* Whether a status is worth another try after a while. */
static int
engine_retryable(long status)
{
	return (status == 429 || status == 500 || status == 502 ||
	    status == 503 || status == 504 || status == 529);
}

/*
 * Wait seconds, or until the cancel fd is readable. Returns 0, or 1 when
 * cancelled.
 */
static int
engine_wait(long seconds, int cancel_fd)
{
	struct pollfd	pfd;
	struct timespec	ts;
	int64_t		end = time_now_ms() + seconds * 1000, left;

	while ((left = end - time_now_ms()) > 0) {
		if (cancel_fd < 0) {
			ts.tv_sec = left / 1000;
			ts.tv_nsec = (left % 1000) * 1000000;
			nanosleep(&ts, NULL);
			continue;
		}
		pfd.fd = cancel_fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)left) == 1)
			return (1);
	}
	return (0);
}

static void
engine_notice(const struct engine_callbacks *cb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
engine_notice(const struct engine_callbacks *cb, const char *fmt, ...)
{
	va_list		ap;
	struct buf	b;

	buf_init(&b, 0);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	log_debug("engine: %s", buf_str(&b));
	if (cb != NULL && cb->on_notice != NULL)
		cb->on_notice(buf_str(&b), cb->arg);
	buf_free(&b);
}

/* The headers of a request; free with engine_headers_free(). */
static void
engine_headers(const struct engine *e, char *lines[PROVIDER_HEADERS_MAX + 1])
{
	struct provider_target	t;
	size_t			n;

	t.base = e->base;
	t.model = e->model;
	t.key = e->key;
	n = e->provider->headers(&t, lines);
	lines[n] = NULL;
}

static void
engine_headers_free(char **lines)
{
	for (; *lines != NULL; lines++) {
		explicit_bzero(*lines, strlen(*lines));
		free(*lines);
	}
}

/* Fill the reply from the stream. */
static void
engine_reply_fill(struct engine_reply *reply, struct engine_stream *st,
    enum engine_end end)
{
	reply->len = st->text.len;
	reply->text = st->text.data != NULL ? buf_detach(&st->text) :
	    xstrdup("");
	reply->prompt_tokens = st->prompt_tokens;
	reply->completion_tokens = st->completion_tokens;
	reply->first_token_ms = st->first != 0 ? st->first - st->start : -1;
	reply->total_ms = time_now_ms() - st->start;
	reply->end = end;
}

int
engine_chat(struct engine *e, const struct engine_request *r,
    const struct engine_callbacks *cb, struct engine_reply *reply,
    char **cause)
{
	struct provider_target	 t;
	struct http_request	 req;
	struct http_response	 res;
	struct engine_stream	 st;
	char			*headers[PROVIDER_HEADERS_MAX + 1];
	char			*url, *body = NULL, *failure = NULL;
	int			 attempt, extras = 1, status;
	long			 wait;
	int64_t			 start = time_now_ms();

	memset(reply, 0, sizeof *reply);
	t.base = e->base;
	t.model = e->model;
	t.key = e->key;
	xasprintf(&url, "%s%s", e->base, e->provider->chat_path);
	engine_headers(e, headers);

	for (attempt = 0;; attempt++) {
		free(body);
		body = e->provider->body(&t, r, extras);
		engine_stream_init(&st, e->provider, cb);
		st.start = start;
		memset(&req, 0, sizeof req);
		req.method = "POST";
		req.url = url;
		req.headers = (const char *const *)headers;
		req.body = body;
		req.body_len = strlen(body);
		req.connect_timeout = e->connect_timeout;
		req.read_timeout = e->read_timeout;
		req.cancel_fd = cb != NULL ? cb->cancel_fd : -1;
		req.on_data = engine_on_data;
		req.arg = &st;
		st.response = &res;
		reply->prompt_bytes = req.body_len;

		status = http_run(&req, &res, &failure);
			if (status == 0 && res.status >= 200 && res.status < 300 &&
		    !res.cancelled && !res.stopped)
			engine_stream_finish(&st);
		if (res.cancelled) {
			engine_reply_fill(reply, &st, ENGINE_CANCELLED);
			break;
		}
		if (status != 0 && !(res.status >= 200 && res.status < 300 &&
		    res.received > 0)) {
			/* No answer at all: nothing to keep. */
			engine_reply_fill(reply, &st, ENGINE_INCOMPLETE);
			*cause = failure;
			failure = NULL;
			status = -1;
			break;
		}
		if (res.status >= 200 && res.status < 300) {
			if (st.error != NULL) {
				xasprintf(cause, "%s stopped the reply with an "
				    "error: %s", e->host, st.error);
				engine_reply_fill(reply, &st,
				    ENGINE_INCOMPLETE);
				status = -1;
			} else if (st.broken != NULL) {
				xasprintf(cause, "%s answered HTTP %ld, but %s",
				    e->host, res.status, st.broken);
				engine_reply_fill(reply, &st,
				    ENGINE_INCOMPLETE);
				status = -1;
			} else if (status != 0 || !st.done) {
				if (failure != NULL)
					*cause = failure;
				else
					xasprintf(cause, "the stream from %s "
					    "ended before the reply was "
					    "finished", e->host);
				failure = NULL;
				engine_reply_fill(reply, &st,
				    ENGINE_INCOMPLETE);
				status = -1;
			} else if (st.text.len == 0) {
				xasprintf(cause, "%s sent an empty reply",
				    e->host);
				engine_reply_fill(reply, &st,
				    ENGINE_INCOMPLETE);
				status = -1;
			} else {
				engine_reply_fill(reply, &st,
				    ENGINE_COMPLETE);
				status = 0;
			}
			break;
		}
		free(failure);
		failure = NULL;

		/* An error answer: retry a busy server, drop extras once. */
		if (engine_retryable(res.status) && attempt < ENGINE_RETRIES) {
			wait = res.retry_after >= 0 ? res.retry_after :
			    1L << attempt;
			if (wait <= ENGINE_RETRY_MAX_WAIT) {
				if (wait > 0)
					engine_notice(cb, "%s answered HTTP %ld "
					    "(%s); retrying in %lds…", e->host,
					    res.status, engine_reason(res.status),
					    wait);
				else
					engine_notice(cb, "%s answered HTTP %ld "
					    "(%s); retrying…", e->host,
					    res.status, engine_reason(res.status));
				http_response_free(&res);
				engine_stream_free(&st);
				if (engine_wait(wait, req.cancel_fd)) {
					engine_stream_init(&st, e->provider,
					    cb);
					engine_reply_fill(reply, &st,
					    ENGINE_CANCELLED);
					engine_stream_free(&st);
					status = 0;
					goto done;
				}
				continue;
			}
		}
		if (res.status == 400 && extras && res.body.data != NULL &&
		    (strstr(res.body.data, "stream_options") != NULL ||
		    strstr(res.body.data, "response_format") != NULL)) {
			log_debug("engine: %s takes no stream_options or "
			    "response_format; asking again without", e->host);
			extras = 0;
			http_response_free(&res);
			engine_stream_free(&st);
			continue;
		}
		engine_status_error(e, &res, 1, cause);
		if (engine_retryable(res.status)) {
			failure = *cause;
			if (attempt >= ENGINE_RETRIES)
				xasprintf(cause, "%s (gave up after %d tries)",
				    failure, attempt + 1);
			else
				xasprintf(cause, "%s (it asked for a wait of "
				    "%ld s; jumbo waits %d s at most)", failure,
				    res.retry_after, ENGINE_RETRY_MAX_WAIT);
			free(failure);
			failure = NULL;
		}
		engine_reply_fill(reply, &st, ENGINE_INCOMPLETE);
		status = -1;
		break;
	}
	http_response_free(&res);
	engine_stream_free(&st);
done:
	free(failure);
	free(body);
	free(url);
	engine_headers_free(headers);
	log_debug("engine: %s reply %zu bytes, %ld+%ld tokens, first %ld ms, "
	    "total %ld ms, end %d", e->spec, reply->len,
	    reply->prompt_tokens, reply->completion_tokens,
	    reply->first_token_ms, reply->total_ms, (int)reply->end);
	return (status);
}

void
engine_reply_clear(struct engine_reply *reply)
{
	free(reply->text);
	memset(reply, 0, sizeof *reply);
}

static int
engine_compare(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

int
engine_models(struct engine *e, char ***out, size_t *count, char **cause)
{
	struct http_request	 req;
	struct http_response	 res;
	const cJSON		*m;
	cJSON			*o;
	const char		*name;
	char			*headers[PROVIDER_HEADERS_MAX + 1], *url;
	char			**names = NULL;
	size_t			 n = 0;
	int			 error = -1;

	*out = NULL;
	*count = 0;
	xasprintf(&url, "%s%s", e->base, e->provider->models_path);
	engine_headers(e, headers);
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	req.headers = (const char *const *)headers;
	req.connect_timeout = e->connect_timeout;
	req.read_timeout = e->read_timeout;
	req.cancel_fd = -1;
	if (http_run(&req, &res, cause) != 0)
		goto out;
	if (res.status < 200 || res.status >= 300) {
		engine_status_error(e, &res, 0, cause);
		goto out;
	}
	o = cJSON_ParseWithLength(res.body.data != NULL ? res.body.data : "",
	    res.body.len);
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		xcause(cause, "%s answered HTTP %ld with a list of models that "
		    "is not JSON", e->host, res.status);
		goto out;
	}
	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(o,
	    e->provider->models_list)) {
		if ((name = json_get_string(m,
		    e->provider->models_field)) == NULL)
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(name);
	}
	cJSON_Delete(o);
	if (n > 0)
		qsort(names, n, sizeof *names, engine_compare);
	*out = names;
	*count = n;
	error = 0;
out:
	http_response_free(&res);
	engine_headers_free(headers);
	free(url);
	return (error);
}

char *
engine_automatic(const struct config *config)
{
	struct engine	*e;
	const char	*v, *rest;
	char		*base, *host, *colon, *cause = NULL, **names, *spec;
	size_t		 n, i;
	int		 port = ENGINE_OLLAMA_PORT, up;

	if (engine_env("OPENAI_API_KEY") != NULL) {
		xasprintf(&spec, "openai:%s", ENGINE_OPENAI_DEFAULT);
		return (spec);
	}
	if ((v = engine_env("OLLAMA_HOST")) == NULL && config != NULL)
		v = config_get(config, "ollama.host");
	base = engine_ollama_base(v != NULL ? v : "127.0.0.1");
	rest = strstr(base, "://") + 3;
	host = xstrndup(rest, strcspn(rest, "/"));
	if ((colon = strrchr(host, ':')) != NULL) {
		port = (int)strtol(colon + 1, NULL, 10);
		*colon = '\0';
	}
	up = http_reachable(host, port, ENGINE_PROBE_MS);
	free(host);
	free(base);
	if (!up)
		return (xstrdup("builtin"));
	/* Ollama answers: take its first model, if it has any. */
	spec = xstrdup("builtin");
	if (engine_open(config, "ollama:probe", &e, &cause) == 0) {
		if (engine_models(e, &names, &n, &cause) == 0) {
			if (n > 0) {
				free(spec);
				xasprintf(&spec, "ollama:%s", names[0]);
			}
			for (i = 0; i < n; i++)
				free(names[i]);
			free(names);
		}
		engine_free(e);
	}
	if (cause != NULL)
		log_debug("engine: Ollama probe: %s", cause);
	free(cause);
	return (spec);
}

/* Whether config or the environment sets anything up for p. */
static int
engine_set_up(const struct config *config, const struct provider *p)
{
	if (engine_env(p->base_env) != NULL || engine_env(p->key_env) != NULL)
		return (1);
	if (config == NULL)
		return (0);
	return (config_get(config, p->base_config) != NULL ||
	    (p->key_config != NULL && config_get(config, p->key_config) !=
	    NULL) || (p->key_cmd_config != NULL && config_get(config,
	    p->key_cmd_config) != NULL));
}

size_t
engine_configured(const struct config *config, const char *const *specs,
    const char **out)
{
	const struct provider *const	*p;
	const char *const		*spec;
	size_t				 n = 0, len;
	int				 wanted;

	for (p = engine_providers; *p != NULL; p++) {
		wanted = engine_set_up(config, *p);
		len = strlen((*p)->name);
		for (spec = specs; !wanted && *spec != NULL; spec++) {
			if (strncmp(*spec, (*p)->name, len) == 0 &&
			    (*spec)[len] == ':')
				wanted = 1;
		}
		/* A local Ollama counts when it answers. */
		if (!wanted && *p == &ollama_provider)
			wanted = http_reachable("127.0.0.1",
			    ENGINE_OLLAMA_PORT, ENGINE_PROBE_MS);
		if (wanted)
			out[n++] = (*p)->name;
	}
	return (n);
}
