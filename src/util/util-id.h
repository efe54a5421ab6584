/*
 * Random identifiers for conversations, messages and facts: UUIDv4 text
 * (122 random bits), so ids made on different devices never collide, and
 * the first few characters of one are enough to tell it apart (people
 * type "jumbo history show 3f9a2c1b").
 */
#ifndef UTIL_ID_H
#define UTIL_ID_H

#include <stddef.h>
#include <stdint.h>

#define ID_BUFSIZE 37

void	id_new(char *);
void	id_random_bytes(void *, size_t);

#endif
