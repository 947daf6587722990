/* source_xml.c - walking a parsed page and writing its text: tags,
 * attributes, a pre-order walk without recursion, and text with white
 * space collapsed as a browser renders it (source_int.h).  page_meta.c
 * and extract.c read pages with these. */
#include "config.h"

#include "source_int.h"

#include <string.h>

bool xml_in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0) return true;
    return false;
}

/* Block-level: starts and ends a line of text. */
bool xml_tag_block(const char *t)
{
    return XML_IN(t, "address", "article", "aside", "blockquote", "center", "dd", "details",
                  "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
                  "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
                  "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
                  "td", "tfoot", "th", "thead", "tr", "ul", "caption", "body", "html", "legend",
                  "listing", "plaintext", "xmp");
}

/* Ends a line of the text: a block other than a table cell (cells are
 * separated by a space, rows end lines). */
static bool tag_line(const char *t)
{
    return xml_tag_block(t) && strcmp(t, "td") != 0 && strcmp(t, "th") != 0;
}

xmlChar *xml_attr(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE ? xmlGetProp(n, BAD_CAST name) : NULL;
}

bool xml_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr xml_next(xmlNodePtr n, xmlNodePtr root, bool skip)
{
    if (!skip && n->children && n->type == XML_ELEMENT_NODE) return n->children;
    for (; n && n != root; n = n->parent)
        if (n->next) return n->next;
    return NULL;
}

/* Append text s[0..n) with white space collapsed; *space says a space is
 * pending (collapsed white space not yet written). */
static void add_text(struct strbuf *out, const char *s, size_t n, bool *space)
{
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = 1;
        bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        /* other controls, C0, DEL and C1 (U+0080..U+009F), are not text:
         * dropped, so that no escape sequence of a page reaches a terminal */
        bool ctl = (c < 0x20 && !ws) || c == 0x7F;
        if (c == 0xC2 && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            ws = d == 0xA0; /* NO-BREAK SPACE reads as a space */
            ctl = d >= 0x80 && d < 0xA0;
            if (ws || ctl) k = 2;
        }
        if (ws || ctl) {
            if (i > run) {
                if (*space && out->len && out->s[out->len - 1] != '\n') sb_addc(out, ' ');
                *space = false;
                sb_add(out, s + run, i - run);
            }
            if (ws) *space = true;
            i += k;
            run = i;
            continue;
        }
        i += k;
    }
    if (n > run) {
        if (*space && out->len && out->s[out->len - 1] != '\n') sb_addc(out, ' ');
        *space = false;
        sb_add(out, s + run, n - run);
    }
}

void xml_text(xmlNodePtr n, struct strbuf *out)
{
    bool space = false;
    for (xmlNodePtr c = n; c; c = xml_next(c, n, false)) {
        if (c->type == XML_ELEMENT_NODE &&
            XML_IN((const char *)c->name, "script", "style", "template", "noscript")) {
            if (c == n) break;
            c = xml_next(c, n, true);
            if (!c) break;
        }
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            add_text(out, (const char *)c->content, strlen((const char *)c->content), &space);
        else if (c->type == XML_ELEMENT_NODE && c != n)
            space = true;
    }
}

static void end_line(struct xml_writer *w)
{
    struct strbuf *o = w->out;
    while (o->len > w->line_start && o->s[o->len - 1] == ' ')
        o->s[--o->len] = '\0';
    if (o->len > w->line_start) {
        sb_addc(o, '\n');
        w->lines++;
    }
    w->line_start = o->len;
    w->space = false;
}

void xml_write_text(xmlNodePtr root, struct xml_writer *w)
{
    xmlNodePtr n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            const char *t = (const char *)n->name;
            if (XML_IN(t, "script", "style", "template", "noscript")) {
                n = xml_next(n, root, true);
                continue;
            }
            if (strcmp(t, "br") == 0 || tag_line(t))
                end_line(w);
            else if (XML_IN(t, "td", "th"))
                w->space = true;
            if (strcmp(t, "pre") == 0) {
                /* preformatted: its lines as they are */
                struct strbuf b = {0};
                for (xmlNodePtr c = n; c; c = xml_next(c, n, false))
                    if (c->type == XML_TEXT_NODE && c->content) sb_adds(&b, (char *)c->content);
                size_t from = 0;
                for (size_t i = 0; b.len && i <= b.len; i++) {
                    if (i < b.len && b.s[i] != '\n') continue;
                    bool sp = false;
                    add_text(w->out, b.s + from, i - from, &sp);
                    end_line(w);
                    from = i + 1;
                }
                sb_free(&b);
                n = xml_next(n, root, true);
                continue;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            const char *s = (const char *)n->content;
            size_t len = strlen(s);
            if (w->out->len == w->line_start) {
                /* no space at the start of a line */
                size_t k = 0;
                while (k < len && strchr(" \t\r\n\f", s[k]))
                    k++;
                if (k == len) {
                    n = xml_next(n, root, false);
                    continue;
                }
            }
            add_text(w->out, s, len, &w->space);
        }
        /* leaving elements: a block ends its line */
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE && tag_line((const char *)n->name)) end_line(w);
        while (n && n != root && !n->next) {
            n = n->parent;
            if (n && n->type == XML_ELEMENT_NODE && tag_line((const char *)n->name)) end_line(w);
        }
        if (!n || n == root) break;
        n = n->next;
    }
    end_line(w);
}
