/* align.h - the alignment model: which sentences of document A correspond
 * to which sentences of document B, and which words differ inside each pair.
 *
 * Built once by align_docs() and immutable afterwards; every view (reader,
 * exports) reads it.  Rows are in reading order of both documents at once:
 * the A sentences of the rows that show A are in A order, likewise for B.
 *
 * How it is built (align.c): sentence ids go through the Myers diff
 * (diff.h); runs of equal ids become `same` rows.  Inside each changed
 * hunk, reworded sentences are paired in order by a word-level similarity
 * (sim.h) with a floor, as the heaviest chain of candidate pairs; a pair may
 * join one sentence with up to ALIGN_MAX_GROUP consecutive sentences of the
 * other side (splits and merges).  Sentences left over on both sides are then
 * matched across hunks as `moved` pairs.  Every pair gets a word diff
 * (wdiff.h).
 */
#ifndef WD_ALIGN_H
#define WD_ALIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* Most sentences one side of a row may group (a split into this many). */
#define ALIGN_MAX_GROUP 6

enum row_kind { ROW_SAME, ROW_CHANGED, ROW_MOVED, ROW_DELETED, ROW_INSERTED, ROW_KIND_COUNT };

/* Sides of a row, as bits for align_row.show. */
enum { SIDE_A = 0, SIDE_B = 1 };
#define SHOW_A (1u << SIDE_A)
#define SHOW_B (1u << SIDE_B)

enum wop_kind { WOP_EQUAL, WOP_DEL, WOP_INS, WOP_FOLD };

/* A run of words inside a pair: WOP_EQUAL has both spans, WOP_DEL only the
 * A span, WOP_INS only the B span (the other is 0,0).  Byte offsets into
 * the original documents, end exclusive, from the first word's start to
 * the last word's end; when a row groups several sentences a span never
 * crosses from one sentence into the next.  A `same` row's operations are
 * WOP_FOLD only, each with both spans: characters whose bytes differ
 * though they compare equal (case, quote style, dashes; wdiff_folded), to
 * be marked quietly; none when the bytes are equal but for white space. */
struct wop {
    uint32_t kind;
    uint32_t a_start, a_end;
    uint32_t b_start, b_end;
};

struct align_row {
    enum row_kind kind;
    uint32_t a, an;   /* sentences a .. a+an-1 of A (an == 0: none) */
    uint32_t b, bn;   /* sentences b .. b+bn-1 of B */
    uint32_t show;    /* SHOW_A | SHOW_B: the sides this row displays */
    float sim;        /* similarity of the pair, 0..1 (1 for same, 0 one-sided) */
    uint32_t op, nop; /* word operations: align_ops()[op .. op+nop) */
    int32_t partner;  /* ROW_MOVED: index of the row showing the other side; else -1 */
};

/* A moved pair produces two ROW_MOVED rows with the same a/an, b/bn, sim and
 * ops: one at A's position (show == SHOW_A), one at B's (show == SHOW_B),
 * each naming the other as partner. */

struct align_opts {
    double floor;      /* least similarity for an in-order pair (0..1) */
    double move_floor; /* least similarity for a moved pair */
    bool no_moves;     /* do not look for moves */
    bool minimal;      /* sentence diff without the cost limit */
};

/* Defaults tuned on principles (see align.c); callers may pass NULL. */
void align_default_opts(struct align_opts *o);

struct align_stats {
    size_t rows[ROW_KIND_COUNT]; /* rows per kind (a moved pair counts once) */
    size_t sentences[2];         /* sentences in A and B */
    size_t matched[2];           /* sentences of A / B in same, changed or moved rows */
    size_t same_sentences[2];    /* of which identical */
    size_t same_folded; /* same rows whose characters differ (case, quotes, dashes): WOP_FOLD */
    size_t pairs;       /* same + changed + moved pairs */
    bool limited;       /* a cost limit cut the search short */
    bool pairs_limited; /* the search for similar sentences was cut short: pairs may be missed */
};

struct alignment;

/* Align a with b; both must come from the same doc_ctx (whose word table
 * may grow, see sim_new).  Never fails
 * (allocation failure aborts).  The result refers to a and b, which must
 * outlive it. */
struct alignment *align_docs(const struct doc *a, const struct doc *b, struct doc_ctx *ctx,
                             const struct align_opts *opts);

/* A new alignment with the sides exchanged (B becomes A); rows keep order. */
struct alignment *align_swapped(const struct alignment *al);

void align_free(struct alignment *al);

const struct doc *align_doc(const struct alignment *al, int side);
const struct align_row *align_rows(const struct alignment *al, size_t *n);
const struct wop *align_ops(const struct alignment *al, size_t *n);
const struct align_stats *align_get_stats(const struct alignment *al);
/* Does the alignment hold any row that is not the same on both sides? */
bool align_differs(const struct alignment *al);

/* "same", "changed", "moved", "deleted", "inserted". */
const char *align_kind_name(enum row_kind k);

/* Pairs (changed, moved) less similar than this are weak: the reader and
 * the exports mark them, for a reader to check.  It is the similarity
 * from which a pair alone shows two documents tell one story (align.c
 * ANCHOR_SIM): below it a pair is believed only beside stronger ones. */
#define ALIGN_WEAK_SIM 0.40

/* The role mark (role.h role_mark) of the first sentence side shows in
 * row r: ' ' for story text and for a side the row does not show. */
char align_role_mark(const struct alignment *al, const struct align_row *r, int side);

/* Is r a weak pair (below ALIGN_WEAK_SIM)? */
static inline bool align_row_weak(const struct align_row *r)
{
    return (r->kind == ROW_CHANGED || r->kind == ROW_MOVED) && r->sim < (float)ALIGN_WEAK_SIM;
}

/* r's similarity in hundredths, rounded down, as the reader and the
 * exports print it ("0.39"): a weak pair never reads 0.40. */
static inline int align_sim_cents(const struct align_row *r)
{
    return (int)(r->sim * 100.0f);
}

#endif
