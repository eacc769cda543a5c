//! The Yew layer: state, components and SVG charts. Pure view helpers compile everywhere; components only on wasm32.
