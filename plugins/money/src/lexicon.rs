//! The words of money: currencies (names, symbols, ISO codes), multipliers,
//! qualifiers, and the nouns that make a bare amount money or not.
//!
//! Every lookup takes a lowercased word with `’` already folded to `'`.

use std::collections::HashMap;
use std::sync::LazyLock;

pub use glaneur_lexicon::KeySet;

use crate::Language;

/// A function of an English adjective and a currency noun (its plural
/// `s` dropped), both lowercased: a `match` on pairs, the code of each arm
/// in `Some`, `None` for any other pair. A filter of the adjectives
/// ([`WordFilter`]) refuses most words before the match: the rules ask
/// this of the words after every number, which are seldom adjectives of a
/// currency.
macro_rules! filtered_pairs {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($adjective:ident, $noun:ident), adjectives $adjectives:ident {
        $(($($a:literal)|+, $($n:literal)|+) => $code:literal),+ $(,)?
    }) => {
        /// The adjectives of the function after it.
        const $adjectives: &[&str] = &[$($($a),+),+];

        $(#[$doc])*
        $vis fn $name($adjective: &str, $noun: &str) -> Option<&'static str> {
            static ADJECTIVES: WordFilter = WordFilter::of(&[$adjectives]);
            if !ADJECTIVES.admits($adjective) {
                return None;
            }
            let $noun = $noun.trim_end_matches('s');
            Some(match ($adjective, $noun) {
                $(($($a)|+, $($n)|+) => $code,)+
                _ => return None,
            })
        }
    };
}

/// A function of a lowercased word: a `match` on words, each arm's value
/// given in `Some`, `None` for any other word. A filter of the same words
/// ([`WordFilter`]) refuses most words before the match: the rules ask this
/// of the words around every number, which are seldom any of them.
macro_rules! filtered_words {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($word:ident) -> $value:ty, filter $filter:ident, words $words:ident {
        $($($w:literal)|+ => $v:expr),+ $(,)?
    }) => {
        /// The words of the function after it.
        const $words: &[&str] = &[$($($w),+),+];

        /// The filter of the words of the function after it.
        static $filter: WordFilter = WordFilter::of(&[$words]);

        $(#[$doc])*
        $vis fn $name($word: &str) -> Option<$value> {
            if !$filter.admits($word) {
                return None;
            }
            Some(match $word {
                $($($w)|+ => $v,)+
                _ => return None,
            })
        }
    };
}

/// A currency named by a symbol before or after the number.
pub fn symbol_currency(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₩" => "KRW",
        "₽" => "RUB",
        "₺" => "TRY",
        "₪" => "ILS",
        "฿" => "THB",
        "₦" => "NGN",
        "₱" => "PHP",
        _ => return None,
    })
}

/// Letters glued before `$` that change which dollar it is (`US$`, `HK$`).
pub fn dollar_prefix(prefix: &str) -> Option<&'static str> {
    Some(match prefix {
        "US" => "USD",
        "C" | "CA" | "CAN" => "CAD",
        "A" | "AU" => "AUD",
        "HK" => "HKD",
        "S" | "SG" => "SGD",
        "NZ" => "NZD",
        "NT" => "TWD",
        "R" => "BRL",
        "MX" => "MXN",
        _ => return None,
    })
}

/// Letters written before the digits, as written, that name a currency
/// without being its ISO code (`Rs 350`, `Rs. 350`, `RM1.2 billion`, `Rp 15
/// trillion`, `NIS 1.2 billion`, `RMB 3 billion`).
/// Each starts with a capital, as every ISO code does: a word that does
/// not is told to be neither before its text is found (see
/// [`may_be_a_code`]).
pub fn letters_currency(word: &str) -> Option<&'static str> {
    if !word.as_bytes().first().is_some_and(|&b| may_be_a_code(b)) {
        return None;
    }
    LETTERS_CURRENCIES.iter().find(|(letters, _)| *letters == word).map(|&(_, code)| code)
}

/// The letters [`letters_currency`] knows, with their currency.
const LETTERS_CURRENCIES: &[(&str, &str)] =
    &[("Rs", "INR"), ("Rs.", "INR"), ("INR", "INR"), ("RM", "MYR"), ("Rp", "IDR"), ("NIS", "ILS"), ("RMB", "CNY")];

/// Whether a word whose text starts with `first` may be an ISO code
/// ([`iso_code`]) or the letters of a currency ([`letters_currency`]):
/// a capital.
#[inline]
pub fn may_be_a_code(first: u8) -> bool {
    first.is_ascii_uppercase()
}

/// Whether `last` may be the last byte of an ISO code or of the letters
/// [`letters_currency`] knows: a capital, or the end of `Rs`, `Rs.`, `Rp`.
pub fn may_end_a_code(last: u8) -> bool {
    last.is_ascii_uppercase() || matches!(last, b's' | b'.' | b'p')
}

filtered_pairs! {
    /// The currency an English adjective and a currency noun name together
    /// (`Swiss francs`, `Indian rupees`, `South African rand`, `Deutsche
    /// marks`); `adjective` is the last word before the noun, lowercased.
    pub fn english_adjective_currency(adjective, noun), adjectives CURRENCY_ADJECTIVES {
        ("swiss", "franc") => "CHF",
        ("french", "franc") => "FRF",
        ("belgian", "franc") => "BEF",
        ("cfa", "franc") => "XOF",
        ("indian", "rupee") => "INR",
        ("pakistani", "rupee") => "PKR",
        ("indonesian", "rupiah") => "IDR",
        ("norwegian", "krone" | "kroner") => "NOK",
        ("danish", "krone" | "kroner") => "DKK",
        ("swedish", "krona" | "kronor") => "SEK",
        ("czech", "crown" | "koruna") => "CZK",
        ("brazilian", "real" | "reai") => "BRL",
        ("korean", "won") => "KRW",
        ("african", "rand") => "ZAR",
        ("mexican", "peso") => "MXN",
        ("philippine", "peso") => "PHP",
        ("argentine" | "argentinian", "peso") => "ARS",
        ("chilean", "peso") => "CLP",
        ("colombian", "peso") => "COP",
        ("turkish", "lira") => "TRY",
        ("italian", "lira" | "lire") => "ITL",
        ("egyptian", "pound") => "EGP",
        ("british", "pound") => "GBP",
        ("saudi", "riyal") => "SAR",
        ("qatari", "riyal") => "QAR",
        ("kenyan", "shilling") => "KES",
        ("ugandan", "shilling") => "UGX",
        ("tanzanian", "shilling") => "TZS",
        ("japanese", "yen") => "JPY",
        ("chinese", "yuan") => "CNY",
        ("uae" | "emirati", "dirham") => "AED",
        ("moroccan", "dirham") => "MAD",
        ("deutsche" | "german", "mark") => "DEM",
        ("finnish", "mark") => "FIM",
        ("taiwan", "dollar") => "TWD",
        ("nigerian", "naira") => "NGN",
        ("malaysian", "ringgit") => "MYR",
        ("thai", "baht") => "THB",
        ("vietnamese", "dong") => "VND",
        ("hungarian", "forint") => "HUF",
        ("polish", "zloty") => "PLN",
        ("israeli", "shekel") => "ILS",
        ("russian", "ruble" | "rouble") => "RUB",
    }
}

/// A country named near a currency whose name several countries share,
/// and the currency it decides (`In Argentina, … 100 billion pesos` → ARS;
/// `Pakistan's central bank … 50 million rupees` → PKR; `In Shanghai …
/// ¥5,000` → CNY): `family` is `peso`, `roupie`, `dirham` or `yen` (for `¥`).
pub fn country_currency(family: &str, word: &str) -> Option<&'static str> {
    // `Pakistan's`, `pakistan'`: the word without its possessive (a loop
    // rather than `trim_end_matches("'s")`, whose substring searcher cost
    // more to set up than the whole match below: this runs for every word
    // around a peso, rupee, dirham or yen).
    let mut word = word;
    while let Some(stem) = word.strip_suffix("'s") {
        word = stem;
    }
    let word = word.trim_end_matches('\'');
    Some(match (family, word) {
        ("peso", "argentina" | "argentine" | "argentinian" | "argentinean" | "argentine's" | "buenos") => "ARS",
        ("peso", "philippines" | "philippine" | "manila" | "filipino") => "PHP",
        ("peso", "chile" | "chilean" | "santiago") => "CLP",
        ("peso", "colombia" | "colombian" | "bogota" | "bogotá") => "COP",
        ("roupie", "pakistan" | "pakistan's" | "pakistani" | "karachi" | "lahore" | "islamabad") => "PKR",
        ("roupie", "sri" | "lanka" | "colombo") => "LKR",
        ("roupie", "nepal" | "nepalese" | "kathmandu") => "NPR",
        ("dirham", "morocco" | "moroccan" | "maroc" | "marocain" | "marocaine" | "casablanca" | "rabat") => "MAD",
        (
            "yen",
            "china" | "chinese" | "shanghai" | "beijing" | "shenzhen" | "guangzhou" | "hangzhou" | "chine" | "chinois"
            | "chinoise" | "pékin",
        ) => "CNY",
        _ => return None,
    })
}

/// Whether a country named around decides the currency of `family`: the
/// families [`country_currency`] knows.
pub fn shared_by_countries(family: &str) -> bool {
    matches!(family, "peso" | "roupie" | "dirham" | "yen")
}

/// The ISO 4217 codes read as such.
const ISO_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD", "HKD", "INR", "KRW", "RUB", "SGD", "SEK", "NOK", "DKK",
    "BRL", "MXN", "ZAR", "AED", "SAR", "ILS", "TRY", "PLN", "CZK", "HUF", "NZD", "TWD", "THB", "IDR", "MYR", "PHP",
    "VND", "NGN", "EGP", "MAD", "XOF", "QAR", "KWD", "ARS", "CLP", "COP", "FIM", "DEM", "NLG", "ITL", "ESP",
];

/// ISO 4217 codes written as such (`500 millions USD`, `EUR 2 millions`).
/// Case-sensitive: `usd` in running text is not a code.
pub fn iso_code(word: &str) -> Option<&'static str> {
    // Every code is three capitals: most words (`les`, `the`, `de`) are
    // told from them without comparing them with each.
    if word.len() != 3 || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    ISO_CODES.iter().find(|c| **c == word).copied()
}

use CurrencyWord::{Family, Known};

/// A currency word and whether it needs a qualifier word after it to be
/// known (`francs` → `suisses`; `couronnes` → `suédoises`).
pub enum CurrencyWord {
    /// The currency, and the ISO code of its known adjectives.
    Known(&'static str),
    /// A name shared by several currencies; an adjective decides.
    Family(&'static str),
}

filtered_words! {
    /// The currency a lowercased word names (`dollars`, `euros`, `yens`).
    pub fn currency_word(word) -> CurrencyWord, filter CURRENCY_WORDS, words CURRENCY_WORD_LIST {
        "dollar" | "dollars" => Family("dollar"),
        "euro" | "euros" => Known("EUR"),
        "livre" | "livres" => Family("livre"),
        "pound" | "pounds" => Known("GBP"),
        "sterling" => Known("GBP"),
        "franc" | "francs" => Family("franc"),
        "yen" | "yens" => Known("JPY"),
        "yuan" | "yuans" | "renminbi" | "renminbis" | "rmb" => Known("CNY"),
        "naira" | "nairas" => Known("NGN"),
        "ringgit" | "ringgits" => Known("MYR"),
        "baht" | "bahts" => Known("THB"),
        "dong" | "dongs" => Known("VND"),
        "forint" | "forints" => Known("HUF"),
        "rupiah" | "rupiahs" => Known("IDR"),
        "kronor" | "krona" => Known("SEK"),
        "deutschmark" | "deutschmarks" => Known("DEM"),
        "shilling" | "shillings" => Family("shilling"),
        "crown" | "crowns" | "koruna" | "korunas" => Family("couronne"),
        "roupie" | "roupies" | "rupee" | "rupees" => Family("roupie"),
        "won" | "wons" => Known("KRW"),
        "rouble" | "roubles" | "ruble" | "rubles" => Known("RUB"),
        // `real` alone is an English adjective (`3 real options`): it needs
        // `Brazilian` before it.
        "réal" | "reais" | "réais" | "reals" => Known("BRL"),
        "real" => Family("real"),
        "couronne" | "couronnes" | "krone" | "kroner" => Family("couronne"),
        "rand" | "rands" => Known("ZAR"),
        "riyal" | "riyals" => Known("SAR"),
        "dirham" | "dirhams" => Family("dirham"),
        "shekel" | "shekels" | "shekels-" => Known("ILS"),
        "zloty" | "zlotys" => Known("PLN"),
        "peso" | "pesos" => Family("peso"),
        "lira" | "liras" => Known("TRY"),
        "lire" | "lires" => Family("lire"),
        // `mark` alone is a milestone (`the 10 million mark`).
        "marks" | "deutschemark" | "deutschemarks" => Family("mark"),
        "mark" => Family("mark-singular"),
        "florin" | "florins" => Family("florin"),
        "peseta" | "pesetas" => Known("ESP"),
        "lires-" => Family("lire"),
    }
}

/// Resolves a currency family with the adjective (or `de X`) after it;
/// `None` means the adjective does not belong to the family.
pub fn family_with(family: &str, adjective: &str) -> Option<&'static str> {
    Some(match (family, adjective) {
        ("dollar", "américain" | "américains" | "us" | "américaine") => "USD",
        ("dollar", "canadien" | "canadiens") => "CAD",
        ("dollar", "australien" | "australiens") => "AUD",
        ("dollar", "néo-zélandais") => "NZD",
        ("dollar", "singapourien" | "singapouriens") => "SGD",
        ("dollar", "hongkongais") => "HKD",
        ("dollar", "taïwanais") => "TWD",
        ("livre", "sterling" | "sterlings") => "GBP",
        ("livre", "turque" | "turques") => "TRY",
        ("livre", "égyptienne" | "égyptiennes") => "EGP",
        ("franc", "suisse" | "suisses") => "CHF",
        ("franc", "cfa") => "XOF",
        ("roupie", "indienne" | "indiennes") => "INR",
        ("couronne", "suédoise" | "suédoises") => "SEK",
        ("couronne", "norvégienne" | "norvégiennes") => "NOK",
        ("couronne", "danoise" | "danoises") => "DKK",
        ("couronne", "tchèque" | "tchèques") => "CZK",
        ("dirham", "marocain" | "marocains") => "MAD",
        ("dirham", "émirati" | "émiratis") => "AED",
        ("peso", "mexicain" | "mexicains") => "MXN",
        ("peso", "argentin" | "argentins") => "ARS",
        ("lire", "turque" | "turques") => "TRY",
        ("lire", "italienne" | "italiennes") => "ITL",
        ("mark", "finlandais") => "FIM",
        ("mark", "allemand" | "allemands") => "DEM",
        ("florin", "hollandais" | "néerlandais") => "NLG",
        _ => return None,
    })
}

/// Letters after a `$` that say which dollar (`$ c`, `$CAD`, `$ hk`, `$ usd`).
pub fn dollar_suffix(word: &str) -> Option<&'static str> {
    Some(match word {
        "c" | "can" | "cad" => "CAD",
        "hk" | "hkd" => "HKD",
        "us" | "usd" => "USD",
        "aud" | "au" => "AUD",
        "sgd" => "SGD",
        "nzd" => "NZD",
        _ => return None,
    })
}

/// Sub-units after a whole amount (`15 dollars et 15 cents`).
pub fn is_subunit(word: &str) -> bool {
    matches!(word, "cent" | "cents" | "centime" | "centimes" | "penny" | "pence" | "kopecks" | "c" | "p" | "¢")
}

/// A sub-unit written alone after a number (`45 cents`, `99p`, `20 pence`,
/// `99¢`): the currency it is a hundredth of, and whether it must be glued
/// to the number (`p`).
pub fn lone_subunit(word: &str) -> Option<(&'static str, bool)> {
    Some(match word {
        "cent" | "cents" | "¢" => ("USD", false),
        "penny" | "pence" => ("GBP", false),
        "p" => ("GBP", true),
        "c" => ("USD", true),
        _ => return None,
    })
}

/// Places after `dollars de` / `dollars d'` that name a dollar.
pub fn dollar_of_place(place: &str) -> Option<&'static str> {
    Some(match place {
        "hong" | "hong-kong" | "hongkong" => "HKD",
        "singapour" => "SGD",
        "taïwan" | "taiwan" => "TWD",
        _ => return None,
    })
}

/// The English words before a currency noun or a place that name a
/// dollar, and its code ([`english_dollar_adjective`]).
const DOLLAR_ADJECTIVES: &[(&str, &str)] = &[
    ("us", "USD"),
    ("u.s", "USD"),
    ("american", "USD"),
    ("canadian", "CAD"),
    ("australian", "AUD"),
    ("hong", "HKD"),
    ("singapore", "SGD"),
    ("new", "NZD"),
];

/// The first words of the two-word English adjectives of a currency
/// (`South African rand`, `New Taiwan dollars`, `North Korean won`).
pub const TWO_WORD_ADJECTIVE_STARTS: &[&str] = &["south", "new", "north"];

/// Whether a word with form key `key`, right after an amount's number
/// (or its `de`, `of`), may start the words of a currency: a currency
/// word, an English adjective of one ([`english_adjective_currency`],
/// [`english_dollar_adjective`]), or the `south`, `new`, `north` of a
/// two-word one. A bit test on the key: most words after a number are
/// none, and are told so before the lists are searched.
pub fn may_start_a_currency_name(key: u16) -> bool {
    static KEYS: LazyLock<KeySet> = LazyLock::new(|| {
        let lists = [CURRENCY_WORD_LIST, CURRENCY_ADJECTIVES, TWO_WORD_ADJECTIVE_STARTS];
        key_set(lists.into_iter().flatten().copied().chain(DOLLAR_ADJECTIVES.iter().map(|&(word, _)| word)))
    });
    KEYS.admits(key)
}

/// English adjectives before `dollars` (`Canadian dollars`).
pub fn english_dollar_adjective(word: &str) -> Option<&'static str> {
    DOLLAR_ADJECTIVES.iter().find(|&&(adjective, _)| adjective == word).map(|&(_, code)| code)
}

/// The currency a family has when no adjective decides: `dollars` alone are
/// US dollars, `livres` alone pounds sterling (only with a multiplier:
/// `10 000 livres` may be books), `roupies` Indian rupees. `None` when the
/// bare word names no one currency (`francs`, `couronnes`).
pub fn family_default(family: &str) -> Option<&'static str> {
    Some(match family {
        "dollar" => "USD",
        "livre" => "GBP",
        "roupie" => "INR",
        "peso" => "MXN",
        "dirham" => "AED",
        _ => return None,
    })
}

/// A verb of change before `from X to Y` / `de X à Y`: two amounts, not a
/// range (`Rent rose from $2,400 to $3,100`).
pub fn is_change_verb(word: &str) -> bool {
    matches!(
        word,
        "rose"
            | "risen"
            | "rises"
            | "rise"
            | "fell"
            | "fallen"
            | "falls"
            | "grew"
            | "grown"
            | "grows"
            | "increased"
            | "decreased"
            | "jumped"
            | "climbed"
            | "dropped"
            | "slipped"
            | "slumped"
            | "soared"
            | "surged"
            | "went"
            | "cut"
            | "raised"
            | "lowered"
            | "lifted"
            | "boosted"
            | "passé"
            | "passée"
            | "augmenté"
            | "baissé"
            | "grimpé"
            | "chuté"
            | "bondi"
            | "reculé"
            | "progressé"
    )
}

/// A multiplier word: its factor, and whether it is an abbreviation (an
/// abbreviation counts only next to an explicit currency: `15 M` alone may
/// be anything).
/// `glued`: written against the number (`300m`), where a lowercase `m`
/// means millions in French too.
pub fn multiplier(word: &str, original: &str, language: Language, glued: bool) -> Option<(f64, bool)> {
    // Asked of the words after every number, which are seldom multipliers.
    if !may_be_multiplier(word) {
        return None;
    }
    multiplier_of(word, original, language, glued)
}

/// Whether `word` (folded) may be one [`multiplier`] takes: its filter
/// alone, so that a caller need not find the word as written (which
/// [`multiplier`] also asks for) for the many that are none.
#[inline]
pub fn may_be_multiplier(word: &str) -> bool {
    MULTIPLIERS.admits(word)
}

/// Every word [`multiplier`] may take, whatever the language and case.
const MULTIPLIER_WORDS: &[&str] = &[
    "mille",
    "thousand",
    "millier",
    "milliers",
    "million",
    "millions",
    "milliard",
    "milliards",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "md",
    "mds",
    "mrd",
    "mrds",
    "mdr",
    "bn",
    "bln",
    "mld",
    "mlds",
    "mn",
    "mio",
    "mln",
    "tn",
    "lakh",
    "lakhs",
    "lac",
    "lacs",
    "crore",
    "crores",
    "m",
    "b",
    "k",
];

/// The filter of [`MULTIPLIER_WORDS`].
static MULTIPLIERS: WordFilter = WordFilter::of(&[MULTIPLIER_WORDS]);

/// [`multiplier`] once its filter let `word` through.
fn multiplier_of(word: &str, original: &str, language: Language, glued: bool) -> Option<(f64, bool)> {
    let billion = match language {
        Language::French => 1e12,
        Language::English => 1e9,
    };
    let trillion = match language {
        Language::French => 1e18,
        Language::English => 1e12,
    };
    Some(match word {
        "mille" | "thousand" => (1e3, false),
        "millier" | "milliers" => (1e3, false),
        "million" | "millions" => (1e6, false),
        "milliard" | "milliards" => (1e9, false),
        "billion" | "billions" => (billion, false),
        "trillion" | "trillions" => (trillion, false),
        "md" | "mds" | "mrd" | "mrds" | "mdr" | "bn" | "bln" | "mld" | "mlds" => (1e9, true),
        "mn" | "mio" | "mln" => (1e6, true),
        "tn" => (1e12, true),
        // The Indian lakh and crore (`Rs 5 crore`, `2.5 lakh rupees`).
        "lakh" | "lakhs" | "lac" | "lacs" => (1e5, false),
        "crore" | "crores" => (1e7, false),
        // Single letters: `M` and `k`/`K` in either language, `m` and `b` in
        // English (`$300m`, `$2b`); a spaced `m` in French is metres.
        "m" if original == "M" || language == Language::English || glued => (1e6, true),
        "b" if language == Language::English => (1e9, true),
        "k" => (1e3, true),
        _ => return None,
    })
}

/// A qualifier phrase, as lowercased words, and what it means.
pub type Qualifier = (&'static [&'static str], &'static str);

/// The qualifier phrases, as lowercased word sequences (`'` for apostrophes),
/// and what they mean. Longest first within a meaning does not matter: the
/// matcher takes the one ending nearest the amount.
pub const QUALIFIERS: &[Qualifier] = &[
    (&["près", "de"], "approx"),
    (&["près", "d'"], "approx"),
    (&["environ"], "approx"),
    (&["env", "."], "approx"),
    (&["quelque"], "approx"),
    (&["quelques"], "approx"),
    (&["autour", "de"], "approx"),
    (&["autour", "d'"], "approx"),
    (&["presque"], "approx"),
    (&["approximativement"], "approx"),
    (&["quasi"], "approx"),
    (&["quasiment"], "approx"),
    (&["aux", "alentours", "de"], "approx"),
    (&["de", "l'", "ordre", "de"], "approx"),
    (&["de", "l'", "ordre", "d'"], "approx"),
    (&["à", "peu", "près"], "approx"),
    (&["grosso", "modo"], "approx"),
    (&["about"], "approx"),
    (&["around"], "approx"),
    (&["approximately"], "approx"),
    (&["nearly"], "approx"),
    (&["almost"], "approx"),
    (&["roughly"], "approx"),
    (&["some"], "approx"),
    (&["circa"], "approx"),
    (&["plus", "de"], "over"),
    (&["plus", "d'"], "over"),
    (&["au", "moins"], "over"),
    (&["au-delà", "de"], "over"),
    (&["au-delà", "d'"], "over"),
    (&["dépasse"], "over"),
    (&["dépassent"], "over"),
    (&["dépassé"], "over"),
    (&["dépasser"], "over"),
    (&["dépassant"], "over"),
    (&["dépassera"], "over"),
    (&["excède"], "over"),
    (&["supérieur", "à"], "over"),
    (&["supérieure", "à"], "over"),
    (&["more", "than"], "over"),
    (&["over"], "over"),
    (&["at", "least"], "over"),
    (&["above"], "over"),
    (&["upwards", "of"], "over"),
    (&["in", "excess", "of"], "over"),
    (&["exceeding"], "over"),
    (&["exceeds"], "over"),
    (&["moins", "de"], "under"),
    (&["moins", "d'"], "under"),
    (&["jusqu'", "à"], "under"),
    (&["au", "plus"], "under"),
    (&["au", "maximum"], "under"),
    (&["inférieur", "à"], "under"),
    (&["inférieure", "à"], "under"),
    (&["up", "to"], "under"),
    (&["less", "than"], "under"),
    (&["under"], "under"),
    (&["below"], "under"),
];

/// The most words a qualifier phrase has.
pub const QUALIFIER_MAX_WORDS: usize = {
    let (mut most, mut q) = (0, 0);
    while q < QUALIFIERS.len() {
        if QUALIFIERS[q].0.len() > most {
            most = QUALIFIERS[q].0.len();
        }
        q += 1;
    }
    most
};

/// A qualifier with the form key of each of its words
/// ([`glaneur_schema::key_of_form`]): a phrase is told from the words before
/// a number by their keys before their text is compared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyedQualifier {
    /// The qualifier.
    pub qualifier: Qualifier,
    /// The form key of each of its words, in order (then zeros).
    pub keys: [u16; QUALIFIER_MAX_WORDS],
}

impl KeyedQualifier {
    /// `qualifier` with its words' keys.
    fn of(qualifier: Qualifier) -> Self {
        let mut keys = [0; QUALIFIER_MAX_WORDS];
        for (key, word) in keys.iter_mut().zip(qualifier.0) {
            *key = glaneur_schema::key_of_form(word);
        }
        KeyedQualifier { qualifier, keys }
    }
}

/// The [`QUALIFIERS`] that end with `word`, in their order: an amount's
/// qualifier is looked for before every number, and comparing each phrase
/// there was a fifth of this plugin's parsing.
pub fn qualifiers_ending_with(word: &str) -> &'static [KeyedQualifier] {
    /// The last words of the qualifiers: most words asked about are none,
    /// and told so without hashing them.
    static LAST_WORDS: WordFilter = WordFilter::of_last_words(QUALIFIERS);
    if !LAST_WORDS.admits(word) {
        return &[];
    }
    // foldhash: the default SipHash cost more than the rest of the lookup.
    type ByLast = HashMap<&'static str, Vec<KeyedQualifier>, foldhash::fast::FixedState>;
    static BY_LAST: LazyLock<ByLast> = LazyLock::new(|| {
        let mut by_last = ByLast::default();
        for &qualifier in QUALIFIERS {
            if let Some(last) = qualifier.0.last() {
                by_last.entry(*last).or_default().push(KeyedQualifier::of(qualifier));
            }
        }
        by_last
    });
    BY_LAST.get(word).map_or(&[], Vec::as_slice)
}

/// The [`QUALIFIERS`] that may end with a word whose form key is `key`, in
/// their order: those [`qualifiers_ending_with`] the word gives, and maybe
/// a few ending with another word of the same key (which the caller's
/// comparison of the words refuses). Found by a bit test and a binary
/// search on the key a word item carries, rather than by hashing the word.
pub fn qualifiers_ending_with_key(key: u16) -> &'static [KeyedQualifier] {
    /// The keys of the last words, and the qualifiers grouped by them, in
    /// the order of the keys.
    type ByKey = (KeySet, Vec<(u16, Vec<KeyedQualifier>)>);
    static BY_KEY: LazyLock<ByKey> = LazyLock::new(|| {
        let mut groups: Vec<(u16, Vec<KeyedQualifier>)> = Vec::new();
        for &qualifier in QUALIFIERS {
            let Some(last) = qualifier.0.last() else { continue };
            let key = glaneur_schema::key_of_form(last);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, group)) => group.push(KeyedQualifier::of(qualifier)),
                None => groups.push((key, vec![KeyedQualifier::of(qualifier)])),
            }
        }
        groups.sort_by_key(|&(key, _)| key);
        (KeySet::of_keys(groups.iter().map(|&(key, _)| key)), groups)
    });
    let (keys, groups) = &*BY_KEY;
    if !keys.admits(key) {
        return &[];
    }
    groups.binary_search_by_key(&key, |&(k, _)| k).map_or(&[], |at| groups[at].1.as_slice())
}

/// Words allowed between a qualifier and its amount (`dépasse probablement
/// les 300 millions`); adverbs in -ment are allowed too.
pub fn is_qualifier_filler(word: &str) -> bool {
    matches!(word, "les" | "le" | "la" | "l'" | "déjà" | "désormais" | "encore" | "bien" | "the" | "already")
        || (word.len() > 6 && word.ends_with("ment"))
        || (word.len() > 4 && word.ends_with("ly") && !matches!(word, "only" | "early" | "family"))
}

/// Nouns after `de` that keep a bare amount money (`5 milliards de prêts`);
/// any other noun there makes it a count (`3 millions d'utilisateurs`):
/// the words starting with one of `MONEY_NOUN_STEMS`, compared with the
/// stems of their first byte alone.
pub fn is_money_noun(word: &str) -> bool {
    /// For each first byte, the stems starting with it: bit `k` for stem `k`.
    static BY_FIRST_BYTE: [u128; 256] = {
        assert!(MONEY_NOUN_STEMS.len() <= 128, "one bit a stem");
        let mut table = [0u128; 256];
        let mut k = 0;
        while k < MONEY_NOUN_STEMS.len() {
            let first = MONEY_NOUN_STEMS[k].as_bytes()[0];
            table[first as usize] |= 1 << k;
            k += 1;
        }
        table
    };
    let Some(&first) = word.as_bytes().first() else { return false };
    let mut stems = BY_FIRST_BYTE[usize::from(first)];
    while stems != 0 {
        let k = stems.trailing_zeros() as usize;
        if word.starts_with(MONEY_NOUN_STEMS[k]) {
            return true;
        }
        stems &= stems - 1;
    }
    false
}

/// The stems of [`is_money_noun`].
const MONEY_NOUN_STEMS: &[&str] = &[
    "investissement",
    "dépense",
    "chiffre",
    "revenu",
    "vente",
    "subvention",
    "prêt",
    "dette",
    "financement",
    "budget",
    "bénéfice",
    "perte",
    "amende",
    "capitalisation",
    "valorisation",
    "levée",
    "fonds",
    "crédit",
    "recette",
    "aide",
    "cash",
    "trésorerie",
    "dividende",
    "rachat",
    "salaire",
    "rémunération",
    "bonus",
    "coût",
    "frais",
    "impôt",
    "taxe",
    "économie",
    "commande",
    "contrat",
    "capital",
    "capex",
    "marge",
    "excédent",
    "déficit",
    "facture",
    "pénalité",
    "dommage",
    "indemnité",
    "compensation",
    "prime",
    "mécénat",
    "don",
    "funding",
    "investment",
    "revenue",
    "sale",
    "loan",
    "debt",
    "fine",
    "profit",
    "loss",
    "spending",
];

/// Words in a sentence that make a bare amount with a multiplier money even
/// with no currency to infer (`La start-up a levé 12 millions`).
pub fn is_money_cue(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "lev",
        "investi",
        "financ",
        "valoris",
        "budget",
        "chiffre",
        "dépens",
        "coût",
        "coût",
        "pay",
        "rachet",
        "rachat",
        "acqui",
        "amende",
        "subvention",
        "prêt",
        "empr",
        "dette",
        "revenu",
        "bénéfice",
        "perte",
        "vend",
        "vente",
        "fonds",
        "capital",
        "tour",
        "dotation",
        "dot",
        "débours",
        "injecté",
        "injecter",
        "mis",
        "mise",
        "raised",
        "invest",
        "fund",
        "valu",
        "paid",
        "pay",
        "spend",
        "spent",
        "cost",
        "fine",
        "revenue",
        "deal",
    ];
    STEMS.iter().any(|s| word.starts_with(s))
}

/// `une dizaine`, `une centaine` …: an approximate count.
pub fn approximate_count(word: &str) -> Option<f64> {
    Some(match word {
        "dizaine" => 10.0,
        "douzaine" => 12.0,
        "quinzaine" => 15.0,
        "vingtaine" => 20.0,
        "trentaine" => 30.0,
        "quarantaine" => 40.0,
        "cinquantaine" => 50.0,
        "soixantaine" => 60.0,
        "centaine" => 100.0,
        _ => return None,
    })
}

/// A list of words, as a constant `$list` and, for the tests, as a
/// function `$is` that tells whether a word is one of them (a `match`).
macro_rules! word_set {
    ($(#[$doc:meta])* $list:ident, $is:ident, $($word:literal),+ $(,)?) => {
        $(#[$doc])*
        const $list: &[&str] = &[$($word),+];

        /// Whether `word` is one of them: the reference
        /// [`AmountStarts`] is checked against.
        #[cfg(test)]
        fn $is(word: &str) -> bool {
            matches!(word, $($word)|+)
        }
    };
}

word_set! {
    /// French number words (each part of a hyphenated compound must be one),
    /// read by text2num.
    FRENCH_NUMBER_WORDS, matches_french_number_word,
    "un",
    "une",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "vingts",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "septante",
    "huitante",
    "octante",
    "nonante",
    "cent",
    "cents",
}

word_set! {
    /// English number words (not `six`, which French shares).
    ENGLISH_NUMBER_WORDS, matches_english_number_word,
    "one",
    "two",
    "three",
    "four",
    "five",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
}

word_set! {
    /// The words besides the number words an amount may start with: `mille`,
    /// the compounds of `demi`, the English articles and fractions.
    OTHER_AMOUNT_STARTS, matches_other_amount_start,
    "mille", "demi-milliard", "demi-million", "a", "an", "half", "quarter",
}

/// A filter of a few words by their first byte and length, and by their
/// last byte and length: a word it refuses is none of them. Most words of a
/// text are asked about and are none, and this spares them the comparisons.
struct WordFilter {
    /// For each first byte, a bit per length.
    first: [u16; 256],
    /// For each last byte, a bit per length.
    last: [u16; 256],
}

impl WordFilter {
    /// The filter of no word.
    const EMPTY: WordFilter = WordFilter { first: [0; 256], last: [0; 256] };

    /// The filter of the words of `lists`.
    const fn of(lists: &[&[&str]]) -> Self {
        let mut filter = WordFilter::EMPTY;
        let mut l = 0;
        while l < lists.len() {
            let mut w = 0;
            while w < lists[l].len() {
                filter = filter.with(lists[l][w]);
                w += 1;
            }
            l += 1;
        }
        filter
    }

    /// The filter of the last words of `qualifiers`.
    const fn of_last_words(qualifiers: &[Qualifier]) -> Self {
        let mut filter = WordFilter::EMPTY;
        let mut q = 0;
        while q < qualifiers.len() {
            let phrase = qualifiers[q].0;
            if !phrase.is_empty() {
                filter = filter.with(phrase[phrase.len() - 1]);
            }
            q += 1;
        }
        filter
    }

    /// This filter, admitting `word` too.
    const fn with(mut self, word: &str) -> Self {
        let word = word.as_bytes();
        if !word.is_empty() {
            let bit = 1 << WordFilter::length_bit(word.len());
            self.first[word[0] as usize] |= bit;
            self.last[word[word.len() - 1] as usize] |= bit;
        }
        self
    }

    /// The bit of a length: lengths past 15 share the last.
    const fn length_bit(len: usize) -> usize {
        if len < 15 {
            len
        } else {
            15
        }
    }

    /// Whether `word` may be one of the words.
    #[inline]
    fn admits(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
        let length = 1 << WordFilter::length_bit(bytes.len());
        self.first[usize::from(first)] & self.last[usize::from(last)] & length != 0
    }

    /// Whether one of the words may be a strict prefix of `word`.
    #[inline]
    fn may_prefix(&self, word: &str) -> bool {
        let shorter = (1u32 << WordFilter::length_bit(word.len())) - 1;
        word.as_bytes().first().is_some_and(|&b| u32::from(self.first[usize::from(b)]) & shorter != 0)
    }
}

/// Every word [`starts_an_amount`] may accept.
static AMOUNT_STARTS: WordFilter = WordFilter::of(&[FRENCH_NUMBER_WORDS, ENGLISH_NUMBER_WORDS, OTHER_AMOUNT_STARTS]);

/// Every French and English number word (see [`is_number_word`]).
pub fn number_words() -> impl Iterator<Item = &'static str> {
    FRENCH_NUMBER_WORDS.iter().chain(ENGLISH_NUMBER_WORDS).copied()
}

/// French and English number words (each part of a hyphenated compound must
/// be one), read by text2num.
pub fn is_number_word(word: &str) -> bool {
    AMOUNT_START_LISTS.lists_of(word) & (FRENCH | ENGLISH) != 0
}

/// English number words (not `six`, which French shares).
pub fn is_english_number_word(word: &str) -> bool {
    AMOUNT_START_LISTS.lists_of(word) & ENGLISH != 0
}

/// Words that may start an amount: the number words, `mille`, and the
/// compounds of `demi` (`vingt` also starts `vingt-cinq`).
#[inline]
pub fn starts_an_amount(word: &str) -> bool {
    AMOUNT_START_LISTS.lists_of(word) != 0
}

/// The bit of [`FRENCH_NUMBER_WORDS`] in [`AmountStarts`].
const FRENCH: u8 = 1;
/// The bit of [`ENGLISH_NUMBER_WORDS`].
const ENGLISH: u8 = 2;
/// The bit of [`OTHER_AMOUNT_STARTS`].
const OTHER: u8 = 4;

/// How many words may start an amount.
const AMOUNT_START_WORDS: usize = FRENCH_NUMBER_WORDS.len() + ENGLISH_NUMBER_WORDS.len() + OTHER_AMOUNT_STARTS.len();

/// A word's place among the 4096 of [`AmountStarts`] (`bytes` not empty):
/// a multiplicative hash of its first two and last two bytes and its
/// length, to its top 12 bits (fewer bytes let `quatre` and `quinze`,
/// `twenty` and `thirty` share one).
#[inline]
const fn start_hash(bytes: &[u8]) -> usize {
    let n = bytes.len();
    let (second, before_last) = (bytes[if n > 1 { 1 } else { 0 }], bytes[n.saturating_sub(2)]);
    let key = bytes[0] as u32 | (second as u32) << 8 | (before_last as u32) << 16 | (bytes[n - 1] as u32) << 24;
    ((key ^ (n as u32) << 4).wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// The words that may start an amount, each with the bits of the lists
/// it is in, found at their [`start_hash`] (no two share one: the table
/// would not build): a word is told by one lookup and at most one
/// comparison, where three `match`es compared it with the words of its
/// length one after the other (a fifth of the cost of finding anchors).
struct AmountStarts {
    /// For each hash, one more than the index in `words` of the word that
    /// has it, or 0.
    index: [u8; 4096],
    /// The words, with their lists' bits.
    words: [(&'static str, u8); AMOUNT_START_WORDS],
}

impl AmountStarts {
    /// The table of the words of `lists`, each list with its bit.
    const fn of(lists: &[(&[&'static str], u8)]) -> Self {
        let mut table = AmountStarts { index: [0; 4096], words: [("", 0); AMOUNT_START_WORDS] };
        let mut count = 0;
        let mut l = 0;
        while l < lists.len() {
            let (words, bit) = lists[l];
            let mut w = 0;
            while w < words.len() {
                let word = words[w].as_bytes();
                let at = start_hash(word);
                match table.index[at] {
                    0 => {
                        table.words[count] = (words[w], bit);
                        count += 1;
                        table.index[at] = count as u8;
                    }
                    k => {
                        let (there, bits) = table.words[k as usize - 1];
                        assert!(const_eq(there.as_bytes(), word), "two amount starts share a hash");
                        table.words[k as usize - 1] = (there, bits | bit);
                    }
                }
                w += 1;
            }
            l += 1;
        }
        table
    }

    /// The bits of the lists `word` is in: 0 for none.
    #[inline]
    fn lists_of(&self, word: &str) -> u8 {
        if word.is_empty() {
            return 0;
        }
        let k = self.index[start_hash(word.as_bytes())];
        match self.words.get(usize::from(k).wrapping_sub(1)) {
            Some(&(there, bits)) if there == word => bits,
            _ => 0,
        }
    }
}

/// Byte equality in a `const fn`.
const fn const_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Every word [`starts_an_amount`] accepts, with its lists.
static AMOUNT_START_LISTS: AmountStarts =
    AmountStarts::of(&[(FRENCH_NUMBER_WORDS, FRENCH), (ENGLISH_NUMBER_WORDS, ENGLISH), (OTHER_AMOUNT_STARTS, OTHER)]);

/// Whether `word` may be one [`starts_an_amount`] accepts: its filter
/// alone, cheap enough to ask of every word of a text (most are refused).
#[inline]
pub fn may_start_an_amount(word: &str) -> bool {
    AMOUNT_STARTS.admits(word)
}

/// The set of the form keys ([`glaneur_schema::key_of_form`]) of the
/// words of `lists`. Built on first use: the keys are the Document's hash,
/// which is no `const fn`.
fn key_set<'w>(lists: impl IntoIterator<Item = &'w str>) -> KeySet {
    KeySet::of_keys(lists.into_iter().map(glaneur_schema::key_of_form))
}

/// The French function words a window's language is told by, when a
/// comma may group thousands (`12,345`).
pub const FRENCH_FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "des", "est", "et", "une", "dans", "pour", "qui", "du", "sur", "aux", "à", "de", "d'", "un",
    "en", "au", "l'",
];

/// The English function words of the same test.
pub const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "and", "of", "is", "to", "in", "that", "for", "with", "was", "has", "on", "will", "said", "at", "each",
    "per", "an", "its", "are",
];

/// The keys of [`FRENCH_FUNCTION_WORDS`] and [`ENGLISH_FUNCTION_WORDS`]:
/// a filter that refuses most other words by a bit test.
pub fn function_word_keys() -> &'static KeySet {
    static KEYS: LazyLock<KeySet> =
        LazyLock::new(|| key_set(FRENCH_FUNCTION_WORDS.iter().chain(ENGLISH_FUNCTION_WORDS).copied()));
    &KEYS
}

/// The keys of the words [`starts_an_amount`] accepts (the byte filter,
/// [`may_start_an_amount`], admitted three times as many words, each then
/// looked up).
pub fn amount_start_keys() -> &'static KeySet {
    static KEYS: LazyLock<KeySet> = LazyLock::new(|| {
        key_set(FRENCH_NUMBER_WORDS.iter().chain(ENGLISH_NUMBER_WORDS).chain(OTHER_AMOUNT_STARTS).copied())
    });
    &KEYS
}

/// Whether a word [`starts_an_amount`] accepts may be a strict prefix of
/// `word` (`vingt` of `vingt-cinq`): when not, no part of it before a
/// hyphen starts one.
#[inline]
pub fn may_start_an_amount_within(word: &str) -> bool {
    AMOUNT_STARTS.may_prefix(word)
}

/// The words besides those of other lists that may follow an article in
/// an amount (`un demi`, `a dozen`, `une dizaine`, `one cent`, `one
/// Canadian dollar`): see [`may_continue_an_amount`].
const OTHER_CONTINUATIONS: &[&str] = &[
    "et",
    "mille",
    "and",
    "half",
    "quarter",
    "dozen",
    "of",
    "a",
    "thousand",
    "dizaine",
    "douzaine",
    "quinzaine",
    "vingtaine",
    "trentaine",
    "quarantaine",
    "cinquantaine",
    "soixantaine",
    "centaine",
    "cent",
    "cents",
    "¢",
    "penny",
    "pence",
    "p",
    "c",
    "us",
    "u.s",
    "american",
    "canadian",
    "australian",
    "hong",
    "singapore",
    "new",
];

/// Whether a lowercased word with form key `key` may continue an amount
/// after an article (`un milliard`, `une centaine`, `one USD`): a number
/// word, a multiplier, a currency word or ISO code (lowercased), an
/// approximate count, a sub-unit, an English adjective of the dollar, a
/// word of `OTHER_CONTINUATIONS`, or a word starting with `demi`. A
/// filter: every word the rules take is admitted, and most others (`un
/// modèle`, `une idée`: the words after every article) refused by a bit
/// test on the key, before any list is searched.
pub fn may_continue_an_amount(word: &str, key: u16) -> bool {
    static KEYS: LazyLock<KeySet> = LazyLock::new(|| {
        let lists = [FRENCH_NUMBER_WORDS, ENGLISH_NUMBER_WORDS, OTHER_AMOUNT_STARTS, MULTIPLIER_WORDS]
            .into_iter()
            .chain([CURRENCY_WORD_LIST, OTHER_CONTINUATIONS]);
        let codes: Vec<String> = ISO_CODES.iter().map(|code| code.to_ascii_lowercase()).collect();
        key_set(lists.flatten().copied().chain(codes.iter().map(String::as_str)))
    });
    KEYS.admits(key) || word.starts_with("demi")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_nouns_are_found_by_their_first_byte_as_by_every_stem() {
        let every_stem = |word: &str| MONEY_NOUN_STEMS.iter().any(|s| word.starts_with(s));
        let mut words: Vec<String> = vec![String::new(), "d".into(), "é".into(), "donc".into(), "ventes".into()];
        for stem in MONEY_NOUN_STEMS {
            let shorter = stem.char_indices().last().map_or("", |(i, _)| &stem[..i]);
            words.extend([stem.to_string(), format!("{stem}s"), shorter.to_string()]);
        }
        for text in glaneur_testdata::test_texts(&["money"]) {
            words.extend(text.split(|c: char| !c.is_alphabetic()).map(glaneur_text::folded).map(|w| w.into_owned()));
        }
        let mut found = 0;
        for word in &words {
            assert_eq!(is_money_noun(word), every_stem(word), "{word:?}");
            found += usize::from(every_stem(word));
        }
        assert!(found > 200, "{found}");
    }

    #[test]
    fn every_qualifier_is_found_by_its_last_word_in_order() {
        for (k, &(phrase, meaning)) in QUALIFIERS.iter().enumerate() {
            let last = phrase.last().copied().unwrap_or_default();
            let found: Vec<Qualifier> = qualifiers_ending_with(last).iter().map(|q| q.qualifier).collect();
            assert!(found.contains(&(phrase, meaning)), "{phrase:?}");
            // Those before it in the list that end the same way come first.
            let before: Vec<Qualifier> =
                QUALIFIERS[..k].iter().filter(|q| q.0.last() == Some(&last)).copied().collect();
            assert_eq!(&found[..before.len()], &before[..], "{phrase:?}");
        }
        assert!(qualifiers_ending_with("milliards").is_empty());
    }

    #[test]
    fn qualifiers_found_by_key_hold_those_found_by_the_word_in_order() {
        let mut words: Vec<String> = QUALIFIERS.iter().flat_map(|q| q.0.iter().map(|w| w.to_string())).collect();
        for text in glaneur_testdata::test_texts(&["money"]) {
            words.extend(
                text.split(|c: char| !(c.is_alphabetic() || c == '\'')).map(|w| glaneur_text::folded(w).into_owned()),
            );
        }
        let mut found = 0;
        for word in &words {
            let by_word = qualifiers_ending_with(word);
            let by_key = qualifiers_ending_with_key(glaneur_schema::key_of_form(word));
            // Those of the word, in their order, among those of its key.
            let mut rest = by_key.iter();
            for q in by_word {
                assert!(rest.any(|k| k == q), "{word:?} {q:?}");
                assert_eq!(
                    q.keys[..q.qualifier.0.len()],
                    q.qualifier.0.iter().map(|w| glaneur_schema::key_of_form(w)).collect::<Vec<_>>()[..]
                );
            }
            // No other qualifier ends with the word.
            assert!(
                by_key.iter().filter(|q| q.qualifier.0.last() == Some(&word.as_str())).eq(by_word.iter()),
                "{word:?}"
            );
            found += by_word.len();
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn the_filtered_matches_find_their_words() {
        assert_eq!(english_adjective_currency("swiss", "francs"), Some("CHF"));
        assert_eq!(english_adjective_currency("emirati", "dirham"), Some("AED"));
        assert_eq!(english_adjective_currency("norwegian", "kroner"), Some("NOK"));
        assert_eq!(english_adjective_currency("swiss", "dollars"), None);
        assert_eq!(english_adjective_currency("de", "francs"), None);
        assert!(matches!(currency_word("euros"), Some(CurrencyWord::Known("EUR"))));
        assert!(matches!(currency_word("lires-"), Some(CurrencyWord::Family("lire"))));
        assert!(currency_word("eur").is_none() && currency_word("").is_none());
    }

    #[test]
    fn codes_and_currency_letters_start_with_a_capital() {
        for &(letters, code) in LETTERS_CURRENCIES {
            assert_eq!(letters_currency(letters), Some(code));
            assert!(may_be_a_code(letters.as_bytes()[0]), "{letters}");
        }
        for &code in ISO_CODES {
            assert!(may_be_a_code(code.as_bytes()[0]), "{code}");
        }
        assert_eq!(letters_currency("rs"), None);
    }

    #[test]
    fn iso_codes_are_three_capitals() {
        for &code in ISO_CODES {
            assert_eq!(iso_code(code), Some(code));
        }
        for word in ["usd", "Usd", "USDX", "US", "les", "", "ÉUR"] {
            assert_eq!(iso_code(word), None, "{word}");
        }
    }

    #[test]
    fn every_code_ends_as_may_end_a_code_says() {
        let letters = ["Rs", "Rs.", "INR", "RM", "Rp", "NIS", "RMB"];
        for code in ISO_CODES.iter().chain(&letters) {
            assert!(iso_code(code).is_some() || letters_currency(code).is_some(), "{code}");
            assert!(code.bytes().last().is_some_and(may_end_a_code), "{code}");
        }
    }

    #[test]
    fn only_the_families_shared_by_countries_are_decided_by_one() {
        let places = ["argentina", "philippines", "chile", "colombia", "pakistan's", "sri", "nepal", "maroc", "china"];
        let families = ["peso", "roupie", "dirham", "yen", "dollar", "livre", "franc", "couronne", "mark", "lire"];
        for family in families {
            let decided = places.iter().any(|place| country_currency(family, place).is_some());
            assert_eq!(decided, shared_by_countries(family), "{family}");
        }
    }

    #[test]
    fn the_keys_of_currency_names_admit_every_word_that_starts_one() {
        let mut words: Vec<String> =
            ["south", "north", "new", "u.s", "real", "mark", "the", "de"].map(String::from).to_vec();
        for text in glaneur_testdata::test_texts(&["money"]) {
            words.extend(
                text.split(|c: char| !(c.is_alphabetic() || c == '.')).map(|w| glaneur_text::folded(w).into_owned()),
            );
        }
        let nouns: Vec<&str> = CURRENCY_WORD_LIST.iter().copied().chain(["franc", "rupee", "peso", "dollar"]).collect();
        let (mut starting, mut refused) = (0, 0);
        for word in &words {
            let starts = currency_word(word).is_some()
                || english_dollar_adjective(word).is_some()
                || nouns.iter().any(|noun| english_adjective_currency(word, noun).is_some())
                || matches!(word.as_str(), "south" | "new" | "north");
            let admitted = may_start_a_currency_name(glaneur_schema::key_of_form(word));
            if starts {
                assert!(admitted, "{word:?}");
                starting += 1;
            }
            refused += usize::from(!admitted);
        }
        assert!(starting > 100 && refused > 5_000, "{starting} {refused}");
    }

    #[test]
    fn the_start_keys_admit_every_word_that_starts_an_amount() {
        let keys = amount_start_keys();
        let mut words: Vec<String> = ["the", "euros", "son", "fonds", "modèle", "deuxième", "vingtaine", "vingt-cinq"]
            .map(String::from)
            .to_vec();
        words.extend(
            FRENCH_NUMBER_WORDS.iter().chain(ENGLISH_NUMBER_WORDS).chain(OTHER_AMOUNT_STARTS).map(|w| w.to_string()),
        );
        for text in glaneur_testdata::test_texts(&["money"]) {
            words.extend(text.split(|c: char| !c.is_alphabetic()).map(glaneur_text::folded).map(|w| w.into_owned()));
        }
        let (mut starts, mut refused) = (0, 0);
        for word in &words {
            let admitted = keys.admits(glaneur_schema::key_of_form(word));
            if starts_an_amount(word) {
                assert!(admitted, "{word:?}");
                starts += 1;
            }
            refused += usize::from(!admitted);
        }
        assert!(starts > 200 && refused > 5_000, "{starts} {refused}");
    }

    #[test]
    fn the_word_filter_admits_every_word_and_refuses_others() {
        for word in FRENCH_NUMBER_WORDS.iter().chain(ENGLISH_NUMBER_WORDS).chain(OTHER_AMOUNT_STARTS) {
            assert!(starts_an_amount(word), "{word}");
            let longer = format!("{word}-x");
            assert!(may_start_an_amount_within(&longer), "{longer}");
        }
        assert!(is_number_word("vingt") && is_number_word("hundred") && !is_number_word("mille"));
        assert!(is_english_number_word("hundred") && !is_english_number_word("six"));
        // Words the filter lets through, and the table refuses.
        let mut admitted = 0;
        for word in ["the", "euros", "son", "fonds", "cette", "entre", "comme", "europe", "moins"] {
            admitted += usize::from(may_start_an_amount(word));
            assert!(!starts_an_amount(word) && !is_number_word(word), "{word}");
        }
        assert!(admitted > 5, "{admitted}");
        for word in ["", "le", "modèle", "dollars", "u", "vingtaine", "deuxième"] {
            assert!(!starts_an_amount(word), "{word}");
        }
        assert!(!may_start_an_amount_within("le-mot") && !may_start_an_amount_within("x"));
    }

    #[test]
    fn the_word_filter_answers_as_its_first_and_last_bytes_shifted_by_length() {
        // The filter as it was written first: the reference.
        let reference = |filter: &WordFilter, word: &str| {
            let bit = WordFilter::length_bit(word.len());
            match word.as_bytes() {
                [first, .., last] | [first @ last] => {
                    filter.first[usize::from(*first)] >> bit & filter.last[usize::from(*last)] >> bit & 1 == 1
                }
                [] => false,
            }
        };
        let mut words: Vec<String> = vec![String::new(), "a".into(), "é".into(), "x".repeat(40)];
        for text in glaneur_testdata::test_texts(&["money"]) {
            words.extend(text.split(|c: char| !c.is_alphabetic()).map(|w| glaneur_text::folded(w).into_owned()));
        }
        let qualifiers = WordFilter::of_last_words(QUALIFIERS);
        let mut admitted = 0;
        for word in &words {
            for filter in [&AMOUNT_STARTS, &qualifiers] {
                assert_eq!(filter.admits(word), reference(filter, word), "{word:?}");
                admitted += usize::from(filter.admits(word));
            }
        }
        assert!(admitted > 1000, "{admitted}");
    }

    #[test]
    fn the_multiplier_filter_refuses_no_multiplier() {
        let mut words: Vec<String> = MULTIPLIER_WORDS.iter().map(|w| w.to_string()).collect();
        for text in glaneur_testdata::test_texts(&["money"]) {
            words.extend(text.split(|c: char| !c.is_alphanumeric()).map(|w| glaneur_text::folded(w).into_owned()));
        }
        let mut found = 0;
        for word in &words {
            for original in [word.as_str(), &word.to_uppercase()] {
                for language in [Language::French, Language::English] {
                    for glued in [false, true] {
                        let all = multiplier_of(word, original, language, glued);
                        assert_eq!(multiplier(word, original, language, glued), all, "{word}");
                        // Every word taken is in the list the filter is made of.
                        assert!(all.is_none() || MULTIPLIER_WORDS.contains(&word.as_str()), "{word}");
                        found += usize::from(all.is_some());
                    }
                }
            }
        }
        assert!(found > 500, "{found}");
    }

    #[test]
    fn the_table_of_amount_starts_answers_as_the_lists() {
        let mut words: Vec<String> = Vec::new();
        for text in glaneur_testdata::test_texts(&["money"]) {
            let parts = text.split(|c: char| !c.is_alphanumeric() && c != '-');
            words.extend(parts.map(|w| glaneur_text::folded(w).into_owned()));
        }
        for word in FRENCH_NUMBER_WORDS.iter().chain(ENGLISH_NUMBER_WORDS).chain(OTHER_AMOUNT_STARTS) {
            // The words, their prefixes and words one letter longer.
            words.extend((0..=word.len()).map(|end| word[..end].to_owned()));
            words.extend(["s", "e", "x", "-"].map(|more| format!("{word}{more}")));
        }
        let mut found = 0;
        for word in &words {
            let (french, english) = (matches_french_number_word(word), matches_english_number_word(word));
            let start = french || english || matches_other_amount_start(word);
            assert_eq!(starts_an_amount(word), start, "{word}");
            assert_eq!(is_number_word(word), french || english, "{word}");
            assert_eq!(is_english_number_word(word), english, "{word}");
            found += usize::from(start);
        }
        assert!(words.len() > 10_000 && found > 500, "{} {found}", words.len());
    }
}
