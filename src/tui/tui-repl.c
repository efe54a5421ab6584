/*
 * The REPL runs readline through its callback interface: the loop waits
 * on standard input with select() and hands each byte to readline, so a
 * signal (Ctrl-C, a resize) is handled in the loop, outside any signal
 * handler, and the line being edited can be abandoned cleanly.
 *
 * Lines are gathered into one message while they end in a backslash or
 * sit inside a ``` fence; a complete message is either a slash command or
 * a turn.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "core-config.h"
#include "core-name.h"
#include "core-paths.h"
#include "core-search.h"
#include "core-session.h"
#include "core-turn.h"
#include "store-conversation.h"
#include "store-message.h"
#include "store-search.h"
#include "tui-args.h"
#include "tui-cancel.h"
#include "tui-output.h"
#include "tui-repl.h"
#include "util-buf.h"
#include "util-str.h"
#include "util-time.h"
#include "util-xmalloc.h"

#define REPL_HISTORY_DEFAULT 1000
#define REPL_MESSAGE_MAX (1024 * 1024)

static volatile sig_atomic_t	repl_interrupted;
static volatile sig_atomic_t	repl_resized;

struct repl {
	struct session	*session;
	char		*history_path;
	struct buf	 pending;	/* lines of a message being gathered */
	int		 in_fence;	/* inside ``` */
	int		 history_size;	/* lines kept in the history file */
	int		 done;
	char		*prompt;
	char		*prompt_more;
};

/* The one REPL of the process, for readline's callbacks. */
static struct repl	*repl_current;

static const char *const repl_commands[] = {
	"/help", "/new", "/name", "/history", "/search", "/quit", "/exit",
	NULL
};

static void
repl_signal(int sig)
{
	if (sig == SIGINT)
		repl_interrupted = 1;
	else if (sig == SIGWINCH)
		repl_resized = 1;
}

/* Print jumbo's words with the REPL's prefix. */
static void
repl_say(const char *text)
{
	printf("%sjumbo>%s %s\n", output_start(OUTPUT_JUMBO), output_end(),
	    text);
	fflush(stdout);
}

static void
repl_print_text(const char *text, size_t len, void *arg)
{
	int	*started = arg;

	if (!*started) {
		printf("%sjumbo>%s ", output_start(OUTPUT_JUMBO),
		    output_end());
		*started = 1;
	}
	fwrite(text, 1, len, stdout);
	fflush(stdout);
}

static void
repl_help(void)
{
	printf("Talk to jumbo by typing and pressing Enter. End a line with \\ "
	    "to go on\nto the next, or wrap a block in ``` fences.\n\n"
	    "  /help          this help\n"
	    "  /new           start a new conversation\n"
	    "  /name NAME     tell jumbo what to call you\n"
	    "  /history       list recent conversations\n"
	    "  /search QUERY  search everything you have said\n"
	    "  /quit          leave (or Ctrl-D)\n\n"
	    "Ctrl-C abandons the line being typed.\n");
}

static void
repl_history(struct repl *r)
{
	struct store_conversation	*list;
	size_t				 n, i;
	char				*cause, when[TIME_BUFSIZE];

	if (store_conversation_list(session_store(r->session), 10, &list, &n,
	    &cause) != 0) {
		output_error("%s", cause);
		free(cause);
		return;
	}
	if (n == 0)
		printf("No conversations yet.\n");
	for (i = 0; i < n; i++) {
		time_format(list[i].updated, when, sizeof when);
		printf("%.8s  %.10s  %3lld  %s\n", list[i].id, when,
		    (long long)list[i].messages,
		    list[i].title != NULL ? list[i].title : "");
	}
	store_conversation_free_list(list, n);
}

static void
repl_search(struct repl *r, const char *query)
{
	struct store_search_hit	*hits;
	size_t			 n, i;
	char			*cause, when[TIME_BUFSIZE];

	if (str_blank(query)) {
		printf("Usage: /search QUERY\n");
		return;
	}
	if (search_messages(session_store(r->session), query, 10, &hits, &n,
	    &cause) != 0) {
		output_error("%s", cause);
		free(cause);
		return;
	}
	if (n == 0)
		printf("Nothing found for \"%s\".\n", query);
	for (i = 0; i < n; i++) {
		time_format(hits[i].message.time, when, sizeof when);
		printf("%.8s  %.10s  %s: %s\n", hits[i].message.conversation,
		    when, hits[i].message.role, hits[i].message.text);
	}
	store_search_free(hits, n);
}

static void
repl_set_name(struct repl *r, const char *arg)
{
	char	*name, *cause;

	if ((name = name_normalize(arg)) == NULL) {
		printf("Usage: /name NAME (letters, at most three words)\n");
		return;
	}
	if (session_set_preferred_name(r->session, name, &cause) != 0) {
		output_error("%s", cause);
		free(cause);
	} else
		printf("I'll call you %s from now on.\n", name);
	free(name);
}

/* Run a slash command. */
static void
repl_command(struct repl *r, const char *line)
{
	const char	*arg;
	size_t		 len;
	char		*greeting, *cause;

	len = strcspn(line, " \t");
	arg = line + len;
	while (*arg == ' ' || *arg == '\t')
		arg++;
	if (len == 5 && strncmp(line, "/quit", len) == 0)
		r->done = 1;
	else if (len == 5 && strncmp(line, "/exit", len) == 0)
		r->done = 1;
	else if (len == 5 && strncmp(line, "/help", len) == 0)
		repl_help();
	else if (len == 4 && strncmp(line, "/new", len) == 0) {
		if (session_greet(r->session, &greeting, &cause) != 0) {
			output_error("%s", cause);
			free(cause);
			return;
		}
		repl_say(greeting);
		free(greeting);
	} else if (len == 5 && strncmp(line, "/name", len) == 0)
		repl_set_name(r, arg);
	else if (len == 8 && strncmp(line, "/history", len) == 0)
		repl_history(r);
	else if (len == 7 && strncmp(line, "/search", len) == 0)
		repl_search(r, arg);
	else
		printf("Unknown command %.*s; /help lists them.\n", (int)len,
		    line);
}

static void
repl_notice(const char *text, void *arg)
{
	int	*started = arg;

	if (*started) {
		putchar('\n');
		*started = 0;
	}
	output_error("%s", text);
}

static void
repl_turn(struct repl *r, const char *text)
{
	struct turn_callbacks	 cb;
	struct turn_result	 result;
	char			*cause;
	int			 started = 0, error;

	memset(&cb, 0, sizeof cb);
	cb.on_text = repl_print_text;
	cb.on_notice = repl_notice;
	cb.arg = &started;
	/* Ctrl-C now stops the reply, not the line being edited. */
	cb.cancel_fd = cancel_begin();
	error = turn_run(r->session, text, NULL, &cb, &result, &cause);
	cancel_end();
	if (error != 0) {
		if (started)
			putchar('\n');
		output_error("%s", cause);
		free(cause);
		return;
	}
	putchar('\n');
	if (result.status == STORE_MESSAGE_CANCELLED)
		output_status("(stopped)");
	fflush(stdout);
	turn_result_clear(&result);
}

/* A whole message is ready: run it. */
static void
repl_submit(struct repl *r)
{
	char	*text;

	text = str_trim(r->pending.data != NULL ? r->pending.data : (char *)"");
	if (*text == '/' && strchr(text, '\n') == NULL)
		repl_command(r, text);
	else if (*text != '\0')
		repl_turn(r, text);
	buf_reset(&r->pending);
}

static void
repl_remember(struct repl *r, const char *line)
{
	if (str_blank(line))
		return;
	add_history(line);
	if (r->history_path != NULL && !session_incognito(r->session)) {
		append_history(1, r->history_path);
		history_truncate_file(r->history_path, r->history_size);
	}
}

/* readline's line handler: one line typed (NULL at end of input). */
static void
repl_line(char *line)
{
	struct repl	*r = repl_current;
	size_t		 len;
	int		 more = 0;

	if (line == NULL) {
		/* Ctrl-D: a gathered message is sent before leaving. */
		if (r->pending.len > 0)
			repl_submit(r);
		putchar('\n');
		r->done = 1;
		rl_callback_handler_remove();
		return;
	}
	repl_remember(r, line);
	len = strlen(line);
	if (r->in_fence) {
		buf_addstr(&r->pending, "\n");
		buf_addstr(&r->pending, line);
		if (str_startswith(str_trim(line), "```"))
			r->in_fence = 0;
		else
			more = 1;
	} else if (str_startswith(line, "```")) {
		if (r->pending.len > 0)
			buf_addstr(&r->pending, "\n");
		buf_addstr(&r->pending, line);
		r->in_fence = 1;
		more = 1;
	} else if (len > 0 && line[len - 1] == '\\') {
		if (r->pending.len > 0)
			buf_addstr(&r->pending, "\n");
		buf_add(&r->pending, line, len - 1);
		more = 1;
	} else {
		if (r->pending.len > 0)
			buf_addstr(&r->pending, "\n");
		if (buf_addstr(&r->pending, line) != 0) {
			output_error("message longer than %d KiB; not sent",
			    REPL_MESSAGE_MAX >> 10);
			buf_reset(&r->pending);
		}
	}
	free(line);
	if (!more)
		repl_submit(r);
	if (r->done) {
		/* No prompt after /quit. */
		rl_callback_handler_remove();
		return;
	}
	rl_set_prompt(more ? r->prompt_more : r->prompt);
}

/* Tab completion: slash commands at the start of the line, nothing else. */
static char *
repl_complete_command(const char *text, int state)
{
	static size_t	 i, len;
	const char	*name;

	if (state == 0) {
		i = 0;
		len = strlen(text);
	}
	while ((name = repl_commands[i]) != NULL) {
		i++;
		if (strncmp(name, text, len) == 0)
			return (xstrdup(name));
	}
	return (NULL);
}

static char **
repl_complete(const char *text, int start, int end)
{
	rl_attempted_completion_over = 1;
	if (start == 0 && text[0] == '/')
		return (rl_completion_matches(text, repl_complete_command));
	return (NULL);
}

/* Ctrl-C: drop the line being typed and any gathered lines. */
static void
repl_interrupt(struct repl *r)
{
	buf_reset(&r->pending);
	r->in_fence = 0;
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_replace_line("", 0);
	rl_set_prompt(r->prompt);
	putchar('\n');
	rl_on_new_line();
	rl_redisplay();
}

/* Load the input history; the file is created 0600 (it holds what was typed). */
static void
repl_history_open(struct repl *r)
{
	const char	*size;
	long long	 n = REPL_HISTORY_DEFAULT;
	char		*cause;
	int		 fd;

	using_history();
	size = config_get(session_config(r->session), "history_size");
	if (size != NULL)
		str_to_int(size, 1, 1000000, &n);
	r->history_size = (int)n;
	stifle_history(r->history_size);
	if (session_incognito(r->session))
		return;
	if ((r->history_path = paths_history(&cause)) == NULL) {
		free(cause);
		return;
	}
	fd = open(r->history_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fd >= 0)
		close(fd);
	read_history(r->history_path);
}

/* Open with the greeting, or by continuing a conversation. */
static int
repl_start(struct repl *r, const struct args *a)
{
	char	*greeting, *cause;

	if (a->continue_latest || a->conversation != NULL) {
		if (session_continue(r->session, a->conversation,
		    &cause) != 0) {
			output_error("%s", cause);
			free(cause);
			return (1);
		}
		if (session_conversation(r->session) != NULL) {
			output_status("Continuing conversation %.8s.",
			    session_conversation(r->session));
			return (0);
		}
	}
	if (session_greet(r->session, &greeting, &cause) != 0) {
		output_error("%s", cause);
		free(cause);
		return (1);
	}
	repl_say(greeting);
	free(greeting);
	return (0);
}

int
repl_run(struct session *s, const struct args *a)
{
	struct repl		r;
	struct sigaction	sa, old_int, old_winch;
	fd_set			fds;
	int			status = 0;

	memset(&r, 0, sizeof r);
	r.session = s;
	buf_init(&r.pending, REPL_MESSAGE_MAX);
	xasprintf(&r.prompt, "\001%s\002you>\001%s\002 ",
	    output_start(OUTPUT_USER), output_end());
	xasprintf(&r.prompt_more, "\001%s\002...>\001%s\002 ",
	    output_start(OUTPUT_DIM), output_end());
	repl_current = &r;

	if ((status = repl_start(&r, a)) != 0)
		goto out;
	repl_history_open(&r);
	rl_readline_name = "jumbo";
	rl_attempted_completion_function = repl_complete;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = repl_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGWINCH, &sa, &old_winch);

	rl_callback_handler_install(r.prompt, repl_line);
	while (!r.done) {
		FD_ZERO(&fds);
		FD_SET(STDIN_FILENO, &fds);
		if (select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL) < 0) {
			if (errno != EINTR) {
				output_error("stdin: %s", strerror(errno));
				status = 1;
				break;
			}
		} else if (FD_ISSET(STDIN_FILENO, &fds))
			rl_callback_read_char();
		if (repl_interrupted) {
			repl_interrupted = 0;
			repl_interrupt(&r);
		}
		if (repl_resized) {
			repl_resized = 0;
			rl_resize_terminal();
		}
	}
	if (!r.done)
		rl_callback_handler_remove();
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGWINCH, &old_winch, NULL);
out:
	free(r.history_path);
	free(r.prompt);
	free(r.prompt_more);
	buf_free(&r.pending);
	repl_current = NULL;
	return (status);
}
