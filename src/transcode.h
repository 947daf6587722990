/* transcode.h - text files in UTF-16 or UTF-32, recognised by their byte
 * order mark, converted to UTF-8 (glibc's iconv) when they are read, so
 * that they are compared like any other text instead of being refused as
 * binary (their ASCII letters come with NUL bytes).  Without a BOM such a
 * file is still binary: nothing else tells UTF-16 from binary data.
 *
 * The document then holds the UTF-8 text: its byte offsets (JSON,
 * --sentences) count in the converted text, not in the file.
 */
#ifndef WD_TRANSCODE_H
#define WD_TRANSCODE_H

#include <stddef.h>

#include "util.h"

/* The encoding ("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE") whose
 * byte order mark s[0..len) starts with, and the mark's length in *bomlen;
 * NULL when there is none (a UTF-8 BOM is not one of these). */
const char *transcode_bom(const char *s, size_t len, size_t *bomlen);

/* s[0..len) (the text after the BOM) from enc to UTF-8, into a new
 * NUL-terminated buffer *out of *outlen bytes (the caller frees it).  A
 * code unit that is not valid in enc (a lone surrogate, a value above
 * U+10FFFF, an odd byte at the end) becomes U+FFFD; *replaced counts
 * them.  Returns WD_OK, WD_ETOOBIG when the result would pass max bytes,
 * WD_ENOMEM, or WD_EIO when iconv cannot convert from enc at all. */
enum wd_status transcode_to_utf8(const char *enc, const char *s, size_t len, size_t max, char **out,
                                 size_t *outlen, size_t *replaced);

#endif
