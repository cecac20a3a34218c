//! Reads saved web pages with both HTML readers and shows where their text
//! differs: `cargo run --release --example compare_html FILE…`.

use std::time::Instant;

use zeren::input::{HtmlReader, decode_html_with};

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("{path}: {error}");
                continue;
            }
        };
        let mut texts = Vec::new();
        for reader in [HtmlReader::Tokenizer, HtmlReader::Html5ever] {
            let start = Instant::now();
            let text = decode_html_with(&bytes, reader).map(|decoded| decoded.text);
            let elapsed = start.elapsed();
            println!("{path}: {reader:?} {elapsed:?}");
            texts.push(text);
        }
        match (&texts[0], &texts[1]) {
            (Ok(a), Ok(b)) if a == b => println!("  same text, {} lines", a.lines().count()),
            (Ok(a), Ok(b)) => {
                let a: Vec<&str> = a.lines().collect();
                let b: Vec<&str> = b.lines().collect();
                println!("  differ: {} vs {} lines", a.len(), b.len());
                for line in a.iter().filter(|line| !b.contains(line)) {
                    println!("  - tokenizer only: {line}");
                }
                for line in b.iter().filter(|line| !a.contains(line)) {
                    println!("  + html5ever only: {line}");
                }
            }
            (a, b) => println!("  {:?} / {:?}", a.as_ref().err(), b.as_ref().err()),
        }
    }
}
