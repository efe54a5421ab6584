/*
 * libFuzzer target for the mood analyzer: any bytes (not NUL-terminated,
 * not necessarily UTF-8) go through mood_analyze(). Whatever comes in,
 * valence, arousal and both parts stay in range, the label is a
 * non-empty, NUL-terminated, valid UTF-8 string, and so is every one of
 * at most MOOD_EMOTIONS_MAX emotions.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-mood.h"
#include "util-utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless s is a non-empty string of valid UTF-8 within size bytes. */
static void
check_string(const char *s, size_t size)
{
	size_t	len = strnlen(s, size);

	if (len == 0 || len == size || !utf8_valid(s, len))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 loaded;
	struct mood	 m;
	char		*cause = NULL;
	size_t		 i;

	if (!loaded) {
		if (mood_load(&cause) != 0) {
			fprintf(stderr, "mood_load: %s\n", cause);
			abort();
		}
		loaded = 1;
	}
	mood_analyze((const char *)data, size, &m);
	if (!(m.valence >= -1 && m.valence <= 1) ||
	    !(m.arousal >= -1 && m.arousal <= 1) ||
	    !(m.positive >= 0 && m.positive <= 1) ||
	    !(m.negative >= 0 && m.negative <= 1))
		abort();
	if (m.polarity != MOOD_NEUTRAL && m.polarity != MOOD_POSITIVE &&
	    m.polarity != MOOD_NEGATIVE && m.polarity != MOOD_MIXED)
		abort();
	check_string(m.label, sizeof m.label);
	if (m.nemotions > MOOD_EMOTIONS_MAX)
		abort();
	for (i = 0; i < m.nemotions; i++)
		check_string(m.emotions[i], MOOD_EMOTION_LEN);
	return (0);
}
