//! The JSON Lines output contract of SPEC.md: one [`DocumentLine`] per
//! input document, in input order.
//!
//! This is a documented contract that users' scripts depend on. New optional
//! fields may appear; existing ones keep their names and meanings.

use abi_stable::std_types::RString;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::attrs::Checked;
use crate::json_text;

mod name;
mod text;

pub use name::Name;
pub use text::{EntityText, SharedText};

/// One output line: a processed document, or one that could not be processed.
/// Two lines are equal when they print the same: an entity's text held
/// in the document equals the same text held by the entity.
#[derive(Debug, Clone, Deserialize)]
pub struct DocumentLine {
    /// The input path as given, `-` for stdin, the JSONL record's `id`, or
    /// a WARC record's `WARC-Target-URI`.
    pub source: String,
    /// The `WARC-Record-ID` of the WARC record the document came from
    /// (absent for other inputs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc_record_id: Option<String>,
    /// The `WARC-Date` of that record (absent for other inputs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Length in bytes of the text the offsets refer to (UTF-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// The encoding the document was transcoded from, when it was not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The entities, sorted by `start`, then by `end` descending. Absent on a
    /// document that could not be read; on a document where a plugin failed,
    /// the entities the other plugins found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<OutputEntity>>,
    /// Why the document (or part of it) could not be processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The text the offsets refer to, which the entities' texts are read
    /// from ([`DocumentLine::text_of`]): not printed as a field (empty on
    /// a line read back from JSON, whose entities hold their own texts).
    #[serde(skip)]
    pub document: SharedText,
}

/// Field by field (destructured, so that a new field is not forgotten),
/// the entities' texts as they read.
impl PartialEq for DocumentLine {
    fn eq(&self, other: &Self) -> bool {
        let DocumentLine { source, warc_record_id, date, bytes, encoding, entities, error, document: _ } = self;
        let same_entities = match (entities, &other.entities) {
            (Some(mine), Some(theirs)) => {
                mine.len() == theirs.len() && mine.iter().zip(theirs).all(|(a, b)| same_entity(self, a, other, b))
            }
            (mine, theirs) => mine.is_none() && theirs.is_none(),
        };
        (source, warc_record_id, date, bytes, encoding, error)
            == (&other.source, &other.warc_record_id, &other.date, &other.bytes, &other.encoding, &other.error)
            && same_entities
    }
}

/// Whether entity `a` of line `mine` prints as entity `b` of line
/// `theirs`: the same fields, and the same text as each line reads it.
fn same_entity(mine: &DocumentLine, a: &OutputEntity, theirs: &DocumentLine, b: &OutputEntity) -> bool {
    let OutputEntity { kind, start, end, text: _, extractor, confidence, attrs } = a;
    (kind, start, end, extractor, confidence, attrs)
        == (&b.kind, &b.start, &b.end, &b.extractor, &b.confidence, &b.attrs)
        && mine.text_of(a) == theirs.text_of(b)
}

/// Written as the derived form would (the fields in order, the absent
/// ones skipped), each entity's text read from the document.
impl Serialize for DocumentLine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let DocumentLine { source, warc_record_id, date, bytes, encoding, entities, error, document: _ } = self;
        let entities = entities.as_ref().map(|entities| {
            entities.iter().map(|entity| EntityView { text: self.text_of(entity), entity }).collect::<Vec<_>>()
        });
        LineView { source, warc_record_id, date, bytes: *bytes, encoding, entities, error }.serialize(serializer)
    }
}

/// A [`DocumentLine`] as serialised.
#[derive(Serialize)]
struct LineView<'a> {
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    warc_record_id: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<Vec<EntityView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: &'a Option<String>,
}

/// An [`OutputEntity`] as serialised, with its text read.
struct EntityView<'a> {
    entity: &'a OutputEntity,
    text: &'a str,
}

impl Serialize for EntityView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.entity.serialize_with_text(self.text, serializer)
    }
}

impl DocumentLine {
    /// The text of `entity`, one of this line's entities: its own, or the
    /// document's bytes between its offsets.
    pub fn text_of<'a>(&'a self, entity: &'a OutputEntity) -> &'a str {
        entity.text_in(&self.document)
    }

    /// Appends the line to `out` as JSON, byte for byte what
    /// `serde_json::to_writer` writes, without the line break: by hand,
    /// since serde_json's escaping of the strings (the entities' text, a
    /// tenth of the output) was most of the cost of printing.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        self.write_json_sharing(out, &mut SharedNames::default());
    }

    /// [`DocumentLine::write_json`], copying the kinds and extractors of
    /// the entities from `names`, which remembers them across the lines a
    /// writer writes, rather than escaping them again on every line.
    pub fn write_json_sharing(&self, out: &mut Vec<u8>, names: &mut SharedNames) {
        out.extend_from_slice(b"{\"source\":");
        json_text::write_str(out, &self.source);
        let strings = [("warc_record_id", &self.warc_record_id), ("date", &self.date)];
        write_optional_strings(out, &strings);
        if let Some(bytes) = self.bytes {
            out.extend_from_slice(b",\"bytes\":");
            json_text::write_u64(out, bytes);
        }
        write_optional_strings(out, &[("encoding", &self.encoding)]);
        if let Some(entities) = &self.entities {
            out.extend_from_slice(b",\"entities\":[");
            for (k, entity) in entities.iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                entity.write_json_sharing(out, names, self.text_of(entity));
            }
            out.push(b']');
        }
        write_optional_strings(out, &[("error", &self.error)]);
        out.push(b'}');
    }
}

/// Appends `,"key":"value"` for each of `fields` that is present.
fn write_optional_strings(out: &mut Vec<u8>, fields: &[(&str, &Option<String>)]) {
    for (key, value) in fields {
        if let Some(value) = value {
            out.extend_from_slice(b",\"");
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\":");
            json_text::write_str(out, value);
        }
    }
}

/// One entity as printed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OutputEntity {
    /// The kind (`money`, `organization`, `quotation`, `ai_model`, …),
    /// one string for the run that every entity of that kind points to.
    pub kind: Name,
    /// UTF-8 byte offset of the first byte in the document as read.
    pub start: u64,
    /// UTF-8 byte offset one past the last byte.
    pub end: u64,
    /// The document's bytes between `start` and `end`: its own string, or
    /// none ([`EntityText::IN_DOCUMENT`]) read from the document
    /// ([`OutputEntity::text_in`], [`DocumentLine::text_of`]).
    pub text: EntityText,
    /// The plugin that produced it (one string for the run, as `kind`).
    pub extractor: Name,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// The kind's own attributes (see [`crate::attrs`]).
    pub attrs: Attrs,
}

/// Written as the derived form would, the text as [`EntityText`] is:
/// an entity whose text is in its document is written with its line
/// ([`DocumentLine`]'s `Serialize`), alone it is an error.
impl Serialize for OutputEntity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_with_text(&self.text, serializer)
    }
}

impl OutputEntity {
    /// The entity's fields in order, `text` as its text: the one form of
    /// its `Serialize` and of its line's, which reads the text from the
    /// document.
    fn serialize_with_text<S: Serializer, T: Serialize + ?Sized>(
        &self,
        text: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("OutputEntity", 7)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("start", &self.start)?;
        s.serialize_field("end", &self.end)?;
        s.serialize_field("text", text)?;
        s.serialize_field("extractor", &self.extractor)?;
        s.serialize_field("confidence", &self.confidence)?;
        s.serialize_field("attrs", &self.attrs)?;
        s.end()
    }

    /// The entity's text, read from `document` (the text its offsets refer
    /// to) when it holds none of its own; empty when its offsets are not
    /// within `document` on character boundaries.
    pub fn text_in<'a>(&'a self, document: &'a str) -> &'a str {
        self.text.read_in(document, self.start as usize..self.end as usize)
    }

    /// Appends the entity, whose text is `text`, to `out` as JSON, as
    /// [`DocumentLine::write_json`] does (the attrs copied as they are:
    /// valid JSON on one line), copying the kind and the extractor from
    /// `shared` when it holds them.
    fn write_json_sharing(&self, out: &mut Vec<u8>, shared: &mut SharedNames, text: &str) {
        shared.write(out, self.kind, Field::Kind);
        json_text::write_u64(out, self.start);
        out.extend_from_slice(b",\"end\":");
        json_text::write_u64(out, self.end);
        out.extend_from_slice(b",\"text\":");
        json_text::write_str(out, text);
        shared.write(out, self.extractor, Field::Extractor);
        json_text::write_f64(out, self.confidence);
        out.extend_from_slice(b",\"attrs\":");
        out.extend_from_slice(self.attrs.as_str().as_bytes());
        out.push(b'}');
    }
}

/// The JSON text of the names entities carry (their kinds and extractors,
/// each a [`Name`]), kept across lines: a name written again (as the same
/// field) is copied from here rather than escaped again, byte for byte
/// the same, with the text around it in the entity.
#[derive(Default)]
pub struct SharedNames {
    /// By the name's number ([`Name::id`]), by field: its JSON text, with
    /// the field's text around it, once written.
    written: Vec<[Option<Box<[u8]>>; 2]>,
}

/// A field of an entity whose value [`SharedNames`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// `kind`, the entity's first field.
    Kind,
    /// `extractor`, after `text`.
    Extractor,
}

impl Field {
    /// The entity's text before the value and after it (the next key):
    /// copied with the value rather than written on their own.
    fn around(self) -> (&'static [u8], &'static [u8]) {
        match self {
            Field::Kind => (b"{\"kind\":", b",\"start\":"),
            Field::Extractor => (b",\"extractor\":", b",\"confidence\":"),
        }
    }
}

impl SharedNames {
    /// Appends `value` to `out` as a JSON string, as `field`, with the
    /// entity's text around it ([`Field::around`]), copied if it was
    /// written before.
    fn write(&mut self, out: &mut Vec<u8>, value: Name, field: Field) {
        if let Some(Some(json)) = self.written.get(value.id()).map(|fields| &fields[field as usize]) {
            out.extend_from_slice(json);
            return;
        }
        let start = out.len();
        let (before, after) = field.around();
        out.extend_from_slice(before);
        json_text::write_str(out, value.as_str());
        out.extend_from_slice(after);
        if self.written.len() <= value.id() {
            self.written.resize_with(value.id() + 1, Default::default);
        }
        self.written[value.id()][field as usize] = Some(out[start..].into());
    }
}

/// Whether `json` holds a line break, which a JSON Lines record must not
/// (a SIMD search: this runs on every entity's attrs).
fn breaks_lines(json: &str) -> bool {
    memchr::memchr2(b'\n', b'\r', json.as_bytes()).is_some()
}

/// An entity's attributes: one JSON object, kept as the text the plugin
/// sent and copied to the output as it is. Parsing every entity's attrs
/// into a map only to print them again was a tenth of a run; the writers
/// that need single values (CSV, table, summary) read them on demand.
///
/// The text is valid JSON on one line: each constructor checks it, or
/// takes it from what checked or wrote it.
#[derive(Debug, Clone)]
pub struct Attrs(Json);

/// The JSON text of attrs, in the string that holds it.
#[derive(Debug, Clone)]
enum Json {
    /// Written or copied on this side of the plugin boundary.
    Own(String),
    /// The string a plugin returned, kept rather than copied (abi_stable
    /// frees it with the plugin's allocator; plugins are never unloaded).
    Plugin(RString),
}

impl Attrs {
    /// Keeps `json`, which must be valid JSON (a validated object: see
    /// [`crate::attrs::validate`]), on one line: JSON with line breaks
    /// (pretty-printed by a plugin) is written again compactly, since a
    /// JSON Lines record must not break.
    pub fn new(json: &str) -> Result<Self, String> {
        let json = json.trim();
        let raw = if breaks_lines(json) {
            let value: Value = serde_json::from_str(json).map_err(|e| format!("attrs are not valid JSON: {e}"))?;
            RawValue::from_string(value.to_string())
        } else {
            RawValue::from_string(json.to_owned())
        };
        raw.map(|raw| Attrs(Json::Own(Box::<str>::from(raw).into())))
            .map_err(|e| format!("attrs are not valid JSON: {e}"))
    }

    /// Keeps `json`, attributes that [`crate::attrs::validate`] accepted,
    /// as [`Attrs::new`] does but without reading them a second time (on
    /// one line, the usual case: a second parse was a twentieth of the
    /// host's time). Given JSON `validate` refused, the output would hold
    /// it as it is.
    pub fn validated(json: &str) -> Result<Self, String> {
        let json = json.trim();
        if breaks_lines(json) {
            return Attrs::new(json);
        }
        Ok(Attrs(Json::Own(json.to_owned())))
    }

    /// [`Attrs::validated`] for the string a plugin returned, kept without
    /// a copy when it is already as `validated` would keep it (no
    /// whitespace around it, on one line: the usual case).
    pub fn validated_from_plugin(json: RString) -> Result<Self, String> {
        let text = json.as_str();
        if text.trim().len() == text.len() && !breaks_lines(text) {
            return Ok(Attrs(Json::Plugin(json)));
        }
        Attrs::validated(text)
    }

    /// Keeps `json`, attrs for which [`crate::attrs::Schema::validate`]
    /// gave `checked` and saw them compact ([`Checked::is_compact`]; the
    /// caller's check, for this very text): kept as they are, without
    /// looking at them again nor a `Result` to unwrap (the host's
    /// per-entity path, where moving the attrs through one stalled on store
    /// forwarding). Attrs not seen compact go through
    /// [`Attrs::validated_from_plugin`].
    #[inline]
    pub fn compact_from_plugin(json: RString, checked: Checked) -> Self {
        debug_assert!(checked.compact, "attrs not seen compact");
        Attrs(Json::Plugin(json))
    }

    /// Keeps JSON already known to be valid and on one line: written by
    /// serde_json ([`crate::Entity::new`]), or by a plugin that knows it
    /// holds no line break ([`crate::Entity::with_one_line_attrs`]). A plugin's own JSON comes in
    /// through [`Attrs::from_plugin`].
    pub(crate) fn from_written(json: String) -> Self {
        Attrs(Json::Own(json))
    }

    /// Keeps `json`, written by a plugin and checked by the host (see
    /// [`crate::entity::Entity::with_written_attrs`]), without a copy when
    /// on one line; JSON with line breaks is written again compactly, as
    /// [`Attrs::new`] does.
    pub(crate) fn from_plugin(json: String) -> Result<Self, String> {
        if breaks_lines(&json) {
            return Attrs::new(&json);
        }
        Ok(Attrs(Json::Own(json)))
    }

    /// The JSON text, without a copy (but of a plugin's string).
    pub fn into_string(self) -> String {
        match self.0 {
            Json::Own(json) => json,
            Json::Plugin(json) => json.into_string(),
        }
    }

    /// The JSON text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Json::Own(json) => json,
            Json::Plugin(json) => json,
        }
    }

    /// The attributes as a map (empty if they were not an object).
    pub fn to_map(&self) -> Map<String, Value> {
        serde_json::from_str(self.as_str()).unwrap_or_default()
    }

    /// One attribute's value.
    pub fn get(&self, key: &str) -> Option<Value> {
        self.to_map().remove(key)
    }
}

/// Written as the JSON text it holds, unchanged (serde_json's raw value,
/// read from the text: only the `json` and `html` formats serialise attrs).
impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw: &RawValue = serde_json::from_str(self.as_str()).map_err(S::Error::custom)?;
        raw.serialize(serializer)
    }
}

/// Read as the JSON text of one value, kept as it is.
impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(|raw| Attrs(Json::Own(Box::<str>::from(raw).into())))
    }
}

impl PartialEq for Attrs {
    fn eq(&self, other: &Self) -> bool {
        self.to_map() == other.to_map()
    }
}

/// Sorts entities in output order: by `start`, then by `end` descending
/// (an enclosing entity before what it encloses).
pub fn sort_entities(entities: &mut [OutputEntity]) {
    entities.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_written_as_serde_json_writes_it() {
        // Many names, some needing escapes,
        // each used by several entities in turn.
        let names: Vec<Name> = (0..128).map(|k| Name::new(&format!("kind_{k}\"\\\n"))).collect();
        let entities = (0..5 * names.len())
            .map(|k| OutputEntity {
                kind: names[k % names.len()],
                start: k as u64,
                end: 2 * k as u64,
                // Every other text is the document's, between the offsets.
                text: if k % 2 == 0 { format!("« {k} »\t").into() } else { EntityText::IN_DOCUMENT },
                extractor: names[(3 * k + 1) % names.len()],
                confidence: 0.95,
                attrs: Attrs::new(r#"{"rule":"r"}"#).expect("valid"),
            })
            .collect();
        let line = DocumentLine {
            source: "a/b.txt".into(),
            warc_record_id: None,
            date: Some("2024".into()),
            bytes: Some(10),
            encoding: None,
            entities: Some(entities),
            error: Some("x".into()),
            document: SharedText::new((0..2000).map(|k| ["a", "\"", "é", "\n"][k % 4]).collect()),
        };
        let mut out = Vec::new();
        line.write_json(&mut out);
        let expected = serde_json::to_string(&line).expect("serialisable");
        assert_eq!(String::from_utf8(out).expect("UTF-8"), expected);
        // Read back, the entities hold their texts, as read from the document.
        let back: DocumentLine = serde_json::from_str(&expected).expect("valid JSON");
        let texts = |line: &DocumentLine| -> Vec<String> {
            line.entities.iter().flatten().map(|e| line.text_of(e).to_owned()).collect()
        };
        assert_eq!(texts(&back), texts(&line));
        assert_eq!(back, line, "equal as printed, the texts held differently");
        assert!(texts(&line).iter().any(|t| t.contains('é')), "some spans in the document");
        assert_eq!(serde_json::to_string(&back).expect("serialisable"), expected);
        // Lines written one after the other, sharing the names they hold
        // and others made in between.
        let mut names = SharedNames::default();
        for round in 0..4 {
            let mut out = Vec::new();
            line.write_json_sharing(&mut out, &mut names);
            assert_eq!(String::from_utf8(out).expect("UTF-8"), expected, "round {round}");
            let other = DocumentLine {
                entities: line.entities.as_ref().map(|entities| {
                    entities
                        .iter()
                        .map(|e| OutputEntity { kind: Name::new(&format!("{}{round}", e.kind)), ..e.clone() })
                        .collect()
                }),
                ..line.clone()
            };
            let mut out = Vec::new();
            other.write_json_sharing(&mut out, &mut names);
            assert_eq!(String::from_utf8(out).expect("UTF-8"), serde_json::to_string(&other).expect("serialisable"));
        }
    }

    #[test]
    fn attrs_are_kept_as_sent_but_always_on_one_line() {
        let compact = Attrs::new(r#"{"value": 10, "currency":"EUR"}"#).expect("valid");
        assert_eq!(compact.as_str(), r#"{"value": 10, "currency":"EUR"}"#);
        assert_eq!(compact.get("currency"), Some(Value::from("EUR")));
        assert_eq!(compact.get("missing"), None);
        let pretty = Attrs::new("{\n  \"value\": 10,\r\n  \"currency\": \"EUR\"\n}\n").expect("valid");
        assert_eq!(pretty.as_str(), r#"{"value":10,"currency":"EUR"}"#);
        assert_eq!(pretty, compact, "equal as JSON");
        assert!(Attrs::new("{\"value\": ").is_err());
        // What validation accepted is kept as `new` keeps it.
        for json in [r#" {"value": 10, "currency":"EUR"} "#, "{\n  \"value\": 10\r\n}\n", "{}", r#"{"value":1}"#] {
            assert_eq!(crate::attrs::validate("percentage", json), Ok(()));
            let kept = Attrs::validated(json).expect("valid");
            assert_eq!(kept.as_str(), Attrs::new(json).expect("valid").as_str());
            // And a plugin's string is kept as `validated` keeps its text.
            let lent = Attrs::validated_from_plugin(RString::from(json)).expect("valid");
            assert_eq!(lent.as_str(), kept.as_str());
            assert_eq!(lent.into_string(), kept.into_string());
        }
        let line = serde_json::to_string(&pretty).expect("serialisable");
        assert_eq!(line, r#"{"value":10,"currency":"EUR"}"#);
    }
}
