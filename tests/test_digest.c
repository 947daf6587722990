/* test_digest.c - the digest (src/digest.c): for each kind of change, pairs
 * of sentences that must give it (true cases) and pairs that must not
 * (false cases: precision matters more than recall), on text written here;
 * cut and added runs and paragraphs; the summary; the word lists' order. */
#include "config.h"

#include <setjmp.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "align.h"
#include "corpus.h"
#include "digest.h"
#include "doc.h"
#include "util.h"

/* The digest of a against b; the items' texts joined by " | ", each as
 * "kind/how: before -> after", into out (a static buffer). */
static const char *digest_of(const char *a, const char *b)
{
    static char out[4096];
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *da, *db;
    struct doc_opts o = {.text = false};
    assert_int_equal(doc_from_memory(ctx, "a", a, strlen(a), &o, &da), WD_OK);
    assert_int_equal(doc_from_memory(ctx, "b", b, strlen(b), &o, &db), WD_OK);
    doc_ctx_seal(ctx);
    struct doc *docs[2] = {da, db};
    corpus_settle_roles(ctx, docs, 2); /* the roles as wirediff A B settles them */
    struct alignment *al = align_docs(da, db, ctx, NULL);
    struct digest *d = digest_new(al, NULL);
    size_t n, len = 0;
    const struct digest_item *it = digest_items(d, &n);
    out[0] = '\0';
    for (size_t i = 0; i < n && len < sizeof out; i++)
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s/%s: %s -> %s", i ? " | " : "",
                                digest_kind_name(it[i].kind), digest_how_name(it[i].how),
                                it[i].before ? it[i].before : "-", it[i].after ? it[i].after : "-");
    digest_free(d);
    align_free(al);
    doc_free(da);
    doc_free(db);
    doc_ctx_free(ctx);
    return out;
}

static void has(const char *got, const char *want)
{
    if (!strstr(got, want)) fail_msg("want '%s' in: %s", want, got);
}

static void lacks(const char *got, const char *kind)
{
    if (strstr(got, kind)) fail_msg("want no '%s' in: %s", kind, got);
}

/* ---- quotations ----------------------------------------------------------------------- */

static void test_quotation(void **state)
{
    (void)state;
    /* words inside the quotation changed */
    has(digest_of("“We will act firmly and swiftly,” the mayor said on Monday.\n",
                  "“We will act calmly and swiftly,” the mayor said on Monday.\n"),
        "quotation/changed: “We will act firmly and swiftly” -> “We will act calmly and swiftly”");
    /* a quotation turned into paraphrase, and back */
    has(digest_of("“The bridge is safe,” the engineer told the council in a hearing.\n",
                  "The bridge is safe, the engineer told the council in a hearing.\n"),
        "quotation/paraphrased: “The bridge is safe” -> The bridge is safe, the engineer");
    has(digest_of("The engineer said the bridge was safe for all traffic now.\n",
                  "The engineer said the bridge was “safe for all traffic now.”\n"),
        "quotation/quoted");
    /* other styles: guillemets, German marks, CJK brackets */
    has(digest_of("Il a dit « nous partirons demain matin » hier soir au conseil.\n",
                  "Il a dit « nous partirons ce soir » hier soir au conseil.\n"),
        "quotation/changed");
    /* false: the quotation's style alone, words outside it, an apostrophe */
    lacks(digest_of("“We will act,” the mayor said on Monday at the town hall.\n",
                    "\"We will act,\" the mayor said on Monday at the town hall.\n"),
          "quotation");
    lacks(digest_of("“We will act,” the mayor said on Monday at the town hall.\n",
                    "“We will act,” the mayor said on Tuesday at the town hall.\n"),
          "quotation");
    lacks(digest_of("Kim Jong Un‘s visit to Moscow was planned for the spring of that year.\n",
                    "Kim Jong Un‘s visit to Moscow was planned for the summer of that year.\n"),
          "quotation");
}

/* ---- numbers -------------------------------------------------------------------------- */

static void test_number(void **state)
{
    (void)state;
    has(digest_of("The fund paid $50,000 to the victims of the flood last year.\n",
                  "The fund paid $500,000 to the victims of the flood last year.\n"),
        "number/changed: $50,000 -> $500,000");
    has(digest_of("The storm killed 18 people in the coastal towns of the region.\n",
                  "The storm killed at least 18 people in the coastal towns of the region.\n"),
        "number/changed: 18 -> at least 18");
    has(digest_of("The vote will take place on Monday in the capital's old hall.\n",
                  "The vote will take place on Tuesday in the capital's old hall.\n"),
        "number/changed: Monday -> Tuesday");
    has(digest_of("Turnout rose to 45 percent in the northern districts this time.\n",
                  "Turnout rose to 54 percent in the northern districts this time.\n"),
        "number/changed: 45 percent -> 54 percent");
    has(digest_of("The company cut 1,200 jobs and closed two plants in the north.\n",
                  "The company cut jobs and closed two plants in the north.\n"),
        "number/dropped: 1,200");
    /* false: written another way, a number not touched by the change, "may" */
    lacks(digest_of("The company cut 1,200 jobs in its plants across the country.\n",
                    "The company cut 1200 jobs in its plants across the country.\n"),
          "number");
    lacks(digest_of("The team lost five games and the coach was blamed by the press.\n",
                    "The team lost 5 games and the coach was blamed by the fans.\n"),
          "number");
    lacks(digest_of("On Monday the council said it may approve the plan soon.\n",
                    "On Monday the council said it could approve the plan soon.\n"),
          "number");
}

/* ---- names ------------------------------------------------------------------------------ */

static void test_name(void **state)
{
    (void)state;
    has(digest_of("The report was written by Anna Berg for the ministry last week.\n",
                  "The report was written by Carl Holm for the ministry last week.\n"),
        "name/changed: Anna Berg -> Carl Holm");
    has(digest_of("Officials in Lisbon and Madrid welcomed the agreement on Friday.\n",
                  "Officials in Lisbon welcomed the agreement on Friday.\n"),
        "name/dropped: Madrid");
    has(digest_of("The plan was backed by the mayor and the council after a long debate.\n",
                  "The plan was backed by the mayor and Acme Corp after a long debate.\n"),
        "name/added: - -> Acme Corp");
    /* false: the first word of a sentence, a name said another way, a
     * moved name, a spelling, initials */
    lacks(digest_of("Yesterday the council met in the town hall for a vote.\n",
                    "Today the council met in the town hall for a vote.\n"),
          "name");
    lacks(digest_of("Russia's foreign ministry said the talks would go on in spring.\n",
                    "The Russian foreign ministry said the talks would go on in spring.\n"),
          "name");
    lacks(digest_of("Officials in Kyiv said the talks would resume in the spring.\n",
                    "Officials in Kiev said the talks would resume in the spring.\n"),
          "name");
    lacks(digest_of("The sanctions were backed by the US and its allies last year.\n",
                    "The sanctions were backed by the United States and its allies last year.\n"),
          "name");
}

/* ---- attribution -------------------------------------------------------------------------- */

static void test_attribution(void **state)
{
    (void)state;
    has(digest_of("The plant is safe for the workers, the company said on Friday.\n",
                  "The plant is safe for the workers, the company claimed on Friday.\n"),
        "attribution/changed: company said -> company claimed");
    has(digest_of("The talks will resume next month, the ministry said in a statement.\n",
                  "The talks will resume next month in the capital, it appears.\n"),
        "attribution/dropped: ministry said");
    has(digest_of("The bridge will close for repairs in the spring of next year.\n",
                  "The bridge will close for repairs in the spring, Reuters reported.\n"),
        "attribution/added: - -> Reuters reported");
    /* ... and its source is not a name added besides */
    lacks(digest_of("The bridge will close for repairs in the spring of next year.\n",
                    "The bridge will close for repairs in the spring, Reuters reported.\n"),
          "name/");
    has(digest_of("The talks failed after two days, Reuters reported on Sunday.\n",
                  "The talks failed after two days, Bloomberg reported on Sunday.\n"),
        "attribution/changed: Reuters reported -> Bloomberg reported");
    /* false: one reporting verb for another, the same source said two ways */
    lacks(digest_of("The talks will resume soon, the minister said to reporters.\n",
                    "The talks will resume soon, the minister told reporters.\n"),
          "attribution");
    lacks(digest_of("Prices will rise, said Intelligence Director Avril Haines on Monday.\n",
                    "Prices will rise, Avril Haines said on Monday.\n"),
          "attribution");
    /* a source of short words ("Dr", "US") is the same source */
    lacks(digest_of("Prices will rise sharply this year, Dr Li said.\n",
                    "Prices will rise quickly this year, Dr Li said.\n"),
          "attribution");
    /* a moved sentence the same word for word says nothing */
    lacks(digest_of("Prices will rise, Dr Li said.\nThe port is shut.\nShips wait offshore.\n",
                    "The port is shut.\nShips wait offshore.\nPrices will rise, Dr Li said.\n"),
          "attribution");
}

/* ---- pairs passed over -------------------------------------------------------------------- */

/* A pair whose marked words are all common words is not built (digest.c's
 * marks_matter): the marks that look common but make an item must still
 * build it. */
static void test_marks_that_matter(void **state)
{
    (void)state;
    /* a source at the start of the sentence, before its verb */
    has(digest_of("Reuters reported the talks had failed after two days of meetings.\n",
                  "Bloomberg reported the talks had failed after two days of meetings.\n"),
        "attribution/changed: Reuters reported -> Bloomberg reported");
    /* a qualifier alone, before a number */
    has(digest_of("The storm killed nearly 300 people in the coastal towns of the region.\n",
                  "The storm killed about 300 people in the coastal towns of the region.\n"),
        "number/changed: nearly 300 -> about 300");
    /* a capitalised date first in its sentence, and its possessive */
    has(digest_of("Monday was the day the vote took place in the old hall of the city.\n",
                  "Tuesday was the day the vote took place in the old hall of the city.\n"),
        "number/changed: Monday -> Tuesday");
    has(digest_of("Monday's vote will take place in the capital's old hall as planned.\n",
                  "Tuesday's vote will take place in the capital's old hall as planned.\n"),
        "number/changed: Monday's -> Tuesday's");
    /* ... and a possessive is the same date */
    lacks(digest_of("Monday's vote will take place in the capital's old hall as planned.\n",
                    "The vote on Monday will take place in the capital's old hall as planned.\n"),
          "number");
    /* after a dotted acronym the next word is a name, not a sentence's first */
    has(digest_of("U.S. Army units will hold the drill in the spring as planned.\n",
                  "U.S. Navy units will hold the drill in the spring as planned.\n"),
        "name/changed: Army -> Navy");
    /* words put between "according" and "to" */
    has(digest_of("According to the ministry, the border will stay shut all week.\n",
                  "According with some to the ministry, the border will stay shut all week.\n"),
        "attribution/dropped");
    /* a number word first in its sentence */
    has(digest_of("Two ships were seized off the coast by the navy on Friday night.\n",
                  "Three ships were seized off the coast by the navy on Friday night.\n"),
        "number/changed: Two -> Three");
    /* false: a qualifier that qualifies no number, a common word first */
    lacks(digest_of("The talks went on for more days than planned in the old hall.\n",
                    "The talks went on for some days than planned in the old hall.\n"),
          "number");
    lacks(digest_of("Then the talks went on in the old hall of the palace all week.\n",
                    "Later the talks went on in the old hall of the palace all week.\n"),
          "name");
}

/* ---- negations and hedges -------------------------------------------------------------------- */

static void test_negation(void **state)
{
    (void)state;
    has(digest_of("The minister did not confirm the deal with the union on Friday.\n",
                  "The minister did confirm the deal with the union on Friday.\n"),
        "negation/dropped: not confirm");
    has(digest_of("The suspect fled the city before the police arrived at dawn.\n",
                  "The suspect allegedly fled the city before the police arrived at dawn.\n"),
        "negation/added: - -> allegedly fled");
    has(digest_of("The new rules may apply to every school in the district next year.\n",
                  "The new rules apply to every school in the district next year.\n"),
        "negation/dropped: may apply");
    /* false: a clause cut with its negation, "would" as a tense, a negation
     * kept while the words around it change */
    lacks(digest_of("She did not elaborate, but the plan was a warning to the rebels.\n",
                    "The plan was a warning to the rebels, officials said.\n"),
          "negation");
    lacks(digest_of("The paper reported that the leader would visit the region soon.\n",
                    "The paper reported that the leader will visit the region soon.\n"),
          "negation");
    lacks(digest_of("The mayor did not sign the contract with the builders this week.\n",
                    "The mayor has not signed the contract with the builders yet.\n"),
          "negation");
}

/* ---- sentences cut and added, the summary ------------------------------------------------------ */

static void test_cut_added(void **state)
{
    (void)state;
    const char *a = "The council met on Monday to debate the budget for the year.\n"
                    "Members argued for hours. The vote was close in the end.\n"
                    "The mayor thanked the staff for their work on the plan.\n";
    const char *b = "The council met on Monday to debate the budget for the year.\n"
                    "The mayor thanked the staff for their work on the plan.\n"
                    "A new vote is due in May.\n";
    const char *got = digest_of(a, b);
    has(got, "cut/paragraph: Members argued for hours. -> -");
    has(got, "added/changed: - -> A new vote is due in May.");
    /* the summary counts sentences */
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *da, *db;
    struct doc_opts o = {.text = false};
    assert_int_equal(doc_from_memory(ctx, "a", a, strlen(a), &o, &da), WD_OK);
    assert_int_equal(doc_from_memory(ctx, "b", b, strlen(b), &o, &db), WD_OK);
    doc_ctx_seal(ctx);
    struct alignment *al = align_docs(da, db, ctx, NULL);
    struct digest *d = digest_new(al, NULL);
    char sum[256];
    digest_summary(d, sum, sizeof sum);
    assert_string_equal(sum, "2 sentences cut, 1 added");
    assert_int_equal(digest_count(d, DG_CUT), 1);
    size_t n;
    const struct digest_item *it = digest_items(d, &n);
    char line[256];
    digest_item_text(&it[0], line, sizeof line);
    assert_string_equal(line, "paragraph cut (2 sentences): Members argued for hours.");
    digest_free(d);
    align_free(al);
    doc_free(da);
    doc_free(db);
    doc_ctx_free(ctx);
    /* identical texts: nothing */
    assert_string_equal(digest_of(a, a), "");
}

/* digest_new_until: with its flag down, the digest digest_new makes; with
 * it up (the reader quitting before the digest it started is done), NULL,
 * whether the rows fit one slice or many. */
static void test_until(void **state)
{
    (void)state;
    for (int big = 0; big < 2; big++) {
        char *a = NULL, *b = NULL;
        size_t alen = 0, blen = 0;
        FILE *fa = open_memstream(&a, &alen), *fb = open_memstream(&b, &blen);
        int n = big ? 20000 : 3;
        for (int i = 0; i < n; i++) {
            fprintf(fa, "Officials said %d people were hurt in town %d on Monday.\n", i % 90, i);
            fprintf(fb, "Officials said %d people were hurt in town %d on Monday.\n",
                    i % 7 ? i % 90 : i % 90 + 1, i);
        }
        fclose(fa);
        fclose(fb);
        struct doc_ctx *ctx = doc_ctx_new();
        struct doc *da, *db;
        struct doc_opts o = {.text = false};
        assert_int_equal(doc_from_memory(ctx, "a", a, alen, &o, &da), WD_OK);
        assert_int_equal(doc_from_memory(ctx, "b", b, blen, &o, &db), WD_OK);
        doc_ctx_seal(ctx);
        struct alignment *al = align_docs(da, db, ctx, NULL);
        atomic_bool stop;
        atomic_init(&stop, false);
        struct digest *d = digest_new(al, NULL), *u = digest_new_until(al, NULL, &stop);
        assert_non_null(u);
        size_t nd, nu;
        const struct digest_item *id = digest_items(d, &nd), *iu = digest_items(u, &nu);
        assert_int_equal(nd, nu);
        assert_int_equal(digest_count(d, DG_NUMBER), (size_t)(n + 6) / 7);
        for (size_t i = 0; i < nd; i++) {
            assert_int_equal(id[i].kind, iu[i].kind);
            assert_string_equal(id[i].after, iu[i].after);
        }
        atomic_store(&stop, true);
        assert_null(digest_new_until(al, NULL, &stop));
        digest_free(d);
        digest_free(u);
        align_free(al);
        doc_free(da);
        doc_free(db);
        doc_ctx_free(ctx);
        free(a);
        free(b);
    }
}

/* Lines that are not the story's text cut or added are no item: an ad
 * prompt, a caption with its credit, a byline, a dateline line; a story
 * sentence among them still is, and an ad between two cut sentences makes
 * two runs. */
static void test_junk_not_cut(void **state)
{
    (void)state;
    const char *a = "Ferry fares rise in spring\n"
                    "By Ann Writer and Li Wei\n"
                    "LAKEVIEW (Valley Wire) -\n"
                    "The ferry company raised its fares for the spring season on Monday.\n"
                    "Article continues below advertisement\n"
                    "A ferry leaves the north pier at dawn. (Valley Photo/R. Osei)\n"
                    "Commuters said the rise would cost them dearly each month.\n"
                    "Drivers will pay more than walkers on every crossing.\n"
                    "Article continues below advertisement\n"
                    "The company blamed the price of fuel for the rise.\n";
    const char *b = "Ferry fares rise in spring\n"
                    "The ferry company raised its fares for the spring season on Monday.\n"
                    "The company blamed the price of fuel for the rise.\n"
                    "Sign up for our morning newsletter\n";
    const char *got = digest_of(a, b);
    lacks(got, "advertisement");
    lacks(got, "Valley Photo");
    lacks(got, "Ann Writer");
    lacks(got, "LAKEVIEW");
    lacks(got, "newsletter");
    has(got, "cut/paragraph: Commuters said the rise would cost them dearly each month. -> -");
    /* only junk cut: nothing */
    assert_string_equal(digest_of("Ferry fares rise in spring\n"
                                  "The ferry company raised its fares on Monday.\n"
                                  "Article continues below advertisement\n"
                                  "The company blamed the price of fuel.\n",
                                  "Ferry fares rise in spring\n"
                                  "The ferry company raised its fares on Monday.\n"
                                  "The company blamed the price of fuel.\n"),
                        "");
    /* an ad between two cut story sentences: two runs, two items */
    got = digest_of("The ferry company raised its fares on Monday.\n"
                    "Commuters said the rise would cost them dearly.\n"
                    "Article continues below advertisement\n"
                    "Drivers will pay more than walkers on every crossing.\n"
                    "The company blamed the price of fuel.\n",
                    "The ferry company raised its fares on Monday.\n"
                    "The company blamed the price of fuel.\n");
    has(got, "cut/changed: Commuters said the rise would cost them dearly. -> -");
    has(got, "cut/changed: Drivers will pay more than walkers on every crossing. -> -");
}

/* Each word list is in strict strcmp order (they are searched by halves). */
static void test_lists_sorted(void **state)
{
    (void)state;
    const struct digest_lang *L = digest_lang_default();
    assert_non_null(L);
    assert_ptr_equal(digest_lang_get("en-GB"), L);
    assert_null(digest_lang_get("xx"));
    const struct {
        const char *const *w;
        size_t n;
    } lists[] = {{L->speech, L->nspeech},     {L->neutral, L->nneutral},
                 {L->negation, L->nnegation}, {L->hedge, L->nhedge},
                 {L->aux, L->naux},           {L->qualifier, L->nqualifier},
                 {L->number_words, L->nnumber_words}, {L->dates, L->ndates},
                 {L->function_words, L->nfunction_words}};
    for (size_t k = 0; k < WD_ARRAY_LEN(lists); k++)
        for (size_t i = 1; i < lists[k].n; i++)
            if (strcmp(lists[k].w[i - 1], lists[k].w[i]) >= 0)
                fail_msg("list %zu: '%s' before '%s'", k, lists[k].w[i - 1], lists[k].w[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quotation),   cmocka_unit_test(test_number),
        cmocka_unit_test(test_name),        cmocka_unit_test(test_attribution),
        cmocka_unit_test(test_marks_that_matter),
        cmocka_unit_test(test_negation),    cmocka_unit_test(test_cut_added),
        cmocka_unit_test(test_junk_not_cut), cmocka_unit_test(test_until),
        cmocka_unit_test(test_lists_sorted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
