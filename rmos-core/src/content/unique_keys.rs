//! Parsing JSON into a [`Value`] that refuses an object naming the same key twice.
//!
//! `serde_json` keeps the last of two equal keys. Another reader may keep the first, so one document
//! could mean two jobs to two programs: RMOS refuses it instead, naming the key's path. The path is built
//! only when a duplicate is found; parsing a document without one allocates nothing for paths.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Where a value sits in the document: its parent and its key or index in it.
#[derive(Clone, Copy)]
enum Place<'a> {
    Root,
    Key(&'a Place<'a>, &'a str),
    Index(&'a Place<'a>, usize),
}

impl Place<'_> {
    /// `stock.thickness_mm`, `operations[0].rings`, or `$` for the document itself.
    fn path(&self) -> String {
        let mut parts = Vec::new();
        let mut at = self;
        loop {
            match at {
                Place::Root => break,
                Place::Key(parent, key) => {
                    parts.push(format!(".{key}"));
                    at = parent;
                }
                Place::Index(parent, i) => {
                    parts.push(format!("[{i}]"));
                    at = parent;
                }
            }
        }
        let path: String = parts.iter().rev().map(String::as_str).collect();
        match path.strip_prefix('.') {
            Some(rest) => rest.to_owned(),
            None if path.is_empty() => "$".to_owned(),
            None => path,
        }
    }
}

struct Node<'a> {
    place: &'a Place<'a>,
    duplicate: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let place = Place::Index(self.place, items.len());
            let node = Node {
                place: &place,
                duplicate: self.duplicate,
            };
            match seq.next_element_seed(node)? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let place = Place::Key(self.place, &key);
            let value = map.next_value_seed(Node {
                place: &place,
                duplicate: self.duplicate,
            })?;
            if object.contains_key(&key) {
                *self.duplicate.borrow_mut() = Some(place.path());
                return Err(de::Error::custom("duplicate key"));
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Why a text is not a JSON document with unique keys.
pub(crate) enum ParseError {
    /// An object names a key twice: the key's path.
    DuplicateKey(String),
    /// Not JSON.
    Syntax(serde_json::Error),
}

/// Parses `text` as one JSON value, refusing an object that names a key twice.
pub(crate) fn parse(text: &str) -> Result<Value, ParseError> {
    let duplicate = RefCell::new(None);
    let root = Place::Root;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = Node {
        place: &root,
        duplicate: &duplicate,
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value));
    match (parsed, duplicate.into_inner()) {
        (_, Some(path)) => Err(ParseError::DuplicateKey(path)),
        (Ok(value), None) => Ok(value),
        (Err(e), None) => Err(ParseError::Syntax(e)),
    }
}
