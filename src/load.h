/* load.h - from the names on the command line to documents: each input
 * is read as text or as a web page (a saved file, standard input or a
 * URL), pages are fetched at once and their articles extracted on every
 * CPU, fetched pages are kept when asked (--save-pages), and the
 * documents are built in the order given.
 *
 * This is the only place that puts the source layer (source.h, fetch.h)
 * and the document layer together; above it, a document is a document.
 */
#ifndef WD_LOAD_H
#define WD_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "fetch.h"
#include "source.h"

struct load_opts {
    enum source_input input; /* --input: auto, text or html */
    struct doc_opts doc;
    struct fetch_opts fetch; /* URLs: time-out, size limit (also for page files), progress */
    const char *save_dir;    /* --save-pages: keep each fetched page there (NULL: not kept) */
};

/* One input and what became of it. */
struct load_item {
    const char *name; /* as given (not owned) */
    bool url;         /* fetched */
    bool page;        /* its text is a page's article */
    /* The text when it is not read from the file by the document layer
     * (pages, fetched text, sniffed standard input); owned. */
    char *text;
    size_t len;
    size_t body;               /* a page's body starts here in text (after the headline line) */
    struct source_meta meta;   /* owned; meta.page for an article */
    struct util_fileid id;     /* the file its text was read from here, when has_id: */
    bool has_id;               /* an output never replaces an input */
    enum wd_status st;         /* WD_OK, or why the input cannot be used */
    char err[SOURCE_ERR_MAX];  /* the message after "wirediff: NAME: " when st != WD_OK */
    bool skippable;            /* a folder may go on without it: binary, no article */
    char warn[SOURCE_ERR_MAX]; /* a warning to print, or "" */
};

/* Read, fetch and extract names[0 .. n) into items[0 .. n) (fresh; free
 * them with load_item_free).  Never fails as a whole: each item says what
 * went wrong with it. */
void load_sources(char *const *names, size_t n, const struct load_opts *o, struct load_item *items);

/* The documents of the items that are WD_OK, into out[i] (NULL for the
 * others); an item whose document cannot be made (a binary or unreadable
 * file) gets its st and err set.  The texts and metadata move into the
 * documents. */
void load_docs(struct doc_ctx *ctx, struct load_item *items, size_t n, const struct doc_opts *o,
               struct doc **out);

void load_item_free(struct load_item *it);

/* Read a text file's bytes into it->text (--extract shows them), with the
 * document layer's checks: NUL bytes (unless text_ok), 4 GiB.  Sets st
 * and err on failure. */
void load_text(struct load_item *it, bool text_ok);

/* The file name --save-pages gives a page: its site (the host of url,
 * "page" when none), its date (the first YYYY-MM-DD of date, else of
 * fallback_date), and a short hash of its bytes: "www.example.com_
 * 2026-11-23_3fa2b9c1d0e4f5a6.html".  Returns a new string. */
char *load_page_name(const char *url, const char *date, const char *fallback_date,
                     const char *bytes, size_t len, const char *ext);

#endif
