/* tui_model.c - what the reader holds of the pair it shows: the alignment
 * as given and swapped, the rows that differ and the moved ones, the
 * digest (made in the background from the first frame on), and the last
 * TUI_LAY_CACHE layouts.  No drawing and no keys here (tui_view.c).
 */
#include "config.h"

#include "tui_int.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "align.h"
#include "digest.h"
#include "layout.h"
#include "util.h"

/* Indices of the moved rows of al (moved_only) or of its rows that are not
 * same, ascending. */
static uint32_t *collect_rows(const struct alignment *al, bool moved_only, size_t *n)
{
    size_t nrows;
    const struct align_row *rows = align_rows(al, &nrows);
    uint32_t *out = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t r = 0; r < nrows; r++) {
        bool want = moved_only ? rows[r].kind == ROW_MOVED : rows[r].kind != ROW_SAME;
        if (!want) continue;
        xgrow(&out, &cap, *n + 1, sizeof *out);
        out[(*n)++] = (uint32_t)r;
    }
    return out;
}

int tui_digits(size_t n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

/* The digest of the pair as given, made on a thread of its own from the
 * first frame on, as the search index is: the first frame is not kept
 * waiting for it (its status line says "d: ..." until the counts come, and
 * the event loop draws them then).  digest_new reads only the alignment
 * and its documents, as the layout does. */
struct tui_dgjob {
    pthread_t th;
    const struct alignment *al;
    struct digest *dg;
    atomic_bool done; /* dg made (or given up) */
    atomic_bool stop; /* the reader needs it no more: give up */
};

/* The nice value of the digest's threads: the digest is made for the
 * status line's counts, and yields the CPUs to what the user is waiting
 * for (a search, a new layout) without being starved by it. */
#define DG_NICE 10

static void *dg_run(void *arg)
{
    struct tui_dgjob *j = arg;
#if defined __linux__ && defined SYS_gettid
    /* on Linux the nice value is a thread's own, and the worker threads
     * the digest starts inherit it */
    (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), DG_NICE);
#endif
    j->dg = digest_new_until(j->al, NULL, &j->stop);
    atomic_store(&j->done, true);
    return NULL;
}

/* Wait for the digest being made, if any: it becomes dg[0] (with keep) or
 * is given up and freed. */
static void dg_join(struct tui *t, bool keep)
{
    struct tui_dgjob *j = t->dgjob;
    if (!j) return;
    if (!keep) atomic_store(&j->stop, true);
    pthread_join(j->th, NULL);
    t->dgjob = NULL;
    if (keep && !t->dg[0])
        t->dg[0] = j->dg;
    else
        digest_free(j->dg);
    free(j);
}

bool tui_digest_warm(struct tui *t)
{
    if (t->no_digest || !t->al[0] || t->dg[0] || t->dgjob) return false;
    struct tui_dgjob *j = xcalloc(1, sizeof *j);
    j->al = t->al[0];
    atomic_init(&j->done, false);
    atomic_init(&j->stop, false);
    if (tui_spawn(&j->th, dg_run, j)) {
        t->dgjob = j;
        return false;
    }
    free(j); /* no thread: made here and now */
    t->dg[0] = digest_new(t->al[0], NULL);
    return true;
}

bool tui_busy(const struct tui *t)
{
    return t->dgjob && !atomic_load(&t->dgjob->done);
}

bool tui_settle(struct tui *t)
{
    if (!t->dgjob) return false;
    dg_join(t, true);
    return true;
}

void tui_view_init(struct tui *t, struct alignment *al, size_t ndocs, bool words, bool fold)
{
    t->al[0] = al;
    t->ndocs = ndocs;
    t->words = words;
    t->fold = fold;
    align_rows(al, &t->nrows);
    /* Swapping keeps the order and kinds of rows apart from deleted and
     * inserted trading places, so one list serves both sides. */
    t->diffs = collect_rows(al, false, &t->ndiffs);
    t->moves = collect_rows(al, true, &t->nmoves);
    /* Room for " ↓123 ": a space, the arrow, the counterpart's row number
     * and a space; at least 5 columns. */
    t->gutter = t->gutter_marks = WD_MAX(5, tui_digits(t->nrows) + 3);
    if (t->numbers) tui_numbers_set(t, true); /* # stays on from pair to pair */
}

void tui_view_free(struct tui *t)
{
    dg_join(t, false);
    for (int i = 0; i < TUI_LAY_CACHE; i++)
        layout_free(t->cache[i].l);
    if (t->al[1]) align_free(t->al[1]);
    for (int i = 0; i < 2; i++) {
        digest_free(t->dg[i]);
        t->dg[i] = NULL;
    }
    free(t->diffs);
    free(t->moves);
    tui_fold_free(t);
}

const struct alignment *tui_al(const struct tui *t)
{
    return t->al[t->swapped];
}

const struct digest *tui_digest(struct tui *t)
{
    int i = t->swapped;
    if (i == 0) dg_join(t, true);
    if (i && !t->al[1]) t->al[1] = align_swapped(t->al[0]);
    if (!t->dg[i]) t->dg[i] = digest_new(t->al[i], NULL);
    return t->dg[i];
}

const struct digest *tui_digest_ready(struct tui *t)
{
    if (t->swapped) return tui_digest(t);
    if (t->dgjob) {
        if (!atomic_load(&t->dgjob->done)) return NULL;
        dg_join(t, true);
    }
    return t->dg[0]; /* NULL before the first frame's tui_digest_warm */
}

const struct layout *tui_layout(struct tui *t)
{
    if (tui_too_small()) return NULL;
    int wa = (COLS - t->gutter) / 2, wb = COLS - t->gutter - wa;
    for (int i = 0; i < TUI_LAY_CACHE; i++) {
        struct tui_lay *c = &t->cache[i];
        if (c->l && c->width[0] == wa && c->width[1] == wb && c->words == t->words &&
            c->fold == t->fold && c->swapped == t->swapped && c->hide == t->hide_boiler &&
            c->unfold_gen == t->unfold_gen) {
            if (i > 0) { /* move to the front */
                struct tui_lay tmp = *c;
                memmove(&t->cache[1], &t->cache[0], (size_t)i * sizeof tmp);
                t->cache[0] = tmp;
            }
            return t->cache[0].l;
        }
    }
    if (t->swapped && !t->al[1]) t->al[1] = align_swapped(t->al[0]);
    struct layout_opts o;
    layout_default_opts(&o, wa, wb);
    o.words = t->words;
    o.fold = t->fold;
    if (t->fold_min > 0) o.fold_min = t->fold_min;
    o.skip = t->hide_boiler ? t->skip : NULL;
    o.unfold = t->unfold;
    o.lazy = true; /* a few screens of lines, not all of them */
    layout_free(t->cache[TUI_LAY_CACHE - 1].l);
    memmove(&t->cache[1], &t->cache[0], (TUI_LAY_CACHE - 1) * sizeof t->cache[0]);
    t->cache[0] = (struct tui_lay){
        .l = layout_build(tui_al(t), &o),
        .width = {wa, wb},
        .words = t->words,
        .fold = t->fold,
        .swapped = t->swapped,
        .hide = t->hide_boiler,
        .unfold_gen = t->unfold_gen,
        .gen = ++t->lay_gen,
    };
    return t->cache[0].l;
}
