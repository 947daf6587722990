/* digest_lang.c - the word lists of the digest (digest.h), one table per
 * language.  Each list is lower case and in strict strcmp order (the
 * digest searches them by halves; test_digest checks the order).  To add a
 * language, add its lists and a row of `langs`. */
#include "config.h"

#include "digest.h"

#include <string.h>

#include "util.h"

/* Verbs and phrases that attribute speech or a claim to a source. */
static const char *const en_speech[] = {
    "acknowledged", "acknowledges", "added",     "adds",       "admits",     "admitted",
    "alleged",      "alleges",      "announced", "announces",  "argued",     "argues",
    "asserted",     "asserts",      "claimed",   "claims",     "commented",  "conceded",
    "concedes",     "confirmed",    "confirms",  "contended",  "declared",   "declares",
    "denied",       "denies",       "disclosed", "emphasised", "emphasized", "estimated",
    "explained",    "explains",     "indicated", "insisted",   "insists",    "maintained",
    "maintains",    "noted",        "notes",     "posted",     "remarked",   "replied",
    "reported",     "reports",      "responded", "revealed",   "said",       "say",
    "says",         "stated",       "stressed",  "stresses",   "suggested",  "suggests",
    "tells",        "testified",    "told",      "tweeted",    "warned",     "warns",
    "writes",       "wrote"};

/* Speech verbs that only report, their stems (digest.c stems "said" to
 * "say"): one replaced by another is no change of attribution; a verb
 * that weighs the claim (claimed, insisted, admitted, denied ...) is. */
static const char *const en_neutral[] = {"according", "add",     "announc", "comment", "emphasis",
                                         "emphasiz",  "explain", "not",     "post",    "remark",
                                         "repli",     "report",  "respond", "say",     "stat",
                                         "stress",    "tell",    "tweet",   "write"};

static const char *const en_negation[] = {"neither", "never", "no",      "nobody",  "none",
                                          "nor",     "not",   "nothing", "nowhere", "without"};

/* ("would" is not a hedge: in reported speech it is only the tense of
 * "will".) */
static const char *const en_hedge[] = {
    "allegedly", "apparently", "appeared", "appears",    "could",      "likely",      "may",
    "might",     "perhaps",    "possibly", "presumably", "probably",   "purportedly", "reportedly",
    "seemed",    "seemingly",  "seems",    "supposedly", "unconfirmed"};

/* ("one" is not among the number words: it is a pronoun as often as a
 * count; the digit 1 is a number.) */
/* Auxiliaries, passed over to find what a negation or a hedge bears on. */
static const char *const en_aux[] = {
    "am",   "are", "be",  "been",  "being", "can",   "could",  "did", "do",   "does", "had",  "has",
    "have", "is",  "may", "might", "must",  "shall", "should", "was", "were", "will", "would"};

/* Words that qualify a number ("at least 18", "nearly 300"). */
static const char *const en_qualifier[] = {
    "about", "above", "almost", "approximately", "around",  "below", "fewer", "least", "less",
    "more",  "most",  "nearly", "over",          "roughly", "some",  "than",  "under", "up"};

static const char *const en_number_words[] = {
    "billion",  "dozen",     "dozens",  "eight",    "eighteen", "eighty",  "eleven",   "fifteen",
    "fifty",    "five",      "forty",   "four",     "fourteen", "half",    "hundred",  "hundreds",
    "million",  "millions",  "nine",    "nineteen", "ninety",   "percent", "seven",    "seventeen",
    "seventy",  "six",       "sixteen", "sixty",    "ten",      "tens",    "thirteen", "thirty",
    "thousand", "thousands", "three",   "trillion", "twelve",   "twenty",  "two"};

static const char *const en_dates[] = {"april",    "august",  "december", "february",  "friday",
                                       "january",  "july",    "june",     "march",     "monday",
                                       "november", "october", "saturday", "september", "sunday",
                                       "thursday", "tuesday", "wednesday"};

/* Words that are capitalised for their place, not for being a name. */
static const char *const en_function[] = {
    "a",         "after",   "also",  "although", "an",      "and",   "as",    "at",    "because",
    "before",    "but",     "by",    "during",   "earlier", "for",   "from",  "he",    "her",
    "his",       "however", "i",     "if",       "in",      "it",    "its",   "last",  "later",
    "meanwhile", "mr",      "mrs",   "ms",       "my",      "next",  "of",    "on",    "or",
    "our",       "she",     "since", "so",       "that",    "the",   "their", "there", "these",
    "they",      "this",    "those", "though",   "to",      "under", "until", "we",    "what",
    "when",      "where",   "which", "while",    "who",     "why",   "with",  "yet",   "you"};

#define LIST(x) x, WD_ARRAY_LEN(x)

static const struct digest_lang langs[] = {
    {"en", LIST(en_speech), LIST(en_neutral), LIST(en_negation), LIST(en_hedge), LIST(en_aux),
     LIST(en_qualifier), LIST(en_number_words), LIST(en_dates), LIST(en_function)},
};

const struct digest_lang *digest_lang_get(const char *code)
{
    for (size_t i = 0; i < WD_ARRAY_LEN(langs); i++)
        if (code && strncmp(code, langs[i].name, 2) == 0) return &langs[i];
    return NULL;
}

const struct digest_lang *digest_lang_default(void)
{
    return &langs[0];
}
