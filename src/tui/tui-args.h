/*
 * The command line. A first word that names a subcommand runs it; any
 * other words are the message ("jumbo -- history" sends the word). Options
 * may come before or after the words, until "--".
 */
#ifndef TUI_ARGS_H
#define TUI_ARGS_H

#include <stddef.h>

enum args_command {
	ARGS_CHAT = 0,		/* interactive, or one-shot with words/stdin */
	ARGS_GREET,
	ARGS_PROFILE,
	ARGS_FACTS,
	ARGS_MOOD,
	ARGS_HISTORY,
	ARGS_SEARCH,
	ARGS_IMPORT,
	ARGS_EXPORT,
	ARGS_MEMORY,
	ARGS_CONFIG,
	ARGS_MODELS,
	ARGS_LOGIN,
	ARGS_LOGOUT,
	ARGS_SYNC,
	ARGS_STATUS,
	ARGS_HELP,		/* "jumbo help [COMMAND]" */
	ARGS_NCOMMANDS
};

struct args {
	enum args_command	  command;
	int			  help;		/* -h, --help */
	int			  version;	/* -V, --version */
	int			  continue_latest; /* -c */
	const char		 *conversation;	/* -C ID */
	int			  new_conversation; /* --new */
	int			  json;
	int			  incognito;
	int			  plain;
	int			  yes;		/* -y: no confirmation */
	int			  all;		/* -a, --all: history too */
	const char		 *model;	/* -m */
	long long		  limit;	/* -n; 0 if not given */
	long long		  days;		/* --days; 0 if not given */
	const char		**words;	/* into argv; not owned */
	size_t			  nwords;
};

/*
 * Parse argv. Returns 0, or -1 with *cause (a usage error: exit 2).
 * Free with args_free().
 */
int	 args_parse(int argc, char **argv, struct args *, char **cause);
void	 args_free(struct args *);
const char *args_command_name(enum args_command);
/* The command named word, or ARGS_NCOMMANDS if word names none. */
enum args_command args_find_command(const char *word);
/* The help text for a command (ARGS_CHAT: the general usage). */
const char *args_usage(enum args_command);

#endif
