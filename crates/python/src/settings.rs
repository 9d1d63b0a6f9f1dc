//! Python keyword arguments to the library's settings, with the CLI's
//! wording in the errors.

use abridge::{Budget, InputFormat, Language, LanguageChoice, Order, ScorerKind, SummarizerConfig};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Everything a `Summarizer` is built from; it round-trips through JSON,
/// which is how a summarizer is pickled.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub config: SummarizerConfig,
    /// The scorer's parameters, dotted keys already nested.
    pub params: serde_json::Map<String, serde_json::Value>,
    pub explain: bool,
    /// The input format of the texts; `None` detects it from each text's
    /// content, as the command line does.
    pub format: Option<InputFormat>,
}

/// The budget keywords, in the order `Settings::from_python` takes them.
const COUNT_BUDGETS: [&str; 3] = ["sentences", "words", "chars"];

impl Settings {
    #[allow(clippy::too_many_arguments)]
    pub fn from_python(
        counts: [Option<i64>; 3],
        ratio: Option<f64>,
        scorer: &str,
        lang: &str,
        order: &str,
        redundancy: Option<f64>,
        params: Option<&Bound<'_, PyAny>>,
        explain: bool,
        format: &str,
    ) -> PyResult<Settings> {
        let mut given: Vec<&str> = COUNT_BUDGETS
            .iter()
            .zip(counts)
            .filter(|(_, value)| value.is_some())
            .map(|(name, _)| *name)
            .collect();
        if ratio.is_some() {
            given.push("ratio");
        }
        if given.len() > 1 {
            return Err(PyValueError::new_err(format!(
                "{}= cannot be used with {}=: give one budget",
                given[0], given[1]
            )));
        }
        let mut budget = Budget::Sentences(abridge::DEFAULT_SENTENCES);
        for (name, value) in COUNT_BUDGETS.iter().zip(counts) {
            let Some(value) = value else { continue };
            let n = usize::try_from(value).ok().filter(|&n| n >= 1).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "invalid value {value} for {name}=: {value} is not in 1.."
                ))
            })?;
            budget = match *name {
                "sentences" => Budget::Sentences(n),
                "words" => Budget::Words(n),
                _ => Budget::Chars(n),
            };
        }
        if let Some(ratio) = ratio {
            if !(ratio > 0.0 && ratio <= 1.0) {
                return Err(PyValueError::new_err(format!(
                    "invalid value {ratio} for ratio=: {ratio} is not in (0, 1]"
                )));
            }
            budget = Budget::Ratio(ratio);
        }
        if let Some(lambda) = redundancy
            && !(0.0..=1.0).contains(&lambda)
        {
            return Err(PyValueError::new_err(format!(
                "invalid value {lambda} for redundancy=: {lambda} is not in [0, 1]"
            )));
        }
        let order = match order {
            "document" => Order::Document,
            "score" => Order::Score,
            other => {
                return Err(PyValueError::new_err(format!(
                    "invalid value '{other}' for order=: it must be 'document' or 'score'"
                )));
            }
        };
        let config = SummarizerConfig {
            language: parse_language_choice(lang)?,
            scorer: scorer
                .parse::<ScorerKind>()
                .map_err(|error| PyValueError::new_err(error.to_string()))?,
            budget,
            order,
            redundancy,
            ..SummarizerConfig::default()
        };
        let params = match params {
            None => serde_json::Map::new(),
            Some(params) => nest_params(python_to_json(params)?)?,
        };
        let format = parse_format(format)?;
        let settings = Settings { config, params, explain, format };
        // Unknown or ill-typed parameters fail here, not at the first text.
        settings.build()?;
        Ok(settings)
    }

    /// The library's summarizer for these settings.
    pub fn build(&self) -> PyResult<abridge::Summarizer> {
        abridge::Summarizer::builder()
            .scorer_params(self.params.clone())
            .explain(self.explain)
            .build_from(self.config)
            .map_err(|error| PyValueError::new_err(error.to_string()))
    }

    /// The settings as one JSON object: the library's settings, `params`
    /// and `explain`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut object = match serde_json::to_value(self.config) {
            Ok(serde_json::Value::Object(object)) => object,
            _ => serde_json::Map::new(),
        };
        object.insert("params".to_owned(), serde_json::Value::Object(self.params.clone()));
        object.insert("explain".to_owned(), serde_json::Value::Bool(self.explain));
        object.insert("format".to_owned(), serde_json::Value::from(format_name(self.format)));
        serde_json::Value::Object(object)
    }

    /// Reads what [`Settings::to_json`] wrote.
    pub fn from_json(json: &str) -> PyResult<Settings> {
        let invalid = |error: serde_json::Error| {
            PyValueError::new_err(format!("invalid summarizer state: {error}"))
        };
        let mut object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).map_err(invalid)?;
        let params = match object.remove("params") {
            Some(serde_json::Value::Object(params)) => params,
            _ => serde_json::Map::new(),
        };
        let explain = matches!(object.remove("explain"), Some(serde_json::Value::Bool(true)));
        let format = match object.remove("format") {
            Some(serde_json::Value::String(name)) => parse_format(&name)?,
            _ => None,
        };
        let config = serde_json::from_value(serde_json::Value::Object(object)).map_err(invalid)?;
        Ok(Settings { config, params, explain, format })
    }

    /// `Summarizer(...)` with the keywords that differ from the defaults.
    pub fn repr(&self) -> String {
        let mut parts = Vec::new();
        match self.config.budget {
            Budget::Sentences(n) => parts.push(format!("sentences={n}")),
            Budget::Words(n) => parts.push(format!("words={n}")),
            Budget::Chars(n) => parts.push(format!("chars={n}")),
            Budget::Ratio(ratio) => parts.push(format!("ratio={ratio}")),
        }
        parts.push(format!("scorer='{}'", self.config.scorer.name()));
        parts.push(format!("lang='{}'", self.config.language));
        if self.config.order == Order::Score {
            parts.push("order='score'".to_owned());
        }
        if let Some(lambda) = self.config.redundancy {
            parts.push(format!("redundancy={lambda}"));
        }
        if !self.params.is_empty() {
            parts.push(format!("params={}", serde_json::Value::Object(self.params.clone())));
        }
        if self.explain {
            parts.push("explain=True".to_owned());
        }
        if let Some(format) = self.format {
            parts.push(format!("format='{format}'"));
        }
        format!("Summarizer({})", parts.join(", "))
    }
}

/// `auto` (`None`: detected from each text's content) or a format's name,
/// as `--input-format` takes them.
pub fn parse_format(name: &str) -> PyResult<Option<InputFormat>> {
    if name.trim().eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    name.parse::<InputFormat>().map(Some).map_err(|error| PyValueError::new_err(error.to_string()))
}

/// The name `format=` takes for `format`.
pub fn format_name(format: Option<InputFormat>) -> &'static str {
    format.map_or("auto", InputFormat::name)
}

/// `auto`, an ISO 639-1 code or an English name.
pub fn parse_language_choice(lang: &str) -> PyResult<LanguageChoice> {
    lang.parse::<LanguageChoice>().map_err(|error| PyValueError::new_err(error.to_string()))
}

/// An ISO 639-1 code or an English name.
pub fn parse_language(lang: &str) -> PyResult<Language> {
    lang.parse::<Language>().map_err(|error| PyValueError::new_err(error.to_string()))
}

/// A Python value as JSON, through the `json` module (so nested dicts,
/// lists, numbers, booleans and `None` all work).
fn python_to_json(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    let json = value.py().import("json")?.call_method1("dumps", (value,))?;
    serde_json::from_str(&json.extract::<String>()?)
        .map_err(|error| PyValueError::new_err(format!("invalid params=: {error}")))
}

/// A JSON value as a Python one.
pub fn json_to_python<'py>(
    py: Python<'py>,
    value: &serde_json::Value,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (value.to_string(),))
}

/// `params=` as the scorer wants it: a dict whose dotted keys nest, as
/// `--param prior.decay=6` does on the command line.
fn nest_params(value: serde_json::Value) -> PyResult<serde_json::Map<String, serde_json::Value>> {
    let serde_json::Value::Object(flat) = value else {
        return Err(PyValueError::new_err("params= must be a dict"));
    };
    if let Some(key) = flat.keys().find(|key| key.split('.').any(str::is_empty)) {
        return Err(PyValueError::new_err(format!("'{key}' is not a parameter name")));
    }
    abridge::nest_params(flat.iter().map(|(key, value)| (key.as_str(), value.clone())))
        .map_err(PyValueError::new_err)
}
