/*
 * Step 3 of the turn pipeline: a short summary of where the conversation
 * stands after each of the person's messages (who, how they feel, the
 * topics, what they want), and a rolling summary into which the turns
 * that leave the recent window are folded, so what an engine is given
 * stays bounded however long the conversation grows. Summaries are
 * stored beside the messages; they never replace them.
 */
#ifndef CORE_SUMMARY_H
#define CORE_SUMMARY_H

#include <stddef.h>

#include "core-analyze.h"

/* How many of the person's latest turns stay out of the rolling summary. */
#define SUMMARY_RECENT 8
/* Topics kept in one summary. */
#define SUMMARY_TOPICS 4

/*
 * The summary of a turn: text is what the person wrote, a its analysis,
 * name what to call them, previous the summary of the turn before (for
 * topics that carry over), or NULL. Result must be freed.
 */
char	*summary_turn(const char *name, const char *text,
	    const struct turn_analysis *a, const char *previous);
/* The topics of a summary written by summary_turn(), or NULL. Result must be freed. */
char	*summary_topics(const char *summary);
/*
 * Fold the turn summary folded into the rolling summary rolling (NULL at
 * first); the result stays under a fixed size. Result must be freed.
 */
char	*summary_fold(const char *rolling, const char *folded);

#endif
