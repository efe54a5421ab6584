/*
 * The JSON Lines format of `jumbo import` and `jumbo export`, one message
 * a line:
 *
 *   {"id": "ext-id", "conversation": "ext-conv", "role": "user",
 *    "speaker": "Caroline", "text": "...", "time": "2023-05-08T13:56:00Z"}
 *
 * "role" and "text" are required; "id", "conversation", "speaker",
 * "time" and "attachment" (piped material) are optional and may be null.
 * Export writes every field in that order (speaker null when unknown,
 * attachment only when there is one; id, conversation and time left out
 * when the record has none), so export, import, export gives identical
 * bytes.
 */
#ifndef CORE_IMPORT_H
#define CORE_IMPORT_H

#include <stddef.h>
#include <stdint.h>

struct import_record {
	char	*id;		/* NULL if the line had none */
	char	*conversation;	/* NULL if the line had none */
	char	*role;		/* "user" or "assistant" */
	char	*speaker;	/* may be NULL */
	char	*text;
	char	*attachment;	/* may be NULL */
	int64_t	 time;		/* ms since epoch; 0 if the line had none */
	int	 has_time;
};

/*
 * Parse one line (without its newline). Returns 0 and fills rec, or -1
 * with *cause naming the field at fault ("field \"role\" must be \"user\"
 * or \"assistant\""); the caller adds the file and line number.
 */
int	 import_parse_line(const char *line, size_t len,
	    struct import_record *rec, char **cause);
/* One export line for rec, without a newline. Result must be freed. */
char	*import_format_line(const struct import_record *rec);
void	 import_record_clear(struct import_record *rec);

#endif
