//! A document's extraction as the worker sends it back: a compact binary
//! form, not JSON. Parsing JSON back into entities cost the isolation a
//! third of a run; this form is read with copies and one parse of each
//! entity's attrs (which the output keeps as JSON text anyway). An
//! entity's text is not sent: the host has the document and slices it.
//!
//! Layout (integers little-endian): `u32` entity count, then per entity
//! `str` kind, `u64` start, `u64` end, `str` extractor, `f64` confidence,
//! `str` attrs (JSON); then `u32` error count and a `str` per error. A
//! `str` is a `u32` length and UTF-8 bytes.

use glaneur_schema::output::{Attrs, EntityText, Name, OutputEntity};

use crate::pipeline::Extraction;

/// The extraction, encoded.
pub fn encode(extraction: &Extraction) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + extraction.entities.len() * 96);
    let put_str = |out: &mut Vec<u8>, s: &str| {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    out.extend_from_slice(&(extraction.entities.len() as u32).to_le_bytes());
    for e in &extraction.entities {
        put_str(&mut out, &e.kind);
        out.extend_from_slice(&e.start.to_le_bytes());
        out.extend_from_slice(&e.end.to_le_bytes());
        put_str(&mut out, &e.extractor);
        out.extend_from_slice(&e.confidence.to_le_bytes());
        put_str(&mut out, e.attrs.as_str());
    }
    out.extend_from_slice(&(extraction.errors.len() as u32).to_le_bytes());
    for error in &extraction.errors {
        put_str(&mut out, error);
    }
    out
}

/// Reads an extraction of `text` back; an error says what was malformed.
pub fn decode(bytes: &[u8], text: &str) -> Result<Extraction, String> {
    let mut reader = Reader { bytes, at: 0 };
    // Each kind and plugin name made once per document (`Name::new`
    // takes a lock), not once per entity.
    let mut names: Vec<Name> = Vec::new();
    let mut shared = |name: &str| match names.iter().find(|n| **n == name) {
        Some(&n) => n,
        None => {
            let n = Name::new(name);
            names.push(n);
            n
        }
    };
    let count = reader.u32()? as usize;
    let mut entities = Vec::with_capacity(count.min(bytes.len() / 32));
    for _ in 0..count {
        let kind = shared(reader.str()?);
        let (start, end) = (reader.u64()?, reader.u64()?);
        let extractor = shared(reader.str()?);
        let confidence = f64::from_le_bytes(reader.take(8)?.try_into().map_err(|_| "a cut number")?);
        let attrs = Attrs::new(reader.str()?)?;
        // The entity's text is read from the document: its span must be.
        text.get(start as usize..end as usize).ok_or_else(|| format!("span {start}..{end} is not in the text"))?;
        entities.push(OutputEntity { kind, start, end, text: EntityText::IN_DOCUMENT, extractor, confidence, attrs });
    }
    let count = reader.u32()? as usize;
    let errors = (0..count).map(|_| reader.str().map(str::to_owned)).collect::<Result<_, _>>()?;
    Ok(Extraction { entities, errors })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let piece = self.bytes.get(self.at..self.at + n).ok_or("the result is cut short")?;
        self.at += n;
        Ok(piece)
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "a cut number")?))
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().map_err(|_| "a cut number")?))
    }

    fn str(&mut self) -> Result<&'a str, String> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|e| format!("a string is not UTF-8: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::output::SharedText;

    #[test]
    fn an_extraction_comes_back_as_it_went() {
        let text = "Nexalis a levé 12 millions d'euros.";
        let entity = |kind: &str, start: u64, end: u64, attrs: &str| OutputEntity {
            kind: Name::new(kind),
            start,
            end,
            // As the pipeline makes them: the text read from the document.
            text: EntityText::IN_DOCUMENT,
            extractor: Name::new("plugin"),
            confidence: 0.5,
            attrs: Attrs::new(attrs).expect("JSON"),
        };
        let extraction = Extraction {
            entities: vec![entity("organization", 0, 7, r#"{"canonical":"Nexalis"}"#), entity("money", 15, 34, "{}")],
            errors: vec!["plugin x failed: é".to_owned()],
        };
        let shared = SharedText::new(text.to_owned());
        let back = decode(&encode(&extraction), &shared).expect("decodes");
        assert_eq!(back.entities, extraction.entities);
        assert_eq!(back.entities[0].text_in(&shared), "Nexalis");
        assert_eq!(back.errors, extraction.errors);
        assert!(decode(&encode(&extraction)[..20], &shared).is_err());
        assert!(decode(&encode(&extraction), &SharedText::new("short".to_owned())).is_err());
    }
}
