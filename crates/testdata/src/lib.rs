//! glaneur-testdata: reading the plugins' test corpora and the seeds.
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
    fn test_texts_are_the_seeds_then_the_corpora() {
        let seeds = test_texts(&[]);
        assert_eq!(seeds.len(), 5);
        let with_money = test_texts(&["money"]);
        assert!(with_money.len() > 100 && with_money[..5] == seeds[..]);
    }
}
