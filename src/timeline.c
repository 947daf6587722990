#include "config.h"

#include "timeline.h"

#include <stdlib.h>
#include <string.h>

/* One link of a sentence's list of edits: lists share their tails (a
 * sentence edited in version k points at its ancestor's list), so that the
 * lives of every sentence of every version cost a few words each. */
struct edit_node {
    uint32_t version;
    uint32_t prev; /* NO_NODE at the oldest edit */
};
#define NO_NODE UINT32_MAX

/* The lives of the sentences of one version. */
struct vlives {
    int32_t *ancestor;
    uint32_t *born;
    uint32_t *head; /* its latest edit (an edit_node index), NO_NODE */
    uint32_t *nedits;
    int32_t *restores;
};

struct timeline {
    const struct doc **v;
    size_t n;
    struct align_opts ao;
    struct alignment **al;        /* [k]: step k; [0] TIMELINE_OVERALL (== [1] when n == 2) */
    struct timeline_summary *sum; /* [k], valid once al[k] is set */
    size_t lives_done;            /* versions 0 .. lives_done-1 have their lives */
    struct vlives *lives;
    struct edit_node *nodes;
    size_t nnodes, capnodes;
    struct timeline_cut *cuts;
    size_t ncuts, capcuts;
    int32_t *cut_of_id; /* per sentence id: the cut list entry not back yet, or -1 */
};

static const char *const change_names[] = {
    [TIMELINE_NO_CHANGE] = "no change",
    [TIMELINE_MINOR] = "minor",
    [TIMELINE_EDITED] = "edited",
};

const char *timeline_change_name(enum timeline_change c)
{
    return (unsigned)c < WD_ARRAY_LEN(change_names) ? change_names[c] : "?";
}

enum wd_status timeline_new(const struct doc *const *v, size_t n, const struct align_opts *opts,
                            struct timeline **out)
{
    *out = NULL;
    if (n < 2) return WD_EUSAGE;
    struct timeline *tl = xcalloc(1, sizeof *tl);
    tl->n = n;
    tl->v = xcalloc(n, sizeof *tl->v);
    memcpy(tl->v, v, n * sizeof *v);
    if (opts)
        tl->ao = *opts;
    else
        align_default_opts(&tl->ao);
    tl->al = xcalloc(n, sizeof *tl->al);
    tl->sum = xcalloc(n, sizeof *tl->sum);
    tl->lives = xcalloc(n, sizeof *tl->lives);
    uint32_t maxid = 0;
    for (size_t k = 0; k < n; k++) {
        size_t ns;
        const struct sentence *s = doc_sentences(v[k], &ns);
        for (size_t i = 0; i < ns; i++)
            maxid = WD_MAX(maxid, s[i].id + 1);
    }
    tl->cut_of_id = xmalloc(((size_t)maxid + 1) * sizeof *tl->cut_of_id);
    for (size_t i = 0; i <= maxid; i++)
        tl->cut_of_id[i] = -1;
    *out = tl;
    return WD_OK;
}

void timeline_free(struct timeline *tl)
{
    if (!tl) return;
    for (size_t k = 0; k < tl->n; k++) {
        if (k == 0 && tl->n == 2) continue; /* the same as step 1 */
        if (tl->al[k]) align_free(tl->al[k]);
    }
    for (size_t k = 0; k < tl->n; k++) {
        struct vlives *L = &tl->lives[k];
        free(L->ancestor);
        free(L->born);
        free(L->head);
        free(L->nedits);
        free(L->restores);
    }
    free(tl->lives);
    free(tl->nodes);
    free(tl->cuts);
    free(tl->cut_of_id);
    free(tl->sum);
    free(tl->al);
    free(tl->v);
    free(tl);
}

size_t timeline_count(const struct timeline *tl)
{
    return tl->n;
}

const struct doc *timeline_doc(const struct timeline *tl, size_t k)
{
    return k < tl->n ? tl->v[k] : NULL;
}

/* ---- one step ---------------------------------------------------------------- */

/* The versions step k compares. */
static void step_versions(const struct timeline *tl, size_t k, uint32_t *a, uint32_t *b)
{
    *a = k == TIMELINE_OVERALL ? 0 : (uint32_t)(k - 1);
    *b = k == TIMELINE_OVERALL ? (uint32_t)(tl->n - 1) : (uint32_t)k;
}

static uint64_t sentence_bytes(const struct doc *d)
{
    size_t ns;
    const struct sentence *s = doc_sentences(d, &ns);
    uint64_t t = 0;
    for (size_t i = 0; i < ns; i++)
        t += s[i].end - s[i].start;
    return t;
}

/* The comparison key id of d's headline, or UINT32_MAX when it has none. */
static uint32_t headline_id(const struct doc *d)
{
    size_t ns;
    const struct sentence *s = doc_sentences(d, &ns);
    return ns > 0 && (s[0].flags & SENT_LINE) ? s[0].id : UINT32_MAX;
}

static bool same_bytes(const struct doc *a, const struct sentence *sa, const struct doc *b,
                       const struct sentence *sb)
{
    const char *ta = doc_bytes(a, NULL), *tb = doc_bytes(b, NULL);
    return sa->end - sa->start == sb->end - sb->start &&
           memcmp(ta + sa->start, tb + sb->start, sa->end - sa->start) == 0;
}

/* The words a pair deleted and inserted, in bytes. */
static void pair_bytes(const struct alignment *al, const struct align_row *r,
                       struct timeline_summary *s)
{
    size_t nops;
    const struct wop *ops = align_ops(al, &nops);
    for (uint32_t o = r->op; o < r->op + r->nop; o++) {
        if (ops[o].kind == WOP_DEL) s->bytes_cut += ops[o].a_end - ops[o].a_start;
        if (ops[o].kind == WOP_INS) s->bytes_added += ops[o].b_end - ops[o].b_start;
    }
}

/* The summary of an alignment of version a (side A) with version b: a
 * pure function of it, safe on any thread. */
static void summarize(const struct alignment *al, uint32_t a, uint32_t b,
                      struct timeline_summary *s)
{
    memset(s, 0, sizeof *s);
    s->a = a;
    s->b = b;
    const struct doc *da = align_doc(al, SIDE_A), *db = align_doc(al, SIDE_B);
    size_t nsa, nsb;
    const struct sentence *sa = doc_sentences(da, &nsa), *sb = doc_sentences(db, &nsb);
    size_t nr;
    const struct align_row *rows = align_rows(al, &nr);
    for (size_t i = 0; i < nr; i++) {
        const struct align_row *r = &rows[i];
        switch (r->kind) {
        case ROW_SAME:
            s->same += r->bn;
            for (uint32_t j = 0; j < r->an && j < r->bn; j++)
                if (!same_bytes(da, &sa[r->a + j], db, &sb[r->b + j])) s->restyled++;
            break;
        case ROW_CHANGED:
            s->reworded += r->bn;
            pair_bytes(al, r, s);
            break;
        case ROW_MOVED:
            if (!(r->show & SHOW_B)) break; /* the pair once, at B's position */
            s->moved += r->bn;
            pair_bytes(al, r, s);
            break;
        case ROW_DELETED:
            s->cut += r->an;
            for (uint32_t j = 0; j < r->an; j++)
                s->bytes_cut += sa[r->a + j].end - sa[r->a + j].start;
            break;
        case ROW_INSERTED:
            s->added += r->bn;
            for (uint32_t j = 0; j < r->bn; j++)
                s->bytes_added += sb[r->b + j].end - sb[r->b + j].start;
            break;
        case ROW_KIND_COUNT:
            break;
        }
    }
    size_t la, lb;
    const char *ta = doc_bytes(da, &la), *tb = doc_bytes(db, &lb);
    if (la == lb && memcmp(ta, tb, la) == 0)
        s->change = TIMELINE_NO_CHANGE;
    else if (s->added + s->cut + s->reworded + s->moved == 0)
        s->change = TIMELINE_MINOR;
    else
        s->change = TIMELINE_EDITED;
    s->headline_changed = headline_id(da) != headline_id(db);
    const struct align_stats *st = align_get_stats(al);
    s->unrelated = st->sentences[0] > 0 && st->sentences[1] > 0 && st->pairs == 0;
    uint64_t total = sentence_bytes(da) + sentence_bytes(db);
    s->share = total ? (float)((double)(s->bytes_cut + s->bytes_added) / (double)total) : 0.0f;
    if (s->share > 1.0f) s->share = 1.0f;
}

/* Align a with b with a word table of their own (see timeline.h): the
 * same result on any thread, whatever was aligned before. */
static struct alignment *align_step(const struct doc *a, const struct doc *b,
                                    const struct align_opts *o)
{
    struct doc_ctx *words = doc_ctx_new();
    doc_ctx_seal(words); /* only its word table is used */
    struct alignment *al = align_docs(a, b, words, o);
    doc_ctx_free(words);
    return al;
}

/* Step k into its slot (touches only slot k: safe on parallel threads
 * for different k). */
static void make_step(struct timeline *tl, size_t k)
{
    uint32_t a, b;
    step_versions(tl, k, &a, &b);
    tl->al[k] = align_step(tl->v[a], tl->v[b], &tl->ao);
    summarize(tl->al[k], a, b, &tl->sum[k]);
}

/* With two versions the overall step is step 1. */
static size_t real_step(const struct timeline *tl, size_t k)
{
    return k == TIMELINE_OVERALL && tl->n == 2 ? 1 : k;
}

static void ensure_step(struct timeline *tl, size_t k)
{
    k = real_step(tl, k);
    if (!tl->al[k]) make_step(tl, k);
    if (tl->n == 2) {
        tl->al[0] = tl->al[1];
        tl->sum[0] = tl->sum[1];
    }
}

const struct alignment *timeline_step(struct timeline *tl, size_t k)
{
    if (k >= tl->n) return NULL;
    ensure_step(tl, k);
    return tl->al[k];
}

bool timeline_step_ready(const struct timeline *tl, size_t k)
{
    return k < tl->n && tl->al[real_step(tl, k)] != NULL;
}

const struct timeline_summary *timeline_summary(struct timeline *tl, size_t k)
{
    if (k >= tl->n) return NULL;
    ensure_step(tl, k);
    return &tl->sum[k];
}

/* ---- lives ------------------------------------------------------------------- */

static uint32_t push_edit(struct timeline *tl, uint32_t version, uint32_t prev)
{
    xgrow(&tl->nodes, &tl->capnodes, tl->nnodes + 1, sizeof *tl->nodes);
    tl->nodes[tl->nnodes] = (struct edit_node){version, prev};
    return (uint32_t)tl->nnodes++;
}

static void lives_alloc(struct vlives *L, size_t ns)
{
    size_t m = ns ? ns : 1;
    L->ancestor = xmalloc(m * sizeof *L->ancestor);
    L->born = xmalloc(m * sizeof *L->born);
    L->head = xmalloc(m * sizeof *L->head);
    L->nedits = xmalloc(m * sizeof *L->nedits);
    L->restores = xmalloc(m * sizeof *L->restores);
}

/* The lives of version k from those of k-1 and step k; then the sentences
 * step k cut join the cut list (after the births: a sentence born in
 * version k brings back only what an earlier step cut). */
static void lives_of(struct timeline *tl, size_t k)
{
    size_t ns;
    const struct sentence *sb = doc_sentences(tl->v[k], &ns);
    struct vlives *L = &tl->lives[k];
    lives_alloc(L, ns);
    for (size_t i = 0; i < ns; i++) {
        L->ancestor[i] = -1;
        L->born[i] = (uint32_t)k;
        L->head[i] = NO_NODE;
        L->nedits[i] = 0;
        L->restores[i] = -1;
    }
    if (k == 0) return;

    ensure_step(tl, k);
    const struct vlives *P = &tl->lives[k - 1];
    size_t nsa;
    const struct sentence *sa = doc_sentences(tl->v[k - 1], &nsa);
    size_t nr;
    const struct align_row *rows = align_rows(tl->al[k], &nr);
    for (size_t r = 0; r < nr; r++) {
        const struct align_row *w = &rows[r];
        if (w->kind != ROW_SAME && w->kind != ROW_CHANGED && w->kind != ROW_MOVED) continue;
        if (w->kind == ROW_MOVED && !(w->show & SHOW_B)) continue;
        for (uint32_t j = 0; j < w->bn; j++) {
            /* one to one when the sides are as long (same rows, a plain
             * pair); a split's pieces and a merge share the first */
            uint32_t i = w->b + j, anc = w->an == w->bn ? w->a + j : w->a;
            bool edited = w->kind == ROW_CHANGED ||
                          (w->kind == ROW_MOVED && (w->an != w->bn || sa[anc].id != sb[i].id));
            L->ancestor[i] = (int32_t)anc;
            L->born[i] = P->born[anc];
            L->head[i] = edited ? push_edit(tl, (uint32_t)k, P->head[anc]) : P->head[anc];
            L->nedits[i] = P->nedits[anc] + edited;
        }
    }
    for (size_t i = 0; i < ns; i++) {
        if (L->ancestor[i] >= 0) continue;
        int32_t c = tl->cut_of_id[sb[i].id];
        if (c < 0) continue;
        L->restores[i] = c;
        tl->cuts[c].back_in = (uint32_t)k;
        tl->cut_of_id[sb[i].id] = -1;
    }
    for (size_t r = 0; r < nr; r++) {
        const struct align_row *w = &rows[r];
        if (w->kind != ROW_DELETED) continue;
        for (uint32_t j = 0; j < w->an; j++) {
            uint32_t i = w->a + j;
            xgrow(&tl->cuts, &tl->capcuts, tl->ncuts + 1, sizeof *tl->cuts);
            tl->cuts[tl->ncuts] = (struct timeline_cut){
                .version = (uint32_t)(k - 1),
                .sentence = i,
                .cut_in = (uint32_t)k,
                .born = P->born[i],
                .back_in = 0,
            };
            tl->cut_of_id[sa[i].id] = (int32_t)tl->ncuts++;
        }
    }
}

static void ensure_lives(struct timeline *tl, size_t k)
{
    for (; tl->lives_done <= k; tl->lives_done++)
        lives_of(tl, tl->lives_done);
}

enum wd_status timeline_life(struct timeline *tl, size_t k, size_t s, struct timeline_life *out)
{
    memset(out, 0, sizeof *out);
    out->ancestor = out->restores = -1;
    size_t ns;
    if (k >= tl->n) return WD_EUSAGE;
    doc_sentences(tl->v[k], &ns);
    if (s >= ns) return WD_EUSAGE;
    ensure_lives(tl, k);
    const struct vlives *L = &tl->lives[k];
    out->born = L->born[s];
    out->ancestor = L->ancestor[s];
    out->nedits = L->nedits[s];
    out->restores = L->restores[s];
    return WD_OK;
}

size_t timeline_edits(struct timeline *tl, size_t k, size_t s, uint32_t *out, size_t max)
{
    struct timeline_life life;
    if (timeline_life(tl, k, s, &life) != WD_OK) return 0;
    size_t i = life.nedits;
    for (uint32_t e = tl->lives[k].head[s]; e != NO_NODE; e = tl->nodes[e].prev)
        if (--i < max) out[i] = tl->nodes[e].version;
    return life.nedits;
}

bool timeline_is_new(struct timeline *tl, size_t k, size_t s)
{
    struct timeline_life life;
    return k > 0 && timeline_life(tl, k, s, &life) == WD_OK && life.born == k;
}

const struct timeline_cut *timeline_cuts(struct timeline *tl, size_t *n)
{
    ensure_lives(tl, tl->n - 1);
    *n = tl->ncuts;
    return tl->cuts;
}

/* ---- all at once --------------------------------------------------------------- */

struct build_job {
    struct timeline *tl;
    size_t *todo;
};

static void build_one(void *arg, size_t i)
{
    struct build_job *job = arg;
    make_step(job->tl, job->todo[i]);
}

void timeline_build_all(struct timeline *tl)
{
    size_t *todo = xmalloc(tl->n * sizeof *todo), ntodo = 0;
    /* the overall step first: the longest, when versions grow */
    for (size_t k = 0; k < tl->n; k++)
        if (real_step(tl, k) == k && !tl->al[k]) todo[ntodo++] = k;
    struct build_job job = {tl, todo};
    util_parallel(ntodo, build_one, &job);
    free(todo);
    ensure_step(tl, TIMELINE_OVERALL);
    ensure_lives(tl, tl->n - 1);
}
