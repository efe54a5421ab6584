/*
 * Step 2 of the turn pipeline when a language model is configured: the
 * model is asked (with llm_analysis_instructions() as its system prompt)
 * for the message's analysis as JSON, and llm_analysis_parse() turns its
 * answer into the same struct turn_analysis the built-in analyzer fills.
 * The answer is outside input: it is checked field by field, and any
 * fault rejects it whole (the caller then analyses that turn with
 * analyze_message() instead).
 *
 * The answer is one JSON object, alone, inside a ``` fence (``` or
 * ```json, holding nothing but the object), or as the first balanced
 * {...} in the text (a sentence before it or after it is ignored):
 *
 *	{"intent": "chat",
 *	 "summary": "Alex finished the marathon and is tired but proud.",
 *	 "name": "Alex",
 *	 "mood": {"label": "tired but proud", "valence": 0.3,
 *	     "arousal": -0.2, "emotions": ["tired", "proud"]},
 *	 "facts": [{"subject": "user", "relation": "friend",
 *	     "object": "Charvik"}],
 *	 "retracted": []}
 *
 * intent	required; one of the names analyze_intent_name() gives:
 *		chat, greeting, thanks, farewell, decline, how_are_you,
 *		who_are_you, ask_name, question, recall, forget.
 * summary	required; a non-empty string of at most 600 bytes.
 * name		optional; null, "" or absent when none. The preferred name
 *		the person gave in this message: at most 64 bytes, a name
 *		name_normalize() accepts (it is stored normalised), and
 *		found in the typed text, case-insensitively, as whole words.
 * mood		required; label (non-empty, under MOOD_LABEL_LEN bytes,
 *		lowercased), valence and arousal (numbers in [-1, 1]) and
 *		emotions (optional; at most MOOD_EMOTIONS_MAX strings, each
 *		non-empty and under MOOD_EMOTION_LEN bytes, lowercased,
 *		duplicates dropped).
 * facts	optional (null or absent: none); at most 32 objects with
 *		three strings: relation, one of fact_relations() (any case);
 *		subject, "user", a relation (an unnamed relative: "sister")
 *		or a name found in the typed text as whole words (at most 64
 *		bytes); object, non-empty, at most 200 bytes, found in the
 *		typed text case-insensitively starting at a word boundary
 *		("dog" is found in "my dogs", not in "hotdog"). Facts come
 *		only from what the person typed. Each gets confidence 0.8;
 *		a triple given twice is kept once.
 * retracted	optional; the same shape and rules. A triple also in
 *		facts is dropped from retracted.
 *
 * Keys are case-sensitive; unknown keys are ignored; a known key given
 * twice is refused. Every string must be valid UTF-8: tabs and line ends
 * become spaces, runs of space collapse, the ends are trimmed, and any
 * other control character refuses the answer. Lengths are counted after
 * that. In the typed text, runs of white space match one space.
 *
 * Polarity, from valence v and the emotions (an emotion's sign is the
 * sign of the valence mood_analyze() gives the word alone, none when
 * that is within +-0.15):
 *	mixed	 the label contains " but ", or emotions of both signs;
 *	positive v >= 0.15, or |v| < 0.15 and only positive emotions;
 *	negative v <= -0.15, or |v| < 0.15 and only negative emotions;
 *	neutral	 otherwise (|v| < 0.15 and no signed emotion).
 * The strengths keep positive - negative = v: (1 + v) / 2 and
 * (1 - v) / 2 for a mixed mood (both parts present), else max(v, 0) and
 * max(-v, 0).
 *
 * For intents recall and forget, question and forget are left empty:
 * the caller fills them with fact_question() and fact_forget_request()
 * on the typed text.
 */
#ifndef CORE_LLM_ANALYSIS_H
#define CORE_LLM_ANALYSIS_H

#include <stddef.h>

#include "core-analyze.h"

#define LLM_ANALYSIS_MAX_ANSWER		65536	/* bytes of answer read */
#define LLM_ANALYSIS_MAX_FACTS		32	/* in facts, and in retracted */
#define LLM_ANALYSIS_MAX_SUMMARY	600
#define LLM_ANALYSIS_MAX_NAME		64
#define LLM_ANALYSIS_MAX_OBJECT		200
#define LLM_ANALYSIS_CONFIDENCE		0.8

/*
 * Parse the model's answer (len bytes, any bytes, not necessarily
 * NUL-terminated) to the analysis of text, the message the person typed.
 * Returns 0 with *a filled (free it with analyze_clear()), or -1 with *a
 * zeroed and *cause set to one line naming the field at fault
 * ("facts[2].relation: ...", "mood.valence: ..."; caller frees).
 */
int	 llm_analysis_parse(const char *json, size_t len, const char *text,
	    struct turn_analysis *a, char **cause);
/*
 * The system prompt asking for that answer. It begins "Analyse the
 * person's message" and lists the intents and every relation. Built at
 * the first call; never freed.
 */
const char *llm_analysis_instructions(void);

#endif
