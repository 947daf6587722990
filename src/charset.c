/* charset.c - a web page's bytes as UTF-8.
 *
 * The charset is found as a browser finds it (WHATWG HTML, "determining
 * the character encoding"): a byte order mark, else the HTTP header's
 * charset, else a <meta charset> or <meta http-equiv=Content-Type> in the
 * head, else UTF-8.  The head is read with libxml2's own parser (its SAX
 * interface, the bytes taken as ISO-8859-1 so that any byte is a
 * character), never a hand-written tag scanner.  Labels are mapped as the
 * Encoding Standard maps them (latin1 and iso-8859-1 are windows-1252,
 * shift_jis is CP932, gb2312 is GBK) and converted with iconv.  A byte
 * that is not valid in the charset becomes U+FFFD and is counted, as the
 * text layer does for plain files.
 */
#include "config.h"

#include "source_int.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* How much of a page is read for a <meta> charset declaration: browsers
 * look at the first 1024 bytes and then at what the parser meets before
 * <body>; real heads run to tens of kilobytes of scripts and styles. */
#define META_SCAN_MAX (256 * 1024)

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Labels whose iconv name differs from the label (WHATWG Encoding
 * Standard, section 4.2; only the labels that iconv would otherwise take
 * for another encoding, or not know). */
struct label {
    const char *label, *name;
};
static const struct label labels[] = {
    {"ansi_x3.4-1968", "WINDOWS-1252"},
    {"ascii", "WINDOWS-1252"},
    {"big5", "BIG5-HKSCS"},
    {"big5-hkscs", "BIG5-HKSCS"},
    {"chinese", "GBK"},
    {"cn-big5", "BIG5-HKSCS"},
    {"cp819", "WINDOWS-1252"},
    {"csbig5", "BIG5-HKSCS"},
    {"csgb2312", "GBK"},
    {"csiso58gb231280", "GBK"},
    {"csisolatin1", "WINDOWS-1252"},
    {"csisolatin5", "WINDOWS-1254"},
    {"csisolatin9", "ISO-8859-15"},
    {"csshiftjis", "CP932"},
    {"cswindows31j", "CP932"},
    {"euc-kr", "CP949"},
    {"gb2312", "GBK"},
    {"gb_2312", "GBK"},
    {"gb_2312-80", "GBK"},
    {"ibm819", "WINDOWS-1252"},
    {"iso-8859-1", "WINDOWS-1252"},
    {"iso-8859-11", "WINDOWS-874"},
    {"iso-8859-9", "WINDOWS-1254"},
    {"iso-ir-100", "WINDOWS-1252"},
    {"iso-ir-148", "WINDOWS-1254"},
    {"iso-ir-149", "CP949"},
    {"iso-ir-58", "GBK"},
    {"iso8859-1", "WINDOWS-1252"},
    {"iso8859-11", "WINDOWS-874"},
    {"iso8859-9", "WINDOWS-1254"},
    {"iso88591", "WINDOWS-1252"},
    {"iso885911", "WINDOWS-874"},
    {"iso88599", "WINDOWS-1254"},
    {"iso_8859-1", "WINDOWS-1252"},
    {"iso_8859-1:1987", "WINDOWS-1252"},
    {"iso_8859-9", "WINDOWS-1254"},
    {"iso_8859-9:1989", "WINDOWS-1254"},
    {"korean", "CP949"},
    {"ks_c_5601-1987", "CP949"},
    {"ks_c_5601-1989", "CP949"},
    {"ksc5601", "CP949"},
    {"ksc_5601", "CP949"},
    {"l1", "WINDOWS-1252"},
    {"l5", "WINDOWS-1254"},
    {"latin1", "WINDOWS-1252"},
    {"latin5", "WINDOWS-1254"},
    {"ms932", "CP932"},
    {"ms_kanji", "CP932"},
    {"shift-jis", "CP932"},
    {"shift_jis", "CP932"},
    {"sjis", "CP932"},
    {"tis-620", "WINDOWS-874"},
    {"unicode-1-1-utf-8", "UTF-8"},
    {"unicode11utf8", "UTF-8"},
    {"unicode20utf8", "UTF-8"},
    {"us-ascii", "WINDOWS-1252"},
    {"utf-16", "UTF-16LE"},
    {"utf8", "UTF-8"},
    {"windows-31j", "CP932"},
    {"windows-874", "WINDOWS-874"},
    {"windows-949", "CP949"},
    {"x-cp1252", "WINDOWS-1252"},
    {"x-gbk", "GBK"},
    {"x-mac-roman", "MACINTOSH"},
    {"x-sjis", "CP932"},
    {"x-x-big5", "BIG5-HKSCS"},
};

static int label_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct label *)elem)->label);
}

bool charset_iconv_name(const char *label, size_t len, char name[CHARSET_NAME_MAX])
{
    while (len > 0 && strchr(" \t\n\f\r\"'", label[0])) {
        label++;
        len--;
    }
    while (len > 0 && strchr(" \t\n\f\r\"';", label[len - 1]))
        len--;
    if (len == 0 || len >= CHARSET_NAME_MAX) return false;
    char low[CHARSET_NAME_MAX];
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)label[i];
        /* A label is ASCII letters, digits and a few signs. */
        if (c <= ' ' || c >= 0x7F) return false;
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    low[len] = '\0';
    const struct label *hit =
        bsearch(low, labels, WD_ARRAY_LEN(labels), sizeof labels[0], label_cmp);
    if (hit) {
        snprintf(name, CHARSET_NAME_MAX, "%s", hit->name);
    } else {
        for (size_t i = 0; i <= len; i++)
            name[i] = (char)(low[i] >= 'a' && low[i] <= 'z' ? low[i] - 32 : low[i]);
    }
    return true;
}

/* ---- the <meta> declaration -------------------------------------------------- */

struct meta_scan {
    char label[CHARSET_NAME_MAX * 2];
    bool found, stop;
    xmlParserCtxtPtr ctxt;
};

/* The charset=... of a Content-Type value ("text/html; charset=utf-8"),
 * into label. */
static bool content_type_charset(const char *v, char *label, size_t size)
{
    const char *p = v;
    while ((p = strchr(p, '='))) {
        const char *k = p;
        while (k > v && (k[-1] == ' ' || k[-1] == '\t'))
            k--;
        if (k - v >= 7 && strncasecmp(k - 7, "charset", 7) == 0) {
            p++;
            while (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'')
                p++;
            size_t n = strcspn(p, " \t;\"'");
            if (n == 0 || n >= size) return false;
            memcpy(label, p, n);
            label[n] = '\0';
            return true;
        }
        p++;
    }
    return false;
}

static void meta_start(void *user, const xmlChar *name, const xmlChar **atts)
{
    struct meta_scan *ms = user;
    if (ms->stop) return;
    const char *n = (const char *)name;
    if (strcmp(n, "body") == 0) {
        ms->stop = true;
        xmlStopParser(ms->ctxt);
        return;
    }
    if (strcmp(n, "meta") != 0 || !atts) return;
    const char *charset = NULL, *equiv = NULL, *content = NULL;
    for (size_t i = 0; atts[i]; i += 2) {
        const char *k = (const char *)atts[i], *v = (const char *)atts[i + 1];
        if (!v) continue;
        if (strcasecmp(k, "charset") == 0)
            charset = v;
        else if (strcasecmp(k, "http-equiv") == 0)
            equiv = v;
        else if (strcasecmp(k, "content") == 0)
            content = v;
    }
    if (charset && strlen(charset) < sizeof ms->label) {
        snprintf(ms->label, sizeof ms->label, "%s", charset);
        ms->found = true;
    } else if (equiv && content && strcasecmp(equiv, "content-type") == 0) {
        ms->found = content_type_charset(content, ms->label, sizeof ms->label);
    }
    if (ms->found) {
        ms->stop = true;
        xmlStopParser(ms->ctxt);
    }
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* The charset label a page declares in its head, into label. */
static bool meta_charset(const char *bytes, size_t len, char *label, size_t size)
{
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = meta_start;
    sax.error = quiet;
    sax.warning = quiet;
    struct meta_scan ms = {.found = false};
    htmlParserCtxtPtr ctxt =
        htmlCreatePushParserCtxt(&sax, &ms, NULL, 0, NULL, XML_CHAR_ENCODING_8859_1);
    if (!ctxt) return false;
    ms.ctxt = ctxt;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    size_t n = WD_MIN(len, (size_t)META_SCAN_MAX);
    for (size_t at = 0; at < n && !ms.stop;) {
        size_t chunk = WD_MIN(n - at, (size_t)4096);
        htmlParseChunk(ctxt, bytes + at, (int)chunk, 0);
        at += chunk;
    }
    if (!ms.stop) htmlParseChunk(ctxt, NULL, 0, 1);
    if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc);
    htmlFreeParserCtxt(ctxt);
    if (!ms.found) return false;
    snprintf(label, size, "%s", ms.label);
    return true;
}

/* ---- conversion ---------------------------------------------------------------- */

/* UTF-8 input: valid sequences as they are, each invalid byte and each NUL
 * as U+FFFD. */
static void repair_utf8(const char *s, size_t len, struct strbuf *out, size_t *invalid)
{
    size_t i = 0, run = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80 && s[i] != '\0') {
            i++;
            continue;
        }
        int32_t cp;
        size_t n = text_decode(s, len, i, &cp);
        if (s[i] == '\0' || (cp == TEXT_REPLACEMENT && !text_valid_at(s, len, i))) {
            sb_add(out, s + run, i - run);
            sb_add(out, replacement, 3);
            (*invalid)++;
            i += 1;
            run = i;
            continue;
        }
        i += n;
    }
    sb_add(out, s + run, len - run);
}

static bool convert(iconv_t cd, const char *s, size_t len, struct strbuf *out, size_t *invalid)
{
    char *in = (char *)s;
    size_t left = len;
    char buf[16384];
    while (left > 0) {
        char *o = buf;
        size_t room = sizeof buf;
        size_t r = iconv(cd, &in, &left, &o, &room);
        int e = errno;
        /* NUL bytes of the converted text are replaced like invalid ones. */
        size_t got = (size_t)(o - buf), from = 0;
        for (size_t k = 0; k < got; k++) {
            if (buf[k] != '\0') continue;
            sb_add(out, buf + from, k - from);
            sb_add(out, replacement, 3);
            (*invalid)++;
            from = k + 1;
        }
        sb_add(out, buf + from, got - from);
        if (r != (size_t)-1) continue;
        if (e == E2BIG) continue;
        if (e == EILSEQ || e == EINVAL) {
            /* a byte that is not valid here, or a sequence cut short at the end */
            sb_add(out, replacement, 3);
            (*invalid)++;
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
            continue;
        }
        return false;
    }
    return true;
}

/* "unknown charset 'x-foo'" (what is "unknown charset"): the label is
 * outside input, so only its printable ASCII is shown, the rest as '?'. */
static void charset_error(char err[SOURCE_ERR_MAX], const char *what, const char *label)
{
    char shown[64];
    size_t k = 0;
    for (; label[k] && k + 1 < sizeof shown; k++)
        shown[k] = label[k] >= 0x20 && label[k] < 0x7F ? label[k] : '?';
    shown[k] = '\0';
    snprintf(err, SOURCE_ERR_MAX, "%s '%s'", what, shown);
}

bool charset_to_utf8(const char *bytes, size_t len, const char *http_charset, struct strbuf *out,
                     size_t *invalid, char name[CHARSET_NAME_MAX], char err[SOURCE_ERR_MAX])
{
    *invalid = 0;
    const unsigned char *u = (const unsigned char *)bytes;
    char label[CHARSET_NAME_MAX * 2] = "";
    size_t skip = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        snprintf(label, sizeof label, "UTF-8");
        skip = 3;
    } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        snprintf(label, sizeof label, "UTF-16LE");
        skip = 2;
    } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        snprintf(label, sizeof label, "UTF-16BE");
        skip = 2;
    } else if (http_charset && *http_charset) {
        snprintf(label, sizeof label, "%s", http_charset);
    } else if (meta_charset(bytes, len, label, sizeof label)) {
        /* A page that says UTF-16 in its ASCII-compatible head is not
         * UTF-16 (WHATWG: the prescan's UTF-16 means UTF-8). */
        if (strncasecmp(label, "utf-16", 6) == 0) snprintf(label, sizeof label, "UTF-8");
    } else {
        snprintf(label, sizeof label, "UTF-8");
    }
    if (!charset_iconv_name(label, strlen(label), name)) {
        charset_error(err, "unknown charset", label);
        return false;
    }
    if (strcmp(name, "UTF-8") == 0) {
        repair_utf8(bytes + skip, len - skip, out, invalid);
        return true;
    }
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1) {
        charset_error(err, "unknown charset", label);
        return false;
    }
    bool ok = convert(cd, bytes + skip, len - skip, out, invalid);
    iconv_close(cd);
    if (!ok) {
        charset_error(err, "cannot convert from charset", label);
        return false;
    }
    if (!out->s) sb_add(out, "", 0);
    /* The converted text, too, may begin with a byte order mark. */
    if (out->len >= 3 && memcmp(out->s, "\xEF\xBB\xBF", 3) == 0) {
        memmove(out->s, out->s + 3, out->len - 2);
        out->len -= 3;
    }
    return true;
}
