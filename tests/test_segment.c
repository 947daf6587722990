/* test_segment.c - unit tests for sentence segmentation (seg_sentences) and
 * word tokens (seg_words) in src/segment.c: abbreviations, numbers,
 * ellipses, quotations, line breaks, CJK stops, and a coverage property
 * over pseudo-random input. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "segment.h"
#include "text.h"
#include "util.h"

/* ---- helpers ----------------------------------------------------------- */

/* Spans produced by one call, owned by the caller (free with spans_free). */
struct spans {
    struct seg_span *v;
    size_t n, cap;
};

static void spans_free(struct spans *sp)
{
    free(sp->v);
    sp->v = NULL;
    sp->n = sp->cap = 0;
}

/* Segment s[from..len) and return the sentences as NUL-terminated strings
 * (a NULL-terminated array; free with strv_free).  *flags, when not NULL,
 * receives a malloc'd array of the SENT_* flags. */
static char **split_sentences(const char *s, size_t len, size_t from, size_t *n, uint32_t **flags)
{
    struct spans sp = {0};
    seg_sentences(s, len, from, &sp.v, &sp.n, &sp.cap);
    char **v = xcalloc(sp.n + 1, sizeof *v);
    if (flags) *flags = xcalloc(sp.n + 1, sizeof **flags);
    for (size_t i = 0; i < sp.n; i++) {
        assert_true(sp.v[i].start < sp.v[i].end);
        assert_true(sp.v[i].end <= len);
        v[i] = xstrndup(s + sp.v[i].start, sp.v[i].end - sp.v[i].start);
        if (flags) (*flags)[i] = sp.v[i].flags;
    }
    *n = sp.n;
    spans_free(&sp);
    return v;
}

/* Tokens of s[0..len) as strings, like split_sentences. */
static char **split_words(const char *s, size_t len, size_t *n, uint32_t **flags)
{
    struct spans sp = {0};
    seg_words(s, 0, len, &sp.v, &sp.n, &sp.cap);
    char **v = xcalloc(sp.n + 1, sizeof *v);
    *flags = xcalloc(sp.n + 1, sizeof **flags);
    for (size_t i = 0; i < sp.n; i++) {
        assert_true(sp.v[i].start < sp.v[i].end);
        assert_true(sp.v[i].end <= len);
        v[i] = xstrndup(s + sp.v[i].start, sp.v[i].end - sp.v[i].start);
        (*flags)[i] = sp.v[i].flags;
    }
    *n = sp.n;
    spans_free(&sp);
    return v;
}

static void strv_free(char **v)
{
    if (!v) return;
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

static size_t strv_len(const char *const *v)
{
    size_t n = 0;
    while (v[n])
        n++;
    return n;
}

static void print_strv(const char *label, const char *const *v, size_t n)
{
    print_error("  %s (%zu):\n", label, n);
    for (size_t i = 0; i < n; i++)
        print_error("    [%zu] \"%s\"\n", i, v[i]);
}

/* Compare got[0..ngot) with the NULL-terminated want; on mismatch print
 * both lists and return false (the caller frees and fails). */
static bool same_strv(const char *input, char **got, size_t ngot, const char *const *want)
{
    size_t nwant = strv_len(want);
    bool same = ngot == nwant;
    for (size_t i = 0; same && i < ngot; i++)
        same = strcmp(got[i], want[i]) == 0;
    if (!same) {
        print_error("input \"%s\":\n", input);
        print_strv("got", (const char *const *)got, ngot);
        print_strv("want", want, nwant);
    }
    return same;
}

/* Assert that s[from..len) splits into exactly the sentences in want
 * (NULL-terminated) and, when want_flags is not NULL, with those flags. */
static void check_sents(const char *s, size_t len, size_t from, const char *const *want,
                        const uint32_t *want_flags)
{
    size_t n;
    uint32_t *flags = NULL;
    char **got = split_sentences(s, len, from, &n, &flags);
    bool ok = same_strv(s, got, n, want);
    if (ok && want_flags) {
        for (size_t i = 0; i < n; i++) {
            if (flags[i] != want_flags[i]) {
                print_error("input \"%s\": sentence %zu \"%s\" has flags %u, want %u\n", s, i,
                            got[i], flags[i], want_flags[i]);
                ok = false;
            }
        }
    }
    free(flags);
    strv_free(got);
    if (!ok) fail();
}

#define SENTS(lit, ...)                                                                            \
    check_sents((lit), sizeof(lit) - 1, 0, (const char *const[]){__VA_ARGS__, NULL}, NULL)
#define NO_SENTS(lit) check_sents((lit), sizeof(lit) - 1, 0, (const char *const[]){NULL}, NULL)

/* Assert the tokens of s and, when want_flags is not NULL, their flags. */
static void check_words(const char *s, size_t len, const char *const *want,
                        const uint32_t *want_flags)
{
    size_t n;
    uint32_t *flags = NULL;
    char **got = split_words(s, len, &n, &flags);
    bool ok = same_strv(s, got, n, want);
    if (ok && want_flags) {
        for (size_t i = 0; i < n; i++) {
            if (flags[i] != want_flags[i]) {
                print_error("input \"%s\": token %zu \"%s\" has flags %u, want %u\n", s, i, got[i],
                            flags[i], want_flags[i]);
                ok = false;
            }
        }
    }
    free(flags);
    strv_free(got);
    if (!ok) fail();
}

#define WORDS(lit, ...)                                                                            \
    check_words((lit), sizeof(lit) - 1, (const char *const[]){__VA_ARGS__, NULL}, NULL)
#define WORDS_FLAGS(lit, flags, ...)                                                               \
    check_words((lit), sizeof(lit) - 1, (const char *const[]){__VA_ARGS__, NULL}, (flags))

/* ---- sentences: abbreviations ----------------------------------------- */

static void test_abbrev_acronyms(void **state)
{
    (void)state;
    SENTS("The U.S. Deputy Secretary met the U.N. envoy. He left.",
          "The U.S. Deputy Secretary met the U.N. envoy.", "He left.");
    /* A dotted acronym closes the sentence before a clause opener. */
    SENTS("Troops left the U.S. The talks ended.", "Troops left the U.S.", "The talks ended.");
}

static void test_abbrev_titles(void **state)
{
    (void)state;
    SENTS("Dr. Uk Yang spoke. Then Sept. 13 came.", "Dr. Uk Yang spoke.", "Then Sept. 13 came.");
    SENTS("Gen. Kim said so.", "Gen. Kim said so.");
    /* A title never ends a sentence, even before a clause opener. */
    SENTS("He met Gen. The Kims left.", "He met Gen. The Kims left.");
}

static void test_abbrev_company(void **state)
{
    (void)state;
    SENTS("Apple Inc. said so.", "Apple Inc. said so.");
    SENTS("He works at Apple Inc. The firm said no.", "He works at Apple Inc.",
          "The firm said no.");
    /* Not followed by a clause opener: stays one sentence. */
    SENTS("Apple Inc. Chief Tim Cook spoke.", "Apple Inc. Chief Tim Cook spoke.");
}

static void test_abbrev_initials(void **state)
{
    (void)state;
    SENTS("John F. Kennedy was shot. It was 1963.", "John F. Kennedy was shot.", "It was 1963.");
    SENTS("J. K. Rowling wrote it.", "J. K. Rowling wrote it.");
    /* An upper-case word that is not an abbreviation ends normally. */
    SENTS("He met KIM. Then he left.", "He met KIM.", "Then he left.");
}

/* Ordinary words that are also on the title list ("no" for "No. 5",
 * "art" for "Art. 3") must still end a sentence before a capitalised
 * clause. */
static void test_abbrev_title_words(void **state)
{
    (void)state;
    SENTS("He said no. The talks ended.", "He said no.", "The talks ended.");
    SENTS("They studied art. The museum closed.", "They studied art.", "The museum closed.");
}

/* The clause opener after an abbreviation may carry a curly apostrophe,
 * as the straight one already works. */
static void test_abbrev_opener_apostrophe(void **state)
{
    (void)state;
    SENTS("He joined Apple Inc. It's big.", "He joined Apple Inc.", "It's big.");
    SENTS("He joined Apple Inc. It\xE2\x80\x99s big.", "He joined Apple Inc.",
          "It\xE2\x80\x99s big.");
}

/* The word lists are searched by halves (segment.c in_list): their first
 * and last entries, and words that sort around them, must be found or
 * not as listed. */
static void test_abbrev_list_ends(void **state)
{
    (void)state;
    /* titles: adm .. vs, and e.g with its dot */
    SENTS("He met Adm. Smith.", "He met Adm. Smith.");
    SENTS("He chose VS. The end.", "He chose VS. The end.");
    SENTS("Take fruit, e.g. Apples.", "Take fruit, e.g. Apples.");
    SENTS("He met Ad. Smith.", "He met Ad.", "Smith.");
    SENTS("He met Vz. Smith.", "He met Vz.", "Smith.");
    /* abbreviations: al .. yrs, ending a sentence only before an opener */
    SENTS("Smith et al. Found it.", "Smith et al. Found it.");
    SENTS("Smith et al. You found it.", "Smith et al.", "You found it.");
    SENTS("It took 5 yrs. Done.", "It took 5 yrs. Done.");
    SENTS("It took 5 yrs. A pity.", "It took 5 yrs.", "A pity.");
    SENTS("It took 5 yrz. Done.", "It took 5 yrz.", "Done.");
    /* openers: a .. you, and words just past them */
    SENTS("See Fig. Youth wins.", "See Fig. Youth wins.");
    SENTS("See Fig. Aa wins.", "See Fig. Aa wins.");
    SENTS("See Fig. Officials win.", "See Fig.", "Officials win.");
}

/* State and province abbreviations after a place name, in datelines and
 * in text; the words among them ("ill") stay words elsewhere. */
static void test_abbrev_places(void **state)
{
    (void)state;
    SENTS("KINGSPORT, Tenn. (AP) \xE2\x80\x94 Crews cleared the road on Monday.",
          "KINGSPORT, Tenn. (AP) \xE2\x80\x94 Crews cleared the road on Monday.");
    SENTS("ELKINS, W.Va. (AP) \xE2\x80\x94 Floodwater rose overnight.",
          "ELKINS, W.Va. (AP) \xE2\x80\x94 Floodwater rose overnight.");
    SENTS("MONCTON, N.B. (CP) \xE2\x80\x94 The ferry ran again.",
          "MONCTON, N.B. (CP) \xE2\x80\x94 The ferry ran again.");
    SENTS("The mill in Racine, Wis. Mayor Ortiz opened it.",
          "The mill in Racine, Wis. Mayor Ortiz opened it.");
    SENTS("They drove from Albany, N.Y. to Erie.", "They drove from Albany, N.Y. to Erie.");
    SENTS("SAN MATEO, Calif. (AP) \xE2\x80\x94 The bridge reopened.",
          "SAN MATEO, Calif. (AP) \xE2\x80\x94 The bridge reopened.");
    SENTS("They flew from Fresno, Calif. to Reno.", "They flew from Fresno, Calif. to Reno.");
    /* before a clause opener the state ends the sentence, as U.S. does */
    SENTS("She grew up in Eugene, Ore. Her brother stayed.", "She grew up in Eugene, Ore.",
          "Her brother stayed.");
    /* not after a place name: an ordinary word */
    SENTS("He felt ill. Doctors came.", "He felt ill.", "Doctors came.");
    SENTS("Kids like to play. Pa. Dutch is spoken.", "Kids like to play.", "Pa.",
          "Dutch is spoken.");
}

/* An initial after a no-break space or a slash (a photo credit) is an
 * initial too. */
static void test_abbrev_initial_after_nbsp_slash(void **state)
{
    (void)state;
    SENTS("The band and its singer\xC2\xA0T. Ramos toured.",
          "The band and its singer\xC2\xA0T. Ramos toured.");
    SENTS("(Staff Photo/D. Lindqvist)", "(Staff Photo/D. Lindqvist)");
    /* a word after a slash is no initial */
    SENTS("It ran on and/or. Then it stopped.", "It ran on and/or.", "Then it stopped.");
}

/* A parenthesis after a stop starts a sentence only when it holds one:
 * a photo credit or an aside stays with the sentence before it. */
static void test_paren_after_stop(void **state)
{
    (void)state;
    SENTS("Crews work near the dam on Tuesday. (AP Photo/K. Brandt, File)",
          "Crews work near the dam on Tuesday. (AP Photo/K. Brandt, File)");
    SENTS("The vote failed. (It passed a year later.) Nobody spoke.", "The vote failed.",
          "(It passed a year later.)", "Nobody spoke.");
    SENTS("The deal closed. (Reporting by L. Moss; Editing by P. Hart)",
          "The deal closed. (Reporting by L. Moss; Editing by P. Hart)");
    /* never closed on its line: a sentence, as before */
    SENTS("It ended. (Or so it seemed", "It ended.", "(Or so it seemed");
}

/* After a stop, opening quotes or brackets and then a lower-case word
 * continue the sentence, after an ellipsis above all. */
static void test_stop_then_quoted_lowercase(void **state)
{
    (void)state;
    SENTS("She hesitated\xE2\x80\xA6 \xE2\x80\x9C"
          "and yet\xE2\x80\x9D it moved.",
          "She hesitated\xE2\x80\xA6 \xE2\x80\x9C"
          "and yet\xE2\x80\x9D it moved.");
    SENTS("The plan was\xE2\x80\xA6 (mostly) ready.", "The plan was\xE2\x80\xA6 (mostly) ready.");
    SENTS("It was\xE2\x80\xA6 \xE2\x80\x98maybe\xE2\x80\x99 fine.",
          "It was\xE2\x80\xA6 \xE2\x80\x98maybe\xE2\x80\x99 fine.");
    /* a capital after the quote still starts a sentence */
    SENTS("He stopped\xE2\x80\xA6 \xE2\x80\x9CRun,\xE2\x80\x9D she said.", "He stopped\xE2\x80\xA6",
          "\xE2\x80\x9CRun,\xE2\x80\x9D she said.");
}

/* A quotation that ends in ? or ! keeps its attribution: a name and a
 * verb of saying. */
static void test_attribution_after_question(void **state)
{
    (void)state;
    SENTS("\xE2\x80\x9CWho opened the gate?\xE2\x80\x9D Marlow asked. Nobody knew.",
          "\xE2\x80\x9CWho opened the gate?\xE2\x80\x9D Marlow asked.", "Nobody knew.");
    SENTS("\"Run!\" Officer T. Vance shouted, and they ran.",
          "\"Run!\" Officer T. Vance shouted, and they ran.");
    SENTS("\xE2\x80\x9CWhy not?\xE2\x80\x9D He said it twice.",
          "\xE2\x80\x9CWhy not?\xE2\x80\x9D He said it twice.");
    /* no verb of saying: a new sentence */
    SENTS("\xE2\x80\x9CIs it over?\xE2\x80\x9D She nodded.", "\xE2\x80\x9CIs it over?\xE2\x80\x9D",
          "She nodded.");
    /* after a period the quotation is a sentence of its own */
    SENTS("\xE2\x80\x9CIt is over.\xE2\x80\x9D Marlow said nothing more.",
          "\xE2\x80\x9CIt is over.\xE2\x80\x9D", "Marlow said nothing more.");
}

/* ---- sentences: numbers and ellipses ----------------------------------- */

static void test_numbers(void **state)
{
    (void)state;
    SENTS("Growth was 3.5 percent. It fell.", "Growth was 3.5 percent.", "It fell.");
    SENTS("It cost $1,000. Then more.", "It cost $1,000.", "Then more.");
    SENTS("It grew 3.5. Then it fell.", "It grew 3.5.", "Then it fell.");
    /* No space after the period: a domain, not a stop. */
    SENTS("Read Benzinga.com for more.", "Read Benzinga.com for more.");
}

static void test_ellipses(void **state)
{
    (void)state;
    SENTS("He paused\xE2\x80\xA6 then spoke.", "He paused\xE2\x80\xA6 then spoke.");
    SENTS("He paused... Then he spoke.", "He paused...", "Then he spoke.");
    SENTS("He paused\xE2\x80\xA6 Then he spoke.", "He paused\xE2\x80\xA6", "Then he spoke.");
    SENTS("potentially\xE2\x80\xA6 depending on the type\xE2\x80\xA6 violate",
          "potentially\xE2\x80\xA6 depending on the type\xE2\x80\xA6 violate");
}

/* ---- sentences: quotes and brackets ------------------------------------ */

static void test_closers(void **state)
{
    (void)state;
    SENTS("He said \xE2\x80\x9Cyes.\xE2\x80\x9D She said no.",
          "He said \xE2\x80\x9Cyes.\xE2\x80\x9D", "She said no.");
    SENTS("(This is it.) Next one.", "(This is it.)", "Next one.");
    SENTS("He said \"yes.\" She said no.", "He said \"yes.\"", "She said no.");
    SENTS("Really?! Yes.", "Really?!", "Yes.");
}

static void test_quotation_attribution(void **state)
{
    (void)state;
    SENTS("\xE2\x80\x9CHard currency? Is it energy? We don\xE2\x80\x99t know,\xE2\x80\x9D he said. "
          "Next sentence.",
          "\xE2\x80\x9CHard currency? Is it energy? We don\xE2\x80\x99t know,\xE2\x80\x9D he said.",
          "Next sentence.");
    SENTS("\"One. Two. Three,\" she said. Next.", "\"One. Two. Three,\" she said.", "Next.");
    /* The quotation may end with its own stop before the next sentence. */
    SENTS("He said: \xE2\x80\x9COne. Two.\xE2\x80\x9D Then he left.",
          "He said: \xE2\x80\x9COne. Two.\xE2\x80\x9D", "Then he left.");
}

static void test_quote_span_limit(void **state)
{
    (void)state;
    /* An opening quote never closed: after QUOTE_SPAN_MAX (1200) bytes its
     * stops split again, so the text is not one giant sentence. */
    char buf[4096];
    size_t len = 0;
    memcpy(buf, "\xE2\x80\x9C", 3);
    len = 3;
    while (len < 3000) {
        memcpy(buf + len, "Some words here. ", 17);
        len += 17;
    }
    buf[len] = '\0';
    struct spans sp = {0};
    seg_sentences(buf, len, 0, &sp.v, &sp.n, &sp.cap);
    assert_true(sp.n > 1);
    assert_true(sp.v[0].end > 1200);
    assert_true(sp.v[0].end < 1300);
    spans_free(&sp);
}

/* ---- sentences: lines -------------------------------------------------- */

static void test_line_segments(void **state)
{
    (void)state;
    const char *const want[] = {"Headline here", "Body sentence one.",
                                "Body two.",     "Article continues below ad",
                                "Photo: AFP",    NULL};
    /* each line's first sentence SENT_START, its last SENT_END */
    const uint32_t whole = SENT_LINE | SENT_START | SENT_END;
    const uint32_t flags[] = {whole, SENT_START, SENT_END, whole, whole};
    static const char in[] =
        "Headline here\nBody sentence one. Body two.\nArticle continues below ad\nPhoto: AFP";
    check_sents(in, sizeof in - 1, 0, want, flags);

    /* A stop followed by closers is not a SENT_LINE. */
    const char *const want2[] = {"He said \xE2\x80\x9Cyes.\xE2\x80\x9D", "(Reuters)", NULL};
    const uint32_t flags2[] = {SENT_START | SENT_END, whole};
    static const char in2[] = "He said \xE2\x80\x9Cyes.\xE2\x80\x9D\n(Reuters)\n";
    check_sents(in2, sizeof in2 - 1, 0, want2, flags2);
}

static void test_line_breaks(void **state)
{
    (void)state;
    const char *const want[] = {"One", "Two", "Three", "Four", NULL};
    const uint32_t w = SENT_LINE | SENT_START | SENT_END;
    const uint32_t flags[] = {w, w, w, w};
    static const char in[] = "One\r\nTwo\rThree\nFour";
    check_sents(in, sizeof in - 1, 0, want, flags);

    /* A line break ends a sentence even inside a quotation or after an
     * abbreviation; blank lines and indentation produce nothing. */
    SENTS("\xE2\x80\x9COne\n  two.\xE2\x80\x9D\n\n\n", "\xE2\x80\x9COne", "two.\xE2\x80\x9D");
    SENTS("Dr.\r\nWho", "Dr.", "Who");
    /* Unicode line and paragraph separators and NEL. */
    SENTS("a\xE2\x80\xA8"
          "b\xE2\x80\xA9"
          "c\xC2\x85"
          "d",
          "a", "b", "c", "d");
}

static void test_cjk_stops(void **state)
{
    (void)state;
    SENTS("今日は晴れです。明日は雨です！本当？", "今日は晴れです。", "明日は雨です！", "本当？");
    /* A CJK closing bracket stays with its sentence. */
    SENTS("「行く。」彼は言った。", "「行く。」", "彼は言った。");
}

static void test_lowercase_continues(void **state)
{
    (void)state;
    SENTS("Is it? he asked.", "Is it? he asked.");
    SENTS("Wow! said she.", "Wow! said she.");
    SENTS("It rose 5. percent", "It rose 5. percent");
    /* Continuing punctuation after a stop. */
    SENTS("See Vol. 3. , the note.", "See Vol. 3. , the note.");
}

static void test_empty_and_from(void **state)
{
    (void)state;
    NO_SENTS("");
    NO_SENTS("   \t \n\r\n  \r \xC2\xA0 ");

    /* from skips a prefix (the BOM case). */
    static const char bom[] = "\xEF\xBB\xBFHello world. Bye.";
    size_t n;
    uint32_t *flags = NULL;
    char **got = split_sentences(bom, sizeof bom - 1, 3, &n, &flags);
    bool ok = same_strv(bom, got, n, (const char *const[]){"Hello world.", "Bye.", NULL});
    strv_free(got);
    free(flags);
    assert_true(ok);

    struct spans sp = {0};
    seg_sentences(bom, sizeof bom - 1, 3, &sp.v, &sp.n, &sp.cap);
    assert_int_equal(sp.n, 2);
    assert_int_equal(sp.v[0].start, 3);
    spans_free(&sp);

    /* from in the middle of a line. */
    static const char mid[] = "Skip this. Keep this. And this.";
    got = split_sentences(mid, sizeof mid - 1, 11, &n, NULL);
    ok = same_strv(mid, got, n, (const char *const[]){"Keep this.", "And this.", NULL});
    strv_free(got);
    assert_true(ok);

    /* from == len gives nothing. */
    seg_sentences(mid, sizeof mid - 1, sizeof mid - 1, &sp.v, &sp.n, &sp.cap);
    assert_int_equal(sp.n, 0);
    spans_free(&sp);
}

static void test_appends(void **state)
{
    (void)state;
    /* seg_sentences and seg_words append after existing entries. */
    struct spans sp = {0};
    static const char a[] = "One. Two.";
    seg_sentences(a, sizeof a - 1, 0, &sp.v, &sp.n, &sp.cap);
    assert_int_equal(sp.n, 2);
    seg_sentences(a, sizeof a - 1, 0, &sp.v, &sp.n, &sp.cap);
    assert_int_equal(sp.n, 4);
    assert_int_equal(sp.v[2].start, sp.v[0].start);
    assert_int_equal(sp.v[3].end, sp.v[1].end);
    size_t before = sp.n;
    seg_words(a, 0, sizeof a - 1, &sp.v, &sp.n, &sp.cap);
    assert_int_equal(sp.n, before + 4); /* One . Two . */
    assert_int_equal(sp.v[0].start, 0);
    spans_free(&sp);
}

/* ---- sentences: coverage property -------------------------------------- */

static uint64_t rng_next(uint64_t *x)
{
    /* xorshift64* (Vigna 2016), fixed seed: deterministic. */
    *x ^= *x >> 12;
    *x ^= *x << 25;
    *x ^= *x >> 27;
    return *x * 0x2545F4914F6CDD1DULL;
}

/* Check the contract of seg_sentences on s[from..len) and of seg_words on
 * each sentence.  Returns false (after printing) on a violation. */
static bool check_coverage(const char *s, size_t len, size_t from)
{
    /* Classify every byte by the code point that contains it, decoding
     * sequentially from `from` as the segmenter does. */
    unsigned char *space = xcalloc(len + 1, 1);   /* 1 = space byte */
    unsigned char *cpstart = xcalloc(len + 1, 1); /* 1 = code point boundary */
    unsigned char *control = xcalloc(len + 1, 1); /* 1 = C0 control or DEL */
    unsigned char *covered = xcalloc(len + 1, 1);
    for (size_t i = from; i < len;) {
        int32_t cp;
        size_t l = text_decode(s, len, i, &cp);
        cpstart[i] = 1;
        for (size_t k = i; k < i + l; k++) {
            space[k] = text_is_space(cp);
            control[k] = (cp < 0x20 && cp != '\t') || cp == 0x7F;
        }
        i += l;
    }
    cpstart[len] = 1;

    struct spans sp = {0}, ws = {0};
    seg_sentences(s, len, from, &sp.v, &sp.n, &sp.cap);
    bool ok = true;
    const char *why = NULL;
    size_t bad = 0;
    uint32_t prev_end = (uint32_t)from;
    for (size_t i = 0; ok && i < sp.n; i++) {
        struct seg_span v = sp.v[i];
        bad = i;
        if (v.start < prev_end || v.start >= v.end || v.end > len) {
            ok = false, why = "out of order, empty or out of range";
        } else if (!cpstart[v.start] || !cpstart[v.end]) {
            ok = false, why = "not on a code point boundary";
        } else if (space[v.start] || space[v.end - 1]) {
            ok = false, why = "starts or ends on white space";
        } else if (v.flags & ~(uint32_t)SENT_SEG_MASK) {
            ok = false, why = "unexpected flags";
        }
        if (!ok) break;
        for (uint32_t k = v.start; k < v.end; k++)
            covered[k]++;
        prev_end = v.end;

        /* Words: in order, inside the sentence, and every byte that is
         * neither space nor a control is in one token. */
        ws.n = 0;
        seg_words(s, v.start, v.end, &ws.v, &ws.n, &ws.cap);
        uint32_t wprev = v.start;
        unsigned char *wcov = xcalloc(len + 1, 1);
        for (size_t w = 0; ok && w < ws.n; w++) {
            struct seg_span t = ws.v[w];
            if (t.start < wprev || t.start >= t.end || t.end > v.end) {
                ok = false, why = "word out of order or outside its sentence";
            } else if (!cpstart[t.start] || !cpstart[t.end]) {
                ok = false, why = "word not on a code point boundary";
            } else if (space[t.start]) {
                ok = false, why = "word starts with white space";
            }
            for (uint32_t k = t.start; ok && k < t.end; k++)
                wcov[k] = 1;
            wprev = t.end;
        }
        for (uint32_t k = v.start; ok && k < v.end; k++) {
            if (!space[k] && !control[k] && !wcov[k]) {
                ok = false, why = "a non-space byte is in no word";
            }
        }
        free(wcov);
    }
    for (size_t k = from; ok && k < len; k++) {
        if (!space[k] && covered[k] != 1) {
            ok = false, why = "a non-space byte is not covered exactly once";
            bad = k;
        }
        if (space[k] && covered[k] > 1) {
            ok = false, why = "a space byte is covered twice";
            bad = k;
        }
    }
    if (!ok) {
        print_error("coverage: %s (index %zu), from %zu, input (%zu bytes):\n  \"", why, bad, from,
                    len);
        for (size_t k = 0; k < len; k++) {
            unsigned char c = (unsigned char)s[k];
            if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"')
                print_error("%c", c);
            else
                print_error("\\x%02X", c);
        }
        print_error("\"\n");
        for (size_t i = 0; i < sp.n; i++)
            print_error("  span %zu: [%u, %u) flags %u\n", i, sp.v[i].start, sp.v[i].end,
                        sp.v[i].flags);
    }
    spans_free(&ws);
    spans_free(&sp);
    free(space);
    free(cpstart);
    free(control);
    free(covered);
    return ok;
}

/* Random text of up to 60 fragments of the kinds the segmenter treats
 * specially into buf (512 bytes); the fragment boundaries go to bounds
 * (128 entries), their number to *nb.  Returns the length. */
static size_t random_text(uint64_t *x, char *buf, size_t *bounds, size_t *nb)
{
    static const char *const frags[] = {
        "Dr.",
        "U.S.",
        "\xE2\x80\x9C",
        "\xE2\x80\x9D",
        "\"",
        "...",
        "\xE2\x80\xA6",
        "?",
        "!",
        " ",
        "\n",
        "\r\n",
        "\r",
        "word",
        "Word",
        "3.5",
        "\xE3\x80\x82",
        "\xC3\xA9",
        "\xFF",
        "\t",
        "The",
        "(",
        ")",
        ",",
        "'",
        "\xC2\xA0",
        "\xE2\x80\xA8",
        "\xE3\x80\x8D",
        "\xCC\x81",
        "\xE2\x80\x99",
        "-",
        "\xE6\x97\xA5",
        "\xC3",
        "\xE2\x80",
        "Inc.",
        "J.",
    };
    size_t nfrag = (size_t)(rng_next(x) % 60);
    size_t len = 0;
    *nb = 0;
    bounds[(*nb)++] = 0;
    for (size_t f = 0; f < nfrag; f++) {
        const char *fr = frags[rng_next(x) % WD_ARRAY_LEN(frags)];
        size_t fl = strlen(fr);
        memcpy(buf + len, fr, fl);
        len += fl;
        bounds[(*nb)++] = len;
    }
    buf[len] = '\0';
    return len;
}

static void test_coverage_property(void **state)
{
    (void)state;
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    char buf[512];
    size_t bounds[128];
    for (int iter = 0; iter < 600; iter++) {
        size_t nb;
        size_t len = random_text(&x, buf, bounds, &nb);
        /* Mostly from 0; sometimes from a fragment boundary (which may
         * even split a code point: the segmenter must still cope). */
        size_t from = 0;
        if (nb > 1 && rng_next(&x) % 4 == 0) from = bounds[rng_next(&x) % nb];
        if (!check_coverage(buf, len, from))
            fail_msg("coverage property failed at iteration %d", iter);
    }
}

/* Spaces and tabs are the same white space to every sentence rule, but
 * segment_line passes over a space inside a run of plain bytes
 * (sentence_run_stops) and looks at a tab one by one: the same sentences
 * either way show that the runs keep the sentence's end and the previous
 * code point as the byte-by-byte path does. */
static void test_runs_match_bytewise(void **state)
{
    (void)state;
    uint64_t x = 0x2545F4914F6CDD1DULL;
    char buf[512], tabs[512];
    size_t bounds[128];
    for (int iter = 0; iter < 2000; iter++) {
        size_t nb;
        size_t len = random_text(&x, buf, bounds, &nb);
        for (size_t k = 0; k <= len; k++)
            tabs[k] = buf[k] == ' ' ? '\t' : buf[k];
        struct spans a = {0}, b = {0};
        seg_sentences(buf, len, 0, &a.v, &a.n, &a.cap);
        seg_sentences(tabs, len, 0, &b.v, &b.n, &b.cap);
        assert_int_equal(a.n, b.n);
        for (size_t i = 0; i < a.n; i++) {
            assert_int_equal(a.v[i].start, b.v[i].start);
            assert_int_equal(a.v[i].end, b.v[i].end);
            assert_int_equal(a.v[i].flags, b.v[i].flags);
        }
        spans_free(&a);
        spans_free(&b);
    }
}

/* ---- words ------------------------------------------------------------- */

static void test_words_basic(void **state)
{
    (void)state;
    const uint32_t flags[] = {0, 0, WORD_NUM, 0, WORD_PUNCT, WORD_NUM, 0, WORD_PUNCT};
    WORDS_FLAGS("Kim Jong-un's 1,000 troops, 3.5 km.", flags, "Kim", "Jong-un's", "1,000", "troops",
                ",", "3.5", "km", ".");
    WORDS("don't", "don't");
    WORDS("Kim\xE2\x80\x99s", "Kim\xE2\x80\x99s");
    /* Connectors at the edges are punctuation. */
    WORDS("'tis -ok- rock'", "'", "tis", "-", "ok", "-", "rock", "'");
    /* Each punctuation character is its own token. */
    WORDS("Hi!?\xE2\x80\x94yes", "Hi", "!", "?", "\xE2\x80\x94", "yes");
    WORDS("", NULL);
    WORDS("  \t ", NULL);
}

static void test_words_dotted(void **state)
{
    (void)state;
    WORDS("U.S.", "U.S.");
    WORDS("the U.S. said", "the", "U.S.", "said");
    WORDS("U.S.-led", "U.S.", "-", "led");
    WORDS("at 9 a.m. today", "at", "9", "a.m.", "today");
    WORDS("Benzinga.com.", "Benzinga.com", ".");
    WORDS("was 1,000.", "was", "1,000", ".");
    WORDS("grew 3.25.", "grew", "3.25", ".");
}

/* A decimal with one digit after the point at the end of a sentence: the
 * stop must be its own token, as after "3.25." (the dotted-acronym rule
 * "U.S." must not take it). */
static void test_words_decimal_at_stop(void **state)
{
    (void)state;
    const uint32_t flags[] = {0, 0, WORD_NUM, WORD_PUNCT};
    WORDS_FLAGS("It grew 3.5.", flags, "It", "grew", "3.5", ".");
}

static void test_words_cjk(void **state)
{
    (void)state;
    const uint32_t flags[] = {WORD_CJK, WORD_CJK, WORD_CJK, WORD_CJK, WORD_CJK, WORD_CJK, WORD_CJK};
    WORDS_FLAGS("日本語テキスト", flags, "日", "本", "語", "テ", "キ", "ス", "ト");
    const uint32_t flags2[] = {WORD_CJK, WORD_CJK, WORD_PUNCT};
    WORDS_FLAGS("東京。", flags2, "東", "京", "。");
    /* Hangul is a script of words, not one token per syllable. */
    WORDS("서울 시장", "서울", "시장");
}

static void test_words_clusters(void **state)
{
    (void)state;
    /* Woman technologist: U+1F469 ZWJ U+1F4BB, one token. */
    const uint32_t flags[] = {0, WORD_PUNCT, 0};
    WORDS_FLAGS("a \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB b", flags, "a",
                "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", "b");
    /* café with e + U+0301 COMBINING ACUTE ACCENT. */
    WORDS("caf"
          "e\xCC\x81 noir",
          "cafe\xCC\x81", "noir");
    /* Precomposed é too. */
    WORDS("caf\xC3\xA9", "caf\xC3\xA9");
    /* An invalid byte is letter-like: it stays inside the word. */
    WORDS("ab\xFF"
          "cd ef",
          "ab\xFF"
          "cd",
          "ef");
}

/* Lookups halve the lists: an entry out of order would silently be
 * missed. */
static void test_word_lists_sorted(void **state)
{
    (void)state;
    int lists = 0;
    size_t n;
    for (const char *const *l; (l = seg_word_list(lists, &n)) != NULL; lists++) {
        assert_true(n > 0);
        for (size_t i = 0; i < n; i++) {
            for (const char *c = l[i]; *c; c++)
                assert_false(*c >= 'A' && *c <= 'Z');
            if (i) assert_true(strcmp(l[i - 1], l[i]) < 0);
        }
    }
    assert_int_equal(lists, 5);
}

/* The fast paths for lone ASCII punctuation and for the punctuation of
 * U+2010..U+2027 and U+2030..U+205E change no token: on random
 * text (ASCII of every kind, controls, combining marks that join a
 * punctuation mark, CJK, curly quotes, invalid and truncated UTF-8), over
 * random ranges, seg_words gives what seg_words_general gives, and
 * seg_word_next one token at a time gives the same again. */
static void test_words_fast_path(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "\xC3\xA9",     /* é */
        "\xCC\x81",     /* combining acute */
        "\xE2\x83\x9D", /* combining enclosing circle */
        "\xE2\x80\x99", /* ’ */
        "\xE2\x80\x9C", /* “ */
        "\xE2\x80\x94", /* em dash */
        "\xE2\x80\xA6", /* … */
        /* the ends of next_token's ranges of general punctuation, and
         * what lies beside them: RLM, U+2010, U+2027, LINE SEPARATOR,
         * NARROW NBSP, U+2030, U+203F (a connector), U+205E, MEDIUM
         * MATHEMATICAL SPACE, WORD JOINER */
        "\xE2\x80\x8F",
        "\xE2\x80\x90",
        "\xE2\x80\xA7",
        "\xE2\x80\xA8",
        "\xE2\x80\xAF",
        "\xE2\x80\xB0",
        "\xE2\x80\xBF",
        "\xE2\x81\x9E",
        "\xE2\x81\x9F",
        "\xE2\x81\xA0",
        "\xE6\x97\xA5",                 /* 日 */
        "\xE3\x82\xA2",                 /* ア */
        "\xEC\x84\x9C",                 /* 서 */
        "\xEF\xBC\x8C",                 /* fullwidth comma */
        "\xEF\xBF\xBD",                 /* U+FFFD */
        "\xC2\xA0",                     /* NBSP */
        "\xEF\xB8\x8F",                 /* VS16 */
        "\xF0\x9F\x91\xA9\xE2\x80\x8D", /* woman, ZWJ */
        "\xD9\xA3",                     /* Arabic-Indic digit three */
        /* invalid: a bad lead byte, truncated sequences, a lone
         * continuation byte, a surrogate */
        "\xFF",
        "\xC3",
        "\xE2\x80",
        "\x80",
        "\xED\xA0\x80",
    };
    static const char ascii_often[] = "aZ09 .,;:!?'\"-()`#$%&*+/<=>@[]^_{|}~";
    uint64_t x = 0x243F6A8885A308D3ULL;
    char buf[600];
    struct spans fast = {0}, general = {0};
    for (int iter = 0; iter < 4000; iter++) {
        size_t len = 0, units = (size_t)(rng_next(&x) % 80);
        for (size_t u = 0; u < units && len + 8 < sizeof buf; u++) {
            uint64_t r = rng_next(&x) % 16;
            if (r < 8) {
                buf[len++] = ascii_often[rng_next(&x) % (sizeof ascii_often - 1)];
            } else if (r < 11) {
                buf[len++] = (char)(rng_next(&x) % 0x80); /* any ASCII, controls too */
            } else {
                const char *p = pieces[rng_next(&x) % WD_ARRAY_LEN(pieces)];
                memcpy(buf + len, p, strlen(p));
                len += strlen(p);
            }
        }
        size_t start = len ? (size_t)(rng_next(&x) % (len + 1)) : 0;
        size_t end = start + (size_t)(rng_next(&x) % (len - start + 1));
        if (rng_next(&x) % 2) start = 0, end = len;
        fast.n = general.n = 0;
        seg_words(buf, start, end, &fast.v, &fast.n, &fast.cap);
        seg_words_general(buf, start, end, &general.v, &general.n, &general.cap);
        assert_int_equal(fast.n, general.n);
        size_t at = start, k = 0;
        struct seg_span tok;
        while (seg_word_next(buf, &at, end, &tok)) {
            assert_true(k < fast.n);
            assert_int_equal(tok.start, fast.v[k].start);
            assert_int_equal(tok.end, fast.v[k].end);
            assert_int_equal(tok.flags, fast.v[k].flags);
            assert_int_equal(at, tok.end);
            k++;
        }
        assert_int_equal(k, fast.n);
        assert_int_equal(at, end);
        for (k = 0; k < fast.n; k++) {
            assert_int_equal(fast.v[k].start, general.v[k].start);
            assert_int_equal(fast.v[k].end, general.v[k].end);
            assert_int_equal(fast.v[k].flags, general.v[k].flags);
        }
    }
    spans_free(&fast);
    spans_free(&general);
}

static bool is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A word of ASCII letters and digits ends at the first byte that is none
 * (the tokenizer reads eight at a time): runs of 1 to 24 of them, then
 * each byte value and a space, the range cut anywhere from inside the run
 * to past the byte: the first token is the run up to the cut when the
 * byte is ASCII and no letter or digit (a connector before a space joins
 * nothing), and goes on past the run when it is one (or a byte that
 * decodes as U+FFFD). */
static void test_words_alnum_runs(void **state)
{
    (void)state;
    static const char alnum[] = "aZ09kQ5x";
    char buf[64];
    struct spans w = {0};
    for (size_t len = 1; len <= 24; len++)
        for (int c = 1; c < 256; c++) {
            for (size_t k = 0; k < len; k++)
                buf[k] = alnum[(k * 5 + len) % (sizeof alnum - 1)];
            buf[len] = (char)c;
            memcpy(buf + len + 1, " tail", 6);
            for (size_t end = len > 9 ? len - 9 : 1; end <= len + 3; end++) {
                w.n = 0;
                seg_words(buf, 0, end, &w.v, &w.n, &w.cap);
                assert_true(w.n > 0);
                assert_int_equal(w.v[0].start, 0);
                if (end <= len || (c < 0x80 && !is_ascii_alnum((char)c)))
                    assert_int_equal(w.v[0].end, WD_MIN(end, len)); /* a space follows c */
                else
                    assert_true(w.v[0].end >= len + 1); /* a letter, U+FFFD */
            }
        }
    spans_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_alnum_runs),
        cmocka_unit_test(test_abbrev_acronyms),
        cmocka_unit_test(test_abbrev_titles),
        cmocka_unit_test(test_abbrev_company),
        cmocka_unit_test(test_abbrev_initials),
        cmocka_unit_test(test_abbrev_title_words),
        cmocka_unit_test(test_abbrev_opener_apostrophe),
        cmocka_unit_test(test_abbrev_list_ends),
        cmocka_unit_test(test_abbrev_places),
        cmocka_unit_test(test_abbrev_initial_after_nbsp_slash),
        cmocka_unit_test(test_paren_after_stop),
        cmocka_unit_test(test_stop_then_quoted_lowercase),
        cmocka_unit_test(test_attribution_after_question),
        cmocka_unit_test(test_word_lists_sorted),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_ellipses),
        cmocka_unit_test(test_closers),
        cmocka_unit_test(test_quotation_attribution),
        cmocka_unit_test(test_quote_span_limit),
        cmocka_unit_test(test_line_segments),
        cmocka_unit_test(test_line_breaks),
        cmocka_unit_test(test_cjk_stops),
        cmocka_unit_test(test_lowercase_continues),
        cmocka_unit_test(test_empty_and_from),
        cmocka_unit_test(test_appends),
        cmocka_unit_test(test_coverage_property),
        cmocka_unit_test(test_runs_match_bytewise),
        cmocka_unit_test(test_words_basic),
        cmocka_unit_test(test_words_dotted),
        cmocka_unit_test(test_words_decimal_at_stop),
        cmocka_unit_test(test_words_cjk),
        cmocka_unit_test(test_words_clusters),
        cmocka_unit_test(test_words_fast_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
