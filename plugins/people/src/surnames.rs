//! Where a document's surnames are written again: one memchr pass over
//! the text per three first bytes, each place compared with the surnames
//! starting with its byte, rather than one substring search per surname.

use memchr::{memchr2_iter, memchr3_iter, memchr_iter};

/// At most this many surnames are searched for here; more go to
/// `glaneur_text::find_names`'s automaton.
const FEW: usize = 16;

/// Every occurrence of `names` in `text`, as `glaneur_text::find_names`
/// gives them: leftmost-longest and not overlapping, as (start, end,
/// index into `names`), in order. Each name's occurrences are found as a
/// substring search finds them (each after the end of the one before).
pub(crate) fn find_surnames(text: &str, names: &[&str]) -> Vec<(usize, usize, usize)> {
    if names.len() > FEW {
        return glaneur_text::find_names(text, names);
    }
    let bytes = text.as_bytes();
    let mut firsts: Vec<u8> = names.iter().filter_map(|name| name.as_bytes().first().copied()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    // Per name, where its next occurrence may start.
    let mut next = [0; FEW];
    let mut all: Vec<(usize, usize, usize)> = Vec::new();
    let mut at_place = |at: usize| {
        for (i, name) in names.iter().enumerate() {
            let name = name.as_bytes();
            if name.first() == Some(&bytes[at]) && at >= next[i] && bytes[at..].starts_with(name) {
                all.push((at, at + name.len(), i));
                next[i] = at + name.len();
            }
        }
    };
    for group in firsts.chunks(3) {
        match *group {
            [a] => memchr_iter(a, bytes).for_each(&mut at_place),
            [a, b] => memchr2_iter(a, b, bytes).for_each(&mut at_place),
            [a, b, c] => memchr3_iter(a, b, c, bytes).for_each(&mut at_place),
            _ => {}
        }
    }
    glaneur_text::keep_leftmost_longest(&mut all, |&(s, e, _)| (s, e));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_are_found_as_find_names_finds_them() {
        // Names sharing first bytes, inside each other, repeating, accented.
        let pool =
            ["Li", "Lin", "Linn", "Aignan", "Dupont-Aignan", "Ann", "AnnAnn", "Élise", "É", "Zoé", "Z", "Mme", "M"];
        let pieces = ["Li", "n", "Ann", " ", "-", "Dupont", "Aignan", "É", "lise", "Zo", "é", "\u{a0}", "M", "me", "x"];
        let mut next = crate::test_rng::numbers(0x9E37_79B9_7F4A_7C15);
        let mut found = 0;
        for _ in 0..3000 {
            let text: String = (0..next(30)).map(|_| pieces[next(pieces.len())]).collect();
            let mut names: Vec<&str> = (0..1 + next(6)).map(|_| pool[next(pool.len())]).collect();
            names.sort_unstable();
            names.dedup();
            let expected = glaneur_text::find_names(&text, &names);
            assert_eq!(find_surnames(&text, &names), expected, "{names:?} in {text:?}");
            found += expected.len();
        }
        // And many names, more than a pass per three first bytes serves.
        let text = "Li Lin Linn Aignan Dupont-Aignan AnnAnn Élise Zoé Mme M x";
        assert_eq!(find_surnames(text, &pool), glaneur_text::find_names(text, &pool));
        assert!(found > 1000, "{found}");
    }
}
