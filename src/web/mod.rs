//! The browser playground (yew), compiled to wasm32 by trunk.

use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    html! { <main><h1>{ "layerlab" }</h1></main> }
}

/// Mounts the playground into the page.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
