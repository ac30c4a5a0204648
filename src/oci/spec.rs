//! The JSON documents of the OCI image spec and image layout, and Docker's `manifest.json`,
//! with the field names and media types those specs define.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// OCI image index (`index.json` and multi-platform images).
pub const MEDIA_TYPE_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// OCI image manifest.
pub const MEDIA_TYPE_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// OCI image config.
pub const MEDIA_TYPE_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
/// OCI gzip-compressed layer: what layerlab writes.
pub const MEDIA_TYPE_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
/// OCI uncompressed layer (what `docker save` 25+ writes).
pub const MEDIA_TYPE_LAYER_TAR: &str = "application/vnd.oci.image.layer.v1.tar";
/// Docker image manifest, schema 2.
pub const MEDIA_TYPE_DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// Docker manifest list (multi-platform).
pub const MEDIA_TYPE_DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
/// The annotation naming a manifest in a layout (Docker writes the tag alone).
pub const ANNOTATION_REF_NAME: &str = "org.opencontainers.image.ref.name";
/// containerd's annotation with the full image name (`docker.io/library/x:tag`).
pub const ANNOTATION_IMAGE_NAME: &str = "io.containerd.image.name";
/// Content of the `oci-layout` file.
pub const OCI_LAYOUT: &str = "{\"imageLayoutVersion\":\"1.0.0\"}";

/// A platform of a manifest in an index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Platform {
    /// `amd64`, `arm64`, ...
    pub architecture: String,
    /// `linux`, ...
    pub os: String,
    /// Operating system version (Windows).
    #[serde(rename = "os.version", default, skip_serializing_if = "Option::is_none")]
    pub os_version: Option<String>,
    /// CPU variant (`v8`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

/// A content descriptor: what a blob is, its digest and size.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    /// Media type of the referenced content.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub media_type: String,
    /// `sha256:<hex>`.
    pub digest: String,
    /// Length in bytes.
    pub size: u64,
    /// Annotations (names of manifests in an index).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// Platform of a manifest in an index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
}

/// An image index (`index.json`, or a multi-platform image).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    /// Always 2.
    pub schema_version: u32,
    /// [`MEDIA_TYPE_INDEX`] (optional when reading).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub media_type: String,
    /// The manifests (or nested indexes).
    #[serde(default)]
    pub manifests: Vec<Descriptor>,
}

/// An image manifest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// Always 2.
    pub schema_version: u32,
    /// [`MEDIA_TYPE_MANIFEST`] (optional when reading).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub media_type: String,
    /// The config blob.
    pub config: Descriptor,
    /// The layer blobs, bottom first.
    #[serde(default)]
    pub layers: Vec<Descriptor>,
}

/// One image in Docker's `manifest.json` (a JSON array of these).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DockerManifestItem {
    /// Path of the config file in the archive.
    #[serde(rename = "Config")]
    pub config: String,
    /// Familiar names with tags (`busybox:latest`); `null` for an untagged image.
    #[serde(rename = "RepoTags")]
    pub repo_tags: Option<Vec<String>>,
    /// Paths of the layer tars in the archive, bottom first.
    #[serde(rename = "Layers", default)]
    pub layers: Vec<String>,
}

/// The kind of a JSON document found where a manifest or index is expected.
pub(crate) fn is_index(media_type: &str, json: &serde_json::Value) -> bool {
    match media_type {
        MEDIA_TYPE_INDEX | MEDIA_TYPE_DOCKER_LIST => true,
        "" => json.get("manifests").is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptor_json_field_names() {
        let d = Descriptor {
            media_type: MEDIA_TYPE_MANIFEST.into(),
            digest: "sha256:00".into(),
            size: 12,
            annotations: [(ANNOTATION_REF_NAME.to_string(), "latest".to_string())].into(),
            platform: Some(Platform { architecture: "amd64".into(), os: "linux".into(), ..Default::default() }),
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:00","size":12,"annotations":{"org.opencontainers.image.ref.name":"latest"},"platform":{"architecture":"amd64","os":"linux"}}"#
        );
        let item = DockerManifestItem { config: "blobs/sha256/aa".into(), repo_tags: None, layers: vec!["x".into()] };
        assert_eq!(
            serde_json::to_string(&item).unwrap(),
            r#"{"Config":"blobs/sha256/aa","RepoTags":null,"Layers":["x"]}"#
        );
    }
}
