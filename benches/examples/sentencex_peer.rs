//! The `sentencex` crate as a whole process, the peer `cargo xtask bench
//! sentences` times against `abridge sentences`: reads a text on standard
//! input and writes its sentences one a line, white space collapsed, as
//! `abridge sentences` does.
//!
//! `cargo run --release -p abridge-benches --example sentencex_peer -- [LANG] < text.txt`

use std::io::{Read, Write};

fn main() -> std::io::Result<()> {
    let language = std::env::args().nth(1).unwrap_or_else(|| "en".to_owned());
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for sentence in sentencex::segment(&language, &text) {
        let mut words = sentence.split_whitespace();
        let Some(first) = words.next() else { continue };
        out.write_all(first.as_bytes())?;
        for word in words {
            out.write_all(b" ")?;
            out.write_all(word.as_bytes())?;
        }
        out.write_all(b"\n")?;
    }
    out.flush()
}
