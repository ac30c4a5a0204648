//! `curl --version`: the tool's and libcurl's version, the libraries this build links and
//! their versions (read from the packages installed next to it), its release date and its
//! protocols and features.
//!
//! Builds recorded: Debian bookworm's curl 7.88.1 (the output of that package's `curl
//! --version` on a bookworm system, `7.88.1-10+deb12u15`; the library versions and the
//! "security patched" package version are the image's own). Other builds print the
//! libraries of the newest curl in the catalogue.

use crate::catalog::distro::installed_version;
use crate::catalog::model::upstream;
use crate::vfs::Tree;

/// A curl build whose `--version` is recorded.
struct Build {
    /// The curl version (`7.88.1`) of the Debian or Ubuntu build.
    version: &'static str,
    /// The libraries in the order curl lists them: (name curl prints, packages that may
    /// carry it, the first installed one giving the version; `=V` is a fixed version).
    libs: &'static [(&'static str, &'static [&'static str])],
    /// `Release-Date:`.
    date: &'static str,
    protocols: &'static str,
    features: &'static str,
}

const BUILDS: &[Build] = &[Build {
    version: "7.88.1",
    libs: &[
        ("OpenSSL", &["libssl3"]),
        ("zlib", &["zlib1g"]),
        ("brotli", &["libbrotli1"]),
        ("zstd", &["libzstd1"]),
        ("libidn2", &["libidn2-0"]),
        ("libpsl", &["libpsl5"]),
        ("libssh2", &["libssh2-1"]),
        ("nghttp2", &["libnghttp2-14"]),
        ("librtmp", &["=2.3"]),
        ("OpenLDAP", &["libldap-2.5-0"]),
    ],
    date: "2023-02-20",
    protocols: "dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp",
    features: "alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd",
}];

/// What `curl --version` prints for curl `version` (the package's `package_version`) in
/// `fs`; `openssl` is the OpenSSL version when no recorded build matches.
pub fn text(fs: &Tree, version: &str, package_version: &str, alpine: bool, openssl: &str) -> String {
    let triple = if alpine { "x86_64-alpine-linux-musl" } else { "x86_64-pc-linux-gnu" };
    let Some(b) = BUILDS.iter().find(|b| b.version == version && !alpine) else {
        return format!(
            "curl {version} ({triple}) libcurl/{version} OpenSSL/{openssl} zlib/1.3.1 brotli/1.1.0 zstd/1.5.6 libidn2/2.3.7 libpsl/0.21.5 nghttp2/1.62.1\nProtocols: dict file ftp ftps gopher gophers http https imap imaps ipfs ipns mqtt pop3 pop3s rtsp smb smbs smtp smtps telnet tftp ws wss\nFeatures: alt-svc AsynchDNS brotli HSTS HTTP2 HTTPS-proxy IDN IPv6 Largefile libz NTLM PSL SSL threadsafe TLS-SRP UnixSockets zstd\n"
        );
    };
    let mut libs = Vec::new();
    let mut idn = None;
    for (name, packages) in b.libs {
        let v = packages.iter().find_map(|p| match p.strip_prefix('=') {
            Some(fixed) => Some(fixed.to_string()),
            None => installed_version(fs, p).map(|v| clean(&upstream(&v))),
        });
        let Some(v) = v else { continue };
        if *name == "libidn2" {
            idn = Some(v.clone());
        }
        let extra = match (*name, &idn) {
            ("libpsl", Some(i)) => format!(" (+libidn2/{i})"),
            _ => String::new(),
        };
        libs.push(format!("{name}/{v}{extra}"));
    }
    format!(
        "curl {version} ({triple}) libcurl/{version} {}\nRelease-Date: {}, security patched: {package_version}\nProtocols: {}\nFeatures: {}\n",
        libs.join(" "),
        b.date,
        b.protocols,
        b.features
    )
}

/// An upstream version without the Debian repack marks (`1.2.13.dfsg` is zlib 1.2.13).
fn clean(v: &str) -> String {
    v.trim_end_matches(".dfsg").to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn bookworm_prints_its_build() {
        let image = crate::catalog::images::lookup("debian:bookworm").expect("assembles").expect("in the catalogue");
        let mut t = crate::vfs::Tree::from_layers(&image.layers);
        for argv in [&["apt-get", "update"][..], &["apt-get", "install", "-y", "curl"]] {
            let (code, _, err) = crate::shell::pkg::testutil::run(&mut t, 0, argv);
            assert_eq!(code, 0, "{err}");
        }
        let (code, out, _) = crate::shell::pkg::testutil::run(&mut t, 0, &["curl", "--version"]);
        assert_eq!(code, 0);
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].starts_with("curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.")
                && lines[0].ends_with(
                    " zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13"
                ),
            "{out}"
        );
        assert!(lines[1].starts_with("Release-Date: 2023-02-20, security patched: 7.88.1-10+deb12u"), "{out}");
        assert!(
            lines[2].starts_with("Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap"),
            "{out}"
        );
    }
}
