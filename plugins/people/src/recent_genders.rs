//! The genders a thread guessed lately for first names: the people of a
//! corpus share few first names (a few hundred in thousands of
//! mentions), each guessed once rather than at each mention.

use crate::gender::is_feminine;

/// How many first names are kept, each in the slot of its hash (a later
/// one takes the place of an earlier one of the same slot).
const SLOTS: usize = 256;

/// The longest first name kept (in bytes): a longer one is guessed each
/// time, so that the thread never holds a long text.
const LONGEST: usize = 32;

/// [`is_feminine`] of the first names asked lately, in a direct-mapped
/// cache.
#[derive(Default)]
pub(crate) struct RecentGenders {
    /// Each slot's first name (empty when none, never a name asked: the
    /// names asked are not empty) and its gender.
    slots: Vec<(String, Option<bool>)>,
}

/// The slot of `name`: its first eight bytes and its length, mixed by a
/// multiplicative hash whose top bits each byte reaches.
fn slot(name: &[u8]) -> usize {
    let mut head = [0u8; 8];
    let n = name.len().min(8);
    head[..n].copy_from_slice(&name[..n]);
    let key = u64::from_le_bytes(head) ^ (name.len() as u64).rotate_right(8);
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
}

impl RecentGenders {
    /// [`is_feminine`] of `first_name` (not empty), from the cache when it
    /// was asked lately.
    pub(crate) fn is_feminine(&mut self, first_name: &str) -> Option<bool> {
        if first_name.len() > LONGEST {
            return is_feminine(first_name);
        }
        if self.slots.is_empty() {
            self.slots.resize_with(SLOTS, Default::default);
        }
        let (name, gender) = &mut self.slots[slot(first_name.as_bytes())];
        if name != first_name {
            name.clear();
            name.push_str(first_name);
            *gender = is_feminine(first_name);
        }
        *gender
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_answers_as_the_guess() {
        let names: Vec<String> = crate::FIRST_NAMES
            .lines()
            .flat_map(|n| [n.to_string(), n.to_uppercase(), format!("{n}-Zoé"), format!("{n}e")])
            .chain(
                ["A", "Jean-", "-", "\u{212a}im", "İsa", "Maximiliana-Theodora-Alexandrina-Josephine"]
                    .map(String::from),
            )
            .collect();
        let mut recent = RecentGenders::default();
        let mut next = crate::test_rng::numbers(0x5DEE_CE66_D1CE_4E5B);
        // Each name asked again and again, among others of its slot.
        for _ in 0..4 {
            for _ in 0..names.len() {
                let name = &names[next(names.len())];
                assert_eq!(recent.is_feminine(name), is_feminine(name), "{name:?}");
            }
        }
        let kept = recent.slots.iter().filter(|(name, _)| !name.is_empty()).count();
        assert!(kept > SLOTS / 2, "{kept} kept");
    }
}
