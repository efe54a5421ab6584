/*
 * Unit tests for core-config.c: the INI parser, its messages (file and
 * line), the known keys and their checks, and config_set rewriting files
 * in a temporary directory without touching the lines it does not own.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core-config.h"
#include "util-buf.h"
#include "util-xmalloc.h"

/* Warnings collected from config_parse and config_load. */
static char	*warnings[16];
static size_t	 nwarnings;

static void
collect_warning(const char *msg)
{
	if (nwarnings < sizeof warnings / sizeof warnings[0])
		warnings[nwarnings++] = xstrdup(msg);
}

static void
clear_warnings(void)
{
	size_t	i;

	for (i = 0; i < nwarnings; i++)
		free(warnings[i]);
	nwarnings = 0;
}

/* Parse a C string; returns the config or NULL with *cause. */
static struct config *
parse(const char *text, char **cause)
{
	struct config	*cf;

	*cause = NULL;
	if (config_parse(text, strlen(text), "config", collect_warning, &cf,
	    cause) != 0)
		return (NULL);
	return (cf);
}

/* Parse text that must fail; returns the cause, to be freed. */
static char *
parse_error(const char *text, size_t len)
{
	struct config	*cf = NULL;
	char		*cause = NULL;

	assert_int_equal(config_parse(text, len, "config", collect_warning,
	    &cf, &cause), -1);
	assert_null(cf);
	assert_non_null(cause);
	return (cause);
}

static void
assert_parse_error(const char *text, const char *expected)
{
	char	*cause;

	cause = parse_error(text, strlen(text));
	assert_string_equal(cause, expected);
	free(cause);
	assert_int_equal(nwarnings, 0);
}

/* A fresh temporary directory for one test. Result must be freed. */
static char *
make_tmpdir(void)
{
	const char	*base;
	char		*dir;

	if ((base = getenv("JUMBO_TEST_TMP")) == NULL)
		base = "/tmp";
	xasprintf(&dir, "%s/test-config.XXXXXX", base);
	assert_non_null(mkdtemp(dir));
	return (dir);
}

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	chmod(path, 0700);
	return (remove(path));
}

static void
remove_tree(char *dir)
{
	nftw(dir, remove_one, 16, FTW_DEPTH|FTW_PHYS);
	free(dir);
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	int	fd;

	fd = open(path, O_WRONLY|O_CREAT|O_TRUNC, mode);
	assert_true(fd != -1);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	chmod(path, mode);
}

/* The whole file at path. Result must be freed. */
static char *
read_file(const char *path)
{
	struct buf	 b;
	char		 chunk[4096];
	ssize_t		 n;
	int		 fd;

	fd = open(path, O_RDONLY);
	assert_true(fd != -1);
	buf_init(&b, 0);
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(&b, chunk, n);
	close(fd);
	return (buf_detach(&b));
}

/* Number of entries in dir besides . and .. */
static int
count_files(const char *dir)
{
	char	*cmd, line[64];
	FILE	*f;
	int	 n = -1;

	xasprintf(&cmd, "ls -A '%s' | wc -l", dir);
	if ((f = popen(cmd, "r")) != NULL) {
		if (fgets(line, sizeof line, f) != NULL)
			n = (int)strtol(line, NULL, 10);
		pclose(f);
	}
	free(cmd);
	return (n);
}

/* config_set on path, then the file's text. Result must be freed. */
static char *
set_and_read(const char *path, const char *key, const char *value)
{
	char	*cause = NULL;

	if (config_set(path, key, value, &cause) != 0)
		fail_msg("config_set %s: %s", key, cause);
	return (read_file(path));
}

/* config_edit on a C string; fails the test on error. Result must be freed. */
static char *
edit(const char *text, const char *key, const char *value)
{
	char	*out, *cause = NULL;
	size_t	 outlen;

	if (config_edit(text, strlen(text), "c", key, value, &out, &outlen,
	    &cause) != 0)
		fail_msg("config_edit %s: %s", key, cause);
	assert_int_equal(outlen, strlen(out));
	return (out);
}

static void
test_null_and_empty(void **state)
{
	struct config	*cf;
	char		*cause = NULL;

	assert_int_equal(config_parse(NULL, 0, NULL, NULL, &cf, &cause), 0);
	assert_int_equal(config_count(cf), 0);
	assert_null(config_get(cf, "model"));
	assert_null(config_get(cf, NULL));
	assert_null(config_key(cf, 0));
	assert_null(config_value(cf, 0));
	config_free(cf);

	assert_int_equal(config_parse("", 0, "config", NULL, &cf, &cause), 0);
	assert_int_equal(config_count(cf), 0);
	config_free(cf);

	/* A byte order mark, blank lines and comments alone. */
	cf = parse("\xef\xbb\xbf\n   \n\t\n# comment\n ; another\r\n#", &cause);
	assert_non_null(cf);
	assert_int_equal(config_count(cf), 0);
	config_free(cf);

	assert_null(config_get(NULL, "model"));
	assert_int_equal(config_count(NULL), 0);
	assert_null(config_key(NULL, 0));
	assert_null(config_value(NULL, 0));
	config_free(NULL);

	assert_int_equal(config_known(NULL), 0);
	assert_int_equal(config_known(""), 0);
	assert_null(config_describe(NULL));
	assert_null(config_describe("colour"));

	assert_int_equal(config_set(NULL, "model", "builtin", &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(config_load(NULL, NULL, &cf, &cause), -1);
	assert_null(cf);
	free(cause);
	/* A NULL cause is allowed: the error is only returned. */
	assert_int_equal(config_parse("x", 1, "c", NULL, &cf, NULL), -1);
	assert_int_equal(config_set("/nonexistent/x", "nope", "1", NULL), -1);
	clear_warnings();
}

static void
test_known_keys(void **state)
{
	const char *const	*keys;
	size_t			 n;
	char			*cause = NULL;

	keys = config_known_keys();
	for (n = 0; keys[n] != NULL; n++) {
		assert_true(config_known(keys[n]));
		assert_non_null(config_describe(keys[n]));
		assert_true(strlen(config_describe(keys[n])) > 10);
	}
	assert_int_equal(n, 15);
	assert_string_equal(keys[0], "model");
	assert_string_equal(keys[14], "sync.server");
	assert_true(config_known("openai.api_key_cmd"));
	assert_false(config_known("Model"));
	assert_false(config_known("openai"));
	assert_false(config_known("base_url"));
	assert_non_null(strstr(config_describe("color"), "auto"));

	assert_int_equal(config_check("nope", "1", &cause), -1);
	assert_string_equal(cause, "unknown config key \"nope\"");
	free(cause);
}

static void
test_check_values(void **state)
{
	static const struct {
		const char	*key;
		const char	*value;
		int		 ok;
	} cases[] = {
		{ "model", "builtin", 1 },
		{ "model", "openai:gpt-4o-mini", 1 },
		{ "model", "ollama:llama3.1:8b", 1 },
		{ "model", "anthropic:claude-3-5-haiku-latest", 1 },
		{ "model", "", 0 },
		{ "model", "gpt-4o", 0 },
		{ "model", "openai:", 0 },
		{ "model", "mistral:large", 0 },
		{ "model", "openai:gpt 4", 0 },
		{ "model", "Builtin", 0 },
		{ "analysis_model", "openai:gpt-4o-mini", 1 },
		{ "analysis_model", "gpt", 0 },
		{ "analysis", "model", 1 },
		{ "analysis", "builtin", 1 },
		{ "analysis", "llm", 0 },
		{ "color", "auto", 1 },
		{ "color", "always", 1 },
		{ "color", "never", 1 },
		{ "color", "blue", 0 },
		{ "color", "", 0 },
		{ "history_size", "1000", 1 },
		{ "history_size", "1", 1 },
		{ "history_size", "1000000", 1 },
		{ "history_size", "1000001", 0 },
		{ "history_size", "0", 0 },
		{ "history_size", "-5", 0 },
		{ "history_size", "10k", 0 },
		{ "history_size", " 10", 0 },
		{ "history_size", "99999999999999999999", 0 },
		{ "timeout.connect", "10", 1 },
		{ "timeout.read", "86400", 1 },
		{ "timeout.read", "86401", 0 },
		{ "timeout.read", "1.5", 0 },
		{ "openai.base_url", "https://api.openai.com/v1", 1 },
		{ "openai.base_url", "http://127.0.0.1:8080/v1#x", 1 },
		{ "openai.base_url", "https://", 0 },
		{ "openai.base_url", "ftp://example.com", 0 },
		{ "openai.base_url", "api.openai.com", 0 },
		{ "openai.base_url", "https://a b", 0 },
		{ "anthropic.base_url", "https://api.anthropic.com", 1 },
		{ "sync.server", "https://jumbo.example.org", 1 },
		{ "sync.server", "jumbo.example.org", 0 },
		{ "ollama.host", "127.0.0.1:11434", 1 },
		{ "ollama.host", "http://gpu-box:11434", 1 },
		{ "ollama.host", "", 0 },
		{ "ollama.host", "a host", 0 },
		{ "openai.api_key", "sk-abc", 1 },
		{ "openai.api_key", "   ", 0 },
		{ "anthropic.api_key_cmd", "pass show anthropic", 1 },
		{ "anthropic.api_key_cmd", "", 0 },
	};
	char	*cause;
	size_t	 i;
	int	 r;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cause = NULL;
		r = config_check(cases[i].key, cases[i].value, &cause);
		if (r != (cases[i].ok ? 0 : -1))
			fail_msg("%s = \"%s\": %d", cases[i].key,
			    cases[i].value, r);
		if (!cases[i].ok) {
			assert_non_null(cause);
			assert_non_null(strstr(cause, cases[i].key));
			free(cause);
		} else
			assert_null(cause);
	}

	cause = NULL;
	assert_int_equal(config_check("color", "blue", &cause), -1);
	assert_string_equal(cause,
	    "invalid value for \"color\": must be auto, always or never");
	free(cause);
	assert_int_equal(config_check("openai.api_key", NULL, &cause), -1);
	free(cause);
}

static void
test_parse(void **state)
{
	struct config	*cf;
	char		*cause;

	cf = parse(
	    "# jumbo config\n"
	    "model = openai:gpt-4o-mini\n"
	    "  color=never  \n"
	    "\n"
	    "[openai]\n"
	    "base_url = https://example.com/v1#frag\n"
	    "api_key = \"  sk-\\\"q\\\" \\\\ x  \"\n"
	    "[ ollama ]\n"
	    "\thost\t=\t127.0.0.1:11434\t\n"
	    "anthropic.api_key_cmd = cat ~/.key # not a comment\n"
	    "[timeout]\n"
	    "read = 30\n"
	    "empty =\n"
	    "quoted_empty = \"\"\n"
	    "unicode = caf\xc3\xa9 \xe2\x98\x95\n", &cause);
	if (cf == NULL)
		fail_msg("%s", cause);
	assert_int_equal(config_count(cf), 10);
	assert_string_equal(config_get(cf, "model"), "openai:gpt-4o-mini");
	assert_string_equal(config_get(cf, "color"), "never");
	assert_string_equal(config_get(cf, "openai.base_url"),
	    "https://example.com/v1#frag");
	assert_string_equal(config_get(cf, "openai.api_key"),
	    "  sk-\"q\" \\ x  ");
	assert_string_equal(config_get(cf, "ollama.host"), "127.0.0.1:11434");
	/* A dotted key inside a section is prefixed like any other. */
	assert_string_equal(config_get(cf, "ollama.anthropic.api_key_cmd"),
	    "cat ~/.key # not a comment");
	assert_null(config_get(cf, "anthropic.api_key_cmd"));
	assert_string_equal(config_get(cf, "timeout.read"), "30");
	assert_string_equal(config_get(cf, "timeout.empty"), "");
	assert_string_equal(config_get(cf, "timeout.quoted_empty"), "");
	assert_string_equal(config_get(cf, "timeout.unicode"),
	    "caf\xc3\xa9 \xe2\x98\x95");
	/* File order. */
	assert_string_equal(config_key(cf, 0), "model");
	assert_string_equal(config_value(cf, 1), "never");
	assert_string_equal(config_key(cf, 9), "timeout.unicode");
	assert_null(config_key(cf, 10));
	config_free(cf);

	/* Unknown keys: one warning each, with a hint when there is one. */
	assert_int_equal(nwarnings, 4);
	assert_string_equal(warnings[0], "config:10: unknown key "
	    "\"ollama.anthropic.api_key_cmd\" (ignored)");
	assert_string_equal(warnings[1],
	    "config:13: unknown key \"timeout.empty\" (ignored)");
	clear_warnings();

	cf = parse("colour = auto\napi_key = x\nhistory = 10\nzz = 1\n",
	    &cause);
	assert_non_null(cf);
	assert_int_equal(nwarnings, 4);
	assert_string_equal(warnings[0], "config:1: unknown key \"colour\" "
	    "(ignored; did you mean \"color\"?)");
	assert_string_equal(warnings[1], "config:2: unknown key \"api_key\" "
	    "(ignored; did you mean \"openai.api_key\" or "
	    "\"anthropic.api_key\"?)");
	assert_string_equal(warnings[3],
	    "config:4: unknown key \"zz\" (ignored)");
	/* Unknown keys are kept. */
	assert_string_equal(config_get(cf, "colour"), "auto");
	config_free(cf);
	clear_warnings();

	/* No warning for a NULL callback. */
	assert_int_equal(config_parse("x = 1", 5, "c", NULL, &cf, &cause), 0);
	config_free(cf);
}

static void
test_line_endings(void **state)
{
	struct config	*cf;
	char		*cause;

	cf = parse("\xef\xbb\xbfmodel = builtin\r\n[sync]\r\n"
	    "server = https://x.example\r\ncolor = \"auto\"\r", &cause);
	if (cf == NULL)
		fail_msg("%s", cause);
	assert_string_equal(config_get(cf, "model"), "builtin");
	assert_string_equal(config_get(cf, "sync.server"),
	    "https://x.example");
	assert_string_equal(config_get(cf, "sync.color"), "auto");
	config_free(cf);
	clear_warnings();

	/* No newline at the end. */
	cf = parse("model = builtin", &cause);
	assert_string_equal(config_get(cf, "model"), "builtin");
	config_free(cf);
}

static void
test_errors(void **state)
{
	struct buf	 b;
	char		*cause;
	size_t		 i;

	assert_parse_error("model = builtin\n\njust words\n",
	    "config:3: expected \"key = value\"");
	assert_parse_error("= value\n", "config:1: expected \"key = value\"");
	assert_parse_error("# x\n\n\n\n\n\n[openai\n",
	    "config:7: unterminated section header");
	assert_parse_error("[openai] # comment\n",
	    "config:1: text after the section header");
	assert_parse_error("[ ]\n", "config:1: empty section header");
	assert_parse_error("[open ai]\n",
	    "config:1: invalid section name \"open ai\"");
	assert_parse_error("[a..b]\n",
	    "config:1: invalid section name \"a..b\"");
	assert_parse_error("my key = 1\n", "config:1: invalid key \"my key\" "
	    "(keys are letters, digits, '_', '-' and '.')");
	assert_parse_error("x.= 1\n", "config:1: invalid key \"x.\" "
	    "(keys are letters, digits, '_', '-' and '.')");
	assert_parse_error("a = \"unterminated\n",
	    "config:1: unterminated quoted value");
	assert_parse_error("a = \"x\" y\n",
	    "config:1: text after the closing quote");
	assert_parse_error("a = \"C:\\path\"\n", "config:1: unknown escape in "
	    "quoted value (only \\\" and \\\\ are escapes)");
	assert_parse_error("a = 1\nb = caf\xe9\n", "config:2: invalid UTF-8");
	assert_parse_error("a = \xc0\xaf\n", "config:1: invalid UTF-8");

	assert_parse_error("a = 1\rb = 2\n",
	    "config:1: line contains a control character");
	assert_parse_error("a = \x1b[31m\n",
	    "config:1: line contains a control character");
	cause = parse_error("a = 1\nb = x\0y\n", 12);
	assert_string_equal(cause, "config:2: line contains a NUL byte");
	free(cause);

	/* Repeats, also through a section and a dotted key. */
	assert_parse_error("model = builtin\ncolor = auto\nmodel = builtin\n",
	    "config:3: key \"model\" set again (first set on line 1)");
	assert_parse_error("openai.base_url = https://a\n[openai]\n"
	    "x = 1\nbase_url = https://b\n", "config:4: key "
	    "\"openai.base_url\" set again (first set on line 1)");
	assert_parse_error("z = 1\ny = 2\ny = 3\nz = 4\n",
	    "config:3: key \"y\" set again (first set on line 2)");

	/* Values of known keys are checked; secrets are not echoed. */
	assert_parse_error("\ncolor = blue\n", "config:2: invalid value for "
	    "\"color\": must be auto, always or never");
	assert_parse_error("[openai]\napi_key =\n", "config:2: invalid value "
	    "for \"openai.api_key\": must not be empty");
	assert_parse_error("model = builtin # the default\n", "config:1: "
	    "invalid value for \"model\": must be builtin or PROVIDER:MODEL, "
	    "with PROVIDER openai, ollama or anthropic (comments go on "
	    "lines of their own)");
	assert_parse_error("[timeout]\nread = 0\n", "config:2: invalid value "
	    "for \"timeout.read\": must be a whole number of seconds from 1 "
	    "to 86400");
	/* No warnings are given for a text that fails. */
	assert_parse_error("colour = x\ncolor = x\n", "config:2: invalid "
	    "value for \"color\": must be auto, always or never");

	/* 4096 bytes a line is fine, 4097 is not. */
	buf_init(&b, 0);
	buf_addstr(&b, "k = ");
	for (i = 4; i < 4096; i++)
		buf_addc(&b, 'v');
	buf_addstr(&b, "\r\n");
	cause = NULL;
	{
		struct config	*cf;

		assert_int_equal(config_parse(b.data, b.len, "config", NULL,
		    &cf, &cause), 0);
		assert_int_equal(strlen(config_get(cf, "k")), 4092);
		config_free(cf);
	}
	buf_reset(&b);
	buf_addstr(&b, "a = 1\nk = ");
	for (i = 4; i < 4097; i++)
		buf_addc(&b, 'v');
	cause = parse_error(b.data, b.len);
	assert_string_equal(cause, "config:2: line longer than 4096 bytes");
	free(cause);

	/* Over 1 MB of harmless lines is refused whole. */
	buf_reset(&b);
	while (b.len <= 1024 * 1024)
		buf_addstr(&b, "# padding padding padding padding\n");
	cause = parse_error(b.data, b.len);
	assert_string_equal(cause, "config: larger than 1 MB");
	free(cause);
	buf_free(&b);
	clear_warnings();
}

static void
test_load(void **state)
{
	struct config	*cf;
	char		*dir, *path, *cause = NULL;

	dir = make_tmpdir();
	xasprintf(&path, "%s/config", dir);

	/* Missing: an empty config. */
	assert_int_equal(config_load(path, collect_warning, &cf, &cause), 0);
	assert_int_equal(config_count(cf), 0);
	config_free(cf);

	/* Errors name the path and line. */
	write_file(path, "model = builtin\n[openai\n", 0600);
	assert_int_equal(config_load(path, collect_warning, &cf, &cause), -1);
	assert_null(cf);
	{
		char	*expected;

		xasprintf(&expected, "%s:2: unterminated section header",
		    path);
		assert_string_equal(cause, expected);
		free(expected);
	}
	free(cause);

	write_file(path, "model = builtin\ncolour = never\n", 0600);
	assert_int_equal(config_load(path, collect_warning, &cf, &cause), 0);
	assert_string_equal(config_get(cf, "model"), "builtin");
	assert_int_equal(nwarnings, 1);
	assert_non_null(strstr(warnings[0], ":2: unknown key \"colour\""));
	assert_true(strncmp(warnings[0], path, strlen(path)) == 0);
	config_free(cf);
	clear_warnings();

	/* An API key others may read is pointed out (without the key). */
	write_file(path, "[openai]\napi_key = sk-secret\n", 0644);
	assert_int_equal(config_load(path, collect_warning, &cf, &cause), 0);
	assert_int_equal(nwarnings, 1);
	assert_non_null(strstr(warnings[0], "chmod 600"));
	assert_null(strstr(warnings[0], "sk-secret"));
	config_free(cf);
	clear_warnings();
	chmod(path, 0600);
	assert_int_equal(config_load(path, collect_warning, &cf, &cause), 0);
	assert_int_equal(nwarnings, 0);
	config_free(cf);

	/* Unreadable: a directory, and (not as root) mode 000. */
	unlink(path);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(config_load(path, NULL, &cf, &cause), -1);
	assert_non_null(strstr(cause, path));
	assert_non_null(strstr(cause, "cannot read"));
	free(cause);
	rmdir(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(config_load(path, NULL, &cf, &cause), -1);
	assert_non_null(strstr(cause, "not a regular file"));
	free(cause);
	unlink(path);
	if (geteuid() != 0) {
		write_file(path, "model = builtin\n", 0000);
		assert_int_equal(config_load(path, NULL, &cf, &cause), -1);
		assert_non_null(strstr(cause, path));
		assert_non_null(strstr(cause, "Permission denied"));
		free(cause);
	}

	free(path);
	remove_tree(dir);
}

static void
test_set_new_file(void **state)
{
	struct stat	 st;
	struct config	*cf;
	char		*dir, *sub, *path, *text, *cause = NULL;

	dir = make_tmpdir();
	xasprintf(&sub, "%s/a/b/jumbo", dir);
	xasprintf(&path, "%s/config", sub);

	/* Removing from a missing file creates nothing. */
	assert_int_equal(config_set(path, "model", NULL, &cause), 0);
	assert_int_equal(stat(sub, &st), -1);

	text = set_and_read(path, "model", "ollama:llama3.2");
	assert_string_equal(text, "model = ollama:llama3.2\n");
	free(text);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);

	text = set_and_read(path, "openai.api_key", "sk-1");
	assert_string_equal(text, "model = ollama:llama3.2\n\n[openai]\n"
	    "api_key = sk-1\n");
	free(text);
	text = set_and_read(path, "color", "never");
	assert_string_equal(text, "model = ollama:llama3.2\ncolor = never\n\n"
	    "[openai]\napi_key = sk-1\n");
	free(text);
	text = set_and_read(path, "openai.base_url",
	    "http://localhost:8080/v1");
	assert_string_equal(text, "model = ollama:llama3.2\ncolor = never\n\n"
	    "[openai]\napi_key = sk-1\nbase_url = http://localhost:8080/v1\n");
	free(text);
	text = set_and_read(path, "openai.api_key", NULL);
	assert_string_equal(text, "model = ollama:llama3.2\ncolor = never\n\n"
	    "[openai]\nbase_url = http://localhost:8080/v1\n");
	free(text);

	assert_int_equal(config_load(path, NULL, &cf, &cause), 0);
	assert_int_equal(config_count(cf), 3);
	assert_string_equal(config_get(cf, "openai.base_url"),
	    "http://localhost:8080/v1");
	config_free(cf);

	/* No temporary files left behind. */
	assert_int_equal(count_files(sub), 1);

	free(path);
	free(sub);
	remove_tree(dir);
}

static void
test_set_keeps_lines(void **state)
{
	static const char	*original =
	    "# My jumbo settings.\n"
	    "; written by hand, keep this\n"
	    "\n"
	    "   model   =   builtin   \n"
	    "colour = auto\n"
	    "\n"
	    "# OpenAI-compatible server\n"
	    "[openai]\n"
	    "\tbase_url = https://openrouter.ai/api/v1#keep\n"
	    "   api_key_cmd = \"pass show openrouter\"\n"
	    "\n"
	    "# Local models\n"
	    "[ollama]\n"
	    "host = 127.0.0.1:11434\n"
	    "; end\n";
	struct stat	 st;
	char		*dir, *path, *text;

	dir = make_tmpdir();
	xasprintf(&path, "%s/config", dir);
	write_file(path, original, 0644);

	/* Replaced in place: its indentation and key kept, the rest intact. */
	text = set_and_read(path, "model", "anthropic:claude-sonnet-4");
	assert_string_equal(text,
	    "# My jumbo settings.\n"
	    "; written by hand, keep this\n"
	    "\n"
	    "   model = anthropic:claude-sonnet-4\n"
	    "colour = auto\n"
	    "\n"
	    "# OpenAI-compatible server\n"
	    "[openai]\n"
	    "\tbase_url = https://openrouter.ai/api/v1#keep\n"
	    "   api_key_cmd = \"pass show openrouter\"\n"
	    "\n"
	    "# Local models\n"
	    "[ollama]\n"
	    "host = 127.0.0.1:11434\n"
	    "; end\n");
	free(text);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);

	/* Appended after the last key of its section, with its indent. */
	text = set_and_read(path, "openai.api_key", "sk-or-v1 with spaces");
	assert_non_null(strstr(text, "   api_key_cmd = \"pass show "
	    "openrouter\"\n   api_key = sk-or-v1 with spaces\n\n# Local"));
	free(text);

	/* A new section at the end, after a blank line. */
	text = set_and_read(path, "timeout.read", "120");
	assert_non_null(strstr(text, "; end\n\n[timeout]\nread = 120\n"));
	free(text);

	/* Setting back and removing what was added gives the original. */
	free(set_and_read(path, "model", "builtin"));
	free(set_and_read(path, "openai.api_key", NULL));
	text = set_and_read(path, "timeout.read", NULL);
	/* All but the model line as it was, and the header left empty. */
	assert_string_equal(text,
	    "# My jumbo settings.\n"
	    "; written by hand, keep this\n"
	    "\n"
	    "   model = builtin\n"
	    "colour = auto\n"
	    "\n"
	    "# OpenAI-compatible server\n"
	    "[openai]\n"
	    "\tbase_url = https://openrouter.ai/api/v1#keep\n"
	    "   api_key_cmd = \"pass show openrouter\"\n"
	    "\n"
	    "# Local models\n"
	    "[ollama]\n"
	    "host = 127.0.0.1:11434\n"
	    "; end\n"
	    "\n"
	    "[timeout]\n");
	free(text);

	free(path);
	remove_tree(dir);
}

static void
test_set_placement(void **state)
{
	struct config	*cf;
	char		*out, *cause = NULL;
	size_t		 outlen;

	/* A top-level key goes before the comments heading a section. */
	out = edit("# top\n\n# OpenAI\n[openai]\napi_key = x\n", "model",
	    "builtin");
	assert_string_equal(out, "# top\n\nmodel = builtin\n\n# OpenAI\n"
	    "[openai]\napi_key = x\n");
	free(out);
	out = edit("[openai]\napi_key = x\n", "model", "builtin");
	assert_string_equal(out, "model = builtin\n\n[openai]\napi_key = x\n");
	free(out);

	/* CRLF files stay CRLF; a BOM stays; a missing last newline added. */
	out = edit("\xef\xbb\xbf# c\r\ncolor = auto", "history_size", "500");
	assert_string_equal(out,
	    "\xef\xbb\xbf# c\r\ncolor = auto\r\nhistory_size = 500\r\n");
	free(out);
	out = edit("\xef\xbb\xbf", "color", "auto");
	assert_string_equal(out, "\xef\xbb\xbf" "color = auto\n");
	free(out);
	out = edit("# c\r\n\r", "color", "auto");
	assert_string_equal(out, "# c\r\n\r\ncolor = auto\r\n");
	free(out);
	out = edit("color = auto\r\n", "color", NULL);
	assert_string_equal(out, "");
	free(out);
	out = edit("color = auto\r\n[sync]\r\n", "sync.server",
	    "https://j.example");
	assert_string_equal(out,
	    "color = auto\r\n[sync]\r\nserver = https://j.example\r\n");
	free(out);

	/* A dotted key outside its section is replaced where it is. */
	out = edit("openai.api_key = a\n[openai]\n", "openai.api_key", "b");
	assert_string_equal(out, "openai.api_key = b\n[openai]\n");
	free(out);

	/* A section given twice: after the last key of that section. */
	out = edit("[openai]\napi_key = a\n[ollama]\nhost = h\n[openai]\n"
	    "base_url = https://x\n[sync]\n", "openai.api_key_cmd", "c");
	assert_string_equal(out, "[openai]\napi_key = a\n[ollama]\nhost = h\n"
	    "[openai]\nbase_url = https://x\napi_key_cmd = c\n[sync]\n");
	free(out);

	/* Repeats: the first line is replaced, the others dropped. */
	out = edit("model = a\nx = 1\nmodel = b\n", "model", "builtin");
	assert_string_equal(out, "model = builtin\nx = 1\n");
	free(out);

	/* Values that need quotes get them and read back the same. */
	out = edit("", "openai.api_key_cmd", " \"quoted\" \\ cmd\t");
	assert_string_equal(out, "[openai]\n"
	    "api_key_cmd = \" \\\"quoted\\\" \\\\ cmd\t\"\n");
	assert_int_equal(config_parse(out, strlen(out), "c", NULL, &cf,
	    &cause), 0);
	assert_string_equal(config_get(cf, "openai.api_key_cmd"),
	    " \"quoted\" \\ cmd\t");
	config_free(cf);
	free(out);
	out = edit("", "openai.api_key", "\"starts with a quote");
	assert_string_equal(out,
	    "[openai]\napi_key = \"\\\"starts with a quote\"\n");
	free(out);

	/* Nothing to do: the same bytes. */
	out = edit("# x\n", "model", NULL);
	assert_string_equal(out, "# x\n");
	free(out);
	assert_int_equal(config_edit(NULL, 0, NULL, "model", NULL, &out,
	    &outlen, &cause), 0);
	assert_string_equal(out, "");
	assert_int_equal(outlen, 0);
	free(out);
	assert_int_equal(config_edit("x", 1, NULL, "nope", "1", &out,
	    &outlen, &cause), -1);
	assert_null(out);
	free(cause);
}

static void
test_set_errors(void **state)
{
	const char	*original = "model = builtin\n# keep\n";
	char		*dir, *path, *text, *cause = NULL, *expected;
	int		 fd;

	dir = make_tmpdir();
	xasprintf(&path, "%s/config", dir);
	write_file(path, original, 0600);

	assert_int_equal(config_set(path, "colour", "auto", &cause), -1);
	assert_string_equal(cause, "unknown config key \"colour\"; known "
	    "keys: model, analysis, analysis_model, color, history_size, "
	    "openai.base_url, openai.api_key, openai.api_key_cmd, "
	    "ollama.host, anthropic.base_url, anthropic.api_key, "
	    "anthropic.api_key_cmd, timeout.connect, timeout.read, "
	    "sync.server");
	free(cause);
	assert_int_equal(config_set(path, "color", "blue", &cause), -1);
	assert_string_equal(cause,
	    "invalid value for \"color\": must be auto, always or never");
	free(cause);
	assert_int_equal(config_set(path, "history_size", "0", &cause), -1);
	free(cause);
	assert_int_equal(config_set(path, "model", "gpt-4", &cause), -1);
	free(cause);
	assert_int_equal(config_set(path, "openai.api_key", "a\nb", &cause),
	    -1);
	assert_string_equal(cause, "invalid value for \"openai.api_key\": "
	    "must be one line of text without control characters");
	free(cause);
	assert_int_equal(config_set(path, "openai.api_key", "caf\xe9", &cause),
	    -1);
	free(cause);
	text = read_file(path);
	assert_string_equal(text, original);
	free(text);

	/* A file it cannot make sense of is left alone. */
	write_file(path, "model = builtin\nnonsense\n", 0600);
	assert_int_equal(config_set(path, "color", "auto", &cause), -1);
	xasprintf(&expected, "%s:2: expected \"key = value\"", path);
	assert_string_equal(cause, expected);
	free(expected);
	free(cause);
	text = read_file(path);
	assert_string_equal(text, "model = builtin\nnonsense\n");
	free(text);

	/* But a bad value of another key or a repeat is no obstacle. */
	write_file(path, "color = blue\nmodel = a\nmodel = b\n", 0600);
	text = set_and_read(path, "model", "builtin");
	assert_string_equal(text, "color = blue\nmodel = builtin\n");
	free(text);
	text = set_and_read(path, "color", "auto");
	assert_string_equal(text, "color = auto\nmodel = builtin\n");
	free(text);

	/* A value too long for a line. */
	{
		char	*lng = xmalloc(5000);

		memset(lng, 'k', 4999);
		lng[4999] = '\0';
		assert_int_equal(config_set(path, "openai.api_key", lng,
		    &cause), -1);
		assert_non_null(strstr(cause, "too long"));
		free(cause);
		free(lng);
	}

	/* The directory cannot be made: a file is in the way. */
	free(path);
	xasprintf(&path, "%s/file", dir);
	fd = open(path, O_WRONLY|O_CREAT, 0600);
	close(fd);
	free(path);
	xasprintf(&path, "%s/file/sub/config", dir);
	assert_int_equal(config_set(path, "model", "builtin", &cause), -1);
	assert_non_null(strstr(cause, "file/sub"));
	free(cause);

	free(path);
	remove_tree(dir);
}

static void
test_set_symlink(void **state)
{
	struct stat	 st;
	char		*dir, *target, *link, *text;

	dir = make_tmpdir();
	xasprintf(&target, "%s/real-config", dir);
	xasprintf(&link, "%s/config", dir);
	write_file(target, "# dotfiles\n", 0600);
	assert_int_equal(symlink("real-config", link), 0);

	text = set_and_read(link, "color", "always");
	assert_string_equal(text, "# dotfiles\ncolor = always\n");
	free(text);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	text = read_file(target);
	assert_string_equal(text, "# dotfiles\ncolor = always\n");
	free(text);

	free(target);
	free(link);
	remove_tree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_known_keys),
		cmocka_unit_test(test_check_values),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_line_endings),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_set_new_file),
		cmocka_unit_test(test_set_keeps_lines),
		cmocka_unit_test(test_set_placement),
		cmocka_unit_test(test_set_errors),
		cmocka_unit_test(test_set_symlink),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
