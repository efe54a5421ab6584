/*
 * The built-in engine's replies. data/replies.txt is parsed once into
 * sections of variant lines; a reply is built from one or two sections
 * (an acknowledgement and a follow-up, say), each variant chosen by the
 * turn's seed so the same history always gives the same words.
 */
#include <stdarg.h>
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
};

/*
 * Append one variant of section to b, placeholders filled. The seed is
 * mixed with the section name so two sections in one reply vary apart.
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
				    account, 0 };

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

/* The reply to a turn that gave no name, by what the message is. */
static int
builtin_by_intent(const struct builtin_context *c, struct builtin_reply *r,
    const struct builtin_fill *fill, char **cause)
{
	const char	*ask = c->may_ask ? "ask.after" : NULL;

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
	if (ask != NULL) {
		r->asks_name = 1;
		return (builtin_compose(r, c->seed, fill, cause, "chat.ack",
		    ask, NULL));
	}
	return (builtin_compose(r, c->seed, fill, cause, "chat.ack",
	    "chat.followup", NULL));
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
