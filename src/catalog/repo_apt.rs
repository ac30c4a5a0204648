//! The Debian / Ubuntu archive catalogue: columns are bookworm | noble | jammy. Package keys
//! are Debian's names; Ubuntu's renamed libraries (`libssl3t64`, …) are given per column.

/// Packages available to `apt-get install`.
pub(crate) const APT: &str = r#"
var py 3.11|3.12|3.10
var gccv 12|13|11
var pgv 15|16|14
var perlv 5.36|5.38|5.34
var gov 1.19|1.22|1.18

@ libssl3|libssl3t64|libssl3 3.0.14-1~deb12u2|3.0.13-0ubuntu3.4|3.0.2-0ubuntu1.18
d Secure Sockets Layer toolkit - shared libraries
s libs
f /usr/lib/x86_64-linux-gnu/libssl.so.3 677K
f /usr/lib/x86_64-linux-gnu/libcrypto.so.3 4.51M
f /usr/lib/x86_64-linux-gnu/ossl-modules/legacy.so 147K
f /usr/lib/x86_64-linux-gnu/engines-3/afalg.so 23K
f /usr/lib/x86_64-linux-gnu/engines-3/padlock.so 15K

@ openssl 3.0.14-1~deb12u2|3.0.13-0ubuntu3.4|3.0.2-0ubuntu1.18
d Secure Sockets Layer toolkit - cryptographic utility
s utils
dep libssl3
cmd openssl
f /usr/bin/openssl 1.02M
f /usr/bin/c_rehash 6.8K
f /usr/lib/ssl/openssl.cnf 12K
L /etc/ssl/openssl.cnf ../../usr/lib/ssl/openssl.cnf
D /etc/ssl/private 0700
D /etc/ssl/certs

@ ca-certificates 20230311|20240203|20240203~22.04.1
d Common CA certificates
s misc
a all
dep openssl debconf
cmd update-ca-certificates
f /usr/sbin/update-ca-certificates 6.6K
f /usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt 1.9K
f /usr/share/ca-certificates/mozilla/DigiCert_Global_Root_G2.crt 1.3K
f /usr/share/ca-certificates/mozilla/GlobalSign_Root_CA.crt 1.3K
f /usr/share/ca-certificates/mozilla/all-other-roots.crt 205K
f /etc/ssl/certs/ca-certificates.crt 213K
x /etc/ca-certificates.conf # This file lists certificates that you wish to use or to ignore to be\n# installed in /etc/ssl/certs.\nmozilla/ISRG_Root_X1.crt\n

@ krb5-locales 1.20.1-2+deb12u2|1.20.1-6ubuntu2.2|1.19.2-2ubuntu0.4
d internationalization support for MIT Kerberos
s localization
a all
f /usr/share/locale/de/LC_MESSAGES/mit-krb5.mo 144K
f /usr/share/locale/en_US/LC_MESSAGES/mit-krb5.mo 12K

@ libkrb5support0 1.20.1-2+deb12u2|1.20.1-6ubuntu2.2|1.19.2-2ubuntu0.4
d MIT Kerberos runtime libraries - Support library
s libs
f /usr/lib/x86_64-linux-gnu/libkrb5support.so.0.1 55K

@ libk5crypto3 1.20.1-2+deb12u2|1.20.1-6ubuntu2.2|1.19.2-2ubuntu0.4
d MIT Kerberos runtime libraries - Crypto Library
s libs
dep libkrb5support0
f /usr/lib/x86_64-linux-gnu/libk5crypto.so.3.1 187K

@ libkeyutils1 1.6.3-2|1.6.3-3build1|1.6.1-2ubuntu3
d Linux Key Management Utilities (library)
s misc
f /usr/lib/x86_64-linux-gnu/libkeyutils.so.1.10 23K

@ libkrb5-3 1.20.1-2+deb12u2|1.20.1-6ubuntu2.2|1.19.2-2ubuntu0.4
d MIT Kerberos runtime libraries
s libs
dep libk5crypto3 libkeyutils1 libkrb5support0 libssl3
rec krb5-locales
f /usr/lib/x86_64-linux-gnu/libkrb5.so.3.3 827K

@ libgssapi-krb5-2 1.20.1-2+deb12u2|1.20.1-6ubuntu2.2|1.19.2-2ubuntu0.4
d MIT Kerberos runtime libraries - krb5 GSS-API Mechanism
s libs
dep libk5crypto3 libkrb5-3 libkrb5support0
f /usr/lib/x86_64-linux-gnu/libgssapi_krb5.so.2.2 339K

@ libsasl2-modules-db 2.1.28+dfsg-10|2.1.28+dfsg1-5ubuntu3.1|2.1.27+dfsg2-3ubuntu1.2
d Cyrus SASL - pluggable authentication modules (DB)
s libs
f /usr/lib/x86_64-linux-gnu/sasl2/libsasldb.so.2.0.25 23K

@ libsasl2-2 2.1.28+dfsg-10|2.1.28+dfsg1-5ubuntu3.1|2.1.27+dfsg2-3ubuntu1.2
d Cyrus SASL - authentication abstraction library
s libs
dep libsasl2-modules-db
f /usr/lib/x86_64-linux-gnu/libsasl2.so.2.0.25 119K

@ libsasl2-modules 2.1.28+dfsg-10|2.1.28+dfsg1-5ubuntu3.1|2.1.27+dfsg2-3ubuntu1.2
d Cyrus SASL - pluggable authentication modules
s devel
dep libssl3
f /usr/lib/x86_64-linux-gnu/sasl2/libplain.so.2.0.25 23K
f /usr/lib/x86_64-linux-gnu/sasl2/libdigestmd5.so.2.0.25 55K
f /usr/lib/x86_64-linux-gnu/sasl2/libscram.so.2.0.25 35K
f /usr/lib/x86_64-linux-gnu/sasl2/libntlm.so.2.0.25 35K

@ libldap-common 2.5.13+dfsg-5|2.6.7+dfsg-1~exp1ubuntu8.1|2.5.18+dfsg-0ubuntu0.22.04.2
d OpenLDAP common files for libraries
s libs
a all
x /etc/ldap/ldap.conf #\n# LDAP Defaults\n#\nTLS_CACERT\t/etc/ssl/certs/ca-certificates.crt\n
f /usr/share/ldap/schema.tar 192K

@ libldap-2.5-0|libldap2|libldap-2.5-0 2.5.13+dfsg-5|2.6.7+dfsg-1~exp1ubuntu8.1|2.5.18+dfsg-0ubuntu0.22.04.2
d OpenLDAP libraries
s libs
dep libsasl2-2
rec libldap-common
f /usr/lib/x86_64-linux-gnu/libldap-2.5.so.0.1.8 376K
f /usr/lib/x86_64-linux-gnu/liblber-2.5.so.0.1.8 59K

@ libbrotli1 1.0.9-2+b6|1.1.0-2build2|1.0.9-2build6
d library implementing brotli encoder and decoder (shared libraries)
s libs
f /usr/lib/x86_64-linux-gnu/libbrotlicommon.so.1.0.9 135K
f /usr/lib/x86_64-linux-gnu/libbrotlidec.so.1.0.9 51K
f /usr/lib/x86_64-linux-gnu/libbrotlienc.so.1.0.9 579K

@ libnghttp2-14 1.52.0-1+deb12u1|1.59.0-1ubuntu0.1|1.43.0-1ubuntu0.2
d library implementing HTTP/2 protocol (shared library)
s libs
f /usr/lib/x86_64-linux-gnu/libnghttp2.so.14.24.1 163K

@ publicsuffix 20230209.2326-1|20231001.0357-0.1|20211207.1025-1
d accurate, machine-readable list of domain name suffixes
s net
a all
f /usr/share/publicsuffix/public_suffix_list.dat 228K
f /usr/share/publicsuffix/public_suffix_list.dafsa 42K

@ libpsl5|libpsl5t64|libpsl5 0.21.2-1|0.21.2-1.1build1|0.21.0-1.2build2
d Library for Public Suffix List (shared libraries)
s libs
rec publicsuffix
f /usr/lib/x86_64-linux-gnu/libpsl.so.5.3.4 71K

@ librtmp1 2.4+20151223.gitfa8646d.1-2+b2|2.4+20151223.gitfa8646d.1-2build7|2.4+20151223.gitfa8646d.1-2build4
d toolkit for RTMP streams (shared library)
s libs
f /usr/lib/x86_64-linux-gnu/librtmp.so.1 123K

@ libssh2-1|libssh2-1t64|libssh2-1 1.10.0-3+b1|1.11.0-4.1build2|1.10.0-3
d SSH2 client-side library
s libs
dep libssl3
f /usr/lib/x86_64-linux-gnu/libssh2.so.1.0.1 275K

@ libcurl4|libcurl4t64|libcurl4 7.88.1-10+deb12u7|8.5.0-2ubuntu10.4|7.81.0-1ubuntu1.18
d easy-to-use client-side URL transfer library (OpenSSL flavour)
s libs
dep libbrotli1 libgssapi-krb5-2 libldap-2.5-0 libnghttp2-14 libpsl5 librtmp1 libssh2-1 libssl3
rec ca-certificates libsasl2-modules
f /usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0 711K
L /usr/lib/x86_64-linux-gnu/libcurl.so.4 libcurl.so.4.8.0

@ libcurl3-gnutls|libcurl3t64-gnutls|libcurl3-gnutls 7.88.1-10+deb12u7|8.5.0-2ubuntu10.4|7.81.0-1ubuntu1.18
d easy-to-use client-side URL transfer library (GnuTLS flavour)
s libs
dep libbrotli1 libgssapi-krb5-2 libldap-2.5-0 libnghttp2-14 libpsl5 librtmp1 libssh2-1
rec ca-certificates libsasl2-modules
f /usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4.8.0 699K

@ curl 7.88.1-10+deb12u7|8.5.0-2ubuntu10.4|7.81.0-1ubuntu1.18
d command line tool for transferring data with URL syntax
s web
dep libcurl4
cmd curl
f /usr/bin/curl 279K

@ wget 1.21.3-1+b2|1.21.4-1ubuntu4.1|1.21.2-2ubuntu1.1
d retrieves files from the web
s web
p standard
dep libpsl5 libssl3
rec ca-certificates
cmd wget
f /usr/bin/wget 507K
x /etc/wgetrc # Sample Wget initialization file .wgetrc\n#ca_directory = /etc/ssl/certs\n

@ libexpat1 2.5.0-1+deb12u1|2.6.1-2ubuntu0.1|2.4.7-1ubuntu0.4
d XML parsing C library - runtime library
s libs
f /usr/lib/x86_64-linux-gnu/libexpat.so.1.8.10 199K

@ git-man 1:2.39.5-0+deb12u1|1:2.43.0-1ubuntu7.1|1:2.34.1-1ubuntu1.11
d fast, scalable, distributed revision control system (manual pages)
s doc
a all
f /usr/share/man/man1/git.1.gz 23K
f /usr/share/man/man1/git-all-pages.tar 1.9M

@ libperl=libperl5.36|libperl5.38|libperl5.34 5.36.0-7+deb12u1|5.38.2-3.2build2|5.34.0-3ubuntu1.3
d shared Perl library
s libs
f /usr/lib/x86_64-linux-gnu/libperl.so.{perlv} 3.96M
f /usr/lib/x86_64-linux-gnu/perl/{perlv}/modules.tar 3.2M

@ perl-modules=perl-modules-5.36|perl-modules-5.38|perl-modules-5.34 5.36.0-7+deb12u1|5.38.2-3.2build2|5.34.0-3ubuntu1.3
d Core Perl modules
s perl
a all
f /usr/share/perl/{perlv}/modules.tar 17.1M

@ perl 5.36.0-7+deb12u1|5.38.2-3.2build2|5.34.0-3ubuntu1.3
d Larry Wall's Practical Extraction and Report Language
s perl
dep perl-modules libperl
f /usr/bin/cpan 9.2K
f /usr/bin/perldoc 271
f /usr/bin/prove 13K
f /usr/bin/perlbug 45K

@ liberror-perl 0.17029-2|0.17029-2|0.17029-1
d Perl module for error/exception handling in an OO-ish way
s perl
a all
dep perl
f /usr/share/perl5/Error.pm 24K

@ less 590-2.1~deb12u2|590-2ubuntu2.1|590-1ubuntu0.22.04.3
d pager program similar to more
s text
f /usr/bin/less 179K
f /usr/bin/lessecho 15K
f /usr/bin/lesskey 23K
f /usr/bin/lesspipe 9.3K

@ patch 2.7.6-7|2.7.6-7build3|2.7.6-7build2
d Apply a diff file to an original
s vcs
f /usr/bin/patch 115K

@ libedit2 3.1-20221030-2|3.1-20230828-1build1|3.1-20210910-1build1
d BSD editline and history libraries
s libs
f /usr/lib/x86_64-linux-gnu/libedit.so.2.0.70 243K

@ openssh-client 1:9.2p1-2+deb12u3|1:9.6p1-3ubuntu13.5|1:8.9p1-3ubuntu0.10
d secure shell (SSH) client, for secure access to remote machines
s net
dep libedit2 libssl3
f /usr/bin/ssh 1.17M
f /usr/bin/scp 130K
f /usr/bin/sftp 158K
f /usr/bin/ssh-keygen 467K
f /usr/bin/ssh-keyscan 194K
f /usr/bin/ssh-agent 354K
f /usr/bin/ssh-add 186K
f /usr/lib/openssh/ssh-keysign 487K 04755
f /usr/lib/openssh/ssh-pkcs11-helper 426K
x /etc/ssh/ssh_config # This is the ssh client system-wide configuration file.\nHost *\n    SendEnv LANG LC_*\n    HashKnownHosts yes\n

@ git 1:2.39.5-0+deb12u1|1:2.43.0-1ubuntu7.1|1:2.34.1-1ubuntu1.11
d fast, scalable, distributed revision control system
s vcs
dep git-man libcurl3-gnutls libexpat1 perl liberror-perl
rec ca-certificates patch less openssh-client
cmd git
f /usr/bin/git 3.79M
L /usr/bin/git-receive-pack git
L /usr/bin/git-upload-archive git
L /usr/bin/git-upload-pack git
f /usr/bin/git-shell 1.1M
f /usr/lib/git-core/git-remote-http 1.81M
L /usr/lib/git-core/git-remote-https git-remote-http
f /usr/lib/git-core/git-http-fetch 1.77M
f /usr/lib/git-core/git-http-backend 1.75M
f /usr/lib/git-core/git-daemon 1.78M
f /usr/lib/git-core/git-imap-send 1.77M
f /usr/lib/git-core/git-sh-setup 9.2K
f /usr/lib/git-core/mergetools/vimdiff 14K
f /usr/share/git-core/templates/description 73
f /usr/share/git-core/templates/info/exclude 240
f /usr/share/perl5/Git.pm 48K

@ media-types 10.0.0|10.1.0|-
d List of standard media types and their usual file extension
s net
a all
f /etc/mime.types 68K

@ libsqlite3-0 3.40.1-2+deb12u1|3.45.1-1ubuntu2|3.37.2-2ubuntu0.3
d SQLite 3 shared library
s libs
f /usr/lib/x86_64-linux-gnu/libsqlite3.so.0.8.6 1.48M

@ libncursesw6 6.4-4|6.4+20240113-1ubuntu2|6.3-2ubuntu0.1
d shared libraries for terminal handling (wide character support)
s libs
f /usr/lib/x86_64-linux-gnu/libncursesw.so.6.4 398K
f /usr/lib/x86_64-linux-gnu/libformw.so.6.4 79K
f /usr/lib/x86_64-linux-gnu/libpanelw.so.6.4 15K

@ readline-common 8.2-1.3|8.2-4build1|8.1.2-1
d GNU readline and history libraries, common files
s utils
a all
x /etc/inputrc # /etc/inputrc - global inputrc for libreadline\nset input-meta on\nset output-meta on\n

@ libreadline8|libreadline8t64|libreadline8 8.2-1.3|8.2-4build1|8.1.2-1
d GNU readline and history libraries, run-time libraries
s libs
dep readline-common
f /usr/lib/x86_64-linux-gnu/libreadline.so.8.2 323K
f /usr/lib/x86_64-linux-gnu/libhistory.so.8.2 51K

@ libmpdec3|libmpdec3|libmpdec3 2.5.1-2|2.5.1-2build2|2.5.1-2build2
d library for decimal floating point arithmetic (runtime library)
s libs
f /usr/lib/x86_64-linux-gnu/libmpdec.so.2.5.1 263K

@ libpython3-ver-minimal=libpython3.11-minimal|libpython3.12-minimal|libpython3.10-minimal 3.11.2-6+deb12u3|3.12.3-1ubuntu0.2|3.10.12-1~22.04.6
d Minimal subset of the Python language
s python
dep libssl3
f /usr/lib/python{py}/os.py 39K
f /usr/lib/python{py}/minimal-modules.tar 4.2M
f /usr/lib/python{py}/lib-dynload/minimal-dynload.tar 420K

@ python3-ver-minimal=python3.11-minimal|python3.12-minimal|python3.10-minimal 3.11.2-6+deb12u3|3.12.3-1ubuntu0.2|3.10.12-1~22.04.6
d Minimal subset of the Python language
s python
dep libpython3-ver-minimal libexpat1 zlib1g
f /usr/bin/python{py} 6.58M

@ libpython3-ver-stdlib=libpython3.11-stdlib|libpython3.12-stdlib|libpython3.10-stdlib 3.11.2-6+deb12u3|3.12.3-1ubuntu0.2|3.10.12-1~22.04.6
d Interactive high-level object-oriented language (standard library)
s python
dep libpython3-ver-minimal media-types libffi8 libmpdec3 libncursesw6 libreadline8 libsqlite3-0 libuuid1 libdb5.3
[01]t /usr/lib/python{py}/EXTERNALLY-MANAGED PY_EXTERNALLY_MANAGED_DEBIAN
f /usr/lib/python{py}/typing.py 118K
f /usr/lib/python{py}/argparse.py 98K
f /usr/lib/python{py}/subprocess.py 86K
f /usr/lib/python{py}/json/decoder.py 12K
f /usr/lib/python{py}/stdlib-modules.tar 14.7M
f /usr/lib/python{py}/pycache.tar 5.3M
f /usr/lib/python{py}/lib-dynload/stdlib-dynload.tar 2.6M

@ python3-ver=python3.11|python3.12|python3.10 3.11.2-6+deb12u3|3.12.3-1ubuntu0.2|3.10.12-1~22.04.6
d Interactive high-level object-oriented language (version {py})
s python
dep python3-ver-minimal libpython3-ver-stdlib media-types
f /usr/bin/pydoc{py} 80

@ libpython3-stdlib 3.11.2-1+b1|3.12.3-0ubuntu2|3.10.6-1~22.04.1
d interactive high-level object-oriented language (default python3 version)
s python
dep libpython3-ver-stdlib

@ python3-minimal 3.11.2-1+b1|3.12.3-0ubuntu2|3.10.6-1~22.04.1
d minimal subset of the Python language (default python3 version)
s python
dep python3-ver-minimal
L /usr/bin/python3 python{py}

@ python3 3.11.2-1+b1|3.12.3-0ubuntu2|3.10.6-1~22.04.1
d interactive high-level object-oriented language (default python3 version)
s python
p optional
dep python3-ver libpython3-stdlib python3-minimal
cmd python3 python{py}
L /usr/bin/pydoc3 pydoc{py}
f /usr/share/python3/debian_defaults 389

@ python3-pkg-resources 66.1.1-1+deb12u1|68.1.2-2ubuntu1.1|59.6.0-1.2ubuntu0.22.04.2
d Package Discovery and Resource Access using pkg_resources
s python
a all
dep python3
f /usr/lib/python3/dist-packages/pkg_resources/__init__.py 107K
f /usr/lib/python3/dist-packages/pkg_resources/_vendor.tar 702K

@ python3-setuptools 66.1.1-1+deb12u1|68.1.2-2ubuntu1.1|59.6.0-1.2ubuntu0.22.04.2
d Python3 Distutils Enhancements
s python
a all
dep python3-pkg-resources python3
f /usr/lib/python3/dist-packages/setuptools/setuptools.tar 3.3M

@ python3-wheel 0.38.4-2|0.42.0-2|0.37.1-2ubuntu0.22.04.1
d built-package format for Python
s python
a all
dep python3
f /usr/lib/python3/dist-packages/wheel/wheel.tar 162K

@ libexpat1-dev 2.5.0-1+deb12u1|2.6.1-2ubuntu0.1|2.4.7-1ubuntu0.4
d XML parsing C library - development kit
s libdevel
dep libexpat1
f /usr/lib/x86_64-linux-gnu/libexpat.a 350K
f /usr/include/expat.h 43K

@ zlib1g-dev 1:1.2.13.dfsg-1|1:1.3.dfsg-3.1ubuntu2.1|1:1.2.11.dfsg-2ubuntu9.2
d compression library - development
s libdevel
f /usr/lib/x86_64-linux-gnu/libz.a 144K
f /usr/include/zlib.h 94K

@ libpython3-ver-dev=libpython3.11-dev|libpython3.12-dev|libpython3.10-dev 3.11.2-6+deb12u3|3.12.3-1ubuntu0.2|3.10.12-1~22.04.6
d Header files and a static library for Python (v{py})
s libdevel
dep libpython3-ver-stdlib libexpat1-dev zlib1g-dev
f /usr/lib/python{py}/config-{py}-x86_64-linux-gnu/libpython{py}.a 22.4M
f /usr/include/python{py}/Python.h 2.8K
f /usr/include/python{py}/headers.tar 1.1M

@ python3-dev 3.11.2-1+b1|3.12.3-0ubuntu2|3.10.6-1~22.04.1
d header files and a static library for Python (default)
s python
dep python3 libpython3-ver-dev libexpat1-dev zlib1g-dev
f /usr/bin/python3-config 56

@ python3-pip 23.0.1+dfsg-1|24.0+dfsg-1ubuntu1|22.0.2+dfsg-1ubuntu0.4
d Python package installer
s python
a all
dep ca-certificates python3-setuptools python3-wheel python3
rec build-essential python3-dev
cmd pip pip3 pip{py}
f /usr/bin/pip 221
f /usr/bin/pip3 221
f /usr/bin/pip{py} 221
f /usr/lib/python3/dist-packages/pip/__init__.py 357
f /usr/lib/python3/dist-packages/pip/_vendor/vendored.tar 7.8M

@ python3-venv 3.11.2-1+b1|3.12.3-0ubuntu2|3.10.6-1~22.04.1
d venv module for python3 (default python3 version)
s python
dep python3
f /usr/lib/python{py}/ensurepip/_bundled/pip.whl 2.1M
"#;
