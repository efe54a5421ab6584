/*
 * Model engines: "openai:MODEL" (any OpenAI-compatible chat completions
 * API), "ollama:MODEL" (Ollama's native /api/chat) and "anthropic:MODEL"
 * (the Messages API). An engine is opened from the config and the
 * environment (base URL, API key, timeouts), then asked for chat
 * completions, which it streams back piece by piece through a callback.
 *
 * Failures come back as one sentence a person can act on: the variable or
 * config key to fix for a refused key, the models there are for an
 * unknown one, the HTTP status for a page that is not JSON. Busy servers
 * (429, 5xx) are retried a few times, after the time they ask for. A
 * stream cut short keeps what came, and says so.
 */
#ifndef CORE_ENGINE_H
#define CORE_ENGINE_H

#include <stddef.h>

struct config;
struct engine;

/* Bounded retries of a busy server, and the longest wait honoured. */
#define ENGINE_RETRIES		3
#define ENGINE_RETRY_MAX_WAIT	60

struct engine_message {
	const char	*role;		/* "user" or "assistant" */
	const char	*text;
};

struct engine_request {
	const char			*system;
	const struct engine_message	*messages;
	size_t				 nmessages;
	int				 json;		/* ask for one JSON object */
	long				 max_tokens;	/* 0: the default */
};

struct engine_callbacks {
	/* A piece of the reply as it arrives (never split inside UTF-8). */
	void	(*on_text)(const char *, size_t, void *);
	/* Something to show the person meanwhile ("retrying in 2s…"). */
	void	(*on_notice)(const char *, void *);
	void	 *arg;
	int	  cancel_fd;	/* readable: stop at once; -1 for none */
};

enum engine_end {
	ENGINE_COMPLETE = 0,
	ENGINE_CANCELLED,	/* the cancel fd fired */
	ENGINE_INCOMPLETE	/* the stream broke off or carried an error */
};

struct engine_reply {
	char		*text;		/* what came; never NULL after a call */
	size_t		 len;
	long		 prompt_tokens;		/* -1 when the server did not say */
	long		 completion_tokens;	/* -1 when the server did not say */
	long		 first_token_ms;	/* -1 when no text came */
	long		 total_ms;
	size_t		 prompt_bytes;		/* of the text sent */
	enum engine_end	 end;
};

/*
 * Open the engine spec names ("openai:gpt-4o-mini"), reading its URL, key
 * and timeouts from config (may be NULL) and the environment. Nothing is
 * sent yet. Returns 0, or -1 with *cause.
 */
int	 engine_open(const struct config *, const char *spec,
	    struct engine **, char **cause);
void	 engine_free(struct engine *);

const char *engine_spec(const struct engine *);		/* "openai:MODEL" */
const char *engine_provider(const struct engine *);	/* "openai" */
const char *engine_model(const struct engine *);		/* "MODEL" */

/*
 * Ask for a completion, streaming it to cb. Returns 0 with the whole
 * reply (end ENGINE_COMPLETE), or a cancelled one with what had come
 * (ENGINE_CANCELLED); -1 with *cause when it failed, reply then holding
 * whatever text came before (ENGINE_INCOMPLETE). Free the reply with
 * engine_reply_clear() either way.
 */
int	 engine_chat(struct engine *, const struct engine_request *,
	    const struct engine_callbacks *, struct engine_reply *,
	    char **cause);
void	 engine_reply_clear(struct engine_reply *);

/*
 * The models the engine's server offers, sorted. Returns 0 with a list
 * (free each and the array), or -1 with *cause.
 */
int	 engine_models(struct engine *, char ***, size_t *, char **cause);

/*
 * The automatic choice when nothing names an engine: OPENAI_API_KEY set
 * means openai with its default model; else an Ollama answering at
 * OLLAMA_HOST (or its default address) means ollama with its first model;
 * else builtin. Result must be freed.
 */
char	*engine_automatic(const struct config *);

/* How many providers there are. */
#define ENGINE_PROVIDERS	3
/*
 * The providers ("openai", ...) that config or the environment set up, or
 * that one of specs (NULL-terminated) names, or a local Ollama that
 * answers: into out (room for ENGINE_PROVIDERS), returning how many.
 */
size_t	 engine_configured(const struct config *, const char *const *specs,
	    const char **out);

#endif
