//! An exception's evidence: the values an auditor needs to redo the check, by name.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};
use std::ops::Index;

/// Named values in the order of their names, as a JSON object gives them, a name given twice
/// keeping its last value. Held as one exact-size list: an exception has a handful of them and
/// a large month tens of thousands of exceptions, where a `BTreeMap` would hold a 600-byte node
/// for each, however few it keeps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvidenceMap(Box<[(Box<str>, Value)]>);

impl EvidenceMap {
    pub fn insert(&mut self, key: &str, value: Value) {
        match self.position(key) {
            Ok(at) => self.0[at].1 = value,
            Err(at) => {
                let mut entries = std::mem::take(&mut self.0).into_vec();
                entries.insert(at, (key.into(), value));
                self.0 = entries.into_boxed_slice();
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.position(key).ok().map(|at| &self.0[at].1)
    }

    /// Each name and its value, in the order of the names.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(key, value)| (&**key, value))
    }

    /// The evidence as a JSON object.
    pub fn to_map(&self) -> Map<String, Value> {
        self.iter()
            .map(|(key, value)| (key.to_string(), value.clone()))
            .collect()
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| (**k).cmp(key))
    }
}

impl Index<&str> for EvidenceMap {
    type Output = Value;

    /// The value of a name the evidence has (`Value::Null` for one it has not, as a JSON
    /// object's index gives).
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&Value::Null)
    }
}

impl Serialize for EvidenceMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.iter() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_reads_and_writes_as_a_json_object_does() {
        let mut evidence = EvidenceMap::default();
        let mut object = Map::new();
        for (key, value) in [
            ("litres", "40"),
            ("amount", "100"),
            ("zeta", "1"),
            ("litres", "41"),
        ] {
            evidence.insert(key, Value::from(value));
            object.insert(key.to_string(), Value::from(value));
        }
        assert_eq!(
            serde_json::to_string(&evidence).unwrap(),
            serde_json::to_string(&object).unwrap()
        );
        assert_eq!(evidence.to_map(), object);
        assert_eq!(evidence["litres"], "41");
        assert_eq!(evidence["missing"], Value::Null);
        assert_eq!(evidence.get("amount"), Some(&Value::from("100")));
        let keys: Vec<&str> = evidence.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["amount", "litres", "zeta"]);
    }
}
