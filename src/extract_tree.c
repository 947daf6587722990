/* extract_tree.c - what is known of an element of a page (extract_int.h):
 * what its tag and its class names and id say, and its measures (text,
 * link text, commas) summed up the tree in struct info. */
#include "config.h"

#include "extract_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- tags ---------------------------------------------------------------------- */

bool ext_tag_para_breaker(const char *t)
{
    return XML_IN(t, "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section",
                  "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "form", "header",
                  "footer", "aside", "nav", "figure", "address", "center", "details", "fieldset",
                  "hgroup", "dd", "dt", "tr", "td", "th", "tbody", "thead", "tfoot");
}

bool ext_tag_heading(const char *t)
{
    return t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && t[2] == '\0';
}

/* ---- class and id hints ------------------------------------------------------------ */

/* Readability's patterns for the class weight, matched as substrings of
 * each lower-cased class name and of the id (token_weight); widget
 * vendors' and particular sites' names left out. */
static const char *const negative_words[] = {
    "-ad-",     "hidden",   "banner",   "comment",    "com-",    "contact",   "foot",    "footer",
    "footnote", "gdpr",     "masthead", "media",      "meta",    "promo",     "related", "scroll",
    "share",    "shoutbox", "sidebar",  "skyscraper", "sponsor", "shopping",  "tags",    "tool",
    "widget",   "caption",  "credit",   "byline",     "author",  "newsletter"};
static const char *const positive_words[] = {"article", "body", "content", "entry",      "hentry",
                                             "h-entry", "main", "page",    "pagination", "post",
                                             "text",    "blog", "story"};

bool ext_any_word(const char *s, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(s, words[i])) return true;
    return false;
}

const char *ext_class_id(xmlNodePtr n, char *buf, size_t size)
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
    if (ext_any_word(tok, negative_words, WD_ARRAY_LEN(negative_words))) return -CLASS_WEIGHT;
    if (ext_any_word(tok, positive_words, WD_ARRAY_LEN(positive_words))) return CLASS_WEIGHT;
    return 0;
}

int ext_class_weight(xmlNodePtr n, int flags)
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

void ext_tree_free(struct tree *t)
{
    free(t->el);
    free(t->info);
    memset(t, 0, sizeof *t);
}

void ext_tree_build(struct tree *t, xmlNodePtr root)
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
        bool para = !ext_tag_para_breaker((const char *)n->name);
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
                if (!ci->para || ext_tag_para_breaker((const char *)c->name)) para = false;
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

double ext_link_density(xmlNodePtr n)
{
    struct info *in = I(n);
    return in->text ? (double)in->link / in->text : 0;
}

bool ext_mostly_quote(xmlNodePtr n)
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
