/* role.h - what a sentence is in its document: story text, the headline
 * (or a subheading), a dateline, a photo caption or credit, a byline, or
 * boilerplate (site furniture, ads, prompts, code).  Decided once, when a
 * document is loaded (doc.c calls role_assign), from signals of the text,
 * never from a list of the strings to catch:
 *  - structure: a line without final punctuation (SENT_LINE), how many
 *    words, how many of them capitalised, digits, punctuation only,
 *    characters of program code, a web address, the copyright sign,
 *    addressing the reader (second person, "please");
 *  - position: the first lines of a document, before its first sentence
 *    of story text, hold its headline; a dateline opens a paragraph;
 *  - markers: a place in capitals and a news agency in parentheses or a
 *    dash (a dateline), names joined by slashes after a label or in a
 *    closing parenthesis (a photo credit), "By" and names (a byline);
 *  - repetition within the document: a line that comes back after other
 *    text, and a sentence that repeats another's text without its
 *    dateline (a teaser or caption copy of the lede);
 *  - what the source says: a page's headline is its text's first line,
 *    its byline the line that reads the same.
 * The corpus analysis (corpus.h) adds the signals only many documents give
 * (a line shared by unrelated reports, a line unrelated to the story) and
 * settles more sentences as boilerplate (doc_set_role).
 *
 * A role is stored in the sentence's flags (SENT_ROLE_MASK), and so is the
 * length of a dateline that opens a sentence of story text
 * (SENT_DATELINE_MASK): the dateline stays in the text and is shown, but
 * similarity leaves it out (tokens.h tokens_lead).
 */
#ifndef WD_ROLE_H
#define WD_ROLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "source.h"

struct sentence;

enum sent_role {
    ROLE_STORY,    /* the story's text */
    ROLE_HEADLINE, /* the headline, a deck or a subheading */
    ROLE_DATELINE, /* a dateline on a line of its own ("WASHINGTON (Reuters) -") */
    ROLE_CAPTION,  /* a photo caption or credit */
    ROLE_BYLINE,   /* who wrote it */
    ROLE_BOILER,   /* not the story: site furniture, ads, prompts, code */
    ROLE_COUNT
};

/* Not the story: a caption or credit, a byline, boilerplate (what the
 * reader dims and overlap figures leave out). */
static inline bool role_not_story(enum sent_role r)
{
    return r == ROLE_CAPTION || r == ROLE_BYLINE || r == ROLE_BOILER;
}

/* The letter a gutter shows for sentence s: role_letter of its role, and
 * 'd' for story text that opens with a dateline. */
char role_mark(const struct sentence *s);

/* The role's name as the JSON and the reader's legend say it: "story",
 * "headline", "dateline", "caption", "byline", "boilerplate". */
const char *role_name(enum sent_role r);
/* One letter for narrow places (gutters): ' ' for story, else h d c a b. */
char role_letter(enum sent_role r);

/* Longest dateline recognised (bytes, its dash and spaces included). */
#define ROLE_DATELINE_MAX 120

/* The dateline that opens s[start..end) (a paragraph's first sentence):
 * its length in bytes with the dash and white space after it, or 0 when
 * there is none.  A place in capitals, then optionally ", Region" and a
 * date, then a news agency in parentheses and/or a dash:
 * "VIRGINIA BEACH, Va. (AP) — ", "WASHINGTON (Reuters) - ",
 * "SEOUL, June 14 (Yonhap) -- ", "KYIV — ". */
size_t role_dateline(const char *s, size_t start, size_t end);

/* Decide the roles of sentences s[0..n) of one document's text bytes
 * (their ids given, their dateline lengths in the flags; body[i] is the id
 * of sentence i's text without its dateline, or NULL when no sentence has
 * one), and store them in the flags.  meta is the document's source
 * metadata (may be NULL).  Returns the index of the headline (the title),
 * or SIZE_MAX when the document has none. */
size_t role_assign(const char *bytes, struct sentence *s, size_t n, const uint32_t *body,
                   const struct source_meta *meta);

#endif
