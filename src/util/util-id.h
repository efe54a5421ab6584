/*
 * Random identifiers for conversations, messages and facts: UUIDv7 text
 * (time-ordered, 74 random bits), so ids made on different devices never
 * collide and sort by creation.
 */
#ifndef UTIL_ID_H
#define UTIL_ID_H

#include <stddef.h>
#include <stdint.h>

#define ID_BUFSIZE 37

void	id_new(char *);
void	id_random_bytes(void *, size_t);

#endif
