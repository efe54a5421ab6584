/*
 * The fact extractor: what the person says about themselves and the
 * people and things in their life, as (subject, relation, object).
 *
 * A message is cut into tokens by core-token.c, as for the name detector:
 * words, read as UTF-8 with inner apostrophes and hyphens, each with a
 * lowercase copy for look-ups and its shape (capitalised, lowercase,
 * shouted, uncased); and punctuation, which ends a clause (comma, colon,
 * dash, emoji) or a sentence (. ! ; newline, and ? for one that asks).
 *
 * Then it reads in two passes.
 *
 * 1. People. "my [adjectives] KIN [NAMES]" ("my sister Ana", "my best
 *    friends Charvik and Devansh", "our cat Pickles"), "my KIN's name is
 *    NAME", "my KIN is/are NAMES", "NAMES is/are my KIN", "I have [a, two]
 *    KIN [named, called, :] NAMES", "married to NAME". Each gives
 *    (user, KIN, NAME) and a mention that later phrases may take as their
 *    subject. KIN is a relative, friend or workmate, or a pet's species.
 *
 * 2. Statements. Each phrase ("live in", "work at", "I'm a", "allergic
 *    to", "my favourite KIND is", "I love", "I'm going to"...) finds its
 *    subject in the few words before it: "I" or "we" (the user), a
 *    mention ending there ("my sister Ana lives in Paris" is about Ana,
 *    "my sister lives in Paris" about "sister": the person's sister), a
 *    name mentioned before, "who" after a mention, "he" or "she" for the
 *    last person mentioned, or both sides of "X and I". Then it reads its
 *    object: a list of names, a place, a date, a thing ("hiking and
 *    cooking" is two), or a plan (the rest of the clause).
 *
 * A statement counts only when the person states it. Not in a question
 * ("Do you live in Boston?", "Is my sister Ana?"), not after a hedge in
 * its sentence ("if", "wish", "maybe", "would", "I'd"), not in reported
 * speech ("my friend said", "I heard"; "I told you" is the person's own),
 * and not under a negation ("I don't live in Boston anymore", "I used to
 * live in Chicago"). Negated statements are not lost: they are what
 * fact_retracted() returns, so that the caller may drop a fact the person
 * says no longer holds. "I don't like X" and "I'm not a fan of X" are
 * dislikes, not negations.
 *
 * The relations are in the table below. People are kept by relation
 * (friend, best_friend, sister, son, wife...); pets by species (dog, cat,
 * ...), with (user, pet, "two cats") for pets without a name;
 * favourites as favourite_KIND (favourite_band) when KIND is known, else
 * (user, favourite, "KIND: VALUE"). A question about a wider relation is
 * answered by the narrower ones: fact_relation_covers() says "friend"
 * covers best_friend, "child" covers son and daughter, "pet" every
 * species, "partner" wife and husband, "family" every relative.
 *
 * Objects keep the person's words. Names are capitalised when typed all
 * lowercase ("rex" -> "Rex") and calmed when shouted; places, things and
 * plans are kept as written; jobs lose their article ("a nurse" ->
 * "nurse").
 *
 * fact_question() and fact_forget_request() read the messages that are
 * about memory itself with the same tokens and tables.
 *
 * It runs on every message, so the work is bounded: at most
 * TOKEN_MAX tokens are read, each phrase looks at a few words around
 * it, look-ups are binary searches in sorted tables, and at most
 * FACT_MAX_FACTS facts come out. A typical message takes microseconds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-fact.h"
#include "core-token.h"
#include "util-buf.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#define FACT_WORD_BYTES		TOKEN_WORD_BYTES /* longest word looked up */
#define FACT_NAME_WORDS		3	/* longest name, in words */
#define FACT_LIST_ITEMS		12	/* items of one list */
#define FACT_OBJECT_WORDS	8	/* longest place or thing, in words */
#define FACT_PLAN_WORDS		12	/* longest plan, in words */
#define FACT_OBJECT_BYTES	160	/* longest object, in bytes */
#define FACT_MAX_FACTS		32	/* facts from one message */
#define FACT_MAX_MENTIONS	32	/* people mentioned in one message */
#define FACT_LOOKBACK		6	/* words looked at before a phrase */

/*
 * The relations. Flags say how a relation behaves; group is the wider
 * relation that covers it in questions ("friend" covers best_friend).
 */
#define REL_SINGLE	0x01	/* one value at a time */
#define REL_VERB	0x02	/* the phrase is a verb: "you live in" */
#define REL_PERSON	0x04	/* its objects are people */
#define REL_FAMILY	0x08	/* a relative, for "my family" */
#define REL_PET		0x10	/* a species of pet */

struct relation {
	const char	*name;
	const char	*one;		/* phrase, one value */
	const char	*many;		/* phrase, several */
	const char	*group;
	int		 flags;
};

#define PERSON	REL_PERSON
#define FAMILY	(REL_PERSON | REL_FAMILY)
#define SINGLE	REL_SINGLE

static const struct relation relations[] = {
	{ "friend", "friend", "friends", NULL, PERSON },
	{ "best_friend", "best friend", "best friends", "friend", PERSON },
	{ "partner", "partner", "partners", NULL, FAMILY | SINGLE },
	{ "wife", "wife", "wives", "partner", FAMILY | SINGLE },
	{ "husband", "husband", "husbands", "partner", FAMILY | SINGLE },
	{ "girlfriend", "girlfriend", "girlfriends", "partner",
	    PERSON | SINGLE },
	{ "boyfriend", "boyfriend", "boyfriends", "partner", PERSON | SINGLE },
	{ "fiance", "fiancé", "fiancés", "partner", FAMILY | SINGLE },
	{ "ex", "ex", "exes", NULL, PERSON },
	{ "mother", "mother", "mothers", "parent", FAMILY | SINGLE },
	{ "father", "father", "fathers", "parent", FAMILY | SINGLE },
	{ "parent", "parent", "parents", NULL, FAMILY },
	{ "sister", "sister", "sisters", "sibling", FAMILY },
	{ "brother", "brother", "brothers", "sibling", FAMILY },
	{ "sibling", "sibling", "siblings", NULL, FAMILY },
	{ "child", "child", "children", NULL, FAMILY },
	{ "son", "son", "sons", "child", FAMILY },
	{ "daughter", "daughter", "daughters", "child", FAMILY },
	{ "grandmother", "grandmother", "grandmothers", "grandparent",
	    FAMILY },
	{ "grandfather", "grandfather", "grandfathers", "grandparent",
	    FAMILY },
	{ "grandparent", "grandparent", "grandparents", NULL, FAMILY },
	{ "grandchild", "grandchild", "grandchildren", NULL, FAMILY },
	{ "aunt", "aunt", "aunts", NULL, FAMILY },
	{ "uncle", "uncle", "uncles", NULL, FAMILY },
	{ "cousin", "cousin", "cousins", NULL, FAMILY },
	{ "niece", "niece", "nieces", NULL, FAMILY },
	{ "nephew", "nephew", "nephews", NULL, FAMILY },
	{ "roommate", "roommate", "roommates", NULL, PERSON },
	{ "boss", "boss", "bosses", NULL, PERSON | SINGLE },
	{ "coworker", "coworker", "coworkers", NULL, PERSON },
	{ "neighbour", "neighbour", "neighbours", NULL, PERSON },

	{ "pet", "pet", "pets", NULL, 0 },
	{ "dog", "dog", "dogs", "pet", REL_PET },
	{ "cat", "cat", "cats", "pet", REL_PET },
	{ "rabbit", "rabbit", "rabbits", "pet", REL_PET },
	{ "hamster", "hamster", "hamsters", "pet", REL_PET },
	{ "guinea_pig", "guinea pig", "guinea pigs", "pet", REL_PET },
	{ "bird", "bird", "birds", "pet", REL_PET },
	{ "parrot", "parrot", "parrots", "pet", REL_PET },
	{ "fish", "fish", "fish", "pet", REL_PET },
	{ "horse", "horse", "horses", "pet", REL_PET },
	{ "turtle", "turtle", "turtles", "pet", REL_PET },
	{ "snake", "snake", "snakes", "pet", REL_PET },
	{ "lizard", "lizard", "lizards", "pet", REL_PET },
	{ "ferret", "ferret", "ferrets", "pet", REL_PET },

	{ "lives_in", "live in", "live in", NULL, REL_VERB | SINGLE },
	{ "from", "are from", "are from", NULL, REL_VERB | SINGLE },
	{ "job", "job", "jobs", NULL, SINGLE },
	{ "workplace", "work at", "work at", NULL, REL_VERB | SINGLE },
	{ "school", "school", "schools", NULL, SINGLE },
	{ "studies", "study", "study", NULL, REL_VERB | SINGLE },
	{ "birthday", "birthday", "birthdays", NULL, SINGLE },
	{ "anniversary", "anniversary", "anniversaries", NULL, SINGLE },
	{ "birth_year", "birth year", "birth years", NULL, SINGLE },
	{ "age", "age", "ages", NULL, SINGLE },

	{ "likes", "like", "like", NULL, REL_VERB },
	{ "dislikes", "don't like", "don't like", NULL, REL_VERB },
	{ "favourite", "favourite", "favourites", "likes", 0 },
	{ "favourite_actor", "favourite actor", "favourite actors",
	    "favourite", SINGLE },
	{ "favourite_album", "favourite album", "favourite albums",
	    "favourite", SINGLE },
	{ "favourite_animal", "favourite animal", "favourite animals",
	    "favourite", SINGLE },
	{ "favourite_artist", "favourite artist", "favourite artists",
	    "favourite", SINGLE },
	{ "favourite_author", "favourite author", "favourite authors",
	    "favourite", SINGLE },
	{ "favourite_band", "favourite band", "favourite bands", "favourite",
	    SINGLE },
	{ "favourite_book", "favourite book", "favourite books", "favourite",
	    SINGLE },
	{ "favourite_city", "favourite city", "favourite cities", "favourite",
	    SINGLE },
	{ "favourite_colour", "favourite colour", "favourite colours",
	    "favourite", SINGLE },
	{ "favourite_dessert", "favourite dessert", "favourite desserts",
	    "favourite", SINGLE },
	{ "favourite_drink", "favourite drink", "favourite drinks",
	    "favourite", SINGLE },
	{ "favourite_flower", "favourite flower", "favourite flowers",
	    "favourite", SINGLE },
	{ "favourite_food", "favourite food", "favourite foods", "favourite",
	    SINGLE },
	{ "favourite_fruit", "favourite fruit", "favourite fruits",
	    "favourite", SINGLE },
	{ "favourite_game", "favourite game", "favourite games", "favourite",
	    SINGLE },
	{ "favourite_genre", "favourite genre", "favourite genres",
	    "favourite", SINGLE },
	{ "favourite_holiday", "favourite holiday", "favourite holidays",
	    "favourite", SINGLE },
	{ "favourite_movie", "favourite movie", "favourite movies",
	    "favourite", SINGLE },
	{ "favourite_number", "favourite number", "favourite numbers",
	    "favourite", SINGLE },
	{ "favourite_place", "favourite place", "favourite places",
	    "favourite", SINGLE },
	{ "favourite_podcast", "favourite podcast", "favourite podcasts",
	    "favourite", SINGLE },
	{ "favourite_restaurant", "favourite restaurant",
	    "favourite restaurants", "favourite", SINGLE },
	{ "favourite_season", "favourite season", "favourite seasons",
	    "favourite", SINGLE },
	{ "favourite_show", "favourite show", "favourite shows", "favourite",
	    SINGLE },
	{ "favourite_singer", "favourite singer", "favourite singers",
	    "favourite", SINGLE },
	{ "favourite_song", "favourite song", "favourite songs", "favourite",
	    SINGLE },
	{ "favourite_sport", "favourite sport", "favourite sports",
	    "favourite", SINGLE },
	{ "favourite_subject", "favourite subject", "favourite subjects",
	    "favourite", SINGLE },
	{ "favourite_team", "favourite team", "favourite teams", "favourite",
	    SINGLE },

	{ "allergy", "allergy", "allergies", NULL, 0 },
	{ "health", "health condition", "health conditions", NULL, 0 },
	{ "diet", "diet", "diets", NULL, 0 },
	{ "hobby", "hobby", "hobbies", NULL, 0 },
	{ "speaks", "language", "languages", NULL, 0 },
	{ "plan", "plan", "plans", NULL, 0 }
};

#undef PERSON
#undef FAMILY
#undef SINGLE

/* The names of relations[], in its order, for fact_relations(). */
static const char *const relation_names[] = {
	"friend", "best_friend", "partner", "wife", "husband", "girlfriend",
	"boyfriend", "fiance", "ex", "mother", "father", "parent", "sister",
	"brother", "sibling", "child", "son", "daughter", "grandmother",
	"grandfather", "grandparent", "grandchild", "aunt", "uncle", "cousin",
	"niece", "nephew", "roommate", "boss", "coworker", "neighbour", "pet",
	"dog", "cat", "rabbit", "hamster", "guinea_pig", "bird", "parrot",
	"fish", "horse", "turtle", "snake", "lizard", "ferret", "lives_in",
	"from", "job", "workplace", "school", "studies", "birthday",
	"anniversary", "birth_year", "age", "likes", "dislikes", "favourite",
	"favourite_actor", "favourite_album", "favourite_animal",
	"favourite_artist", "favourite_author", "favourite_band",
	"favourite_book", "favourite_city", "favourite_colour",
	"favourite_dessert", "favourite_drink", "favourite_flower",
	"favourite_food", "favourite_fruit", "favourite_game",
	"favourite_genre", "favourite_holiday", "favourite_movie",
	"favourite_number", "favourite_place", "favourite_podcast",
	"favourite_restaurant", "favourite_season", "favourite_show",
	"favourite_singer", "favourite_song", "favourite_sport",
	"favourite_subject", "favourite_team", "allergy", "health", "diet",
	"hobby", "speaks", "plan", NULL
};

/* Relations a question may ask about that no fact has: groups. */
static const struct relation groups[] = {
	{ "family", "family", "family", NULL, 0 }
};

/*
 * The lexicons. Tables of single words are searched with bsearch() and
 * must stay in strcmp() order.
 */

/* A word naming a person or pet in someone's life, and its relation. */
struct kin_word {
	const char	*word;
	const char	*relation;
};

static const struct kin_word kin_words[] = {
	{ "aunt", "aunt" }, { "auntie", "aunt" }, { "aunts", "aunt" },
	{ "aunty", "aunt" }, { "beagle", "dog" }, { "bestie", "best_friend" },
	{ "besties", "best_friend" }, { "bf", "boyfriend" },
	{ "bff", "best_friend" }, { "bird", "bird" }, { "birds", "bird" },
	{ "boss", "boss" }, { "boyfriend", "boyfriend" }, { "bro", "brother" },
	{ "brother", "brother" }, { "brothers", "brother" },
	{ "budgie", "bird" }, { "bulldog", "dog" }, { "bunnies", "rabbit" },
	{ "bunny", "rabbit" }, { "cat", "cat" }, { "cats", "cat" },
	{ "chihuahua", "dog" }, { "child", "child" }, { "children", "child" },
	{ "co-worker", "coworker" }, { "co-workers", "coworker" },
	{ "colleague", "coworker" }, { "colleagues", "coworker" },
	{ "collie", "dog" }, { "corgi", "dog" }, { "cousin", "cousin" },
	{ "cousins", "cousin" }, { "coworker", "coworker" },
	{ "coworkers", "coworker" }, { "dachshund", "dog" },
	{ "dad", "father" }, { "daddy", "father" }, { "daughter", "daughter" },
	{ "daughters", "daughter" }, { "dog", "dog" }, { "dogs", "dog" },
	{ "ex", "ex" }, { "ex-boyfriend", "ex" }, { "ex-girlfriend", "ex" },
	{ "ex-husband", "ex" }, { "ex-wife", "ex" }, { "father", "father" },
	{ "ferret", "ferret" }, { "ferrets", "ferret" }, { "fiance", "fiance" },
	{ "fiancee", "fiance" }, { "fiancé", "fiance" },
	{ "fiancée", "fiance" }, { "fish", "fish" }, { "flatmate", "roommate" },
	{ "flatmates", "roommate" }, { "friend", "friend" },
	{ "friends", "friend" }, { "gecko", "lizard" }, { "gf", "girlfriend" },
	{ "girlfriend", "girlfriend" }, { "goldfish", "fish" },
	{ "grandad", "grandfather" }, { "grandchildren", "grandchild" },
	{ "granddad", "grandfather" }, { "granddaughter", "grandchild" },
	{ "grandfather", "grandfather" }, { "grandkids", "grandchild" },
	{ "grandma", "grandmother" }, { "grandmother", "grandmother" },
	{ "grandpa", "grandfather" }, { "grandparent", "grandparent" },
	{ "grandparents", "grandparent" }, { "grandson", "grandchild" },
	{ "granny", "grandmother" }, { "hamster", "hamster" },
	{ "hamsters", "hamster" }, { "horse", "horse" }, { "horses", "horse" },
	{ "housemate", "roommate" }, { "housemates", "roommate" },
	{ "hubby", "husband" }, { "husband", "husband" }, { "husky", "dog" },
	{ "kid", "child" }, { "kids", "child" }, { "kitten", "cat" },
	{ "kittens", "cat" }, { "kitty", "cat" }, { "lab", "dog" },
	{ "labrador", "dog" }, { "lizard", "lizard" }, { "mama", "mother" },
	{ "mom", "mother" }, { "mommy", "mother" }, { "mother", "mother" },
	{ "mum", "mother" }, { "mummy", "mother" }, { "nana", "grandmother" },
	{ "neighbor", "neighbour" }, { "neighbors", "neighbour" },
	{ "neighbour", "neighbour" }, { "neighbours", "neighbour" },
	{ "nephew", "nephew" }, { "nephews", "nephew" }, { "niece", "niece" },
	{ "nieces", "niece" }, { "papa", "father" }, { "parakeet", "bird" },
	{ "parent", "parent" }, { "parents", "parent" }, { "parrot", "parrot" },
	{ "parrots", "parrot" }, { "partner", "partner" }, { "pet", "pet" },
	{ "pets", "pet" }, { "pony", "horse" }, { "poodle", "dog" },
	{ "pug", "dog" }, { "pup", "dog" }, { "puppies", "dog" },
	{ "puppy", "dog" }, { "rabbit", "rabbit" }, { "rabbits", "rabbit" },
	{ "retriever", "dog" }, { "roommate", "roommate" },
	{ "roommates", "roommate" }, { "shepherd", "dog" },
	{ "sibling", "sibling" }, { "siblings", "sibling" },
	{ "sis", "sister" }, { "sister", "sister" }, { "sisters", "sister" },
	{ "snake", "snake" }, { "snakes", "snake" }, { "son", "son" },
	{ "sons", "son" }, { "spaniel", "dog" }, { "spouse", "partner" },
	{ "tabby", "cat" }, { "terrier", "dog" }, { "tortoise", "turtle" },
	{ "turtle", "turtle" }, { "turtles", "turtle" }, { "uncle", "uncle" },
	{ "uncles", "uncle" }, { "wife", "wife" }
};

/* Words that may sit between "my" and a relative: "my little sister". */
static const char *const kin_adjectives[] = {
	"adorable", "amazing", "baby", "beautiful", "best", "big", "close",
	"closest", "crazy", "dear", "dearest", "elder", "eldest", "first",
	"four", "german", "golden", "good", "great", "half", "lil", "little",
	"lovely", "new", "old", "older", "oldest", "second", "step", "sweet",
	"three", "twin", "two", "younger", "youngest"
};

/* Counts before a relative: "I have two kids", "a sister". */
static const char *const count_words[] = {
	"1", "2", "3", "4", "5", "6", "a", "an", "another", "eight", "five",
	"four", "one", "seven", "six", "three", "two"
};

/*
 * Words that are never a name: the glue of a sentence, common verbs and
 * adjectives, time words. A capitalised one at the start of a sentence
 * ("My", "Today") is not a name either.
 */
static const char *const never_names[] = {
	"a", "about", "after", "again", "ago", "all", "also", "always", "am",
	"an", "and", "another", "any", "anyone", "anything", "are", "around",
	"as", "at", "away", "back", "bad", "be", "because", "been", "before",
	"being", "best", "better", "both", "but", "by", "can", "cannot",
	"could", "did", "do", "does", "doing", "done", "each", "either",
	"else", "even", "ever", "every", "everyone", "everything", "few",
	"fine", "for", "friday", "from", "gets", "going", "gone", "good",
	"got", "great", "had", "happy", "has", "have", "he", "her", "here",
	"hers", "him", "his", "home", "how", "i", "if", "in", "into", "is",
	"it", "its", "just", "last", "later", "like", "likes", "lives",
	"living", "lol", "love", "loves", "me", "mine", "monday", "more",
	"most", "much", "my", "myself", "never", "new", "next", "nice", "no",
	"nobody", "none", "nor", "not", "nothing", "now", "of", "off", "ok",
	"okay", "old", "on", "once", "one", "only", "or", "other", "our",
	"out", "over", "please", "pregnant", "really", "sad", "saturday",
	"she", "since", "so", "some", "someone", "something", "soon", "still",
	"sunday", "than", "thanks", "that", "the", "their", "them", "then",
	"there", "these", "they", "this", "those", "through", "thursday",
	"tired", "to", "today", "tomorrow", "tonight", "too", "tuesday", "up",
	"us", "very", "was", "we", "wednesday", "well", "were", "what", "when",
	"where", "which", "while", "who", "why", "will", "with", "works",
	"would", "yes", "yesterday", "yet", "you", "your"
};

/* Lowercase particles inside a capitalised name ("Ludwig van Beethoven"). */
static const char *const particle_words[] = {
	"al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du",
	"el", "la", "le", "van", "von"
};

/*
 * Words skipped between a subject and its verb: "I really love", "we
 * just moved", "I've also been".
 */
static const char *const adverbs[] = {
	"absolutely", "actually", "all", "already", "also", "basically", "been",
	"both", "currently", "definitely", "do", "does", "even", "finally",
	"genuinely", "have", "honestly", "just", "kinda", "literally", "mostly",
	"now", "officially", "originally", "personally", "pretty", "proudly",
	"really", "recently", "seriously", "so", "sometimes", "sorta", "still",
	"totally", "truly", "usually"
};

/* Words that negate what follows them in a clause. */
static const char *const negators[] = {
	"aren't", "arent", "can't", "cannot", "cant", "didn't", "didnt",
	"doesn't", "doesnt", "don't", "dont", "isn't", "isnt", "never", "no",
	"not", "wasn't", "wasnt", "won't", "wont"
};

/*
 * Words that, earlier in the sentence, make a statement a wish, a
 * condition or a guess: "if I lived in Paris", "I wish I had a dog",
 * "maybe I'll move to Rome", "I'd love to live in Japan".
 */
static const char *const hedges[] = {
	"could", "dream", "dreamed", "dreaming", "dreams", "dreamt", "forget",
	"he'd",
	"hope", "hopefully", "hoping", "i'd", "id", "if", "imagine",
	"imagining", "maybe", "might", "perhaps", "possibly", "pretend",
	"pretending", "probably", "she'd", "should", "someday", "suppose",
	"supposing", "they'd", "unless", "we'd", "when", "whether", "wish",
	"wished", "wishing", "would", "you'd"
};

/*
 * Words that, earlier in the sentence, make it someone else's words:
 * "my friend said she lives in Rome", "I heard Ana moved".
 */
static const char *const reporters[] = {
	"according", "apparently", "assumed", "assumes", "believe",
	"believed", "believes", "claim", "claimed", "claims", "guessed",
	"heard", "hears", "insisted", "insists", "joked", "jokes", "mentioned",
	"mentions", "reckons", "said", "say", "says", "swears", "tell",
	"tells", "thinks", "thought", "told"
};

/* Reporting verbs that, after "I", are the person's own words. */
static const char *const own_reporters[] = {
	"mentioned", "said", "tell", "told"
};

/* Words that open a question. */
static const char *const question_openers[] = {
	"am", "are", "aren't", "can", "could", "did", "didn't", "do", "does",
	"doesn't", "don't", "has", "have", "how", "how's", "is", "isn't",
	"should", "was", "wasn't", "were", "what", "what's", "whats", "when",
	"when's", "where", "where's", "which", "who", "who's", "whom", "whose",
	"why", "will", "would"
};

/* Auxiliaries that ask even without "?": "do I live in Boston". */
static const char *const question_auxiliaries[] = {
	"am", "are", "can", "could", "did", "do", "does", "has", "have", "is",
	"should", "was", "were", "will", "would"
};

/* What may follow such an auxiliary in a question. */
static const char *const question_subjects[] = {
	"he", "i", "it", "my", "our", "she", "they", "we", "you", "your"
};

/* Words set aside at the start of a sentence: "So, ...", "Hey jumbo". */
static const char *const lead_fillers[] = {
	"ah", "also", "and", "anyway", "btw", "but", "hey", "hi", "hmm",
	"jumbo", "lol", "oh", "ok", "okay", "so", "um", "umm", "well", "yeah",
	"yes"
};

/* Words that end a place, a thing or a name list. */
static const char *const object_stops[] = {
	"after", "again", "ago", "already", "also", "although", "anymore",
	"anyway", "as", "at", "because", "before", "btw", "but", "cause",
	"currently", "cuz", "during", "each", "every", "for", "from", "haha",
	"hahaha", "he", "i", "i'd", "i'll", "i'm", "i've", "if", "im", "last",
	"lately", "lmao", "lol", "now", "nowadays", "once", "she", "since",
	"so", "sometimes", "than", "these", "they", "tho", "though", "today",
	"tomorrow", "tonight", "too", "until", "we", "we're", "when",
	"whenever", "where", "whereas", "which", "while", "who", "with",
	"yesterday"
};

/* Words that are no object on their own: "I study hard", "I play a lot". */
static const char *const bare_adverbs[] = {
	"abroad", "alone", "daily", "early", "everyday", "fast", "hard",
	"late", "less", "lots", "more", "much", "often", "online", "outside",
	"together", "well"
};

/* Words an object may not start with: "I love you", "I hate when...". */
static const char *const object_rejects[] = {
	"a", "about", "all", "an", "anything", "being", "everyone",
	"everything", "her", "here", "him", "his", "home", "how", "it",
	"it's", "its", "me", "my", "myself", "nothing", "our", "somebody",
	"someone", "something", "that", "that's", "the", "their", "them",
	"there", "these", "they", "this", "those", "us", "what", "when",
	"where", "why", "you", "your", "yourself"
};

/* Time words after "next", "this", "last", "every"... */
static const char *const time_nouns[] = {
	"afternoon", "afternoons", "autumn", "christmas", "day", "days",
	"evening", "evenings", "fall", "friday", "fridays", "holiday",
	"holidays", "march", "monday", "mondays", "month", "months", "morning",
	"mornings", "night", "nights", "saturday", "saturdays", "semester",
	"spring", "summer", "sunday", "sundays", "term", "thursday",
	"thursdays", "time", "tuesday", "tuesdays", "wednesday", "wednesdays",
	"week", "weekend", "weekends", "weeks", "winter", "year", "years"
};

/* Month names and their short forms. "may" counts only capitalised. */
static const char *const months[] = {
	"apr", "april", "aug", "august", "dec", "december", "feb",
	"february", "jan", "january", "jul", "july", "jun", "june", "mar",
	"march", "may", "nov", "november", "oct", "october", "sep", "sept",
	"september"
};

static const char *const weekdays[] = {
	"friday", "monday", "saturday", "sunday", "thursday", "tuesday",
	"wednesday"
};

/* Head nouns of jobs: "I'm a (freelance graphic) designer". */
static const char *const occupations[] = {
	"accountant", "actor", "actress", "administrator", "analyst",
	"architect", "artist", "assistant", "attorney", "baker", "banker",
	"barber", "barista", "bartender", "biologist", "bookkeeper",
	"builder", "butcher", "carpenter", "cashier", "chef", "chemist",
	"cleaner", "coach", "consultant", "cook", "counsellor", "counselor",
	"dancer", "dentist", "designer", "developer", "dietitian", "director",
	"doctor", "driver", "economist", "editor", "electrician", "engineer",
	"entrepreneur", "farmer", "firefighter", "freelancer", "gardener",
	"hairdresser", "historian", "illustrator", "instructor", "intern",
	"janitor", "journalist", "judge", "lawyer", "lecturer", "librarian",
	"lifeguard", "manager", "mechanic", "midwife", "musician", "nanny",
	"nurse", "officer", "optometrist", "paralegal", "paramedic",
	"pharmacist", "photographer", "physician", "physicist",
	"physiotherapist", "pilot", "plumber", "poet", "policeman",
	"politician", "professor", "programmer", "psychiatrist",
	"psychologist", "receptionist", "recruiter", "researcher",
	"salesman", "saleswoman", "scientist", "secretary", "singer",
	"soldier", "student", "supervisor", "surgeon", "tailor", "teacher",
	"technician", "therapist", "translator", "tutor", "vet",
	"veterinarian", "waiter", "waitress", "writer"
};

/* Conditions after "I have": "I have asthma", "I have type 1 diabetes". */
static const char *const conditions[] = {
	"adhd", "alopecia", "anemia", "anxiety", "apnea", "arthritis",
	"asthma", "autism", "cancer", "celiac", "coeliac", "copd", "crohn's",
	"dementia", "depression", "diabetes", "disease", "disorder",
	"dyslexia", "eczema",
	"endometriosis", "epilepsy", "fibromyalgia", "glaucoma", "gout",
	"hypertension", "hypothyroidism", "ibs", "insomnia", "lupus",
	"migraine", "migraines", "narcolepsy", "ocd", "pcos", "psoriasis",
	"ptsd", "scoliosis", "syndrome", "tinnitus", "vertigo"
};

/* "I'm diabetic": adjectives that are a health note. */
static const char *const condition_adjectives[] = {
	"anemic", "asthmatic", "autistic", "bipolar", "celiac", "coeliac",
	"diabetic", "dyslexic", "epileptic", "hypoglycemic"
};

/* "I'm vegan": diets. */
static const char *const diets[] = {
	"dairy-free", "gluten-free", "halal", "keto", "kosher", "paleo",
	"pescatarian", "pescetarian", "vegan", "vegetarian"
};

/* "I do yoga": pastimes after "do". */
static const char *const do_hobbies[] = {
	"aikido", "archery", "ballet", "boxing", "calisthenics", "ceramics",
	"crochet", "crossfit", "embroidery", "fencing", "gardening",
	"gymnastics", "improv", "jiu-jitsu", "judo", "karate", "kickboxing",
	"knitting", "meditation", "parkour", "photography", "pilates",
	"pottery", "taekwondo", "triathlons", "woodworking", "yoga", "zumba"
};

/* Words ending in -ing after "go" that are not a pastime. */
static const char *const not_pastimes[] = {
	"anything", "bring", "during", "evening", "everything", "king",
	"morning", "nothing", "ring", "something", "spring", "thing",
	"things"
};

/* Favourite kinds and the relation each gives. */
struct kind_word {
	const char	*word;
	const char	*relation;
};

static const struct kind_word favourite_kinds[] = {
	{ "actor", "favourite_actor" }, { "actress", "favourite_actor" },
	{ "album", "favourite_album" }, { "animal", "favourite_animal" },
	{ "artist", "favourite_artist" }, { "author", "favourite_author" },
	{ "band", "favourite_band" }, { "book", "favourite_book" },
	{ "city", "favourite_city" }, { "color", "favourite_colour" },
	{ "colour", "favourite_colour" }, { "cuisine", "favourite_food" },
	{ "dessert", "favourite_dessert" }, { "dish", "favourite_food" },
	{ "drink", "favourite_drink" }, { "film", "favourite_movie" },
	{ "flower", "favourite_flower" }, { "food", "favourite_food" },
	{ "fruit", "favourite_fruit" }, { "game", "favourite_game" },
	{ "genre", "favourite_genre" }, { "holiday", "favourite_holiday" },
	{ "meal", "favourite_food" }, { "movie", "favourite_movie" },
	{ "musician", "favourite_artist" }, { "number", "favourite_number" },
	{ "place", "favourite_place" }, { "podcast", "favourite_podcast" },
	{ "restaurant", "favourite_restaurant" },
	{ "season", "favourite_season" }, { "series", "favourite_show" },
	{ "show", "favourite_show" }, { "singer", "favourite_singer" },
	{ "song", "favourite_song" }, { "sport", "favourite_sport" },
	{ "subject", "favourite_subject" }, { "team", "favourite_team" },
	{ "writer", "favourite_author" }
};

static const char *const favourite_words[] = {
	"fav", "fave", "favorite", "favourite"
};

/* "I'm going to X" is a plan only with these, or a time, or a place. */
static const char *const plan_verbs[] = {
	"driving", "expecting", "flying", "getting", "going", "having",
	"heading",
	"leaving", "moving", "planning", "relocating", "starting", "taking",
	"traveling", "travelling", "visiting"
};

/* "I'm going to bed", "I'm going to be honest": never plans. */
static const char *const not_plans[] = {
	"bed", "cry", "die", "scream", "sleep"
};

/* Forms of "be" after a subject. */
static const char *const be_words[] = {
	"'m", "'re", "'s", "am", "are", "is"
};

/* Subject forms that carry "am"/"are": "I'm", "we're". */
static const char *const i_am[] = {
	"i'm", "im", "we're"
};

/* Subject forms that carry "have": "I've", "we've". */
static const char *const i_have[] = {
	"i've", "ive", "we've"
};

/* A person mentioned: "my sister Ana", "my parents", "Priya". */
struct mention {
	size_t		 start;		/* first token */
	size_t		 end;		/* just past the last token */
	const char	*relation;	/* "sister"; NULL for a bare name */
	char		*names[FACT_LIST_ITEMS];
	size_t		 nnames;
	int		 possessive;	/* ends in 's: "my sister's" */
};

/* Who a statement is about: up to a few subjects ("Raj and I"). */
#define FACT_MAX_SUBJECTS 4
struct subjects {
	const char	*names[FACT_MAX_SUBJECTS];
	size_t		 n;
	size_t		 start;		/* first token of the subject */
	int		 negated;	/* "don't", "never", "used to" */
	int		 dont;		/* negated by do + not: "don't like" */
	int		 resolved;	/* found by "he"/"she" */
};

/* Everything one extraction works on. */
struct extract {
	struct token_scan		 s;
	struct fact_list	*out;		/* stated */
	struct fact_list	*retracted;	/* negated */
	struct mention		 mentions[FACT_MAX_MENTIONS];
	size_t			 nmentions;
};

static int
compare_kin(const void *key, const void *member)
{
	return (strcmp(key, ((const struct kin_word *)member)->word));
}

/* The relation of a word for a person or pet ("mum" -> "mother"), or NULL. */
static const char *
kin_relation(const char *fold)
{
	const struct kin_word	*k;

	k = bsearch(fold, kin_words, nitems(kin_words), sizeof kin_words[0],
	    compare_kin);
	return (k != NULL ? k->relation : NULL);
}

static int
compare_kind(const void *key, const void *member)
{
	return (strcmp(key, ((const struct kind_word *)member)->word));
}

/* The relation of a favourite kind ("film" -> "favourite_movie"), or NULL. */
static const char *
favourite_relation(const char *fold)
{
	const struct kind_word	*k;

	k = bsearch(fold, favourite_kinds, nitems(favourite_kinds),
	    sizeof favourite_kinds[0], compare_kind);
	return (k != NULL ? k->relation : NULL);
}

/* The table entry of a relation, or NULL. */
static const struct relation *
relation_find(const char *name)
{
	size_t	i;

	if (name == NULL)
		return (NULL);
	for (i = 0; i < nitems(relations); i++) {
		if (strcmp(relations[i].name, name) == 0)
			return (&relations[i]);
	}
	for (i = 0; i < nitems(groups); i++) {
		if (strcmp(groups[i].name, name) == 0)
			return (&groups[i]);
	}
	return (NULL);
}

/*
 * How to cut a message: abbreviations keep their dot ("St. Louis"), "&"
 * is "and", and two capitals shout ("ANA" as much as "NYC").
 */
static const char *const abbreviations[] = {
	"dr", "jr", "mr", "mrs", "ms", "mt", "prof", "sr", "st"
};
static const struct token_rules fact_rules = {
	abbreviations, nitems(abbreviations), 2, TOKEN_AMPERSAND
};

#ifndef NDEBUG
static void	 check_tables(void);
#endif

/*
 * Cut text into tokens (see core-token.c) and note for each whether a
 * hedge or a reporter ("if", "maybe", "said") comes before it in its
 * sentence since the last "but", so that the checks on a statement cost
 * nothing however long the sentence.
 */
static void
scan_text(struct token_scan *s, const char *text)
{
	size_t	i;
	int	hedged = 0;

#ifndef NDEBUG
	check_tables();
#endif
	token_split(s, text, &fact_rules);
	for (i = 0; i < s->n; i++) {
		s->tokens[i].hedged = hedged;
		if (s->tokens[i].type == TOKEN_STOP ||
		    s->tokens[i].type == TOKEN_QUESTION)
			hedged = 0;
		else if (token_is(s, i, "but"))
			hedged = 0;
		else if (TOKEN_IN(s, i, hedges))
			hedged = 1;
		else if (TOKEN_IN(s, i, reporters) && !(i > 0 &&
		    token_is(s, i - 1, "i") && TOKEN_IN(s, i, own_reporters)))
			hedged = 1;
	}
}

/* Whether token i is a comma or colon inside a clause: "Maya, Leo". */
static int
is_comma(const struct token_scan *s, size_t i)
{
	return (i < s->n && s->tokens[i].type == TOKEN_PAUSE &&
	    (s->tokens[i].punct == ',' || s->tokens[i].punct == ':'));
}

/* Whether token i ends what is read: punctuation or the end. */
static int
ends_here(const struct token_scan *s, size_t i)
{
	return (!token_is_word(s, i));
}

/* Whether the word at i is made of digits only. */
static int
is_number(const struct token_scan *s, size_t i)
{
	const char	*p;

	if (!token_is_word(s, i) || s->tokens[i].fold[0] == '\0')
		return (0);
	for (p = s->tokens[i].fold; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return (0);
	}
	return (p - s->tokens[i].fold <= 4);
}

/* Whether the word at i ends in 's and is base + 's: "sister's". */
static int
possessive_of(const struct token_scan *s, size_t i, char *base, size_t size)
{
	size_t	len;

	if (!token_is_word(s, i))
		return (0);
	len = strlen(s->tokens[i].fold);
	if (len < 3 || len - 2 >= size ||
	    strcmp(s->tokens[i].fold + len - 2, "'s") != 0)
		return (0);
	memcpy(base, s->tokens[i].fold, len - 2);
	base[len - 2] = '\0';
	return (1);
}

/*
 * The length in bytes of a possessive word before its last apostrophe
 * ("Ana's" -> 3, "Ana’s" -> 3), or 0.
 */
static size_t
owner_length(const struct token *t)
{
	uint32_t	cp;
	size_t		off, used, last = 0;

	for (off = 0; off < t->len; off += used) {
		if ((used = utf8_decode(t->start + off, t->len - off,
		    &cp)) == 0)
			return (0);
		if (token_is_apostrophe(cp))
			last = off;
	}
	return (last);
}

/*
 * Whether the word at i may be a word of a name. Capitalised or uncased
 * words may; lowercase ones only when lower is set (after "named",
 * "called", "name is"); shouted ones when the whole message shouts or
 * lower is set.
 */
static int
name_word_ok(const struct token_scan *s, size_t i, int lower)
{
	const struct token	*t;

	if (!token_is_word(s, i))
		return (0);
	t = &s->tokens[i];
	if (t->fold[0] == '\0' || t->len > FACT_WORD_BYTES)
		return (0);
	switch (t->shape) {
	case SHAPE_OTHER:
		return (0);
	case SHAPE_LOWER:
		if (!lower || strlen(t->fold) < 2)
			return (0);
		break;
	case SHAPE_SHOUT:
		if (!lower && !s->shouted)
			return (0);
		break;
	case SHAPE_CAPITAL:
		if (t->len == 1 && t->fold[0] == 'i')
			return (0);
		break;
	case SHAPE_UNCASED:
		break;
	}
	if (token_is_contraction(t->fold))
		return (0);
	if (TOKEN_LEXICON_HAS(never_names, t->fold) ||
	    kin_relation(t->fold) != NULL)
		return (0);
	if (TOKEN_LEXICON_HAS(weekdays, t->fold))
		return (0);
	return (1);
}

/*
 * Append one word as a name: as typed, capitalised when all lowercase
 * (each part after a hyphen too), calmed when shouted ("REX" -> "Rex").
 */
static void
append_name_word(struct buf *out, const struct token *t)
{
	uint32_t	 cp;
	size_t		 off, used;
	int		 capital = 1;
	char		 enc[4];

	if (t->shape != SHAPE_LOWER && t->shape != SHAPE_SHOUT) {
		buf_add(out, t->start, t->len);
		return;
	}
	for (off = 0; off < t->len; off += used) {
		if ((used = utf8_decode(t->start + off, t->len - off,
		    &cp)) == 0)
			return;
		if (t->shape == SHAPE_SHOUT)
			cp = utf8_tolower(cp);
		if (cp == '-' || cp == 0x2010)
			capital = 1;
		else if (utf8_isalpha(cp)) {
			if (capital)
				cp = utf8_toupper(cp);
			capital = 0;
		}
		buf_add(out, enc, utf8_encode(cp, enc));
	}
}

/*
 * Read one name at i: one to three name words (lowercase particles may
 * sit between capitalised ones). Returns the index past it, or i when no
 * name starts there; *name is set (must be freed) when one does.
 */
static size_t
take_name(const struct token_scan *s, size_t i, int lower, char **name)
{
	struct buf	b;
	size_t		j = i, count = 0;

	*name = NULL;
	if (!name_word_ok(s, i, lower))
		return (i);
	buf_init(&b, FACT_WORD_BYTES);
	for (;;) {
		if (count > 0)
			buf_addc(&b, ' ');
		append_name_word(&b, &s->tokens[j]);
		j++;
		count++;
		if (count == FACT_NAME_WORDS)
			break;
		if (TOKEN_IN(s, j, particle_words) &&
		    s->tokens[j].shape == SHAPE_LOWER &&
		    s->tokens[i].shape != SHAPE_LOWER &&
		    name_word_ok(s, j + 1, 0) && count + 2 <= FACT_NAME_WORDS) {
			buf_addc(&b, ' ');
			buf_add(&b, s->tokens[j].start, s->tokens[j].len);
			j++;
			count++;
			continue;
		}
		/* Further words must share the first one's style. */
		if (!name_word_ok(s, j, lower) ||
		    (s->tokens[j].shape == SHAPE_LOWER) !=
		    (s->tokens[i].shape == SHAPE_LOWER))
			break;
	}
	if (b.len == 0 || b.data == NULL) {
		buf_free(&b);
		return (i);
	}
	*name = buf_detach(&b);
	return (j);
}

/*
 * Read a list of names at i: "Maya", "Maya and Leo", "Maya, Leo, and
 * Sam", "Maya & Leo". Returns the index past the list, or i when no name
 * starts there; the names (each must be freed) go to names[].
 */
static size_t
take_names(const struct token_scan *s, size_t i, int lower, char **names,
    size_t *n)
{
	size_t	j, next, k;
	char	*name;

	*n = 0;
	j = take_name(s, i, lower, &name);
	if (j == i)
		return (i);
	names[(*n)++] = name;
	while (*n < FACT_LIST_ITEMS) {
		k = j;
		if (is_comma(s, k))
			k++;
		if (token_is(s, k, "and"))
			k++;
		if (k == j)
			break;
		next = take_name(s, k, lower, &name);
		if (next == k)
			break;
		names[(*n)++] = name;
		j = next;
	}
	return (j);
}

static void
free_names(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
}

/*
 * Append the words from a to b as written, one space between words,
 * commas kept ("Pune, India") and slashes too ("12/03"). Returns the
 * text (must be freed) or NULL when it is empty or too long.
 */
static char *
text_of(const struct token_scan *s, size_t a, size_t b)
{
	struct buf	 out;
	size_t		 i;
	int		 failed = 0, glued = 0;

	buf_init(&out, FACT_OBJECT_BYTES);
	for (i = a; i < b && i < s->n; i++) {
		if (is_comma(s, i) && s->tokens[i].punct == ',') {
			failed |= buf_addc(&out, ',');
			continue;
		}
		if (s->tokens[i].type == TOKEN_PAUSE &&
		    s->tokens[i].punct == '/' && out.len > 0) {
			failed |= buf_addc(&out, '/');
			glued = 1;
			continue;
		}
		if (!token_is_word(s, i))
			continue;
		if (out.len > 0 && !glued)
			failed |= buf_addc(&out, ' ');
		glued = 0;
		failed |= buf_add(&out, s->tokens[i].start, s->tokens[i].len);
	}
	if (failed || out.len == 0 || out.data == NULL) {
		buf_free(&out);
		return (NULL);
	}
	return (buf_detach(&out));
}

/*
 * The first word from token from on, less any filler ("So", "Hey
 * jumbo", "Oh"): a sentence's or a clause's opener. Returns i when there
 * is none within a few tokens of from, in the same sentence.
 */
static size_t
opener(const struct token_scan *s, size_t from, size_t i)
{
	size_t	k, seen = 0;

	for (k = from; k < i && seen < FACT_LOOKBACK; k++) {
		if (s->tokens[k].type == TOKEN_STOP ||
		    s->tokens[k].type == TOKEN_QUESTION)
			break;
		seen++;
		if (token_is_word(s, k) && !TOKEN_IN(s, k, lead_fillers))
			return (k);
	}
	return (i);
}

/* The first token of the clause that holds token i. */
static size_t
clause_start(const struct token_scan *s, size_t i)
{
	return (s->tokens[i].clause);
}

/*
 * Whether the statement starting at token first sits in a question: a
 * sentence ending in "?" that (or whose clause) opens with a question
 * word, or one opening with "do I", "is my"... even without "?".
 */
static int
in_question(const struct token_scan *s, size_t first)
{
	size_t	start, k;

	if (first >= s->n)
		return (0);
	start = s->tokens[first].sentence;
	k = opener(s, start, s->n);
	if (TOKEN_IN(s, k, question_auxiliaries) &&
	    TOKEN_IN(s, k + 1, question_subjects))
		return (1);
	if (!s->tokens[first].asks)
		return (0);
	if (TOKEN_IN(s, k, question_openers))
		return (1);
	k = opener(s, clause_start(s, first), s->n);
	return (k <= first && TOKEN_IN(s, k, question_openers));
}

/*
 * Whether the statement starting at token first is hedged or reported:
 * a word of hedges or reporters earlier in its sentence (since the last
 * "but"). "I told you" and "I said" are the person's own words.
 */
static int
hedged(const struct token_scan *s, size_t first)
{
	return (first < s->n && s->tokens[first].hedged);
}

/* Add a fact to a list unless it is there already or the list is full. */
static void
list_add(struct fact_list *list, const char *subject, const char *relation,
    const char *object, double confidence)
{
	struct fact	*f;
	size_t		 i;

	if (list == NULL || subject == NULL || relation == NULL ||
	    object == NULL || *subject == '\0' || *object == '\0' ||
	    list->count >= FACT_MAX_FACTS)
		return;
	for (i = 0; i < list->count; i++) {
		f = &list->items[i];
		if (strcmp(f->subject, subject) == 0 &&
		    strcmp(f->relation, relation) == 0 &&
		    strcmp(f->object, object) == 0)
			return;
	}
	list->items = xreallocarray(list->items, list->count + 1,
	    sizeof *list->items);
	f = &list->items[list->count++];
	f->subject = xstrdup(subject);
	f->relation = xstrdup(relation);
	f->object = xstrdup(object);
	f->confidence = confidence;
}

/* Record a fact for each subject, stated or negated. */
static void
emit(struct extract *x, const struct subjects *who, const char *relation,
    const char *object, double confidence)
{
	size_t	i;

	if (who->resolved)
		confidence *= 0.8;
	for (i = 0; i < who->n; i++) {
		/* No one is their own relative. */
		if (strcmp(who->names[i], object) == 0)
			continue;
		list_add(who->negated ? x->retracted : x->out, who->names[i],
		    relation, object, confidence);
	}
}

/* Record a fact about the person. */
static void
emit_user(struct extract *x, int negated, const char *relation,
    const char *object, double confidence)
{
	struct subjects	who;

	memset(&who, 0, sizeof who);
	who.names[who.n++] = "user";
	who.negated = negated;
	emit(x, &who, relation, object, confidence);
}

/* Whether the statement at first may be taken: not asked, hedged, reported. */
static int
statement_ok(const struct token_scan *s, size_t first)
{
	return (!in_question(s, first) && !hedged(s, first));
}

/* Remember a mention. Takes the names. */
static struct mention *
mention_add(struct extract *x, size_t start, size_t end,
    const char *relation, char **names, size_t n)
{
	struct mention	*m;
	size_t		 i;

	if (x->nmentions == FACT_MAX_MENTIONS) {
		free_names(names, n);
		return (NULL);
	}
	m = &x->mentions[x->nmentions++];
	memset(m, 0, sizeof *m);
	m->start = start;
	m->end = end;
	m->relation = relation;
	for (i = 0; i < n; i++)
		m->names[i] = names[i];
	m->nnames = n;
	return (m);
}

static void
mentions_free(struct extract *x)
{
	size_t	i;

	for (i = 0; i < x->nmentions; i++)
		free_names(x->mentions[i].names, x->mentions[i].nnames);
	x->nmentions = 0;
}

/* The mention that ends just before token end, or NULL. */
static const struct mention *
mention_ending(const struct extract *x, size_t end)
{
	size_t	i;

	for (i = x->nmentions; i > 0; i--) {
		if (x->mentions[i - 1].end == end)
			return (&x->mentions[i - 1]);
	}
	return (NULL);
}

/* The last mention that ends before token i, or NULL. */
static const struct mention *
mention_before(const struct extract *x, size_t i)
{
	const struct mention	*best = NULL;
	size_t			 k;

	for (k = 0; k < x->nmentions; k++) {
		if (x->mentions[k].end <= i &&
		    (best == NULL || x->mentions[k].end > best->end))
			best = &x->mentions[k];
	}
	return (best);
}

/* The name a mention gave for a word, or NULL: a name said before. */
static const char *
mention_named(const struct extract *x, const struct token_scan *s, size_t i)
{
	char		*name;
	const char	*found = NULL;
	size_t		 k, j, end;

	end = take_name(s, i, 0, &name);
	if (end != i + 1) {
		free(name);
		return (NULL);
	}
	for (k = 0; k < x->nmentions && found == NULL; k++) {
		for (j = 0; j < x->mentions[k].nnames; j++) {
			if (strcmp(x->mentions[k].names[j], name) == 0) {
				found = x->mentions[k].names[j];
				break;
			}
		}
	}
	free(name);
	return (found);
}

/* Add the people of a mention to who. */
static void
subjects_from_mention(struct subjects *who, const struct mention *m)
{
	size_t	i;

	if (m->nnames == 0) {
		if (m->relation != NULL && who->n < FACT_MAX_SUBJECTS)
			who->names[who->n++] = m->relation;
		return;
	}
	for (i = 0; i < m->nnames && who->n < FACT_MAX_SUBJECTS; i++)
		who->names[who->n++] = m->names[i];
}

/*
 * Find who a phrase starting at token v is about, in the words before
 * it: adverbs and negations are skipped ("I really don't", "we've also
 * been"), then comes "I" or "we", or a person mentioned ("my sister Ana",
 * "Ana", "who" after a mention, "he" or "she" for the last one), or both
 * sides of "X and I" / "me and X". Hedging words between them ("I would
 * love") leave no subject. Returns 1 with who filled, or 0.
 */
static int
find_subjects(const struct extract *x, size_t v, struct subjects *who)
{
	const struct token_scan	*s = &x->s;
	const struct mention	*m;
	const char		*named;
	size_t			 k = v, steps, len;
	int			 progressive;

	memset(who, 0, sizeof *who);
	len = token_is_word(s, v) ? strlen(s->tokens[v].fold) : 0;
	progressive = len > 4 &&
	    strcmp(s->tokens[v].fold + len - 3, "ing") == 0;
	for (steps = 0; steps < FACT_LOOKBACK && k > 0; steps++) {
		if (!token_is_word(s, k - 1)) {
			/* "my oldest friend, Kwame, is a doctor" */
			if (is_comma(s, k - 1) &&
			    (m = mention_ending(x, k - 1)) != NULL &&
			    m->nnames > 0) {
				k--;
				continue;
			}
			return (0);
		}
		if (TOKEN_IN(s, k - 1, adverbs) || (progressive &&
		    TOKEN_IN(s, k - 1, be_words))) {
			k--;
			continue;
		}
		if (TOKEN_IN(s, k - 1, negators)) {
			who->negated = 1;
			if (token_is(s, k - 1, "don't") ||
			    token_is(s, k - 1, "dont") ||
			    token_is(s, k - 1, "doesn't") ||
			    token_is(s, k - 1, "doesnt") ||
			    (token_is(s, k - 1, "not") && k >= 2 &&
			    (token_is(s, k - 2, "do") ||
			    token_is(s, k - 2, "does"))))
				who->dont = 1;
			k--;
			continue;
		}
		if (token_is(s, k - 1, "longer") && token_is(s, k - 2, "no")) {
			who->negated = 1;
			k -= 2;
			continue;
		}
		if (token_is(s, k - 1, "to") && token_is(s, k - 2, "used")) {
			who->negated = 1;
			k -= 2;
			continue;
		}
		break;
	}
	if (k == 0 || !token_is_word(s, k - 1))
		return (0);
	k--;
	who->start = k;

	/* "I'm going", "I'm married to"; not "I'm like" */
	if (TOKEN_IN(s, k, i_am) && !progressive && (len < 4 ||
	    strcmp(s->tokens[v].fold + len - 2, "ed") != 0))
		return (0);
	if (token_is(s, k, "i") || token_is(s, k, "we") ||
	    TOKEN_IN(s, k, i_am) || TOKEN_IN(s, k, i_have)) {
		who->names[who->n++] = "user";
		/* "my wife and I", "my partner Alex and I" */
		if (k >= 2 && token_is(s, k - 1, "and") &&
		    (m = mention_ending(x, k - 1)) != NULL) {
			subjects_from_mention(who, m);
			who->start = m->start;
		}
		return (1);
	}
	if ((m = mention_ending(x, k + 1)) != NULL && !m->possessive) {
		subjects_from_mention(who, m);
		who->start = m->start;
		/* "me and my husband Raj" */
		if (m->start >= 2 && token_is(s, m->start - 1, "and") &&
		    (token_is(s, m->start - 2, "me") ||
		    token_is(s, m->start - 2, "i")) &&
		    who->n < FACT_MAX_SUBJECTS) {
			who->names[who->n++] = "user";
			who->start = m->start - 2;
		}
		return (who->n > 0);
	}
	if ((token_is(s, k, "who") || token_is(s, k, "that")) && k > 0) {
		if ((m = mention_ending(x, k)) != NULL ||
		    (is_comma(s, k - 1) &&
		    (m = mention_ending(x, k - 1)) != NULL)) {
			subjects_from_mention(who, m);
			who->start = m->start;
			return (who->n > 0);
		}
		return (0);
	}
	if (token_is(s, k, "he") || token_is(s, k, "she")) {
		m = mention_before(x, k);
		if (m == NULL || m->possessive || (m->nnames == 0 &&
		    m->relation == NULL) || m->nnames > 1)
			return (0);
		subjects_from_mention(who, m);
		who->resolved = 1;
		return (who->n > 0);
	}
	if ((named = mention_named(x, s, k)) != NULL) {
		who->names[who->n++] = named;
		return (1);
	}
	return (0);
}

/*
 * Find the subjects of a phrase at v, and check that it is a statement.
 * Returns 1 when it may be taken.
 */
static int
subject_for(const struct extract *x, size_t v, struct subjects *who)
{
	if (!find_subjects(x, v, who))
		return (0);
	return (statement_ok(&x->s, who->start));
}

/* Whether the word at i is a time word after "next", "this", "every". */
static int
is_time_noun(const struct token_scan *s, size_t i)
{
	return (TOKEN_IN(s, i, time_nouns) || TOKEN_IN(s, i, weekdays));
}

/*
 * The length of a time phrase at i ("last year", "every morning", "on
 * weekends", "right now", "at the moment", "so much", "a lot"), or 0.
 */
static size_t
time_tail(const struct token_scan *s, size_t i)
{
	static const char *const heads[] = {
		"all", "each", "every", "last", "most", "next", "some", "this"
	};

	if (!token_is_word(s, i))
		return (0);
	if (TOKEN_IN(s, i, heads) && is_time_noun(s, i + 1))
		return (2);
	if ((token_is(s, i, "on") || token_is(s, i, "at")) &&
	    (is_time_noun(s, i + 1) || token_is(s, i + 1, "night")))
		return (2);
	if ((token_is(s, i, "in") || token_is(s, i, "at") ||
	    token_is(s, i, "for")) && token_is(s, i + 1, "the") &&
	    (is_time_noun(s, i + 2) || token_is(s, i + 2, "moment") ||
	    token_is(s, i + 2, "past")))
		return (3);
	if (token_is(s, i, "right") && token_is(s, i + 1, "now"))
		return (2);
	if (token_is(s, i, "so") || token_is(s, i, "very") ||
	    token_is(s, i, "too"))
		return (token_is(s, i + 1, "much") ? 2 : 0);
	if (token_is(s, i, "a") && (token_is(s, i + 1, "lot") ||
	    token_is(s, i + 1, "bit") || token_is(s, i + 1, "little")) &&
	    ends_here(s, i + 2))
		return (2);
	if (token_is(s, i, "these") && token_is(s, i + 1, "days"))
		return (2);
	if (token_is(s, i, "for") && (is_number(s, i + 1) ||
	    token_is(s, i + 1, "a") || token_is(s, i + 1, "ten") ||
	    token_is(s, i + 1, "two") || token_is(s, i + 1, "three") ||
	    token_is(s, i + 1, "five") || token_is(s, i + 1, "many") ||
	    token_is(s, i + 1, "years")))
		return (3);
	if (token_is(s, i, "after") && (token_is(s, i + 1, "work") ||
	    token_is(s, i + 1, "school")))
		return (2);
	if (token_is(s, i, "in") && token_is(s, i + 1, "my") &&
	    token_is(s, i + 2, "free") && token_is(s, i + 3, "time"))
		return (4);
	return (0);
}

/* Ways of reading an object. */
#define READ_PLACE	0x01	/* "Boston", "a small town near Leeds" */
#define READ_THING	0x02	/* "hiking", "Italian food" */
#define READ_LIST	0x04	/* split at "and" and commas */
#define READ_KEEP_THE	0x08	/* keep a leading article */

/*
 * Read a place or a thing at i: words until the clause ends, a stop word
 * ("because", "with", "now", "but"...) or a time phrase ("last year").
 * With READ_LIST, "and" and commas split it into items; otherwise "and"
 * ends it unless a lone capitalised word closes the clause ("Trinidad and
 * Tobago"). A place may take ", Country" ("Pune, India"). The items go to
 * out[] (each must be freed). Returns the number of items.
 */
static size_t
read_object(const struct token_scan *s, size_t i, int flags, char **out,
    size_t max, size_t *endp)
{
	size_t	j, a, n = 0, words;
	char	*text;

	a = i;
	words = 0;
	for (j = i;; j++) {
		int	split = 0, stop = 0;

		if (ends_here(s, j)) {
			/* "Pune, India" */
			if ((flags & READ_PLACE) && is_comma(s, j) &&
			    s->tokens[j].punct == ',' && j > a &&
			    token_is_word(s, j + 1) &&
			    s->tokens[j + 1].shape == SHAPE_CAPITAL &&
			    !TOKEN_IN(s, j + 1, never_names) &&
			    ends_here(s, j + 2) && !is_comma(s, j + 2)) {
				j += 1;
				continue;
			}
			if ((flags & READ_LIST) && is_comma(s, j) &&
			    s->tokens[j].punct == ',' &&
			    token_is_word(s, j + 1) &&
			    !token_is(s, j + 1, "but") &&
			    !token_is(s, j + 1, "i") &&
			    !token_is(s, j + 1, "which"))
				split = 1;
			else
				stop = 1;
		} else if (token_is(s, j, "and") || token_is(s, j, "or")) {
			if (token_is(s, j + 1, "i") ||
			    token_is(s, j + 1, "my") ||
			    token_is(s, j + 1, "we") ||
			    TOKEN_IN(s, j + 1, i_am) ||
			    token_is(s, j + 1, "he") ||
			    token_is(s, j + 1, "she"))
				stop = 1;
			else if (flags & READ_LIST)
				split = 1;
			else if ((flags & READ_PLACE) &&
			    token_is_word(s, j + 1) &&
			    s->tokens[j + 1].shape == SHAPE_CAPITAL &&
			    ends_here(s, j + 2))
				continue;
			else
				stop = 1;
		} else if (time_tail(s, j) != 0 ||
		    TOKEN_IN(s, j, object_stops) || (token_is(s, j, "that") &&
		    !(flags & READ_PLACE)) ||
		    (token_is(s, j, "in") && j > a) ||
		    (!(flags & READ_PLACE) && j > a && (token_is(s, j, "on") ||
		    token_is(s, j, "at")))) {
			stop = 1;
		} else if (words >= FACT_OBJECT_WORDS) {
			return (n);	/* too long to be one thing */
		} else {
			words++;
			continue;
		}
		if (j > a && n < max && !(flags & READ_PLACE) &&
		    (token_is(s, j, "who") || token_is(s, j, "which") ||
		    token_is(s, j, "that") || token_is(s, j, "when") ||
		    token_is(s, j, "whenever") || token_is(s, j, "where") ||
		    token_is(s, j, "whose"))) {
			/* "people who chew loudly": the rest is the point */
		} else if (j > a && n < max) {
			if (TOKEN_IN(s, a, object_rejects) &&
			    !(flags & READ_KEEP_THE && (token_is(s, a, "the") ||
			    token_is(s, a, "a") || token_is(s, a, "an")))) {
				/* "I love my job", "I hate when..." */
			} else if (j == a + 1 && TOKEN_IN(s, a, bare_adverbs)) {
				/* "I study hard" */
			} else if ((text = text_of(s, a, j)) != NULL)
				out[n++] = text;
		}
		if (stop || !split || n == max)
			break;
		/* Past "and", ", and" or ",". */
		if (is_comma(s, j) && token_is(s, j + 1, "and"))
			j++;
		a = j + 1;
		words = 0;
		if (token_is(s, a, "and")) {
			a++;
			j++;
		}
	}
	*endp = j;
	return (n);
}

/* Read a single object; returns it (must be freed) or NULL. */
static char *
read_one(const struct token_scan *s, size_t i, int flags)
{
	char	*items[1];
	size_t	 end;

	if (read_object(s, i, flags & ~READ_LIST, items, 1, &end) == 0)
		return (NULL);
	return (items[0]);
}

/* Emit every item of a list object for who. */
static void
emit_list(struct extract *x, const struct subjects *who,
    const char *relation, size_t i, int flags, double confidence)
{
	char	*items[FACT_LIST_ITEMS];
	size_t	 n, k, end;

	n = read_object(&x->s, i, flags | READ_LIST, items, nitems(items),
	    &end);
	for (k = 0; k < n; k++) {
		emit(x, who, relation, items[k], confidence);
		free(items[k]);
	}
}

/* Emit a single object for who. */
static void
emit_one(struct extract *x, const struct subjects *who,
    const char *relation, size_t i, int flags, double confidence)
{
	char	*object;

	if ((object = read_one(&x->s, i, flags)) == NULL)
		return;
	emit(x, who, relation, object, confidence);
	free(object);
}

/*
 * Pass 1: people. Record each mention and emit (user, KIN, NAME) for each
 * name given. See the top of the file for the shapes read.
 */

/*
 * Read "[adjectives] KIN" at i. Returns the index past KIN with *relation
 * set, or i. "best" before friend makes best_friend; "KIN's" sets
 * *possessive.
 */
static size_t
read_kin(const struct token_scan *s, size_t i, const char **relation,
    int *possessive)
{
	char		 base[FACT_WORD_BYTES + 1];
	size_t		 j = i;
	int		 best = 0;

	*relation = NULL;
	*possessive = 0;
	while (j < i + 3 && TOKEN_IN(s, j, kin_adjectives) &&
	    (kin_relation(s->tokens[j].fold) == NULL ||
	    kin_relation(s->tokens[j + 1].fold) != NULL)) {
		if (token_is(s, j, "best"))
			best = 1;
		j++;
	}
	if (!token_is_word(s, j))
		return (i);
	if ((*relation = kin_relation(s->tokens[j].fold)) == NULL &&
	    possessive_of(s, j, base, sizeof base) &&
	    (*relation = kin_relation(base)) != NULL)
		*possessive = 1;
	if (*relation == NULL) {
		/* "guinea pig" */
		if (token_is(s, j, "guinea") && (token_is(s, j + 1, "pig") ||
		    token_is(s, j + 1, "pigs"))) {
			*relation = "guinea_pig";
			return (j + 2);
		}
		return (i);
	}
	if (best && strcmp(*relation, "friend") == 0)
		*relation = "best_friend";
	/* "german shepherd", "golden retriever": the dog is the kin. */
	if (kin_relation(s->tokens[j].fold) != NULL &&
	    token_is_word(s, j + 1) &&
	    strcmp(*relation, "dog") != 0 &&
	    kin_relation(s->tokens[j + 1].fold) != NULL &&
	    strcmp(kin_relation(s->tokens[j + 1].fold), "dog") == 0 &&
	    token_is(s, j, "german"))
		return (j + 2);
	return (j + 1);
}

/* Whether the words from i are "name is", "names are", "name's". */
static size_t
name_is(const struct token_scan *s, size_t i)
{
	if ((token_is(s, i, "name") || token_is(s, i, "names")) &&
	    (token_is(s, i + 1, "is") || token_is(s, i + 1, "are")))
		return (i + 2);
	if (token_is(s, i, "name's"))
		return (i + 1);
	return (i);
}

/* Whether the words from i are "named", "called", "is called"... */
static size_t
called(const struct token_scan *s, size_t i)
{
	size_t	j = i;

	if (token_is(s, j, "is") || token_is(s, j, "are") ||
	    token_is(s, j, "was"))
		j++;
	if (token_is(s, j, "named") || token_is(s, j, "called") ||
	    token_is(s, j, "nicknamed"))
		return (j + 1);
	return (i);
}

/* Emit (user, relation, name) for names and record the mention. */
static void
people_found(struct extract *x, size_t start, size_t end,
    const char *relation, char **names, size_t n, int negated)
{
	size_t	k;

	for (k = 0; k < n; k++)
		emit_user(x, negated, relation, names[k], 0.9);
	mention_add(x, start, end, relation, names, n);
}

/*
 * "my [adj] KIN ...": the names after it, "KIN's name is NAME", "KIN
 * is/are NAMES", "KIN is called NAME", or a mention without a name.
 * Returns the index to go on from.
 */
static size_t
people_my(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	const char		*relation;
	char			*names[FACT_LIST_ITEMS];
	size_t			 j, k, end, n;
	int			 possessive, ok, lower;
	struct mention		*m;

	j = read_kin(s, i + 1, &relation, &possessive);
	if (j == i + 1)
		return (i + 1);
	ok = statement_ok(s, i);
	if (possessive) {
		/* "my neighbour's dog": not the person's dog. */
		if (token_is_word(s, j) &&
		    kin_relation(s->tokens[j].fold) != NULL)
			return (j + 1);
		if ((k = name_is(s, j)) != j) {
			end = take_names(s, k, 1, names, &n);
			if (n > 0 && ok) {
				people_found(x, i, end, relation, names, n, 0);
				return (end);
			}
			free_names(names, n);
			return (k);
		}
		if ((m = mention_add(x, i, j, relation, NULL, 0)) != NULL)
			m->possessive = 1;
		return (j);
	}
	/* "my kids' names are" (the apostrophe is dropped) */
	if ((k = name_is(s, j)) != j) {
		end = take_names(s, k, 1, names, &n);
		if (n > 0 && ok) {
			people_found(x, i, end, relation, names, n, 0);
			return (end);
		}
		free_names(names, n);
	}
	/* "my sister Ana", "my oldest friend, Kwame," */
	k = is_comma(s, j) ? j + 1 : j;
	lower = !s->shouted && token_is_word(s, k) &&
	    s->tokens[k].shape == SHAPE_LOWER && ends_here(s, k + 1) == 0 &&
	    (token_is(s, k + 1, "lives") || token_is(s, k + 1, "works") ||
	    token_is(s, k + 1, "is"));
	end = take_names(s, k, lower, names, &n);
	if (n > 0 && (k == j || is_comma(s, end) || ends_here(s, end))) {
		if (ok) {
			people_found(x, i, end, relation, names, n, 0);
			return (end);
		}
		free_names(names, n);
		return (end);
	}
	free_names(names, n);
	/* "my hamster is called Nibbles" */
	if ((k = called(s, j)) != j) {
		end = take_names(s, k, 1, names, &n);
		if (n > 0 && ok) {
			people_found(x, i, end, relation, names, n, 0);
			return (end);
		}
		free_names(names, n);
	}
	/* "my best friends are Charvik and Devansh", "my sister is Ana" */
	if (token_is(s, j, "is") || token_is(s, j, "are")) {
		end = take_names(s, j + 1, 0, names, &n);
		if (n > 0 && ends_here(s, end) && ok) {
			people_found(x, i, end, relation, names, n, 0);
			return (end);
		}
		free_names(names, n);
	}
	mention_add(x, i, j, relation, NULL, 0);
	return (j);
}

/*
 * "NAMES is/are my [adj] KIN": "Priya is my best friend", "Sam is my
 * friend and he lives in Rome". Returns the index to go on from.
 */
static size_t
people_is_my(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	const char		*relation;
	char			*names[FACT_LIST_ITEMS];
	size_t			 a, end, n, j;
	int			 possessive;

	if (!token_is(s, i + 1, "my") && !token_is(s, i + 1, "our"))
		return (i + 1);
	j = read_kin(s, i + 2, &relation, &possessive);
	if (j == i + 2 || possessive || (!ends_here(s, j) &&
	    !token_is(s, j, "and") && !token_is(s, j, "but") &&
	    !token_is(s, j, "who") && !token_is(s, j, "too")))
		return (i + 1);
	/* Walk back to where the list of names starts. */
	for (a = i; a > s->tokens[i].sentence && token_is_word(s, a - 1) &&
	    i - a < 3 * FACT_LIST_ITEMS; a--)
		;
	while (a < i) {
		end = take_names(s, a, 0, names, &n);
		if (n > 0 && end == i) {
			if (statement_ok(s, a))
				people_found(x, a, j, relation, names, n, 0);
			else
				free_names(names, n);
			return (j);
		}
		free_names(names, n);
		a++;
	}
	return (i + 1);
}

/*
 * "I have [a, two] [adj] KIN [named, called, ','] NAMES", "I've got a
 * golden retriever called Sunny", and more of them later in the sentence
 * ("and a daughter called Lily"). A pet without a name is (user, pet,
 * "two cats"). Returns the index to go on from.
 */
static size_t
people_have(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	const char		*relation;
	char			*names[FACT_LIST_ITEMS], *text;
	size_t			 j, k, end, n, count;
	int			 possessive, ok;

	/* "I have", "we have", "my wife and I have": the person's */
	if (!find_subjects(x, i, &who) || strcmp(who.names[0], "user") != 0)
		return (i + 1);
	if (token_is(s, i, "got") && token_is(s, i + 1, "married"))
		return (i + 1);
	ok = statement_ok(s, who.start);
	j = i + 1;
	if (token_is(s, i, "have") && token_is(s, j, "got"))
		j++;
	for (;;) {
		count = j;
		if (!TOKEN_IN(s, j, count_words))
			return (j);
		j++;
		k = read_kin(s, j, &relation, &possessive);
		if (k == j || possessive)
			return (j);
		n = 0;
		end = k;
		if (is_comma(s, k))
			end = take_names(s, k + 1, 0, names, &n);
		else if (called(s, k) != k)
			end = take_names(s, called(s, k), 1, names, &n);
		if (n == 0)
			end = k;
		if (n > 0) {
			if (ok && !who.negated)
				people_found(x, count, end, relation, names,
				    n, 0);
			else
				free_names(names, n);
		} else if (relation_find(relation) != NULL &&
		    (relation_find(relation)->flags & REL_PET) &&
		    ends_here(s, k) && !is_comma(s, k) && ok) {
			/* "I have a dog.", "I have two cats." */
			if (token_is(s, count, "a") || token_is(s, count, "an"))
				text = text_of(s, count + 1, k);
			else
				text = text_of(s, count, k);
			if (text != NULL)
				emit_user(x, who.negated, "pet", text, 0.8);
			free(text);
			return (k);
		} else {
			mention_add(x, count, k, relation, NULL, 0);
			end = k;
		}
		/* "... and a daughter called Lily" */
		if (token_is(s, end, "and") &&
		    TOKEN_IN(s, end + 1, count_words))
			j = end + 1;
		else if (is_comma(s, end) && token_is(s, end + 1, "and") &&
		    TOKEN_IN(s, end + 2, count_words))
			j = end + 2;
		else
			return (end);
	}
}

/* "married to NAME": (user, partner, NAME); "engaged to NAME": fiance. */
static void
people_married(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	const char		*relation;
	char			*names[FACT_LIST_ITEMS];
	size_t			 end, n, k;

	if (!token_is(s, i + 1, "to"))
		return;
	k = i;
	if (k > 0 && (token_is(s, k - 1, "got") || token_is(s, k - 1, "been")))
		k--;
	if (!subject_for(x, k, &who) || who.n != 1 ||
	    strcmp(who.names[0], "user") != 0)
		return;
	end = take_names(s, i + 2, 0, names, &n);
	if (n != 1) {
		free_names(names, n);
		return;
	}
	relation = token_is(s, i, "engaged") ? "fiance" : "partner";
	emit_user(x, who.negated, relation, names[0], 0.9);
	if (!who.negated)
		mention_add(x, i + 2, end, relation, names, n);
	else
		free_names(names, n);
}

/*
 * "his name is Biscuit", "her name's Leela": the name of the last person
 * or pet mentioned without one ("We adopted a puppy and his name is
 * Biscuit"). Returns the index to go on from.
 */
static size_t
people_their_name(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	struct mention		*m = NULL;
	char			*names[FACT_LIST_ITEMS];
	size_t			 k, end, n;

	if ((k = name_is(s, i + 1)) == i + 1)
		return (i + 1);
	for (n = x->nmentions; n > 0; n--) {
		if (x->mentions[n - 1].end <= i) {
			m = &x->mentions[n - 1];
			break;
		}
	}
	if (m == NULL || m->nnames > 0 || m->possessive ||
	    m->relation == NULL)
		return (k);
	end = take_names(s, k, 1, names, &n);
	if (n == 0)
		return (k);
	if (!statement_ok(s, i)) {
		free_names(names, n);
		return (end);
	}
	for (k = 0; k < n; k++) {
		emit_user(x, 0, m->relation, names[k], 0.8);
		m->names[k] = names[k];
	}
	m->nnames = n;
	return (end);
}

/* Pass 1 over the whole message. */
static void
read_people(struct extract *x)
{
	const struct token_scan	*s = &x->s;
	size_t			 i = 0;

	while (i < s->n) {
		if (!token_is_word(s, i)) {
			i++;
			continue;
		}
		if (token_is(s, i, "my") || token_is(s, i, "our")) {
			i = people_my(x, i);
			continue;
		}
		if (token_is(s, i, "is") || token_is(s, i, "are")) {
			i = people_is_my(x, i);
			continue;
		}
		if (token_is(s, i, "have") || token_is(s, i, "got") ||
		    token_is(s, i, "has") || token_is(s, i, "adopted") ||
		    token_is(s, i, "rescued")) {
			i = people_have(x, i);
			continue;
		}
		if (token_is(s, i, "married") || token_is(s, i, "engaged"))
			people_married(x, i);
		if (token_is(s, i, "his") || token_is(s, i, "her") ||
		    token_is(s, i, "their") || token_is(s, i, "its")) {
			i = people_their_name(x, i);
			continue;
		}
		i++;
	}
}

/*
 * Pass 2: statements. Each reader is tried at every word and emits what
 * it finds; see the top of the file.
 */

/*
 * Find the subject of a copula phrase whose complement starts at c: "I'm
 * a", "I am a", "my dad is a", "he's a", "I'm not a". Returns 1 with who
 * filled.
 */
static int
copula_subject(const struct extract *x, size_t c, struct subjects *who)
{
	const struct token_scan	*s = &x->s;
	size_t			 k = c;
	int			 negated = 0;
	char			 base[FACT_WORD_BYTES + 1];
	const char		*named;
	const struct mention	*m;
	int			 been = 0;

	while (k > 0 && (TOKEN_IN(s, k - 1, adverbs) ||
	    token_is(s, k - 1, "not") || token_is(s, k - 1, "never") ||
	    (token_is(s, k - 1, "longer") && token_is(s, k - 2, "no")))) {
		if (token_is(s, k - 1, "not") || token_is(s, k - 1, "never") ||
		    token_is(s, k - 1, "longer"))
			negated = 1;
		if (token_is(s, k - 1, "longer"))
			k--;
		if (token_is(s, k - 1, "been"))
			been = 1;
		k--;
		if (c - k > FACT_LOOKBACK)
			return (0);
	}
	if (k == 0 || !token_is_word(s, k - 1))
		return (0);
	/* "I've been a nurse for years", "I have been vegan" */
	if (been && (TOKEN_IN(s, k - 1, i_have) || token_is(s, k - 1, "i") ||
	    token_is(s, k - 1, "we"))) {
		memset(who, 0, sizeof *who);
		who->names[who->n++] = "user";
		who->start = k - 1;
		who->negated = negated;
		return (statement_ok(s, who->start));
	}
	if (TOKEN_IN(s, k - 1, i_am) || token_is(s, k - 1, "he's") ||
	    token_is(s, k - 1, "she's") || token_is(s, k - 1, "isn't") ||
	    token_is(s, k - 1, "aren't")) {
		if (token_is(s, k - 1, "isn't") ||
		    token_is(s, k - 1, "aren't")) {
			negated = 1;
			if (!find_subjects(x, k - 1, who))
				return (0);
		} else if (token_is(s, k - 1, "he's") ||
		    token_is(s, k - 1, "she's")) {
			memset(who, 0, sizeof *who);
			m = mention_before(x, k - 1);
			if (m == NULL || m->possessive || m->nnames > 1 ||
			    (m->nnames == 0 && m->relation == NULL))
				return (0);
			subjects_from_mention(who, m);
			who->resolved = 1;
			who->start = k - 1;
		} else {
			memset(who, 0, sizeof *who);
			who->names[who->n++] = "user";
			who->start = k - 1;
		}
	} else if (TOKEN_IN(s, k - 1, be_words)) {
		if (!find_subjects(x, k - 1, who))
			return (0);
		negated |= who->negated;
	} else if (possessive_of(s, k - 1, base, sizeof base) &&
	    strcmp(base, "it") != 0 && strcmp(base, "that") != 0 &&
	    strcmp(base, "what") != 0 && strcmp(base, "there") != 0 &&
	    strcmp(base, "here") != 0 && strcmp(base, "who") != 0) {
		/* "Ana's a doctor" */
		if ((named = mention_named(x, s, k - 1)) == NULL)
			return (0);
		memset(who, 0, sizeof *who);
		who->names[who->n++] = named;
		who->start = k - 1;
	} else
		return (0);
	who->negated = negated || who->negated;
	return (statement_ok(s, who->start));
}

/* Whether a capitalised word is among the words from a to b. */
static int
capital_within(const struct token_scan *s, size_t a, size_t b)
{
	size_t	i;

	for (i = a; i < b && token_is_word(s, i); i++) {
		if (s->tokens[i].shape == SHAPE_CAPITAL ||
		    s->tokens[i].shape == SHAPE_SHOUT ||
		    s->tokens[i].shape == SHAPE_UNCASED)
			return (1);
	}
	return (0);
}

/*
 * Where a job that starts at i ends: up to three words before a head
 * noun from occupations ("freelance graphic designer", "ER nurse"), or
 * "stay at home dad". Returns the index past it, or i.
 */
static size_t
job_head(const struct token_scan *s, size_t i)
{
	size_t	j;

	if (token_is(s, i, "stay") && token_is(s, i + 1, "at") &&
	    token_is(s, i + 2, "home") && (token_is(s, i + 3, "dad") ||
	    token_is(s, i + 3, "mom") || token_is(s, i + 3, "mum") ||
	    token_is(s, i + 3, "parent")))
		return (i + 4);
	for (j = i; j < i + 4 && token_is_word(s, j); j++) {
		if (TOKEN_IN(s, j, occupations) &&
		    !TOKEN_IN(s, j + 1, occupations) &&
		    !(token_is_word(s, j + 1) &&
		    !TOKEN_IN(s, j + 1, object_stops) &&
		    !token_is(s, j + 1, "and") && !token_is(s, j + 1, "in") &&
		    !token_is(s, j + 1, "but") && !token_is(s, j + 1, "of") &&
		    !token_is(s, j + 1, "who") && time_tail(s, j + 1) == 0))
			return (j + 1);
		/* "freelance graphic", "UX", "ER": any word but glue */
		if (s->tokens[j].shape == SHAPE_OTHER ||
		    s->tokens[j].fold[0] == '\0')
			return (i);
		if (s->tokens[j].shape != SHAPE_SHOUT &&
		    (TOKEN_LEXICON_HAS(never_names, s->tokens[j].fold) ||
		    TOKEN_LEXICON_HAS(object_stops, s->tokens[j].fold)))
			return (i);
	}
	return (i);
}

/*
 * After a job, "at X" or "for X" is the workplace (the school for a
 * student): "a nurse at St Mary's Hospital".
 */
static void
job_place(struct extract *x, const struct subjects *who, size_t i,
    int student)
{
	if ((!token_is(&x->s, i, "at") && !token_is(&x->s, i, "for")) ||
	    time_tail(&x->s, i) != 0 || is_time_noun(&x->s, i + 1) ||
	    is_number(&x->s, i + 1))
		return;
	emit_one(x, who, student ? "school" : "workplace", i + 1,
	    READ_PLACE | READ_KEEP_THE, 0.8);
}

/*
 * "I'm a teacher", "my dad is a retired pilot", "I'm an engineer at
 * Stripe", "I'm a stay at home dad"; "I'm 34", "my son is 5 years old";
 * "I'm vegan"; "I'm diabetic"; "I'm allergic to..."; "I'm from..."; "I'm
 * into jazz"; "I'm a big fan of X", "I'm a huge Arsenal fan"; "I'm not a
 * fan of X".
 */
static void
read_copula(struct extract *x, size_t c)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	const char		*relation;
	size_t			 j, head, a;
	char			*text;

	if (!copula_subject(x, c, &who))
		return;
	j = c;
	/* "a big fan of Radiohead", "not a fan of spicy food" */
	if (token_is(s, j, "a") || token_is(s, j, "an")) {
		a = j + 1;
		while (token_is(s, a, "big") || token_is(s, a, "huge") ||
		    token_is(s, a, "massive") || token_is(s, a, "total"))
			a++;
		if (token_is(s, a, "fan") && token_is(s, a + 1, "of")) {
			/* "I'm not a fan of X" is a dislike */
			relation = who.negated ? "dislikes" : "likes";
			who.negated = 0;
			emit_list(x, &who, relation, a + 2, READ_THING, 0.8);
			return;
		}
		/* "a huge Arsenal fan", "an Oasis fan" */
		for (head = a; head < a + 3 && token_is_word(s, head) &&
		    !token_is(s, head, "fan"); head++)
			;
		if (head > a && token_is(s, head, "fan") &&
		    ends_here(s, head + 1) && !who.negated) {
			if ((text = text_of(s, a, head)) != NULL)
				emit(x, &who, "likes", text, 0.7);
			free(text);
			return;
		}
		if (TOKEN_IN(s, a, diets) && a == j + 1) {
			if ((text = text_of(s, a, a + 1)) != NULL)
				emit(x, &who, "diet", text, 0.8);
			free(text);
			return;
		}
		if ((head = job_head(s, j + 1)) != j + 1) {
			if ((text = text_of(s, j + 1, head)) != NULL)
				emit(x, &who, "job", text, 0.8);
			free(text);
			if (!who.negated)
				job_place(x, &who, head,
				    token_is(s, head - 1, "student"));
		}
		return;
	}
	if (is_number(s, j)) {
		long	age = strtol(s->tokens[j].fold, NULL, 10);

		if (age < 1 || age > 120)
			return;
		a = j + 1;
		if ((token_is(s, a, "years") || token_is(s, a, "year")) &&
		    token_is(s, a + 1, "old"))
			a += 2;
		else if (token_is(s, a, "yo") || token_is(s, a, "yrs"))
			a++;
		if (!ends_here(s, a) && !token_is(s, a, "and") &&
		    !token_is(s, a, "but"))
			return;
		if ((text = text_of(s, j, j + 1)) != NULL)
			emit(x, &who, "age", text, 0.8);
		free(text);
		return;
	}
	if (TOKEN_IN(s, j, diets) && (ends_here(s, j + 1) ||
	    token_is(s, j + 1, "and") || token_is(s, j + 1, "but") ||
	    token_is(s, j + 1, "now"))) {
		if ((text = text_of(s, j, j + 1)) != NULL)
			emit(x, &who, "diet", text, 0.8);
		free(text);
		return;
	}
	if (TOKEN_IN(s, j, condition_adjectives) && (ends_here(s, j + 1) ||
	    token_is(s, j + 1, "and") || token_is(s, j + 1, "but"))) {
		if ((text = text_of(s, j, j + 1)) != NULL)
			emit(x, &who, "health", text, 0.7);
		free(text);
		return;
	}
	a = j;
	while (token_is(s, a, "very") || token_is(s, a, "severely") ||
	    token_is(s, a, "extremely") || token_is(s, a, "deathly") ||
	    token_is(s, a, "super") || token_is(s, a, "mildly") ||
	    token_is(s, a, "slightly") || token_is(s, a, "badly"))
		a++;
	if (token_is(s, a, "allergic") && token_is(s, a + 1, "to")) {
		emit_list(x, &who, "allergy", a + 2, READ_THING, 0.9);
		return;
	}
	if (token_is(s, a + 1, "intolerant") && token_is_word(s, a) &&
	    s->tokens[a].shape == SHAPE_LOWER) {
		if ((text = text_of(s, a, a + 1)) != NULL)
			emit(x, &who, "allergy", text, 0.8);
		free(text);
		return;
	}
	if (token_is(s, j, "into") && token_is_word(s, j + 1)) {
		emit_list(x, &who, who.negated ? "dislikes" : "likes", j + 1,
		    READ_THING, 0.7);
		return;
	}
	if (token_is(s, j, "from") && !token_is(s, j + 1, "work") &&
	    !token_is(s, j + 1, "home")) {
		/* "I'm from the future": a place has a capital somewhere. */
		if ((token_is(s, j + 1, "the") || token_is(s, j + 1, "a")) &&
		    !capital_within(s, j + 2, j + 2 + FACT_OBJECT_WORDS))
			return;
		emit_one(x, &who, "from", j + 1, READ_PLACE | READ_KEEP_THE,
		    0.9);
		return;
	}
	if (token_is(s, j, "based") && token_is(s, j + 1, "in")) {
		emit_one(x, &who, "lives_in", j + 2, READ_PLACE | READ_KEEP_THE,
		    0.8);
		return;
	}
}

/* The index of a place object after "in", or 0 for "in here", "in bed"... */
static size_t
place_after_in(const struct token_scan *s, size_t i)
{
	static const char *const not_places[] = {
		"bed", "fear", "hope", "love", "pain", "peace", "shock",
		"trouble"
	};

	if (!token_is_word(s, i) || TOKEN_IN(s, i, not_places))
		return (0);
	return (i);
}

/*
 * "live in", "lives in", "living in" (after "love"), "have lived in",
 * "moved to", "grew up in", "was born in/on", "live with X in Y".
 */
static void
read_live(struct extract *x, size_t v)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	size_t			 j = v + 1, k, at;

	if (token_is(s, v, "living")) {
		/* "I love living in Boston"; not "Living in Dublin is..." */
		if (v == 0 || (!token_is(s, v - 1, "love") &&
		    !token_is(s, v - 1, "like") &&
		    !token_is(s, v - 1, "enjoy") &&
		    !token_is(s, v - 1, "been") && !TOKEN_IN(s, v - 1, i_am) &&
		    !token_is(s, v - 1, "am") && !token_is(s, v - 1, "are")))
			return;
		at = v;
		if (token_is(s, v - 1, "love") || token_is(s, v - 1, "like") ||
		    token_is(s, v - 1, "enjoy"))
			at = v - 1;
		if (!subject_for(x, at, &who))
			return;
	} else if (token_is(s, v, "lived")) {
		if (v == 0 || (!token_is(s, v - 1, "have") &&
		    !token_is(s, v - 1, "has") && !TOKEN_IN(s, v - 1, i_have) &&
		    !token_is(s, v - 1, "always")))
			return;
		if (!subject_for(x, v, &who))
			return;
	} else if (!subject_for(x, v, &who))
		return;
	/* "live with my roommate Chris in Seattle" */
	if (token_is(s, j, "with")) {
		for (k = j + 1; k < j + 6 && token_is_word(s, k); k++) {
			if (token_is(s, k, "in"))
				break;
		}
		if (!token_is(s, k, "in"))
			return;
		j = k;
	}
	if (!token_is(s, j, "in") || (k = place_after_in(s, j + 1)) == 0)
		return;
	emit_one(x, &who, "lives_in", k, READ_PLACE | READ_KEEP_THE, 0.9);
}

/* "moved to X", "relocated to X": where they live now. */
static void
read_moved(struct extract *x, size_t v)
{
	struct subjects	who;

	if (!token_is(&x->s, v + 1, "to") || !subject_for(x, v, &who))
		return;
	if (!token_is_word(&x->s, v + 2) ||
	    x->s.tokens[v + 2].shape == SHAPE_LOWER)
		return;
	emit_one(x, &who, "lives_in", v + 2, READ_PLACE, 0.8);
}

/* "grew up in X": where they are from. */
static void
read_grew_up(struct extract *x, size_t v)
{
	struct subjects	who;

	if (!token_is(&x->s, v + 1, "up") || !token_is(&x->s, v + 2, "in") ||
	    !subject_for(x, v, &who))
		return;
	emit_one(x, &who, "from", v + 3, READ_PLACE | READ_KEEP_THE, 0.8);
}

/* "I come from Hyderabad", "my parents come from Sicily". */
static void
read_come_from(struct extract *x, size_t v)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;

	if (!token_is(s, v + 1, "from") || !subject_for(x, v, &who))
		return;
	if (!capital_within(s, v + 2, v + 2 + FACT_OBJECT_WORDS))
		return;
	emit_one(x, &who, "from", v + 2, READ_PLACE | READ_KEEP_THE, 0.8);
}

/*
 * A date at i: "March 3rd", "3 March", "the 5th of May", "12/03",
 * "June 12". Returns the index past it, or i.
 */
static size_t
read_date(const struct token_scan *s, size_t i)
{
	size_t	j = i, words = 0;
	int	month = 0;

	if (token_is(s, j, "on"))
		return (i);
	for (; token_is_word(s, j) && words < 5; j++, words++) {
		const char	*f = s->tokens[j].fold;
		size_t		 len = strlen(f);

		if (TOKEN_IN(s, j, months)) {
			if (strcmp(f, "may") == 0 &&
			    s->tokens[j].shape == SHAPE_LOWER)
				break;
			month = 1;
		} else if (len >= 1 && len <= 4 && f[0] >= '0' && f[0] <= '9') {
			/* a year alone is no birthday */
			if (len > 2 && !(f[len - 1] >= 'a' &&
			    f[len - 1] <= 'z'))
				break;
		} else if (strcmp(f, "the") == 0 || strcmp(f, "of") == 0) {
			if (words > 0 && strcmp(f, "the") == 0)
				break;
		} else
			break;
		/* "12/03" */
		if (j + 2 < s->n && s->tokens[j + 1].type == TOKEN_PAUSE &&
		    s->tokens[j + 1].punct == '/' && is_number(s, j + 2) &&
		    is_number(s, j)) {
			j += 2;
			month = 1;
		}
	}
	while (j > i && (token_is(s, j - 1, "the") || token_is(s, j - 1, "of")))
		j--;
	if (!month || j == i)
		return (i);
	return (j);
}

/* Emit the date at a ("on" first is skipped) for who. */
static void
emit_date(struct extract *x, const struct subjects *who,
    const char *relation, size_t a)
{
	const struct token_scan	*s = &x->s;
	size_t			 b;
	char			*text;

	if (token_is(s, a, "on"))
		a++;
	if ((b = read_date(s, a)) == a || (text = text_of(s, a, b)) == NULL)
		return;
	emit(x, who, relation, text, 0.9);
	free(text);
}

/*
 * "my birthday is March 3rd", "our anniversary is June 12", "my sister's
 * birthday is May 5", "Ana's birthday is October 12th", "my birthday's
 * on the 3rd".
 */
static void
read_date_of(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	const struct mention	*m;
	const char		*relation = NULL, *named;
	char			 base[FACT_WORD_BYTES + 1];
	char			 owner[FACT_WORD_BYTES + 1];
	size_t			 j, len;
	int			 contracted = 0;

	if (token_is(s, i, "birthday") || token_is(s, i, "bday"))
		relation = "birthday";
	else if (token_is(s, i, "birthday's") || token_is(s, i, "bday's")) {
		relation = "birthday";
		contracted = 1;
	} else if (token_is(s, i, "anniversary"))
		relation = "anniversary";
	else if (token_is(s, i, "anniversary's")) {
		relation = "anniversary";
		contracted = 1;
	} else
		return;
	j = i + 1;
	if (!contracted) {
		if (!token_is(s, j, "is"))
			return;
		j++;
	}
	if (i == 0)
		return;
	memset(&who, 0, sizeof who);
	if (token_is(s, i - 1, "my") || token_is(s, i - 1, "our")) {
		who.names[who.n++] = "user";
		who.start = i - 1;
	} else if ((m = mention_ending(x, i)) != NULL && m->possessive) {
		subjects_from_mention(&who, m);
		who.start = m->start;
	} else if (possessive_of(s, i - 1, base, sizeof base)) {
		/* "Ana's birthday" */
		if (s->tokens[i - 1].shape != SHAPE_CAPITAL ||
		    TOKEN_LEXICON_HAS(never_names, base) ||
		    kin_relation(base) != NULL)
			return;
		if ((named = mention_named(x, s, i - 1)) != NULL)
			who.names[who.n++] = named;
		else {
			len = owner_length(&s->tokens[i - 1]);
			if (len == 0 || len >= sizeof owner)
				return;
			memcpy(owner, s->tokens[i - 1].start, len);
			owner[len] = '\0';
			who.names[who.n++] = owner;
		}
		who.start = i - 1;
	} else
		return;
	if (!statement_ok(s, who.start))
		return;
	emit_date(x, &who, relation, j);
}

/* "I was born on July 4th", "born in 1990", "born in Kyoto". */
static void
read_born(struct extract *x, size_t v)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	char			*text;

	if (v == 0 || (!token_is(s, v - 1, "was") &&
	    !token_is(s, v - 1, "were")))
		return;
	if (!subject_for(x, v - 1, &who))
		return;
	if (token_is(s, v + 1, "on")) {
		emit_date(x, &who, "birthday", v + 2);
		return;
	}
	if (!token_is(s, v + 1, "in"))
		return;
	if (is_number(s, v + 2) && strlen(s->tokens[v + 2].fold) == 4 &&
	    ends_here(s, v + 3)) {
		if ((text = text_of(s, v + 2, v + 3)) != NULL)
			emit(x, &who, "birth_year", text, 0.9);
		free(text);
		return;
	}
	if (read_date(s, v + 2) != v + 2) {
		emit_date(x, &who, "birthday", v + 2);
		return;
	}
	if (token_is_word(s, v + 2) && s->tokens[v + 2].shape != SHAPE_LOWER)
		emit_one(x, &who, "from", v + 2, READ_PLACE, 0.8);
}

/*
 * "work at X", "works for X", "working at X" (workplace), "work as a X"
 * (job); "got a job at X", "my job at X" (workplace; "quit my job at X"
 * takes it back); "my job is a data analyst".
 */
static void
read_work(struct extract *x, size_t v)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	size_t			 j = v + 1, head;
	char			*text;

	if (token_is(s, j, "full-time") || token_is(s, j, "part-time") ||
	    token_is(s, j, "remotely"))
		j++;
	if (token_is(s, v, "working") && v > 0 && !TOKEN_IN(s, v - 1, i_am) &&
	    !token_is(s, v - 1, "am") && !token_is(s, v - 1, "been") &&
	    !token_is(s, v - 1, "is") && !token_is(s, v - 1, "are"))
		return;
	if (!subject_for(x, v, &who))
		return;
	if (token_is(s, j, "as")) {
		j++;
		if (token_is(s, j, "a") || token_is(s, j, "an"))
			j++;
		if ((head = job_head(s, j)) == j) {
			if ((text = read_one(s, j, READ_THING)) != NULL)
				emit(x, &who, "job", text, 0.7);
			free(text);
			return;
		}
		if ((text = text_of(s, j, head)) != NULL)
			emit(x, &who, "job", text, 0.9);
		free(text);
		if (!who.negated)
			job_place(x, &who, head, 0);
		return;
	}
	if ((token_is(s, j, "at") || token_is(s, j, "for")) &&
	    token_is_word(s, j + 1) && !token_is(s, j + 1, "home") &&
	    !token_is(s, j + 1, "myself") &&
	    time_tail(s, j) == 0)
		emit_one(x, &who, "workplace", j + 1,
		    READ_PLACE | READ_KEEP_THE, 0.9);
}

/* "job at X" after "got a", "have a", "my (new)": the workplace. */
static void
read_job_at(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	size_t			 k = i, verb;
	int			 quit;

	if (!token_is(s, i + 1, "at") && !token_is(s, i + 1, "with"))
		return;
	if (k > 0 && token_is(s, k - 1, "new"))
		k--;
	if (k == 0)
		return;
	if (token_is(s, k - 1, "a") || token_is(s, k - 1, "my")) {
		verb = k - 1;
		quit = 0;
		if (verb > 0 && (token_is(s, verb - 1, "quit") ||
		    token_is(s, verb - 1, "left") ||
		    token_is(s, verb - 1, "lost") ||
		    token_is(s, verb - 1, "leaving") ||
		    token_is(s, verb - 1, "quitting")))
			quit = 1;
		else if (verb == 0 || (!token_is(s, verb - 1, "got") &&
		    !token_is(s, verb - 1, "have") &&
		    !token_is(s, verb - 1, "love") &&
		    !token_is(s, verb - 1, "started") &&
		    !token_is(s, verb - 1, "start")))
			return;
		if (verb == 0 || !subject_for(x, verb - 1, &who))
			return;
		if (quit)
			who.negated = 1;
		if (strcmp(who.names[0], "user") != 0)
			return;
		emit_one(x, &who, "workplace", i + 2, READ_PLACE, 0.8);
	}
}

/* "my job is a data analyst", "my job is teaching" not taken. */
static void
read_my_job(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	size_t			 j = i + 2, head;
	char			*text;

	if (!token_is(s, i + 1, "is") || i == 0 || !token_is(s, i - 1, "my"))
		return;
	if (token_is(s, j, "a") || token_is(s, j, "an"))
		j++;
	else
		return;
	if (!statement_ok(s, i - 1))
		return;
	head = job_head(s, j);
	if (head == j) {
		if ((text = read_one(s, j, READ_THING)) == NULL)
			return;
	} else if ((text = text_of(s, j, head)) == NULL)
		return;
	emit_user(x, 0, "job", text, 0.8);
	free(text);
}

/* "I study biology (at UCLA)", "I'm studying law", "I study at MIT". */
static void
read_study(struct extract *x, size_t v)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	char			*text;
	size_t			 end;

	if (token_is(s, v, "studying") &&
	    (v == 0 || (!TOKEN_IN(s, v - 1, i_am) &&
	    !token_is(s, v - 1, "am") && !token_is(s, v - 1, "been"))))
		return;
	if (!subject_for(x, v, &who))
		return;
	if (token_is(s, v + 1, "at")) {
		emit_one(x, &who, "school", v + 2, READ_PLACE | READ_KEEP_THE,
		    0.8);
		return;
	}
	if (read_object(s, v + 1, READ_THING, &text, 1, &end) != 1)
		return;
	emit(x, &who, "studies", text, 0.8);
	free(text);
	if (token_is(s, end, "at"))
		emit_one(x, &who, "school", end + 1,
		    READ_PLACE | READ_KEEP_THE, 0.8);
}

/*
 * Likes and dislikes: "I love hiking", "I really like Italian food", "I
 * enjoy reading and cooking", "I hate cilantro", "I can't stand country
 * music", "I don't like horror movies", "I dislike X".
 */
static void
read_likes(struct extract *x, size_t v)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	const char		*relation;
	size_t			 j = v + 1;
	const char		*f = s->tokens[v].fold;

	if (strcmp(f, "love") == 0 || strcmp(f, "loves") == 0 ||
	    strcmp(f, "like") == 0 || strcmp(f, "likes") == 0 ||
	    strcmp(f, "enjoy") == 0 || strcmp(f, "enjoys") == 0 ||
	    strcmp(f, "adore") == 0 || strcmp(f, "adores") == 0)
		relation = "likes";
	else if (strcmp(f, "hate") == 0 || strcmp(f, "hates") == 0 ||
	    strcmp(f, "dislike") == 0 || strcmp(f, "dislikes") == 0 ||
	    strcmp(f, "detest") == 0 || strcmp(f, "despise") == 0 ||
	    strcmp(f, "loathe") == 0)
		relation = "dislikes";
	else if (strcmp(f, "stand") == 0 && v > 0 &&
	    (token_is(s, v - 1, "can't") || token_is(s, v - 1, "cant") ||
	    token_is(s, v - 1, "cannot")))
		relation = "dislikes";
	else
		return;
	if (token_is(s, j, "living") || token_is(s, j, "it") ||
	    token_is(s, j, "when") || (token_is(s, j, "the") &&
	    token_is(s, j + 1, "way")))
		return;
	if (!subject_for(x, v, &who))
		return;
	if (strcmp(f, "stand") == 0)
		who.negated = 0;
	else if (who.negated && who.dont && strcmp(relation, "likes") == 0) {
		/* "I don't like horror movies" */
		relation = "dislikes";
		who.negated = 0;
	} else if (who.negated && who.dont)
		return;		/* "I don't hate it" says little */
	/* "I like to cook" keeps "to cook"; "I'd love to" is hedged. */
	emit_list(x, &who, relation, j, READ_THING | READ_KEEP_THE, 0.8);
}

/* "I never liked coffee": a like taken back. */
static void
read_liked(struct extract *x, size_t v)
{
	struct subjects	who;

	if (!subject_for(x, v, &who) || !who.negated)
		return;
	emit_list(x, &who, token_is(&x->s, v, "liked") ||
	    token_is(&x->s, v, "loved") ? "likes" : "dislikes", v + 1,
	    READ_THING, 0.6);
}

/*
 * "my favourite band is Radiohead", "my fav food is sushi", "my son's
 * favourite food is pizza", "Radiohead is my favourite band". An unknown
 * kind gives (user, favourite, "KIND: VALUE").
 */
static void
read_favourite(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	const struct mention	*m;
	const char		*relation = NULL;
	char			 base[FACT_WORD_BYTES + 1], *value, *kind,
				*both;
	size_t			 k, end;

	if (i == 0)
		return;
	memset(&who, 0, sizeof who);
	if (token_is(s, i - 1, "my") || token_is(s, i - 1, "our")) {
		who.names[who.n++] = "user";
		who.start = i - 1;
	} else if ((m = mention_ending(x, i)) != NULL && m->possessive) {
		subjects_from_mention(&who, m);
		who.start = m->start;
	} else
		return;
	/*
	 * The kind: one to three words before "is", "are", "'s" or "has
	 * (always) been".
	 */
	for (k = i + 1; k < i + 4 && token_is_word(s, k); k++) {
		if (token_is(s, k, "is") || token_is(s, k, "are") ||
		    token_is(s, k, "has") || token_is(s, k, "have") ||
		    possessive_of(s, k, base, sizeof base))
			break;
	}
	if (k == i + 1 || !token_is_word(s, k))
		return;
	if (token_is(s, k, "has") || token_is(s, k, "have")) {
		/* "my favourite food has always been pizza" */
		end = k + 1;
		if (token_is(s, end, "always"))
			end++;
		if (!token_is(s, end, "been"))
			return;
		end++;
		relation = favourite_relation(s->tokens[k - 1].fold);
		kind = relation == NULL ? text_of(s, i + 1, k) : NULL;
	} else if (!token_is(s, k, "is") && !token_is(s, k, "are") &&
	    !possessive_of(s, k, base, sizeof base))
		return;
	else if (possessive_of(s, k, base, sizeof base)) {
		relation = favourite_relation(base);
		end = k + 1;
		kind = NULL;
		if (relation == NULL)
			return;
	} else {
		relation = favourite_relation(s->tokens[k - 1].fold);
		end = k + 1;
		if (relation == NULL &&
		    possessive_of(s, k - 1, base, sizeof base))
			return;
		kind = relation == NULL ? text_of(s, i + 1, k) : NULL;
	}
	if (!statement_ok(s, who.start)) {
		free(kind);
		return;
	}
	/* "my favourite thing (to do) is hiking": a like */
	if (token_is(s, i + 1, "thing") || token_is(s, i + 1, "things")) {
		free(kind);
		emit_list(x, &who, "likes", end, READ_THING | READ_KEEP_THE,
		    0.8);
		return;
	}
	if (relation != NULL && strcmp(relation, "favourite") != 0) {
		emit_one(x, &who, relation, end, READ_PLACE | READ_KEEP_THE,
		    0.9);
		return;
	}
	if (kind == NULL)
		return;
	value = read_one(s, end, READ_PLACE | READ_KEEP_THE);
	if (value != NULL) {
		xasprintf(&both, "%s: %s", kind, value);
		if (strlen(both) <= FACT_OBJECT_BYTES)
			emit(x, &who, "favourite", both, 0.8);
		free(both);
	}
	free(value);
	free(kind);
}

/* "Radiohead is my favourite band": the value before. */
static void
read_is_my_favourite(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	const char		*relation;
	size_t			 a, k;
	char			*text;

	if (!token_is(s, i + 1, "my") || !TOKEN_IN(s, i + 2, favourite_words))
		return;
	for (k = i + 3; k < i + 6 && token_is_word(s, k); k++)
		;
	if (k == i + 3 || !ends_here(s, k))
		return;
	if ((relation = favourite_relation(s->tokens[k - 1].fold)) == NULL)
		return;
	a = i;
	while (a > s->tokens[i].sentence && token_is_word(s, a - 1) &&
	    i - a < 5)
		a--;
	while (a < i && TOKEN_IN(s, a, lead_fillers))
		a++;
	if (a == i || TOKEN_IN(s, a, object_rejects) || !statement_ok(s, a))
		return;
	if ((text = text_of(s, a, i)) == NULL)
		return;
	emit_user(x, 0, relation, text, 0.8);
	free(text);
}

/*
 * Health: "I have asthma", "I have type 1 diabetes", "I have a peanut
 * allergy", "diagnosed with ADHD", "I suffer from migraines".
 */
static void
read_health(struct extract *x, size_t v)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	size_t			 j = v + 1, k, a;
	char			*text;

	if (token_is(s, v, "diagnosed")) {
		if (!token_is(s, j, "with") || v == 0)
			return;
		k = v;
		if (token_is(s, k - 1, "was") || token_is(s, k - 1, "been") ||
		    token_is(s, k - 1, "got"))
			k--;
		if (k > 0 && token_is(s, k - 1, "been") &&
		    (token_is(s, k, "been") == 0) &&
		    (token_is(s, k - 2, "have") || TOKEN_IN(s, k - 2, i_have)))
			k--;
		if (!subject_for(x, k, &who))
			return;
		emit_one(x, &who, "health", j + 1, READ_PLACE | READ_KEEP_THE,
		    0.8);
		return;
	}
	if (token_is(s, v, "suffer") || token_is(s, v, "suffers")) {
		if (!token_is(s, j, "from") || !subject_for(x, v, &who))
			return;
		emit_one(x, &who, "health", j + 1, READ_PLACE | READ_KEEP_THE,
		    0.7);
		return;
	}
	/* have / has */
	if (token_is(s, j, "got"))
		j++;
	if (!subject_for(x, v, &who))
		return;
	a = j;
	if (token_is(s, a, "a") || token_is(s, a, "an"))
		a++;
	for (k = a; k < a + 4 && token_is_word(s, k); k++) {
		if (token_is(s, k, "allergy") || token_is(s, k, "allergies")) {
			if (k == a)
				return;
			while (a < k && (token_is(s, a, "severe") ||
			    token_is(s, a, "mild") || token_is(s, a, "bad") ||
			    token_is(s, a, "serious") ||
			    token_is(s, a, "slight")))
				a++;
			if ((text = text_of(s, a, k)) != NULL)
				emit(x, &who, "allergy", text, 0.9);
			free(text);
			return;
		}
		if (TOKEN_IN(s, k, conditions) &&
		    (ends_here(s, k + 1) || TOKEN_IN(s, k + 1, object_stops) ||
		    token_is(s, k + 1, "and") || time_tail(s, k + 1) != 0)) {
			if ((text = text_of(s, a, k + 1)) != NULL)
				emit(x, &who, "health", text, 0.8);
			free(text);
			return;
		}
	}
}

/*
 * Hobbies: "I play guitar", "I play the piano", "I've been learning
 * pottery", "I'm learning to play the violin", "I go running", "I do
 * yoga", "my hobbies are knitting and chess".
 */
static void
read_hobby(struct extract *x, size_t v)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	size_t			 j = v + 1, len;
	char			*text;
	const char		*f;

	if (token_is(s, v, "play") || token_is(s, v, "plays")) {
		if (!subject_for(x, v, &who))
			return;
		if (token_is(s, j, "the"))
			j++;
		if (token_is(s, j, "with") || token_is(s, j, "around") ||
		    token_is(s, j, "along") || token_is(s, j, "outside") ||
		    token_is(s, j, "a") || token_is(s, j, "an") ||
		    token_is(s, j, "in") || token_is(s, j, "on") ||
		    token_is(s, j, "for") || token_is(s, j, "it"))
			return;
		emit_list(x, &who, "hobby", j, READ_THING, 0.8);
		return;
	}
	if (token_is(s, v, "learning")) {
		if (v == 0 || (!TOKEN_IN(s, v - 1, i_am) &&
		    !token_is(s, v - 1, "am") && !token_is(s, v - 1, "been") &&
		    !token_is(s, v - 1, "started") &&
		    !token_is(s, v - 1, "are")))
			return;
		if (!subject_for(x, v, &who))
			return;
		if (token_is(s, j, "to") && token_is(s, j + 1, "play"))
			j += 2;
		if (token_is(s, j, "the") || token_is(s, j, "how"))
			j++;
		emit_one(x, &who, "hobby", j, READ_THING, 0.8);
		return;
	}
	if (token_is(s, v, "go") || token_is(s, v, "goes")) {
		if (!token_is_word(s, j))
			return;
		f = s->tokens[j].fold;
		len = strlen(f);
		if (len < 6 || strcmp(f + len - 3, "ing") != 0 ||
		    TOKEN_IN(s, j, not_pastimes))
			return;
		if (!subject_for(x, v, &who))
			return;
		if ((text = text_of(s, j, j + 1)) != NULL)
			emit(x, &who, "hobby", text, 0.7);
		free(text);
		return;
	}
	if (token_is(s, v, "do") || token_is(s, v, "does")) {
		if (!TOKEN_IN(s, j, do_hobbies) || !subject_for(x, v, &who))
			return;
		if ((text = text_of(s, j, j + 1)) != NULL)
			emit(x, &who, "hobby", text, 0.8);
		free(text);
	}
}

/* "my hobby is X", "my hobbies are X and Y", "my hobbies include X". */
static void
read_my_hobbies(struct extract *x, size_t i)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;

	if (i == 0 || (!token_is(s, i - 1, "my") && !token_is(s, i - 1, "our")))
		return;
	if (!token_is(s, i + 1, "is") && !token_is(s, i + 1, "are") &&
	    !token_is(s, i + 1, "include"))
		return;
	if (!statement_ok(s, i - 1))
		return;
	memset(&who, 0, sizeof who);
	who.names[who.n++] = "user";
	emit_list(x, &who, "hobby", i + 2, READ_THING, 0.9);
}

/* "I speak Spanish and French", "I speak fluent Hindi". */
static void
read_speak(struct extract *x, size_t v)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	size_t			 j = v + 1;

	if (!subject_for(x, v, &who))
		return;
	while (token_is(s, j, "fluent") || token_is(s, j, "some") ||
	    token_is(s, j, "basic") || token_is(s, j, "native"))
		j++;
	if (!token_is_word(s, j) || s->tokens[j].shape != SHAPE_CAPITAL)
		return;
	emit_list(x, &who, "speaks", j, READ_THING, 0.8);
}

/*
 * Whether the words from a to b hold a future time: "next week", "this
 * summer", "tomorrow", "in June", "on Monday", "in two weeks".
 */
static int
has_future(const struct token_scan *s, size_t a, size_t b)
{
	size_t	i;

	for (i = a; i < b && i < s->n; i++) {
		if (!token_is_word(s, i))
			continue;
		if ((token_is(s, i, "next") || token_is(s, i, "this")) &&
		    is_time_noun(s, i + 1))
			return (1);
		if (token_is(s, i, "tomorrow") || token_is(s, i, "soon") ||
		    token_is(s, i, "tmrw"))
			return (1);
		if ((token_is(s, i, "in") || token_is(s, i, "on")) &&
		    TOKEN_IN(s, i + 1, months) && !(token_is(s, i + 1, "may") &&
		    s->tokens[i + 1].shape == SHAPE_LOWER))
			return (1);
		if (token_is(s, i, "on") && TOKEN_IN(s, i + 1, weekdays))
			return (1);
		if (token_is(s, i, "in") && (is_number(s, i + 1) ||
		    TOKEN_IN(s, i + 1, count_words)) &&
		    is_time_noun(s, i + 2))
			return (1);
		if (token_is(s, i, "later") && token_is(s, i + 1, "this"))
			return (1);
	}
	return (0);
}

/*
 * Plans: "I'm going to Italy in June", "we're flying to Tokyo next
 * week", "I'm planning to visit my parents", "I'm getting married in
 * May", "I'm moving to Lisbon next month". The plan is the rest of the
 * clause from the verb; it needs a future time, a capitalised place
 * after "to", or "planning".
 */
static void
read_plan(struct extract *x, size_t v)
{
	const struct token_scan	*s = &x->s;
	struct subjects		 who;
	size_t			 end, words;
	char			*text;

	if (v == 0)
		return;
	if (!TOKEN_IN(s, v - 1, i_am) && !token_is(s, v - 1, "am") &&
	    !token_is(s, v - 1, "are") && !TOKEN_IN(s, v - 1, adverbs))
		return;
	if (!subject_for(x, v, &who) || who.negated)
		return;
	/* "I'm going to bed", "I'm going to be honest" */
	if (token_is(s, v + 1, "to") && (TOKEN_IN(s, v + 2, not_plans) ||
	    token_is(s, v + 2, "be") || token_is(s, v + 2, "the") ||
	    token_is(s, v + 2, "have") || token_is(s, v + 2, "go") ||
	    token_is(s, v + 2, "make") || token_is(s, v + 2, "try")) &&
	    !token_is(s, v, "planning"))
		if (!has_future(s, v, v + FACT_PLAN_WORDS) ||
		    TOKEN_IN(s, v + 2, not_plans))
			return;
	for (end = v + 1, words = 1;
	    token_is_word(s, end) && words < FACT_PLAN_WORDS;
	    end++, words++) {
		if (token_is(s, end, "but") || token_is(s, end, "because") ||
		    token_is(s, end, "so") || token_is(s, end, "lol") ||
		    token_is(s, end, "haha") || token_is(s, end, "which"))
			break;
		if (token_is(s, end, "and") && (token_is(s, end + 1, "i") ||
		    token_is(s, end + 1, "we") || TOKEN_IN(s, end + 1, i_am) ||
		    token_is(s, end + 1, "then")))
			break;
	}
	if (words >= FACT_PLAN_WORDS && token_is_word(s, end))
		return;
	if (end == v + 1)
		return;
	/*
	 * A time makes it a plan; so does a place for a move or a flight,
	 * but "I'm going to Costco" is an errand.
	 */
	if (!token_is(s, v, "planning") && !has_future(s,
	    v > s->tokens[v].sentence + FACT_PLAN_WORDS ? v - FACT_PLAN_WORDS :
	    s->tokens[v].sentence, end) &&
	    !(token_is(s, v + 1, "to") && token_is_word(s, v + 2) &&
	    s->tokens[v + 2].shape == SHAPE_CAPITAL &&
	    (token_is(s, v, "moving") || token_is(s, v, "flying") ||
	    token_is(s, v, "relocating") || token_is(s, v, "travelling") ||
	    token_is(s, v, "traveling"))))
		return;
	if (token_is(s, v, "planning") && !token_is(s, v + 1, "to") &&
	    !token_is(s, v + 1, "on"))
		return;
	if ((text = text_of(s, v, end)) == NULL)
		return;
	emit(x, &who, "plan", text, 0.7);
	free(text);
}

/* Pass 2 over the whole message. */
static void
read_statements(struct extract *x)
{
	const struct token_scan	*s = &x->s;
	size_t			 i;
	const char		*f;

	for (i = 0; i < s->n; i++) {
		if (!token_is_word(s, i))
			continue;
		f = s->tokens[i].fold;
		if (f[0] == '\0')
			continue;	/* too long to be a word we know */
		if (i > 0 && token_is_word(s, i - 1))
			read_copula(x, i);
		if (strcmp(f, "live") == 0 || strcmp(f, "lives") == 0 ||
		    strcmp(f, "living") == 0 || strcmp(f, "lived") == 0 ||
		    strcmp(f, "reside") == 0 || strcmp(f, "resides") == 0)
			read_live(x, i);
		else if (strcmp(f, "moved") == 0 || strcmp(f, "relocated") == 0)
			read_moved(x, i);
		else if (strcmp(f, "grew") == 0)
			read_grew_up(x, i);
		else if (strcmp(f, "come") == 0 || strcmp(f, "comes") == 0)
			read_come_from(x, i);
		else if (strcmp(f, "born") == 0)
			read_born(x, i);
		else if (strcmp(f, "work") == 0 || strcmp(f, "works") == 0 ||
		    strcmp(f, "working") == 0)
			read_work(x, i);
		else if (strcmp(f, "job") == 0) {
			read_job_at(x, i);
			read_my_job(x, i);
		} else if (strcmp(f, "study") == 0 ||
		    strcmp(f, "studies") == 0 || strcmp(f, "studying") == 0)
			read_study(x, i);
		else if (strcmp(f, "liked") == 0 || strcmp(f, "loved") == 0 ||
		    strcmp(f, "hated") == 0)
			read_liked(x, i);
		else if (strcmp(f, "have") == 0 || strcmp(f, "has") == 0 ||
		    strcmp(f, "diagnosed") == 0 || strcmp(f, "suffer") == 0 ||
		    strcmp(f, "suffers") == 0)
			read_health(x, i);
		else if (strcmp(f, "play") == 0 || strcmp(f, "plays") == 0 ||
		    strcmp(f, "learning") == 0 || strcmp(f, "go") == 0 ||
		    strcmp(f, "goes") == 0 || strcmp(f, "do") == 0 ||
		    strcmp(f, "does") == 0)
			read_hobby(x, i);
		else if (strcmp(f, "hobby") == 0 || strcmp(f, "hobbies") == 0)
			read_my_hobbies(x, i);
		else if (strcmp(f, "speak") == 0 || strcmp(f, "speaks") == 0)
			read_speak(x, i);
		else if (TOKEN_LEXICON_HAS(plan_verbs, f))
			read_plan(x, i);
		else if (TOKEN_LEXICON_HAS(favourite_words, f))
			read_favourite(x, i);
		else if (strcmp(f, "is") == 0)
			read_is_my_favourite(x, i);
		else if (strncmp(f, "birthday", 8) == 0 ||
		    strcmp(f, "bday") == 0 ||
		    strncmp(f, "anniversary", 11) == 0)
			read_date_of(x, i);
		else
			read_likes(x, i);
	}
}

/*
 * Run both passes over text into stated and retracted. A triple the
 * message both states and takes back ("I have a cat. I don't have a
 * cat.") stays stated only.
 */
static void
extract_run(const char *text, struct fact_list *stated,
    struct fact_list *retracted)
{
	struct extract	 x;
	struct fact	*f;
	size_t		 i, k, kept;
	int		 both;

	memset(&x, 0, sizeof x);
	x.out = stated;
	x.retracted = retracted;
	scan_text(&x.s, text);
	read_people(&x);
	read_statements(&x);
	mentions_free(&x);
	token_free(&x.s);

	for (i = 0, kept = 0; i < retracted->count; i++) {
		f = &retracted->items[i];
		both = 0;
		for (k = 0; k < stated->count && !both; k++) {
			both = strcmp(stated->items[k].subject, f->subject) ==
			    0 && strcmp(stated->items[k].relation,
			    f->relation) == 0 && strcmp(stated->items[k].object,
			    f->object) == 0;
		}
		if (both) {
			free(f->subject);
			free(f->relation);
			free(f->object);
		} else
			retracted->items[kept++] = *f;
	}
	retracted->count = kept;
}

void
fact_extract(const char *text, struct fact_list *list)
{
	struct fact_list	retracted;

	if (list == NULL)
		return;
	memset(list, 0, sizeof *list);
	if (text == NULL)
		return;
	memset(&retracted, 0, sizeof retracted);
	extract_run(text, list, &retracted);
	fact_list_clear(&retracted);
}

void
fact_retracted(const char *text, struct fact_list *list)
{
	struct fact_list	stated;

	if (list == NULL)
		return;
	memset(list, 0, sizeof *list);
	if (text == NULL)
		return;
	memset(&stated, 0, sizeof stated);
	extract_run(text, &stated, list);
	fact_list_clear(&stated);
}

void
fact_list_clear(struct fact_list *list)
{
	size_t	i;

	if (list == NULL)
		return;
	for (i = 0; i < list->count; i++) {
		free(list->items[i].subject);
		free(list->items[i].relation);
		free(list->items[i].object);
	}
	free(list->items);
	memset(list, 0, sizeof *list);
}

int
fact_relation_single(const char *relation)
{
	const struct relation	*r;

	if ((r = relation_find(relation)) == NULL)
		return (0);
	return ((r->flags & REL_SINGLE) != 0);
}

/*
 * The phrase for a relation: a noun that reads after "your" ("sister",
 * "friends", "favourite band") or, for the relations where
 * fact_relation_noun() is 0, a verb that reads after "you" ("live in",
 * "like"). An unknown relation is returned as it is.
 */
const char *
fact_relation_phrase(const char *relation, int plural)
{
	const struct relation	*r;

	if (relation == NULL)
		return ("");
	if ((r = relation_find(relation)) == NULL)
		return (relation);
	return (plural ? r->many : r->one);
}

int
fact_relation_noun(const char *relation)
{
	const struct relation	*r;

	if ((r = relation_find(relation)) == NULL)
		return (1);
	return ((r->flags & REL_VERB) == 0);
}

const char *const *
fact_relations(void)
{
	return (relation_names);
}

/*
 * Whether a stored relation answers a question about asked: the same
 * relation, or one it covers ("friend" covers best_friend, "child" son
 * and daughter, "pet" every species, "family" every relative,
 * "favourite" every favourite_KIND, "likes" the favourites too). A
 * question about a wife or a husband is answered by a partner.
 */
int
fact_relation_covers(const char *asked, const char *stored)
{
	const struct relation	*r, *a;
	size_t			 depth;

	if (asked == NULL || stored == NULL)
		return (0);
	if (strcmp(asked, stored) == 0)
		return (1);
	if ((r = relation_find(stored)) == NULL)
		return (0);
	if (strcmp(asked, "family") == 0)
		return ((r->flags & REL_FAMILY) != 0);
	a = relation_find(asked);
	if (a != NULL && a->group != NULL && strcmp(a->group, "partner") == 0 &&
	    strcmp(stored, "partner") == 0)
		return (1);
	for (depth = 0; r != NULL && r->group != NULL && depth < 4; depth++) {
		if (strcmp(r->group, asked) == 0)
			return (1);
		r = relation_find(r->group);
	}
	return (0);
}

/*
 * Questions about memory. A sentence asks when it ends with "?" or opens
 * with a question word, "tell me", "remind me" or "do you remember". See
 * fact_question() below for the shapes read.
 */

/* Nouns after "my" in a question or a forget request, and relations. */
static const struct kind_word attribute_words[] = {
	{ "address", "lives_in" }, { "age", "age" }, { "allergies", "allergy" },
	{ "allergy", "allergy" }, { "anniversary", "anniversary" },
	{ "bday", "birthday" }, { "birthday", "birthday" },
	{ "birthdays", "birthday" }, { "career", "job" },
	{ "company", "workplace" }, { "diet", "diet" },
	{ "dislikes", "dislikes" }, { "employer", "workplace" },
	{ "family", "family" }, { "favorites", "favourite" },
	{ "favourites", "favourite" }, { "hobbies", "hobby" },
	{ "hobby", "hobby" }, { "hometown", "from" }, { "interests", "likes" },
	{ "job", "job" }, { "languages", "speaks" }, { "likes", "likes" },
	{ "major", "studies" }, { "occupation", "job" }, { "plan", "plan" },
	{ "plans", "plan" }, { "profession", "job" }, { "school", "school" },
	{ "university", "school" }, { "workplace", "workplace" }
};

static const char *
attribute_relation(const char *fold)
{
	const struct kind_word	*k;

	k = bsearch(fold, attribute_words, nitems(attribute_words),
	    sizeof attribute_words[0], compare_kind);
	return (k != NULL ? k->relation : NULL);
}

/*
 * Read "favourite KIND" at i (i is "favourite"): the relation of the
 * first known kind in the next three words, else "favourite". Returns the
 * index past it.
 */
static size_t
read_favourite_kind(const struct token_scan *s, size_t i, const char **relation)
{
	char		 base[FACT_WORD_BYTES + 1];
	const char	*fav;
	size_t		 k;

	if (token_is(s, i + 1, "things") || token_is(s, i + 1, "thing")) {
		*relation = "favourite";
		return (i + 2);
	}
	for (k = i + 1; k < i + 4 && token_is_word(s, k); k++) {
		if ((fav = favourite_relation(s->tokens[k].fold)) != NULL ||
		    (possessive_of(s, k, base, sizeof base) &&
		    (fav = favourite_relation(base)) != NULL)) {
			*relation = fav;
			return (k + 1);
		}
	}
	*relation = "favourite";
	return (i + 1);
}

/*
 * Read "my REL" at i (i is "my" or "our"): a relative or pet ("my
 * sister", "my kids", "my pets"), "my favourite KIND", or an attribute
 * ("my birthday", "my job", "my hobbies"); "my sister's birthday" is
 * about the sister. Returns the index past it with relation (and
 * subject, when the phrase is about someone else) set, or i.
 */
static size_t
read_my_relation(const struct token_scan *s, size_t i, const char **relation,
    const char **subject)
{
	char		 base[FACT_WORD_BYTES + 1];
	const char	*r;
	size_t		 j, k;
	int		 possessive;

	*relation = NULL;
	*subject = "user";
	if (!token_is(s, i, "my") && !token_is(s, i, "our"))
		return (i);
	j = i + 1;
	if (TOKEN_IN(s, j, favourite_words))
		return (read_favourite_kind(s, j, relation));
	k = read_kin(s, j, &r, &possessive);
	if (k != j) {
		if (possessive && token_is_word(s, k) &&
		    (attribute_relation(s->tokens[k].fold) != NULL ||
		    TOKEN_IN(s, k, favourite_words))) {
			/* "my sister's birthday": about the sister */
			*subject = r;
			if (TOKEN_IN(s, k, favourite_words))
				return (read_favourite_kind(s, k, relation));
			*relation = attribute_relation(s->tokens[k].fold);
			return (k + 1);
		}
		/* "my kids", "my friends": the wider relation */
		if (strcmp(r, "friend") == 0 && token_is(s, k - 1, "bestie"))
			r = "best_friend";
		*relation = r;
		return (k);
	}
	if (!token_is_word(s, j))
		return (i);
	if ((r = attribute_relation(s->tokens[j].fold)) != NULL) {
		*relation = r;
		return (j + 1);
	}
	if (possessive_of(s, j, base, sizeof base) &&
	    (r = attribute_relation(base)) != NULL) {
		*relation = r;
		return (j + 1);
	}
	return (i);
}

/* Verbs before "about me" in a question about memory. */
static const char *const memory_verbs[] = {
	"know", "learned", "learnt", "recall", "remember", "say", "tell",
	"told"
};

/* Words that may close a question after "my REL": "name", "called". */
static size_t
question_tail(const struct token_scan *s, size_t i)
{
	size_t	j = i;

	for (;;) {
		if (token_is(s, j, "name") || token_is(s, j, "names") ||
		    token_is(s, j, "called") || token_is(s, j, "named") ||
		    token_is(s, j, "again") || token_is(s, j, "is") ||
		    token_is(s, j, "are") || token_is(s, j, "was") ||
		    token_is(s, j, "were") || token_is(s, j, "'s") ||
		    token_is(s, j, "please") || token_is(s, j, "jumbo") ||
		    token_is(s, j, "now") || token_is(s, j, "then"))
			j++;
		else
			break;
		if (j > i + 4)
			break;
	}
	return (j);
}

/* A verb question about the person: "where do I live", "where I'm from". */
struct verb_question {
	const char	*phrase;	/* lowercase words */
	const char	*relation;
};

static const struct verb_question verb_questions[] = {
	{ "what am i allergic to", "allergy" },
	{ "what i'm allergic to", "allergy" },
	{ "what im allergic to", "allergy" },
	{ "what i am allergic to", "allergy" },
	{ "what do i do for a living", "job" },
	{ "what do i do for work", "job" },
	{ "what do i do for fun", "hobby" },
	{ "what i do for a living", "job" },
	{ "what i do for work", "job" },
	{ "what do i do", "job" },
	{ "what i do", "job" },
	{ "what do i like", "likes" },
	{ "what do i love", "likes" },
	{ "what i like", "likes" },
	{ "what do i hate", "dislikes" },
	{ "what do i dislike", "dislikes" },
	{ "what i hate", "dislikes" },
	{ "what do i study", "studies" },
	{ "what am i studying", "studies" },
	{ "what languages do i speak", "speaks" },
	{ "what am i planning", "plan" },
	{ "where do i live", "lives_in" },
	{ "where do i live now", "lives_in" },
	{ "where i live", "lives_in" },
	{ "where am i living", "lives_in" },
	{ "where did i move", "lives_in" },
	{ "where am i from", "from" },
	{ "where i'm from", "from" },
	{ "where im from", "from" },
	{ "where i am from", "from" },
	{ "where do i come from", "from" },
	{ "where did i grow up", "from" },
	{ "where was i born", "from" },
	{ "where do i work", "workplace" },
	{ "where i work", "workplace" },
	{ "where do i study", "school" },
	{ "where do i go to school", "school" },
	{ "where did i say i live", "lives_in" },
	{ "where did i tell you i live", "lives_in" },
	{ "where did i say i work", "workplace" },
	{ "what did i say i do", "job" },
	{ "when was i born", "birthday" },
	{ "when is my birthday", "birthday" },
	{ "how old am i", "age" },
	{ "how old i am", "age" },
	{ "who are my friends", "friend" },
	{ "who is my best friend", "best_friend" }
};

/* Whether the words from i are phrase; returns the count, or 0. */
static size_t
phrase_at(const struct token_scan *s, size_t i, const char *phrase)
{
	const char	*p = phrase, *space;
	size_t		 n = 0, len;

	for (;;) {
		space = strchr(p, ' ');
		len = space != NULL ? (size_t)(space - p) : strlen(p);
		if (!token_is_word(s, i + n) ||
		    strlen(s->tokens[i + n].fold) != len ||
		    memcmp(s->tokens[i + n].fold, p, len) != 0)
			return (0);
		n++;
		if (space == NULL)
			return (n);
		p = space + 1;
	}
}

/* Set a question's fields. */
static int
question_set(struct fact_question *q, enum fact_question_kind kind,
    const char *subject, const char *relation)
{
	q->kind = kind;
	q->subject = xstrdup(subject != NULL ? subject : "user");
	q->relation = relation != NULL ? xstrdup(relation) : NULL;
	return (1);
}

/* Skip "do you remember", "can you tell me", "remind me" at i. */
static size_t
skip_asking(const struct token_scan *s, size_t i)
{
	static const char *const asks[] = {
		"can you remind me", "can you remind me of",
		"can you tell me", "could you remind me", "could you tell me",
		"did i tell you", "did i ever tell you", "do u remember",
		"do you know", "do you recall", "do you remember",
		"do you still remember", "you know", "you remember",
		"remember", "remind me", "remind me of", "remind me about",
		"tell me", "tell me about", "tell me again",
		"what about", "and", "so", "hey", "jumbo", "ok", "okay",
		"please", "quick question", "any idea", "do you have any idea",
		"what did i say", "what did i tell you", "did i tell you",
		"do you still know", "can you recall", "can you remember",
		"remind me again", "wait", "um", "hmm"
	};
	size_t	k, m, best, steps;

	for (steps = 0; steps < 6; steps++) {
		best = 0;
		for (k = 0; k < nitems(asks); k++) {
			if ((m = phrase_at(s, i, asks[k])) > best)
				best = m;
		}
		if (best == 0) {
			if (is_comma(s, i)) {
				i++;
				continue;
			}
			break;
		}
		i += best;
	}
	return (i);
}

/* Whether the sentence from a asks: "?" or a question opener first. */
static int
sentence_asks(const struct token_scan *s, size_t a)
{
	size_t	k;

	if (a < s->n && s->tokens[a].asks)
		return (1);
	k = opener(s, a, s->n);
	return (token_is(s, k, "tell") || token_is(s, k, "remind") ||
	    TOKEN_IN(s, k, question_openers) || (token_is(s, k, "remember") &&
	    token_is(s, k + 1, "my")));
}

/* Read one sentence starting at a as a question about memory. */
static int
question_sentence(const struct token_scan *s, size_t a, struct fact_question *q)
{
	const char	*relation, *subject;
	char		*name;
	size_t		 i, j, k, end, m;

	if (!sentence_asks(s, a))
		return (0);
	i = skip_asking(s, a);
	/*
	 * Everything: "what do you remember about me?", "what have I told
	 * you about myself?"; not "do you care about me?".
	 */
	for (k = a; token_is_word(s, k) || is_comma(s, k); k++) {
		if (!token_is(s, k, "about") || k == a ||
		    (!TOKEN_IN(s, k - 1, memory_verbs) && (k < a + 2 ||
		    !token_is(s, k - 1, "you") ||
		    !TOKEN_IN(s, k - 2, memory_verbs))))
			continue;
		if ((token_is(s, k + 1, "me") ||
		    token_is(s, k + 1, "myself")) &&
		    ends_here(s, k + 2))
			return (question_set(q, FACT_QUESTION_ALL, "user",
			    NULL));
		/* "what do you know about my family?" */
		end = read_my_relation(s, k + 1, &relation, &subject);
		if (end != k + 1 && relation != NULL &&
		    ends_here(s, question_tail(s, end)))
			return (question_set(q, FACT_QUESTION_RELATION,
			    subject, relation));
		/* "what do you remember about Ana?" */
		end = take_name(s, k + 1, 0, &name);
		if (end != k + 1 && ends_here(s, end)) {
			question_set(q, FACT_QUESTION_ALL, name, NULL);
			free(name);
			return (1);
		}
		free(name);
	}
	if (phrase_at(s, i, "what have i told you") ||
	    ((m = phrase_at(s, i, "what do you remember")) != 0 &&
	    ends_here(s, i + m)) ||
	    ((m = phrase_at(s, i, "what do you know")) != 0 &&
	    ends_here(s, i + m)) ||
	    ((m = phrase_at(s, i, "everything you know")) != 0 &&
	    ends_here(s, i + m)) ||
	    ((m = phrase_at(s, i, "what you remember")) != 0 &&
	    ends_here(s, i + m)))
		return (question_set(q, FACT_QUESTION_ALL, "user", NULL));

	/* Verb questions: "where do I live", "what do I do for work". */
	for (k = 0; k < nitems(verb_questions); k++) {
		if ((m = phrase_at(s, i, verb_questions[k].phrase)) != 0 &&
		    ends_here(s, question_tail(s, i + m)))
			return (question_set(q, FACT_QUESTION_RELATION, "user",
			    verb_questions[k].relation));
	}
	/* "where does my sister live", "what does Ana do" */
	if ((token_is(s, i, "where") || token_is(s, i, "what")) &&
	    (token_is(s, i + 1, "does") || token_is(s, i + 1, "did"))) {
		j = i + 2;
		subject = NULL;
		name = NULL;
		if ((k = read_my_relation(s, j, &relation, &subject)) != j &&
		    relation != NULL && relation_find(relation) != NULL &&
		    (relation_find(relation)->flags & REL_PERSON))
			subject = relation;
		else if ((k = take_name(s, j, 0, &name)) == j)
			return (0);
		relation = NULL;
		if (token_is(s, i, "where") && token_is(s, k, "live"))
			relation = "lives_in";
		else if (token_is(s, i, "where") && token_is(s, k, "work"))
			relation = "workplace";
		else if (token_is(s, i, "where") && token_is(s, k, "come") &&
		    token_is(s, k + 1, "from")) {
			relation = "from";
			k++;
		}
		else if (token_is(s, i, "what") && token_is(s, k, "do"))
			relation = "job";
		else if (token_is(s, i, "what") && token_is(s, k, "like"))
			relation = "likes";
		if (relation != NULL && ends_here(s, question_tail(s, k + 1)))
			question_set(q, FACT_QUESTION_RELATION,
			    name != NULL ? name : subject, relation);
		free(name);
		return (relation != NULL);
	}
	/* "where is Ana from", "where is my sister from" */
	/* Noun questions: "who is my wife", "what's my dog called". */
	j = i;
	if (token_is(s, j, "what") || token_is(s, j, "who") ||
	    token_is(s, j, "when") || token_is(s, j, "which") ||
	    token_is(s, j, "whats")) {
		j++;
		if (token_is(s, j, "is") || token_is(s, j, "are") ||
		    token_is(s, j, "was") || token_is(s, j, "were"))
			j++;
	} else if (token_is(s, j, "what's") || token_is(s, j, "who's") ||
	    token_is(s, j, "when's") || token_is(s, j, "who're") ||
	    token_is(s, j, "what're"))
		j++;
	else if (token_is(s, j, "is") || token_is(s, j, "are")) {
		/* "Is my sister Ana?": only with a name after */
		k = read_my_relation(s, j + 1, &relation, &subject);
		if (k == j + 1 || relation == NULL)
			return (0);
		end = take_name(s, k, 0, &name);
		free(name);
		if (end == k || !ends_here(s, end))
			return (0);
		return (question_set(q, FACT_QUESTION_RELATION, subject,
		    relation));
	}
	k = read_my_relation(s, j, &relation, &subject);
	if (k == j || relation == NULL)
		return (0);
	if (j == i && i == a && !s->tokens[a].asks &&
	    !token_is(s, opener(s, a, s->n), "tell") &&
	    !token_is(s, opener(s, a, s->n), "remind") &&
	    !token_is(s, opener(s, a, s->n), "remember"))
		return (0);
	/* "what's my dog doing?" is not about memory. */
	if (!ends_here(s, question_tail(s, k)))
		return (0);
	/* "when is my sister": when asks a date. */
	if ((token_is(s, i, "when") || token_is(s, i, "when's")) &&
	    strcmp(relation, "birthday") != 0 &&
	    strcmp(relation, "anniversary") != 0)
		return (0);
	return (question_set(q, FACT_QUESTION_RELATION, subject, relation));
}

int
fact_question(const char *text, struct fact_question *q)
{
	struct token_scan	s;
	size_t		i;
	int		found = 0;

	if (q == NULL)
		return (0);
	memset(q, 0, sizeof *q);
	if (text == NULL)
		return (0);
	scan_text(&s, text);
	for (i = 0; i < s.n && !found; i++) {
		if (i != s.tokens[i].sentence ||
		    !token_is_word(&s, opener(&s, i, s.n)))
			continue;
		found = question_sentence(&s, i, q);
	}
	token_free(&s);
	if (!found)
		fact_question_clear(q);
	return (found);
}

void
fact_question_clear(struct fact_question *q)
{
	if (q == NULL)
		return;
	free(q->subject);
	free(q->relation);
	memset(q, 0, sizeof *q);
}

/*
 * Requests to forget. "forget" must open its clause as an order,
 * perhaps after "please", "can you", "I want you to", "jumbo": not "I
 * forgot my keys", "don't forget to...", "I'll never forget that day",
 * "did you forget my birthday?". Then:
 *
 *	"forget that", "forget what I (just) said", "forget I said that",
 *	"forget the last thing I said"			LAST
 *	"forget where I live", "forget what I do"	RELATION lives_in, job
 *	"forget my sister", "forget about my dog Rex"	RELATION sister, dog
 *							(object Rex)
 *	"forget that I live in Boston"			RELATION lives_in,
 *							object Boston
 *	"forget Rex", "forget about Ana"		OBJECT
 *
 * "forget it" is "never mind", and "forget everything" is too big a
 * thing to do on a chat phrase (`jumbo facts forget` does it): neither
 * is a request.
 */

/* Words before "forget" that keep it an order. */
static const char *const forget_openers[] = {
	"can you", "can u", "could you", "would you", "will you",
	"i want you to", "i need you to", "i'd like you to",
	"id like you to", "i would like you to", "you can", "you should",
	"you may", "please", "pls", "plz", "just", "now", "ok", "okay", "so",
	"also", "and", "jumbo", "hey", "actually", "oh", "um", "umm", "well",
	"go ahead and", "kindly", "then", "yeah", "no", "never mind",
	"nevermind", "nvm", "wait", "oops", "sorry", "hmm", "actually please"
};

/* What follows "forget" for LAST. */
static const char *const forget_last[] = {
	"that", "this", "what i said", "what i just said",
	"what i just told you", "what i told you", "what i just wrote",
	"what i wrote", "what i typed", "what i just typed",
	"what i just mentioned", "what i mentioned", "i said that",
	"i said it", "i said anything", "i mentioned that", "i mentioned it",
	"i told you that", "i told you", "i ever said that",
	"the last thing i said", "the last thing i told you",
	"the last thing", "my last message", "the last message",
	"that last bit", "that last part", "that last one", "the last one",
	"that one", "about that", "everything i just said",
	"all of that", "all that"
};

/* "forget where I live": verb phrases for relations. */
static const struct verb_question forget_verbs[] = {
	{ "where i live", "lives_in" }, { "where i'm from", "from" },
	{ "where im from", "from" }, { "where i am from", "from" },
	{ "where i work", "workplace" }, { "what i do for work", "job" },
	{ "what i do for a living", "job" }, { "what i do", "job" },
	{ "when my birthday is", "birthday" }, { "how old i am", "age" },
	{ "what i'm allergic to", "allergy" },
	{ "what im allergic to", "allergy" }, { "where i study", "school" },
	{ "what i like", "likes" }, { "what i hate", "dislikes" }
};

/* Whether "forget" at k is an order: only forget_openers before it. */
static int
forget_is_order(const struct token_scan *s, size_t k)
{
	size_t	i, m, best, j;

	i = clause_start(s, k);
	if (k - i > 8)
		return (0);	/* a long way into a clause: not an order */
	/* "never mind, forget that" and "no, forget it" are two clauses */
	while (i < k) {
		best = 0;
		for (j = 0; j < nitems(forget_openers); j++) {
			if ((m = phrase_at(s, i, forget_openers[j])) > best &&
			    i + m <= k)
				best = m;
		}
		if (best == 0)
			return (0);
		i += best;
	}
	/* "Did you forget...?" never gets here; "can you forget that?" does. */
	return (1);
}

static int
forget_set(struct fact_forget *f, enum fact_forget_kind kind,
    const char *relation, const char *object)
{
	f->kind = kind;
	f->relation = relation != NULL ? xstrdup(relation) : NULL;
	f->object = object != NULL ? xstrdup(object) : NULL;
	return (1);
}

/* What may close a forget request: "please", "thanks", "jumbo". */
static int
forget_ends(const struct token_scan *s, size_t i)
{
	while (token_is(s, i, "please") || token_is(s, i, "pls") ||
	    token_is(s, i, "thanks") || token_is(s, i, "jumbo") ||
	    token_is(s, i, "now") || token_is(s, i, "too") ||
	    token_is(s, i, "ok") || token_is(s, i, "okay") ||
	    token_is(s, i, "entirely") || token_is(s, i, "completely") ||
	    token_is(s, i, "forever"))
		i++;
	return (ends_here(s, i));
}

/* What may come between "forget" and what to forget. */
static const char *const forget_about[] = {
	"all about", "everything about", "everything i said about",
	"everything i told you about", "what i said about",
	"what i just said about", "what i told you about",
	"what you know about"
};

/* Read what follows "forget" at j (past "about"). */
static int
forget_what(const struct token_scan *s, size_t j, struct fact_forget *f,
    int depth)
{
	const char	*relation, *subject;
	char		*names[FACT_LIST_ITEMS], *rest;
	struct fact_list list;
	size_t		 k, m, n, end, last, best = 0;

	/* "forget that I live in Boston" */
	if (token_is(s, j, "that") && token_is_word(s, j + 1) &&
	    (token_is(s, j + 1, "i") || token_is(s, j + 1, "my") ||
	    TOKEN_IN(s, j + 1, i_am) || TOKEN_IN(s, j + 1, i_have) ||
	    token_is(s, j + 1, "we"))) {
		/* The rest of the sentence, and no more. */
		for (k = j + 1; k < s->n && k < j + 1 + 2 * FACT_PLAN_WORDS &&
		    s->tokens[k].type != TOKEN_STOP &&
		    s->tokens[k].type != TOKEN_QUESTION; k++)
			;
		last = k - 1;
		rest = xstrndup(s->tokens[j + 1].start,
		    (size_t)(s->tokens[last].start + s->tokens[last].len -
		    s->tokens[j + 1].start));
		fact_extract(rest, &list);
		free(rest);
		if (list.count > 0) {
			forget_set(f, FACT_FORGET_RELATION,
			    list.items[0].relation, list.items[0].object);
			fact_list_clear(&list);
			return (1);
		}
		fact_list_clear(&list);
	}
	/* "forget what I said about my job", "everything about Ana" */
	for (k = 0; k < nitems(forget_about); k++) {
		if ((m = phrase_at(s, j, forget_about[k])) != 0 &&
		    !ends_here(s, j + m) && depth == 0)
			return (forget_what(s, j + m, f, 1));
	}
	for (k = 0; k < nitems(forget_last); k++) {
		if ((m = phrase_at(s, j, forget_last[k])) > best)
			best = m;
	}
	if (best > 0 && forget_ends(s, j + best))
		return (forget_set(f, FACT_FORGET_LAST, NULL, NULL));
	for (k = 0; k < nitems(forget_verbs); k++) {
		if ((m = phrase_at(s, j, forget_verbs[k].phrase)) != 0 &&
		    forget_ends(s, j + m))
			return (forget_set(f, FACT_FORGET_RELATION,
			    forget_verbs[k].relation, NULL));
	}
	if ((k = read_my_relation(s, j, &relation, &subject)) != j &&
	    relation != NULL) {
		if (token_is(s, k, "name") || token_is(s, k, "names"))
			k++;
		if (is_comma(s, k))
			k++;
		end = take_names(s, k, 0, names, &n);
		if (n == 1 && forget_ends(s, end)) {
			forget_set(f, FACT_FORGET_RELATION, relation,
			    names[0]);
			free_names(names, n);
			return (1);
		}
		free_names(names, n);
		if (!forget_ends(s, k))
			return (0);
		if (strcmp(subject, "user") != 0)
			return (forget_set(f, FACT_FORGET_RELATION, subject,
			    NULL));
		return (forget_set(f, FACT_FORGET_RELATION, relation, NULL));
	}
	end = take_names(s, j, 0, names, &n);
	if (n == 1 && forget_ends(s, end)) {
		forget_set(f, FACT_FORGET_OBJECT, NULL, names[0]);
		free_names(names, n);
		return (1);
	}
	free_names(names, n);
	return (0);
}

int
fact_forget_request(const char *text, struct fact_forget *f)
{
	struct token_scan	s;
	size_t		i, j, tries;
	int		found = 0;

	if (f == NULL)
		return (0);
	memset(f, 0, sizeof *f);
	if (text == NULL)
		return (0);
	scan_text(&s, text);
	for (i = 0, tries = 0; i < s.n && !found && tries < 8; i++) {
		if (!token_is(&s, i, "forget") && !token_is(&s, i, "delete") &&
		    !token_is(&s, i, "erase") && !token_is(&s, i, "unlearn"))
			continue;
		tries++;
		if (!forget_is_order(&s, i))
			continue;
		j = i + 1;
		if (token_is(&s, j, "about"))
			j++;
		found = forget_what(&s, j, f, 0);
		/* "delete Rex" is too loose: only the plain shapes. */
		if (found && !token_is(&s, i, "forget") &&
		    f->kind == FACT_FORGET_OBJECT) {
			fact_forget_clear(f);
			found = 0;
		}
	}
	token_free(&s);
	return (found);
}

void
fact_forget_clear(struct fact_forget *f)
{
	if (f == NULL)
		return;
	free(f->relation);
	free(f->object);
	memset(f, 0, sizeof *f);
}

#ifndef NDEBUG
/* Abort when a table of words is out of strcmp() order. */
static void
check_sorted(const char *name, const char *const *words, size_t n,
    size_t stride)
{
	const char	*a, *b;
	size_t		 i;

	for (i = 1; i < n; i++) {
		a = *(const char *const *)((const char *)words + (i - 1) *
		    stride);
		b = *(const char *const *)((const char *)words + i * stride);
		if (strcmp(a, b) >= 0) {
			fprintf(stderr, "core-fact.c: %s: \"%s\" before "
			    "\"%s\"\n", name, a, b);
			abort();
		}
	}
}

#define CHECK_WORDS(t) check_sorted(#t, t, nitems(t), sizeof t[0])
#define CHECK_PAIRS(t) check_sorted(#t, &t[0].word, nitems(t), sizeof t[0])

/*
 * Debug builds check once that every table searched with bsearch() is
 * sorted: a word added out of order would silently never match.
 */
static void
check_tables(void)
{
	static int	checked;
	size_t		i;

	if (checked)
		return;
	checked = 1;
	for (i = 0; i < nitems(relations); i++) {
		if (relation_names[i] == NULL ||
		    strcmp(relation_names[i], relations[i].name) != 0) {
			fprintf(stderr, "core-fact.c: relation_names[%zu] is "
			    "not %s\n", i, relations[i].name);
			abort();
		}
	}
	if (relation_names[i] != NULL)
		abort();
	CHECK_PAIRS(kin_words);
	CHECK_PAIRS(favourite_kinds);
	CHECK_PAIRS(attribute_words);
	CHECK_WORDS(kin_adjectives);
	CHECK_WORDS(count_words);
	CHECK_WORDS(never_names);
	CHECK_WORDS(particle_words);
	CHECK_WORDS(adverbs);
	CHECK_WORDS(negators);
	CHECK_WORDS(hedges);
	CHECK_WORDS(reporters);
	CHECK_WORDS(own_reporters);
	CHECK_WORDS(question_openers);
	CHECK_WORDS(question_auxiliaries);
	CHECK_WORDS(question_subjects);
	CHECK_WORDS(lead_fillers);
	CHECK_WORDS(object_stops);
	CHECK_WORDS(bare_adverbs);
	CHECK_WORDS(object_rejects);
	CHECK_WORDS(time_nouns);
	CHECK_WORDS(months);
	CHECK_WORDS(weekdays);
	CHECK_WORDS(occupations);
	CHECK_WORDS(conditions);
	CHECK_WORDS(condition_adjectives);
	CHECK_WORDS(diets);
	CHECK_WORDS(do_hobbies);
	CHECK_WORDS(not_pastimes);
	CHECK_WORDS(favourite_words);
	CHECK_WORDS(plan_verbs);
	CHECK_WORDS(not_plans);
	CHECK_WORDS(be_words);
	CHECK_WORDS(i_am);
	CHECK_WORDS(i_have);
	CHECK_WORDS(memory_verbs);
}
#endif
