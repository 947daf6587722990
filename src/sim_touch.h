/* sim_touch.h - the targets one source sentence touches while it probes
 * an index, the weight and the probes they share with it, in a small
 * open-addressing table rather than arrays over every sentence: the work
 * of a source then stays in the cache.  Private to the searches over many
 * documents (sim_all.c, sim_link.c). */
#ifndef WD_SIM_TOUCH_H
#define WD_SIM_TOUCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim_int.h"
#include "util.h"

static inline uint32_t touch_mix(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

struct touch_slot {
    uint32_t key; /* target + 1; 0: empty */
    uint32_t hits;
    float w;
};

struct touched {
    struct touch_slot *tab;
    size_t mask;       /* capacity - 1, a power of two */
    uint32_t *touched; /* targets in the order first touched */
    size_t nt, captouched;
    struct acc *best; /* touched_take's result */
    size_t capbest;
};

static inline size_t touched_slot(const struct touched *sc, uint32_t h)
{
    size_t i = touch_mix(h) & sc->mask;
    while (sc->tab[i].key && sc->tab[i].key != h + 1)
        i = (i + 1) & sc->mask;
    return i;
}

/* Room for cap slots (a power of two), all empty, and for the targets
 * they may hold (half of them). */
static inline void touched_alloc(struct touched *sc, size_t cap)
{
    sc->tab = xcalloc(cap, sizeof *sc->tab);
    sc->mask = cap - 1;
    xgrow(&sc->touched, &sc->captouched, cap / 2 + 1, sizeof *sc->touched);
}

static inline void touched_free(struct touched *sc)
{
    free(sc->tab);
    free(sc->touched);
    free(sc->best);
}

/* Target h shares probe weight w and hits probes more. */
static inline void touch(struct touched *sc, uint32_t h, float w, uint32_t hits)
{
    size_t i = touched_slot(sc, h);
    if (!sc->tab[i].key) {
        if (2 * (sc->nt + 1) > sc->mask + 1) { /* keep it half empty */
            struct touch_slot *old = sc->tab;
            size_t oldmask = sc->mask;
            touched_alloc(sc, 2 * (oldmask + 1));
            for (size_t q = 0; q <= oldmask; q++)
                if (old[q].key) sc->tab[touched_slot(sc, old[q].key - 1)] = old[q];
            free(old);
            i = touched_slot(sc, h);
        }
        sc->tab[i].key = h + 1;
        sc->touched[sc->nt++] = h;
    }
    sc->tab[i].w += w;
    sc->tab[i].hits += hits;
}

/* Heavier first, then the lower target. */
static inline int touched_cmp(const void *p, const void *q)
{
    const struct acc *a = p, *b = q;
    if (a->w != b->w) return a->w > b->w ? -1 : 1;
    return a->y < b->y ? -1 : a->y > b->y;
}

/* The touched targets with at least min_hits shared probes into sc->best,
 * in the order touched, or the k heaviest (ties: the lower target),
 * heaviest first, when there are more (k 0: all of them, heaviest first);
 * the table emptied.  Returns how many. */
static inline size_t touched_take(struct touched *sc, uint32_t min_hits, size_t k)
{
    xgrow(&sc->best, &sc->capbest, sc->nt + 1, sizeof *sc->best);
    size_t n = 0;
    for (size_t q = 0; q < sc->nt; q++) {
        size_t i = touched_slot(sc, sc->touched[q]);
        if (sc->tab[i].hits >= min_hits) sc->best[n++] = (struct acc){sc->touched[q], sc->tab[i].w};
        sc->touched[q] = (uint32_t)i; /* emptied below: a chain must stay whole until then */
    }
    if (8 * sc->nt > sc->mask)
        memset(sc->tab, 0, (sc->mask + 1) * sizeof *sc->tab);
    else
        for (size_t q = 0; q < sc->nt; q++)
            sc->tab[sc->touched[q]] = (struct touch_slot){0, 0, 0};
    sc->nt = 0;
    if (k && n <= k) return n;
    if (n > 1) qsort(sc->best, n, sizeof *sc->best, touched_cmp);
    return k ? k : n;
}

#endif
