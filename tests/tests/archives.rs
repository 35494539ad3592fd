//! Archives as they come: a WARC.gz built here (gzip member by member, as
//! archives ship it) and compressed JSON Lines dumps, through the real
//! binary and plugins.

use std::io::Write;
use std::path::Path;

use glaneur_tests::{extract, glaneur, json_lines, seed_files, stderr};
use serde_json::Value;

fn dir(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// A WARC/1.1 record of `kind` whose block is `block`.
fn record(kind: &str, uri: &str, id: u32, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-11-0{}T08:30:00Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000000{id}>\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        id % 10,
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A `response` record of an HTTP 200 whose payload is `body`.
fn response(uri: &str, id: u32, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nServer: test\r\n\r\n",
        body.len()
    )
    .into_bytes();
    http.extend_from_slice(body);
    record("response", uri, id, "application/http; msgtype=response", &http)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory")
}

/// A real-shaped page: the article among a menu, a cookie banner, a "lire
/// aussi" box, a sidebar and a footer, all of which name other companies.
const PIXELUNE: &str = "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\
<title>Pixelune lève 12 millions d&#39;euros</title></head>\n<body>\n\
<header class=\"site-header\"><a href=\"/\">Le Journal du Numérique</a>\
<nav><ul><li><a href=\"/orange\">Orange</a></li><li><a href=\"/google\">Google</a></li></ul></nav></header>\n\
<div id=\"cookie-banner\" class=\"consent\"><p>Nous utilisons des cookies avec nos partenaires Criteo et Meta.</p>\
<button>Accepter</button></div>\n<main><article>\n\
<header><h1>La start-up Pixelune lève 12 millions d'euros</h1></header>\n\
<p>La jeune pousse lyonnaise Pixelune, qui conçoit des capteurs pour les vignobles, \
annonce avoir levé 12 millions d'euros auprès de Bpifrance et de deux fonds européens.</p>\n\
<p><strong>Lire aussi :</strong> <a href=\"/mistral\">Mistral AI lève 600 millions d'euros</a></p>\n\
<p>« Nous allons doubler nos effectifs d'ici à la fin de l'année », a déclaré sa présidente, Claire Martin.</p>\n\
<div class=\"share-buttons\"><a>Partager sur LinkedIn</a></div>\n\
</article>\n<aside class=\"sidebar\"><h2>Les plus lus</h2><p>Apple vise 100 milliards de dollars.</p></aside></main>\n\
<footer><p>© 2025 Groupe Médiavox. Partenaires : Amazon, Microsoft.</p></footer>\n</body></html>\n";

const RACHAT: &str = "<html><head><title>Capgemini rachète un spécialiste du cloud</title></head><body>\n\
<h1>Capgemini rachète un spécialiste du cloud</h1>\n\
<p>Le groupe Capgemini a annoncé lundi le rachat de la société Nuagerie pour 3,3 milliards de dollars, \
une opération qui doit renforcer son offre face à OVHcloud.</p>\n</body></html>\n";

/// The text/plain payload, in ISO-8859-1 as its Content-Type says.
const ETUDE: &[u8] =
    b"Le march\xe9 fran\xe7ais du cloud p\xe8se 15 milliards d'euros, selon une \xe9tude publi\xe9e mardi par Syntec.";

/// The test archive's records: three text responses among a warcinfo, a
/// request, a metadata record and an image.
fn archive() -> Vec<Vec<u8>> {
    vec![
        record("warcinfo", "", 1, "application/warc-fields", b"software: glaneur-tests\r\nformat: WARC 1.1\r\n"),
        record(
            "request",
            "https://news.example/pixelune",
            2,
            "application/http; msgtype=request",
            b"GET /pixelune HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        response("https://news.example/pixelune", 3, "text/html; charset=utf-8", PIXELUNE.as_bytes()),
        response("https://news.example/logo.png", 4, "image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01"),
        record("metadata", "https://news.example/pixelune", 5, "application/warc-fields", b"fetchTimeMs: 120\r\n"),
        response("https://news.example/rachat", 6, "text/html", RACHAT.as_bytes()),
        response("https://news.example/etude.txt", 7, "text/plain; charset=iso-8859-1", ETUDE),
    ]
}

/// Every entity of `line` as `kind text`.
fn entities(line: &Value) -> Vec<String> {
    let list = line["entities"].as_array().unwrap_or_else(|| panic!("no entities: {line}"));
    list.iter().map(|e| format!("{} {}", e["kind"].as_str().unwrap(), e["text"].as_str().unwrap())).collect()
}

#[test]
fn a_warc_gz_gives_one_line_per_text_response() {
    let dir_ = tempfile::tempdir().expect("temp dir");
    let path = dir_.path().join("news.warc.gz");
    std::fs::write(&path, archive().iter().flat_map(|r| gzip(r)).collect::<Vec<u8>>()).expect("write");
    let output = extract(&[dir(&path)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines = json_lines(&output);
    let sources: Vec<&str> = lines.iter().map(|l| l["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        ["https://news.example/pixelune", "https://news.example/rachat", "https://news.example/etude.txt"]
    );
    assert_eq!(lines[0]["warc_record_id"], "<urn:uuid:00000000-0000-4000-8000-000000000003>");
    assert_eq!(lines[0]["date"], "2025-11-03T08:30:00Z");
    assert_eq!(lines[2]["date"], "2025-11-07T08:30:00Z");

    // Offsets point into the payload, the bytes after the HTTP headers.
    assert_eq!(lines[0]["bytes"], PIXELUNE.len());
    let found = entities(&lines[0]);
    assert!(found.contains(&"money 12 millions d'euros".to_owned()), "{found:?}");
    assert!(found.contains(&"organization Bpifrance".to_owned()), "{found:?}");
    for entity in lines[0]["entities"].as_array().unwrap() {
        let (start, end) = (entity["start"].as_u64().unwrap() as usize, entity["end"].as_u64().unwrap() as usize);
        assert_eq!(&PIXELUNE[start..end], entity["text"].as_str().unwrap(), "{entity}");
    }
    // The page's boilerplate is no part of the article.
    let names = found.join(" | ");
    for absent in ["Orange", "Google", "Criteo", "Meta", "Mistral", "600 millions", "Apple", "Amazon", "Microsoft"] {
        assert!(!names.contains(absent), "{absent} is boilerplate: {names}");
    }
    let found = entities(&lines[1]);
    assert!(found.contains(&"money 3,3 milliards de dollars".to_owned()), "{found:?}");
    assert!(found.contains(&"organization Capgemini".to_owned()), "{found:?}");
    // The text payload is read in the charset its response declares.
    assert_eq!(lines[2]["encoding"], "windows-1252");
    assert!(entities(&lines[2]).contains(&"money 15 milliards d'euros".to_owned()), "{:?}", entities(&lines[2]));

    let said = stderr(&output);
    assert!(
        said.contains(
            "glaneur: 4 WARC records skipped, not text or HTML responses: 1 metadata, 1 non-text payload, 1 request, 1 warcinfo"
        ),
        "{said}"
    );

    // A directory walk picks WARC files up; other inputs have no WARC fields.
    std::fs::write(dir_.path().join("note.txt"), "Un chiffre : 5 millions d'euros.").expect("write");
    std::fs::write(dir_.path().join("other.warc"), archive()[5].clone()).expect("write");
    let output = extract(&[dir(dir_.path()), "--only", "money"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines = json_lines(&output);
    let walked: Vec<&str> = lines.iter().map(|l| l["source"].as_str().unwrap()).collect();
    let note = dir_.path().join("note.txt");
    assert_eq!(walked, [&sources[..], &[dir(&note), "https://news.example/rachat"]].concat());
    assert!(lines[3].get("warc_record_id").is_none() && lines[3].get("date").is_none(), "{}", lines[3]);

    // `summary` reads it too, and says what it skipped.
    let output = glaneur().args(["summary", dir(&path)]).output().expect("glaneur runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(summary["documents"], 3, "{summary}");
    assert!(stderr(&output).contains("4 WARC records skipped"), "{}", stderr(&output));
}

#[test]
fn a_corrupt_record_is_one_error_line_and_the_next_are_read() {
    let dir_ = tempfile::tempdir().expect("temp dir");
    // A gzip member cut short in the middle of the file.
    let mut members: Vec<Vec<u8>> = archive().iter().map(|r| gzip(r)).collect();
    let cut = members[2].len() / 2;
    members[2].truncate(cut);
    let path = dir_.path().join("cut.warc.gz");
    std::fs::write(&path, members.concat()).expect("write");
    // A Content-Length too short in a plain file.
    let mut records = archive();
    let pixelune = String::from_utf8(records[2].clone()).expect("UTF-8");
    let length = format!("Content-Length: {}\r\n\r\nHTTP", pixelune.len() - 4 - pixelune.find("HTTP").unwrap());
    assert!(pixelune.contains(&length));
    records[2] = pixelune.replacen(&length, "Content-Length: 200\r\n\r\nHTTP", 1).into_bytes();
    let plain = dir_.path().join("bad.warc");
    std::fs::write(&plain, records.concat()).expect("write");

    for (file, place) in [(&path, "(gzip member at byte "), (&plain, "(WARC record at byte ")] {
        let output = extract(&[dir(file), "--only", "money"]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let lines = json_lines(&output);
        assert_eq!(lines.len(), 3, "{lines:#?}");
        let error = lines[0]["error"].as_str().unwrap_or_else(|| panic!("no error: {}", lines[0]));
        assert!(error.contains(place) && error.contains(dir(file)), "{error}");
        assert!(lines[0].get("entities").is_none());
        assert_eq!(lines[1]["source"], "https://news.example/rachat");
        assert_eq!(lines[2]["source"], "https://news.example/etude.txt");
        assert!(lines[1].get("error").is_none() && lines[2].get("error").is_none(), "{lines:#?}");
        let said = stderr(&output);
        assert!(said.contains("4 WARC records skipped"), "{said}");
        assert!(said.contains("1 of 3 documents had errors"), "{said}");
    }
}

/// The seeds as one JSON Lines dump.
fn seeds_jsonl() -> Vec<u8> {
    let mut out = Vec::new();
    for (i, file) in seed_files().iter().enumerate() {
        let text = std::fs::read_to_string(file).expect("seed");
        serde_json::to_writer(&mut out, &serde_json::json!({"id": format!("seed-{i}"), "text": text})).expect("JSON");
        out.push(b'\n');
    }
    out
}

#[test]
fn compressed_jsonl_gives_the_same_lines_as_the_plain_file() {
    let dir_ = tempfile::tempdir().expect("temp dir");
    let jsonl = seeds_jsonl();
    let plain = dir_.path().join("dump.jsonl");
    std::fs::write(&plain, &jsonl).expect("write");
    // Two gzip members, as `cat a.gz b.gz` makes them.
    let half = jsonl.len() / 2;
    let gz = dir_.path().join("dump.jsonl.gz");
    std::fs::write(&gz, [gzip(&jsonl[..half]), gzip(&jsonl[half..])].concat()).expect("write");
    let zst = dir_.path().join("dump.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(&jsonl[..], 3).expect("zstd")).expect("write");

    let expected = extract(&["--jsonl", dir(&plain)]);
    assert_eq!(expected.status.code(), Some(0), "{}", stderr(&expected));
    assert_eq!(json_lines(&expected).len(), 5);
    for compressed in [&gz, &zst] {
        let output = extract(&["--jsonl", dir(compressed)]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(output.stdout == expected.stdout, "{} differs from the plain file", compressed.display());
    }

    // A compressed text file given as a PATH is that text.
    let seed = &seed_files()[0];
    let text_gz = dir_.path().join("seed.txt.gz");
    std::fs::write(&text_gz, gzip(&std::fs::read(seed).expect("seed"))).expect("write");
    let (from_plain, from_gz) = (extract(&[dir(seed)]), extract(&[dir(dir_.path())]));
    let (from_plain, from_gz) = (&json_lines(&from_plain)[0], &json_lines(&from_gz)[0]);
    assert_eq!(from_gz["source"], dir(&text_gz));
    assert_eq!(from_gz["entities"], from_plain["entities"]);
}

#[test]
fn a_truncated_jsonl_gz_keeps_the_lines_before_the_cut() {
    let dir_ = tempfile::tempdir().expect("temp dir");
    let jsonl = seeds_jsonl();
    let plain = dir_.path().join("dump.jsonl");
    std::fs::write(&plain, &jsonl).expect("write");
    let expected: Vec<String> = String::from_utf8(extract(&["--jsonl", dir(&plain)]).stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect();
    // The first two records in a member of their own, the rest cut short.
    let second_end = jsonl.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(1).expect("two lines").0 + 1;
    let rest = gzip(&jsonl[second_end..]);
    let gz = dir_.path().join("cut.jsonl.gz");
    std::fs::write(&gz, [gzip(&jsonl[..second_end]), rest[..rest.len() / 2].to_vec()].concat()).expect("write");

    let output = extract(&["--jsonl", dir(&gz)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout.clone()).expect("UTF-8");
    let got: Vec<&str> = text.lines().collect();
    let (last, before) = got.split_last().expect("lines");
    assert!(before.len() >= 2 && before.len() < 5, "{got:#?}");
    assert_eq!(before, &expected[..before.len()], "the lines before the cut are those of the plain file");
    let error: Value = serde_json::from_str(last).expect("JSON");
    assert_eq!(error["source"], format!("{}:{}", dir(&gz), before.len() + 1));
    let message = error["error"].as_str().expect("an error");
    assert!(
        message.starts_with(&format!(
            "cannot read JSONL file: gzip data corrupt or truncated after {} complete lines",
            before.len()
        )),
        "{message}"
    );
}

#[test]
fn html_whole_reads_the_page_s_boilerplate_too() {
    let dir_ = tempfile::tempdir().expect("temp dir");
    let path = dir_.path().join("pixelune.html");
    std::fs::write(&path, PIXELUNE).expect("write");
    let read = |mode: &str| {
        let output = extract(&["--html", mode, dir(&path)]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        entities(&json_lines(&output)[0]).join(" | ")
    };
    let (article, whole) = (read("article"), read("whole"));
    assert!(article.contains("money 12 millions d'euros") && whole.contains("money 12 millions d'euros"));
    assert!(!article.contains("Microsoft") && whole.contains("organization Microsoft"), "{article}\n{whole}");
    assert!(!article.contains("600 millions") && whole.contains("600 millions"), "{article}\n{whole}");
}
