/*
 * The Ctrl-C self-pipe (see tui-cancel.h). The handler only writes one
 * byte and sets a flag: both are safe in a signal handler.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "tui-cancel.h"

static int			cancel_pipe[2] = { -1, -1 };
static struct sigaction		cancel_old;
static volatile sig_atomic_t	cancel_flag;

static void
cancel_on_signal(int sig)
{
	int	saved = errno;

	cancel_flag = 1;
	if (cancel_pipe[1] != -1)
		(void)write(cancel_pipe[1], "x", 1);
	errno = saved;
}

int
cancel_begin(void)
{
	struct sigaction	sa;

	cancel_flag = 0;
	if (pipe2(cancel_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
		cancel_pipe[0] = cancel_pipe[1] = -1;
		return (-1);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cancel_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &cancel_old);
	return (cancel_pipe[0]);
}

void
cancel_end(void)
{
	if (cancel_pipe[0] == -1)
		return;
	sigaction(SIGINT, &cancel_old, NULL);
	close(cancel_pipe[0]);
	close(cancel_pipe[1]);
	cancel_pipe[0] = cancel_pipe[1] = -1;
}

int
cancel_requested(void)
{
	return (cancel_flag);
}
