/*
 * UTF-8 helpers: validation of outside text, decoding one code point at a
 * time, and the case of single code points for the name detector.
 */
#ifndef UTIL_UTF8_H
#define UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

int	 utf8_valid(const char *, size_t);
size_t	 utf8_decode(const char *, size_t, uint32_t *);
size_t	 utf8_encode(uint32_t, char *);
int	 utf8_isupper(uint32_t);
int	 utf8_islower(uint32_t);
int	 utf8_isalpha(uint32_t);
uint32_t utf8_toupper(uint32_t);
uint32_t utf8_tolower(uint32_t);

#endif
