/*
 * Growable, size-capped byte buffers (after curl's dynbuf). Text from the
 * network, files or the user is collected here: an append that would pass
 * the cap fails instead of growing without bound. The data is always
 * NUL-terminated so it can be used as a C string.
 */
#ifndef UTIL_BUF_H
#define UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* NULL until the first append */
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* largest allowed len; 0 means no cap */
};

void	 buf_init(struct buf *, size_t max);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
int	 buf_add(struct buf *, const void *, size_t);
int	 buf_addstr(struct buf *, const char *);
int	 buf_addc(struct buf *, char);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
const char *buf_str(const struct buf *);
char	*buf_detach(struct buf *);

#endif
