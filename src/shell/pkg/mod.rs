//! Simulated package managers (apk, apt-get, apt, dpkg) and the programs packages install.

use super::AppletFn;

/// The applet for a package-manager command or an installed program, if this module has one.
pub fn applet(name: &str) -> Option<AppletFn> {
    let _ = name;
    None
}
