//! The analysis worker, built by Trunk as a second wasm program (`data-type="worker"`) and started by the page
//! (`src/ui/hooks.rs`), so that a large analysis never blocks the page: it reads one [`Request`] at a time as a
//! JSON string and answers with the [`corroborate::ui::work::Reply`] messages of [`corroborate::ui::work`].
//!
//! It never fetches anything: the page fetches the learned name tagger (`ner.bin`) once and sends its bytes
//! (an `ArrayBuffer`) before the first request that wants it. On native targets it is an empty program.

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use corroborate::analysis::{self, tagger::NerModel};
    use corroborate::ui::work::{
        batch_reply, comparison_replies, should_report, BatchKind, Batcher, Reply, Request,
        BATCH_BYTES,
    };
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// The model, once its bytes have come and been read; `None` until then or when they could not be read.
    type ModelSlot = Rc<RefCell<Option<NerModel>>>;

    /// The worker's global scope; this program only ever runs inside a dedicated worker.
    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    /// Posts one reply, already written as JSON, to the page; a failure is reported on the console.
    fn post_json(json: &str) {
        if let Err(error) = scope().post_message(&JsValue::from_str(json)) {
            web_sys::console::warn_2(&"The analysis worker could not reply:".into(), &error);
        }
    }

    /// Posts one reply to the page; a reply that cannot be written is reported on the console.
    fn post(reply: &Reply) {
        match serde_json::to_string(reply) {
            Ok(json) => post_json(&json),
            Err(error) => warn_unwritten(&error),
        }
    }

    /// Says on the console that a reply could not be written.
    fn warn_unwritten(error: &serde_json::Error) {
        web_sys::console::warn_1(
            &format!("The analysis worker could not write a reply: {error}").into(),
        );
    }

    /// Listens for the model's bytes and for requests, and says it is ready.
    pub fn start() {
        let model: ModelSlot = Rc::new(RefCell::new(None));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if let Some(buffer) = data.dyn_ref::<js_sys::ArrayBuffer>() {
                let bytes = js_sys::Uint8Array::new(buffer).to_vec();
                *model.borrow_mut() = match NerModel::from_bytes(&bytes) {
                    Ok(model) => Some(model),
                    Err(error) => {
                        web_sys::console::warn_1(&format!("The analysis worker could not read the name model ({error}); names come from the rules.").into());
                        None
                    }
                };
                return;
            }
            let request = data
                .as_string()
                .ok_or_else(|| "the request is not text".to_string())
                .and_then(|text| serde_json::from_str::<Request>(&text).map_err(|e| e.to_string()));
            match request {
                Ok(request) => run(request, model.borrow().as_ref()),
                Err(message) => post(&Reply::Failed { message }),
            }
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        post(&Reply::Ready);
    }

    /// Runs one analysis, reporting progress and sending results as it goes.
    fn run(request: Request, model: Option<&NerModel>) {
        let model = model.filter(|_| request.with_model);
        let options = analysis::Options { ner: model };
        let generation = request.generation;
        let total = request.articles.len();
        let mut extracted = Vec::with_capacity(total);
        let mut last_report = f64::NEG_INFINITY;
        // Results go out in batches while the rest is extracted, so the page reads them while this works.
        let mut batcher = Batcher::new(BATCH_BYTES);
        for (i, article) in request.articles.iter().enumerate() {
            let found = analysis::analyze_article_with(article, &options);
            match batcher.push(&found) {
                Ok(Some(batch)) => post_json(&batch_reply(BatchKind::Part, generation, &batch)),
                Ok(None) => {}
                Err(error) => {
                    // A missing result would shift every later one, so the page analyses on its own instead.
                    post(&Reply::Failed {
                        message: format!("a result could not be written ({error})"),
                    });
                    return;
                }
            }
            extracted.push(found);
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
        if let Some(batch) = batcher.finish() {
            post_json(&batch_reply(BatchKind::Part, generation, &batch));
        }
        let comparison = analysis::compare_observed(&request.articles, &extracted, &mut |stage| {
            post(&Reply::Stage { generation, stage })
        });
        match comparison_replies(generation, model.is_some(), comparison, BATCH_BYTES) {
            Ok(replies) => replies.iter().for_each(|json| post_json(json)),
            Err(error) => {
                post(&Reply::Failed {
                    message: format!("the comparison could not be written ({error})"),
                });
            }
        }
    }
}
