/* test_theme.c - unit tests for the colours (src/theme.c): every face of
 * both themes readable (WCAG 2 contrast >= 4.5:1 on xterm's 256-colour
 * palette), colour names as the config file writes them, SGR sequences,
 * and the terminal's answer to the OSC 11 background query. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "theme.h"
#include "util.h"

/* WCAG 2's least contrast for body text (success criterion 1.4.3, AA). */
#define MIN_CONTRAST 4.5

/* The terminal a theme is made for, in xterm's palette: light grey (7)
 * on black (0) for dark, black (0) on white (15) for light. */
static void terminal_colors(enum theme_kind k, int *fg, int *bg)
{
    *fg = k == THEME_DARK ? 7 : 0;
    *bg = k == THEME_DARK ? 0 : 15;
}

/* The contrast face c shows with on a terminal of kind k: its colours,
 * the terminal's where it has none, swapped by reverse. */
static double face_contrast(const struct theme_color *c, enum theme_kind k)
{
    int dfg, dbg;
    terminal_colors(k, &dfg, &dbg);
    int fg = c->fg == THEME_DEFAULT ? dfg : c->fg;
    int bg = c->bg == THEME_DEFAULT ? dbg : c->bg;
    if (c->attr & THEME_REVERSE) {
        int x = fg;
        fg = bg;
        bg = x;
    }
    uint8_t a[3], b[3];
    theme_xterm_rgb(fg, a);
    theme_xterm_rgb(bg, b);
    return theme_contrast(a, b);
}

static void check_theme(enum theme_kind k, const char *name)
{
    struct theme t;
    theme_init(&t, k);
    double least = 100;
    int worst = 0;
    for (int f = 0; f < TF_COUNT; f++) {
        const struct theme_color *c = &t.face[f];
        double r = face_contrast(c, k);
        if (r < MIN_CONTRAST)
            fail_msg("%s theme: face %s (%d on %d) has contrast %.2f:1, under %.1f:1", name,
                     theme_face_name(f) ? theme_face_name(f) : "mark", c->fg, c->bg, r,
                     MIN_CONTRAST);
        if (r < least) {
            least = r;
            worst = f;
        }
        /* fixed colours only (the cube and greys), no dimming: what the
         * figure says is what a 256-colour terminal shows */
        assert_true(c->fg == THEME_DEFAULT || c->fg >= 16);
        assert_true(c->bg == THEME_DEFAULT || c->bg >= 16);
        assert_false(c->attr & THEME_DIM);
    }
    printf("# %s theme: least contrast %.2f:1 (%s)\n", name, least, theme_face_name(worst));
}

static void test_contrast_dark(void **state)
{
    (void)state;
    check_theme(THEME_DARK, "dark");
}

static void test_contrast_light(void **state)
{
    (void)state;
    check_theme(THEME_LIGHT, "light");
}

/* The faces that tell a change apart differ from each other and from the
 * same text, in both themes and both tables. */
static void test_faces_distinct(void **state)
{
    (void)state;
    static const int changes[] = {LA_PLAIN, LA_COMMON, LA_DEL, LA_INS, LA_DELETED, LA_INSERTED};
    for (int k = THEME_DARK; k <= THEME_LIGHT; k++) {
        struct theme t;
        theme_init(&t, (enum theme_kind)k);
        for (int tab = 0; tab < 2; tab++) {
            const struct theme_color *p = tab ? t.face16 : t.face;
            for (size_t i = 0; i < WD_ARRAY_LEN(changes); i++)
                for (size_t j = i + 1; j < WD_ARRAY_LEN(changes); j++)
                    assert_memory_not_equal(&p[changes[i]], &p[changes[j]],
                                            sizeof(struct theme_color));
        }
    }
    /* changed text is not the dark theme's yellow on the light one */
    struct theme light;
    theme_init(&light, THEME_LIGHT);
    assert_int_not_equal(light.face[LA_COMMON].fg, 220);
}

static void test_wcag_formula(void **state)
{
    (void)state;
    uint8_t black[3] = {0, 0, 0}, white[3] = {255, 255, 255}, grey[3] = {0x77, 0x77, 0x77};
    assert_true(theme_contrast(black, white) > 20.99 && theme_contrast(black, white) < 21.01);
    assert_true(theme_contrast(white, white) == 1.0);
    /* #777777 on white is the classic near miss: 4.48:1 */
    double r = theme_contrast(grey, white);
    assert_true(r > 4.47 && r < 4.49);
    assert_true(theme_luminance(white) > 0.999);
}

static void test_palette(void **state)
{
    (void)state;
    uint8_t c[3];
    theme_xterm_rgb(196, c); /* cube: 5,0,0 */
    assert_int_equal(c[0], 255);
    assert_int_equal(c[1], 0);
    theme_xterm_rgb(16, c);
    assert_int_equal(c[0] + c[1] + c[2], 0);
    theme_xterm_rgb(231, c);
    assert_int_equal(c[2], 255);
    theme_xterm_rgb(232, c);
    assert_int_equal(c[0], 8);
    theme_xterm_rgb(255, c);
    assert_int_equal(c[0], 238);
    theme_xterm_rgb(4, c);
    assert_int_equal(c[2], 0xee);
    uint8_t red[3] = {255, 0, 0}, gold[3] = {0xd7, 0xaf, 0x00};
    assert_int_equal(theme_nearest(red, 256), 196);
    assert_int_equal(theme_nearest(gold, 256), 178);
    assert_int_equal(theme_nearest(red, 16), 9);
}

static void test_parse_color(void **state)
{
    (void)state;
    struct theme_color c;
    char err[160];
    assert_true(theme_parse_color("bold white on red", &c, err, sizeof err));
    assert_int_equal(c.fg, 7);
    assert_int_equal(c.bg, 1);
    assert_int_equal(c.attr, THEME_BOLD);
    assert_true(theme_parse_color("  231 124   ul reverse ", &c, err, sizeof err));
    assert_int_equal(c.fg, 231);
    assert_int_equal(c.bg, 124);
    assert_int_equal(c.attr, THEME_UNDERLINE | THEME_REVERSE);
    assert_true(theme_parse_color("#D7AF00", &c, err, sizeof err));
    assert_int_equal(c.fg, 178);
    assert_int_equal(c.bg, THEME_DEFAULT);
    assert_true(theme_parse_color("default brightblue italic", &c, err, sizeof err));
    assert_int_equal(c.fg, THEME_DEFAULT);
    assert_int_equal(c.bg, 12);
    assert_true(theme_parse_color("Bold", &c, err, sizeof err));
    assert_int_equal(c.fg, THEME_DEFAULT);
    assert_int_equal(c.attr, THEME_BOLD);

    assert_false(theme_parse_color("purple", &c, err, sizeof err));
    assert_non_null(strstr(err, "'purple' is no colour"));
    assert_false(theme_parse_color("256", &c, err, sizeof err));
    assert_false(theme_parse_color("#12345", &c, err, sizeof err));
    assert_false(theme_parse_color("#12345g", &c, err, sizeof err));
    assert_false(theme_parse_color("red green blue", &c, err, sizeof err));
    assert_non_null(strstr(err, "more than two colours"));
    assert_false(theme_parse_color("on red", &c, err, sizeof err));
    assert_false(theme_parse_color("red on", &c, err, sizeof err));
    assert_false(theme_parse_color("   ", &c, err, sizeof err));
    assert_false(
        theme_parse_color("averyveryveryverylongcolournamethatgoesonandon", &c, err, sizeof err));
}

static void test_sgr(void **state)
{
    (void)state;
    char buf[THEME_SGR_MAX];
    struct theme_color c = {231, 124, THEME_BOLD};
    theme_sgr(&c, buf);
    assert_string_equal(buf, "1;38;5;231;48;5;124");
    c = (struct theme_color){1, 10, THEME_UNDERLINE | THEME_REVERSE};
    theme_sgr(&c, buf);
    assert_string_equal(buf, "4;7;31;102");
    c = (struct theme_color){THEME_DEFAULT, THEME_DEFAULT, 0};
    assert_int_equal(theme_sgr(&c, buf), 0);
    assert_string_equal(buf, "");
    /* the longest one fits */
    c = (struct theme_color){255, 255, 0x1f};
    assert_true(theme_sgr(&c, buf) < THEME_SGR_MAX);
}

static void test_set_face(void **state)
{
    (void)state;
    struct theme t;
    theme_init(&t, THEME_DARK);
    struct theme_color c = {196, 21, THEME_BOLD};
    theme_set(&t, LA_DEL, &c);
    assert_int_equal(t.face[LA_DEL].fg, 196);
    assert_int_equal(t.face16[LA_DEL].fg, 9); /* bright red */
    assert_int_equal(t.face16[LA_DEL].bg, 4); /* blue (#0000ee), the nearest of 16 */
    assert_int_equal(theme_face_by_name("Deleted-Word"), LA_DEL);
    assert_int_equal(theme_face_by_name("nosuchface"), -1);
    for (int f = 0; f < TF_COUNT; f++)
        if (theme_face_name(f)) assert_int_equal(theme_face_by_name(theme_face_name(f)), f);
}

#define OSC(s) (s), sizeof(s) - 1

static void test_osc11(void **state)
{
    (void)state;
    uint8_t c[3];
    assert_true(theme_parse_osc11(OSC("\033]11;rgb:ffff/ffff/ffff\033\\"), c));
    assert_int_equal(c[0], 255);
    assert_int_equal(theme_kind_for(c), THEME_LIGHT);
    assert_true(theme_parse_osc11(OSC("\033]11;rgb:0000/2b2b/3636\a"), c));
    assert_int_equal(c[1], 0x2b);
    assert_int_equal(theme_kind_for(c), THEME_DARK); /* Solarized dark */
    /* two hex digits a channel, after the answer to DA1 */
    assert_true(theme_parse_osc11(OSC("\033[?62;22c\033]11;rgb:fd/f6/e3\a"), c));
    assert_int_equal(c[2], 0xe3);
    assert_int_equal(theme_kind_for(c), THEME_LIGHT); /* Solarized light */
    /* one digit scales: f is 255, 8 is 136 */
    assert_true(theme_parse_osc11(OSC("\033]11;rgb:f/8/0\a"), c));
    assert_int_equal(c[0], 255);
    assert_int_equal(c[1], 136);
    assert_false(theme_parse_osc11(OSC("\033]11;rgb:ffff/ffff\a"), c));
    assert_false(theme_parse_osc11(OSC("\033]11;rgb:ffff/ffff/ffff"), c)); /* cut short */
    assert_false(theme_parse_osc11(OSC("\033]11;rgb:fffff/0/0\a"), c));
    assert_false(theme_parse_osc11(OSC("\033]10;rgb:ffff/ffff/ffff\a"), c)); /* foreground */
    assert_false(theme_parse_osc11(OSC("\033[?1;2c"), c));
    assert_false(theme_parse_osc11("", 0, c));
    uint8_t mid[3] = {0x70, 0x70, 0x70}, lighter[3] = {0x80, 0x80, 0x80};
    assert_int_equal(theme_kind_for(mid), THEME_DARK);
    assert_int_equal(theme_kind_for(lighter), THEME_LIGHT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contrast_dark),
        cmocka_unit_test(test_contrast_light),
        cmocka_unit_test(test_faces_distinct),
        cmocka_unit_test(test_wcag_formula),
        cmocka_unit_test(test_palette),
        cmocka_unit_test(test_parse_color),
        cmocka_unit_test(test_sgr),
        cmocka_unit_test(test_set_face),
        cmocka_unit_test(test_osc11),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
