//! Each mention's fullest form: the canonical name of a surname alone.

use std::collections::HashMap;

use foldhash::fast::FixedState;

use crate::names::{first_name, surname};
use crate::Person;

/// Each mention's canonical: the longest name in the document with the
/// same surname (and the same first name, when the mention has one); of
/// equally long ones, the nearest before the mention (`Louis Garnier …
/// Alice Garnier … a précisé Garnier` is Alice Garnier), else the nearest
/// after it (a headline's `Garnier` is the first full name the article
/// then gives).
/// Computed once per group, not per mention. `found` is in order of start.
pub(crate) fn fullest_forms(found: &mut [Person]) {
    /// The longest names of a group: their length, and the index in `found`
    /// of each name that long (so in order of start).
    #[derive(Default)]
    struct Longest {
        len: usize,
        names: Vec<usize>,
    }
    // Each mention's surname, and first name when it has one.
    let keys: Vec<(&str, Option<&str>)> = found.iter().map(|p| (surname(&p.name), first_name(&p.name))).collect();
    let mut groups: HashMap<(&str, Option<&str>), Longest, FixedState> =
        HashMap::with_capacity_and_hasher(2 * found.len(), FixedState::default());
    for (i, &(surname, first)) in keys.iter().enumerate() {
        let len = found[i].name.len();
        // A full name counts for its surname alone and for its own first name.
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
    // Every mention is in its own groups: one is always chosen.
    for (k, best) in chosen.into_iter().enumerate() {
        found[k].canonical = found[best.unwrap_or(k)].name.clone();
    }
}
