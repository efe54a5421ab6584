/*
 * Sessions. Opening one reads the config, picks the engine (-m, then
 * JUMBO_MODEL, then the config's "model", then the automatic choice) and
 * opens the store: the real jumbo.db, read-only for commands that only
 * read, or a private in-memory one for --incognito and for reading before
 * anything was ever stored. The conversation is created lazily, on the
 * first turn, so a run that fails early leaves nothing behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core-builtin.h"
#include "core-config.h"
#include "core-engine.h"
#include "core-http.h"
#include "core-import.h"
#include "core-paths.h"
#include "core-session.h"
#include "store-conversation.h"
#include "store-message.h"
#include "store-fact.h"
#include "store-profile.h"
#include "store.h"
#include "util-buf.h"
#include "util-str.h"
#include "util-time.h"
#include "util-xmalloc.h"

#define SESSION_IMPORT_LINE_MAX (8 * 1024 * 1024)

struct session {
	struct store	*store;
	struct config	*config;
	char		*config_path;
	char		*database_path;
	char		*account_name;
	char		*engine;	/* spec; NULL until chosen */
	struct engine	*model;		/* opened when first needed */
	struct engine	*analysis;	/* analysis_model's, when it differs */
	char		*conversation;
	int		 incognito;
};

static const char *const session_providers[] = {
	"openai", "ollama", "anthropic", NULL
};

int
session_check_model(const char *spec, char **cause)
{
	const char		*colon;
	const char *const	*p;
	size_t			 len;

	if (strcmp(spec, "builtin") == 0)
		return (0);
	if ((colon = strchr(spec, ':')) != NULL && colon[1] != '\0') {
		len = colon - spec;
		for (p = session_providers; *p != NULL; p++) {
			if (strlen(*p) == len && strncmp(spec, *p, len) == 0)
				return (0);
		}
	}
	xasprintf(cause, "unknown engine \"%s\" (expected builtin, "
	    "openai:MODEL, ollama:MODEL or anthropic:MODEL)", spec);
	return (-1);
}

/*
 * Decide the engine: -m, then JUMBO_MODEL, then the config's "model". With
 * none of them the automatic choice is made when a turn first needs it
 * (session_engine()), so commands that only read never probe the network.
 */
static int
session_pick_engine(struct session *s, const char *flag, char **cause)
{
	const char	*spec, *source;
	char		*why;

	if (flag != NULL) {
		spec = flag;
		source = "-m";
	} else if ((spec = getenv("JUMBO_MODEL")) != NULL && *spec != '\0')
		source = "JUMBO_MODEL";
	else if ((spec = config_get(s->config, "model")) != NULL)
		source = s->config_path;
	else
		return (0);
	if (session_check_model(spec, &why) != 0) {
		xasprintf(cause, "%s: %s", source, why);
		free(why);
		return (-1);
	}
	s->engine = xstrdup(spec);
	return (0);
}

/* Open the store the options call for. */
static int
session_open_store(struct session *s, const struct session_options *o,
    char **cause)
{
	char		*dir;
	struct stat	 sb;
	int		 flags = 0;

	if (o->incognito)
		return (store_open(NULL, STORE_MEMORY, &s->store, cause));
	if ((s->database_path = paths_database(cause)) == NULL)
		return (-1);
	if (o->readonly) {
		/* Nothing stored yet (or a store being created): empty. */
		if ((stat(s->database_path, &sb) != 0 && errno == ENOENT) ||
		    (S_ISREG(sb.st_mode) && sb.st_size == 0))
			flags = STORE_MEMORY;
		else
			flags = STORE_READONLY;
		return (store_open(s->database_path, flags, &s->store, cause));
	}
	if ((dir = paths_data_dir(cause)) == NULL)
		return (-1);
	if (paths_make_dir(dir, cause) != 0) {
		free(dir);
		return (-1);
	}
	free(dir);
	return (store_open(s->database_path, 0, &s->store, cause));
}

int
session_open(const struct session_options *o, struct session **out,
    char **cause)
{
	struct session	*s;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->incognito = o->incognito;
	if ((s->config_path = paths_config_file(cause)) == NULL)
		goto fail;
	if (config_load(s->config_path, o->warn, &s->config, cause) != 0)
		goto fail;
	if (session_pick_engine(s, o->model, cause) != 0)
		goto fail;
	if (o->chat && s->engine != NULL && strcmp(s->engine, "builtin") != 0)
		http_preload();
	if (session_open_store(s, o, cause) != 0)
		goto fail;
	s->account_name = paths_account_name();
	*out = s;
	return (0);

fail:
	session_close(s);
	return (-1);
}

void
session_close(struct session *s)
{
	http_preload_wait();
	if (s == NULL)
		return;
	if (s->store != NULL)
		store_close(s->store);
	if (s->config != NULL)
		config_free(s->config);
	free(s->config_path);
	free(s->database_path);
	free(s->account_name);
	free(s->engine);
	engine_free(s->model);
	engine_free(s->analysis);
	free(s->conversation);
	free(s);
}

struct store *
session_store(struct session *s)
{
	return (s->store);
}

const struct config *
session_config(struct session *s)
{
	return (s->config);
}

const char *
session_config_path(struct session *s)
{
	return (s->config_path);
}

const char *
session_database_path(struct session *s)
{
	return (s->incognito ? ":memory:" : s->database_path);
}

const char *
session_engine(struct session *s)
{
	if (s->engine == NULL)
		s->engine = engine_automatic(s->config);
	return (s->engine);
}

int
session_model(struct session *s, struct engine **out, char **cause)
{
	const char	*spec = session_engine(s);

	*out = NULL;
	if (strcmp(spec, "builtin") == 0)
		return (0);
	if (s->model == NULL &&
	    engine_open(s->config, spec, &s->model, cause) != 0)
		return (-1);
	*out = s->model;
	return (0);
}

int
session_analysis_model(struct session *s, struct engine **out,
    char **cause)
{
	const char	*mode = config_get(s->config, "analysis");
	const char	*spec = config_get(s->config, "analysis_model");

	*out = NULL;
	if (mode != NULL && strcmp(mode, "builtin") == 0)
		return (0);
	if (spec == NULL || strcmp(spec, session_engine(s)) == 0)
		return (session_model(s, out, cause));
	if (strcmp(spec, "builtin") == 0)
		return (0);
	if (s->analysis == NULL &&
	    engine_open(s->config, spec, &s->analysis, cause) != 0)
		return (-1);
	*out = s->analysis;
	return (0);
}

const char *
session_account_name(struct session *s)
{
	return (s->account_name);
}

int
session_incognito(struct session *s)
{
	return (s->incognito);
}

char *
session_preferred_name(struct session *s)
{
	return (store_profile_get(s->store, "preferred_name"));
}

int
session_set_preferred_name(struct session *s, const char *name,
    char **cause)
{
	if (store_profile_set(s->store, "preferred_name", name, cause) != 0)
		return (-1);
	return (store_profile_set(s->store, "account_name", s->account_name,
	    cause));
}

int
session_mark_name_question(struct session *s, const char *message_id,
    char **cause)
{
	if (store_profile_set(s->store, "name_question", message_id,
	    cause) != 0)
		return (-1);
	return (store_profile_set(s->store, "name_asked", "1", cause));
}

const char *
session_conversation(struct session *s)
{
	return (s->conversation);
}

int
session_continue(struct session *s, const char *prefix, char **cause)
{
	char	*id;

	if (prefix == NULL) {
		if (store_conversation_latest(s->store, &id, cause) != 0)
			return (-1);
		/* Nothing to continue: the first turn starts one. */
		free(s->conversation);
		s->conversation = id;
		return (0);
	}
	if (store_conversation_resolve(s->store, prefix, &id, cause) != 0)
		return (-1);
	free(s->conversation);
	s->conversation = id;
	return (0);
}

void
session_new_conversation(struct session *s)
{
	free(s->conversation);
	s->conversation = NULL;
}

int
session_greet(struct session *s, char **text, char **cause)
{
	struct builtin_reply	 r;
	struct store_message	 m;
	char			*name, *id;
	int64_t			 now = time_now_ms();
	int			 error = -1;

	*text = NULL;
	name = session_preferred_name(s);
	if (builtin_greeting(name, s->account_name, !s->incognito,
	    builtin_hash(0, name != NULL ? name : s->account_name), &r,
	    cause) != 0) {
		free(name);
		return (-1);
	}
	if (store_begin(s->store, cause) != 0)
		goto out;
	if (store_conversation_create(s->store, NULL, NULL, now, &id,
	    cause) != 0)
		goto rollback;
	free(s->conversation);
	s->conversation = id;
	memset(&m, 0, sizeof m);
	m.conversation = s->conversation;
	m.role = "assistant";
	m.speaker = "jumbo";
	m.text = r.text;
	m.time = now;
	m.engine = s->engine;
	if (store_message_add(s->store, &m, cause) < 0)
		goto rollback;
	if (r.asks_name && session_mark_name_question(s, m.id, cause) != 0) {
		free(m.id);
		goto rollback;
	}
	free(m.id);
	if (store_commit(s->store, cause) != 0)
		goto out;
	*text = r.text;
	r.text = NULL;
	error = 0;
	goto out;

rollback:
	store_rollback(s->store);
	session_new_conversation(s);
out:
	free(r.text);
	free(name);
	return (error);
}

/*
 * Read one line of f into b (without its newline). Returns 1 for a line,
 * 0 at the end, -1 when the line passes the cap.
 */
static int
session_read_line(FILE *f, struct buf *b)
{
	char	chunk[8192];
	size_t	len;
	int	got = 0;

	buf_reset(b);
	while (fgets(chunk, sizeof chunk, f) != NULL) {
		got = 1;
		len = strlen(chunk);
		if (len > 0 && chunk[len - 1] == '\n') {
			if (buf_add(b, chunk, len - 1) != 0)
				return (-1);
			return (1);
		}
		if (buf_add(b, chunk, len) != 0)
			return (-1);
	}
	return (got);
}

/* Import one parsed record. */
static int
session_import_record(struct session *s, const struct import_record *rec,
    const char *default_conversation, struct session_import_stats *st,
    char **cause)
{
	struct store_conversation	 c;
	struct store_message		 m;
	const char			*conv;
	char				*id, *why;
	int				 r;

	conv = rec->conversation != NULL ? rec->conversation :
	    default_conversation;
	if (store_conversation_get(s->store, conv, &c, &why) == 0)
		store_conversation_clear(&c);
	else {
		free(why);
		if (store_conversation_create(s->store, conv, NULL, rec->time,
		    &id, cause) != 0)
			return (-1);
		free(id);
		st->conversations++;
	}
	memset(&m, 0, sizeof m);
	m.id = rec->id;
	m.conversation = (char *)conv;
	m.role = rec->role;
	m.speaker = rec->speaker;
	m.text = rec->text;
	m.attachment = rec->attachment;
	m.time = rec->time;
	if ((r = store_message_add(s->store, &m, cause)) < 0)
		return (-1);
	if (r == 1)
		st->present++;
	else
		st->added++;
	if (m.id != rec->id)
		free(m.id);
	return (0);
}

int
session_import(struct session *s, FILE *f, const char *name,
    struct session_import_stats *st, char **cause)
{
	struct buf		 line;
	struct import_record	 rec;
	char			 conv[64], *why;
	size_t			 lineno = 0;
	int64_t			 now = time_now_ms();
	int			 r, error = -1;

	memset(st, 0, sizeof *st);
	/* Lines without a conversation share one made for this import. */
	xasprintf(&why, "import-%lld", (long long)now);
	snprintf(conv, sizeof conv, "%s", why);
	free(why);
	buf_init(&line, SESSION_IMPORT_LINE_MAX);
	if (store_begin(s->store, cause) != 0)
		goto out;
	for (;;) {
		r = session_read_line(f, &line);
		if (r == 0)
			break;
		lineno++;
		if (r < 0) {
			xasprintf(cause, "%s:%zu: line longer than %d MiB",
			    name, lineno, SESSION_IMPORT_LINE_MAX >> 20);
			goto rollback;
		}
		if (str_blank(buf_str(&line)))
			continue;
		if (import_parse_line(line.data, line.len, &rec, &why) != 0) {
			xasprintf(cause, "%s:%zu: %s", name, lineno, why);
			free(why);
			goto rollback;
		}
		if (!rec.has_time)
			rec.time = now;
		if (session_import_record(s, &rec, conv, st, &why) != 0) {
			xasprintf(cause, "%s:%zu: %s", name, lineno, why);
			free(why);
			import_record_clear(&rec);
			goto rollback;
		}
		import_record_clear(&rec);
	}
	if (ferror(f)) {
		xasprintf(cause, "%s: read error: %s", name, strerror(errno));
		goto rollback;
	}
	if (store_commit(s->store, cause) != 0)
		goto out;
	/* Many new rows leave many index segments; every search pays for each. */
	if (st->added > 0 && store_optimize(s->store, cause) != 0)
		goto out;
	error = 0;
	goto out;

rollback:
	store_rollback(s->store);
	memset(st, 0, sizeof *st);
out:
	buf_free(&line);
	return (error);
}

struct session_export_state {
	FILE	*f;
	int	 failed;
};

static int
session_export_one(const struct store_message *m, void *arg)
{
	struct session_export_state	*es = arg;
	struct import_record		 rec;
	char				*line;

	memset(&rec, 0, sizeof rec);
	rec.id = m->id;
	rec.conversation = m->conversation;
	rec.role = m->role;
	rec.speaker = m->speaker;
	rec.text = m->text;
	rec.attachment = m->attachment;
	rec.time = m->time;
	rec.has_time = 1;
	line = import_format_line(&rec);
	if (fputs(line, es->f) == EOF || fputc('\n', es->f) == EOF)
		es->failed = 1;
	free(line);
	return (es->failed ? -1 : 0);
}

int
session_export(struct session *s, FILE *f, char **cause)
{
	struct session_export_state	 es = { f, 0 };
	char				*why = NULL;

	if (store_message_foreach(s->store, session_export_one, &es,
	    &why) != 0 || es.failed) {
		if (es.failed) {
			free(why);
			xasprintf(cause, "write error: %s", strerror(errno));
		} else
			*cause = why;
		return (-1);
	}
	if (fflush(f) != 0) {
		xasprintf(cause, "write error: %s", strerror(errno));
		return (-1);
	}
	return (0);
}

int
session_scrub_history(struct session *s, const struct store_fact *gone,
    size_t n, char **cause)
{
	struct buf	 b;
	char		*path, *tmp, *next, chunk[8192];
	FILE		*f;
	size_t		 got, i;
	int		 fd, error = -1;

	if (s->incognito || n == 0)
		return (0);
	if ((path = paths_history(cause)) == NULL)
		return (-1);
	if ((f = fopen(path, "r")) == NULL) {
		free(path);
		return (0);	/* no history: nothing to scrub */
	}
	buf_init(&b, 0);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf_add(&b, chunk, got) != 0)
			break;
	}
	fclose(f);
	for (i = 0; i < n; i++) {
		next = str_replace_words(buf_str(&b), gone[i].object,
		    "[forgotten]", NULL);
		buf_reset(&b);
		buf_addstr(&b, next);
		free(next);
	}
	xasprintf(&tmp, "%s.new", path);
	if ((fd = open(tmp, O_WRONLY|O_CREAT|O_TRUNC, 0600)) == -1 ||
	    write(fd, buf_str(&b), b.len) != (ssize_t)b.len ||
	    fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		xasprintf(cause, "%s: cannot rewrite: %s", path,
		    strerror(errno));
		unlink(tmp);
	} else
		error = 0;
	free(tmp);
	free(path);
	buf_free(&b);
	return (error);
}
