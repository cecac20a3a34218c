//! Prints the text a file decodes to, as the parser sees it.
use std::path::PathBuf;
fn main() {
    for path in std::env::args().skip(1).map(PathBuf::from) {
        let kind = zeren::input::FileKind::from_path(&path).unwrap_or(zeren::input::FileKind::Text);
        let bytes = std::fs::read(&path).expect("readable file");
        match zeren::input::decode_bytes(kind, &bytes) {
            Ok(decoded) => {
                print!("{}", decoded.text);
                for note in decoded.notes {
                    eprintln!("note: {note}");
                }
            }
            Err(error) => eprintln!("{}: {error}", path.display()),
        }
    }
}
