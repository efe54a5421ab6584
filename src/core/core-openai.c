/*
 * The OpenAI-compatible chat completions API: POST {base}/chat/completions
 * with "stream": true, answered by Server-Sent Events each holding a
 * chat.completion.chunk, then "data: [DONE]". What real servers add is
 * read past: Azure's first chunk with empty choices and its
 * prompt_filter_results, OpenRouter's comment lines, llama.cpp's
 * "timings", the usage chunk with empty choices. An {"error": ...} chunk
 * ends the stream with its message.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core-engine.h"
#include "core-provider.h"
#include "util-json.h"
#include "util-xmalloc.h"

static size_t
openai_headers(const struct provider_target *t,
    char *out[PROVIDER_HEADERS_MAX])
{
	size_t	n = 0;

	out[n++] = xstrdup("Content-Type: application/json");
	out[n++] = xstrdup("Accept: text/event-stream");
	if (t->key != NULL)
		xasprintf(&out[n++], "Authorization: Bearer %s", t->key);
	return (n);
}

/*
 * with_extras adds what not every compatible server takes: the usage
 * chunk (stream_options) and JSON mode (response_format).
 */
static char *
openai_body(const struct provider_target *t, const struct engine_request *r,
    int with_extras)
{
	cJSON	*o, *options, *format;
	char	*s;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "model", t->model);
	cJSON_AddItemToObject(o, "messages", provider_messages(r, 1));
	cJSON_AddTrueToObject(o, "stream");
	if (with_extras) {
		options = cJSON_AddObjectToObject(o, "stream_options");
		cJSON_AddTrueToObject(options, "include_usage");
		if (r->json) {
			format = cJSON_AddObjectToObject(o, "response_format");
			cJSON_AddStringToObject(format, "type", "json_object");
		}
	}
	if (r->max_tokens > 0)
		cJSON_AddNumberToObject(o, "max_tokens", (double)r->max_tokens);
	s = json_print(o);
	cJSON_Delete(o);
	return (s);
}

static int
openai_event(struct engine_stream *st, const char *type, const cJSON *data)
{
	const cJSON	*choices, *choice, *delta, *content, *usage, *error;
	const char	*message;

	if ((error = cJSON_GetObjectItemCaseSensitive(data, "error")) != NULL) {
		message = cJSON_IsString(error) ? error->valuestring :
		    json_get_string(error, "message");
		engine_stream_error(st, message != NULL ? message :
		    "the server sent an error without a message");
		return (-1);
	}
	usage = cJSON_GetObjectItemCaseSensitive(data, "usage");
	if (cJSON_IsObject(usage))
		engine_stream_usage(st, provider_count(usage, "prompt_tokens"),
		    provider_count(usage, "completion_tokens"));
	choices = cJSON_GetObjectItemCaseSensitive(data, "choices");
	cJSON_ArrayForEach(choice, choices) {
		delta = cJSON_GetObjectItemCaseSensitive(choice, "delta");
		content = cJSON_GetObjectItemCaseSensitive(delta, "content");
		if (cJSON_IsString(content) && content->valuestring[0] != '\0')
			engine_stream_text(st, content->valuestring,
			    strlen(content->valuestring));
		/* Only the first choice is the reply. */
		break;
	}
	return (0);
}

static const char *
openai_error_message(const cJSON *o)
{
	const cJSON	*error;

	error = cJSON_GetObjectItemCaseSensitive(o, "error");
	if (cJSON_IsString(error))
		return (error->valuestring);
	if (cJSON_IsObject(error))
		return (json_get_string(error, "message"));
	/* Some servers answer {"message": ...} or {"detail": ...}. */
	if (json_get_string(o, "message") != NULL)
		return (json_get_string(o, "message"));
	return (json_get_string(o, "detail"));
}

const struct provider openai_provider = {
	.name = "openai",
	.framing = PROVIDER_SSE,
	.default_base = "https://api.openai.com/v1",
	.base_env = "OPENAI_BASE_URL",
	.base_config = "openai.base_url",
	.key_env = "OPENAI_API_KEY",
	.key_config = "openai.api_key",
	.key_cmd_config = "openai.api_key_cmd",
	.key_required = 0,
	.chat_path = "/chat/completions",
	.models_path = "/models",
	.headers = openai_headers,
	.body = openai_body,
	.event = openai_event,
	.models_list = "data",
	.models_field = "id",
	.error_message = openai_error_message,
};
