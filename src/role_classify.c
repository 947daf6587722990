/* role_classify.c - the role of one sentence from its own text
 * (role_int.h): its words counted, links, the copyright sign, the markers
 * of a dateline (role_dateline), a photo credit, a caption's opening and a
 * byline, and what they add up to (role_classify); role.c weighs its
 * neighbours and its place. */
#include "config.h"

#include "role.h"
#include "role_int.h"

#include <string.h>

#include "doc.h"
#include "segment.h"
#include "text.h"
#include "util.h"

/* Sentences longer than this (bytes) are story text whatever their words:
 * the signals below are about lines and short sentences, and reading
 * every word of a long document twice would cost its load. */
#define ROLE_LINE_MAX 400
/* Lines without final punctuation of this many words or fewer are
 * furniture ("Close", "SAVE NOW", "View Comments"), unless they are the
 * headline, a byline or a dateline. */
#define SHORT_WORDS 2
/* ... and of this many words or fewer with a number among them ("Image 1
 * of 3", "Updated 1:45 pm", "0 Shares"). */
#define NUMBERED_WORDS 5
/* A sentence that addresses the reader ("your subscription", "please
 * sign in") of this many words or fewer, alone on its line, is a prompt. */
#define ADDRESS_WORDS 25
/* A line with a web address or an e-mail of this many words or fewer is a
 * link. */
#define LINK_WORDS 8
/* A headline has at least this many words (fewer: "comments", "e-mail")
 * and at most this many. */
#define TITLE_WORDS_MIN 2
#define TITLE_WORDS_MAX 30
/* A byline has at most this many words, of which this many lower-case
 * ("and", "by", "in"). */
#define BYLINE_WORDS 16
#define BYLINE_LOWER 4
/* A photo credit: at most this many words, at most this many lower-case. */
#define CREDIT_WORDS 14
#define CREDIT_LOWER 2
/* Marks of program code (w.code) that make a sentence code, one of them
 * an assignment or a block. */
#define CODE_MARKS 3
/* How far into a sentence a caption's "In this ... photo," is looked for. */
#define CAPTION_LEAD 100

/* ---- words ----------------------------------------------------------------- */

/* Does s[a..b) read w (ASCII, any case)? */
static bool word_is(const char *s, size_t a, size_t b, const char *w)
{
    size_t n = strlen(w);
    if (b - a != n) return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[a + i];
        if (c >= 'A' && c <= 'Z') c = (char)(c | 0x20);
        if (c != w[i]) return false;
    }
    return true;
}

static bool word_in(const char *s, size_t a, size_t b, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (word_is(s, a, b, list[i])) return true;
    return false;
}

/* Words that address the reader: the second person, and "please".  A
 * grammatical class, not a list of prompts.  Each begins with y or p:
 * read_words looks up no other word (a word added here must keep that,
 * or that test must change). */
static const char *const address_words[] = {"you",    "your",   "yours",  "yourself",
                                            "you're", "you've", "you'll", "please"};
/* Words for a picture in a caption's opening ("In this June 4 photo,"). */
static const char *const picture_words[] = {"photo",   "photograph", "image",
                                            "picture", "handout",    "video"};

/* What the words of a sentence say. */
struct words {
    unsigned n;       /* words (tokens with a letter or a digit) */
    unsigned lower;   /* ... starting with a lower-case letter */
    unsigned upper;   /* ... starting with a capital */
    unsigned digits;  /* ... starting with a digit */
    unsigned address; /* words addressing the reader */
    unsigned code;    /* punctuation of program code: = { } _ | $ \ ; (not the < >
                         & of prose and of markup shown as text) */
    unsigned assign;  /* ... of which = { }: an assignment or a block */
    bool letter;      /* any letter at all */
};

static void read_words(const char *s, size_t a, size_t b, struct words *w)
{
    memset(w, 0, sizeof *w);
    size_t at = a;
    struct seg_span t;
    while (seg_word_next(s, &at, b, &t)) {
        unsigned char c0 = (unsigned char)s[t.start];
        bool ascii = c0 < 0x80; /* its classes without a call */
        int32_t cp = c0;
        if (!ascii) text_decode(s, t.end, t.start, &cp);
        if (t.flags & WORD_PUNCT) {
            w->assign += cp == '=' || cp == '{' || cp == '}';
            w->code += cp == '=' || cp == '{' || cp == '}' || cp == '_' || cp == '|' || cp == '$' ||
                       cp == '\\' || cp == ';';
            continue;
        }
        w->n++;
        if (ascii ? (unsigned)c0 - '0' < 10 : text_is_digit(cp)) {
            w->digits++;
        } else {
            w->letter = true;
            w->lower += ascii ? (unsigned)c0 - 'a' < 26 : text_is_lower(cp);
            w->upper += ascii ? (unsigned)c0 - 'A' < 26 : text_is_upper(cp);
        }
        /* every word addressing the reader begins with y or p: the others
         * are not looked up */
        c0 |= 0x20;
        if (c0 == 'y' || c0 == 'p')
            w->address += word_in(s, t.start, t.end, address_words, WD_ARRAY_LEN(address_words));
    }
}

/* story_words' classes of a byte: the ones it looks at, in one table
 * look-up a byte. */
enum {
    SB_LETTER = 1, /* an ASCII letter */
    SB_ASSIGN = 2, /* = { } */
    SB_CODE = 4,   /* = { } _ | $ \ ; */
    SB_PAREN = 8,  /* ( : perhaps "(c)" */
    SB_HIGH = 16,  /* >= 0x80 */
};
#define SB_LETTERS(c)                                                                              \
    [c] = SB_LETTER, [c + 1] = SB_LETTER, [c + 2] = SB_LETTER, [c + 3] = SB_LETTER,                \
    [c + 4] = SB_LETTER, [c + 5] = SB_LETTER, [c + 6] = SB_LETTER, [c + 7] = SB_LETTER
#define SB_HIGH16(c)                                                                               \
    [c] = SB_HIGH, [c + 1] = SB_HIGH, [c + 2] = SB_HIGH, [c + 3] = SB_HIGH, [c + 4] = SB_HIGH,     \
    [c + 5] = SB_HIGH, [c + 6] = SB_HIGH, [c + 7] = SB_HIGH, [c + 8] = SB_HIGH, [c + 9] = SB_HIGH, \
    [c + 10] = SB_HIGH, [c + 11] = SB_HIGH, [c + 12] = SB_HIGH, [c + 13] = SB_HIGH,                \
    [c + 14] = SB_HIGH, [c + 15] = SB_HIGH
static const unsigned char story_class[256] = {
    SB_LETTERS('A'),
    SB_LETTERS('A' + 8),
    SB_LETTERS('A' + 16),
    ['Y'] = SB_LETTER,
    ['Z'] = SB_LETTER,
    SB_LETTERS('a'),
    SB_LETTERS('a' + 8),
    SB_LETTERS('a' + 16),
    ['y'] = SB_LETTER,
    ['z'] = SB_LETTER,
    ['='] = SB_ASSIGN | SB_CODE,
    ['{'] = SB_ASSIGN | SB_CODE,
    ['}'] = SB_ASSIGN | SB_CODE,
    ['_'] = SB_CODE,
    ['|'] = SB_CODE,
    ['$'] = SB_CODE,
    ['\\'] = SB_CODE,
    [';'] = SB_CODE,
    ['('] = SB_PAREN,
    SB_HIGH16(0x80),
    SB_HIGH16(0x90),
    SB_HIGH16(0xA0),
    SB_HIGH16(0xB0),
    SB_HIGH16(0xC0),
    SB_HIGH16(0xD0),
    SB_HIGH16(0xE0),
    SB_HIGH16(0xF0),
};

/* The classes of u[0..8) together. */
static inline unsigned story_class8(const unsigned char *u)
{
    return story_class[u[0]] | story_class[u[1]] | story_class[u[2]] | story_class[u[3]] |
           story_class[u[4]] | story_class[u[5]] | story_class[u[6]] | story_class[u[7]];
}

/* What classify needs of the words of a sentence that is neither a line
 * nor alone on its line, when its text is ASCII: any letter (a word that
 * begins with one), and the punctuation of program code, into w (the
 * other counts stay zero); false, leaving w alone, when read_words must
 * say (a byte >= 0x80, "(c)" whose rule counts the words, or no letter
 * found here).  The same answers as read_words, without tokenizing: in
 * ASCII every byte of = { } _ | $ \ ; is a token of its own (a word holds
 * only letters, digits and the joiners ' - . ,), and a token begins at a
 * letter after the start, white space or punctuation that is no
 * joiner. */
static bool story_words(const char *s, size_t a, size_t b, struct words *w)
{
    const unsigned char *u = (const unsigned char *)s;
    bool letter = false;
    unsigned assign = 0, code = 0;
    for (size_t i = a; i < b; i++) {
        /* after that letter, eight bytes at a time while none of them
         * needs a look (most of the text) */
        while (letter && b - i >= 8 && !(story_class8(u + i) & ~(unsigned)SB_LETTER))
            i += 8;
        if (i == b) break;
        /* until the first letter that begins a word, then only the bytes
         * that are no letter and not skipped */
        unsigned k = story_class[u[i]] & (letter ? ~(unsigned)SB_LETTER : ~0u);
        if (k == 0) continue; /* white space, digits, prose punctuation */
        if (k & SB_LETTER) {
            unsigned char p = i > a ? u[i - 1] : ' ';
            letter = p <= 0x20 || p == 0x7F ||
                     (!((p | 0x20) >= 'a' && (p | 0x20) <= 'z') && !(p >= '0' && p <= '9') &&
                      p != '\'' && p != '-' && p != '.' && p != ',');
            continue;
        }
        if (k & SB_HIGH) return false;
        assign += (k & SB_ASSIGN) != 0;
        code += (k & SB_CODE) != 0;
        if ((k & SB_PAREN) && i + 2 < b && (u[i + 1] | 0x20) == 'c' && u[i + 2] == ')')
            return false;
    }
    if (!letter) return false;
    memset(w, 0, sizeof *w);
    w->letter = true;
    w->assign = assign;
    w->code = code;
    return true;
}

/* A web address or an e-mail in s[a..b): "://", "www.", or an @ between
 * letters. */
static bool has_link(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i + 3 <= b; i++) {
        if (memcmp(s + i, "://", 3) == 0) return true;
        if (i + 4 <= b && word_is(s, i, i + 4, "www.") && (i == a || s[i - 1] == ' ')) return true;
        if (s[i] == '@' && i > a && i + 1 < b && ((unsigned char)s[i - 1] | 0x20) >= 'a' &&
            ((unsigned char)s[i - 1] | 0x20) <= 'z' && ((unsigned char)s[i + 1] | 0x20) >= 'a' &&
            ((unsigned char)s[i + 1] | 0x20) <= 'z')
            return true;
    }
    return false;
}

/* The copyright sign (or "(c)") in s[a..b). */
static bool has_copyright(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i + 2 <= b; i++) {
        if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA9) return true;
        if (i + 3 <= b && s[i] == '(' && (s[i + 1] | 0x20) == 'c' && s[i + 2] == ')') return true;
    }
    return false;
}

/* ---- markers ---------------------------------------------------------------- */

static size_t skip_spaces(const char *s, size_t i, size_t end)
{
    while (i < end) {
        int32_t cp;
        size_t l = text_decode(s, end, i, &cp);
        if (!text_is_space(cp)) break;
        i += l;
    }
    return i;
}

/* A word at s[i]: letters, digits and inner . - ' ; returns its end (i
 * when none).  *caps: all its letters capitals (and two or more);
 * *cap: it starts with one. */
static size_t word_at(const char *s, size_t i, size_t end, bool *cap, bool *caps)
{
    size_t j = i, nletters = 0, nupper = 0;
    *cap = false;
    while (j < end) {
        int32_t cp;
        size_t l = text_decode(s, end, j, &cp);
        bool inner = (cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019) && j > i;
        if (!text_is_alnum(cp) && !inner) break;
        if (j == i) *cap = text_is_upper(cp);
        if (text_is_alnum(cp) && !text_is_digit(cp)) {
            nletters++;
            nupper += text_is_upper(cp);
        }
        j += l;
    }
    *caps = nletters >= 2 && nupper == nletters;
    if (nletters == 1 && nupper == 1 && j > i + 1) *caps = true; /* "N.Y." "U." */
    return j;
}

/* A dash at s[i] (- -- – —) and the white space after it: returns the end,
 * or i when there is none. */
static size_t dash_at(const char *s, size_t i, size_t end)
{
    size_t j = i;
    if (j < end && s[j] == '-') {
        j++;
        if (j < end && s[j] == '-') j++;
    } else if (j + 3 <= end && (unsigned char)s[j] == 0xE2 && (unsigned char)s[j + 1] == 0x80 &&
               ((unsigned char)s[j + 2] == 0x93 || (unsigned char)s[j + 2] == 0x94)) {
        j += 3;
    } else if (j < end && s[j] == ':') {
        j++;
    } else {
        return i;
    }
    size_t k = skip_spaces(s, j, end);
    return k > j || k == end ? k : i; /* a dash followed by white space (or the end) */
}

size_t role_dateline(const char *s, size_t start, size_t end)
{
    end = WD_MIN(end, start + ROLE_DATELINE_MAX);
    /* the place: words in capitals ("VIRGINIA BEACH", "ST. LOUIS") */
    size_t i = start, place = 0;
    for (;;) {
        bool cap, caps;
        size_t e = word_at(s, i, end, &cap, &caps);
        if (e == i || !caps) break;
        place += e - i;
        i = e;
        size_t k = skip_spaces(s, i, end);
        bool cap2, caps2;
        if (k == i || word_at(s, k, end, &cap2, &caps2) == k || !caps2) break;
        i = k;
    }
    if (place < 3) return 0;
    /* ", Region" and ", Date": capitalised words or numbers, each part
     * after a comma */
    for (int part = 0; part < 2 && i < end && s[i] == ','; part++) {
        size_t k = skip_spaces(s, i + 1, end), words = 0, after = k;
        while (words < 4) {
            bool cap, caps;
            size_t e = word_at(s, k, end, &cap, &caps);
            int32_t cp = 0;
            if (e > k) text_decode(s, end, k, &cp);
            if (e == k || !(cap || text_is_digit(cp))) break;
            words++;
            after = e;
            k = skip_spaces(s, e, end);
            if (k == e) break; /* "Ore.," or the end */
        }
        if (!words) return 0;
        i = after;
    }
    /* the agency in parentheses, a dash, or both */
    size_t k = skip_spaces(s, i, end);
    bool agency = false;
    if (k < end && s[k] == '(') {
        size_t c = k + 1;
        while (c < end && c - k <= 32 && s[c] != ')' && s[c] != '(')
            c++;
        int32_t cp = 0;
        if (k + 1 < end) text_decode(s, end, k + 1, &cp);
        if (c < end && s[c] == ')' && c > k + 1 && text_is_upper(cp)) {
            agency = true;
            i = c + 1;
            k = skip_spaces(s, i, end);
        }
    }
    size_t d = dash_at(s, k, end);
    if (d > k) return d - start;
    if (agency) return k - start; /* "NEW YORK (AP) The ..." */
    return 0;
}

/* The words of s[a..b) a photo credit: names joined by a slash
 * ("Alexander Kazakov / Sputnik", "AP Photo/J. Scott Applewhite"), or a
 * one-word label and a colon before capitalised names only ("Photo:
 * Reuters"); few words, hardly any lower-case. */
static bool credit_in(const char *s, size_t a, size_t b)
{
    struct words w;
    read_words(s, a, b, &w);
    if (!w.letter || w.n > CREDIT_WORDS || w.lower > CREDIT_LOWER) return false;
    for (size_t i = a; i < b; i++) {
        if (s[i] != '/') continue;
        size_t p = i;
        while (p > a && s[p - 1] == ' ')
            p--;
        size_t q = skip_spaces(s, i + 1, b);
        bool cap, caps;
        int32_t before = 0;
        if (p > a) text_decode_back(s, a, p, &before);
        if (text_is_alnum(before) && word_at(s, q, b, &cap, &caps) > q && cap) return true;
    }
    /* "Label: Name Name" */
    bool cap, caps;
    size_t e = word_at(s, a, b, &cap, &caps);
    if (e > a && cap && e < b && s[e] == ':' && w.lower == 0 && w.n >= 2) return true;
    return false;
}

/* Does s[a..b) end with a photo credit in parentheses ("... on Tuesday.
 * (AP Photo/J. Scott Applewhite, File)")? */
static bool ends_with_credit(const char *s, size_t a, size_t b)
{
    size_t e = b;
    while (e > a && (s[e - 1] == '.' || s[e - 1] == ' '))
        e--;
    if (e <= a || s[e - 1] != ')') return false;
    int depth = 0;
    for (size_t i = e; i-- > a;) {
        if (s[i] == ')') depth++;
        if (s[i] == '(' && --depth == 0) return credit_in(s, i + 1, e - 1);
    }
    return false;
}

/* A caption's opening: "In this" and, soon after, a word for a picture
 * ("In this June 4, 2024, file photo, Sen. ..."). */
static bool caption_opening(const char *s, size_t a, size_t b)
{
    if (b - a < 8 || memcmp(s + a, "In this ", 8) != 0) return false;
    size_t at = a + 8, lim = WD_MIN(b, a + CAPTION_LEAD);
    struct seg_span t;
    while (seg_word_next(s, &at, lim, &t))
        if (!(t.flags & WORD_PUNCT) &&
            word_in(s, t.start, t.end, picture_words, WD_ARRAY_LEN(picture_words)))
            return true;
    return false;
}

/* A line that opens with a word for a picture ("Image via Shutterstock",
 * "Photo courtesy of the museum"): a credit, when short. */
static bool picture_first(const char *s, size_t a, size_t b)
{
    bool cap, caps;
    size_t e = word_at(s, a, b, &cap, &caps);
    return e > a && word_in(s, a, e, picture_words, WD_ARRAY_LEN(picture_words));
}

/* A byline: "By" and names ("By Ann Writer and Li Wei", "By ANN WRITER,
 * Coastal Wire"), or a task and "by" ("(Reporting by Li Wei; Editing by
 * Tom Hart)"); few words, hardly any lower-case ones. */
static bool byline_in(const char *s, size_t a, size_t b, const struct words *w)
{
    if (w->n < 2 || w->n > BYLINE_WORDS || w->lower > BYLINE_LOWER) return false;
    size_t i = a < b && s[a] == '(' ? a + 1 : a;
    bool cap, caps;
    size_t e = word_at(s, i, b, &cap, &caps);
    if (e > i && !word_is(s, i, e, "by")) { /* "Reporting by" */
        i = skip_spaces(s, e, b);
        e = word_at(s, i, b, &cap, &caps);
    }
    if (e == i || !word_is(s, i, e, "by")) return false;
    size_t n = skip_spaces(s, e, b);
    return n < b && word_at(s, n, b, &cap, &caps) > n && cap;
}

/* Does s[a..b) read the page's byline ("Ann Writer", or "By Ann
 * Writer")? */
static bool is_meta_byline(const char *s, size_t a, size_t b, const char *byline)
{
    if (!byline || !*byline) return false;
    size_t n = strlen(byline);
    if (b - a >= 3 && word_is(s, a, a + 2, "by") && s[a + 2] == ' ') a = skip_spaces(s, a + 3, b);
    if (b - a != n) return false;
    for (size_t i = 0; i < n; i++) {
        char x = s[a + i], y = byline[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x | 0x20);
        if (y >= 'A' && y <= 'Z') y = (char)(y | 0x20);
        if (x != y) return false;
    }
    return true;
}

/* ---- the role of a sentence ----------------------------------------------- */

/* The last character of the sentence (its stop, when it has one). */
static int32_t last_char(const char *bytes, const struct sentence *s)
{
    int32_t cp;
    text_decode_back(bytes, s->start, s->end, &cp);
    return cp;
}

enum sent_role role_classify(const char *bytes, const struct sentence *s, const char *byline)
{
    size_t a = s->start, b = s->end;
    bool line = (s->flags & SENT_LINE) != 0, whole = whole_line(s);
    if (b - a > ROLE_LINE_MAX) return ROLE_STORY;
    if (whole && role_dateline(bytes, a, b) == b - a) return ROLE_DATELINE;
    struct words w;
    /* story_words answers for most sentences, and says there is no "(c)" */
    bool plain = !line && !whole && story_words(bytes, a, b, &w);
    if (!plain) read_words(bytes, a, b, &w);
    if (!w.letter) return ROLE_BOILER; /* digits and punctuation only */
    /* program code: an assignment or a block, and more of its
     * punctuation ("window._lazy = window._lazy || [];") */
    if (w.assign && w.code >= CODE_MARKS) return ROLE_BOILER;
    if ((line || whole) && is_meta_byline(bytes, a, b, byline)) return ROLE_BYLINE;
    if ((line || whole) && byline_in(bytes, a, b, &w)) return ROLE_BYLINE;
    if ((line && credit_in(bytes, a, b)) || ends_with_credit(bytes, a, b) ||
        caption_opening(bytes, a, b))
        return ROLE_CAPTION;
    if (!plain && w.n <= LINK_WORDS && has_copyright(bytes, a, b)) return ROLE_BOILER;
    if ((line || whole) && w.n <= LINK_WORDS && has_link(bytes, a, b)) return ROLE_BOILER;
    if ((line || whole) && w.address && w.n <= ADDRESS_WORDS) return ROLE_BOILER;
    /* a word or two, none of them lower-case: "Close", "SAVE NOW", "View
     * Comments" (a subheading in sentence case, "Congress warned", stays) */
    if (line && (w.n <= 1 || (w.n <= SHORT_WORDS && w.lower == 0))) return ROLE_BOILER;
    if (line && w.digits && w.n <= NUMBERED_WORDS) return ROLE_BOILER;
    if (line && picture_first(bytes, a, b) && w.n <= CREDIT_WORDS / 2) return ROLE_CAPTION;
    /* a subheading (role_assign finds the headline among them): not a
     * fragment cut at a comma, nor a long line cut short */
    int32_t last = last_char(bytes, s);
    if (line && w.n <= TITLE_WORDS_MAX && last != ',' && last != ';' && last != ':')
        return ROLE_HEADLINE;
    return ROLE_STORY;
}

bool role_title_like(const char *bytes, const struct sentence *s)
{
    if (!whole_line(s)) return false;
    int32_t last = last_char(bytes, s);
    if (!(s->flags & SENT_LINE) && last != '?' && last != '!') return false;
    struct words w;
    read_words(bytes, s->start, s->end, &w);
    return w.n >= TITLE_WORDS_MIN && w.n <= TITLE_WORDS_MAX && w.letter;
}
