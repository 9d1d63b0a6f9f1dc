//! Explanations: why a sentence got its score, as a tree of named values.

use serde::{Deserialize, Serialize};

/// A score and how it was made, like tantivy's `Explanation`: a value, what
/// it is, and the values it was computed from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The value.
    pub value: f64,
    /// What the value is, e.g. "tf-idf cosine to the document".
    pub description: String,
    /// The parts it was computed from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Explanation>,
}

impl Explanation {
    /// A leaf.
    pub fn new(description: impl Into<String>, value: f64) -> Explanation {
        Explanation { value, description: description.into(), details: Vec::new() }
    }

    /// For scorers that cannot say more than their name.
    pub fn opaque(scorer: &str) -> Explanation {
        Explanation::new(format!("{scorer} score (no breakdown)"), f64::NAN)
    }

    /// Adds a part.
    #[must_use]
    pub fn with(mut self, detail: Explanation) -> Explanation {
        self.details.push(detail);
        self
    }

    /// Writes the tree as indented lines, one per node.
    pub fn write_tree(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        self.write_indented(out, 0)
    }

    fn write_indented(&self, out: &mut impl std::fmt::Write, depth: usize) -> std::fmt::Result {
        writeln!(out, "{:indent$}{:.4}  {}", "", self.value, self.description, indent = depth * 2)?;
        for detail in &self.details {
            detail.write_indented(out, depth + 1)?;
        }
        Ok(())
    }
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_tree(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_prints_indented() {
        let explanation = Explanation::new("total", 0.75)
            .with(Explanation::new("content", 0.5))
            .with(Explanation::new("position", 1.0).with(Explanation::new("index", 0.0)));
        assert_eq!(
            explanation.to_string(),
            "0.7500  total\n  0.5000  content\n  1.0000  position\n    0.0000  index\n"
        );
    }
}
