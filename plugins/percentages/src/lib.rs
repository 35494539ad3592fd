//! The percentages plugin (kind `percentage`): `49 %`, `49 pour cent`,
//! `entre 10 et 30 %`, with value and max.

mod marks;
mod matcher;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use glaneur_numbers::{parse_digits, Convention};
use glaneur_schema::{entity::Number, Document, Entity, FfiEntity, Plugin, PluginInfo};
use matcher::Parts;
use regex::Regex;

/// A number as written in French or English text, `DIGIT` standing for
/// the class of digits. The group space is `\x20`: the regex is verbose
/// (`(?x)`), where a literal space, even in a class, is ignored.
const NUM: &str = r"DIGIT{1,3}(?:[\x20\x{a0}\x{202f}]DIGIT{3})+(?:,DIGIT+)?|DIGIT+(?:[.,]DIGIT+)?";

/// A percent mark, in any case and with any spacing inside.
const MARK: &str = r"%|pour\s?cent|pourcent|percent|per\s+cent";

/// A percent mark, in any case and with any spacing inside: what the
/// marks of a Document are checked against in the tests.
#[cfg(test)]
static MARKS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?i){MARK}")).expect("the percent marks form a valid regex"));

/// How far before a percent mark a percentage may start (`entre 1 000,5 et 2 000,5 %`).
const REACH: usize = 64;

/// The percentage rule as a regex, `digit` standing for the class of
/// digits: the reference [`matcher`] reads as it would with ASCII digits,
/// and the rule itself for the rare text near a mark that has digits of
/// another script (see [`PERCENT_ANY_DIGITS`]).
///
/// The marks' word boundaries are checked on the marks themselves, and
/// `entre`'s is ASCII: a Unicode `\b` makes the regex crate's DFA give up
/// on French text.
fn percent(digit: &str) -> Regex {
    let num = NUM.replace("DIGIT", digit);
    let pattern = format!(
        r"(?xi)
        (?:
            (?-u:\b)(?P<entre>entre)\s+(?P<a>{num})\s*%?\s*et\s+(?P<b>{num})
          | (?P<c>{num})\s*%?\s*(?:à|-|–)\s*(?P<d>{num})
          | (?P<sign>[-+−])?(?P<n>{num})
        )
        \s*(?:{MARK})"
    );
    Regex::new(&pattern).expect("the percentage pattern is valid")
}

/// The percentage rule with any decimal digit, for the rare text near a
/// mark that has digits of another script: a number written with them
/// must still take up its place (`entre ٤٠ et 50 %` is no `50 %`), though
/// it is not read. Built on first need; [`matcher`] reads the rest.
static PERCENT_ANY_DIGITS: LazyLock<Regex> = LazyLock::new(|| percent(r"\d"));

thread_local! {
    /// The marks of a document, kept by each thread for the next (most
    /// documents have some).
    static MARKS_FOUND: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
}

/// Finds percentages; stateless.
pub struct Percentages;

impl Percentages {
    /// Every percentage in `doc`.
    pub fn find(&self, doc: &Document<'_>) -> Vec<Entity> {
        glaneur_text::kept::with_kept(&MARKS_FOUND, |marks| self.find_with(doc, marks))
    }

    /// [`Percentages::find`], the marks read into `marks` (what it held is
    /// forgotten).
    fn find_with(&self, doc: &Document<'_>, marks: &mut Vec<(usize, usize)>) -> Vec<Entity> {
        let text = doc.text();
        marks::marks_into(doc, marks);
        // A word mark stands alone (not the `percent` of `5percent`).
        marks.retain(|&(s, e)| &text[s..e] == "%" || glaneur_text::is_whole_word(text, s, e));
        let mut out: Vec<Entity> = Vec::with_capacity(marks.len());
        let mut k = 0;
        while k < marks.len() {
            let last_end = out.last().map_or(0, |e| e.span.end);
            let Some(mut entity) = self.ending_at(text, marks[k], last_end) else {
                k += 1;
                continue;
            };
            // `entre 10 % et 30 %`: a range ending at the next mark may cover this one.
            if let Some(&next) = marks.get(k + 1).filter(|n| n.0 - marks[k].1 < REACH) {
                if let Some(range) = self.ending_at(text, next, last_end).filter(|r| r.span.start <= entity.span.start)
                {
                    entity = range;
                    k += 1;
                }
            }
            out.push(entity);
            k += 1;
        }
        out
    }

    /// The percentage ending at the percent mark `mark`, starting after `floor`.
    fn ending_at(&self, text: &str, (start, end): (usize, usize), floor: usize) -> Option<Entity> {
        let from = glaneur_text::reach_back(text, start, REACH).max(floor);
        let other_digits = text[from..end].chars().any(|c| c.is_numeric() && !c.is_ascii_digit());
        let text = &text[..end];
        let (span, low, high) = if other_digits {
            ending_at_end(text, from, |at| regex_parts(&PERCENT_ANY_DIGITS, text, at))
        } else {
            ending_at_end(text, from, |at| matcher::find_at(text, at))
        }?;
        Some(percentage(span, low, high))
    }
}

/// The capture groups of the percentage regex, by index.
struct Groups {
    a: usize,
    b: usize,
    c: usize,
    d: usize,
    n: usize,
    sign: usize,
}

/// [`Groups`] of the percentage regex, looked up by name once (every
/// regex [`percent`] builds has the same groups).
static GROUPS: LazyLock<Groups> = LazyLock::new(|| {
    let index = |name: &str| {
        PERCENT_ANY_DIGITS.capture_names().position(|n| n == Some(name)).expect("the percentage regex names its groups")
    };
    Groups { a: index("a"), b: index("b"), c: index("c"), d: index("d"), n: index("n"), sign: index("sign") }
});

/// The leftmost match of `regex` (one [`percent`] built) at or after `at`
/// in `text`, as [`Parts`].
fn regex_parts(regex: &Regex, text: &str, at: usize) -> Option<Parts> {
    let g = &*GROUPS;
    let mut locations = regex.capture_locations();
    let whole = regex.captures_read_at(&mut locations, text, at)?;
    let group = |i: usize| locations.get(i).map(|(s, e)| s..e);
    let (first, second) = match group(g.a).or_else(|| group(g.c)) {
        Some(first) => (first, group(g.b).or_else(|| group(g.d))),
        None => (group(g.n)?, None),
    };
    Some(Parts { whole: whole.range(), sign: group(g.sign), first, second })
}

/// The percentage that ends where `text` does, among those `find` (the
/// leftmost match at or after a place) turns up from `from` on: its span,
/// value and max. The matches before it are read as a scan of the whole
/// window reads them, since where one ends is where the next is looked for
/// (`100 % à 50 %` is no range: the scan goes on from `50`); only the last
/// one can end at the mark.
fn ending_at_end(
    text: &str,
    from: usize,
    mut find: impl FnMut(usize) -> Option<Parts>,
) -> Option<(Range<usize>, f64, Option<f64>)> {
    let parse = |r: &Range<usize>| parse_digits(&text[r.clone()], Convention::French);
    let mut at = from;
    while let Some(parts) = find(at) {
        at = parts.whole.end;
        // A number glued to a letter before it (`H100 %`) is not ours.
        if glaneur_text::glued_before(text, parts.whole.start) {
            continue;
        }
        let (low, high) = match &parts.second {
            Some(second) => match (parse(&parts.first), parse(second)) {
                (Some(low), Some(high)) if low <= high => (low, Some(high)),
                (Some(_), Some(_)) => {
                    // `100 % à 50 %` is no range: rescan from the second number.
                    // (What the first number makes ends before the mark.)
                    at = second.start;
                    continue;
                }
                _ => continue,
            },
            None => {
                let Some(n) = parse(&parts.first) else { continue };
                let negative = parts.sign.as_ref().is_some_and(|s| &text[s.clone()] != "+");
                (if negative { -n } else { n }, None)
            }
        };
        if parts.whole.end == text.len() {
            return Some((parts.whole, low, high));
        }
    }
    None
}

/// A `percentage` entity, its attributes written by hand as serde_json
/// writes [`Attrs`] (a serializer's calls and checks cost more than the
/// rest of an entity): numbers and a rule name, never a line break.
fn percentage(span: Range<usize>, value: f64, max: Option<f64>) -> Entity {
    let rule = if max.is_some() { "range" } else { "single" };
    Entity::with_one_line_attrs("percentage", span, 0.95, attrs_json(value, max, rule))
}

/// The attributes of a percentage as JSON: `value`, `max` when given, and
/// `rule` (one of the plugin's, which need no escape).
fn attrs_json(value: f64, max: Option<f64>, rule: &str) -> String {
    let mut json = String::with_capacity(56);
    json.push_str("{\"value\":");
    Number(value).write_json(&mut json);
    if let Some(max) = max {
        json.push_str(",\"max\":");
        Number(max).write_json(&mut json);
    }
    json.push_str(",\"rule\":\"");
    json.push_str(rule);
    json.push_str("\"}");
    json
}

impl Plugin for Percentages {
    const INFO: PluginInfo = PluginInfo {
        name: "percentages",
        version: env!("CARGO_PKG_VERSION"),
        produces: &["percentage"],
        requires: &[],
        description: "Percentages: 49 %, 49 pour cent, entre 10 et 30 %.",
    };

    fn new(config: &str) -> Result<Self, String> {
        glaneur_schema::no_configuration(Self::INFO.name, config)?;
        Ok(Percentages)
    }

    fn extract(&self, doc: &Document<'_>, _found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        Ok(self.find(doc))
    }
}

// The Python package links every plugin into one library: there, no
// plugin exports the library header (they would all share its symbol), nor
// declares the allocator.
#[cfg(not(feature = "embedded"))]
glaneur_schema::export_plugin!(Percentages);
#[cfg(not(feature = "embedded"))]
glaneur_alloc::global_allocator!();

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::DocumentBuf;
    use serde::Serialize;

    /// A `percentage` entity's attributes, as serde_json writes them: the
    /// reference of [`attrs_json`].
    #[derive(Serialize)]
    struct Attrs {
        value: Number,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<Number>,
        rule: &'static str,
    }

    #[test]
    fn the_attributes_written_by_hand_are_serde_jsons() {
        let values = [0.0, -0.0, 1.0, -3.0, 49.5, 0.1, 1e-7, 12_345_678.25, 1e21, 9.007_199_254_740_993e15, f64::NAN];
        for value in values {
            for max in values.iter().copied().map(Some).chain([None]) {
                for rule in ["single", "range"] {
                    let expected = serde_json::to_string(&Attrs { value: Number(value), max: max.map(Number), rule })
                        .expect("attrs serialise");
                    assert_eq!(attrs_json(value, max, rule), expected, "{value} {max:?}");
                }
            }
        }
    }

    /// (text of the span, value, max) for every percentage in `text`.
    fn check(text: &str, expected: &[(&str, f64, Option<f64>)]) {
        let found: Vec<(&str, f64, Option<f64>)> = Percentages
            .find(&DocumentBuf::new(text).expect("small").document())
            .iter()
            .map(|e| {
                let get = |k: &str| e.attrs.get(k).as_ref().and_then(serde_json::Value::as_f64);
                (&text[e.span.clone()], get("value").expect("value"), get("max"))
            })
            .collect();
        assert_eq!(found, expected, "in {text:?}");
    }

    #[test]
    fn single_values() {
        check("Microsoft détient 49% du capital.", &[("49%", 49.0, None)]);
        check("une part de 49 % du capital", &[("49 %", 49.0, None)]);
        check("une hausse de 12,5\u{202f}% sur un an", &[("12,5\u{202f}%", 12.5, None)]);
        // Groups of thousands with a plain space, a no-break space, a narrow one.
        check("une hausse de 1 000 % en un an", &[("1 000 %", 1000.0, None)]);
        check(
            "de 15\u{a0}000 % puis 2\u{202f}500 %",
            &[("15\u{a0}000 %", 15000.0, None), ("2\u{202f}500 %", 2500.0, None)],
        );
        check("soit 49 pour cent des voix", &[("49 pour cent", 49.0, None)]);
        check("soit 49 pour\u{202f}cent des voix", &[("49 pour\u{202f}cent", 49.0, None)]);
        check("12 per  cent of votes, 3 PER CENT", &[("12 per  cent", 12.0, None), ("3 PER CENT", 3.0, None)]);
        check("revenue grew 7.5 percent", &[("7.5 percent", 7.5, None)]);
        check("le titre recule de -3,2 % à la clôture", &[("-3,2 %", -3.2, None)]);
        check("un bond de +5 %", &[("+5 %", 5.0, None)]);
    }

    #[test]
    fn ranges() {
        check("entre 10 et 30 % des emplois", &[("entre 10 et 30 %", 10.0, Some(30.0))]);
        check("de 10 à 15 % de croissance", &[("10 à 15 %", 10.0, Some(15.0))]);
        check("une marge de 20-25 %", &[("20-25 %", 20.0, Some(25.0))]);
        check("entre 10 % et 30 %", &[("entre 10 % et 30 %", 10.0, Some(30.0))]);
    }

    #[test]
    fn negatives() {
        check("15 000 GPU H100 et 49 salariés", &[]);
        check("le CAC 40 termine en hausse", &[]);
        check("un taux H100 % inconnu", &[]);
        check("100 % à 50 % ", &[("100 %", 100.0, None), ("50 %", 50.0, None)]);
        // A mark word inside a longer word is no mark.
        check("a 5 percentage point rise", &[]);
        check("un taux de 3 pourcentages", &[]);
        check("5 percent, 5percent", &[("5 percent", 5.0, None)]);
        check("Dentre 10 et 20 %", &[("20 %", 20.0, None)]);
        // Digits of other scripts are not read, but a number written with
        // them keeps its place: `50 %` is the top of a range, `200 %` a group.
        check("٤٥ % et ٣5 %, puis 7 %", &[("7 %", 7.0, None)]);
        check("entre ٤٠ et 50 %", &[]);
        check("de ４０ à 50 %", &[]);
        check("soit ١ 200 %", &[]);
    }

    #[test]
    fn marks_are_those_the_regex_finds_over_the_whole_text() {
        // The regex's matches that stand as words (`find` drops the others).
        let reference = |text: &str| {
            MARKS
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .filter(|&(s, e)| &text[s..e] == "%" || glaneur_text::is_whole_word(text, s, e))
                .collect::<Vec<_>>()
        };
        let pieces = [
            "5 %",
            "49 pour cent",
            "pour\u{a0}cent",
            "POURCENT",
            "3 per   cent",
            "per\ncent",
            "percent",
            "accent",
            "Cent",
            "pour  cent",
            "%%",
            "pourcentage",
            "céntimo",
            "per cen",
            "é cent",
            "x",
            " ",
            "\u{202f}",
            "cent",
        ];
        let mut texts: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        for a in pieces {
            for b in pieces {
                texts.push(format!("{a}{b}"));
                texts.push(format!("{a} {b}"));
            }
        }
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("small");
            let found: Vec<(usize, usize)> = marks::marks(&buf.document())
                .into_iter()
                .filter(|&(s, e)| &text[s..e] == "%" || glaneur_text::is_whole_word(text, s, e))
                .collect();
            assert_eq!(found, reference(text), "in {text:?}");
        }
    }

    /// The percentage regex with ASCII digits: what [`matcher`] reads.
    static PERCENT: LazyLock<Regex> = LazyLock::new(|| percent("[0-9]"));

    /// Texts made of the pieces the rule reads (and a few it must refuse).
    fn texts(count: usize) -> Vec<String> {
        let pieces = [
            "1",
            "2",
            "0",
            "12",
            "123",
            "1234",
            "5",
            "000",
            " 000",
            "\u{a0}000",
            ".5",
            ",25",
            " ",
            " ",
            " ",
            "\u{a0}",
            "\u{202f}",
            "\u{2009}",
            "\u{3000}",
            "\u{85}",
            "\u{200b}",
            "\t",
            "\n",
            ",",
            ".",
            "%",
            "%",
            "pour",
            "POUR",
            "cent",
            "Cent",
            "cEnT",
            "per",
            "percent",
            "pourcent",
            "entre",
            "Entre",
            "ENTRE",
            "et",
            "ET",
            "eT",
            "à",
            "À",
            "á",
            "-",
            "–",
            "—",
            "−",
            "+",
            "x",
            "é",
            "_",
            "a",
            "e",
            "…",
            "H",
        ];
        let mut rng = glaneur_testdata::Draws::new(0x9e37_79b9_7f4a_7c15);
        (0..count).map(|_| (0..1 + rng.below(14)).map(|_| pieces[rng.below(pieces.len())]).collect()).collect()
    }

    #[test]
    fn the_matcher_finds_what_the_regex_finds() {
        let mut matched = 0;
        for text in texts(40_000).iter().chain(&[
            "entre 1 000 et 2 000,5 %".to_string(),
            "1 0000 % et 1\u{a0}000\u{202f}000,25 pour\u{a0}cent".to_string(),
            "de 10 % à 30 per \n cent, 5 Pour Cent, 7,5 pourcent".to_string(),
            "xentre 1 et 2 %, éentre 1 et 2 %, _entre 3 et 4 %".to_string(),
        ]) {
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                let found = matcher::find_at(text, at);
                matched += usize::from(found.is_some());
                assert_eq!(found, regex_parts(&PERCENT, text, at), "in {text:?} from {at}");
            }
        }
        // The texts do hold percentages.
        assert!(matched > 10_000, "{matched}");
    }

    #[test]
    fn configuration_is_checked() {
        assert!(Percentages::new("").is_ok());
        assert!(Percentages::new("strict").is_err());
    }
}
