//! Explanations: why a sentence got its score, as a tree of named values.

use serde::{Deserialize, Serialize};

/// A score and how it was made, like tantivy's `Explanation`: a value, what
/// it is, and the values it was computed from.
///
/// ```
/// use abridge_score::Explanation;
///
/// let explanation = Explanation::new("score", 0.75).with(Explanation::new("content", 0.5));
/// assert_eq!(explanation.to_string(), "0.7500  score\n  0.5000  content\n");
/// ```
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
    ///
    /// ```
    /// let leaf = abridge_score::Explanation::new("position prior", 1.0);
    /// assert!(leaf.details.is_empty());
    /// ```
    pub fn new(description: impl Into<String>, value: f64) -> Explanation {
        Explanation { value, description: description.into(), details: Vec::new() }
    }

    /// For scorers that cannot say more than their name.
    ///
    /// ```
    /// let opaque = abridge_score::Explanation::opaque("my-scorer");
    /// assert!(opaque.value.is_nan() && opaque.description.starts_with("my-scorer"));
    /// ```
    pub fn opaque(scorer: &str) -> Explanation {
        Explanation::new(format!("{scorer} score (no breakdown)"), f64::NAN)
    }

    /// Adds a part.
    ///
    /// ```
    /// use abridge_score::Explanation;
    ///
    /// assert_eq!(Explanation::new("a", 1.0).with(Explanation::new("b", 0.5)).details.len(), 1);
    /// ```
    #[must_use]
    pub fn with(mut self, detail: Explanation) -> Explanation {
        self.details.push(detail);
        self
    }

    /// Writes the tree as indented lines, one per node.
    ///
    /// ```
    /// use abridge_score::Explanation;
    ///
    /// let mut out = String::new();
    /// Explanation::new("score", 0.5).write_tree(&mut out).unwrap();
    /// assert_eq!(out, "0.5000  score\n");
    /// ```
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
