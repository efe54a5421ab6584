/*
 * Debug logging to a file named by JUMBO_DEBUG, one time-stamped line per
 * call. Nothing is written when it is unset.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util-log.h"
#include "util-time.h"

static FILE	*log_file;

void
log_open(void)
{
	const char	*path;

	path = getenv("JUMBO_DEBUG");
	if (path == NULL || *path == '\0' || log_file != NULL)
		return;
	if (strcmp(path, "1") == 0)
		log_file = stderr;
	else
		log_file = fopen(path, "a");
}

void
log_close(void)
{
	if (log_file != NULL && log_file != stderr)
		fclose(log_file);
	log_file = NULL;
}

void
log_debug(const char *fmt, ...)
{
	va_list	ap;
	char	when[TIME_BUFSIZE];

	if (log_file == NULL)
		return;
	time_format(time_now_ms(), when, sizeof when);
	fprintf(log_file, "%s ", when);
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
	fflush(log_file);
}
