// The Node peer of bench/oneshot.sh: one streaming chat turn on the
// official openai package, the way many terminal tools make one, with
// the answer's text written to standard output as it arrives.
//
// Usage: node oneshot.mjs [BODY.json]
//
// OPENAI_BASE_URL and OPENAI_API_KEY come from the environment. BODY.json
// is the request body curl sends in the same benchmark; only its model
// and messages are read, so all three clients ask for the same thing.
// Without it, one system and one user message.

import { readFileSync } from "node:fs";
import OpenAI from "openai";

let model = "mock";
let messages = [
	{ role: "system", content: "You are a friendly companion." },
	{ role: "user", content: "hello there" },
];
if (process.argv.length > 2) {
	const body = JSON.parse(readFileSync(process.argv[2], "utf8"));
	model = body.model;
	messages = body.messages;
}

const client = new OpenAI({
	baseURL: process.env.OPENAI_BASE_URL,
	apiKey: process.env.OPENAI_API_KEY,
});

const stream = await client.chat.completions.create({
	model,
	messages,
	stream: true,
	stream_options: { include_usage: true },
});
for await (const chunk of stream) {
	const content = chunk.choices[0]?.delta?.content;
	if (content)
		process.stdout.write(content);
}
process.stdout.write("\n");
