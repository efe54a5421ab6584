/*
 * The name detector: does a message tell jumbo what to call the person?
 * It understands answers to "what should I call you?" ("Harsha", "Call me
 * Alex", "Just Alex is fine", "I'm Priya") and explicit changes at any
 * time ("call me Sam from now on", "my name's Tom", "I go by Kat",
 * "Actually, I prefer Liz"), and is not fooled by "I'm tired", "call me
 * when you're free", "don't call me Shirley", "my dog's name is Rex" or
 * "Thanks Sam!". A bare word counts only right after jumbo asked.
 */
#ifndef CORE_NAME_H
#define CORE_NAME_H

#include <stddef.h>

/*
 * Look for a preferred name in text. asked is non-zero when jumbo's
 * previous turn asked what to call the person. Returns 1 with *name set
 * (spelling kept; an all-lowercase name capitalised; result must be
 * freed), or 0 when the text gives no name.
 */
int	 name_detect(const char *text, int asked, char **name);

/*
 * Clean a name given directly (`jumbo profile name NAME`, /name NAME):
 * trimmed, inner space collapsed, capitalised if all lowercase. Returns
 * NULL when it cannot be a name (empty, too long, no letter, control
 * characters, not UTF-8). Result must be freed.
 */
char	*name_normalize(const char *text);

#endif
