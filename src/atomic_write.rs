//! Writing a file whole or not at all: the content goes to a temp file in the
//! target's folder, is flushed to disk, and is renamed over the target. A
//! crash at any moment leaves either the old file or the new one.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Prefix of the temp files, so a leftover one (after a kill) is recognisable.
const TEMP_PREFIX: &str = ".zeren-";
/// Suffix of the temp files; the document walker never reads `.tmp` files.
const TEMP_SUFFIX: &str = ".tmp";

/// Writes what `write` produces to `path` atomically: temp file in the same
/// folder, fsync, rename over `path`, fsync of the folder where possible.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_atomically_named(path, TEMP_PREFIX, TEMP_SUFFIX, write)
}

/// [`write_atomically`] with the temp file named `PREFIX` + random + `SUFFIX`,
/// so its owner can recognise a leftover one.
pub fn write_atomically_named(
    path: &Path,
    prefix: &str,
    suffix: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let folder = folder_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(suffix);
    // The file gets the permissions of any newly created file (0666 less the
    // umask), not the owner-only ones of a temp file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder)?;
    {
        let mut buffered = BufWriter::new(temp.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| error.error)?;
    sync_folder(folder);
    Ok(())
}

/// The folder `path` is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Flushes the folder entry so the rename itself survives a power cut. Not
/// every platform can open a folder for this; the rename is done either way.
fn sync_folder(folder: &Path) {
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_gets_ordinary_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ordinary = dir.path().join("ordinary.txt");
        std::fs::write(&ordinary, "x").unwrap();
        let path = dir.path().join("out.txt");
        write_atomically(&path, |out| out.write_all(b"x")).unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode(&path), mode(&ordinary));
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let result = write_atomically(&path, |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::other("interrupted"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
