//! The workspace: the user's sources, the latest analysis, the open view and the focused item, changed only by [`Action`]s.
//!
//! [`Workspace::apply`] is a plain function (tested natively); on wasm32 it backs Yew's `Reducible`.
//! **Invariant:** source paths are unique; every action that changes the set of analysed articles or
//! their dates bumps [`Workspace::generation`] and sets the analysis running, and a result for an older
//! generation is ignored, so the views never show an analysis of a workspace that no longer exists.

use crate::analysis::edits::{EntityEdit, Outcome};
use crate::analysis::tagger::NerModel;
use crate::analysis::{self, Analysis, Article, Span};
use crate::ui::persist::{self, Contents};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::rc::Rc;

/// One source the user added: an ingested article, or a file that could not be read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Source {
    /// Read and ingested; the user's edits to outlet and date live in the article.
    Ok {
        /// The article.
        article: Article,
    },
    /// Could not be read; kept so the user sees why, until removed.
    Error {
        /// The file name.
        path: String,
        /// What went wrong, for people.
        message: String,
    },
}

impl Source {
    /// The unique path (file name) of the source.
    pub fn path(&self) -> &str {
        match self {
            Source::Ok { article } => &article.path,
            Source::Error { path, .. } => path,
        }
    }

    /// The article, when the source was read.
    pub fn article(&self) -> Option<&Article> {
        match self {
            Source::Ok { article } => Some(article),
            Source::Error { .. } => None,
        }
    }
}

/// The views of the main area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// Article text with highlights.
    #[default]
    Reader,
    /// Entities x sources.
    Entities,
    /// Figure slots and their chart.
    Figures,
    /// Claims x sources.
    Claims,
    /// Pairwise similarity and likely copies.
    Similarity,
    /// Report and event dates on one axis.
    Timeline,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 6] = [
        View::Reader,
        View::Entities,
        View::Figures,
        View::Claims,
        View::Similarity,
        View::Timeline,
    ];

    /// The view as the DOM contract writes it in `data-view`.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Reader => "reader",
            View::Entities => "entities",
            View::Figures => "figures",
            View::Claims => "claims",
            View::Similarity => "similarity",
            View::Timeline => "timeline",
        }
    }

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            View::Reader => "Reader",
            View::Entities => "Entities",
            View::Figures => "Figures",
            View::Claims => "Claims",
            View::Similarity => "Similarity",
            View::Timeline => "Timeline",
        }
    }
}

/// The item the reader's side panel describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FocusItem {
    /// An entity, by index in the comparison's entities.
    Entity(usize),
    /// A figure, by index in its article's figures.
    Figure(usize),
    /// A date, by index in its article's dates.
    Date(usize),
}

/// What the reader shows: an article, a span in it (its sentence is marked), and the item clicked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Focus {
    /// The article's path, which survives re-analysis (indices may not).
    pub path: String,
    /// The span of the item, in bytes into the article's text.
    pub span: Span,
    /// The item for the side panel; cleared when the analysis changes under it.
    pub item: Option<FocusItem>,
}

/// Where the analysis stands, as written in `#analysis-status[data-state]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AnalysisState {
    /// Nothing to analyse.
    #[default]
    Idle,
    /// An analysis of the current generation is scheduled or running.
    Running,
    /// The analysis matches the current sources.
    Done,
}

impl AnalysisState {
    /// The state as the DOM contract writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            AnalysisState::Idle => "idle",
            AnalysisState::Running => "running",
            AnalysisState::Done => "done",
        }
    }
}

/// A file as read from a drop or the picker: its name and its bytes, or why it could not be read.
pub type FileInput = (String, Result<Vec<u8>, String>);

/// Everything that can happen to the workspace.
#[derive(Clone, Debug)]
pub enum Action {
    /// Files were dropped or picked, in order.
    AddFiles(Vec<FileInput>),
    /// Files were dropped or picked and already read by [`read_file`] (in short slices, off the reducer): their sources in order.
    AddRead(Vec<Source>),
    /// Text was pasted.
    AddPaste(String),
    /// The demo corpus was asked for; files already present are not added again.
    LoadDemo,
    /// A source was removed, by path.
    Remove(String),
    /// The user renamed a source's outlet.
    Rename {
        /// The source.
        path: String,
        /// The new outlet name; empty restores the file name.
        name: String,
    },
    /// The user set or cleared a source's report date.
    SetDate {
        /// The source.
        path: String,
        /// The new date.
        date: Option<NaiveDate>,
    },
    /// A view tab was chosen.
    SelectView(View),
    /// An article was chosen in the reader's picker.
    SelectArticle(String),
    /// An item was clicked: the reader opens on it.
    Focus(Focus),
    /// The analysis of `generation` finished.
    AnalysisFinished {
        /// The generation it was started for.
        generation: u64,
        /// The result.
        analysis: Rc<Analysis>,
        /// Whether the learned name tagger found the names (else the rules did).
        with_model: bool,
    },
    /// The learned name tagger arrived: the analysis runs again with it.
    ModelLoaded(Rc<NerModel>),
    /// The user cancelled the running analysis: the last finished one stays on screen.
    AnalysisCancelled,
    /// Saving failed; the message is shown as a warning.
    StorageFailed(String),
    /// Saving worked (clears an earlier warning).
    StorageOk,
    /// The user dismissed the notice.
    DismissNotice,
    /// The saved workspace was read at start (empty when there was none): its sources and edits come first.
    Restored(Contents),
    /// Sources came from an imported workspace file or a share link: they are added like a drop, and its
    /// entity edits join the ones in force.
    Import {
        /// The sources and edits, already checked by [`persist::parse`].
        contents: Contents,
        /// Where they came from, for the notice ("team.json", "the share link").
        origin: String,
    },
    /// Something the user should read about the last action (a refused import, a link too long).
    Notify(String),
    /// The user said these entities are one: each is named by a surface form it holds (see [`analysis::edits::key_forms`]).
    MergeEntities(Vec<String>),
    /// The user said mentions written this way are an entity of their own.
    SplitAlias {
        /// The spelling to split out.
        form: String,
        /// A form of the entity it leaves (its key form), so that the same spelling in another entity stays.
        from: String,
    },
    /// The user undid one edit, by its index in [`Workspace::edits`].
    UndoEdit(usize),
    /// The user undid every edit.
    ClearEdits,
}

/// The whole state of the app.
///
/// Its `PartialEq` compares sources and analysis by identity (`Rc::ptr_eq`), not by content:
/// comparing two analyses deeply on every render would be slow, and a change always makes new `Rc`s.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// Sources in the order added; each behind an `Rc` so that a change copies only what changed.
    pub sources: Vec<Rc<Source>>,
    /// The latest finished analysis (possibly of an older generation while a new one runs), with the user's
    /// entity edits applied: every view shows this one.
    pub analysis: Option<Rc<Analysis>>,
    /// The same analysis as it came from the engine, before the edits; the edits are replayed over it.
    pub unedited: Option<Rc<Analysis>>,
    /// The user's corrections to the entities, in the order made; saved with the sources.
    pub edits: Vec<EntityEdit>,
    /// What became of each edit in the shown analysis, indexed like `edits` (empty before any analysis).
    pub edit_outcomes: Vec<Outcome>,
    /// Where the analysis stands.
    pub state: AnalysisState,
    /// Bumped whenever the analysed articles change.
    pub generation: u64,
    /// Bumped whenever the sources change in any way, which is when the workspace is saved.
    pub revision: u64,
    /// The open view.
    pub view: View,
    /// The article open in the reader.
    pub reader_path: Option<String>,
    /// The focused item, if any.
    pub focus: Option<Focus>,
    /// A message for the user about the last action (for example, that the demo is not in this build).
    pub notice: Option<String>,
    /// Why the workspace could not be saved, while that is so.
    pub storage_warning: Option<String>,
    /// The learned name tagger, once it has been fetched; until then names come from the rules.
    pub ner: Option<Rc<NerModel>>,
    /// Whether the shown analysis found its names with the learned tagger.
    pub names_by_model: bool,
    /// Whether the saved workspace has been read; nothing is saved before, so that it is never overwritten.
    pub restored: bool,
}

impl PartialEq for Workspace {
    fn eq(&self, other: &Self) -> bool {
        let same_analysis = match (&self.analysis, &other.analysis) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_analysis
            && self.edits == other.edits
            && self.edit_outcomes == other.edit_outcomes
            && self.sources.len() == other.sources.len()
            && self
                .sources
                .iter()
                .zip(&other.sources)
                .all(|(a, b)| Rc::ptr_eq(a, b))
            && self.state == other.state
            && self.generation == other.generation
            && self.revision == other.revision
            && self.view == other.view
            && self.reader_path == other.reader_path
            && self.focus == other.focus
            && self.notice == other.notice
            && self.storage_warning == other.storage_warning
            && self.ner.is_some() == other.ner.is_some()
            && self.names_by_model == other.names_by_model
            && self.restored == other.restored
    }
}

/// Returns `path`, or `stem (2).ext`, `stem (3).ext`, ... when `path` is already taken.
///
/// The number goes before the extension so that the format is still recognised from the name.
pub fn unique_path(path: &str, taken: &dyn Fn(&str) -> bool) -> String {
    if !taken(path) {
        return path.to_string();
    }
    let (stem, ext) = match path.rfind('.') {
        Some(dot) if dot > 0 => (&path[..dot], &path[dot..]),
        _ => (path, ""),
    };
    (2..)
        .map(|n| format!("{stem} ({n}){ext}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| path.to_string())
}

/// One dropped or picked file's sources, named by the file (the workspace makes the paths unique when it adds them).
///
/// Formats change (issue 5): a ZIP archive gives one source per member through `ingest_all`,
/// each named "archive.zip/folder/file.txt"; a bad member becomes an error source of its own.
/// This is the costly part of a drop (decoding and parsing), kept out of the reducer so that the page can
/// run it in short slices ([`Action::AddRead`]).
pub fn read_file(name: &str, bytes: Result<&[u8], String>) -> Vec<Source> {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => {
            return vec![Source::Error {
                path: name.to_string(),
                message: format!("Could not open this file: {message}."),
            }]
        }
    };
    analysis::ingest_all(name, bytes)
        .into_iter()
        .map(|(member, result)| match result {
            Ok(mut article) => {
                article.path = member;
                Source::Ok { article }
            }
            Err(error) => Source::Error {
                path: member,
                message: format!("Could not read this file: {error}."),
            },
        })
        .collect()
}

impl Workspace {
    /// Restores a workspace from its saved JSON; the analysis must then be run again.
    pub fn from_json(json: &str) -> Result<Workspace, String> {
        let mut workspace = Workspace::default();
        let contents = persist::parse(json)?;
        workspace.add_sources(contents.sources);
        workspace.add_edits(contents.edits);
        workspace.reset_analysis();
        Ok(workspace)
    }

    /// The saved form of the workspace: sources and edits only, since the analysis is recomputed on load.
    pub fn to_json(&self) -> Result<String, String> {
        persist::to_json(self.sources.iter().map(|s| s.as_ref()), &self.edits, None)
    }

    /// Adds edits that are not already in force, in order; returns whether any was added.
    fn add_edits(&mut self, edits: Vec<EntityEdit>) -> bool {
        let mut added = false;
        for edit in edits {
            if !self.edits.contains(&edit) {
                self.edits.push(edit);
                added = true;
            }
        }
        added
    }

    /// Replays the edits over the unedited analysis into the shown one, and drops a focused entity (its index
    /// may now name another entity).
    fn refresh_edits(&mut self) {
        let Some(unedited) = &self.unedited else {
            self.edit_outcomes.clear();
            return;
        };
        if self.edits.is_empty() {
            self.analysis = Some(unedited.clone());
            self.edit_outcomes.clear();
        } else {
            let mut edited = Analysis::clone(unedited);
            self.edit_outcomes = analysis::apply_edits(&mut edited, &self.edits);
            self.analysis = Some(Rc::new(edited));
        }
        if let Some(focus) = &mut self.focus {
            if matches!(focus.item, Some(FocusItem::Entity(_))) {
                focus.item = None;
            }
        }
    }

    /// Records an edit made in the views and shows its effect at once; saved like any change of the sources.
    fn push_edit(&mut self, edit: EntityEdit) {
        self.edits.push(edit);
        self.revision += 1;
        self.refresh_edits();
    }

    /// Adds sources read from a save, an import or a link, each under a unique path; returns how many were read.
    ///
    /// A hand-edited file could repeat a path or reuse one already here; the uniqueness invariant is restored here.
    fn add_sources(&mut self, sources: Vec<Source>) -> usize {
        let mut n_ok = 0;
        for mut source in sources {
            let path = unique_path(source.path(), &|p| self.has_path(p));
            match &mut source {
                Source::Ok { article } => {
                    article.path = path;
                    n_ok += 1;
                }
                Source::Error { path: p, .. } => *p = path,
            }
            self.sources.push(Rc::new(source));
        }
        n_ok
    }

    /// Whether a source with this path exists.
    pub fn has_path(&self, path: &str) -> bool {
        self.sources.iter().any(|s| s.path() == path)
    }

    /// The articles to analyse, in source order.
    pub fn articles(&self) -> Vec<Article> {
        self.sources
            .iter()
            .filter_map(|s| s.article().cloned())
            .collect()
    }

    /// The number of sources that were read.
    pub fn n_articles(&self) -> usize {
        self.sources
            .iter()
            .filter(|s| s.article().is_some())
            .count()
    }

    /// The current outlet name of each article of `analysis`, which may have been renamed since it ran.
    pub fn outlets(&self, analysis: &Analysis) -> Vec<String> {
        let names: HashMap<&str, &str> = self
            .sources
            .iter()
            .filter_map(|s| s.article())
            .map(|a| (a.path.as_str(), a.source.as_str()))
            .collect();
        analysis
            .articles
            .iter()
            .map(|a| {
                names
                    .get(a.path.as_str())
                    .copied()
                    .unwrap_or(&a.source)
                    .to_string()
            })
            .collect()
    }

    /// The index of the article with this path in the current analysis.
    pub fn article_index(&self, path: &str) -> Option<usize> {
        self.analysis
            .as_ref()
            .and_then(|a| a.articles.iter().position(|x| x.path == path))
    }

    /// Marks the analysis as out of date: a new generation runs, or nothing when no article is left.
    fn reset_analysis(&mut self) {
        self.generation += 1;
        if self.n_articles() == 0 {
            self.state = AnalysisState::Idle;
            self.analysis = None;
            self.unedited = None;
            self.edit_outcomes.clear();
            self.focus = None;
            self.reader_path = None;
        } else {
            self.state = AnalysisState::Running;
        }
    }

    /// Adds one file's sources under unique paths, ingesting its bytes; returns whether any was read.
    fn add_bytes(&mut self, name: &str, bytes: Result<&[u8], String>) -> bool {
        self.add_sources(read_file(name, bytes)) > 0
    }

    /// Adds sources read by [`read_file`] as a drop does: the analysis runs again when any was read.
    fn add_read(&mut self, sources: Vec<Source>) {
        let any_ok = self.add_sources(sources) > 0;
        self.revision += 1;
        if any_ok {
            self.reset_analysis();
        }
        self.notice = None;
    }

    /// Applies `action`; `None` means nothing changed (so nothing re-renders).
    pub fn apply(&self, action: Action) -> Option<Workspace> {
        let mut next = self.clone();
        match action {
            Action::AddFiles(files) => {
                if files.is_empty() {
                    return None;
                }
                let sources = files
                    .iter()
                    .flat_map(|(name, bytes)| {
                        read_file(name, bytes.as_deref().map_err(Clone::clone))
                    })
                    .collect();
                next.add_read(sources);
            }
            Action::AddRead(sources) => {
                if sources.is_empty() {
                    return None;
                }
                next.add_read(sources);
            }
            Action::AddPaste(text) => {
                if text.trim().is_empty() {
                    return None;
                }
                let path = unique_path("pasted.txt", &|p| next.has_path(p));
                let article = analysis::ingest_text(&path, &text);
                next.sources.push(Rc::new(Source::Ok { article }));
                next.revision += 1;
                next.reset_analysis();
                next.notice = None;
            }
            Action::LoadDemo => {
                let missing: Vec<&(&str, &[u8])> = analysis::demo::FILES
                    .iter()
                    .filter(|(name, _)| !self.has_path(name))
                    .collect();
                if analysis::demo::FILES.is_empty() || missing.is_empty() {
                    let notice = if analysis::demo::FILES.is_empty() {
                        "The demo articles are not part of this build."
                    } else {
                        "The demo articles are already in the workspace."
                    };
                    if self.notice.as_deref() == Some(notice) {
                        return None;
                    }
                    next.notice = Some(notice.to_string());
                    return Some(next);
                }
                let mut any_ok = false;
                for (name, bytes) in missing {
                    any_ok |= next.add_bytes(name, Ok(bytes));
                }
                next.revision += 1;
                if any_ok {
                    next.reset_analysis();
                }
                next.notice = None;
            }
            Action::Remove(path) => {
                let index = self.sources.iter().position(|s| s.path() == path)?;
                let removed = next.sources.remove(index);
                next.revision += 1;
                if removed.article().is_some() {
                    if next.reader_path.as_deref() == Some(path.as_str()) {
                        next.reader_path = None;
                    }
                    if next.focus.as_ref().is_some_and(|f| f.path == path) {
                        next.focus = None;
                    }
                    next.reset_analysis();
                }
            }
            Action::Rename { path, name } => {
                let source = next.sources.iter_mut().find(|s| s.path() == path)?;
                let Source::Ok { article } = Rc::make_mut(source) else {
                    return None;
                };
                let name = name.trim();
                let name = if name.is_empty() {
                    article.path.clone()
                } else {
                    name.to_string()
                };
                if article.source == name {
                    return None;
                }
                article.source = name;
                next.revision += 1;
            }
            Action::SetDate { path, date } => {
                let source = next.sources.iter_mut().find(|s| s.path() == path)?;
                let Source::Ok { article } = Rc::make_mut(source) else {
                    return None;
                };
                if article.date == date {
                    return None;
                }
                article.date = date;
                next.revision += 1;
                next.reset_analysis();
            }
            Action::SelectView(view) => {
                if self.view == view {
                    return None;
                }
                next.view = view;
            }
            Action::SelectArticle(path) => {
                if self.reader_path.as_deref() == Some(path.as_str()) && self.focus.is_none() {
                    return None;
                }
                next.reader_path = Some(path);
                next.focus = None;
            }
            Action::Focus(focus) => {
                if self.view == View::Reader && self.focus.as_ref() == Some(&focus) {
                    return None;
                }
                next.view = View::Reader;
                next.reader_path = Some(focus.path.clone());
                next.focus = Some(focus);
            }
            Action::AnalysisFinished {
                generation,
                analysis,
                with_model,
            } => {
                if generation != self.generation {
                    return None;
                }
                next.names_by_model = with_model;
                let has = |path: &str| analysis.articles.iter().any(|a| a.path == path);
                if !next.reader_path.as_deref().is_some_and(has) {
                    next.reader_path = analysis.articles.first().map(|a| a.path.clone());
                }
                if let Some(focus) = &mut next.focus {
                    if has(&focus.path) {
                        focus.item = None;
                    } else {
                        next.focus = None;
                    }
                }
                next.unedited = Some(analysis);
                next.refresh_edits();
                next.state = AnalysisState::Done;
            }
            Action::AnalysisCancelled => {
                if self.state != AnalysisState::Running {
                    return None;
                }
                next.state = if next.analysis.is_some() {
                    AnalysisState::Done
                } else {
                    AnalysisState::Idle
                };
                next.notice = Some("Analysis cancelled".to_string());
            }
            Action::StorageFailed(message) => {
                if self.storage_warning.as_deref() == Some(message.as_str()) {
                    return None;
                }
                next.storage_warning = Some(message);
            }
            Action::StorageOk => {
                self.storage_warning.as_ref()?;
                next.storage_warning = None;
            }
            Action::DismissNotice => {
                self.notice.as_ref()?;
                next.notice = None;
            }
            Action::Restored(saved) => {
                if self.restored {
                    return None;
                }
                next.restored = true;
                if !saved.edits.is_empty() {
                    // Edits made while the save was being read go after the saved ones.
                    let made = std::mem::take(&mut next.edits);
                    next.add_edits(saved.edits);
                    next.add_edits(made);
                    next.refresh_edits();
                }
                if !saved.sources.is_empty() {
                    // Anything added while the save was being read goes after the saved sources.
                    let added = std::mem::take(&mut next.sources);
                    next.add_sources(saved.sources);
                    next.add_sources(added.iter().map(|s| s.as_ref().clone()).collect());
                    next.revision += 1;
                    next.reset_analysis();
                }
            }
            Action::Import { contents, origin } => {
                let Contents { sources, edits } = contents;
                let n_sources = sources.len();
                let n_edits_before = next.edits.len();
                if next.add_edits(edits) {
                    next.revision += 1;
                    next.refresh_edits();
                }
                let n_new_edits = next.edits.len() - n_edits_before;
                let n_ok = next.add_sources(sources);
                let count = crate::ui::format::count;
                next.notice = Some(match (n_sources, n_new_edits) {
                    (0, 0) => format!("{origin} holds no sources."),
                    (0, n) => format!(
                        "Added {} from {origin}.",
                        count(n, "entity correction", "entity corrections")
                    ),
                    (n, 0) => format!("Added {} from {origin}.", count(n, "source", "sources")),
                    (n, m) => format!(
                        "Added {} and {} from {origin}.",
                        count(n, "source", "sources"),
                        count(m, "entity correction", "entity corrections")
                    ),
                });
                if n_sources > 0 {
                    next.revision += 1;
                }
                if n_ok > 0 {
                    next.reset_analysis();
                }
            }
            Action::Notify(message) => {
                if self.notice.as_deref() == Some(message.as_str()) {
                    return None;
                }
                next.notice = Some(message);
            }
            Action::ModelLoaded(model) => {
                next.ner = Some(model);
                if next.n_articles() > 0 {
                    next.reset_analysis();
                }
            }
            Action::MergeEntities(forms) => {
                let mut distinct: Vec<String> = Vec::with_capacity(forms.len());
                for form in forms {
                    if !distinct.contains(&form) {
                        distinct.push(form);
                    }
                }
                if distinct.len() < 2 {
                    return None;
                }
                next.push_edit(EntityEdit::Merge { forms: distinct });
            }
            Action::SplitAlias { form, from } => {
                next.push_edit(EntityEdit::Split {
                    form,
                    from: Some(from),
                });
            }
            Action::UndoEdit(index) => {
                if index >= next.edits.len() {
                    return None;
                }
                next.edits.remove(index);
                next.revision += 1;
                next.refresh_edits();
            }
            Action::ClearEdits => {
                if next.edits.is_empty() {
                    return None;
                }
                next.edits.clear();
                next.revision += 1;
                next.refresh_edits();
            }
        }
        Some(next)
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for Workspace {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.apply(action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(ws: &Workspace, action: Action) -> Workspace {
        ws.apply(action).expect("the action changes the workspace")
    }

    fn file(name: &str, text: &str) -> FileInput {
        (name.to_string(), Ok(text.as_bytes().to_vec()))
    }

    fn paths(ws: &Workspace) -> Vec<&str> {
        ws.sources.iter().map(|s| s.path()).collect()
    }

    #[test]
    fn unique_paths() {
        let taken = ["a.txt", "a (2).txt", "README", ".env"];
        let is_taken = |p: &str| taken.contains(&p);
        let cases = [
            ("b.txt", "b.txt"),
            ("a.txt", "a (3).txt"),
            ("README", "README (2)"),
            (".env", ".env (2)"),
            ("a (2).txt", "a (2) (2).txt"),
        ];
        for (path, want) in cases {
            assert_eq!(unique_path(path, &is_taken), want);
        }
    }

    #[test]
    fn files_become_sources_or_errors() {
        let ws = Workspace::default();
        let ws = apply(
            &ws,
            Action::AddFiles(vec![
                file("a.txt", "Police said 3 people were hurt."),
                ("empty.txt".to_string(), Ok(Vec::new())),
                ("gone.txt".to_string(), Err("permission denied".to_string())),
                file("a.txt", "Another text."),
            ]),
        );
        assert_eq!(paths(&ws), ["a.txt", "empty.txt", "gone.txt", "a (2).txt"]);
        assert_eq!(ws.n_articles(), 2);
        assert_eq!(ws.state, AnalysisState::Running);
        assert!(
            matches!(ws.sources[1].as_ref(), Source::Error { message, .. } if message.contains("empty"))
        );
        assert!(
            matches!(ws.sources[2].as_ref(), Source::Error { message, .. } if message.contains("permission denied"))
        );
        assert_eq!(ws.articles()[1].path, "a (2).txt");
    }

    #[test]
    fn files_read_ahead_are_added_like_a_drop() {
        let files = vec![
            file("a.txt", "Police said 3 people were hurt."),
            ("gone.txt".to_string(), Err("permission denied".to_string())),
            file("a.txt", "Another text."),
        ];
        let dropped = apply(&Workspace::default(), Action::AddFiles(files.clone()));
        let read: Vec<Source> = files
            .iter()
            .flat_map(|(name, bytes)| read_file(name, bytes.as_deref().map_err(Clone::clone)))
            .collect();
        let added = apply(&Workspace::default(), Action::AddRead(read));
        assert_eq!(added.sources, dropped.sources);
        assert_eq!(
            (added.state, added.revision, added.generation),
            (dropped.state, dropped.revision, dropped.generation)
        );
        assert!(Workspace::default()
            .apply(Action::AddRead(Vec::new()))
            .is_none());
    }

    #[test]
    fn only_errors_leave_the_analysis_idle() {
        let ws = apply(
            &Workspace::default(),
            Action::AddFiles(vec![("e.txt".to_string(), Ok(Vec::new()))]),
        );
        assert_eq!(ws.state, AnalysisState::Idle);
        assert_eq!(ws.revision, 1);
        assert!(Workspace::default()
            .apply(Action::AddFiles(Vec::new()))
            .is_none());
        assert!(Workspace::default()
            .apply(Action::AddPaste("  \n".to_string()))
            .is_none());
    }

    #[test]
    fn cancelling_keeps_the_last_analysis() {
        let ws = apply(
            &Workspace::default(),
            Action::AddPaste("One text.".to_string()),
        );
        let cancelled = apply(&ws, Action::AnalysisCancelled);
        assert_eq!(cancelled.state, AnalysisState::Idle);
        assert_eq!(cancelled.notice.as_deref(), Some("Analysis cancelled"));
        let done = apply(
            &ws,
            Action::AnalysisFinished {
                generation: ws.generation,
                analysis: Rc::new(analysis::analyze(ws.articles())),
                with_model: false,
            },
        );
        assert!(done.apply(Action::AnalysisCancelled).is_none());
        let rerun = apply(&done, Action::AddPaste("Two texts.".to_string()));
        let cancelled = apply(&rerun, Action::AnalysisCancelled);
        assert_eq!(cancelled.state, AnalysisState::Done);
        assert!(cancelled.analysis.is_some_and(|a| a.articles.len() == 1));
    }

    #[test]
    fn stale_results_are_ignored() {
        let ws = apply(
            &Workspace::default(),
            Action::AddPaste("One text.".to_string()),
        );
        let old_generation = ws.generation;
        let ws = apply(&ws, Action::AddPaste("Two texts.".to_string()));
        assert_eq!(paths(&ws), ["pasted.txt", "pasted (2).txt"]);
        let stale = Rc::new(analysis::analyze(vec![analysis::ingest_text(
            "pasted.txt",
            "One text.",
        )]));
        assert!(ws
            .apply(Action::AnalysisFinished {
                generation: old_generation,
                analysis: stale,
                with_model: false,
            })
            .is_none());
        let fresh = Rc::new(analysis::analyze(ws.articles()));
        let done = apply(
            &ws,
            Action::AnalysisFinished {
                generation: ws.generation,
                analysis: fresh,
                with_model: false,
            },
        );
        assert_eq!(done.state, AnalysisState::Done);
        assert_eq!(done.reader_path.as_deref(), Some("pasted.txt"));
    }

    #[test]
    fn edits_and_removal() {
        let ws = apply(
            &Workspace::default(),
            Action::AddFiles(vec![
                file("a.txt", "Text."),
                ("b.pdf".into(), Ok(Vec::new())),
            ]),
        );
        let generation = ws.generation;
        let renamed = apply(
            &ws,
            Action::Rename {
                path: "a.txt".into(),
                name: " Daily Planet ".into(),
            },
        );
        assert_eq!(renamed.articles()[0].source, "Daily Planet");
        assert_eq!(
            renamed.generation, generation,
            "renaming does not re-run the analysis"
        );
        assert!(renamed.revision > ws.revision, "renaming is saved");
        let reset = apply(
            &renamed,
            Action::Rename {
                path: "a.txt".into(),
                name: "".into(),
            },
        );
        assert_eq!(reset.articles()[0].source, "a.txt");
        assert!(renamed
            .apply(Action::Rename {
                path: "b.pdf".into(),
                name: "x".into()
            })
            .is_none());
        assert!(renamed
            .apply(Action::Rename {
                path: "nope".into(),
                name: "x".into()
            })
            .is_none());

        let date = NaiveDate::from_ymd_opt(2024, 3, 23);
        let dated = apply(
            &ws,
            Action::SetDate {
                path: "a.txt".into(),
                date,
            },
        );
        assert_eq!(dated.articles()[0].date, date);
        assert!(
            dated.generation > generation,
            "a new date re-runs the analysis"
        );
        assert!(dated
            .apply(Action::SetDate {
                path: "a.txt".into(),
                date
            })
            .is_none());

        let removed = apply(&ws, Action::Remove("b.pdf".into()));
        assert_eq!(paths(&removed), ["a.txt"]);
        assert_eq!(
            removed.generation, generation,
            "removing an error keeps the analysis"
        );
        let empty = apply(&removed, Action::Remove("a.txt".into()));
        assert_eq!(empty.state, AnalysisState::Idle);
        assert!(empty.apply(Action::Remove("a.txt".into())).is_none());
    }

    #[test]
    fn focus_opens_the_reader() {
        let ws = Workspace::default();
        let focus = Focus {
            path: "a.txt".into(),
            span: Span::new(1, 4),
            item: Some(FocusItem::Figure(0)),
        };
        let ws = apply(
            &apply(&ws, Action::SelectView(View::Figures)),
            Action::Focus(focus.clone()),
        );
        assert_eq!(ws.view, View::Reader);
        assert_eq!(ws.focus, Some(focus));
        assert_eq!(ws.reader_path.as_deref(), Some("a.txt"));
        assert!(
            ws.apply(Action::SelectView(View::Reader)).is_none(),
            "same view: no re-render"
        );
    }

    #[test]
    fn demo_is_added_once() {
        let ws = apply(&Workspace::default(), Action::LoadDemo);
        if analysis::demo::FILES.is_empty() {
            assert!(ws.notice.is_some());
            return;
        }
        assert_eq!(ws.sources.len(), analysis::demo::FILES.len());
        let again = apply(&ws, Action::LoadDemo);
        assert_eq!(again.sources.len(), ws.sources.len());
        assert!(again.notice.is_some());
    }

    #[test]
    fn saves_round_trip() {
        let ws = apply(
            &Workspace::default(),
            Action::AddFiles(vec![
                file("a.txt", "Date: 2024-03-23\n\nText é."),
                ("b.pdf".into(), Ok(Vec::new())),
            ]),
        );
        let ws = apply(
            &ws,
            Action::Rename {
                path: "a.txt".into(),
                name: "Outlet".into(),
            },
        );
        let json = ws.to_json().expect("serialisable");
        let back = Workspace::from_json(&json).expect("readable");
        assert_eq!(back.sources, ws.sources);
        assert_eq!(back.state, AnalysisState::Running);
        assert!(Workspace::from_json("{").is_err());
        assert!(Workspace::from_json(r#"{"version":3,"sources":[]}"#).is_err());
        let repeated = r#"{"version":1,"sources":[{"status":"error","path":"x","message":"m"},{"status":"error","path":"x","message":"m"}]}"#;
        let back = Workspace::from_json(repeated).expect("readable");
        assert_eq!(paths(&back), ["x", "x (2)"]);
    }

    #[test]
    fn restore_and_import() {
        let dropped = apply(
            &Workspace::default(),
            Action::AddFiles(vec![file("a.txt", "Dropped early.")]),
        );
        assert!(!dropped.restored);
        let saved = vec![
            Source::Ok {
                article: analysis::ingest_text("a.txt", "Saved."),
            },
            Source::Error {
                path: "b.pdf".into(),
                message: "m".into(),
            },
        ];
        let saved = Contents {
            sources: saved,
            edits: Vec::new(),
        };
        let restored = apply(&dropped, Action::Restored(saved.clone()));
        assert!(restored.restored);
        assert_eq!(
            paths(&restored),
            ["a.txt", "b.pdf", "a (2).txt"],
            "saved sources first"
        );
        assert!(restored.revision > dropped.revision);
        assert!(
            restored.apply(Action::Restored(saved.clone())).is_none(),
            "restored once"
        );
        let empty = apply(&Workspace::default(), Action::Restored(Contents::default()));
        assert_eq!((empty.revision, empty.state), (0, AnalysisState::Idle));

        let imported = apply(
            &restored,
            Action::Import {
                contents: saved,
                origin: "team.json".into(),
            },
        );
        assert_eq!(
            paths(&imported),
            ["a.txt", "b.pdf", "a (2).txt", "a (3).txt", "b (2).pdf"]
        );
        assert_eq!(
            imported.notice.as_deref(),
            Some("Added 2 sources from team.json.")
        );
        assert!(imported.generation > restored.generation);
        let nothing = apply(
            &restored,
            Action::Import {
                contents: Contents::default(),
                origin: "x.json".into(),
            },
        );
        assert_eq!(nothing.revision, restored.revision);
        assert_eq!(nothing.notice.as_deref(), Some("x.json holds no sources."));
        let told = apply(&restored, Action::Notify("Refused.".into()));
        assert!(told.apply(Action::Notify("Refused.".into())).is_none());
    }

    /// A workspace with the fixture articles of `tests/fixtures/edits/` analysed, as after the worker replied.
    fn analysed(edits: Vec<EntityEdit>) -> Workspace {
        let fixture = |name: &str| {
            let path = format!("{}/tests/fixtures/edits/{name}", env!("CARGO_MANIFEST_DIR"));
            file(name, &std::fs::read_to_string(path).expect("fixture"))
        };
        let ws = apply(
            &Workspace::default(),
            Action::Import {
                contents: Contents {
                    sources: Vec::new(),
                    edits,
                },
                origin: "x.json".into(),
            },
        );
        let ws = apply(
            &ws,
            Action::AddFiles(vec![fixture("a.txt"), fixture("b.txt")]),
        );
        apply(
            &ws,
            Action::AnalysisFinished {
                generation: ws.generation,
                analysis: Rc::new(analysis::analyze(ws.articles())),
                with_model: false,
            },
        )
    }

    fn entity_names(ws: &Workspace) -> Vec<String> {
        ws.analysis
            .as_ref()
            .map(|a| {
                a.comparison
                    .entities
                    .iter()
                    .map(|e| e.name.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn entity_edits_apply_undo_and_persist() {
        let ws = analysed(Vec::new());
        assert!(Rc::ptr_eq(
            ws.analysis.as_ref().expect("analysed"),
            ws.unedited.as_ref().expect("kept")
        ));
        let before = entity_names(&ws);
        assert!(before.contains(&"Brennik Lines".to_string()));
        assert!(ws
            .apply(Action::MergeEntities(vec![
                "Calvane".into(),
                "Calvane".into()
            ]))
            .is_none());
        let merged = apply(
            &ws,
            Action::MergeEntities(vec![
                "Edda Klinsmark".into(),
                "Coastal Rescue Service".into(),
            ]),
        );
        assert_eq!(entity_names(&merged).len(), before.len() - 1);
        assert!(merged.revision > ws.revision, "an edit is saved");
        assert_eq!(merged.generation, ws.generation, "an edit re-runs nothing");
        let split = apply(
            &merged,
            Action::SplitAlias {
                form: "Brennik".into(),
                from: "Brennik Lines".into(),
            },
        );
        assert_eq!(entity_names(&split).len(), before.len());
        assert!(entity_names(&split).contains(&"Brennik".to_string()));
        assert_eq!(split.edit_outcomes, [Outcome::Applied, Outcome::Applied]);
        assert_eq!(
            split.unedited.as_ref().map(|a| a.comparison.entities.len()),
            Some(before.len()),
            "the engine's result is kept as it was"
        );

        // The edits are saved, and a restored workspace analyses into the same rows.
        let json = split.to_json().expect("serialisable");
        let back = Workspace::from_json(&json).expect("readable");
        assert_eq!(back.edits, split.edits);
        let restored = analysed(back.edits.clone());
        assert_eq!(entity_names(&restored), entity_names(&split));

        let undone = apply(&split, Action::UndoEdit(0));
        assert_eq!(undone.edits.len(), 1);
        assert!(undone.apply(Action::UndoEdit(5)).is_none());
        let cleared = apply(&undone, Action::ClearEdits);
        assert_eq!(entity_names(&cleared), before);
        assert!(cleared.apply(Action::ClearEdits).is_none());

        // Imported edits join the ones in force once, and the notice says so.
        let imported = apply(
            &undone,
            Action::Import {
                contents: Contents {
                    sources: Vec::new(),
                    edits: split.edits.clone(),
                },
                origin: "team.json".into(),
            },
        );
        assert_eq!(imported.edits.len(), 2);
        assert_eq!(
            imported.notice.as_deref(),
            Some("Added 1 entity correction from team.json.")
        );
    }
}
