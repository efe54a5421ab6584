/*
 * The turn pipeline (see core-turn.h). The person's message is written in
 * its own transaction first; what is learned from it and the reply are
 * written after, each step committed on its own, so a crash at any point
 * keeps every message that was committed before it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-builtin.h"
#include "core-engine.h"
#include "core-llm-analysis.h"
#include "core-memory.h"
#include "core-prompt.h"
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
/* The most tokens a model may spend on step 1's JSON. */
#define TURN_ANALYSIS_TOKENS 600
/* The most earlier messages looked at for a prompt (the budget decides). */
#define TURN_RECENT_MAX 40

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

/*
 * Step 6: store the reply m (text, engine and what it cost filled in), and
 * remember if it asked for a name.
 */
static int
turn_store_reply(struct session *s, struct store_message *m, int asks_name,
    char **cause)
{
	struct store	*st = session_store(s);

	m->conversation = (char *)session_conversation(s);
	m->role = "assistant";
	m->speaker = "jumbo";
	m->time = time_now_ms();
	if (store_begin(st, cause) != 0)
		return (-1);
	if (store_message_add(st, m, cause) < 0)
		goto fail;
	if (asks_name && session_mark_name_question(s, m->id, cause) != 0)
		goto fail;
	free(m->id);
	m->id = NULL;
	return (store_commit(st, cause));

fail:
	free(m->id);
	m->id = NULL;
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

	/* A model's analysis brings its own summary. */
	if (r->analysis.summary == NULL) {
		previous = store_summary_latest(st, r->conversation);
		r->analysis.summary = summary_turn(name, text, &r->analysis,
		    previous);
		free(previous);
	}
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

/* The turn's callbacks as an engine's: text, notices and cancelling. */
static void
turn_engine_callbacks(const struct turn_callbacks *cb, int with_text,
    struct engine_callbacks *ecb)
{
	memset(ecb, 0, sizeof *ecb);
	ecb->cancel_fd = -1;
	if (cb == NULL)
		return;
	if (with_text)
		ecb->on_text = cb->on_text;
	ecb->on_notice = cb->on_notice;
	ecb->arg = cb->arg;
	ecb->cancel_fd = cb->cancel_fd;
}

/* Add what an engine call cost to the turn's figures. */
static void
turn_count(struct turn_result *r, const struct engine_reply *reply)
{
	if (reply->prompt_tokens > 0)
		r->prompt_tokens += reply->prompt_tokens;
	if (reply->completion_tokens > 0)
		r->completion_tokens += reply->completion_tokens;
}

/*
 * Take a model's analysis in place of the built-in one. The built-in
 * reading of a question about memory or a request to forget stands: those
 * need the exact target it parses, and forgetting must never hang on a
 * model's guess. A model naming either without the parser agreeing gets a
 * plain question or chat instead.
 */
static void
turn_merge_analysis(struct turn_analysis *a, struct turn_analysis *m)
{
	if (a->intent != ANALYZE_RECALL && a->intent != ANALYZE_FORGET) {
		if (m->intent == ANALYZE_RECALL)
			a->intent = ANALYZE_QUESTION;
		else if (m->intent == ANALYZE_FORGET)
			a->intent = ANALYZE_CHAT;
		else
			a->intent = m->intent;
	}
	if (m->name != NULL) {
		free(a->name);
		a->name = m->name;
		m->name = NULL;
	}
	a->mood = m->mood;
	fact_list_clear(&a->facts);
	a->facts = m->facts;
	memset(&m->facts, 0, sizeof m->facts);
	fact_list_clear(&a->retracted);
	a->retracted = m->retracted;
	memset(&m->retracted, 0, sizeof m->retracted);
	free(a->summary);
	a->summary = m->summary;
	m->summary = NULL;
}

/*
 * Step 2 over a model: ask it for the analysis as JSON, check it, and use
 * it; anything wrong leaves the built-in analysis in place (noted in the
 * debug log). Returns 1 when the person cancelled, else 0.
 */
static int
turn_model_analysis(struct engine *e, const char *text,
    const struct turn_callbacks *cb, struct turn_result *r)
{
	struct engine_message	 message = { "user", text };
	struct engine_request	 req;
	struct engine_callbacks	 ecb;
	struct engine_reply	 reply;
	struct turn_analysis	 m;
	char			*why = NULL;

	memset(&req, 0, sizeof req);
	req.system = llm_analysis_instructions();
	req.messages = &message;
	req.nmessages = 1;
	req.json = 1;
	req.max_tokens = TURN_ANALYSIS_TOKENS;
	turn_engine_callbacks(cb, 0, &ecb);
	if (engine_chat(e, &req, &ecb, &reply, &why) != 0) {
		log_debug("turn: analysis by %s failed (%s); the built-in "
		    "analyzer reads this message", engine_spec(e), why);
		free(why);
		turn_count(r, &reply);
		engine_reply_clear(&reply);
		return (0);
	}
	turn_count(r, &reply);
	if (reply.end == ENGINE_CANCELLED) {
		engine_reply_clear(&reply);
		return (1);
	}
	if (llm_analysis_parse(reply.text, reply.len, text, &m, &why) != 0) {
		log_debug("turn: analysis by %s rejected (%s); the built-in "
		    "analyzer reads this message", engine_spec(e), why);
		free(why);
	} else {
		turn_merge_analysis(&r->analysis, &m);
		analyze_clear(&m);
		log_debug("turn: analysis by %s", engine_spec(e));
	}
	engine_reply_clear(&reply);
	return (0);
}

/* The bytes-per-token figure learned for a provider, or the default. */
static double
turn_bytes_per_token(struct store *st, const char *key)
{
	char	*value, *end;
	double	 n;
	int	 whole;

	if ((value = store_profile_get(st, key)) == NULL)
		return (PROMPT_BYTES_PER_TOKEN);
	n = strtod(value, &end);
	whole = end != value && *end == '\0';
	free(value);
	if (!whole || n < 2.0 || n > 6.0)
		return (PROMPT_BYTES_PER_TOKEN);
	return (n);
}

/*
 * Step 5 over a model: build the prompt within its budget and stream the
 * reply. m is filled for storing (text, status, what it cost), the text
 * being whatever came, even when the call failed. Returns 0, or -1 with
 * *cause.
 */
static int
turn_model_reply(struct session *s, struct engine *e,
    const struct builtin_context *ctx, const struct turn_callbacks *cb,
    struct turn_result *r, struct store_message *m, char **cause)
{
	struct store		*st = session_store(s);
	struct store_message	*recent = NULL;
	struct store_fact	*facts = NULL;
	struct prompt_input	 in;
	struct prompt		 p;
	struct engine_request	 req;
	struct engine_callbacks	 ecb;
	struct engine_reply	 reply;
	char			*rolling = NULL, *key, value[32];
	size_t			 nrecent = 0, nfacts = 0;
	double			 calibrated;
	int64_t			 upto;
	int			 error;

	/* Facts that no longer hold too: "where did I live before?" */
	if (store_fact_list(st, 1, &facts, &nfacts, cause) != 0)
		return (-1);
	if (store_message_list(st, r->conversation, TURN_RECENT_MAX + 1,
	    &recent, &nrecent, cause) != 0) {
		store_fact_free_list(facts, nfacts);
		return (-1);
	}
	rolling = store_summary_rolling(st, r->conversation, &upto);
	xasprintf(&key, "tokens.bytes_per_token.%s", engine_provider(e));

	memset(&in, 0, sizeof in);
	in.name = r->name;
	in.account = session_account_name(s);
	in.mood = &r->analysis.mood;
	in.rolling = rolling;
	in.summary = r->analysis.summary;
	in.facts = facts;
	in.nfacts = nfacts;
	in.recalled = ctx->recalled;
	in.nrecalled = ctx->nrecalled;
	in.recent = recent;
	/* The last one is this message, which goes in on its own. */
	in.nrecent = nrecent > 0 ? nrecent - 1 : 0;
	in.text = ctx->text;
	in.attachment = ctx->attachment;
	in.ask_name = ctx->may_ask;
	in.bytes_per_token = turn_bytes_per_token(st, key);
	if (prompt_build(&in, &p, cause) != 0) {
		store_fact_free_list(facts, nfacts);
		store_message_free_list(recent, nrecent);
		free(rolling);
		free(key);
		return (-1);
	}
	log_debug("turn: prompt of about %ld tokens: %zu facts, %zu turns",
	    p.estimate, p.facts_used, p.turns_used);

	memset(&req, 0, sizeof req);
	req.system = p.system;
	req.messages = p.messages;
	req.nmessages = p.nmessages;
	turn_engine_callbacks(cb, 1, &ecb);
	error = engine_chat(e, &req, &ecb, &reply, cause);
	turn_count(r, &reply);
	r->first_token_ms = reply.first_token_ms;
	r->total_ms = reply.total_ms;

	m->text = reply.text;
	reply.text = NULL;
	m->engine = (char *)engine_spec(e);
	m->model = (char *)engine_model(e);
	m->prompt_tokens = r->prompt_tokens;
	m->completion_tokens = r->completion_tokens;
	m->first_token_ms = reply.first_token_ms > 0 ? reply.first_token_ms :
	    0;
	m->total_ms = reply.total_ms;
	m->status = reply.end == ENGINE_COMPLETE ? STORE_MESSAGE_COMPLETE :
	    reply.end == ENGINE_CANCELLED ? STORE_MESSAGE_CANCELLED :
	    STORE_MESSAGE_INCOMPLETE;

	/*
	 * Learn how many bytes this server's tokens hold; a figure that has
	 * settled is not written again.
	 */
	calibrated = prompt_calibrate(in.bytes_per_token, p.bytes,
	    reply.prompt_tokens);
	if (reply.prompt_tokens > 0 && !session_incognito(s) &&
	    fabs(calibrated - in.bytes_per_token) >= 0.01) {
		snprintf(value, sizeof value, "%.3f", calibrated);
		if (store_profile_set(st, key, value, NULL) != 0)
			log_debug("turn: cannot keep %s", key);
	}
	engine_reply_clear(&reply);
	prompt_clear(&p);
	store_fact_free_list(facts, nfacts);
	store_message_free_list(recent, nrecent);
	free(rolling);
	free(key);
	return (error);
}

int
turn_run(struct session *s, const char *text, const char *attachment,
    const struct turn_callbacks *cb, struct turn_result *r, char **cause)
{
	struct store		*st = session_store(s);
	struct builtin_context	 ctx;
	struct builtin_reply	 reply;
	struct store_message	 m;
	struct store_fact	*recalled = NULL, *forgotten = NULL;
	struct store_fact	*known = NULL;
	struct engine		*model = NULL, *analyst = NULL;
	size_t			 nrecalled = 0, nforgotten = 0, nknown = 0;
	char			*previous, *asked_before, *speaker;
	char			*failure = NULL;
	int64_t			 now = time_now_ms(), count;
	int			 asked;

	memset(r, 0, sizeof *r);
	memset(&reply, 0, sizeof reply);
	memset(&m, 0, sizeof m);
	r->first_token_ms = -1;
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

	/*
	 * 2. Analyse what was typed (never the attachment): the built-in
	 * analyzer always, a model's answer over it when there is one.
	 */
	if (session_model(s, &model, cause) != 0 ||
	    session_analysis_model(s, &analyst, cause) != 0)
		goto fail;
	if (analyze_message(text, asked, &r->analysis, cause) != 0)
		goto fail;
	if (analyst != NULL && turn_model_analysis(analyst, text, cb, r)) {
		/* Stopped before a word of reply: nothing more to do. */
		r->status = STORE_MESSAGE_CANCELLED;
		r->reply = xstrdup("");
		r->engine = session_engine(s);
		free(previous);
		return (0);
	}
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
	/*
	 * What was forgotten is confirmed by the built-in engine: the words
	 * just taken out of memory are not sent anywhere.
	 */
	if (model != NULL && r->analysis.intent != ANALYZE_FORGET) {
		if (turn_model_reply(s, model, &ctx, cb, r, &m,
		    &failure) != 0 && (m.text == NULL || *m.text == '\0')) {
			/* Nothing came: nothing to store. */
			*cause = failure;
			goto fail;
		}
		reply.asks_name = ctx.may_ask && m.text != NULL &&
		    strstr(m.text, "call you") != NULL;
	} else {
		if (builtin_reply(&ctx, &reply, cause) != 0)
			goto fail;
		if (cb != NULL && cb->on_text != NULL)
			cb->on_text(reply.text, strlen(reply.text), cb->arg);
		m.text = reply.text;
		reply.text = NULL;
		m.engine = "builtin";
	}

	/* 6. Store the reply, whole or as far as it came. */
	if (turn_store_reply(s, &m, reply.asks_name, cause) != 0) {
		free(failure);
		goto fail;
	}
	if (failure != NULL) {
		xasprintf(cause, "%s; the part of the reply that came is kept",
		    failure);
		free(failure);
		goto fail;
	}
	r->reply = m.text;
	r->engine = m.engine;
	r->status = m.status;
	store_fact_free_list(recalled, nrecalled);
	store_fact_free_list(forgotten, nforgotten);
	store_fact_free_list(known, nknown);
	free(previous);
	return (0);

fail:
	store_fact_free_list(recalled, nrecalled);
	store_fact_free_list(forgotten, nforgotten);
	store_fact_free_list(known, nknown);
	free(m.text);
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
