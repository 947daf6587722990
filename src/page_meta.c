/* page_meta.c - what a page says about itself: headline, byline, site,
 * dates, canonical URL and language, from the places publishers put
 * them for search engines and social networks (schema.org JSON-LD,
 * Open Graph and article: properties, <meta name>, microdata itemprop,
 * <link rel=canonical>, <time>, <title> and <h1>).  Structured data wins
 * over loose markup; nothing here depends on a particular site.
 */
#include "config.h"

#include "source_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifdef HAVE_JSON_C
#include <json-c/json.h>
#endif

#include "text.h"

/* Longest metadata string kept, in bytes (a headline, a byline). */
#define META_MAX 1024
/* Headings (<h1>, <h2>) looked at for the headline. */
#define HEADINGS_MAX 16

char *page_clean_string(const char *s, size_t n)
{
    struct strbuf b = {0};
    bool space = false;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = text_decode(s, n, i, &cp);
        if (text_is_space(cp)) {
            space = b.len > 0;
        } else if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)) {
            if (space) sb_addc(&b, ' ');
            space = false;
            if (cp == TEXT_REPLACEMENT && !text_valid_at(s, n, i))
                sb_add(&b, "\xEF\xBF\xBD", 3);
            else
                sb_add(&b, s + i, k);
        }
        i += k;
        if (b.len >= META_MAX) break;
    }
    if (b.len == 0) {
        sb_free(&b);
        return NULL;
    }
    return sb_take(&b, NULL);
}

static char *clean_xml(const xmlChar *s)
{
    return s ? page_clean_string((const char *)s, strlen((const char *)s)) : NULL;
}

/* Set *field to v (taking it) unless it is set already. */
static void offer(char **field, char *v)
{
    if (!v) return;
    if (*field) {
        free(v);
        return;
    }
    *field = v;
}

static bool is_url(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0 ||
           strncmp(s, "//", 2) == 0;
}

/* ---- JSON-LD ------------------------------------------------------------------- */

struct ld {
    char *headline, *byline, *site, *published, *modified, *canonical, *body;
};

#ifdef HAVE_JSON_C
static char *ld_string(struct json_object *o)
{
    if (!o || !json_object_is_type(o, json_type_string)) return NULL;
    return page_clean_string(json_object_get_string(o), (size_t)json_object_get_string_len(o));
}

/* A name: a string, or an object's "name". */
static char *ld_name(struct json_object *o)
{
    if (!o) return NULL;
    if (json_object_is_type(o, json_type_string)) return ld_string(o);
    struct json_object *n;
    if (json_object_is_type(o, json_type_object) && json_object_object_get_ex(o, "name", &n))
        return ld_string(n);
    return NULL;
}

/* Names of one or many authors, "A and B". */
static char *ld_authors(struct json_object *o)
{
    if (!o) return NULL;
    if (!json_object_is_type(o, json_type_array)) return ld_name(o);
    struct strbuf b = {0};
    size_t n = json_object_array_length(o), got = 0;
    for (size_t i = 0; i < n && i < 16; i++) {
        char *name = ld_name(json_object_array_get_idx(o, i));
        if (!name || is_url(name)) {
            free(name);
            continue;
        }
        if (got) sb_adds(&b, i + 1 == n ? " and " : ", ");
        sb_adds(&b, name);
        free(name);
        got++;
    }
    return got ? sb_take(&b, NULL) : (sb_free(&b), NULL);
}

/* Is this object's @type an article (schema.org's Article and its
 * subtypes: NewsArticle, BlogPosting, ReportageNewsArticle, ...)? */
static bool ld_is_article(struct json_object *o)
{
    struct json_object *t;
    if (!json_object_object_get_ex(o, "@type", &t)) return false;
    size_t n = json_object_is_type(t, json_type_array) ? json_object_array_length(t) : 1;
    for (size_t i = 0; i < n; i++) {
        struct json_object *e =
            json_object_is_type(t, json_type_array) ? json_object_array_get_idx(t, i) : t;
        if (!e || !json_object_is_type(e, json_type_string)) continue;
        const char *s = json_object_get_string(e);
        size_t l = strlen(s);
        if ((l >= 7 && strcmp(s + l - 7, "Article") == 0) || strstr(s, "BlogPosting") ||
            strcmp(s, "Report") == 0)
            return true;
    }
    return false;
}

static void ld_article(struct json_object *o, struct ld *ld)
{
    struct json_object *v;
    if (json_object_object_get_ex(o, "headline", &v)) offer(&ld->headline, ld_string(v));
    if (json_object_object_get_ex(o, "author", &v)) {
        char *a = ld_authors(v);
        if (a && is_url(a)) {
            free(a);
            a = NULL;
        }
        offer(&ld->byline, a);
    }
    if (json_object_object_get_ex(o, "publisher", &v)) offer(&ld->site, ld_name(v));
    if (json_object_object_get_ex(o, "datePublished", &v)) offer(&ld->published, ld_string(v));
    if (json_object_object_get_ex(o, "dateModified", &v)) offer(&ld->modified, ld_string(v));
    if (json_object_object_get_ex(o, "url", &v)) offer(&ld->canonical, ld_string(v));
    if (json_object_object_get_ex(o, "articleBody", &v) &&
        json_object_is_type(v, json_type_string) && !ld->body)
        ld->body = xstrdup(json_object_get_string(v));
}

/* Look for article objects in o: itself, the elements of an array, the
 * members of an @graph; depth bounds the walk. */
static void ld_walk(struct json_object *o, struct ld *ld, int depth)
{
    if (!o || depth > 8) return;
    if (json_object_is_type(o, json_type_array)) {
        size_t n = json_object_array_length(o);
        for (size_t i = 0; i < n && i < 256; i++)
            ld_walk(json_object_array_get_idx(o, i), ld, depth + 1);
        return;
    }
    if (!json_object_is_type(o, json_type_object)) return;
    if (ld_is_article(o)) ld_article(o, ld);
    struct json_object *g;
    if (json_object_object_get_ex(o, "@graph", &g)) ld_walk(g, ld, depth + 1);
    if (json_object_object_get_ex(o, "mainEntity", &g)) ld_walk(g, ld, depth + 1);
}

static void ld_read(const char *s, size_t n, struct ld *ld)
{
    struct json_tokener *tok = json_tokener_new_ex(32);
    if (!tok) return;
    struct json_object *o = json_tokener_parse_ex(tok, s, (int)WD_MIN(n, (size_t)INT32_MAX));
    if (o) ld_walk(o, ld, 0);
    json_object_put(o);
    json_tokener_free(tok);
}
#endif

/* ---- <meta> and the rest -------------------------------------------------------- */

struct found {
    char *og_title, *tw_title, *title, *h1_first;
    char *heads[HEADINGS_MAX]; /* the first <h1>, then <h2>, texts, in order */
    int head_level[HEADINGS_MAX];
    size_t nheads;
    char *author, *site, *published, *modified, *canonical, *og_url, *language, *time;
    char *itemprop_author;
};

static void meta_tag(xmlNodePtr n, struct found *f)
{
    xmlChar *key = xml_attr(n, "property");
    if (!key) key = xml_attr(n, "name");
    if (!key) key = xml_attr(n, "itemprop");
    xmlChar *content = xml_attr(n, "content");
    if (!content) content = xml_attr(n, "value");
    if (!key || !content) {
        xmlFree(key);
        xmlFree(content);
        xmlChar *equiv = xml_attr(n, "http-equiv");
        xmlChar *c = xml_attr(n, "content");
        if (equiv && c && strcasecmp((char *)equiv, "content-language") == 0)
            offer(&f->language, clean_xml(c));
        xmlFree(equiv);
        xmlFree(c);
        return;
    }
    const char *k = (const char *)key;
    char *v = clean_xml(content);
    char **to = NULL;
    if (strcasecmp(k, "og:title") == 0)
        to = &f->og_title;
    else if (strcasecmp(k, "twitter:title") == 0)
        to = &f->tw_title;
    else if (strcasecmp(k, "og:site_name") == 0 || strcasecmp(k, "application-name") == 0)
        to = &f->site;
    else if (strcasecmp(k, "author") == 0 || strcasecmp(k, "article:author") == 0 ||
             strcasecmp(k, "dc.creator") == 0 || strcasecmp(k, "byl") == 0 ||
             strcasecmp(k, "parsely-author") == 0 || strcasecmp(k, "sailthru.author") == 0)
        to = v && !is_url(v) ? &f->author : NULL;
    else if (strcasecmp(k, "article:published_time") == 0 || strcasecmp(k, "datePublished") == 0 ||
             strcasecmp(k, "pubdate") == 0 || strcasecmp(k, "publishdate") == 0 ||
             strcasecmp(k, "publish-date") == 0 || strcasecmp(k, "date") == 0 ||
             strcasecmp(k, "dc.date") == 0 || strcasecmp(k, "dc.date.issued") == 0 ||
             strcasecmp(k, "dcterms.created") == 0 || strcasecmp(k, "parsely-pub-date") == 0 ||
             strcasecmp(k, "sailthru.date") == 0)
        to = &f->published;
    else if (strcasecmp(k, "article:modified_time") == 0 || strcasecmp(k, "og:updated_time") == 0 ||
             strcasecmp(k, "dateModified") == 0 || strcasecmp(k, "last-modified") == 0 ||
             strcasecmp(k, "dcterms.modified") == 0)
        to = &f->modified;
    else if (strcasecmp(k, "og:url") == 0)
        to = &f->og_url;
    else if (strcasecmp(k, "og:locale") == 0)
        to = &f->language;
    if (to)
        offer(to, v);
    else
        free(v);
    xmlFree(key);
    xmlFree(content);
}

/* Letters and digits of s, lower-cased ASCII, for comparing titles. */
static void squash(const char *s, struct strbuf *b)
{
    for (size_t i = 0, n = strlen(s); i < n;) {
        int32_t cp;
        size_t k = text_decode(s, n, i, &cp);
        if (text_is_alnum(cp)) {
            if (k == 1)
                sb_addc(b, (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]));
            else
                sb_add(b, s + i, k);
        }
        i += k;
    }
}

/* Do a and b say the same, letters and digits alike? */
static bool same_text(const char *a, const char *b)
{
    struct strbuf x = {0}, y = {0};
    squash(a, &x);
    squash(b, &y);
    bool same = x.len == y.len && (x.len == 0 || memcmp(x.s, y.s, x.len) == 0);
    sb_free(&x);
    sb_free(&y);
    return same;
}

/* Does the heading h say what title says (one holds the other, as a
 * headline and a "Headline | Site" title do)? */
static bool same_title(const char *h, const char *title)
{
    if (!h || !title) return false;
    struct strbuf a = {0}, b = {0};
    squash(h, &a);
    squash(title, &b);
    bool same = a.len >= 8 && b.len >= 8 &&
                (strstr(b.s, a.s) != NULL || (strstr(a.s, b.s) != NULL && b.len * 2 > a.len));
    sb_free(&a);
    sb_free(&b);
    return same;
}

/* A <title> without the site's name: "Headline | Site", "Site - Headline"
 * give "Headline" (the longest part between separators, when the parts
 * are cut by " | ", " - ", " – ", " — ", " :: ", " · "). */
static char *strip_site(const char *t)
{
    static const char *const seps[] = {" | ",  " - ",        " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " :: ", " \xC2\xB7 ", " \xC2\xBB "};
    const char *best = t;
    size_t bestlen = strlen(t);
    for (size_t s = 0; s < WD_ARRAY_LEN(seps); s++) {
        const char *p = strstr(t, seps[s]);
        if (!p) continue;
        /* the longest part */
        const char *start = t;
        const char *bs = t;
        size_t bl = 0;
        for (;;) {
            const char *q = strstr(start, seps[s]);
            size_t l = q ? (size_t)(q - start) : strlen(start);
            if (l > bl) {
                bl = l;
                bs = start;
            }
            if (!q) break;
            start = q + strlen(seps[s]);
        }
        if (bl >= 10) {
            best = bs;
            bestlen = bl;
        }
        break;
    }
    return page_clean_string(best, bestlen);
}

/* Text of a node, cleaned. */
static char *node_text(xmlNodePtr n)
{
    struct strbuf b = {0};
    xml_text(n, &b);
    char *s = b.s ? page_clean_string(b.s, b.len) : NULL;
    sb_free(&b);
    return s;
}

static bool inside(xmlNodePtr n, const char *tag)
{
    for (xmlNodePtr p = n->parent; p; p = p->parent)
        if (xml_is(p, tag)) return true;
    return false;
}

/* The value of key="..." in s, cleaned; NULL when absent or empty. */
static char *comment_field(const char *s, const char *key)
{
    const char *p = strstr(s, key);
    if (!p) return NULL;
    p += strlen(key);
    return page_clean_string(p, strcspn(p, "\""));
}

/* A copy saved by a browser or by --save-pages says where it came from in
 * comments at its top: "saved from url=(0042)https://..." and wirediff's
 * "wirediff fetched="..." status="200" final-url="..."". */
static void saved_marks(xmlDocPtr doc, struct source_meta *m)
{
    int seen = 0;
    for (xmlNodePtr n = doc->children; n && seen < 64; n = xml_next(n, (xmlNodePtr)doc, false)) {
        seen++;
        if (n->type != XML_COMMENT_NODE || !n->content) continue;
        const char *c = (const char *)n->content;
        while (*c == ' ' || *c == '\n')
            c++;
        if (strncmp(c, "saved from url=(", 16) == 0) {
            const char *u = strchr(c + 16, ')');
            if (u) offer(&m->url, page_clean_string(u + 1, strcspn(u + 1, " \t\r\n")));
        } else if (strncmp(c, "wirediff fetched=\"", 18) == 0) {
            offer(&m->fetched, comment_field(c, "fetched=\""));
            offer(&m->final_url, comment_field(c, "final-url=\""));
            char *st = comment_field(c, "status=\"");
            if (st && !m->status) m->status = strtol(st, NULL, 10);
            free(st);
        }
    }
}

void page_meta_read(xmlDocPtr doc, struct source_meta *m, char **ld_body)
{
    saved_marks(doc, m);
    *ld_body = NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root) return;
    struct found f = {0};
    struct ld ld = {0};
    if (xml_is(root, "html")) {
        xmlChar *lang = xml_attr(root, "lang");
        offer(&f.language, clean_xml(lang));
        xmlFree(lang);
    }
    for (xmlNodePtr n = root; n; n = xml_next(n, root, false)) {
        if (n->type != XML_ELEMENT_NODE) continue;
        const char *tag = (const char *)n->name;
        if (strcmp(tag, "meta") == 0) {
            meta_tag(n, &f);
        } else if (strcmp(tag, "title") == 0 && !f.title && !inside(n, "svg")) {
            f.title = node_text(n);
        } else if (strcmp(tag, "link") == 0) {
            xmlChar *rel = xml_attr(n, "rel");
            if (rel && strcasecmp((char *)rel, "canonical") == 0) {
                xmlChar *href = xml_attr(n, "href");
                offer(&f.canonical, clean_xml(href));
                xmlFree(href);
            }
            xmlFree(rel);
        } else if (strcmp(tag, "script") == 0) {
            xmlChar *type = xml_attr(n, "type");
#ifdef HAVE_JSON_C
            if (type && strcasecmp((char *)type, "application/ld+json") == 0) {
                xmlChar *s = xmlNodeGetContent(n);
                if (s) ld_read((const char *)s, strlen((const char *)s), &ld);
                xmlFree(s);
            }
#endif
            xmlFree(type);
        } else if ((strcmp(tag, "h1") == 0 || strcmp(tag, "h2") == 0) && f.nheads < HEADINGS_MAX) {
            char *t = node_text(n);
            if (t && tag[1] == '1' && !f.h1_first) f.h1_first = xstrdup(t);
            if (t) {
                f.head_level[f.nheads] = tag[1] - '0';
                f.heads[f.nheads++] = t;
            }
        } else if (strcmp(tag, "time") == 0 && !f.time) {
            xmlChar *dt = xml_attr(n, "datetime");
            f.time = clean_xml(dt);
            xmlFree(dt);
        } else {
            xmlChar *ip = xml_attr(n, "itemprop");
            if (ip && strcmp((char *)ip, "author") == 0 && !f.itemprop_author)
                f.itemprop_author = node_text(n);
            xmlFree(ip);
        }
    }
    /* The headline, from the page's titles: JSON-LD's, Open Graph's,
     * Twitter's, <title>.  A "title" that is the site's name (a site-wide
     * og:title) is none. */
    const char *sites[] = {f.site, ld.site};
    char *titles[] = {ld.headline, f.og_title, f.tw_title, f.title};
    for (size_t i = 0; i < WD_ARRAY_LEN(titles); i++)
        for (size_t k = 0; k < WD_ARRAY_LEN(sites) && titles[i]; k++)
            if (sites[k] && same_text(titles[i], sites[k])) titles[i] = NULL;
    for (size_t h = 0; h < f.nheads; h++) /* a logo's <h1> is the site's name */
        for (size_t k = 0; k < WD_ARRAY_LEN(sites); k++)
            if (sites[k] && f.heads[h] && same_text(f.heads[h], sites[k])) f.head_level[h] = 0;
    /* The title that most of the others confirm (a JSON-LD headline of
     * another post on the page stands alone), earlier ones first. */
    int best = -1, best_votes = -1;
    for (size_t i = 0; i < WD_ARRAY_LEN(titles); i++) {
        if (!titles[i]) continue;
        int votes = 0;
        for (size_t k = 0; k < WD_ARRAY_LEN(titles); k++)
            votes += k != i && titles[k] && same_title(titles[i], titles[k]);
        if (votes > best_votes) {
            best = (int)i;
            best_votes = votes;
        }
    }
    /* an <h1> that any title confirms is the headline as the page shows
     * it; else an <h2> (as blogs have it) that the best title confirms */
    char *headline = NULL;
    for (size_t h = 0; h < f.nheads && !headline; h++)
        for (size_t i = 0; i < WD_ARRAY_LEN(titles) && !headline; i++)
            if (f.head_level[h] == 1 && same_title(f.heads[h], titles[i]))
                headline = xstrdup(f.heads[h]);
    for (size_t h = 0; h < f.nheads && !headline && best >= 0; h++)
        if (f.head_level[h] == 2 && same_title(f.heads[h], titles[best]))
            headline = xstrdup(f.heads[h]);
    if (!headline && best >= 0)
        headline = best == 3 ? strip_site(titles[3]) : xstrdup(titles[best]);
    if (!headline && f.h1_first) headline = xstrdup(f.h1_first);
    offer(&m->headline, headline);
    offer(&m->byline, ld.byline ? xstrdup(ld.byline) : NULL);
    offer(&m->byline, f.author ? xstrdup(f.author) : NULL);
    offer(&m->byline, f.itemprop_author ? xstrdup(f.itemprop_author) : NULL);
    if (m->byline && strncasecmp(m->byline, "by ", 3) == 0)
        memmove(m->byline, m->byline + 3, strlen(m->byline + 3) + 1);
    offer(&m->site, f.site ? xstrdup(f.site) : NULL);
    offer(&m->site, ld.site ? xstrdup(ld.site) : NULL);
    offer(&m->published, ld.published ? xstrdup(ld.published) : NULL);
    offer(&m->published, f.published ? xstrdup(f.published) : NULL);
    offer(&m->published, f.time ? xstrdup(f.time) : NULL);
    offer(&m->modified, ld.modified ? xstrdup(ld.modified) : NULL);
    offer(&m->modified, f.modified ? xstrdup(f.modified) : NULL);
    offer(&m->canonical, f.canonical ? xstrdup(f.canonical) : NULL);
    offer(&m->canonical, f.og_url ? xstrdup(f.og_url) : NULL);
    offer(&m->canonical, ld.canonical ? xstrdup(ld.canonical) : NULL);
    offer(&m->language, f.language ? xstrdup(f.language) : NULL);
    *ld_body = ld.body;
    for (size_t h = 0; h < f.nheads; h++)
        free(f.heads[h]);
    char **all[] = {&f.og_title, &f.tw_title,   &f.title,           &f.h1_first,  &f.author,
                    &f.site,     &f.published,  &f.modified,        &f.canonical, &f.og_url,
                    &f.language, &f.time,       &f.itemprop_author, &ld.headline, &ld.byline,
                    &ld.site,    &ld.published, &ld.modified,       &ld.canonical};
    for (size_t i = 0; i < WD_ARRAY_LEN(all); i++)
        free(*all[i]);
}
