//! glaneur-testdata: reading the plugins' test corpora and the seeds, and
//! the pseudo-random draws tests build many texts with.
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Every JSON object of a JSON Lines file (blank lines skipped); panics
/// with the file and line on anything else, as a test should.
pub fn read_jsonl(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1)))
        .collect()
}

/// The workspace's `seeds/` directory.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// The seed articles, sorted by file name: (file name, text).
pub fn seeds() -> Vec<(String, String)> {
    let dir = seeds_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a readable directory entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, text)
        })
        .collect()
}

/// The seed articles' texts, then the texts of the test corpora
/// (`plugins/NAME/tests/corpus/*.jsonl`, files in name order) of the
/// plugins named: what a test that compares two readers of text runs
/// them on.
pub fn test_texts(plugins: &[&str]) -> Vec<String> {
    let mut texts: Vec<String> = seeds().into_iter().map(|(_, text)| text).collect();
    for plugin in plugins {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plugins").join(plugin).join("tests/corpus");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a readable directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        for file in files {
            texts.extend(read_jsonl(&file).iter().filter_map(|r| r["text"].as_str()).map(str::to_owned));
        }
    }
    texts
}

/// A linear congruential generator: the same pseudo-random draws on every
/// run, for tests that put many texts together from pieces.
#[derive(Debug, Clone)]
pub struct Draws(u64);

impl Draws {
    /// Draws from `seed`.
    pub fn new(seed: u64) -> Self {
        Draws(seed)
    }

    /// The next draw, a number below `n` (more than 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize % n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_seeds_are_there() {
        let seeds = seeds();
        assert_eq!(seeds.len(), 5);
        assert!(seeds[0].0.starts_with("000_"));
        assert!(seeds.iter().all(|(_, text)| text.len() > 1000));
    }

    #[test]
    fn draws_are_the_same_from_the_same_seed_and_below_their_bound() {
        let (mut a, mut b) = (Draws::new(7), Draws::new(7));
        let first: Vec<usize> = (0..50).map(|_| a.below(10)).collect();
        assert_eq!(first, (0..50).map(|_| b.below(10)).collect::<Vec<_>>());
        assert!(first.iter().all(|&d| d < 10) && first.iter().any(|&d| d != first[0]));
    }

    #[test]
    fn test_texts_are_the_seeds_then_the_corpora() {
        let seeds = test_texts(&[]);
        assert_eq!(seeds.len(), 5);
        let with_money = test_texts(&["money"]);
        assert!(with_money.len() > 100 && with_money[..5] == seeds[..]);
    }
}
