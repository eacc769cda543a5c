//! The browser app's entry point, built by Trunk: mounts [`corroborate::ui::App`] on the page body.
//!
//! On native targets it is an empty program, so that `cargo build` of the whole workspace still works.

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<corroborate::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
