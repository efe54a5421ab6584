/*
 * Building the prompt of a reply (see core-prompt.h). The budget is spent
 * in order of worth: the persona and what to call the person first, then
 * the facts (those asked about, then those the message mentions, then the
 * newest), the summaries, and the recent turns newest first until the
 * budget is used. The message itself always goes whole; attached material
 * goes up to its own cap.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core-builtin.h"
#include "core-data.h"
#include "core-fact.h"
#include "core-mood.h"
#include "core-prompt.h"
#include "store-fact.h"
#include "store-message.h"
#include "util-buf.h"
#include "util-str.h"
#include "util-xmalloc.h"

/* Of the budget: the most for facts, and for any one earlier message. */
#define PROMPT_FACTS_SHARE	0.30
#define PROMPT_TURN_SHARE	0.20

long
prompt_tokens(size_t len, double bytes_per_token)
{
	if (bytes_per_token <= 0)
		bytes_per_token = PROMPT_BYTES_PER_TOKEN;
	return ((long)((double)len / bytes_per_token + 0.999));
}

double
prompt_calibrate(double old, size_t bytes, long tokens)
{
	double	seen, next;

	if (old <= 0)
		old = PROMPT_BYTES_PER_TOKEN;
	if (tokens <= 0 || bytes == 0)
		return (old);
	seen = (double)bytes / (double)tokens;
	next = 0.7 * old + 0.3 * seen;
	/* A server that reports nonsense must not blow the budget. */
	if (next < 2.0)
		next = 2.0;
	if (next > 6.0)
		next = 6.0;
	return (next);
}

/* The persona text without its comment lines. */
static int
prompt_persona(struct buf *b, char **cause)
{
	const char	*text, *line, *end;
	size_t		 len;

	if ((text = data_file("persona.txt", &len, cause)) == NULL)
		return (-1);
	for (line = text; *line != '\0'; line = end + (*end != '\0')) {
		end = line + strcspn(line, "\n");
		if (*line == '#' || end == line)
			continue;
		buf_add(b, line, end - line);
		buf_addc(b, '\n');
	}
	return (0);
}

/*
 * One fact as a line of the system prompt, in the third person: the
 * built-in engine's clause ("your sister lives in Lisbon") with "you"
 * made "they", so the model is never told "you" about the person.
 */
static void
prompt_fact(struct buf *b, const struct store_fact *f)
{
	static const char *const swaps[][2] = {
		{ "your", "their" }, { "you're", "they're" }, { "you", "they" },
	};
	char	*clause, *next, *at;
	size_t	 i, n;

	/* The object goes in last, so its own words are never swapped. */
	clause = builtin_fact_clause(f->subject, f->relation, "\001", 0);
	for (i = 0; i < sizeof swaps / sizeof swaps[0]; i++) {
		next = str_replace_words(clause, swaps[i][0], swaps[i][1], &n);
		free(clause);
		clause = next;
	}
	if ((at = strchr(clause, '\001')) != NULL)
		buf_printf(b, "- %s%.*s%s%s\n", f->valid_to != 0 ?
		    "(no longer so) " : "", (int)(at - clause), clause,
		    f->object, at + 1);
	free(clause);
}

/* Whether text mentions word (a whole word, any case). */
static int
prompt_mentions(const char *text, const char *word)
{
	size_t		 len = strlen(word);
	const char	*p;

	if (len < 3)
		return (0);
	for (p = text; (p = strcasestr(p, word)) != NULL; p++) {
		if ((p == text || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[len]))
			return (1);
	}
	return (0);
}

/*
 * The rank of a fact for this message: 0 asked about, 1 mentioned, 2 the
 * rest (newest first within each); a fact that no longer holds (a city
 * moved away from) one lower.
 */
static int
prompt_fact_rank(const struct prompt_input *in, const struct store_fact *f)
{
	size_t	i;
	int	old = f->valid_to != 0;

	for (i = 0; i < in->nrecalled; i++) {
		if (strcmp(in->recalled[i].id, f->id) == 0)
			return (old);
	}
	if (prompt_mentions(in->text, f->object) ||
	    (strcmp(f->subject, "user") != 0 &&
	    prompt_mentions(in->text, f->subject)) ||
	    prompt_mentions(in->text, fact_relation_phrase(f->relation, 0)))
		return (1 + old);
	return (2 + old);
}

/* The facts section, within max bytes; returns how many went in. */
static size_t
prompt_facts(const struct prompt_input *in, struct buf *b, size_t max)
{
	struct buf	 line;
	size_t		 used = 0, i, start = b->len;
	int		 rank;

	if (in->nfacts == 0) {
		buf_printf(b, "\nYou know no facts about them yet.\n");
		return (0);
	}
	buf_printf(b, "\nWhat they have told you (facts):\n");
	buf_init(&line, 0);
	for (rank = 0; rank <= 3; rank++) {
		/* Facts come oldest first: walk back for the newest. */
		for (i = in->nfacts; i > 0; i--) {
			if (prompt_fact_rank(in, &in->facts[i - 1]) != rank)
				continue;
			buf_reset(&line);
			prompt_fact(&line, &in->facts[i - 1]);
			if (b->len - start + line.len > max)
				continue;
			buf_add(b, line.data, line.len);
			used++;
		}
	}
	buf_free(&line);
	if (used < in->nfacts)
		buf_printf(b, "(and %zu more not listed here)\n",
		    in->nfacts - used);
	return (used);
}

/* Keep text (a copy) for the messages to point into. */
static const char *
prompt_keep(struct prompt *p, char *text)
{
	p->texts = xreallocarray(p->texts, p->ntexts + 1, sizeof *p->texts);
	p->texts[p->ntexts++] = text;
	p->bytes += strlen(text);
	return (text);
}

/* text cut to at most max bytes at a character boundary, marked. */
static char *
prompt_cut(const char *text, size_t max, const char *what)
{
	size_t	 len = strlen(text);
	char	*cut;

	if (len <= max)
		return (xstrdup(text));
	while (max > 0 && ((unsigned char)text[max] & 0xc0) == 0x80)
		max--;
	xasprintf(&cut, "%.*s\n[... %zu more bytes of %s not shown]",
	    (int)max, text, len - max, what);
	return (cut);
}

int
prompt_build(const struct prompt_input *in, struct prompt *p, char **cause)
{
	struct buf	 sys;
	double		 bpt = in->bytes_per_token > 0 ? in->bytes_per_token :
			    PROMPT_BYTES_PER_TOKEN;
	long		 budget = in->budget > 0 ? in->budget : PROMPT_BUDGET;
	size_t		 room, used, i, first, turn_max, len;
	char		*current, *attached, *text;
	const struct store_message *m;

	memset(p, 0, sizeof *p);
	buf_init(&sys, 0);
	if (prompt_persona(&sys, cause) != 0) {
		buf_free(&sys);
		return (-1);
	}
	/* A tenth kept back: the estimate is only an estimate. */
	room = (size_t)((double)budget * 0.9 * bpt);

	if (in->name != NULL)
		buf_printf(&sys, "\nCall them %s.\n", in->name);
	else {
		buf_printf(&sys, "\nYou don't know what they like to be "
		    "called yet; their account name is %s.\n", in->account);
		if (in->ask_name)
			buf_printf(&sys, "At the end of your reply, ask what "
			    "they would like you to call them.\n");
	}
	if (in->mood != NULL && in->mood->polarity != MOOD_NEUTRAL)
		buf_printf(&sys, "Their mood in this message: %s.\n",
		    in->mood->label);
	p->facts_used = prompt_facts(in, &sys, (size_t)((double)room *
	    PROMPT_FACTS_SHARE));
	if (in->rolling != NULL && *in->rolling != '\0')
		buf_printf(&sys, "\nSummary of the older turns: %s\n",
		    in->rolling);
	if (in->summary != NULL && *in->summary != '\0')
		buf_printf(&sys, "Where things stand now: %s\n", in->summary);
	buf_printf(&sys, "\nDon't mention this list or these notes; just talk "
	    "with them.\n");
	p->system = buf_detach(&sys);
	p->bytes += strlen(p->system);

	/* The message, with its material up to the material's own cap. */
	if (in->attachment != NULL) {
		attached = prompt_cut(in->attachment,
		    (size_t)(PROMPT_ATTACHMENT_MAX * bpt), "the material");
		xasprintf(&current, "%s\n\n%s", in->text, attached);
		free(attached);
	} else
		current = xstrdup(in->text);
	len = strlen(current);

	/* The recent turns that fit, newest first, starting with theirs. */
	used = p->bytes + (in->attachment != NULL ? strlen(in->text) : len);
	turn_max = (size_t)((double)room * PROMPT_TURN_SHARE);
	first = in->nrecent;
	for (i = in->nrecent; i > 0; i--) {
		m = &in->recent[i - 1];
		text = prompt_cut(m->text, turn_max, "this message");
		if (used + strlen(text) > room) {
			free(text);
			break;
		}
		used += strlen(text);
		free(text);
		first = i - 1;
	}
	/* Models want the person to speak first. */
	while (first < in->nrecent &&
	    strcmp(in->recent[first].role, "user") != 0)
		first++;

	p->messages = xcalloc(in->nrecent - first + 1, sizeof *p->messages);
	for (i = first; i < in->nrecent; i++) {
		m = &in->recent[i];
		p->messages[p->nmessages].role = strcmp(m->role, "user") == 0 ?
		    "user" : "assistant";
		p->messages[p->nmessages++].text = prompt_keep(p,
		    prompt_cut(m->text, turn_max, "this message"));
	}
	p->turns_used = p->nmessages;
	p->messages[p->nmessages].role = "user";
	p->messages[p->nmessages++].text = prompt_keep(p, current);
	p->estimate = prompt_tokens(p->bytes, bpt);
	return (0);
}

void
prompt_clear(struct prompt *p)
{
	size_t	i;

	for (i = 0; i < p->ntexts; i++)
		free(p->texts[i]);
	free(p->texts);
	free(p->messages);
	free(p->system);
	memset(p, 0, sizeof *p);
}
