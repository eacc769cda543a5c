//! Figures: numbers with their qualifier, counted noun and the measure they report.
//!
//! Each sentence is read once, token by token. At every number ([`super::numbers`]) a few tokens
//! on either side decide what it counts, in this order: a counted noun that names the measure
//! ("137 deaths"), a cue right after the number with the noun elided ("over 100 wounded"),
//! a cue adjective before the noun ("two injured officers"), a verb or toll before the number
//! ("killed 93 people", "the death toll rose to 144"), and a cue after the noun ("144 people dead",
//! "11 men were detained"). Nouns of event quantities ("homes", "flights", "hostages"), magnitudes
//! and money give labelled [`Measure::Other`] figures.
//! The cue after the noun is looked for over the clause, not only the next words: an appositive or a bracket
//! ("two managers, Paul Riva and Alan Steinberg, were wounded"), quotation marks, a last conjunct without a number
//! ("two men, three women and a child were killed") and "after being evacuated" later in the clause are crossed.
//! Counts without a cue that add up to an earlier figure break it down and take its measure ("captured 23 pirates"
//! ... "12 are Somali and 11 Yemeni"); a part with no measure of its own ("four of them", "including three",
//! "seven bullets — three to the back") belongs to the nearest whole before it in the sentence.
//! A bare "one" is a figure only when a cue says what happened to it ("killing one", "one is confirmed dead").
//! A number with none of these is not a figure: years, dates, times, ages, durations, identifiers,
//! percentages other than shares of damage, and "one of the attackers" are dropped rather than shown as
//! invented figures.
//! Ambiguous words become labelled `Other` figures rather than guesses: "casualties" (killed and
//! injured together in most usage), "victims" without a cue, "survivors", "rescued" and "shot"
//! (which counts the dead and the injured together).
//! A count with no cue is still a figure when it counts people or a plural noun ("more than 50
//! firefighters", "seven AK-47s", "about 130 people"): fact-checkers compare crowd sizes, responders and
//! things seized across reports. It gets a label per kind ("firefighters", "fire engines", "weapons",
//! "police officers") so that differently worded reports share a slot, and it takes the measure of an earlier
//! figure it restates ("captured 23 pirates" ... "the 23 pirates"). It is dropped when it describes someone
//! ("his two sons"), refers to known things ("the two banks"), gives a population or firm size ("a town of
//! 15,000 people"), is distributive, a bare "one", or in a question. "several", "a few" and "a handful" are
//! not figures: nothing can be compared with them. This follows `tests/fixtures/figures_gold/README.md`.
//! Work is linear in tokens: every number looks at a bounded window.

use super::attribution;
use super::model::{Figure, Measure, Qualifier, Segments, Span, Token, TokenKind};
use super::numbers::{self, Number, NumberForm};

/// Finds the figures in the segmented text: sorted by offset.
///
/// Spans are byte offsets into `text` on char boundaries. `subset_of` always points to an earlier
/// figure of the returned list, so indices stay valid for the caller.
///
/// # Examples
/// ```
/// use corroborate::analysis::{figures, segment, Measure, Qualifier, Span};
/// let text = "The blast killed at least 93 people, including three children.";
/// let found = figures::extract(text, &segment(text, Span::new(0, text.len())));
/// assert_eq!(found.len(), 2);
/// assert_eq!(found[0].measure, Measure::Killed);
/// assert_eq!(found[0].qualifier, Qualifier::AtLeast);
/// assert_eq!(found[0].span.of(text), "at least 93 people");
/// assert_eq!(found[1].subset_of, Some(0));
/// ```
pub fn extract(text: &str, segments: &Segments) -> Vec<Figure> {
    // ASCII lower-casing keeps every byte offset, so spans index both strings alike.
    let lower = text.to_ascii_lowercase();
    let mut out: Vec<Figure> = Vec::new();
    // Whether each figure of `out` is a plain count (no cue), which a restatement rule may still resolve.
    let mut plain: Vec<bool> = Vec::new();
    for (sentence_idx, _) in segments.sentences.iter().enumerate() {
        let toks = segments.sentence_tokens(sentence_idx);
        if !toks
            .iter()
            .any(|t| t.kind == TokenKind::Number || t.kind == TokenKind::Word)
        {
            continue;
        }
        let ctx = Ctx {
            text,
            lower: &lower,
            toks,
            words: toks.iter().map(|t| t.span.of(&lower)).collect(),
        };
        let mut cands: Vec<Cand> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let Some(num) = numbers::parse_at(&lower, toks, i) else {
                i += 1;
                continue;
            };
            i = num.end.max(i + 1);
            let inner = (ctx.w(num.end) == "of" && ctx.w(num.end + 1) == "the")
                .then_some(num.end + 2)
                .filter(|&k| numbers::parse_at(&lower, toks, k).is_some());
            if let Some(c) = read_candidate(&ctx, num) {
                // "30 of the 80 wounded": the whole (80) is read as a figure of its own.
                i = inner.unwrap_or(i.max(c.end_tok));
                cands.push(c);
            }
        }
        if cands.is_empty() {
            continue;
        }
        coordinate(&ctx, &mut cands);
        let attribution = attribution::find_all(text, toks)
            .into_iter()
            .next()
            .map(|a| a.source);
        emit(&ctx, cands, sentence_idx, attribution, &mut out, &mut plain);
    }
    restatements(&lower, &mut out, &plain);
    out
}

/// The head noun of a figure's unit, lower-cased ("heavily armed Somali pirates" gives "pirates").
fn head_noun(unit: &str) -> String {
    unit.rsplit(|c: char| c.is_whitespace() || c == '-')
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Plain counts that restate an earlier figure take its measure: after "the navy captured 23 pirates",
/// "the 23 pirates" and "Twenty-three personnel" are the arrested. The earlier figure must have the same
/// value and count the same noun, or people in both. Small counts are common, so "two" or "three" restates only
/// after a determiner ("the two wounded men"); "two officers" elsewhere may be another pair.
fn restatements(lower: &str, out: &mut [Figure], plain: &[bool]) {
    for i in 0..out.len() {
        if !plain.get(i).copied().unwrap_or(false) || out[i].value.is_none_or(|v| v < 2.0) {
            continue;
        }
        let determiner = lower
            .get(..out[i].span.start)
            .and_then(|s| s.split_whitespace().next_back())
            .is_some_and(|w| matches!(w, "the" | "these" | "those" | "all" | "both"));
        if out[i].value.is_some_and(|v| v < 4.0) && !determiner {
            continue;
        }
        let head = head_noun(&out[i].unit);
        let earlier = (0..i).rev().find(|&j| {
            let f = &out[j];
            let other_head = head_noun(&f.unit);
            f.measure != Measure::Other
                && f.value == out[i].value
                && f.qualifier == out[i].qualifier
                && (other_head == head
                    || (person_noun(&head) && (person_noun(&other_head) || other_head.is_empty())))
        });
        if let Some(j) = earlier {
            let (measure, label) = (out[j].measure, out[j].label.clone());
            out[i].measure = measure;
            out[i].label = label;
        }
    }
}

/// One sentence being read: original text, its tokens and their lower-cased words.
struct Ctx<'a> {
    text: &'a str,
    lower: &'a str,
    toks: &'a [Token],
    words: Vec<&'a str>,
}

impl Ctx<'_> {
    /// Lower-cased word `k`, or `""` when out of range.
    fn w(&self, k: usize) -> &str {
        self.words.get(k).copied().unwrap_or("")
    }

    /// The lower-case word `d` tokens before token `k`, or "" before the start.
    fn w_before(&self, k: usize, d: usize) -> &str {
        k.checked_sub(d).map_or("", |p| self.w(p))
    }

    /// Whether token `k` is glued to the token before it.
    fn glued(&self, k: usize) -> bool {
        match (
            k.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(k),
        ) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    fn kind(&self, k: usize) -> Option<TokenKind> {
        self.toks.get(k).map(|t| t.kind)
    }

    /// Whether token `k` starts with an upper-case letter in the original text.
    fn capitalized(&self, k: usize) -> bool {
        self.toks
            .get(k)
            .and_then(|t| t.span.of(self.text).chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// Span from the start of token `a` to the end of token `b - 1`.
    fn span(&self, a: usize, b: usize) -> Span {
        match (
            self.toks.get(a),
            b.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(x), Some(y)) if y.span.end >= x.span.start => Span::new(x.span.start, y.span.end),
            _ => Span::default(),
        }
    }
}

/// How a candidate's measure was decided; coordination copies measures along these links.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The counted noun or a cue right at the number.
    Local,
    /// A verb or toll before the number.
    Before,
    /// A cue after the noun.
    After,
    /// A labelled `Other` quantity.
    Labelled,
    /// Nothing yet.
    Unknown,
}

/// Why a candidate may be part of an earlier figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    None,
    /// "including", "among", "of whom".
    Include,
    /// "with four directly linked".
    With,
    /// "four of them".
    OfThem,
}

/// What follows the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitKind {
    /// No noun: "over 100 wounded", "killed 5".
    Elided,
    /// A noun for people ("people", "children").
    Person,
    /// A noun that names a measure ("deaths", "injuries").
    MeasureNoun,
    /// A noun for people that is also an event quantity ("gunmen", "hostages").
    PersonOther,
    /// A noun for an event quantity that is not people ("homes", "flights").
    Thing,
    /// An unknown plural noun ("hikers"): a verb before it may count it.
    Unknown,
}

/// A number read in context, before subsets and coordination are settled.
struct Cand {
    measure: Option<Measure>,
    label: Option<String>,
    source: Source,
    marker: Marker,
    unit_kind: UnitKind,
    qualifier: Qualifier,
    num: Number,
    unit: Span,
    span: Span,
    /// First token of the whole expression.
    first_tok: usize,
    /// One past its last token.
    end_tok: usize,
    /// The label of a plain count ("50 firefighters", "seven rifles") when no cue gives a measure;
    /// applied after coordination and subsets, so that "two women and one man died" still reads as killed.
    fallback: Option<String>,
}

/// A cue word's measure and detail.
type Cue = (Measure, Option<&'static str>);

/// Cue words with their measure; `detail` names a variant ("detained") shown to the reader.
fn cue(w: &str) -> Option<Cue> {
    use Measure::*;
    Some(match w {
        "killed" | "killing" | "kills" | "kill" | "dead" | "died" | "dies" | "die" | "deaths"
        | "death" | "fatalities" | "fatality" | "perished" | "toll" | "lives" => (Killed, None),
        "injured" | "injuring" | "injures" | "injure" | "wounded" | "wounding" | "wounds"
        | "hurt" | "hurting" | "injuries" | "injury" => (Injured, None),
        "hospitalised" | "hospitalized" | "hospitalisations" | "hospitalizations" => {
            (Injured, Some("hospitalised"))
        }
        "missing" | "unaccounted" => (Missing, None),
        "arrested" | "arresting" | "arrests" | "arrest" => (Arrested, None),
        "detained" | "detaining" | "detains" | "detainees" | "detention" => {
            (Arrested, Some("detained"))
        }
        "charged" => (Arrested, Some("charged")),
        // People who surrender to police or troops are taken into custody.
        "surrendered" => (Arrested, Some("surrendered")),
        "apprehended" => (Arrested, Some("apprehended")),
        "evacuated" | "evacuating" | "evacuees" | "evacuation" | "evacuate" => (Evacuated, None),
        "displaced" | "displacing" => (Evacuated, Some("displaced")),
        "homeless" => (Evacuated, Some("homeless")),
        "fled" | "fleeing" => (Evacuated, Some("fled")),
        _ => return None,
    })
}

/// Verbs of capture, which count people arrested ("captured 23 pirates", "nabbed 12 suspects") but also
/// things seized ("seized seven rifles"): they are read only before a noun that is not a thing, and
/// "seized" only before people.
fn capture_cue(w: &str, unit: UnitKind) -> Option<Cue> {
    let person = matches!(
        unit,
        UnitKind::Person | UnitKind::PersonOther | UnitKind::Elided
    );
    match w {
        "captured" | "capturing" | "captures" | "nabbed" | "nab" | "nabbing" | "caught" => {
            Some((Measure::Arrested, Some("captured")))
        }
        "seized" | "seizing" if person => Some((Measure::Arrested, Some("captured"))),
        _ => None,
    }
}

/// Cues that can stand right after a number with the noun elided ("100 wounded", "11 detained").
fn elided_cue(w: &str) -> Option<Cue> {
    match w {
        "dead" | "killed" | "died" | "perished" | "injured" | "wounded" | "hurt" | "missing"
        | "arrested" | "detained" | "charged" | "evacuated" | "displaced" | "homeless"
        | "hospitalised" | "hospitalized" | "fled" => cue(w),
        _ => None,
    }
}

/// Cues that can modify a following noun ("two injured officers", "500 displaced families").
fn modifier_cue(w: &str) -> Option<Cue> {
    match w {
        "dead" | "injured" | "wounded" | "missing" | "detained" | "arrested" | "evacuated"
        | "displaced" | "homeless" | "hospitalised" | "hospitalized" => cue(w),
        _ => None,
    }
}

/// Nouns that name a measure when counted ("137 deaths", "93 lives").
fn measure_noun(w: &str) -> Option<Cue> {
    match w {
        "deaths" | "fatalities" | "lives" | "bodies" | "corpses" | "dead" => {
            Some((Measure::Killed, None))
        }
        "injuries" | "injured" | "wounded" => Some((Measure::Injured, None)),
        "arrests" | "arrest" => Some((Measure::Arrested, None)),
        "detainees" => Some((Measure::Arrested, Some("detained"))),
        "evacuees" => Some((Measure::Evacuated, None)),
        _ => None,
    }
}

/// Nouns for people, which a cue may count.
#[rustfmt::skip]
fn person_noun(w: &str) -> bool {
    matches!(w, "people" | "persons" | "person" | "individuals" | "individual" | "civilians" | "civilian"
        | "children" | "child" | "kids" | "boys" | "girls" | "boy" | "girl" | "women" | "woman" | "men"
        | "man" | "adults" | "students" | "student" | "pupils" | "teachers" | "soldiers" | "soldier"
        | "officers" | "officer" | "policemen" | "policeman" | "policewomen" | "firefighters" | "firefighter"
        | "workers" | "worker" | "employees" | "staff" | "passengers" | "passenger" | "residents"
        | "villagers" | "tourists" | "visitors" | "pilgrims" | "worshippers" | "worshipers" | "fans"
        | "spectators" | "concertgoers" | "shoppers" | "guests" | "patients" | "miners" | "migrants"
        | "refugees" | "protesters" | "protestors" | "demonstrators" | "suspects" | "suspect" | "militants"
        | "insurgents" | "rebels" | "fighters" | "terrorists" | "bombers" | "servicemen" | "personnel"
        | "crew" | "members" | "citizens" | "nationals" | "foreigners" | "others" | "journalists" | "infants"
        | "babies" | "toddlers" | "teenagers" | "teens" | "youths" | "bystanders" | "pedestrians"
        | "motorists" | "drivers" | "climbers" | "hikers" | "fishermen" | "sailors" | "marines" | "guards"
        | "inmates" | "prisoners" | "relatives" | "families" | "family" | "americans" | "britons" | "minors"
        | "players" | "doctors" | "nurses" | "medics" | "volunteers" | "agents" | "troopers" | "deputies"
        | "hostage" | "victim" | "survivor" | "member" | "crewman" | "crewmen" | "resident" | "tourist"
        | "pilot" | "pilots" | "driver" | "nurse" | "doctor" | "teacher" | "trooper" | "deputy" | "journalist"
        | "protester" | "prisoner" | "inmate" | "migrant" | "refugee" | "baby" | "infant" | "teenager"
        | "teen" | "youth" | "villager" | "sons" | "daughters" | "brothers" | "sisters" | "coworkers"
        | "co-workers" | "colleagues" | "pirates" | "robbers" | "gangsters" | "peacekeepers" | "seafarers" | "cops"
        | "managers" | "partners" | "bosses" | "executives" | "officials" | "witnesses" | "rioters" | "mourners"
        | "marchers" | "looters" | "commandos" | "firemen" | "rescuers" | "smugglers" | "raiders" | "gunmen"
        | "customer" | "customers" | "rioter" | "shopper" | "employee" | "witness" | "bystander" | "pedestrian")
}

/// Nouns that are event quantities in their own right; the bool says whether they count people,
/// in which case a measure cue takes precedence ("three gunmen were killed").
fn other_noun(w: &str) -> Option<(&'static str, bool)> {
    Some(match w {
        "hostages" | "hostage" => ("hostages", true),
        "troops" => ("troops", true),
        "gunmen" | "gunman" => ("gunmen", true),
        "attackers" | "attacker" | "assailants" | "assailant" => ("attackers", true),
        "victims" | "victim" => ("victims", true),
        "survivors" | "survivor" => ("survivors", true),
        "casualties" => ("casualties", false),
        "homes" => ("homes", false),
        "houses" => ("houses", false),
        "buildings" => ("buildings", false),
        "structures" => ("structures", false),
        "apartments" => ("apartments", false),
        "dwellings" => ("dwellings", false),
        "vehicles" => ("vehicles", false),
        "cars" => ("cars", false),
        "flights" => ("flights", false),
        "aftershocks" => ("aftershocks", false),
        "rockets" => ("rockets", false),
        "missiles" => ("missiles", false),
        "drones" => ("drones", false),
        "explosions" | "blasts" => ("explosions", false),
        "bombs" => ("bombs", false),
        "shots" | "rounds" | "round" | "gunshots" => ("shots", false),
        "bullets" | "bullet" => ("bullets", false),
        "devices" | "device" | "ieds" | "ied" => ("devices", false),
        "schools" => ("schools", false),
        // Things seized, deployed or damaged, under one label per kind so that articles naming them
        // differently ("seven rifles", "seven AK-47s") share a slot.
        "boats" | "speedboats" | "skiffs" | "dhows" | "dinghies" => ("boats", false),
        "vessels" | "ships" | "tankers" | "freighters" => ("vessels", false),
        "warships" | "frigates" | "destroyers" | "gunboats" => ("warships", false),
        "rifles" | "guns" | "pistols" | "handguns" | "shotguns" | "weapons" | "firearms"
        | "launchers" | "launcher" | "ak-47s" | "revolvers" | "rifle" | "pistol" | "revolver" => {
            ("weapons", false)
        }
        "grenades" => ("grenades", false),
        "magazines" => ("magazines", false),
        "shells" | "cartridges" => ("shells", false),
        "engines" | "tenders" | "appliances" | "pumps" => ("fire engines", false),
        "helicopters" | "choppers" => ("helicopters", false),
        "tents" => ("tents", false),
        "villages" | "hamlets" => ("villages", false),
        "attacks" => ("attacks", false),
        "counts" | "charges" | "count" | "charge" => ("charges", false),
        "lawsuits" => ("lawsuits", false),
        "motors" => ("motors", false),
        _ => return None,
    })
}

/// Singular nouns of [`other_noun`], which count only after "one" ("one round", "one count of fleeing").
const SINGULAR_THINGS: &[&str] = &[
    "round", "bullet", "device", "ied", "launcher", "rifle", "pistol", "revolver", "count",
    "charge",
];

/// Units of time: a number of them is a duration or an age, never a count of the event.
#[rustfmt::skip]
fn time_unit(w: &str) -> bool {
    matches!(w, "year" | "years" | "yr" | "yrs" | "month" | "months" | "week" | "weeks" | "day" | "days"
        | "hour" | "hours" | "hrs" | "minute" | "minutes" | "mins" | "min" | "second" | "seconds" | "secs"
        | "decade" | "decades" | "century" | "centuries" | "night" | "nights" | "am" | "pm" | "a.m" | "p.m"
        | "o'clock" | "gmt" | "utc" | "old" | "times" | "th" | "st" | "nd" | "rd" | "weekend" | "weekends"
        | "term" | "terms")
}

/// Units of measurement and other nouns whose counts are never event figures.
#[rustfmt::skip]
fn blocked_noun(w: &str) -> bool {
    matches!(w, "%" | "percent" | "per" | "pc" | "percentage" | "km" | "kilometres" | "kilometers"
        | "kilometre" | "kilometer" | "miles" | "mile" | "mph" | "kph" | "metres" | "meters" | "metre"
        | "meter" | "m" | "ft" | "feet" | "foot" | "inches" | "cm" | "mm" | "kg" | "kilograms" | "tonnes"
        | "tons" | "pounds" | "lb" | "lbs" | "litres" | "liters" | "degrees" | "acres" | "hectares" | "sq"
        | "square" | "countries" | "country" | "nations" | "sides" | "side" | "cities" | "states" | "points"
        | "goals" | "votes" | "seats" | "places" | "steps" | "stories" | "storeys" | "floors" | "pages"
        | "times" | "ways" | "parties" | "groups" | "teams" | "things" | "reasons" | "questions" | "issues"
        | "ago" | "laps" | "occasions" | "fronts" | "languages" | "sources" | "incidents" | "blocks" | "yards"
        | "seconds" | "caliber" | "calibre" | "gauge" | "magnum")
}

/// Words that end a noun phrase when looking for the counted noun.
#[rustfmt::skip]
fn stop_word(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "of" | "in" | "on" | "at" | "to" | "from" | "by" | "with" | "and" | "or"
        | "but" | "were" | "was" | "is" | "are" | "have" | "has" | "had" | "been" | "be" | "who" | "that"
        | "which" | "this" | "these" | "those" | "as" | "than" | "for" | "after" | "before" | "during"
        | "since" | "when" | "while" | "said" | "say" | "says" | "it" | "they" | "he" | "she" | "their"
        | "its" | "his" | "her" | "into" | "including" | "among" | "near" | "across" | "over" | "under"
        | "inside" | "outside" | "remain" | "remained" | "remains" | "still" | "also" | "all" | "each" | "per"
        | "there" | "here" | "not" | "will" | "would" | "could" | "may" | "might" | "can" | "did" | "do")
}

/// Words allowed between a cue after the number and the number's noun ("were reportedly killed").
#[rustfmt::skip]
fn aux_word(w: &str) -> bool {
    matches!(w, "were" | "was" | "are" | "is" | "have" | "has" | "had" | "been" | "being" | "be"
        | "reportedly" | "reported" | "confirmed" | "later" | "also" | "all" | "so" | "far" | "now" | "still"
        | "already" | "believed" | "feared" | "thought" | "presumed" | "known" | "to" | "who" | "initially"
        | "subsequently" | "eventually" | "remain" | "remained" | "remains" | "listed" | "as" | "left"
        | "found" | "officially" | "either" | "both" | "allegedly" | "apparently" | "since" | "may" | "might"
        | "could" | "would" | "will" | "probably" | "likely" | "not" | "yet")
}

/// Verbs among [`aux_word`]: an unknown noun needs one of them before a cue ("two hikers were killed").
#[rustfmt::skip]
fn verb_aux(w: &str) -> bool {
    matches!(w, "were" | "was" | "are" | "is" | "have" | "has" | "had" | "been" | "being" | "be" | "remain"
        | "remained" | "remains")
}

/// Words allowed between a cue before the number and the number ("the death toll has risen to").
#[rustfmt::skip]
fn link_word(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "total" | "of" | "estimated" | "another" | "further" | "additional"
        | "more" | "some" | "all" | "only" | "just" | "reportedly" | "had" | "has" | "have" | "been" | "is"
        | "was" | "were" | "are" | "now" | "rose" | "risen" | "rises" | "climbed" | "climbs" | "reached"
        | "reaches" | "hit" | "stood" | "stands" | "stand" | "increased" | "jumped" | "soared" | "grew"
        | "grown" | "passed" | "topped" | "exceeded" | "surpassed" | "put" | "puts" | "at" | "to" | "from"
        | "officially" | "already" | "confirmed" | "revised" | "raised" | "up" | "number" | "tally" | "count"
        | "figure" | "stood," | "provisional" | "official" | "overall" | "latest" | "least" | "nearly"
        | "almost" | "initial" | "preliminary" | "upward" | "upwards" | "toll:" | "reportedly," | "later"
        | "other")
}

/// Month names, which make a neighbouring number a date. "may" is checked for a capital separately.
#[rustfmt::skip]
fn month(w: &str) -> bool {
    matches!(w, "january" | "february" | "march" | "april" | "june" | "july" | "august" | "september"
        | "october" | "november" | "december" | "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep"
        | "sept" | "oct" | "nov" | "dec")
}

#[rustfmt::skip]
fn weekday(w: &str) -> bool {
    matches!(w, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")
}

/// Words before a number that make it an identifier ("page 5", "Flight 370").
#[rustfmt::skip]
fn identifier_word(w: &str) -> bool {
    matches!(w, "no" | "nos" | "number" | "page" | "pages" | "p" | "pp" | "section" | "chapter" | "article"
        | "route" | "flight" | "room" | "line" | "platform" | "gate" | "terminal" | "unit" | "level" | "grade"
        | "vol" | "volume" | "paragraph" | "clause" | "item" | "episode" | "season" | "act" | "resolution"
        | "highway" | "road" | "channel" | "bus" | "tower" | "block" | "floor" | "#" | "+" | "version"
        | "category" | "phase" | "stage" | "hall" | "gen" | "tel" | "call" | "phone" | "ext" | "code" | "aged"
        | "age" | "ages" | "both" | "top" | "mr" | "covid" | "ward" | "district" | "zone" | "sector")
}

/// Currency symbols and words, for money figures.
#[rustfmt::skip]
fn currency(w: &str) -> bool {
    matches!(w, "$" | "£" | "€" | "¥" | "₹" | "₽" | "dollars" | "dollar" | "euros" | "euro" | "pounds"
        | "rubles" | "roubles" | "yuan" | "yen" | "rupees" | "francs" | "usd" | "eur" | "gbp" | "rub" | "lira"
        | "pesos" | "won")
}

/// Qualifiers before a number, longest first, as word sequences.
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["not", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["as", "much", "as"], Qualifier::UpTo),
    (&["a", "maximum", "of"], Qualifier::UpTo),
    (&["an", "estimated"], Qualifier::About),
    (&["at", "least"], Qualifier::AtLeast),
    (&["more", "than"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["close", "to"], Qualifier::About),
    (&["just", "under"], Qualifier::FewerThan),
    (&["up", "to"], Qualifier::UpTo),
    (&["at", "most"], Qualifier::UpTo),
    (&["fewer", "than"], Qualifier::FewerThan),
    (&["less", "than"], Qualifier::FewerThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approx"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["nearly"], Qualifier::About),
    (&["almost"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["~"], Qualifier::About),
    (&["under"], Qualifier::FewerThan),
    (&["below"], Qualifier::FewerThan),
];

/// The qualifier ending right before token `at`, with the token where it starts.
fn qualifier_before(ctx: &Ctx, at: usize, vague: bool) -> (Qualifier, usize) {
    for (words, q) in QUALIFIERS {
        let n = words.len();
        let Some(start) = at.checked_sub(n) else {
            continue;
        };
        if words
            .iter()
            .enumerate()
            .all(|(j, w)| ctx.w(start + j) == *w)
        {
            // "some dozens" is already vague: "some" adds nothing.
            if vague && *q == Qualifier::About {
                return (Qualifier::Exact, start);
            }
            return (*q, start);
        }
    }
    (Qualifier::Exact, at)
}

/// Reads the number `num` in its sentence; `None` when it is not a figure.
fn read_candidate(ctx: &Ctx, num: Number) -> Option<Cand> {
    let a = num.first;
    let b = num.end;
    let vague = num.form == NumberForm::Vague;
    let (mut qualifier, mut first_tok) = qualifier_before(ctx, a, vague);
    let prev = a.checked_sub(1).map(|p| ctx.w(p)).unwrap_or("");
    let next = ctx.w(b);
    let digits = ctx.kind(a) == Some(TokenKind::Number);
    let is_int = num.value.is_some_and(|v| v.fract() == 0.0);

    // Magnitudes: "magnitude 6.2", "magnitude-6.2", "a magnitude of 6.2", "6.2-magnitude", "6.2 magnitude".
    if let Some(c) = magnitude(ctx, &num) {
        return Some(c);
    }
    // Money: "$2 million", "£1.2bn", "2 million dollars".
    if let Some(c) = money(ctx, &num, qualifier, first_tok) {
        return Some(c);
    }
    // Damage shares: "between 40 and 80 percent of the buildings were destroyed".
    if let Some(c) = damage_share(ctx, &num, qualifier, first_tok) {
        return Some(c);
    }
    if num.short_suffix {
        return None;
    }
    // "several", "a few", "a handful": too vague to compare with any count, so not a figure (gold convention).
    if vague && num.low.is_some_and(|l| l < 20.0) {
        return None;
    }
    // "shot seven times": hits, which reports compare ("shot 11 times" against an autopsy's seven bullets).
    if let Some(c) = times_hit(ctx, &num, qualifier, first_tok) {
        return Some(c);
    }
    // Dates, times and identifiers.
    let prev2 = a.checked_sub(2).map(|p| ctx.w(p)).unwrap_or("");
    if month(prev)
        || month(next)
        || (prev == "may" && ctx.capitalized(a - 1))
        || (next == "may" && ctx.capitalized(b))
    {
        return None;
    }
    if matches!(
        next,
        ":" | "/" | "a.m" | "p.m" | "am" | "pm" | "h" | "hrs" | "gmt" | "utc"
    ) && ctx.glued(b)
        || matches!(prev, ":" | "/") && ctx.glued(a)
        || matches!(next, "a.m" | "p.m" | "o'clock" | "gmt" | "utc")
    {
        return None;
    }
    if identifier_word(prev)
        || (prev2 == "age" && prev == "of")
        || (prev2 == "the" && prev == "top")
    {
        return None;
    }
    // Lists of ages: "aged 19, 22 and 25".
    let mut k = a;
    while k > 0
        && (ctx.kind(k - 1) == Some(TokenKind::Number) || matches!(ctx.w(k - 1), "," | "and"))
    {
        k -= 1;
    }
    if k < a && k > 0 && matches!(ctx.w(k - 1), "aged" | "ages" | "age") {
        return None;
    }
    if digits {
        let raw = ctx.toks.get(a).map(|t| t.span.of(ctx.text)).unwrap_or("");
        if (raw.starts_with('0') && raw.len() > 1 && !raw.starts_with("0."))
            || (raw.len() >= 7 && raw.chars().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        // "Flight 370", "COVID-19": a capitalised word (not starting the sentence) or a glued hyphen before digits.
        if a >= 1
            && ctx.kind(a - 1) == Some(TokenKind::Word)
            && ctx.capitalized(a - 1)
            && a - 1 > 0
            && !weekday(prev)
            && cue(prev).is_none()
            && first_tok == a
        {
            return None;
        }
        if prev == "-"
            && ctx.glued(a)
            && a >= 2
            && ctx.glued(a - 1)
            && ctx.kind(a - 2) == Some(TokenKind::Word)
        {
            return None;
        }
    }
    // "one of the attackers", "one another": "one" as a pronoun. "four of them" is a subset.
    let mut marker = Marker::None;
    let mut unit_from = b;
    if next == "of"
        && matches!(
            ctx.w(b + 1),
            "them" | "whom" | "those" | "these" | "us" | "which"
        )
    {
        if num.value == Some(1.0) {
            return None;
        }
        marker = Marker::OfThem;
        unit_from = b + 2;
    } else if num.value == Some(1.0) && matches!(next, "of" | "another" | "day" | "time") {
        return None;
    } else if next == "of" && matches!(ctx.w(b + 1), "the" | "those" | "these" | "their" | "our") {
        // "two of the three victims died": the first number is what the verb counts, the noun is shared.
        unit_from = b + 2;
        if ctx.kind(unit_from) == Some(TokenKind::Number)
            || numbers::parse_at(ctx.lower, ctx.toks, unit_from).is_some()
        {
            if let Some(inner) = numbers::parse_at(ctx.lower, ctx.toks, unit_from) {
                unit_from = inner.end;
            }
        }
    }
    // "100-plus".
    if next == "-" && ctx.glued(b) && ctx.w(b + 1) == "plus" {
        qualifier = Qualifier::MoreThan;
        unit_from = b + 2;
    } else if next == "-" && time_unit(ctx.w(b + 1)) {
        // "16 - year - old" as tokenised corpora write it.
        return None;
    } else if next == "-"
        && ctx.glued(b)
        && ctx.glued(b + 1)
        && ctx.kind(b + 1) == Some(TokenKind::Word)
    {
        // Hyphen compounds ("55-year-old", "three-day", "10-storey") are adjectives, not counts.
        return None;
    }
    // Postfix qualifiers: "or more", "or so".
    let mut post_end = None;
    if next == "or" && ctx.w(b + 1) == "more" {
        qualifier = Qualifier::AtLeast;
        post_end = Some(b + 2);
        unit_from = b + 2;
    } else if next == "or" && ctx.w(b + 1) == "so" {
        qualifier = Qualifier::About;
        post_end = Some(b + 2);
        unit_from = b + 2;
    }

    let mut unit = if marker == Marker::OfThem {
        UnitScan::elided(unit_from)
    } else {
        scan_unit(ctx, unit_from)?
    };
    // "12 Somali and 11 Yemeni nationals": a capitalised adjective whose head noun is shared with the next
    // conjunct belongs to the first number, so that the two join for coordination.
    if unit.kind == UnitKind::Elided && unit.cue.is_none() && marker == Marker::None {
        let mut k = unit_from;
        while k < unit_from + 2
            && ctx.kind(k) == Some(TokenKind::Word)
            && ctx.capitalized(k)
            && !stop_word(ctx.w(k))
            && !month(ctx.w(k))
            && !weekday(ctx.w(k))
        {
            k += 1;
        }
        if k > unit_from && matches!(ctx.w(k), "and" | "or" | "," | ")") {
            unit.end = k;
            unit.noun = Some(ctx.span(unit_from, k));
        }
    }
    // "five buildings away": a distance.
    if matches!(ctx.w(unit.end), "away" | "apart") {
        return None;
    }
    // Numbers between commas with no noun are appositive ages ("Tanya Wilson, 47, died").
    let appositive = matches!(prev, "," | "(")
        && matches!(ctx.w(unit.end), "," | ")")
        && unit.kind == UnitKind::Elided;
    if appositive && is_int && unit.cue.is_none() {
        return None;
    }
    // Years: four bare digits from 1000 to 2100, unless they count a known noun ("1500 people").
    let year_like = digits
        && is_int
        && num.value.is_some_and(|v| (1000.0..=2100.0).contains(&v))
        && ctx.toks.get(a).is_some_and(|t| t.span.len() == 4);
    if year_like && matches!(unit.kind, UnitKind::Elided | UnitKind::Unknown) {
        return None;
    }
    // A bare "one" is a pronoun or an article far more often than a count, unless a cue says what happened to it
    // ("killing one", "one is confirmed dead"); that is settled once the measure is known.
    let bare_one = num.form == NumberForm::Words
        && num.value == Some(1.0)
        && matches!(unit.kind, UnitKind::Elided | UnitKind::Unknown);
    // "No-one was injured": a negation, not a count.
    if num.value == Some(1.0) && prev == "-" && prev2 == "no" {
        return None;
    }
    // A singular noun after a number other than one names a model, not a count: ".357 revolver", "AK 47 rifle".
    if unit.kind == UnitKind::Thing
        && num.value != Some(1.0)
        && unit
            .noun
            .map(|n| head_noun(n.of(ctx.lower)))
            .is_some_and(|h| SINGULAR_THINGS.contains(&h.as_str()))
    {
        return None;
    }

    let span_end = unit
        .noun
        .map(|s| s.end)
        .unwrap_or(post_end.map(|e| ctx.span(a, e).end).unwrap_or(num.span.end));
    let first_tok_span = ctx
        .toks
        .get(first_tok)
        .map(|t| t.span.start)
        .unwrap_or(num.span.start);
    let mut cand = Cand {
        measure: None,
        label: None,
        source: Source::Unknown,
        marker,
        unit_kind: unit.kind,
        qualifier,
        unit: unit.noun.unwrap_or_default(),
        span: Span::new(first_tok_span, span_end.max(num.span.end)),
        first_tok,
        end_tok: unit.end.max(b),
        num,
        fallback: None,
    };
    if cand.marker == Marker::None {
        cand.marker = subset_marker(ctx, first_tok, &unit);
    }

    // The measure, from the closest evidence outwards. The whole in "two of the three victims died" is not what
    // the verb counts: only its part is.
    let partitive_whole = prev == "the"
        && prev2 == "of"
        && a.checked_sub(3)
            .is_some_and(|k| numbers::parse_at(ctx.lower, ctx.toks, k).is_some());
    let after = if partitive_whole {
        None
    } else {
        lookahead(ctx, unit.end, unit.kind)
    };
    match unit.kind {
        UnitKind::MeasureNoun => {
            set(&mut cand, unit.cue, Source::Local);
            // "four prior arrests" are the person's record, not the event's arrests.
            let noun = unit.noun.map(|n| n.of(ctx.lower)).unwrap_or("");
            if cand.measure == Some(Measure::Arrested)
                && ["prior ", "previous ", "earlier ", "past "]
                    .iter()
                    .any(|p| noun.contains(p))
            {
                cand.measure = Some(Measure::Other);
                cand.label = Some("prior arrests".to_string());
                cand.source = Source::Labelled;
            }
        }
        UnitKind::Thing => {
            let mut label =
                thing_label(unit.label.unwrap_or(""), unit.noun.map(|n| n.of(ctx.lower)));
            if let Some(p) = participle_after(ctx, unit.end) {
                label = format!("{label} {p}");
            }
            cand.measure = Some(Measure::Other);
            cand.label = Some(label);
            cand.source = Source::Labelled;
        }
        _ => {
            if unit.cue.is_some() {
                set(&mut cand, unit.cue, Source::Local);
            } else if let Some(c) = lookback(ctx, first_tok, unit.kind) {
                set(&mut cand, Some(c), Source::Before);
            } else if let Some(c) = after
                .is_none()
                .then(|| later_passive(ctx, unit.end, unit.kind))
                .flatten()
            {
                set(&mut cand, Some(c), Source::After);
            } else if let Some(found) = after {
                match found {
                    After::Cue(c) => set(&mut cand, Some(c), Source::After),
                    After::Label(l) => {
                        cand.measure = Some(Measure::Other);
                        cand.label = Some(l.to_string());
                        cand.source = Source::Labelled;
                    }
                }
            } else if let (UnitKind::PersonOther, Some(l)) = (unit.kind, unit.label) {
                cand.measure = Some(Measure::Other);
                cand.label = Some(l.to_string());
                cand.source = Source::Labelled;
            }
        }
    }
    // "With" subsets need a participle after the number ("with four directly linked").
    if cand.marker == Marker::With
        && !(unit.kind == UnitKind::Elided
            && (after.is_some() || participle_after(ctx, unit.end).is_some()))
    {
        cand.marker = Marker::None;
    }
    if first_tok > a {
        first_tok = a;
        cand.first_tok = first_tok;
    }
    // "When one is killed, all of us lose": a condition, not a count.
    let conditional = matches!(prev, "when" | "if" | "whenever" | "once" | "unless");
    if bare_one && (cand.measure.is_none() || cand.source == Source::Labelled || conditional) {
        return None;
    }
    if cand.measure.is_none() {
        cand.fallback = plain_count(ctx, &cand, &unit).or_else(|| crowd(ctx, &cand, &unit));
    }
    let keep = cand.measure.is_some()
        || cand.fallback.is_some()
        || cand.marker != Marker::None
        || matches!(
            unit.kind,
            UnitKind::Person | UnitKind::Elided | UnitKind::PersonOther
        );
    keep.then_some(cand)
}

fn set(cand: &mut Cand, cue: Option<Cue>, source: Source) {
    if let Some((m, detail)) = cue {
        cand.measure = Some(m);
        cand.label = detail.map(str::to_string);
        cand.source = source;
    }
}

/// The counted noun after a number.
struct UnitScan {
    kind: UnitKind,
    /// The noun (with its modifiers from the first one), when there is one.
    noun: Option<Span>,
    /// A cue found at the number or before the noun.
    cue: Option<Cue>,
    /// The label of an `Other` noun.
    label: Option<&'static str>,
    /// The token after the unit, where a cue after it is looked for.
    end: usize,
}

impl UnitScan {
    fn elided(end: usize) -> UnitScan {
        UnitScan {
            kind: UnitKind::Elided,
            noun: None,
            cue: None,
            label: None,
            end,
        }
    }
}

/// Finds the counted noun after token `start`; `None` when the number counts time or a unit of measurement.
fn scan_unit(ctx: &Ctx, start: usize) -> Option<UnitScan> {
    let mut k = start;
    // Vague and scaled amounts take "of": "dozens of people", "thousands of homes".
    if ctx.w(k) == "of" && !matches!(ctx.w(k + 1), "the" | "a" | "an" | "them" | "whom" | "those") {
        k += 1;
    }
    let noun_start = k;
    let mut modifier: Option<Cue> = None;
    for step in 0..4 {
        let Some(kind) = ctx.kind(k) else { break };
        let w = ctx.w(k);
        if kind == TokenKind::Punct {
            // Hyphens inside compound modifiers ("high-profile") are skipped; other punctuation ends the phrase.
            // Tokenised corpora space them out ("12 worst - hit villages"): a spaced hyphen is skipped too when a
            // word follows it.
            let spaced = ctx.kind(k + 1) == Some(TokenKind::Word) && !stop_word(ctx.w(k + 1));
            if w == "-" && ((ctx.glued(k) && ctx.glued(k + 1)) || spaced) && step > 0 {
                k += 1;
                continue;
            }
            if blocked_noun(w) {
                return None;
            }
            break;
        }
        if kind == TokenKind::Number {
            break;
        }
        // Weapon model names: "AK-47s", "AK 47 guns", "M-16 rifles". A short word with a number glued by a hyphen
        // or right after it names a model, so the count is of weapons.
        if w.len() <= 3
            && w.bytes().all(|c| c.is_ascii_alphabetic())
            && ctx.capitalized(k)
            && (ctx.kind(k + 1) == Some(TokenKind::Number)
                || (ctx.w(k + 1) == "-" && ctx.glued(k + 1) && ctx.glued(k + 2)))
        {
            let mut end = k + 1;
            while end < k + 6
                && ctx
                    .kind(end)
                    .is_some_and(|t| t != TokenKind::Word || end == k + 1)
                && !matches!(ctx.w(end), "," | "." | ";" | ")" | "(")
            {
                end += 1;
            }
            // The model's noun may follow: "AK-47 assault rifles".
            let mut j = end;
            while j < end + 3 && ctx.kind(j) == Some(TokenKind::Word) && !stop_word(ctx.w(j)) {
                j += 1;
                if other_noun(ctx.w(j - 1)).is_some() {
                    end = j;
                    break;
                }
            }
            return Some(UnitScan {
                kind: UnitKind::Thing,
                noun: Some(ctx.span(noun_start, end)),
                cue: None,
                label: Some("weapons"),
                end,
            });
        }
        if step == 0 {
            if let Some(c) = elided_cue(w) {
                // "over 100 wounded": the cue is not part of the figure's span. "two injured officers" is a modifier.
                let modifies = (1..=2).any(|d| {
                    let n = ctx.w(k + d);
                    person_noun(n) || other_noun(n).is_some()
                });
                if !modifies {
                    return Some(UnitScan {
                        kind: UnitKind::Elided,
                        noun: None,
                        cue: Some(c),
                        label: None,
                        end: k,
                    });
                }
            }
        }
        if let Some(c) = measure_noun(w) {
            return Some(UnitScan {
                kind: UnitKind::MeasureNoun,
                noun: Some(ctx.span(noun_start, k + 1)),
                cue: Some(c),
                label: None,
                end: k + 1,
            });
        }
        if person_noun(w) {
            // Compounds of person nouns: "crew members", "family members".
            let end = if person_noun(ctx.w(k + 1)) {
                k + 2
            } else {
                k + 1
            };
            let (kind, label) = match other_noun(ctx.w(end - 1)) {
                Some((l, true)) => (UnitKind::PersonOther, Some(l)),
                _ => (UnitKind::Person, None),
            };
            return Some(UnitScan {
                kind,
                noun: Some(ctx.span(noun_start, end)),
                cue: modifier,
                label,
                end,
            });
        }
        // "two rounds of talks" are not shots; "300 rounds of ammunition" are.
        if matches!(w, "round" | "rounds")
            && ctx.w(k + 1) == "of"
            && !matches!(
                ctx.w(k + 2),
                "ammunition" | "ammo" | "gunfire" | "fire" | "bullets" | "shots"
            )
        {
            return None;
        }
        if let Some((label, person)) = other_noun(w) {
            let kind = if person {
                UnitKind::PersonOther
            } else {
                UnitKind::Thing
            };
            return Some(UnitScan {
                kind,
                noun: Some(ctx.span(noun_start, k + 1)),
                cue: modifier,
                label: Some(label),
                end: k + 1,
            });
        }
        if time_unit(w) || blocked_noun(w) {
            return None;
        }
        if let Some(c) = modifier_cue(w) {
            modifier = Some(c);
            k += 1;
            continue;
        }
        // "-ing" words end the phrase ("three killing"), unless they modify a known noun ("two fishing boats").
        let modifies_noun = {
            let n = ctx.w(k + 1);
            other_noun(n).is_some() || person_noun(n)
        };
        if stop_word(w) || (w.ends_with("ing") && !modifies_noun) {
            break;
        }
        // Unknown words: adverbs and participles may modify a noun further on; a plural is a noun.
        let plural = w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("ly");
        // A plural-looking modifier of a known noun ("two plainclothes officers") is not the head.
        if plural && (person_noun(ctx.w(k + 1)) || other_noun(ctx.w(k + 1)).is_some()) {
            k += 1;
            continue;
        }
        if plural {
            return Some(UnitScan {
                kind: UnitKind::Unknown,
                noun: Some(ctx.span(noun_start, k + 1)),
                cue: modifier,
                label: None,
                end: k + 1,
            });
        }
        k += 1;
    }
    // No noun: the unit is elided, and cues are looked for right after the number.
    Some(UnitScan {
        kind: UnitKind::Elided,
        noun: None,
        cue: None,
        label: None,
        end: start,
    })
}

/// What a cue after the noun says.
#[derive(Clone, Copy)]
enum After {
    Cue(Cue),
    Label(&'static str),
}

/// Looks for a cue after the noun, over auxiliaries and adverbs ("144 people dead", "were reportedly killed").
fn lookahead(ctx: &Ctx, start: usize, unit: UnitKind) -> Option<After> {
    let mut k = start;
    let mut saw_verb = false;
    for _ in 0..6 {
        let w = ctx.w(k);
        let next = ctx.w(k + 1);
        match w {
            "lost" if matches!(next, "their" | "lives" | "his" | "her") => {
                return Some(After::Cue((Measure::Killed, None)))
            }
            "in" | "into" if next == "custody" => {
                return Some(After::Cue((Measure::Arrested, Some("in custody"))))
            }
            "taken" | "rushed" | "admitted" | "airlifted" | "sent"
                if matches!(next, "to" | "into") =>
            {
                return match ctx.w(k + 2) {
                    "hospital" | "hospitals" => {
                        Some(After::Cue((Measure::Injured, Some("hospitalised"))))
                    }
                    "custody" => Some(After::Cue((Measure::Arrested, Some("in custody")))),
                    "the" if matches!(ctx.w(k + 3), "hospital" | "hospitals") => {
                        Some(After::Cue((Measure::Injured, Some("hospitalised"))))
                    }
                    _ => None,
                };
            }
            "held" => {
                return if matches!(next, "hostage" | "captive" | "hostages") {
                    Some(After::Label("hostages"))
                } else if !matches!(
                    unit,
                    UnitKind::Person | UnitKind::PersonOther | UnitKind::Elided
                ) {
                    None
                } else if matches!(
                    next,
                    "in" | "by" | "for" | "on" | "after" | "over" | "without" | "."
                ) || saw_verb
                {
                    Some(After::Cue((Measure::Arrested, Some("held"))))
                } else {
                    None
                };
            }
            "shot" => {
                return if next == "dead" {
                    Some(After::Cue((Measure::Killed, None)))
                } else if next == "and" && matches!(ctx.w(k + 2), "killed" | "wounded" | "injured")
                {
                    cue(ctx.w(k + 2)).map(After::Cue)
                } else {
                    Some(After::Label("shot"))
                };
            }
            "rescued" => return Some(After::Label("rescued")),
            // "The two other victims were being treated at the hospital", "underwent surgery for gunshot wounds".
            "treated" if saw_verb && matches!(next, "at" | "in" | "for" | "by") => {
                return Some(After::Cue((Measure::Injured, None)))
            }
            "underwent" | "undergoing" | "undergo"
                if matches!(next, "surgery" | "operations" | "an" | "emergency") =>
            {
                return Some(After::Cue((Measure::Injured, None)))
            }
            // "Two officers suffered minor injuries".
            "suffered" | "sustained" | "received"
                if (1..=3).any(|d| {
                    matches!(ctx.w(k + d), "injuries" | "wounds" | "injury" | "burns")
                }) =>
            {
                return Some(After::Cue((Measure::Injured, None)))
            }
            // "Sixty residents were moved from their homes".
            "moved" | "forced" | "ordered" | "removed" | "relocated" | "rehoused"
                if (1..=4).any(|d| matches!(ctx.w(k + d), "homes" | "houses" | "flats")) =>
            {
                return Some(After::Cue((Measure::Evacuated, None)))
            }
            // "8,000 people had been moved out of the town", "were moved to safety".
            "moved" | "relocated" | "removed" | "taken" | "bused" | "bussed"
                if matches!(next, "out" | "away")
                    || (next == "to"
                        && matches!(
                            ctx.w(k + 2),
                            "safety" | "shelters" | "shelter" | "higher"
                        )) =>
            {
                return Some(After::Cue((Measure::Evacuated, None)))
            }
            // "three of them fatally", "were fatally shot": both say killed.
            // "two officers fatally shot the teenager" is active: the officers did the killing.
            "fatally" | "mortally"
                if matches!(next, "shot" | "stabbed" | "wounded" | "injured")
                    && (matches!(
                        ctx.w(k + 2),
                        "the" | "a" | "an" | "him" | "her" | "them" | "his" | "their"
                    ) || ctx.capitalized(k + 2)) =>
            {
                return None
            }
            "fatally" | "mortally" => return Some(After::Cue((Measure::Killed, None))),
            // "Two suspects aged 19 and 25 were arrested": the ages are skipped.
            "aged" => {
                k += 1;
                while matches!(ctx.kind(k), Some(TokenKind::Number))
                    || matches!(ctx.w(k), "," | "and" | "to")
                {
                    k += 1;
                }
                continue;
            }
            _ => {}
        }
        // "one person had been attacked": passive assault verbs label the people counted.
        if matches!(unit, UnitKind::Person) && saw_verb && !w.ends_with("ing") {
            if let Some(c) = assault_cue(w) {
                return Some(After::Cue(c));
            }
        }
        // Quotation marks do not end the clause: "two men, believed to be "managers," underwent surgery".
        if matches!(w, "\"" | "“" | "”" | "'" | "‘" | "’") && k > start {
            k += 1;
            continue;
        }
        // A last conjunct with no number shares the predicate: "two men, three women and a child were killed".
        if k == start
            && w == "and"
            && matches!(next, "a" | "an" | "the" | "his" | "her" | "their" | "its")
        {
            let mut j = k + 2;
            while j < k + 5
                && ctx.kind(j) == Some(TokenKind::Word)
                && !aux_word(ctx.w(j))
                && cue(ctx.w(j)).is_none()
                && !stop_word(ctx.w(j))
            {
                j += 1;
            }
            if j > k + 2 && verb_aux(ctx.w(j)) {
                k = j;
                continue;
            }
        }
        // An appositive or a bracket right after the noun is skipped once: "two managers, Paul Riva and Alan
        // Steinberg, were wounded".
        if k == start {
            if let Some(j) = skip_aside(ctx, k) {
                k = j;
                continue;
            }
        }
        if let Some(c) = cue(w) {
            // A noun of unknown kind needs a verb or an adjacent participle ("two hikers were killed",
            // "23 sailors arrested"), so that "the 2013 attack killed" does not count the attack.
            let ok = match unit {
                UnitKind::Unknown => saw_verb || (k == start && w.ends_with("ed")),
                _ => true,
            };
            // "charged that ...", "reported missing that ..." are verbs of saying.
            if next == "that" {
                return None;
            }
            // Active verbs ("killing", "kills") after the subject are not passive cues.
            let passive = (w == "missing" || !w.ends_with("ing"))
                && !matches!(
                    w,
                    "kills"
                        | "kill"
                        | "toll"
                        | "death"
                        | "injury"
                        | "arrest"
                        | "evacuation"
                        | "detention"
                );
            return (ok && passive).then_some(After::Cue(c));
        }
        if aux_word(w) || (w.len() > 4 && w.ends_with("ly")) {
            saw_verb |= verb_aux(w);
            k += 1;
            continue;
        }
        // A short place phrase after people: "two people from the village were hurt".
        if k == start
            && matches!(unit, UnitKind::Person)
            && matches!(
                w,
                "from" | "in" | "at" | "on" | "near" | "aboard" | "inside"
            )
        {
            let mut j = k + 1;
            while j < k + 4
                && ctx.kind(j) == Some(TokenKind::Word)
                && !aux_word(ctx.w(j))
                && cue(ctx.w(j)).is_none()
            {
                j += 1;
            }
            if j > k + 1 && (aux_word(ctx.w(j)) || cue(ctx.w(j)).is_some()) {
                k = j;
                continue;
            }
        }
        break;
    }
    None
}

/// A passive cue later in the clause of people it counts: "Around 60 people spent the night in a school after being
/// evacuated from their homes". Only "after/before/when/while being <cue>" and "having been <cue>" are read, which
/// can only describe the clause's subject; the clause ends at a semicolon, a new number or a verb of saying.
fn later_passive(ctx: &Ctx, start: usize, unit: UnitKind) -> Option<Cue> {
    if !matches!(unit, UnitKind::Person | UnitKind::PersonOther) {
        return None;
    }
    let end = start.saturating_add(20).min(ctx.words.len());
    for k in start..end {
        let w = ctx.w(k);
        if matches!(w, ";" | ":" | "—") || ctx.kind(k) == Some(TokenKind::Number) || said_verb(w)
        {
            return None;
        }
        let participle = match (w, ctx.w(k + 1)) {
            ("after" | "before" | "when" | "while", "being") => k + 2,
            ("having", "been") => k + 2,
            _ => continue,
        };
        let p = ctx.w(participle);
        if p.ends_with("ed") || matches!(p, "hurt" | "held") {
            return cue(p);
        }
    }
    None
}

/// A past participle after the noun, for labels ("homes destroyed", "flights cancelled").
fn participle_after(ctx: &Ctx, start: usize) -> Option<&'static str> {
    let mut k = start;
    for _ in 0..4 {
        let w = ctx.w(k);
        if aux_word(w) || (w.len() > 4 && w.ends_with("ly")) {
            k += 1;
            continue;
        }
        return PARTICIPLES.iter().find(|p| **p == w).copied();
    }
    None
}

/// Participles that name what happened to counted things.
#[rustfmt::skip]
const PARTICIPLES: &[&str] = &[
    "destroyed", "damaged", "collapsed", "flattened", "razed", "burned", "burnt", "cancelled", "canceled",
    "delayed", "grounded", "diverted", "evacuated", "seized", "fired", "launched", "intercepted", "recorded",
    "linked", "connected", "involved", "affected", "released", "freed", "taken", "abducted", "kidnapped",
    "deployed",
];

/// Verbs of assault, which make the people they count a labelled quantity ("one person had been attacked").
fn assault_cue(w: &str) -> Option<Cue> {
    matches!(
        w,
        "assaulted"
            | "assaulting"
            | "attacked"
            | "attacking"
            | "beaten"
            | "beating"
            | "punched"
            | "stabbed"
    )
    .then_some((Measure::Other, Some("assaulted")))
}

/// The end of an appositive or a bracket that starts at token `k` ("two managers, Paul Riva and Alan Steinberg,
/// were wounded", "23 personnel (12 Somali and 11 Yemeni) surrendered"): the token after its closing mark.
///
/// An appositive between commas is short, holds no verb of its own and no cue, so that a list
/// ("two men, three women and a child were killed") or a new clause is not skipped.
fn skip_aside(ctx: &Ctx, k: usize) -> Option<usize> {
    let close = match ctx.w(k) {
        "(" => ")",
        "," => ",",
        _ => return None,
    };
    let mut j = k + 1;
    while j < k + 12 {
        let w = ctx.w(j);
        if w == close {
            return (j > k + 1).then_some(j + 1);
        }
        if w.is_empty() || matches!(w, "." | ";" | "?" | "!") {
            return None;
        }
        // Finite verbs start a clause; "believed to be" in an appositive does not.
        let clause_word = cue(w).is_some()
            || (verb_aux(w) && !matches!(w, "be" | "been" | "being"))
            || said_verb(w)
            || matches!(w, "(" | ")" | "who" | "which" | "that" | "whom");
        if close == "," && clause_word {
            return None;
        }
        j += 1;
    }
    None
}

/// Looks for a cue before the number over link words ("killed an estimated 60", "the death toll rose to 144").
fn lookback(ctx: &Ctx, start: usize, unit: UnitKind) -> Option<Cue> {
    let mut k = start;
    let mut steps = 0;
    // After a verb of change ("climbed to"), the subject may carry a short phrase:
    // "the number of people killed in the floods climbed to 212".
    let mut change_verb = false;
    while k > 0 && steps < if change_verb { 12 } else { 9 } {
        k -= 1;
        steps += 1;
        let w = ctx.w(k);
        change_verb |= matches!(
            w,
            "rose"
                | "risen"
                | "rises"
                | "climbed"
                | "climbs"
                | "reached"
                | "reaches"
                | "stood"
                | "stands"
                | "increased"
                | "jumped"
                | "soared"
                | "grew"
                | "passed"
                | "topped"
                | "exceeded"
                | "surpassed"
                | "hit"
        );
        // "took the life of two officers", "the bodies of two more victims": the noun governs what follows "of".
        if matches!(w, "life" | "bodies" | "corpses" | "remains") && ctx.w(k + 1) == "of" {
            return Some((Measure::Killed, None));
        }
        // "assaulting one customer": people attacked are a labelled quantity, not casualties.
        if matches!(unit, UnitKind::Person) && steps == 1 {
            if let Some(c) = assault_cue(w) {
                return Some(c);
            }
        }
        // "fled", "homeless" and "held" before a number rarely govern it; "held talks" is not an arrest.
        if !matches!(w, "fled" | "fleeing" | "homeless" | "dies" | "die" | "died") {
            if let Some(c) = cue(w).or_else(|| capture_cue(w, unit)) {
                return Some(c);
            }
        }
        if matches!(w, "casualties" | "casualty") {
            return None;
        }
        // "the number still unaccounted for at 45": the cue is a two-word phrase.
        let unaccounted_for = w == "for" && k > 0 && ctx.w(k - 1) == "unaccounted";
        if link_word(w)
            || unaccounted_for
            || w == "still"
            || (change_verb && ctx.kind(k) == Some(TokenKind::Word) && !stop_word(w))
            || (change_verb
                && matches!(
                    w,
                    "in" | "on" | "the" | "after" | "a" | "an" | "from" | "before" | "of"
                ))
        {
            continue;
        }
        // "rose from 60 to 93": the earlier value sits on the path.
        if ctx.kind(k) == Some(TokenKind::Number) && k > 0 && ctx.w(k - 1) == "from" {
            k -= 1;
            continue;
        }
        break;
    }
    None
}

/// Finds a marker before the number that makes it part of an earlier figure.
fn subset_marker(ctx: &Ctx, start: usize, unit: &UnitScan) -> Marker {
    if start > 0 && ctx.w(start - 1) == "with" && unit.kind == UnitKind::Elided {
        return Marker::With;
    }
    // "hit by seven bullets — three to the back": a bare count after a dash breaks down the figure before it.
    if start > 1
        && matches!(ctx.w(start - 1), "—" | "–")
        && unit.kind == UnitKind::Elided
        && unit.cue.is_none()
        && ctx.kind(start - 2) == Some(TokenKind::Word)
    {
        return Marker::Include;
    }
    // "the 23 pirates (12 Somali and 11 Yemeni)": a bare count in brackets breaks down the figure before it.
    if start > 1
        && ctx.w(start - 1) == "("
        && unit.kind == UnitKind::Elided
        && unit.cue.is_none()
        && ctx.kind(start - 2) == Some(TokenKind::Word)
    {
        return Marker::Include;
    }
    let mut k = start;
    for _ in 0..5 {
        if k == 0 {
            break;
        }
        k -= 1;
        let w = ctx.w(k);
        match w {
            "including" | "include" | "includes" | "included" | "among" | "incl" | "whom" => {
                return Marker::Include
            }
            "and" | "but" | "while" | "killing" | "injuring" | "wounding" | "leaving"
            | "whereas" => break,
            _ => {}
        }
        if ctx.kind(k) == Some(TokenKind::Number)
            || (ctx.kind(k) == Some(TokenKind::Punct) && w != "-")
        {
            break;
        }
    }
    Marker::None
}

/// Possessives before a count: "his two sons", "their three children" describe someone, not the event.
fn possessive(w: &str) -> bool {
    matches!(
        w,
        "his" | "her" | "their" | "its" | "our" | "my" | "your" | "'s" | "’s"
    )
}

/// Family nouns: "survived by two sons" describes a person, not the event.
#[rustfmt::skip]
fn family_noun(w: &str) -> bool {
    matches!(w, "sons" | "daughters" | "children" | "kids" | "brothers" | "sisters" | "siblings" | "grandchildren"
        | "relatives" | "families" | "family" | "wives" | "husbands" | "parents" | "grandsons"
        | "granddaughters" | "cousins" | "stepchildren")
}

/// A plain count with no cue ("more than 50 firefighters", "about 130 people", "seven assault rifles"):
/// the label to show it under, or `None` when the count is not about the event.
///
/// Fact-checkers compare such counts across reports (crowd sizes, responders, weapons seized), so a
/// number that counts people or a plural noun is a figure even without a cue. It is not one when it
/// describes someone ("his two sons"), refers to known things ("the two banks", "one of the seven
/// emirates"), gives a population ("a town of 15,000 people", "home to 120,000 people"), is
/// distributive ("nine pellets in each shell"), is a bare "one" (a referring "one person told AFP"),
/// or sits in a question.
fn plain_count(ctx: &Ctx, cand: &Cand, unit: &UnitScan) -> Option<String> {
    // A count needs its noun: a bare number ("killing 70") is a figure only with a cue.
    unit.noun?;
    if !matches!(
        unit.kind,
        UnitKind::Person | UnitKind::PersonOther | UnitKind::Unknown
    ) || !matches!(cand.marker, Marker::None | Marker::Include)
    {
        return None;
    }
    if cand.num.value == Some(1.0) {
        return None;
    }
    let head = ctx.w(unit.end.checked_sub(1)?);
    if family_noun(head) {
        return None;
    }
    let before = |d: usize| ctx.w_before(cand.first_tok, d);
    if possessive(before(1)) {
        return None;
    }
    if unit.kind == UnitKind::Unknown
        && matches!(
            before(1),
            "the" | "these" | "those" | "both" | "all" | "each"
        )
    {
        return None;
    }
    // "home to (about) 120,000 people", "a town of 15,000 people", "a population of 100,000", "employs 250 people".
    if (1..=3).any(|d| {
        let w = before(d);
        let w2 = before(d + 1);
        (w == "to" && w2 == "home")
            || (matches!(w, "has" | "have")
                && w2 == "which"
                && matches!(head, "residents" | "inhabitants" | "people" | "citizens"))
            || matches!(w, "employs" | "employ" | "employed" | "employing" | "staff")
            || (w == "of"
                && matches!(
                    w2,
                    "city"
                        | "town"
                        | "village"
                        | "community"
                        | "population"
                        | "island"
                        | "district"
                        | "province"
                        | "county"
                        | "region"
                        | "area"
                        | "nation"
                        | "country"
                ))
    }) {
        return None;
    }
    if matches!(ctx.w(unit.end), "each" | "apiece" | "per")
        || (ctx.w(unit.end) == "in" && ctx.w(unit.end + 1) == "each")
    {
        return None;
    }
    if ctx
        .words
        .iter()
        .rev()
        .find(|w| !matches!(**w, "\"" | "'" | "”" | "’" | ")"))
        == Some(&"?")
    {
        return None;
    }
    Some(match (unit.kind, unit.label) {
        (UnitKind::PersonOther, Some(l)) => l.to_string(),
        _ => count_label(
            unit.end.checked_sub(2).map(|k| ctx.w(k)).unwrap_or(""),
            head,
        ),
    })
}

/// Crowds with no noun: "Dozens gathered at the vigil" (a vague amount as the subject), "a crowd of 2,000",
/// "estimated the crowd at 70".
fn crowd(ctx: &Ctx, cand: &Cand, unit: &UnitScan) -> Option<String> {
    if unit.kind != UnitKind::Elided || unit.cue.is_some() || cand.marker != Marker::None {
        return None;
    }
    let before = |d: usize| ctx.w_before(cand.first_tok, d);
    let starts = (0..cand.first_tok).all(|k| ctx.kind(k) == Some(TokenKind::Punct));
    let vague_subject = cand.num.form == NumberForm::Vague
        && cand.num.low.is_some_and(|l| l >= 20.0)
        && starts
        && ctx.kind(cand.end_tok) == Some(TokenKind::Word)
        && !stop_word(ctx.w(cand.end_tok));
    let crowd_of = (before(1) == "of" || before(1) == "at")
        && (before(2) == "crowd" || (before(1) == "at" && (2..=4).any(|d| before(d) == "crowd")));
    (vague_subject || crowd_of).then(|| if crowd_of { "crowd" } else { "people" }.to_string())
}

/// One label for nouns that name the same counted group ("police officers", "cops", "policemen").
fn count_label(prev: &str, head: &str) -> String {
    match head {
        "people" | "persons" | "individuals" => "people",
        "firefighters" | "firemen" => "firefighters",
        "fighters" if prev == "fire" => "firefighters",
        "officers" | "cops" | "policemen" | "policewomen" | "patrolmen" | "plainclothes" => {
            "police officers"
        }
        "members" if prev == "crew" => "crew",
        "crewmen" | "crew" | "seafarers" | "sailors" => "crew",
        "demonstrators" | "protesters" | "protestors" | "marchers" | "mourners" => "protesters",
        _ => head,
    }
    .to_string()
}

/// The label of a counted thing; fire-service words only count fire engines when "fire" is said.
fn thing_label(label: &str, noun: Option<&str>) -> String {
    let noun = noun.unwrap_or("");
    if label == "fire engines" && !noun.contains("fire") {
        return noun.rsplit(' ').next().unwrap_or(label).to_string();
    }
    label.to_string()
}

/// Verbs of hitting before "N times": "was shot seven times", "struck 11 times".
fn hit_verb(w: &str) -> bool {
    matches!(
        w,
        "shot" | "hit" | "struck" | "stabbed" | "wounded" | "fired" | "firing" | "shooting"
    )
}

/// "shot seven times", "hit 11 times": the number of hits, labelled "times hit"; "arrested four times" and
/// "sued three times" give "times arrested" and "times sued".
fn times_hit(ctx: &Ctx, num: &Number, qualifier: Qualifier, q_start: usize) -> Option<Cand> {
    let b = num.end;
    if ctx.w(b) != "times" || num.value.is_none_or(|v| v < 2.0 || v.fract() != 0.0) {
        return None;
    }
    let record = (1..=3).find_map(|d| {
        let w = q_start.checked_sub(d).map(|k| ctx.w(k))?;
        match w {
            "arrested" => Some("times arrested"),
            "sued" => Some("times sued"),
            "charged" | "convicted" => Some("times charged"),
            _ => None,
        }
    });
    // The verb is at most three words back ("was shot a total of seven times", "shot him seven times").
    let near = (1..=4).any(|d| q_start.checked_sub(d).is_some_and(|k| hit_verb(ctx.w(k))));
    // A headline "Shot 11 Times" has the verb just before; a count alone ("11 times") after a hit verb earlier in
    // the sentence is also read as hits.
    if record.is_none() && !near && !ctx.words.iter().take(q_start).any(|w| hit_verb(w)) {
        return None;
    }
    Some(Cand {
        measure: Some(Measure::Other),
        label: Some(record.unwrap_or("times hit").to_string()),
        source: Source::Labelled,
        marker: Marker::None,
        unit_kind: UnitKind::Thing,
        qualifier,
        unit: ctx.toks.get(b).map(|t| t.span).unwrap_or_default(),
        span: ctx.span(q_start.min(num.first), b + 1),
        first_tok: q_start.min(num.first),
        end_tok: b + 1,
        num: num.clone(),
        fallback: None,
    })
}

/// Magnitude figures: "magnitude 6.2", "magnitude-6.2", "a magnitude of 6.2", "6.2-magnitude", "6.2 magnitude".
fn magnitude(ctx: &Ctx, num: &Number) -> Option<Cand> {
    let mut v = num.value?;
    if !(0.0..=10.0).contains(&v) || ctx.kind(num.first) != Some(TokenKind::Number) {
        return None;
    }
    let a = num.first;
    let mut b = num.end;
    // Tokenised corpora write "6. 4" for "6.4".
    let tenths = ctx.w(b + 1);
    if ctx.w(b) == "."
        && ctx.glued(b)
        && !ctx.glued(b + 1)
        && tenths.len() == 1
        && ctx.kind(b + 1) == Some(TokenKind::Number)
    {
        if let Ok(d) = tenths.parse::<f64>() {
            v += d / 10.0;
            b += 2;
        }
    }
    let mut start = a;
    let mut end = b;
    let quake_word = |w: &str| {
        matches!(
            w,
            "quake" | "earthquake" | "temblor" | "tremor" | "aftershock" | "quakes" | "earthquakes"
        )
    };
    let sentence_quake = ctx.words.iter().any(|w| {
        quake_word(w) || matches!(*w, "magnitude" | "richter" | "seismic" | "seismological")
    });
    // A qualifier may sit between the scale word and the number: "a magnitude of at least 5.9".
    let (_, q_at) = qualifier_before(ctx, a, false);
    let before = |d: usize| ctx.w_before(q_at, d);
    // "A magnitude-6.0 quake can cause severe damage": a generic statement, not this quake's magnitude.
    let generic = |after: usize| {
        matches!(before(1), "magnitude" | "-")
            && (1..=3).any(|d| matches!(before(d), "a" | "an"))
            && (0..3).any(|d| quake_word(ctx.w(after + d)))
            && (1..4).any(|d| {
                matches!(
                    ctx.w(after + d),
                    "can" | "could" | "may" | "might" | "would" | "will"
                )
            })
    };
    if generic(b) {
        return None;
    }
    if before(1) == "magnitude" {
        start = a - 1;
    } else if matches!(before(1), "-" | "of" | "at") && before(2) == "magnitude" {
        start = q_at - 2;
    } else if ctx.w(b) == "magnitude" {
        end = b + 1;
    } else if ctx.w(b) == "-" && ctx.w(b + 1) == "magnitude" {
        end = b + 2;
    } else if ctx.w(b) == "-" && matches!(ctx.w(b + 1), "strength" | "degree") && sentence_quake {
        // "a 6.7-strength quake", "a 6.7-degree quake".
        end = b + 2;
    } else if matches!(ctx.w(b), "degree" | "degrees")
        && sentence_quake
        && ctx.w(b + 1) != "celsius"
        && ctx.w(b + 1) != "fahrenheit"
        && !matches!(ctx.w(b + 1), "north" | "south" | "east" | "west" | "in")
    {
        end = b + 1;
    } else if quake_word(ctx.w(b)) && v.fract() != 0.0 {
        // "a 6.1 quake", "5.9 Earthquake Jolts Iran": a decimal right before the quake noun.
    } else if ctx.w(b) == "on" && ctx.w(b + 2) == "richter" {
        end = if ctx.w(b + 3) == "scale" {
            b + 4
        } else {
            b + 3
        };
    } else if matches!(before(1), "measuring" | "measured")
        && ctx.words.iter().any(|w| {
            matches!(
                *w,
                "magnitude" | "quake" | "earthquake" | "richter" | "tremor"
            )
        })
    {
        // "a quake measuring 6.2".
    } else if matches!(before(1), "to" | "and")
        && ctx
            .words
            .iter()
            .any(|w| matches!(*w, "magnitudes" | "magnitude" | "richter"))
        && sentence_quake
    {
        // The upper bound of "magnitudes ranging from 3.6 to 4.3"; the range is read below.
    } else {
        return None;
    }
    // "from 2.8 to 3.8 degrees on the Richter scale", "between 3.6 and 4.3": a range of magnitudes.
    if let Some((low, from)) = magnitude_low(ctx, q_at) {
        if low < v {
            return Some(Cand {
                measure: Some(Measure::Other),
                label: Some("magnitude".to_string()),
                source: Source::Labelled,
                marker: Marker::None,
                unit_kind: UnitKind::Thing,
                qualifier: Qualifier::Exact,
                unit: Span::default(),
                span: ctx.span(from, end),
                first_tok: from,
                end_tok: end,
                num: Number {
                    value: None,
                    low: Some(low),
                    high: Some(v),
                    form: NumberForm::Range,
                    first: from,
                    end: b,
                    span: ctx.span(from, b),
                    ..num.clone()
                },
                fallback: None,
            });
        }
    }
    let (mut qualifier, q_start) = qualifier_before(ctx, start, false);
    if q_at < a && start < q_at {
        // The qualifier was inside: "a magnitude of at least 5.9".
        qualifier = qualifier_before(ctx, a, false).0;
    }
    let q_start = q_start.min(start);
    Some(Cand {
        measure: Some(Measure::Other),
        label: Some("magnitude".to_string()),
        source: Source::Labelled,
        marker: Marker::None,
        unit_kind: UnitKind::Thing,
        qualifier,
        unit: Span::default(),
        span: ctx.span(q_start, end),
        first_tok: q_start,
        end_tok: end,
        num: Number {
            value: Some(v),
            end: b,
            span: ctx.span(a, b),
            ..num.clone()
        },
        fallback: None,
    })
}

/// The lower bound before "to"/"and" at token `at` ("from 3.6 to", "between 3. 6 and"): its value and the token
/// where the range starts.
fn magnitude_low(ctx: &Ctx, at: usize) -> Option<(f64, usize)> {
    let joiner = ctx.w(at.checked_sub(1)?);
    let opener = if joiner == "to" {
        "from"
    } else if joiner == "and" {
        "between"
    } else {
        return None;
    };
    let last = at.checked_sub(2)?;
    if ctx.kind(last) != Some(TokenKind::Number) {
        return None;
    }
    // Either "3.6" or the tokenised "3. 6".
    let (value, first) = if ctx.w(last.checked_sub(1)?) == "." && ctx.w(last).len() == 1 {
        let whole = last.checked_sub(2)?;
        let int: f64 = ctx.w(whole).parse().ok()?;
        let tenth: f64 = ctx.w(last).parse().ok()?;
        (int + tenth / 10.0, whole)
    } else {
        (ctx.w(last).parse().ok()?, last)
    };
    let from = first.checked_sub(1)?;
    (ctx.w(from) == opener && (0.0..=10.0).contains(&value)).then_some((value, from))
}

/// Words that make a percentage in their sentence a share of damage.
fn damage_word(w: &str) -> bool {
    matches!(
        w,
        "destroyed"
            | "damaged"
            | "damage"
            | "razed"
            | "flattened"
            | "collapsed"
            | "levelled"
            | "leveled"
    )
}

/// Shares of damage in percent ("40 percent to 70 percent of the buildings were destroyed", "sustained between 40
/// and 80 percent damage"): fact-checkers compare them across reports. Other percentages (polls, prices, turnout)
/// are not event figures, so the sentence must speak of damage.
fn damage_share(ctx: &Ctx, num: &Number, qualifier: Qualifier, q_start: usize) -> Option<Cand> {
    let b = num.end;
    let percent = |k: usize| match ctx.w(k) {
        "percent" | "%" => Some(k + 1),
        "per" if ctx.w(k + 1) == "cent" => Some(k + 2),
        _ => None,
    };
    let mut end = percent(b)?;
    if !ctx.words.iter().any(|w| damage_word(w)) {
        return None;
    }
    let mut number = num.clone();
    // "40 percent to 70 percent": the range is written with the unit twice.
    if ctx.w(end) == "to" && num.value.is_some() {
        if let Some(high) = numbers::parse_at(ctx.lower, ctx.toks, end + 1) {
            if let (Some(h), Some(l), Some(e)) = (high.value, num.value, percent(high.end)) {
                if h > l {
                    number.value = None;
                    number.low = Some(l);
                    number.high = Some(h);
                    number.form = NumberForm::Range;
                    number.end = high.end;
                    number.span = Span::new(num.span.start, high.span.end);
                    end = e;
                }
            }
        }
    }
    let unit = ctx.span(b, percent(b)?);
    Some(Cand {
        measure: Some(Measure::Other),
        label: Some("damage share".to_string()),
        source: Source::Labelled,
        marker: Marker::None,
        unit_kind: UnitKind::Thing,
        qualifier,
        unit,
        span: ctx.span(q_start.min(num.first), end),
        first_tok: q_start.min(num.first),
        end_tok: end,
        num: number,
        fallback: None,
    })
}

/// Money figures: "$2 million", "US$ 5m", "£1.2bn", "2 million dollars".
fn money(ctx: &Ctx, num: &Number, qualifier: Qualifier, q_start: usize) -> Option<Cand> {
    let a = num.first;
    let b = num.end;
    let prev = a.checked_sub(1).map(|p| ctx.w(p)).unwrap_or("");
    // "in 2006 dollars" is a price level, not an amount.
    let year_like =
        num.value.is_some_and(|v| (1900.0..=2100.0).contains(&v)) && num.span.len() == 4;
    let (start, end, unit) = if currency(prev) && prev.chars().count() == 1 {
        // The qualifier comes before the symbol: "more than $2 million".
        (a - 1, b, a - 1)
    } else if year_like {
        return None;
    } else if currency(ctx.w(b)) && ctx.w(b).chars().count() > 1 && ctx.w(b) != "pounds"
        || (ctx.w(b) == "pounds" && ctx.w(b + 1) == "sterling")
    {
        (a, b + 1, b)
    } else {
        return None;
    };
    let (qualifier, q_start) = if start < a {
        qualifier_before(ctx, start, false)
    } else {
        (qualifier, q_start)
    };
    let q_start = q_start.min(start);
    Some(Cand {
        measure: Some(Measure::Other),
        label: Some("money".to_string()),
        source: Source::Labelled,
        marker: Marker::None,
        unit_kind: UnitKind::Thing,
        qualifier,
        unit: ctx.toks.get(unit).map(|t| t.span).unwrap_or_default(),
        span: ctx.span(q_start, end),
        first_tok: q_start,
        end_tok: end,
        num: num.clone(),
        fallback: None,
    })
}

/// Whether only joining words lie between candidates `left` and `right` ("two women and one man").
fn joined(ctx: &Ctx, left: &Cand, right: &Cand) -> bool {
    if right.first_tok < left.end_tok || right.first_tok - left.end_tok > 3 {
        return false;
    }
    (left.end_tok..right.first_tok).all(|k| matches!(ctx.w(k), "," | "and" | "or" | "plus"))
}

/// Copies measures across coordinated numbers: "two women and one man died", "killing five soldiers and three civilians".
fn coordinate(ctx: &Ctx, cands: &mut [Cand]) {
    for i in 0..cands.len() {
        if cands[i].measure.is_some() || cands[i].unit_kind == UnitKind::Thing {
            continue;
        }
        // From the left: a verb before the first number governs the list; so does a subset marker.
        if i > 0
            && joined(ctx, &cands[i - 1], &cands[i])
            && matches!(cands[i - 1].source, Source::Before)
        {
            cands[i].measure = cands[i - 1].measure;
            cands[i].label = cands[i - 1].label.clone();
            cands[i].source = Source::Before;
            continue;
        }
        if i > 0
            && joined(ctx, &cands[i - 1], &cands[i])
            && cands[i - 1].marker == Marker::Include
            && cands[i].marker == Marker::None
        {
            cands[i].marker = Marker::Include;
            continue;
        }
        // From the right: a cue after the last noun governs the list.
        let mut j = i;
        while j + 1 < cands.len()
            && joined(ctx, &cands[j], &cands[j + 1])
            && cands[j + 1].measure.is_none()
        {
            j += 1;
        }
        if j + 1 < cands.len()
            && joined(ctx, &cands[j], &cands[j + 1])
            && cands[j + 1].source == Source::After
        {
            let (measure, label) = (cands[j + 1].measure, cands[j + 1].label.clone());
            for c in &mut cands[i..=j] {
                c.measure = measure;
                c.label = label.clone();
                c.source = Source::After;
            }
        }
    }
}

/// Runs of two or more candidates with no measure that could break down an earlier figure ("12 Somali and 11
/// Yemeni suspects", "12 are from Somalia and 11 from Yemen"): first index, last index and the sum of their values.
///
/// Only whole counts of people or of nothing named take part, and the sum must be at least five, so that
/// a chance total ("two men and one woman" after "three") is not read as a breakdown.
fn breakdown_groups(cands: &[Cand]) -> Vec<(usize, usize, f64)> {
    let part = |c: &Cand| {
        c.measure.is_none()
            && matches!(c.marker, Marker::None | Marker::Include)
            && c.qualifier == Qualifier::Exact
            && matches!(
                c.unit_kind,
                UnitKind::Person | UnitKind::Elided | UnitKind::Unknown | UnitKind::PersonOther
            )
            && c.num.value.is_some_and(|v| v >= 1.0 && v.fract() == 0.0)
    };
    let mut groups = Vec::new();
    let mut i = 0;
    while i < cands.len() {
        let mut j = i;
        while j < cands.len() && part(&cands[j]) {
            j += 1;
        }
        if j >= i + 2 {
            let sum: f64 = cands[i..j].iter().filter_map(|c| c.num.value).sum();
            if sum >= 5.0 {
                groups.push((i, j - 1, sum));
            }
        }
        i = j.max(i + 1);
    }
    groups
}

/// Turns the sentence's candidates into figures, settling subsets; drops candidates with no measure.
fn emit(
    ctx: &Ctx,
    cands: Vec<Cand>,
    sentence: usize,
    attribution: Option<String>,
    out: &mut Vec<Figure>,
    plain: &mut Vec<bool>,
) {
    let first_in_sentence = out.len();
    let groups = breakdown_groups(&cands);
    let mut sum_parent: Vec<Option<usize>> = vec![None; cands.len()];
    for (idx, c) in cands.into_iter().enumerate() {
        let mut measure = c.measure;
        let mut subset_of = None;
        // "Of the 23 pirates arrested, 12 are Somali and 11 Yemeni": counts without a cue that add up to an
        // earlier figure break it down, and take its measure. The parts are settled when the first is reached,
        // since the whole may be a figure of this very sentence.
        if let Some(&(from, to, sum)) = groups.iter().find(|g| g.0 == idx) {
            let parent = out.iter().rposition(|f| {
                f.measure != Measure::Other && f.subset_of.is_none() && f.value == Some(sum)
            });
            for slot in sum_parent.iter_mut().take(to + 1).skip(from) {
                *slot = parent;
            }
        }
        if let Some(p) = sum_parent.get(idx).copied().flatten() {
            subset_of = Some(p);
            measure = out.get(p).map(|f| f.measure);
        } else if c.marker != Marker::None {
            let same_sentence = |f: &&Figure| f.sentence == sentence;
            // Without a measure of its own, a part belongs to the nearest whole before it in this sentence, of
            // whatever measure ("Seven bullets hit him, including three from the rear").
            let nearest = (measure.is_none() && c.marker != Marker::With)
                .then(|| {
                    out.iter().rposition(|f| {
                        f.sentence == sentence
                            && f.subset_of.is_none()
                            && (f.measure != Measure::Other
                                || (!f.unit.is_empty()
                                    && !matches!(
                                        f.label.as_deref(),
                                        Some("money" | "magnitude" | "damage share")
                                    )))
                            && f.value.is_some_and(|v| c.num.value.is_some_and(|n| n < v))
                    })
                })
                .flatten();
            let parent = match measure {
                None if nearest.is_some() => nearest,
                Some(m) => out.iter().rposition(|f| {
                    f.measure == m
                        && f.subset_of.is_none()
                        && (f.sentence == sentence || c.marker == Marker::Include)
                }),
                None => {
                    // Without its own measure, a subset takes its parent's: the nearest earlier figure of this
                    // sentence, or of the sentence before for "Among them were...".
                    let pos = out
                        .iter()
                        .rposition(|f| f.subset_of.is_none() && f.measure != Measure::Other);
                    pos.filter(|&p| {
                        out.get(p).is_some_and(|f| {
                            same_sentence(&f)
                                || (c.marker != Marker::With && f.sentence + 1 >= sentence)
                        })
                    })
                }
            };
            if let Some(p) = parent {
                subset_of = Some(p);
                if measure.is_none() {
                    measure = out.get(p).map(|f| f.measure);
                }
            }
        }
        let fallback = measure.is_none().then(|| c.fallback.clone()).flatten();
        let Some(measure) = measure.or(fallback.as_ref().map(|_| Measure::Other)) else {
            continue;
        };
        let _ = first_in_sentence;
        let label = if fallback.is_some() {
            fallback.clone()
        } else if subset_of.is_some() && c.label.is_none() {
            // A part of a labelled quantity shares its label ("three" of "seven bullets").
            out.get(subset_of.unwrap_or(0))
                .and_then(|f| f.label.clone())
                .filter(|_| measure != Measure::Other || c.unit.is_empty())
        } else {
            c.label.clone()
        };
        let label = if measure == Measure::Other && label.is_none() {
            Some(c.unit.of(ctx.text).to_ascii_lowercase())
        } else {
            label
        };
        plain.push(fallback.is_some());
        out.push(Figure {
            measure,
            label,
            value: c.num.value,
            low: c.num.low,
            high: c.num.high,
            qualifier: c.qualifier,
            unit: c.unit.of(ctx.text).to_string(),
            span: c.span,
            number: c.num.span,
            subset_of,
            attribution: attribution.clone(),
            sentence,
        });
    }
}

/// Verbs of saying that mark a source ("police said", "according to the ministry").
#[rustfmt::skip]
fn said_verb(w: &str) -> bool {
    matches!(w, "said" | "says" | "say" | "told" | "reported" | "reports" | "confirmed" | "confirms"
        | "announced" | "announces" | "stated" | "states" | "estimated" | "estimates" | "added" | "claimed"
        | "tweeted")
}
