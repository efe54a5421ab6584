/*
 * File locations from the environment, as DESIGN.md fixes them. Nothing
 * here creates a file except paths_make_dir(); the store and the config
 * writer create theirs with the modes they need.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core-paths.h"
#include "util-str.h"
#include "util-xmalloc.h"

/* $HOME, or the password database's home directory. */
static const char *
paths_home(void)
{
	const char	*home;
	struct passwd	*pw;

	home = getenv("HOME");
	if (home != NULL && *home != '\0')
		return (home);
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL)
		return (pw->pw_dir);
	return (NULL);
}

/* $var/suffix when var is set (absolute paths only, as XDG says), else ~/fallback/suffix. */
static char *
paths_xdg(const char *var, const char *fallback, const char *suffix,
    char **cause)
{
	const char	*base, *home;
	char		*path;

	base = getenv(var);
	if (base != NULL && *base == '/') {
		xasprintf(&path, "%s/%s", base, suffix);
		return (path);
	}
	if ((home = paths_home()) == NULL) {
		xasprintf(cause, "cannot find the home directory: set HOME or "
		    "JUMBO_HOME");
		return (NULL);
	}
	xasprintf(&path, "%s/%s/%s", home, fallback, suffix);
	return (path);
}

char *
paths_data_dir(char **cause)
{
	const char	*home;

	home = getenv("JUMBO_HOME");
	if (home != NULL && *home != '\0')
		return (xstrdup(home));
	return (paths_xdg("XDG_DATA_HOME", ".local/share", "jumbo", cause));
}

char *
paths_config_file(char **cause)
{
	const char	*home;
	char		*path;

	home = getenv("JUMBO_HOME");
	if (home != NULL && *home != '\0') {
		xasprintf(&path, "%s/config", home);
		return (path);
	}
	return (paths_xdg("XDG_CONFIG_HOME", ".config", "jumbo/config",
	    cause));
}

static char *
paths_in_data_dir(const char *name, char **cause)
{
	char	*dir, *path;

	if ((dir = paths_data_dir(cause)) == NULL)
		return (NULL);
	xasprintf(&path, "%s/%s", dir, name);
	free(dir);
	return (path);
}

char *
paths_database(char **cause)
{
	return (paths_in_data_dir("jumbo.db", cause));
}

char *
paths_history(char **cause)
{
	return (paths_in_data_dir("history", cause));
}

int
paths_make_dir(const char *dir, char **cause)
{
	char		*copy, *p;
	struct stat	 sb;

	if (stat(dir, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return (0);
		xasprintf(cause, "%s: exists and is not a directory", dir);
		return (-1);
	}
	copy = xstrdup(dir);
	for (p = copy + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			xasprintf(cause, "%s: cannot create directory: %s",
			    copy, strerror(errno));
			free(copy);
			return (-1);
		}
		*p = '/';
	}
	free(copy);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		xasprintf(cause, "%s: cannot create directory: %s", dir,
		    strerror(errno));
		return (-1);
	}
	return (0);
}

char *
paths_account_name(void)
{
	struct passwd	*pw;
	const char	*user;
	char		*gecos, *name;
	size_t		 len;

	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_gecos != NULL) {
		len = strcspn(pw->pw_gecos, ",");
		gecos = xstrndup(pw->pw_gecos, len);
		name = xstrdup(str_trim(gecos));
		free(gecos);
		if (*name != '\0' && strcmp(name, pw->pw_name) != 0 &&
		    strcasecmp(name, "root") != 0)
			return (name);
		free(name);
	}
	if (pw != NULL && pw->pw_name != NULL && *pw->pw_name != '\0')
		return (xstrdup(pw->pw_name));
	user = getenv("USER");
	if (user != NULL && *user != '\0')
		return (xstrdup(user));
	return (xstrdup("friend"));
}
