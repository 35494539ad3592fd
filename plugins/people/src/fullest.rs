//! Each mention's fullest form: the canonical name of a surname alone.

use crate::names::{first_name, surname};
use crate::scratch::{recycle, Scratch};
use crate::Mention;

/// Each mention's canonical: the longest name in the document with the
/// same surname (and the same first name, when the mention has one); of
/// equally long ones, the nearest before the mention (`Louis Garnier …
/// Alice Garnier … a précisé Garnier` is Alice Garnier), else the nearest
/// after it (a headline's `Garnier` is the first full name the article
/// then gives).
/// `found` is in order of start; each canonical is given as the index of
/// the mention whose name it is (not copied). The mentions sorted by
/// surname, then first name, make each group a run: no hash map, no list
/// per group. Written into `chosen`; `scratch` lends the buffers, and
/// keeps the length of each mention's [`first_name`] in its `first_names`.
pub(crate) fn fullest_forms(found: &[Mention<'_>], chosen: &mut Vec<usize>, scratch: &mut Scratch) {
    // Each mention's surname, and first name when it has one.
    let mut keys: Vec<(&str, Option<&str>)> = recycle(std::mem::take(&mut scratch.keys));
    keys.extend(found.iter().map(|p| (surname(p.name), first_name(p.name))));
    // By key, then in order (a stable sort): a surname's mentions are a
    // run, and those with one first name a run within it.
    let order = &mut scratch.order;
    order.clear();
    order.extend(0..found.len());
    order.sort_by_key(|&i| keys[i]);
    chosen.clear();
    chosen.extend(0..found.len());
    let longest = &mut scratch.longest;
    for run in order.chunk_by(|&a, &b| keys[a].0 == keys[b].0) {
        // A full name counts for its surname alone: the whole run, asked
        // by the mentions with no first name.
        let alone = run.iter().copied().filter(|&i| keys[i].1.is_none());
        choose(found, run, alone, longest, chosen);
        // And for its own first name.
        for same_first in run.chunk_by(|&a, &b| keys[a].1 == keys[b].1).filter(|s| keys[s[0]].1.is_some()) {
            choose(found, same_first, same_first.iter().copied(), longest, chosen);
        }
    }
    // Each mention's first name, as its length, for the extractor.
    scratch.first_names.clear();
    scratch.first_names.extend(keys.iter().map(|&(_, first)| first.map(str::len)));
    scratch.keys = recycle(keys);
}

/// For each mention of `askers`, the longest name of `group` nearest
/// before it, else the first; `longest` is a buffer.
fn choose(
    found: &[Mention<'_>],
    group: &[usize],
    askers: impl Iterator<Item = usize>,
    longest: &mut Vec<usize>,
    chosen: &mut [usize],
) {
    let len = group.iter().map(|&i| found[i].name.len()).max().unwrap_or(0);
    longest.clear();
    longest.extend(group.iter().copied().filter(|&i| found[i].name.len() == len));
    // In order of start, as `found` is.
    longest.sort_unstable();
    for k in askers {
        let before = longest.partition_point(|&i| found[i].start <= found[k].start);
        if let Some(&best) = longest.get(before.saturating_sub(1)) {
            chosen[k] = best;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::HashMap;

    use foldhash::fast::FixedState;

    use crate::{Person, Rule};

    /// The first way canonicals were chosen: the groups in a hash map,
    /// each with its names that long, searched for the nearest before
    /// each mention.
    fn fullest_forms_reference(found: &mut [Person]) {
        #[derive(Default)]
        struct Longest {
            len: usize,
            names: Vec<usize>,
        }
        let keys: Vec<(&str, Option<&str>)> = found.iter().map(|p| (surname(&p.name), first_name(&p.name))).collect();
        let mut groups: HashMap<(&str, Option<&str>), Longest, FixedState> = HashMap::default();
        for (i, &(surname, first)) in keys.iter().enumerate() {
            let len = found[i].name.len();
            let own_first = first.map(|f| (surname, Some(f)));
            for key in std::iter::once((surname, None)).chain(own_first) {
                let group = groups.entry(key).or_default();
                if len > group.len {
                    *group = Longest { len, names: Vec::new() };
                }
                if len == group.len {
                    group.names.push(i);
                }
            }
        }
        let chosen: Vec<Option<usize>> = keys
            .iter()
            .enumerate()
            .map(|(k, key)| {
                let group = groups.get(key)?;
                let before = group.names.partition_point(|&i| found[i].start <= found[k].start);
                let nearest = if before > 0 { group.names.get(before - 1) } else { group.names.first() };
                nearest.copied()
            })
            .collect();
        for (k, best) in chosen.into_iter().enumerate() {
            if let Some(best) = best {
                found[k].canonical = found[best].name.clone();
            }
        }
    }

    #[test]
    fn runs_of_sorted_mentions_choose_as_the_hash_map_did() {
        let names = [
            "Garnier",
            "Louis Garnier",
            "Alice Garnier",
            "Jean Garnier",
            "Jean-Pierre Garnier",
            "Jeanne Garnier",
            "Jean Dupont",
            "Dupont",
            "M",
            "de Meaux",
            "Aurélien de Meaux",
            "Meaux",
            "C.C. Wei",
            "Wei",
            "Ana Wei",
        ];
        let mut next = crate::test_rng::numbers(0x2545_F491_4F6C_DD1D);
        for _ in 0..2000 {
            let mut start = 0;
            let mut found: Vec<Person> = (0..next(12))
                .map(|_| {
                    // Some mentions start together, as the reference allows.
                    start += next(3) * 10;
                    let name = names[next(names.len())].to_owned();
                    Person {
                        start,
                        end: start + name.len(),
                        name,
                        canonical: String::new(),
                        rule: Rule::Surname,
                        confidence: 0.75,
                    }
                })
                .collect();
            let mut expected = found.clone();
            fullest_forms_reference(&mut expected);
            let mentions: Vec<Mention<'_>> = found
                .iter()
                .map(|p| Mention { start: p.start, end: p.end, name: &p.name, rule: p.rule, confidence: p.confidence })
                .collect();
            let mut chosen = Vec::new();
            fullest_forms(&mentions, &mut chosen, &mut Scratch::default());
            for (k, best) in chosen.into_iter().enumerate() {
                found[k].canonical = found[best].name.clone();
            }
            assert_eq!(found, expected);
        }
    }
}
