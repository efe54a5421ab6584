/*
 * Anthropic's Messages API: POST {base}/v1/messages with the key in
 * x-api-key and an anthropic-version header, answered by named events:
 * message_start (input tokens), content_block_delta (text),
 * message_delta (output tokens), message_stop, ping, and error.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core-engine.h"
#include "core-provider.h"
#include "util-json.h"
#include "util-xmalloc.h"

#define ANTHROPIC_VERSION	"2023-06-01"
/* The API requires max_tokens; this is the reply's default. */
#define ANTHROPIC_MAX_TOKENS	1024

static size_t
anthropic_headers(const struct provider_target *t,
    char *out[PROVIDER_HEADERS_MAX])
{
	size_t	n = 0;

	out[n++] = xstrdup("Content-Type: application/json");
	out[n++] = xstrdup("anthropic-version: " ANTHROPIC_VERSION);
	if (t->key != NULL)
		xasprintf(&out[n++], "x-api-key: %s", t->key);
	return (n);
}

static char *
anthropic_body(const struct provider_target *t,
    const struct engine_request *r, int with_extras)
{
	cJSON	*o;
	char	*s;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "model", t->model);
	cJSON_AddNumberToObject(o, "max_tokens", r->max_tokens > 0 ?
	    (double)r->max_tokens : ANTHROPIC_MAX_TOKENS);
	if (r->system != NULL)
		cJSON_AddStringToObject(o, "system", r->system);
	cJSON_AddItemToObject(o, "messages", provider_messages(r, 0));
	cJSON_AddTrueToObject(o, "stream");
	s = json_print(o);
	cJSON_Delete(o);
	return (s);
}

static int
anthropic_event(struct engine_stream *st, const char *type,
    const cJSON *data)
{
	const cJSON	*delta, *message, *usage, *error;
	const char	*text, *what;

	what = json_get_string(data, "type");
	if (what == NULL)
		what = type;
	if (what == NULL)
		return (0);
	if (strcmp(what, "error") == 0) {
		error = cJSON_GetObjectItemCaseSensitive(data, "error");
		text = json_get_string(error, "message");
		engine_stream_error(st, text != NULL ? text :
		    "the server sent an error without a message");
		return (-1);
	}
	if (strcmp(what, "message_start") == 0) {
		message = cJSON_GetObjectItemCaseSensitive(data, "message");
		usage = cJSON_GetObjectItemCaseSensitive(message, "usage");
		engine_stream_usage(st, provider_count(usage, "input_tokens"),
		    -1);
	} else if (strcmp(what, "content_block_delta") == 0) {
		delta = cJSON_GetObjectItemCaseSensitive(data, "delta");
		if ((text = json_get_string(delta, "text")) != NULL &&
		    *text != '\0')
			engine_stream_text(st, text, strlen(text));
	} else if (strcmp(what, "message_delta") == 0) {
		usage = cJSON_GetObjectItemCaseSensitive(data, "usage");
		engine_stream_usage(st, provider_count(usage, "input_tokens"),
		    provider_count(usage, "output_tokens"));
	} else if (strcmp(what, "message_stop") == 0)
		engine_stream_done(st);
	return (0);
}

static const char *
anthropic_error_message(const cJSON *o)
{
	return (json_get_string(cJSON_GetObjectItemCaseSensitive(o, "error"),
	    "message"));
}

const struct provider anthropic_provider = {
	.name = "anthropic",
	.framing = PROVIDER_SSE,
	.default_base = "https://api.anthropic.com",
	.base_env = "ANTHROPIC_BASE_URL",
	.base_config = "anthropic.base_url",
	.key_env = "ANTHROPIC_API_KEY",
	.key_config = "anthropic.api_key",
	.key_cmd_config = "anthropic.api_key_cmd",
	.key_required = 1,
	.chat_path = "/v1/messages",
	.models_path = "/v1/models",
	.headers = anthropic_headers,
	.body = anthropic_body,
	.event = anthropic_event,
	.models_list = "data",
	.models_field = "id",
	.error_message = anthropic_error_message,
};
