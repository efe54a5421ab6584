/*
 * Allocation that never fails at the call site: on out-of-memory these
 * print one line and abort, so callers keep their error returns for errors
 * that can really happen.
 */
#ifndef UTIL_XMALLOC_H
#define UTIL_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 xcause(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
