//! Reading the input text: a file or standard input, as UTF-8.
//!
//! Invalid UTF-8 is not an error: each invalid sequence is replaced with
//! U+FFFD and a warning names the input and the first bad byte offset.
//! Byte offsets in the output then refer to the text after replacement,
//! which is the input itself whenever the input was valid UTF-8.

use std::io::{IsTerminal, Read};
use std::path::Path;

use anyhow::{Context, bail};

/// A text read from a file or standard input.
#[derive(Debug)]
pub struct Input {
    /// How to name the input in messages: the path, or `<stdin>`.
    pub name: String,
    /// The text, valid UTF-8.
    pub text: String,
    /// Where the input was not valid UTF-8, if anywhere.
    pub invalid_utf8: Option<InvalidUtf8>,
}

/// Where and how much of the input was not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidUtf8 {
    /// Byte offset of the first invalid sequence.
    pub first_offset: usize,
    /// Number of invalid sequences replaced.
    pub sequences: usize,
}

impl Input {
    /// Reads `path`, or standard input for `None` and `-`.
    pub fn read(path: Option<&Path>) -> anyhow::Result<Input> {
        match path {
            Some(path) if path != Path::new("-") => {
                let name = path.display().to_string();
                if path.is_dir() {
                    bail!("{name}: is a directory, not a text file");
                }
                let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read"))?;
                Ok(Input::from_bytes(name, bytes))
            }
            _ => {
                let stdin = std::io::stdin();
                if stdin.is_terminal() {
                    bail!("no input: give a FILE, or pipe text into abridge");
                }
                let mut bytes = Vec::new();
                stdin.lock().read_to_end(&mut bytes).context("<stdin>: cannot read")?;
                Ok(Input::from_bytes("<stdin>".to_owned(), bytes))
            }
        }
    }

    /// Decodes `bytes`, replacing invalid UTF-8.
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Input {
        match String::from_utf8(bytes) {
            Ok(text) => Input { name, text, invalid_utf8: None },
            Err(error) => {
                let first_offset = error.utf8_error().valid_up_to();
                let bytes = error.into_bytes();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let sequences = count_invalid_sequences(&bytes);
                Input { name, text, invalid_utf8: Some(InvalidUtf8 { first_offset, sequences }) }
            }
        }
    }

    /// The warning to print for invalid UTF-8, if any.
    pub fn warning(&self) -> Option<String> {
        self.invalid_utf8.map(|invalid| {
            format!(
                "{}: invalid UTF-8 from byte {}; {} invalid sequence(s) replaced with U+FFFD",
                self.name, invalid.first_offset, invalid.sequences
            )
        })
    }
}

fn count_invalid_sequences(mut bytes: &[u8]) -> usize {
    let mut count = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return count,
            Err(error) => {
                count += 1;
                let skip = error.valid_up_to()
                    + error.error_len().unwrap_or(bytes.len() - error.valid_up_to());
                bytes = &bytes[skip..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let input = Input::from_bytes("x.txt".into(), b"caf\xe9 au lait. ok \xff\xfe.".to_vec());
        assert_eq!(input.text, "caf\u{FFFD} au lait. ok \u{FFFD}\u{FFFD}.");
        assert_eq!(input.invalid_utf8, Some(InvalidUtf8 { first_offset: 3, sequences: 3 }));
        assert!(input.warning().unwrap().starts_with("x.txt: invalid UTF-8 from byte 3"));
    }

    #[test]
    fn valid_utf8_is_kept() {
        let input = Input::from_bytes("y".into(), "naïve".as_bytes().to_vec());
        assert_eq!(input.text, "naïve");
        assert!(input.warning().is_none());
    }
}
