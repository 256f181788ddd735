//! The table `cargo xtask bench` prints: one row per measure, hec against its baseline.

/// One row of the table.
pub(crate) struct Row {
    pub(crate) measure: String,
    pub(crate) hec: String,
    pub(crate) baseline: String,
    pub(crate) ratio: String,
    pub(crate) target: String,
    pub(crate) met: Option<bool>,
}

impl Row {
    /// A row whose ratio is hec's figure over the baseline's.
    pub(crate) fn ratio(
        measure: impl Into<String>,
        hec: (f64, &str),
        baseline: (f64, &str),
        target: Target,
    ) -> Row {
        let ratio = hec.0 / baseline.0;
        Row {
            measure: measure.into(),
            hec: format_figure(hec.0, hec.1),
            baseline: format!("{} ({})", format_figure(baseline.0, baseline.1), baseline_name(baseline.1)),
            ratio: format!("{ratio:.2}x"),
            target: target.to_string(),
            met: Some(target.met(ratio)),
        }
    }

    /// A row with a figure and no ratio (reported, not compared), or a skipped measure.
    pub(crate) fn note(
        measure: impl Into<String>,
        hec: impl Into<String>,
        baseline: impl Into<String>,
    ) -> Row {
        Row {
            measure: measure.into(),
            hec: hec.into(),
            baseline: baseline.into(),
            ratio: String::new(),
            target: String::new(),
            met: None,
        }
    }
}

fn baseline_name(unit: &str) -> &'static str {
    match unit {
        "req/s" | "polls/s" | "events/s" => "throughput",
        "allocs" => "allocations",
        "MiB" => "bodies read",
        "cpu" => "thread CPU time",
        _ => "time",
    }
}

fn format_figure(value: f64, unit: &str) -> String {
    match unit {
        "ns" | "cpu" if value >= 1_000_000.0 => format!("{:.2} ms", value / 1_000_000.0),
        "ns" | "cpu" if value >= 1_000.0 => format!("{:.2} µs", value / 1_000.0),
        "ns" | "cpu" => format!("{value:.0} ns"),
        "MiB" => format!("{value:.1} MiB"),
        _ => format!("{value:.0} {unit}"),
    }
}

impl Row {
    /// The same row with a target in words (for figures that are not ratios).
    pub(crate) fn with_target(mut self, target: &str) -> Row {
        self.target = target.to_owned();
        self
    }
}

/// A target on a ratio.
#[derive(Clone, Copy)]
pub(crate) enum Target {
    AtMost(f64),
    AtLeast(f64),
}

impl Target {
    fn met(self, ratio: f64) -> bool {
        match self {
            Target::AtMost(limit) => ratio <= limit,
            Target::AtLeast(limit) => ratio >= limit,
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::AtMost(limit) => write!(f, "<= {limit}x"),
            Target::AtLeast(limit) => write!(f, ">= {limit}x"),
        }
    }
}

/// Prints the rows as a Markdown table.
pub(crate) fn print(rows: &[Row]) {
    println!("| measure | hec | baseline | ratio | target | met |");
    println!("|---|---|---|---|---|---|");
    for row in rows {
        let met = match row.met {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "",
        };
        println!(
            "| {} | {} | {} | {} | {} | {met} |",
            row.measure, row.hec, row.baseline, row.ratio, row.target
        );
    }
}
