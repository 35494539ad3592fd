//! `extract --resume --output FILE`: carry on a run that was interrupted
//! (or killed) by skipping the documents FILE already holds and appending
//! the rest. A torn last line (the process died mid-write) is dropped, so
//! that FILE stays valid JSON Lines.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::Path;

/// Opens `path` for appending after its last whole line, and returns the
/// `source` of every document already in it. A missing file is an empty
/// start.
pub fn open(path: &Path) -> Result<(File, HashSet<String>), String> {
    let context = |e: std::io::Error| format!("cannot resume {}: {e}", path.display());
    let mut file =
        OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path).map_err(context)?;
    let mut sources = HashSet::new();
    let mut whole = 0u64; // bytes of whole lines
    let mut reader = BufReader::new(&mut file);
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line).map_err(context)?;
        if read == 0 || !line.ends_with(b"\n") {
            break; // the end, or a torn last line
        }
        number += 1;
        let value: serde_json::Value = serde_json::from_slice(&line)
            .map_err(|e| format!("cannot resume {}: line {number} is not JSON ({e})", path.display()))?;
        if let Some(source) = value.get("source").and_then(|s| s.as_str()) {
            sources.insert(source.to_owned());
        }
        whole += read as u64;
    }
    drop(reader);
    file.set_len(whole).map_err(context)?;
    file.seek(SeekFrom::Start(whole)).map_err(context)?;
    Ok((file, sources))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_torn_last_line_is_dropped_and_whole_lines_are_kept() {
        let dir = std::env::temp_dir().join(format!("glaneur-resume-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp dir");
        let path = dir.join("out.jsonl");
        std::fs::write(&path, "{\"source\":\"a.txt\"}\n{\"source\":\"b.txt\"}\n{\"source\":\"c.t").expect("written");
        let (_, sources) = open(&path).expect("resumable");
        assert_eq!(sources, HashSet::from(["a.txt".to_owned(), "b.txt".to_owned()]));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "{\"source\":\"a.txt\"}\n{\"source\":\"b.txt\"}\n");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
