//! A guess at the grammatical gender a first name takes in French press
//! (`il` or `elle`), so that `a-t-elle ajouté` goes to the last woman named.
//! A guess from endings with lists of exceptions: wrong for some names, and
//! `None` for epicene ones (Camille, Dominique, Claude).

use std::sync::LazyLock;

use crate::names::lowercase_bytes;
use glaneur_lexicon::WordTable;
use glaneur_schema::attrs::Gender;

/// `Some(true)` feminine, `Some(false)` masculine, `None` unknown.
pub fn is_feminine(first_name: &str) -> Option<bool> {
    // `Marie-Laure` → `Laure`, `Jean-Marc` → `Marc`.
    let name = first_name.as_bytes().iter().rposition(|&b| b == b'-').map_or(first_name, |h| &first_name[h + 1..]);
    // Most names are ASCII or Latin-1, and short: lowercased on the stack.
    let mut buf = [0; 16];
    let owned;
    let lower = match lowercase_bytes(name, &mut buf) {
        Some(lower) => lower,
        None => {
            owned = name.to_lowercase();
            owned.as_bytes()
        }
    };
    if let Some(&known) = EXCEPTIONS.get(lower) {
        return known;
    }
    Some(lower.ends_with(b"a") || lower.ends_with(b"e"))
}

/// The attrs' gender of an answer of [`is_feminine`].
pub(crate) fn as_gender(feminine: Option<bool>) -> Option<Gender> {
    feminine.map(|f| if f { Gender::Feminine } else { Gender::Masculine })
}

/// The names the endings get wrong, each with its gender: one lookup
/// rather than a scan of the three lists (a name in several takes the
/// first: epicene, then masculine, then feminine). By bytes, so that a
/// name lowercased on the stack is looked up as it is.
static EXCEPTIONS: LazyLock<WordTable<Option<bool>>> = LazyLock::new(|| {
    let lists = [(EPICENE, None), (MASCULINE_EXCEPTIONS, Some(false)), (FEMININE_EXCEPTIONS, Some(true))];
    WordTable::new(lists.into_iter().flat_map(|(list, gender)| list.iter().map(move |name| (name, gender))))
});

/// Names used for both.
const EPICENE: &[&str] = &[
    "camille",
    "dominique",
    "claude",
    "sacha",
    "sasha",
    "alex",
    "charlie",
    "sam",
    "morgan",
    "jamie",
    "kim",
    "andrea",
    "ange",
    "eden",
    "noa",
    "maxime",
    "lou",
    "loup",
    "alix",
    "yael",
    "yaël",
    "jordan",
    "taylor",
    "robin",
];

/// Masculine names ending in `a` or `e`.
const MASCULINE_EXCEPTIONS: &[&str] = &[
    "pierre",
    "philippe",
    "jérôme",
    "jerome",
    "stéphane",
    "stephane",
    "christophe",
    "guillaume",
    "antoine",
    "alexandre",
    "baptiste",
    "eugène",
    "étienne",
    "etienne",
    "fabrice",
    "grégoire",
    "ambroise",
    "blaise",
    "achille",
    "jules",
    "clément",
    "jérémie",
    "rémi",
    "élie",
    "elie",
    "émile",
    "emile",
    "gustave",
    "auguste",
    "anatole",
    "théophile",
    "honoré",
    "valère",
    "aurèle",
    "mike",
    "dave",
    "steve",
    "joe",
    "george",
    "bruce",
    "wayne",
    "kyle",
    "lee",
    "shane",
    "eddie",
    "jesse",
    "lance",
    "pierce",
    "clarence",
    "lawrence",
    "terence",
    "maurice",
    "luca",
    "nicola",
    "mustafa",
    "moustafa",
    "joshua",
    "ilya",
    "nikita",
    "dante",
    "josé",
    "jose",
    "jorge",
    "hervé",
    "herve",
    "andré",
    "andre",
    "rené",
    "rene",
    "aimé",
    "jean-baptiste",
    "ignace",
    "eustache",
    "hippolyte",
    "ulysse",
    "octave",
    "jacques",
    "alberto",
    "mate",
    "isaiah",
    "elijah",
    "jonah",
    "micah",
    "noah",
    "ezra",
    "luka",
    "kostya",
    "vanya",
    "satya",
    "krishna",
    "rama",
    "shiva",
    "arjuna",
    "aditya",
    "surya",
    "lyle",
    "dale",
    "blake",
    "cole",
    "duke",
    "gabe",
    "jake",
    "luke",
    "nate",
    "pete",
    "wade",
    "clyde",
    "rodrigue",
    "ange",
    "théodore",
    "theodore",
    "aristide",
    "félicité",
    "boubacar",
    "moussa",
    "issa",
    "oumar",
    "mamadou",
    "abdoulaye",
    "hamza",
    "reza",
    "musa",
    "yahya",
    "zakaria",
    "zakariya",
    "amine",
];

/// Feminine names not ending in `a` or `e`.
const FEMININE_EXCEPTIONS: &[&str] = &[
    "inès",
    "ines",
    "agnès",
    "agnes",
    "carmen",
    "ingrid",
    "astrid",
    "sigrid",
    "ruth",
    "esther",
    "judith",
    "ellen",
    "karen",
    "kathleen",
    "gwen",
    "maud",
    "isabel",
    "rachel",
    "muriel",
    "lisbeth",
    "elizabeth",
    "margaret",
    "janet",
    "harriet",
    "yasmin",
    "mary",
    "kelly",
    "emily",
    "lucy",
    "nancy",
    "amy",
    "cathy",
    "judy",
    "sally",
    "shirley",
    "betty",
    "dolly",
    "daisy",
    "ivy",
    "lily",
    "dorothy",
    "wendy",
    "fanny",
    "jenny",
    "audrey",
    "chloé",
    "chloe",
    "zoé",
    "zoe",
    "anaïs",
    "anais",
    "maëlys",
    "manon",
    "marion",
    "alison",
    "allison",
    "sharon",
    "lauren",
    "miriam",
    "myriam",
    "carol",
    "ann",
    "lynn",
    "beth",
    "sheryl",
    "cheryl",
    "gwyneth",
    "nour",
    "sarah",
    "deborah",
    "hannah",
    "susan",
    "megan",
    "jennifer",
    "catherine",
    "mercedes",
    "doris",
    "iris",
    "frances",
    "gladys",
    "agathe",
    "béatrix",
    "beatrix",
    "mathilde",
    "maryam",
    "myriem",
    "leïla",
    "soizic",
    "gwenn",
    "ysaline",
    "rut",
    "meg",
    "peg",
    "sue",
    "kay",
    "fay",
    "joy",
    "may",
    "jill",
    "gail",
    "pearl",
    "hazel",
    "mabel",
    "ethel",
    "sybil",
    "ursula",
    "hélène",
    "noémie",
    "solène",
    "laurence",
    "élisabeth",
    "isabeau",
    "margot",
    "clio",
    "ilana",
    "orlane",
    "maylis",
    "lou-ann",
    "fleur",
    "sigourney",
    "mireille",
    "violet",
    "scarlett",
    "harper",
    "brooke",
    "paige",
    "jocelyn",
    "evelyn",
    "madison",
    "ashley",
    "tiffany",
    "brittany",
    "stacy",
    "tracy",
    "cindy",
    "mindy",
    "sandy",
    "candy",
    "penny",
    "molly",
    "holly",
    "poppy",
    "ruby",
    "abby",
    "debby",
    "libby",
    "peggy",
    "ivy",
    "ines",
    "aurore",
    "élodie",
    "nathalie",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan of the three lists the lookup replaced.
    fn is_feminine_reference(first_name: &str) -> Option<bool> {
        let name = first_name.rsplit('-').next().unwrap_or(first_name);
        let lower = name.to_lowercase();
        if EPICENE.contains(&lower.as_str()) {
            return None;
        }
        if MASCULINE_EXCEPTIONS.contains(&lower.as_str()) {
            return Some(false);
        }
        if FEMININE_EXCEPTIONS.contains(&lower.as_str()) {
            return Some(true);
        }
        Some(lower.ends_with('a') || lower.ends_with('e'))
    }

    #[test]
    fn the_lookup_answers_as_the_scan_of_the_lists() {
        let listed = EPICENE.iter().chain(MASCULINE_EXCEPTIONS).chain(FEMININE_EXCEPTIONS);
        let cased = listed.flat_map(|n| [n.to_string(), n.to_uppercase(), format!("Jean-{n}"), format!("{n}s")]);
        let others = ["Léa", "ÉLODIE", "Anne-Sophie", "Ange", "Ivy", "", "-", "Maximiliana-Theodora", "Ⅻ", "İsa"];
        for name in cased.chain(others.map(String::from)) {
            assert_eq!(is_feminine(&name), is_feminine_reference(&name), "{name}");
        }
    }

    #[test]
    fn common_french_and_english_names() {
        for f in ["Margrethe", "Sophie", "Claire", "Inès", "Élodie", "Marie-Laure", "Anna", "Sarah", "Rachel"] {
            assert_eq!(is_feminine(f), Some(true), "{f}");
        }
        for m in ["Jeremy", "Dan", "Satya", "Pierre", "Jean-Marc", "Karim", "Hugo", "Laurent", "Mustafa", "Philippe"] {
            assert_eq!(is_feminine(m), Some(false), "{m}");
        }
        assert_eq!(is_feminine("Camille"), None);
        assert_eq!(is_feminine("Claude"), None);
    }
}
