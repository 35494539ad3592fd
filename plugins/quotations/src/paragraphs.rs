//! The document's paragraphs as `glaneur_text::Paragraphs` finds them in
//! its text, searched for only between the paragraphs the host's
//! Document found: a blank line lies in the white space between two of
//! them (or before the first token, or after the last), never inside one,
//! so the text is not read again from end to end.

use glaneur_schema::Document;
use glaneur_text::Paragraphs;

/// [`of_in`] with no room kept.
#[cfg(test)]
fn of(doc: &Document<'_>) -> Paragraphs {
    of_in(Vec::new(), doc)
}

/// The paragraphs of `doc`, where [`Paragraphs::new`] finds them in its
/// text; the starts written into `room` (an earlier document's:
/// [`Paragraphs::into_room`]).
pub fn of_in(room: Vec<usize>, doc: &Document<'_>) -> Paragraphs {
    let (text, tokens) = (doc.text(), doc.tokens());
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Paragraphs::new(text); // white space only
    };
    // Before the first token, between each paragraph and the next, after
    // the last token.
    let between = doc.paragraphs().skip(1).map(|p| tokens[p.start - 1].end()..tokens[p.start].start());
    let gaps = std::iter::once(0..first.start()).chain(between).chain(std::iter::once(last.end()..text.len()));
    Paragraphs::in_gaps_in(room, text, gaps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_those_the_text_holds() {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        // Blank lines of every kind: spaces, tabs, carriage returns, other
        // white space (no-break, form feed) that ends no blank line.
        let pieces =
            ["a", "Bé", " ", "\n", "\n\n", "\t", "\r", "\u{a0}", "\u{c}", "\u{b}", "\u{2003}", "« x »", ".", "\u{301}"];
        let mut draws = glaneur_testdata::Draws::new(5);
        let mut next = |n: usize| draws.below(n);
        for _ in 0..5000 {
            let text: String = (0..next(24)).map(|_| pieces[next(pieces.len())]).collect();
            texts.push(text);
        }
        texts.extend(["", "\n\n", "a\n\n", "\n \na", " \n\t\r\n a\n\u{a0}\n\nb \n\n\u{c}\n\n\n"].map(str::to_owned));
        // Every other text's paragraphs found in the room of the one before.
        let mut room = Vec::new();
        for (k, text) in texts.iter().enumerate() {
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a short text");
            let found = match k % 2 {
                0 => of(&buf.document()),
                _ => of_in(std::mem::take(&mut room), &buf.document()),
            };
            let expected = Paragraphs::new(text);
            for at in 0..=text.len() {
                assert_eq!(found.start_of(at), expected.start_of(at), "{at} in {text:?}");
            }
            room = found.into_room();
        }
    }
}
