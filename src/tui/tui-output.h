/*
 * Output for the line front ends: colour only on a terminal, never with
 * NO_COLOR or "color = never"; errors and status on standard error as
 * "jumbo: ..." lines.
 */
#ifndef TUI_OUTPUT_H
#define TUI_OUTPUT_H

#include <stdio.h>

enum output_style {
	OUTPUT_PLAIN = 0,
	OUTPUT_BOLD,
	OUTPUT_DIM,
	OUTPUT_JUMBO,		/* jumbo's name in the REPL */
	OUTPUT_USER,
	OUTPUT_ERROR
};

/* Decide colour for stdout from the terminal, NO_COLOR and the "color" setting (may be NULL). */
void	 output_init(const char *color_setting);
int	 output_color(void);
/* The escape sequence to start a style, or "" without colour. */
const char *output_start(enum output_style);
const char *output_end(void);

void	 output_error(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 output_status(const char *, ...) __attribute__((format(printf, 1, 2)));
/* For config warnings: prints "jumbo: warning: MSG". */
void	 output_warning(const char *);

/* Ask a yes/no question on the terminal; non-zero for yes. */
int	 output_confirm(const char *question);

#endif
