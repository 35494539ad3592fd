//! JSON text read straight into Python objects (what `json.loads` gives),
//! without an intermediate tree: an entity's attrs, on the caller's
//! thread, with the strings that repeat made once.

use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::IntoPyObjectExt;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::convert::Strings;

/// `json` as a Python object.
pub fn loads<'py>(py: Python<'py>, json: &str, strings: &mut Strings) -> PyResult<Bound<'py, PyAny>> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = Seed { py, strings }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| crate::GlaneurError::new_err(format!("an entity's attrs are not JSON ({e}): {json}")))?;
    value.map_err(|e| e.0)
}

/// A Python error carried through serde, which wants its own error type.
struct Failed(PyErr);

type Made<'py> = Result<Bound<'py, PyAny>, Failed>;

/// Builds one value; a Python error is kept as the value, not as serde's
/// error, so that it is raised as it was.
struct Seed<'a, 'py> {
    py: Python<'py>,
    strings: &'a mut Strings,
}

impl<'de, 'py> DeserializeSeed<'de> for Seed<'_, 'py> {
    type Value = Made<'py>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn made<'py, T: IntoPyObjectExt<'py>>(py: Python<'py>, value: T) -> Made<'py> {
    value.into_bound_py_any(py).map_err(Failed)
}

impl<'de, 'py> Visitor<'de> for Seed<'_, 'py> {
    type Value = Made<'py>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(made(self.py, v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(made(self.py, v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(made(self.py, v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(made(self.py, v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        // Short strings repeat (currencies, rules, canonical names): made once.
        Ok(if v.len() <= Strings::SHORT { Ok(self.strings.get(self.py, v).into_any()) } else { made(self.py, v) })
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Ok(self.py.None().into_bound(self.py)))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let list = PyList::empty(self.py);
        while let Some(item) = seq.next_element_seed(Seed { py: self.py, strings: &mut *self.strings })? {
            if let Err(e) = item.and_then(|item| list.append(item).map_err(Failed)) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(list.into_any()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.py);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let value = map.next_value_seed(Seed { py: self.py, strings: &mut *self.strings })?;
            let key = self.strings.get(self.py, &key);
            if let Err(e) = value.and_then(|value| dict.set_item(key, value).map_err(Failed)) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(dict.into_any()))
    }
}
