//! Mentions to entities, within and across articles: one entity per real-world referent.
//!
//! Resolution runs in three passes over the name mentions of all articles:
//! 1. every mention gets a *key*: its folded words (case, dots, hyphens, possessives, accents, a person's titles
//!    and quoted nickname and what precedes a title inside the name, a weekday run into it, a company's legal
//!    form, a ship's prefix, "City of", a hyphenated "-led" or "X-based" ignored), with well-known aliases from
//!    `lexicon/aliases.txt` replaced by their canonical name and demonyms by their country; a place-typed name
//!    whose head word is an organisation's ("Air Force") is an organisation; one spelling gets one type, by
//!    majority;
//! 2. forms are merged when they match part by part (initials and plurals allowed), differ by one slip in a long
//!    word or a transliteration ("Heidar"/"Heydar"), when a shorter full name of a person fits a fuller one
//!    ("Jerry Ortiz" in `Luis Gerardo "Jerry" Ortiz`, "Mo" for "Maurice" by `lexicon/hypocorisms.txt`), when a
//!    building's names differ only in generic words ("Historic ... Building"), when an acronym spells the initials
//!    of exactly one name ("USAF"), when a name shortens exactly one longer name ("Northgate Hydro", "Air Force"),
//!    when a company's full name and its older name differ only in corporate words ("Apple Inc.", "Apple
//!    Computer"), or when a camel-case nickname spells a person's name parts ("LiLo");
//! 3. a one-word form joins the longer name it is short for, the same way in every article: a surname its person,
//!    a leading word its organisation or place, a last word its team. Two people sharing a surname split its
//!    mentions by nearness in each article; a known place's name never shortens a company's (an unknown word
//!    typed a place is taken for the tagger's slip), and a word typed a person that no person bears may lead a
//!    place's name; a short name with several owners is left alone unless one of them is the company's full name
//!    or far more named than the others.

use super::gazetteer::GAZETTEER;
use super::model::{Article, ArticleAnalysis, Entity, ItemRef, Label, Span};
use super::teams;
// Fx hashing: these maps are looked up for every word of every article, where SipHash costs a tenth.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Words that join the parts of a name and carry no identity ("Islamic State in Khorasan").
const CONNECTORS: &[&str] = &[
    "of", "in", "for", "the", "and", "de", "du", "des", "la", "le", "von", "van", "al",
];

/// Titles that may stand before a person's name without being part of it.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "gen",
    "general",
    "col",
    "capt",
    "sgt",
    "lt",
    "judge",
    "justice",
    "minister",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "father",
    "coach",
    "officer",
    "detective",
    "deputy",
    "chief",
    "secretary",
    "chancellor",
    "ambassador",
    "attorney",
    "lawyer",
    "actress",
    "actor",
    "prime",
    "premier",
    "sheriff",
    "inspector",
    "commissioner",
    "director",
    "spokesman",
    "spokeswoman",
];

/// Generational suffixes after a person's name.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Variant to canonical name, folded, from `lexicon/aliases.txt`.
static KNOWN_ALIASES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut table = HashMap::default();
    for line in include_str!("lexicon/aliases.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut names = line.split('|').map(|n| fold(n).join(" "));
        let Some(canonical) = names.next() else {
            continue;
        };
        for variant in names {
            table.insert(variant, canonical.clone());
        }
        table.insert(canonical.clone(), canonical);
    }
    table
});

/// Demonym to its country's folded name, from `lexicon/demonyms.txt` ("russian" gives "russia"), and whether it
/// is a plural that names the people rather than the country ("russians").
static DEMONYMS: LazyLock<HashMap<String, (String, bool)>> = LazyLock::new(|| {
    GAZETTEER
        .demonyms()
        .map(|(demonym, country, plural)| {
            (fold(demonym).join(" "), (fold(country).join(" "), plural))
        })
        .collect()
});

/// The folded name of the country that a folded plural demonym's people belong to ("greeks" gives "greece"). The
/// people are an entity of their own, related to the country rather than the same.
pub fn country_of_people(folded: &str) -> Option<&'static str> {
    DEMONYMS
        .get(folded)
        .filter(|(_, plural)| *plural)
        .map(|(country, _)| country.as_str())
}

/// Whether a folded name is a country's, as `lexicon/demonyms.txt` lists them ("russia", "united states").
pub fn is_country(folded: &str) -> bool {
    static COUNTRIES: LazyLock<HashSet<String>> = LazyLock::new(|| {
        DEMONYMS
            .values()
            .map(|(country, _)| country.clone())
            .collect()
    });
    COUNTRIES.contains(KNOWN_ALIASES.get(folded).map_or(folded, String::as_str))
}

static LONGEST_ALIAS: LazyLock<usize> = LazyLock::new(|| {
    KNOWN_ALIASES
        .keys()
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(1)
});

/// Lower-cases, drops dots, apostrophes' possessives and a leading "the", and splits on spaces and hyphens.
///
/// A dot between a lower-case and an upper-case letter splits too, so that "Gov.Sarah Palin" is three words.
pub fn fold(name: &str) -> Vec<String> {
    let name = name.trim();
    let name = name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("\u{2019}s"))
        .or_else(|| name.strip_suffix('\''))
        .unwrap_or(name);
    let mut spaced = String::with_capacity(name.len());
    let mut chars = name.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        let next_upper = chars.peek().is_some_and(|n| n.is_uppercase());
        if c == '.' && prev.is_lowercase() && next_upper {
            spaced.push(' ');
        } else {
            spaced.push(c);
        }
        prev = c;
    }
    let mut words: Vec<String> = spaced
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '/')
        })
        .map(|w| {
            w.chars()
                .filter(|c| *c != '.')
                .flat_map(char::to_lowercase)
                .map(strip_accent)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words
}

/// The base letter of an accented Latin letter ("ë" gives "e"), so "Zoë" and "Zoe" meet; other characters as they are.
///
/// A table of the Latin-1 and Latin Extended-A letters news names use; full Unicode decomposition would add
/// normalisation tables to the app for little gain in names.
fn strip_accent(c: char) -> char {
    const FROM: &str =
        "àáâãäåçèéêëìíîïðñòóôõöøùúûüýÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňŋōŏőŕŗřśŝşšţťŧũūŭůűųŵŷźżž";
    const TO: &str =
        "aaaaaaceeeeiiiidnoooooouuuuyyaaaccccddeeeeegggghhiiiiijklllllnnnnooorrrsssstttuuuuuuwyzzz";
    if c.is_ascii() {
        return c;
    }
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// Replaces known alias phrases by their canonical names, longest match first, and drops connectors.
///
/// The result is the name's identity parts: "ISIS-K" gives `["islamic state", "k"]`,
/// "Islamic State in Khorasan" gives `["islamic state", "khorasan"]`.
fn key_parts(words: &[String]) -> Vec<String> {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let longest = (*LONGEST_ALIAS).min(words.len() - i);
        let matched = (1..=longest).rev().find_map(|n| {
            let phrase = words[i..i + n].join(" ");
            KNOWN_ALIASES
                .get(&phrase)
                .map(|canonical| (n, canonical.clone()))
        });
        match matched {
            // A lone connector-like word ("la", "is") is only an alias when it is the whole name.
            Some((1, _)) if words.len() > 1 && CONNECTORS.contains(&words[i].as_str()) => i += 1,
            Some((n, canonical)) => {
                parts.push(canonical);
                i += n;
            }
            None => {
                if !(CONNECTORS.contains(&words[i].as_str()) && words.len() > 1) {
                    parts.push(words[i].clone());
                }
                i += 1;
            }
        }
    }
    if parts.is_empty() {
        parts = words.to_vec();
    }
    parts
}

/// The coarse type class within which two different spellings may be merged.
fn class(label: Label) -> u8 {
    match label {
        Label::Person => 0,
        Label::Org => 1,
        Label::Gpe | Label::Loc | Label::Fac => 2,
        Label::Norp => 3,
        Label::Event | Label::Misc => 4,
    }
}

/// Place words that a town's name is often said without ("Port Halloran" is "Halloran" in its own news).
const PLACE_PREFIXES: &[&str] = &["port", "fort"];

/// Legal-form words that end a company's name without changing who it is ("Apple Inc.", "Chrysler LLC").
const DESIGNATORS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "llp",
    "plc",
    "ag",
    "sa",
    "gmbh",
    "nv",
    "bv",
    "spa",
];

/// Words that follow a company's leading word in its full name without naming a part of it ("Ford Motor Company").
const CORPORATE: &[&str] = &[
    "motor",
    "motors",
    "group",
    "holdings",
    "industries",
    "international",
    "enterprises",
    "computer",
    "computers",
    "systems",
    "technologies",
];

/// Words that open a municipality's formal style ("City of Palmer").
const MUNICIPAL: &[&str] = &["city", "town", "village", "borough", "municipality"];

/// Prefixes of ships' names ("HMS", "USS", "INS"); "SS", "MS" and "MT" are left out as they also start other
/// names ("Mt. Hood").
const SHIP_PREFIXES: &[&str] = &[
    "hms", "uss", "usns", "ins", "hmas", "hmcs", "hmnzs", "rms", "mv", "fv",
];

/// Words for a type of vessel that may stand before a ship's name ("the frigate Arvand", "Warship INS Sukanya").
/// "Ferry" is left out: it is also a given name and a surname.
const VESSEL_TYPES: &[&str] = &[
    "warship",
    "frigate",
    "destroyer",
    "corvette",
    "cruiser",
    "submarine",
    "tanker",
    "freighter",
    "trawler",
    "vessel",
    "ship",
];

/// Generic words in a building's or an institution's name that do not tell it from another of the same name:
/// "Historic Marlow Mill Building", "Marlow Mill Block Building" and "Marlow Mill Building" are one building,
/// "Alder Grove Treatment Center" and "Alder Grove Clinic" one clinic, and the "Clean Rivers Act", "Clean Rivers
/// Bill" and "Clean Rivers Law" one law.
const DESCRIPTORS: &[&str] = &[
    "building",
    "buildings",
    "block",
    "complex",
    "facility",
    "premises",
    "historic",
    "historical",
    "old",
    "former",
    "original",
    "center",
    "centre",
    "clinic",
    "treatment",
    "rehab",
    "rehabilitation",
    "act",
    "law",
    "legislation",
    "bill",
];

/// The descriptors that make a name a law's: a law and a building never share an entity by their descriptors.
const LAW_WORDS: &[&str] = &["act", "law", "legislation", "bill"];

/// Words for a business's premises, which are descriptors too: the "Larch Hollow Creamery" and the "Larch Hollow
/// Dairy" are one business.
const PREMISES: &[&str] = &[
    "dairy",
    "creamery",
    "bakery",
    "brewery",
    "winery",
    "distillery",
    "cannery",
    "warehouse",
    "factory",
];

/// Whether a folded word is a descriptor or a premises word.
fn is_descriptor(word: &str) -> bool {
    DESCRIPTORS.contains(&word) || PREMISES.contains(&word)
}

/// Descriptors that, with the premises words, make a name typed a person by the tagger a place's or a business's
/// ("Alder Grove Clinic", "Historic Larch Hollow"): no person's name holds them.
const FACILITY_WORDS: &[&str] = &[
    "building",
    "complex",
    "facility",
    "center",
    "centre",
    "clinic",
    "historic",
    "historical",
];

/// Quote characters and brackets that wrap a nickname inside a person's name (`Kimani "Kiki" Gray`, "Luis
/// Gerardo (Jerry) Ortiz").
const QUOTES: &[char] = &[
    '"', '\'', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '`', '(', ')',
];

/// One distinct spelling (by key) with what the passes need to know about it.
struct Form {
    key: String,
    parts: Vec<String>,
    /// Initials of the folded words that are not connectors ("national emergency management agency" gives "nema").
    initials: String,
    /// The same initials with a leading "the" ("The Hollywood Reporter" gives "thr"), else empty for a one-word name.
    initials_the: String,
    /// The initials with each "of" kept ("Department of Justice" gives "doj", "Nevada Department of Corrections"
    /// "ndoc"), else empty for a name without "of".
    initials_of: String,
    /// Whether some spelling of the form began with "the".
    said_with_the: bool,
    /// The initials where a word written as an acronym gives all its letters ("U.S. Air Force" gives "usaf"), else
    /// empty.
    initials_spelt: String,
    /// The letters of the name when it is written as an acronym ("U.N." gives "un"), else empty.
    acronym: String,
    class: u8,
    /// Whether the form is a place with a government or a region (not a building): it never shortens a company's name.
    place: bool,
    /// Whether the key is a name from the alias table: a known referent, never a short form of another.
    known: bool,
    /// For people: the given names and nicknames before the surname, in order ("luis gerardo jerry").
    given: Vec<String>,
    /// A camel-case short name split at its capitals ("LiLo" gives "li", "lo"), else empty.
    chunks: Vec<String>,
    /// Whether the name is written with "&" or joins words with "and" ("S&P", "Standard & Poor's").
    ampersand: bool,
    /// A person's generation written after the name ("jr", "sr", "iii"): Ken Griffey Jr. and Ken Griffey Sr. are
    /// father and son, never one person.
    generation: Option<String>,
    /// Whether the name joins two names with "and" ("European Union and International Monetary Fund"): such a
    /// name is usually two referents, so no shorter name is taken to be short for it.
    joined: bool,
    /// Whether some spelling of the form was a company's full name with its legal form ("Apple Inc."): then even a
    /// one-word key is a whole name, not a short form of a longer one.
    full_company: bool,
    /// Whether the form can be a person's full name: two to four words and no connector; a title-case headline
    /// that a tagger took for a name ("Lohan Checks Out Of Rehab") cannot.
    plausible_person: bool,
    /// The type the word lists give the key as a name ("singapore" is a place), if they know it.
    listed: Option<Label>,
    /// Whether the key is one word that the word lists know as a given name ("maurice").
    given_name: bool,
    /// Whether some mention of the form follows a preposition of place ("in Corvale", "near Corvale").
    said_as_place: bool,
    /// Whether some mention of the form is followed by its region ("Wasilla, Alaska"), as only a town is.
    said_with_region: bool,
}

/// Titles that are also words of other names ("Burger King Holdings", "General Motors", "Lady Gaga"): never read
/// as a title inside a name.
const NAME_TITLES: &[&str] = &[
    "king", "queen", "prince", "princess", "lord", "lady", "dame", "sir", "father", "pope",
    "chief", "general", "officer", "director", "justice", "coach",
];

/// The position of a title inside a name that two or three name words follow ("Alaska Gov. Sarah Palin"), if any;
/// words a company's or a building's name ends in ("Holdings", "Center") after it mean it is no person's title.
fn inner_title(words: &[String]) -> Option<usize> {
    let k = (1..words.len()).find(|&k| {
        TITLES.contains(&words[k].as_str()) && !NAME_TITLES.contains(&words[k].as_str())
    })?;
    let rest = &words[k + 1..];
    let person_like = rest.iter().all(|w| {
        !CONNECTORS.contains(&w.as_str())
            && !DESIGNATORS.contains(&w.as_str())
            && !CORPORATE.contains(&w.as_str())
            && GAZETTEER.head(&capitalised(w)).is_none()
    });
    ((2..=3).contains(&rest.len()) && person_like).then_some(k)
}

/// A name typed a place or an organisation that is a person's name behind a title ("Alaska Gov. Sarah Palin") is
/// a person; other names keep their type.
fn titled_person(surface: &str, label: Label) -> Label {
    if matches!(label, Label::Person | Label::Norp) || inner_title(&fold(surface)).is_none() {
        label
    } else {
        Label::Person
    }
}

/// The type of a name of several words typed a place whose head word says it is an organisation ("U.S. Air
/// Force", "Tessel Foods"); other types are left as typed: a building's head words are often an organisation's
/// too ("Center"), and people's surnames often head words ("Hall", "Street").
fn head_typed(surface: &str, label: Label) -> Label {
    if !matches!(label, Label::Gpe | Label::Loc) {
        return label;
    }
    let mut words = surface.split_whitespace();
    let Some(last) = words.next_back() else {
        return label;
    };
    if words.next().is_none() {
        return label;
    }
    let last = last.trim_end_matches(|c: char| !c.is_alphanumeric());
    match GAZETTEER.head(last) {
        Some(Label::Org) => Label::Org,
        _ => label,
    }
}

/// Hyphenated words that tie a name to what it leads or where it is based ("EADS-led", "Chicago-based Boeing").
const AFFILIATIONS: &[&str] = &[
    "led",
    "based",
    "owned",
    "backed",
    "run",
    "controlled",
    "made",
    "born",
    "funded",
    "linked",
];

/// The name without an affiliation: "EADS-led" is EADS and "Chicago-based Boeing" Boeing.
fn without_affiliation(surface: &str) -> &str {
    fn affiliation(word: &str) -> Option<&str> {
        word.rsplit_once('-')
            .filter(|(head, tail)| !head.is_empty() && AFFILIATIONS.contains(tail))
            .map(|(head, _)| head)
    }
    let trimmed = surface.trim();
    // Alone, "EADS-led" names the group that leads, but "Intel-based" or "US-made" describes a thing by its
    // origin rather than naming the company or place.
    let origin = ["-based", "-made", "-born"]
        .iter()
        .any(|suffix| trimmed.ends_with(suffix));
    if let Some(head) = affiliation(trimmed).filter(|_| !origin) {
        return head;
    }
    match trimmed.split_once(' ') {
        Some((first, rest)) if affiliation(first).is_some() && !rest.trim().is_empty() => {
            rest.trim()
        }
        _ => trimmed,
    }
}

fn make_form(surface: &str, label: Label) -> Form {
    // A state's abbreviation with its full stop is the state ("Calif." is California); without the stop it may be
    // a word ("Mass", "Ill").
    let surface = GAZETTEER
        .state(surface.trim())
        .unwrap_or_else(|| without_affiliation(surface));
    let mut words = fold(surface);
    // A model's plural is the model: "A380s", "777s"; a team's "76ers" is not a plural of anything.
    for word in words.iter_mut() {
        if word.len() > 2
            && word.ends_with('s')
            && !word.ends_with("ers")
            && word.chars().any(|c| c.is_ascii_digit())
        {
            word.pop();
        }
    }
    // A plural acronym is its singular: "GIs", "GMs".
    let singular = surface.trim().strip_suffix('s').filter(|letters| {
        letters.chars().count() >= 2 && letters.chars().all(|c| c.is_uppercase())
    });
    if let (Some(_), [word]) = (singular, &mut words[..]) {
        word.pop();
    }
    let mut nicknames_at: Vec<usize> = Vec::new();
    for (i, word) in words.iter_mut().enumerate() {
        if word.starts_with(QUOTES) && word.len() > 2 {
            nicknames_at.push(i);
        }
        *word = word.trim_matches(QUOTES).to_string();
    }
    let given_with_nicknames: Vec<String>;
    let mut generation: Option<String> = None;
    if label == Label::Person {
        // "Alaska Gov. Sarah Palin" is Sarah Palin: what comes before a title inside the name is where or what
        // the person governs.
        if let Some(k) = inner_title(&words) {
            words.drain(..=k);
            nicknames_at = nicknames_at
                .iter()
                .filter_map(|i| i.checked_sub(k + 1))
                .collect();
        }
        // "Brian Nichols Saturday" and "George Bush era" are Brian Nichols and George Bush: a weekday or a
        // lower-case word does not end a person's name.
        let last_written = surface.split_whitespace().next_back().unwrap_or("");
        let lower_tail = last_written.starts_with(char::is_lowercase)
            && !CONNECTORS.contains(&last_written)
            && fold(last_written).last() == words.last();
        if words.len() > 2 && lower_tail {
            words.pop();
        }
        // A weekday a tagger ran into the name ("Brian Nichols Saturday") is not part of it.
        while words.len() > 2 && super::dates::weekday_full(&words[words.len() - 1]).is_some() {
            words.pop();
        }
        // "Ms. Palin" and "Arcade Joseph Comeaux Jr" are "palin" and "arcade joseph comeaux" for matching.
        while words.len() > 1 && TITLES.contains(&words[0].as_str()) {
            words.remove(0);
            nicknames_at = nicknames_at
                .iter()
                .filter_map(|i| i.checked_sub(1))
                .collect();
        }
        while words.len() > 1 && SUFFIXES.contains(&words[words.len() - 1].as_str()) {
            generation = words.pop();
        }
        // A generation follows a full name; after a surname alone it is more likely a sequel ("Thompson II").
        if words.len() < 2 {
            generation = None;
        }
        given_with_nicknames = words
            .iter()
            .take(words.len().saturating_sub(1))
            .filter(|w| !w.is_empty())
            .cloned()
            .collect();
        // A quoted nickname is not part of the key: `Luis Gerardo "Jerry" Ortiz` is "luis gerardo ortiz".
        let last = words.len().saturating_sub(1);
        let mut index = 0;
        words.retain(|_| {
            let keep = !nicknames_at.contains(&index) || index == last;
            index += 1;
            keep
        });
    } else {
        given_with_nicknames = Vec::new();
    }
    words.retain(|w| !w.is_empty());
    // A vessel's type before its name is no part of it: "Warship INS Sukanya", a sentence's "Warship Sukanya"
    // (which a tagger may read as a person) and "INS Sukanya" are one ship.
    let mut vessel = false;
    while words.len() > 1 && VESSEL_TYPES.contains(&words[0].as_str()) {
        words.remove(0);
        vessel = true;
    }
    if vessel && words.len() > 1 && SHIP_PREFIXES.contains(&words[0].as_str()) {
        words.remove(0);
    }
    if label != Label::Person {
        // "The City of Palmer" is Palmer, and the "INS Arvand" the Arvand: a municipality's formal style and a
        // ship's prefix are not part of the name the texts use.
        if words.len() > 2 && MUNICIPAL.contains(&words[0].as_str()) && words[1] == "of" {
            words.drain(..2);
        } else if words.len() > 1 && SHIP_PREFIXES.contains(&words[0].as_str()) {
            words.remove(0);
        }
    }
    // An event keeps its identity without its year: "the 1983 Tessel floods" and "the Tessel floods".
    if label == Label::Event
        && words.len() > 1
        && words[0].len() == 4
        && words[0].bytes().all(|b| b.is_ascii_digit())
    {
        words.remove(0);
    }
    // A company is the same without its legal form: "Apple Inc." and "Apple".
    let mut full_company = false;
    if label == Label::Org {
        while words.len() > 1 && DESIGNATORS.contains(&words[words.len() - 1].as_str()) {
            words.pop();
            full_company = true;
        }
    }
    // A demonym counts for its country ("Russian officials" for Russia), as a place.
    let mut label = label;
    if matches!(label, Label::Norp | Label::Misc | Label::Gpe | Label::Loc) {
        if let Some((country, false)) = DEMONYMS.get(&words.join(" ")) {
            words = fold(country);
            label = Label::Gpe;
        }
    }
    // A plural demonym is the group itself: "Estravians" and "Estravian" (not the surname "Evans").
    if label != Label::Person
        && words.len() == 1
        && words[0].ends_with("ans")
        && words[0].chars().count() > 5
    {
        words[0].pop();
    }
    if words.is_empty() {
        words.push(String::new());
    }
    let parts = key_parts(&words);
    // "&" joins two names' words like "and" ("Standard & Poor's" gives "sp", for "S&P").
    let initials: String = words
        .iter()
        .filter(|w| !CONNECTORS.contains(&w.as_str()))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .collect();
    let starts_with_the = surface
        .trim_start()
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("the "));
    let initials_the = if words.len() > 1 {
        format!("t{initials}")
    } else {
        String::new()
    };
    let initials_of = if words.len() > 2 && words.iter().any(|w| w == "of") {
        words
            .iter()
            .filter(|w| *w == "of" || !CONNECTORS.contains(&w.as_str()))
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_alphanumeric())
            .collect()
    } else {
        String::new()
    };
    let initials_spelt = spelt_initials(surface);
    // A word written as an acronym gives all its letters, never its first alone: "U.S. Navy" is "usn", not the
    // "un" of the United Nations.
    let initials = if initials_spelt.is_empty() {
        initials
    } else {
        initials_spelt.clone()
    };
    let letters: String = singular
        .unwrap_or(surface)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let looks_like_acronym = (2..=8).contains(&letters.chars().count())
        && letters.chars().filter(|c| c.is_uppercase()).count() * 2 > letters.chars().count()
        && !surface.contains(' ');
    let acronym = if looks_like_acronym {
        letters.to_lowercase()
    } else {
        String::new()
    };
    let listed = GAZETTEER.folded_name(&parts.join(" "));
    // The generation keeps father and son apart in the key; the parts, which shorter names are matched on, leave it
    // out ("Comeaux" and "Arcade Comeaux" still fit "Arcade Joseph Comeaux Jr").
    let key = match &generation {
        Some(g) => format!("{}#{g}", parts.join(" ")),
        None => parts.join(" "),
    };
    let given_name = parts.len() == 1 && GAZETTEER.is_first_name(&capitalised(&key));
    Form {
        known: parts.len() == 1 && KNOWN_ALIASES.contains_key(&key),
        key,
        parts,
        initials,
        initials_the,
        initials_of,
        said_with_the: starts_with_the,
        initials_spelt,
        acronym,
        class: class(label),
        place: matches!(label, Label::Gpe | Label::Loc),
        given: given_with_nicknames,
        generation,
        chunks: camel_chunks(surface),
        full_company,
        joined: words.len() > 2 && words.iter().any(|w| w == "and" || w == "&"),
        ampersand: surface.contains('&') || words.iter().any(|w| w == "and"),
        listed,
        given_name,
        said_as_place: false,
        said_with_region: false,
        plausible_person: (2..=4).contains(&words.len())
            && !words
                .iter()
                .any(|w| CONNECTORS.contains(&w.as_str()) || w == "into"),
    }
}

/// The initials of a name of several words where a word written as an acronym gives all its letters ("U.S. Air
/// Force" gives "usaf", "UK Border Agency" gives "ukba"), or nothing when no word is an acronym.
fn spelt_initials(surface: &str) -> String {
    let words: Vec<&str> = surface
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return String::new();
    }
    let mut initials = String::new();
    let mut spelt = false;
    for word in words {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphanumeric()).collect();
        let upper = letters.iter().filter(|c| c.is_uppercase()).count();
        if letters.len() >= 2 && letters.len() <= 4 && upper == letters.len() {
            spelt = true;
            initials.extend(letters.iter().flat_map(|c| c.to_lowercase()));
        } else if !CONNECTORS.contains(&word.to_lowercase().as_str()) {
            initials.extend(letters.first().into_iter().flat_map(|c| c.to_lowercase()));
        }
    }
    if spelt {
        initials
    } else {
        String::new()
    }
}

/// The pieces of a camel-case short name ("LiLo" gives "li", "lo"; "KStew" gives "k", "stew"), or nothing.
///
/// Only a single word of letters with at least two capitals that is not all capitals qualifies, and each piece
/// must be short: such names are built from the leading letters of a full name's parts.
fn camel_chunks(surface: &str) -> Vec<String> {
    let word = surface.trim();
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word);
    let uppers = word.chars().filter(|c| c.is_uppercase()).count();
    if uppers < 2
        || uppers == word.chars().count()
        || !word.chars().all(char::is_alphabetic)
        || !word.starts_with(char::is_uppercase)
    {
        return Vec::new();
    }
    let mut chunks: Vec<String> = Vec::new();
    for c in word.chars() {
        if c.is_uppercase() || chunks.is_empty() {
            chunks.push(String::new());
        }
        if let Some(last) = chunks.last_mut() {
            last.extend(c.to_lowercase().map(strip_accent));
        }
    }
    if chunks.iter().any(|c| c.chars().count() > 5) {
        return Vec::new();
    }
    chunks
}

/// A folded word with its first letter in capitals, as the given-name list writes it ("maurice" gives "Maurice").
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether a form is a building's or a site's name (typed a place but not a town, country or region).
fn is_facility(form: &Form) -> bool {
    form.class == 2 && !form.place
}

/// Whether a name is a leading word followed only by words a company's name ends in ("Ford Motor Company").
fn is_corporate_extension(form: &Form) -> bool {
    form.parts.len() > 1
        && form.parts[1..]
            .iter()
            .all(|w| DESIGNATORS.contains(&w.as_str()) || CORPORATE.contains(&w.as_str()))
}

/// The first three letters of a word, or the word when shorter: the key under which its clipped forms are found.
fn lead(word: &str) -> &str {
    word.char_indices()
        .nth(3)
        .map_or(word, |(end, _)| &word[..end])
}

/// Whether a name's first word may stand for a longer name's first word: the same word, or a clipping of at least
/// three letters that leaves out at least four ("Mat" for "Matanuska", "Cal" for "California"), so "North" is
/// not "Northern" and a given name is not taken for a clipping of another ("Dan", "Daniela").
fn clipped_first(short: &str, long: &str) -> bool {
    // Words that open names of their own are no clippings: "North Hydro" is not short for "Northgate Hydropower".
    const WHOLE_WORDS: &[&str] = &[
        "north", "south", "east", "west", "new", "old", "great", "upper", "lower", "san", "santa",
        "saint", "port", "fort", "mount", "lake", "grand", "little",
    ];
    short == long
        || (short.chars().count() >= 3
            && !WHOLE_WORDS.contains(&short)
            && long.starts_with(short)
            && long.chars().count() >= short.chars().count() + 4
            && !GAZETTEER.is_first_name(&capitalised(long)))
}

/// Whether two words are the same word in singular and plural ("election" and "elections").
fn same_word(x: &str, y: &str) -> bool {
    x == y
        || (x.len() > 3 && y.strip_suffix('s') == Some(x))
        || (y.len() > 3 && x.strip_suffix('s') == Some(y))
}

/// Whether two keys match part by part, where a single letter may stand for a word it starts and a plural for its singular.
fn parts_match(a: &[String], b: &[String]) -> bool {
    a.len() == b.len()
        && a.len() > 1
        && a.iter().zip(b).all(|(x, y)| {
            same_word(x, y)
                || (x.chars().count() == 1 && y.starts_with(x.as_str()))
                || (y.chars().count() == 1 && x.starts_with(y.as_str()))
        })
}

/// Whether two long words differ by one typing slip: one letter changed, added, dropped, or two swapped.
///
/// Only words of eight letters or more qualify, where a slip is likelier than a different name.
fn one_slip(x: &str, y: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if a.len().min(b.len()) < 8 || a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(p, q)| p == q).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    let (la, lb) = (a.len(), b.len());
    if la == lb {
        // One change, or two neighbours swapped.
        prefix + suffix + 1 >= la
            || (prefix + 2 + suffix == la
                && a.get(prefix) == b.get(prefix + 1)
                && a.get(prefix + 1) == b.get(prefix))
    } else {
        prefix + suffix >= la.min(lb)
    }
}

/// Whether a given name in a shorter form can be the same as one in a longer form: equal, an initial of it,
/// a short form it begins ("Rob" and "Robert"), a hypocorism of it ("Mo" and "Maurice", "Bill" and "William")
/// or a transliteration of it ("Heidar" and "Heydar").
fn given_match(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long
        || (short.chars().count() == 1 && long.starts_with(short))
        || (short.chars().count() >= 3 && long.starts_with(short))
        || same_given_name(short, long)
        || transliteration(short, long)
}

/// Given name to the lines of `lexicon/hypocorisms.txt` that hold it ("alex" is on the lines of Alexander and
/// Alexandra).
static HYPOCORISMS: LazyLock<HashMap<String, Vec<usize>>> = LazyLock::new(|| {
    let mut table: HashMap<String, Vec<usize>> = HashMap::default();
    let lines = include_str!("lexicon/hypocorisms.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    for (line_idx, line) in lines.enumerate() {
        for name in line.split('|').map(str::trim).filter(|n| !n.is_empty()) {
            let lines_of = table.entry(name.to_lowercase()).or_default();
            if !lines_of.contains(&line_idx) {
                lines_of.push(line_idx);
            }
        }
    }
    table
});

/// Whether two folded given names are forms of one name by the hypocorism table ("bill" and "william").
fn same_given_name(a: &str, b: &str) -> bool {
    match (HYPOCORISMS.get(a), HYPOCORISMS.get(b)) {
        (Some(x), Some(y)) => x.iter().any(|line| y.contains(line)),
        _ => false,
    }
}

/// Letter pairs that one name's transliterations swap ("Heidar", "Heydar"; "Alishvandi", "Alishbandi").
const TRANSLITERATED: &[(char, char)] = &[
    ('i', 'y'),
    ('e', 'i'),
    ('o', 'u'),
    ('v', 'b'),
    ('v', 'w'),
    ('k', 'q'),
    ('c', 'k'),
    ('s', 'z'),
];

/// Whether two words of six letters or more are one name transliterated two ways: the same but for one letter,
/// where the two letters are a pair that transliterations swap. Shorter words are left alone: "Smith" and
/// "Smyth" are different families.
fn transliteration(x: &str, y: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if a.len() != b.len() || a.len() < 6 {
        return false;
    }
    let differing: Vec<(char, char)> = a
        .iter()
        .zip(&b)
        .filter(|(p, q)| p != q)
        .map(|(p, q)| (*p, *q))
        .collect();
    match differing[..] {
        [(p, q)] => TRANSLITERATED
            .iter()
            .any(|&(l, m)| (p, q) == (l, m) || (p, q) == (m, l)),
        _ => false,
    }
}

/// Whether two words of a name are one word spelt two ways: a typing slip in a long word or a transliteration.
fn spelling_variant(x: &str, y: &str) -> bool {
    one_slip(x, y) || transliteration(x, y)
}

/// Whether person form `a` names the same person as the fuller form `b`: the same surname, and every given name
/// of `a` found in order among `b`'s ("Jerry Ortiz" in `Luis Gerardo "Jerry" Ortiz`, "Dirk Kempthorne" in
/// "Dirk A. Kempthorne").
fn person_within(a: &Form, b: &Form) -> bool {
    if a.parts.len() < 2 || a.given.is_empty() || a.parts.last() != b.parts.last() {
        return false;
    }
    // A name with its generation is within no name without it, and "Jr." is never within "Sr.": the plain name may
    // be either.
    if a.generation.is_some() && a.generation != b.generation {
        return false;
    }
    // Every given name of `a` in order among `b`'s, with none of `b`'s left out between two of them: "George W.
    // Bush" is not "George H. W. Bush", though "George Bush" may be either and "Diane Crawford Smith" is "Sharron
    // Diane Crawford Smith".
    let mut next = 0;
    let mut previous: Option<usize> = None;
    for g in &a.given {
        let Some(found) = b.given[next..].iter().position(|h| given_match(g, h)) else {
            return false;
        };
        let at = next + found;
        if previous.is_some_and(|p| at > p + 1) {
            return false;
        }
        previous = Some(at);
        next = at + 1;
    }
    // With as many given names on each side, `a` must be the shorter spelling: "Chris Vell" is within
    // "Christina Vell", not the other way round, so that two fuller names never meet through a short one.
    let letters = |form: &Form| form.given.iter().map(String::len).sum::<usize>();
    a.given.len() < b.given.len()
        || (a.given.len() == b.given.len() && a.key != b.key && letters(a) <= letters(b))
}

/// Whether a camel-case short name spells the leading letters of a person's name parts in order ("LiLo").
fn nickname_of(chunks: &[String], person: &Form) -> bool {
    let mut names: Vec<&str> = person.given.iter().map(String::as_str).collect();
    names.extend(person.parts.last().map(String::as_str));
    chunks.len() == names.len()
        && chunks
            .iter()
            .zip(&names)
            .all(|(c, n)| n.len() > c.len() && n.starts_with(c.as_str()))
}

/// A plain union-find over form indices.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
    /// The distinct groups of some forms, or `None` unless there is exactly one.
    fn only_group(&mut self, members: impl IntoIterator<Item = usize>) -> Option<usize> {
        let mut found: Option<usize> = None;
        for m in members {
            let g = self.find(m);
            match found {
                Some(f) if f != g => return None,
                _ => found = Some(g),
            }
        }
        found
    }
}

/// The longer names that a one-part name (spelt as any of `keys`) may be short for when read as type class `class`.
///
/// A person's surname ("Lohan"), else first name; an organisation's or place's leading word, where a place never
/// shortens a company's name ("Singapore" is not "Singapore Airlines") but a name typed as a company may still
/// shorten a place's or building's (a tagger's slip); an organisation's or other name's last word ("Sox" for "Red Sox").
fn owner_candidates(
    forms: &[Form],
    keys: &[usize],
    class: u8,
    place: bool,
    owners: &HashMap<(u8, &str), Vec<usize>>,
    last_owners: &HashMap<&str, Vec<usize>>,
    first_owners: &HashMap<&str, Vec<usize>>,
) -> Vec<usize> {
    let classes: &[u8] = match (class, place) {
        (0, _) => &[0],
        (1, _) => &[1, 2],
        (2, true) => &[2],
        (2, false) => &[2, 1],
        _ => &[4],
    };
    let mut candidates: Vec<usize> = Vec::new();
    for &k in keys {
        let key = forms[k].key.as_str();
        for &c in classes {
            candidates.extend(owners.get(&(c, key)).into_iter().flatten().copied());
        }
        if matches!(class, 1 | 4) && candidates.is_empty() {
            candidates.extend(last_owners.get(key).into_iter().flatten().copied());
        }
    }
    if class == 0 && candidates.is_empty() {
        for &k in keys {
            let key = forms[k].key.as_str();
            candidates.extend(first_owners.get(key).into_iter().flatten().copied());
        }
    }
    // A long surname with a typing slip ("Wojciechowksi") is short for the full name of the one it misspells.
    if class == 0 && candidates.is_empty() {
        for &k in keys {
            let key = forms[k].key.as_str();
            for ((c, last), people) in owners {
                if *c == 0 && one_slip(key, last) {
                    candidates.extend(people.iter().copied());
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    candidates
}

/// The group of owner forms that the texts use far more than any other, or `None` when no group stands out.
///
/// "Ford" is the Ford Motor Company that most articles name, not the Ford Australia that one names once.
fn dominant_group(
    groups: &mut Groups,
    owners: &[usize],
    mention_counts: &[usize],
) -> Option<usize> {
    let mut by_group: HashMap<usize, usize> = HashMap::default();
    for &o in owners {
        *by_group.entry(groups.find(o)).or_default() += mention_counts.get(o).copied().unwrap_or(0);
    }
    let mut ranked: Vec<(usize, usize)> = by_group.into_iter().map(|(g, n)| (n, g)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    match ranked[..] {
        [(top, group), (second, _), ..] if top >= 3 * second.max(1) => Some(group),
        _ => None,
    }
}

/// Prepositions that put something in a place: a name after them is a place ("in Corvale", "near Corvale").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "near",
    "outside",
    "across",
    "throughout",
    "around",
    "into",
    "towards",
    "toward",
];

/// Whether the name at `span` of `text` follows a preposition of place ("in Corvale") in running text: a
/// capitalised word after it means a title-case headline, where the name may only modify the next word ("in
/// Brennerhof Factory Shooting").
fn follows_place_preposition(text: &str, span: Span) -> bool {
    let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.end..)) else {
        return false;
    };
    let preposition = before.split_whitespace().next_back().is_some_and(|word| {
        PLACE_PREPOSITIONS
            .iter()
            .any(|p| word.eq_ignore_ascii_case(p))
    });
    let headline = after
        .split_whitespace()
        .next()
        .is_some_and(|word| word.starts_with(char::is_uppercase));
    preposition && !headline
}

/// Whether the name at `span` is followed by a comma and a known country or region ("Wasilla, Alaska").
fn followed_by_region(text: &str, span: Span) -> bool {
    let Some(rest) = text.get(span.end..).and_then(|r| r.strip_prefix(", ")) else {
        return false;
    };
    let words: Vec<&str> = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == ' '))
        .next()
        .unwrap_or("")
        .split(' ')
        .take_while(|w| w.starts_with(char::is_uppercase))
        .collect();
    // The longest run of capitalised words that the word lists know as a place ("New Mexico", "Alaska").
    (1..=words.len()).rev().any(|n| {
        let region = words[..n].join(" ");
        let region = region.trim_end_matches('.');
        matches!(GAZETTEER.name(region), Some(Label::Gpe | Label::Loc))
    })
}

/// Groups every name mention into entities.
///
/// Returns the entities, most widely covered first, and for each article the entity index of each of its names.
/// Every mention belongs to exactly one entity; an entity's `counts` has one entry per article.
pub fn resolve(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
) -> (Vec<Entity>, Vec<Vec<usize>>) {
    // Pass 1: one form per distinct key; mentions point at their form.
    let mut forms: Vec<Form> = Vec::new();
    let mut form_of_key: HashMap<String, usize> = HashMap::default();
    let mut mention_form: Vec<Vec<usize>> = Vec::with_capacity(extracted.len());
    let mut class_votes: Vec<[u32; 5]> = Vec::new();
    let mut place_votes: Vec<[u32; 2]> = Vec::new();
    let mut form_surfaces: Vec<&str> = Vec::new();
    let teams = teams::teams(articles, extracted);
    for (article, found) in articles.iter().zip(extracted) {
        let mut row = Vec::with_capacity(found.names.len());
        for name in &found.names {
            let mut surface = name.span.of(&article.text);
            let mut label = head_typed(surface, titled_person(surface, name.label));
            // A place that stands for the team named after it is read as the team's full name.
            if let Some(team) = teams.get(surface) {
                if label != Label::Person && teams::stands_for_team(&article.text, name.span) {
                    surface = team;
                    label = Label::Org;
                }
            }
            let mut form = make_form(surface, label);
            let next = forms.len();
            let id = *form_of_key.entry(form.key.clone()).or_insert(next);
            if id == next {
                forms.push(form);
                form_surfaces.push(surface);
                class_votes.push([0; 5]);
                place_votes.push([0; 2]);
            } else {
                // The spelling that sorts first gives the form its shape, whatever order the articles came in
                // ("U.N." and "United Nations" share a key; only the first is an acronym to expand).
                if surface < form_surfaces[id] {
                    std::mem::swap(&mut forms[id], &mut form);
                    form_surfaces[id] = surface;
                }
                let known = &mut forms[id];
                // Any spelling with "the" or with an acronym inside ("U.S. Air Force") lends its initials.
                known.said_with_the |= form.said_with_the;
                if known.initials_spelt.is_empty()
                    || (!form.initials_spelt.is_empty()
                        && form.initials_spelt < known.initials_spelt)
                {
                    known.initials_spelt = form.initials_spelt;
                }
                known.full_company |= form.full_company;
                if known.chunks.is_empty() && !known.full_company {
                    // One camel-case spelling ("LiLo") is enough for the form to be read as a short name.
                    known.chunks = form.chunks;
                }
            }
            class_votes[id][class(label) as usize] += 1;
            if follows_place_preposition(&article.text, name.span) {
                forms[id].said_as_place = true;
            }
            if followed_by_region(&article.text, name.span) {
                forms[id].said_with_region = true;
            }
            match label {
                Label::Gpe | Label::Loc => place_votes[id][0] += 1,
                Label::Fac => place_votes[id][1] += 1,
                _ => {}
            }
            row.push(id);
        }
        mention_form.push(row);
    }
    // One spelling has one type: the majority over all its mentions, so that a tagger's slip in one
    // article does not keep "Ferrant" from the Ferrants of the others. Ties go to people, then places, then
    // organisations: a lone capitalised word in news is more often a surname or a place than a company.
    const TIE_ORDER: [u8; 5] = [4, 2, 3, 1, 0];
    for ((form, votes), places) in forms.iter_mut().zip(&class_votes).zip(&place_votes) {
        let best = (0..5u8).max_by_key(|&c| (votes[c as usize], TIE_ORDER[c as usize]));
        form.class = best.unwrap_or(form.class);
        form.place = form.class == 2 && places[0] >= places[1];
    }
    // The passes below merge greedily and ask whether a name has exactly one match so far, so they visit the forms
    // in an order of their own, by key, not in the order the articles came in: dropping the same files in another
    // order gives the same entities.
    let mut order: Vec<usize> = (0..forms.len()).collect();
    order.sort_by(|&a, &b| forms[a].key.cmp(&forms[b].key));
    let mut new_index = vec![0; forms.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Form>> = forms.into_iter().map(Some).collect();
    let forms: Vec<Form> = order.iter().filter_map(|&i| slots[i].take()).collect();
    let class_votes: Vec<[u32; 5]> = order.iter().map(|&i| class_votes[i]).collect();
    for row in mention_form.iter_mut() {
        for f in row.iter_mut() {
            *f = new_index[*f];
        }
    }
    let mut groups = Groups((0..forms.len()).collect());

    // Pass 2a: forms that match part by part ("IS-K" and "ISIS Khorasan"; "Central Election(s) Commission"), and
    // forms whose one differing word is a typing slip of the other's ("Klistchko", "Klitschko").
    let mut by_shape: HashMap<(usize, String), Vec<usize>> = HashMap::default();
    let mut by_size: HashMap<(u8, usize), Vec<usize>> = HashMap::default();
    for (i, form) in forms.iter().enumerate() {
        if form.parts.len() > 1 {
            let shape: String = form.parts.iter().filter_map(|p| p.chars().next()).collect();
            by_shape
                .entry((form.parts.len(), shape))
                .or_default()
                .push(i);
        }
        if !form.known && form.parts.iter().any(|p| p.chars().count() >= 8) {
            by_size
                .entry((form.class, form.parts.len()))
                .or_default()
                .push(i);
        }
    }
    for members in by_shape.values() {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                if forms[i].class == forms[j].class
                    && forms[i].generation == forms[j].generation
                    && parts_match(&forms[i].parts, &forms[j].parts)
                {
                    groups.union(i, j);
                }
            }
        }
    }
    for members in by_size.values() {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                let (a, b) = (&forms[i].parts, &forms[j].parts);
                let differing: Vec<(&String, &String)> =
                    a.iter().zip(b).filter(|(x, y)| x != y).collect();
                let same = match differing[..] {
                    [(x, y)] => one_slip(x, y) || (forms[i].class == 0 && transliteration(x, y)),
                    // A transliterated person's name may vary in every part ("Heidar Alishvandi", "Heydar
                    // Alishbandi"): each given name must still match and the surname be spelt one letter apart.
                    [_, ..] if forms[i].class == 0 && a.len() > 1 => {
                        a.iter().zip(b).enumerate().all(|(k, (x, y))| {
                            x == y
                                || if k + 1 == a.len() {
                                    spelling_variant(x, y)
                                } else {
                                    given_match(x, y)
                                }
                        })
                    }
                    _ => false,
                };
                if same {
                    groups.union(i, j);
                }
            }
        }
    }

    // Pass 2a': a building's or an institution's names that differ only in generic words ("Historic Marlow Mill
    // Building", "Marlow Mill Block Building") are one; what is left must be at least two words and not a known
    // place, so "Boston Center" and "Boston Clinic" stay apart, and "Islamic State in Khorasan" keeps its
    // "Khorasan".
    let mut by_core: HashMap<(bool, Vec<&str>), Vec<usize>> = HashMap::default();
    for (i, form) in forms.iter().enumerate() {
        if form.known || form.joined || form.parts.len() < 3 {
            continue;
        }
        let named_place = match form.class {
            1 | 2 | 4 => true,
            // A name typed a person that holds a building's word ("Alder Grove Clinic") is a place too.
            0 => form
                .parts
                .iter()
                .any(|w| FACILITY_WORDS.contains(&w.as_str()) || PREMISES.contains(&w.as_str())),
            _ => false,
        };
        if !named_place {
            continue;
        }
        let core: Vec<&str> = form
            .parts
            .iter()
            .map(String::as_str)
            .filter(|w| !is_descriptor(w))
            .collect();
        if core.len() < 2 || core.len() == form.parts.len() {
            continue;
        }
        if GAZETTEER.folded_name(&core.join(" ")).is_some() {
            continue;
        }
        // A law and a building named alike ("Tessel Dam Act", "Tessel Dam Building") stay apart.
        let law = form.parts.iter().any(|w| LAW_WORDS.contains(&w.as_str()));
        by_core.entry((law, core)).or_default().push(i);
    }
    for members in by_core.values() {
        for pair in members.windows(2) {
            groups.union(pair[0], pair[1]);
        }
    }
    // The core said alone ("Tamarind Vale") is the same place or business, as "Betty Ford" is said for the
    // "Betty Ford Center"; a law's subject is not its law.
    for (i, form) in forms.iter().enumerate() {
        if form.known || form.joined || form.parts.len() < 2 || form.class == 3 {
            continue;
        }
        let core: Vec<&str> = form.parts.iter().map(String::as_str).collect();
        if let Some(&j) = by_core.get(&(false, core)).and_then(|m| m.first()) {
            groups.union(i, j);
        }
    }

    // Pass 2b: a person's shorter full name joins the one fuller name it fits ("Jerry Ortiz" and
    // `Luis Gerardo "Jerry" Ortiz`); two people who share a surname but not a given name stay apart. Several
    // fuller names count as one when each pair of them fits together, as spellings of one person do ("Bettie
    // Page", "Betty Page" and "Bettie Mae Page"), but "Chris Brown" fits Christina and Christopher Brown, who do not.
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, form) in forms.iter().enumerate() {
        if form.class == 0 && form.parts.len() > 1 {
            if let Some(last) = form.parts.last() {
                by_surname.entry(last.as_str()).or_default().push(i);
            }
        }
    }
    for members in by_surname.values() {
        for &i in members {
            let fuller: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&j| j != i && person_within(&forms[i], &forms[j]))
                .collect();
            let one_person = fuller.iter().enumerate().all(|(n, &x)| {
                fuller[n + 1..].iter().all(|&y| {
                    groups.find(x) == groups.find(y)
                        || person_within(&forms[x], &forms[y])
                        || person_within(&forms[y], &forms[x])
                })
            });
            if one_person {
                for j in fuller {
                    groups.union(i, j);
                }
            }
        }
    }

    // Pass 2c: acronyms join the one name (after the merges above) whose initials they spell.
    let mut by_initials: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, form) in forms.iter().enumerate() {
        if form.parts.len() > 1 || form.initials.len() > 1 {
            by_initials
                .entry(form.initials.as_str())
                .or_default()
                .push(i);
            // "The" is part of a paper's or a network's name even where the tagger left it out ("THR" for
            // "Hollywood Reporter"), so any organisation's initials may take it.
            if !form.initials_the.is_empty() && (form.said_with_the || form.class == 1) {
                by_initials
                    .entry(form.initials_the.as_str())
                    .or_default()
                    .push(i);
            }
            if !form.initials_spelt.is_empty() {
                by_initials
                    .entry(form.initials_spelt.as_str())
                    .or_default()
                    .push(i);
            }
            if !form.initials_of.is_empty() {
                by_initials
                    .entry(form.initials_of.as_str())
                    .or_default()
                    .push(i);
            }
        }
    }
    for (i, form) in forms.iter().enumerate() {
        // An acronym the alias table already spelt out ("U.N." keyed as "united nations") has its name: its letters
        // expand to nothing else ("U.S. Navy").
        if form.acronym.is_empty() || form.parts.len() > 1 {
            continue;
        }
        let Some(expansions) = by_initials.get(form.acronym.as_str()) else {
            continue;
        };
        let same_class = expansions
            .iter()
            .copied()
            .filter(|&j| j != i && forms[j].class == form.class && forms[j].parts.len() > 1);
        // An acronym written with "&" ("S&P") spells a name joined by "&" or "and" ("Standard & Poor's") before any
        // other with its letters ("Sub-prime").
        if form.ampersand {
            let joined = expansions.iter().copied().filter(|&j| {
                j != i
                    && matches!(forms[j].class, 1 | 4)
                    && forms[j].ampersand
                    && forms[j].parts.len() > 1
            });
            if let Some(target) = groups.only_group(joined) {
                groups.union(i, target);
                continue;
            }
        }
        // An acronym that could expand to two different names is left alone rather than guessed.
        if let Some(target) = groups.only_group(same_class) {
            groups.union(i, target);
            continue;
        }
        // Taggers call an acronym an organisation and its spelt-out name anything but a person or a place ("DJIA"
        // and the "Dow Jones Industrial Average" typed a work or an event): with no expansion of its own type, an
        // organisation's or other name's acronym may expand to the other.
        if matches!(form.class, 1 | 4) {
            let other_class = expansions.iter().copied().filter(|&j| {
                j != i
                    && matches!(forms[j].class, 1 | 4)
                    && forms[j].class != form.class
                    && forms[j].parts.len() > 1
            });
            let none_same = !expansions
                .iter()
                .any(|&j| j != i && forms[j].class == form.class && forms[j].parts.len() > 1);
            if none_same {
                if let Some(target) = groups.only_group(other_class) {
                    groups.union(i, target);
                }
            }
        }
    }

    // Pass 2d: a shortened multi-word name ("Northgate Hydro") joins the one longer name whose words its words begin
    // ("Northgate Hydropower Company"); "Vellmar Province" does not begin "Vellmar Provincial Police". An
    // organisation's name without its leading words ("Air Force") joins the one longer name it ends.
    // Keyed by the first three letters of the first word, so that a clipped first word ("Mat Maid" for
    // "Matanuska Maid") finds its full name too.
    let mut by_first: HashMap<(u8, &str), Vec<usize>> = HashMap::default();
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut shared_endings: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, form) in forms.iter().enumerate().filter(|(_, f)| !f.joined) {
        if form.parts.len() > 1 && matches!(form.class, 1 | 2 | 4) {
            by_first
                .entry((form.class, lead(&form.parts[0])))
                .or_default()
                .push(i);
        }
        if form.parts.len() > 1 && (matches!(form.class, 1 | 4) || is_facility(form)) {
            if let Some(last) = form.parts.last() {
                by_last.entry(last.as_str()).or_default().push(i);
            }
        }
    }
    for (i, form) in forms.iter().enumerate() {
        if form.parts.len() < 2 || form.known || form.class == 3 {
            continue;
        }
        // A name typed as a person may still abbreviate an organisation ("Northgate Hydro"): the words decide.
        let classes: &[u8] = if form.class == 0 {
            &[1, 2]
        } else {
            std::slice::from_ref(&form.class)
        };
        let longer_in = |classes: &[u8]| -> Vec<usize> {
            classes
                .iter()
                .filter_map(|&c| by_first.get(&(c, lead(&form.parts[0]))))
                .flatten()
                .copied()
                .filter(|&j| {
                    // Equal lengths count too: "Northgate Hydropower Company" is "northgate hydropower" without
                    // its legal form, and "Northgate Hydro" still shortens it.
                    forms[j].parts.len() >= form.parts.len()
                        && forms[j].key != form.key
                        && clipped_first(&form.parts[0], &forms[j].parts[0])
                        && form
                            .parts
                            .iter()
                            .zip(&forms[j].parts)
                            .all(|(a, b)| b.starts_with(a.as_str()))
                })
                .collect()
        };
        let mut longer = longer_in(classes);
        // An organisation's short name may shorten a name typed a work or an event and the other way round ("Dow
        // Jones" and the "Dow Jones Industrial Average"), when its own type offers none.
        if longer.is_empty() {
            match form.class {
                1 => longer = longer_in(&[4]),
                4 => longer = longer_in(&[1]),
                _ => {}
            }
        }
        // A longer name that itself shortens a still longer one ("Dow Jones Industrial" of the "Dow Jones
        // Industrial Average") is that name, whichever of them this loop reaches first.
        let begins = |short: &Form, long: &Form| {
            long.parts.len() > short.parts.len()
                && short
                    .parts
                    .iter()
                    .zip(&long.parts)
                    .all(|(a, b)| b.starts_with(a.as_str()))
        };
        let fullest: Vec<usize> = longer
            .iter()
            .copied()
            .filter(|&j| !longer.iter().any(|&k| begins(&forms[j], &forms[k])))
            .collect();
        if let Some(target) = groups.only_group(fullest) {
            for &j in &longer {
                groups.union(j, target);
            }
            groups.union(i, target);
            continue;
        }
        // A building's name of three words or more without a leading place ("Promises Treatment Center" in the
        // "Malibu Promises Treatment Center") ends its full name the same way; a shorter one ("Main Street",
        // "Medical Center") is too generic to say which.
        let facility = is_facility(form) && form.parts.len() >= 3;
        if form.class != 1 && !facility {
            continue;
        }
        let ending = form
            .parts
            .last()
            .and_then(|last| by_last.get(last.as_str()))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&j| {
                (forms[j].class == 1 || (facility && is_facility(&forms[j])))
                    && forms[j].parts.len() > form.parts.len()
                    && forms[j].parts.ends_with(&form.parts)
            });
        let ending: Vec<usize> = ending.collect();
        if let Some(target) = groups.only_group(ending.iter().copied()) {
            groups.union(i, target);
        } else if !ending.is_empty() {
            // "Air Force" ends the U.S. Air Force and the Royal Air Force: each mention is settled by its article.
            shared_endings.push((i, ending));
        }
    }

    // Pass 2d': a company's full name with its legal form ("Harlow Inc.") joins the one longer name that only adds
    // words a company's name ends in ("Harlow Computer"): the same company before and after a change of name.
    for (i, form) in forms.iter().enumerate() {
        if !form.full_company || form.parts.len() != 1 || form.class != 1 {
            continue;
        }
        let corporate = by_first
            .get(&(1, lead(&form.parts[0])))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&j| {
                j != i && forms[j].parts[0] == form.parts[0] && is_corporate_extension(&forms[j])
            });
        if let Some(target) = groups.only_group(corporate) {
            groups.union(i, target);
        }
    }

    // Pass 2e: a camel-case short name joins the one person whose name parts it begins ("LiLo", Lindsay Lohan).
    for (i, form) in forms.iter().enumerate() {
        if form.chunks.is_empty() {
            continue;
        }
        let people = forms
            .iter()
            .enumerate()
            .filter(|(_, p)| p.class == 0 && p.parts.len() > 1 && nickname_of(&form.chunks, p))
            .map(|(j, _)| j);
        if let Some(target) = groups.only_group(people) {
            groups.union(i, target);
        }
    }

    // Pass 3: a one-part form joins the longer name it is short for: a surname or first name its person, a leading
    // word its organisation or place ("Northgate" for "Northgate Hydropower Company"), a team's or ship's last word
    // its full name ("Sox" for "Red Sox"). A form whose group already holds a longer name (an acronym) is settled.
    let mut owners: HashMap<(u8, &str), Vec<usize>> = HashMap::default();
    let mut last_owners: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut first_owners: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, form) in forms.iter().enumerate() {
        if form.parts.len() < 2 || form.known || form.joined {
            continue;
        }
        let (Some(first), Some(last)) = (form.parts.first(), form.parts.last()) else {
            continue;
        };
        match form.class {
            0 if form.plausible_person => {
                owners.entry((0, last.as_str())).or_default().push(i);
                first_owners.entry(first.as_str()).or_default().push(i);
            }
            1 | 2 | 4 => {
                owners
                    .entry((form.class, first.as_str()))
                    .or_default()
                    .push(i);
                if form.class != 2 {
                    last_owners.entry(last.as_str()).or_default().push(i);
                } else if form.parts.len() == 2 && PLACE_PREFIXES.contains(&first.as_str()) {
                    // "Halloran" for "Port Halloran", "Kenya" is not shortened so: only a town's place word
                    // ("Port", "Fort") is dropped in speech, and the name then stands for the town.
                    owners.entry((2, last.as_str())).or_default().push(i);
                }
            }
            _ => {}
        }
    }
    let mut settled = vec![false; forms.len()];
    for (i, form) in forms.iter().enumerate() {
        if form.parts.len() > 1 || form.full_company {
            let g = groups.find(i);
            settled[g] = true;
        }
    }
    // Every one-part form of a group looks for owners, so that "Klistchko" finds the owner of "Klitschko".
    let mut short_keys: HashMap<usize, Vec<usize>> = HashMap::default();
    for (i, form) in forms.iter().enumerate() {
        if form.parts.len() == 1 {
            let g = groups.find(i);
            short_keys.entry(g).or_default().push(i);
        }
    }
    let mut mention_counts = vec![0usize; forms.len()];
    for &f in mention_form.iter().flatten() {
        mention_counts[f] += 1;
    }
    let mut form_target: Vec<Option<usize>> = vec![None; forms.len()];
    let mut form_candidates: Vec<Vec<usize>> = vec![Vec::new(); forms.len()];
    let mut form_reading: Vec<u8> = forms.iter().map(|f| f.class).collect();
    for (i, form) in forms.iter().enumerate() {
        if form.parts.len() != 1 || form.known || form.class == 3 {
            continue;
        }
        let g = groups.find(i);
        if settled[g] {
            continue;
        }
        // A place's name never shortens a company's ("Singapore" is not "Singapore Airlines"); a building's and a
        // company's may shorten each other ("Northgate" for the company or its dam).
        // The spelling's own type first; when that finds no longer name, any other type its mentions were
        // given ("DeGeneres", typed an organisation in most articles, is the surname of Ellen DeGeneres).
        let mut readings: Vec<u8> = vec![form.class];
        let mut others: Vec<u8> = (0..5u8)
            .filter(|&c| c != form.class && c != 3 && class_votes[i][c as usize] > 0)
            .collect();
        others.sort_by_key(|&c| std::cmp::Reverse(class_votes[i][c as usize]));
        readings.extend(others);
        // A place never shortens a company's name unless some mention called it a company, but only a place the
        // word lists know (as anything but a company: "European" too) or the texts put something in ("in
        // Corvale"): an unknown word typed a place that leads a company's name ("Kraft" beside "Kraft Foods") is
        // likelier the tagger's slip than a town.
        let listed_place = form.listed.is_some_and(|l| l != Label::Org);
        let sure_place = form.place && (listed_place || form.said_as_place);
        // A town the texts give with its region ("Wasilla, Alaska") is no company's short name, whatever a
        // tagger's slip called it elsewhere: "Wasilla" is not the "Wasilla Bible Church". "In" alone does not say
        // so much: a clinic is checked "into". Nor is a town or country the word lists know, and most mentions call
        // a place, the short name of a company or another thing named after it: "Texas" is not the "Texas
        // Department of Criminal Justice". An unknown word is another matter ("Morningside" for "Morningside
        // Recovery").
        let known_place = form.listed == Some(Label::Gpe) && form.place;
        let mut readings: Vec<(u8, bool)> = readings
            .into_iter()
            .filter(|&r| !(form.class == 2 && form.said_with_region && r != 2))
            .filter(|&r| !(known_place && matches!(r, 1 | 4)))
            .map(|r| (r, r == 2 && sure_place))
            .collect();
        // A word typed a person that no person in the texts bears, and that is neither a given name nor a known
        // place, may be the leading word of a place's or a company's name ("Qeshm" for "Qeshm Island").
        if form.class == 0 && form.listed.is_none() && !form.given_name {
            readings.extend([(2, true), (1, false)]);
        }
        // A word the tagger typed a place or a company in most mentions is only a person's first name if it is a
        // known given name: "Kraft", a place as often as a person, does not lead a headline's "Kraft Shooting".
        let other_votes: u32 = (1..5).map(|c| class_votes[i][c]).sum();
        let no_first_names = HashMap::default();
        let first_names = if form.given_name || class_votes[i][0] >= other_votes {
            &first_owners
        } else {
            &no_first_names
        };
        let mut candidates: Vec<usize> = Vec::new();
        let mut reading = form.class;
        for &(r, place) in &readings {
            candidates = owner_candidates(
                &forms,
                short_keys.get(&g).map_or(&[][..], Vec::as_slice),
                r,
                place,
                &owners,
                &last_owners,
                first_names,
            );
            // A known town or country shortens only a longer name of its own region ("Hormozgan Province",
            // "New York City"): "Washington Mutual", "Boston Harbor" and "London Heathrow" are other referents. A natural
            // feature's word may still shorten its full name ("Gulf" for the "Gulf of Aden").
            if r == 2 && form.listed == Some(Label::Gpe) && form.place {
                candidates.retain(|&o| {
                    forms[o].parts.len() == 2
                        && PLACE_PREFIXES.contains(&forms[o].parts[0].as_str())
                        || forms[o]
                            .parts
                            .last()
                            .is_some_and(|w| GAZETTEER.head(&capitalised(w)) == Some(Label::Gpe))
                });
            }
            if !candidates.is_empty() {
                reading = r;
                break;
            }
        }
        // A spelling never typed as a person may still be the surname of the one person the texts give it to
        // (never a first name, and never a place's name: "Washington" is not George Washington).
        if candidates.is_empty() && matches!(form.class, 1 | 4) {
            let people = short_keys
                .get(&g)
                .into_iter()
                .flatten()
                .filter_map(|&k| owners.get(&(0, forms[k].key.as_str())))
                .flatten()
                .copied();
            if let Some(person) = groups.only_group(people) {
                form_target[i] = Some(person);
            }
            continue;
        }
        if candidates.is_empty() {
            continue;
        }
        form_target[i] = groups.only_group(candidates.iter().copied());
        // A word read as a place that may still shorten a company's name ("Kraft" beside "Kraft Foods" and its
        // "Kraft Plant") is settled the company's way too.
        let company_reading = matches!(reading, 1 | 4)
            || (reading == 2 && candidates.iter().any(|&o| forms[o].class == 1));
        if form_target[i].is_none() && company_reading {
            // "Ford" is the Ford Motor Company rather than the Ford Australia or the Ford Taurus: the longer name
            // that only adds words a company's name ends in.
            let corporate = candidates
                .iter()
                .copied()
                .filter(|&o| is_corporate_extension(&forms[o]));
            form_target[i] = groups
                .only_group(corporate)
                .or_else(|| dominant_group(&mut groups, &candidates, &mention_counts));
        }
        form_reading[i] = reading;
        form_candidates[i] = candidates;
    }
    // A name that ends several longer ones goes, mention by mention, to the one its article names, else to the one
    // the texts name far more than the others; every spelling of the longer names' entities counts ("USAF" too).
    let mut by_article = vec![false; forms.len()];
    for (i, ending) in shared_endings {
        let owners: HashSet<usize> = ending.iter().map(|&o| groups.find(o)).collect();
        form_candidates[i] = (0..forms.len())
            .filter(|&f| groups.find(f) != groups.find(i) && owners.contains(&groups.find(f)))
            .collect();
        by_article[i] = true;
    }
    let mut mention_group: Vec<Vec<usize>> = mention_form
        .iter()
        .map(|row| row.iter().map(|&f| groups.find(f)).collect())
        .collect();
    for (article_idx, row) in mention_form.iter().enumerate() {
        for (mention_idx, &f) in row.iter().enumerate() {
            if let Some(target) = form_target[f] {
                mention_group[article_idx][mention_idx] = target;
                continue;
            }
            // A surname two people share goes to the nearest of them before it in the same article, else the
            // first after it; other short names with several owners stay apart rather than be guessed.
            let candidates = &form_candidates[f];
            if candidates.is_empty() || (form_reading[f] != 0 && !by_article[f]) {
                continue;
            }
            if by_article[f] {
                // Only an article that names exactly one of the longer names settles the short one there.
                let named: HashSet<usize> = row
                    .iter()
                    .filter(|other| candidates.contains(other))
                    .map(|&o| groups.find(o))
                    .collect();
                let owner = match named.len() {
                    0 => dominant_group(&mut groups, candidates, &mention_counts),
                    1 => named.into_iter().next(),
                    _ => None,
                };
                if let Some(group) = owner {
                    mention_group[article_idx][mention_idx] = group;
                }
                continue;
            }
            let in_article = |range: &mut dyn Iterator<Item = usize>| {
                range
                    .map(|m| row[m])
                    .find(|other| candidates.contains(other))
            };
            let local = in_article(&mut (0..mention_idx).rev())
                .or_else(|| in_article(&mut (mention_idx + 1..row.len())));
            // With no owner in its own article, a surname goes to the person the texts name far more than any
            // other who shares it ("DeGeneres" to Ellen DeGeneres, not to a headline's "Choosing DeGeneres").
            let owner = local
                .map(|o| groups.find(o))
                .or_else(|| dominant_group(&mut groups, candidates, &mention_counts));
            if let Some(group) = owner {
                mention_group[article_idx][mention_idx] = group;
            }
        }
    }

    build_entities(articles, extracted, &mention_group)
}

/// Turns mention groups into entity records with names, aliases and per-article counts.
fn build_entities(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    mention_group: &[Vec<usize>],
) -> (Vec<Entity>, Vec<Vec<usize>>) {
    let mut members: HashMap<usize, Vec<ItemRef>> = HashMap::default();
    for (article, row) in mention_group.iter().enumerate() {
        for (index, &group) in row.iter().enumerate() {
            members
                .entry(group)
                .or_default()
                .push(ItemRef { article, index });
        }
    }
    let entities: Vec<Entity> = members
        .into_values()
        .map(|mentions| build_entity(articles, extracted, mentions))
        .collect();
    number_entities(entities, extracted)
}

/// Orders entities as every view shows them (most widely covered first, then most mentioned, then by name and
/// first mention, so that equal inputs always number alike), gives them their ids and maps every name to its
/// entity.
pub(crate) fn number_entities(
    mut entities: Vec<Entity>,
    extracted: &[ArticleAnalysis],
) -> (Vec<Entity>, Vec<Vec<usize>>) {
    entities.sort_by(|a, b| {
        let covered = |e: &Entity| e.counts.iter().filter(|&&c| c > 0).count();
        covered(b)
            .cmp(&covered(a))
            .then(b.mentions.len().cmp(&a.mentions.len()))
            .then(a.name.cmp(&b.name))
            .then(a.mentions.first().cmp(&b.mentions.first()))
    });
    let mut name_entity: Vec<Vec<usize>> =
        extracted.iter().map(|a| vec![0; a.names.len()]).collect();
    for (idx, entity) in entities.iter_mut().enumerate() {
        entity.id = format!("e{}", idx + 1);
        for item in &entity.mentions {
            if let Some(slot) = name_entity
                .get_mut(item.article)
                .and_then(|row| row.get_mut(item.index))
            {
                *slot = idx;
            }
        }
    }
    (entities, name_entity)
}

/// One entity record from its mentions, by the rules the resolver uses: aliases most frequent first, the
/// fullest form as its name (unless it only describes the usual one or names its product), the majority label (a
/// head word such as "Company" overrides a person label).
pub(crate) fn build_entity(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    mut mentions: Vec<ItemRef>,
) -> Entity {
    mentions.sort();
    let mut counts = vec![0u32; articles.len()];
    // Each distinct spelling: how often it is used, its words, and whether it is a demonym read as a country,
    // worked out once per spelling rather than once per mention.
    struct Spelling {
        surface: String,
        uses: usize,
        words: usize,
        demonym: bool,
    }
    let mut spellings: Vec<Spelling> = Vec::new();
    let mut label_counts: HashMap<Label, usize> = HashMap::default();
    for item in &mentions {
        let (Some(article), Some(name)) = (
            articles.get(item.article),
            extracted
                .get(item.article)
                .and_then(|f| f.names.get(item.index)),
        ) else {
            continue;
        };
        counts[item.article] += 1;
        let surface = display_form(name.span.of(&article.text));
        let at = match spellings.iter().position(|s| s.surface == surface) {
            Some(at) => at,
            None => {
                spellings.push(Spelling {
                    words: surface.split_whitespace().count(),
                    demonym: country_demonym(&surface),
                    surface,
                    uses: 0,
                });
                spellings.len() - 1
            }
        };
        spellings[at].uses += 1;
        // A demonym in a country's entity ("Greek police") counts as the country.
        let label = if spellings[at].demonym {
            Label::Gpe
        } else {
            name.label
        };
        *label_counts.entry(label).or_default() += 1;
    }
    spellings.sort_by(|a, b| b.uses.cmp(&a.uses).then(a.surface.cmp(&b.surface)));
    // The name is the country's own where there is one, not its demonym ("Greece", not "Greek"), and as prose
    // writes it rather than as a headline in capitals does ("New Moon", not "NEW MOON"). A spelling that only
    // puts a nationality before another of the entity's spellings ("Japanese Toyota" beside "Toyota") describes
    // the entity rather than names it.
    let cased = |s: &Spelling| s.surface.chars().any(char::is_lowercase);
    let described = |s: &Spelling| {
        s.surface.split_once(' ').is_some_and(|(first, rest)| {
            DEMONYMS.contains_key(&fold(first).join(" "))
                && spellings
                    .iter()
                    .any(|other| other.surface.eq_ignore_ascii_case(rest))
        })
    };
    let fullest = spellings.iter().max_by(|a, b| {
        b.demonym
            .cmp(&a.demonym)
            .then(described(b).cmp(&described(a)))
            .then(cased(a).cmp(&cased(b)))
            .then(a.words.cmp(&b.words))
            .then(a.uses.cmp(&b.uses))
            .then(b.surface.len().cmp(&a.surface.len()))
    });
    let label = label_counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(l, _)| *l)
        .unwrap_or(Label::Misc);
    // A rare longer spelling that goes on past the usual one with words that are neither a legal form nor a head
    // word names a product or a division ("Intel Core Duo", "Boeing Commercial Airplanes"), not the company the
    // texts mostly mean: the usual spelling names the entity. "Northgate Hydropower Company" still names Northgate.
    let usual = spellings.first();
    let name = match (fullest, usual) {
        (Some(full), Some(usual)) if label != Label::Person && usual.uses >= 3 * full.uses => {
            let extension = full
                .surface
                .get(usual.surface.len()..)
                .filter(|_| {
                    full.surface
                        .get(..usual.surface.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(&usual.surface))
                })
                .and_then(|rest| rest.strip_prefix(' '));
            let last = extension.and_then(|rest| rest.rsplit(' ').next());
            let goes_on = last.is_some_and(|w| {
                GAZETTEER.head(w).is_none()
                    && !DESIGNATORS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
            });
            if goes_on {
                usual.surface.clone()
            } else {
                full.surface.clone()
            }
        }
        (Some(full), _) => full.surface.clone(),
        _ => String::new(),
    };
    // A state is named in full, even where every article abbreviates it ("Calif." is shown as California).
    let name = GAZETTEER.state(&name).map_or(name, str::to_string);
    let last_head = name.rsplit(' ').next().and_then(|w| GAZETTEER.head(w));
    let given_and_surname = GAZETTEER.is_given_and_surname(&name);
    let label = match last_head {
        // A person named in full once and by surname elsewhere is a person, however a tagger typed the lone
        // surname ("Michelle Lyons", then "Lyons" four times as a company).
        None if given_and_surname && label_counts.contains_key(&Label::Person) => Label::Person,
        // A given name and one more word is a person even when that word heads organisations ("Jim Press").
        Some(Label::Org) if given_and_surname => label,
        // A name that ends in a head word ("... Company", "... River") says its own type, whatever the tagger
        // called its shorter forms.
        Some(head) if name.contains(' ') && label == Label::Person => head,
        _ => label,
    };
    Entity {
        id: String::new(),
        name,
        label,
        aliases: spellings.into_iter().map(|s| s.surface).collect(),
        mentions,
        counts,
    }
}

/// Whether a surface form is a demonym that resolution reads as its country ("Greek", not "Greeks").
fn country_demonym(surface: &str) -> bool {
    matches!(DEMONYMS.get(&fold(surface).join(" ")), Some((_, false)))
}

/// The surface form as shown in alias lists: possessive dropped, white space collapsed.
pub(crate) fn display_form(surface: &str) -> String {
    let trimmed = surface.trim();
    let trimmed = trimmed
        .strip_suffix("'s")
        .or_else(|| trimmed.strip_suffix("\u{2019}s"))
        .unwrap_or(trimmed);
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_aliases_and_connectors() {
        let key = |s: &str| key_parts(&fold(s)).join("|");
        assert_eq!(key("ISIS-K"), "islamic state|k");
        assert_eq!(key("IS-K"), "islamic state|k");
        assert_eq!(key("Islamic State in Khorasan"), "islamic state|khorasan");
        assert_eq!(key("the Islamic State's"), "islamic state");
        assert_eq!(key("U.N."), "united nations");
        assert_eq!(key("Los Angeles"), "los angeles");
        let form = |s: &str, l: Label| make_form(s, l).key;
        assert_eq!(form("Russian", Label::Norp), form("Russia", Label::Gpe));
        assert_ne!(form("Russians", Label::Norp), form("Russia", Label::Gpe));
        assert_eq!(form("American", Label::Norp), form("U.S.", Label::Gpe));
        assert_eq!(key("Zoë Lindqvist"), key("Zoe Lindqvist"));
        assert_eq!(key("Łukasz Wróbel"), "lukasz|wrobel");
        assert_eq!(
            key("St. Anselm Relief Society"),
            key("Saint Anselm Relief Society")
        );
        assert_eq!(fold("Gov.Sarah Palin"), ["gov", "sarah", "palin"]);
        assert_eq!(fold("U.S."), ["us"]);
        assert_eq!(form("Apple Inc.", Label::Org), "apple");
        assert_eq!(form("GIs", Label::Misc), "gi");
        assert_eq!(form("Luis \"Jerry\" Ortiz", Label::Person), "luis ortiz");
        assert_eq!(key("Medical Centre"), key("Medical Center"));
    }

    #[test]
    fn short_name_shapes() {
        assert_eq!(camel_chunks("LiLo"), ["li", "lo"]);
        assert_eq!(camel_chunks("KStew's"), ["k", "stew"]);
        assert!(camel_chunks("NATO").is_empty());
        assert!(camel_chunks("Lohan").is_empty());
        assert!(camel_chunks("McDonaldson").is_empty());
        assert!(one_slip("klitschko", "klistchko"));
        assert!(one_slip("wojciechowski", "wojciechowsky"));
        assert!(one_slip("grigoropoulos", "grigoropoulo"));
        assert!(!one_slip("hansen", "hanson"));
        assert!(!one_slip("turkmenistan", "turkeminstan"));
        assert!(given_match("rob", "robert"));
        assert!(given_match("j", "jerry"));
        assert!(!given_match("mary", "martha"));
        assert!(given_match("mo", "maurice"));
        assert!(given_match("bill", "william"));
        assert!(given_match("heidar", "heydar"));
        assert!(!given_match("bill", "robert"));
        assert!(!given_match("alexander", "alexandra"));
        assert!(!given_match("jon", "jan"));
        assert!(transliteration("alishvandi", "alishbandi"));
        assert!(!transliteration("smith", "smyth"));
        assert!(!transliteration("hansen", "hanson"));
        assert_eq!(spelt_initials("U.S. Air Force"), "usaf");
        assert_eq!(spelt_initials("Air Force"), "");
        assert_eq!(make_form("City of Palmer", Label::Org).key, "palmer");
        assert_eq!(
            titled_person("Alaska Gov. Sarah Palin", Label::Org),
            Label::Person
        );
        assert_eq!(
            make_form("Alaska Gov. Sarah Palin", Label::Person).key,
            "sarah palin"
        );
        assert_eq!(
            titled_person("Burger King Holdings Inc", Label::Org),
            Label::Org
        );
        assert_eq!(
            titled_person("Vellmar Mayor Ilse Foods Group", Label::Org),
            Label::Org
        );
        let king = make_form("Martin Luther King Jr", Label::Person);
        assert_eq!(king.parts, ["martin", "luther", "king"]);
        assert_eq!(king.key, "martin luther king#jr");
        assert_eq!(make_form("Thompson II", Label::Person).key, "thompson");
        assert_eq!(
            without_affiliation("Norvik Aerospace-led"),
            "Norvik Aerospace"
        );
        assert_eq!(without_affiliation("Ostrava-based Norvik"), "Norvik");
        assert_eq!(without_affiliation("Intel-based"), "Intel-based");
        assert_eq!(without_affiliation("-led"), "-led");
        assert_eq!(make_form("A380s", Label::Misc).key, "a380");
        assert_eq!(make_form("HMS Resolute", Label::Misc).key, "resolute");
        assert_eq!(
            make_form("Mt. Hood", Label::Loc).key,
            make_form("Mount Hood", Label::Loc).key
        );
        assert_eq!(head_typed("Tessel Foods", Label::Gpe), Label::Org);
        assert_eq!(head_typed("John Hall", Label::Person), Label::Person);
        assert!(follows_place_preposition(
            "flights in Corvale",
            Span::new(11, 18)
        ));
        assert!(!follows_place_preposition("at Corvale", Span::new(3, 10)));
        assert!(!follows_place_preposition(
            "in Corvale Factory Fire",
            Span::new(3, 10)
        ));
        assert!(!follows_place_preposition("in", Span::new(99, 120)));
    }
}
