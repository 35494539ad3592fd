//! Documents read in buffers kept from earlier texts (`DocumentBuf::new_in`)
//! are the documents read afresh.

use std::ops::Range;

use glaneur_document::{Document, DocumentBuf, DocumentRoom, Language, Token};
use proptest::prelude::*;

/// Everything a plugin may read of a document.
type Seen<'a> = (&'a str, Vec<Token>, Vec<&'a str>, Vec<Range<usize>>, Vec<Range<usize>>, Language);

fn seen<'a>(doc: &Document<'a>) -> Seen<'a> {
    let folded = doc.tokens().iter().map(|t| doc.folded_of(t)).collect();
    (doc.text(), doc.tokens().to_vec(), folded, doc.sentences().collect(), doc.paragraphs().collect(), doc.language())
}

/// Reads `texts` in turn, each in the room the one before gave back, and
/// checks each against the same text read afresh; gives the last room back.
fn read_in_turn(texts: &[String], mut room: DocumentRoom) -> Result<DocumentRoom, TestCaseError> {
    for text in texts {
        let fresh = DocumentBuf::new(text).expect("small");
        let again = DocumentBuf::new_in(text, room).expect("small");
        prop_assert_eq!(seen(&again.document()), seen(&fresh.document()));
        room = again.into_room();
    }
    Ok(room)
}

#[test]
fn seeds_in_kept_room_as_afresh() {
    let mut texts: Vec<String> = glaneur_testdata::seeds().into_iter().map(|(_, text)| text).collect();
    // Longer texts then shorter ones, and a huge one (whose room is freed)
    // between them.
    let huge = texts.concat().repeat(8);
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let shortest_last = texts.clone();
    texts.push(huge);
    texts.extend(shortest_last);
    texts.push(String::new());
    texts.push("Un.".to_owned());
    read_in_turn(&texts, DocumentRoom::default()).expect("the same documents");
}

proptest! {
    /// Any texts, read in turn in one room, are read as afresh.
    #[test]
    fn texts_in_kept_room_as_afresh(texts in prop::collection::vec("(\\PC|[ \n'’«».A-Z0-9éÉ-]){0,120}", 1..8)) {
        read_in_turn(&texts, DocumentRoom::default())?;
    }
}
