/*
 * Summaries: one short summary per turn (keyed by the user message it
 * follows) and a rolling summary per conversation of the turns folded out
 * of the prompt. Summaries never replace messages.
 */
#ifndef STORE_SUMMARY_H
#define STORE_SUMMARY_H

#include <stdint.h>

struct store;

int	 store_summary_add(struct store *, const char *conversation,
	    const char *message_id, const char *text, int64_t time,
	    char **cause);
/* The newest turn summary of a conversation, or NULL. Result must be freed. */
char	*store_summary_latest(struct store *, const char *conversation);
/* The turn summary written after message_id, or NULL. Result must be freed. */
char	*store_summary_for_message(struct store *, const char *message_id);
int	 store_summary_set_rolling(struct store *, const char *conversation,
	    const char *text, int64_t upto_seq, char **cause);
/* The rolling summary, or NULL; *upto_seq gets the last folded seq. Result must be freed. */
char	*store_summary_rolling(struct store *, const char *conversation,
	    int64_t *upto_seq);

#endif
