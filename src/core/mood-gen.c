/*
 * mood-gen: a build tool. It parses data/mood-lexicon.txt with the mood
 * analyzer's own loader and writes the finished tables as C on standard
 * output, so jumbo starts with them ready instead of parsing the
 * lexicon at every run.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core-mood.h"

int
main(void)
{
	char	*cause;

	if (mood_build(&cause) != 0) {
		fprintf(stderr, "mood-gen: %s\n", cause);
		free(cause);
		return (1);
	}
	if (mood_dump(stdout) != 0 || fflush(stdout) != 0) {
		fprintf(stderr, "mood-gen: write error\n");
		return (1);
	}
	return (0);
}
