/*
 * One-shot turns. Standard input, when piped, is read whole up to a cap
 * and must be UTF-8 text; with a message on the command line it becomes
 * the message's attachment (stored and searchable, never mined for names
 * or facts), without one it is the message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "core-session.h"
#include "core-turn.h"
#include "store-message.h"
#include "tui-args.h"
#include "tui-cancel.h"
#include "tui-oneshot.h"
#include "tui-output.h"
#include "util-buf.h"
#include "util-json.h"
#include "util-str.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#define ONESHOT_STDIN_MAX (4 * 1024 * 1024)

/* Read all of standard input. Returns 0, or an exit status after an error. */
static int
oneshot_read_stdin(char **out, size_t *len)
{
	struct buf	b;
	char		chunk[65536];
	ssize_t		n;

	buf_init(&b, ONESHOT_STDIN_MAX);
	for (;;) {
		n = read(STDIN_FILENO, chunk, sizeof chunk);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			output_error("stdin: %s", strerror(errno));
			buf_free(&b);
			return (1);
		}
		if (buf_add(&b, chunk, (size_t)n) != 0) {
			output_error("stdin: more than %d MiB of input; jumbo "
			    "takes at most that much", ONESHOT_STDIN_MAX >> 20);
			buf_free(&b);
			return (1);
		}
	}
	*len = b.len;
	*out = buf_detach(&b);
	return (0);
}

/* The byte offset of the first invalid UTF-8 sequence, or -1. */
static long
oneshot_bad_utf8(const char *s, size_t len)
{
	uint32_t	cp;
	size_t		off = 0, used;

	while (off < len) {
		if (s[off] == '\0' ||
		    (used = utf8_decode(s + off, len - off, &cp)) == 0)
			return ((long)off);
		off += used;
	}
	return (-1);
}

int
oneshot_read(const struct args *a, struct oneshot_input *in)
{
	char	*piped = NULL, *joined;
	size_t	 len = 0;
	long	 bad;
	int	 status;

	memset(in, 0, sizeof in[0]);
	if (!isatty(STDIN_FILENO)) {
		if ((status = oneshot_read_stdin(&piped, &len)) != 0)
			return (status);
		if ((bad = oneshot_bad_utf8(piped, len)) >= 0) {
			output_error("stdin: not UTF-8 text (invalid byte at "
			    "offset %ld); convert it first, e.g. with iconv",
			    bad);
			free(piped);
			return (1);
		}
	}
	joined = str_join((char **)a->words, a->nwords, " ");
	if (!utf8_valid(joined, strlen(joined))) {
		output_error("the message is not valid UTF-8");
		free(joined);
		free(piped);
		return (2);
	}
	if (a->nwords == 0 || str_blank(joined)) {
		if (a->nwords == 0 && !str_blank(piped)) {
			/* Piped input alone is the message. */
			in->text = xstrdup(str_trim(piped));
			free(piped);
			free(joined);
			return (0);
		}
		output_error("the message is empty; say something, e.g. "
		    "jumbo \"hello\"");
		free(joined);
		free(piped);
		return (2);
	}
	in->text = xstrdup(str_trim(joined));
	free(joined);
	if (piped != NULL && !str_blank(piped))
		in->attachment = piped;
	else
		free(piped);
	return (0);
}

void
oneshot_free(struct oneshot_input *in)
{
	free(in->text);
	free(in->attachment);
	memset(in, 0, sizeof *in);
}

/* A notice while the reply is awaited ("retrying in 2s…"): stderr. */
static void
oneshot_notice(const char *text, void *arg)
{
	output_error("%s", text);
}

static void
oneshot_print_text(const char *text, size_t len, void *arg)
{
	int	*printed = arg;

	*printed = 1;
	fwrite(text, 1, len, stdout);
	fflush(stdout);
}

/* The --json reply object of DESIGN.md, on one line. */
static void
oneshot_print_json(const struct turn_result *r)
{
	const struct mood	*m = &r->analysis.mood;
	cJSON			*o, *usage, *mood, *list, *f;
	char			*s;
	size_t			 i;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "conversation", r->conversation);
	cJSON_AddStringToObject(o, "reply", r->reply);
	json_add_string_or_null(o, "summary", r->analysis.summary);
	mood = cJSON_AddObjectToObject(o, "mood");
	cJSON_AddStringToObject(mood, "label", m->label);
	cJSON_AddNumberToObject(mood, "valence", m->valence);
	cJSON_AddNumberToObject(mood, "arousal", m->arousal);
	cJSON_AddStringToObject(mood, "polarity",
	    mood_polarity_name(m->polarity));
	list = cJSON_AddArrayToObject(mood, "emotions");
	for (i = 0; i < m->nemotions; i++)
		cJSON_AddItemToArray(list, cJSON_CreateString(m->emotions[i]));
	json_add_string_or_null(o, "name", r->name);
	list = cJSON_AddArrayToObject(o, "facts");
	for (i = 0; i < r->learned.nadded; i++) {
		f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "id", r->learned.added[i].id);
		cJSON_AddStringToObject(f, "subject",
		    r->learned.added[i].subject);
		cJSON_AddStringToObject(f, "relation",
		    r->learned.added[i].relation);
		cJSON_AddStringToObject(f, "object",
		    r->learned.added[i].object);
		cJSON_AddItemToArray(list, f);
	}
	cJSON_AddStringToObject(o, "engine", r->engine);
	usage = cJSON_AddObjectToObject(o, "usage");
	cJSON_AddNumberToObject(usage, "prompt_tokens", r->prompt_tokens);
	cJSON_AddNumberToObject(usage, "completion_tokens",
	    r->completion_tokens);
	s = json_print(o);
	puts(s);
	free(s);
	cJSON_Delete(o);
}

int
oneshot_run(struct session *s, const struct args *a,
    const struct oneshot_input *in)
{
	struct turn_callbacks	 cb;
	struct turn_result	 r;
	char			*cause;
	int			 printed = 0, error, status = 0;

	memset(&cb, 0, sizeof cb);
	cb.on_text = oneshot_print_text;
	cb.on_notice = oneshot_notice;
	cb.arg = &printed;

	if (a->continue_latest || a->conversation != NULL) {
		if (session_continue(s, a->conversation, &cause) != 0) {
			output_error("%s", cause);
			free(cause);
			return (1);
		}
	}
	if (a->json)
		cb.on_text = NULL;
	cb.cancel_fd = cancel_begin();
	error = turn_run(s, in->text, in->attachment, &cb, &r, &cause);
	cancel_end();
	if (error != 0) {
		if (printed)
			fputc('\n', stdout);
		output_error("%s", cause);
		free(cause);
		return (1);
	}
	if (a->json)
		oneshot_print_json(&r);
	else
		fputc('\n', stdout);
	if (r.status == STORE_MESSAGE_CANCELLED) {
		output_error("stopped; what came is kept");
		status = 130;
	}
	turn_result_clear(&r);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		output_error("stdout: write error: %s", strerror(errno));
		return (1);
	}
	return (status);
}
