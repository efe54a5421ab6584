/*
 * Small string helpers: trimming, case-insensitive ASCII comparison, and
 * number parsing with checks (never atoi).
 */
#ifndef UTIL_STR_H
#define UTIL_STR_H

#include <stddef.h>
#include <stdint.h>

char	*str_trim(char *);
int	 str_blank(const char *);
int	 str_startswith(const char *, const char *);
int	 str_casestartswith(const char *, const char *);
int	 str_to_int(const char *, long long, long long, long long *);
char	*str_join(char **, size_t, const char *);
char	*str_replace_words(const char *, const char *, const char *,
	    size_t *);

#endif
