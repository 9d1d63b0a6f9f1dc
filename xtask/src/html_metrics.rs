//! The metrics of the two HTML benchmarks, as their `evaluate.py` compute
//! them (see `../shared/html/README.md`).

use std::collections::HashMap;

/// `\w+` runs, as Python's `re` finds them (letters, digits, underscore).
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word_char = c.is_alphanumeric() || c == '_';
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Per-page TP, FP, FN of 4-token shingles, normalised to sum 1.
pub fn shingle_counts(truth: &str, pred: &str) -> (f64, f64, f64) {
    fn shingles(text: &str) -> HashMap<Vec<&str>, i64> {
        let tokens = words(text);
        let mut map = HashMap::new();
        let n = 4;
        let upto = if tokens.len() >= n { tokens.len() - n + 1 } else { 1 };
        for i in 0..upto {
            let end = (i + n).min(tokens.len());
            if i < end {
                *map.entry(tokens[i..end].to_vec()).or_insert(0) += 1;
            }
        }
        map
    }
    let t = shingles(truth);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (key, &tc) in &t {
        let pc = p.get(key).copied().unwrap_or(0);
        tp += tc.min(pc);
        fn_ += (tc - pc).max(0);
    }
    for (key, &pc) in &p {
        let tc = t.get(key).copied().unwrap_or(0);
        fp += (pc - tc).max(0);
    }
    let sum = (tp + fp + fn_) as f64;
    if sum > 0.0 { (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum) } else { (0.0, 0.0, 0.0) }
}

/// Mean precision, mean recall and F1 over pages (the articles benchmark).
pub fn shingle_f1(pages: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let (mut ps, mut rs) = (Vec::new(), Vec::new());
    for &(tp, fp, fn_) in pages {
        if tp + fp > 0.0 {
            ps.push(tp / (tp + fp));
        } else if fn_ == 0.0 {
            ps.push(1.0);
        }
        if tp + fn_ > 0.0 {
            rs.push(tp / (tp + fn_));
        } else if fp == 0.0 {
            rs.push(1.0);
        }
    }
    let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let (p, r) = (mean(&ps), mean(&rs));
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

/// Bag-of-words P, R, F1 of one page (the web benchmark).
pub fn bag_prf(truth: &str, pred: &str) -> (f64, f64, f64) {
    let bag = |text: &str| {
        let mut map: HashMap<String, i64> = HashMap::new();
        for w in words(text) {
            *map.entry(w.to_lowercase()).or_insert(0) += 1;
        }
        map
    };
    let t = bag(truth);
    let p = bag(pred);
    let nt: i64 = t.values().sum();
    let np: i64 = p.values().sum();
    if nt == 0 && np == 0 {
        return (1.0, 1.0, 1.0);
    }
    if nt == 0 || np == 0 {
        return (0.0, 0.0, 0.0);
    }
    let overlap: i64 = t.iter().map(|(k, &c)| c.min(p.get(k).copied().unwrap_or(0))).sum();
    let pr = overlap as f64 / np as f64;
    let re = overlap as f64 / nt as f64;
    (pr, re, if pr + re > 0.0 { 2.0 * pr * re / (pr + re) } else { 0.0 })
}
