/*
 * Time as int64 milliseconds since the epoch, UTC, and its RFC 3339 form
 * ("2023-05-08T13:56:00Z") as used by import, export and --json.
 */
#ifndef UTIL_TIME_H
#define UTIL_TIME_H

#include <stddef.h>
#include <stdint.h>

int64_t	 time_now_ms(void);
void	 time_format(int64_t, char *, size_t);
int	 time_parse(const char *, int64_t *);

#define TIME_BUFSIZE 32

#endif
