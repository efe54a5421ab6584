/*
 * The line REPL on GNU readline: ~/.inputrc keys, input history kept in
 * the data directory, multi-line input (a trailing backslash or a ```
 * fenced block), slash commands with tab completion, Ctrl-C abandons the
 * line, Ctrl-D quits.
 */
#ifndef TUI_REPL_H
#define TUI_REPL_H

struct args;
struct session;

/* Run the REPL until the person quits. Returns the exit status. */
int	 repl_run(struct session *, const struct args *);

#endif
