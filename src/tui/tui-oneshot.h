/*
 * One-shot use: "jumbo MESSAGE", "cmd | jumbo [MESSAGE]". The message and
 * any piped input are read and checked before the store is opened, so
 * bad input never touches it.
 */
#ifndef TUI_ONESHOT_H
#define TUI_ONESHOT_H

struct args;
struct session;

struct oneshot_input {
	char	*text;		/* what the person typed */
	char	*attachment;	/* piped input, or NULL */
};

/*
 * Gather the message from the words and standard input (when it is not a
 * terminal). Returns 0, or an exit status (2: empty, 1: unreadable) after
 * printing the error.
 */
int	 oneshot_read(const struct args *, struct oneshot_input *);
void	 oneshot_free(struct oneshot_input *);
/* Run the turn and print the reply (or --json). Returns the exit status. */
int	 oneshot_run(struct session *, const struct args *,
	    const struct oneshot_input *);

#endif
