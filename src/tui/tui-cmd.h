/*
 * The subcommands of the line front end: each prints for a person, or
 * JSON with --json, and returns the exit status (0, 1 runtime, 2 usage).
 */
#ifndef TUI_CMD_H
#define TUI_CMD_H

struct args;
struct session;

int	 cmd_greet(struct session *, const struct args *);
int	 cmd_profile(struct session *, const struct args *);
int	 cmd_facts(struct session *, const struct args *);
int	 cmd_mood(struct session *, const struct args *);
int	 cmd_history(struct session *, const struct args *);
int	 cmd_search(struct session *, const struct args *);
int	 cmd_import(struct session *, const struct args *);
int	 cmd_export(struct session *, const struct args *);
int	 cmd_models(struct session *, const struct args *);
/* config and mood analyze need no session. */
int	 cmd_config(const struct args *);
int	 cmd_mood_analyze(const struct args *);

/* Whether a command only reads the store (it is then opened read-only). */
int	 cmd_readonly(const struct args *);
/* Check a command's words before anything is opened; 0 or 2. */
int	 cmd_check_words(const struct args *);

#endif
