//! `--input-format`: which format an input is read as.

use std::path::Path;
use std::str::FromStr;

use abridge::{InputFormat, UnknownFormat};

/// A format by name, or `auto`: by the file's extension, then by content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputFormatArg {
    /// Detect it.
    #[default]
    Auto,
    /// Always this format.
    Fixed(InputFormat),
}

impl InputFormatArg {
    /// The format given, if one was.
    pub fn fixed(self) -> Option<InputFormat> {
        match self {
            InputFormatArg::Auto => None,
            InputFormatArg::Fixed(format) => Some(format),
        }
    }

    /// The format of the input at `path` (none for standard input) whose
    /// text is `text`.
    pub fn resolve(self, path: Option<&Path>, text: &str) -> InputFormat {
        match self {
            InputFormatArg::Fixed(format) => format,
            InputFormatArg::Auto => {
                let extension = path.and_then(|path| path.extension()).and_then(|ext| ext.to_str());
                InputFormat::detect(extension, text)
            }
        }
    }

    /// For a file of a batch: the format given, or the one its extension
    /// names; `None` leaves it to content detection.
    pub fn for_file(self, path: &Path) -> Option<InputFormat> {
        self.fixed()
            .or_else(|| InputFormat::from_path(path).filter(|&format| format != InputFormat::Text))
    }
}

impl FromStr for InputFormatArg {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Self, UnknownFormat> {
        if name.trim().eq_ignore_ascii_case("auto") {
            Ok(InputFormatArg::Auto)
        } else {
            name.parse().map(InputFormatArg::Fixed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_auto() {
        assert_eq!("auto".parse::<InputFormatArg>(), Ok(InputFormatArg::Auto));
        assert_eq!("Text".parse::<InputFormatArg>(), Ok(InputFormatArg::Fixed(InputFormat::Text)));
        assert!("docx".parse::<InputFormatArg>().is_err());
        let prose = "The harbour closed on Tuesday. Divers found a breach.";
        assert_eq!(
            InputFormatArg::Auto.resolve(Some(Path::new("a.txt")), prose),
            InputFormat::Text
        );
        assert_eq!(InputFormatArg::Auto.resolve(None, prose), InputFormat::Text);
        assert_eq!(InputFormatArg::Auto.for_file(Path::new("a.txt")), None);
    }
}
