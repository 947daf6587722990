#include "config.h"

#include "transcode.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

const char *transcode_bom(const char *s, size_t len, size_t *bomlen)
{
    const unsigned char *u = (const unsigned char *)s;
    *bomlen = 0;
    if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) {
        *bomlen = 4; /* before UTF-16LE, whose mark it starts with */
        return "UTF-32LE";
    }
    if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) {
        *bomlen = 4;
        return "UTF-32BE";
    }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        *bomlen = 2;
        return "UTF-16LE";
    }
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        *bomlen = 2;
        return "UTF-16BE";
    }
    return NULL;
}

static const char replacement[] = "\xEF\xBF\xBD";

enum wd_status transcode_to_utf8(const char *enc, const char *s, size_t len, size_t max, char **out,
                                 size_t *outlen, size_t *replaced)
{
    *out = NULL;
    *outlen = *replaced = 0;
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) return WD_EIO;
    /* UTF-16 takes at most 3 bytes of UTF-8 for 2, UTF-32 at most 4 for
     * 4; one more unit's room for a U+FFFD, and the NUL */
    size_t unit = strstr(enc, "32") ? 4 : 2;
    size_t cap = len / 2 * 3 + 8;
    char *buf = malloc(cap);
    enum wd_status st = buf ? WD_OK : WD_ENOMEM;
    char *in = (char *)s, *o = buf;
    size_t inleft = len, oleft = cap - 1;
    while (st == WD_OK && inleft > 0) {
        if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1) break;
        if (errno == E2BIG) { /* cannot happen by the bound above; grow anyway */
            size_t used = (size_t)(o - buf);
            char *b = realloc(buf, cap * 2);
            if (!b) {
                st = WD_ENOMEM;
                break;
            }
            buf = b;
            cap *= 2;
            o = buf + used;
            oleft = cap - 1 - used;
            continue;
        }
        /* EILSEQ (an invalid unit) or EINVAL (a truncated one at the end):
         * U+FFFD for it, and on */
        if (oleft < sizeof replacement) {
            size_t used = (size_t)(o - buf);
            char *b = realloc(buf, cap + 16);
            if (!b) {
                st = WD_ENOMEM;
                break;
            }
            buf = b;
            cap += 16;
            o = buf + used;
            oleft = cap - 1 - used;
        }
        memcpy(o, replacement, sizeof replacement - 1);
        o += sizeof replacement - 1;
        oleft -= sizeof replacement - 1;
        ++*replaced;
        size_t skip = WD_MIN(unit, inleft);
        in += skip;
        inleft -= skip;
        iconv(cd, NULL, NULL, NULL, NULL); /* a clean state after the error */
    }
    iconv_close(cd);
    size_t n = buf ? (size_t)(o - buf) : 0;
    if (st == WD_OK && n > max) st = WD_ETOOBIG;
    if (st != WD_OK) {
        free(buf);
        return st;
    }
    buf[n] = '\0';
    *out = buf;
    *outlen = n;
    return WD_OK;
}
