/* load.c - inputs to documents (see load.h). */
#include "config.h"

#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "transcode.h"
#include "util.h"

/* Bytes of a file looked at to tell a page from a text. */
#define SNIFF_BYTES 1024

/* What load_sources keeps of an item while it works. */
struct pending {
    bool page_file; /* a page to read from its file */
    char *raw;      /* a fetched body, or standard input, before extraction */
    size_t rawlen;
    char *http_charset; /* the Content-Type's charset of a fetched page */
};

static void set_err(struct load_item *it, enum wd_status st, const char *msg)
{
    it->st = st;
    snprintf(it->err, sizeof it->err, "%s", msg);
}

/* Read all of fd, at most max bytes (more: WD_ETOOBIG); *id and *has_id
 * say which file it was (may be NULL).  With binary_stops, a NUL byte
 * ends the read at once with WD_EBINARY (a device of binary data is
 * refused when it starts, not at the limit), unless the text begins with
 * a UTF-16 or UTF-32 byte order mark. */
static enum wd_status read_fd(int fd, size_t max, bool binary_stops, char **out, size_t *len,
                              struct util_fileid *id, bool *has_id)
{
    struct stat st;
    if (has_id && (*has_id = fstat(fd, &st) == 0))
        *id = (struct util_fileid){(uint64_t)st.st_dev, (uint64_t)st.st_ino};
    struct strbuf b = {0};
    char buf[65536];
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            sb_free(&b);
            errno = e;
            return util_status_from_errno(e);
        }
        if (r == 0) break;
        if (b.len + (size_t)r > max) {
            sb_free(&b);
            return WD_ETOOBIG;
        }
        sb_add(&b, buf, (size_t)r);
        if (binary_stops && b.len >= 4 && transcode_bom(b.s, b.len, &(size_t){0}))
            binary_stops = false;
        if (binary_stops && memchr(buf, '\0', (size_t)r)) {
            sb_free(&b);
            return WD_EBINARY;
        }
    }
    *out = sb_take(&b, len);
    return WD_OK;
}

static enum wd_status read_path(const char *path, size_t max, char **out, size_t *len,
                                struct util_fileid *id, bool *has_id)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return util_status_from_errno(errno);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return WD_EISDIR;
    }
    enum wd_status s = read_fd(fd, max, false, out, len, id, has_id);
    close(fd);
    return s;
}

/* Does the file at path begin like a page?  (Errors: no; the document
 * layer reports them when it reads the file.) */
static bool file_looks_html(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return false;
    struct stat st;
    char head[SNIFF_BYTES];
    ssize_t r = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) r = read(fd, head, sizeof head);
    close(fd);
    return r > 0 && source_looks_html(NULL, head, (size_t)r);
}

static void too_big(struct load_item *it, size_t max)
{
    char msg[96];
    fetch_size_error(msg, sizeof msg, max);
    set_err(it, WD_ETOOBIG, msg);
}

/* ---- extraction, on every CPU ------------------------------------------------------- */

struct extract_job {
    struct load_item *items;
    struct pending *pend;
    const struct load_opts *o;
};

static void extract_one(void *arg, size_t i)
{
    struct extract_job *job = arg;
    struct load_item *it = &job->items[i];
    struct pending *p = &job->pend[i];
    if (it->st != WD_OK || !it->page) return;
    const char *bytes = p->raw;
    size_t len = p->rawlen;
    char *file = NULL;
    if (p->page_file) {
        enum wd_status st =
            read_path(it->name, job->o->fetch.max_bytes, &file, &len, &it->id, &it->has_id);
        if (st == WD_ETOOBIG) {
            too_big(it, job->o->fetch.max_bytes);
            return;
        }
        if (st != WD_OK) {
            set_err(it, st, st == WD_EIO ? strerror(errno) : util_strerror(st));
            return;
        }
        bytes = file;
    }
    /* NUL bytes: a binary file named .html (an image, a gzip file), unless
     * UTF-16 (its BOM says so) or --text */
    bool utf16 =
        len >= 2 && (((unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE) ||
                     ((unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF));
    if (!job->o->doc.text && !utf16 && len && memchr(bytes, '\0', len)) {
        set_err(it, WD_EBINARY, util_strerror(WD_EBINARY));
        it->skippable = true;
        free(file);
        return;
    }
    struct source_article a;
    char err[SOURCE_ERR_MAX];
    if (!source_page(bytes ? bytes : "", len, p->http_charset, &a, err)) {
        set_err(it, WD_ENOTEXT, err);
        it->skippable = true;
        free(file);
        return;
    }
    free(file);
    /* what the page says, plus what is known of the fetch */
    struct source_meta *m = &a.meta;
    char **keep[] = {&it->meta.url, &it->meta.final_url, &it->meta.fetched};
    char **into[] = {&m->url, &m->final_url, &m->fetched};
    for (size_t k = 0; k < WD_ARRAY_LEN(keep); k++)
        if (*keep[k]) { /* the fetch itself wins over marks inside the page */
            free(*into[k]);
            *into[k] = *keep[k];
            *keep[k] = NULL;
        }
    if (it->meta.status) m->status = it->meta.status;
    if (!m->site && (m->final_url || m->url || m->canonical)) {
        /* the host stands for a site that does not name itself */
        const char *u = m->final_url ? m->final_url : m->url ? m->url : m->canonical;
        const char *h = strstr(u, "://");
        if (h) {
            h += 3;
            m->site = xstrndup(h, strcspn(h, "/:?#"));
            if (!*m->site) {
                free(m->site);
                m->site = NULL;
            }
        }
    }
    source_meta_free(&it->meta);
    it->meta = a.meta;
    it->text = a.text;
    it->len = a.len;
    it->body = a.body;
    if (a.invalid)
        snprintf(it->warn, sizeof it->warn, "warning: %zu byte%s not valid in %s shown as U+FFFD",
                 a.invalid, a.invalid == 1 ? "" : "s", m->charset ? m->charset : "its charset");
}

/* ---- keeping fetched pages (--save-pages) ----------------------------------------- */

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* The first YYYY-MM-DD in s into out (11 bytes). */
static bool find_date(const char *s, char out[11])
{
    if (!s) return false;
    for (; *s; s++) {
        const char *p = s;
        bool ok = true;
        for (int k = 0; k < 10 && ok; k++)
            ok = (k == 4 || k == 7) ? p[k] == '-' : (p[k] >= '0' && p[k] <= '9');
        if (ok) {
            memcpy(out, s, 10);
            out[10] = '\0';
            return true;
        }
    }
    return false;
}

char *load_page_name(const char *url, const char *date, const char *fallback_date,
                     const char *bytes, size_t len, const char *ext)
{
    struct strbuf b = {0};
    const char *h = url ? strstr(url, "://") : NULL;
    size_t hl = 0;
    if (h) {
        h += 3;
        /* user:password@ is not the host */
        size_t end = strcspn(h, "/?#");
        const char *at = memchr(h, '@', end);
        if (at) {
            end -= (size_t)(at + 1 - h);
            h = at + 1;
        }
        hl = strcspn(h, ":/?#");
        hl = WD_MIN(hl, end);
    }
    for (size_t i = 0; i < hl && i < 64; i++) {
        char c = h[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c + 32);
            ok = true;
        }
        sb_addc(&b, ok ? c : '_');
    }
    if (b.len == 0 || b.s[0] == '.') { /* no host, or one that is no name */
        b.len = 0;
        sb_adds(&b, "page");
    }
    char d[11];
    if (find_date(date, d) || find_date(fallback_date, d)) {
        sb_addc(&b, '_');
        sb_adds(&b, d);
    }
    char hash[20];
    snprintf(hash, sizeof hash, "_%016llx", (unsigned long long)fnv1a(bytes, len));
    sb_adds(&b, hash);
    sb_addc(&b, '.');
    sb_adds(&b, ext);
    return sb_take(&b, NULL);
}

/* s with the characters that cannot stand in an HTML comment or an
 * attribute value percent-encoded (a hyphen only before another: "--"
 * would end the comment's text). */
static void add_encoded(struct strbuf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == '"' ||
            (c == '-' && s[1] == '-')) {
            char hex[4];
            snprintf(hex, sizeof hex, "%%%02X", c);
            sb_adds(b, hex);
        } else {
            sb_addc(b, (char)c);
        }
    }
}

/* Where the provenance comments go in a page: after a byte order mark and
 * a leading <!DOCTYPE ...>, as browsers place their "saved from" mark. */
static size_t after_doctype(const char *s, size_t len)
{
    size_t i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, start = i;
    while (i < len && strchr(" \t\r\n\f", s[i]))
        i++;
    if (i + 9 > len || strncasecmp(s + i, "<!doctype", 9) != 0) return start;
    const char *gt = memchr(s + i, '>', len - i);
    if (!gt) return start;
    i = (size_t)(gt - s) + 1;
    if (i < len && s[i] == '\n') i++;
    return i;
}

/* Write the fetched page of it into dir, with its provenance in two
 * comments at the top: the "saved from url" mark that browsers write, and
 * wirediff's own (page_meta.c reads both back). */
static void save_page(struct load_item *it, const struct pending *p, const char *dir)
{
    char *name =
        load_page_name(it->meta.final_url ? it->meta.final_url : it->name, it->meta.published,
                       it->meta.fetched, p->raw, p->rawlen, it->page ? "html" : "txt");
    struct strbuf path = {0};
    sb_adds(&path, dir);
    if (path.len && path.s[path.len - 1] != '/') sb_addc(&path, '/');
    sb_adds(&path, name);
    free(name);
    struct stat st;
    if (stat(path.s, &st) == 0 && S_ISREG(st.st_mode)) {
        /* the same site, date and bytes: kept already */
        it->meta.saved = sb_take(&path, NULL);
        return;
    }
    struct strbuf head = {0};
    if (it->page) {
        struct strbuf u = {0};
        add_encoded(&u, it->name);
        char mark[64];
        snprintf(mark, sizeof mark, "<!-- saved from url=(%04zu)", u.len);
        sb_adds(&head, mark);
        sb_add(&head, u.s, u.len);
        sb_adds(&head, " -->\n<!-- wirediff fetched=\"");
        sb_adds(&head, it->meta.fetched ? it->meta.fetched : "");
        char status[32];
        snprintf(status, sizeof status, "\" status=\"%ld\" final-url=\"", it->meta.status);
        sb_adds(&head, status);
        if (it->meta.final_url) add_encoded(&head, it->meta.final_url);
        sb_adds(&head, "\" -->\n");
        sb_free(&u);
    }
    /* atomically: a temporary file beside it, then a rename */
    struct strbuf tmp = {0};
    sb_adds(&tmp, path.s);
    sb_adds(&tmp, ".tmp.XXXXXX");
    int fd = mkstemp(tmp.s);
    bool ok = fd >= 0;
    int e = errno;
    if (ok) {
        size_t cut = it->page ? after_doctype(p->raw ? p->raw : "", p->rawlen) : 0;
        const char *parts[3] = {p->raw ? p->raw : "", head.s ? head.s : "",
                                p->raw ? p->raw + cut : ""};
        size_t lens[3] = {cut, head.len, p->rawlen - cut};
        for (int k = 0; k < 3 && ok; k++)
            for (size_t off = 0; off < lens[k] && ok;) {
                ssize_t w = write(fd, parts[k] + off, lens[k] - off);
                if (w < 0 && errno == EINTR) continue;
                ok = w > 0;
                if (ok)
                    off += (size_t)w;
                else
                    e = errno;
            }
        /* as any new file: readable as the umask allows (mkstemp made it 0600) */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
        if (close(fd) != 0 && ok) {
            ok = false;
            e = errno;
        }
        if (ok && rename(tmp.s, path.s) != 0) {
            ok = false;
            e = errno;
        }
        if (!ok) unlink(tmp.s);
    }
    if (ok) {
        it->meta.saved = sb_take(&path, NULL);
    } else {
        char msg[SOURCE_ERR_MAX];
        snprintf(msg, sizeof msg, "cannot keep the page in %.150s: %s", dir, strerror(e));
        set_err(it, WD_EIO, msg);
    }
    sb_free(&tmp);
    sb_free(&path);
    sb_free(&head);
}

/* ---- the whole ------------------------------------------------------------------------ */

static bool mime_is_page(const char *m)
{
    return m && (strcmp(m, "text/html") == 0 || strcmp(m, "application/xhtml+xml") == 0);
}

void load_sources(char *const *names, size_t n, const struct load_opts *o, struct load_item *items)
{
    struct pending *pend = xcalloc(n ? n : 1, sizeof *pend);
    const char **urls = xcalloc(n ? n : 1, sizeof *urls);
    size_t *url_item = xcalloc(n ? n : 1, sizeof *url_item);
    size_t nurls = 0;
    for (size_t i = 0; i < n; i++) {
        struct load_item *it = &items[i];
        memset(it, 0, sizeof *it);
        it->name = names[i];
        if (source_is_url(names[i])) {
            it->url = true;
            urls[nurls] = names[i];
            url_item[nurls++] = i;
        } else if (strcmp(names[i], "-") == 0) {
            if (o->input == SOURCE_TEXT) continue; /* the document layer reads it */
            size_t max = o->input == SOURCE_HTML ? o->fetch.max_bytes : (size_t)DOC_MAX_BYTES;
            enum wd_status st =
                read_fd(STDIN_FILENO, max, !o->doc.text, &pend[i].raw, &pend[i].rawlen, &it->id,
                        &it->has_id);
            if (st == WD_ETOOBIG && o->input == SOURCE_HTML)
                too_big(it, max);
            else if (st != WD_OK)
                set_err(it, st, st == WD_EIO ? strerror(errno) : util_strerror(st));
            else if (o->input == SOURCE_HTML ||
                     source_looks_html(NULL, pend[i].raw, WD_MIN(pend[i].rawlen, SNIFF_BYTES)))
                it->page = true;
        } else if (o->input == SOURCE_HTML ||
                   (o->input == SOURCE_AUTO &&
                    (source_looks_html(names[i], "", 0) || file_looks_html(names[i])))) {
            it->page = true;
            pend[i].page_file = true;
        }
    }
    if (nurls) {
        struct fetch_result *res = xcalloc(nurls, sizeof *res);
        fetch_all(urls, nurls, &o->fetch, res);
        for (size_t k = 0; k < nurls; k++) {
            struct load_item *it = &items[url_item[k]];
            struct fetch_result *r = &res[k];
            it->meta.url = xstrdup(urls[k]);
            if (r->final_url) it->meta.final_url = xstrdup(r->final_url);
            it->meta.status = r->status;
            if (r->fetched[0]) it->meta.fetched = xstrdup(r->fetched);
            if (!r->ok) {
                set_err(it, WD_EIO, r->err);
            } else {
                struct pending *p = &pend[url_item[k]];
                p->raw = r->body;
                p->rawlen = r->len;
                r->body = NULL;
                p->http_charset = r->charset;
                r->charset = NULL;
                it->page = o->input == SOURCE_HTML ||
                           (o->input == SOURCE_AUTO &&
                            (mime_is_page(r->mime) ||
                             (!r->mime &&
                              source_looks_html(NULL, p->raw, WD_MIN(p->rawlen, SNIFF_BYTES)))));
            }
            fetch_result_free(r);
        }
        free(res);
    }
    struct extract_job job = {.items = items, .pend = pend, .o = o};
    util_parallel(n, extract_one, &job);
    for (size_t i = 0; i < n; i++) {
        struct load_item *it = &items[i];
        struct pending *p = &pend[i];
        if (it->st == WD_OK && it->url && o->save_dir) save_page(it, p, o->save_dir);
        if (it->st == WD_OK && !it->page && p->raw) {
            /* a text that was read here (standard input, a fetched text) */
            it->text = p->raw;
            it->len = p->rawlen;
            p->raw = NULL;
        }
        free(p->raw);
        free(p->http_charset);
    }
    free(pend);
    free(urls);
    free(url_item);
}

void load_docs(struct doc_ctx *ctx, struct load_item *items, size_t n, const struct doc_opts *o,
               struct doc **out)
{
    struct doc_input *in = xcalloc(n ? n : 1, sizeof *in);
    size_t *which = xcalloc(n ? n : 1, sizeof *which);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = NULL;
        if (items[i].st != WD_OK) continue;
        in[m].name = items[i].name;
        in[m].text = items[i].text;
        in[m].len = items[i].len;
        items[i].text = NULL;
        bool has_meta = items[i].page || items[i].url;
        in[m].meta = has_meta ? &items[i].meta : NULL;
        in[m].id = items[i].id;
        in[m].has_id = items[i].has_id;
        which[m++] = i;
    }
    struct doc **docs = xcalloc(m ? m : 1, sizeof *docs);
    enum wd_status *st = xcalloc(m ? m : 1, sizeof *st);
    doc_load_inputs(ctx, in, m, o, docs, st);
    for (size_t k = 0; k < m; k++) {
        struct load_item *it = &items[which[k]];
        out[which[k]] = docs[k];
        if (st[k] != WD_OK) {
            set_err(it, st[k], util_strerror(st[k]));
            it->skippable = st[k] == WD_EBINARY;
        }
    }
    free(docs);
    free(st);
    free(in);
    free(which);
}

void load_text(struct load_item *it, bool text_ok)
{
    char *t;
    size_t len;
    enum wd_status st =
        strcmp(it->name, "-") == 0
            ? read_fd(STDIN_FILENO, (size_t)DOC_MAX_BYTES, !text_ok, &t, &len, &it->id,
                      &it->has_id)
            : read_path(it->name, (size_t)DOC_MAX_BYTES, &t, &len, &it->id, &it->has_id);
    if (st == WD_OK && !text_ok && memchr(t, '\0', len)) {
        free(t);
        st = WD_EBINARY;
    }
    if (st != WD_OK) {
        set_err(it, st, st == WD_EIO ? strerror(errno) : util_strerror(st));
        it->skippable = st == WD_EBINARY;
        return;
    }
    it->text = t;
    it->len = len;
}

void load_item_free(struct load_item *it)
{
    free(it->text);
    source_meta_free(&it->meta);
    memset(it, 0, sizeof *it);
}
