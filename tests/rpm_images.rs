//! The rpm family's images after CentOS: Rocky Linux 8 and 9 (dnf 4, microdnf), Amazon
//! Linux 2 (yum 3) and 2023 (dnf 4), Fedora (dnf5): their packages, config and package
//! managers' wording, and the packages tutorials install from their repositories.

use layerlab::catalog::images::{lookup, BuiltinImage};
use layerlab::vfs::Tree;

/// The catalogue image `reference` names (it must be there).
fn image(reference: &str) -> BuiltinImage {
    lookup(reference).unwrap_or_else(|e| panic!("data/{e}")).unwrap_or_else(|| panic!("{reference} is built in"))
}

fn tree(reference: &str) -> Tree {
    Tree::from_layers(&image(reference).layers)
}

#[test]
fn rockylinux_9_packages_config_and_dnf() {
    let img = image("rockylinux:9");
    assert_eq!(img.config.cmd, Some(vec!["/bin/bash".to_string()]));
    assert_eq!(img.layers.len(), 1);
    assert_eq!(img.history.len(), 2);
    assert!(lookup("rockylinux").unwrap().is_none(), "the official repository has no latest tag");
    let size = tree("rockylinux:9.3").content_size() as f64 / 1e6;
    assert!((size - 176.0).abs() / 176.0 < 0.05, "{size}");
    let mut e = layerlab::engine::Engine::new(|| 1_750_000_000);
    let o = e.exec_line(
        "docker run --rm rockylinux:9 sh -c 'cat /etc/redhat-release; rpm -qa | wc -l; rpm -q dnf; python3 --version'",
    );
    assert_eq!(
        o.stdout, "Rocky Linux release 9.3 (Blue Onyx)\n141\ndnf-4.14.0-8.el9.noarch\nPython 3.9.18\n",
        "{}",
        o.stderr
    );
    let o = e.exec_line(
        "docker run --rm rockylinux:9 sh -c 'dnf install -y httpd; httpd -v; yum install -y wget; dnf clean all'",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let out = o.stdout;
    for want in [
        "Rocky Linux 9 - BaseOS ",
        "Dependencies resolved.",
        " Package                Architecture    Version             Repository     Size",
        "Installing:",
        "Installing dependencies:",
        "Transaction Summary",
        "Install  9 Packages",
        "Running transaction",
        "Complete!",
        "Server version: Apache/2.4.57 (Rocky Linux)",
        "Install  1 Package",
    ] {
        assert!(out.lines().any(|l| l.starts_with(want)), "{want:?} in\n{out}");
    }
    // The second command finds the metadata cached; `clean all` counts what it removes.
    assert!(out.contains("\nLast metadata expiration check: 0:00:00 ago on Sun Jun 15 15:06:40 2025.\n"), "{out}");
    assert!(out.ends_with("\n17 files removed\n"), "{out}");
    let o = e.exec_line(
        "docker run --rm rockylinux:9 sh -c 'dnf install -y nginx nodejs gcc >/dev/null; nginx -v; node --version; \
         gcc --version | head -1'",
    );
    assert_eq!(o.stdout, "v16.20.2\ngcc (Red Hat 11.4.1-2.1.el9) 11.4.1\n", "{}", o.stderr);
    assert!(o.stderr.contains("nginx version: nginx/1.20.1\n"), "{}", o.stderr);
    // The minimal image: microdnf instead of dnf, no python3, which or systemd accounts.
    let o = e.exec_line("docker run --rm rockylinux:9-minimal sh -c 'rpm -qa | wc -l; rpm -q microdnf; ls /usr/bin/python3 /usr/bin/which; grep -c 999 /etc/group'");
    assert_eq!(o.stdout, "118\nmicrodnf-3.9.1-3.el9.x86_64\n0\n", "{}", o.stderr);
    let o = e.exec_line("docker run --rm rockylinux:9-minimal sh -c 'microdnf install -y wget && wget --version | head -1 && rpm -q wget && microdnf clean all && ls /var/cache/yum/metadata | wc -l'");
    assert_eq!(o.code, 0, "{}", o.stderr);
    let want = "Downloading metadata...\nDownloading metadata...\nDownloading metadata...\n\
                Package                   Repository     Size\n\
                Installing:                                  \n \
                wget-1.21.1-7.el9.x86_64 appstream  242.0 kB\n\
                Transaction Summary:\n Installing:        1 packages\n Reinstalling:      0 packages\n \
                Upgrading:         0 packages\n Obsoleting:        0 packages\n Removing:          0 packages\n \
                Downgrading:       0 packages\nDownloading packages...\nRunning transaction test...\n\
                Installing: wget;1.21.1-7.el9;x86_64;appstream\nComplete.\n";
    assert!(o.stdout.starts_with(want), "{}", o.stdout);
    assert!(o.stdout.ends_with("\nwget-1.21.1-7.el9.x86_64\nComplete.\n0\n"), "{}", o.stdout);
}

#[test]
fn rockylinux_8_packages_config_and_dnf() {
    // docker-library/repo-info repos/rockylinux/local/8.9.20231119.md and its -minimal.
    let img = image("rockylinux:8");
    assert_eq!(img.config.cmd, Some(vec!["/bin/bash".to_string()]));
    assert_eq!((img.layers.len(), img.history.len()), (1, 2));
    assert_eq!(img.created, "2023-11-24T18:22:37Z");
    assert_eq!(image("rockylinux:8.9.20231119").created, img.created);
    let size = tree("rockylinux:8.9").content_size() as f64 / 1e6;
    assert!((size - 197.6).abs() / 197.6 < 0.05, "{size}");
    let size = tree("rockylinux:8-minimal").content_size() as f64 / 1e6;
    assert!((size - 93.3).abs() / 93.3 < 0.05, "{size}");
    let mut e = layerlab::engine::Engine::new(|| 1_750_000_000);
    let o = e.exec_line(
        "docker run --rm rockylinux:8 sh -c 'cat /etc/redhat-release; grep PRETTY /etc/os-release; rpm -q dnf yum; \
         dnf --version | head -1; ls /etc/yum.repos.d | head -3; ls /usr/bin/python3 /usr/libexec/platform-python'",
    );
    assert_eq!(
        o.stdout,
        "Rocky Linux release 8.9 (Green Obsidian)\nPRETTY_NAME=\"Rocky Linux 8.9 (Green Obsidian)\"\n\
         dnf-4.7.0-19.el8.noarch\nyum-4.7.0-19.el8.noarch\n4.7.0\nRocky-AppStream.repo\nRocky-BaseOS.repo\n\
         Rocky-Debuginfo.repo\n/usr/libexec/platform-python\n",
        "{}",
        o.stderr
    );
    // `yum install -y httpd` is dnf 4 with Rocky 8's httpd from the httpd:2.4 module stream.
    let o = e.exec_line(
        "docker run --rm rockylinux:8 sh -c 'yum install -y httpd; httpd -v; rpm -q httpd; yum install -y make; \
         rpm -q make; yum install -y python3 >/dev/null; python3 --version; pip3 --version'",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let out = o.stdout;
    for want in [
        "Rocky Linux 8 - AppStream ",
        "Dependencies resolved.",
        " httpd             x86_64       2.4.37-62.module+el8.9.0+1436+2b7d5021  appstream  1.6 M",
        "Enabling module streams:",
        " httpd             2.4 ",
        "Install  10 Packages",
        "Complete!",
        "Server version: Apache/2.4.37 (Rocky Linux)",
        "httpd-2.4.37-62.module+el8.9.0+1436+2b7d5021.x86_64",
        // rpm prints no epoch; dnf's own names carry it.
        "make-4.2.1-11.el8.x86_64",
        "  Installing       : make-1:4.2.1-11.el8.x86_64                             1/1 ",
        "Python 3.6.8",
        "pip 9.0.3 from /usr/lib/python3.6/site-packages (python 3.6)",
    ] {
        assert!(out.lines().any(|l| l.starts_with(want)), "{want:?} in\n{out}");
    }
    // The default module streams of nginx and nodejs; Red Hat's OpenJDK build.
    let o = e.exec_line(
        "docker run --rm rockylinux:8 sh -c 'dnf install -y nginx nodejs java-17-openjdk-headless; nginx -v; \
         node --version; java -version'",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("\nEnabling module streams:\n nginx "), "{}", o.stdout);
    assert!(o.stdout.ends_with("Complete!\nv10.24.0\n"), "{}", o.stdout);
    assert!(o.stderr.contains("nginx version: nginx/1.14.1\nopenjdk version \"17.0.9\" 2023-10-17 LTS\nOpenJDK Runtime Environment (Red_Hat-17.0.9.0.9-2) (build 17.0.9+9-LTS)\n"), "{}", o.stderr);
    let o = e.exec_line(
        "docker run --rm rockylinux:8-minimal sh -c 'rpm -q microdnf; microdnf install -y httpd >/dev/null; httpd -v'",
    );
    assert_eq!(
        o.stdout,
        "microdnf-3.8.0-2.el8.x86_64\nServer version: Apache/2.4.37 (Rocky Linux)\nServer built:   Jan  1 2024 00:00:00\n",
        "{}",
        o.stderr
    );
}

#[test]
fn amazonlinux_2023_packages_config_and_dnf() {
    let img = image("amazonlinux:2023");
    assert_eq!(img.config.cmd, Some(vec!["/bin/bash".to_string()]));
    assert_eq!((img.layers.len(), img.history.len()), (1, 2));
    assert_eq!(image("amazonlinux").created, img.created, "latest is 2023");
    let size = tree("amazonlinux:2023").content_size() as f64 / 1e6;
    assert!((size - 150.0).abs() / 150.0 < 0.05, "{size}");
    let mut e = layerlab::engine::Engine::new(|| 1_750_000_000);
    let o = e.exec_line(
        "docker run --rm amazonlinux sh -c 'cat /etc/system-release; grep PRETTY /etc/os-release; rpm -qa | wc -l; \
         dnf --version | head -2; yum --version | head -1; python3 --version; id -un 65534'",
    );
    assert_eq!(
        o.stdout,
        "Amazon Linux release 2023.12.20260831 (Amazon Linux)\nPRETTY_NAME=\"Amazon Linux 2023.12.20260831\"\n105\n\
         4.14.0\n  Installed: dnf-0:4.14.0-1.amzn2023.0.7.noarch at Thu Sep 17 21:13:04 2026\n4.14.0\nPython 3.9.25\nnobody\n",
        "{}",
        o.stderr
    );
    // The image leaves out tar, which and find; the repository has them.
    let o = e.exec_line(
        "docker run --rm amazonlinux:2023 sh -c 'ls /usr/bin/tar; dnf install -y tar which && rpm -q which && ls /usr/bin/tar'",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains(" tar          x86_64          2:1.34-1.amzn2023.0.4      amazonlinux    206 k\n"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.ends_with("Complete!\nwhich-2.21-26.amzn2023.0.2.x86_64\n/usr/bin/tar\n"), "{}", o.stdout);
    // The packages tutorials install: dnf 4's table sorted by name, Corretto's java.
    let o = e.exec_line(
        "docker run --rm amazonlinux:2023 sh -c 'dnf install -y httpd java-17-amazon-corretto-headless nodejs; \
         httpd -v; java -version; node --version; npm --version'",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    for want in [
        "Installing:\n httpd ",
        " java-17-amazon-corretto-headless x86_64       1:17.0.20+8-1.amzn2023.1          amazonlinux  46 M\n nodejs ",
        "Installing dependencies:\n apr ",
        "Server version: Apache/2.4.65 (Amazon Linux)\n",
        "\nv18.20.8\n10.8.2\n",
    ] {
        assert!(o.stdout.contains(want), "{want:?} in\n{}", o.stdout);
    }
    assert!(o.stderr.contains("openjdk version \"17.0.20\" 2026-07-21 LTS\nOpenJDK Runtime Environment Corretto-17.0.20.8.1 (build 17.0.20+8-LTS)\n"), "{}", o.stderr);
    let o = e.exec_line("docker run --rm amazonlinux:2023 dnf makecache");
    assert_eq!(
        o.stdout,
        "Amazon Linux 2023 repository                      37 MB/s |  24 MB     00:01    \nMetadata cache created.\n"
    );
}

#[test]
fn amazonlinux_2_packages_config_and_yum() {
    let img = image("amazonlinux:2");
    assert_eq!(img.config.cmd, Some(vec!["/bin/bash".to_string()]));
    assert_eq!((img.layers.len(), img.history.len()), (1, 2));
    let size = tree("amazonlinux:2").content_size() as f64 / 1e6;
    assert!((size - 165.0).abs() / 165.0 < 0.05, "{size}");
    let mut e = layerlab::engine::Engine::new(|| 1_750_000_000);
    let o = e.exec_line(
        "docker run --rm amazonlinux:2 sh -c 'cat /etc/system-release; grep PRETTY /etc/os-release; rpm -qa | wc -l; \
         yum --version | head -2; python --version; id -un 99'",
    );
    assert_eq!(
        o.stdout,
        "Amazon Linux release 2 (Karoo)\nPRETTY_NAME=\"Amazon Linux 2\"\n106\n\
         3.4.3\n  Installed: rpm-4.11.3-48.amzn2.0.5.x86_64 at 2026-09-17 21:13\nPython 2.7.18\nnobody\n",
        "{}",
        o.stderr
    );
    // yum 3 as on CentOS 7, with Amazon Linux 2's plugins and its one repository.
    let o =
        e.exec_line("docker run --rm amazonlinux:2 sh -c 'yum makecache; yum clean all; ls /var/cache/yum/x86_64/2'");
    assert!(o.stdout.starts_with("Loaded plugins: ovl, priorities\namzn2-core "), "{}", o.stdout);
    assert!(o.stdout.contains("\nCleaning repos: amzn2-core\nCleaning up everything\n"), "{}", o.stdout);
    assert!(!o.stdout.contains("mirror"), "{}", o.stdout);
    // amzn2-core has the tutorials' packages; yum 3 names an epoch before the package.
    let o = e.exec_line(
        "docker run --rm amazonlinux:2 sh -c 'yum install -y httpd python3 make; httpd -v; python3 --version; \
         pip3 --version; rpm -q make'",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    for want in [
        "---> Package make.x86_64 1:3.82-24.amzn2 will be installed\n",
        "  Installing : 1:make-3.82-24.amzn2.x86_64 ",
        "Importing GPG key 0xC87F5B1A:\n Userid     : \"Amazon Linux <amazon-linux@amazon.com>\"\n",
        "Server version: Apache/2.4.62 ()\n",
        "Python 3.7.16\npip 20.2.2 from /usr/lib/python3.7/site-packages/pip (python 3.7)\nmake-3.82-24.amzn2.x86_64\n",
    ] {
        assert!(o.stdout.contains(want), "{want:?} in\n{}", o.stdout);
    }
    assert!(
        o.stderr.contains("/var/cache/yum/x86_64/2/amzn2-core/packages/apr-1.7.2-1.amzn2.0.1.x86_64.rpm: "),
        "{}",
        o.stderr
    );
}

#[test]
fn fedora_43_packages_config_and_dnf5() {
    let img = image("fedora");
    assert_eq!(img.tag, "latest");
    assert_eq!(image("fedora:43").created, img.created);
    assert_eq!(img.config.cmd, Some(vec!["/bin/bash".to_string()]));
    assert!(img.config.env.contains(&"DISTTAG=f43container".to_string()));
    assert_eq!(img.history.iter().filter(|h| !h.empty_layer).count(), 1);
    let size = tree("fedora:43").content_size() as f64 / 1e6;
    assert!((size - 181.0).abs() / 181.0 < 0.05, "{size}");
    let mut e = layerlab::engine::Engine::new(|| 1_750_000_000);
    let o = e.exec_line(
        "docker run --rm fedora sh -c 'cat /etc/redhat-release; grep PRETTY /etc/os-release; rpm -qa | wc -l; \
         rpm -q dnf5 bash; dnf --version; ls /usr/bin/python3; id -un 65534'",
    );
    assert_eq!(
        o.stdout,
        "Fedora release 43 (Forty Three)\nPRETTY_NAME=\"Fedora Linux 43 (Container Image)\"\n141\n\
         dnf5-5.2.18.0-1.fc43.x86_64\nbash-5.3.0-2.fc43.x86_64\n\
         dnf5 version 5.2.18.0\ndnf5 plugin API version 2.0\nlibdnf5 version 5.2.18.0\nlibdnf5 plugin API version 2.2\nnobody\n",
        "{}",
        o.stderr
    );
    let o = e.exec_line("docker run --rm fedora:43 dnf makecache");
    assert!(o.stdout.contains("\n Fedora 43 openh264 (From Cisco) - x86_ 100% |"), "{}", o.stdout);
    assert!(o.stdout.ends_with("\nRepositories loaded.\nMetadata cache created.\n"), "{}", o.stdout);
    // dnf5's own wording for an install (80 columns without a terminal) and for `clean all`.
    let o = e.exec_line(
        "docker run --rm fedora sh -c 'dnf install -y which; dnf install -y which; yum install -y httpd >/dev/null; \
         httpd -v; rpm -q httpd; dnf clean all'",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let want = "Repositories loaded.\n\
                Package                  Arch    Version                  Repository        Size\n\
                Installing:\n \
                which                   x86_64  2.23-3.fc43              fedora        30.0 KiB\n\n\
                Transaction Summary:\n Installing:         1 package\n\n\
                Total size of inbound packages is 12 KiB. Need to download 12 KiB.\n\
                After this operation, 30 KiB extra will be used (install 30 KiB, remove 0 B).\n\
                [1/1] which-0:2.23-3.fc43.x86_64        100% |  47.9 KiB/s |  12.0 KiB |  00m00s\n";
    assert!(o.stdout.contains(want), "{}", o.stdout);
    for want in [
        "Running transaction\n[1/3] Verify package files              100% |",
        "\n[3/3] Installing which-0:2.23-3.fc43.x8 100% |",
        "Complete!\nUpdating and loading repositories:\nRepositories loaded.\n\
         Package \"which-2.23-3.fc43.x86_64\" is already installed.\n\nNothing to do.\n",
        "Server version: Apache/2.4.66 (Fedora Linux)\n",
        "\nhttpd-2.4.66-1.fc43.x86_64\nRemoved ",
    ] {
        assert!(o.stdout.contains(want), "{want:?} in\n{}", o.stdout);
    }
    assert!(o.stdout.ends_with(" directories (total of 70 MiB). 0 errors occurred.\n"), "{}", o.stdout);
    let o = e.exec_line(
        "docker run --rm fedora sh -c 'dnf install -y -q wget git >/dev/null; wget --version | head -1; git --version'",
    );
    assert_eq!(
        o.stdout, "GNU Wget2 2.2.0 - multithreaded metalink/file/website downloader\ngit version 2.52.0\n",
        "{}",
        o.stderr
    );
    // Fedora 43 has no java-17: dnf5 fails the whole transaction.
    let o = e.exec_line("docker run --rm fedora dnf install -y make java-17-openjdk");
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("Failed to resolve the transaction:\nNo match for argument: java-17-openjdk\n"),
        "{}",
        o.stderr
    );
}

#[test]
fn epel_release_comes_from_extras() {
    let mut e = layerlab::engine::Engine::new(|| 1_750_000_000);
    for (image, version, key) in
        [("centos:7", "7-11", "EPEL-7"), ("rockylinux:8", "8-19.el8", "EPEL-8"), ("rockylinux:9", "9-7.el9", "EPEL-9")]
    {
        let o = e.exec_line(&format!(
            "docker run --rm {image} sh -c 'yum install -y epel-release; rpm -q epel-release; grep gpgkey /etc/yum.repos.d/epel.repo'"
        ));
        assert_eq!(o.code, 0, "{image}: {}", o.stderr);
        assert!(o.stdout.contains(&format!("epel-release-{version}.noarch\n")), "{image}: {}", o.stdout);
        assert!(
            o.stdout.ends_with(&format!("gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-{key}\n")),
            "{image}: {}",
            o.stdout
        );
        assert!(o.stdout.lines().any(|l| l.starts_with(" epel-release") && l.contains(" extras ")), "{}", o.stdout);
    }
}

#[test]
fn centos_7_finds_nginx_in_epel_once_epel_release_is_installed() {
    let mut e = layerlab::engine::Engine::new(|| 1_750_000_000);
    let o = e.exec_line(
        "docker run --rm centos:7 sh -c 'yum install -y nginx; yum install -y epel-release >/dev/null; \
         yum install -y nginx; nginx -v; yum clean all'",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    for want in [
        "No package nginx available.\n",
        "Loading mirror speeds from cached hostfile\n * base: mirror.centos.org\n * epel: mirrors.fedoraproject.org\n",
        "\n(3/3): epel/7/x86_64/primary_db ",
        "--> Processing Dependency: nginx-filesystem for package: 1:nginx-1.20.1-10.el7.x86_64\n",
        " nginx             x86_64       1:1.20.1-10.el7               epel        433 k\n",
        "Cleaning repos: base epel extras updates\n",
    ] {
        assert!(o.stdout.contains(want), "{want:?} in\n{}", o.stdout);
    }
    assert!(o.stderr.contains("nginx version: nginx/1.20.1\n"), "{}", o.stderr);
}
