/*
 * The config file: INI text read whole into memory (1 MB at most), then
 * scanned line by line into struct config_line records that remember
 * where each line sits in the text. config_parse() turns the records into
 * a struct config, a plain array of (key, value) pairs in file order;
 * config_set() uses the same records to rewrite the file, copying every
 * line it does not change byte for byte.
 *
 * The syntax:
 *
 *	# a comment (also ';'), on a line of its own
 *	model = openai:gpt-4o-mini
 *	[openai]
 *	base_url = https://example.com/v1#not-a-comment
 *	api_key = "  a value with spaces, \"quotes\" and \\ kept  "
 *
 * Comments are full lines only: a '#' after a value is part of the value,
 * because URLs and commands hold them. A section header prefixes the keys
 * after it ("openai.base_url"); a dotted key works outside sections too.
 * Keys and values are trimmed of white space unless the value is quoted,
 * and only \" and \\ are escapes inside quotes. Lines end in LF or CRLF; a
 * UTF-8 byte order mark at the start is skipped. A line must be valid
 * UTF-8 of at most 4096 bytes, without control characters but tabs.
 *
 * A key given twice is an error, not "last wins": with two lines there is
 * no telling which one the person meant to edit. Values of known keys are
 * checked when the file is loaded as when they are set; unknown keys are
 * kept and reported through the warn callback.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core-config.h"
#include "util-buf.h"
#include "util-str.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#ifndef nitems
#define nitems(a) (sizeof (a) / sizeof (a)[0])
#endif

#define CONFIG_MAX_SIZE		(1024 * 1024)
#define CONFIG_MAX_LINE		4096
#define CONFIG_MAX_SECONDS	86400
#define CONFIG_MAX_HISTORY	1000000

/* How the value of a known key is checked. */
enum config_check {
	CONFIG_CHECK_ENGINE,	/* builtin or PROVIDER:MODEL */
	CONFIG_CHECK_ANALYSIS,	/* model or builtin */
	CONFIG_CHECK_COLOR,	/* auto, always or never */
	CONFIG_CHECK_HISTORY,	/* 1 to CONFIG_MAX_HISTORY */
	CONFIG_CHECK_SECONDS,	/* 1 to CONFIG_MAX_SECONDS */
	CONFIG_CHECK_URL,	/* http:// or https:// */
	CONFIG_CHECK_HOST,	/* host:port or a URL */
	CONFIG_CHECK_TEXT	/* anything but empty */
};

static const struct config_known_key {
	const char		*key;
	enum config_check	 check;
	const char		*description;
} config_known_table[] = {
	{ "model", CONFIG_CHECK_ENGINE,
	  "engine that answers: builtin, openai:MODEL, ollama:MODEL or "
	  "anthropic:MODEL" },
	{ "analysis", CONFIG_CHECK_ANALYSIS,
	  "what reads each message for names, mood and facts: model or "
	  "builtin" },
	{ "analysis_model", CONFIG_CHECK_ENGINE,
	  "engine used for analysis when it should differ from model "
	  "(PROVIDER:MODEL)" },
	{ "color", CONFIG_CHECK_COLOR,
	  "colour in the output: auto, always or never" },
	{ "history_size", CONFIG_CHECK_HISTORY,
	  "lines of input history kept by the REPL and the TUI" },
	{ "openai.base_url", CONFIG_CHECK_URL,
	  "base URL of the OpenAI-compatible API (also OPENAI_BASE_URL)" },
	{ "openai.api_key", CONFIG_CHECK_TEXT,
	  "API key for openai: models (also OPENAI_API_KEY)" },
	{ "openai.api_key_cmd", CONFIG_CHECK_TEXT,
	  "command whose output is the API key for openai: models" },
	{ "ollama.host", CONFIG_CHECK_HOST,
	  "Ollama server as host:port or URL (also OLLAMA_HOST)" },
	{ "anthropic.base_url", CONFIG_CHECK_URL,
	  "base URL of the Anthropic API (also ANTHROPIC_BASE_URL)" },
	{ "anthropic.api_key", CONFIG_CHECK_TEXT,
	  "API key for anthropic: models (also ANTHROPIC_API_KEY)" },
	{ "anthropic.api_key_cmd", CONFIG_CHECK_TEXT,
	  "command whose output is the API key for anthropic: models" },
	{ "timeout.connect", CONFIG_CHECK_SECONDS,
	  "seconds to wait for a connection to a model or server" },
	{ "timeout.read", CONFIG_CHECK_SECONDS,
	  "seconds to wait for more data once connected" },
	{ "sync.server", CONFIG_CHECK_URL,
	  "URL of the jumbod server to sync with" },
};
#define CONFIG_NKNOWN nitems(config_known_table)

static const char *const config_providers[] = {
	"openai", "ollama", "anthropic"
};

struct config_entry {
	char	*key;
	char	*value;
	size_t	 line;
};

struct config {
	struct config_entry	*entries;
	size_t			 count;
};

enum config_line_type {
	CONFIG_LINE_BLANK,
	CONFIG_LINE_COMMENT,
	CONFIG_LINE_SECTION,
	CONFIG_LINE_ENTRY
};

/* One line of the text as the scanner saw it. */
struct config_line {
	enum config_line_type	 type;
	size_t			 start;		/* offset in the text */
	size_t			 len;		/* without its line end */
	size_t			 eol;		/* bytes of "\n", "\r\n" or 0 */
	size_t			 number;	/* 1-based */
	size_t			 indent;	/* white space before the key */
	size_t			 key_len;	/* the key as written */
	char			*section;	/* its section or header's */
	char			*key;		/* full: "openai.base_url" */
	char			*value;		/* unquoted */
};

struct config_scan {
	struct config_line	*lines;
	size_t			 count;
	size_t			 bom;		/* 3 if a BOM came first */
	int			 crlf;		/* lines end in "\r\n" */
};

/* The keys of config_known_table in its order (keep the two in step). */
static const char *const config_known_list[] = {
	"model", "analysis", "analysis_model", "color", "history_size",
	"openai.base_url", "openai.api_key", "openai.api_key_cmd",
	"ollama.host", "anthropic.base_url", "anthropic.api_key",
	"anthropic.api_key_cmd", "timeout.connect", "timeout.read",
	"sync.server", NULL
};

/* Store an error "NAME:LINE: message" in *cause, if cause is not NULL. */
static void __attribute__((format(printf, 4, 5)))
config_error(char **cause, const char *name, size_t line, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*msg;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (line != 0)
		xasprintf(cause, "%s:%zu: %s", name, line, msg);
	else
		xasprintf(cause, "%s: %s", name, msg);
	free(msg);
}

static const struct config_known_key *
config_find_known(const char *key)
{
	size_t	i;

	if (key == NULL)
		return (NULL);
	for (i = 0; i < CONFIG_NKNOWN; i++) {
		if (strcmp(config_known_table[i].key, key) == 0)
			return (&config_known_table[i]);
	}
	return (NULL);
}

int
config_known(const char *key)
{
	return (config_find_known(key) != NULL);
}

/* A one-line description of a known key, or NULL for any other. */
const char *
config_describe(const char *key)
{
	const struct config_known_key	*k;

	if ((k = config_find_known(key)) == NULL)
		return (NULL);
	return (k->description);
}

/* Every known key in the order of the table, NULL-terminated. */
const char *const *
config_known_keys(void)
{
	return (config_known_list);
}

/* Whether s holds white space or control characters anywhere. */
static int
config_has_blank(const char *s)
{
	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s) || iscntrl((unsigned char)*s))
			return (1);
	}
	return (0);
}

/* Check an engine: "builtin" or PROVIDER:MODEL with a known provider. */
static int
config_check_engine(const char *value)
{
	const char	*colon;
	size_t		 i, n;

	if (strcmp(value, "builtin") == 0)
		return (0);
	if ((colon = strchr(value, ':')) == NULL || colon[1] == '\0' ||
	    config_has_blank(value))
		return (-1);
	n = colon - value;
	for (i = 0; i < nitems(config_providers); i++) {
		if (strlen(config_providers[i]) == n &&
		    strncmp(config_providers[i], value, n) == 0)
			return (0);
	}
	return (-1);
}

/*
 * Check value for a known key. Returns 0, or -1 with a cause that names
 * the key and what it accepts, never the value (it may be a secret).
 */
int
config_check(const char *key, const char *value, char **cause)
{
	const struct config_known_key	*k;
	const char			*why = NULL;
	long long			 n;

	if ((k = config_find_known(key)) == NULL) {
		xcause(cause, "unknown config key \"%s\"",
		    key == NULL ? "" : key);
		return (-1);
	}
	if (value == NULL)
		value = "";
	switch (k->check) {
	case CONFIG_CHECK_ENGINE:
		if (config_check_engine(value) != 0)
			why = "must be builtin or PROVIDER:MODEL, with "
			    "PROVIDER openai, ollama or anthropic";
		break;
	case CONFIG_CHECK_ANALYSIS:
		if (strcmp(value, "model") != 0 &&
		    strcmp(value, "builtin") != 0)
			why = "must be model or builtin";
		break;
	case CONFIG_CHECK_COLOR:
		if (strcmp(value, "auto") != 0 &&
		    strcmp(value, "always") != 0 &&
		    strcmp(value, "never") != 0)
			why = "must be auto, always or never";
		break;
	case CONFIG_CHECK_HISTORY:
		if (str_to_int(value, 1, CONFIG_MAX_HISTORY, &n) != 0)
			why = "must be a whole number from 1 to 1000000";
		break;
	case CONFIG_CHECK_SECONDS:
		if (str_to_int(value, 1, CONFIG_MAX_SECONDS, &n) != 0)
			why = "must be a whole number of seconds from 1 to "
			    "86400";
		break;
	case CONFIG_CHECK_URL:
		if (str_startswith(value, "http://"))
			value += strlen("http://");
		else if (str_startswith(value, "https://"))
			value += strlen("https://");
		else
			value = "";
		if (*value == '\0' || *value == '/' || config_has_blank(value))
			why = "must be an http:// or https:// URL";
		break;
	case CONFIG_CHECK_HOST:
		if (*value == '\0' || config_has_blank(value))
			why = "must be host:port or an http:// URL";
		break;
	case CONFIG_CHECK_TEXT:
		if (str_blank(value))
			why = "must not be empty";
		break;
	}
	if (why == NULL)
		return (0);
	xcause(cause, "invalid value for \"%s\": %s", key, why);
	return (-1);
}

/* Whether s (n bytes) is a key or section name: [A-Za-z0-9_-] and dots. */
static int
config_valid_name(const char *s, size_t n)
{
	size_t	i;

	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return (0);
	for (i = 0; i < n; i++) {
		if (isalnum((unsigned char)s[i]) || s[i] == '_' ||
		    s[i] == '-')
			continue;
		if (s[i] == '.' && s[i + 1] != '.')
			continue;
		return (0);
	}
	return (1);
}

/*
 * Unquote a value that starts with '"' in place. Returns 0, or -1 with a
 * message (static text) in *why.
 */
static int
config_unquote(char *value, const char **why)
{
	char	*in, *out;

	out = value;
	for (in = value + 1; *in != '"'; in++) {
		if (*in == '\0') {
			*why = "unterminated quoted value";
			return (-1);
		}
		if (*in == '\\') {
			in++;
			if (*in != '"' && *in != '\\') {
				*why = "unknown escape in quoted value (only "
				    "\\\" and \\\\ are escapes)";
				return (-1);
			}
		}
		*out++ = *in;
	}
	for (in++; *in != '\0'; in++) {
		if (!isspace((unsigned char)*in)) {
			*why = "text after the closing quote";
			return (-1);
		}
	}
	*out = '\0';
	return (0);
}

/* Whether n bytes at s hold a control character other than tab. */
static int
config_has_control(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (s[i] != '\t' && iscntrl((unsigned char)s[i]))
			return (1);
	}
	return (0);
}

static void
config_scan_free(struct config_scan *scan)
{
	size_t	i;

	for (i = 0; i < scan->count; i++) {
		free(scan->lines[i].section);
		free(scan->lines[i].key);
		free(scan->lines[i].value);
	}
	free(scan->lines);
	memset(scan, 0, sizeof *scan);
}

/*
 * Fill in one line l (its text is copy, NUL-terminated) given the section
 * before it. Returns 0, or -1 with a message in *why (static text, or
 * allocated into *detail when it quotes the line).
 */
static int
config_scan_line(struct config_line *l, char *copy, const char *section,
    const char **why, char **detail)
{
	char	*s, *close, *eq, *value;
	size_t	 n;

	s = str_trim(copy);
	if (*s == '\0') {
		l->type = CONFIG_LINE_BLANK;
		return (0);
	}
	if (*s == '#' || *s == ';') {
		l->type = CONFIG_LINE_COMMENT;
		return (0);
	}
	if (*s == '[') {
		l->type = CONFIG_LINE_SECTION;
		if ((close = strchr(s, ']')) == NULL) {
			*why = "unterminated section header";
			return (-1);
		}
		if (close[1] != '\0') {
			*why = "text after the section header";
			return (-1);
		}
		*close = '\0';
		s = str_trim(s + 1);
		if (*s == '\0') {
			*why = "empty section header";
			return (-1);
		}
		if (!config_valid_name(s, strlen(s))) {
			xasprintf(detail, "invalid section name \"%s\"", s);
			return (-1);
		}
		l->section = xstrdup(s);
		return (0);
	}

	l->type = CONFIG_LINE_ENTRY;
	if ((eq = strchr(s, '=')) == NULL) {
		*why = "expected \"key = value\"";
		return (-1);
	}
	n = eq - s;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0) {
		*why = "expected \"key = value\"";
		return (-1);
	}
	if (!config_valid_name(s, n)) {
		xasprintf(detail, "invalid key \"%.*s\" (keys are letters, "
		    "digits, '_', '-' and '.')", (int)n, s);
		return (-1);
	}
	l->indent = s - copy;
	l->key_len = n;
	value = str_trim(eq + 1);
	if (*value == '"' && config_unquote(value, why) != 0)
		return (-1);
	if (section != NULL)
		xasprintf(&l->key, "%s.%.*s", section, (int)n, s);
	else
		l->key = xstrndup(s, n);
	if (section != NULL)
		l->section = xstrdup(section);
	l->value = xstrdup(value);
	return (0);
}

/*
 * Split len bytes of text into lines and classify each. Returns 0, or -1
 * with a cause "NAME:LINE: ..." for the first line that is not well
 * formed. Values are not checked here.
 */
static int
config_scan(const char *text, size_t len, const char *name,
    struct config_scan *scan, char **cause)
{
	struct config_line	*l;
	const char		*section = NULL, *why, *nl;
	char			*copy, *detail;
	size_t			 off, alloc = 0, end, number = 0;
	int			 seen_nl = 0, r;

	memset(scan, 0, sizeof *scan);
	if (len > CONFIG_MAX_SIZE) {
		config_error(cause, name, 0, "larger than 1 MB");
		return (-1);
	}
	off = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		off = scan->bom = 3;
	while (off < len) {
		if (scan->count == alloc) {
			alloc = alloc == 0 ? 32 : alloc * 2;
			scan->lines = xreallocarray(scan->lines, alloc,
			    sizeof *scan->lines);
		}
		l = &scan->lines[scan->count++];
		memset(l, 0, sizeof *l);
		l->number = ++number;
		l->start = off;
		nl = memchr(text + off, '\n', len - off);
		end = nl != NULL ? (size_t)(nl - text) : len;
		l->len = end - off;
		if (l->len > 0 && text[end - 1] == '\r')
			l->len--;
		if (nl != NULL && !seen_nl) {
			seen_nl = 1;
			scan->crlf = end > off && text[end - 1] == '\r';
		}
		off = nl != NULL ? end + 1 : len;
		l->eol = off - l->start - l->len;

		if (l->len > CONFIG_MAX_LINE) {
			config_error(cause, name, l->number,
			    "line longer than %d bytes", CONFIG_MAX_LINE);
			goto fail;
		}
		if (memchr(text + l->start, '\0', l->len) != NULL) {
			config_error(cause, name, l->number,
			    "line contains a NUL byte");
			goto fail;
		}
		if (!utf8_valid(text + l->start, l->len)) {
			config_error(cause, name, l->number, "invalid UTF-8");
			goto fail;
		}
		if (config_has_control(text + l->start, l->len)) {
			config_error(cause, name, l->number,
			    "line contains a control character");
			goto fail;
		}
		copy = xstrndup(text + l->start, l->len);
		why = NULL;
		detail = NULL;
		r = config_scan_line(l, copy, section, &why, &detail);
		free(copy);
		if (r != 0) {
			config_error(cause, name, l->number, "%s",
			    detail != NULL ? detail : why);
			free(detail);
			goto fail;
		}
		if (l->type == CONFIG_LINE_SECTION)
			section = l->section;
	}
	return (0);

fail:
	config_scan_free(scan);
	return (-1);
}

/* Edit distance between a and b, capped: anything over 3 is 4. */
static size_t
config_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, prev, cur, up;
	size_t	row[64];

	if (la >= nitems(row) || lb >= nitems(row))
		return (4);
	if ((la > lb ? la - lb : lb - la) > 3)
		return (4);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			cur = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < cur)
				cur = row[j] + 1;
			if (row[j - 1] + 1 < cur)
				cur = row[j - 1] + 1;
			row[j] = cur;
			prev = up;
		}
	}
	return (row[lb] > 3 ? 4 : row[lb]);
}

/*
 * A hint for an unknown key: the known keys it is probably a misspelling
 * of ("colour" -> "color"), or that end in it ("api_key" ->
 * "openai.api_key"). Returns "" or " or "-joined quoted keys. Result must
 * be freed.
 */
static char *
config_suggest(const char *key)
{
	struct buf	 b;
	const char	*k, *dot;
	size_t		 i, best, d;
	int		 found = 0;

	/* Close enough: two edits, or one for keys too short for two. */
	best = strlen(key) <= 3 ? 1 : 2;
	for (i = 0; i < CONFIG_NKNOWN; i++) {
		d = config_distance(key, config_known_table[i].key);
		if (d < best)
			best = d;
	}
	buf_init(&b, 0);
	for (i = 0; i < CONFIG_NKNOWN; i++) {
		k = config_known_table[i].key;
		dot = strchr(k, '.');
		if (config_distance(key, k) <= best ||
		    (dot != NULL && strcmp(dot + 1, key) == 0)) {
			buf_printf(&b, "%s\"%s\"", found ? " or " : "", k);
			found = 1;
		}
	}
	return (buf_detach(&b));
}

/* Order entries by key, then line, for finding repeats. */
static int
config_compare_entries(const void *a, const void *b)
{
	const struct config_entry	*ea = *(struct config_entry *const *)a;
	const struct config_entry	*eb = *(struct config_entry *const *)b;
	int				 r;

	if ((r = strcmp(ea->key, eb->key)) != 0)
		return (r);
	return (ea->line < eb->line ? -1 : ea->line > eb->line);
}

/*
 * Find the first line (in file order) that repeats a key, sorting so a
 * file of many keys costs n log n. Returns 0, or -1 with a cause naming
 * both lines.
 */
static int
config_check_repeats(const struct config *cf, const char *name, char **cause)
{
	struct config_entry	**sorted, *repeat = NULL, *first;
	size_t			  i;

	if (cf->count < 2)
		return (0);
	sorted = xreallocarray(NULL, cf->count, sizeof *sorted);
	for (i = 0; i < cf->count; i++)
		sorted[i] = &cf->entries[i];
	qsort(sorted, cf->count, sizeof *sorted, config_compare_entries);
	for (i = 1; i < cf->count; i++) {
		if (strcmp(sorted[i - 1]->key, sorted[i]->key) != 0)
			continue;
		if (repeat == NULL || sorted[i]->line < repeat->line)
			repeat = sorted[i];
	}
	free(sorted);
	if (repeat == NULL)
		return (0);
	for (first = cf->entries; strcmp(first->key, repeat->key) != 0;
	    first++)
		;
	config_error(cause, name, repeat->line, "key \"%s\" set again "
	    "(first set on line %zu)", repeat->key, first->line);
	return (-1);
}

/*
 * Parse len bytes of config text. name is used in messages; warn, if not
 * NULL, receives one message for each unknown key once the whole text has
 * parsed. Returns 0 and a new config in *cfp, or -1 with a cause.
 */
int
config_parse(const char *text, size_t len, const char *name,
    void (*warn)(const char *), struct config **cfp, char **cause)
{
	struct config		*cf;
	struct config_scan	 scan;
	struct config_line	*l;
	struct config_entry	*e;
	char			*why, *hint, *msg;
	size_t			 i, n = 0;

	*cfp = NULL;
	if (name == NULL)
		name = "config";
	if (text == NULL)
		len = 0;
	if (config_scan(text, len, name, &scan, cause) != 0)
		return (-1);

	cf = xcalloc(1, sizeof *cf);
	for (i = 0; i < scan.count; i++) {
		if (scan.lines[i].type == CONFIG_LINE_ENTRY)
			n++;
	}
	cf->entries = xcalloc(n, sizeof *cf->entries);
	for (i = 0; i < scan.count; i++) {
		l = &scan.lines[i];
		if (l->type != CONFIG_LINE_ENTRY)
			continue;
		e = &cf->entries[cf->count++];
		e->key = l->key;
		e->value = l->value;
		e->line = l->number;
		l->key = l->value = NULL;
	}
	config_scan_free(&scan);

	if (config_check_repeats(cf, name, cause) != 0)
		goto fail;
	for (i = 0; i < cf->count; i++) {
		e = &cf->entries[i];
		if (!config_known(e->key))
			continue;
		if (config_check(e->key, e->value, &why) != 0) {
			config_error(cause, name, e->line, "%s%s", why,
			    strstr(e->value, " #") != NULL ||
			    strstr(e->value, " ;") != NULL ?
			    " (comments go on lines of their own)" : "");
			free(why);
			goto fail;
		}
	}
	for (i = 0; warn != NULL && i < cf->count; i++) {
		e = &cf->entries[i];
		if (config_known(e->key))
			continue;
		hint = config_suggest(e->key);
		if (*hint != '\0') {
			xasprintf(&msg, "%s:%zu: unknown key \"%s\" (ignored; "
			    "did you mean %s?)", name, e->line, e->key, hint);
		} else {
			xasprintf(&msg, "%s:%zu: unknown key \"%s\" (ignored)",
			    name, e->line, e->key);
		}
		warn(msg);
		free(msg);
		free(hint);
	}
	*cfp = cf;
	return (0);

fail:
	config_free(cf);
	return (-1);
}

/*
 * Read the file at path into *text (NUL-terminated) and *len. Returns 0,
 * 1 if there is no such file, or -1 with a cause naming the path.
 */
static int
config_read_file(const char *path, char **text, size_t *len,
    mode_t *mode, char **cause)
{
	struct stat	 st;
	struct buf	 b;
	char		 chunk[8192];
	ssize_t		 n;
	int		 fd;

	*text = NULL;
	*len = 0;
	/* Non-blocking, so a FIFO in the way cannot hang the open. */
	if ((fd = open(path, O_RDONLY|O_CLOEXEC|O_NONBLOCK)) == -1) {
		if (errno == ENOENT)
			return (1);
		xcause(cause, "cannot read %s: %s", path,
		    strerror(errno));
		return (-1);
	}
	if (fstat(fd, &st) == -1) {
		xcause(cause, "cannot read %s: %s", path,
		    strerror(errno));
		close(fd);
		return (-1);
	}
	if (!S_ISREG(st.st_mode)) {
		xcause(cause, "cannot read %s: %s", path,
		    S_ISDIR(st.st_mode) ? strerror(EISDIR) :
		    "not a regular file");
		close(fd);
		return (-1);
	}
	if (mode != NULL)
		*mode = st.st_mode;
	buf_init(&b, CONFIG_MAX_SIZE);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			xcause(cause, "cannot read %s: %s", path,
			    strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (buf_add(&b, chunk, n) != 0) {
			xcause(cause, "%s: larger than 1 MB", path);
			goto fail;
		}
	}
	close(fd);
	*len = b.len;
	*text = buf_detach(&b);
	return (0);

fail:
	buf_free(&b);
	close(fd);
	return (-1);
}

/*
 * Load the config file at path. A missing file is an empty config; one
 * that cannot be read is an error naming the path. A file others may read
 * that holds an API key gets a warning.
 */
int
config_load(const char *path, void (*warn)(const char *),
    struct config **cfp, char **cause)
{
	char	*text, *msg;
	size_t	 len;
	mode_t	 mode = 0;
	int	 r;

	*cfp = NULL;
	if (path == NULL) {
		xcause(cause, "no config file path");
		return (-1);
	}
	r = config_read_file(path, &text, &len, &mode, cause);
	if (r == -1)
		return (-1);
	if (r == 1) {
		*cfp = xcalloc(1, sizeof **cfp);
		return (0);
	}
	r = config_parse(text, len, path, warn, cfp, cause);
	free(text);
	if (r == 0 && warn != NULL && (mode & 044) != 0 &&
	    (config_get(*cfp, "openai.api_key") != NULL ||
	    config_get(*cfp, "anthropic.api_key") != NULL)) {
		xasprintf(&msg, "%s: holds an API key but others may read it "
		    "(chmod 600 %s)", path, path);
		warn(msg);
		free(msg);
	}
	return (r);
}

void
config_free(struct config *cf)
{
	size_t	i;

	if (cf == NULL)
		return;
	for (i = 0; i < cf->count; i++) {
		free(cf->entries[i].key);
		free(cf->entries[i].value);
	}
	free(cf->entries);
	free(cf);
}

/* The value of key, or NULL if the config does not set it. */
const char *
config_get(const struct config *cf, const char *key)
{
	size_t	i;

	if (cf == NULL || key == NULL)
		return (NULL);
	for (i = 0; i < cf->count; i++) {
		if (strcmp(cf->entries[i].key, key) == 0)
			return (cf->entries[i].value);
	}
	return (NULL);
}

size_t
config_count(const struct config *cf)
{
	return (cf == NULL ? 0 : cf->count);
}

const char *
config_key(const struct config *cf, size_t i)
{
	if (cf == NULL || i >= cf->count)
		return (NULL);
	return (cf->entries[i].key);
}

const char *
config_value(const struct config *cf, size_t i)
{
	if (cf == NULL || i >= cf->count)
		return (NULL);
	return (cf->entries[i].value);
}

/*
 * Whether value can be written on one line of the file: valid UTF-8, no
 * line breaks or other control characters but tabs.
 */
static int
config_writable_value(const char *value)
{
	size_t	n = strlen(value);

	return (utf8_valid(value, n) && !config_has_control(value, n));
}

/*
 * Append value as the file would hold it: bare when that reads back the
 * same, else quoted with " and \ escaped.
 */
static void
config_write_value(struct buf *b, const char *value)
{
	size_t		 n = strlen(value);
	const char	*p;

	if (n != 0 && !isspace((unsigned char)value[0]) &&
	    !isspace((unsigned char)value[n - 1]) && value[0] != '"') {
		buf_addstr(b, value);
		return;
	}
	buf_addc(b, '"');
	for (p = value; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

/* Whether b is empty or its last line is blank (it ends in "\n\n"). */
static int
config_ends_blank(const struct buf *b, size_t bom)
{
	const char	*s = buf_str(b);
	size_t		 n = b->len;

	if (n <= bom)
		return (1);
	if (n >= 2 && s[n - 1] == '\n' && s[n - 2] == '\n')
		return (1);
	return (n >= 4 && memcmp(s + n - 4, "\r\n\r\n", 4) == 0);
}

/*
 * End the last line of b if it is not ended. A last line may end in a
 * lone '\r' (a CRLF file cut short), which only needs its '\n'.
 */
static void
config_end_line(struct buf *b, size_t bom, const char *nl)
{
	if (b->len <= bom || b->data[b->len - 1] == '\n')
		return;
	if (b->data[b->len - 1] == '\r')
		buf_addc(b, '\n');
	else
		buf_addstr(b, nl);
}

/*
 * Find where a new line for key goes. Returns the index of the line to
 * insert before (scan->count for the end), or -1 if the key's section
 * does not exist yet. *indent is the white space of the line's neighbour
 * and *blank_after says a blank line should follow the new one.
 */
static ssize_t
config_insert_at(const struct config_scan *scan, const char *text,
    const char *section, const char **indent, size_t *indent_len,
    int *blank_after)
{
	const struct config_line	*l;
	ssize_t				 last = -1, at;
	size_t				 i;

	*indent = "";
	*indent_len = 0;
	*blank_after = 0;
	for (i = 0; i < scan->count; i++) {
		l = &scan->lines[i];
		if (l->type != CONFIG_LINE_ENTRY &&
		    l->type != CONFIG_LINE_SECTION)
			continue;
		if (section == NULL) {
			if (l->type == CONFIG_LINE_ENTRY && l->section == NULL)
				last = i;
		} else if (l->section != NULL &&
		    strcmp(l->section, section) == 0)
			last = i;
	}
	if (last != -1) {
		l = &scan->lines[last];
		if (l->type == CONFIG_LINE_ENTRY) {
			*indent = text + l->start;
			*indent_len = l->indent;
		}
		return (last + 1);
	}
	if (section != NULL)
		return (-1);

	/*
	 * A top-level key in a file without any: before the first section,
	 * and before the comment lines just above it, which belong to it.
	 */
	for (i = 0; i < scan->count; i++) {
		if (scan->lines[i].type == CONFIG_LINE_SECTION)
			break;
	}
	if (i == scan->count)
		return (scan->count);
	at = i;
	while (at > 0 && scan->lines[at - 1].type == CONFIG_LINE_COMMENT)
		at--;
	*blank_after = 1;
	return (at);
}

/*
 * Build the new text of a config file: text (scanned into scan) with key
 * set to value, or removed if value is NULL. Returns 0 with the text in b,
 * 1 if nothing changes, or -1 with a cause.
 */
static int
config_rewrite(const char *text, const struct config_scan *scan,
    const char *name, const char *key, const char *value, struct buf *b,
    char **cause)
{
	const struct config_line	*l;
	struct buf			 line;
	const char			*nl, *section_key, *indent;
	char				*section = NULL;
	size_t				 i, indent_len;
	ssize_t				 found = -1, at = -1;
	int				 blank_after = 0;

	nl = scan->crlf ? "\r\n" : "\n";
	for (i = 0; i < scan->count; i++) {
		l = &scan->lines[i];
		if (l->type == CONFIG_LINE_ENTRY && strcmp(l->key, key) == 0) {
			found = i;
			break;
		}
	}
	if (found == -1 && value == NULL)
		return (1);

	/* The new line, without its end. */
	buf_init(&line, 0);
	section_key = key;
	if (found != -1) {
		l = &scan->lines[found];
		buf_add(&line, text + l->start, l->indent + l->key_len);
	} else {
		if (strchr(key, '.') != NULL) {
			section = xstrndup(key, strchr(key, '.') - key);
			section_key = key + strlen(section) + 1;
		}
		at = config_insert_at(scan, text, section, &indent,
		    &indent_len, &blank_after);
		buf_add(&line, indent, indent_len);
		buf_addstr(&line, section_key);
	}
	if (value != NULL) {
		buf_addstr(&line, " = ");
		config_write_value(&line, value);
		if (line.len > CONFIG_MAX_LINE) {
			xcause(cause, "value for \"%s\" is too long "
			    "(a line may hold %d bytes)", key, CONFIG_MAX_LINE);
			buf_free(&line);
			free(section);
			return (-1);
		}
	}

	buf_add(b, text, scan->bom);
	for (i = 0; i < scan->count; i++) {
		l = &scan->lines[i];
		if (at == (ssize_t)i) {
			config_end_line(b, scan->bom, nl);
			buf_add(b, line.data, line.len);
			buf_addstr(b, nl);
			if (blank_after)
				buf_addstr(b, nl);
		}
		if (l->type == CONFIG_LINE_ENTRY && strcmp(l->key, key) == 0) {
			/* The first is replaced; repeats go. */
			if (found == (ssize_t)i && value != NULL) {
				buf_add(b, line.data, line.len);
				if (l->eol != 0)
					buf_add(b, text + l->start + l->len,
					    l->eol);
			}
			continue;
		}
		buf_add(b, text + l->start, l->len + l->eol);
	}
	if (found == -1 && at == (ssize_t)scan->count) {
		config_end_line(b, scan->bom, nl);
		buf_add(b, line.data, line.len);
		buf_addstr(b, nl);
	} else if (found == -1 && at == -1) {
		config_end_line(b, scan->bom, nl);
		if (!config_ends_blank(b, scan->bom))
			buf_addstr(b, nl);
		buf_printf(b, "[%s]%s", section, nl);
		buf_add(b, line.data, line.len);
		buf_addstr(b, nl);
	}
	buf_free(&line);
	free(section);

	if (b->len > CONFIG_MAX_SIZE) {
		config_error(cause, name, 0, "would be larger than 1 MB");
		return (-1);
	}
	return (0);
}

/* Create dir and its missing parents, each 0700. Returns 0 or -1. */
static int
config_make_dirs(const char *dir, char **cause)
{
	struct stat	 st;
	char		*copy, *p;
	int		 r = 0;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return (0);
	copy = xstrdup(dir);
	for (p = copy + 1; r == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (*p == '/')
			*p = '\0';
		if (mkdir(copy, 0700) == -1 && errno != EEXIST) {
			xcause(cause, "cannot create directory %s: %s",
			    copy, strerror(errno));
			r = -1;
		}
		if (p - copy == (ptrdiff_t)strlen(dir))
			break;
		*p = '/';
	}
	free(copy);
	return (r);
}

/*
 * Replace the file at path with len bytes of data, mode 0600: write a
 * temporary file beside it, flush it to disk and rename() it over, so a
 * reader sees the old file or the new one, never half of either.
 */
static int
config_write_file(const char *path, const char *data, size_t len,
    char **cause)
{
	char		*dir, *slash, *tmp;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, dfd;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (config_make_dirs(dir, cause) != 0) {
		free(dir);
		return (-1);
	}

	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		xcause(cause, "cannot write %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (fchmod(fd, 0600) == -1)
		goto fail_errno;
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto fail_errno;
		off += n;
	}
	if (fsync(fd) == -1)
		goto fail_errno;
	if (close(fd) == -1) {
		fd = -1;
		goto fail_errno;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail_errno;
	if ((dfd = open(dir, O_RDONLY|O_DIRECTORY|O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dir);
	return (0);

fail_errno:
	xcause(cause, "cannot write %s: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
fail:
	free(tmp);
	free(dir);
	return (-1);
}

/* The cause for a key that cannot be set: it lists every known key. */
static void
config_unknown_cause(const char *key, char **cause)
{
	struct buf	b;
	size_t		i;

	buf_init(&b, 0);
	for (i = 0; config_known_list[i] != NULL; i++) {
		buf_printf(&b, "%s%s", i == 0 ? "" : ", ",
		    config_known_list[i]);
	}
	xcause(cause, "unknown config key \"%s\"; known keys: %s",
	    key == NULL ? "" : key, buf_str(&b));
	buf_free(&b);
}

/*
 * Set key to value in len bytes of config text (value NULL removes the
 * key), keeping every other line byte for byte. An existing line for the
 * key is changed in place and any repeats of it dropped; a new one goes
 * after the last key of its section, and a missing section is added at
 * the end. name is used in messages. Returns 0 with the new text in *out
 * (NUL-terminated, length *outlen; the same bytes when nothing changes),
 * or -1 with a cause. *out must be freed.
 */
int
config_edit(const char *text, size_t len, const char *name, const char *key,
    const char *value, char **out, size_t *outlen, char **cause)
{
	struct config_scan	 scan;
	struct buf		 b;
	int			 r;

	*out = NULL;
	*outlen = 0;
	if (name == NULL)
		name = "config";
	if (text == NULL)
		len = 0;
	if (!config_known(key)) {
		config_unknown_cause(key, cause);
		return (-1);
	}
	if (value != NULL) {
		if (!config_writable_value(value)) {
			xcause(cause, "invalid value for \"%s\": must be "
			    "one line of text without control characters", key);
			return (-1);
		}
		if (config_check(key, value, cause) != 0)
			return (-1);
	}
	if (config_scan(text, len, name, &scan, cause) != 0)
		return (-1);
	buf_init(&b, 0);
	r = config_rewrite(text == NULL ? "" : text, &scan, name, key, value,
	    &b, cause);
	config_scan_free(&scan);
	if (r == -1) {
		buf_free(&b);
		return (-1);
	}
	if (r == 1) {
		buf_reset(&b);
		buf_add(&b, text == NULL ? "" : text, len);
	}
	*outlen = b.len;
	*out = buf_detach(&b);
	return (0);
}

/*
 * Set key to value in the file at path (value NULL removes it) as
 * config_edit() does, then replace the file atomically, 0600. Nothing is
 * written when nothing changes. A path that is a symbolic link has its
 * target rewritten, so a config kept elsewhere stays linked.
 */
int
config_set(const char *path, const char *key, const char *value,
    char **cause)
{
	struct stat	 st;
	char		*text = NULL, *real = NULL, *out = NULL;
	size_t		 len, outlen;
	int		 r;

	if (path == NULL || *path == '\0') {
		xcause(cause, "no config file path");
		return (-1);
	}
	if (!config_known(key)) {
		config_unknown_cause(key, cause);
		return (-1);
	}
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		real = realpath(path, NULL);
	if (real != NULL)
		path = real;

	if ((r = config_read_file(path, &text, &len, NULL, cause)) == -1)
		goto out;
	if ((r = config_edit(text, len, path, key, value, &out, &outlen,
	    cause)) != 0)
		goto out;
	if (outlen != len || memcmp(out, text == NULL ? "" : text, len) != 0)
		r = config_write_file(path, out, outlen, cause);

out:
	free(out);
	free(text);
	free(real);
	return (r);
}
