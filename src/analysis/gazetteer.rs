//! Word lists for name finding: known names with their types, given names, titles, head words and common words.
//!
//! The lists live as plain text under `lexicon/` and are compiled into the binary with `include_str!`,
//! parsed once on first use.
//! They are written by hand from general knowledge (countries, capitals, demonyms, well-known bodies),
//! so they stay small enough to ship in the WebAssembly bundle.

use super::model::Label;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// Known names, one per line, grouped by file and so by label.
const NAME_LISTS: &[(Label, &str)] = &[
    (Label::Gpe, include_str!("lexicon/gpe.txt")),
    (Label::Loc, include_str!("lexicon/loc.txt")),
    (Label::Fac, include_str!("lexicon/fac.txt")),
    (Label::Org, include_str!("lexicon/org.txt")),
    (Label::Norp, include_str!("lexicon/norp.txt")),
    (Label::Event, include_str!("lexicon/event.txt")),
    (Label::Person, include_str!("lexicon/person.txt")),
];

const FIRST_NAMES: &str = include_str!("lexicon/first_names.txt");
const MORE_GIVEN_NAMES: &str = include_str!("lexicon/given_names.txt");
const TITLES: &str = include_str!("lexicon/titles.txt");
const MODIFIERS: &str = include_str!("lexicon/modifiers.txt");
const COMMON: &str = include_str!("lexicon/common.txt");
const HEADS: &str = include_str!("lexicon/heads.txt");
const STATES: &str = include_str!("lexicon/states.txt");
const DEMONYMS: &str = include_str!("lexicon/demonyms.txt");

/// All word lists, parsed.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Known names as written ("U.N. Security Council"), words separated by one space.
    names: FxHashMap<String, Label>,
    /// The same names in lower case, for all-capitals headlines.
    folded_names: FxHashMap<String, Label>,
    /// Given names as written ("Vladimir"), the ones the name tagger's features read.
    first_names: FxHashSet<String>,
    /// Every given name the rules read: those and `lexicon/given_names.txt` ("Stefania", "Woody").
    given_names: FxHashSet<String>,
    /// Person titles in lower case ("president", "secretary-general").
    titles: FxHashSet<String>,
    /// Words that combine with a following title, in lower case ("foreign", "deputy").
    modifiers: FxHashSet<String>,
    /// Common words in lower case that are never names on their own.
    common: FxHashSet<String>,
    /// Head words that end a name and decide its type ("Council" is ORG, "Hall" is FAC).
    heads: FxHashMap<String, Label>,
    /// US states by their names and the abbreviations news copy writes after a place, as printed ("Calif." and
    /// "California" to "California").
    states: FxHashMap<&'static str, &'static str>,
    /// The same names and abbreviations, longest first, so that the first that matches is the longest.
    state_forms: Vec<&'static str>,
    /// Demonyms as written ("Kenyan", "Kenyans"), each with whether it is a plural that names the people.
    demonyms: FxHashMap<&'static str, (&'static str, bool)>,
    /// The largest number of words in one known name.
    max_words: usize,
    /// Every run of leading words, shorter than the whole, of a known name ("Islamic", "Islamic State in"), as
    /// written and in lower case: a lookup that is no such prefix cannot grow into a known name.
    prefixes: FxHashSet<String>,
}

/// The word lists, parsed on first use.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

/// Lines of a list file without comments and blank lines.
fn lines(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Space-separated words of a list file without comment lines.
fn words(list: &str) -> impl Iterator<Item = &str> {
    lines(list).flat_map(str::split_whitespace)
}

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut g = Gazetteer::default();
        for (label, list) in NAME_LISTS {
            for line in lines(list) {
                let key = line.split_whitespace().collect::<Vec<_>>().join(" ");
                g.max_words = g.max_words.max(key.split(' ').count());
                // The first list that names a string wins, so a city that is also a surname stays a place.
                let words: Vec<&str> = key.split(' ').collect();
                for n in 1..words.len() {
                    let prefix = words[..n].join(" ");
                    g.prefixes.insert(prefix.to_lowercase());
                    g.prefixes.insert(prefix);
                }
                g.folded_names.entry(key.to_lowercase()).or_insert(*label);
                g.names.entry(key).or_insert(*label);
            }
        }
        for line in lines(STATES) {
            let mut names = line.split('|').map(str::trim);
            let Some(state) = names.next() else { continue };
            g.states.insert(state, state);
            for abbreviation in names {
                g.states.insert(abbreviation, state);
            }
        }
        g.state_forms = g.states.keys().copied().collect();
        g.state_forms
            .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        for line in lines(DEMONYMS) {
            let mut names = line.split('|').map(str::trim);
            let Some(country) = names.next() else {
                continue;
            };
            let forms: Vec<&str> = names.collect();
            // A plural ("Greeks") names the people; "Swiss" and "Chinese" serve for the country as well.
            for form in &forms {
                let plural = form
                    .strip_suffix('s')
                    .is_some_and(|one| forms.contains(&one));
                g.demonyms.insert(form, (country, plural));
            }
        }
        g.first_names = words(FIRST_NAMES).map(str::to_string).collect();
        g.given_names = words(FIRST_NAMES)
            .chain(words(MORE_GIVEN_NAMES))
            .map(str::to_string)
            .collect();
        g.titles = words(TITLES).map(str::to_string).collect();
        g.modifiers = words(MODIFIERS).map(str::to_string).collect();
        g.common = words(COMMON).map(str::to_string).collect();
        for line in lines(HEADS) {
            let Some((label, list)) = line.split_once(':') else {
                continue;
            };
            let label = match label.trim() {
                "ORG" => Label::Org,
                "FAC" => Label::Fac,
                "LOC" => Label::Loc,
                "GPE" => Label::Gpe,
                "EVENT" => Label::Event,
                _ => continue,
            };
            for word in list.split_whitespace() {
                g.heads.entry(word.to_string()).or_insert(label);
            }
        }
        g
    }

    /// The US state that `written` names or abbreviates, dots included as printed ("Calif." and "California" give
    /// "California"; "Calif" and "Mass" give nothing).
    pub fn state(&self, written: &str) -> Option<&'static str> {
        self.states.get(written).copied()
    }

    /// Whether `word` (as written) is a plural demonym that names a people ("Kenyans", "Albanians"), by
    /// `lexicon/demonyms.txt`.
    pub fn is_people(&self, word: &str) -> bool {
        self.demonyms.get(word).is_some_and(|d| d.1)
    }

    /// Whether `word` (as written) is a singular demonym ("Kenyan", "Bosnian", "Swiss").
    pub fn is_nationality(&self, word: &str) -> bool {
        self.demonyms.get(word).is_some_and(|d| !d.1)
    }

    /// Every demonym of `lexicon/demonyms.txt` as written, with its country's name and whether it is a plural that
    /// names the people ("Kenyans" gives "Kenya" and `true`).
    pub fn demonyms(&self) -> impl Iterator<Item = (&'static str, &'static str, bool)> + '_ {
        self.demonyms
            .iter()
            .map(|(demonym, (country, plural))| (*demonym, *country, *plural))
    }

    /// The states' names and abbreviations as printed, longest first.
    pub fn state_names(&self) -> &[&'static str] {
        &self.state_forms
    }

    /// The label of a known name written exactly as `name` (words separated by one space).
    pub fn name(&self, name: &str) -> Option<Label> {
        self.names.get(name).copied()
    }

    /// The label of a known name in lower case, for text written in capitals.
    pub fn folded_name(&self, lower: &str) -> Option<Label> {
        self.folded_names.get(lower).copied()
    }

    /// Whether the lists know the name as written or in lower case.
    pub fn knows(&self, name: &str) -> bool {
        self.name(name).is_some() || self.folded_name(&name.to_lowercase()).is_some()
    }

    /// Whether some known name starts with `words` and goes on (as written, or in lower case).
    pub fn continues(&self, words: &str) -> bool {
        self.prefixes.contains(words)
    }

    /// Whether `word` (as written) is a common given name.
    pub fn is_first_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }

    /// Whether `word` is one of the given names the name tagger was trained with (`lexicon/first_names.txt`): its
    /// features must read the lists it learned from.
    pub fn is_tagger_first_name(&self, word: &str) -> bool {
        self.first_names.contains(word)
    }

    /// Whether `surface` is a given name and one more word, the given name not also a known place ("Jim Press",
    /// not "Victoria Police"): a person, even when the second word heads organisations.
    pub fn is_given_and_surname(&self, surface: &str) -> bool {
        surface.split_once(' ').is_some_and(|(first, rest)| {
            self.is_first_name(first) && self.name(first).is_none() && !rest.contains(' ')
        })
    }

    /// Whether `lower` is a person title such as "president" or "spokesman".
    pub fn is_title(&self, lower: &str) -> bool {
        self.titles.contains(lower)
    }

    /// Whether `lower` combines with a following title ("foreign" in "Foreign Minister").
    pub fn is_modifier(&self, lower: &str) -> bool {
        self.modifiers.contains(lower)
    }

    /// Whether `lower` is a common word that is never a name on its own.
    pub fn is_common(&self, lower: &str) -> bool {
        self.common.contains(lower)
    }

    /// The type a name takes when it ends in `word` ("Council", "Airport").
    pub fn head(&self, word: &str) -> Option<Label> {
        self.heads.get(word).copied()
    }

    /// The largest number of words in one known name.
    pub fn max_words(&self) -> usize {
        self.max_words
    }
}
