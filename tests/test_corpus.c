/* The corpus analysis on the sample corpus (seeds/) and on small made-up
 * documents: ranking of overlapping pairs, boilerplate, furniture. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "corpus.h"
#include "doc.h"
#include "gold.h"
#include "util.h"

static double pair_overlap(const struct corpus *c, uint32_t a, uint32_t b)
{
    size_t np;
    const struct corpus_pair *p = corpus_pairs(c, &np);
    for (size_t i = 0; i < np; i++)
        if (p[i].a == a && p[i].b == b) return p[i].overlap;
    return 0;
}

static void test_seeds(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d[5];
    char rel[256];
    for (int k = 0; k < 5; k++) {
        snprintf(rel, sizeof rel, "seeds/%s.txt", gold_seeds[k]);
        assert_int_equal(doc_load(ctx, gold_path(rel), NULL, &d[k]), WD_OK);
    }
    struct corpus *c = corpus_new(ctx, d, 5);

    /* 000-001, 000-002 and 001-002 rank above every pair with 003 or 004 */
    size_t np;
    const struct corpus_pair *p = corpus_pairs(c, &np);
    assert_true(np >= 3);
    for (size_t i = 0; i < np; i++)
        printf("# %u-%u overlap %.3f same %u changed %u moved %u\n", p[i].a, p[i].b,
               (double)p[i].overlap, p[i].same, p[i].changed, p[i].moved);
    double worst_story = 1;
    worst_story = pair_overlap(c, 0, 1) < worst_story ? pair_overlap(c, 0, 1) : worst_story;
    worst_story = pair_overlap(c, 0, 2) < worst_story ? pair_overlap(c, 0, 2) : worst_story;
    worst_story = pair_overlap(c, 1, 2) < worst_story ? pair_overlap(c, 1, 2) : worst_story;
    assert_true(worst_story > 0);
    for (size_t i = 0; i < np; i++)
        if (p[i].a >= 3 || p[i].b >= 3) assert_true(p[i].overlap < worst_story);
    for (size_t i = 0; i < 3; i++)
        assert_true(p[i].a < 3 && p[i].b < 3);
    assert_false(corpus_doc_overlaps(c, 4));

    /* the unrelated tail of 000 (teasers from #21 on) is boilerplate, the
     * story before it is not, but for the photo credit #3 */
    const uint8_t *b0 = corpus_boilerplate(c, 0);
    for (int i = 21; i < 37; i++)
        assert_true(b0[i]);
    for (int i = 0; i < 21; i++)
        assert_int_equal(b0[i], i == 3);
    /* 001's ad lines and footer */
    const uint8_t *b1 = corpus_boilerplate(c, 1);
    const int ads[] = {11, 16, 24, 40, 43, 51, 52, 53, 54};
    for (size_t i = 0; i < sizeof ads / sizeof *ads; i++)
        assert_true(b1[ads[i]]);
    /* its headline and story sentences are not */
    const int story[] = {0, 2, 3, 5, 9, 10, 12, 13, 23, 25, 29, 46, 47, 48};
    for (size_t i = 0; i < sizeof story / sizeof *story; i++)
        assert_false(b1[story[i]]);
    assert_true(corpus_story_sentences(c, 0) == 20);
    /* 001 and 002 are rewrites of 000's story, which they hold, with ads
     * and lines of their own */
    printf("# pivot %zu\n", corpus_pivot(c));
    assert_int_equal(corpus_pivot(c), 0);

    corpus_free(c);
    for (int k = 0; k < 5; k++)
        doc_free(d[k]);
    doc_ctx_free(ctx);
}

/* A line two unrelated documents share ("Comments") is site furniture;
 * a document alone has no story, so only repetition can mark it. */
static void test_furniture_and_repetition(void **state)
{
    (void)state;
    const char *ta = "Stargazers marveled at a dramatic red moon during a rare eclipse.\n"
                     "Share this article\n"
                     "The celestial spectacle was visible in the Americas.\n"
                     "Share this article\n"
                     "Comments\n";
    const char *tb = "Romania's electoral commission excluded a second hopeful.\n"
                     "The court annulled the election after claims of interference.\n"
                     "Comments\n";
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d[2];
    assert_int_equal(doc_from_memory(ctx, "a", ta, strlen(ta), NULL, &d[0]), WD_OK);
    assert_int_equal(doc_from_memory(ctx, "b", tb, strlen(tb), NULL, &d[1]), WD_OK);
    struct corpus *c = corpus_new(ctx, d, 2);
    const uint8_t *ba = corpus_boilerplate(c, 0), *bb = corpus_boilerplate(c, 1);
    assert_true(ba[1] && ba[3]); /* repeated within the document */
    assert_true(ba[4] && bb[2]); /* shared by documents sharing nothing else */
    assert_false(ba[0] || ba[2] || bb[0] || bb[1]);
    size_t np;
    corpus_pairs(c, &np);
    assert_int_equal(np, 0); /* furniture is no overlap */
    assert_false(corpus_doc_overlaps(c, 0));
    corpus_free(c);
    doc_free(d[0]);
    doc_free(d[1]);
    doc_ctx_free(ctx);
}

/* The pair pipeline (corpus_settle_roles): what corpus_new settles, two
 * files settle too, into the sentences' roles; not past
 * CORPUS_SETTLE_MAX sentences. */
static void test_settle_roles(void **state)
{
    (void)state;
    const char *ta = "Stargazers marveled at a dramatic red moon during a rare eclipse.\n"
                     "The celestial spectacle was visible in the Americas.\n"
                     "More stories like this\n";
    const char *tb = "Romania's electoral commission excluded a second hopeful.\n"
                     "The court annulled the election after claims of interference.\n"
                     "More stories like this\n";
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d[2];
    assert_int_equal(doc_from_memory(ctx, "a", ta, strlen(ta), NULL, &d[0]), WD_OK);
    assert_int_equal(doc_from_memory(ctx, "b", tb, strlen(tb), NULL, &d[1]), WD_OK);
    size_t n;
    assert_int_equal(sent_role(&doc_sentences(d[0], &n)[2]), ROLE_HEADLINE); /* on its own */
    corpus_settle_roles(ctx, d, 2);
    assert_int_equal(sent_role(&doc_sentences(d[0], &n)[2]), ROLE_BOILER); /* furniture */
    assert_int_equal(sent_role(&doc_sentences(d[1], &n)[2]), ROLE_BOILER);
    assert_int_equal(sent_role(&doc_sentences(d[0], &n)[0]), ROLE_STORY);
    doc_free(d[0]);
    doc_free(d[1]);
    /* a long document: left as it is */
    size_t len = (CORPUS_SETTLE_MAX + 1) * 3;
    char *big = xmalloc(len + strlen(ta) + 1);
    memcpy(big, ta, strlen(ta));
    for (size_t i = 0; i <= CORPUS_SETTLE_MAX; i++)
        memcpy(big + strlen(ta) + 3 * i, "Ok\n", 3);
    assert_int_equal(doc_from_memory(ctx, "a", big, len + strlen(ta), NULL, &d[0]), WD_OK);
    assert_int_equal(doc_from_memory(ctx, "b", tb, strlen(tb), NULL, &d[1]), WD_OK);
    corpus_settle_roles(ctx, d, 2);
    assert_int_equal(sent_role(&doc_sentences(d[1], &n)[2]), ROLE_HEADLINE);
    free(big);
    doc_free(d[0]);
    doc_free(d[1]);
    doc_ctx_free(ctx);
}

static void test_empty_corpus(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d[1];
    assert_int_equal(doc_from_memory(ctx, "e", "", 0, NULL, &d[0]), WD_OK);
    struct corpus *c = corpus_new(ctx, d, 1);
    size_t np;
    corpus_pairs(c, &np);
    assert_int_equal(np, 0);
    assert_int_equal(corpus_story_sentences(c, 0), 0);
    corpus_free(c);
    doc_free(d[0]);
    doc_ctx_free(ctx);
}

/* The pivot is the document the others derive from: a wire original
 * beside two outlets that cut, reword and add to it and a brief made of
 * its first three sentences (every one of which recurs everywhere, so
 * that the share of a document the others hold alone would choose it). */
static const char *const wire[] = {
    "The harbour authority of Port Alder closed the northern quay on Tuesday after a crane collapsed onto a cargo ship.",
    "Two dock workers were taken to hospital with minor injuries, the authority said in a statement.",
    "The crane, built in 1987, had been scheduled for inspection next month according to maintenance records.",
    "Shipping companies were told to divert vessels to the southern terminal until further notice.",
    "The mayor of Port Alder said the city would open an independent inquiry into the accident.",
    "Union representatives have warned for years that the quay's equipment was outdated and poorly maintained.",
    "Investigators from the national transport safety board arrived at the scene on Tuesday evening.",
    "The quay handles about a third of the port's container traffic, according to official figures.",
};

static char *join(const char *const *lines, size_t n, const char *extra)
{
    size_t len = strlen(extra) + 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(lines[i]) + 1;
    char *s = malloc(len), *p = s;
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s\n", lines[i]);
    strcpy(p, extra);
    return s;
}

static void test_pivot(void **state)
{
    (void)state;
    char *w = join(wire, 8, "");
    /* cuts the last two, adds two of its own (in the story, not a tail) */
    const char *a_lines[] = {
        wire[0], wire[1], wire[2],
        "Local fishermen said the closure of the northern quay would cost them a week of landings.",
        "A spokesman for the ferry operator said passenger services at the port were not affected.",
        wire[3], wire[4], wire[5],
    };
    char *a = join(a_lines, 8, "");
    /* the first three only */
    char *b = join(wire, 3, "");
    /* rewords one, adds three */
    const char *c_lines[] = {
        wire[0], "Two dock workers were taken to hospital with minor injuries, the port authority said on Tuesday.",
        "Residents near the harbour said they heard a loud bang before the crane fell onto the ship.",
        wire[2], wire[3],
        "The regional council called an emergency meeting about the port and the damaged quay.",
        wire[4], wire[5], wire[6],
        "Insurance experts put the damage to the cargo ship and the crane at several million euros.",
        wire[7],
    };
    char *c = join(c_lines, 11, "");
    const char *text[] = {a, b, w, c};
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d[4];
    char name[8];
    for (int k = 0; k < 4; k++) {
        snprintf(name, sizeof name, "d%d", k);
        assert_int_equal(doc_from_memory(ctx, name, text[k], strlen(text[k]), NULL, &d[k]), WD_OK);
    }
    struct corpus *co = corpus_new(ctx, d, 4);
    assert_int_equal(corpus_pivot(co), 2); /* the wire, not the brief (1) */
    assert_int_equal(corpus_own_sentences(co, 0), 2);
    assert_int_equal(corpus_own_sentences(co, 1), 0);
    assert_int_equal(corpus_own_sentences(co, 2), 0);
    assert_int_equal(corpus_own_sentences(co, 3), 3);
    assert_int_equal(corpus_shared(co, 0, 2), 6);
    assert_int_equal(corpus_shared(co, 2, 1), 3);
    assert_int_equal(corpus_shared(co, 2, 3), 8);
    assert_int_equal(corpus_shared(co, 2, 2), corpus_story_sentences(co, 2));
    corpus_free(co);
    for (int k = 0; k < 4; k++)
        doc_free(d[k]);

    /* two copies of the wire: a tie, the earlier index wins; the longer
     * story wins a tie of scores otherwise (the brief loses to it) */
    const char *text2[] = {b, w, w};
    struct doc *e[3];
    for (int k = 0; k < 3; k++) {
        snprintf(name, sizeof name, "e%d", k);
        assert_int_equal(doc_from_memory(ctx, name, text2[k], strlen(text2[k]), NULL, &e[k]), WD_OK);
    }
    co = corpus_new(ctx, e, 3);
    assert_int_equal(corpus_pivot(co), 1);
    corpus_free(co);
    for (int k = 0; k < 3; k++)
        doc_free(e[k]);
    doc_ctx_free(ctx);
    free(w);
    free(a);
    free(b);
    free(c);
}

/* ---- many documents ------------------------------------------------------ */

/* Above a hundred documents the corpus links documents first and then
 * compares the sentences of linked ones (sim_link.c): on a made-up corpus
 * of stories that several outlets carry (copied, reworded, or reworded
 * throughout) among unrelated documents, every pair of documents the
 * exhaustive search finds is found, with the same figures. */
#define MANY_DOCS 150

static uint32_t lcg(uint32_t *r)
{
    *r = *r * 1664525u + 1013904223u;
    return *r >> 8;
}

/* A made-up word of vocabulary rank k (k small: common). */
static void word_of(char *out, uint32_t k)
{
    static const char *const syl[] = {"ka", "lo",  "mi",  "dun", "sep", "ra", "tor", "vel",
                                      "ni", "bro", "ste", "gal", "phi", "mo", "zer", "qui"};
    int n = 0;
    do {
        n += sprintf(out + n, "%s", syl[k % 16]);
        k /= 16;
    } while (k);
    if (n < 4) sprintf(out + n, "%s", "nd");
}

/* The sentence made from seed, as vocabulary ranks into words[]: 10 to
 * 19 words, half of them among the 40 most common.  Returns how many. */
static size_t sentence_words(uint32_t seed, uint32_t *words)
{
    uint32_t r = seed * 2654435761u + 1;
    size_t n = 10 + lcg(&r) % 10;
    for (size_t j = 0; j < n; j++) {
        uint32_t x = lcg(&r) % 1000;
        words[j] = x < 500 ? lcg(&r) % 40 : 40 + lcg(&r) % (x < 850 ? 400 : 6000);
    }
    return n;
}

static void put_sentence(char **p, const uint32_t *words, size_t n)
{
    char w[32];
    for (size_t j = 0; j < n; j++) {
        word_of(w, words[j]);
        if (j == 0) w[0] = (char)(w[0] - 'a' + 'A');
        *p += sprintf(*p, "%s%s", j ? " " : "", w);
    }
    *p += sprintf(*p, ".\n");
}

/* Document k's text: a story's version (outlet o of story st; reword
 * every sentence when all) or, for st < 0, a document of its own. */
static char *many_text(int k, int st, int o, bool all)
{
    char *s = xmalloc(64 * 40 * 32), *p = s;
    uint32_t r = (uint32_t)k * 7919u + 17, words[24];
    for (int i = 0; i < 30; i++) {
        size_t n = sentence_words(
            st < 0 ? (uint32_t)(100000 + k * 64 + i) : (uint32_t)(st * 64 + i), words);
        uint32_t fate = lcg(&r) % 100;
        if (st >= 0 && o > 0 && fate < 10) continue;  /* dropped */
        if (st >= 0 && o > 0 && (all || fate < 35)) { /* reworded: a word or two replaced */
            words[lcg(&r) % n] = 40 + lcg(&r) % 6000;
            if (fate % 2) words[lcg(&r) % n] = 40 + lcg(&r) % 6000;
        }
        put_sentence(&p, words, n);
        if (st >= 0 && o > 0 && fate >= 95) { /* one of its own */
            n = sentence_words((uint32_t)(200000 + k * 64 + i), words);
            put_sentence(&p, words, n);
        }
    }
    return s;
}

static struct corpus *many_corpus(struct doc_ctx **ctx, struct doc **d, char **text)
{
    *ctx = doc_ctx_new();
    for (int k = 0; k < MANY_DOCS; k++) {
        char name[16];
        snprintf(name, sizeof name, "m%03d", k);
        assert_int_equal(doc_from_memory(*ctx, name, text[k], strlen(text[k]), NULL, &d[k]), WD_OK);
    }
    return corpus_new(*ctx, d, MANY_DOCS);
}

static void many_free(struct corpus *c, struct doc_ctx *ctx, struct doc **d)
{
    corpus_free(c);
    for (int k = 0; k < MANY_DOCS; k++)
        doc_free(d[k]);
    doc_ctx_free(ctx);
}

static void test_many_documents(void **state)
{
    (void)state;
    /* 12 stories, carried by 2 to 5 documents each (story 0 reworded
     * throughout: no sentence is carried unchanged), spread among the
     * others */
    char *text[MANY_DOCS];
    int story[MANY_DOCS];
    uint32_t r = 42;
    for (int k = 0; k < MANY_DOCS; k++)
        story[k] = -1;
    for (int st = 0; st < 12; st++) {
        int outlets = 2 + st % 4;
        for (int o = 0; o < outlets; o++) {
            int k;
            do
                k = (int)(lcg(&r) % MANY_DOCS);
            while (story[k] >= 0);
            story[k] = st;
            text[k] = many_text(k, st, o, st == 0);
        }
    }
    for (int k = 0; k < MANY_DOCS; k++)
        if (story[k] < 0) text[k] = many_text(k, -1, 0, false);
    struct doc_ctx *ctx, *ctx2;
    struct doc *d[MANY_DOCS], *d2[MANY_DOCS];
    struct corpus *c = many_corpus(&ctx, d, text);
    setenv("WIREDIFF_OVERLAP_EXHAUSTIVE", "1", 1);
    struct corpus *ex = many_corpus(&ctx2, d2, text);
    unsetenv("WIREDIFF_OVERLAP_EXHAUSTIVE");

    size_t np, nex;
    const struct corpus_pair *p = corpus_pairs(c, &np), *e = corpus_pairs(ex, &nex);
    size_t story_pairs = 0, found = 0;
    for (size_t i = 0; i < nex; i++) {
        bool same_story = story[e[i].a] >= 0 && story[e[i].a] == story[e[i].b];
        story_pairs += same_story;
        if (e[i].overlap < 0.10) continue;
        assert_true(same_story); /* nothing else overlaps by a tenth */
        for (size_t j = 0; j < np; j++)
            if (p[j].a == e[i].a && p[j].b == e[i].b) {
                found++;
                assert_int_equal(p[j].same, e[i].same);
                assert_int_equal(p[j].changed, e[i].changed);
                assert_int_equal(p[j].moved, e[i].moved);
            }
    }
    printf("# %zu pairs (exhaustive %zu), %zu of a story, %zu found\n", np, nex, story_pairs,
           found);
    assert_int_equal(story_pairs, 3 * (1 + 3 + 6 + 10)); /* every pair of a story */
    assert_int_equal(found, story_pairs);
    for (size_t j = 0; j < np; j++) { /* nothing the exhaustive search does not find */
        bool in = false;
        for (size_t i = 0; i < nex && !in; i++)
            in = p[j].a == e[i].a && p[j].b == e[i].b;
        assert_true(in);
    }
    /* the story reworded throughout: each outlet shares most of it, none
     * of it unchanged */
    for (size_t j = 0; j < np; j++)
        if (story[p[j].a] == 0 && story[p[j].b] == 0) {
            assert_true(p[j].overlap > 0.5);
            assert_true(p[j].changed > p[j].same);
        }
    many_free(c, ctx, d);
    many_free(ex, ctx2, d2);
    for (int k = 0; k < MANY_DOCS; k++)
        free(text[k]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_furniture_and_repetition),
        cmocka_unit_test(test_settle_roles),
        cmocka_unit_test(test_empty_corpus),
        cmocka_unit_test(test_pivot),
        cmocka_unit_test(test_many_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
