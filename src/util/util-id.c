/*
 * UUIDv4 generation (RFC 9562) from getrandom(2).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>

#include "util-id.h"

/* Fill p with n bytes from the kernel's random source. */
void
id_random_bytes(void *p, size_t n)
{
	unsigned char	*o = p;
	ssize_t		 got;

	while (n > 0) {
		got = getrandom(o, n, 0);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "jumbo: getrandom failed\n");
			abort();
		}
		o += got;
		n -= (size_t)got;
	}
}

/* Write a new UUIDv4 into out (ID_BUFSIZE bytes). */
void
id_new(char *out)
{
	unsigned char	b[16];
	int		i, n;

	id_random_bytes(b, sizeof b);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	n = 0;
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[n++] = '-';
		n += snprintf(out + n, ID_BUFSIZE - n, "%02x", b[i]);
	}
}
