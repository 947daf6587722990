/* extract.c - the article body of a parsed page.
 *
 * The method is Readability's (Mozilla's reader view, after Arc90), on
 * signals that hold on any site:
 *  1. pruning: what a reader never sees as the story: scripts, styles,
 *     forms, navigation, asides, figures and their captions, hidden
 *     elements (the hidden attribute, aria-hidden, display:none),
 *     landmark roles that are not the main content, and blocks whose
 *     class or id names say they are comments, sharing, sidebars, ads or
 *     related links (generic words of the trade, never a site's names),
 *     unless they also say "article", "content" or "main";
 *  2. paragraphs: every <p>, <pre>, <td>, and every container of inline
 *     text only, scores by its length and its commas, and passes the
 *     score to its ancestors (the parent fully, the grandparent half, then
 *     a third of the level), each ancestor starting from its tag and its
 *     class names' hint; a container's score is then scaled by the share
 *     of its text that is not link text;
 *  3. the best container, widened to an ancestor when several strong
 *     candidates sit under it, together with the siblings that score
 *     close to it or hold prose paragraphs;
 *  4. cleaning inside it: lists, tables, forms and blocks that look like
 *     link lists, image galleries or widgets rather than prose go;
 *  5. when that gives little text, the same with fewer pruning rules; and
 *     when the page's JSON-LD articleBody holds much more than the markup
 *     gave, the articleBody.
 * The result is one paragraph a line: block elements and <br> end lines,
 * white space collapses as a browser renders it.
 *
 * Every walk is iterative (xml_next), so a deep tree cannot exhaust the
 * stack; the work is linear in the size of the tree, bar the ancestor
 * passes, which are bounded (5 levels).
 *
 * This file scores, chooses the article and puts the attempts together;
 * steps 1 and 4 are extract_clean.c's, the measures of the elements
 * extract_tree.c's (extract_int.h).
 */
#include "config.h"

#include "extract_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* ---- scoring ------------------------------------------------------------------------ */

static void init_candidate(xmlNodePtr n, int flags)
{
    struct info *in = I(n);
    if (in->scored) return;
    in->scored = true;
    const char *t = (const char *)n->name;
    double s = 0;
    if (strcmp(t, "div") == 0)
        s = 5;
    else if (XML_IN(t, "pre", "td", "blockquote"))
        s = 3;
    else if (XML_IN(t, "address", "ol", "ul", "dl", "dd", "dt", "li", "form"))
        s = -3;
    else if (ext_tag_heading(t) || strcmp(t, "th") == 0)
        s = -5;
    in->score = s + ext_class_weight(n, flags);
}

/* Is n scored as a paragraph? */
static bool scorable(xmlNodePtr n)
{
    const char *t = (const char *)n->name;
    if (XML_IN(t, "p", "pre", "td")) return true;
    /* a container of inline content only is a paragraph (Readability turns
     * such a div into a <p>) */
    return I(n)->para && XML_IN(t, "div", "section", "article", "main", "center", "font", "span") &&
           n->parent && !I(n->parent)->para;
}

/* Readability's wrapping of the loose inline runs of a container that
 * also holds blocks into paragraphs of their own, so that they score:
 * "text<br>text<div>..</div>more text" gives two <p>. */
static void wrap_runs(xmlNodePtr root)
{
    for (xmlNodePtr n = root; n; n = xml_next(n, root, false)) {
        if (n->type != XML_ELEMENT_NODE ||
            !XML_IN((const char *)n->name, "div", "section", "article", "main", "center", "body",
                    "td", "blockquote", "li"))
            continue;
        bool has_block = false;
        for (xmlNodePtr c = n->children; c && !has_block; c = c->next)
            has_block = c->type == XML_ELEMENT_NODE && ext_tag_para_breaker((const char *)c->name);
        if (!has_block) continue;
        xmlNodePtr p = NULL;
        for (xmlNodePtr c = n->children; c;) {
            xmlNodePtr next = c->next;
            bool inl =
                c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
                (c->type == XML_ELEMENT_NODE && !ext_tag_para_breaker((const char *)c->name) &&
                 !xml_tag_block((const char *)c->name));
            if (!inl) {
                p = NULL;
            } else if (p) {
                xmlUnlinkNode(c);
                xmlAddChild(p, c);
            } else {
                bool blank =
                    c->type != XML_ELEMENT_NODE &&
                    (!c->content || !*(c->content + strspn((const char *)c->content, " \t\r\n\f")));
                if (!blank || (c->type == XML_ELEMENT_NODE && !xml_is(c, "br"))) {
                    p = xmlNewNode(NULL, BAD_CAST "p");
                    xmlAddPrevSibling(c, p);
                    xmlUnlinkNode(c);
                    xmlAddChild(p, c);
                }
            }
            c = next;
        }
    }
}

static xmlNodePtr find_body(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root; n; n = xml_next(n, root, false))
        if (xml_is(n, "body")) return n;
    return root;
}

/* Score the paragraphs and return the best container (Readability's
 * grabArticle, its candidate part); without a paragraph, the body when its
 * text is mostly not links, else NULL.  t->el[0] is the body. */
static xmlNodePtr best_candidate(struct tree *t, int flags)
{
    for (size_t i = 0; i < t->n; i++) {
        xmlNodePtr n = t->el[i];
        if (!scorable(n)) continue;
        struct info *in = I(n);
        if (in->text < PARA_MIN_CHARS) continue;
        double score = 1 + in->commas + WD_MIN(floor(in->text / 100.0), 3.0);
        int level = 0;
        for (xmlNodePtr a = n->parent; a && a->type == XML_ELEMENT_NODE && level < ANCESTOR_LEVELS;
             a = a->parent, level++) {
            if (!a->_private) break;
            init_candidate(a, flags);
            double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            I(a)->score += score / div;
        }
    }
    xmlNodePtr top[TOP_CANDIDATES] = {NULL};
    for (size_t i = 0; i < t->n; i++) {
        xmlNodePtr n = t->el[i];
        struct info *in = I(n);
        if (!in->scored) continue;
        in->score *= 1 - ext_link_density(n);
        for (int k = 0; k < TOP_CANDIDATES; k++) {
            if (!top[k] || in->score > I(top[k])->score) {
                memmove(top + k + 1, top + k, (TOP_CANDIDATES - k - 1) * sizeof *top);
                top[k] = n;
                break;
            }
        }
    }
    xmlNodePtr best = top[0];
    if (!best && t->n && I(t->el[0])->text > 0 && ext_link_density(t->el[0]) < BODY_LINK_MAX)
        return t->el[0]; /* no paragraph: a short page's text is its body's (Readability) */
    if (!best || xml_is(best, "body") || xml_is(best, "html")) return best;
    /* Several strong candidates under one ancestor: the article is that
     * ancestor (its paragraphs were split into several blocks). */
    xmlNodePtr alt[TOP_CANDIDATES];
    int nalt = 0;
    for (int k = 1; k < TOP_CANDIDATES && top[k]; k++)
        if (I(top[k])->score / I(best)->score >= ALT_CANDIDATE_SHARE) alt[nalt++] = top[k];
    if (nalt >= MIN_TOP_CANDIDATES) {
        for (xmlNodePtr p = best->parent; p && p->type == XML_ELEMENT_NODE && !xml_is(p, "body");
             p = p->parent) {
            int under = 0;
            for (int k = 0; k < nalt; k++)
                for (xmlNodePtr a = alt[k]->parent; a; a = a->parent)
                    if (a == p) {
                        under++;
                        break;
                    }
            if (under >= MIN_TOP_CANDIDATES) {
                best = p;
                break;
            }
        }
        if (best->_private) init_candidate(best, flags);
    }
    /* Climb while the parent scores better (its score was made of more of
     * the article's paragraphs). */
    double last = I(best)->score, threshold = last / 3;
    for (xmlNodePtr p = best->parent; p && p->type == XML_ELEMENT_NODE && !xml_is(p, "body");
         p = p->parent) {
        if (!p->_private || !I(p)->scored) continue;
        double s = I(p)->score;
        if (s < threshold) break;
        if (s > last) {
            best = p;
            break;
        }
        last = s;
    }
    /* A wrapper holding nothing but the candidate says the same. */
    while (best->parent && best->parent->type == XML_ELEMENT_NODE &&
           !xml_is(best->parent, "body")) {
        int kids = 0;
        for (xmlNodePtr c = best->parent->children; c; c = c->next)
            kids += c->type == XML_ELEMENT_NODE;
        if (kids != 1) break;
        best = best->parent;
        if (best->_private) init_candidate(best, flags);
    }
    return best;
}

/* Does text end like a sentence (". " or "." at the end)? */
static bool ends_sentence(xmlNodePtr n)
{
    struct strbuf b = {0};
    xml_text(n, &b);
    bool yes = false;
    for (size_t i = 0; i < b.len && !yes; i++)
        yes = b.s[i] == '.' && (i + 1 == b.len || b.s[i + 1] == ' ');
    sb_free(&b);
    return yes;
}

/* The best candidate and the siblings that belong with it (Readability's
 * rule), in document order, into a new array *out; returns how many. */
static size_t gather(xmlNodePtr best, xmlNodePtr **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    xmlNodePtr parent = best->parent;
    if (!parent || !parent->_private || xml_is(best, "body")) {
        xgrow(out, &cap, 1, sizeof **out);
        (*out)[n++] = best;
        return n;
    }
    double bs = I(best)->score;
    double threshold = WD_MAX(10.0, bs * 0.2);
    xmlChar *bclass = xml_attr(best, "class");
    for (xmlNodePtr s = parent->children; s; s = s->next) {
        bool take = s == best;
        if (!take && s->type == XML_ELEMENT_NODE && s->_private) {
            struct info *in = I(s);
            double bonus = 0;
            xmlChar *sc = xml_attr(s, "class");
            if (bclass && sc && *bclass && xmlStrEqual(bclass, sc)) bonus = bs * 0.2;
            xmlFree(sc);
            if (in->scored && in->score + bonus >= threshold) {
                take = true;
            } else if (xml_is(s, "p") || (in->para && !xml_is(s, "a"))) {
                double ld = ext_link_density(s);
                if (in->text > 80 && ld < 0.25)
                    take = true;
                else if (in->text < 80 && in->text > 0 && ld == 0 && ends_sentence(s))
                    take = true;
            }
        }
        if (take) {
            xgrow(out, &cap, n + 1, sizeof **out);
            (*out)[n++] = s;
        }
    }
    xmlFree(bclass);
    return n;
}

/* ---- JSON-LD's articleBody as a check ---------------------------------------------- */

/* Share of the words of ref that text holds (as a multiset, ASCII case
 * folded), a cheap measure of how much of the articleBody the markup gave. */
static double coverage(const char *ref, const char *text)
{
    /* words as hashes, counted in a small open-addressing table */
    size_t cap = 1024;
    while (cap < strlen(ref) / 2)
        cap *= 2;
    uint64_t *keys = xcalloc(cap, sizeof *keys);
    int32_t *cnt = xcalloc(cap, sizeof *cnt);
    size_t total = 0, hit = 0;
    for (int pass = 0; pass < 2; pass++) {
        const char *s = pass ? text : ref;
        size_t n = strlen(s);
        for (size_t i = 0; i < n;) {
            while (i < n && !text_is_alnum((int32_t)(unsigned char)s[i]) &&
                   (unsigned char)s[i] < 0x80)
                i++;
            uint64_t h = 0xcbf29ce484222325ull;
            size_t start = i;
            while (i < n && ((unsigned char)s[i] >= 0x80 || text_is_alnum((unsigned char)s[i]))) {
                unsigned char c = (unsigned char)s[i++];
                if (c >= 'A' && c <= 'Z') c += 32;
                h = (h ^ c) * 1099511628211ull;
            }
            if (i == start) continue;
            h |= 1;
            size_t k = h & (cap - 1);
            while (keys[k] && keys[k] != h)
                k = (k + 1) & (cap - 1);
            if (pass == 0) {
                if (!keys[k]) keys[k] = h;
                cnt[k]++;
                total++;
                /* keep the table at most half full */
                if (total * 2 > cap) {
                    total = 0; /* too many words for this cap: give up */
                    free(keys);
                    free(cnt);
                    return 1;
                }
            } else if (keys[k] && cnt[k] > 0) {
                cnt[k]--;
                hit++;
            }
        }
    }
    free(keys);
    free(cnt);
    return total ? (double)hit / total : 1;
}

/* The articleBody as paragraphs: its own line breaks kept, white space
 * collapsed within lines. */
static size_t ld_paragraphs(const char *body, struct strbuf *out)
{
    size_t lines = 0, n = strlen(body), from = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && body[i] != '\n') continue;
        char *s = page_clean_string(body + from, i - from);
        if (s) {
            sb_adds(out, s);
            sb_addc(out, '\n');
            lines++;
            free(s);
        }
        from = i + 1;
    }
    return lines;
}

/* ---- the whole ---------------------------------------------------------------------- */

/* One attempt with the given flags on the tree of doc, which it changes:
 * the article's text into out, its paragraph count returned. */
static size_t attempt(xmlDocPtr doc, const char *headline, int flags, struct strbuf *out)
{
    xmlNodePtr body = find_body(doc);
    if (!body) return 0;
    struct tree t;
    ext_tree_build(&t, body);
    ext_prune(body, flags);
    ext_tree_free(&t);
    wrap_runs(body);
    ext_tree_build(&t, body);
    xmlNodePtr best = best_candidate(&t, flags);
    size_t lines = 0;
    if (best) {
        xmlNodePtr *parts;
        size_t np = gather(best, &parts);
        struct xml_writer w = {.out = out, .line_start = out->len};
        for (size_t i = 0; i < np; i++) {
            ext_clean(parts[i], headline, flags);
            xml_write_text(parts[i], &w);
        }
        lines = w.lines;
        free(parts);
    }
    ext_tree_free(&t);
    return lines;
}

size_t extract_body(xmlDocPtr doc, xmlDocPtr (*reparse)(void *arg), void *arg, const char *headline,
                    const char *ld_body, struct strbuf *out)
{
    static const int tries[] = {FLAG_ALL, FLAG_ALL & ~FLAG_STRIP_UNLIKELY,
                                FLAG_ALL & ~FLAG_STRIP_UNLIKELY & ~FLAG_WEIGHT_CLASSES, 0};
    struct strbuf best = {0};
    size_t best_lines = 0;
    for (size_t k = 0; k < WD_ARRAY_LEN(tries); k++) {
        xmlDocPtr d = k == 0 ? doc : reparse(arg);
        if (!d) break;
        struct strbuf b = {0};
        size_t lines = attempt(d, headline, tries[k], &b);
        if (d != doc) xmlFreeDoc(d);
        /* fewer rules let more text in: junk as well as a lost article, so
         * a later attempt wins only with much more text */
        if (b.len > best.len + best.len / 2) {
            sb_free(&best);
            best = b;
            best_lines = lines;
        } else {
            sb_free(&b);
        }
        if (best.len >= CHAR_THRESHOLD) break;
    }
    if (ld_body && strlen(ld_body) >= LD_BODY_MIN &&
        coverage(ld_body, best.s ? best.s : "") < LD_COVER_MIN) {
        struct strbuf b = {0};
        size_t lines = ld_paragraphs(ld_body, &b);
        if (b.len > best.len / 2) {
            sb_free(&best);
            best = b;
            best_lines = lines;
        } else {
            sb_free(&b);
        }
    }
    if (best.len) sb_add(out, best.s, best.len);
    sb_free(&best);
    return best_lines;
}
