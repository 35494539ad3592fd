//! Fuzzes the shared Document: whatever the text, its tokens cover every
//! character but whitespace, in order and on character boundaries, each
//! folded form is `glaneur_text::folded`'s, and sentences and paragraphs
//! tile the tokens.
#![no_main]
use glaneur_schema::DocumentBuf;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = glaneur_fuzz::text(data) else { return };
    let buf = DocumentBuf::new(text).expect("a fuzz input fits");
    let doc = buf.document();
    let mut last = 0;
    for t in doc.tokens() {
        glaneur_fuzz::check_span(text, t.start(), t.end());
        assert!(t.start() >= last, "tokens overlap at {}", t.start());
        assert!(text[last..t.start()].chars().all(char::is_whitespace), "a character no token covers before {}", t.start());
        assert_eq!(t.is_joined(), t.start() == last && last > 0, "joined flag at {}", t.start());
        assert_eq!(doc.folded_of(t), &*glaneur_text::folded(doc.text_of(t)));
        last = t.end();
    }
    assert!(text[last..].chars().all(char::is_whitespace));
    for ranges in [doc.sentences().collect::<Vec<_>>(), doc.paragraphs().collect()] {
        let mut next = 0;
        for r in ranges {
            assert!(r.start == next && r.end > r.start, "bounds do not tile the tokens");
            next = r.end;
        }
        assert_eq!(next, doc.tokens().len());
    }
});
