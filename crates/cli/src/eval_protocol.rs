//! The flags of `abridge eval` that set the evaluation protocol of the
//! multi-document literature: clusters, truncation and the measure shown.

use abridge_eval::{Measure, Protocol, Truncation};
use clap::Args;

#[derive(Debug, Args)]
pub struct ProtocolArgs {
    /// Summarise each record's `docs` (a list of documents, as in
    /// cstnews_mds) as one cluster instead of its joined `text`.
    #[arg(long)]
    pub cluster: bool,
    /// Score only the first N words of every summary and reference, as
    /// ROUGE-1.5.5's `-l N` (multi-document tables: 100).
    #[arg(long, value_name = "N", conflicts_with = "truncate_bytes",
          value_parser = crate::args::count_parser("--truncate-words", "word"))]
    pub truncate_words: Option<usize>,
    /// Score only the first N bytes of every summary and reference, as
    /// ROUGE-1.5.5's `-b N` (DUC 2004: 665).
    #[arg(long, value_name = "N",
          value_parser = crate::args::count_parser("--truncate-bytes", "byte"))]
    pub truncate_bytes: Option<usize>,
    /// With --cluster: control redundancy across documents by MMR with
    /// trade-off λ in [0, 1] instead of concept coverage.
    #[arg(long, value_name = "λ", requires = "cluster",
          value_parser = crate::args::parse_unit_interval)]
    pub cluster_mmr: Option<f64>,
    /// The mean the table shows: `f1` (the default, as rouge-score's
    /// tables), `recall` (as ROUGE-1.5.5's multi-document tables) or
    /// `precision`; JSON has all three.
    #[arg(long, value_name = "NAME", default_value = "f1")]
    pub measure: Measure,
}

impl ProtocolArgs {
    /// The library's protocol.
    pub fn to_protocol(&self) -> Protocol {
        let truncation = match (self.truncate_words, self.truncate_bytes) {
            (Some(words), _) => Some(Truncation::Words(words)),
            (None, Some(bytes)) => Some(Truncation::Bytes(bytes)),
            (None, None) => None,
        };
        Protocol {
            cluster: self.cluster,
            cluster_method: self.cluster_mmr.map(abridge::ClusterMethod::Mmr),
            truncation,
        }
    }
}
