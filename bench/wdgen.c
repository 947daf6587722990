/* wdgen.c - deterministic generator of large synthetic article variant pairs
 * for benchmarking wirediff against git diff --word-diff and GNU diff.
 *
 *   wdgen [--seed N] [--variant V] [--unrelated | --shuffled]
 *         [--lines A_LINES B_LINES] SENTENCES OUT_A OUT_B
 *
 * OUT_A is news-like English prose: SENTENCES sentences of 8-40 words drawn
 * from a Zipf-distributed vocabulary (about 300 common English words that
 * dominate the frequency, then about 30,000 pronounceable pseudo-words built
 * from syllables), with names ("Kim Hong-kyun", "John F. Smith", "Gen. Brel"),
 * dotted acronyms (U.S.), month abbreviations (Sept. 11), numbers (1,000 and
 * 3.5), commas, ellipses and quotations with attribution (“...,” he said.).
 * Sentences are joined into paragraphs of 3-6 sentences, one paragraph per
 * line, with a blank line between paragraphs.
 *
 * OUT_B is derived from OUT_A sentence by sentence: about 30% reworded
 * (1-2 edits: replace, insert or delete 1-4 words, or swap two phrases),
 * 8% deleted, 4% moved 5-200 sentences away (a third of them lightly
 * reworded), the rest identical; after 8% of the sentences a new one is
 * inserted.
 *
 * With --lines, A_LINES and B_LINES get the same sentences one per line
 * (no paragraph breaks) for line-oriented tools such as GNU diff.
 *
 * The text is avoids what the wirediff segmenter (src/segment.c) would read
 * differently from the generator's own sentence boundaries: no pseudo-word
 * equals an abbreviation or title, and no clause-opening word follows an
 * abbreviation's period.  So `wirediff --sentences OUT_A` should count
 * exactly SENTENCES sentences.
 *
 * --variant V (default 0) draws OUT_B's edits from another stream: the same
 * OUT_A's sentences with V = 1, 2, ... give as many outlets' versions of
 * one story (OUT_A's paragraph breaks vary with V too).
 *
 * Hard inputs: with --unrelated OUT_B is another text of SENTENCES
 * sentences from the same vocabulary (new sentences, none of OUT_A's: two
 * unrelated reports in one language); with --shuffled OUT_B is OUT_A's
 * sentences, unchanged, in a random order (every one moved), in new
 * paragraphs.  --variant picks the other text or the order.
 *
 * Determinism: the output depends only on SENTENCES, the seed and V.  Every
 * random choice comes from splitmix64 streams derived from the seed and the
 * sentence index (Steele, Lea, Flood 2014), so sentence i of A is
 * regenerated, not stored, when B needs it: memory is O(SENTENCES) small
 * integers and the output is written through large buffers.
 *
 * Standard C11 only; exit status 0 on success, 1 on a write error, 2 on
 * invalid arguments.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers -------------------------------------------------------- */

/* splitmix64: one 64-bit state, passes BigCrush, trivially seekable. */
struct rng {
    uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Uniform in [0, n) by multiply-shift (Lemire); the bias is < n / 2^32. */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static int rng_range(struct rng *r, int lo, int hi)
{
    return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* True with probability permille / 1000. */
static bool rng_chance(struct rng *r, unsigned permille)
{
    return rng_below(r, 1000) < permille;
}

/* Independent streams: one per (purpose, sentence index). */
enum stream { ST_VOCAB = 1, ST_FATE, ST_TEXT, ST_NEW, ST_EDIT, ST_CORPUS, ST_STORY };

static struct rng rng_for(uint64_t seed, enum stream st, uint64_t index)
{
    struct rng r = {seed ^ ((uint64_t)st << 56)};
    r.s = rng_next(&r) ^ index * UINT64_C(0xD1B54A32D192ED03);
    (void)rng_next(&r);
    return r;
}

/* ---- memory and output ----------------------------------------------------- */

static void die(const char *msg)
{
    fprintf(stderr, "wdgen: %s\n", msg);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die("out of memory");
    return p;
}

/* A growable byte string. */
struct buf {
    char *p;
    size_t len, cap;
};

static void buf_reserve(struct buf *b, size_t more)
{
    if (b->len + more <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        die("out of memory");
    b->p = p;
    b->cap = cap;
}

static void buf_put(struct buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void buf_puts(struct buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

static void buf_putc(struct buf *b, char c)
{
    buf_reserve(b, 1);
    b->p[b->len++] = c;
}

/* An output file written through a large buffer. */
#define OUT_BUFSIZE (4u << 20)

struct out {
    FILE *f;
    const char *path;
    char *buf;
    size_t len;
};

static void out_flush(struct out *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len) {
        fprintf(stderr, "wdgen: %s: %s\n", o->path, strerror(errno));
        exit(1);
    }
    o->len = 0;
}

static void out_put(struct out *o, const char *s, size_t n)
{
    if (o->len + n > OUT_BUFSIZE) {
        out_flush(o);
        if (n > OUT_BUFSIZE) {
            if (fwrite(s, 1, n, o->f) != n) {
                fprintf(stderr, "wdgen: %s: %s\n", o->path, strerror(errno));
                exit(1);
            }
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_open(struct out *o, const char *path)
{
    o->path = path;
    o->f = fopen(path, "wb");
    if (!o->f) {
        fprintf(stderr, "wdgen: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    o->buf = xmalloc(OUT_BUFSIZE);
    o->len = 0;
}

static void out_close(struct out *o)
{
    out_flush(o);
    if (fclose(o->f) != 0) {
        fprintf(stderr, "wdgen: %s: %s\n", o->path, strerror(errno));
        exit(1);
    }
    free(o->buf);
}

/* ---- vocabulary ------------------------------------------------------------ */

/* Common English words, roughly by frequency; they take the top Zipf ranks.
 * Duplicates and reserved words (below) are skipped when the table is built. */
static const char *const common_words[] = {
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
    "his", "on", "be", "at", "by", "said", "this", "had", "not", "are", "but", "from", "or",
    "have", "an", "they", "which", "one", "you", "were", "her", "all", "she", "there", "would",
    "their", "we", "him", "been", "has", "when", "who", "will", "more", "if", "out", "so",
    "what", "up", "its", "about", "into", "than", "them", "can", "only", "other", "new", "some",
    "could", "time", "these", "two", "may", "then", "do", "first", "any", "my", "now", "such",
    "like", "our", "over", "even", "most", "made", "after", "also", "did", "many", "before",
    "must", "through", "back", "years", "where", "much", "your", "way", "well", "down",
    "should", "because", "each", "just", "those", "people", "how", "too", "little", "state",
    "good", "very", "make", "world", "still", "own", "see", "men", "work", "long", "get", "here",
    "between", "both", "life", "being", "under", "never", "day", "same", "another", "know",
    "while", "last", "might", "us", "great", "old", "year", "off", "come", "since", "against",
    "go", "came", "right", "used", "take", "three", "government", "officials", "president",
    "minister", "police", "percent", "week", "month", "country", "told", "according",
    "including", "city", "public", "military", "security", "former", "region", "report",
    "reported", "support", "says", "group", "million", "billion", "company", "market", "plan",
    "plans", "during", "without", "however", "several", "national", "foreign", "local", "next",
    "early", "late", "part", "called", "home", "school", "water", "family", "children", "women",
    "war", "party", "leader", "leaders", "court", "law", "case", "health", "power", "money",
    "business", "services", "program", "development", "economic", "political",
    "international", "until", "within", "among", "around", "across", "per", "least", "third",
    "second", "four", "five", "six", "ten", "hundred", "statement", "spokesman", "meeting",
    "agreement", "talks", "deal", "forces", "attack", "killed", "troops", "capital", "border",
    "election", "vote", "members", "council", "committee", "ministry", "office", "policy",
    "nuclear", "trade", "prices", "growth", "rate", "data", "system", "issue", "issues",
    "problem", "question", "area", "areas", "north", "south", "east", "west", "central", "news",
    "media", "press", "added", "expected", "likely", "already", "though", "although", "whether",
    "because", "via", "toward", "following", "despite", "further", "recent", "major", "high",
    "small", "large", "few", "less", "number", "end", "held", "set", "put", "show", "help",
    "need", "want", "say", "went", "think", "going", "known", "found", "given", "began",
    "asked", "called", "agency", "officer", "support", "previous", "top", "chief", "head",
    "board", "bank", "price", "oil", "energy", "budget", "tax", "plan", "project", "hospital",
    "victims", "residents", "workers", "students", "citizens", "allies", "region", "defense",
    "army", "navy", "missile", "ties", "visit", "trip", "summit", "crisis", "risk", "threat",
    "concerns", "measures", "efforts", "response", "decision", "move", "step", "role",
    "information", "evidence", "investigation", "charges", "trial", "judge", "prosecutors",
    "lawmakers", "parliament", "opposition", "campaign", "voters", "poll", "results", NULL};

/* Words the generator must not produce as pseudo-words or names: the
 * segmenter's titles and abbreviations (a period after them does not, or may
 * not, end a sentence) and its clause openers. */
static const char *const reserved_words[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpl", "gov", "sen",
    "rep", "rev", "hon", "maj", "adm", "cmdr", "pres", "supt", "insp", "messrs", "mme", "mlle",
    "st", "ft", "mt", "no", "nos", "vol", "pp", "fig", "art", "sec", "ch", "ca", "approx", "vs",
    "v", "cf", "viz", "inc", "ltd", "co", "corp", "plc", "llc", "bros", "jr", "sr", "etc", "al",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "dept", "univ", "assn", "est",
    "div", "govt", "natl", "intl", "ave", "blvd", "rd", "hwy", "km", "kg", "mg", "ml", "oz",
    "lb", "lbs", "min", "max", "hr", "hrs", "yr", "yrs", "pct", "i", NULL};

/* The segmenter's clause openers: after an abbreviation's period they end
 * the sentence, so no pseudo-word or name may be one. */
static const char *const opener_words[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "but", "and", "in", "on", "at", "as", "if", "when", "while", "after",
    "however", "meanwhile", "his", "her", "its", "their", "our", "my", "some", "many", "most",
    "officials", "other", "such", "what", "why", "how", "who", "for", "from", "by", NULL};

static const char *const onsets[] = {
    "",  "",   "",   "b",  "c",  "d",  "f",  "g",  "h",  "j",  "k",  "l",  "m",  "n",
    "p", "r",  "s",  "t",  "v",  "w",  "z",  "br", "cr", "dr", "fr", "gr", "pr", "tr",
    "bl", "cl", "fl", "gl", "pl", "sl", "sh", "ch", "th", "st", "sp", "sc", "qu", "wh"};
static const char *const vowels[] = {"a", "e", "i", "o", "u", "a", "e", "i", "o",
                                     "ai", "ea", "ee", "oo", "ou", "ie", "io", "y"};
static const char *const codas[] = {"", "", "", "", "n", "r", "s", "t", "l", "m",
                                    "nd", "nt", "st", "rt", "ck", "ng", "sh", "th", "x"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define N_CONTENT 30000u /* pseudo-words after the common words */
#define N_FIRST 600u     /* given names */
#define N_LAST 1500u     /* family names */
#define N_KGIVEN 400u    /* hyphenated Korean-style given names */
#define MAX_WORD 40u

/* Interned strings with an open-addressing set for uniqueness. */
struct words {
    char *arena;
    size_t arena_len, arena_cap;
    uint32_t *off; /* offset of word i in arena (NUL-terminated) */
    uint8_t *len;
    uint32_t n, cap;
    uint32_t *set; /* hash slots: word index + 1, 0 = empty */
    uint32_t set_mask;
};

static uint64_t hash_lower(const char *s, size_t n)
{
    uint64_t h = UINT64_C(0xCBF29CE484222325); /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        h = (h ^ c) * UINT64_C(0x100000001B3);
    }
    return h;
}

static bool ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

/* Index of s (case-insensitive) in the set, or UINT32_MAX. */
static uint32_t words_find(const struct words *w, const char *s, size_t n)
{
    for (uint32_t h = (uint32_t)hash_lower(s, n) & w->set_mask;; h = (h + 1) & w->set_mask) {
        uint32_t k = w->set[h];
        if (!k)
            return UINT32_MAX;
        k--;
        if (w->len[k] == n && ieq(w->arena + w->off[k], s, n))
            return k;
    }
}

/* Add s unless present (any case); returns its index, or UINT32_MAX if it
 * was already there. */
static uint32_t words_add(struct words *w, const char *s, size_t n)
{
    if (n == 0 || n > MAX_WORD || words_find(w, s, n) != UINT32_MAX)
        return UINT32_MAX;
    if (w->n == w->cap)
        die("word table full");
    if (w->arena_len + n + 1 > w->arena_cap) {
        w->arena_cap = w->arena_cap ? 2 * w->arena_cap : 1 << 16;
        char *p = realloc(w->arena, w->arena_cap);
        if (!p)
            die("out of memory");
        w->arena = p;
    }
    uint32_t k = w->n++;
    w->off[k] = (uint32_t)w->arena_len;
    w->len[k] = (uint8_t)n;
    memcpy(w->arena + w->arena_len, s, n);
    w->arena[w->arena_len + n] = '\0';
    w->arena_len += n + 1;
    uint32_t h = (uint32_t)hash_lower(s, n) & w->set_mask;
    while (w->set[h])
        h = (h + 1) & w->set_mask;
    w->set[h] = k + 1;
    return k;
}

static const char *words_str(const struct words *w, uint32_t k)
{
    return w->arena + w->off[k];
}

static bool is_opener(const char *s, size_t n)
{
    for (const char *const *p = opener_words; *p; p++)
        if (strlen(*p) == n && ieq(s, *p, n))
            return true;
    return false;
}

/* A pronounceable pseudo-word of nsyl syllables into s (at least 64 bytes). */
static size_t make_pseudo(struct rng *r, int nsyl, char *s)
{
    size_t n = 0;
    for (int i = 0; i < nsyl; i++) {
        const char *parts[3] = {onsets[rng_below(r, NELEM(onsets))],
                                vowels[rng_below(r, NELEM(vowels))],
                                i + 1 < nsyl && rng_chance(r, 600)
                                    ? ""
                                    : codas[rng_below(r, NELEM(codas))]};
        for (int j = 0; j < 3; j++) {
            size_t l = strlen(parts[j]);
            memcpy(s + n, parts[j], l);
            n += l;
        }
    }
    return n;
}

/* Vose's alias method: O(1) sampling from a discrete distribution. */
struct alias {
    uint32_t n;
    uint32_t *prob; /* threshold scaled to 2^32 */
    uint32_t *alias;
};

static void alias_build(struct alias *a, const double *weight, uint32_t n)
{
    double sum = 0;
    for (uint32_t i = 0; i < n; i++)
        sum += weight[i];
    double *p = xmalloc(n * sizeof *p);
    uint32_t *small = xmalloc(n * sizeof *small), *large = xmalloc(n * sizeof *large);
    uint32_t ns = 0, nl = 0;
    a->n = n;
    a->prob = xmalloc(n * sizeof *a->prob);
    a->alias = xmalloc(n * sizeof *a->alias);
    for (uint32_t i = 0; i < n; i++) {
        p[i] = weight[i] * n / sum;
        if (p[i] < 1.0)
            small[ns++] = i;
        else
            large[nl++] = i;
    }
    while (ns && nl) {
        uint32_t s = small[--ns], l = large[--nl];
        a->prob[s] = (uint32_t)(p[s] * 4294967295.0);
        a->alias[s] = l;
        p[l] = (p[l] + p[s]) - 1.0;
        if (p[l] < 1.0)
            small[ns++] = l;
        else
            large[nl++] = l;
    }
    while (nl) {
        uint32_t l = large[--nl];
        a->prob[l] = UINT32_MAX;
        a->alias[l] = l;
    }
    while (ns) {
        uint32_t s = small[--ns];
        a->prob[s] = UINT32_MAX;
        a->alias[s] = s;
    }
    free(p);
    free(small);
    free(large);
}

static uint32_t alias_draw(const struct alias *a, struct rng *r)
{
    uint64_t x = rng_next(r);
    uint32_t i = (uint32_t)(((x >> 32) * (uint64_t)a->n) >> 32);
    return (uint32_t)x < a->prob[i] ? i : a->alias[i];
}

/* Everything built once from the seed.  The word table holds the reserved
 * words, then the vocabulary (common words, then pseudo-words in rank
 * order), then the names. */
struct gen {
    uint64_t seed;
    struct words w;
    uint32_t vocab0;    /* table index of vocabulary rank 0 */
    uint32_t n_common;  /* ranks [0, n_common) are the common words */
    uint32_t n_vocab;   /* ranks [0, n_vocab) form the Zipf vocabulary */
    uint32_t first0, n_first, last0, n_last, kgiven0, n_kgiven; /* table indices */
    struct alias zipf;  /* rank over the whole vocabulary */
    struct alias zcont; /* rank - n_common over the pseudo-words only */
};

static void capitalise(char *s)
{
    if (*s >= 'a' && *s <= 'z')
        *s = (char)(*s - 'a' + 'A');
}

/* Add count new pseudo-words of syl_lo-syl_hi syllables and 3-max_len
 * bytes, capitalised (proper nouns) with probability cap_permille. */
static void add_pseudo(struct gen *g, struct rng *r, uint32_t count, int syl_lo, int syl_hi,
                       size_t max_len, unsigned cap_permille)
{
    uint32_t added = 0;
    char s[96];
    while (added < count) {
        size_t n = make_pseudo(r, rng_range(r, syl_lo, syl_hi), s);
        if (n < 3 || n > max_len)
            continue;
        if (rng_chance(r, cap_permille))
            capitalise(s);
        if (!is_opener(s, n) && words_add(&g->w, s, n) != UINT32_MAX)
            added++;
    }
}

static void gen_init(struct gen *g, uint64_t seed)
{
    memset(g, 0, sizeof *g);
    g->seed = seed;
    struct words *w = &g->w;
    w->cap = 40000;
    w->off = xcalloc(w->cap, sizeof *w->off);
    w->len = xcalloc(w->cap, sizeof *w->len);
    w->set_mask = (1u << 17) - 1;
    w->set = xcalloc((size_t)w->set_mask + 1, sizeof *w->set);

    /* Reserved words go in first so that nothing else can take them; the
     * vocabulary starts after them. */
    for (const char *const *p = reserved_words; *p; p++)
        words_add(w, *p, strlen(*p));
    uint32_t base = g->vocab0 = w->n;
    for (const char *const *p = common_words; *p; p++)
        words_add(w, *p, strlen(*p));
    g->n_common = w->n - base;

    struct rng r = rng_for(seed, ST_VOCAB, 0);
    /* Shorter pseudo-words take the more frequent ranks, as in English. */
    add_pseudo(g, &r, 1500, 1, 2, 7, 20);
    add_pseudo(g, &r, 8500, 2, 3, 9, 30);
    add_pseudo(g, &r, N_CONTENT - 10000, 2, 3, 11, 40);
    g->n_vocab = w->n - base;

    char s[96];
    g->first0 = w->n;
    while (w->n - g->first0 < N_FIRST) {
        size_t n = make_pseudo(&r, rng_range(&r, 1, 3), s);
        capitalise(s);
        if (n >= 3 && n <= 9 && !is_opener(s, n))
            words_add(w, s, n);
    }
    g->n_first = N_FIRST;
    g->last0 = w->n;
    while (w->n - g->last0 < N_LAST) {
        size_t n = make_pseudo(&r, rng_range(&r, 1, 3), s);
        capitalise(s);
        if (n >= 3 && n <= 11 && !is_opener(s, n))
            words_add(w, s, n);
    }
    g->n_last = N_LAST;
    g->kgiven0 = w->n;
    while (w->n - g->kgiven0 < N_KGIVEN) {
        size_t a = make_pseudo(&r, 1, s);
        if (a < 2 || a > 5)
            continue;
        capitalise(s);
        s[a] = '-';
        size_t b = make_pseudo(&r, 1, s + a + 1);
        if (b < 2 || b > 5)
            continue;
        words_add(w, s, a + 1 + b);
    }
    g->n_kgiven = N_KGIVEN;

    /* Zipf-Mandelbrot weights 1 / (rank + 2.7)^1.1: the common words make
     * up a little over half of all word tokens, as the top 300 words of
     * English do. */
    double *wt = xmalloc(g->n_vocab * sizeof *wt);
    for (uint32_t k = 0; k < g->n_vocab; k++)
        wt[k] = pow(k + 2.7, -1.1);
    alias_build(&g->zipf, wt, g->n_vocab);
    alias_build(&g->zcont, wt + g->n_common, g->n_vocab - g->n_common);
    free(wt);
}

/* ---- sentences ------------------------------------------------------------- */

static const char *const titles_used[] = {"Dr.",  "Gen.", "Sen.", "Gov.", "Mr.",
                                          "Ms.",  "Col.", "Prof.", "Rep."};
static const char *const korean_family[] = {
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
    "Han", "Oh",  "Seo",  "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong"};
static const char *const acronyms[] = {"U.S.", "U.N.", "E.U.", "U.K.", "U.S.", "U.S."};
static const char *const months[] = {"Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
                                     "March", "April", "May", "June", "July"};
static const char *const speakers[] = {"he", "she", "they", "officials", "the ministry",
                                       "the spokesman", "the agency", "the statement"};

/* Quotation marks (UTF-8). */
#define LQUOTE "\xE2\x80\x9C"
#define RQUOTE "\xE2\x80\x9D"
#define APOS "\xE2\x80\x99"

/* The word of vocabulary rank k. */
static void put_word(const struct gen *g, struct buf *b, uint32_t k, bool cap)
{
    size_t at = b->len;
    buf_put(b, words_str(&g->w, g->vocab0 + k), g->w.len[g->vocab0 + k]);
    if (cap)
        capitalise(b->p + at);
}

/* A lower-case pseudo-word: neither a clause opener nor the start of a new
 * sentence, so it may follow an abbreviation or an ellipsis. */
static void put_content(const struct gen *g, struct rng *r, struct buf *b)
{
    uint32_t k;
    do
        k = g->n_common + alias_draw(&g->zcont, r);
    while (words_str(&g->w, g->vocab0 + k)[0] < 'a');
    put_word(g, b, k, false);
}

static void put_name(const struct gen *g, struct rng *r, struct buf *b)
{
    const struct words *w = &g->w;
    uint32_t form = rng_below(r, 100);
    if (form < 20) { /* Kim Hong-kyun */
        buf_puts(b, korean_family[rng_below(r, NELEM(korean_family))]);
        buf_putc(b, ' ');
        buf_puts(b, words_str(w, g->kgiven0 + rng_below(r, g->n_kgiven)));
    } else {
        if (form < 35) { /* Gen. Brel, Dr. Anna Brel */
            buf_puts(b, titles_used[rng_below(r, NELEM(titles_used))]);
            buf_putc(b, ' ');
        }
        if (form >= 35 || rng_chance(r, 400)) {
            buf_puts(b, words_str(w, g->first0 + rng_below(r, g->n_first)));
            buf_putc(b, ' ');
            if (rng_chance(r, 200)) { /* John F. Smith */
                buf_putc(b, (char)('A' + rng_below(r, 26)));
                buf_puts(b, ". ");
            }
        }
        buf_puts(b, words_str(w, g->last0 + rng_below(r, g->n_last)));
    }
    if (rng_chance(r, 60))
        buf_puts(b, APOS "s");
}

static void put_number(struct rng *r, struct buf *b)
{
    char s[48];
    uint32_t form = rng_below(r, 100);
    if (form < 40) {
        snprintf(s, sizeof s, "%d", rng_range(r, 2, 99));
    } else if (form < 65) { /* 1,000 to 9,999,999 */
        uint32_t v = 1000 + rng_below(r, rng_chance(r, 700) ? 99000 : 9999000);
        if (v >= 1000000)
            snprintf(s, sizeof s, "%u,%03u,%03u", v / 1000000, v / 1000 % 1000, v % 1000);
        else
            snprintf(s, sizeof s, "%u,%03u", v / 1000, v % 1000);
    } else if (form < 80) { /* 3.5, 12.25 */
        if (rng_chance(r, 700))
            snprintf(s, sizeof s, "%d.%d", rng_range(r, 0, 20), rng_range(r, 1, 9));
        else
            snprintf(s, sizeof s, "%d.%02d", rng_range(r, 10, 99), rng_range(r, 1, 99));
    } else if (form < 90) {
        snprintf(s, sizeof s, "%d", rng_range(r, 1950, 2025));
    } else { /* $1.2 billion, $350 */
        if (rng_chance(r, 500))
            snprintf(s, sizeof s, "$%d.%d %s", rng_range(r, 1, 99), rng_range(r, 1, 9),
                     rng_chance(r, 500) ? "billion" : "million");
        else
            snprintf(s, sizeof s, "$%d", rng_range(r, 5, 999));
    }
    buf_puts(b, s);
}

/* nwords words of running text.  The first is capitalised when cap.  The
 * caller adds the final punctuation. */
static void put_words(const struct gen *g, struct rng *r, struct buf *b, int nwords, bool cap)
{
    bool plain_next = false; /* after an abbreviation or ellipsis */
    for (int k = 0; k < nwords; k++) {
        if (k > 0)
            buf_putc(b, ' ');
        bool last = k + 1 == nwords;
        uint32_t t = plain_next ? 1000 : rng_below(r, 1000);
        plain_next = false;
        if (t < 30) {
            put_name(g, r, b);
        } else if (t < 55) {
            put_number(r, b);
        } else if (t < 63 && !last) { /* U.S. + a word that cannot open a clause */
            buf_puts(b, acronyms[rng_below(r, NELEM(acronyms))]);
            plain_next = true;
        } else if (t < 67 && !last) { /* Sept. 11 */
            buf_puts(b, months[rng_below(r, NELEM(months))]);
            buf_putc(b, ' ');
            char s[8];
            snprintf(s, sizeof s, "%d", rng_range(r, 1, 30));
            buf_puts(b, s);
        } else if (t == 1000) {
            put_content(g, r, b);
        } else {
            uint32_t k2 = alias_draw(&g->zipf, r);
            put_word(g, b, k2, cap && k == 0);
            cap = false;
        }
        cap = false;
        if (!last && !plain_next) {
            uint32_t p = rng_below(r, 1000);
            if (p < 70 && k > 0) {
                buf_putc(b, ',');
            } else if (p < 75 && k > 0) { /* an ellipsis, then a lower-case word */
                buf_puts(b, rng_chance(r, 500) ? "..." : " ...");
                plain_next = true;
            }
        }
    }
}

static int sentence_words(struct rng *r)
{
    int n = 8 + rng_range(r, 0, 9) + rng_range(r, 0, 9);
    if (rng_chance(r, 120))
        n += rng_range(r, 0, 14);
    return n > 40 ? 40 : n;
}

static void put_speaker(const struct gen *g, struct rng *r, struct buf *b, bool cap)
{
    if (rng_chance(r, 400)) {
        put_name(g, r, b);
    } else {
        size_t at = b->len;
        buf_puts(b, speakers[rng_below(r, NELEM(speakers))]);
        if (cap)
            capitalise(b->p + at);
    }
}

/* One sentence into b (appended, no surrounding white space). */
static void gen_sentence(const struct gen *g, struct rng *r, struct buf *b)
{
    int n = sentence_words(r);
    uint32_t kind = rng_below(r, 100);
    if (kind < 8) { /* “..., ...,” he said. */
        buf_puts(b, LQUOTE);
        put_words(g, r, b, n - 2, true);
        buf_puts(b, "," RQUOTE " ");
        put_speaker(g, r, b, false);
        buf_puts(b, " said.");
    } else if (kind < 11) { /* “First. Second,” said Kim. */
        int n1 = n / 2;
        buf_puts(b, LQUOTE);
        put_words(g, r, b, n1, true);
        buf_puts(b, ". ");
        put_words(g, r, b, n - n1, true);
        buf_puts(b, "," RQUOTE " said ");
        put_name(g, r, b);
        buf_putc(b, '.');
    } else if (kind < 15) { /* He said, “...” */
        put_speaker(g, r, b, true);
        buf_puts(b, " said, " LQUOTE);
        put_words(g, r, b, n - 2, true);
        buf_puts(b, "." RQUOTE);
    } else if (kind < 22) { /* ..., officials said. */
        put_words(g, r, b, n - 2, true);
        buf_puts(b, ", ");
        put_speaker(g, r, b, false);
        buf_puts(b, " said.");
    } else {
        put_words(g, r, b, n, true);
        uint32_t e = rng_below(r, 100);
        buf_putc(b, e < 3 ? '?' : e < 4 ? '!' : '.');
    }
}

/* ---- rewording ------------------------------------------------------------- */

#define MAX_TOK 512

struct tok {
    const char *p;
    uint32_t n;
};

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

/* A bare word: letters only, so deleting or moving it cannot unbalance a
 * quotation or drop a sentence stop. */
static bool tok_plain(const struct tok *t)
{
    for (uint32_t i = 0; i < t->n; i++)
        if (!is_alpha(t->p[i]))
            return false;
    return true;
}

/* May an edit touch the position right after token t?  Not after an
 * abbreviation's period: a clause opener there would split the sentence. */
static bool tok_free_after(const struct tok *t)
{
    return t->p[t->n - 1] != '.';
}

/* Edits draw new words into scratch, which never moves (fixed size). */
struct edit {
    const struct gen *g;
    struct rng *r;
    struct tok t[MAX_TOK];
    uint32_t nt;
    char scratch[16384];
    size_t used;
};

static char *edit_alloc(struct edit *e, size_t n)
{
    if (e->used + n > sizeof e->scratch)
        return NULL;
    char *p = e->scratch + e->used;
    e->used += n;
    return p;
}

/* A fresh Zipf word into scratch; lower case unless cap. */
static bool edit_word(struct edit *e, struct tok *out, const char *pre, size_t npre,
                      const char *suf, size_t nsuf, bool cap, bool number)
{
    char tmp[64];
    size_t n;
    if (number) {
        struct buf nb = {0};
        put_number(e->r, &nb);
        n = nb.len < sizeof tmp ? nb.len : sizeof tmp - 1;
        memcpy(tmp, nb.p, n);
        free(nb.p);
    } else {
        uint32_t k;
        do /* a capital single letter would read as an initial */
            k = e->g->vocab0 + alias_draw(&e->g->zipf, e->r);
        while (cap && e->g->w.len[k] == 1);
        n = e->g->w.len[k];
        memcpy(tmp, words_str(&e->g->w, k), n);
        if (cap)
            capitalise(tmp);
    }
    char *p = edit_alloc(e, npre + n + nsuf);
    if (!p)
        return false;
    memcpy(p, pre, npre);
    memcpy(p + npre, tmp, n);
    memcpy(p + npre + n, suf, nsuf);
    out->p = p;
    out->n = (uint32_t)(npre + n + nsuf);
    return true;
}

/* Replace the cores of k tokens, keeping their punctuation and case. */
static void op_replace(struct edit *e, int k)
{
    for (int done = 0, tries = 0; done < k && tries < 20; tries++) {
        if (e->nt < 3)
            return;
        uint32_t i = 1 + rng_below(e->r, e->nt - 1);
        if (!tok_free_after(&e->t[i - 1]))
            continue;
        struct tok *t = &e->t[i];
        uint32_t a = 0, z = t->n;
        while (a < z && !is_alnum(t->p[a]) && t->p[a] != '$')
            a++;
        while (z > a && !is_alnum(t->p[z - 1]))
            z--;
        if (a == z)
            continue;
        /* Keep abbreviations, initials and titles (U.S., F., Gen.): a word
         * with their period would end the sentence.  The last token keeps
         * its stop as a suffix. */
        if (i + 1 < e->nt && t->p[t->n - 1] == '.')
            continue;
        if (memchr(t->p + a, '.', z - a) && !(t->p[a] >= '0' && t->p[a] <= '9'))
            continue;
        bool number = (t->p[a] >= '0' && t->p[a] <= '9') || t->p[a] == '$';
        bool cap = t->p[a] >= 'A' && t->p[a] <= 'Z';
        struct tok nt;
        if (!edit_word(e, &nt, t->p, a, t->p + z, t->n - z, cap, number))
            return;
        *t = nt;
        done++;
    }
}

static void op_insert(struct edit *e, int k)
{
    for (int tries = 0; tries < 10; tries++) {
        if (e->nt + (uint32_t)k > MAX_TOK || e->nt < 2)
            return;
        uint32_t i = 1 + rng_below(e->r, e->nt - 1); /* insert before token i */
        if (!tok_free_after(&e->t[i - 1]))
            continue;
        memmove(&e->t[i + k], &e->t[i], (e->nt - i) * sizeof e->t[0]);
        e->nt += (uint32_t)k;
        for (int j = 0; j < k; j++)
            if (!edit_word(e, &e->t[i + j], "", 0, "", 0, false, false))
                e->t[i + j] = (struct tok){"said", 4};
        return;
    }
}

static void op_delete(struct edit *e, int k)
{
    for (int tries = 0; tries < 10; tries++) {
        if (e->nt < (uint32_t)k + 6)
            return;
        uint32_t i = 1 + rng_below(e->r, e->nt - (uint32_t)k - 1);
        if (!tok_free_after(&e->t[i - 1]))
            continue;
        bool ok = true;
        for (int j = 0; j < k && ok; j++)
            ok = tok_plain(&e->t[i + j]);
        if (!ok)
            continue;
        memmove(&e->t[i], &e->t[i + k], (e->nt - i - k) * sizeof e->t[0]);
        e->nt -= (uint32_t)k;
        return;
    }
}

/* Exchange two runs of 1-3 bare words. */
static void op_swap(struct edit *e)
{
    for (int tries = 0; tries < 10; tries++) {
        uint32_t len = 1 + rng_below(e->r, 3);
        if (e->nt < 2 * len + 3)
            return;
        uint32_t span = e->nt - 1 - 2 * len; /* positions available */
        uint32_t a = 1 + rng_below(e->r, span);
        uint32_t b = a + len + rng_below(e->r, e->nt - 1 - len - (a + len) + 1);
        if (b + len > e->nt - 1)
            continue;
        if (!tok_free_after(&e->t[a - 1]) || !tok_free_after(&e->t[b - 1]))
            continue;
        bool ok = true;
        for (uint32_t j = 0; j < len && ok; j++)
            ok = tok_plain(&e->t[a + j]) && tok_plain(&e->t[b + j]);
        if (!ok)
            continue;
        for (uint32_t j = 0; j < len; j++) {
            struct tok x = e->t[a + j];
            e->t[a + j] = e->t[b + j];
            e->t[b + j] = x;
        }
        return;
    }
}

/* Reword the sentence s[0..n) into out: one or two random edits, or a
 * single one-word replacement when light.  e is the caller's work area. */
static void reword(struct edit *e, const struct gen *g, struct rng *r, const char *s, size_t n,
                   bool light, struct buf *out)
{
    e->g = g;
    e->r = r;
    e->nt = 0;
    e->used = 0;
    for (size_t i = 0; i < n && e->nt < MAX_TOK;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        e->t[e->nt++] = (struct tok){s + i, (uint32_t)(j - i)};
        i = j + 1;
    }
    if (light) {
        op_replace(e, 1);
    } else {
        int nops = rng_chance(r, 300) ? 2 : 1;
        for (int k = 0; k < nops; k++) {
            uint32_t op = rng_below(r, 100);
            int words = rng_range(r, 1, 4);
            if (op < 40)
                op_replace(e, words);
            else if (op < 60)
                op_insert(e, words);
            else if (op < 80)
                op_delete(e, words);
            else
                op_swap(e);
        }
    }
    for (uint32_t k = 0; k < e->nt; k++) {
        if (k)
            buf_putc(out, ' ');
        buf_put(out, e->t[k].p, e->t[k].n);
    }
}

/* ---- the two documents ----------------------------------------------------- */

enum fate { F_SAME, F_REWORD, F_DELETE, F_MOVE };
#define FATE_MASK 3u
#define PARA_END 4u /* a paragraph ends after this sentence in A */
#define INSERT_AFTER 8u /* B gets a new sentence after this one */
#define MOVE_LIGHT 16u  /* the moved sentence is lightly reworded */

/* Paragraph writer: sentences joined by a space, paragraphs by a blank line;
 * optionally every sentence also goes to a one-per-line file. */
struct doc_out {
    struct out main, lines;
    bool with_lines;
    bool in_para;
    uint64_t sentences;
};

static void doc_sentence(struct doc_out *d, const char *s, size_t n)
{
    if (d->in_para)
        out_put(&d->main, " ", 1);
    out_put(&d->main, s, n);
    d->in_para = true;
    if (d->with_lines) {
        out_put(&d->lines, s, n);
        out_put(&d->lines, "\n", 1);
    }
    d->sentences++;
}

static void doc_para_end(struct doc_out *d)
{
    if (d->in_para)
        out_put(&d->main, "\n\n", 2);
    d->in_para = false;
}

static void doc_finish(struct doc_out *d)
{
    if (d->in_para)
        out_put(&d->main, "\n", 1);
    out_close(&d->main);
    if (d->with_lines)
        out_close(&d->lines);
}

/* The hard shapes (--unrelated, --shuffled): OUT_A as always; OUT_B the
 * sentences of another text (stream ST_NEW, never one of OUT_A's: their
 * indices start after OUT_A's) or OUT_A's in a random order
 * (Fisher-Yates on the variant's fate stream), in paragraphs of 3-6. */
static int write_hard(struct gen *g, uint64_t seed, uint64_t vseed, bool shuffled, size_t n,
                      const char *out_a, const char *out_b, const char *lines_a,
                      const char *lines_b)
{
    struct doc_out da = {.with_lines = lines_a != NULL}, db = {.with_lines = lines_b != NULL};
    out_open(&da.main, out_a);
    out_open(&db.main, out_b);
    if (lines_a) {
        out_open(&da.lines, lines_a);
        out_open(&db.lines, lines_b);
    }
    struct rng fr = rng_for(vseed, ST_FATE, 0);
    uint32_t *order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    if (shuffled)
        for (size_t i = n - 1; i > 0; i--) {
            uint32_t j = rng_below(&fr, (uint32_t)i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    struct buf s = {0};
    int para_a = rng_range(&fr, 3, 6), para_b = rng_range(&fr, 3, 6);
    for (size_t i = 0; i < n; i++) {
        struct rng r = rng_for(seed, ST_TEXT, i);
        s.len = 0;
        gen_sentence(g, &r, &s);
        doc_sentence(&da, s.p, s.len);
        if (--para_a == 0) {
            doc_para_end(&da);
            para_a = rng_range(&fr, 3, 6);
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct rng r = shuffled ? rng_for(seed, ST_TEXT, order[i]) : rng_for(vseed, ST_NEW, n + i);
        s.len = 0;
        gen_sentence(g, &r, &s);
        doc_sentence(&db, s.p, s.len);
        if (--para_b == 0) {
            doc_para_end(&db);
            para_b = rng_range(&fr, 3, 6);
        }
    }
    doc_finish(&da);
    doc_finish(&db);
    free(s.p);
    free(order);
    return 0;
}

/* ---- a corpus of articles (--corpus) ---------------------------------------- */

/* Share of the documents (permille) that open a story several outlets
 * carry, how many carry it, and the length of a story. */
#define CORPUS_SHARED_PERMILLE 250
#define CORPUS_OUTLETS_MIN 2
#define CORPUS_OUTLETS_MAX 8
#define STORY_MIN 34
#define STORY_MAX 46
#define STORY_SPAN 64 /* sentence streams reserved per story (> STORY_MAX + 1) */

/* One outlet's version of a story into b: a headline line, then the
 * story's sentences in paragraphs of 3-6.  Outlet 0 carries the wire
 * copy as it is; the others reword a quarter of the sentences, drop a
 * tenth and add one of their own after one in twenty. */
static void corpus_article(const struct gen *g, struct edit *ed, uint64_t seed, uint64_t story,
                           uint64_t outlet, struct buf *b, struct buf *s, struct buf *t)
{
    struct rng sr = rng_for(seed, ST_STORY, story);
    int len = rng_range(&sr, STORY_MIN, STORY_MAX);
    uint64_t vseed = seed ^ ((outlet + 1) * UINT64_C(0x9E3779B97F4A7C15));
    struct rng fr = rng_for(vseed, ST_FATE, story);
    int para_left = rng_range(&fr, 3, 6);
    bool in_para = false;
    for (int i = 0; i <= len; i++) {
        struct rng r = rng_for(seed, ST_TEXT, story * STORY_SPAN + (uint64_t)i);
        s->len = 0;
        gen_sentence(g, &r, s);
        uint32_t x = outlet ? rng_below(&fr, 100) : 99;
        const struct buf *out = s;
        if (i == 0) { /* the headline: a line of its own */
            if (s->len && (s->p[s->len - 1] == '.'))
                s->len--;
            buf_put(b, s->p, s->len);
            buf_puts(b, "\n\n");
            continue;
        }
        if (x < 10)
            continue; /* dropped */
        if (x < 35) {
            struct rng er = rng_for(vseed, ST_EDIT, story * STORY_SPAN + (uint64_t)i);
            t->len = 0;
            reword(ed, g, &er, s->p, s->len, false, t);
            out = t;
        }
        for (int k = 0; k < 1 + (x >= 95); k++) {
            if (k) { /* the outlet's own sentence */
                struct rng nr = rng_for(vseed, ST_NEW, story * STORY_SPAN + (uint64_t)i);
                t->len = 0;
                gen_sentence(g, &nr, t);
                out = t;
            }
            if (in_para)
                buf_putc(b, ' ');
            buf_put(b, out->p, out->len);
            in_para = true;
            if (--para_left == 0) {
                buf_puts(b, "\n\n");
                in_para = false;
                para_left = rng_range(&fr, 3, 6);
            }
        }
    }
    if (in_para)
        buf_putc(b, '\n');
}

/* s[0..n) as the contents of a JSON string. */
static void put_json_string(struct out *o, const char *s, size_t n)
{
    out_put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            out_put(o, e, 2);
        } else if (c == '\n') {
            out_put(o, "\\n", 2);
        } else if (c < 0x20) {
            char e[8];
            snprintf(e, sizeof e, "\\u%04x", c);
            out_put(o, e, 6);
        } else {
            out_put(o, s + i, 1);
        }
    }
    out_put(o, "\"", 1);
}

/* --corpus: count articles, the stories of a quarter of them carried by
 * 2-8 outlets, the others unrelated, in an order shuffled by the seed;
 * into files DEST/NNNNNN.txt, or with jsonl as JSON Lines to DEST ("-":
 * standard output) with the story as a blocking key. */
static int corpus_main(uint64_t seed, size_t count, const char *dest, bool jsonl)
{
    static struct gen g;
    gen_init(&g, seed);
    uint64_t *story = xmalloc(count * sizeof *story), *outlet = xmalloc(count * sizeof *outlet);
    struct rng cr = rng_for(seed, ST_CORPUS, 0);
    uint64_t nstory = 0;
    for (size_t j = 0; j < count; nstory++) {
        size_t size = rng_chance(&cr, CORPUS_SHARED_PERMILLE)
                          ? (size_t)rng_range(&cr, CORPUS_OUTLETS_MIN, CORPUS_OUTLETS_MAX)
                          : 1;
        for (size_t m = 0; m < size && j < count; m++, j++) {
            story[j] = nstory;
            outlet[j] = m;
        }
    }
    for (size_t j = count; j > 1; j--) { /* Fisher-Yates */
        size_t k = rng_below(&cr, (uint32_t)j);
        uint64_t a = story[j - 1], o = outlet[j - 1];
        story[j - 1] = story[k];
        outlet[j - 1] = outlet[k];
        story[k] = a;
        outlet[k] = o;
    }
    struct out o = {0};
    if (jsonl && strcmp(dest, "-") == 0) {
        o.f = stdout;
        o.path = "standard output";
        o.buf = xmalloc(OUT_BUFSIZE);
    } else if (jsonl) {
        out_open(&o, dest);
    }
    struct buf b = {0}, s = {0}, t = {0};
    struct edit *ed = xmalloc(sizeof *ed);
    size_t pathcap = strlen(dest) + 32;
    char *path = xmalloc(pathcap);
    for (size_t j = 0; j < count; j++) {
        b.len = 0;
        corpus_article(&g, ed, seed, story[j], outlet[j], &b, &s, &t);
        if (jsonl) {
            char head[96];
            int hn = snprintf(head, sizeof head, "{\"id\":\"%06zu\",\"story\":\"s%llu\",\"text\":",
                              j, (unsigned long long)story[j]);
            out_put(&o, head, (size_t)hn);
            put_json_string(&o, b.p, b.len);
            out_put(&o, "}\n", 2);
        } else {
            struct out f;
            snprintf(path, pathcap, "%s/%06zu.txt", dest, j);
            out_open(&f, path);
            out_put(&f, b.p, b.len);
            out_close(&f);
        }
    }
    if (jsonl && o.f == stdout) {
        out_flush(&o);
        if (fflush(stdout) != 0) {
            fprintf(stderr, "wdgen: standard output: %s\n", strerror(errno));
            return 1;
        }
        free(o.buf);
    } else if (jsonl) {
        out_close(&o);
    }
    free(path);
    free(ed);
    free(b.p);
    free(s.p);
    free(t.p);
    free(story);
    free(outlet);
    return 0;
}

static void usage(FILE *f)
{
    fputs("Usage: wdgen [--seed N] [--variant V] [--unrelated | --shuffled]\n"
          "             [--lines A_LINES B_LINES] SENTENCES OUT_A OUT_B\n"
          "Write a synthetic article of SENTENCES sentences to OUT_A and a variant of it\n"
          "(reworded, deleted, inserted and moved sentences) to OUT_B.  The output\n"
          "depends only on SENTENCES and the seed (default 1).  --unrelated: OUT_B is\n"
          "another text from the same vocabulary; --shuffled: OUT_B is OUT_A's sentences\n"
          "in a random order.\n"
          "\n"
          "       wdgen [--seed N] --corpus ARTICLES DIR\n"
          "       wdgen [--seed N] --corpus-jsonl ARTICLES FILE\n"
          "Write ARTICLES articles of about 40 sentences (a headline line, then\n"
          "paragraphs): a quarter of them in stories that 2-8 outlets carry (the wire\n"
          "copy, then versions that reword, drop and add sentences), the rest\n"
          "unrelated, shuffled.  To DIR/NNNNNN.txt, or as JSON Lines\n"
          "({\"id\":...,\"story\":...,\"text\":...}) to FILE (- for standard output).\n",
          f);
}

static bool parse_u64(const char *s, uint64_t *v)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || end == s || *end || *s == '-')
        return false;
    *v = x;
    return true;
}

int main(int argc, char **argv)
{
    uint64_t seed = 1, count = 0, variant = 0;
    enum { SHAPE_EDITS, SHAPE_UNRELATED, SHAPE_SHUFFLED } shape = SHAPE_EDITS;
    const char *pos[3] = {NULL, NULL, NULL}, *lines_a = NULL, *lines_b = NULL;
    int npos = 0;
    int corpus = 0; /* 1: --corpus, 2: --corpus-jsonl */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--corpus") == 0 || strcmp(a, "--corpus-jsonl") == 0) {
            corpus = a[8] ? 2 : 1;
            continue;
        }
        if (strcmp(a, "--seed") == 0 && i + 1 < argc) {
            if (!parse_u64(argv[++i], &seed)) {
                fprintf(stderr, "wdgen: bad seed '%s'\n", argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--variant") == 0 && i + 1 < argc) {
            if (!parse_u64(argv[++i], &variant)) {
                fprintf(stderr, "wdgen: bad variant '%s'\n", argv[i]);
                return 2;
            }
        } else if (strncmp(a, "--seed=", 7) == 0) {
            if (!parse_u64(a + 7, &seed)) {
                fprintf(stderr, "wdgen: bad seed '%s'\n", a + 7);
                return 2;
            }
        } else if (strcmp(a, "--unrelated") == 0) {
            shape = SHAPE_UNRELATED;
        } else if (strcmp(a, "--shuffled") == 0) {
            shape = SHAPE_SHUFFLED;
        } else if (strcmp(a, "--lines") == 0 && i + 2 < argc) {
            lines_a = argv[++i];
            lines_b = argv[++i];
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] == '-' && a[2]) {
            fprintf(stderr, "wdgen: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (npos < 3) {
            pos[npos++] = a;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (corpus) {
        if (npos != 2 || !parse_u64(pos[0], &count) || count == 0 || count > 10000000) {
            usage(stderr);
            return 2;
        }
        return corpus_main(seed, (size_t)count, pos[1], corpus == 2);
    }
    if (npos != 3 || !parse_u64(pos[0], &count) || count == 0 || count > 100000000) {
        usage(stderr);
        return 2;
    }

    static struct gen g;
    gen_init(&g, seed);
    size_t n = (size_t)count;
    /* OUT_B's edits: another stream per variant (0: the seed's own) */
    uint64_t vseed = variant ? seed ^ (variant * UINT64_C(0x9E3779B97F4A7C15)) : seed;

    if (shape != SHAPE_EDITS)
        return write_hard(&g, seed, vseed, shape == SHAPE_SHUFFLED, n, pos[1], pos[2], lines_a,
                          lines_b);

    /* Fates and paragraph ends, drawn in sequence from one stream. */
    uint8_t *fate = xcalloc(n, 1);
    int32_t *arrive_head = xmalloc(n * sizeof *arrive_head); /* moved in after i */
    int32_t *arrive_next = xmalloc(n * sizeof *arrive_next);
    for (size_t i = 0; i < n; i++)
        arrive_head[i] = arrive_next[i] = -1;
    struct rng fr = rng_for(vseed, ST_FATE, 0);
    int para_left = rng_range(&fr, 3, 6);
    for (size_t i = 0; i < n; i++) {
        uint32_t x = rng_below(&fr, 100);
        uint8_t f = x < 30 ? F_REWORD : x < 38 ? F_DELETE : x < 42 ? F_MOVE : F_SAME;
        if (--para_left == 0) {
            f |= PARA_END;
            para_left = rng_range(&fr, 3, 6);
        }
        if (rng_chance(&fr, 80))
            f |= INSERT_AFTER;
        if ((f & FATE_MASK) == F_MOVE) {
            if (rng_chance(&fr, 333))
                f |= MOVE_LIGHT;
            int64_t d = rng_range(&fr, 5, 200);
            int64_t t = rng_chance(&fr, 500) ? (int64_t)i + d : (int64_t)i - d;
            if (t < 0)
                t = 0;
            if (t >= (int64_t)n)
                t = (int64_t)n - 1;
            arrive_next[i] = arrive_head[t];
            arrive_head[t] = (int32_t)i;
        }
        fate[i] = f;
    }

    struct doc_out da = {.with_lines = lines_a != NULL}, db = {.with_lines = lines_b != NULL};
    out_open(&da.main, pos[1]);
    out_open(&db.main, pos[2]);
    if (lines_a) {
        out_open(&da.lines, lines_a);
        out_open(&db.lines, lines_b);
    }

    struct buf s = {0}, t = {0};
    struct edit *ed = xmalloc(sizeof *ed);
    for (size_t i = 0; i < n; i++) {
        struct rng r = rng_for(seed, ST_TEXT, i);
        s.len = 0;
        gen_sentence(&g, &r, &s);
        doc_sentence(&da, s.p, s.len);
        if (fate[i] & PARA_END)
            doc_para_end(&da);

        struct rng er = rng_for(vseed, ST_EDIT, i);
        switch (fate[i] & FATE_MASK) {
        case F_SAME:
            doc_sentence(&db, s.p, s.len);
            break;
        case F_REWORD:
            t.len = 0;
            reword(ed, &g, &er, s.p, s.len, false, &t);
            doc_sentence(&db, t.p, t.len);
            break;
        default:
            break; /* deleted, or moved elsewhere */
        }
        /* Sentences moved to after this one (in an order that only depends
         * on the seed).  A move backwards arrives before it leaves. */
        for (int32_t m = arrive_head[i]; m >= 0; m = arrive_next[m]) {
            struct rng mr = rng_for(seed, ST_TEXT, (uint64_t)m);
            struct rng me = rng_for(vseed, ST_EDIT, (uint64_t)m);
            s.len = 0;
            gen_sentence(&g, &mr, &s);
            if (fate[m] & MOVE_LIGHT) {
                t.len = 0;
                reword(ed, &g, &me, s.p, s.len, true, &t);
                doc_sentence(&db, t.p, t.len);
            } else {
                doc_sentence(&db, s.p, s.len);
            }
        }
        if (fate[i] & INSERT_AFTER) {
            struct rng nr = rng_for(vseed, ST_NEW, i);
            t.len = 0;
            gen_sentence(&g, &nr, &t);
            doc_sentence(&db, t.p, t.len);
        }
        if (fate[i] & PARA_END)
            doc_para_end(&db);
    }
    doc_finish(&da);
    doc_finish(&db);
    free(s.p);
    free(t.p);
    free(ed);
    free(fate);
    free(arrive_head);
    free(arrive_next);
    return 0;
}
