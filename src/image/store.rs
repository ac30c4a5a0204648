//! The image store: images by ID, tags, and lookups by reference or ID prefix as Docker
//! resolves them.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{ImageConfig, LayerInfo, Reference};

/// An image: its configuration and layers.
#[derive(Clone, Debug)]
pub struct Image {
    /// `sha256:<hex>` of the config bytes.
    pub id: String,
    /// The configuration.
    pub config: ImageConfig,
    /// The exact config bytes the ID was computed from.
    pub config_bytes: Arc<Vec<u8>>,
    /// Layers, bottom first (only the non-empty history steps have one).
    pub layers: Vec<Arc<LayerInfo>>,
    /// The image this one was built on, one step earlier (classic builder's parent chain).
    pub parent: Option<String>,
    /// The build-cache key of the step that produced this image, if built here.
    pub cache_key: Option<String>,
    /// Creation time, seconds since the epoch.
    pub created: i64,
}

impl Image {
    /// Makes an image from a config and its layers; the ID is the config's digest.
    pub fn new(config: ImageConfig, layers: Vec<Arc<LayerInfo>>, created: i64) -> Image {
        let bytes = config.to_json();
        Image::from_bytes(config, bytes, layers, created)
    }

    /// Makes an image whose config bytes are given (as loaded from an archive).
    pub fn from_bytes(config: ImageConfig, bytes: Vec<u8>, layers: Vec<Arc<LayerInfo>>, created: i64) -> Image {
        let id = sha256_digest(&bytes);
        Image { id, config, config_bytes: Arc::new(bytes), layers, parent: None, cache_key: None, created }
    }

    /// The 12-character short ID.
    pub fn short_id(&self) -> &str {
        short_id(&self.id)
    }

    /// Total content bytes of all layers (what `docker images` shows as SIZE).
    pub fn size(&self) -> u64 {
        self.layers.iter().map(|l| l.size).sum()
    }

    /// Decodes every layer's changes (a stored layer is read on first use); the error
    /// names the image and the damaged layer.
    pub fn load_layers(&self) -> Result<(), String> {
        for l in &self.layers {
            l.load().map_err(|e| format!("image {}: {e}", self.short_id()))?;
        }
        Ok(())
    }
}

use crate::util::digest::sha256_digest;

/// The first 12 hex digits of an ID (with or without `sha256:`).
pub fn short_id(id: &str) -> &str {
    let hex = id.strip_prefix("sha256:").unwrap_or(id);
    &hex[..hex.len().min(12)]
}

/// Why a lookup failed, in Docker's words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// Nothing matches.
    #[error("No such image: {0}")]
    NotFound(String),
    /// A short ID prefix matches several images.
    #[error("multiple IDs found with provided prefix: {0}")]
    Ambiguous(String),
    /// The reference cannot be parsed.
    #[error("{0}")]
    Invalid(String),
}

/// Images and tags.
#[derive(Clone, Debug, Default)]
pub struct Store {
    images: BTreeMap<String, Image>,
    tags: BTreeMap<Reference, String>,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an image (replacing an identical one); returns its ID.
    pub fn insert(&mut self, image: Image) -> String {
        let id = image.id.clone();
        match self.images.get_mut(&id) {
            Some(old) => {
                old.parent = old.parent.take().or(image.parent);
                old.cache_key = old.cache_key.take().or(image.cache_key);
            }
            None => {
                self.images.insert(id.clone(), image);
            }
        }
        id
    }

    /// Points `reference` at image `id`; returns the image it pointed at before, if any.
    pub fn tag(&mut self, reference: Reference, id: &str) -> Option<String> {
        self.tags.insert(reference, id.to_string()).filter(|old| old != id)
    }

    /// Removes a tag; returns the image it pointed at.
    pub fn untag(&mut self, reference: &Reference) -> Option<String> {
        self.tags.remove(reference)
    }

    /// Removes an image record (tags pointing at it are removed too).
    pub fn remove(&mut self, id: &str) -> Option<Image> {
        self.tags.retain(|_, v| v != id);
        self.images.remove(id)
    }

    /// The image with this exact ID.
    pub fn get(&self, id: &str) -> Option<&Image> {
        self.images.get(id)
    }

    /// Mutable access to the image with this exact ID.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Image> {
        self.images.get_mut(id)
    }

    /// Every image, by ID.
    pub fn images(&self) -> impl Iterator<Item = &Image> {
        self.images.values()
    }

    /// Every tag with its image ID.
    pub fn tags(&self) -> impl Iterator<Item = (&Reference, &String)> {
        self.tags.iter()
    }

    /// The tags pointing at an image, sorted.
    pub fn tags_of(&self, id: &str) -> Vec<Reference> {
        self.tags.iter().filter(|(_, v)| v.as_str() == id).map(|(r, _)| r.clone()).collect()
    }

    /// The image a tag points at.
    pub fn tagged(&self, reference: &Reference) -> Option<&Image> {
        self.tags.get(reference).and_then(|id| self.images.get(id))
    }

    /// Resolves what a user typed: a full or short ID (with or without `sha256:`), or a
    /// reference (`name`, `name:tag`).
    pub fn resolve(&self, what: &str) -> Result<&Image, LookupError> {
        let hex = what.strip_prefix("sha256:").unwrap_or(what);
        let looks_like_id =
            !hex.is_empty() && hex.len() <= 64 && hex.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase());
        if let Ok(r) = Reference::parse(what) {
            if let Some(img) = self.tagged(&r) {
                return Ok(img);
            }
        }
        if looks_like_id {
            let mut found = self.images.values().filter(|i| i.id["sha256:".len()..].starts_with(hex));
            if let Some(first) = found.next() {
                if found.next().is_some() {
                    return Err(LookupError::Ambiguous(hex.to_string()));
                }
                return Ok(first);
            }
        }
        match Reference::parse(what) {
            Ok(r) => Err(LookupError::NotFound(r.to_string())),
            Err(_) if looks_like_id => Err(LookupError::NotFound(what.to_string())),
            Err(e) => Err(LookupError::Invalid(e)),
        }
    }

    /// The images whose parent is `id` (classic builder intermediates).
    pub fn children(&self, id: &str) -> impl Iterator<Item = &Image> {
        let id = id.to_string();
        self.images.values().filter(move |i| i.parent.as_deref() == Some(id.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(arch: &str) -> Image {
        Image::new(ImageConfig { architecture: arch.into(), os: "linux".into(), ..Default::default() }, vec![], 0)
    }

    #[test]
    fn resolving_tags_and_prefixes() {
        let mut s = Store::new();
        let a = s.insert(img("amd64"));
        let b = s.insert(img("arm64"));
        s.tag(Reference::parse("app").unwrap(), &a);
        assert_eq!(s.resolve("app").unwrap().id, a);
        assert_eq!(s.resolve("app:latest").unwrap().id, a);
        assert_eq!(s.resolve(&b[7..19]).unwrap().id, b);
        assert_eq!(s.resolve(&b).unwrap().id, b);
        assert_eq!(s.resolve("nope").unwrap_err(), LookupError::NotFound("nope:latest".into()));
        let old = s.tag(Reference::parse("app").unwrap(), &b);
        assert_eq!(old.as_deref(), Some(a.as_str()));
        assert!(s.tags_of(&a).is_empty());
    }

    #[test]
    fn ambiguous_prefix() {
        let mut s = Store::new();
        for i in 0..40 {
            s.insert(img(&format!("arch{i}")));
        }
        let ids: Vec<String> = s.images().map(|i| i.id.clone()).collect();
        // 40 IDs over 16 hex digits: some first digit is shared (pigeonhole).
        let shared = (0..ids.len())
            .map(|i| &ids[i][7..8])
            .find(|d| ids.iter().filter(|i| i[7..].starts_with(*d)).count() > 1)
            .expect("a shared first digit");
        assert_eq!(s.resolve(shared).unwrap_err(), LookupError::Ambiguous(shared.to_string()));
        // The shortest prefix of an ID that no other ID has resolves to it.
        let id = &ids[0];
        let unique = (1..=64)
            .map(|n| &id[7..7 + n])
            .find(|p| ids.iter().filter(|i| i[7..].starts_with(*p)).count() == 1)
            .unwrap();
        assert_eq!(s.resolve(unique).unwrap().id, *id);
    }
}
