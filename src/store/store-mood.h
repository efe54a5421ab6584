/*
 * Moods: one row per user message (valence, arousal, label, emotions),
 * and a daily roll-up computed from them.
 */
#ifndef STORE_MOOD_H
#define STORE_MOOD_H

#include <stddef.h>
#include <stdint.h>

struct store;

struct store_mood {
	char	*message_id;
	int64_t	 time;
	double	 valence;
	double	 arousal;
	char	*label;
	char	*emotions;	/* comma-separated */
};

struct store_mood_day {
	char	 day[11];	/* YYYY-MM-DD, UTC */
	double	 valence;	/* mean */
	double	 arousal;
	int	 count;
	char	*label;		/* the day's most frequent label */
};

int	 store_mood_add(struct store *, const struct store_mood *,
	    char **cause);
/* Daily roll-up of the last days (from today back), oldest first. */
int	 store_mood_days(struct store *, int days, int64_t now,
	    struct store_mood_day **, size_t *, char **cause);
void	 store_mood_free_days(struct store_mood_day *, size_t);

#endif
