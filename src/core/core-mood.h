/*
 * The mood analyzer: from one message, a valence in [-1, 1] (unpleasant
 * to pleasant), an arousal in [-1, 1] (tired, calm: low; excited,
 * furious: high), the emotions present, and a label a person would say
 * ("tired but proud", "excited but nervous", "lonely", "calm",
 * "neutral"). Positive and negative parts are scored apart, so a mixed
 * mood stays mixed. The lexicon is data/mood-lexicon.txt.
 */
#ifndef CORE_MOOD_H
#define CORE_MOOD_H

#include <stddef.h>
#include <stdio.h>

#define MOOD_EMOTIONS_MAX 8
#define MOOD_EMOTION_LEN 24
#define MOOD_LABEL_LEN 64

enum mood_polarity {
	MOOD_NEUTRAL = 0,
	MOOD_POSITIVE,
	MOOD_NEGATIVE,
	MOOD_MIXED
};

struct mood {
	double			valence;
	double			arousal;
	double			positive;	/* strength of the positive part, [0, 1] */
	double			negative;	/* strength of the negative part, [0, 1] */
	enum mood_polarity	polarity;
	char			label[MOOD_LABEL_LEN];
	char			emotions[MOOD_EMOTIONS_MAX][MOOD_EMOTION_LEN];
	size_t			nemotions;	/* strongest first */
};

/*
 * Load the lexicon (once; later calls return at once). Returns 0, or -1
 * with *cause naming the line of data/mood-lexicon.txt at fault.
 */
int	 mood_load(char **cause);
/*
 * Analyse text (any bytes; invalid UTF-8 is skipped). mood_load() first;
 * after it, mood_analyze() only reads shared tables and may run in
 * several threads at once.
 */
void	 mood_analyze(const char *text, size_t len, struct mood *);
const char *mood_polarity_name(enum mood_polarity);
/*
 * For the build's generator, mood-gen: parse the lexicon text into the
 * tables, and write them as C to compile in. Returns 0, or -1.
 */
int	 mood_build(char **cause);
int	 mood_dump(FILE *);
/* How many phrases the lexicon gave (0 before mood_load()). */
size_t	 mood_lexicon_size(void);

#endif
