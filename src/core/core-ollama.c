/*
 * Ollama's native chat API: POST {host}/api/chat, answered by one JSON
 * object a line, each with a piece of the message, the last with
 * "done": true and the token counts. {"error": ...} ends it.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core-engine.h"
#include "core-provider.h"
#include "util-json.h"
#include "util-xmalloc.h"

static size_t
ollama_headers(const struct provider_target *t,
    char *out[PROVIDER_HEADERS_MAX])
{
	out[0] = xstrdup("Content-Type: application/json");
	return (1);
}

static char *
ollama_body(const struct provider_target *t, const struct engine_request *r,
    int with_extras)
{
	cJSON	*o, *options;
	char	*s;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "model", t->model);
	cJSON_AddItemToObject(o, "messages", provider_messages(r, 1));
	cJSON_AddTrueToObject(o, "stream");
	if (r->json)
		cJSON_AddStringToObject(o, "format", "json");
	if (r->max_tokens > 0) {
		options = cJSON_AddObjectToObject(o, "options");
		cJSON_AddNumberToObject(options, "num_predict",
		    (double)r->max_tokens);
	}
	s = json_print(o);
	cJSON_Delete(o);
	return (s);
}

static int
ollama_event(struct engine_stream *st, const char *type, const cJSON *data)
{
	const cJSON	*message, *content;
	const char	*error;

	if ((error = json_get_string(data, "error")) != NULL) {
		engine_stream_error(st, error);
		return (-1);
	}
	message = cJSON_GetObjectItemCaseSensitive(data, "message");
	content = cJSON_GetObjectItemCaseSensitive(message, "content");
	if (cJSON_IsString(content) && content->valuestring[0] != '\0')
		engine_stream_text(st, content->valuestring,
		    strlen(content->valuestring));
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(data, "done"))) {
		engine_stream_usage(st, provider_count(data,
		    "prompt_eval_count"), provider_count(data, "eval_count"));
		engine_stream_done(st);
	}
	return (0);
}

static const char *
ollama_error_message(const cJSON *o)
{
	return (json_get_string(o, "error"));
}

const struct provider ollama_provider = {
	.name = "ollama",
	.framing = PROVIDER_NDJSON,
	.default_base = "http://127.0.0.1:11434",
	.base_env = "OLLAMA_HOST",
	.base_config = "ollama.host",
	.key_env = NULL,
	.chat_path = "/api/chat",
	.models_path = "/api/tags",
	.headers = ollama_headers,
	.body = ollama_body,
	.event = ollama_event,
	.models_list = "models",
	.models_field = "name",
	.error_message = ollama_error_message,
};
