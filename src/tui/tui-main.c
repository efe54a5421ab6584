/*
 * main(): parse the command line, pick the front end (REPL, one-shot or a
 * subcommand), open the session and run it. Usage errors exit 2, runtime
 * errors 1; every error is one "jumbo: ..." line on standard error.
 */
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core-config.h"
#include "core-session.h"
#include "tui-args.h"
#include "tui-cmd.h"
#include "tui-oneshot.h"
#include "tui-output.h"
#include "tui-repl.h"
#include "util-log.h"

/* Use the person's locale, and UTF-8 even when the locale is plain C. */
static void
main_locale(void)
{
	if (setlocale(LC_ALL, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

static int
main_unavailable(const struct args *a)
{
	output_error("%s: not available in this version of jumbo yet",
	    args_command_name(a->command));
	return (1);
}

/* Run a command that needs the session. */
static int
main_run(const struct args *a, struct session *s,
    const struct oneshot_input *in)
{
	switch (a->command) {
	case ARGS_CHAT:
		if (in->text != NULL)
			return (oneshot_run(s, a, in));
		return (repl_run(s, a));
	case ARGS_GREET:
		return (cmd_greet(s, a));
	case ARGS_PROFILE:
		return (cmd_profile(s, a));
	case ARGS_FACTS:
		return (cmd_facts(s, a));
	case ARGS_MOOD:
		return (cmd_mood(s, a));
	case ARGS_HISTORY:
		return (cmd_history(s, a));
	case ARGS_SEARCH:
		return (cmd_search(s, a));
	case ARGS_IMPORT:
		return (cmd_import(s, a));
	case ARGS_EXPORT:
		return (cmd_export(s, a));
	case ARGS_MODELS:
		return (cmd_models(s, a));
	default:
		return (main_unavailable(a));
	}
}

int
main(int argc, char **argv)
{
	struct args		 a;
	struct session_options	 o;
	struct session		*s;
	struct oneshot_input	 in;
	enum args_command	 topic;
	char			*cause;
	int			 status;

	main_locale();
	log_open();
	if (args_parse(argc, argv, &a, &cause) != 0) {
		output_error("%s", cause);
		fprintf(stderr, "Try 'jumbo --help'.\n");
		free(cause);
		return (2);
	}
	if (a.version) {
		printf("jumbo %s\n", JUMBO_VERSION);
		args_free(&a);
		return (0);
	}
	if (a.help || a.command == ARGS_HELP) {
		topic = a.command;
		if (a.command == ARGS_HELP)
			topic = a.nwords > 0 ? args_find_command(a.words[0]) :
			    ARGS_CHAT;
		fputs(args_usage(topic), stdout);
		args_free(&a);
		return (0);
	}
	output_init(NULL);
	if (a.model != NULL && session_check_model(a.model, &cause) != 0) {
		output_error("-m: %s", cause);
		free(cause);
		args_free(&a);
		return (2);
	}
	if (a.command == ARGS_CONFIG) {
		status = cmd_config(&a);
		args_free(&a);
		return (status);
	}
	if ((status = cmd_check_words(&a)) != 0) {
		args_free(&a);
		return (status);
	}
	if (a.command == ARGS_MOOD && a.nwords > 0) {
		status = cmd_mood_analyze(&a);
		args_free(&a);
		return (status);
	}

	memset(&in, 0, sizeof in);
	if (a.command == ARGS_CHAT && (a.nwords > 0 || !a.plain) &&
	    (a.nwords > 0 || !isatty(STDIN_FILENO))) {
		if ((status = oneshot_read(&a, &in)) != 0) {
			args_free(&a);
			return (status);
		}
	}

	memset(&o, 0, sizeof o);
	o.model = a.model;
	o.incognito = a.incognito;
	o.readonly = cmd_readonly(&a);
	o.chat = a.command == ARGS_CHAT;
	o.warn = output_warning;
	if (session_open(&o, &s, &cause) != 0) {
		output_error("%s", cause);
		free(cause);
		oneshot_free(&in);
		args_free(&a);
		return (1);
	}
	output_init(config_get(session_config(s), "color"));
	status = main_run(&a, s, &in);
	session_close(s);
	oneshot_free(&in);
	args_free(&a);
	log_close();
	return (status);
}
