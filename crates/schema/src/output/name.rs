//! [`Name`]: an entity's kind or extractor, one string for the whole run
//! that every entity carrying it points to.

use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;
use std::sync::{LazyLock, Mutex, PoisonError};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A kind (`money`, `organization`, …) or a plugin's name, as an entity
/// carries it: a string held once for the whole run (interned), which an
/// entity copies and drops for free. A reference-counted string cost two
/// atomic operations per entity and name (a copy and a drop), a tenth of
/// the host's time per entity, for strings the run never frees anyway.
///
/// Every distinct name is kept until the process ends: a run has a few
/// dozen (the plugins' names and kinds; an output read back has the same).
/// Two names are equal when they are the same string, which for interned
/// strings is the same entry.
#[derive(Clone, Copy)]
pub struct Name(&'static Interned);

/// A name's text and its number.
struct Interned {
    text: &'static str,
    /// The names made before it.
    id: usize,
}

/// The names made so far, by text.
static INTERNED: LazyLock<Mutex<HashMap<&'static str, Name>>> = LazyLock::new(Mutex::default);

impl Name {
    /// The name `name`: the one already made for this text, else a new one
    /// kept for the rest of the run. Takes a lock: make names once (a
    /// plugin's kinds when it is loaded), not once per entity.
    pub fn new(name: &str) -> Self {
        // The map is only ever added to: a panic elsewhere holding the lock
        // cannot have left it half changed.
        let mut interned = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&held) = interned.get(name) {
            return held;
        }
        let text: &'static str = Box::leak(Box::from(name));
        let held = Name(Box::leak(Box::new(Interned { text, id: interned.len() })));
        interned.insert(text, held);
        held
    }

    /// The text.
    pub fn as_str(&self) -> &'static str {
        self.0.text
    }

    /// The name's number: names are numbered from 0 as they are made, so
    /// that what is kept per name can be a vector's slot.
    pub fn id(&self) -> usize {
        self.0.id
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.text
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.0.text
    }
}

impl From<&str> for Name {
    fn from(name: &str) -> Self {
        Name::new(name)
    }
}

/// Interned: the same text is the same string.
impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.0.text == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.0.text == *other
    }
}

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.text.hash(state);
    }
}

/// By text, as strings sort.
impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.text.cmp(other.0.text)
    }
}

/// As the string.
impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.text, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.text)
    }
}

/// Written as a JSON string.
impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.text)
    }
}

/// Read from a JSON string, interned.
impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        std::borrow::Cow::<str>::deserialize(deserializer).map(|name| Name::new(&name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_made_once_and_compares_as_its_text() {
        let money = Name::new("money");
        let again = Name::new(&String::from("money"));
        assert_eq!(money, again);
        assert_eq!(money.id(), again.id());
        assert_ne!(money.id(), Name::new("mone").id());
        assert_ne!(money, Name::new("mone"));
        assert_ne!(money, Name::new("money_x"));
        assert_eq!(Name::new(""), Name::new(""));
        assert_ne!(Name::new(""), Name::new("x"));
        assert_eq!(money, "money");
        assert!(Name::new("ai_model") < money);
        assert_eq!(format!("{money} {money:?}"), "money \"money\"");
        assert_eq!(serde_json::to_string(&money).expect("serialisable"), r#""money""#);
        let back: Name = serde_json::from_str(r#""mon\u0065y""#).expect("a string");
        assert_eq!(back, money);
    }
}
