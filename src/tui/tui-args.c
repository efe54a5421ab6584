/*
 * Command-line parsing. Each option is described once in args_options[],
 * with the commands it makes sense for; giving it to another command is
 * a usage error naming both, so nothing is silently ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-args.h"
#include "util-str.h"
#include "util-xmalloc.h"

#define C(x) (1u << (x))
#define ARGS_ANY 0xffffffffu

enum args_option_id {
	OPT_HELP, OPT_VERSION, OPT_CONTINUE, OPT_CONVERSATION, OPT_NEW,
	OPT_JSON, OPT_INCOGNITO, OPT_PLAIN, OPT_YES, OPT_MODEL, OPT_LIMIT,
	OPT_DAYS, OPT_ALL
};

struct args_option {
	enum args_option_id	 id;
	char			 short_name;	/* 0 if none */
	const char		*long_name;
	int			 takes_value;
	unsigned		 commands;	/* where it is allowed */
};

static const struct args_option args_options[] = {
	{ OPT_HELP, 'h', "help", 0, ARGS_ANY },
	{ OPT_VERSION, 'V', "version", 0, ARGS_ANY },
	{ OPT_CONTINUE, 'c', "continue", 0, C(ARGS_CHAT) },
	{ OPT_CONVERSATION, 'C', "conversation", 1, C(ARGS_CHAT) },
	{ OPT_NEW, 0, "new", 0, C(ARGS_CHAT) },
	{ OPT_JSON, 0, "json", 0, C(ARGS_CHAT) | C(ARGS_GREET) |
	    C(ARGS_PROFILE) | C(ARGS_FACTS) | C(ARGS_MOOD) | C(ARGS_HISTORY) |
	    C(ARGS_SEARCH) | C(ARGS_MODELS) | C(ARGS_STATUS) },
	{ OPT_INCOGNITO, 0, "incognito", 0, C(ARGS_CHAT) | C(ARGS_GREET) },
	{ OPT_PLAIN, 0, "plain", 0, C(ARGS_CHAT) | C(ARGS_MEMORY) },
	{ OPT_YES, 'y', "yes", 0, C(ARGS_HISTORY) | C(ARGS_FACTS) },
	{ OPT_ALL, 'a', "all", 0, C(ARGS_FACTS) },
	{ OPT_MODEL, 'm', "model", 1, C(ARGS_CHAT) | C(ARGS_GREET) },
	{ OPT_LIMIT, 'n', "limit", 1, C(ARGS_SEARCH) | C(ARGS_HISTORY) },
	{ OPT_DAYS, 0, "days", 1, C(ARGS_MOOD) },
};
#define ARGS_NOPTIONS (sizeof args_options / sizeof args_options[0])

static const char *const args_command_names[ARGS_NCOMMANDS] = {
	[ARGS_CHAT] = "chat",
	[ARGS_GREET] = "greet",
	[ARGS_PROFILE] = "profile",
	[ARGS_FACTS] = "facts",
	[ARGS_MOOD] = "mood",
	[ARGS_HISTORY] = "history",
	[ARGS_SEARCH] = "search",
	[ARGS_IMPORT] = "import",
	[ARGS_EXPORT] = "export",
	[ARGS_MEMORY] = "memory",
	[ARGS_CONFIG] = "config",
	[ARGS_MODELS] = "models",
	[ARGS_LOGIN] = "login",
	[ARGS_LOGOUT] = "logout",
	[ARGS_SYNC] = "sync",
	[ARGS_STATUS] = "status",
	[ARGS_HELP] = "help",
};

const char *
args_command_name(enum args_command c)
{
	if (c >= ARGS_NCOMMANDS)
		return ("?");
	return (args_command_names[c]);
}

enum args_command
args_find_command(const char *word)
{
	int	i;

	/* "chat" is not a word that runs anything: it is the default. */
	for (i = ARGS_CHAT + 1; i < ARGS_NCOMMANDS; i++) {
		if (strcmp(word, args_command_names[i]) == 0)
			return ((enum args_command)i);
	}
	return (ARGS_NCOMMANDS);
}

/* The option spelled name ("json", or "c" when is_short), or NULL. */
static const struct args_option *
args_find_option(const char *name, size_t len, int is_short)
{
	size_t	i;

	for (i = 0; i < ARGS_NOPTIONS; i++) {
		if (is_short) {
			if (args_options[i].short_name == name[0])
				return (&args_options[i]);
		} else if (strlen(args_options[i].long_name) == len &&
		    strncmp(args_options[i].long_name, name, len) == 0)
			return (&args_options[i]);
	}
	return (NULL);
}

/* How an option was spelled, for messages: "-n" or "--limit". */
static void
args_spelling(const struct args_option *o, int is_short, char *out,
    size_t size)
{
	if (is_short)
		snprintf(out, size, "-%c", o->short_name);
	else
		snprintf(out, size, "--%s", o->long_name);
}

static int
args_number(const char *spelled, const char *value, long long *out,
    char **cause)
{
	if (str_to_int(value, 1, 1000000000, out) != 0) {
		xasprintf(cause, "%s: expected a positive number, got \"%s\"",
		    spelled, value);
		return (-1);
	}
	return (0);
}

/* Record one option with its value (NULL if it takes none). */
static int
args_apply(struct args *a, const struct args_option *o, const char *spelled,
    const char *value, char **cause)
{
	switch (o->id) {
	case OPT_HELP:
		a->help = 1;
		break;
	case OPT_VERSION:
		a->version = 1;
		break;
	case OPT_CONTINUE:
		a->continue_latest = 1;
		break;
	case OPT_CONVERSATION:
		if (*value == '\0') {
			xasprintf(cause, "%s: the conversation id is empty",
			    spelled);
			return (-1);
		}
		a->conversation = value;
		break;
	case OPT_NEW:
		a->new_conversation = 1;
		break;
	case OPT_JSON:
		a->json = 1;
		break;
	case OPT_INCOGNITO:
		a->incognito = 1;
		break;
	case OPT_PLAIN:
		a->plain = 1;
		break;
	case OPT_YES:
		a->yes = 1;
		break;
	case OPT_MODEL:
		if (*value == '\0') {
			xasprintf(cause, "%s: the model is empty", spelled);
			return (-1);
		}
		a->model = value;
		break;
	case OPT_LIMIT:
		return (args_number(spelled, value, &a->limit, cause));
	case OPT_DAYS:
		return (args_number(spelled, value, &a->days, cause));
	case OPT_ALL:
		a->all = 1;
		break;
	}
	return (0);
}

struct args_seen {
	const struct args_option	*option;
	char				 spelled[64];
};

/*
 * Parse one argument that starts with '-'. *i moves past a value taken
 * from the next argument.
 */
static int
args_option(struct args *a, int argc, char **argv, int *i,
    struct args_seen *seen, size_t *nseen, char **cause)
{
	const char			*arg = argv[*i], *value, *eq, *name;
	const struct args_option	*o;
	int				 is_short;
	size_t				 len;

	is_short = arg[1] != '-';
	name = arg + (is_short ? 1 : 2);
	for (;;) {
		value = NULL;
		if (is_short)
			len = 1;
		else if ((eq = strchr(name, '=')) != NULL) {
			len = eq - name;
			value = eq + 1;
		} else
			len = strlen(name);
		if ((o = args_find_option(name, len, is_short)) == NULL) {
			if (is_short)
				xasprintf(cause, "unknown option -%c", *name);
			else
				xasprintf(cause, "unknown option --%.*s",
				    (int)len, name);
			return (-1);
		}
		seen[*nseen].option = o;
		args_spelling(o, is_short, seen[*nseen].spelled,
		    sizeof seen[*nseen].spelled);
		if (o->takes_value) {
			if (is_short && name[1] != '\0')
				value = name + 1;
			else if (value == NULL) {
				if (*i + 1 >= argc) {
					xasprintf(cause, "%s needs a value",
					    seen[*nseen].spelled);
					return (-1);
				}
				value = argv[++*i];
			}
		} else if (value != NULL) {
			xasprintf(cause, "%s takes no value",
			    seen[*nseen].spelled);
			return (-1);
		}
		if (args_apply(a, o, seen[*nseen].spelled, value, cause) != 0)
			return (-1);
		(*nseen)++;
		/* "-cy": more short flags in the same argument. */
		if (!is_short || o->takes_value || name[1] == '\0')
			return (0);
		name++;
	}
}

int
args_parse(int argc, char **argv, struct args *a, char **cause)
{
	struct args_seen	*seen;
	size_t			 nseen = 0, i;
	int			 n, rest = 0, error = -1;
	enum args_command	 c;

	memset(a, 0, sizeof *a);
	a->words = xcalloc(argc + 1, sizeof *a->words);
	seen = xcalloc(argc + 1, sizeof *seen);
	for (n = 1; n < argc; n++) {
		if (!rest && strcmp(argv[n], "--") == 0) {
			rest = 1;
			continue;
		}
		if (!rest && argv[n][0] == '-' && argv[n][1] != '\0') {
			if (args_option(a, argc, argv, &n, seen, &nseen,
			    cause) != 0)
				goto out;
			continue;
		}
		if (!rest && a->nwords == 0 && a->command == ARGS_CHAT &&
		    (c = args_find_command(argv[n])) != ARGS_NCOMMANDS) {
			a->command = c;
			continue;
		}
		a->words[a->nwords++] = argv[n];
	}

	for (i = 0; i < nseen; i++) {
		if ((seen[i].option->commands & C(a->command)) == 0 &&
		    !(a->command == ARGS_HELP)) {
			if (a->command == ARGS_CHAT)
				xasprintf(cause, "%s only goes with a "
				    "command; see jumbo --help",
				    seen[i].spelled);
			else
				xasprintf(cause, "%s does not go with "
				    "\"jumbo %s\"", seen[i].spelled,
				    args_command_name(a->command));
			goto out;
		}
	}
	if (a->continue_latest && a->conversation != NULL) {
		xasprintf(cause, "-c and -C cannot be used together");
		goto out;
	}
	if (a->new_conversation && (a->continue_latest ||
	    a->conversation != NULL)) {
		xasprintf(cause, "--new cannot be used with -c or -C");
		goto out;
	}
	error = 0;
out:
	free(seen);
	if (error != 0)
		args_free(a);
	return (error);
}

void
args_free(struct args *a)
{
	free(a->words);
	a->words = NULL;
	a->nwords = 0;
}

static const char args_usage_main[] =
"usage: jumbo [options] [message ...]\n"
"       command | jumbo [options] [message ...]\n"
"       jumbo COMMAND [options] [arguments]\n"
"\n"
"jumbo is a companion in your terminal that remembers you. With no message\n"
"it starts a conversation; with one it answers and exits. Piped input is\n"
"attached to the message.\n"
"\n"
"Options:\n"
"  -c, --continue       continue the most recent conversation\n"
"  -C, --conversation ID  continue conversation ID (a unique prefix will do)\n"
"      --new            start a new conversation (the default)\n"
"      --json           print the reply as one JSON object\n"
"      --incognito      read nothing from memory and store nothing\n"
"  -m, --model MODEL    engine: builtin, openai:MODEL, ollama:MODEL,\n"
"                       anthropic:MODEL\n"
"      --plain          use the line REPL even on a terminal\n"
"  -h, --help           show this help (jumbo COMMAND --help for a command)\n"
"  -V, --version        show the version\n"
"\n"
"Commands:\n"
"  greet                start a conversation with jumbo's greeting\n"
"  profile              show what jumbo knows about you; profile name NAME\n"
"  facts                what jumbo remembers; facts add|edit|forget\n"
"  mood                 your mood by day; mood analyze scores stdin lines\n"
"  history              list conversations; history show|delete ID\n"
"  search QUERY         search everything you have said\n"
"  import FILE|-        import messages (JSON Lines)\n"
"  export [FILE]        export every message (JSON Lines)\n"
"  config               config get|set|unset|path\n"
"  help [COMMAND]       help on a command\n"
"\n"
"Use \"jumbo -- WORD\" to send a message that starts with a command's name.\n"
"Data lives in $JUMBO_HOME or ~/.local/share/jumbo; see jumbo(1).\n";

static const char *const args_usage_commands[ARGS_NCOMMANDS] = {
	[ARGS_GREET] =
"usage: jumbo greet [--json] [--incognito] [-m MODEL]\n"
"\n"
"Start a new conversation whose first turn is jumbo's greeting. When jumbo\n"
"does not know what to call you, the greeting asks; answer with\n"
"jumbo -c \"...\".\n",
	[ARGS_PROFILE] =
"usage: jumbo profile [--json]\n"
"       jumbo profile name NAME\n"
"\n"
"Show what jumbo calls you and what it keeps, or set the name it uses.\n",
	[ARGS_FACTS] =
"usage: jumbo facts [--all] [--json]\n"
"       jumbo facts add TEXT\n"
"       jumbo facts edit ID VALUE\n"
"       jumbo facts forget [-y] ID|TEXT\n"
"\n"
"List the facts jumbo remembers about you, each with the message it came\n"
"from (--all adds the values that were replaced). \"add\" reads facts out\n"
"of TEXT as if you had said it (\"my sister is Ana\"); \"edit\" changes a\n"
"fact's value; \"forget\" deletes a fact for real, and its words from every\n"
"message, summary and the search index.\n",
	[ARGS_MOOD] =
"usage: jumbo mood [--days N] [--json]\n"
"       jumbo mood analyze [--json] < FILE\n"
"\n"
"Show your mood by day over the last N days (default 14), or score each\n"
"line of standard input.\n",
	[ARGS_HISTORY] =
"usage: jumbo history [-n N] [--json]\n"
"       jumbo history show ID [--json]\n"
"       jumbo history delete [-y] ID\n"
"\n"
"List conversations newest first, show one, or delete one with its\n"
"messages. An ID may be shortened to any unique prefix.\n",
	[ARGS_SEARCH] =
"usage: jumbo search [-n N] [--json] QUERY ...\n"
"\n"
"Search every message, best matches first (default 10 results).\n",
	[ARGS_IMPORT] =
"usage: jumbo import FILE|-\n"
"\n"
"Import messages from JSON Lines, one message a line:\n"
"  {\"id\": \"m1\", \"conversation\": \"c1\", \"role\": \"user\", \"speaker\": \"Ana\",\n"
"   \"text\": \"...\", \"time\": \"2023-05-08T13:56:00Z\"}\n"
"Messages already present (same id) are skipped; a bad line stops the\n"
"import and nothing from the file is kept.\n",
	[ARGS_EXPORT] =
"usage: jumbo export [FILE]\n"
"\n"
"Write every message as JSON Lines to FILE or standard output.\n",
	[ARGS_MEMORY] =
"usage: jumbo memory\n"
"\n"
"Browse facts, moods, conversations and search full-screen.\n",
	[ARGS_CONFIG] =
"usage: jumbo config [get [KEY]]\n"
"       jumbo config set KEY VALUE\n"
"       jumbo config unset KEY\n"
"       jumbo config path\n"
"\n"
"Read and change the config file. \"jumbo config keys\" lists the keys.\n",
	[ARGS_MODELS] =
"usage: jumbo models [--json]\n"
"\n"
"List the models the configured engines offer.\n",
	[ARGS_LOGIN] = "usage: jumbo login SERVER\n",
	[ARGS_LOGOUT] = "usage: jumbo logout\n",
	[ARGS_SYNC] = "usage: jumbo sync\n",
	[ARGS_STATUS] = "usage: jumbo status [--json]\n",
	[ARGS_HELP] = "usage: jumbo help [COMMAND]\n",
};

const char *
args_usage(enum args_command c)
{
	if (c == ARGS_CHAT || c >= ARGS_NCOMMANDS ||
	    args_usage_commands[c] == NULL)
		return (args_usage_main);
	return (args_usage_commands[c]);
}
