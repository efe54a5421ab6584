/*
 * What each model API brings to core-engine.c (core-openai.c,
 * core-ollama.c, core-anthropic.c): its URLs and headers, the JSON body of
 * a request, how to read one event of its stream, its list of models and
 * its error bodies. Private to src/core.
 *
 * A provider's event reader reports through the engine_stream_* calls:
 * text as it comes, token usage, the end of the reply, or an error the
 * server sent inside the stream.
 */
#ifndef CORE_PROVIDER_H
#define CORE_PROVIDER_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct engine_request;
struct engine_stream;

enum provider_framing {
	PROVIDER_SSE,		/* text/event-stream */
	PROVIDER_NDJSON		/* one JSON object a line */
};

/* What a provider is given to build a request. */
struct provider_target {
	const char	*base;		/* base URL, no trailing slash */
	const char	*model;
	const char	*key;		/* may be NULL */
};

#define PROVIDER_HEADERS_MAX	8

struct provider {
	const char		*name;
	enum provider_framing	 framing;
	const char		*default_base;
	const char		*base_env;	/* "OPENAI_BASE_URL" */
	const char		*base_config;	/* "openai.base_url" */
	const char		*key_env;	/* NULL: no key */
	const char		*key_config;
	const char		*key_cmd_config;
	int			 key_required;	/* fail before sending without one */

	/* Where chat and the models list are, below the base URL. */
	const char		*chat_path;
	const char		*models_path;
	/* Header lines into out (each must be freed); returns how many. */
	size_t	 (*headers)(const struct provider_target *,
		    char *out[PROVIDER_HEADERS_MAX]);
	/* The request body. Result must be freed. */
	char	*(*body)(const struct provider_target *,
		    const struct engine_request *, int with_extras);
	/*
	 * One event: the SSE event type (NULL for NDJSON) and its data,
	 * parsed. Returns 0, or -1 after engine_stream_error().
	 */
	int	 (*event)(struct engine_stream *, const char *type,
		    const cJSON *data);
	/* Where a models answer lists them: {"data": [{"id": ...}]}. */
	const char	*models_list;
	const char	*models_field;
	/* The message of an error body, or NULL. */
	const char *(*error_message)(const cJSON *);
};

extern const struct provider openai_provider;
extern const struct provider ollama_provider;
extern const struct provider anthropic_provider;

void	 engine_stream_text(struct engine_stream *, const char *, size_t);
void	 engine_stream_usage(struct engine_stream *, long prompt,
	    long completion);
void	 engine_stream_done(struct engine_stream *);
void	 engine_stream_error(struct engine_stream *, const char *message);

/* Helpers the providers share. */
/* Messages as [{"role", "content"}], the system one first if given. */
cJSON	*provider_messages(const struct engine_request *, int with_system);
/* Number at key, or -1. */
long	 provider_count(const cJSON *, const char *key);

#endif
