package io.printbridge.core.words;

/**
 * The forms of a masculine noun counted by an Arabic number, nominative case, without
 * vowel marks.
 *
 * @param singular after 1, after hundreds, thousands and millions (genitive, same spelling):
 *     دينار
 * @param dual for 2, alone: ديناران
 * @param dualConstruct for 2 when a noun follows it (ألفا دينار): the nominative dual loses its ن
 * @param plural after 3 to 10 (genitive plural): دنانير
 * @param accusative after 11 to 99 (tamyiz, singular accusative): دينارا
 */
record ArabicNoun(String singular, String dual, String dualConstruct, String plural, String accusative) {
    static final ArabicNoun DINAR = new ArabicNoun("دينار", "ديناران", "دينارا", "دنانير", "دينارا");
    static final ArabicNoun CENTIME = new ArabicNoun("سنتيم", "سنتيمان", "سنتيما", "سنتيمات", "سنتيما");
    static final ArabicNoun THOUSAND = new ArabicNoun("ألف", "ألفان", "ألفا", "آلاف", "ألفا");
    static final ArabicNoun MILLION = new ArabicNoun("مليون", "مليونان", "مليونا", "ملايين", "مليونا");
    static final ArabicNoun MILLIARD = new ArabicNoun("مليار", "ملياران", "مليارا", "مليارات", "مليارا");
}
