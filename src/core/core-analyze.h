/*
 * Step 2 of the turn pipeline: what a message says, as one struct that
 * the built-in rule engine fills (and that a model's JSON answer will
 * fill the same way). Mood and facts join it in the next milestone.
 */
#ifndef CORE_ANALYZE_H
#define CORE_ANALYZE_H

enum analyze_intent {
	ANALYZE_CHAT = 0,	/* a statement: talk about it */
	ANALYZE_GREETING,	/* "hi", "hello there" */
	ANALYZE_THANKS,		/* "thanks!", "thank you" */
	ANALYZE_FAREWELL,	/* "bye", "good night" */
	ANALYZE_DECLINE,	/* "I don't know", "rather not say" */
	ANALYZE_HOW_ARE_YOU,	/* "how are you?" */
	ANALYZE_WHO_ARE_YOU,	/* "who are you?" */
	ANALYZE_ASK_NAME,	/* "what's my name?" */
	ANALYZE_QUESTION	/* anything else asked or requested */
};

struct turn_analysis {
	enum analyze_intent	 intent;
	char			*name;	/* preferred name given, or NULL */
};

/*
 * Analyse text. asked is non-zero when jumbo's last turn asked what to
 * call the person. Free the result with analyze_clear().
 */
void	 analyze_message(const char *text, int asked,
	    struct turn_analysis *);
void	 analyze_clear(struct turn_analysis *);
const char *analyze_intent_name(enum analyze_intent);

#endif
