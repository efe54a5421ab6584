/*
 * The fact extractor: what the person says about themselves and the
 * people and things in their life, as (subject, relation, object)
 * triples. Only from the person's own statements: not from questions,
 * hypotheticals, negations or reported speech. Lists stay lists: "my best
 * friends are Charvik and Devansh" gives two triples.
 *
 * It also reads the two kinds of message that are about memory itself:
 * questions ("Do you remember my friends?", "Where do I live?") and
 * requests to forget ("forget where I live", "forget that").
 */
#ifndef CORE_FACT_H
#define CORE_FACT_H

#include <stddef.h>

/*
 * One triple. The subject is "user" for the person, a name ("Ana"), or,
 * for a relative or friend mentioned without a name, a relation from
 * fact_relations() meaning the person's one ("sister": "my sister lives
 * in Paris"). The relation is from fact_relations(). The object is as
 * the person wrote it ("Charvik", "Berlin", "going to Italy in June").
 */
struct fact {
	char	*subject;
	char	*relation;
	char	*object;
	double	 confidence;	/* (0, 1] */
};

struct fact_list {
	struct fact	*items;
	size_t		 count;
};

/* Extract the facts in text (any bytes). Free with fact_list_clear(). */
void	 fact_extract(const char *text, struct fact_list *);
/*
 * The facts text says no longer hold or never did: "I don't live in
 * Boston anymore" gives (user, lives_in, Boston), "I'm not a teacher
 * anymore" (user, job, teacher), "I used to live in Chicago" (user,
 * lives_in, Chicago). A caller may drop a stored fact that matches one.
 * A triple the same text also states ("I have a cat. I don't have a
 * cat.") is left out: it is in fact_extract()'s list only. Free with
 * fact_list_clear().
 */
void	 fact_retracted(const char *text, struct fact_list *);
void	 fact_list_clear(struct fact_list *);

/*
 * Whether relation holds one value at a time (lives_in, job, wife,
 * birthday...): a new value supersedes the old. Others are sets (friend,
 * likes, child...): values add up.
 */
int	 fact_relation_single(const char *relation);
/*
 * A phrase for a relation in a sentence: "friend" -> "friends",
 * "best_friend" -> "best friends", "favourite_band" -> "favourite band",
 * "lives_in" -> "live in". Most are nouns that read after "your" or
 * "Ana's"; a few (lives_in, from, workplace, studies, likes, dislikes)
 * are verbs that read after "you": fact_relation_noun() tells which. An
 * unknown relation is returned as it is; never NULL.
 */
const char *fact_relation_phrase(const char *relation, int plural);
/* Whether the phrase is a noun ("sister"), not a verb ("live in"). */
int	 fact_relation_noun(const char *relation);
/* Every relation the extractor produces, NULL-terminated. */
const char *const *fact_relations(void);
/*
 * Whether a stored relation answers a question (or a forget request)
 * about asked: the same relation or one it covers. "friend" covers
 * best_friend; "child" son and daughter; "sibling" sister and brother;
 * "parent" mother and father; "partner" wife, husband, girlfriend,
 * boyfriend and fiance; "pet" every species (dog, cat, ...); "favourite"
 * every favourite_KIND and "likes" the favourites; "family" every
 * relative. A question about a wife (or husband...) is also answered by
 * a partner. fact_question() may ask about "family", which no fact has.
 */
int	 fact_relation_covers(const char *asked, const char *stored);

enum fact_question_kind {
	FACT_QUESTION_NONE = 0,
	FACT_QUESTION_RELATION,	/* "Where do I live?": one relation */
	FACT_QUESTION_ALL	/* "What do you remember about me?" */
};

/*
 * A question about memory. The subject is "user", a name ("Where does
 * Ana live?") or a relation ("Where does my sister live?" asks about
 * "sister", as facts name an unnamed sister); it is set whenever kind is
 * not NONE. The relation is set for FACT_QUESTION_RELATION and may be a
 * wider one than facts have ("friend", "pet", "family"): match stored
 * facts with fact_relation_covers().
 */
struct fact_question {
	enum fact_question_kind	 kind;
	char			*subject;
	char			*relation;
};

/* Whether text asks what jumbo remembers. Free with fact_question_clear(). */
int	 fact_question(const char *text, struct fact_question *);
void	 fact_question_clear(struct fact_question *);

/*
 * A request to forget. RELATION ("forget where I live", "forget my
 * sister") sets relation, to match with fact_relation_covers(), and also
 * object when one value is named ("forget my dog Rex", "forget that I
 * live in Boston"); "forget my sister's birthday" names the subject
 * "sister" as the relation. OBJECT ("forget about Rex") sets object, a
 * name. LAST ("forget that", "forget what I just said") sets neither.
 */
enum fact_forget_kind {
	FACT_FORGET_NONE = 0,
	FACT_FORGET_RELATION,
	FACT_FORGET_OBJECT,
	FACT_FORGET_LAST
};

struct fact_forget {
	enum fact_forget_kind	 kind;
	char			*relation;
	char			*object;
};

/* Whether text asks to forget something. Free with fact_forget_clear(). */
int	 fact_forget_request(const char *text, struct fact_forget *);
void	 fact_forget_clear(struct fact_forget *);

#endif
