/*
 * Ctrl-C while a turn runs: a self-pipe that SIGINT makes readable, for
 * the core to watch (turn_callbacks.cancel_fd), so a streaming reply stops
 * at once and keeps what came. Installed around one turn at a time.
 */
#ifndef TUI_CANCEL_H
#define TUI_CANCEL_H

/* Start watching SIGINT; returns the fd to watch, or -1 if none could be made. */
int	 cancel_begin(void);
/* Stop watching: the previous SIGINT handling is back. */
void	 cancel_end(void);
/* Whether SIGINT came since cancel_begin(). */
int	 cancel_requested(void);

#endif
