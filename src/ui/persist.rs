//! The workspace's saved and exchanged forms: the versioned JSON (saved in IndexedDB, exported as a file),
//! the migration from the first localStorage format, recognition of a dropped workspace file, and the
//! compressed share-link fragment (`#w=...`). Each carries the sources and the user's entity edits.
//!
//! Everything read here is untrusted (a file from anywhere, a link from anyone): it is parsed as data,
//! checked so that no later stage can be tricked into slicing outside a text, and refused with a message.

use crate::analysis::edits::EntityEdit;
use crate::analysis::{Analysis, Article};
use crate::ui::state::{FileInput, Source};
use serde::{Deserialize, Serialize};

/// The marker that tells a workspace file from an article that happens to be JSON.
pub const FORMAT: &str = "corroborate.workspace";

/// The version written today. Version 3 added `edits`; version 2 (the same without edits) and version 1
/// (the localStorage save, without a marker) are still read, as workspaces with no edits.
pub const VERSION: u32 = 3;

/// The localStorage key of the first save format, read once, migrated to IndexedDB, then removed.
pub const LEGACY_STORAGE_KEY: &str = "corroborate.workspace.v1";

/// The longest share link fragment offered; longer workspaces are exported as a file instead.
pub const MAX_FRAGMENT: usize = 32 * 1024;

/// The most bytes a share fragment may inflate to, so that a hostile link cannot exhaust memory.
const MAX_INFLATED: usize = 64 * 1024 * 1024;

/// The most sources one import may hold; more is not a workspace a person made.
const MAX_SOURCES: usize = 10_000;

/// The most entity edits one import may hold, and the most forms one merge may name.
const MAX_EDITS: usize = 10_000;

/// What a workspace file holds that the user made: the sources and the corrections to the entities.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contents {
    /// The sources, in order.
    pub sources: Vec<Source>,
    /// The entity edits, in the order they were made (keyed by surface forms, so they survive re-analysis).
    pub edits: Vec<EntityEdit>,
}

/// The workspace as written: sources, edits, and for an export the analysis too.
#[derive(Serialize)]
struct SavedRef<'a> {
    format: &'static str,
    version: u32,
    sources: Vec<&'a Source>,
    edits: &'a [EntityEdit],
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<&'a Analysis>,
}

/// The workspace as read; an exported analysis is ignored (it is recomputed) and never trusted.
#[derive(Deserialize)]
struct Saved {
    format: Option<String>,
    version: u32,
    sources: Vec<Source>,
    /// Absent before version 3.
    #[serde(default)]
    edits: Vec<EntityEdit>,
}

/// The versioned JSON of `sources` and `edits` (and of `analysis`, for an export).
pub fn to_json<'a>(
    sources: impl IntoIterator<Item = &'a Source>,
    edits: &[EntityEdit],
    analysis: Option<&Analysis>,
) -> Result<String, String> {
    let saved = SavedRef {
        format: FORMAT,
        version: VERSION,
        sources: sources.into_iter().collect(),
        edits,
        analysis,
    };
    serde_json::to_string(&saved).map_err(|e| e.to_string())
}

/// Reads the sources and edits of a saved or exported workspace, version 1, 2 or 3, checking each one.
///
/// Version 1 had no format marker; versions 2 and 3 must carry it; only version 3 holds edits (the older ones
/// migrate to a workspace without any). Anything else is refused with a reason.
pub fn parse(json: &str) -> Result<Contents, String> {
    let saved: Saved = serde_json::from_str(json).map_err(|e| format!("not a workspace: {e}"))?;
    match (saved.version, saved.format.as_deref()) {
        (1, None) | (2 | VERSION, Some(FORMAT)) => {}
        (2 | VERSION, _) => return Err("not a Corroborate workspace".to_string()),
        (version, _) => {
            return Err(format!(
                "saved in format version {version}, which this app cannot read"
            ))
        }
    }
    if saved.sources.len() > MAX_SOURCES {
        return Err(format!(
            "{} sources, more than the {MAX_SOURCES} one workspace may hold",
            saved.sources.len()
        ));
    }
    for source in &saved.sources {
        check_source(source)?;
    }
    if saved.version < 3 && !saved.edits.is_empty() {
        return Err(format!(
            "format version {} cannot hold edits",
            saved.version
        ));
    }
    check_edits(&saved.edits)?;
    Ok(Contents {
        sources: saved.sources,
        edits: saved.edits,
    })
}

/// Refuses more edits than a person makes, and merges that name more forms than that.
fn check_edits(edits: &[EntityEdit]) -> Result<(), String> {
    if edits.len() > MAX_EDITS {
        return Err(format!(
            "{} edits, more than the {MAX_EDITS} one workspace may hold",
            edits.len()
        ));
    }
    let too_wide = edits
        .iter()
        .any(|e| matches!(e, EntityEdit::Merge { forms } if forms.len() > MAX_EDITS));
    if too_wide {
        return Err(format!("a merge names more than {MAX_EDITS} forms"));
    }
    Ok(())
}

/// Refuses a source whose article could make a later stage slice outside its text.
fn check_source(source: &Source) -> Result<(), String> {
    let Source::Ok { article } = source else {
        return Ok(());
    };
    check_article(article)
}

/// Checks the one span an ingested article carries: its body lies inside its text, on `char` boundaries.
fn check_article(article: &Article) -> Result<(), String> {
    let body = article.body;
    if body.start > body.end || article.text.get(body.start..body.end).is_none() {
        return Err(format!(
            "the source {:?} has a body outside its text",
            truncate(&article.path, 80)
        ));
    }
    if article.path.trim().is_empty() {
        return Err("a source has no name".to_string());
    }
    Ok(())
}

/// At most `max` chars of `text`, for messages that quote untrusted input.
fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Whether a dropped file is a workspace export rather than an article: a `.json` name and the format marker.
///
/// Only the marker decides; an article that is JSON of another kind stays an article.
pub fn is_workspace_file(name: &str, bytes: &[u8]) -> bool {
    if !name.to_ascii_lowercase().ends_with(".json") {
        return false;
    }
    #[derive(Deserialize)]
    struct Marker {
        format: Option<serde_json::Value>,
    }
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    serde_json::from_str::<Marker>(text)
        .map(|m| m.format.as_ref().and_then(|f| f.as_str()) == Some(FORMAT))
        .unwrap_or(false)
}

/// A workspace file from a drop: its name, and its contents or why they were refused.
pub type Imported = (String, Result<Contents, String>);

/// Splits dropped files into articles and imported workspaces (each parsed, or why not), keeping order within each.
pub fn split_imports(files: Vec<FileInput>) -> (Vec<FileInput>, Vec<Imported>) {
    let mut articles = Vec::new();
    let mut workspaces = Vec::new();
    for (name, bytes) in files {
        match &bytes {
            Ok(data) if is_workspace_file(&name, data) => {
                let text = String::from_utf8_lossy(data);
                workspaces.push((name, parse(text.trim_start_matches('\u{feff}'))));
            }
            _ => articles.push((name, bytes)),
        }
    }
    (articles, workspaces)
}

/// The share-link fragment (`w=` and the deflated, base64url JSON) of `sources` and `edits`, or its length when
/// it is too long.
pub fn encode_fragment<'a>(
    sources: impl IntoIterator<Item = &'a Source>,
    edits: &[EntityEdit],
) -> Result<String, usize> {
    let json = to_json(sources, edits, None).map_err(|_| usize::MAX)?;
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    let fragment = format!("w={}", base64url_encode(&deflated));
    if fragment.len() > MAX_FRAGMENT {
        Err(fragment.len())
    } else {
        Ok(fragment)
    }
}

/// The contents of a share-link fragment (with or without its `#`); `None` when the fragment is not a share link.
pub fn decode_fragment(fragment: &str) -> Option<Result<Contents, String>> {
    let payload = fragment
        .strip_prefix('#')
        .unwrap_or(fragment)
        .strip_prefix("w=")?;
    Some(decode_payload(payload))
}

/// Inflates and parses a share payload, with a cap on the inflated size.
fn decode_payload(payload: &str) -> Result<Contents, String> {
    let deflated = base64url_decode(payload).ok_or("the link is damaged (not base64url)")?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED)
        .map_err(|_| "the link is damaged or too large to open".to_string())?;
    let json = String::from_utf8(json).map_err(|_| "the link is damaged (not text)".to_string())?;
    parse(&json)
}

/// The base64url alphabet (RFC 4648 §5), written without padding.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes bytes as unpadded base64url, safe in a URL fragment as is.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0_u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        let n_chars = chunk.len() + 1;
        for i in 0..n_chars {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Decodes unpadded (or padded) base64url; `None` for any other character or an impossible length.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0_u32;
        for (i, &c) in chunk.iter().enumerate() {
            let value = ALPHABET.iter().position(|&a| a == c)? as u32;
            n |= value << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;

    fn sources() -> Vec<Source> {
        let mut article = analysis::ingest_text(
            "a.txt",
            "Date: 2024-03-23\n\nPolice said 3 people were hurt. <b>é</b>",
        );
        article.source = "Daily <Planet>".to_string();
        vec![
            Source::Ok { article },
            Source::Error {
                path: "b.pdf".to_string(),
                message: "Could not read this file.".to_string(),
            },
        ]
    }

    fn edits() -> Vec<EntityEdit> {
        vec![
            EntityEdit::Merge {
                forms: vec!["NHC".into(), "Northgate <Hydro>".into()],
            },
            EntityEdit::Split {
                form: "Ferrant".into(),
                from: None,
            },
        ]
    }

    fn contents(sources: &[Source], edits: &[EntityEdit]) -> Contents {
        Contents {
            sources: sources.to_vec(),
            edits: edits.to_vec(),
        }
    }

    #[test]
    fn round_trip_and_versions() {
        let (sources, edits) = (sources(), edits());
        let json = to_json(&sources, &edits, None).expect("serialisable");
        assert!(json.starts_with(r#"{"format":"corroborate.workspace","version":3,"#));
        assert!(json.contains(r#""edits":[{"kind":"merge","forms":["NHC","Northgate <Hydro>"]}"#));
        assert_eq!(parse(&json).expect("readable"), contents(&sources, &edits));
        let analysis = analysis::analyze(vec![sources[0].article().cloned().expect("ok")]);
        let export = to_json(&sources, &edits, Some(&analysis)).expect("serialisable");
        assert!(export.contains(r#""analysis":"#));
        assert_eq!(
            parse(&export).expect("readable"),
            contents(&sources, &edits),
            "the analysis is ignored on import"
        );
        // Version 2 had no edits: it migrates to a workspace without any.
        let plain = to_json(&sources, &[], None).expect("serialisable");
        let v2 = plain
            .replacen(r#""version":3"#, r#""version":2"#, 1)
            .replacen(r#","edits":[]"#, "", 1);
        assert!(!v2.contains("edits"));
        assert_eq!(parse(&v2).expect("v2 readable"), contents(&sources, &[]));
        // Version 1, the localStorage form, is migrated: same sources, no marker.
        let v1 = v2.replacen(
            r#""format":"corroborate.workspace","version":2"#,
            r#""version":1"#,
            1,
        );
        assert_eq!(parse(&v1).expect("v1 readable"), contents(&sources, &[]));
    }

    #[test]
    fn refusals() {
        let body_outside = r#"{"format":"corroborate.workspace","version":2,"sources":[{"status":"ok","article":{"path":"x","source":"x","title":"t","byline":null,"date":null,"url":null,"text":"abc","body":{"start":0,"end":99999999999},"warnings":[]}}]}"#;
        let mid_char = r#"{"format":"corroborate.workspace","version":2,"sources":[{"status":"ok","article":{"path":"x","source":"x","title":"t","byline":null,"date":null,"url":null,"text":"é","body":{"start":0,"end":1},"warnings":[]}}]}"#;
        let cases = [
            ("{", "not a workspace"),
            ("[]", "not a workspace"),
            (
                r#"{"version":4,"format":"corroborate.workspace","sources":[]}"#,
                "version 4",
            ),
            (
                r#"{"version":2,"format":"corroborate.workspace","sources":[],"edits":[{"kind":"split","form":"x"}]}"#,
                "cannot hold edits",
            ),
            (
                r#"{"version":3,"format":"corroborate.workspace","sources":[],"edits":[{"kind":"rename","form":"x"}]}"#,
                "not a workspace",
            ),
            (
                r#"{"version":3,"format":"corroborate.workspace","sources":[],"edits":{}}"#,
                "not a workspace",
            ),
            (
                r#"{"version":3,"sources":[]}"#,
                "not a Corroborate workspace",
            ),
            (
                r#"{"version":2,"sources":[]}"#,
                "not a Corroborate workspace",
            ),
            (
                r#"{"version":2,"format":"other","sources":[]}"#,
                "not a Corroborate workspace",
            ),
            (
                r#"{"version":"2","format":"corroborate.workspace","sources":[]}"#,
                "not a workspace",
            ),
            (
                r#"{"version":2,"format":"corroborate.workspace","sources":{}}"#,
                "not a workspace",
            ),
            (
                r#"{"version":2,"format":"corroborate.workspace","sources":[{"status":"ok","article":{"path":1}}]}"#,
                "not a workspace",
            ),
            (
                r#"{"version":2,"format":"corroborate.workspace","sources":[{"status":"evil"}]}"#,
                "not a workspace",
            ),
            (
                r#"{"version":1e400,"format":"corroborate.workspace","sources":[]}"#,
                "not a workspace",
            ),
            (body_outside, "body outside its text"),
            (mid_char, "body outside its text"),
        ];
        for (json, want) in cases {
            let error = parse(json).expect_err(json);
            assert!(error.contains(want), "{json}: {error}");
        }
        assert_eq!(
            parse(r#"{"version":2,"format":"corroborate.workspace","sources":[]}"#),
            Ok(Contents::default())
        );
    }

    #[test]
    fn recognises_workspace_files() {
        let cases: [(&str, &str, bool); 8] = [
            (
                "w.json",
                r#"{"format":"corroborate.workspace","version":2,"sources":[]}"#,
                true,
            ),
            (
                "W.JSON",
                "\u{feff}{\"format\":\"corroborate.workspace\"}",
                true,
            ),
            (
                "w.json",
                r#"{"format":"corroborate.workspace","version":"x"}"#,
                true,
            ),
            ("w.txt", r#"{"format":"corroborate.workspace"}"#, false),
            (
                "article.json",
                r#"{"title":"A story","format":"news"}"#,
                false,
            ),
            ("article.json", r#"{"format":7}"#, false),
            ("list.json", r#"[1,2]"#, false),
            ("broken.json", "{not json", false),
        ];
        for (name, text, want) in cases {
            assert_eq!(
                is_workspace_file(name, text.as_bytes()),
                want,
                "{name}: {text}"
            );
        }
        let (articles, workspaces) = split_imports(vec![
            (
                "a.json".into(),
                Ok(br#"{"format":"corroborate.workspace","version":2,"sources":[]}"#.to_vec()),
            ),
            ("b.txt".into(), Ok(b"text".to_vec())),
            (
                "c.json".into(),
                Ok(br#"{"format":"corroborate.workspace","version":9,"sources":[]}"#.to_vec()),
            ),
            ("d.json".into(), Err("unreadable".into())),
        ]);
        assert_eq!(
            articles.iter().map(|a| a.0.as_str()).collect::<Vec<_>>(),
            ["b.txt", "d.json"]
        );
        assert_eq!(workspaces.len(), 2);
        assert_eq!(workspaces[0].1, Ok(Contents::default()));
        assert!(workspaces[1].1.is_err());
    }

    #[test]
    fn base64url() {
        let cases: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (&[0xfb, 0xff, 0xfe], "-__-"),
            (&[0, 0, 0, 0xff], "AAAA_w"),
        ];
        for (bytes, text) in cases {
            assert_eq!(base64url_encode(bytes), text);
            assert_eq!(base64url_decode(text).as_deref(), Some(bytes));
        }
        assert_eq!(base64url_decode("Zg==").as_deref(), Some(&b"f"[..]));
        for bad in ["Z", "Zm9v+", "Zm/v", "a b"] {
            assert_eq!(base64url_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn fragments() {
        let sources = sources();
        let fragment = encode_fragment(&sources, &edits()).expect("small enough");
        let sources = contents(&sources, &edits());
        assert!(fragment.starts_with("w="));
        assert!(fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b)));
        assert_eq!(
            decode_fragment(&format!("#{fragment}")),
            Some(Ok(sources.clone()))
        );
        assert_eq!(decode_fragment(&fragment), Some(Ok(sources.clone())));
        for not_ours in ["", "#", "#main", "#x=1"] {
            assert_eq!(decode_fragment(not_ours), None, "{not_ours}");
        }
        for damaged in ["#w=", "#w=!!!", "#w=AAAA", "#w=Zm9vYg"] {
            assert!(
                matches!(decode_fragment(damaged), Some(Err(_))),
                "{damaged}"
            );
        }
        // A hostile payload that is valid deflate of JSON of the wrong shape is refused, not trusted.
        let wrong = base64url_encode(&miniz_oxide::deflate::compress_to_vec(
            br#"{"version":2,"format":"corroborate.workspace","sources":[{"status":"ok"}]}"#,
            6,
        ));
        assert!(matches!(
            decode_fragment(&format!("w={wrong}")),
            Some(Err(_))
        ));
        // Incompressible text past the limit is refused with its length, so the UI can offer the file instead.
        let mut state = 0x2545_f491_u32;
        let noise: String = (0..40_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                char::from(b'!' + (state % 90) as u8)
            })
            .collect();
        let big = vec![Source::Ok {
            article: analysis::ingest_text("big.txt", &noise),
        }];
        let length = encode_fragment(&big, &[]).expect_err("too long");
        assert!(length > MAX_FRAGMENT);
    }
}
