/*
 * UTF-8 decoding per RFC 3629 (no overlongs, no surrogates, nothing past
 * U+10FFFF), and a small case table: ASCII, Latin-1, Latin Extended-A,
 * Greek and Cyrillic, which covers the names people type in a terminal.
 * Scripts without case (CJK, Devanagari, Arabic...) count as letters that
 * are neither upper nor lower.
 */
#include "util-utf8.h"

/*
 * Decode one code point from p (n bytes available). Returns the number of
 * bytes used, or 0 for an invalid or truncated sequence (*cp is then
 * U+FFFD).
 */
size_t
utf8_decode(const char *p, size_t n, uint32_t *cp)
{
	const unsigned char	*s = (const unsigned char *)p;
	uint32_t		 c;
	size_t			 len, i;

	*cp = 0xfffd;
	if (n == 0)
		return (0);
	if (s[0] < 0x80) {
		*cp = s[0];
		return (1);
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return (0);
	if (n < len)
		return (0);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);
	*cp = c;
	return (len);
}

/* Write cp as UTF-8 into out (at least 4 bytes). Returns the length. */
size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char	*o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = cp;
		return (1);
	}
	if (cp < 0x800) {
		o[0] = 0xc0 | (cp >> 6);
		o[1] = 0x80 | (cp & 0x3f);
		return (2);
	}
	if (cp < 0x10000) {
		o[0] = 0xe0 | (cp >> 12);
		o[1] = 0x80 | ((cp >> 6) & 0x3f);
		o[2] = 0x80 | (cp & 0x3f);
		return (3);
	}
	o[0] = 0xf0 | (cp >> 18);
	o[1] = 0x80 | ((cp >> 12) & 0x3f);
	o[2] = 0x80 | ((cp >> 6) & 0x3f);
	o[3] = 0x80 | (cp & 0x3f);
	return (4);
}

/* Whether p holds n bytes of valid UTF-8 (NUL bytes are refused too). */
int
utf8_valid(const char *p, size_t n)
{
	uint32_t	cp;
	size_t		used;

	while (n > 0) {
		if (*p == '\0')
			return (0);
		if ((used = utf8_decode(p, n, &cp)) == 0)
			return (0);
		p += used;
		n -= used;
	}
	return (1);
}

/*
 * Case mapping without depending on the locale: the tables below are
 * small, explicit ranges.
 */
uint32_t
utf8_toupper(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return (c - 32);
	if ((c >= 0xe0 && c <= 0xfe && c != 0xf7))
		return (c - 32);
	if (c == 0xff)
		return (0x178);
	if (c >= 0x100 && c <= 0x17f && c != 0x130 && c != 0x131 &&
	    c != 0x138 && c != 0x149 && c != 0x17f) {
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
			return ((c & 1) == 0 ? c - 1 : c);
		return ((c & 1) == 1 ? c - 1 : c);
	}
	if (c >= 0x3b1 && c <= 0x3c9 && c != 0x3c2)
		return (c - 32);
	if (c >= 0x430 && c <= 0x44f)
		return (c - 32);
	if (c >= 0x450 && c <= 0x45f)
		return (c - 80);
	return (c);
}

uint32_t
utf8_tolower(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return (c + 32);
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return (c + 32);
	if (c == 0x178)
		return (0xff);
	if (c >= 0x100 && c <= 0x17f && c != 0x130 && c != 0x131 &&
	    c != 0x138 && c != 0x149 && c != 0x17f) {
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
			return ((c & 1) == 1 ? c + 1 : c);
		return ((c & 1) == 0 ? c + 1 : c);
	}
	if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2)
		return (c + 32);
	if (c >= 0x410 && c <= 0x42f)
		return (c + 32);
	if (c >= 0x400 && c <= 0x40f)
		return (c + 80);
	return (c);
}

int
utf8_isupper(uint32_t c)
{
	return (utf8_tolower(c) != c);
}

int
utf8_islower(uint32_t c)
{
	return (utf8_toupper(c) != c || c == 0xdf);
}

/*
 * A letter of any script, roughly: ASCII and the case table decide first;
 * past Latin-1, everything but punctuation, symbols and emoji counts, which
 * is what a name detector needs (Devanagari, CJK, Arabic names are names).
 */
int
utf8_isalpha(uint32_t c)
{
	if (c < 0x80)
		return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
	if (utf8_isupper(c) || utf8_islower(c))
		return (1);
	if (c == 0xd7 || c == 0xf7 || (c >= 0x2000 && c <= 0x2bff) ||
	    (c >= 0x3000 && c <= 0x303f) || c >= 0x1f000)
		return (0);
	if ((c >= 0x300 && c <= 0x36f) || (c >= 0x900 && c <= 0xdff))
		return (1);	/* combining marks and Indic vowel signs */
	return (c >= 0x100);
}
