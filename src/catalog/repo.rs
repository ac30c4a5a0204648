//! The package catalogue of a distribution release, parsed once and cached, and the
//! configuration texts packages install.
//!
//! A release's repositories are the data files `data/packages/<family>/repo-*.pkgs`
//! whose `releases` line names it, in file-name order.

use std::sync::Mutex;

use super::data;
use super::distro::Distro;
use super::model::{parse, Package};

/// Parsed catalogues by family folder, release and data generation. Each is parsed once
/// and kept for the life of the program (there are a few dozen releases).
static CACHE: Mutex<Vec<(String, u64, &'static [Package])>> = Mutex::new(Vec::new());

/// The packages a release's repositories offer (none for a release without data).
pub fn catalogue(d: &Distro) -> &'static [Package] {
    let key = format!("{}/{}", d.packages_dir(), d.release());
    let generation = data::generation();
    if let Ok(c) = CACHE.lock() {
        if let Some((_, _, cat)) = c.iter().find(|(k, g, _)| *k == key && *g == generation) {
            return cat;
        }
    }
    let cat: &'static [Package] = Box::leak(load(d.packages_dir(), &d.release(), "repo-").into_boxed_slice());
    if let Ok(mut c) = CACHE.lock() {
        c.push((key, generation, cat));
    }
    cat
}

/// The packages of every `packages/<dir>/<prefix>*.pkgs` file that names `release`.
/// Files are checked when they enter the data store, so a parse error cannot happen here.
pub(crate) fn load(dir: &str, release: &str, prefix: &str) -> Vec<Package> {
    let mut out = Vec::new();
    for path in data::list(&format!("packages/{dir}/{prefix}")) {
        let Some(text) = data::file(&path) else { continue };
        if super::model::releases(&text).contains(&release) {
            out.extend(parse(&text, release, TEXTS).unwrap_or_default());
        }
    }
    out
}

/// The package named `name` (or with that key) in the catalogue.
pub fn find<'a>(cat: &'a [Package], name: &str) -> Option<&'a Package> {
    cat.iter().find(|p| p.name == name).or_else(|| cat.iter().find(|p| p.key == name))
}

/// Texts referenced by `t` lines of the catalogues.
pub(crate) const TEXTS: &[(&str, &str)] = &[
    ("PY_EXTERNALLY_MANAGED", PY_EM_ALPINE),
    ("PY_EXTERNALLY_MANAGED_DEBIAN", PY_EM_DEBIAN),
    ("NGINX_CONF_ALPINE", NGINX_CONF_ALPINE),
    ("NGINX_DEFAULT_ALPINE", NGINX_DEFAULT_ALPINE),
    ("NGINX_CONF_DEBIAN", NGINX_CONF_DEBIAN),
    ("NGINX_DEFAULT_DEBIAN", NGINX_DEFAULT_DEBIAN),
];

const PY_EM_ALPINE: &str = "[externally-managed]
Error=The system-wide python installation should be maintained using the system
 package manager (apk) only.
 
 If the package in question is not packaged already (and hence installable via
 \"apk add py3-somepackage\"), please consider installing it inside a virtual
 environment, e.g.:
 
 python3 -m venv /path/to/venv
 . /path/to/venv/bin/activate
 pip install mypackage
 
 To exit the virtual environment, run:
 
 deactivate
 
 The virtual environment is not deleted, and can be re-entered by re-sourcing
 the activate file.
 
 To automatically manage virtual environments, consider using pipx (from the
 pipx package).
";

const PY_EM_DEBIAN: &str = "[externally-managed]
Error=To install Python packages system-wide, try apt install
 python3-xyz, where xyz is the package you are trying to
 install.
 
 If you wish to install a non-Debian-packaged Python package,
 create a virtual environment using python3 -m venv path/to/venv.
 Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make
 sure you have python3-full installed.
 
 If you wish to install a non-Debian packaged Python application,
 it may be easiest to use pipx install xyz, which will manage a
 virtual environment for you. Make sure you have pipx installed.
 
 See /usr/share/doc/python3/README.venv for more information.
";

const NGINX_CONF_ALPINE: &str = "# /etc/nginx/nginx.conf

user nginx;

# Set number of worker processes automatically based on number of CPU cores.
worker_processes auto;

# Enables the use of JIT for regular expressions to speed-up their processing.
pcre_jit on;

# Configures default error logger.
error_log /var/log/nginx/error.log warn;

# Includes files with directives to load dynamic modules.
include /etc/nginx/modules/*.conf;

# Include files with config snippets into the root context.
include /etc/nginx/conf.d/*.conf;

events {
\t# The maximum number of simultaneous connections that can be opened by
\t# a worker process.
\tworker_connections 1024;
}

http {
\t# Includes mapping of file name extensions to MIME types of responses
\t# and defines the default type.
\tinclude /etc/nginx/mime.types;
\tdefault_type application/octet-stream;

\tserver_tokens off;
\tclient_max_body_size 1m;
\tsendfile on;
\ttcp_nopush on;

\tgzip_vary on;

\tlog_format main '$remote_addr - $remote_user [$time_local] \"$request\" '
\t\t\t'$status $body_bytes_sent \"$http_referer\" '
\t\t\t'\"$http_user_agent\" \"$http_x_forwarded_for\"';

\taccess_log /var/log/nginx/access.log main;

\t# Includes virtual hosts configs.
\tinclude /etc/nginx/http.d/*.conf;
}
";

const NGINX_DEFAULT_ALPINE: &str = "# This is a default site configuration which will simply return 404, preventing
# chance access to any other virtualhost.

server {
\tlisten 80 default_server;
\tlisten [::]:80 default_server;

\t# Everything is a 404
\tlocation / {
\t\treturn 404;
\t}

\t# You may need this to prevent return 404 recursion.
\tlocation = /404.html {
\t\tinternal;
\t}
}
";

const NGINX_CONF_DEBIAN: &str = "user www-data;
worker_processes auto;
pid /run/nginx.pid;
error_log /var/log/nginx/error.log;
include /etc/nginx/modules-enabled/*.conf;

events {
\tworker_connections 768;
}

http {
\tsendfile on;
\ttcp_nopush on;
\ttypes_hash_max_size 2048;

\tinclude /etc/nginx/mime.types;
\tdefault_type application/octet-stream;

\tssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3; # Dropping SSLv3, ref: POODLE
\tssl_prefer_server_ciphers on;

\taccess_log /var/log/nginx/access.log;

\tgzip on;

\tinclude /etc/nginx/conf.d/*.conf;
\tinclude /etc/nginx/sites-enabled/*;
}
";

const NGINX_DEFAULT_DEBIAN: &str = "# Default server configuration
#
server {
\tlisten 80 default_server;
\tlisten [::]:80 default_server;

\troot /var/www/html;

\t# Add index.php to the list if you are using PHP
\tindex index.html index.htm index.nginx-debian.html;

\tserver_name _;

\tlocation / {
\t\t# First attempt to serve request as file, then
\t\t# as directory, then fall back to displaying a 404.
\t\ttry_files $uri $uri/ =404;
\t}
}
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::distro::Family;

    #[test]
    fn catalogues_parse_for_every_release() {
        for (family, version_id, codename, min) in [
            (Family::Alpine, "3.19.4", "", 60),
            (Family::Alpine, "3.20.3", "", 60),
            (Family::Alpine, "3.21.2", "", 60),
            (Family::Debian, "12", "bookworm", 90),
            (Family::Ubuntu, "24.04", "noble", 90),
            (Family::Ubuntu, "22.04", "jammy", 90),
        ] {
            let d = Distro { family, version_id: version_id.into(), codename: codename.into() };
            let cat = catalogue(&d);
            assert!(cat.len() >= min, "{d:?}: {}", cat.len());
            for p in cat {
                for dep in p.depends.iter().chain(&p.recommends) {
                    // apt packages may depend on the base system; Alpine's base is small.
                    let base =
                        family != Family::Alpine || ["musl", "zlib", "libcrypto3", "libssl3"].contains(&dep.as_str());
                    assert!(find(cat, dep).is_some() || base, "{}: unknown dependency {dep}", p.name);
                }
            }
        }
        let noble = Distro { family: Family::Ubuntu, version_id: "24.04".into(), codename: "noble".into() };
        assert_eq!(find(catalogue(&noble), "libssl3").unwrap().name, "libssl3t64");
        let bookworm = Distro { family: Family::Debian, version_id: "12".into(), codename: "bookworm".into() };
        let py = find(catalogue(&bookworm), "python3-ver").unwrap();
        assert_eq!((py.name.as_str(), py.upstream_version().as_str()), ("python3.11", "3.11.2"));
    }
}
