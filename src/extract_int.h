/* extract_int.h - what the files of the article extraction share:
 * extract.c (the method, the scoring, the chosen container and its
 * siblings, the JSON-LD articleBody check, the whole), extract_tree.c
 * (what is known of an element: tags, class and id hints, measures) and
 * extract_clean.c (what goes: the pruning before scoring, the cleaning
 * of the chosen content).  Only they include it. */
#ifndef WD_EXTRACT_INT_H
#define WD_EXTRACT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "source_int.h"

/* Readability's constants. */
#define PARA_MIN_CHARS      25 /* a paragraph shorter than this is not scored */
#define ANCESTOR_LEVELS     5  /* how far up a paragraph's score goes */
#define CLASS_WEIGHT        25 /* the bonus or malus of a class name's hint */
#define TOP_CANDIDATES      5  /* candidates kept to look for a common ancestor */
#define MIN_TOP_CANDIDATES  3  /* ... that many must share it */
#define ALT_CANDIDATE_SHARE 0.75
#define CHAR_THRESHOLD      500 /* less text than this: try again with fewer rules */
/* JSON-LD's articleBody replaces the markup's text when the markup holds
 * less than this share of its words and the articleBody is this long. */
#define LD_COVER_MIN 0.6
#define LD_BODY_MIN  400
/* A paragraph whose text is this much link text is a link, not prose. */
#define LINK_PARA_MAX 0.7
/* A page without paragraphs whose text is more link text than this is a
 * list of links (an index), not an article. */
#define BODY_LINK_MAX 0.5
/* Longest line (characters) taken for the lead-in of a block that went. */
#define LEAD_IN_MAX 60
/* Shortest quotation (characters) kept whatever its container is named. */
#define QUOTE_MIN 40

enum {
    FLAG_STRIP_UNLIKELY = 1,
    FLAG_WEIGHT_CLASSES = 2,
    FLAG_CLEAN_CONDITIONALLY = 4,
    FLAG_ALL = 7,
};

/* What is known of an element; xmlNode._private points at it. */
struct info {
    double score;
    uint32_t text;   /* characters of its text, white space collapsed */
    uint32_t link;   /* ... of them inside links */
    uint32_t commas; /* commas of any script in its text */
    bool scored;     /* a candidate (score initialised) */
    bool gone;       /* to be removed (clean) */
    bool main;       /* holds an <article>, <main> or schema.org articleBody */
    bool para;       /* holds inline content only: a paragraph */
};

/* The elements under root in pre-order, each with a struct info. */
struct tree {
    xmlNodePtr *el;
    struct info *info;
    size_t n;
};

/* The struct info of element n (ext_tree_build). */
static inline struct info *I(xmlNodePtr n)
{
    return n->_private;
}

/* ---- extract_tree.c ------------------------------------------------------ */

/* Readability's DIV_TO_P_ELEMS: a container without these is a paragraph. */
bool ext_tag_para_breaker(const char *t);
/* Is t (lower case) h1 to h6? */
bool ext_tag_heading(const char *t);
/* Does s hold one of words[0..n) (as a substring)? */
bool ext_any_word(const char *s, const char *const *words, size_t n);
/* The lower-cased class and id of n, "class id", into buf. */
const char *ext_class_id(xmlNodePtr n, char *buf, size_t size);
/* The class names' and the id's hint (Readability's class weight, by
 * name): the most negative of the class names, else the most positive,
 * plus the id's. */
int ext_class_weight(xmlNodePtr n, int flags);
/* The elements' _private pointers are left dangling: the tree is not read
 * again once the attempt is over (and some of its elements are freed). */
void ext_tree_free(struct tree *t);
/* Number the elements and sum text, link text and commas bottom-up. */
void ext_tree_build(struct tree *t, xmlNodePtr root);
/* The share of the text of n inside links (0 without text). */
double ext_link_density(xmlNodePtr n);
/* Is most of n's text inside quotations (<blockquote>, <q>)?  A post or a
 * statement quoted in the story keeps its place even inside a block whose
 * class names a widget ("social-embed"): quotations are the story's. */
bool ext_mostly_quote(xmlNodePtr n);

/* ---- extract_clean.c ----------------------------------------------------- */

/* Remove from the subtree at root what is never the story (see the top
 * of extract.c).  The elements are measured (ext_tree_build): a block
 * named like a sidebar or a header that holds the page's <article> or
 * <main>, or most of its text, is the page's layout, not a side block,
 * and stays. */
void ext_prune(xmlNodePtr root, int flags);
/* Remove what does not belong in the content at root. */
void ext_clean(xmlNodePtr root, const char *headline, int flags);

#endif
