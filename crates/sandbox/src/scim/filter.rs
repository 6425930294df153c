//! SCIM filters: parsing `filter=` expressions and testing resources against them; also the
//! attribute paths PATCH operations name.
//!
//! Follows RFC 7644 section 3.4.2.2: attribute operators `eq`, `ne`, `co`, `sw`, `ew`, `gt`,
//! `ge`, `lt`, `le`, `pr`; logical `and`, `or`, `not ( … )`; grouping with parentheses;
//! value paths `emails[type eq "work"]`; operators and attribute names case-insensitive;
//! a multi-valued attribute matches when any of its values does; a complex attribute
//! compared without a sub-attribute compares its `value`; schema-qualified paths
//! (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`).
//!
//! Where RFC 7643 leaves case to each attribute's `caseExact`, the emulator treats `id` and
//! `externalId` as case-exact (as RFC 7643 defines them) and every other string as
//! case-insensitive, which is what the core User schema says of `userName`, `emails.value`
//! and the name parts. `gt`/`ge`/`lt`/`le` compare strings in code-point order and numbers
//! numerically; comparing booleans that way is `invalidFilter`, as the RFC requires.

use std::cmp::Ordering;

use serde_json::Value;

use super::USER_SCHEMA;
use super::error::{ScimError, ScimType};

/// An attribute path: an optional schema URN, an attribute, an optional sub-attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrPath {
    /// The extension schema, `None` for the core User schema.
    pub urn: Option<String>,
    pub attr: String,
    pub sub: Option<String>,
}

/// An attribute operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Op {
    pub fn is_eq(self) -> bool {
        self == Op::Eq
    }
}

/// A parsed filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    Present(AttrPath),
    Compare(AttrPath, Op, Value),
    /// `attr[filter]`: some value of the multi-valued `attr` matches `filter`.
    Has(AttrPath, Box<Filter>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    Word(String),
    Text(String),
}

fn invalid(detail: impl Into<String>) -> ScimError {
    ScimError::bad(ScimType::InvalidFilter, detail)
}

/// Splits `input` into tokens; `]` directly followed by `.sub` gives a `Word(".sub")`.
pub(crate) fn tokenize(input: &str) -> Result<Vec<Token>, ScimError> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | '[' | ']' => {
                chars.next();
                tokens.push(match c {
                    '(' => Token::Open,
                    ')' => Token::Close,
                    '[' => Token::OpenBracket,
                    _ => Token::CloseBracket,
                });
            }
            '"' => {
                let rest = &input[start..];
                let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<String>();
                let text = match stream.next() {
                    Some(Ok(text)) => text,
                    _ => return Err(invalid(format!("unterminated string in {input:?}"))),
                };
                let end = start + stream.byte_offset();
                tokens.push(Token::Text(text));
                while chars.peek().is_some_and(|&(at, _)| at < end) {
                    chars.next();
                }
            }
            _ => {
                let mut word = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_whitespace() || "()[]\"".contains(c) {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                tokens.push(Token::Word(word));
            }
        }
    }
    Ok(tokens)
}

/// Reads `urn:…:attr.sub`, `attr.sub` or `attr` (RFC 7644 `attrPath`).
pub(crate) fn parse_attr_path(word: &str) -> Result<AttrPath, ScimError> {
    let (urn, local) = if word.len() > 4 && word[..4].eq_ignore_ascii_case("urn:") {
        let Some((urn, local)) = word.rsplit_once(':') else {
            return Err(ScimError::bad(
                ScimType::InvalidPath,
                format!("bad path {word:?}"),
            ));
        };
        let core = urn.eq_ignore_ascii_case(USER_SCHEMA);
        ((!core).then(|| urn.to_owned()), local)
    } else {
        (None, word)
    };
    let (attr, sub) = match local.split_once('.') {
        Some((attr, sub)) => (attr, Some(sub)),
        None => (local, None),
    };
    let name_ok = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '$')
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '$')
    };
    if !name_ok(attr) || sub.is_some_and(|s| !name_ok(s)) {
        return Err(ScimError::bad(
            ScimType::InvalidPath,
            format!("bad attribute path {word:?}"),
        ));
    }
    Ok(AttrPath {
        urn,
        attr: attr.to_owned(),
        sub: sub.map(str::to_owned),
    })
}

/// Parses a whole `filter` parameter.
pub fn parse(input: &str) -> Result<Filter, ScimError> {
    let tokens = tokenize(input)?;
    let mut parser = Parser { tokens, at: 0 };
    let filter = parser.or()?;
    if parser.at != parser.tokens.len() {
        return Err(invalid(format!(
            "unexpected text after the filter in {input:?}"
        )));
    }
    Ok(filter)
}

pub(crate) struct Parser {
    pub(crate) tokens: Vec<Token>,
    pub(crate) at: usize,
}

impl Parser {
    fn peek_keyword(&self, keyword: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token::Word(w)) if w.eq_ignore_ascii_case(keyword))
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn expect(&mut self, token: Token) -> Result<(), ScimError> {
        match self.next() {
            Some(found) if found == token => Ok(()),
            other => Err(invalid(format!("expected {token:?}, found {other:?}"))),
        }
    }

    pub(crate) fn or(&mut self) -> Result<Filter, ScimError> {
        let mut left = self.and()?;
        while self.peek_keyword("or") {
            self.at += 1;
            left = Filter::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Filter, ScimError> {
        let mut left = self.atom()?;
        while self.peek_keyword("and") {
            self.at += 1;
            left = Filter::And(Box::new(left), Box::new(self.atom()?));
        }
        Ok(left)
    }

    fn atom(&mut self) -> Result<Filter, ScimError> {
        match self.next() {
            Some(Token::Open) => {
                let inner = self.or()?;
                self.expect(Token::Close)?;
                Ok(inner)
            }
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("not") => {
                self.expect(Token::Open)?;
                let inner = self.or()?;
                self.expect(Token::Close)?;
                Ok(Filter::Not(Box::new(inner)))
            }
            Some(Token::Word(word)) => {
                let path = parse_attr_path(&word).map_err(|e| invalid(e.detail))?;
                if self.tokens.get(self.at) == Some(&Token::OpenBracket) {
                    self.at += 1;
                    let inner = self.or()?;
                    self.expect(Token::CloseBracket)?;
                    return Ok(Filter::Has(path, Box::new(inner)));
                }
                self.comparison(path)
            }
            other => Err(invalid(format!("expected an attribute, found {other:?}"))),
        }
    }

    fn comparison(&mut self, path: AttrPath) -> Result<Filter, ScimError> {
        let Some(Token::Word(op)) = self.next() else {
            return Err(invalid("expected an operator"));
        };
        let op = match op.to_ascii_lowercase().as_str() {
            "pr" => return Ok(Filter::Present(path)),
            "eq" => Op::Eq,
            "ne" => Op::Ne,
            "co" => Op::Co,
            "sw" => Op::Sw,
            "ew" => Op::Ew,
            "gt" => Op::Gt,
            "ge" => Op::Ge,
            "lt" => Op::Lt,
            "le" => Op::Le,
            other => return Err(invalid(format!("unknown operator {other:?}"))),
        };
        let value = match self.next() {
            Some(Token::Text(text)) => Value::String(text),
            Some(Token::Word(word)) => match serde_json::from_str::<Value>(&word) {
                Ok(v @ (Value::Bool(_) | Value::Null | Value::Number(_))) => v,
                _ => return Err(invalid(format!("bad comparison value {word:?}"))),
            },
            other => return Err(invalid(format!("expected a value, found {other:?}"))),
        };
        if matches!(value, Value::Bool(_) | Value::Null) && !matches!(op, Op::Eq | Op::Ne) {
            return Err(invalid("booleans and null compare with eq or ne only"));
        }
        Ok(Filter::Compare(path, op, value))
    }
}

/// The value of `key` in `object`, the key compared case-insensitively.
pub(crate) fn get_ci<'a>(object: &'a Value, key: &str) -> Option<&'a Value> {
    let map = object.as_object()?;
    map.get(key).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// Every value `path` reaches in `resource`, multi-valued attributes spread out.
fn values<'a>(resource: &'a Value, path: &AttrPath) -> Vec<&'a Value> {
    let scope = match &path.urn {
        Some(urn) => get_ci(resource, urn),
        None => Some(resource),
    };
    let Some(top) = scope.and_then(|s| get_ci(s, &path.attr)) else {
        return Vec::new();
    };
    let spread: Vec<&Value> = match top {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    spread
        .into_iter()
        .filter_map(|v| match (&path.sub, v) {
            (Some(sub), v) => get_ci(v, sub),
            (None, Value::Object(_)) => get_ci(v, "value"),
            (None, v) => Some(v),
        })
        .filter(|v| !v.is_null())
        .collect()
}

fn case_exact(path: &AttrPath) -> bool {
    path.urn.is_none()
        && path.sub.is_none()
        && (path.attr.eq_ignore_ascii_case("id") || path.attr.eq_ignore_ascii_case("externalId"))
}

fn compare(found: &Value, op: Op, wanted: &Value, exact: bool) -> bool {
    match (found, wanted) {
        (Value::String(a), Value::String(b)) => {
            let (a, b) = if exact {
                (a.clone(), b.clone())
            } else {
                (a.to_lowercase(), b.to_lowercase())
            };
            match op {
                Op::Eq => a == b,
                Op::Ne => a != b,
                Op::Co => a.contains(&b),
                Op::Sw => a.starts_with(&b),
                Op::Ew => a.ends_with(&b),
                Op::Gt => a > b,
                Op::Ge => a >= b,
                Op::Lt => a < b,
                Op::Le => a <= b,
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let order = a
                .as_f64()
                .zip(b.as_f64())
                .and_then(|(a, b)| a.partial_cmp(&b));
            match (op, order) {
                (Op::Eq, Some(o)) => o == Ordering::Equal,
                (Op::Ne, Some(o)) => o != Ordering::Equal,
                (Op::Gt, Some(o)) => o == Ordering::Greater,
                (Op::Ge, Some(o)) => o != Ordering::Less,
                (Op::Lt, Some(o)) => o == Ordering::Less,
                (Op::Le, Some(o)) => o != Ordering::Greater,
                _ => false,
            }
        }
        (a, b) => match op {
            Op::Eq => a == b,
            Op::Ne => a != b,
            _ => false,
        },
    }
}

impl Filter {
    /// The value when the filter is exactly `userName eq "value"`, which a store can answer
    /// from its index.
    pub fn user_name_eq(&self) -> Option<&str> {
        match self {
            Filter::Compare(path, Op::Eq, Value::String(wanted))
                if path.urn.is_none()
                    && path.sub.is_none()
                    && path.attr.eq_ignore_ascii_case("userName") =>
            {
                Some(wanted)
            }
            _ => None,
        }
    }

    /// Whether `resource` (a resource, or one value of a multi-valued attribute inside a
    /// value path) matches.
    pub fn matches(&self, resource: &Value) -> bool {
        match self {
            Filter::And(a, b) => a.matches(resource) && b.matches(resource),
            Filter::Or(a, b) => a.matches(resource) || b.matches(resource),
            Filter::Not(inner) => !inner.matches(resource),
            Filter::Present(path) => values(resource, path).iter().any(|v| match v {
                Value::String(s) => !s.is_empty(),
                Value::Array(a) => !a.is_empty(),
                _ => true,
            }),
            Filter::Compare(path, op, wanted) => {
                let found = values(resource, path);
                match (op, wanted) {
                    (Op::Eq, Value::Null) => found.is_empty(),
                    (Op::Ne, Value::Null) => !found.is_empty(),
                    (Op::Ne, _) => !found
                        .iter()
                        .any(|v| compare(v, Op::Eq, wanted, case_exact(path))),
                    _ => found
                        .iter()
                        .any(|v| compare(v, *op, wanted, case_exact(path))),
                }
            }
            Filter::Has(path, inner) => {
                let whole = AttrPath {
                    sub: None,
                    ..path.clone()
                };
                let scope = match &whole.urn {
                    Some(urn) => get_ci(resource, urn),
                    None => Some(resource),
                };
                match scope.and_then(|s| get_ci(s, &whole.attr)) {
                    Some(Value::Array(items)) => items.iter().any(|item| inner.matches(item)),
                    Some(item @ Value::Object(_)) => inner.matches(item),
                    _ => false,
                }
            }
        }
    }
}
