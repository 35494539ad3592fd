//! Property test: whatever the input, every entity the real plugins return
//! is on character boundaries and its `text` is the slice it names — for
//! plain text and for HTML, where offsets map back into the markup.

use glaneur::html::HtmlMode;
use glaneur::input::{Content, EncodingMode, RawInput};
use glaneur::runner::process;
use glaneur_tests::pipeline;
use proptest::prelude::*;

/// Text made of the pieces news is made of, so that entities do occur.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(" ".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\u{202f}".to_owned()),
        Just("%".to_owned()),
        Just(" pour cent".to_owned()),
        Just("entre ".to_owned()),
        Just(" et ".to_owned()),
        Just("« ".to_owned()),
        Just(" »".to_owned()),
        Just("milliards de dollars".to_owned()),
        Just("Microsoft".to_owned()),
        Just("é".to_owned()),
        Just("<p>".to_owned()),
        Just("<nav>".to_owned()),
        Just("</nav>".to_owned()),
        Just("<div class=\"cookie-banner\">".to_owned()),
        Just("</div>".to_owned()),
        Just("<article>".to_owned()),
        Just("<header>".to_owned()),
        Just("</header>".to_owned()),
        Just("Lire aussi : ".to_owned()),
        Just("&eacute;".to_owned()),
        Just("&nbsp;".to_owned()),
        "[0-9]{1,4}",
        "[0-9]{1,3}[,.][0-9]{1,3}",
        "\\PC{0,3}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn check(text: String, html: bool) -> Result<(), TestCaseError> {
    for mode in [HtmlMode::Article, HtmlMode::Whole] {
        check_mode(&text, html, mode)?;
    }
    Ok(())
}

fn check_mode(text: &str, html: bool, mode: HtmlMode) -> Result<(), TestCaseError> {
    let text = text.to_owned();
    let input = RawInput::new("t".into(), html, Ok(Content::Bytes(text.clone().into_bytes())));
    let line = process(input, pipeline(), EncodingMode::Auto, mode).line;
    prop_assert!(line.error.is_none(), "{:?}", line.error);
    // The line holds the text as given (HTML too: the original, not the
    // view the plugins read), which the entities' texts are read from.
    prop_assert_eq!(line.document.as_str(), text.as_str());
    let entities = line.entities.unwrap_or_default();
    for e in &entities {
        let (start, end) = (e.start as usize, e.end as usize);
        prop_assert!(start <= end && end <= text.len());
        prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        // The text the line prints for it: the text's bytes at its span.
        prop_assert_eq!(&text[start..end], e.text_in(&line.document));
    }
    let ordered = entities
        .windows(2)
        .all(|w| (w[0].start, std::cmp::Reverse(w[0].end)) <= (w[1].start, std::cmp::Reverse(w[1].end)));
    prop_assert!(ordered, "entities out of order");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_are_slices_of_plain_text(text in newsish()) {
        check(text, false)?;
    }

    #[test]
    fn spans_are_slices_of_arbitrary_text(text in "\\PC*") {
        check(text, false)?;
    }

    #[test]
    fn spans_are_slices_of_the_original_html(text in newsish()) {
        check(text, true)?;
    }
}
