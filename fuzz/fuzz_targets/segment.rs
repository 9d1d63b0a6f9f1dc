//! Segmenting and tokenising arbitrary bytes (made lossy UTF-8) keeps every
//! span invariant.

#![no_main]

use abridge_text::{Analyzer, Language};
use libfuzzer_sys::fuzz_target;

/// What `Span::trim` trims from unit edges: white space and the byte-order
/// mark U+FEFF.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let language = Language::ALL[selector as usize % Language::ALL.len()];
    let text = String::from_utf8_lossy(bytes);
    let document = Analyzer::new(language).analyze(&text);
    let mut previous_end = 0;
    for (sentence_idx, sentence) in document.sentences().iter().enumerate() {
        let span = sentence.span();
        assert!(previous_end <= span.start && span.start < span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        let gap = &text[previous_end..span.start];
        assert!(gap.chars().all(is_blank), "non-space text between sentences: {gap:?}");
        let slice = span.slice(&text);
        assert_eq!(slice.trim(), slice, "sentence starts or ends with white space");
        for token in document.sentence_tokens(sentence_idx) {
            assert!(span.start <= token.span().start && token.span().end <= span.end, "token outside its sentence");
            assert!(text.is_char_boundary(token.span().start) && text.is_char_boundary(token.span().end));
            assert!((token.term() as usize) < document.n_terms());
        }
        previous_end = span.end;
    }
    assert!(text[previous_end..].chars().all(is_blank), "text after the last sentence");
});
