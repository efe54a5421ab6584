/*
 * String helpers shared by every layer.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util-buf.h"
#include "util-str.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

/* Remove leading and trailing ASCII white space in place. Returns s moved past the leading space. */
char *
str_trim(char *s)
{
	size_t	len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return (s);
}

/* Whether s is NULL, empty or only white space. */
int
str_blank(const char *s)
{
	if (s == NULL)
		return (1);
	for (; *s != '\0'; s++) {
		if (!isspace((unsigned char)*s))
			return (0);
	}
	return (1);
}

int
str_startswith(const char *s, const char *prefix)
{
	return (strncmp(s, prefix, strlen(prefix)) == 0);
}

int
str_casestartswith(const char *s, const char *prefix)
{
	return (strncasecmp(s, prefix, strlen(prefix)) == 0);
}

/*
 * Parse a whole decimal integer within [min, max]. Returns 0 and fills
 * *out, or -1 for anything else (empty, trailing text, out of range).
 */
int
str_to_int(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return (-1);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return (-1);
	*out = v;
	return (0);
}

/* Join n strings with sep between them. Result must be freed. */
char *
str_join(char **v, size_t n, const char *sep)
{
	struct buf	b;
	size_t		i;

	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (i != 0)
			buf_addstr(&b, sep);
		buf_addstr(&b, v[i]);
	}
	return (buf_detach(&b));
}

/* Whether the code point starting at p is part of a word (letter or digit). */
static int
str_word_at(const char *p)
{
	uint32_t	cp;

	if (*p == '\0')
		return (0);
	if (utf8_decode(p, strnlen(p, 4), &cp) == 0)
		return (0);
	return (utf8_isalpha(cp) || (cp < 0x80 && isdigit((int)cp)));
}

/* Whether the code point ending just before p (text starts at start) is part of a word. */
static int
str_word_before(const char *start, const char *p)
{
	if (p == start)
		return (0);
	p--;
	while (p > start && ((unsigned char)*p & 0xc0) == 0x80)
		p--;
	return (str_word_at(p));
}

/*
 * Replace each whole-word occurrence of needle in text (ASCII letters
 * compared without case) with replacement: "Ana" goes from "Ana and
 * ANA" but not from "Banana". *count (if not NULL) gets the number
 * replaced. Result must be freed.
 */
char *
str_replace_words(const char *text, const char *needle,
    const char *replacement, size_t *count)
{
	struct buf	 b;
	size_t		 len = strlen(needle), n = 0;
	const char	*p = text;

	buf_init(&b, 0);
	while (*p != '\0') {
		if (len > 0 && strncasecmp(p, needle, len) == 0 &&
		    (!str_word_before(text, p) || !str_word_at(needle)) &&
		    (!str_word_at(p + len) ||
		    !str_word_before(needle, needle + len))) {
			buf_addstr(&b, replacement);
			p += len;
			n++;
		} else
			buf_addc(&b, *p++);
	}
	if (count != NULL)
		*count = n;
	return (buf_detach(&b));
}
