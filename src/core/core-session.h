/*
 * A session: what one run of jumbo works with. It holds the config, the
 * store (the real file, or an in-memory one for --incognito), the account
 * name, the engine and the current conversation. Every front end opens
 * one, drives turns through core-turn.h, and closes it.
 */
#ifndef CORE_SESSION_H
#define CORE_SESSION_H

#include <stdint.h>
#include <stdio.h>

struct session;
struct store;
struct config;

struct session_options {
	const char	*model;		/* -m, or NULL for the configured one */
	int		 incognito;	/* nothing read from or written to memory */
	int		 readonly;	/* the command only reads */
	int		 chat;		/* turns will run: get a model ready */
	void		(*warn)(const char *);	/* config warnings, or NULL */
};

int	 session_open(const struct session_options *, struct session **,
	    char **cause);
void	 session_close(struct session *);

/*
 * Check an engine setting ("builtin", "openai:MODEL", ...). Returns 0, or
 * -1 with *cause when it is not one jumbo understands.
 */
int	 session_check_model(const char *spec, char **cause);

struct store	*session_store(struct session *);
const struct config *session_config(struct session *);
const char	*session_config_path(struct session *);
const char	*session_database_path(struct session *);
/* The engine spec ("builtin", "openai:MODEL"), chosen automatically if need be. */
const char	*session_engine(struct session *);
const char	*session_account_name(struct session *);
int		 session_incognito(struct session *);

/*
 * The model engine that replies, opened on first use: 0 with *engine NULL
 * for the built-in one, or -1 with *cause (a key command that failed...).
 */
struct engine;
int	 session_model(struct session *, struct engine **, char **cause);
/*
 * The engine for step 1 (analysis): NULL when the config says "analysis =
 * builtin" or the built-in engine replies; analysis_model's when set.
 */
int	 session_analysis_model(struct session *, struct engine **,
	    char **cause);

/* The preferred name, or NULL. Result must be freed. */
char	*session_preferred_name(struct session *);
/* Set the preferred name (already normalized). */
int	 session_set_preferred_name(struct session *, const char *,
	    char **cause);

/*
 * Remember that jumbo's message message_id asked what to call the person,
 * so the answer that follows is read as a name.
 */
int	 session_mark_name_question(struct session *, const char *message_id,
	    char **cause);

/* The current conversation id, or NULL before the first turn. */
const char *session_conversation(struct session *);
/* Continue a conversation: an id or prefix, or NULL for the latest. */
int	 session_continue(struct session *, const char *prefix, char **cause);
/* Start afresh: the next turn opens a new conversation. */
void	 session_new_conversation(struct session *);

/*
 * Open a new conversation whose first turn is jumbo's greeting, store it,
 * and return its text (result must be freed).
 */
int	 session_greet(struct session *, char **text, char **cause);

/*
 * Take the objects of forgotten facts out of the input history file too
 * (the REPL's), as the store takes them out of messages. Returns 0, or -1
 * with *cause.
 */
struct store_fact;
int	 session_scrub_history(struct session *, const struct store_fact *,
	    size_t, char **cause);

struct session_import_stats {
	size_t	 added;
	size_t	 present;	/* ids already in the store */
	size_t	 conversations;	/* conversations created */
};

/*
 * Import JSON Lines from f (name used in messages) in one transaction:
 * a bad line is reported as "NAME:LINE: ..." and nothing is imported.
 */
int	 session_import(struct session *, FILE *f, const char *name,
	    struct session_import_stats *, char **cause);
/* Write every message as JSON Lines to f. */
int	 session_export(struct session *, FILE *f, char **cause);

#endif
