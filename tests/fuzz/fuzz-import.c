/*
 * libFuzzer target for import lines. Every input is one line; when it
 * parses, its export must parse to the same record and export to the same
 * bytes again (the export, import, export identity), on one line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-import.h"
#include "util-xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
fuzz_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_record	 rec, back;
	char			*line, *out, *again, *cause = NULL;

	/* An exact-size copy without a NUL, so over-reads are caught. */
	line = xmalloc(size == 0 ? 1 : size);
	memcpy(line, data, size);
	if (import_parse_line(line, size, &rec, &cause) != 0) {
		if (cause == NULL)
			abort();
		free(cause);
		free(line);
		return (0);
	}
	out = import_format_line(&rec);
	if (strchr(out, '\n') != NULL)
		abort();
	if (import_parse_line(out, strlen(out), &back, &cause) != 0) {
		fprintf(stderr, "export does not import: %s\n%s\n", cause,
		    out);
		abort();
	}
	if (!fuzz_same(rec.id, back.id) ||
	    !fuzz_same(rec.conversation, back.conversation) ||
	    !fuzz_same(rec.role, back.role) ||
	    !fuzz_same(rec.speaker, back.speaker) ||
	    !fuzz_same(rec.text, back.text) ||
	    !fuzz_same(rec.attachment, back.attachment) ||
	    rec.has_time != back.has_time || rec.time != back.time) {
		fprintf(stderr, "record changed through %s\n", out);
		abort();
	}
	again = import_format_line(&back);
	if (strcmp(out, again) != 0) {
		fprintf(stderr, "export changed:\n%s\n%s\n", out, again);
		abort();
	}
	free(again);
	free(out);
	import_record_clear(&back);
	import_record_clear(&rec);
	free(line);
	return (0);
}
