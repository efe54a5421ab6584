# jumbo import / jumbo export: JSON Lines both ways. An export imported
# into a fresh store exports byte for byte the same; importing twice adds
# nothing; a bad line refuses the whole file, naming file and line; text
# of every kind survives.
. "$(dirname "$0")/lib.sh"

home1=$TMP/one
home2=$TMP/two
home3=$TMP/three

say "fill a store with turns and an import"
export JUMBO_HOME="$home1"
jumbo_ok "fill: greet" greet
jumbo_ok "fill: answer" -c "harsha"
printf 'some piped\nmaterial with a tab\there\n' >"$TMP/piped"
jumbo_stdin "$TMP/piped" "please keep this"
[ "$RC" -eq 0 ] || fail "fill: piped turn" "exit $RC"
jumbo_ok "fill: unicode turn" "Zoë says 🎉 — 日本語, مرحبا and \"quotes\" \\ backslash"
jumbo_ok "fill: multi-line turn" "$(printf 'line one\nline two\n\ttabbed line three')"

cat >"$TMP/odd.jsonl" <<'EOF'
{"id": "u1", "conversation": "odd", "role": "user", "speaker": "Ana", "text": "emoji 🎉🐘 and CJK 日本語 and accents Zoë façade", "time": "2023-05-08T13:56:00Z"}
{"id": "u2", "conversation": "odd", "role": "assistant", "speaker": "jumbo", "text": "escaped \u00e9 \u2028 \ud83d\ude00 \"quotes\" \\back\\slash\\ \t tab\nnew line\r\nCRLF", "time": "2023-05-08T13:56:00.250Z"}
{"id": "u3", "conversation": "odd", "role": "user", "speaker": null, "text": "no speaker, offset time, unknown field", "time": "2023-05-08T15:56:01+02:00", "extra": [1, 2, 3]}
{"id": "u4", "conversation": "odd", "role": "user", "speaker": "Ana", "text": "with an attachment", "attachment": "diff --git a/x b/x\n+added line\n", "time": "2023-05-09T00:00:00Z"}
{"id": "u5", "conversation": "odd", "role": "user", "speaker": "Ana", "text": "control \u0001 and \u001f and DEL \u007f and </script>", "time": "2023-05-09T00:00:01Z"}
EOF
jumbo import "$TMP/odd.jsonl"
expect_exit "import odd: exit status" 0
expect_empty "import odd: nothing on stdout" "$OUT"
expect_contains "import odd: says how many" "$ERR" "5"

say "export"
jumbo export
expect_exit "export: exit status" 0
expect_empty "export: nothing on stderr" "$ERR"
cp "$TMP/.out" "$TMP/export1"
expect_eq "export: every line a JSON object with the fields" \
    "$(py 'all(isinstance(o, dict) and all(k in o for k in ("id", "conversation", "role", "speaker", "text", "time")) for o in L)' <"$TMP/export1")" \
    "true"
expect_eq "export: no line is blank" "$(grep -c '^$' "$TMP/export1" || true)" 0
n1=$(wc -l <"$TMP/export1" | tr -d ' ')
expect_eq "export: every message (9 from turns, 5 imported)" "$n1" 14
jumbo export "$TMP/export-file"
expect_exit "export FILE: exit status" 0
if cmp -s "$TMP/export1" "$TMP/export-file"; then
	pass "export FILE: same bytes as standard output"
else
	fail "export FILE: same bytes as standard output" "$(diff "$TMP/export1" "$TMP/export-file" | head)"
fi

say "text survives as it was"
expect_eq "odd: texts read back exactly" \
    "$(py '[o["text"] for o in L if o["conversation"] == "odd"]' <"$TMP/export1")" \
    "$("$PYTHON" -I -S -c '
import json
print(json.dumps(["emoji \U0001f389\U0001f418 and CJK \u65e5\u672c\u8a9e and accents Zo\u00eb fa\u00e7ade",
    "escaped \u00e9 \u2028 \U0001f600 \"quotes\" \\back\\slash\\ \t tab\nnew line\r\nCRLF",
    "no speaker, offset time, unknown field", "with an attachment",
    "control \u0001 and \u001f and DEL \u007f and </script>"], ensure_ascii=False))')"
expect_eq "odd: ids and times kept (offsets to UTC)" \
    "$(py '[[o["id"], o["time"]] for o in L if o["conversation"] == "odd"]' <"$TMP/export1")" \
    '[["u1", "2023-05-08T13:56:00Z"], ["u2", "2023-05-08T13:56:00.250Z"], ["u3", "2023-05-08T13:56:01Z"], ["u4", "2023-05-09T00:00:00Z"], ["u5", "2023-05-09T00:00:01Z"]]'
expect_eq "odd: speakers kept" \
    "$(py '[o["speaker"] for o in L if o["conversation"] == "odd"]' <"$TMP/export1")" \
    '["Ana", "jumbo", null, "Ana", "Ana"]'
expect_eq "odd: the attachment kept" \
    "$(py '[o.get("attachment") for o in L if o["id"] == "u4"]' <"$TMP/export1")" \
    '["diff --git a/x b/x\n+added line\n"]'
expect_eq "turns: the unicode turn kept" \
    "$(py '[o["text"] for o in L if o["text"].startswith("Zo")]' <"$TMP/export1")" \
    '["Zoë says 🎉 — 日本語, مرحبا and \"quotes\" \\ backslash"]'
expect_eq "turns: the multi-line turn kept" \
    "$(py '[o["text"] for o in L if o["text"].startswith("line one")]' <"$TMP/export1")" \
    '["line one\nline two\n\ttabbed line three"]'
expect_eq "turns: the piped attachment kept" \
    "$(py '[o.get("attachment") for o in L if o["text"] == "please keep this"]' <"$TMP/export1")" \
    '["some piped\nmaterial with a tab\there\n"]'
jumbo history show odd --json
expect_eq "odd: history show gives the same text" \
    "$(pyout 'j["messages"][1]["text"]')" \
    "$(printf 'escaped \303\251 \342\200\250 \360\237\230\200 "quotes" \\back\\slash\\ \t tab\nnew line\r\nCRLF')"
jumbo search --json façade
expect_eq "odd: imported text is searchable" "$(pyout 'L[0]["id"] if L else None')" "u1"

say "round trip into a fresh store"
export JUMBO_HOME="$home2"
jumbo import "$TMP/export1"
expect_exit "round trip: import exit status" 0
jumbo export
cp "$TMP/.out" "$TMP/export2"
if cmp -s "$TMP/export1" "$TMP/export2"; then
	pass "round trip: export, import, export is byte-identical"
else
	fail "round trip: export, import, export is byte-identical" \
	    "$(diff "$TMP/export1" "$TMP/export2" | head -20)"
fi
jumbo history --json
expect_eq "round trip: the conversations are there" \
    "$(pyout 'len(L)')" \
    "$(py 'len(set(o["conversation"] for o in L))' <"$TMP/export1")"

say "importing the same file twice adds nothing"
jumbo import "$TMP/export1"
expect_exit "twice: exit status" 0
jumbo export
if cmp -s "$TMP/export1" "$TMP/.out"; then
	pass "twice: the export is unchanged"
else
	fail "twice: the export is unchanged" "$(diff "$TMP/export1" "$TMP/.out" | head -20)"
fi
export JUMBO_HOME="$home1"
jumbo import "$TMP/odd.jsonl"
expect_exit "twice into the first store: exit status" 0
jumbo export
if cmp -s "$TMP/export1" "$TMP/.out"; then
	pass "twice into the first store: nothing added"
else
	fail "twice into the first store: nothing added" "$(diff "$TMP/export1" "$TMP/.out" | head -20)"
fi

say "import - reads standard input"
export JUMBO_HOME="$home3"
jumbo_stdin "$TMP/export1" import -
expect_exit "import -: exit status" 0
jumbo export
if cmp -s "$TMP/export1" "$TMP/.out"; then
	pass "import -: same store as from the file"
else
	fail "import -: same store as from the file" "$(diff "$TMP/export1" "$TMP/.out" | head -20)"
fi

say "a bad line refuses the whole file"
export JUMBO_HOME="$home1"
good1='{"id": "g1", "conversation": "bad-import", "role": "user", "speaker": "Ana", "text": "goodlinetoken one", "time": "2024-01-01T00:00:00Z"}'
good2='{"id": "g2", "conversation": "bad-import", "role": "assistant", "speaker": "jumbo", "text": "goodlinetoken two", "time": "2024-01-01T00:00:01Z"}'
good4='{"id": "g4", "conversation": "bad-import", "role": "user", "speaker": "Ana", "text": "goodlinetoken four", "time": "2024-01-01T00:00:03Z"}'
n=0
while IFS= read -r bad; do
	n=$((n + 1))
	what=${bad%%|*}
	line=${bad#*|}
	f="$TMP/bad$n.jsonl"
	printf '%s\n%s\n%s\n%s\n' "$good1" "$good2" "$line" "$good4" >"$f"
	jumbo import "$f"
	expect_exit "bad line ($what): exit status 1" 1
	expect_error_line "bad line ($what): one error naming file and line" "$f:3"
	jumbo export
	if cmp -s "$TMP/export1" "$TMP/.out"; then
		pass "bad line ($what): nothing imported"
	else
		fail "bad line ($what): nothing imported" "$(diff "$TMP/export1" "$TMP/.out" | head -5)"
	fi
done <<'EOF'
invalid JSON|{"id": "b3", "role": "user", "text": "unterminated
not an object|["b3", "user", "text"]
bad role|{"id": "b3", "conversation": "bad-import", "role": "wizard", "text": "abracadabra", "time": "2024-01-01T00:00:02Z"}
missing role|{"id": "b3", "conversation": "bad-import", "text": "who said this", "time": "2024-01-01T00:00:02Z"}
missing text|{"id": "b3", "conversation": "bad-import", "role": "user", "time": "2024-01-01T00:00:02Z"}
empty text|{"id": "b3", "conversation": "bad-import", "role": "user", "text": "", "time": "2024-01-01T00:00:02Z"}
text not a string|{"id": "b3", "conversation": "bad-import", "role": "user", "text": 42, "time": "2024-01-01T00:00:02Z"}
bad time|{"id": "b3", "conversation": "bad-import", "role": "user", "text": "when", "time": "yesterday at noon"}
impossible date|{"id": "b3", "conversation": "bad-import", "role": "user", "text": "when", "time": "2023-02-30T25:61:00Z"}
NUL in text|{"id": "b3", "conversation": "bad-import", "role": "user", "text": "nul \u0000 here", "time": "2024-01-01T00:00:02Z"}
EOF

printf '%s\n%s\n' "$good1" "$good2" >"$TMP/bad-utf8.jsonl"
printf '{"id": "b3", "role": "user", "text": "latin1 caf\351"}\n' >>"$TMP/bad-utf8.jsonl"
jumbo import "$TMP/bad-utf8.jsonl"
expect_exit "bad line (not UTF-8): exit status 1" 1
expect_error_line "bad line (not UTF-8): names file and line" "$TMP/bad-utf8.jsonl:3"
printf '%s\n%s\n%s\n' "$good1" "$good2" '{"id": "b3", "text": "no role"}' \
    >"$TMP/bad-stdin.jsonl"
jumbo_stdin "$TMP/bad-stdin.jsonl" import -
expect_exit "bad line on stdin: exit status 1" 1
expect_error_line "bad line on stdin: names stdin and the line" "stdin:3"
jumbo export
if cmp -s "$TMP/export1" "$TMP/.out"; then
	pass "bad lines: the store is as before"
else
	fail "bad lines: the store is as before" "$(diff "$TMP/export1" "$TMP/.out" | head -5)"
fi
jumbo search --json goodlinetoken
expect_empty "bad lines: no good line of a refused file is searchable" "$OUT"

say "a file that is not there"
jumbo import "$TMP/no-such-file.jsonl"
expect_exit "missing file: exit status 1" 1
expect_error_line "missing file: one error naming it" "$TMP/no-such-file.jsonl"
jumbo import
expect_exit "no file: exit status 2" 2

say "blank lines are skipped"
printf '\n%s\n\n%s\n\n' "$good1" "$good2" >"$TMP/blank-lines.jsonl"
jumbo import "$TMP/blank-lines.jsonl"
expect_exit "blank lines: exit status" 0
expect_eq "blank lines: two messages added" "$(message_count)" "$((n1 + 2))"

finish
