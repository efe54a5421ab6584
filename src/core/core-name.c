/*
 * The name detector: does a message tell jumbo what to call the person?
 *
 * A message is cut into tokens by core-token.c, words and punctuation,
 * reading UTF-8 (a word is a run of letters of any script with inner
 * apostrophes, hyphens and initials' dots: "O'Brien", "Jean-Luc", "A.J.").
 * Each word keeps a lowercase copy for look-ups and its shape:
 * capitalised, lowercase, all capitals, or of a script without case (张伟,
 * प्रिया).
 *
 * Then trigger phrases are looked for, each saying where a name should
 * start and how strict to be about the words found there:
 *
 *	preferred	"call me X", "I go by X", "I prefer X", "I'd like to be
 *			called X", "refer to me as X"
 *	stated		"my name is X", "name's X", "X is my name"
 *	introduced	"I'm X", "I am X"; and, right after jumbo asked,
 *			"it's X", "this is X"
 *
 * A phrase counts unless a word just before it undoes it ("don't call me
 * Shirley", "nobody calls me that") or its sentence is a real question
 * ("Why do you call me Alex?"; "Can you call me Alex?" is a request and
 * counts). The name is then one to three words that each look like a name:
 * no digits, not a contraction or possessive, not in the compiled-in
 * lexicons below of words that are never names, and capitalised. An
 * all-lowercase word is accepted only where the phrase leaves no doubt
 * ("call me sam", "my name is tom") or right after jumbo asked ("i'm
 * alex"); "I'm alex" alone is too close to "I'm done" to trust.
 *
 * Right after jumbo asked, the whole message may also be the name
 * ("harsha", "Just Alex is fine", "Priya, thanks", "Hi! Harsha"): clauses
 * made only of greetings and thanks are set aside, filler is trimmed from
 * both ends of the one clause left, and what remains must be a name. A
 * bare answer ending in a question mark ("Alex?", "why?") is not taken,
 * nor one spoken to someone ("Thanks Sam!", "Hi, Alex").
 *
 * When several phrases give a name, a preference beats a stated name,
 * which beats an introduction, and among equals the last one wins: "I'm
 * Alex. Actually, call me Sam" gives Sam.
 *
 * Names keep their spelling; an all-lowercase name is capitalised word by
 * word ("jean-luc" -> "Jean-Luc", "o'brien" -> "O'Brien") and a shouted
 * one is calmed ("HARSHA" -> "Harsha"); mixed case is kept ("McKenzie").
 *
 * It runs on every message, so the work is bounded: at most
 * TOKEN_MAX tokens (some 20 KB of text) are read, each phrase looks
 * at a few words around it, and look-ups are binary searches in sorted
 * tables. A typical message takes a few microseconds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core-name.h"
#include "core-token.h"
#include "util-buf.h"
#include "util-utf8.h"
#include "util-xmalloc.h"

#define NAME_MAX_BYTES	64	/* longest name, in bytes */
#define NAME_MAX_WORDS	3	/* longest name, in words */
#define NAME_LOOKBACK	4	/* words looked at before a phrase */
#define NAME_FILLERS	8	/* filler phrases looked at after a name */

/*
 * The lexicons. Tables of single words are searched with bsearch() and
 * must stay in strcmp() order; the tables of phrases further down are
 * read in full.
 */

/*
 * Articles, determiners, pronouns, prepositions, conjunctions, auxiliaries,
 * common verbs and adverbs: the glue of a sentence, never a name.
 */
static const char *const function_words[] = {
	"a", "a.m.", "about", "above", "across", "actually", "after", "again",
	"against", "ago", "all", "almost", "along", "already", "also",
	"although", "always", "am", "among", "an", "and", "another", "any",
	"anybody", "anyone", "anything", "anyway", "anywhere", "are", "aren't",
	"around", "as", "ask", "asking", "at", "away", "basically", "bc", "be",
	"because", "been", "before", "behind", "being", "below", "beside",
	"besides", "between", "bit", "both", "but", "by", "call", "called",
	"calling", "calls", "came", "can", "cannot", "cant", "cause", "choose",
	"cleaning", "come", "comes", "coming", "completely", "cooking", "could",
	"couldn't", "coz", "crying", "currently", "cuz", "decide", "definitely",
	"did", "didn't", "didnt", "do", "does", "doesn't", "doesnt", "doing",
	"don't", "done", "dont", "down", "driving", "during", "dying", "e.g.",
	"each", "eating", "either", "else", "enough", "especially", "even",
	"ever", "every", "everybody", "everyone", "everything", "everywhere",
	"exactly", "exit", "extremely", "feel", "feeling", "felt", "few",
	"first", "for", "forget", "freaking", "from", "further", "generally",
	"get", "gets", "getting", "go", "goes", "going", "gonna", "got",
	"gotta", "guess", "guys", "had", "has", "hate", "have", "having", "he",
	"heading", "her", "here", "hers", "herself", "him", "himself", "his",
	"honestly", "hoping", "how", "however", "i", "i'd", "i'll", "i'm",
	"i've", "i.e.", "id", "if", "ill", "im", "immediately", "in", "inside",
	"instead", "into", "is", "isn't", "isnt", "it", "it's", "its", "itself",
	"just", "kinda", "know", "known", "last", "laughing", "learning",
	"least", "leaving", "less", "let", "lets", "like", "listening",
	"literally", "little", "live", "living", "look", "looking", "losing",
	"lot", "lots", "love", "made", "make", "making", "many", "maybe", "me",
	"mean", "might", "mine", "more", "most", "mostly", "moving", "much",
	"must", "my", "myself", "near", "need", "neither", "never", "next",
	"no", "nobody", "none", "noone", "nor", "not", "nothing", "now", "of",
	"off", "often", "on", "once", "one", "only", "onto", "or", "other",
	"others", "our", "ours", "out", "outside", "over", "own", "p.m.", "per",
	"perhaps", "pick", "planning", "play", "playing", "please", "pretty",
	"probably", "pronounced", "quickly", "quit", "quite", "rather",
	"reading", "really", "remember", "running", "said", "same", "say",
	"see", "seriously", "she", "shopping", "should", "shouldn't", "simply",
	"since", "sitting", "sleeping", "so", "some", "somebody", "someone",
	"something", "sometimes", "somewhere", "sorta", "spelled", "spelt",
	"start", "starting", "staying", "still", "stop", "struggling",
	"studying", "such", "super", "surprise", "take", "taking", "talk",
	"talking", "tell", "test", "testing", "than", "that", "that's", "thats",
	"the", "their", "theirs", "them", "themselves", "then", "there",
	"these", "they", "think", "thinking", "this", "tho", "those", "though",
	"thought", "through", "thru", "till", "to", "told", "too", "totally",
	"toward", "towards", "traveling", "travelling", "tried", "truly", "try",
	"trying", "under", "unless", "until", "up", "upon", "us", "use",
	"using", "usually", "very", "via", "waiting", "wanna", "want", "was",
	"wasn't", "watching", "we", "were", "weren't", "what", "what's",
	"whatever", "whats", "when", "where", "whether", "which", "while",
	"who", "whoever", "whom", "whose", "why", "winning", "wish", "with",
	"within", "without", "won't", "wondering", "wont", "work", "working",
	"would", "wouldn't", "writing", "written", "yet", "you", "you're",
	"your", "youre", "yours", "yourself"
};

/*
 * Adjectives, feelings and states ("I'm tired", "I'm back"), and a few
 * nouns that a bare answer may hold but that are no one's name.
 */
static const char *const state_words[] = {
	"able", "afraid", "alive", "allergic", "alone", "amazed", "amazing",
	"angry", "annoyed", "anxious", "ashamed", "asleep", "autistic",
	"available", "awake", "aware", "awesome", "awful", "back", "bad",
	"beautiful", "best", "better", "biased", "big", "blessed", "blind",
	"bored", "boring", "bot", "broke", "burned", "burnt", "busy", "calm",
	"certain", "chill", "cold", "comfortable", "common", "complicated",
	"confused", "content", "cool", "correct", "covid", "crazy", "curious",
	"cute", "cynical", "dead", "deaf", "depressed", "diabetic", "different",
	"difficult", "disabled", "disappointed", "divorced", "drunk", "dumb",
	"early", "easy", "embarrassed", "emotional", "employed", "engaged",
	"excited", "exhausted", "fake", "famous", "fat", "fed", "fine",
	"finished", "fortunate", "free", "fresh", "frustrated", "full", "funny",
	"glad", "gone", "good", "grateful", "great", "happy", "hard", "healthy",
	"high", "home", "honest", "hot", "hungry", "hurt", "important",
	"injured", "interested", "jealous", "joking", "jumbo", "kidding",
	"late", "lazy", "lonely", "lost", "low", "lucky", "mad", "married",
	"naive", "name", "names", "negative", "nervous", "new", "nice",
	"normal", "nostalgic", "old", "overwhelmed", "paranoid", "perfect",
	"petty", "picky", "poor", "popular", "positive", "pregnant", "proud",
	"rare", "ready", "real", "relaxed", "relieved", "retired", "right",
	"romantic", "sad", "safe", "scared", "secret", "selfish", "sentimental",
	"serious", "shy", "sick", "silly", "similar", "single", "skeptical",
	"sleepy", "slow", "small", "smart", "sober", "sore", "sorry", "stoked",
	"strange", "stressed", "strong", "stuck", "stupid", "sure", "surprised",
	"tall", "terrible", "thankful", "thirsty", "tipsy", "tired", "tricky",
	"true", "ugly", "uncommon", "unemployed", "unhappy", "unique", "unsure",
	"unusual", "upset", "useless", "warm", "weak", "weird", "well", "wet",
	"wonderful", "world", "worn", "worried", "worse", "worst", "wrong"
};

/*
 * Greetings, thanks, yes and no, and chat words: never names, and a clause
 * made only of them is set aside when reading a bare answer ("Hi! Harsha").
 */
static const char *const social_words[] = {
	"ah", "aha", "aloha", "alright", "argh", "aw", "aww", "bonjour", "brb",
	"btw", "bye", "cheers", "ciao", "cool", "dunno", "eh", "er", "erm",
	"fyi", "gm", "gn", "goodbye", "greetings", "gtg", "ha", "hah", "haha",
	"hahaha", "hallo", "heh", "hehe", "hello", "hey", "heya", "hi", "hiya",
	"hm", "hmm", "hmmm", "hola", "howdy", "huh", "idk", "ikr", "imo", "k",
	"kk", "lmao", "lmk", "lol", "man", "meh", "mhm", "nah", "namaste", "no",
	"nope", "np", "nvm", "oh", "ok", "okay", "okey", "oki", "okie", "omg",
	"oof", "ooh", "oops", "pls", "plz", "rofl", "salut", "sigh", "smh",
	"sup", "sure", "tbh", "thank", "thanks", "thx", "tysm", "u", "ugh",
	"uh", "uhh", "um", "umm", "ur", "welcome", "welp", "whatever", "whoa",
	"wow", "wtf", "xo", "xoxo", "ya", "yay", "yea", "yeah", "yep", "yes",
	"yikes", "yo", "yup"
};

/*
 * Time words: "call me later", "call me tomorrow".
 */
static const char *const time_words[] = {
	"afternoon", "again", "anytime", "asap", "daily", "day", "days",
	"evening", "eventually", "forever", "hour", "hours", "lately", "later",
	"minute", "minutes", "moment", "morning", "night", "now", "recently",
	"someday", "sometime", "soon", "time", "times", "tmr", "tmrw", "today",
	"tomorrow", "tonight", "twice", "week", "weekend", "whenever",
	"yesterday"
};

/*
 * Nationalities, languages, religions, days and the like: "I'm Canadian"
 * is not an introduction. Some are also names or surnames (Christian, Young,
 * Brown, Long, Danish), so they are accepted after a phrase that can only
 * introduce a name ("my name is Christian", "call me Christian").
 */
static const char *const identity_words[] = {
	"adhd", "afghan", "african", "agnostic", "albanian", "algerian",
	"ambivert", "american", "android", "aquarius", "arab", "arabic",
	"argentine", "argentinian", "aries", "armenian", "asexual", "asian",
	"atheist", "australian", "austrian", "bangladeshi", "belgian",
	"bengali", "bi", "bipolar", "bisexual", "black", "bolivian", "boomer",
	"brazilian", "british", "brown", "buddhist", "bulgarian", "burmese",
	"cambodian", "canadian", "cancer", "cantonese", "capricorn", "catholic",
	"chilean", "chinese", "christian", "colombian", "conservative",
	"croatian", "cuban", "czech", "danish", "democrat", "dutch", "dyslexic",
	"ecuadorian", "egyptian", "emirati", "english", "estonian", "ethiopian",
	"european", "extrovert", "extroverted", "filipina", "filipino",
	"finnish", "french", "friday", "gay", "gemini", "gen", "georgian",
	"german", "ghanaian", "google", "gray", "greek", "green", "grey",
	"gujarati", "haitian", "hausa", "hindi", "hindu", "hispanic", "human",
	"hungarian", "icelandic", "igbo", "indian", "indonesian", "introvert",
	"introverted", "iranian", "iraqi", "irish", "israeli", "italian",
	"jamaican", "japanese", "java", "javascript", "jewish", "kannada",
	"kazakh", "kenyan", "korean", "kurdish", "latina", "latino", "latvian",
	"lebanese", "lesbian", "liberal", "libra", "linux", "lithuanian",
	"long", "mac", "macos", "malay", "malayalam", "malaysian", "mandarin",
	"marathi", "mexican", "microsoft", "millennial", "monday", "mongolian",
	"mormon", "moroccan", "muslim", "nepalese", "nepali", "neurodivergent",
	"nigerian", "nonbinary", "norwegian", "pakistani", "palestinian",
	"pansexual", "persian", "peruvian", "pisces", "polish", "portuguese",
	"protestant", "punjabi", "python", "queer", "republican", "rich",
	"romanian", "russian", "sagittarius", "saturday", "saudi", "scorpio",
	"scottish", "serbian", "short", "sikh", "singaporean", "slovak",
	"slovenian", "somali", "spanish", "straight", "sunday", "swedish",
	"swiss", "syrian", "taiwanese", "tamil", "taurus", "telugu", "texan",
	"thai", "thursday", "tibetan", "trans", "tuesday", "turkish", "ubuntu",
	"ukrainian", "urdu", "uzbek", "vegan", "vegetarian", "venezuelan",
	"vietnamese", "virgo", "wednesday", "welsh", "white", "windows",
	"yoruba", "young"
};

/*
 * Titles that may come before a name ("call me Dr. Patel").
 */
static const char *const title_words[] = {
	"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.",
	"prof", "prof."
};

/*
 * Lowercase particles inside a capitalised name ("Ludwig van Beethoven").
 */
static const char *const particle_words[] = {
	"al", "bin", "bint", "binti", "da", "das", "de", "del", "della", "der",
	"di", "dos", "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von"
};

/*
 * Words that may come before a bare answer ("Just Alex", "Oh, Sam").
 */
static const char *const lead_fillers[] = {
	"actually", "ah", "eh", "er", "erm", "hmm", "just", "maybe", "oh", "ok",
	"okay", "only", "simply", "so", "sure", "uh", "um", "umm", "well",
	"yeah", "yep", "yes"
};

/*
 * First words of a real question: "Why do you call me Alex?" gives no name,
 * "Can you call me Alex?" does.
 */
static const char *const question_openers[] = {
	"am", "are", "aren't", "did", "didn't", "do", "does", "doesn't",
	"don't", "has", "have", "how", "how's", "is", "isn't", "was", "wasn't",
	"were", "what", "what's", "whats", "when", "where", "which", "who",
	"who's", "whom", "whose", "why"
};

/*
 * Words that, a few words before a phrase, undo it: "don't call me
 * Shirley", "nobody calls me that", "I hate when people call me Kat",
 * "my friends used to call me Bee".
 */
static const char *const negators[] = {
	"can't", "cannot", "cant", "couldn't", "didn't", "didnt", "doesn't",
	"doesnt", "don't", "dont", "hate", "hates", "if", "never", "nobody",
	"not", "one", "quit", "shouldn't", "stop", "unless", "used", "when",
	"whenever", "why", "won't", "wont", "wouldn't"
};

/*
 * Words that, met first when looking back, keep a phrase a request: "you
 * can call me Jo", "if you could call me Max".
 */
static const char *const polite_words[] = {
	"can", "could", "may", "please", "should", "will", "would"
};

/*
 * Filler that may follow a name ("Priya please", "Alex is fine", "call
 * me Sam from now on"): trimmed from a bare answer, and all that may
 * follow a name after "I prefer". Each is a phrase of lowercase words.
 */
static const char *const trailing_fillers[] = {
	"actually", "again", "anyway", "btw", "by the way", "cheers", "for now",
	"for short", "from now on", "going forward", "haha", "here", "i guess",
	"i suppose", "i think", "if possible", "if that's alright",
	"if that's ok", "if that's okay", "if you don't mind", "if you like",
	"if you want", "instead", "is alright", "is best", "is better",
	"is cool", "is fine", "is good", "is great", "is ok", "is okay",
	"is perfect", "is what i go by", "lol", "now", "only", "please", "pls",
	"plz", "thank you", "thanks", "then", "tho", "though", "thx", "too",
	"ty", "tysm", "will do", "would be fine", "would be good",
	"would be great", "would be nice", "would be perfect", "works",
	"works fine", "works for me"
};

/*
 * Phrases that, with the social words, make up a clause that a bare answer
 * sets aside: "Harsha. Nice to meet you!", "Sam, and you?".
 */
static const char *const social_phrases[] = {
	"and you", "and yours", "by the way", "glad to meet you",
	"good afternoon", "good evening", "good morning", "good night",
	"good to meet you", "great to meet you", "how about you",
	"how are you", "nice meeting you", "nice to meet you",
	"pleased to meet you", "thank you", "thanks a lot", "thanks so much",
	"ty", "what about you", "what's yours", "whats yours", "you too"
};

/* Words between "my" and "name": "my first name is", "my nick name is". */
static const char *const name_kinds[] = {
	"actual", "first", "full", "given", "nick", "preferred", "real", "usual"
};

/* How strict to be about the words of a name. */
#define CTX_LOWER	0x1	/* all-lowercase words may be names */
#define CTX_IDENTITY	0x2	/* words of identity_words may be names */
#define CTX_NO_SHOUT	0x4	/* all-capital words are acronyms ("I'm OCD") */
#define CTX_ALONE	0x8	/* only filler may follow the name */

/* What kind of phrase gave a name; a higher rank wins. */
enum rank {
	RANK_NONE,
	RANK_BARE,		/* the whole answer */
	RANK_INTRODUCED,	/* I'm X */
	RANK_STATED,		/* my name is X */
	RANK_PREFERRED		/* call me X */
};

/* A trigger phrase found at some token: where its name should be. */
struct trigger {
	size_t		 start;	/* first token of the phrase (for negated()) */
	size_t		 name;	/* where the name starts */
	size_t		 until;	/* where it must end, or 0 for anywhere */
	enum rank	 rank;
	int		 flags;	/* CTX_* */
};

/*
 * How to cut a message: a title keeps its dot ("Dr."), "d'Angelo" is
 * capitalised, and "AJ" is initials, not a shout.
 */
static const struct token_rules name_rules = {
	title_words, nitems(title_words), 3, TOKEN_PREFIXED
};

/* How the lexicons see one lowercase word as a name. */
enum verdict {
	VERDICT_MAYBE,		/* not in a lexicon: may be a name */
	VERDICT_IDENTITY,	/* only after "my name is", "call me" */
	VERDICT_NEVER
};

static enum verdict
lexicon_verdict(const char *word)
{
	if (TOKEN_LEXICON_HAS(function_words, word) ||
	    TOKEN_LEXICON_HAS(state_words, word) ||
	    TOKEN_LEXICON_HAS(social_words, word) ||
	    TOKEN_LEXICON_HAS(time_words, word))
		return (VERDICT_NEVER);
	if (TOKEN_LEXICON_HAS(identity_words, word))
		return (VERDICT_IDENTITY);
	return (VERDICT_MAYBE);
}

/* Whether token i starts a clause (comes first or after punctuation). */
static int
clause_starts(const struct token_scan *s, size_t i)
{
	return (i == 0 || s->tokens[i - 1].type != TOKEN_WORD);
}

/*
 * Whether the words of phrase (lowercase, space-separated) are the tokens
 * from i, all before token end. Returns the number of words, or 0.
 */
static size_t
phrase_at(const struct token_scan *s, size_t i, size_t end, const char *phrase)
{
	const char	*p = phrase, *space;
	size_t		 n = 0, len;

	for (;;) {
		space = strchr(p, ' ');
		len = space != NULL ? (size_t)(space - p) : strlen(p);
		if (i + n >= end || !token_is_word(s, i + n) ||
		    strlen(s->tokens[i + n].fold) != len ||
		    memcmp(s->tokens[i + n].fold, p, len) != 0)
			return (0);
		n++;
		if (space == NULL)
			return (n);
		p = space + 1;
	}
}

/*
 * The longest of phrases found at token i and ending before token end, in
 * words, or 0.
 */
static size_t
phrase_in(const struct token_scan *s, size_t i, size_t end,
    const char *const *phrases, size_t n)
{
	size_t	k, m, best = 0;

	for (k = 0; k < n; k++) {
		if ((m = phrase_at(s, i, end, phrases[k])) > best)
			best = m;
	}
	return (best);
}

#define PHRASE_IN(s, i, end, table) \
	phrase_in(s, i, end, table, nitems(table))

/*
 * Whether a lowercase word ends like an adjective or a verb form rather
 * than a name: "trying", "nervous", "hopeful", "careless", "positive".
 * Short words are spared ("ming", "clive").
 */
static int
has_suspect_suffix(const char *fold)
{
	static const char *const suffixes[] = {
		"able", "ful", "ible", "ical", "ing", "ive", "less", "ness",
		"ous"
	};
	size_t	len = strlen(fold), k, n;

	if (len < 6)
		return (0);
	for (k = 0; k < nitems(suffixes); k++) {
		n = strlen(suffixes[k]);
		if (strcmp(fold + len - n, suffixes[k]) == 0)
			return (1);
	}
	return (0);
}

/*
 * Whether a folded word stands as a name for the lexicons, looking at
 * each part of a hyphenated word too ("old-fashioned", "uh-huh").
 */
static int
lexicon_allows(const char *fold, int flags)
{
	char		 part[NAME_MAX_BYTES + 1];
	const char	*p, *hyphen;
	size_t		 len;
	enum verdict	 verdict;

	for (p = fold;; p = hyphen + 1) {
		hyphen = strchr(p, '-');
		len = hyphen != NULL ? (size_t)(hyphen - p) : strlen(p);
		memcpy(part, p, len);
		part[len] = '\0';
		verdict = lexicon_verdict(part);
		if (verdict == VERDICT_NEVER ||
		    (verdict == VERDICT_IDENTITY && !(flags & CTX_IDENTITY)))
			return (0);
		if (hyphen == NULL)
			break;
	}
	return (1);
}

/*
 * Whether a word with dots is initials ("A.J.", "A.J"): each part one
 * letter.
 */
static int
is_initials(const char *fold)
{
	size_t	segment = 0;

	for (; *fold != '\0'; fold++) {
		if (*fold == '.') {
			if (segment != 1)
				return (0);
			segment = 0;
		} else
			segment++;
	}
	return (segment <= 1);
}

/* Whether token i may be a word of a name, under flags (CTX_*). */
static int
name_word_ok(const struct token_scan *s, size_t i, int flags)
{
	const struct token	*t;

	if (!token_is_word(s, i))
		return (0);
	t = &s->tokens[i];
	if (t->len > NAME_MAX_BYTES || t->fold[0] == '\0')
		return (0);
	switch (t->shape) {
	case SHAPE_OTHER:
		return (0);
	case SHAPE_LOWER:
		if (!(flags & CTX_LOWER) || t->letters < 2 ||
		    has_suspect_suffix(t->fold))
			return (0);
		break;
	case SHAPE_SHOUT:
		if (flags & CTX_NO_SHOUT)
			return (0);
		break;
	case SHAPE_CAPITAL:
	case SHAPE_UNCASED:
		break;
	}
	if (token_is_contraction(t->fold))
		return (0);
	if (strchr(t->fold, '.') != NULL && !is_initials(t->fold))
		return (0);
	return (lexicon_allows(t->fold, flags));
}

/* Whether token i is an abbreviated or full title followed by a name. */
static int
is_title(const struct token_scan *s, size_t i, int flags)
{
	if (!TOKEN_IN(s, i, title_words))
		return (0);
	if (s->tokens[i].shape == SHAPE_LOWER && !(flags & CTX_LOWER))
		return (0);
	return (name_word_ok(s, i + 1, flags));
}

/* Whether tokens i and j are both lowercase, or both not. */
static int
same_style(const struct token_scan *s, size_t i, size_t j)
{
	return ((s->tokens[i].shape == SHAPE_LOWER) ==
	    (s->tokens[j].shape == SHAPE_LOWER));
}

/*
 * Append one word of a name to out: as typed, or capitalised when it is
 * all lowercase (each part after a hyphen or dot too, and after an
 * apostrophe that follows one letter: "o'brien" -> "O'Brien",
 * "ma'ayan" -> "Ma'ayan"), or calmed when shouted ("HARSHA" -> "Harsha").
 * Returns 0, or -1 when out is full.
 */
static int
append_word(struct buf *out, const char *p, size_t len, enum word_shape shape)
{
	uint32_t	 cp;
	size_t		 off, used, segment = 0;
	int		 capital = 1;
	char		 enc[4];

	if (shape != SHAPE_LOWER && shape != SHAPE_SHOUT)
		return (buf_add(out, p, len));
	for (off = 0; off < len; off += used) {
		if ((used = utf8_decode(p + off, len - off, &cp)) == 0)
			return (-1);
		if (shape == SHAPE_SHOUT)
			cp = utf8_tolower(cp);
		if (cp == '-' || cp == 0x2010 || cp == '.') {
			capital = 1;
			segment = 0;
		} else if (token_is_apostrophe(cp)) {
			capital = segment == 1;
			segment = 0;
		} else if (utf8_isalpha(cp)) {
			if (capital)
				cp = utf8_toupper(cp);
			capital = 0;
			segment++;
		}
		if (buf_add(out, enc, utf8_encode(cp, enc)) != 0)
			return (-1);
	}
	return (0);
}

/*
 * Take the name that starts at token i: an optional title ("Dr."), then
 * one to three words that each look like a name and share a style (all
 * capitalised, or all lowercase); lowercase particles may sit between
 * capitalised words ("Ludwig van Beethoven"). The name is written to out.
 * Returns the index just past the name, or 0 when no name starts at i or
 * a fourth name-like word follows (then it is a sentence, not a name).
 */
static size_t
take_name(const struct token_scan *s, size_t i, int flags, struct buf *out)
{
	size_t			 words[NAME_MAX_WORDS], count = 0, j = i, k;
	const struct token	*t;
	size_t			 first;
	int			 particle;

	buf_reset(out);
	if (is_title(s, j, flags))
		words[count++] = j++;
	if (!name_word_ok(s, j, flags))
		return (0);
	first = j;
	words[count++] = j++;
	while (token_is_word(s, j)) {
		particle = s->tokens[first].shape != SHAPE_LOWER &&
		    TOKEN_IN(s, j, particle_words) &&
		    s->tokens[j].shape == SHAPE_LOWER &&
		    name_word_ok(s, j + 1, flags) &&
		    same_style(s, first, j + 1);
		if (count == NAME_MAX_WORDS) {
			if (particle || (name_word_ok(s, j, flags) &&
			    same_style(s, first, j)))
				return (0);
			break;
		}
		if (particle) {
			if (count + 2 > NAME_MAX_WORDS)
				return (0);
			words[count++] = j++;
		} else if (!name_word_ok(s, j, flags) ||
		    !same_style(s, first, j))
			break;
		words[count++] = j++;
	}

	for (k = 0; k < count; k++) {
		t = &s->tokens[words[k]];
		if (k != 0 && buf_addc(out, ' ') != 0)
			return (0);
		if (k != 0 && k + 1 < count && TOKEN_IN(s, words[k],
		    particle_words) && t->shape == SHAPE_LOWER) {
			if (buf_add(out, t->start, t->len) != 0)
				return (0);
		} else if (append_word(out, t->start, t->len, t->shape) != 0)
			return (0);
	}
	return (j);
}

/*
 * Whether a word shortly before token start, in the same clause, undoes
 * the phrase there ("don't", "never", "used to", "nobody"). A polite word
 * met first keeps it a request ("if you could call me Max").
 */
static int
negated(const struct token_scan *s, size_t start)
{
	size_t	k, i;

	for (k = 1; k <= NAME_LOOKBACK && k <= start; k++) {
		i = start - k;
		if (!token_is_word(s, i) || TOKEN_IN(s, i, polite_words))
			return (0);
		if (TOKEN_IN(s, i, negators))
			return (1);
	}
	return (0);
}

/*
 * Whether the phrase at token start sits in a real question: a sentence
 * ending in "?" that opens with a question word ("Why do you call me
 * Alex?", "Did you just call me Sam?"). Requests stay ("Can you call me
 * Alex?", "Do you mind calling me Jo?", "How about you call me Max?").
 */
static int
in_question(const struct token_scan *s, size_t start)
{
	size_t	k, skipped;

	if (!s->tokens[start].asks)
		return (0);
	k = s->tokens[start].sentence;
	for (skipped = 0; k < start && skipped < NAME_LOOKBACK; skipped++) {
		if (token_is_word(s, k) && !TOKEN_IN(s, k, lead_fillers) &&
		    !TOKEN_IN(s, k, social_words))
			break;
		k++;
	}
	if (!TOKEN_IN(s, k, question_openers))
		return (0);
	if (token_is(s, k, "do") && token_is(s, k + 1, "you") &&
	    token_is(s, k + 2, "mind"))
		return (0);
	if (token_is(s, k, "how") && token_is(s, k + 1, "about"))
		return (0);
	return (1);
}

/*
 * Whether only filler (a few phrases at most), then punctuation or the
 * end, follows token i.
 */
static int
clause_ends(const struct token_scan *s, size_t i)
{
	size_t	m, k;

	for (k = 0; k < NAME_FILLERS && token_is_word(s, i); k++) {
		if ((m = PHRASE_IN(s, i, s->n, trailing_fillers)) == 0)
			return (0);
		i += m;
	}
	return (!token_is_word(s, i));
}

/* Whether any of the n words before token i (same clause) is in table. */
static int
before_in(const struct token_scan *s, size_t i, size_t n,
    const char *const *words, size_t nwords)
{
	size_t	k;

	for (k = 1; k <= n && k <= i && token_is_word(s, i - k); k++) {
		if (token_in(s, i - k, words, nwords))
			return (1);
	}
	return (0);
}

/*
 * "call me X", "people call me X", "everyone calls me X", "can you start
 * calling me X", and "refer to me as X", "address me as X", "know me
 * as X".
 */
static int
trigger_call(const struct token_scan *s, size_t i, struct trigger *t)
{
	static const char *const everyone[] = { "everybody", "everyone" };
	static const char *const starting[] = {
		"begin", "mind", "start", "starting", "try"
	};
	static const char *const address[] = {
		"address", "know", "knows"
	};
	static const char *const refer[] = { "refer", "refers" };

	t->rank = RANK_PREFERRED;
	t->flags = CTX_LOWER | CTX_IDENTITY;
	t->start = i;
	if (i >= 2 && token_is(s, i, "as") && token_is(s, i - 1, "me")) {
		if (TOKEN_IN(s, i - 2, address))
			t->start = i - 2;
		else if (i >= 3 && token_is(s, i - 2, "to") &&
		    TOKEN_IN(s, i - 3, refer))
			t->start = i - 3;
		else
			return (0);
		t->name = i + 1;
		return (1);
	}
	if (!token_is(s, i + 1, "me"))
		return (0);
	if (token_is(s, i, "calls") && !before_in(s, i, 2, everyone,
	    nitems(everyone)))
		return (0);
	if (token_is(s, i, "calling") && !before_in(s, i, 3, starting,
	    nitems(starting)))
		return (0);
	if (!token_is(s, i, "call") && !token_is(s, i, "calls") &&
	    !token_is(s, i, "calling"))
		return (0);
	t->name = i + 2;
	return (1);
}

/*
 * "I go by X", "I'm going by X", "I'd rather go by X"; lowercase only
 * after jumbo asked ("I go by bus").
 */
static int
trigger_go_by(const struct token_scan *s, size_t i, struct trigger *t)
{
	static const char *const subject[] = {
		"i", "i'd", "i'll", "i'm", "im", "to"
	};

	if ((!token_is(s, i, "go") && !token_is(s, i, "going")) ||
	    !token_is(s, i + 1, "by") ||
	    !before_in(s, i, 3, subject, nitems(subject)))
		return (0);
	t->rank = RANK_PREFERRED;
	t->flags = CTX_IDENTITY | (s->asked ? CTX_LOWER : 0);
	t->start = i;
	t->name = i + 2;
	return (1);
}

/*
 * "I prefer X", "Actually, I'd prefer X": only filler may follow ("I
 * prefer Python for work" is no name), lowercase only after jumbo asked
 * ("I prefer tea").
 */
static int
trigger_prefer(const struct token_scan *s, size_t i, struct trigger *t)
{
	static const char *const adverbs[] = {
		"actually", "do", "just", "much", "really", "still", "would"
	};

	if (!token_is(s, i, "prefer") || i == 0)
		return (0);
	if (token_is(s, i - 1, "i") || token_is(s, i - 1, "i'd"))
		t->start = i - 1;
	else if (i >= 2 && TOKEN_IN(s, i - 1, adverbs) &&
	    (token_is(s, i - 2, "i") || token_is(s, i - 2, "i'd")))
		t->start = i - 2;
	else
		return (0);
	t->rank = RANK_PREFERRED;
	t->flags = CTX_ALONE | (s->asked ? CTX_LOWER : 0);
	t->name = i + 1;
	return (1);
}

/* "I'd like to be called X", "I'm called X", "I'm known as X". */
static int
trigger_called(const struct token_scan *s, size_t i, struct trigger *t)
{
	static const char *const being[] = {
		"am", "be", "being", "i'm", "im"
	};

	if (i == 0 || !TOKEN_IN(s, i - 1, being))
		return (0);
	if (token_is(s, i, "called"))
		t->name = i + 1;
	else if (token_is(s, i, "known") && token_is(s, i + 1, "as"))
		t->name = i + 2;
	else
		return (0);
	t->rank = RANK_PREFERRED;
	t->flags = CTX_LOWER | CTX_IDENTITY;
	t->start = i - 1;
	return (1);
}

/*
 * "my name is X", "my first name is X", "my name's X", "Name's X", "the
 * name is X", "Name: X". Not "my dog's name is Rex": the name must be
 * "my" one, or the phrase must open its clause.
 */
static int
trigger_name_is(const struct token_scan *s, size_t i, struct trigger *t)
{
	static const char *const nouns[] = {
		"name", "name's", "names", "nickname", "nickname's"
	};
	static const char *const adverbs[] = {
		"actually", "just", "officially", "really", "simply", "still"
	};
	size_t	owner = i, next;

	if (!TOKEN_IN(s, i, nouns))
		return (0);
	if (i >= 1 && TOKEN_IN(s, i - 1, name_kinds))
		owner = i - 1;
	if (owner >= 1 && token_is(s, owner - 1, "my"))
		t->start = owner - 1;
	else if (owner == i && clause_starts(s, i))
		t->start = i;
	else if (owner == i && token_is(s, i - 1, "the") &&
	    clause_starts(s, i - 1))
		t->start = i - 1;
	else
		return (0);

	next = i + 1;
	if (token_is(s, i, "name") || token_is(s, i, "nickname")) {
		if (token_is(s, next, "is"))
			next++;
		else if (next < s->n && s->tokens[next].type == TOKEN_PAUSE &&
		    s->tokens[next].colon)
			next++;
		else
			return (0);
		if (TOKEN_IN(s, next, adverbs))
			next++;
	}
	t->rank = RANK_STATED;
	t->flags = CTX_LOWER | CTX_IDENTITY;
	t->name = next;
	return (1);
}

/* "Alex is my name", "Actually, Alex is my name": the name before. */
static int
trigger_is_my_name(const struct token_scan *s, size_t i, struct trigger *t)
{
	size_t	start = i;

	if (!token_is(s, i, "is") || !token_is(s, i + 1, "my") ||
	    !token_is(s, i + 2, "name") || token_is(s, i + 3, "is"))
		return (0);
	while (!clause_starts(s, start) && i - start <= NAME_MAX_WORDS + 2)
		start--;
	if (!clause_starts(s, start))
		return (0);
	while (start < i && TOKEN_IN(s, start, lead_fillers))
		start++;
	if (start == i)
		return (0);
	t->rank = RANK_STATED;
	t->flags = CTX_LOWER | CTX_IDENTITY;
	t->start = start;
	t->name = start;
	t->until = i;
	return (1);
}

/*
 * "I'm X", "I am X", "Hi, I'm just Alex"; after jumbo asked also "it's
 * X", "it is X", "this is X" opening a clause. Capitalised unless jumbo
 * asked, and not shouted ("I'm OCD") unless all of it is ("I'M PRIYA").
 */
static int
trigger_intro(const struct token_scan *s, size_t i, struct trigger *t)
{
	static const char *const just[] = { "actually", "just", "simply" };
	static const char *const it[] = { "it's", "its" };

	if (token_is(s, i, "i'm") || token_is(s, i, "im"))
		t->name = i + 1;
	else if (token_is(s, i, "i") && token_is(s, i + 1, "am"))
		t->name = i + 2;
	else if (s->asked && clause_starts(s, i) && TOKEN_IN(s, i, it))
		t->name = i + 1;
	else if (s->asked && clause_starts(s, i) && (token_is(s, i, "it") ||
	    token_is(s, i, "this")) && token_is(s, i + 1, "is"))
		t->name = i + 2;
	else
		return (0);
	if (TOKEN_IN(s, t->name, just))
		t->name++;
	t->rank = RANK_INTRODUCED;
	t->flags = 0;
	if (s->asked)
		t->flags |= CTX_LOWER;
	else if (s->tokens[i].lowercase)
		t->flags |= CTX_NO_SHOUT;
	t->start = i;
	return (1);
}

typedef int trigger_fn(const struct token_scan *, size_t, struct trigger *);

/* Every trigger phrase, tried at every word. */
static trigger_fn *const triggers[] = {
	trigger_call,
	trigger_go_by,
	trigger_prefer,
	trigger_called,
	trigger_name_is,
	trigger_is_my_name,
	trigger_intro
};

/*
 * The length in words of a trailing filler phrase that ends just before
 * token end and starts at or after token first, or 0.
 */
static size_t
filler_before(const struct token_scan *s, size_t first, size_t end)
{
	const char	*p;
	size_t		 k, words, best = 0;

	for (k = 0; k < nitems(trailing_fillers); k++) {
		for (words = 1, p = trailing_fillers[k]; *p != '\0'; p++)
			words += *p == ' ';
		if (words <= best || end < first + words)
			continue;
		if (phrase_at(s, end - words, end, trailing_fillers[k]) ==
		    words)
			best = words;
	}
	return (best);
}

/*
 * Whether the words from a to b can be set aside when reading a bare
 * answer: only greetings, thanks, yes, no and chat ("Hi", "thanks",
 * "nice to meet you").
 */
static int
clause_is_social(const struct token_scan *s, size_t a, size_t b)
{
	size_t	m;

	while (a < b) {
		if ((m = PHRASE_IN(s, a, b, social_phrases)) == 0) {
			if (!TOKEN_IN(s, a, social_words) &&
			    !TOKEN_IN(s, a, lead_fillers))
				return (0);
			m = 1;
		}
		a += m;
	}
	return (1);
}

/*
 * Read the whole message as the answer to "what should I call you?". The
 * one clause that is not greetings or thanks, less filler at both ends,
 * must be a name. A greeting joined to it by a comma makes it someone
 * spoken to, not a name ("Thanks, Sam!", "Hi, Alex"); one that stands as
 * its own sentence does not ("Hi! Harsha"). Returns 1 with the name in
 * out, or 0.
 */
static int
detect_bare(const struct token_scan *s, struct buf *out)
{
	static const char *const greetings[] = {
		"aloha", "bonjour", "bye", "cheers", "ciao", "goodbye",
		"greetings", "hallo", "hello", "hey", "heya", "hi", "hiya",
		"hola", "howdy", "namaste", "salut", "sup", "thank", "thanks",
		"thx", "tysm", "yo"
	};
	size_t	i = 0, a, b, name_a = 0, name_b = 0, m;
	int	found = 0, spoken_to = 0;

	while (i < s->n) {
		if (!token_is_word(s, i)) {
			i++;
			continue;
		}
		for (a = i; token_is_word(s, i); i++)
			;
		if (clause_is_social(s, a, i)) {
			if (!found && TOKEN_IN(s, a, greetings) && i < s->n &&
			    s->tokens[i].type == TOKEN_PAUSE)
				spoken_to = 1;
			continue;
		}
		if (found)
			return (0);	/* two clauses of substance */
		found = 1;
		name_a = a;
		name_b = i;
	}
	if (!found || spoken_to)
		return (0);
	if (name_b < s->n && s->tokens[name_b].type == TOKEN_QUESTION)
		return (0);

	a = name_a;
	b = name_b;
	while (a < b && TOKEN_IN(s, a, lead_fillers))
		a++;
	if (b - a > NAME_MAX_WORDS + 2 * NAME_FILLERS)
		return (0);	/* too long to be a name and some filler */
	while (b > a + 1 && (m = filler_before(s, a + 1, b)) != 0)
		b -= m;
	if (a >= b)
		return (0);
	return (take_name(s, a, CTX_LOWER, out) == b);
}

/*
 * Look for a preferred name in text. Every trigger phrase is tried at
 * every word; the best name found is kept (see the top of the file).
 */
int
name_detect(const char *text, int asked, char **name)
{
	struct token_scan	 s;
	struct trigger	 t;
	struct buf	 candidate;
	char		*found = NULL;
	enum rank	 best = RANK_NONE;
	size_t		 i, k, end;

	if (name != NULL)
		*name = NULL;
	if (text == NULL || name == NULL)
		return (0);

	token_split(&s, text, &name_rules);
	s.asked = asked;
	buf_init(&candidate, NAME_MAX_BYTES);
	for (i = 0; i < s.n; i++) {
		if (!token_is_word(&s, i))
			continue;
		for (k = 0; k < nitems(triggers); k++) {
			memset(&t, 0, sizeof t);
			if (!triggers[k](&s, i, &t) || t.rank < best)
				continue;
			if (negated(&s, t.start) || in_question(&s, t.start))
				continue;
			if ((end = take_name(&s, t.name, t.flags,
			    &candidate)) == 0)
				continue;
			if (t.until != 0 && end != t.until)
				continue;
			if ((t.flags & CTX_ALONE) && !clause_ends(&s, end))
				continue;
			free(found);
			found = buf_detach(&candidate);
			best = t.rank;
		}
	}
	if (best == RANK_NONE && asked && detect_bare(&s, &candidate)) {
		found = buf_detach(&candidate);
		best = RANK_BARE;
	}
	buf_free(&candidate);
	token_free(&s);

	*name = found;
	return (found != NULL);
}

/*
 * Clean a name given directly. Leading and trailing white space goes,
 * inner runs of spaces and tabs become one space; other control
 * characters, invalid UTF-8, no letter, more than three words or more than
 * NAME_MAX_BYTES bytes refuse it. Typed case is kept, except that an
 * all-lowercase name is capitalised word by word (particles after the
 * first word stay lowercase: "ludwig van beethoven"). Result must be freed.
 */
char *
name_normalize(const char *text)
{
	struct buf	 clean, out;
	uint32_t	 cp;
	size_t		 len, off, used, words = 0, letters = 0, upper = 0;
	size_t		 start, end;
	int		 space = 0, failed = 0;
	char		 fold[NAME_MAX_BYTES + 1];
	const char	*p;

	if (text == NULL)
		return (NULL);
	len = strlen(text);
	if (!utf8_valid(text, len))
		return (NULL);
	while (len > 0 && (text[len - 1] == ' ' || (text[len - 1] >= '\t' &&
	    text[len - 1] <= '\r')))
		len--;
	for (off = 0; off < len && (text[off] == ' ' ||
	    (text[off] >= '\t' && text[off] <= '\r')); off++)
		;

	buf_init(&clean, NAME_MAX_BYTES);
	for (; off < len && !failed; off += used) {
		used = utf8_decode(text + off, len - off, &cp);
		if (cp == ' ' || cp == '\t') {
			space = 1;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			failed = 1;
			break;
		}
		if (space || clean.len == 0)
			words++;
		if (space && buf_addc(&clean, ' ') != 0)
			failed = 1;
		space = 0;
		if (utf8_isalpha(cp))
			letters++;
		if (utf8_isupper(cp))
			upper++;
		if (buf_add(&clean, text + off, used) != 0)
			failed = 1;
	}
	if (failed || clean.len == 0 || letters == 0 ||
	    words > NAME_MAX_WORDS) {
		buf_free(&clean);
		return (NULL);
	}
	if (upper != 0)
		return (buf_detach(&clean));

	/* All lowercase (or uncased): capitalise word by word. */
	buf_init(&out, NAME_MAX_BYTES);
	p = buf_str(&clean);
	for (start = 0, words = 0; p[start] != '\0'; start = end) {
		if (p[start] == ' ') {
			if (buf_addc(&out, ' ') != 0)
				failed = 1;
			end = start + 1;
			continue;
		}
		for (end = start; p[end] != '\0' && p[end] != ' '; end++)
			;
		token_fold(p + start, end - start, fold, sizeof fold);
		if (words++ != 0 && p[end] != '\0' &&
		    TOKEN_LEXICON_HAS(particle_words, fold)) {
			if (buf_add(&out, p + start, end - start) != 0)
				failed = 1;
		} else if (append_word(&out, p + start, end - start,
		    SHAPE_LOWER) != 0)
			failed = 1;
	}
	buf_free(&clean);
	if (failed) {
		buf_free(&out);
		return (NULL);
	}
	return (buf_detach(&out));
}
