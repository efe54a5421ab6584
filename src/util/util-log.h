/*
 * The debug log: off unless JUMBO_DEBUG names a file (or is "1", meaning
 * standard error). Secrets never go here; callers redact them.
 */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

void	log_open(void);
void	log_close(void);
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
