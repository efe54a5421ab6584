/*
 * Step 2 of the turn pipeline: what a message says, as one struct that
 * the built-in rule engine fills (and that a model's JSON answer will
 * fill the same way): the intent, a preferred name, the mood, the facts
 * told, a question about what jumbo remembers, a request to forget, and
 * (filled by step 3) the summary.
 */
#ifndef CORE_ANALYZE_H
#define CORE_ANALYZE_H

#include "core-fact.h"
#include "core-mood.h"

enum analyze_intent {
	ANALYZE_CHAT = 0,	/* a statement: talk about it */
	ANALYZE_GREETING,	/* "hi", "hello there" */
	ANALYZE_THANKS,		/* "thanks!", "thank you" */
	ANALYZE_FAREWELL,	/* "bye", "good night" */
	ANALYZE_DECLINE,	/* "I don't know", "rather not say" */
	ANALYZE_HOW_ARE_YOU,	/* "how are you?" */
	ANALYZE_WHO_ARE_YOU,	/* "who are you?" */
	ANALYZE_ASK_NAME,	/* "what's my name?" */
	ANALYZE_QUESTION,	/* anything else asked or requested */
	ANALYZE_RECALL,		/* "do you remember my friends?" */
	ANALYZE_FORGET		/* "forget where I live" */
};

struct turn_analysis {
	enum analyze_intent	 intent;
	char			*name;		/* preferred name given, or NULL */
	struct mood		 mood;
	struct fact_list	 facts;		/* told in this message */
	struct fact_list	 retracted;	/* no longer so ("I don't live in Boston anymore") */
	struct fact_question	 question;	/* for ANALYZE_RECALL */
	struct fact_forget	 forget;	/* for ANALYZE_FORGET */
	char			*summary;	/* step 3; NULL before */
};

/*
 * Analyse text. asked is non-zero when jumbo's last turn asked what to
 * call the person. Returns 0 (free the result with analyze_clear()), or
 * -1 with *cause when a data file it needs is broken.
 */
int	 analyze_message(const char *text, int asked,
	    struct turn_analysis *, char **cause);
void	 analyze_clear(struct turn_analysis *);
const char *analyze_intent_name(enum analyze_intent);

#endif
