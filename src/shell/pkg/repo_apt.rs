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

@ libc-ares2 1.18.1-3|1.27.0-1.0ubuntu1|1.18.1-1ubuntu0.22.04.3
d asynchronous name resolver
s libs
f /usr/lib/x86_64-linux-gnu/libcares.so.2.5.1 103K

@ libicu72|libicu74|libicu70 72.1-3|74.2-1ubuntu3.1|70.1-2
d International Components for Unicode
s libs
f /usr/lib/x86_64-linux-gnu/libicudata.so.72.1 30.4M
f /usr/lib/x86_64-linux-gnu/libicui18n.so.72.1 3.42M
f /usr/lib/x86_64-linux-gnu/libicuuc.so.72.1 2.05M

@ libuv1|libuv1t64|libuv1 1.44.2-1|1.48.0-1.1build1|1.43.0-1ubuntu0.1
d asynchronous event notification library - runtime library
s libs
f /usr/lib/x86_64-linux-gnu/libuv.so.1.0.0 163K

@ libnode108|libnode109|libnode72 18.19.0+dfsg-6~deb12u2|18.19.1+dfsg-6ubuntu5|12.22.9~dfsg-1ubuntu3.6
d evented I/O for V8 javascript - runtime library
s libs
dep libc-ares2 libicu72 libuv1 libbrotli1 libnghttp2-14 libssl3 zlib1g
f /usr/lib/x86_64-linux-gnu/libnode.so.108 44.6M
f /usr/share/nodejs/acorn/dist/acorn.js 221K

@ nodejs 18.19.0+dfsg-6~deb12u2|18.19.1+dfsg-6ubuntu5|12.22.9~dfsg-1ubuntu3.6
d evented I/O for V8 javascript - runtime executable
s javascript
dep libnode108
rec ca-certificates nodejs-doc
cmd node nodejs
f /usr/bin/node 15K
L /usr/bin/nodejs node

@ nodejs-doc 18.19.0+dfsg-6~deb12u2|18.19.1+dfsg-6ubuntu5|12.22.9~dfsg-1ubuntu3.6
d API documentation for Node.js, the javascript platform
s doc
a all
f /usr/share/doc/nodejs/api/api.tar 11.2M

@ npm 9.2.0~ds1-1|9.2.0~ds1-2|8.5.1~ds-1
d package manager for Node.js
s javascript
a all
dep nodejs
cmd npm npx
f /usr/share/nodejs/npm/package.json 2.4K
f /usr/share/nodejs/npm/bin/npm-cli.js 54
f /usr/share/nodejs/npm/bin/npx-cli.js 3.9K
f /usr/share/nodejs/npm/node_modules.tar 31.6M
L /usr/bin/npm ../share/nodejs/npm/bin/npm-cli.js
L /usr/bin/npx ../share/nodejs/npm/bin/npx-cli.js

@ nginx-common 1.22.1-9|1.24.0-2ubuntu7.1|1.18.0-6ubuntu14.4
d small, powerful, scalable web/proxy server - common files
s httpd
a all
t /etc/nginx/nginx.conf NGINX_CONF_DEBIAN
t /etc/nginx/sites-available/default NGINX_DEFAULT_DEBIAN
L /etc/nginx/sites-enabled/default /etc/nginx/sites-available/default
f /etc/nginx/mime.types 5.2K
f /etc/nginx/fastcgi.conf 1K
f /etc/nginx/fastcgi_params 1K
f /etc/nginx/snippets/fastcgi-php.conf 423
D /etc/nginx/conf.d
D /etc/nginx/modules-enabled
f /usr/share/nginx/html/index.html 615
f /var/www/html/index.nginx-debian.html 615
D /var/log/nginx 0755 33:4
D /var/lib/nginx
f /etc/logrotate.d/nginx 329
f /etc/init.d/nginx 4.5K 0755

@ nginx 1.22.1-9|1.24.0-2ubuntu7.1|1.18.0-6ubuntu14.4
d small, powerful, scalable web/proxy server
s httpd
dep nginx-common libpcre2-8-0 libssl3 zlib1g
cmd nginx
f /usr/sbin/nginx 1.31M

@ binutils-common 2.40-2|2.42-4ubuntu2.3|2.38-4ubuntu2.6
d Common files for the GNU assembler, linker and binary utilities
s devel
f /usr/lib/x86_64-linux-gnu/ldscripts/ldscripts.tar 1.2M

@ libbinutils 2.40-2|2.42-4ubuntu2.3|2.38-4ubuntu2.6
d GNU binary utilities (private shared library)
s devel
dep binutils-common
f /usr/lib/x86_64-linux-gnu/libbfd-2.40-system.so 1.86M
f /usr/lib/x86_64-linux-gnu/libopcodes-2.40-system.so 263K
f /usr/lib/x86_64-linux-gnu/libctf.so.0.0.0 236K
f /usr/lib/x86_64-linux-gnu/libgprofng.so.0.0.0 3.48M
f /usr/lib/x86_64-linux-gnu/libsframe.so.0.0.0 19K
f /usr/lib/x86_64-linux-gnu/libjansson.so.4.14.0 59K

@ binutils 2.40-2|2.42-4ubuntu2.3|2.38-4ubuntu2.6
d GNU assembler, linker and binary utilities
s devel
dep binutils-common libbinutils
f /usr/bin/x86_64-linux-gnu-ld.bfd 1.67M
L /usr/bin/ld x86_64-linux-gnu-ld
L /usr/bin/x86_64-linux-gnu-ld x86_64-linux-gnu-ld.bfd
f /usr/bin/x86_64-linux-gnu-ld.gold 2.55M
f /usr/bin/x86_64-linux-gnu-as 911K
L /usr/bin/as x86_64-linux-gnu-as
f /usr/bin/x86_64-linux-gnu-objdump 471K
L /usr/bin/objdump x86_64-linux-gnu-objdump
f /usr/bin/x86_64-linux-gnu-readelf 811K
f /usr/bin/x86_64-linux-gnu-ar 55K
L /usr/bin/ar x86_64-linux-gnu-ar
f /usr/bin/x86_64-linux-gnu-strip 199K
L /usr/bin/strip x86_64-linux-gnu-strip
f /usr/bin/x86_64-linux-gnu-gprofng 143K

@ libisl23 0.25-1.1|0.26-3build1|0.24-2build1
d manipulating sets and relations of integer points bounded by linear constraints
s libs
f /usr/lib/x86_64-linux-gnu/libisl.so.23.2.0 2.56M

@ libmpfr6 4.2.0-1|4.2.1-1build1|4.1.0-3build3
d multiple precision floating-point computation
s libs
f /usr/lib/x86_64-linux-gnu/libmpfr.so.6.2.0 1.3M

@ libmpc3 1.3.1-1|1.3.1-1build1|1.2.1-2build1
d multiple precision complex floating-point library
s libs
dep libmpfr6
f /usr/lib/x86_64-linux-gnu/libmpc.so.3.3.1 115K

@ cpp-ver=cpp-12|cpp-13|cpp-11 12.2.0-14|13.2.0-23ubuntu4|11.4.0-1ubuntu1~22.04
d GNU C preprocessor
s interpreters
dep libisl23 libmpc3 libmpfr6
f /usr/bin/x86_64-linux-gnu-cpp-{gccv} 1.15M
f /usr/libexec/gcc/x86_64-linux-gnu/{gccv}/cc1 33.9M

@ cpp 4:12.2.0-3|4:13.2.0-7ubuntu1|4:11.2.0-1ubuntu1
d GNU C preprocessor (cpp)
s interpreters
dep cpp-ver
L /usr/bin/cpp x86_64-linux-gnu-cpp-{gccv}

@ libgcc-ver-dev=libgcc-12-dev|libgcc-13-dev|libgcc-11-dev 12.2.0-14|13.2.0-23ubuntu4|11.4.0-1ubuntu1~22.04
d GCC support library (development files)
s libdevel
f /usr/lib/gcc/x86_64-linux-gnu/{gccv}/libgcc.a 4.72M
f /usr/lib/gcc/x86_64-linux-gnu/{gccv}/libgcc_eh.a 233K
f /usr/lib/gcc/x86_64-linux-gnu/{gccv}/crtbegin.o 2.7K
f /usr/lib/x86_64-linux-gnu/libasan.so.8.0.0 7.78M
f /usr/lib/x86_64-linux-gnu/libtsan.so.2.0.0 7.1M
f /usr/lib/x86_64-linux-gnu/libubsan.so.1.0.0 2.26M
f /usr/lib/x86_64-linux-gnu/liblsan.so.0.0.0 2.76M
f /usr/lib/x86_64-linux-gnu/libhwasan.so.0.0.0 2.58M
f /usr/lib/x86_64-linux-gnu/libgomp.so.1.0.0 307K
f /usr/lib/x86_64-linux-gnu/libitm.so.1.0.0 119K
f /usr/lib/x86_64-linux-gnu/libquadmath.so.0.0.0 269K
f /usr/lib/x86_64-linux-gnu/libatomic.so.1.2.0 27K
f /usr/lib/gcc/x86_64-linux-gnu/{gccv}/include/intrinsics.tar 4.3M

@ gcc-ver=gcc-12|gcc-13|gcc-11 12.2.0-14|13.2.0-23ubuntu4|11.4.0-1ubuntu1~22.04
d GNU C compiler
s devel
dep cpp-ver libgcc-ver-dev binutils
f /usr/bin/x86_64-linux-gnu-gcc-{gccv} 1.15M
L /usr/bin/gcc-{gccv} x86_64-linux-gnu-gcc-{gccv}
f /usr/libexec/gcc/x86_64-linux-gnu/{gccv}/lto1 32.1M
f /usr/libexec/gcc/x86_64-linux-gnu/{gccv}/collect2 587K
f /usr/libexec/gcc/x86_64-linux-gnu/{gccv}/lto-wrapper 1.07M
f /usr/libexec/gcc/x86_64-linux-gnu/{gccv}/liblto_plugin.so 79K
f /usr/bin/x86_64-linux-gnu-gcov-{gccv} 1.38M

@ gcc 4:12.2.0-3|4:13.2.0-7ubuntu1|4:11.2.0-1ubuntu1
d GNU C compiler
s devel
dep cpp gcc-ver
cmd gcc cc x86_64-linux-gnu-gcc
L /usr/bin/gcc gcc-{gccv}
L /usr/bin/x86_64-linux-gnu-gcc gcc-{gccv}
L /usr/bin/cc /etc/alternatives/cc
L /etc/alternatives/cc /usr/bin/gcc

@ linux-libc-dev 6.1.106-3|6.8.0-45.45|5.15.0-122.132
d Linux support headers for userspace development
s devel
f /usr/include/linux/headers.tar 6.7M
f /usr/include/asm-generic/headers.tar 420K

@ libcrypt-dev 1:4.4.33-2|1:4.4.36-4build1|1:4.4.27-1
d libcrypt development files
s libdevel
f /usr/lib/x86_64-linux-gnu/libcrypt.a 346K
f /usr/include/crypt.h 8.7K

@ libc6-dev 2.36-9+deb12u8|2.39-0ubuntu8.3|2.35-0ubuntu3.8
d GNU C Library: Development Libraries and Header Files
s libdevel
dep libcrypt-dev linux-libc-dev
f /usr/lib/x86_64-linux-gnu/libc.a 5.96M
f /usr/lib/x86_64-linux-gnu/libc_nonshared.a 50K
f /usr/lib/x86_64-linux-gnu/libm.a 3.9M
f /usr/lib/x86_64-linux-gnu/crt1.o 2.5K
f /usr/lib/x86_64-linux-gnu/Scrt1.o 2.4K
f /usr/include/stdio.h 31K
f /usr/include/stdlib.h 36K
f /usr/include/unistd.h 43K
f /usr/include/headers.tar 4.9M

@ libstdc++-ver-dev=libstdc++-12-dev|libstdc++-13-dev|libstdc++-11-dev 12.2.0-14|13.2.0-23ubuntu4|11.4.0-1ubuntu1~22.04
d GNU Standard C++ Library v3 (development files)
s libdevel
dep libgcc-ver-dev libc6-dev
f /usr/lib/gcc/x86_64-linux-gnu/{gccv}/libstdc++.a 6.51M
f /usr/lib/gcc/x86_64-linux-gnu/{gccv}/libsupc++.a 878K
f /usr/include/c++/{gccv}/iostream 3.1K
f /usr/include/c++/{gccv}/vector 4.4K
f /usr/include/c++/{gccv}/headers.tar 15.3M

@ g++-ver=g++-12|g++-13|g++-11 12.2.0-14|13.2.0-23ubuntu4|11.4.0-1ubuntu1~22.04
d GNU C++ compiler
s devel
dep gcc-ver libstdc++-ver-dev
f /usr/bin/x86_64-linux-gnu-g++-{gccv} 1.15M
L /usr/bin/g++-{gccv} x86_64-linux-gnu-g++-{gccv}
f /usr/libexec/gcc/x86_64-linux-gnu/{gccv}/cc1plus 36.4M

@ g++ 4:12.2.0-3|4:13.2.0-7ubuntu1|4:11.2.0-1ubuntu1
d GNU C++ compiler
s devel
dep cpp gcc g++-ver
cmd g++ c++
L /usr/bin/g++ g++-{gccv}
L /usr/bin/c++ /etc/alternatives/c++
L /etc/alternatives/c++ /usr/bin/g++

@ make 4.3-4.1|4.3-4.1build2|4.3-4.1build1
d utility for directing compilation
s devel
cmd make
f /usr/bin/make 235K
L /usr/bin/gmake make

@ xz-utils 5.4.1-0.2|5.6.1+really5.4.5-1build0.1|5.2.5-2ubuntu1
d XZ-format compression utilities
s utils
f /usr/bin/xz 87K
L /usr/bin/unxz xz
L /usr/bin/xzcat xz

@ bzip2 1.0.8-5+b1|1.0.8-5.1|1.0.8-5build1
d high-quality block-sorting file compressor - utilities
s utils
f /usr/bin/bzip2 39K
L /usr/bin/bunzip2 bzip2
L /usr/bin/bzcat bzip2

@ libdpkg-perl 1.21.22|1.22.6ubuntu6.1|1.21.1ubuntu2.3
d Dpkg perl modules
s perl
a all
dep perl
f /usr/share/perl5/Dpkg/modules.tar 1.62M

@ dpkg-dev 1.21.22|1.22.6ubuntu6.1|1.21.1ubuntu2.3
d Debian package development tools
s utils
a all
dep binutils bzip2 libdpkg-perl make patch xz-utils
f /usr/bin/dpkg-buildpackage 31K
f /usr/bin/dpkg-source 21K
f /usr/bin/dpkg-architecture 13K
f /usr/share/dpkg/dev-tools.tar 1.5M

@ build-essential 12.9|12.10ubuntu1|12.9ubuntu3
d Informational list of build-essential packages
s devel
dep libc6-dev gcc g++ make dpkg-dev

@ libgpm2 1.20.7-10+b1|1.20.7-11|1.20.7-10build1
d General Purpose Mouse - shared library
s libs
f /usr/lib/x86_64-linux-gnu/libgpm.so.2 27K

@ libsodium23 1.0.18-1|1.0.18-1build3|1.0.18-1build2
d Network communication, cryptography and signaturing library
s libs
f /usr/lib/x86_64-linux-gnu/libsodium.so.23.3.0 355K

@ vim-common 2:9.0.1378-2|2:9.1.0016-1ubuntu7.2|2:8.2.3995-1ubuntu2.19
d Vi IMproved - Common files
s editors
a all
x /etc/vim/vimrc " All system-wide defaults are set in $VIMRUNTIME/debian.vim\nruntime! debian.vim\n
f /usr/share/vim/vimfiles.tar 12K

@ vim-runtime 2:9.0.1378-2|2:9.1.0016-1ubuntu7.2|2:8.2.3995-1ubuntu2.19
d Vi IMproved - Runtime files
s editors
a all
f /usr/share/vim/vim90/defaults.vim 4.6K
f /usr/share/vim/vim90/syntax/syntax.tar 8.9M
f /usr/share/vim/vim90/doc/doc.tar 9.6M
f /usr/share/vim/vim90/other-runtime.tar 17.1M

@ vim 2:9.0.1378-2|2:9.1.0016-1ubuntu7.2|2:8.2.3995-1ubuntu2.19
d Vi IMproved - enhanced vi editor
s editors
dep vim-common vim-runtime libgpm2 libsodium23
cmd vim vi
f /usr/bin/vim.basic 3.82M
L /usr/bin/vim /etc/alternatives/vim
L /etc/alternatives/vim /usr/bin/vim.basic

@ tzdata 2024a-0+deb12u1|2024a-3ubuntu1.1|2024a-0ubuntu0.22.04.1
d time zone and daylight-saving time data
s localization
a all
dep debconf
f /usr/share/zoneinfo/Etc/UTC 114
L /usr/share/zoneinfo/UTC Etc/UTC
f /usr/share/zoneinfo/Europe/London 3.6K
f /usr/share/zoneinfo/America/New_York 3.5K
f /usr/share/zoneinfo/zone1970.tab 17K
f /usr/share/zoneinfo/tzdata.zi 107K
f /usr/share/zoneinfo/posix.tar 1.1M
f /usr/share/zoneinfo/right.tar 1.9M

@ libonig5 6.9.8-1|6.9.9-1build1|6.9.7.1-2build1
d regular expressions library
s libs
f /usr/lib/x86_64-linux-gnu/libonig.so.5.3.0 560K

@ libjq1 1.6-2.1|1.7.1-3build1|1.6-2.1ubuntu3
d lightweight and flexible command-line JSON processor - shared library
s libs
dep libonig5
f /usr/lib/x86_64-linux-gnu/libjq.so.1.0.4 331K

@ jq 1.6-2.1|1.7.1-3build1|1.6-2.1ubuntu3
d lightweight and flexible command-line JSON processor
s utils
dep libjq1
cmd jq
f /usr/bin/jq 31K

@ java-common 0.74|0.75+exp1|0.72build2
d Base package for Java runtimes
s java
a all
f /usr/share/java/java_defaults.mk 387

@ ca-certificates-java 20230710~deb12u1|20240118|20190909ubuntu1.2
d Common CA certificates (JKS keystore)
s java
a all
dep ca-certificates
f /etc/ssl/certs/java/cacerts 160K

@ openjdk-17-jre-headless 17.0.12+7-2~deb12u1|17.0.12+7-1ubuntu2~24.04|17.0.12+7-1ubuntu2~22.04
d OpenJDK Java runtime, using Hotspot JIT (headless)
s java
dep java-common ca-certificates-java libcups2
cmd java keytool
f /usr/lib/jvm/java-17-openjdk-amd64/bin/java 15K
f /usr/lib/jvm/java-17-openjdk-amd64/bin/keytool 15K
f /usr/lib/jvm/java-17-openjdk-amd64/lib/modules 131.6M
f /usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so 22.8M
f /usr/lib/jvm/java-17-openjdk-amd64/lib/server/classes.jsa 14.1M
f /usr/lib/jvm/java-17-openjdk-amd64/lib/other-libs.tar 10.9M
L /usr/bin/java /etc/alternatives/java
L /etc/alternatives/java /usr/lib/jvm/java-17-openjdk-amd64/bin/java
L /usr/bin/keytool /etc/alternatives/keytool
L /etc/alternatives/keytool /usr/lib/jvm/java-17-openjdk-amd64/bin/keytool

@ libcups2|libcups2t64|libcups2 2.4.2-3+deb12u7|2.4.7-1.2ubuntu7.3|2.4.1op1-1ubuntu4.10
d Common UNIX Printing System(tm) - Core library
s libs
f /usr/lib/x86_64-linux-gnu/libcups.so.2 655K

@ default-jre-headless 2:1.17-74|2:1.21-75+exp1|2:1.11-72build2
d Standard Java or Java compatible Runtime (headless)
s interpreters
dep openjdk-17-jre-headless

@ libpq5 15.8-0+deb12u1|16.4-0ubuntu0.24.04.2|14.13-0ubuntu0.22.04.1
d PostgreSQL C client library
s libs
dep libssl3 libgssapi-krb5-2 libldap-2.5-0
f /usr/lib/x86_64-linux-gnu/libpq.so.5.{pgv} 336K

@ postgresql-client-common 248|257build1.1|238
d manager for multiple PostgreSQL client versions
s database
a all
f /usr/share/postgresql-common/pg_wrapper 8.2K 0755
L /usr/bin/psql ../share/postgresql-common/pg_wrapper
L /usr/bin/pg_dump ../share/postgresql-common/pg_wrapper

@ postgresql-client-ver=postgresql-client-15|postgresql-client-16|postgresql-client-14 15.8-0+deb12u1|16.4-0ubuntu0.24.04.2|14.13-0ubuntu0.22.04.1
d front-end programs for PostgreSQL {pgv}
s database
dep libpq5 postgresql-client-common libreadline8 libedit2 libzstd1 liblz4-1
cmd psql pg_dump pg_restore
f /usr/lib/postgresql/{pgv}/bin/psql 678K
f /usr/lib/postgresql/{pgv}/bin/pg_dump 432K
f /usr/lib/postgresql/{pgv}/bin/pg_restore 196K
f /usr/lib/postgresql/{pgv}/bin/pg_dumpall 131K

@ postgresql-client 15+248|16+257build1.1|14+238
d front-end programs for PostgreSQL (supported version)
s database
a all
dep postgresql-client-ver

@ tini 0.19.0-1|0.19.0-1build3|0.19.0-1
d tiny but valid init for containers
s admin
cmd tini
f /usr/bin/tini 31K
f /usr/bin/tini-static 808K

@ unzip 6.0-28|6.0-28ubuntu4.1|6.0-26ubuntu3.2
d De-archiver for .zip files
s utils
f /usr/bin/unzip 183K
f /usr/bin/funzip 39K
f /usr/bin/zipinfo 183K

@ libproc2-0|libproc2-0|libprocps8 2:4.0.2-3|2:4.0.4-4ubuntu3.2|2:3.3.17-6ubuntu2.1
d library for accessing process information from /proc
s libs
f /usr/lib/x86_64-linux-gnu/libproc2.so.0.0.1 103K

@ procps 2:4.0.2-3|2:4.0.4-4ubuntu3.2|2:3.3.17-6ubuntu2.1
d /proc file system utilities
s admin
p important
dep libproc2-0 libncursesw6
f /usr/bin/ps 143K
f /usr/bin/top 131K
f /usr/bin/free 27K
f /usr/bin/pgrep 35K
L /usr/bin/pkill pgrep
f /usr/bin/watch 31K
f /usr/bin/uptime 15K
f /usr/bin/vmstat 39K

@ sudo 1.9.13p3-1+deb12u1|1.9.15p5-3ubuntu5|1.9.9-1ubuntu2.4
d Provide limited super user privileges to specific users
s admin
dep libpam0g libpam-modules libaudit1
f /usr/bin/sudo 275K 04755
f /usr/lib/sudo/sudoers.so 382K
x /etc/sudoers Defaults\tenv_reset\nDefaults\tmail_badpass\nDefaults\tsecure_path=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\nroot\tALL=(ALL:ALL) ALL\n%sudo\tALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n
D /etc/sudoers.d 0750

@ golang-src-ver=golang-1.19-src|golang-1.22-src|golang-1.18-src 1.19.8-2|1.22.2-2ubuntu0.3|1.18.1-1ubuntu1.2
d Go programming language - source files
s golang
a all
f /usr/share/go-{gov}/src/src.tar 91.8M

@ golang-ver-go=golang-1.19-go|golang-1.22-go|golang-1.18-go 1.19.8-2|1.22.2-2ubuntu0.3|1.18.1-1ubuntu1.2
d Go programming language compiler, linker, compiled stdlib
s golang
dep golang-src-ver
cmd go gofmt
f /usr/lib/go-{gov}/bin/go 14.1M
f /usr/lib/go-{gov}/bin/gofmt 3.3M
f /usr/lib/go-{gov}/pkg/tool/linux_amd64/compile 19.6M
f /usr/lib/go-{gov}/pkg/tool/linux_amd64/link 6.9M
f /usr/lib/go-{gov}/pkg/tool/linux_amd64/other-tools.tar 24.2M
f /usr/lib/go-{gov}/pkg/linux_amd64/std.tar 48.3M

@ golang-go 2:1.19~1|2:1.22~2build1|2:1.18~0ubuntu2
d Go programming language compiler, linker, compiled stdlib
s golang
dep golang-ver-go
L /usr/bin/go ../lib/go-{gov}/bin/go
L /usr/bin/gofmt ../lib/go-{gov}/bin/gofmt
"#;
