/*
 * Terminal output policy, decided once at start. Text for people goes
 * to stdout; anything about the run (errors, status) goes to stderr so a
 * pipe only ever receives the answer.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui-output.h"

static int	output_use_color;

void
output_init(const char *setting)
{
	const char	*no_color, *term;

	no_color = getenv("NO_COLOR");
	term = getenv("TERM");
	if (setting != NULL && strcmp(setting, "never") == 0)
		output_use_color = 0;
	else if (no_color != NULL && *no_color != '\0')
		output_use_color = 0;
	else if (setting != NULL && strcmp(setting, "always") == 0)
		output_use_color = 1;
	else
		output_use_color = isatty(STDOUT_FILENO) && term != NULL &&
		    strcmp(term, "dumb") != 0;
}

int
output_color(void)
{
	return (output_use_color);
}

const char *
output_start(enum output_style style)
{
	if (!output_use_color)
		return ("");
	switch (style) {
	case OUTPUT_PLAIN:
		return ("");
	case OUTPUT_BOLD:
		return ("\033[1m");
	case OUTPUT_DIM:
		return ("\033[2m");
	case OUTPUT_JUMBO:
		return ("\033[1;36m");
	case OUTPUT_USER:
		return ("\033[1;32m");
	case OUTPUT_ERROR:
		return ("\033[1;31m");
	}
	return ("");
}

const char *
output_end(void)
{
	return (output_use_color ? "\033[0m" : "");
}

void
output_error(const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fputs("jumbo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
output_status(const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
output_warning(const char *message)
{
	output_error("warning: %s", message);
}

int
output_confirm(const char *question)
{
	char	answer[64];

	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	if (fgets(answer, sizeof answer, stdin) == NULL)
		return (0);
	return (answer[0] == 'y' || answer[0] == 'Y');
}
