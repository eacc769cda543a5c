//! The analysis worker, built by Trunk as a second wasm program (`data-type="worker"`) and started by the page
//! (`src/ui/hooks.rs`), so that a large analysis never blocks the page: it reads one [`Request`] at a time as a
//! JSON string and answers with the [`Reply`] messages of [`corroborate::ui::work`].
//!
//! It fetches the learned name tagger (`ner.bin`, same origin, cached by the service worker) itself the first
//! time a request asks for it. On native targets it is an empty program.

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use corroborate::analysis::{self, tagger::NerModel};
    use corroborate::ui::work::{should_report, Reply, Request, PART_SIZE};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// The learned name tagger's file, beside the worker's script.
    const MODEL_URL: &str = "ner.bin";

    /// The model, once fetched; `None` inside after a failed attempt, so that it is tried only once.
    type ModelSlot = Rc<RefCell<Option<Option<Rc<NerModel>>>>>;

    /// The worker's global scope; this program only ever runs inside a dedicated worker.
    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    /// Posts one reply to the page; a reply that cannot be written is reported on the console.
    fn post(reply: &Reply) {
        match serde_json::to_string(reply) {
            Ok(json) => {
                if let Err(error) = scope().post_message(&JsValue::from_str(&json)) {
                    web_sys::console::warn_2(
                        &"The analysis worker could not reply:".into(),
                        &error,
                    );
                }
            }
            Err(error) => web_sys::console::warn_1(
                &format!("The analysis worker could not write a reply: {error}").into(),
            ),
        }
    }

    /// Listens for requests and says it is ready.
    pub fn start() {
        let model: ModelSlot = Rc::new(RefCell::new(None));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let request = event
                .data()
                .as_string()
                .ok_or_else(|| "the request is not text".to_string())
                .and_then(|text| serde_json::from_str::<Request>(&text).map_err(|e| e.to_string()));
            match request {
                Ok(request) => {
                    let model = model.clone();
                    wasm_bindgen_futures::spawn_local(async move { run(request, model).await });
                }
                Err(message) => post(&Reply::Failed { message }),
            }
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        post(&Reply::Ready);
    }

    /// The model when the request wants it: fetched and read the first time, remembered after.
    async fn model_for(request: &Request, slot: &ModelSlot) -> Option<Rc<NerModel>> {
        if !request.with_model {
            return None;
        }
        let known = slot.borrow().clone();
        if let Some(model) = known {
            return model;
        }
        let loaded = match fetch_bytes(MODEL_URL)
            .await
            .and_then(|bytes| NerModel::from_bytes(&bytes).map_err(|e| e.to_string()))
        {
            Ok(model) => Some(Rc::new(model)),
            Err(error) => {
                web_sys::console::warn_1(&format!("The analysis worker could not load the name model ({error}); names come from the rules.").into());
                None
            }
        };
        *slot.borrow_mut() = Some(loaded.clone());
        loaded
    }

    /// Runs one analysis, reporting progress as it goes, then sends the results.
    async fn run(request: Request, slot: ModelSlot) {
        let model = model_for(&request, &slot).await;
        let options = analysis::Options {
            ner: model.as_deref(),
        };
        let generation = request.generation;
        let total = request.articles.len();
        let mut extracted = Vec::with_capacity(total);
        let mut last_report = f64::NEG_INFINITY;
        for (i, article) in request.articles.iter().enumerate() {
            extracted.push(analysis::analyze_article_with(article, &options));
            let now = js_sys::Date::now();
            if should_report(i + 1, total, now - last_report) {
                last_report = now;
                post(&Reply::Progress {
                    generation,
                    done: i + 1,
                    total,
                });
            }
        }
        let comparison = analysis::compare(&request.articles, &extracted);
        // The page already has the articles, so only what was found is sent back, in short batches.
        let mut rest = extracted.into_iter().peekable();
        while rest.peek().is_some() {
            let part: Vec<_> = rest.by_ref().take(PART_SIZE).collect();
            post(&Reply::Part {
                generation,
                extracted: part,
            });
        }
        post(&Reply::Done {
            generation,
            with_model: model.is_some(),
            comparison,
        });
    }

    /// Fetches a file of the worker's own origin as bytes.
    async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
        let message = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
        let response = JsFuture::from(scope().fetch_with_str(url))
            .await
            .map_err(message)?;
        let response: web_sys::Response = response.dyn_into().map_err(message)?;
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        let buffer = JsFuture::from(response.array_buffer().map_err(message)?)
            .await
            .map_err(message)?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}
