/* export_ansi.c - the side-by-side text in the reader's colours, as SGR
 * escape codes (ECMA-48), for `less -R` and terminals.
 *
 * The colours are the theme's (theme.h, view.theme: dark unless the light
 * one or the config file's [colors] say otherwise), 256-colour ones: the
 * common text of a pair tinted, deleted words on red, inserted words on
 * green, sentences only in A red and only in B green, fold markers grey,
 * gutter marks bold in the colour of their kind (a weak pair's '?' in
 * the weak face), role letters in the role face, the text of a sentence
 * that is not the story as the reader's dimmed boilerplate, a same row's
 * characters that differ only in case, quotes or dashes as the folded
 * face (underlined), moved notes as the theme's note.  Instead of the reader's reversed header line, the
 * "---"/"+++" lines take the label face (bold).  Every coloured stretch
 * is closed with SGR 0 before its line ends, so a line never bleeds into
 * the next (less -R, grep, a pager that starts mid-file).  The text itself
 * carries no escapes: the layout drops control characters
 * (layout_piece_text).
 */
#include "config.h"

#include "export.h"

/* The SGR parameters of each face the side-by-side form uses. */
struct ansi_codes {
    char sgr[TF_COUNT][THEME_SGR_MAX];
};

/* SGR parameters of face f, NULL when it changes nothing. */
static const char *code(struct ansi_codes *c, const struct theme *t, int f)
{
    return theme_sgr(&t->face[f], c->sgr[f]) ? c->sgr[f] : NULL;
}

enum wd_status export_ansi(FILE *f, const struct export_input *in)
{
    struct theme dark;
    const struct theme *t = in->view.theme;
    if (!t) {
        theme_init(&dark, THEME_DARK);
        t = &dark;
    }
    struct ansi_codes c;
    struct export_style style = {.marks = false};
    static const int attrs[] = {LA_PLAIN,   LA_COMMON,   LA_DEL, LA_INS,
                                LA_DELETED, LA_INSERTED, LA_FOLD, LA_FOLDED};
    for (size_t i = 0; i < WD_ARRAY_LEN(attrs); i++)
        style.attr[attrs[i]] = code(&c, t, attrs[i]);
    style.gutter[ROW_CHANGED] = code(&c, t, TF_GUTTER_CHANGED);
    style.gutter[ROW_MOVED] = code(&c, t, TF_GUTTER_MOVED);
    style.gutter[ROW_DELETED] = code(&c, t, TF_GUTTER_DELETED);
    style.gutter[ROW_INSERTED] = code(&c, t, TF_GUTTER_INSERTED);
    style.weak = code(&c, t, TF_GUTTER_WEAK);
    style.role = code(&c, t, TF_ROLE);
    style.boiler = code(&c, t, TF_BOILER);
    style.note = code(&c, t, TF_NOTE);
    style.header = code(&c, t, TF_LABEL);
    style.only[SIDE_A] = style.attr[LA_DELETED];
    style.only[SIDE_B] = style.attr[LA_INSERTED];
    return export_side_by_side(f, in, &style);
}
