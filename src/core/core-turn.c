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
#include "core-memory.h"
#include "core-summary.h"
#include "core-session.h"
#include "core-turn.h"
#include "store-conversation.h"
#include "store-fact.h"
#include "store-mood.h"
#include "store-summary.h"
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

/*
 * Step 3: the turn's summary, and the fold of the turn that has just left
 * the recent window into the rolling summary.
 */
static int
turn_summarize(struct session *s, struct turn_result *r, const char *name,
    const char *text, int64_t now, char **cause)
{
	struct store		*st = session_store(s);
	struct store_message	*recent;
	size_t			 n, i, users = 0;
	char			*previous, *folded, *rolling, *next;
	int64_t			 upto = 0;
	int			 error = 0;

	previous = store_summary_latest(st, r->conversation);
	r->analysis.summary = summary_turn(name, text, &r->analysis,
	    previous);
	free(previous);
	if (store_summary_add(st, r->conversation, r->message_id,
	    r->analysis.summary, now, cause) != 0)
		return (-1);

	if (store_message_list(st, r->conversation, 4 * (SUMMARY_RECENT + 1),
	    &recent, &n, cause) != 0)
		return (-1);
	for (i = n; i > 0; i--) {
		if (strcmp(recent[i - 1].role, "user") != 0 ||
		    ++users <= SUMMARY_RECENT)
			continue;
		/* The newest of the person's turns outside the window. */
		rolling = store_summary_rolling(st, r->conversation, &upto);
		if (upto < recent[i - 1].seq && (folded =
		    store_summary_for_message(st, recent[i - 1].id)) != NULL) {
			next = summary_fold(rolling, folded);
			error = store_summary_set_rolling(st, r->conversation,
			    next, recent[i - 1].seq, cause);
			free(next);
			free(folded);
		}
		free(rolling);
		break;
	}
	store_message_free_list(recent, n);
	return (error);
}

/* The emotions of a mood as "a,b,c". Result must be freed. */
static char *
turn_emotions(const struct mood *m)
{
	char	*list = xstrdup(""), *next;
	size_t	 i;

	for (i = 0; i < m->nemotions; i++) {
		xasprintf(&next, "%s%s%s", list, i == 0 ? "" : ",",
		    m->emotions[i]);
		free(list);
		list = next;
	}
	return (list);
}

/*
 * Step 4: remember what the message told, in one transaction: the name,
 * the facts (reconciled), the mood of a message that has one.
 */
static int
turn_remember(struct session *s, struct turn_result *r, const char *previous,
    int64_t now, char **cause)
{
	struct store		*st = session_store(s);
	struct store_mood	 mood;
	const struct mood	*m = &r->analysis.mood;
	char			*emotions;
	int			 error;

	if (store_begin(st, cause) != 0)
		return (-1);
	if (r->analysis.name != NULL && (previous == NULL ||
	    strcmp(previous, r->analysis.name) != 0)) {
		if (session_set_preferred_name(s, r->analysis.name,
		    cause) != 0)
			goto fail;
		r->name_learned = 1;
	}
	if (memory_remember(st, r->message_id, &r->analysis.facts,
	    &r->analysis.retracted, &r->learned, cause) != 0)
		goto fail;
	if (m->polarity != MOOD_NEUTRAL) {
		emotions = turn_emotions(m);
		memset(&mood, 0, sizeof mood);
		mood.message_id = r->message_id;
		mood.time = now;
		mood.valence = m->valence;
		mood.arousal = m->arousal;
		mood.label = (char *)m->label;
		mood.emotions = emotions;
		error = store_mood_add(st, &mood, cause);
		free(emotions);
		if (error != 0)
			goto fail;
	}
	return (store_commit(st, cause));

fail:
	store_rollback(st);
	return (-1);
}

int
turn_run(struct session *s, const char *text, const char *attachment,
    const struct turn_callbacks *cb, struct turn_result *r, char **cause)
{
	struct store		*st = session_store(s);
	struct builtin_context	 ctx;
	struct builtin_reply	 reply;
	struct store_fact	*recalled = NULL, *forgotten = NULL;
	struct store_fact	*known = NULL;
	size_t			 nrecalled = 0, nforgotten = 0, nknown = 0;
	char			*previous, *asked_before, *speaker;
	int64_t			 now = time_now_ms(), count;
	int			 asked;

	memset(r, 0, sizeof *r);
	memset(&reply, 0, sizeof reply);
	previous = session_preferred_name(s);
	speaker = previous != NULL ? previous :
	    (char *)session_account_name(s);

	/* 1. The person's message, committed before anything else. */
	if (turn_conversation(s, text, now, &asked, &count, cause) != 0)
		goto fail;
	r->conversation = xstrdup(session_conversation(s));
	if (turn_store_message(s, text, attachment, speaker, now,
	    &r->message_id, cause) != 0)
		goto fail;

	/* 2. Analyse what was typed (never the attachment). */
	if (analyze_message(text, asked, &r->analysis, cause) != 0)
		goto fail;
	log_debug("turn %s: intent %s, name %s, asked %d, mood %s, facts %zu",
	    r->message_id, analyze_intent_name(r->analysis.intent),
	    r->analysis.name != NULL ? r->analysis.name : "-", asked,
	    r->analysis.mood.label, r->analysis.facts.count);

	/* 3 and 4. Summarise, and remember. */
	if (turn_remember(s, r, previous, now, cause) != 0)
		goto fail;
	r->name = session_preferred_name(s);
	if (turn_summarize(s, r, r->name != NULL ? r->name : speaker, text,
	    now, cause) != 0)
		goto fail;
	if (r->analysis.intent == ANALYZE_FORGET &&
	    (memory_forget(st, &r->analysis.forget, &forgotten, &nforgotten,
	    cause) != 0 || session_scrub_history(s, forgotten, nforgotten,
	    cause) != 0))
		goto fail;
	if (r->analysis.intent == ANALYZE_RECALL &&
	    memory_recall(st, &r->analysis.question, &recalled, &nrecalled,
	    cause) != 0)
		goto fail;
	if (store_fact_list(st, 0, &known, &nknown, cause) != 0)
		goto fail;

	/* 5. Respond. */
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
	ctx.learned = &r->learned;
	ctx.recalled = recalled;
	ctx.nrecalled = nrecalled;
	ctx.forgotten = forgotten;
	ctx.nforgotten = nforgotten;
	ctx.known = known;
	ctx.nknown = nknown;
	free(asked_before);
	if (builtin_reply(&ctx, &reply, cause) != 0)
		goto fail;
	if (cb != NULL && cb->on_text != NULL)
		cb->on_text(reply.text, strlen(reply.text), cb->arg);

	/* 6. Store the reply. */
	if (turn_store_reply(s, reply.text, reply.asks_name, cause) != 0)
		goto fail;
	r->reply = reply.text;
	r->engine = session_engine(s);
	store_fact_free_list(recalled, nrecalled);
	store_fact_free_list(forgotten, nforgotten);
	store_fact_free_list(known, nknown);
	free(previous);
	return (0);

fail:
	store_fact_free_list(recalled, nrecalled);
	store_fact_free_list(forgotten, nforgotten);
	store_fact_free_list(known, nknown);
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
	memory_learned_clear(&r->learned);
	memset(r, 0, sizeof *r);
}
