/*
 * The built-in engine's replies. data/replies.txt is parsed once into
 * sections of variant lines; a reply is built from one or two sections
 * (an acknowledgement and a follow-up, say), each variant chosen by the
 * turn's seed so the same history always gives the same words.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-builtin.h"
#include "core-data.h"
#include "util-buf.h"
#include "util-str.h"
#include "util-xmalloc.h"

struct builtin_section {
	char	 *name;
	char	**lines;
	size_t	  count;
};

static struct builtin_section	*builtin_sections;
static size_t			 builtin_nsections;
static int			 builtin_loaded;

/* Parse replies.txt into sections. Returns 0, or -1 with *cause. */
static int
builtin_load(char **cause)
{
	const char		*text, *line, *end;
	char			*copy, *s;
	struct builtin_section	*cur = NULL;
	size_t			 len, lineno = 0;

	if (builtin_loaded)
		return (0);
	if ((text = data_file("replies.txt", &len, cause)) == NULL)
		return (-1);
	for (line = text; line < text + len; line = end + 1) {
		lineno++;
		if ((end = memchr(line, '\n', text + len - line)) == NULL)
			end = text + len;
		copy = xstrndup(line, end - line);
		s = str_trim(copy);
		if (*s == '\0' || *s == '#') {
			free(copy);
			continue;
		}
		if (*s == '[') {
			if (s[strlen(s) - 1] != ']') {
				xasprintf(cause, "data/replies.txt:%zu: "
				    "unterminated section", lineno);
				free(copy);
				return (-1);
			}
			s[strlen(s) - 1] = '\0';
			builtin_sections = xreallocarray(builtin_sections,
			    builtin_nsections + 1, sizeof *builtin_sections);
			cur = &builtin_sections[builtin_nsections++];
			cur->name = xstrdup(s + 1);
			cur->lines = NULL;
			cur->count = 0;
		} else if (cur == NULL) {
			xasprintf(cause, "data/replies.txt:%zu: text before "
			    "the first section", lineno);
			free(copy);
			return (-1);
		} else {
			cur->lines = xreallocarray(cur->lines, cur->count + 1,
			    sizeof *cur->lines);
			cur->lines[cur->count++] = xstrdup(s);
		}
		free(copy);
	}
	builtin_loaded = 1;
	return (0);
}

uint64_t
builtin_hash(uint64_t h, const char *s)
{
	if (h == 0)
		h = 0xcbf29ce484222325ULL;
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return (h);
}

/* Count the lines of s (a last line without a newline counts). */
static size_t
builtin_count_lines(const char *s)
{
	size_t	n = 0;

	if (*s == '\0')
		return (0);
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			n++;
	}
	if (s[-1] != '\n')
		n++;
	return (n);
}

struct builtin_fill {
	const char	*name;
	const char	*account;
	size_t		 lines;
	const char	*first;		/* {first}: a word, a clause, a list */
	const char	*second;	/* {second} */
};

/*
 * Append one variant of section to b, its {name} fields filled in. The
 * seed is mixed with the section name so two sections in one reply vary
 * apart.
 */
static int
builtin_add(struct buf *b, const char *section, uint64_t seed,
    const struct builtin_fill *fill, char **cause)
{
	const struct builtin_section	*sec = NULL;
	const char			*p;
	size_t				 i;

	for (i = 0; i < builtin_nsections; i++) {
		if (strcmp(builtin_sections[i].name, section) == 0) {
			sec = &builtin_sections[i];
			break;
		}
	}
	if (sec == NULL || sec->count == 0) {
		xasprintf(cause, "data/replies.txt: no [%s] section", section);
		return (-1);
	}
	if (b->len > 0)
		buf_addc(b, ' ');
	p = sec->lines[builtin_hash(seed, section) % sec->count];
	while (*p != '\0') {
		if (str_startswith(p, "{name}")) {
			buf_addstr(b, fill->name);
			p += 6;
		} else if (str_startswith(p, "{account}")) {
			buf_addstr(b, fill->account);
			p += 9;
		} else if (str_startswith(p, "{first}")) {
			buf_addstr(b, fill->first != NULL ? fill->first : "");
			p += 7;
		} else if (str_startswith(p, "{second}")) {
			buf_addstr(b, fill->second != NULL ? fill->second : "");
			p += 8;
		} else if (str_startswith(p, "{lines}")) {
			buf_printf(b, "%zu line%s", fill->lines,
			    fill->lines == 1 ? "" : "s");
			p += 7;
		} else
			buf_addc(b, *p++);
	}
	return (0);
}

/* Build a reply from a NULL-terminated list of sections. */
static int
builtin_compose(struct builtin_reply *r, uint64_t seed,
    const struct builtin_fill *fill, char **cause, ...)
{
	struct buf	 b;
	va_list		 ap;
	const char	*section;
	int		 error = 0;

	buf_init(&b, 0);
	va_start(ap, cause);
	while ((section = va_arg(ap, const char *)) != NULL) {
		if (builtin_add(&b, section, seed, fill, cause) != 0) {
			error = -1;
			break;
		}
	}
	va_end(ap);
	if (error != 0) {
		buf_free(&b);
		return (-1);
	}
	r->text = buf_detach(&b);
	return (0);
}

int
builtin_greeting(const char *name, const char *account, int may_ask,
    uint64_t seed, struct builtin_reply *r, char **cause)
{
	struct builtin_fill	fill = { name != NULL ? name : account,
				    account, 0, NULL, NULL };

	memset(r, 0, sizeof *r);
	if (builtin_load(cause) != 0)
		return (-1);
	if (name != NULL)
		return (builtin_compose(r, seed, &fill, cause, "greet.known",
		    NULL));
	if (!may_ask)
		return (builtin_compose(r, seed, &fill, cause, "greeting",
		    NULL));
	r->asks_name = 1;
	return (builtin_compose(r, seed, &fill, cause, "greet.first", NULL));
}

/* Every object of a list, distinct, joined: "A", "A and B", "A, B and C". */
static char *
builtin_objects(const struct store_fact *facts, size_t n)
{
	struct buf	 b;
	size_t		 i, j, total = 0, k = 0;
	int		*dup;

	dup = xcalloc(n + 1, sizeof *dup);
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && !dup[i]; j++)
			dup[i] = strcmp(facts[i].object, facts[j].object) == 0;
		if (!dup[i])
			total++;
	}
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (dup[i])
			continue;
		if (k > 0)
			buf_addstr(&b, k == total - 1 ? " and " : ", ");
		buf_addstr(&b, facts[i].object);
		k++;
	}
	free(dup);
	return (buf_detach(&b));
}

/* The objects of the facts about subject and relation, joined. */
static char *
builtin_join(const struct store_fact *facts, size_t n, const char *subject,
    const char *relation, size_t *count)
{
	struct buf	 b;
	size_t		 i, k = 0, total = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(facts[i].subject, subject) == 0 &&
		    strcmp(facts[i].relation, relation) == 0)
			total++;
	}
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (strcmp(facts[i].subject, subject) != 0 ||
		    strcmp(facts[i].relation, relation) != 0)
			continue;
		if (k > 0)
			buf_addstr(&b, k == total - 1 ? " and " : ", ");
		buf_addstr(&b, facts[i].object);
		k++;
	}
	*count = total;
	return (buf_detach(&b));
}

/*
 * Clauses for a list of facts, one per (subject, relation) in order of
 * first appearance, joined with commas and a final "and": "your sister is
 * Ana, and you live in Berlin". Result must be freed.
 */
static char *
builtin_clauses(const struct store_fact *facts, size_t n)
{
	struct buf	 b;
	size_t		 i, j, count, groups = 0, k = 0;
	char		*objects, *clause;
	int		 seen;

	for (i = 0; i < n; i++) {
		for (seen = 0, j = 0; j < i && !seen; j++)
			seen = strcmp(facts[j].subject, facts[i].subject) ==
			    0 && strcmp(facts[j].relation,
			    facts[i].relation) == 0;
		if (!seen)
			groups++;
	}
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		for (seen = 0, j = 0; j < i && !seen; j++)
			seen = strcmp(facts[j].subject, facts[i].subject) ==
			    0 && strcmp(facts[j].relation,
			    facts[i].relation) == 0;
		if (seen)
			continue;
		objects = builtin_join(facts, n, facts[i].subject,
		    facts[i].relation, &count);
		clause = builtin_fact_clause(facts[i].subject,
		    facts[i].relation, objects, count > 1);
		if (k > 0)
			buf_addstr(&b, k == groups - 1 ? (groups > 2 ?
			    ", and " : " and ") : ", ");
		buf_addstr(&b, clause);
		free(clause);
		free(objects);
		k++;
	}
	return (buf_detach(&b));
}

/*
 * The word that finishes "That sounds ..." for an emotion, from the
 * [sounds.EMOTION] sections, or NULL.
 */
static const char *
builtin_sounds(const char *emotion)
{
	char	section[64];
	size_t	i;

	snprintf(section, sizeof section, "sounds.%s", emotion);
	for (i = 0; i < builtin_nsections; i++) {
		if (strcmp(builtin_sections[i].name, section) == 0 &&
		    builtin_sections[i].count > 0)
			return (builtin_sections[i].lines[0]);
	}
	return (NULL);
}

/*
 * Reflect the mood: "That sounds exhausting but rewarding." for a mixed
 * "tired but proud", "That sounds wonderful!" for a happy one. Nothing
 * for a neutral message.
 */
static int
builtin_reflect(struct buf *b, const struct builtin_context *c,
    const struct builtin_fill *base, char **cause)
{
	const struct mood	*m = &c->analysis->mood;
	struct builtin_fill	 fill = *base;
	char			 first[MOOD_LABEL_LEN], *but;
	const char		*section, *w1, *w2;

	if (m->polarity == MOOD_NEUTRAL || m->label[0] == '\0')
		return (0);
	snprintf(first, sizeof first, "%s", m->label);
	w2 = NULL;
	if ((but = strstr(first, " but ")) != NULL) {
		*but = '\0';
		w2 = builtin_sounds(but + 5);
	} else if (m->nemotions > 0)
		snprintf(first, sizeof first, "%s", m->emotions[0]);
	w1 = builtin_sounds(first);
	if (w1 != NULL && w2 != NULL) {
		fill.first = w1;
		fill.second = w2;
		section = "mood.mixed";
	} else if (w1 != NULL) {
		fill.first = w1;
		section = m->valence >= 0 ? "mood.positive" : "mood.negative";
	} else
		section = m->valence >= 0 ? "mood.positive.plain" :
		    "mood.negative.plain";
	return (builtin_add(b, section, c->seed, &fill, cause));
}

/* The follow-up question that fits the mood. */
static const char *
builtin_followup(const struct builtin_context *c)
{
	switch (c->analysis->mood.polarity) {
	case MOOD_POSITIVE:
		return ("followup.positive");
	case MOOD_NEGATIVE:
		return ("followup.negative");
	case MOOD_MIXED:
		return ("followup.mixed");
	case MOOD_NEUTRAL:
		break;
	}
	return ("chat.followup");
}

/* Whether a relation names a person in the person's life. */
static int
builtin_person_relation(const char *relation)
{
	static const char *const people[] = {
		"friend", "sister", "brother", "sibling", "partner", "wife",
		"husband", "girlfriend", "boyfriend", "child", "son",
		"daughter", "kid", "mother", "father", "mom", "dad", "parent",
		"coworker", "colleague", "boss", "roommate", "grandmother",
		"grandfather", "cousin", "aunt", "uncle", "niece", "nephew",
		NULL
	};
	const char *const	*p;

	for (p = people; *p != NULL; p++) {
		if (fact_relation_covers(*p, relation))
			return (1);
	}
	return (0);
}

/*
 * A known person the message mentions, for "How is Ana doing?": the
 * object of a current fact about a person in the person's life.
 */
static const char *
builtin_mentioned(const struct builtin_context *c)
{
	size_t	i;

	for (i = 0; i < c->nknown; i++) {
		if (strcmp(c->known[i].subject, "user") != 0 ||
		    !builtin_person_relation(c->known[i].relation))
			continue;
		if (strstr(c->text, c->known[i].object) != NULL)
			return (c->known[i].object);
	}
	return (NULL);
}

/*
 * The reply to a statement: confirm what was learned, reflect the mood,
 * and ask a follow-up (about a person it knows, when the message names
 * one).
 */
static int
builtin_chat(const struct builtin_context *c, struct builtin_reply *r,
    const struct builtin_fill *base, char **cause)
{
	struct builtin_fill	 fill = *base;
	struct buf		 b;
	char			*clauses = NULL;
	const char		*person;
	int			 error = -1;

	buf_init(&b, 0);
	if (c->learned != NULL && c->learned->nadded > 0) {
		clauses = builtin_clauses(c->learned->added,
		    c->learned->nadded);
		fill.first = clauses;
		if (builtin_add(&b, c->learned->nsuperseded > 0 ?
		    "fact.updated" : "fact.learned", c->seed, &fill,
		    cause) != 0)
			goto out;
	} else if (c->learned != NULL && c->learned->nended > 0) {
		if (builtin_add(&b, "fact.ended", c->seed, base, cause) != 0)
			goto out;
	}
	if (builtin_reflect(&b, c, base, cause) != 0)
		goto out;
	if (b.len == 0 && builtin_add(&b, "chat.ack", c->seed, base,
	    cause) != 0)
		goto out;
	if (c->may_ask) {
		r->asks_name = 1;
		if (builtin_add(&b, "ask.after", c->seed, base, cause) != 0)
			goto out;
	} else if ((person = builtin_mentioned(c)) != NULL &&
	    (c->learned == NULL || c->learned->nadded == 0)) {
		fill = *base;
		fill.first = person;
		if (builtin_add(&b, "followup.person", c->seed, &fill,
		    cause) != 0)
			goto out;
	} else if (builtin_add(&b, builtin_followup(c), c->seed, base,
	    cause) != 0)
		goto out;
	r->text = buf_detach(&b);
	error = 0;
out:
	buf_free(&b);
	free(clauses);
	return (error);
}

/*
 * What was asked about, for "I don't know ... yet": "your sister", or
 * for a verb relation "where you live". Result must be freed.
 */
static char *
builtin_unknown(const char *relation)
{
	static const struct {
		const char	*relation, *what;
	} verbs[] = {
		{ "lives_in", "where you live" },
		{ "from", "where you're from" },
		{ "workplace", "where you work" },
		{ "studies", "what you study" },
		{ "likes", "what you like" },
		{ "dislikes", "what you don't like" },
	};
	char	*what;
	size_t	 i;

	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
		if (strcmp(verbs[i].relation, relation) == 0)
			return (xstrdup(verbs[i].what));
	}
	if (!fact_relation_noun(relation))
		return (xstrdup("that"));
	xasprintf(&what, "your %s", fact_relation_phrase(relation, 0));
	return (what);
}

/* Whether a question asks yes or no ("Do you remember my friends?"). */
static int
builtin_yes_no(const char *text)
{
	static const char *const openers[] = {
		"do ", "did ", "can ", "could ", "does ", "have ", "remember ",
		"you remember ", "u remember ", NULL
	};
	const char *const	*o;

	while (*text == ' ')
		text++;
	for (o = openers; *o != NULL; o++) {
		if (str_casestartswith(text, *o))
			return (1);
	}
	return (0);
}

/* Answer a question about what jumbo remembers, from the facts alone. */
static int
builtin_recall(const struct builtin_context *c, struct builtin_reply *r,
    const struct builtin_fill *base, char **cause)
{
	const struct fact_question	*q = &c->analysis->question;
	struct builtin_fill		 fill = *base;
	char				*list = NULL, *what;
	size_t				 count;
	int				 error;

	if (q->kind == FACT_QUESTION_ALL) {
		if (c->nrecalled == 0)
			return (builtin_compose(r, c->seed, base, cause,
			    "recall.all.none", NULL));
		list = builtin_clauses(c->recalled, c->nrecalled);
		fill.first = list;
		error = builtin_compose(r, c->seed, &fill, cause, "recall.all",
		    NULL);
		free(list);
		return (error);
	}
	if (c->nrecalled == 0) {
		what = builtin_unknown(q->relation);
		fill.first = what;
		error = builtin_compose(r, c->seed, &fill, cause,
		    "recall.none", NULL);
		free(what);
		return (error);
	}
	if (builtin_yes_no(c->text)) {
		list = builtin_join(c->recalled, c->nrecalled,
		    c->recalled[0].subject, c->recalled[0].relation, &count);
		/* Objects of other matching relations (best friends too). */
		if (count < c->nrecalled) {
			free(list);
			list = builtin_objects(c->recalled, c->nrecalled);
		}
		fill.first = list;
		error = builtin_compose(r, c->seed, &fill, cause, "recall.yes",
		    NULL);
	} else {
		list = builtin_clauses(c->recalled, c->nrecalled);
		fill.first = list;
		error = builtin_compose(r, c->seed, &fill, cause,
		    "recall.answer", NULL);
	}
	free(list);
	return (error);
}

/*
 * Say that it forgot, without the words forgotten: the reply is stored
 * like any message, and must not bring them back.
 */
static int
builtin_forgot(const struct builtin_context *c, struct builtin_reply *r,
    const struct builtin_fill *base, char **cause)
{
	struct builtin_fill	 fill = *base;
	char			*what;
	int			 error;

	if (c->nforgotten == 0)
		return (builtin_compose(r, c->seed, base, cause,
		    "forget.none", NULL));
	if (c->nforgotten == 1) {
		what = xstrdup("it");
		fill.second = "it";
	} else {
		xasprintf(&what, "those %zu things", c->nforgotten);
		fill.second = "them";
	}
	fill.first = what;
	error = builtin_compose(r, c->seed, &fill, cause, "forget.done",
	    NULL);
	free(what);
	return (error);
}

/* The reply to a turn that gave no name, by what the message is. */
static int
builtin_by_intent(const struct builtin_context *c, struct builtin_reply *r,
    const struct builtin_fill *fill, char **cause)
{
	switch (c->analysis->intent) {
	case ANALYZE_GREETING:
		if (c->may_ask && c->name == NULL) {
			r->asks_name = 1;
			return (builtin_compose(r, c->seed, fill, cause,
			    "greet.first", NULL));
		}
		return (builtin_compose(r, c->seed, fill, cause, "greeting",
		    NULL));
	case ANALYZE_THANKS:
		return (builtin_compose(r, c->seed, fill, cause, "thanks",
		    NULL));
	case ANALYZE_FAREWELL:
		return (builtin_compose(r, c->seed, fill, cause, "farewell",
		    NULL));
	case ANALYZE_HOW_ARE_YOU:
		return (builtin_compose(r, c->seed, fill, cause,
		    "smalltalk.how", NULL));
	case ANALYZE_WHO_ARE_YOU:
		return (builtin_compose(r, c->seed, fill, cause,
		    "smalltalk.who", NULL));
	case ANALYZE_ASK_NAME:
		if (c->name != NULL)
			return (builtin_compose(r, c->seed, fill, cause,
			    "name.known", NULL));
		r->asks_name = 1;
		return (builtin_compose(r, c->seed, fill, cause,
		    "name.unknown", NULL));
	case ANALYZE_RECALL:
		return (builtin_recall(c, r, fill, cause));
	case ANALYZE_FORGET:
		return (builtin_forgot(c, r, fill, cause));
	case ANALYZE_QUESTION:
		if (c->attachment != NULL)
			return (builtin_compose(r, c->seed, fill, cause,
			    "needs.model.attachment", NULL));
		return (builtin_compose(r, c->seed, fill, cause, "needs.model",
		    NULL));
	case ANALYZE_DECLINE:
	case ANALYZE_CHAT:
		break;
	}
	if (c->attachment != NULL)
		return (builtin_compose(r, c->seed, fill, cause,
		    "needs.model.attachment", NULL));
	return (builtin_chat(c, r, fill, cause));
}

int
builtin_reply(const struct builtin_context *c, struct builtin_reply *r,
    char **cause)
{
	const struct turn_analysis	*a = c->analysis;
	struct builtin_fill		 fill;

	memset(r, 0, sizeof *r);
	if (builtin_load(cause) != 0)
		return (-1);
	fill.name = c->name != NULL ? c->name : c->account;
	fill.account = c->account;
	fill.lines = c->attachment != NULL ?
	    builtin_count_lines(c->attachment) : 0;
	fill.first = fill.second = NULL;

	if (a->name != NULL) {
		if (c->previous_name == NULL)
			return (builtin_compose(r, c->seed, &fill, cause,
			    "name.learned", "name.followup", NULL));
		if (strcmp(c->previous_name, a->name) == 0)
			return (builtin_compose(r, c->seed, &fill, cause,
			    "name.same", NULL));
		return (builtin_compose(r, c->seed, &fill, cause,
		    "name.changed", NULL));
	}
	if (c->asked) {
		/* The question was just asked and not answered with a name. */
		if (a->intent == ANALYZE_GREETING) {
			r->asks_name = 1;
			return (builtin_compose(r, c->seed, &fill, cause,
			    "ask.again", NULL));
		}
		if (a->intent == ANALYZE_DECLINE || a->intent == ANALYZE_THANKS)
			return (builtin_compose(r, c->seed, &fill, cause,
			    "ask.declined", NULL));
	}
	return (builtin_by_intent(c, r, &fill, cause));
}

/*
 * Verb relations read as a clause of their own; every other relation is
 * a noun: "your <relation> is X".
 */
static const struct {
	const char	*relation;
	const char	*you;		/* about the person */
	const char	*other;		/* about someone else */
} builtin_verbs[] = {
	{ "lives_in", "you live in", "lives in" },
	{ "from", "you're from", "is from" },
	{ "job", "you work as", "works as" },
	{ "works_at", "you work at", "works at" },
	{ "workplace", "you work at", "works at" },
	{ "likes", "you like", "likes" },
	{ "dislikes", "you don't like", "doesn't like" },
	{ "allergy", "you're allergic to", "is allergic to" },
	{ "health", "you have", "has" },
	{ "hobby", "you enjoy", "enjoys" },
	{ "plan", "you're", "is" },
	{ "studies", "you study", "studies" },
	{ "school", "you go to", "goes to" },
};

/*
 * How to name a subject in a clause: a name as it is, a relation word
 * (an unnamed "sister") as "your sister". Result must be freed.
 */
static char *
builtin_subject(const char *subject)
{
	const char *const	*r;
	char			*named;

	for (r = fact_relations(); *r != NULL; r++) {
		if (strcmp(*r, subject) == 0) {
			xasprintf(&named, "your %s",
			    fact_relation_phrase(subject, 0));
			return (named);
		}
	}
	return (xstrdup(subject));
}

char *
builtin_fact_clause(const char *subject, const char *relation,
    const char *objects, int plural)
{
	const char	*noun;
	char		*clause, *who;
	size_t		 i;
	int		 user;

	user = strcmp(subject, "user") == 0;
	who = user ? NULL : builtin_subject(subject);
	subject = who;
	for (i = 0; i < sizeof builtin_verbs / sizeof builtin_verbs[0]; i++) {
		if (strcmp(builtin_verbs[i].relation, relation) != 0)
			continue;
		if (user)
			xasprintf(&clause, "%s %s", builtin_verbs[i].you,
			    objects);
		else
			xasprintf(&clause, "%s %s %s", subject,
			    builtin_verbs[i].other, objects);
		free(who);
		return (clause);
	}
	noun = fact_relation_phrase(relation, plural);
	if (user)
		xasprintf(&clause, "your %s %s %s", noun, plural ? "are" : "is",
		    objects);
	else
		xasprintf(&clause, "%s's %s %s %s", subject, noun,
		    plural ? "are" : "is", objects);
	free(who);
	return (clause);
}
