/*
 * struct buf: a byte string that grows by doubling up to a fixed cap. All
 * appends return 0, or -1 when the cap would be passed (the buffer is then
 * left as it was).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util-buf.h"
#include "util-xmalloc.h"

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b, b->max);
}

/* Empty the buffer, keeping its memory. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

int
buf_add(struct buf *b, const void *p, size_t n)
{
	size_t	need, cap;

	if (b->max != 0 && (n > b->max || b->len > b->max - n))
		return (-1);
	need = b->len + n + 1;
	if (need > b->cap) {
		cap = b->cap == 0 ? 64 : b->cap;
		while (cap < need)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	if (n != 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return (0);
}

int
buf_addstr(struct buf *b, const char *s)
{
	return (buf_add(b, s, strlen(s)));
}

int
buf_addc(struct buf *b, char c)
{
	return (buf_add(b, &c, 1));
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	r;

	va_start(ap, fmt);
	r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return (r);
}

int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	char	*s;
	int	 n, r;

	n = xvasprintf(&s, fmt, ap);
	r = buf_add(b, s, (size_t)n);
	free(s);
	return (r);
}

/* The contents as a C string; "" for an empty buffer. */
const char *
buf_str(const struct buf *b)
{
	return (b->data != NULL ? b->data : "");
}

/* Hand the contents to the caller and empty the buffer. Result must be freed. */
char *
buf_detach(struct buf *b)
{
	char	*s;

	s = b->data != NULL ? b->data : xstrdup("");
	buf_init(b, b->max);
	return (s);
}
