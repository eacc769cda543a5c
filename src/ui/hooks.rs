//! Hooks and browser glue: the workspace context, the analysis runner, restoring and saving the workspace
//! (through [`crate::ui::storage`]), share links, the `?demo` link, window-wide drag and drop, and reading dropped or picked files.

use crate::analysis;
use crate::ui::persist;
use crate::ui::state::{Action, AnalysisState, FileInput, Workspace};
use crate::ui::storage;
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
            dispatcher.dispatch(Action::Restored(restored.sources));
            if let Some(warning) = restored.warning {
                dispatcher.dispatch(Action::StorageFailed(warning));
            }
            match storage::take_share_fragment() {
                Some(Ok(sources)) => dispatcher.dispatch(Action::Import {
                    sources,
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

/// Runs the analysis whenever a new generation is marked running, after the "running" state has painted.
///
/// The analysis runs on the main thread for now; a generation that was superseded before its turn is skipped.
#[hook]
pub fn use_analysis_runner(workspace: &WorkspaceHandle) {
    let latest = use_mut_ref(|| 0_u64);
    let handle = workspace.clone();
    let running = workspace.state == AnalysisState::Running;
    use_effect_with(
        (workspace.generation, running),
        move |&(generation, running)| {
            if running {
                *latest.borrow_mut() = generation;
                let articles = handle.articles();
                let model = handle.ner.clone();
                let dispatcher = handle.dispatcher();
                after_paint(move || {
                    if *latest.borrow() != generation {
                        return;
                    }
                    // The sources are written before the analysis starts, so a crash in it loses nothing.
                    storage::flush_save();
                    let options = analysis::Options {
                        ner: model.as_deref(),
                    };
                    let analysis = Rc::new(analysis::analyze_with(articles, &options));
                    dispatcher.dispatch(Action::AnalysisFinished {
                        generation,
                        analysis,
                        with_model: model.is_some(),
                    });
                });
            }
        },
    );
}

/// The learned name tagger's file, next to the page (Trunk copies it into the build; the service worker caches it).
const MODEL_URL: &str = "ner.bin";

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
                    Ok(model) => dispatcher.dispatch(Action::ModelLoaded(Rc::new(model))),
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

/// The callback for files read from a drop or the picker: workspace exports are imported (or refused with a
/// message), everything else is added as articles.
pub fn on_files_read(dispatcher: UseReducerDispatcher<Workspace>) -> Callback<Vec<FileInput>> {
    Callback::from(move |files: Vec<FileInput>| {
        let (articles, workspaces) = persist::split_imports(files);
        if !articles.is_empty() {
            dispatcher.dispatch(Action::AddFiles(articles));
        }
        for (name, parsed) in workspaces {
            match parsed {
                Ok(sources) => dispatcher.dispatch(Action::Import {
                    sources,
                    origin: name,
                }),
                Err(error) => dispatcher.dispatch(Action::Notify(format!(
                    "{name} could not be imported: {error}. Nothing else was changed."
                ))),
            }
        }
    })
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
