/* extract_clean.c - what goes from a page (extract_int.h): before the
 * scoring, what is never the story (tags, hidden elements, landmark roles,
 * class and id names); after it, what does not belong in the chosen
 * content (Readability's prepArticle). */
#include "config.h"

#include "extract_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- what is never the story: tags, class and id names -------------------- */

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
/* What a reader does not see: text for screen readers only (Bootstrap's
 * sr-only, WordPress's screen-reader-text, visually-hidden), content
 * marked for crawlers to skip, cards that appear on hover. */
static const char *const invisible_words[] = {
    "sr-only", "screen-reader", "visually-hidden", "visuallyhidden",
    /* content a crawler is told to skip (robots-nocontent) */
    "nocontent",
    /* cards shown on hover */
    "tooltip", "popover", "hovercard", "rollover"};

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

void ext_prune(xmlNodePtr root, int flags)
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
            const char *ci = ext_class_id(n, buf, sizeof buf);
            if (*ci && ext_any_word(ci, invisible_words, WD_ARRAY_LEN(invisible_words)))
                gone = true;
            if (!gone && *ci && (flags & FLAG_STRIP_UNLIKELY) &&
                !XML_IN(t, "body", "html", "article", "main", "a") &&
                ext_any_word(ci, unlikely_words, WD_ARRAY_LEN(unlikely_words)) &&
                !ext_any_word(ci, maybe_words, WD_ARRAY_LEN(maybe_words)) &&
                !has_ancestor(n, "table") && !has_ancestor(n, "code") &&
                !(n->_private && (I(n)->main || (uint64_t)I(n)->text * 2 > total)) &&
                !ext_mostly_quote(n))
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
    int weight = ext_class_weight(n, flags);
    if (ext_mostly_quote(n)) return false;
    if (weight < 0) return true;
    if (in->commas >= 10) return false;
    size_t p = count_tag(n, "p"), li = count_tag(n, "li"), input = count_tag(n, "input");
    uint32_t heading_text = 0;
    for (xmlNodePtr c = n->children; c;) {
        bool h =
            c->type == XML_ELEMENT_NODE && ext_tag_heading((const char *)c->name) && c->_private;
        if (h) heading_text += I(c)->text;
        c = xml_next(c, n, h);
    }
    double ld = ext_link_density(n);
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

void ext_clean(xmlNodePtr root, const char *headline, int flags)
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
        } else if (XML_IN(t, "h2", "h3") && ext_class_weight(c, flags) < 0) {
            g = true;
        } else if (XML_IN(t, "form", "fieldset", "table", "ul", "ol", "div", "section", "dl")) {
            g = clean_conditionally(c, flags);
        }
        if (!g && headline && (ext_tag_heading(t) || strcmp(t, "p") == 0) && I(c)->text < 400) {
            struct strbuf b = {0};
            xml_text(c, &b);
            char *s = b.s ? page_clean_string(b.s, b.len) : NULL;
            g = s && strcmp(s, headline) == 0;
            free(s);
            sb_free(&b);
        }
        if (!g && xml_tag_block(t) && (XML_IN(t, "p", "li", "dd") || I(c)->para) &&
            I(c)->text > 0 && ext_link_density(c) >= LINK_PARA_MAX)
            g = true; /* a link, not prose: "Read more: ...", a related story */
        if (!g) {
            /* "share" blocks of little text */
            char buf[512];
            const char *ci = ext_class_id(c, buf, sizeof buf);
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
            !(ext_tag_heading((const char *)c->name) || I(c)->para))
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
