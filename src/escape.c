#include "config.h"

#include "escape.h"

#include <stdio.h>
#include <string.h>

#include "text.h"
#include "util.h"

bool escape_is_bidi(int32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

size_t escape_cp(int32_t cp, char *out)
{
    switch (cp) {
    case '\\':
        return (size_t)snprintf(out, ESCAPE_CP_MAX, "\\\\");
    case '\t':
        return (size_t)snprintf(out, ESCAPE_CP_MAX, "\\t");
    case '\n':
        return (size_t)snprintf(out, ESCAPE_CP_MAX, "\\n");
    case '\r':
        return (size_t)snprintf(out, ESCAPE_CP_MAX, "\\r");
    default:
        break;
    }
    if ((cp >= 0 && cp < 0x20) || cp == 0x7F)
        return (size_t)snprintf(out, ESCAPE_CP_MAX, "\\x%02x", (unsigned)cp);
    if ((cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 || escape_is_bidi(cp))
        return (size_t)snprintf(out, ESCAPE_CP_MAX, "\\u%04x", (unsigned)cp);
    out[0] = '\0';
    return 0;
}

size_t escape_text(const char *s, size_t len, char **buf, size_t *cap)
{
    size_t n = 0;
    xgrow(buf, cap, len + 1, 1);
    for (size_t i = 0; i < len;) {
        char e[ESCAPE_CP_MAX];
        int32_t cp;
        size_t l = text_decode(s, len, i, &cp), el;
        if (cp == TEXT_REPLACEMENT && !text_valid_at(s, len, i))
            el = (size_t)snprintf(e, sizeof e, "\\x%02x", (unsigned char)s[i]);
        else
            el = escape_cp(cp, e);
        const char *from = el ? e : s + i;
        size_t m = el ? el : l;
        xgrow(buf, cap, n + m + 1, 1);
        memcpy(*buf + n, from, m);
        n += m;
        i += l;
    }
    (*buf)[n] = '\0';
    return n;
}

char *escape_str(const char *s)
{
    char *buf = NULL;
    size_t cap = 0;
    escape_text(s, strlen(s), &buf, &cap);
    return buf;
}
