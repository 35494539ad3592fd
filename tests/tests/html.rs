//! The HTML page in a real browser: headless Chromium (installed by
//! `.ci/run`) loads the page of the seeds and runs its script; the test reads
//! the resulting DOM and checks the highlights and summaries against the
//! JSON Lines output of the same run.

use std::path::PathBuf;
use std::process::Command;

use glaneur_tests::{artifacts, extract, json_lines, stderr};
use regex::Regex;
use serde_json::Value;

/// The Chromium binary, or a failure saying how to get one.
fn chromium() -> PathBuf {
    for candidate in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(out) = Command::new("which").arg(candidate).output() {
            if out.status.success() {
                return PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
            }
        }
    }
    panic!("headless Chromium is needed for the HTML test: `apt-get install chromium` (.ci/run does it)");
}

/// The DOM of `page` after its scripts ran.
fn rendered_dom(page: &std::path::Path) -> String {
    let profile = tempfile::tempdir().expect("temp dir");
    let output = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn count(dom: &str, pattern: &str) -> usize {
    Regex::new(pattern).expect("valid pattern").find_iter(dom).count()
}

#[test]
fn the_seeds_page_shows_highlights_and_summaries() {
    let seeds = artifacts().root.join("seeds");
    let seeds = seeds.to_str().expect("UTF-8 path");
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("seeds.html");
    let html = extract(&["--format", "html", "-o", page.to_str().expect("UTF-8 path"), seeds]);
    assert_eq!(html.status.code(), Some(0), "{}", stderr(&html));
    let lines = json_lines(&extract(&[seeds]));
    let entities: Vec<&Value> = lines.iter().flat_map(|l| l["entities"].as_array().into_iter().flatten()).collect();
    let of_kind = |kind: &str| entities.iter().filter(|e| e["kind"] == kind).count();

    let dom = rendered_dom(&page);

    // Every document, and every entity highlighted: its marks carry its
    // index in the document (`data-i`), one entity may take several marks.
    let articles: Vec<&str> = dom.split(r#"<article"#).skip(1).collect();
    assert_eq!(articles.len(), 5, "one article per seed");
    for kind in ["money", "organization", "quotation", "ai_model", "person"] {
        let mark = Regex::new(&format!(r#"<mark[^>]*data-kind="{kind}"[^>]*data-i="(\d+)""#)).expect("valid pattern");
        let highlighted: usize = articles
            .iter()
            .map(|a| mark.captures_iter(a).map(|c| c[1].to_owned()).collect::<std::collections::BTreeSet<_>>().len())
            .sum();
        assert!(of_kind(kind) > 0, "the seeds have {kind} entities");
        assert_eq!(highlighted, of_kind(kind), "{kind}: entities highlighted");
    }
    // The legend and the filter, one per kind.
    for kind in ["money", "organization", "quotation", "ai_model"] {
        assert!(dom.contains(&format!(r#"data-filter="{kind}""#)), "no filter for {kind}");
    }

    // Jeremy Goldman's quotations grouped under his name, as many as the JSON says.
    let goldman = entities
        .iter()
        .filter(|e| {
            e["kind"] == "quotation" && e["attrs"]["speaker"] == "Jeremy Goldman" && e["attrs"]["form"] == "speech"
        })
        .count();
    assert!(goldman >= 5);
    let group =
        Regex::new(r#"(?s)<details[^>]*data-speaker="Jeremy Goldman"[^>]*>(.*?)</details>"#).expect("valid pattern");
    let body = group.captures(&dom).expect("a group for Jeremy Goldman")[1].to_owned();
    assert_eq!(count(&body, "<blockquote"), goldman, "his quotations in the group");

    // Organisations by mentions: Microsoft first, with its count.
    let microsoft =
        entities.iter().filter(|e| e["kind"] == "organization" && e["attrs"]["canonical"] == "Microsoft").count();
    let top = Regex::new(r#"(?s)<ol[^>]*id="top-organizations"[^>]*>\s*<li[^>]*data-org="([^"]+)"[^>]*>(.*?)</li>"#)
        .expect("valid pattern");
    let first = top.captures(&dom).expect("a top organisation");
    assert_eq!(&first[1], "Microsoft");
    assert!(first[2].contains(&microsoft.to_string()), "count {microsoft} in {}", &first[2]);

    // Amounts: a USD total, and models grouped under Microsoft.
    assert!(dom.contains(r#"data-currency="USD""#));
    assert!(Regex::new(r#"(?s)data-vendor="Microsoft".*?data-model="MAI-1-preview""#).expect("valid").is_match(&dom));
}
