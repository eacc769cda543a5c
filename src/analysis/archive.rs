//! ZIP archives to articles: one result per member, with limits against decompression bombs.
//!
//! *Invariant*: a bad member never costs the good ones; each member gets its own result, and only a
//! damaged central directory (nothing can be listed) turns the whole archive into one error.

use super::decode::{DecodeError, MAX_BYTES};
use super::ingest::ingest;
use super::model::Article;
use std::io::{Cursor, Read};

/// The most bytes all members of one archive (nested archives included) may inflate to.
pub const MAX_TOTAL_BYTES: usize = 200 * 1024 * 1024;

/// The most members one archive may list.
pub const MAX_MEMBERS: usize = 10_000;

/// The most an inflated member may outgrow its compressed size; text compresses 3 to 20 times, bombs 1000 times.
pub const MAX_RATIO: u64 = 200;

/// Members smaller than this are never refused for their ratio: a page of spaces compresses very well.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// How deep archives may nest: an archive inside an archive is read, one level further is refused.
pub const MAX_DEPTH: usize = 2;

/// One result per archive member, named "archive.zip/folder/file.txt".
pub type Results = Vec<(String, Result<Article, DecodeError>)>;

/// Reads every supported member of a ZIP archive, nested folders and archives included.
///
/// Directories, macOS resource forks (`__MACOSX/`) and hidden files are skipped. A damaged archive
/// gives one error entry for the archive itself; limits give an error entry for each member they stop.
///
/// # Examples
/// ```
/// use corroborate::analysis::archive::ingest_many;
/// let results = ingest_many("notes.zip", b"PK\x05\x06 not really");
/// assert_eq!(results.len(), 1);
/// assert!(results[0].1.is_err());
/// ```
pub fn ingest_many(path: &str, bytes: &[u8]) -> Results {
    let mut out = Vec::new();
    let mut budget = MAX_TOTAL_BYTES;
    read_archive(path, bytes, 1, &mut budget, &mut out);
    out
}

/// Whether bytes are a plain ZIP archive of files (not a DOCX, ODT or EPUB, which are ZIPs too).
pub fn is_archive(path: &str, bytes: &[u8]) -> bool {
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        return false;
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "zip" {
        return true;
    }
    if matches!(
        ext.as_str(),
        "docx" | "docm" | "dotx" | "odt" | "epub" | "xlsx" | "pptx" | "ods" | "odp"
    ) {
        return false;
    }
    // Office and OpenDocument files name their manifest in the first local header.
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    !(contains(b"[Content_Types].xml") || contains(b"word/") || contains(b"mimetype"))
}

/// Reads one archive at nesting `depth` into `out`, charging inflated bytes to `budget`.
fn read_archive(path: &str, bytes: &[u8], depth: usize, budget: &mut usize, out: &mut Results) {
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(zip) => zip,
        Err(e) => {
            out.push((path.to_string(), Err(corrupt("ZIP", &e))));
            return;
        }
    };
    if zip.len() > MAX_MEMBERS {
        out.push((
            path.to_string(),
            Err(DecodeError::ArchiveLimit {
                detail: format!("it lists {} files (the limit is {MAX_MEMBERS})", zip.len()),
            }),
        ));
        return;
    }
    let before = out.len();
    for index in 0..zip.len() {
        let mut member = match zip.by_index(index) {
            Ok(member) => member,
            Err(e) => {
                out.push((format!("{path}/#{}", index + 1), Err(corrupt("ZIP", &e))));
                continue;
            }
        };
        let inner = member.name().replace('\\', "/");
        if member.is_dir() || skipped(&inner) {
            continue;
        }
        let name = format!("{path}/{}", inner.trim_start_matches('/'));
        let result = read_member(&mut member, budget);
        drop(member);
        let data = match result {
            Ok(data) => data,
            Err(e) => {
                out.push((name, Err(e)));
                continue;
            }
        };
        if is_archive(&inner, &data) {
            if depth >= MAX_DEPTH {
                out.push((
                    name,
                    Err(DecodeError::ArchiveLimit {
                        detail: format!("archives nest more than {MAX_DEPTH} deep"),
                    }),
                ));
            } else {
                read_archive(&name, &data, depth + 1, budget, out);
            }
            continue;
        }
        let article = ingest(&name, &data).map(|mut article| {
            article.path = name.clone();
            article
        });
        out.push((name, article));
    }
    if out.len() == before {
        out.push((path.to_string(), Err(DecodeError::Empty)));
    }
}

/// Inflates one member, refusing it when it breaks the size, ratio or total limits.
fn read_member<R: Read>(
    member: &mut zip::read::ZipFile<'_, R>,
    budget: &mut usize,
) -> Result<Vec<u8>, DecodeError> {
    let declared = member.size();
    let compressed = member.compressed_size().max(1);
    let ratio_limit = compressed.saturating_mul(MAX_RATIO).max(RATIO_FLOOR);
    let bomb = |size: u64| DecodeError::ArchiveLimit {
        detail: format!(
            "a member inflates {}-fold (over {} MB from {} KB), the mark of a zip bomb",
            size / compressed,
            size / (1024 * 1024),
            compressed.div_ceil(1024)
        ),
    };
    if declared > ratio_limit {
        return Err(bomb(declared));
    }
    let limit = (MAX_BYTES as u64).min(ratio_limit).min(*budget as u64);
    let mut data = Vec::new();
    // Declared sizes can lie; the reader is bounded by the limit itself, one byte past it to detect overflow.
    let read = member.take(limit.saturating_add(1)).read_to_end(&mut data);
    if let Err(e) = read {
        return Err(corrupt("ZIP", &e));
    }
    let size = data.len() as u64;
    *budget = budget.saturating_sub(data.len());
    if size > limit {
        return Err(if size > ratio_limit {
            bomb(size)
        } else if size > MAX_BYTES as u64 {
            DecodeError::TooLarge {
                bytes: usize::try_from(declared.max(size)).unwrap_or(usize::MAX),
                limit: MAX_BYTES,
            }
        } else {
            DecodeError::ArchiveLimit {
                detail: format!(
                    "its files inflate to more than {} MB in total",
                    MAX_TOTAL_BYTES / (1024 * 1024)
                ),
            }
        });
    }
    Ok(data)
}

/// Members that are not articles: folders' metadata from macOS and hidden files.
fn skipped(name: &str) -> bool {
    name.split('/')
        .any(|part| part == "__MACOSX" || (part.starts_with('.') && part != "." && part != ".."))
        || name.rsplit('/').next().is_some_and(|n| {
            n.eq_ignore_ascii_case("thumbs.db") || n.eq_ignore_ascii_case("desktop.ini")
        })
}

/// A damage report for an archive-based format.
pub(crate) fn corrupt(kind: &str, error: &dyn std::fmt::Display) -> DecodeError {
    DecodeError::Corrupt {
        kind: kind.to_string(),
        detail: error.to_string(),
    }
}

/// Opens a ZIP-based document (DOCX) and reads one named member within the single-file limits.
///
/// `Ok(None)` means the archive has no such member.
pub(crate) fn read_named(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    kind: &str,
) -> Result<Option<Vec<u8>>, DecodeError> {
    let mut member = match zip.by_name(name) {
        Ok(member) => member,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(corrupt(kind, &e)),
    };
    let mut budget = MAX_TOTAL_BYTES;
    read_member(&mut member, &mut budget)
        .map(Some)
        .map_err(|e| match e {
            DecodeError::Corrupt { detail, .. } => DecodeError::Corrupt {
                kind: kind.to_string(),
                detail,
            },
            other => other,
        })
}
