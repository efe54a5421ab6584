/*
 * RFC 3339 timestamps. time_format() writes UTC with a 'Z', adding
 * milliseconds only when they are not zero, so whole-second times from
 * other tools round-trip byte for byte. time_parse() accepts the date
 * alone, seconds or not, fractions, and 'Z' or a numeric offset.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util-time.h"

int64_t
time_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

void
time_format(int64_t ms, char *out, size_t size)
{
	struct tm	tm;
	time_t		t;
	int64_t		frac;

	frac = ms % 1000;
	if (frac < 0) {
		frac += 1000;
		ms -= 1000;
	}
	t = (time_t)(ms / 1000);
	gmtime_r(&t, &tm);
	/* Not strftime: its %Y does not pad years before 1000. */
	if (frac != 0)
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec, (int)frac);
	else
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
}

static int
time_digits(const char **p, int n, int *out)
{
	int	v = 0;

	while (n-- > 0) {
		if (!isdigit((unsigned char)**p))
			return (-1);
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*out = v;
	return (0);
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
time_days(int y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/* Parse an RFC 3339 time into milliseconds. Returns 0, or -1 if it is not one. */
int
time_parse(const char *s, int64_t *out)
{
	int	y, mo, d, h = 0, mi = 0, sec = 0, ms = 0, oh, om, sign;
	int	digits;

	if (time_digits(&s, 4, &y) != 0 || *s++ != '-' ||
	    time_digits(&s, 2, &mo) != 0 || *s++ != '-' ||
	    time_digits(&s, 2, &d) != 0)
		return (-1);
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return (-1);
	sign = 0;
	oh = om = 0;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if (time_digits(&s, 2, &h) != 0 || *s++ != ':' ||
		    time_digits(&s, 2, &mi) != 0)
			return (-1);
		if (*s == ':') {
			s++;
			if (time_digits(&s, 2, &sec) != 0)
				return (-1);
			if (*s == '.') {
				s++;
				digits = 0;
				while (isdigit((unsigned char)*s)) {
					if (digits < 3)
						ms = ms * 10 + (*s - '0');
					digits++;
					s++;
				}
				if (digits == 0)
					return (-1);
				for (; digits < 3; digits++)
					ms *= 10;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return (-1);
		if (*s == 'Z' || *s == 'z')
			s++;
		else if (*s == '+' || *s == '-') {
			sign = *s++ == '+' ? 1 : -1;
			if (time_digits(&s, 2, &oh) != 0 || *s++ != ':' ||
			    time_digits(&s, 2, &om) != 0)
				return (-1);
		}
	}
	if (*s != '\0')
		return (-1);
	*out = ((time_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	    sign * (oh * 3600 + om * 60)) * 1000) + ms;
	return (0);
}
