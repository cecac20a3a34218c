//! The sample documents compiled into the binary: the default data when no
//! PATH is given.

use include_dir::{Dir, include_dir};

static CORPUS: Dir = include_dir!("$CARGO_MANIFEST_DIR/assets/corpus");

/// Where the samples live in the source tree; their `source` starts with it.
pub const SAMPLE_FOLDER: &str = "assets/corpus";

/// One built-in sample document.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// The file name.
    pub name: &'static str,
    pub bytes: &'static [u8],
}

impl Sample {
    /// The source path shown for the sample: `assets/corpus/NAME`.
    pub fn source(&self) -> String {
        format!("{SAMPLE_FOLDER}/{}", self.name)
    }
}

/// The built-in samples, sorted by name.
pub fn samples() -> Vec<Sample> {
    let mut samples: Vec<Sample> = CORPUS
        .files()
        .filter_map(|file| {
            let name = file.path().file_name()?.to_str()?;
            Some(Sample {
                name,
                bytes: file.contents(),
            })
        })
        .collect();
    samples.sort_by_key(|sample| sample.name);
    samples
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_samples_are_built_in() {
        let names: Vec<&str> = samples().iter().map(|sample| sample.name).collect();
        assert_eq!(
            names,
            [
                "000_5d1acf1f898862e1.txt",
                "001_475ad2ca59a2f801.txt",
                "002_1174e347716747d5.txt",
                "003_f52a14d2b16fe9b2.txt",
                "004_7a10bbdabf87c04e.txt"
            ]
        );
        assert_eq!(
            samples()[0].source(),
            "assets/corpus/000_5d1acf1f898862e1.txt"
        );
    }
}
