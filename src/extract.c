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
 */
#include "config.h"

#include "source_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

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

/* ---- tags ---------------------------------------------------------------------- */

/* Never part of the story's text. */
static bool tag_dropped(const char *t)
{
    return XML_IN(t, "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe",
                  "object", "embed", "video", "audio", "source", "track", "map", "img", "picture",
                  "button", "input", "select", "option", "optgroup", "textarea", "link", "meta",
                  "head", "title", "nav", "aside", "figure", "figcaption", "footer", "dialog",
                  "menu", "frame", "frameset", "applet", "label", "datalist", "output", "progress",
                  "meter", "header", "hr", "area", "param", "base", "basefont", "bgsound",
                  "keygen");
}

/* Readability's DIV_TO_P_ELEMS: a container without these is a paragraph. */
static bool tag_para_breaker(const char *t)
{
    return XML_IN(t, "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section",
                  "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "form", "header",
                  "footer", "aside", "nav", "figure", "address", "center", "details", "fieldset",
                  "hgroup", "dd", "dt", "tr", "td", "th", "tbody", "thead", "tfoot");
}

static bool tag_heading(const char *t)
{
    return t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && t[2] == '\0';
}

/* ---- class and id hints ------------------------------------------------------------ */

/* Readability's patterns, matched as substrings of the lower-cased
 * "class id" string; widget vendors' and particular sites' names left out. */
static const char *const unlikely_words[] = {
    "-ad-",       "banner", "breadcrumbs", "comment",      "community", "cover-wrap",
    "extra",      "footer", "gdpr",        "header",       "legends",   "menu",
    "related",    "remark", "replies",     "rss",          "shoutbox",  "sidebar",
    "skyscraper", "social", "sponsor",     "supplemental", "ad-break",  "agegate",
    "pagination", "pager",  "popup",       "newsletter",   "cookie",    "subscribe"};
static const char *const maybe_words[] = {"and",     "article", "body",  "column",
                                          "content", "main",    "shadow"};
static const char *const negative_words[] = {
    "-ad-",     "hidden",   "banner",   "comment",    "com-",    "contact",   "foot",    "footer",
    "footnote", "gdpr",     "masthead", "media",      "meta",    "promo",     "related", "scroll",
    "share",    "shoutbox", "sidebar",  "skyscraper", "sponsor", "shopping",  "tags",    "tool",
    "widget",   "caption",  "credit",   "byline",     "author",  "newsletter"};
static const char *const positive_words[] = {"article", "body", "content", "entry",      "hentry",
                                             "h-entry", "main", "page",    "pagination", "post",
                                             "text",    "blog", "story"};
/* What a reader does not see: text for screen readers only (Bootstrap's
 * sr-only, WordPress's screen-reader-text, visually-hidden), content
 * marked for crawlers to skip, cards that appear on hover. */
static const char *const invisible_words[] = {
    "sr-only", "screen-reader", "visually-hidden", "visuallyhidden",
    /* content a crawler is told to skip (robots-nocontent) */
    "nocontent",
    /* cards shown on hover */
    "tooltip", "popover", "hovercard", "rollover"};

static bool any_word(const char *s, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(s, words[i])) return true;
    return false;
}

/* The lower-cased class and id of n, "class id", into buf. */
static const char *class_id(xmlNodePtr n, char *buf, size_t size)
{
    xmlChar *c = xml_attr(n, "class"), *i = xml_attr(n, "id");
    size_t len = 0;
    buf[0] = '\0';
    for (int k = 0; k < 2; k++) {
        const char *s = (const char *)(k ? i : c);
        if (!s) continue;
        if (len && len + 1 < size) buf[len++] = ' ';
        for (; *s && len + 1 < size; s++)
            buf[len++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
        buf[len] = '\0';
    }
    xmlFree(c);
    xmlFree(i);
    return buf;
}

/* The hint of one class name or id: a name that says it is a thing that
 * is not the story ("post-author", "related-posts", "article-footer") is
 * negative even when it also names the article; otherwise one that names
 * the content ("article-body", "entry-content") is positive. */
static int token_weight(const char *tok)
{
    if (any_word(tok, negative_words, WD_ARRAY_LEN(negative_words))) return -CLASS_WEIGHT;
    if (any_word(tok, positive_words, WD_ARRAY_LEN(positive_words))) return CLASS_WEIGHT;
    return 0;
}

/* The class names' and the id's hint (Readability's class weight, by
 * name): the most negative of the class names, else the most positive,
 * plus the id's. */
static int class_weight(xmlNodePtr n, int flags)
{
    if (!(flags & FLAG_WEIGHT_CLASSES)) return 0;
    int w = 0;
    xmlChar *attrs[2] = {xml_attr(n, "class"), xml_attr(n, "id")};
    for (int k = 0; k < 2; k++) {
        if (!attrs[k]) continue;
        int lo = 0, hi = 0;
        const xmlChar *s = attrs[k];
        while (*s) {
            while (*s == ' ' || *s == '\t' || *s == '\n')
                s++;
            char tok[128];
            size_t len = 0;
            for (; *s && *s != ' ' && *s != '\t' && *s != '\n'; s++)
                if (len + 1 < sizeof tok)
                    tok[len++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
            tok[len] = '\0';
            if (!len) continue;
            int tw = token_weight(tok);
            lo = WD_MIN(lo, tw);
            hi = WD_MAX(hi, tw);
        }
        w += lo < 0 ? lo : hi;
        xmlFree(attrs[k]);
    }
    return w;
}

/* ---- measuring -------------------------------------------------------------------- */

/* Characters of text s[0..n) with white space runs counted once, and its
 * commas (Latin, Arabic, CJK and fullwidth). */
static void measure(const char *s, size_t n, uint32_t *chars, uint32_t *commas)
{
    bool ws = true;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = text_decode(s, n, i, &cp);
        bool sp = text_is_space(cp);
        if (!sp || !ws) (*chars)++;
        ws = sp;
        if (cp == ',' || cp == 0x060C || cp == 0xFE50 || cp == 0xFE10 || cp == 0xFE11 ||
            cp == 0x2E41 || cp == 0x2E34 || cp == 0x2E32 || cp == 0xFF0C || cp == 0x3001)
            (*commas)++;
        i += k;
    }
}

/* The elements under root in pre-order, each with a struct info. */
struct tree {
    xmlNodePtr *el;
    struct info *info;
    size_t n;
};

static struct info *I(xmlNodePtr n)
{
    return n->_private;
}

/* The elements' _private pointers are left dangling: the tree is not read
 * again once the attempt is over (and some of its elements are freed). */
static void tree_free(struct tree *t)
{
    free(t->el);
    free(t->info);
    memset(t, 0, sizeof *t);
}

/* Number the elements and sum text, link text and commas bottom-up. */
static void tree_build(struct tree *t, xmlNodePtr root)
{
    size_t cap = 0;
    memset(t, 0, sizeof *t);
    for (xmlNodePtr n = root; n; n = xml_next(n, root, false))
        if (n->type == XML_ELEMENT_NODE) {
            xgrow(&t->el, &cap, t->n + 1, sizeof *t->el);
            t->el[t->n++] = n;
        }
    t->info = xcalloc(t->n ? t->n : 1, sizeof *t->info);
    for (size_t i = 0; i < t->n; i++)
        t->el[i]->_private = &t->info[i];
    for (size_t i = t->n; i-- > 0;) {
        xmlNodePtr n = t->el[i];
        struct info *in = I(n);
        bool para = !tag_para_breaker((const char *)n->name);
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                uint32_t ch = 0, co = 0;
                if (c->content)
                    measure((const char *)c->content, strlen((const char *)c->content), &ch, &co);
                in->text += ch;
                in->commas += co;
                if (xml_is(n, "a")) in->link += ch;
            } else if (c->type == XML_ELEMENT_NODE && c->_private) {
                struct info *ci = I(c);
                in->text += ci->text;
                in->commas += ci->commas;
                in->link += xml_is(n, "a") ? ci->text : ci->link;
                if (!ci->para || tag_para_breaker((const char *)c->name)) para = false;
            }
        }
        in->para = para;
    }
    for (size_t i = t->n; i-- > 0;) {
        xmlNodePtr n = t->el[i];
        if (!I(n)->main) {
            xmlChar *ip = xml_attr(n, "itemprop");
            I(n)->main = xml_is(n, "article") || xml_is(n, "main") ||
                         (ip && strcmp((const char *)ip, "articleBody") == 0);
            xmlFree(ip);
        }
        if (I(n)->main && n->parent && n->parent->_private && n != t->el[0])
            I(n->parent)->main = true;
    }
}

static double link_density(xmlNodePtr n)
{
    struct info *in = I(n);
    return in->text ? (double)in->link / in->text : 0;
}

/* Is most of n's text inside quotations (<blockquote>, <q>)?  A post or a
 * statement quoted in the story keeps its place even inside a block whose
 * class names a widget ("social-embed"): quotations are the story's. */
static bool mostly_quote(xmlNodePtr n)
{
    if (!n->_private || I(n)->text < QUOTE_MIN) return false;
    uint32_t quoted = 0;
    for (xmlNodePtr c = n; c;) {
        bool q = c != n && c->type == XML_ELEMENT_NODE && c->_private &&
                 (xml_is(c, "blockquote") || xml_is(c, "q"));
        if (q) quoted += I(c)->text;
        c = xml_next(c, n, q);
    }
    return (uint64_t)quoted * 2 > I(n)->text;
}

/* ---- pruning ---------------------------------------------------------------------- */

static bool hidden(xmlNodePtr n)
{
    if (xmlHasProp(n, BAD_CAST "hidden")) return true;
    bool h = false;
    xmlChar *aria = xml_attr(n, "aria-hidden");
    if (aria && strcmp((char *)aria, "true") == 0) h = true;
    xmlFree(aria);
    xmlChar *style = xml_attr(n, "style");
    if (style) {
        /* display:none, visibility:hidden, with any spaces */
        char buf[256];
        size_t len = 0;
        for (const xmlChar *s = style; *s && len + 1 < sizeof buf; s++)
            if (*s != ' ' && *s != '\t' && *s != '\n')
                buf[len++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
        buf[len] = '\0';
        if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden")) h = true;
        xmlFree(style);
    }
    return h;
}

static bool unlikely_role(xmlNodePtr n)
{
    xmlChar *role = xml_attr(n, "role");
    bool r = role &&
             XML_IN((const char *)role, "menu", "menubar", "complementary", "navigation", "alert",
                    "alertdialog", "dialog", "banner", "contentinfo", "search", "toolbar");
    xmlFree(role);
    return r;
}

static bool has_ancestor(xmlNodePtr n, const char *tag)
{
    for (xmlNodePtr p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (strcmp((const char *)p->name, tag) == 0) return true;
    return false;
}

static void drop(xmlNodePtr n)
{
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

/* Remove from the subtree at root what is never the story (see the top).
 * The elements are measured (tree_build): a block named like a sidebar
 * or a header that holds the page's <article> or <main>, or most of its
 * text, is the page's layout, not a side block, and stays. */
static void prune(xmlNodePtr root, int flags)
{
    uint32_t total = root->_private ? I(root)->text : 0;
    for (xmlNodePtr n = root->children ? root->children : NULL; n;) {
        if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
            xmlNodePtr next = xml_next(n, root, true);
            drop(n);
            n = next;
            continue;
        }
        if (n->type != XML_ELEMENT_NODE) {
            n = xml_next(n, root, false);
            continue;
        }
        const char *t = (const char *)n->name;
        bool gone = tag_dropped(t) || hidden(n) || unlikely_role(n);
        if (!gone && strcmp(t, "form") == 0) {
            /* A form around a whole page (ASP.NET) stays; a search box, a
             * comment or newsletter form goes. */
            struct strbuf b = {0};
            xml_text(n, &b);
            gone = b.len < 2 * CHAR_THRESHOLD;
            sb_free(&b);
        }
        if (!gone) {
            char buf[512];
            const char *ci = class_id(n, buf, sizeof buf);
            if (*ci && any_word(ci, invisible_words, WD_ARRAY_LEN(invisible_words))) gone = true;
            if (!gone && *ci && (flags & FLAG_STRIP_UNLIKELY) &&
                !XML_IN(t, "body", "html", "article", "main", "a") &&
                any_word(ci, unlikely_words, WD_ARRAY_LEN(unlikely_words)) &&
                !any_word(ci, maybe_words, WD_ARRAY_LEN(maybe_words)) &&
                !has_ancestor(n, "table") && !has_ancestor(n, "code") &&
                !(n->_private && (I(n)->main || (uint64_t)I(n)->text * 2 > total)) &&
                !mostly_quote(n))
                gone = true;
        }
        if (gone) {
            xmlNodePtr next = xml_next(n, root, true);
            drop(n);
            n = next;
        } else {
            n = xml_next(n, root, false);
        }
    }
}

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
    else if (tag_heading(t) || strcmp(t, "th") == 0)
        s = -5;
    in->score = s + class_weight(n, flags);
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
            has_block = c->type == XML_ELEMENT_NODE && tag_para_breaker((const char *)c->name);
        if (!has_block) continue;
        xmlNodePtr p = NULL;
        for (xmlNodePtr c = n->children; c;) {
            xmlNodePtr next = c->next;
            bool inl = c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
                       (c->type == XML_ELEMENT_NODE && !tag_para_breaker((const char *)c->name) &&
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
        in->score *= 1 - link_density(n);
        for (int k = 0; k < TOP_CANDIDATES; k++) {
            if (!top[k] || in->score > I(top[k])->score) {
                memmove(top + k + 1, top + k, (TOP_CANDIDATES - k - 1) * sizeof *top);
                top[k] = n;
                break;
            }
        }
    }
    xmlNodePtr best = top[0];
    if (!best && t->n && I(t->el[0])->text > 0 && link_density(t->el[0]) < BODY_LINK_MAX)
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
                double ld = link_density(s);
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

/* ---- cleaning the chosen content (Readability's prepArticle) --------------------- */

static size_t count_tag(xmlNodePtr root, const char *tag)
{
    size_t k = 0;
    for (xmlNodePtr n = root->children; n; n = xml_next(n, root, false))
        k += xml_is(n, tag);
    return k;
}

/* Should the list, table, form or div n go? */
static bool clean_conditionally(xmlNodePtr n, int flags)
{
    if (!(flags & FLAG_CLEAN_CONDITIONALLY) || !n->_private) return false;
    const char *t = (const char *)n->name;
    bool is_list = XML_IN(t, "ul", "ol");
    struct info *in = I(n);
    int weight = class_weight(n, flags);
    if (mostly_quote(n)) return false;
    if (weight < 0) return true;
    if (in->commas >= 10) return false;
    size_t p = count_tag(n, "p"), li = count_tag(n, "li"), input = count_tag(n, "input");
    uint32_t heading_text = 0;
    for (xmlNodePtr c = n->children; c;) {
        bool h = c->type == XML_ELEMENT_NODE && tag_heading((const char *)c->name) && c->_private;
        if (h) heading_text += I(c)->text;
        c = xml_next(c, n, h);
    }
    double ld = link_density(n);
    uint32_t len = in->text;
    double heading_density = len ? (double)heading_text / len : 0;
    if (!is_list && (double)li - 100 > (double)p) return true;
    if ((double)input > floor((double)p / 3)) return true;
    if (!is_list && heading_density < 0.9 && len < PARA_MIN_CHARS && !has_ancestor(n, "figure"))
        return true;
    if (!is_list && weight < 25 && ld > 0.2) return true;
    if (weight >= 25 && ld > 0.5) return true;
    /* a list of links (related stories, tags) */
    if (is_list && ld > 0.5) return true;
    return false;
}

/* Remove what does not belong in the content at root. */
static void clean(xmlNodePtr root, const char *headline, int flags)
{
    /* Bottom-up, so that an inner list of links goes before its container
     * is judged: collect, then visit in reverse. */
    xmlNodePtr *el = NULL;
    size_t n = 0, cap = 0;
    for (xmlNodePtr c = root; c; c = xml_next(c, root, false))
        if (c->type == XML_ELEMENT_NODE && c != root) {
            xgrow(&el, &cap, n + 1, sizeof *el);
            el[n++] = c;
        }
    for (size_t i = n; i-- > 0;) {
        xmlNodePtr c = el[i];
        const char *t = (const char *)c->name;
        if (!c->_private) continue; /* made by wrap_runs after measuring: kept */
        bool g = false;
        if (strcmp(t, "h1") == 0) {
            g = true; /* the headline is the document's first line, not the body's */
        } else if (XML_IN(t, "h2", "h3") && class_weight(c, flags) < 0) {
            g = true;
        } else if (XML_IN(t, "form", "fieldset", "table", "ul", "ol", "div", "section", "dl")) {
            g = clean_conditionally(c, flags);
        }
        if (!g && headline && (tag_heading(t) || strcmp(t, "p") == 0) && I(c)->text < 400) {
            struct strbuf b = {0};
            xml_text(c, &b);
            char *s = b.s ? page_clean_string(b.s, b.len) : NULL;
            g = s && strcmp(s, headline) == 0;
            free(s);
            sb_free(&b);
        }
        if (!g && xml_tag_block(t) && (XML_IN(t, "p", "li", "dd") || I(c)->para) &&
            I(c)->text > 0 && link_density(c) >= LINK_PARA_MAX)
            g = true; /* a link, not prose: "Read more: ...", a related story */
        if (!g) {
            /* "share" blocks of little text */
            char buf[512];
            const char *ci = class_id(c, buf, sizeof buf);
            if (*ci && strstr(ci, "share") && I(c)->text < CHAR_THRESHOLD) g = true;
        }
        I(c)->gone = g;
    }
    /* A short line that introduces only what went ("You may also like",
     * "More stories") goes with it. */
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr c = el[i];
        if (!c->_private || I(c)->gone || I(c)->link || I(c)->text == 0 ||
            I(c)->text > LEAD_IN_MAX || !xml_tag_block((const char *)c->name) ||
            !(tag_heading((const char *)c->name) || I(c)->para))
            continue;
        bool after = false, all_gone = true;
        for (xmlNodePtr s = c->next; s && all_gone; s = s->next) {
            if (s->type != XML_ELEMENT_NODE || !s->_private || I(s)->text == 0) continue;
            after = true;
            all_gone = I(s)->gone;
        }
        if (after && all_gone) I(c)->gone = true;
    }
    free(el);
    /* unlink from the top down, never visiting what an ancestor took along */
    for (xmlNodePtr c = root->children; c;) {
        bool g = c->type == XML_ELEMENT_NODE && c->_private && I(c)->gone;
        xmlNodePtr next = xml_next(c, root, g);
        if (g) drop(c);
        c = next;
    }
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
    tree_build(&t, body);
    prune(body, flags);
    tree_free(&t);
    wrap_runs(body);
    tree_build(&t, body);
    xmlNodePtr best = best_candidate(&t, flags);
    size_t lines = 0;
    if (best) {
        xmlNodePtr *parts;
        size_t np = gather(best, &parts);
        struct xml_writer w = {.out = out, .line_start = out->len};
        for (size_t i = 0; i < np; i++) {
            clean(parts[i], headline, flags);
            xml_write_text(parts[i], &w);
        }
        lines = w.lines;
        free(parts);
    }
    tree_free(&t);
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
