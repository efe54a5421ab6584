/*
 * Subcommands. Each gathers what it shows from the session's store and
 * prints it: aligned text for a person, or JSON (an object, or one object
 * a line for lists) with --json. Words are checked by cmd_check_words()
 * before the store is opened, so a usage error never touches it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "core-builtin.h"
#include "core-config.h"
#include "core-engine.h"
#include "core-fact.h"
#include "core-memory.h"
#include "core-mood.h"
#include "core-name.h"
#include "core-paths.h"
#include "core-search.h"
#include "core-session.h"
#include "store-conversation.h"
#include "store-fact.h"
#include "store-message.h"
#include "store-mood.h"
#include "store-profile.h"
#include "store-search.h"
#include "store.h"
#include "tui-args.h"
#include "tui-cmd.h"
#include "tui-output.h"
#include "util-buf.h"
#include "util-json.h"
#include "util-str.h"
#include "util-time.h"
#include "util-xmalloc.h"

#define CMD_SEARCH_DEFAULT 10
#define CMD_MOOD_DAYS_DEFAULT 14

/* Print a cJSON value on one line and free it. */
static void
cmd_print_json(cJSON *o)
{
	char	*s;

	s = json_print(o);
	puts(s);
	free(s);
	cJSON_Delete(o);
}

/* Print s as a JSON string on stdout. */
static void
cmd_json_string(const char *s)
{
	struct buf	b;

	buf_init(&b, 0);
	json_write_string(&b, s);
	fputs(buf_str(&b), stdout);
	buf_free(&b);
}

/* Report cause (and free it); returns the runtime-error status. */
static int
cmd_fail(char *cause)
{
	output_error("%s", cause);
	free(cause);
	return (1);
}

static void
cmd_add_time(cJSON *o, const char *key, int64_t ms)
{
	char	when[TIME_BUFSIZE];

	time_format(ms, when, sizeof when);
	cJSON_AddStringToObject(o, key, when);
}

/* Whether the words are exactly the command's expected count. */
static int
cmd_words(const struct args *a, size_t min, size_t max)
{
	if (a->nwords < min || a->nwords > max) {
		output_error("wrong arguments for \"jumbo %s\"",
		    args_command_name(a->command));
		fputs(args_usage(a->command), stderr);
		return (2);
	}
	return (0);
}

int
cmd_check_words(const struct args *a)
{
	const char	*w = a->nwords > 0 ? a->words[0] : "";

	switch (a->command) {
	case ARGS_GREET:
		return (cmd_words(a, 0, 0));
	case ARGS_FACTS:
		if (a->nwords == 0 ||
		    (strcmp(w, "add") == 0 && a->nwords >= 2) ||
		    (strcmp(w, "forget") == 0 && a->nwords >= 2) ||
		    (strcmp(w, "edit") == 0 && a->nwords >= 3))
			return (0);
		output_error("usage: jumbo facts [add TEXT | edit ID VALUE | "
		    "forget ID|TEXT]");
		return (2);
	case ARGS_MOOD:
		if (a->nwords == 0 || (strcmp(w, "analyze") == 0 &&
		    a->nwords == 1))
			return (0);
		output_error("usage: jumbo mood [--days N] [--json] | jumbo "
		    "mood analyze [--json]");
		return (2);
	case ARGS_PROFILE:
		if (a->nwords == 0)
			return (0);
		if (strcmp(w, "name") != 0 || a->nwords < 2) {
			output_error("unknown profile command \"%s\"; try "
			    "\"jumbo profile name NAME\"", w);
			return (2);
		}
		return (0);
	case ARGS_HISTORY:
		if (a->nwords == 0)
			return (0);
		if ((strcmp(w, "show") == 0 || strcmp(w, "delete") == 0) &&
		    a->nwords == 2)
			return (0);
		output_error("usage: jumbo history [show|delete ID]");
		return (2);
	case ARGS_SEARCH:
		if (a->nwords == 0) {
			output_error("search needs a query, e.g. jumbo search "
			    "\"birthday\"");
			return (2);
		}
		return (0);
	case ARGS_IMPORT:
		return (cmd_words(a, 1, 1));
	case ARGS_EXPORT:
		return (cmd_words(a, 0, 1));
	default:
		return (0);
	}
}

int
cmd_readonly(const struct args *a)
{
	switch (a->command) {
	case ARGS_FACTS:
		return (a->nwords == 0);
	case ARGS_MOOD:
	case ARGS_SEARCH:
	case ARGS_EXPORT:
	case ARGS_MODELS:
		return (1);
	case ARGS_PROFILE:
	case ARGS_HISTORY:
		return (a->nwords == 0 || strcmp(a->words[0], "show") == 0);
	default:
		return (0);
	}
}

int
cmd_greet(struct session *s, const struct args *a)
{
	char	*text, *cause, *name;
	cJSON	*o;

	if (session_greet(s, &text, &cause) != 0)
		return (cmd_fail(cause));
	if (a->json) {
		name = session_preferred_name(s);
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "conversation",
		    session_conversation(s));
		cJSON_AddStringToObject(o, "reply", text);
		json_add_string_or_null(o, "name", name);
		cJSON_AddStringToObject(o, "engine", session_engine(s));
		cmd_print_json(o);
		free(name);
	} else
		puts(text);
	free(text);
	return (0);
}

static int
cmd_profile_name(struct session *s, const struct args *a)
{
	char	*joined, *name, *cause;

	joined = str_join((char **)a->words + 1, a->nwords - 1, " ");
	name = name_normalize(joined);
	free(joined);
	if (name == NULL) {
		output_error("profile name: not a name (letters, at most "
		    "three words, 64 bytes)");
		return (2);
	}
	if (session_set_preferred_name(s, name, &cause) != 0) {
		free(name);
		return (cmd_fail(cause));
	}
	printf("I'll call you %s.\n", name);
	free(name);
	return (0);
}

int
cmd_profile(struct session *s, const struct args *a)
{
	struct store	*st = session_store(s);
	struct store_conversation *list;
	char		*name, *cause;
	size_t		 nconv;
	int64_t		 nmsg;
	cJSON		*o;

	if (a->nwords > 0)
		return (cmd_profile_name(s, a));
	if (store_conversation_list(st, 0, &list, &nconv, &cause) != 0)
		return (cmd_fail(cause));
	store_conversation_free_list(list, nconv);
	nmsg = store_message_count(st);
	name = session_preferred_name(s);
	if (a->json) {
		o = cJSON_CreateObject();
		json_add_string_or_null(o, "preferred_name", name);
		cJSON_AddStringToObject(o, "account_name",
		    session_account_name(s));
		cJSON_AddNumberToObject(o, "conversations", (double)nconv);
		cJSON_AddNumberToObject(o, "messages", (double)nmsg);
		cJSON_AddStringToObject(o, "database",
		    session_database_path(s));
		cJSON_AddStringToObject(o, "engine", session_engine(s));
		cmd_print_json(o);
	} else {
		printf("Name:          %s\n", name != NULL ? name :
		    "(not told yet; jumbo profile name NAME sets it)");
		printf("Account name:  %s\n", session_account_name(s));
		printf("Conversations: %zu\n", nconv);
		printf("Messages:      %lld\n", (long long)nmsg);
		printf("Engine:        %s\n", session_engine(s));
		printf("Database:      %s\n", session_database_path(s));
	}
	free(name);
	return (0);
}

/* A fact as one JSON object, with the message it came from. */
static cJSON *
cmd_fact_json(struct session *s, const struct store_fact *f)
{
	struct store_message	 m;
	cJSON			*o, *src;
	char			*cause;
	int			 r;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", f->id);
	cJSON_AddStringToObject(o, "subject", f->subject);
	cJSON_AddStringToObject(o, "relation", f->relation);
	cJSON_AddStringToObject(o, "object", f->object);
	cmd_add_time(o, "since", f->valid_from);
	if (f->valid_to != 0)
		cmd_add_time(o, "until", f->valid_to);
	if (f->source == NULL ||
	    (r = store_message_get(session_store(s), f->source, &m,
	    &cause)) != 0) {
		if (f->source != NULL && r < 0)
			free(cause);
		cJSON_AddNullToObject(o, "source");
		return (o);
	}
	src = cJSON_AddObjectToObject(o, "source");
	cJSON_AddStringToObject(src, "id", m.id);
	cJSON_AddStringToObject(src, "conversation", m.conversation);
	cmd_add_time(src, "time", m.time);
	cJSON_AddStringToObject(src, "text", m.text);
	store_message_clear(&m);
	return (o);
}

/* Print one fact for a person: id, what, and where it came from. */
static void
cmd_fact_print(struct session *s, const struct store_fact *f)
{
	struct store_message	 m;
	char			*clause, *cause, when[TIME_BUFSIZE];
	int			 r = 1;

	clause = builtin_fact_clause(f->subject, f->relation, f->object, 0);
	printf("%s%.8s%s  %s%s\n", output_start(OUTPUT_BOLD), f->id,
	    output_end(), clause, f->valid_to == 0 ? "" :
	    f->superseded_by != NULL ? " (replaced)" : " (no longer)");
	free(clause);
	if (f->source != NULL &&
	    (r = store_message_get(session_store(s), f->source, &m,
	    &cause)) < 0)
		free(cause);
	if (r == 0) {
		time_format(m.time, when, sizeof when);
		when[10] = '\0';
		printf("          %sfrom \"%s\" (%s)%s\n",
		    output_start(OUTPUT_DIM), m.text, when, output_end());
		store_message_clear(&m);
	}
}

/* Facts grouped by relation, as the listing shows them. */
static int
cmd_fact_order(const void *a, const void *b)
{
	const struct store_fact	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->subject, y->subject)) != 0)
		return (strcmp(x->subject, "user") == 0 ? -1 :
		    strcmp(y->subject, "user") == 0 ? 1 : c);
	if ((c = strcmp(x->relation, y->relation)) != 0)
		return (c);
	return (x->valid_from < y->valid_from ? -1 :
	    x->valid_from > y->valid_from);
}

static int
cmd_facts_list(struct session *s, const struct args *a)
{
	struct store_fact	*facts;
	size_t			 n, i;
	char			*cause;

	if (store_fact_list(session_store(s), a->all, &facts, &n,
	    &cause) != 0)
		return (cmd_fail(cause));
	qsort(facts, n, sizeof *facts, cmd_fact_order);
	if (n == 0 && !a->json)
		printf("No facts remembered yet.\n");
	for (i = 0; i < n; i++) {
		if (a->json)
			cmd_print_json(cmd_fact_json(s, &facts[i]));
		else
			cmd_fact_print(s, &facts[i]);
	}
	store_fact_free_list(facts, n);
	return (0);
}

/* "facts add TEXT": the facts in TEXT, as if the person had said it. */
static int
cmd_facts_add(struct session *s, const struct args *a)
{
	struct fact_list	 found;
	struct memory_learned	 learned;
	char			*text, *cause;
	size_t			 i;

	text = str_join((char **)a->words + 1, a->nwords - 1, " ");
	fact_extract(text, &found);
	if (found.count == 0) {
		output_error("facts add: no fact in \"%s\"; say it as you "
		    "would to jumbo, e.g. \"my sister is Ana\"", text);
		free(text);
		return (1);
	}
	free(text);
	if (memory_remember(session_store(s), NULL, &found, NULL, &learned,
	    &cause) != 0) {
		fact_list_clear(&found);
		return (cmd_fail(cause));
	}
	fact_list_clear(&found);
	if (learned.nadded == 0)
		output_status("Known already; nothing added.");
	for (i = 0; i < learned.nadded; i++)
		cmd_fact_print(s, &learned.added[i]);
	memory_learned_clear(&learned);
	return (0);
}

/* "facts edit ID VALUE": change what a fact says. */
static int
cmd_facts_edit(struct session *s, const struct args *a)
{
	struct store_fact	*facts, *f = NULL;
	size_t			 n, i, matches = 0;
	char			*value, *cause;
	int			 status = 0;

	if (store_fact_list(session_store(s), 1, &facts, &n, &cause) != 0)
		return (cmd_fail(cause));
	for (i = 0; i < n; i++) {
		if (str_startswith(facts[i].id, a->words[1])) {
			f = &facts[i];
			matches++;
		}
	}
	value = str_join((char **)a->words + 2, a->nwords - 2, " ");
	if (matches != 1) {
		output_error("facts edit: %s fact matches \"%s\"; jumbo facts "
		    "lists the ids", matches == 0 ? "no" : "more than one",
		    a->words[1]);
		status = 1;
	} else if (str_blank(value)) {
		output_error("facts edit: the new value is empty");
		status = 2;
	} else {
		free(f->object);
		f->object = xstrdup(str_trim(value));
		if (store_fact_update(session_store(s), f, &cause) != 0)
			status = cmd_fail(cause);
		else
			cmd_fact_print(s, f);
	}
	free(value);
	store_fact_free_list(facts, n);
	return (status);
}

/* "facts forget ID|TEXT": delete for real, words and all. */
static int
cmd_facts_forget(struct session *s, const struct args *a)
{
	struct store_fact	*gone;
	size_t			 n, i;
	char			*what, *cause, *question;
	int			 yes;

	what = str_join((char **)a->words + 1, a->nwords - 1, " ");
	if (!a->yes && isatty(STDIN_FILENO)) {
		xasprintf(&question, "Forget \"%s\" for good, with its words "
		    "in every message?", what);
		yes = output_confirm(question);
		free(question);
		if (!yes) {
			output_status("Nothing forgotten.");
			free(what);
			return (1);
		}
	}
	if (memory_forget_fact(session_store(s), what, &gone, &n,
	    &cause) != 0) {
		free(what);
		return (cmd_fail(cause));
	}
	if (n == 0) {
		output_error("facts forget: no fact matches \"%s\"; jumbo "
		    "facts lists them", what);
		free(what);
		return (1);
	}
	if (session_scrub_history(s, gone, n, &cause) != 0) {
		output_error("%s", cause);
		free(cause);
	}
	for (i = 0; i < n; i++)
		output_status("Forgot %.8s (%s %s).", gone[i].id,
		    gone[i].relation, gone[i].object);
	store_fact_free_list(gone, n);
	free(what);
	return (0);
}

int
cmd_facts(struct session *s, const struct args *a)
{
	if (a->nwords == 0)
		return (cmd_facts_list(s, a));
	if (strcmp(a->words[0], "add") == 0)
		return (cmd_facts_add(s, a));
	if (strcmp(a->words[0], "edit") == 0)
		return (cmd_facts_edit(s, a));
	return (cmd_facts_forget(s, a));
}

/*
 * One day of the mood chart: a bar of width proportional to |valence|
 * drawn from the middle, left for unpleasant, right for pleasant.
 */
static void
cmd_mood_bar(double valence)
{
	int	half = 10, len, i;

	len = (int)(valence * half + (valence >= 0 ? 0.5 : -0.5));
	if (len > half)
		len = half;
	if (len < -half)
		len = -half;
	fputs(output_start(len < 0 ? OUTPUT_ERROR : OUTPUT_USER), stdout);
	for (i = -half; i < 0; i++)
		fputs(i >= len ? "█" : " ", stdout);
	fputs("│", stdout);
	for (i = 0; i < half; i++)
		fputs(i < len ? "█" : " ", stdout);
	fputs(output_end(), stdout);
}

int
cmd_mood(struct session *s, const struct args *a)
{
	struct store_mood_day	*days;
	size_t			 n, i;
	char			*cause;
	cJSON			*o;
	int			 want, chart;

	want = a->days > 0 ? (int)a->days : CMD_MOOD_DAYS_DEFAULT;
	if (store_mood_days(session_store(s), want, time_now_ms(), &days, &n,
	    &cause) != 0)
		return (cmd_fail(cause));
	chart = isatty(STDOUT_FILENO) && !a->json;
	if (n == 0 && !a->json)
		printf("No moods in the last %d days.\n", want);
	else if (!a->json && !chart)
		printf("day         valence  arousal  messages  label\n");
	for (i = 0; i < n; i++) {
		if (a->json) {
			o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "day", days[i].day);
			cJSON_AddNumberToObject(o, "valence",
			    days[i].valence);
			cJSON_AddNumberToObject(o, "arousal",
			    days[i].arousal);
			json_add_string_or_null(o, "label", days[i].label);
			cJSON_AddNumberToObject(o, "messages",
			    days[i].count);
			cmd_print_json(o);
		} else if (chart) {
			printf("%s ", days[i].day);
			cmd_mood_bar(days[i].valence);
			printf(" %+.2f  %s\n", days[i].valence,
			    days[i].label != NULL ? days[i].label : "");
		} else
			printf("%s  %+7.2f  %+7.2f  %8d  %s\n", days[i].day,
			    days[i].valence, days[i].arousal, days[i].count,
			    days[i].label != NULL ? days[i].label : "");
	}
	store_mood_free_days(days, n);
	return (0);
}

/*
 * "mood analyze": score each line of standard input, one result a line.
 * Needs no store: it runs before a session is opened.
 */
int
cmd_mood_analyze(const struct args *a)
{
	struct buf	 line;
	struct mood	 m;
	char		 chunk[8192], *cause;
	size_t		 len, i;
	int		 c;

	if (mood_load(&cause) != 0)
		return (cmd_fail(cause));
	buf_init(&line, 1024 * 1024);
	for (;;) {
		buf_reset(&line);
		c = 0;
		/* A line past the buffer's cap is scored on its start. */
		while (fgets(chunk, sizeof chunk, stdin) != NULL) {
			c = 1;
			len = strlen(chunk);
			(void)buf_add(&line, chunk, len);
			if (len > 0 && chunk[len - 1] == '\n')
				break;
		}
		if (!c)
			break;
		if (line.len > 0 && line.data[line.len - 1] == '\n')
			line.data[--line.len] = '\0';
		mood_analyze(buf_str(&line), line.len, &m);
		if (!a->json) {
			printf("%+.3f\t%+.3f\t%s\n", m.valence, m.arousal,
			    m.label);
			continue;
		}
		printf("{\"valence\":%.3f,\"arousal\":%.3f,\"label\":",
		    m.valence, m.arousal);
		cmd_json_string(m.label);
		fputs(",\"emotions\":[", stdout);
		for (i = 0; i < m.nemotions; i++) {
			if (i > 0)
				putchar(',');
			cmd_json_string(m.emotions[i]);
		}
		printf("],\"polarity\":\"%s\"}\n",
		    mood_polarity_name(m.polarity));
	}
	buf_free(&line);
	if (ferror(stdin)) {
		output_error("stdin: %s", strerror(errno));
		return (1);
	}
	if (fflush(stdout) != 0) {
		output_error("stdout: %s", strerror(errno));
		return (1);
	}
	return (0);
}

static int
cmd_history_list(struct session *s, const struct args *a)
{
	struct store_conversation	*list;
	size_t				 n, i;
	char				*cause, when[TIME_BUFSIZE];
	cJSON				*o;

	if (store_conversation_list(session_store(s), (size_t)a->limit,
	    &list, &n, &cause) != 0)
		return (cmd_fail(cause));
	if (n == 0 && !a->json)
		printf("No conversations yet.\n");
	for (i = 0; i < n; i++) {
		if (a->json) {
			o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "id", list[i].id);
			json_add_string_or_null(o, "title", list[i].title);
			cmd_add_time(o, "created", list[i].created);
			cmd_add_time(o, "updated", list[i].updated);
			cJSON_AddNumberToObject(o, "messages",
			    (double)list[i].messages);
			cmd_print_json(o);
			continue;
		}
		time_format(list[i].updated, when, sizeof when);
		when[16] = '\0';
		when[10] = ' ';
		printf("%s%.8s%s  %s  %4lld  %s\n", output_start(OUTPUT_BOLD),
		    list[i].id, output_end(), when,
		    (long long)list[i].messages,
		    list[i].title != NULL ? list[i].title : "");
	}
	store_conversation_free_list(list, n);
	return (0);
}

static cJSON *
cmd_message_json(const struct store_message *m)
{
	cJSON	*o;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", m->id);
	cJSON_AddStringToObject(o, "conversation", m->conversation);
	cJSON_AddStringToObject(o, "role", m->role);
	json_add_string_or_null(o, "speaker", m->speaker);
	cmd_add_time(o, "time", m->time);
	cJSON_AddStringToObject(o, "text", m->text);
	if (m->attachment != NULL)
		cJSON_AddStringToObject(o, "attachment", m->attachment);
	if (m->status == STORE_MESSAGE_CANCELLED)
		cJSON_AddStringToObject(o, "status", "cancelled");
	else if (m->status == STORE_MESSAGE_INCOMPLETE)
		cJSON_AddStringToObject(o, "status", "incomplete");
	return (o);
}

/*
 * What wrote a reply and what it cost: "engine" and "usage" in JSON, or
 * a dim line of text. Nothing for the person's messages.
 */
static void
cmd_message_usage(const struct store_message *m, cJSON *o)
{
	cJSON	*usage;
	char	 line[256];
	size_t	 len;

	if (m->engine == NULL || strcmp(m->role, "assistant") != 0)
		return;
	if (o != NULL) {
		cJSON_AddStringToObject(o, "engine", m->engine);
		if (m->model == NULL)
			return;
		usage = cJSON_AddObjectToObject(o, "usage");
		cJSON_AddNumberToObject(usage, "prompt_tokens",
		    (double)m->prompt_tokens);
		cJSON_AddNumberToObject(usage, "completion_tokens",
		    (double)m->completion_tokens);
		cJSON_AddNumberToObject(usage, "first_token_ms",
		    (double)m->first_token_ms);
		cJSON_AddNumberToObject(usage, "total_ms",
		    (double)m->total_ms);
		return;
	}
	if (m->model == NULL)
		return;
	len = (size_t)snprintf(line, sizeof line, "%s", m->engine);
	if (m->prompt_tokens > 0 || m->completion_tokens > 0)
		len += (size_t)snprintf(line + len, sizeof line - len,
		    ", %lld+%lld tokens", (long long)m->prompt_tokens,
		    (long long)m->completion_tokens);
	if (m->first_token_ms > 0 && len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len,
		    ", first token %lld ms", (long long)m->first_token_ms);
	if (len < sizeof line)
		snprintf(line + len, sizeof line - len, ", %.1f s",
		    (double)m->total_ms / 1000.0);
	printf("%s[%s]%s\n", output_start(OUTPUT_DIM), line, output_end());
}

static int
cmd_history_show(struct session *s, const struct args *a)
{
	struct store_conversation	 c;
	struct store_message		*msgs;
	size_t				 n, i;
	char				*id, *cause, when[TIME_BUFSIZE];
	const char			*who;
	cJSON				*o, *arr, *m;

	if (store_conversation_resolve(session_store(s), a->words[1], &id,
	    &cause) != 0)
		return (cmd_fail(cause));
	if (store_conversation_get(session_store(s), id, &c, &cause) != 0) {
		free(id);
		return (cmd_fail(cause));
	}
	if (store_message_list(session_store(s), id, 0, &msgs, &n,
	    &cause) != 0) {
		store_conversation_clear(&c);
		free(id);
		return (cmd_fail(cause));
	}
	if (a->json) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", c.id);
		json_add_string_or_null(o, "title", c.title);
		cmd_add_time(o, "created", c.created);
		arr = cJSON_AddArrayToObject(o, "messages");
		for (i = 0; i < n; i++) {
			m = cmd_message_json(&msgs[i]);
			cmd_message_usage(&msgs[i], m);
			cJSON_AddItemToArray(arr, m);
		}
		cmd_print_json(o);
	} else {
		time_format(c.created, when, sizeof when);
		printf("%sConversation %s%s  %s\n", output_start(OUTPUT_BOLD),
		    c.id, output_end(), when);
		if (c.title != NULL)
			printf("%s\n", c.title);
		for (i = 0; i < n; i++) {
			who = strcmp(msgs[i].role, "user") == 0 ?
			    (msgs[i].speaker != NULL ? msgs[i].speaker :
			    "you") : "jumbo";
			time_format(msgs[i].time, when, sizeof when);
			when[16] = '\0';
			when[10] = ' ';
			printf("\n%s%s%s %s%s%s\n%s\n",
			    output_start(strcmp(msgs[i].role, "user") == 0 ?
			    OUTPUT_USER : OUTPUT_JUMBO), who, output_end(),
			    output_start(OUTPUT_DIM), when, output_end(),
			    msgs[i].text);
			if (msgs[i].attachment != NULL)
				printf("%s[attached: %zu bytes]%s\n",
				    output_start(OUTPUT_DIM),
				    strlen(msgs[i].attachment), output_end());
			if (msgs[i].status == STORE_MESSAGE_CANCELLED)
				printf("%s[cancelled]%s\n",
				    output_start(OUTPUT_DIM), output_end());
			else if (msgs[i].status == STORE_MESSAGE_INCOMPLETE)
				printf("%s[incomplete]%s\n",
				    output_start(OUTPUT_DIM), output_end());
			cmd_message_usage(&msgs[i], NULL);
		}
	}
	store_message_free_list(msgs, n);
	store_conversation_clear(&c);
	free(id);
	return (0);
}

static int
cmd_history_delete(struct session *s, const struct args *a)
{
	struct store_conversation	 c;
	char				*id, *cause, *question;
	int				 yes;

	if (store_conversation_resolve(session_store(s), a->words[1], &id,
	    &cause) != 0)
		return (cmd_fail(cause));
	if (store_conversation_get(session_store(s), id, &c, &cause) != 0) {
		free(id);
		return (cmd_fail(cause));
	}
	if (!a->yes && isatty(STDIN_FILENO)) {
		xasprintf(&question, "Delete conversation %.8s (%lld "
		    "messages)?", id, (long long)c.messages);
		yes = output_confirm(question);
		free(question);
		if (!yes) {
			output_status("Nothing deleted.");
			store_conversation_clear(&c);
			free(id);
			return (1);
		}
	}
	if (store_conversation_delete(session_store(s), id, &cause) != 0) {
		store_conversation_clear(&c);
		free(id);
		return (cmd_fail(cause));
	}
	/* Rebuild the file so the deleted words leave no trace in it. */
	if (store_vacuum(session_store(s), &cause) != 0) {
		output_error("%s", cause);
		free(cause);
	}
	output_status("Deleted conversation %s (%lld message%s).", id,
	    (long long)c.messages, c.messages == 1 ? "" : "s");
	store_conversation_clear(&c);
	free(id);
	return (0);
}

int
cmd_history(struct session *s, const struct args *a)
{
	if (a->nwords == 0)
		return (cmd_history_list(s, a));
	if (strcmp(a->words[0], "show") == 0)
		return (cmd_history_show(s, a));
	return (cmd_history_delete(s, a));
}

int
cmd_search(struct session *s, const struct args *a)
{
	struct store_search_hit	*hits;
	size_t			 n, i;
	char			*query, *cause, when[TIME_BUFSIZE];
	cJSON			*o;

	query = str_join((char **)a->words, a->nwords, " ");
	if (search_messages(session_store(s), query, a->limit > 0 ?
	    (size_t)a->limit : CMD_SEARCH_DEFAULT, &hits, &n, &cause) != 0) {
		free(query);
		return (cmd_fail(cause));
	}
	if (n == 0 && !a->json)
		output_status("Nothing found for \"%s\".", query);
	for (i = 0; i < n; i++) {
		if (a->json) {
			o = cmd_message_json(&hits[i].message);
			cJSON_AddNumberToObject(o, "score", hits[i].score);
			cmd_print_json(o);
			continue;
		}
		time_format(hits[i].message.time, when, sizeof when);
		when[16] = '\0';
		when[10] = ' ';
		printf("%s%.8s%s  %s  %s: %s\n", output_start(OUTPUT_BOLD),
		    hits[i].message.conversation, output_end(), when,
		    hits[i].message.speaker != NULL ?
		    hits[i].message.speaker : hits[i].message.role,
		    hits[i].message.text);
	}
	store_search_free(hits, n);
	free(query);
	return (0);
}

int
cmd_import(struct session *s, const struct args *a)
{
	struct session_import_stats	 st;
	const char			*path = a->words[0];
	FILE				*f;
	char				*cause;
	int				 r;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "r")) == NULL) {
		output_error("%s: %s", path, strerror(errno));
		return (1);
	}
	r = session_import(s, f, f == stdin ? "stdin" : path, &st, &cause);
	if (f != stdin)
		fclose(f);
	if (r != 0) {
		output_error("%s (nothing imported)", cause);
		free(cause);
		return (1);
	}
	output_status("Imported %zu message%s (%zu already present, %zu new "
	    "conversation%s).", st.added, st.added == 1 ? "" : "s",
	    st.present, st.conversations, st.conversations == 1 ? "" : "s");
	return (0);
}

int
cmd_export(struct session *s, const struct args *a)
{
	FILE	*f = stdout;
	char	*cause;
	int	 r;

	if (a->nwords == 1 && strcmp(a->words[0], "-") != 0 &&
	    (f = fopen(a->words[0], "w")) == NULL) {
		output_error("%s: %s", a->words[0], strerror(errno));
		return (1);
	}
	r = session_export(s, f, &cause);
	if (f != stdout && fclose(f) != 0 && r == 0) {
		xasprintf(&cause, "%s: %s", a->words[0], strerror(errno));
		r = -1;
	}
	if (r != 0)
		return (cmd_fail(cause));
	return (0);
}

/* Secrets (API keys) are never printed, only that they are set. */
static const char *
cmd_config_shown(const char *key, const char *value)
{
	const char	*dot;

	dot = strrchr(key, '.');
	if (strcmp(dot != NULL ? dot + 1 : key, "api_key") == 0)
		return ("(set; hidden)");
	return (value);
}

static int
cmd_config_get(const char *path, const struct args *a)
{
	struct config	*c;
	const char	*v;
	char		*cause;
	size_t		 i;

	if (config_load(path, output_warning, &c, &cause) != 0)
		return (cmd_fail(cause));
	if (a->nwords <= 1) {
		for (i = 0; i < config_count(c); i++)
			printf("%s = %s\n", config_key(c, i),
			    cmd_config_shown(config_key(c, i),
			    config_value(c, i)));
		config_free(c);
		return (0);
	}
	if ((v = config_get(c, a->words[1])) == NULL) {
		if (!config_known(a->words[1]))
			output_error("unknown config key \"%s\"; jumbo config "
			    "keys lists them", a->words[1]);
		else
			output_error("%s is not set", a->words[1]);
		config_free(c);
		return (1);
	}
	puts(cmd_config_shown(a->words[1], v));
	config_free(c);
	return (0);
}

static void
cmd_config_keys(void)
{
	const char *const	*k;

	for (k = config_known_keys(); *k != NULL; k++)
		printf("%-20s %s\n", *k, config_describe(*k));
}

int
cmd_config(const struct args *a)
{
	const char	*w = a->nwords > 0 ? a->words[0] : "get";
	char		*path, *cause;
	int		 status = 0;

	if ((path = paths_config_file(&cause)) == NULL)
		return (cmd_fail(cause));
	if (strcmp(w, "path") == 0 && a->nwords == 1)
		puts(path);
	else if (strcmp(w, "keys") == 0 && a->nwords == 1)
		cmd_config_keys();
	else if (strcmp(w, "get") == 0 && a->nwords <= 2)
		status = cmd_config_get(path, a);
	else if (strcmp(w, "set") == 0 && a->nwords == 3) {
		if (config_set(path, a->words[1], a->words[2], &cause) != 0) {
			output_error("%s", cause);
			free(cause);
			status = config_known(a->words[1]) ? 1 : 2;
		}
	} else if (strcmp(w, "unset") == 0 && a->nwords == 2) {
		if (config_set(path, a->words[1], NULL, &cause) != 0) {
			output_error("%s", cause);
			free(cause);
			status = config_known(a->words[1]) ? 1 : 2;
		}
	} else {
		fputs(args_usage(ARGS_CONFIG), stderr);
		status = 2;
	}
	free(path);
	return (status);
}

/*
 * jumbo models: "builtin", then what each configured server offers, as
 * PROVIDER:MODEL lines (the form -m and the config take). A server that
 * cannot be asked is reported, and the status is 1.
 */
int
cmd_models(struct session *s, const struct args *a)
{
	const struct config	*config = session_config(s);
	const char		*providers[ENGINE_PROVIDERS], *specs[3];
	struct engine		*e = NULL;
	char			*spec, *cause, **names;
	size_t			 n, nproviders, i, j;
	int			 status = 0;
	cJSON			*o;

	specs[0] = session_engine(s);
	specs[1] = config_get(config, "analysis_model");
	specs[2] = NULL;
	nproviders = engine_configured(config, specs, providers);
	for (i = 0; i <= nproviders; i++) {
		names = NULL;
		n = 0;
		if (i == 0) {
			names = xcalloc(1, sizeof *names);
			names[n++] = xstrdup("builtin");
		} else {
			xasprintf(&spec, "%s:list", providers[i - 1]);
			if (engine_open(config, spec, &e, &cause) != 0 ||
			    engine_models(e, &names, &n, &cause) != 0) {
				output_error("%s: %s", providers[i - 1], cause);
				free(cause);
				status = 1;
			}
			if (e != NULL)
				engine_free(e);
			e = NULL;
			free(spec);
		}
		for (j = 0; j < n; j++) {
			if (i == 0)
				spec = xstrdup(names[j]);
			else
				xasprintf(&spec, "%s:%s", providers[i - 1],
				    names[j]);
			if (a->json) {
				o = cJSON_CreateObject();
				cJSON_AddStringToObject(o, "engine", spec);
				cJSON_AddStringToObject(o, "provider",
				    i == 0 ? "builtin" : providers[i - 1]);
				cJSON_AddStringToObject(o, "model", names[j]);
				cJSON_AddBoolToObject(o, "current",
				    strcmp(spec, session_engine(s)) == 0);
				cmd_print_json(o);
			} else
				printf("%s%s\n", spec, strcmp(spec,
				    session_engine(s)) == 0 ? "  (current)" :
				    "");
			free(spec);
			free(names[j]);
		}
		free(names);
	}
	if (nproviders == 0 && !a->json)
		output_status("No model server is set up: set OPENAI_API_KEY, "
		    "ANTHROPIC_API_KEY or OLLAMA_HOST, or see `jumbo config "
		    "keys`.");
	return (status);
}
