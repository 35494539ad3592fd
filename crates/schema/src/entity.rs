//! The plugin-side entity: what an extractor returns before it crosses the
//! boundary as an [`FfiEntity`].

use std::ops::Range;

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::abi::FfiEntity;

/// One fact found in a document, as a plugin builds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The entity kind (`money`).
    pub kind: String,
    /// UTF-8 byte span in the document text.
    pub span: Range<usize>,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// The kind's attributes (SPEC.md), including `rule`.
    pub attrs: Map<String, Value>,
    /// The plugin that produced it; empty until it has crossed the boundary.
    pub extractor: String,
}

impl Entity {
    /// A new entity; `attrs` should be a JSON object (anything else is
    /// stored under `value`).
    pub fn new(kind: &str, span: Range<usize>, confidence: f64, attrs: Value) -> Self {
        let attrs = match attrs {
            Value::Object(map) => map,
            Value::Null => Map::new(),
            other => Map::from_iter([("value".to_owned(), other)]),
        };
        Entity { kind: kind.to_owned(), span, confidence, attrs, extractor: String::new() }
    }

    /// A string attribute, if present.
    pub fn attr_str(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).and_then(Value::as_str)
    }

    /// Converts to the FFI record, naming `extractor` unless already set.
    pub fn to_ffi(&self, extractor: &str) -> FfiEntity {
        let extractor = if self.extractor.is_empty() { extractor } else { &self.extractor };
        FfiEntity {
            kind: self.kind.as_str().into(),
            start: self.span.start as u64,
            end: self.span.end as u64,
            confidence: self.confidence,
            attrs: serde_json::to_string(&self.attrs).unwrap_or_else(|_| "{}".to_owned()).into(),
            extractor: extractor.into(),
        }
    }

    /// Reads an FFI record back; fails if the attributes are not a JSON object.
    pub fn from_ffi(entity: &FfiEntity) -> Result<Self, String> {
        let attrs = match serde_json::from_str::<Value>(entity.attrs.as_str()) {
            Ok(Value::Object(map)) => map,
            Ok(_) => return Err(format!("attrs of a {} entity are not a JSON object", entity.kind)),
            Err(e) => return Err(format!("attrs of a {} entity are not valid JSON: {e}", entity.kind)),
        };
        let start = usize::try_from(entity.start).map_err(|_| "start offset overflows usize".to_owned())?;
        let end = usize::try_from(entity.end).map_err(|_| "end offset overflows usize".to_owned())?;
        Ok(Entity {
            kind: entity.kind.to_string(),
            span: start..end,
            confidence: entity.confidence,
            attrs,
            extractor: entity.extractor.to_string(),
        })
    }
}

/// The string attributes `keys` of an entity another plugin found, read
/// straight from its JSON without building the whole map: a plugin that
/// needs one name of every organisation before it (ai-models, quotations)
/// parsed tens of thousands of maps per megabyte. A key that is missing or
/// not a string gives `None`.
pub fn string_attrs<const N: usize>(entity: &FfiEntity, keys: [&str; N]) -> Result<[Option<String>; N], String> {
    let mut reader = serde_json::Deserializer::from_str(entity.attrs.as_str());
    reader
        .deserialize_map(Wanted(&keys))
        .map_err(|e| format!("attrs of a {} entity are not a JSON object: {e}", entity.kind))
}

/// Reads the values of the keys it holds, skipping the others.
struct Wanted<'k, const N: usize>(&'k [&'k str; N]);

impl<'de, const N: usize> Visitor<'de> for Wanted<'_, N> {
    type Value = [Option<String>; N];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: [Option<String>; N] = std::array::from_fn(|_| None);
        while let Some(index) = map.next_key_seed(KeyIndex(self.0))? {
            match index {
                Some(i) => {
                    out[i] = match map.next_value::<Value>()? {
                        Value::String(s) => Some(s),
                        _ => None,
                    }
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// Which of the wanted keys a key is, compared in place (no copy per key).
pub(crate) struct KeyIndex<'k, const N: usize>(pub(crate) &'k [&'k str; N]);

impl<'de, const N: usize> DeserializeSeed<'de> for KeyIndex<'_, N> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for KeyIndex<'_, N> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|k| *k == key))
    }
}

/// A JSON number for an amount: an integer when the value is whole, so that
/// `10000000000` is not printed as `10000000000.0`.
pub fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ffi_round_trip_keeps_everything() {
        let entity = Entity::new("money", 3..9, 0.9, json!({"value": 10, "currency": "EUR"}));
        let ffi = entity.to_ffi("money");
        assert_eq!(ffi.extractor.as_str(), "money");
        let back = Entity::from_ffi(&ffi).expect("valid attrs");
        assert_eq!(back.span, 3..9);
        assert_eq!(back.attr_str("currency"), Some("EUR"));
        assert_eq!(back.extractor, "money");
    }

    #[test]
    fn string_attrs_read_only_the_keys_asked() {
        let entity = Entity::new(
            "person",
            0..4,
            0.9,
            json!({"canonical": "Jeanne \"J\" Roy", "gender": null, "n": [1, {"a": 2}]}),
        );
        let ffi = entity.to_ffi("people");
        let [canonical, gender, missing, n] =
            string_attrs(&ffi, ["canonical", "gender", "missing", "n"]).expect("an object");
        assert_eq!(canonical.as_deref(), Some("Jeanne \"J\" Roy"));
        assert_eq!((gender, missing, n), (None, None, None));
        let broken = FfiEntity { attrs: "[1]".into(), ..ffi };
        assert!(string_attrs(&broken, ["canonical"]).is_err());
    }

    #[test]
    fn whole_numbers_print_as_integers() {
        assert_eq!(number(1.0e10).to_string(), "10000000000");
        assert_eq!(number(2.75).to_string(), "2.75");
    }
}
