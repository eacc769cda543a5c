//! Hooks and browser glue: the workspace context, the analysis runner, restoring and saving the workspace
//! (through [`crate::ui::storage`]), share links, the `?demo` link, window-wide drag and drop, and reading dropped or picked files.

use crate::analysis;
use crate::ui::persist;
use crate::ui::state::{Action, AnalysisState, FileInput, Workspace};
use crate::ui::storage;
use crate::ui::work;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// The workspace as every component sees it: state plus dispatcher.
pub type WorkspaceHandle = UseReducerHandle<Workspace>;

/// The workspace from the context that [`crate::ui::App`] provides.
#[hook]
pub fn use_workspace() -> WorkspaceHandle {
    // The app always renders its children inside the provider, so a missing context is a programming error.
    use_context::<WorkspaceHandle>().expect("components are rendered inside the workspace provider")
}

/// A readable message for an error thrown by the browser.
fn js_message(error: &JsValue) -> String {
    storage::js_message(error)
}

/// At start, once: restores the saved workspace, then adds the sources of a share link (`#w=...`), then the
/// demo when the address says `?demo`, in that order so that nothing is added twice or overwritten.
#[hook]
pub fn use_restore(workspace: &WorkspaceHandle) {
    let dispatcher = workspace.dispatcher();
    use_effect_with((), move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let restored = storage::restore().await;
            dispatcher.dispatch(Action::Restored(restored.contents));
            if let Some(warning) = restored.warning {
                dispatcher.dispatch(Action::StorageFailed(warning));
            }
            match storage::take_share_fragment() {
                Some(Ok(contents)) => dispatcher.dispatch(Action::Import {
                    contents,
                    origin: "the share link".to_string(),
                }),
                Some(Err(error)) => dispatcher.dispatch(Action::Notify(format!(
                    "The share link could not be opened: {error}. Nothing was changed."
                ))),
                None => {}
            }
            if demo_requested() {
                dispatcher.dispatch(Action::LoadDemo);
            }
        });
    });
}

/// Saves the workspace whenever its sources or the user's edits change, after a short pause for more
/// changes and never before the saved workspace has been read; a failure becomes a warning, never a crash.
#[hook]
pub fn use_persistence(workspace: &WorkspaceHandle) {
    let handle = workspace.clone();
    use_effect_with(
        (workspace.revision, workspace.restored),
        move |&(revision, restored)| {
            // Revision 0 is the workspace as restored (or empty): there is nothing new to save.
            if restored && revision > 0 {
                storage::schedule_save(move || {
                    let json = match handle.to_json() {
                        Ok(json) => json,
                        Err(error) => {
                            handle.dispatch(Action::StorageFailed(save_failed(&error)));
                            return;
                        }
                    };
                    let dispatcher = handle.dispatcher();
                    wasm_bindgen_futures::spawn_local(async move {
                        match storage::write(json).await {
                            Ok(()) => dispatcher.dispatch(Action::StorageOk),
                            Err(error) => {
                                dispatcher.dispatch(Action::StorageFailed(save_failed(&error)))
                            }
                        }
                    });
                });
            }
        },
    );
}

/// The warning shown when saving fails.
fn save_failed(error: &str) -> String {
    format!("Your workspace could not be saved in this browser ({error}). It stays open, but a reload will lose it.")
}

/// A job that runs at most once, shared by the ways it can be started.
type OnceSlot = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

/// Runs `job` once after the browser has painted: an animation frame, then a zero timeout.
///
/// A fallback timer runs it anyway when frames do not come (a hidden tab), and whichever comes first wins.
pub fn after_paint(job: impl FnOnce() + 'static) {
    let slot: OnceSlot = Rc::new(RefCell::new(Some(Box::new(job))));
    let run = |slot: &OnceSlot| {
        // The borrow ends before the job runs, so the job may schedule more work freely.
        let job = slot.borrow_mut().take();
        if let Some(job) = job {
            job();
        }
    };
    let fallback = slot.clone();
    Timeout::new(250, move || run(&fallback)).forget();
    if let Some(window) = web_sys::window() {
        let after_frame = slot.clone();
        let frame = Closure::once_into_js(move || {
            Timeout::new(0, move || run(&after_frame)).forget();
        });
        // If the frame cannot be requested, the fallback timer still runs the job.
        let _ = window.request_animation_frame(frame.unchecked_ref());
    }
}

/// Where a running analysis stands, for the status line: the worker's progress and a way to cancel it.
#[derive(Clone, PartialEq)]
pub struct AnalysisProgress {
    /// `(done, total)` articles extracted so far, once the worker has said.
    pub progress: Option<(usize, usize)>,
    /// The stage of the comparison that runs, once every article has been extracted.
    pub stage: Option<analysis::CompareStage>,
    /// Whether the running analysis can be cancelled (only one in a worker can).
    pub cancellable: bool,
    /// Stops the running analysis; the last finished one stays on screen.
    pub cancel: Callback<()>,
}

/// The worker's script, beside the page: Trunk's loader shim for the `corroborate-worker` program.
const WORKER_URL: &str = "corroborate-worker_loader.js";

/// One analysis handed to the worker: what the page keeps to put the result together.
struct Job {
    /// The generation it is for.
    generation: u64,
    /// The articles sent (the worker does not send them back).
    articles: Vec<analysis::Article>,
    /// The results received so far, in batches.
    gathered: work::Gathered,
    /// The model, for the main-thread fallback.
    model: Option<Rc<analysis::tagger::NerModel>>,
}

/// The handlers of one worker, kept alive as long as it may call them.
type Handlers = (
    Closure<dyn FnMut(web_sys::MessageEvent)>,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// The page's side of the analysis worker.
#[derive(Default)]
struct Runner {
    /// The live worker, if one has been started and not terminated.
    worker: Option<web_sys::Worker>,
    /// Whether the live worker has said it listens.
    ready: bool,
    /// Set when workers cannot be used here: every analysis then runs on the page's thread.
    unavailable: bool,
    /// The request waiting for the worker to be ready, and whether it wants the name model.
    queued: Option<(String, bool)>,
    /// Whether the live worker has been sent the name model's bytes.
    model_sent: bool,
    /// The analysis in the worker, if any.
    job: Option<Job>,
    /// The live worker's handlers.
    handlers: Option<Handlers>,
    /// Handlers of terminated workers: dropped at the next start, never while one of them may be running.
    retired: Vec<Handlers>,
}

impl Runner {
    /// Stops the worker and forgets its analysis; returns whether an analysis was running in it.
    fn terminate(&mut self) -> bool {
        if let Some(worker) = self.worker.take() {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        self.retired.extend(self.handlers.take());
        self.ready = false;
        self.model_sent = false;
        self.queued = None;
        self.job.take().is_some()
    }
}

/// Shared handles that the worker's handlers need.
#[derive(Clone)]
struct RunnerContext {
    runner: Rc<RefCell<Runner>>,
    dispatcher: UseReducerDispatcher<Workspace>,
    progress: UseStateSetter<Option<(usize, usize)>>,
    stage: UseStateSetter<Option<analysis::CompareStage>>,
}

/// Runs the analysis whenever a new generation is marked running, after the "running" state has painted.
///
/// The analysis runs in a web worker, so that the page stays responsive; a newer generation supersedes
/// (terminates) an older one. Where workers are unavailable or fail to start it runs on the page's thread,
/// with a warning on the console. Returns the progress and the cancel action for the status line.
#[hook]
pub fn use_analysis_runner(workspace: &WorkspaceHandle) -> AnalysisProgress {
    let latest = use_mut_ref(|| 0_u64);
    let runner = use_mut_ref(Runner::default);
    let progress = use_state_eq(|| None::<(usize, usize)>);
    let stage = use_state_eq(|| None::<analysis::CompareStage>);
    let context = RunnerContext {
        runner: runner.clone(),
        dispatcher: workspace.dispatcher(),
        progress: progress.setter(),
        stage: stage.setter(),
    };
    let handle = workspace.clone();
    let running = workspace.state == AnalysisState::Running;
    {
        let latest = latest.clone();
        let context = context.clone();
        use_effect_with(
            (workspace.generation, running),
            move |&(generation, running)| {
                if running {
                    *latest.borrow_mut() = generation;
                    context.clear_progress();
                    let articles = handle.articles();
                    let model = handle.ner.clone();
                    after_paint(move || {
                        if *latest.borrow() != generation {
                            return;
                        }
                        // The sources are written before the analysis starts, so a crash in it loses nothing.
                        storage::flush_save();
                        start(
                            &context,
                            Job {
                                generation,
                                articles,
                                gathered: work::Gathered::default(),
                                model,
                            },
                        );
                    });
                }
            },
        );
    }
    let cancel = {
        let context = context.clone();
        let latest = latest.clone();
        use_callback((), move |(), ()| {
            // Generation 0 is never analysed, so a start still waiting for the paint is skipped too.
            *latest.borrow_mut() = 0;
            context.runner.borrow_mut().terminate();
            context.clear_progress();
            context.dispatcher.dispatch(Action::AnalysisCancelled);
        })
    };
    let cancellable = running && !runner.borrow().unavailable;
    AnalysisProgress {
        progress: *progress,
        stage: *stage,
        cancellable,
        cancel,
    }
}

/// Hands `job` to the worker (started if needed), or runs it here when workers cannot be used.
fn start(context: &RunnerContext, mut job: Job) {
    let mut runner = context.runner.borrow_mut();
    runner.retired.clear();
    if runner.unavailable {
        drop(runner);
        analyze_here(job, &context.dispatcher);
        return;
    }
    // A newer generation supersedes the one in the worker: stopping it is quicker than letting it finish.
    if runner.job.is_some() {
        runner.terminate();
    }
    if runner.worker.is_none() {
        match spawn_worker(context) {
            Ok((worker, handlers)) => {
                runner.worker = Some(worker);
                runner.handlers = Some(handlers);
            }
            Err(error) => {
                runner.unavailable = true;
                drop(runner);
                web_sys::console::warn_1(
                    &format!("The analysis worker could not start ({error}); analysing on the page instead.").into(),
                );
                analyze_here(job, &context.dispatcher);
                return;
            }
        }
    }
    let request = work::Request {
        generation: job.generation,
        with_model: job.model.is_some(),
        articles: std::mem::take(&mut job.articles),
    };
    let json = serde_json::to_string(&request);
    job.articles = request.articles;
    let json = match json {
        Ok(json) => json,
        Err(error) => {
            drop(runner);
            web_sys::console::warn_1(
                &format!("The articles could not be sent to the worker ({error}); analysing on the page instead.").into(),
            );
            analyze_here(job, &context.dispatcher);
            return;
        }
    };
    let with_model = request.with_model;
    runner.job = Some(job);
    if runner.ready {
        post_request(&mut runner, json, with_model);
    } else {
        runner.queued = Some((json, with_model));
    }
}

/// Sends a request to the live worker, preceded by the name model's bytes the first time one wants them.
fn post_request(runner: &mut Runner, json: String, with_model: bool) {
    if let Some(worker) = &runner.worker {
        if with_model && !runner.model_sent {
            runner.model_sent = send_model(worker);
        }
        if let Err(error) = worker.post_message(&JsValue::from_str(&json)) {
            web_sys::console::warn_2(
                &"The analysis could not be sent to the worker:".into(),
                &error,
            );
        }
    }
}

/// Starts a worker and wires its replies to the workspace.
fn spawn_worker(context: &RunnerContext) -> Result<(web_sys::Worker, Handlers), String> {
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|e| js_message(&e))?;
    let on_reply = context.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            match event
                .data()
                .as_string()
                .map(|text| serde_json::from_str::<work::Reply>(&text))
            {
                Some(Ok(reply)) => on_worker_reply(&on_reply, reply),
                Some(Err(error)) => web_sys::console::warn_1(
                    &format!("A reply of the analysis worker could not be read: {error}").into(),
                ),
                None => web_sys::console::warn_1(
                    &"The analysis worker sent something that is not text.".into(),
                ),
            }
        });
    let on_failure = context.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let message = event
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .unwrap_or_else(|| "its script did not load or it stopped".to_string());
        fall_back(&on_failure, &message);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok((worker, (on_message, on_error)))
}

/// Handles one reply of the live worker; replies for another generation than its job are dropped.
fn on_worker_reply(context: &RunnerContext, reply: work::Reply) {
    let mut runner = context.runner.borrow_mut();
    let current = runner.job.as_ref().map(|job| job.generation);
    match reply {
        work::Reply::Ready => {
            runner.ready = true;
            if let Some((json, with_model)) = runner.queued.take() {
                post_request(&mut runner, json, with_model);
            }
        }
        work::Reply::Progress {
            generation,
            done,
            total,
        } => {
            if current == Some(generation) {
                drop(runner);
                context.progress.set(Some((done, total)));
            }
        }
        work::Reply::Stage { generation, stage } => {
            if current == Some(generation) {
                drop(runner);
                context.stage.set(Some(stage));
            }
        }
        work::Reply::Part { generation, .. }
        | work::Reply::Similarity { generation, .. }
        | work::Reply::Entities { generation, .. }
        | work::Reply::Claims { generation, .. } => {
            if let Some(job) = runner.job.as_mut().filter(|j| j.generation == generation) {
                job.gathered.take(reply);
            }
        }
        work::Reply::Done {
            generation,
            with_model,
            comparison,
        } => {
            if current != Some(generation) {
                return;
            }
            let Some(job) = runner.job.take() else {
                return;
            };
            drop(runner);
            context.clear_progress();
            let (extracted, comparison) = job.gathered.complete(comparison);
            let analysis = analysis::Analysis {
                articles: job.articles,
                extracted,
                comparison,
            };
            context.dispatcher.dispatch(Action::AnalysisFinished {
                generation,
                analysis: Rc::new(analysis),
                with_model,
            });
        }
        work::Reply::Failed { message } => {
            drop(runner);
            fall_back(context, &message);
        }
    }
}

/// The worker failed: its analysis runs on the page instead, and a worker that never started is not tried again.
fn fall_back(context: &RunnerContext, message: &str) {
    let job = {
        let mut runner = context.runner.borrow_mut();
        if !runner.ready {
            runner.unavailable = true;
        }
        let job = runner.job.take();
        runner.terminate();
        job
    };
    web_sys::console::warn_1(
        &format!("The analysis worker failed ({message}); analysing on the page instead.").into(),
    );
    context.clear_progress();
    if let Some(job) = job {
        let dispatcher = context.dispatcher.clone();
        after_paint(move || analyze_here(job, &dispatcher));
    }
}

impl RunnerContext {
    /// Clears what the status line shows of a running analysis.
    fn clear_progress(&self) {
        self.progress.set(None);
        self.stage.set(None);
    }
}

/// Sends the name model's bytes to `worker` (a copy, transferred, so the page keeps its own); returns whether it went.
fn send_model(worker: &web_sys::Worker) -> bool {
    let Some(bytes) = MODEL_BYTES.with(|b| b.borrow().clone()) else {
        return false;
    };
    let copy = js_sys::Uint8Array::from(&bytes[..]).buffer();
    match worker.post_message_with_transfer(&copy, &js_sys::Array::of1(&copy)) {
        Ok(()) => true,
        Err(error) => {
            web_sys::console::warn_2(
                &"The name model could not be sent to the analysis worker:".into(),
                &error,
            );
            false
        }
    }
}

/// Runs an analysis on the page's own thread: the fallback where workers cannot be used.
fn analyze_here(job: Job, dispatcher: &UseReducerDispatcher<Workspace>) {
    let options = analysis::Options {
        ner: job.model.as_deref(),
    };
    let analysis = Rc::new(analysis::analyze_with(job.articles, &options));
    dispatcher.dispatch(Action::AnalysisFinished {
        generation: job.generation,
        analysis,
        with_model: job.model.is_some(),
    });
}

/// The learned name tagger's file, next to the page (Trunk copies it into the build; the service worker caches it).
const MODEL_URL: &str = "ner.bin";

thread_local! {
    /// The name model's bytes once fetched, which the runner sends to each new worker (the worker never fetches).
    static MODEL_BYTES: RefCell<Option<Rc<[u8]>>> = const { RefCell::new(None) };
}

/// Fetches the learned name tagger once, after the app is up; the analysis runs again when it arrives.
///
/// The app is usable before it comes (names come from the rules until then); a failed fetch leaves it so.
#[hook]
pub fn use_model_loader(workspace: &WorkspaceHandle) {
    let dispatcher = workspace.dispatcher();
    use_effect_with((), move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            match fetch_bytes(MODEL_URL).await {
                Ok(bytes) => match analysis::tagger::NerModel::from_bytes(&bytes) {
                    Ok(model) => {
                        // The bytes are kept before the analysis with the model is asked for, which sends them.
                        MODEL_BYTES.with(|b| *b.borrow_mut() = Some(bytes.into()));
                        dispatcher.dispatch(Action::ModelLoaded(Rc::new(model)));
                    }
                    Err(error) => web_sys::console::warn_1(
                        &format!("The name model could not be read ({error}); names come from the rules.").into(),
                    ),
                },
                Err(error) => web_sys::console::warn_1(
                    &format!("The name model could not be loaded ({error}); names come from the rules.").into(),
                ),
            }
        });
    });
}

/// Fetches a file of the app's own origin as bytes.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| js_message(&e))?;
    let response: web_sys::Response = response.dyn_into().map_err(|e| js_message(&e))?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|e| js_message(&e))?)
        .await
        .map_err(|e| js_message(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Whether the page address asks for the demo (`?demo`).
fn demo_requested() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let search = window.location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .map(|params| params.has("demo"))
        .unwrap_or(false)
}

/// How long one slice of reading dropped files into sources may run before the page gets the thread back.
const SLICE_MS: f64 = 16.0;

/// Lets the browser run what waits (input, painting) before the caller goes on: a zero timeout.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .ok()
        });
        if scheduled.is_none() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads files into sources ([`crate::ui::state::read_file`]: decoding, unpacking, parsing) in slices of
/// about [`SLICE_MS`], so that a drop of a thousand files never holds the page in one long task.
async fn read_in_slices(files: Vec<FileInput>) -> Vec<crate::ui::state::Source> {
    let mut sources = Vec::with_capacity(files.len());
    let mut slice_start = js_sys::Date::now();
    for (name, bytes) in &files {
        sources.extend(crate::ui::state::read_file(
            name,
            bytes.as_deref().map_err(Clone::clone),
        ));
        if js_sys::Date::now() - slice_start >= SLICE_MS {
            next_task().await;
            slice_start = js_sys::Date::now();
        }
    }
    sources
}

/// The callback for files read from a drop or the picker: workspace exports are imported (or refused with a
/// message), everything else is read in slices and added as articles, before the imports as dropped.
pub fn on_files_read(dispatcher: UseReducerDispatcher<Workspace>) -> Callback<Vec<FileInput>> {
    Callback::from(move |files: Vec<FileInput>| {
        let dispatcher = dispatcher.clone();
        wasm_bindgen_futures::spawn_local(async move { add_files(files, dispatcher).await });
    })
}

/// Adds files read from a drop or the picker (see [`on_files_read`]).
async fn add_files(files: Vec<FileInput>, dispatcher: UseReducerDispatcher<Workspace>) {
    let (articles, workspaces) = persist::split_imports(files);
    if !articles.is_empty() {
        dispatcher.dispatch(Action::AddRead(read_in_slices(articles).await));
    }
    for (name, parsed) in workspaces {
        match parsed {
            Ok(contents) => dispatcher.dispatch(Action::Import {
                contents,
                origin: name,
            }),
            Err(error) => dispatcher.dispatch(Action::Notify(format!(
                "{name} could not be imported: {error}. Nothing else was changed."
            ))),
        }
    }
}

/// Reads every file of `files` in order and hands them over together when all are read.
pub fn read_files(files: web_sys::FileList, on_read: Callback<Vec<FileInput>>) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if files.is_empty() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut read = Vec::with_capacity(files.len());
        for file in files {
            let bytes = JsFuture::from(file.array_buffer())
                .await
                .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                .map_err(|e| js_message(&e));
            read.push((file.name(), bytes));
        }
        on_read.emit(read);
    });
}

/// Whether a drag carries files (not text or a link being dragged around the page).
fn drag_has_files(event: &web_sys::DragEvent) -> bool {
    event
        .data_transfer()
        .map(|transfer| {
            transfer
                .types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

/// Makes the whole window a drop target for files; returns whether files are being dragged over it.
///
/// Drops anywhere (the drop zone included, since events bubble to the window) add the files;
/// drags of text are left alone so that text can still be dropped into the paste box.
#[hook]
pub fn use_window_drop(workspace: &WorkspaceHandle) -> bool {
    let dragging = use_state_eq(|| false);
    let dispatcher = workspace.dispatcher();
    let flag = dragging.clone();
    use_effect_with((), move |_| {
        let mut listeners = Vec::new();
        if let Some(window) = web_sys::window() {
            let options = EventListenerOptions::enable_prevent_default();
            let over_flag = flag.clone();
            listeners.push(EventListener::new_with_options(
                &window,
                "dragover",
                options,
                move |event| {
                    if let Some(drag) = event.dyn_ref::<web_sys::DragEvent>() {
                        if drag_has_files(drag) {
                            event.prevent_default();
                            if let Some(transfer) = drag.data_transfer() {
                                transfer.set_drop_effect("copy");
                            }
                            over_flag.set(true);
                        }
                    }
                },
            ));
            let enter_flag = flag.clone();
            listeners.push(EventListener::new_with_options(
                &window,
                "dragenter",
                options,
                move |event| {
                    if let Some(drag) = event.dyn_ref::<web_sys::DragEvent>() {
                        if drag_has_files(drag) {
                            event.prevent_default();
                            enter_flag.set(true);
                        }
                    }
                },
            ));
            let leave_flag = flag.clone();
            listeners.push(EventListener::new(&window, "dragleave", move |event| {
                // Leaving for another element of the page keeps the drag; leaving the window ends it.
                let left_window = event
                    .dyn_ref::<web_sys::MouseEvent>()
                    .is_some_and(|e| e.related_target().is_none());
                if left_window {
                    leave_flag.set(false);
                }
            }));
            let drop_flag = flag;
            listeners.push(EventListener::new_with_options(
                &window,
                "drop",
                options,
                move |event| {
                    drop_flag.set(false);
                    let Some(drag) = event.dyn_ref::<web_sys::DragEvent>() else {
                        return;
                    };
                    let files = drag.data_transfer().and_then(|t| t.files());
                    if let Some(files) = files.filter(|f| f.length() > 0) {
                        event.prevent_default();
                        read_files(files, on_files_read(dispatcher.clone()));
                    }
                },
            ));
        }
        move || drop(listeners)
    });
    *dragging
}

/// Scrolls the first element matching `selector` into the middle of the view, if there is one.
pub fn scroll_into_view(selector: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = element {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
