//! The endings of people's names, as whole words (`park`, `c.j. park`;
//! `meaux`, `de meaux`, `aurélien de meaux`), lower-case: what finds the
//! fullest form of a name a speaker is written with.
//!
//! Built once per document that names a speaker. An article names a few
//! people: their names are compared one by one, each lowered once; past
//! `FEW` people, the endings go into a hash table, so that a document
//! of thousands of people stays linear.

use std::collections::HashMap;

use foldhash::fast::FixedState;
use glaneur_text::kept::Bound;

use crate::found::PersonRef;

/// The most people whose names are compared one by one.
const FEW: usize = 16;

/// The endings of a document's people's canonical names.
pub enum NameEndings {
    /// Each canonical name, lower-case, in the persons' order: one after
    /// another in one string, each ending where `ends` says.
    Few { lowered: String, ends: Vec<usize> },
    /// Each ending, and the person with the longest canonical name that
    /// ends so (the first of those); and the room of a few names, each
    /// lowered there in turn, kept for the next document.
    Many(HashMap<String, usize, FixedState>, NameRoom),
}

/// The room [`NameEndings`] of a few people are built in, kept by a thread
/// from one document to the next ([`NameEndings::new_in`],
/// [`NameEndings::into_room`]): one string and one vector, not a string
/// for each person.
#[derive(Default)]
pub struct NameRoom {
    lowered: String,
    ends: Vec<usize>,
}

/// Emptied, its room freed when a huge document's
/// ([`KEPT_ROOM`](glaneur_text::kept::KEPT_ROOM) people, or bytes of their
/// names).
impl Bound for NameRoom {
    fn bound(&mut self) {
        self.ends.bound();
        self.lowered.bound();
    }
}

impl NameEndings {
    /// [`NameEndings::new_in`] in a room of its own.
    #[cfg(test)]
    fn new(persons: &[PersonRef]) -> Self {
        Self::new_in(persons, NameRoom::default())
    }

    /// The endings of the canonical names of `persons`, a few people's
    /// names lowered into `room`.
    pub fn new_in(persons: &[PersonRef], room: NameRoom) -> Self {
        let NameRoom { mut lowered, mut ends } = room;
        lowered.clear();
        ends.clear();
        if persons.len() <= FEW {
            for p in persons {
                lowercase_into(&p.canonical, &mut lowered);
                ends.push(lowered.len());
            }
            return NameEndings::Few { lowered, ends };
        }
        // Two or three endings a name (`c.j. park`, `j. park`, `park`):
        // room for them, so that the table is not grown again and again.
        let mut fullest: HashMap<String, usize, FixedState> =
            HashMap::with_capacity_and_hasher(persons.len() * 3, FixedState::default());
        for (k, p) in persons.iter().enumerate() {
            lowered.clear();
            lowercase_into(&p.canonical, &mut lowered);
            for key in endings(&lowered) {
                // A key met before is not copied again.
                match fullest.get_mut(key) {
                    Some(best) if persons[*best].canonical.len() < p.canonical.len() => *best = k,
                    Some(_) => {}
                    None => {
                        fullest.insert(key.to_owned(), k);
                    }
                }
            }
        }
        NameEndings::Many(fullest, NameRoom { lowered, ends })
    }

    /// Of `persons` (those the endings were built from), the one whose
    /// canonical name ends with `name` (case ignored, as
    /// `str::to_lowercase` does), as whole words: the first of those with
    /// the longest name.
    pub fn person(&self, persons: &[PersonRef], name: &str) -> Option<usize> {
        self.person_lowered(persons, &lowercase(name))
    }

    /// [`NameEndings::person`] for the canonical name of `persons[k]`: of
    /// a few people, that name lowered when the endings were built, not
    /// lowered again (a person is asked about at each mention).
    pub fn person_of(&self, persons: &[PersonRef], k: usize) -> Option<usize> {
        match self {
            NameEndings::Few { lowered, ends } => self.person_lowered(persons, &lowered[start(ends, k)..ends[k]]),
            NameEndings::Many(..) => self.person(persons, &persons[k].canonical),
        }
    }

    /// The room a few people's names were lowered in, for the next
    /// document's ([`NameEndings::new_in`]).
    pub fn into_room(self) -> NameRoom {
        match self {
            NameEndings::Few { lowered, ends } => NameRoom { lowered, ends },
            NameEndings::Many(_, room) => room,
        }
    }

    /// [`NameEndings::person`], `name` lowered.
    fn person_lowered(&self, persons: &[PersonRef], name: &str) -> Option<usize> {
        match self {
            NameEndings::Many(fullest, _) => fullest.get(name).copied(),
            NameEndings::Few { lowered, ends } => {
                let mut best: Option<usize> = None;
                let mut from = 0;
                for (k, &end) in ends.iter().enumerate() {
                    // Every ending is a suffix: most names are refused by
                    // their bytes, before the name is read as text.
                    let (start, suffix) = (from, end >= from + name.len());
                    from = end;
                    if !(suffix && lowered.as_bytes()[end - name.len()..end] == *name.as_bytes()) {
                        continue;
                    }
                    if endings(&lowered[start..end]).any(|key| key == name)
                        && best.is_none_or(|b| persons[b].canonical.len() < persons[k].canonical.len())
                    {
                        best = Some(k);
                    }
                }
                best
            }
        }
    }
}

/// Where the `k`th of the names that end at `ends` starts.
fn start(ends: &[usize], k: usize) -> usize {
    k.checked_sub(1).map_or(0, |j| ends[j])
}

/// [`lowercase`]`(text)`, appended to `out`: a text whose letters beyond
/// ASCII have no lower case (most names: `Hélène`) lowered a byte at a
/// time; another a char at a time, those of Latin-1 by their code (only
/// `À` to `Þ` but `×` have a lower case, 0x20 further on), any other by
/// its own lower case, as `str::to_lowercase` lowers them all but `Σ`
/// (whose lower case depends on its place in a word: a text holding it is
/// lowered by the standard library).
pub fn lowercase_into(text: &str, out: &mut String) {
    if text.is_ascii() || ascii_lowering_suffices(text.as_bytes()) {
        let from = out.len();
        out.push_str(text);
        out[from..].make_ascii_lowercase();
        return;
    }
    let from = out.len();
    out.reserve(text.len());
    for c in text.chars() {
        match c {
            'A'..='Z' | 'À'..='Þ' if c != '×' => out.push(char::from(c as u8 + 0x20)),
            '\0'..='ÿ' => out.push(c),
            'Σ' => {
                out.truncate(from);
                out.push_str(&text.to_lowercase());
                return;
            }
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Whether the lower case of the text `bytes` is its ASCII lower case: it
/// holds no letter beyond ASCII that has a lower case. Of the characters
/// below U+0100 (the only ones whose bytes are all below 0xC4), those are
/// `À` to `Þ` but `×`: 0xC3 then 0x80 to 0x9E but 0x97.
fn ascii_lowering_suffices(bytes: &[u8]) -> bool {
    let mut after_c3 = false;
    for &b in bytes {
        if b >= 0xC4 || (after_c3 && (0x80..=0x9E).contains(&b) && b != 0x97) {
            return false;
        }
        after_c3 = b == 0xC3;
    }
    true
}

/// `text.to_lowercase()`, by [`lowercase_into`]: the standard library
/// lowers a char at a time even an ASCII text, which cost several hundred
/// instructions a name.
pub fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    lowercase_into(text, &mut out);
    out
}

/// The endings of a lower-case name, as whole words: from its start and
/// after each space or period, spaces trimmed, none empty.
fn endings(lower: &str) -> impl Iterator<Item = &str> {
    let tails = lower.char_indices().filter(|&(_, c)| matches!(c, ' ' | '.')).map(|(i, c)| i + c.len_utf8());
    std::iter::once(0).chain(tails).map(|tail| lower[tail..].trim_start()).filter(|key| !key.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_lowered_as_the_standard_library_lowers_them() {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.extend(
            ["", "Jean DUPONT", "ÉLODIE", "İzmir", "ΟΔΟΣ", "ΣΑΣ Σ", "\u{212a}elvin", "O’Brien", "ŁUKASZ Ğ", "ẞ Ǆ ǅ"]
                .map(str::to_owned),
        );
        // Every character up to U+00FF, alone and among others.
        let latin1: String = (0x20..=0xFFu32).filter_map(char::from_u32).collect();
        texts.extend(latin1.chars().map(|c| format!("a{c}Z")).chain([latin1.clone()]));
        for text in &texts {
            for t in text.split_inclusive(['.', '\n']).chain([text.as_str()]) {
                assert_eq!(lowercase(t), t.to_lowercase(), "{t:?}");
            }
        }
    }

    #[test]
    fn few_names_are_compared_as_in_the_hash_table() {
        let names = [
            "Park",
            "C.J. Park",
            "J. Park",
            "Aurélien de Meaux",
            "de Meaux",
            "Meaux",
            "ÉLODIE MARTIN",
            "Élodie Martin",
            "İzmir Kaya",
            "ΟΔΟΣ Σ",
            "Jean  Dupont",
            "Dupont.",
            " Paul",
            "A. B. C.",
            "Ann Lee",
            "Lee",
            "X",
            "Jean-Pierre Lee",
            "",
            "Lee ",
        ];
        let mut draws = glaneur_testdata::Draws::new(3);
        // Each round's endings built in the room of the round before's.
        let mut room = NameRoom::default();
        for round in 0..400 {
            let mut persons = Vec::new();
            for _ in 0..(round % FEW + 1) {
                let canonical = names[draws.below(names.len())].to_owned();
                persons.push(PersonRef { start: 0, end: 0, canonical: canonical.into(), gender: None });
            }
            let few = NameEndings::new_in(&persons, room);
            assert!(matches!(few, NameEndings::Few { .. }));
            // The same persons, and more that name nobody asked for.
            let mut padded = persons.clone();
            let other = |i: usize| PersonRef { start: 0, end: 0, canonical: format!("Zed{i}").into(), gender: None };
            padded.extend((0..FEW).map(other));
            let many = NameEndings::new(&padded);
            assert!(matches!(many, NameEndings::Many(..)));
            let asked = names.iter().flat_map(|n| [n.to_string(), n.to_uppercase(), n.to_lowercase()]);
            for name in asked.chain(["", " ", "park ", "é"].map(str::to_owned)) {
                assert_eq!(few.person(&persons, &name), many.person(&padded, &name), "{name:?} in {persons:?}");
            }
            // A person's own name, lowered once or at each question.
            for (k, p) in persons.iter().enumerate() {
                let asked = few.person(&persons, &p.canonical);
                assert_eq!(few.person_of(&persons, k), asked, "{p:?}");
                assert_eq!(many.person_of(&padded, k), asked, "{p:?}");
            }
            room = match round % 2 {
                0 => few.into_room(),
                _ => many.into_room(),
            };
        }
    }
}
