/* wdiff_fold.c - inside a `same` row, the characters whose bytes differ
 * though the comparison keys are equal: case ("Attorney" / "attorney"),
 * quote style, dashes, compatibility forms.  White space is layout and
 * never marked (a line break of wrapped text against a space). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"
#include "wdiff.h"

/* Keys of a stretch longer than this (bytes) that still do not meet end
 * the walk: the rest of both sentences is marked as one difference. */
#define FOLD_GROUP_MAX 64

/* The next cluster at *i in s[..end) that is not white space: its start,
 * *i moved past it; end when there is none. */
static size_t next_cluster(const char *s, size_t *i, size_t end)
{
    while (*i < end) {
        int w;
        size_t start = *i, e = text_next_cluster(s, end, start, &w);
        *i = e;
        int32_t cp;
        text_decode(s, end, start, &cp);
        if (!text_is_space(cp)) return start;
    }
    return end;
}

struct side {
    const char *s;
    size_t at, end; /* the walk's position and the sentence's end */
    char *key;      /* the key of the group so far */
    size_t nkey, cap;
    char *tmp; /* one cluster's key */
    size_t captmp;
    size_t gstart; /* where the group starts (SIZE_MAX: none yet) */
};

/* Add the next cluster of side x to its group's key; false at the end. */
static bool take(struct side *x, bool strict)
{
    size_t c = next_cluster(x->s, &x->at, x->end);
    if (c >= x->end) return false;
    if (x->gstart == SIZE_MAX) x->gstart = c;
    size_t kl = text_key_mode(x->s + c, x->at - c, &x->tmp, &x->captmp, strict);
    xgrow(&x->key, &x->cap, x->nkey + kl + 1, 1);
    if (kl) memcpy(x->key + x->nkey, x->tmp, kl);
    x->nkey += kl;
    return true;
}

static void mark(struct wop **ops, size_t *n, size_t *cap, uint32_t as, uint32_t ae, uint32_t bs,
                 uint32_t be)
{
    if (*n && (*ops)[*n - 1].a_end == as && (*ops)[*n - 1].b_end == bs) {
        (*ops)[*n - 1].a_end = ae; /* touching the last: one mark */
        (*ops)[*n - 1].b_end = be;
        return;
    }
    xgrow(ops, cap, *n + 1, sizeof **ops);
    (*ops)[(*n)++] = (struct wop){WOP_FOLD, as, ae, bs, be};
}

/* End of the last non-space cluster before e, from s (for a mark that
 * stops before trailing white space). */
static size_t trim_end(const char *s, size_t from, size_t e)
{
    while (e > from && (s[e - 1] == ' ' || (s[e - 1] >= '\t' && s[e - 1] <= '\r')))
        e--;
    return e;
}

size_t wdiff_folded(const struct doc *a, uint32_t ai, const struct doc *b, uint32_t bi, bool strict,
                    struct wop **ops, size_t *n, size_t *cap)
{
    size_t before = *n, ns;
    const struct sentence *sa = &doc_sentences(a, &ns)[ai], *sb = &doc_sentences(b, &ns)[bi];
    struct side x = {doc_bytes(a, NULL), sa->start, sa->end, NULL, 0, 0, NULL, 0, SIZE_MAX};
    struct side y = {doc_bytes(b, NULL), sb->start, sb->end, NULL, 0, 0, NULL, 0, SIZE_MAX};
    for (;;) {
        /* Byte-identical clusters pass without keys (the common case). */
        size_t pa = x.at, pb = y.at;
        size_t ca = next_cluster(x.s, &x.at, x.end), cb = next_cluster(y.s, &y.at, y.end);
        if (ca >= x.end || cb >= y.end) {
            if (ca < x.end || cb < y.end) /* one side has more: mark it whole */
                mark(ops, n, cap, (uint32_t)WD_MIN(ca, x.end), (uint32_t)x.end,
                     (uint32_t)WD_MIN(cb, y.end), (uint32_t)y.end);
            break;
        }
        if (x.at - ca == y.at - cb && memcmp(x.s + ca, y.s + cb, x.at - ca) == 0) continue;
        /* A group: clusters on each side until their keys meet. */
        x.at = pa;
        y.at = pb;
        x.nkey = y.nkey = 0;
        x.gstart = y.gstart = SIZE_MAX;
        bool ok = take(&x, strict) && take(&y, strict);
        while (ok && (x.nkey != y.nkey || memcmp(x.key, y.key, x.nkey) != 0)) {
            size_t common = WD_MIN(x.nkey, y.nkey);
            if (memcmp(x.key, y.key, common) != 0 || x.nkey + y.nkey > 2 * FOLD_GROUP_MAX) {
                ok = false;
                break;
            }
            ok = x.nkey < y.nkey ? take(&x, strict) : take(&y, strict);
        }
        if (!ok) { /* the keys part: the rest is one mark */
            mark(ops, n, cap, (uint32_t)x.gstart, (uint32_t)x.end, (uint32_t)y.gstart,
                 (uint32_t)y.end);
            break;
        }
        mark(ops, n, cap, (uint32_t)x.gstart, (uint32_t)trim_end(x.s, x.gstart, x.at),
             (uint32_t)y.gstart, (uint32_t)trim_end(y.s, y.gstart, y.at));
    }
    free(x.key);
    free(x.tmp);
    free(y.key);
    free(y.tmp);
    return *n - before;
}
