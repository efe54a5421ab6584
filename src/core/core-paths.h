/*
 * Where jumbo keeps things: the data directory ($JUMBO_HOME, else
 * $XDG_DATA_HOME/jumbo, else ~/.local/share/jumbo) holding jumbo.db and the
 * input history, and the config file ($JUMBO_HOME/config, else
 * $XDG_CONFIG_HOME/jumbo/config, else ~/.config/jumbo/config).
 */
#ifndef CORE_PATHS_H
#define CORE_PATHS_H

/* Each returns a new string (result must be freed), or NULL with *cause when HOME is unknown. */
char	*paths_data_dir(char **cause);
char	*paths_config_file(char **cause);
char	*paths_database(char **cause);
char	*paths_history(char **cause);

/* Create dir and its parents (mode 0700). Returns 0, or -1 with *cause. */
int	 paths_make_dir(const char *dir, char **cause);

/*
 * The person's name as the system knows it: the GECOS full name (up to
 * its first comma) if there is one, else the login name. Result must be
 * freed.
 */
char	*paths_account_name(void);

#endif
