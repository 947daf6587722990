/* role_int.h - what role.c (the roles of a document's sentences) and
 * role_classify.c (the role of one sentence from its own text) share.
 * Private to the two files (role.h is the interface). */
#ifndef WD_ROLE_INT_H
#define WD_ROLE_INT_H

#include <stdbool.h>

#include "doc.h"

/* Is sentence s alone on its line (it starts and ends it)? */
static inline bool whole_line(const struct sentence *s)
{
    return (s->flags & (SENT_START | SENT_END)) == (SENT_START | SENT_END);
}

/* The role of sentence i from its own text (its neighbours and position
 * are weighed in role_assign). */
enum sent_role role_classify(const char *bytes, const struct sentence *s, const char *byline);
/* Could sentence s be a headline (or its copy) at the top? */
bool role_title_like(const char *bytes, const struct sentence *s);

#endif
