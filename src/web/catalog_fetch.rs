//! Loads the catalogue's data files from the static site on first use. The page's wasm
//! carries only the catalogue's index (see [`crate::catalog::data`]); before a build or a
//! docker command that pulls, the page asks which files its image references still need,
//! fetches them (`data/…`, relative to the page) at once, provides them to the data store
//! (which keeps them for the session) and then runs the synchronous engine.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::catalog::data;

/// A data file that could not be fetched: its path and the reason, worded as Docker
/// words a registry that cannot be reached.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchError {
    /// The data file (`images/nginx.json`).
    pub path: String,
    /// `Get "data/images/nginx.json": 404 Not Found`.
    pub message: String,
}

/// Fetches and provides every data file `references` still need, in rounds (a repository
/// file names its parent and package catalogues), until nothing is missing.
pub async fn ensure(references: &[String]) -> Result<(), FetchError> {
    // A repository, its parent chain and its packages take a few rounds; the bound stops a
    // data file that keeps naming files it cannot provide.
    for _ in 0..16 {
        let missing = data::missing(references);
        if missing.is_empty() {
            return Ok(());
        }
        // Start every request before awaiting any, so they run together.
        let pending: Vec<(String, Result<js_sys::Promise, FetchError>)> =
            missing.into_iter().map(|p| (p.clone(), start(&p))).collect();
        for (path, promise) in pending {
            let text = text_of(&path, promise?).await?;
            data::provide(&path, &text).map_err(|e| FetchError {
                path: path.clone(),
                message: format!("layerlab's image catalogue: data/{e}"),
            })?;
        }
    }
    match data::missing(references).into_iter().next() {
        Some(path) => Err(FetchError { message: format!("Get \"{}\": not provided", url(&path)), path }),
        None => Ok(()),
    }
}

fn url(path: &str) -> String {
    format!("data/{path}")
}

fn start(path: &str) -> Result<js_sys::Promise, FetchError> {
    let window = web_sys::window()
        .ok_or_else(|| FetchError { path: path.into(), message: "no window to fetch data from".into() })?;
    Ok(window.fetch_with_str(&url(path)))
}

async fn text_of(path: &str, request: js_sys::Promise) -> Result<String, FetchError> {
    let fail = |why: String| FetchError { path: path.into(), message: format!("Get \"{}\": {why}", url(path)) };
    let described = |e: wasm_bindgen::JsValue| {
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| format!("{e:?}"))
    };
    let response: web_sys::Response = JsFuture::from(request)
        .await
        .map_err(|e| fail(described(e)))?
        .dyn_into()
        .map_err(|_| fail("no response".into()))?;
    if !response.ok() {
        return Err(fail(format!("{} {}", response.status(), response.status_text()).trim().to_string()));
    }
    let body = response.text().map_err(|e| fail(described(e)))?;
    let text = JsFuture::from(body).await.map_err(|e| fail(described(e)))?;
    text.as_string().ok_or_else(|| fail("the body is not text".into()))
}
