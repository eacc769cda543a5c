//! The claims view's filter: every claim is contested, partial, unanimous or single-source, and the filter keeps one
//! kind or all.
//!
//! The four kinds split the claims without overlap, so their counts add up to the total:
//! a contradiction outweighs a silence, since a source saying the opposite matters more than one saying nothing,
//! and a statement that only one source makes (attributing it to someone) is a kind of its own.

use crate::analysis::{Claim, ClaimState};

/// What the sources do with a claim, taken together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// At least one source contradicts it, or reports someone denying it.
    Contested,
    /// Nobody contradicts it, but some sources do not mention it.
    Partial,
    /// Every source states it.
    Unanimous,
    /// Only one source states it, attributing it to someone, and no other source mentions it.
    Single,
}

impl Agreement {
    /// The kind of `claim`; a claim with no cells counts as partial, and one source's claim in a set of one
    /// article as unanimous.
    pub fn of(claim: &Claim) -> Agreement {
        let states = || claim.cells.iter().map(|c| c.state);
        if states().any(|s| s == ClaimState::Contradicted)
            || claim.cells.iter().any(|c| c.disputed.is_some())
        {
            Agreement::Contested
        } else if !claim.cells.is_empty() && states().all(|s| s == ClaimState::Stated) {
            Agreement::Unanimous
        } else if claim.sources() == 1 {
            Agreement::Single
        } else {
            Agreement::Partial
        }
    }

    /// The kind as the DOM contract and the exports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Agreement::Contested => "contested",
            Agreement::Partial => "partial",
            Agreement::Unanimous => "unanimous",
            Agreement::Single => "single",
        }
    }
}

/// Which claims the table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClaimFilter {
    /// Every claim.
    #[default]
    All,
    /// Only one kind.
    Only(Agreement),
}

impl ClaimFilter {
    /// Every choice, in the order offered.
    pub const ALL: [ClaimFilter; 5] = [
        ClaimFilter::All,
        ClaimFilter::Only(Agreement::Contested),
        ClaimFilter::Only(Agreement::Partial),
        ClaimFilter::Only(Agreement::Unanimous),
        ClaimFilter::Only(Agreement::Single),
    ];

    /// The value of the choice in the select (`all`, or an agreement's [`Agreement::as_str`]).
    pub fn value(self) -> &'static str {
        match self {
            ClaimFilter::All => "all",
            ClaimFilter::Only(kind) => kind.as_str(),
        }
    }

    /// The choice with this value; anything unknown shows every claim.
    pub fn from_value(value: &str) -> ClaimFilter {
        ClaimFilter::ALL
            .into_iter()
            .find(|f| f.value() == value)
            .unwrap_or_default()
    }

    /// The choice as offered to people.
    pub fn title(self) -> &'static str {
        match self {
            ClaimFilter::All => "All claims",
            ClaimFilter::Only(Agreement::Contested) => "Contested (contradicted or denied)",
            ClaimFilter::Only(Agreement::Partial) => "Partial (some sources silent)",
            ClaimFilter::Only(Agreement::Unanimous) => "Unanimous (every source)",
            ClaimFilter::Only(Agreement::Single) => "One source's word (attributed)",
        }
    }

    /// Whether `claim` is shown.
    pub fn keeps(self, claim: &Claim) -> bool {
        match self {
            ClaimFilter::All => true,
            ClaimFilter::Only(kind) => Agreement::of(claim) == kind,
        }
    }

    /// How many of `claims` are shown.
    pub fn count(self, claims: &[Claim]) -> usize {
        claims.iter().filter(|c| self.keeps(c)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{ClaimCell, ItemRef};

    fn claim(states: &[ClaimState]) -> Claim {
        Claim {
            id: "c1".to_string(),
            text: "A claim.".to_string(),
            origin: ItemRef {
                article: 0,
                index: 0,
            },
            cells: states
                .iter()
                .map(|&state| ClaimCell {
                    state,
                    sentences: Vec::new(),
                    attribution: None,
                    disputed: None,
                })
                .collect(),
        }
    }

    #[test]
    fn kinds_split_the_claims() {
        use ClaimState::{Contradicted as C, NotMentioned as N, Stated as S};
        let cases: &[(&[ClaimState], Agreement)] = &[
            (&[S, S, S], Agreement::Unanimous),
            (&[S, N, S], Agreement::Partial),
            (&[S, C, S], Agreement::Contested),
            (&[S, C, N], Agreement::Contested),
            (&[N, S, N], Agreement::Single),
            (&[S, N], Agreement::Single),
            (&[S], Agreement::Unanimous),
            (&[], Agreement::Partial),
        ];
        for &(states, want) in cases {
            assert_eq!(Agreement::of(&claim(states)), want, "{states:?}");
        }
        // A source that states a claim and reports someone denying it makes the claim contested.
        let mut disputed = claim(&[N, S, N]);
        disputed.cells[1].disputed = Some(crate::analysis::Dispute {
            by: "the council".to_string(),
            sentence: 3,
        });
        assert_eq!(Agreement::of(&disputed), Agreement::Contested);
        let claims: Vec<Claim> = cases.iter().map(|(s, _)| claim(s)).collect();
        let parts: usize = ClaimFilter::ALL[1..].iter().map(|f| f.count(&claims)).sum();
        assert_eq!(parts, ClaimFilter::All.count(&claims));
        assert_eq!(ClaimFilter::Only(Agreement::Contested).count(&claims), 2);
    }

    #[test]
    fn values_round_trip() {
        for filter in ClaimFilter::ALL {
            assert_eq!(ClaimFilter::from_value(filter.value()), filter);
        }
        assert_eq!(ClaimFilter::from_value("nonsense"), ClaimFilter::All);
    }
}
