//! Unkey's permission query syntax for `POST /v2/keys.verifyKey`: permission names
//! joined by `AND` and `OR` (AND binds tighter), with parentheses, e.g.
//! `bpjs:read AND (users:read OR users:*)`.

use apikey_core::rules;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// One permission.
    Name(String),
    /// All must hold.
    And(Vec<Query>),
    /// One must hold.
    Or(Vec<Query>),
}

/// Longest query accepted, in bytes.
pub const MAX_QUERY_LEN: usize = 4096;
/// Deepest nesting of parentheses accepted.
const MAX_DEPTH: usize = 32;

impl Query {
    /// Parses a query.
    ///
    /// # Errors
    /// A message naming the fault.
    pub fn parse(text: &str) -> Result<Query, String> {
        if text.len() > MAX_QUERY_LEN {
            return Err(format!(
                "the permission query is longer than {MAX_QUERY_LEN} bytes"
            ));
        }
        let tokens = tokenize(text)?;
        let mut parser = Parser { tokens, at: 0 };
        let query = parser.or(0)?;
        if parser.at != parser.tokens.len() {
            return Err(format!(
                "unexpected '{}' in the permission query",
                parser.tokens[parser.at]
            ));
        }
        Ok(query)
    }

    /// Whether `grants` (grant patterns) satisfy the query.
    pub fn holds(&self, grants: &[String]) -> bool {
        match self {
            Query::Name(name) => grants.iter().any(|g| rules::covers(g, name)),
            Query::And(parts) => parts.iter().all(|q| q.holds(grants)),
            Query::Or(parts) => parts.iter().any(|q| q.holds(grants)),
        }
    }

    /// The names in the query that `grants` do not cover, sorted and without repeats.
    pub fn missing(&self, grants: &[String]) -> Vec<String> {
        let mut names = Vec::new();
        self.names(&mut names);
        names.retain(|n| !grants.iter().any(|g| rules::covers(g, n)));
        names.sort();
        names.dedup();
        names
    }

    fn names(&self, out: &mut Vec<String>) {
        match self {
            Query::Name(n) => out.push(n.clone()),
            Query::And(parts) | Query::Or(parts) => parts.iter().for_each(|q| q.names(out)),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<String>, String> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c == '(' || c == ')' || c.is_whitespace() {
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    if tokens.is_empty() {
        return Err("the permission query is empty".into());
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<String>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(String::as_str)
    }

    fn or(&mut self, depth: usize) -> Result<Query, String> {
        let mut parts = vec![self.and(depth)?];
        while self.peek().is_some_and(|t| t.eq_ignore_ascii_case("OR")) {
            self.at += 1;
            parts.push(self.and(depth)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::Or(parts)
        })
    }

    fn and(&mut self, depth: usize) -> Result<Query, String> {
        let mut parts = vec![self.atom(depth)?];
        while self.peek().is_some_and(|t| t.eq_ignore_ascii_case("AND")) {
            self.at += 1;
            parts.push(self.atom(depth)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::And(parts)
        })
    }

    fn atom(&mut self, depth: usize) -> Result<Query, String> {
        let Some(token) = self.peek().map(str::to_owned) else {
            return Err("the permission query ends too early".into());
        };
        self.at += 1;
        match token.as_str() {
            "(" => {
                if depth >= MAX_DEPTH {
                    return Err("the permission query nests too deeply".into());
                }
                let inner = self.or(depth + 1)?;
                if self.peek() != Some(")") {
                    return Err("a '(' in the permission query is not closed".into());
                }
                self.at += 1;
                Ok(inner)
            }
            ")" => Err("unexpected ')' in the permission query".into()),
            t if t.eq_ignore_ascii_case("AND") || t.eq_ignore_ascii_case("OR") => {
                Err(format!("'{t}' needs a permission before it"))
            }
            name => {
                rules::permission_name(name).map_err(|e| e.to_string())?;
                Ok(Query::Name(name.to_owned()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn grants(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn and_binds_tighter_than_or() {
        let q = Query::parse("a:r OR b:r AND c:r").unwrap();
        assert!(q.holds(&grants(&["a:r"])));
        assert!(!q.holds(&grants(&["b:r"])));
        assert!(q.holds(&grants(&["b:r", "c:r"])));
        let q = Query::parse("(a:r OR b:r) AND c:r").unwrap();
        assert!(!q.holds(&grants(&["a:r"])));
        assert!(q.holds(&grants(&["b:*", "c:r"])));
        assert_eq!(q.missing(&grants(&["b:r"])), vec!["a:r", "c:r"]);
    }

    #[test]
    fn bad_queries_are_refused() {
        for bad in [
            "",
            "(",
            "a:r AND",
            "OR a:r",
            "a:r b:r",
            "a:r)",
            "nocolon",
            &"(".repeat(40),
        ] {
            assert!(Query::parse(bad).is_err(), "{bad}");
        }
    }
}
