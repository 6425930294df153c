//! The old path's parsers (`serde_json` for NDJSON, `struson` for documents), for what the
//! fast path hands back to them: numbers other than plain integers, lists holding lists or
//! objects, and whole records it is not sure about. Each gives the text its parser would.

use std::fmt::Write as _;

use serde_json::{Map, Value};
use struson::reader::{JsonReader, JsonStreamReader};

use super::Stop;
use crate::sheet::json::flatten;

/// Which parser the old path used, since they turn unusual numbers into different text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// NDJSON lines, read by `serde_json`.
    SerdeJson,
    /// JSON documents, read by `struson`.
    Struson,
}

impl Dialect {
    /// A value as the old path parsed it, from its text alone.
    fn parse<T: serde::de::DeserializeOwned>(self, text: &str) -> Result<T, Stop> {
        match self {
            Dialect::SerdeJson => serde_json::from_str(text).map_err(|_| Stop::Broken),
            Dialect::Struson => JsonStreamReader::new(text.as_bytes())
                .deserialize_next()
                .map_err(|_| Stop::Broken),
        }
    }

    /// Checks a number other than a 64-bit integer and, with `out`, writes its text.
    pub(super) fn number(self, text: &str, out: Option<&mut String>) -> Result<(), Stop> {
        let value: Value = match self {
            Dialect::Struson => match struson_float(text) {
                Some(value) => value,
                None => self.parse(text)?,
            },
            Dialect::SerdeJson => self.parse(text)?,
        };
        if let Some(out) = out {
            match &value {
                Value::Number(n) => write!(out, "{n}").map_err(|_| Stop::Broken)?,
                other => out.push_str(&flatten::text(other)),
            }
        }
        Ok(())
    }

    /// A list holding lists or objects, as compact JSON text.
    pub(super) fn compact(self, text: &str, out: &mut String) -> Result<(), Stop> {
        let value: Value = self.parse(text)?;
        write!(out, "{value}").map_err(|_| Stop::Broken)
    }

    /// A whole record, parsed the old way.
    pub fn record(self, text: &str) -> Result<Map<String, Value>, Stop> {
        self.parse(text)
    }
}

/// A number with a fraction or an exponent as `struson` reads it into a `Value` (its
/// `deserialize_any` and `restrict_number_values`): `f64::from_str`, a non-finite result
/// becoming null. `None` where it would refuse the number or read it another way.
fn struson_float(text: &str) -> Option<Value> {
    if text.len() > 100 || !text.contains(['.', 'e', 'E']) {
        return None;
    }
    let exponent = match text.find(['e', 'E']) {
        Some(at) => text.get(at + 1..)?,
        None => "",
    };
    let digits = exponent
        .trim_start_matches(['+', '-'])
        .trim_start_matches('0');
    if digits.len() > 2 {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    Some(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
}
