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
}
