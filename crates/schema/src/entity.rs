//! The plugin-side entity: what an extractor returns before it crosses the
//! boundary as an [`FfiEntity`].

use std::borrow::Cow;
use std::ops::Range;

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::abi::FfiEntity;
use crate::output::Attrs;

/// One fact found in a document, as a plugin builds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The entity kind (`money`): a plugin's constant (or a string it
    /// leaks once, for a kind read from its configuration), lent to the
    /// host rather than copied into each entity.
    pub kind: &'static str,
    /// UTF-8 byte span in the document text.
    pub span: Range<usize>,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// The kind's attributes (SPEC.md), including `rule`, as the JSON
    /// object that crosses the boundary.
    pub attrs: Attrs,
    /// The plugin that produced it; empty until it has crossed the boundary.
    pub extractor: String,
}

impl Entity {
    /// A new entity. `attrs` is anything that serialises to a JSON object:
    /// a `#[derive(Serialize)]` struct of borrowed fields, which is written
    /// straight to JSON text, or a `serde_json::json!` value. `null` gives
    /// no attributes; any other non-object is stored under `value`.
    ///
    /// # Panics
    /// When `attrs` cannot be serialised to JSON (a map with non-string
    /// keys): a bug in the plugin, which `export_plugin!` turns into an
    /// error for that document.
    pub fn new(kind: &'static str, span: Range<usize>, confidence: f64, attrs: impl Serialize) -> Self {
        let json = match serde_json::to_string(&attrs) {
            Ok(json) => json,
            Err(e) => panic!("the attrs of a {kind} entity cannot be written as JSON: {e}"),
        };
        // Kept as serde_json wrote it: a shrink to its length would cost a
        // reallocation per entity for nothing.
        let json = match json.as_str() {
            written if written.starts_with('{') => json,
            "null" => "{}".to_owned(),
            written => format!("{{\"value\":{written}}}"),
        };
        Entity { kind, span, confidence, attrs: Attrs::from_written(json), extractor: String::new() }
    }

    /// A new entity whose attributes the plugin wrote as JSON text itself:
    /// for a plugin making many entities of one flat shape (serde escapes
    /// every key and string a byte at a time: most of the cost of
    /// [`Entity::new`]). `json` must be one JSON object, as serde_json
    /// writes it ([`crate::json_text::push_str`] writes strings so,
    /// [`Number::write_json`] numbers); the host validates every entity's
    /// attrs as it does those of [`Entity::new`], refusing the entity when
    /// they are not. Fails only for JSON with line breaks that is not valid.
    pub fn with_written_attrs(
        kind: &'static str,
        span: Range<usize>,
        confidence: f64,
        json: String,
    ) -> Result<Self, String> {
        let attrs = Attrs::from_plugin(json)?;
        Ok(Entity { kind, span, confidence, attrs, extractor: String::new() })
    }

    /// A new entity whose attributes the plugin wrote as JSON text that
    /// holds no line break by construction (numbers, fixed keys and strings
    /// that need no escape): [`Entity::with_written_attrs`] without its
    /// search for line breaks, which cost a plugin making thousands of
    /// small entities more than the rest of their making. A broken promise
    /// breaks no output line: the host checks every entity's attrs and
    /// writes those with a line break again on one line (and debug builds
    /// check it here).
    pub fn with_one_line_attrs(kind: &'static str, span: Range<usize>, confidence: f64, json: String) -> Self {
        debug_assert!(!json.contains(['\n', '\r']), "attrs with a line break: {json:?}");
        Entity { kind, span, confidence, attrs: Attrs::from_written(json), extractor: String::new() }
    }

    /// Converts to the FFI record without copying the attributes nor the
    /// names (lent when they are constants), naming `extractor` unless
    /// already set.
    pub fn into_ffi(self, extractor: &'static str) -> FfiEntity {
        let extractor = if self.extractor.is_empty() { Cow::Borrowed(extractor) } else { Cow::Owned(self.extractor) };
        FfiEntity {
            kind: self.kind.into(),
            start: self.span.start as u64,
            end: self.span.end as u64,
            confidence: self.confidence,
            attrs: self.attrs.into_string().into(),
            extractor: extractor.into(),
        }
    }

    /// Reads an FFI record back; fails if the attributes are not a JSON object.
    pub fn from_ffi(entity: &FfiEntity) -> Result<Self, String> {
        let json = entity.attrs.as_str();
        if !crate::attrs::starts_an_object(json) {
            return Err(format!("attrs of a {} entity are not a JSON object", entity.kind));
        }
        let attrs = Attrs::new(json).map_err(|e| format!("attrs of a {} entity: {e}", entity.kind))?;
        let start = usize::try_from(entity.start).map_err(|_| "start offset overflows usize".to_owned())?;
        let end = usize::try_from(entity.end).map_err(|_| "end offset overflows usize".to_owned())?;
        Ok(Entity {
            kind: entity.kind.as_str(),
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
/// not a string gives `None`. Attrs in their usual form (flat, without
/// escapes) are read in one quick pass; any others by serde.
pub fn string_attrs<const N: usize>(entity: &FfiEntity, keys: [&str; N]) -> Result<[Option<String>; N], String> {
    Ok(string_attrs_borrowed(entity, keys)?.map(|value| value.map(Cow::into_owned)))
}

/// The string attributes `keys` of an entity read by serde, which reads any
/// attrs (and words the error): what the quick pass leaves.
pub(crate) fn string_attrs_by_serde<const N: usize>(
    entity: &FfiEntity,
    keys: &[&str; N],
) -> Result<[Option<String>; N], String> {
    let mut reader = serde_json::Deserializer::from_str(entity.attrs.as_str());
    reader
        .deserialize_map(Wanted(keys))
        .map_err(|e| format!("attrs of a {} entity are not a JSON object: {e}", entity.kind))
}

/// [`string_attrs`], borrowed from the entity's JSON when it is in its
/// usual form, one flat object without escapes (read without serde nor a
/// copy: a plugin reads every person and organisation found before it);
/// read by serde otherwise. The same answers.
pub fn string_attrs_borrowed<'e, const N: usize>(
    entity: &'e FfiEntity,
    keys: [&str; N],
) -> Result<[Option<Cow<'e, str>>; N], String> {
    if let Some(found) = crate::flat_attrs::plain_strings(entity.attrs.as_str(), &keys) {
        return Ok(found.map(|value| value.map(Cow::Borrowed)));
    }
    Ok(string_attrs_by_serde(entity, &keys)?.map(|value| value.map(Cow::Owned)))
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
struct KeyIndex<'k, const N: usize>(&'k [&'k str; N]);

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
    if is_whole(value) {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

/// An amount in a typed attrs struct, printed as [`number`] prints it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

impl Number {
    /// Appends this number's JSON text to `out`, as [`Entity::new`] writes
    /// it: for attrs a plugin writes itself ([`Entity::with_written_attrs`]).
    pub fn write_json(self, out: &mut String) {
        // serde_json's own writers (itoa for an `i64`, zmij for a finite
        // `f64`, `null` otherwise), called directly: through serde, a
        // number cost a writer, a buffer and a UTF-8 check besides.
        if is_whole(self.0) {
            out.push_str(itoa::Buffer::new().format(self.0 as i64));
        } else if self.0.is_finite() {
            out.push_str(zmij::Buffer::new().format_finite(self.0));
        } else {
            out.push_str("null");
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if is_whole(self.0) {
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

/// Whether `value` prints as an integer (whole, and exact as an `i64`).
fn is_whole(value: f64) -> bool {
    value.fract() == 0.0 && value.abs() < 9.0e15
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ffi_round_trip_keeps_everything() {
        let entity = Entity::new("money", 3..9, 0.9, json!({"value": 10, "currency": "EUR"}));
        let ffi = entity.into_ffi("money");
        assert_eq!(ffi.extractor.as_str(), "money");
        let back = Entity::from_ffi(&ffi).expect("valid attrs");
        assert_eq!(back.span, 3..9);
        assert_eq!(back.attrs.get("currency"), Some(Value::from("EUR")));
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
        let ffi = entity.into_ffi("people");
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
        let typed = serde_json::to_string(&[Number(1.0e10), Number(2.75), Number(-3.0)]).expect("numbers");
        assert_eq!(typed, "[10000000000,2.75,-3]");
    }

    #[test]
    fn numbers_written_by_hand_are_those_serde_writes() {
        let mut values = vec![0.0, -0.0, 1.0, -3.0, 2.75, 0.1, 1e-7, 1.5e300, f64::MAX, f64::MIN_POSITIVE, 9.0e15];
        values.extend([8_999_999_999_999_999.0, 123_456.789, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 5e-324]);
        values.extend((0..2000).map(|k| f64::from(k) * 0.37 - 100.0));
        values.extend((0..64).map(|e| 1.7f64.powi(e) * 3.1));
        values.extend((0..64).flat_map(|e| [2f64.powi(e), -(2f64.powi(e)) + 1.0, 10f64.powi(e / 4)]));
        for value in values {
            let mut out = String::from("x");
            Number(value).write_json(&mut out);
            assert_eq!(out, format!("x{}", serde_json::to_string(&Number(value)).expect("a number")), "{value}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_number_is_written_as_serde_writes_it(bits in proptest::prelude::any::<u64>(), whole in -1e16f64..1e16) {
            for value in [f64::from_bits(bits), whole.trunc(), whole] {
                let mut out = String::new();
                Number(value).write_json(&mut out);
                proptest::prop_assert_eq!(out, serde_json::to_string(&Number(value)).expect("a number"));
            }
        }
    }

    #[test]
    fn attrs_written_by_the_plugin_are_kept_on_one_line() {
        let e = Entity::with_written_attrs("money", 0..3, 0.9, r#"{"value":5}"#.to_owned()).expect("one line");
        assert_eq!(e.attrs.as_str(), r#"{"value":5}"#);
        let broken = Entity::with_written_attrs("money", 0..3, 0.9, "{\n\"value\": 5\n}".to_owned());
        assert_eq!(broken.expect("valid JSON").attrs.as_str(), r#"{"value":5}"#);
        assert!(Entity::with_written_attrs("money", 0..3, 0.9, "{\n".to_owned()).is_err());
    }

    #[test]
    fn attrs_on_one_line_are_kept_as_written_attrs_are() {
        for json in [r#"{"value":5}"#, "{}", r#"{"value":1.5,"currency":"EUR","qualifier":null}"#] {
            let written = Entity::with_written_attrs("money", 0..3, 0.9, json.to_owned()).expect("one line");
            let promised = Entity::with_one_line_attrs("money", 0..3, 0.9, json.to_owned());
            assert_eq!(promised.attrs.as_str(), written.attrs.as_str());
            assert_eq!(
                (promised.kind, promised.span, promised.confidence),
                (written.kind, written.span, written.confidence)
            );
        }
    }

    #[test]
    fn attrs_are_written_straight_from_a_struct() {
        #[derive(Serialize)]
        struct Typed<'a> {
            canonical: &'a str,
            category: Option<&'a str>,
            value: Number,
        }
        let e = Entity::new(
            "organization",
            0..3,
            0.9,
            Typed { canonical: "Mistral AI", category: None, value: Number(5.0) },
        );
        assert_eq!(e.attrs.as_str(), r#"{"canonical":"Mistral AI","category":null,"value":5}"#);
        assert_eq!(Entity::new("x", 0..1, 1.0, Value::Null).attrs.as_str(), "{}");
        assert_eq!(Entity::new("x", 0..1, 1.0, json!([1, 2])).attrs.as_str(), r#"{"value":[1,2]}"#);
        let ffi = e.clone().into_ffi("organizations");
        assert_eq!(ffi.attrs.as_str(), e.attrs.as_str());
        assert_eq!(ffi.extractor.as_str(), "organizations");
        let not_an_object = FfiEntity { attrs: "[1]".into(), ..ffi };
        assert!(Entity::from_ffi(&not_an_object).is_err());
    }
}
