//! Bootstrap confidence intervals for means over documents.
//!
//! The method is the percentile bootstrap, as `rouge-score`'s
//! `BootstrapAggregator` uses it: draw `resamples` samples of the `n`
//! documents with replacement, take each sample's mean, and report the
//! `(1 − confidence) / 2` and `(1 + confidence) / 2` percentiles of those
//! means (linear interpolation between order statistics, numpy's default).
//! Every column (each variant's P, R and F) uses the same samples, so the
//! intervals of one system are paired.
//!
//! Where `rouge-score` reports the median of the resampled means as the
//! point estimate, abridge reports the plain mean of the documents' scores;
//! only the interval comes from the resamples.
//!
//! The random numbers come from SplitMix64 with a fixed seed, so a report is
//! the same on every run and every machine.

use serde::{Deserialize, Serialize};

/// Resamples drawn by default.
pub const DEFAULT_RESAMPLES: usize = 1000;

/// The default confidence level.
pub const DEFAULT_CONFIDENCE: f64 = 0.95;

/// The default seed of the random number generator.
pub const DEFAULT_SEED: u64 = 0xab1d_9e5e_ed00_2025;

/// A confidence interval `[low, high]`.
///
/// ```
/// use abridge_eval::Bootstrap;
///
/// let interval = Bootstrap::default().intervals(&[&[0.2, 0.4, 0.6]])[0];
/// assert!(interval.low <= 0.4 && 0.4 <= interval.high);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(into = "[f64; 2]", from = "[f64; 2]")]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

impl From<Interval> for [f64; 2] {
    fn from(interval: Interval) -> [f64; 2] {
        [interval.low, interval.high]
    }
}

impl From<[f64; 2]> for Interval {
    fn from([low, high]: [f64; 2]) -> Interval {
        Interval { low, high }
    }
}

/// Settings of the percentile bootstrap.
///
/// ```
/// use abridge_eval::Bootstrap;
///
/// let bootstrap = Bootstrap { resamples: 200, ..Bootstrap::default() };
/// assert_eq!(bootstrap.intervals(&[&[0.5, 0.5]])[0].low, 0.5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bootstrap {
    /// How many samples to draw; 0 gives degenerate intervals at the mean.
    pub resamples: usize,
    /// The confidence level, in `(0, 1)`.
    pub confidence: f64,
    /// Seed of the random number generator.
    pub seed: u64,
}

impl Default for Bootstrap {
    fn default() -> Self {
        Bootstrap {
            resamples: DEFAULT_RESAMPLES,
            confidence: DEFAULT_CONFIDENCE,
            seed: DEFAULT_SEED,
        }
    }
}

impl Bootstrap {
    /// The confidence interval of the mean of each column. Every column
    /// holds one value per document, all columns the same documents in the
    /// same order.
    ///
    /// ```
    /// use abridge_eval::Bootstrap;
    ///
    /// let same = Bootstrap::default();
    /// assert_eq!(same.intervals(&[&[0.1, 0.9]]), same.intervals(&[&[0.1, 0.9]]), "seeded");
    /// ```
    pub fn intervals(&self, columns: &[&[f64]]) -> Vec<Interval> {
        let n = columns.first().map_or(0, |column| column.len());
        assert!(columns.iter().all(|column| column.len() == n), "columns of equal length");
        if n == 0 {
            return vec![Interval::default(); columns.len()];
        }
        if self.resamples == 0 {
            return columns
                .iter()
                .map(|column| {
                    let mean = column.iter().sum::<f64>() / n as f64;
                    Interval { low: mean, high: mean }
                })
                .collect();
        }
        let mut rng = SplitMix64(self.seed);
        let mut means: Vec<Vec<f64>> = vec![Vec::with_capacity(self.resamples); columns.len()];
        let mut sums = vec![0.0; columns.len()];
        for _ in 0..self.resamples {
            sums.iter_mut().for_each(|sum| *sum = 0.0);
            for _ in 0..n {
                let doc_idx = rng.below(n);
                for (sum, column) in sums.iter_mut().zip(columns) {
                    *sum += column[doc_idx];
                }
            }
            for (column_means, sum) in means.iter_mut().zip(&sums) {
                column_means.push(sum / n as f64);
            }
        }
        let tail = (1.0 - self.confidence) / 2.0;
        means
            .into_iter()
            .map(|mut column_means| {
                column_means.sort_by(f64::total_cmp);
                Interval {
                    low: percentile(&column_means, tail),
                    high: percentile(&column_means, 1.0 - tail),
                }
            })
            .collect()
    }
}

/// The `q`-quantile of sorted `values`, interpolating linearly between
/// order statistics (numpy's default `linear` method).
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let position = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    let fraction = position - below as f64;
    sorted[below] + (sorted[above] - sorted[below]) * fraction
}

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast and the same
/// everywhere.
#[derive(Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (Lemire's multiply-shift; the bias is below
    /// `n / 2^64`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_its_reference_output() {
        // The first outputs for seed 1234567 from the reference C code.
        let mut rng = SplitMix64(1234567);
        assert_eq!(rng.next_u64(), 6457827717110365317);
        assert_eq!(rng.next_u64(), 3203168211198807973);
    }

    #[test]
    fn percentile_interpolates_like_numpy() {
        let values = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&values, 0.0), 1.0);
        assert_eq!(percentile(&values, 1.0), 4.0);
        assert_eq!(percentile(&values, 0.5), 2.5);
        // np.percentile([1, 2, 3, 4], 2.5) == 1.075
        assert!((percentile(&values, 0.025) - 1.075).abs() < 1e-12);
    }

    #[test]
    fn intervals_hold_the_mean_and_are_deterministic() {
        let column: Vec<f64> = (0..200).map(|i| f64::from(i % 10) / 10.0).collect();
        let doubled: Vec<f64> = column.iter().map(|value| value * 2.0).collect();
        let bootstrap = Bootstrap::default();
        let intervals = bootstrap.intervals(&[&column, &doubled]);
        let mean = column.iter().sum::<f64>() / column.len() as f64;
        assert!(intervals[0].low < mean && mean < intervals[0].high, "{intervals:?}");
        // Paired resamples: a column scaled by 2 gets an interval scaled by 2.
        assert!((intervals[1].low - 2.0 * intervals[0].low).abs() < 1e-12);
        assert!((intervals[1].high - 2.0 * intervals[0].high).abs() < 1e-12);
        // The standard error is about 0.29 / sqrt(200) = 0.02, so the 95%
        // interval is about ±0.04 wide.
        let half_width = (intervals[0].high - intervals[0].low) / 2.0;
        assert!((0.03..0.05).contains(&half_width), "{half_width}");
        assert_eq!(bootstrap.intervals(&[&column, &doubled]), intervals);
        let other = Bootstrap { seed: 7, ..bootstrap }.intervals(&[&column]);
        assert_ne!(other[0], intervals[0]);
    }

    #[test]
    fn degenerate_inputs() {
        let bootstrap = Bootstrap::default();
        assert_eq!(bootstrap.intervals(&[&[]]), [Interval::default()]);
        assert_eq!(bootstrap.intervals(&[&[0.5, 0.5, 0.5]]), [Interval { low: 0.5, high: 0.5 }]);
        let none = Bootstrap { resamples: 0, ..bootstrap };
        assert_eq!(none.intervals(&[&[0.0, 1.0]]), [Interval { low: 0.5, high: 0.5 }]);
    }

    #[test]
    fn intervals_serialise_as_pairs() {
        let json = serde_json::to_string(&Interval { low: 0.25, high: 0.5 }).unwrap();
        assert_eq!(json, "[0.25,0.5]");
    }
}
