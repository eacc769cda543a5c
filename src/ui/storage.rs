//! Browser glue for keeping and moving the workspace: IndexedDB (one database `corroborate`, store `workspace`,
//! key `current`, value the versioned JSON of [`crate::ui::persist`]), the one-time migration from localStorage,
//! debounced saving that the analysis runner can flush, file downloads, and the share-link fragment.

use crate::ui::persist::{self, Contents};
use std::cell::{Cell, RefCell};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

/// The IndexedDB database, object store and key that hold the workspace.
const DB_NAME: &str = "corroborate";
const STORE: &str = "workspace";
const KEY: &str = "current";

/// How long saving waits for more changes (typing an outlet name) before writing.
const SAVE_DELAY_MS: i32 = 300;

thread_local! {
    /// The open database, kept so that a save is issued at once (before an analysis that might crash).
    static DATABASE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// The save waiting for its delay to pass, if any.
    static PENDING_SAVE: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
    /// Bumped by every scheduled save, so that only the latest delay fires it (a debounce).
    static SAVE_SEQUENCE: Cell<u64> = const { Cell::new(0) };
}

/// A readable message for an error thrown by the browser.
pub fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| {
            error
                .dyn_ref::<web_sys::DomException>()
                .map(|e| e.message())
        })
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused".to_string())
}

/// Waits for an IndexedDB request to succeed, giving its result, or fail, giving its error.
async fn request_result(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move || {
            let error = failed
                .error()
                .ok()
                .flatten()
                .map(|e| JsValue::from(e.message()))
                .unwrap_or_else(|| JsValue::from_str("the request failed"));
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| js_message(&e))
}

/// The workspace database, opened (and created on first use) once and then kept.
async fn database() -> Result<IdbDatabase, String> {
    if let Some(db) = DATABASE.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(|e| js_message(&e))?
        .ok_or("this browser offers no IndexedDB")?;
    let request = factory
        .open_with_u32(DB_NAME, 1)
        .map_err(|e| js_message(&e))?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move || {
        // Version 1 of the database has one store; later versions would add to it here.
        if let Some(db) = upgrading
            .result()
            .ok()
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db: IdbDatabase = request_result(&request)
        .await?
        .dyn_into()
        .map_err(|_| "IndexedDB gave no database".to_string())?;
    DATABASE.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Issues the write of `json` at once on the open database; the returned request says how it went.
fn put_now(db: &IdbDatabase, json: &str) -> Result<IdbRequest, String> {
    let transaction = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(|e| js_message(&e))?;
    let store = transaction
        .object_store(STORE)
        .map_err(|e| js_message(&e))?;
    store
        .put_with_key(&JsValue::from_str(json), &JsValue::from_str(KEY))
        .map_err(|e| js_message(&e))
}

/// Writes the workspace JSON to IndexedDB.
///
/// When the database is already open the write is issued before this returns (before any `await`), so it
/// commits even if the analysis that runs next brings the page down.
pub async fn write(json: String) -> Result<(), String> {
    let open = DATABASE.with(|d| d.borrow().clone());
    let request = match open {
        Some(db) => put_now(&db, &json)?,
        None => put_now(&database().await?, &json)?,
    };
    request_result(&request).await.map(|_| ())
}

/// The browser's localStorage, or `None` when it is unavailable (private modes, sandboxed frames).
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What was found at start: the saved sources and edits, and a warning for the user when something could not be read.
pub struct RestoredWorkspace {
    /// The sources and edits to restore (empty when there was nothing, or nothing readable).
    pub contents: Contents,
    /// Why the saved workspace could not be read or migrated, when that is so.
    pub warning: Option<String>,
}

/// Reads the workspace saved in IndexedDB; on first run, migrates the version 1 save from localStorage.
///
/// The old key is removed only once its content is safely written to IndexedDB in the new format.
pub async fn restore() -> RestoredWorkspace {
    let legacy =
        local_storage().and_then(|s| s.get_item(persist::LEGACY_STORAGE_KEY).ok().flatten());
    let db = match database().await {
        Ok(db) => db,
        Err(error) => {
            // Without IndexedDB the old save is still worth showing; it stays where it is.
            let contents = legacy
                .as_deref()
                .and_then(|json| persist::parse(json).ok())
                .unwrap_or_default();
            return RestoredWorkspace {
                contents,
                warning: Some(format!(
                    "This browser's storage could not be opened ({error}), so changes will not be kept after a reload."
                )),
            };
        }
    };
    let saved = match read(&db).await {
        Ok(saved) => saved,
        Err(error) => {
            return RestoredWorkspace {
                contents: Contents::default(),
                warning: Some(format!(
                    "The saved workspace could not be read ({error}), so the app started empty."
                )),
            }
        }
    };
    match (saved, legacy) {
        (Some(json), legacy) => {
            if legacy.is_some() {
                // An earlier migration wrote the new save but could not remove the old one.
                remove_legacy();
            }
            match persist::parse(&json) {
                Ok(contents) => RestoredWorkspace { contents, warning: None },
                Err(error) => RestoredWorkspace {
                    contents: Contents::default(),
                    warning: Some(format!(
                        "The workspace saved in this browser could not be read ({error}), so the app started empty."
                    )),
                },
            }
        }
        (None, Some(old)) => match persist::parse(&old) {
            Ok(contents) => {
                let warning = match persist::to_json(&contents.sources, &contents.edits, None) {
                    Ok(json) => match write(json).await {
                        Ok(()) => {
                            remove_legacy();
                            None
                        }
                        Err(error) => Some(format!(
                            "The workspace could not be moved to this browser's database ({error}); it will be tried again next time."
                        )),
                    },
                    Err(error) => Some(error),
                };
                RestoredWorkspace { contents, warning }
            }
            Err(error) => RestoredWorkspace {
                contents: Contents::default(),
                warning: Some(format!(
                    "The workspace saved in this browser could not be read ({error}), so the app started empty."
                )),
            },
        },
        (None, None) => RestoredWorkspace {
            contents: Contents::default(),
            warning: None,
        },
    }
}

/// The saved JSON, if any.
async fn read(db: &IdbDatabase) -> Result<Option<String>, String> {
    let transaction = db.transaction_with_str(STORE).map_err(|e| js_message(&e))?;
    let store = transaction
        .object_store(STORE)
        .map_err(|e| js_message(&e))?;
    let request = store
        .get(&JsValue::from_str(KEY))
        .map_err(|e| js_message(&e))?;
    Ok(request_result(&request).await?.as_string())
}

/// Removes the version 1 save; a failure only means the migration is checked again next time.
fn remove_legacy() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(persist::LEGACY_STORAGE_KEY);
    }
}

/// Schedules `save` to run once no other save has been scheduled for a short while.
pub fn schedule_save(save: impl FnOnce() + 'static) {
    PENDING_SAVE.with(|p| *p.borrow_mut() = Some(Box::new(save)));
    let sequence = SAVE_SEQUENCE.with(|s| {
        s.set(s.get() + 1);
        s.get()
    });
    let fire = Closure::once_into_js(move || {
        if SAVE_SEQUENCE.with(Cell::get) == sequence {
            flush_save();
        }
    });
    let scheduled = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(fire.unchecked_ref(), SAVE_DELAY_MS)
            .ok()
    });
    if scheduled.is_none() {
        flush_save();
    }
}

/// Runs the waiting save now, if there is one; the analysis runner calls it before it starts.
pub fn flush_save() {
    // The borrow ends before the save runs, so the save may schedule more work freely.
    let save = PENDING_SAVE.with(|p| p.borrow_mut().take());
    if let Some(save) = save {
        save();
    }
}

/// Offers `content` as a file download named `name`: a Blob, an object URL and a temporary `<a download>`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| js_message(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_message(&e))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| js_message(&e))?
        .dyn_into()
        .map_err(|_| "no anchor".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_class_name("visually-hidden");
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(|e| js_message(&e))?;
    anchor.click();
    anchor.remove();
    // The URL is released once the download has surely started.
    let release = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 30_000);
    Ok(())
}

/// The page address without its query or fragment, to which a share fragment is appended.
///
/// The query is dropped so that a link made from `?demo` does not load the demo beside the shared sources.
pub fn share_base() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(format!(
        "{}{}",
        location.origin().ok()?,
        location.pathname().ok()?
    ))
}

/// Takes the share fragment from the address, if there is one, and clears it so a reload does not add it twice.
pub fn take_share_fragment() -> Option<Result<Contents, String>> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let decoded = persist::decode_fragment(&hash)?;
    let location = window.location();
    let clean = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
    }
    Some(decoded)
}

/// Serialises `svg#figure-chart` as a standalone SVG file, with the computed styles of its elements inlined.
///
/// The styles are set through CSSOM on a clone (the page's CSP forbids `style` attributes in markup), and the
/// serialiser writes them out as attributes of the file.
pub fn figure_chart_svg() -> Result<String, String> {
    const PROPERTIES: [&str; 16] = [
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-dasharray",
        "stroke-linecap",
        "opacity",
        "font-family",
        "font-size",
        "font-weight",
        "text-anchor",
        "dominant-baseline",
        "visibility",
        "display",
        "paint-order",
    ];
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let svg = document
        .query_selector("svg#figure-chart")
        .map_err(|e| js_message(&e))?
        .ok_or("open the Figures view first: the chart is drawn there")?;
    let clone: web_sys::Element = svg
        .clone_node_with_deep(true)
        .map_err(|e| js_message(&e))?
        .dyn_into()
        .map_err(|_| "the chart could not be copied".to_string())?;
    let originals = svg.query_selector_all("*").map_err(|e| js_message(&e))?;
    let copies = clone.query_selector_all("*").map_err(|e| js_message(&e))?;
    let pairs = std::iter::once((svg.clone(), clone.clone())).chain(
        (0..originals.length()).filter_map(|i| {
            let original = originals.get(i)?.dyn_into::<web_sys::Element>().ok()?;
            let copy = copies.get(i)?.dyn_into::<web_sys::Element>().ok()?;
            Some((original, copy))
        }),
    );
    for (original, copy) in pairs {
        let (Ok(Some(computed)), Some(copy)) = (
            window.get_computed_style(&original),
            copy.dyn_ref::<web_sys::SvgElement>(),
        ) else {
            continue;
        };
        let style = copy.style();
        for property in PROPERTIES {
            if let Ok(value) = computed.get_property_value(property) {
                if !value.is_empty() {
                    let _ = style.set_property(property, &value);
                }
            }
        }
    }
    let serializer = web_sys::XmlSerializer::new().map_err(|e| js_message(&e))?;
    let text = serializer
        .serialize_to_string(&clone)
        .map_err(|e| js_message(&e))?;
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"
    ))
}
