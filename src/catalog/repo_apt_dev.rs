//! The Debian / Ubuntu archive catalogue, continued: runtimes, compilers and servers.

/// The second half of [`super::repo_apt::APT`].
pub(crate) const APT_DEV: &str = r#"
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
