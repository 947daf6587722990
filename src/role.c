/* role.c - the roles of a document's sentences (role.h): each one's from
 * its own text (role_classify.c), then what its neighbours and its place
 * say (repeated lines, a caption's text before its credit, the headline at
 * the top), and the roles' names and letters. */
#include "config.h"

#include "role.h"
#include "role_int.h"

#include <stdlib.h>

#include "doc.h"
#include "util.h"

static const char *const names[ROLE_COUNT] = {"story",   "headline", "dateline",
                                              "caption", "byline",   "boilerplate"};
static const char letters[ROLE_COUNT] = {' ', 'h', 'd', 'c', 'a', 'b'};

const char *role_name(enum sent_role r)
{
    return (unsigned)r < ROLE_COUNT ? names[r] : "?";
}

char role_letter(enum sent_role r)
{
    return (unsigned)r < ROLE_COUNT ? letters[r] : '?';
}

char role_mark(const struct sentence *s)
{
    enum sent_role r = sent_role(s);
    return r == ROLE_STORY && sent_dateline(s) ? 'd' : role_letter(r);
}

/* ---- roles ------------------------------------------------------------------- */

static void set_role(struct sentence *s, enum sent_role r)
{
    s->flags = (s->flags & ~SENT_ROLE_MASK) | ((uint32_t)r << SENT_ROLE_SHIFT);
}

struct id_at {
    uint32_t id, i;
};

static int cmp_id_at(const void *p, const void *q)
{
    const struct id_at *x = p, *y = q;
    if (x->id != y->id) return x->id < y->id ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Repetition within the document: a line (without final punctuation)
 * that comes back after other text, both copies; the copies of a
 * sentence that open with a dateline elsewhere (a teaser or a caption
 * that repeats the lede).  Only lines and sentences alone on their line
 * take part, sorted by id: O(n log n) in those. */
static void mark_repeats(struct sentence *s, size_t n, const uint32_t *body, uint8_t *repeated,
                         uint8_t *copy)
{
    struct id_at *ix = xreallocarray(NULL, n + 1, sizeof *ix);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        bool dated = (s[i].flags & SENT_DATELINE_MASK) != 0;
        if ((s[i].flags & SENT_LINE) || whole_line(&s[i]) || dated)
            ix[m++] = (struct id_at){dated && body ? body[i] : s[i].id, (uint32_t)i};
    }
    if (m > 1) qsort(ix, m, sizeof *ix, cmp_id_at);
    for (size_t g = 0; g < m;) {
        size_t e = g;
        bool dated = false;
        while (e < m && ix[e].id == ix[g].id) {
            dated |= (s[ix[e].i].flags & SENT_DATELINE_MASK) != 0;
            e++;
        }
        for (size_t k = g; k < e && e - g > 1; k++) {
            uint32_t i = ix[k].i;
            bool far = (k > g && i >= ix[k - 1].i + 2) || (k + 1 < e && ix[k + 1].i >= i + 2);
            if ((s[i].flags & SENT_LINE) && far) repeated[i] = 1;
            if (dated && !(s[i].flags & SENT_DATELINE_MASK)) copy[i] = 1;
        }
        g = e;
    }
    free(ix);
}

size_t role_assign(const char *bytes, struct sentence *s, size_t n, const uint32_t *body,
                   const struct source_meta *meta)
{
    uint8_t *repeated = xcalloc(n + 1, 1), *copy = xcalloc(n + 1, 1);
    mark_repeats(s, n, body, repeated, copy);
    const char *byline = meta ? meta->byline : NULL;
    for (size_t i = 0; i < n; i++) {
        enum sent_role r = role_classify(bytes, &s[i], byline);
        if (r == ROLE_HEADLINE && repeated[i]) r = ROLE_BOILER;
        if (r == ROLE_STORY && copy[i]) r = ROLE_CAPTION;
        set_role(&s[i], r);
    }
    /* A caption's text before its credit on one line ("... 2023.
     * Photograph: Mikhail Metzel/AFP)"). */
    for (size_t i = 0; i + 1 < n; i++)
        if (sent_role(&s[i + 1]) == ROLE_CAPTION && !(s[i].flags & SENT_END) &&
            !(s[i + 1].flags & SENT_START) && sent_role(&s[i]) == ROLE_STORY)
            set_role(&s[i], ROLE_CAPTION);
    /* The headline: a page's first line; else the first line at the top,
     * before the first sentence of story text, that reads like one, and
     * its copies there. */
    size_t title = SIZE_MAX;
    if (meta && meta->headline && n) {
        for (size_t i = 0; i < n; i++) {
            set_role(&s[i], ROLE_HEADLINE);
            if (s[i].flags & SENT_END) break;
        }
        title = 0;
    } else {
        for (size_t i = 0; i < n; i++) {
            enum sent_role r = sent_role(&s[i]);
            bool top = role_title_like(bytes, &s[i]);
            if (title == SIZE_MAX && top && (r == ROLE_HEADLINE || r == ROLE_STORY)) {
                title = i;
                set_role(&s[i], ROLE_HEADLINE);
                continue;
            }
            if (title != SIZE_MAX && s[i].id == s[title].id) {
                set_role(&s[i], ROLE_HEADLINE); /* a copy of it */
                continue;
            }
            if (r == ROLE_STORY) break; /* the story begins */
        }
    }
    /* The story's text never counts as a dateline's neighbour: a dateline
     * length is kept only on story text. */
    for (size_t i = 0; i < n; i++)
        if (sent_role(&s[i]) != ROLE_STORY) s[i].flags &= ~SENT_DATELINE_MASK;
    free(repeated);
    free(copy);
    return title;
}
