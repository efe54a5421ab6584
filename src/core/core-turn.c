/*
 * The turn pipeline (see core-turn.h). The person's message is written in
 * its own transaction first; what is learned from it and the reply are
 * written after, each step committed on its own, so a crash at any point
 * keeps every message that was committed before it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-builtin.h"
#include "core-session.h"
#include "core-turn.h"
#include "store-conversation.h"
#include "store-message.h"
#include "store-profile.h"
#include "store.h"
#include "util-log.h"
#include "util-time.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#define TURN_TITLE_MAX 60

/*
 * A title from the first message: its first line, cut at a word boundary
 * near TURN_TITLE_MAX bytes, never inside a UTF-8 sequence. Result must
 * be freed.
 */
static char *
turn_title(const char *text)
{
	size_t		len, cut, used;
	uint32_t	cp;
	const char	*p;

	len = strcspn(text, "\n");
	if (len <= TURN_TITLE_MAX)
		return (xstrndup(text, len));
	cut = 0;
	for (p = text; (size_t)(p - text) < TURN_TITLE_MAX; p += used) {
		if ((used = utf8_decode(p, len - (p - text), &cp)) == 0)
			used = 1;
		if (*p == ' ')
			cut = p - text;
	}
	if (cut < TURN_TITLE_MAX / 2)
		cut = p - text;
	return (xstrndup(text, cut));
}

/*
 * Make sure the session has a conversation, titled after the person's
 * first message in it (a conversation opened by a greeting has none until
 * then). Also tells whether jumbo's last turn in it asked for a name, and
 * how many messages it holds.
 */
static int
turn_conversation(struct session *s, const char *text, int64_t now,
    int *asked, int64_t *count, char **cause)
{
	struct store			*st = session_store(s);
	struct store_conversation	 c;
	struct store_message		*last;
	size_t				 n;
	char				*id, *question, *title;
	int				 error;

	*asked = 0;
	*count = 0;
	if (session_conversation(s) == NULL) {
		title = turn_title(text);
		if (store_conversation_create(st, NULL, title, now, &id,
		    cause) != 0) {
			free(title);
			return (-1);
		}
		free(title);
		if (session_continue(s, id, cause) != 0) {
			free(id);
			return (-1);
		}
		free(id);
		return (0);
	}
	if (store_conversation_get(st, session_conversation(s), &c,
	    cause) != 0)
		return (-1);
	*count = c.messages;
	if (c.title == NULL) {
		title = turn_title(text);
		error = store_conversation_set_title(st, c.id, title, cause);
		free(title);
		if (error != 0) {
			store_conversation_clear(&c);
			return (-1);
		}
	}
	store_conversation_clear(&c);
	if (store_message_list(st, session_conversation(s), 1, &last, &n,
	    cause) != 0)
		return (-1);
	question = store_profile_get(st, "name_question");
	if (n == 1 && question != NULL && strcmp(last[0].role,
	    "assistant") == 0 && strcmp(last[0].id, question) == 0)
		*asked = 1;
	free(question);
	store_message_free_list(last, n);
	return (0);
}

/* Step 1: store the person's message, committed on its own. */
static int
turn_store_message(struct session *s, const char *text,
    const char *attachment, const char *speaker, int64_t now,
    char **id, char **cause)
{
	struct store_message	m;

	memset(&m, 0, sizeof m);
	m.conversation = (char *)session_conversation(s);
	m.role = "user";
	m.speaker = (char *)speaker;
	m.text = (char *)text;
	m.attachment = (char *)attachment;
	m.time = now;
	if (store_message_add(session_store(s), &m, cause) < 0)
		return (-1);
	*id = m.id;
	return (0);
}

/* Step 5: store the reply, and remember if it asked for a name. */
static int
turn_store_reply(struct session *s, const char *text, int asks_name,
    char **cause)
{
	struct store		*st = session_store(s);
	struct store_message	 m;

	memset(&m, 0, sizeof m);
	m.conversation = (char *)session_conversation(s);
	m.role = "assistant";
	m.speaker = "jumbo";
	m.text = (char *)text;
	m.time = time_now_ms();
	m.engine = (char *)session_engine(s);
	if (store_begin(st, cause) != 0)
		return (-1);
	if (store_message_add(st, &m, cause) < 0)
		goto fail;
	if (asks_name && session_mark_name_question(s, m.id, cause) != 0)
		goto fail;
	free(m.id);
	return (store_commit(st, cause));

fail:
	free(m.id);
	store_rollback(st);
	return (-1);
}

/*
 * The seed that picks among reply variants: the message and how far into
 * its conversation it comes, so the same history gives the same reply.
 */
static uint64_t
turn_seed(const char *text, int64_t count)
{
	char	position[32];

	snprintf(position, sizeof position, "%lld", (long long)count);
	return (builtin_hash(builtin_hash(0, text), position));
}

int
turn_run(struct session *s, const char *text, const char *attachment,
    const struct turn_callbacks *cb, struct turn_result *r, char **cause)
{
	struct store		*st = session_store(s);
	struct builtin_context	 ctx;
	struct builtin_reply	 reply;
	char			*previous, *asked_before, *speaker;
	int64_t			 now = time_now_ms(), count;
	int			 asked;

	memset(r, 0, sizeof *r);
	memset(&reply, 0, sizeof reply);
	previous = session_preferred_name(s);
	speaker = previous != NULL ? previous :
	    (char *)session_account_name(s);

	if (turn_conversation(s, text, now, &asked, &count, cause) != 0)
		goto fail;
	r->conversation = xstrdup(session_conversation(s));
	if (turn_store_message(s, text, attachment, speaker, now,
	    &r->message_id, cause) != 0)
		goto fail;

	analyze_message(text, asked, &r->analysis);
	log_debug("turn %s: intent %s, name %s, asked %d", r->message_id,
	    analyze_intent_name(r->analysis.intent),
	    r->analysis.name != NULL ? r->analysis.name : "-", asked);

	if (r->analysis.name != NULL && (previous == NULL ||
	    strcmp(previous, r->analysis.name) != 0)) {
		if (session_set_preferred_name(s, r->analysis.name,
		    cause) != 0)
			goto fail;
		r->name_learned = 1;
	}
	r->name = session_preferred_name(s);

	asked_before = store_profile_get(st, "name_asked");
	memset(&ctx, 0, sizeof ctx);
	ctx.text = text;
	ctx.attachment = attachment;
	ctx.analysis = &r->analysis;
	ctx.name = r->name;
	ctx.previous_name = previous;
	ctx.account = session_account_name(s);
	ctx.asked = asked;
	ctx.may_ask = r->name == NULL && asked_before == NULL &&
	    !session_incognito(s);
	ctx.seed = turn_seed(text, count);
	free(asked_before);
	if (builtin_reply(&ctx, &reply, cause) != 0)
		goto fail;
	if (cb != NULL && cb->on_text != NULL)
		cb->on_text(reply.text, strlen(reply.text), cb->arg);

	if (turn_store_reply(s, reply.text, reply.asks_name, cause) != 0)
		goto fail;
	r->reply = reply.text;
	r->engine = session_engine(s);
	free(previous);
	return (0);

fail:
	free(reply.text);
	free(previous);
	turn_result_clear(r);
	return (-1);
}

void
turn_result_clear(struct turn_result *r)
{
	free(r->conversation);
	free(r->message_id);
	free(r->reply);
	free(r->name);
	analyze_clear(&r->analysis);
	memset(r, 0, sizeof *r);
}
