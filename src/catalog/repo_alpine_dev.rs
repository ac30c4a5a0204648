//! The Alpine repository catalogue, continued: runtimes, compilers and servers.

/// The second half of [`super::repo_alpine::ALPINE`].
pub(crate) const ALPINE_DEV: &str = r#"
@ icu-data-en 74.1-r0|74.2-r0|74.2-r0
d Stripped down ICU data with only en_US/GB locale and no legacy charsets
u https://icu.unicode.org/
l ICU
f /usr/share/icu/74.2/icudt74l.dat 2.75M

@ icu-libs 74.1-r0|74.2-r0|74.2-r0
d International Components for Unicode library (libraries)
u https://icu.unicode.org/
l ICU
dep icu-data-en libgcc libstdc++
f /usr/lib/libicuuc.so.74.2 2.07M
L /usr/lib/libicuuc.so.74 libicuuc.so.74.2
f /usr/lib/libicui18n.so.74.2 3.37M
L /usr/lib/libicui18n.so.74 libicui18n.so.74.2
f /usr/lib/libicudata.so.74.2 14K

@ libgcc 13.2.1_git20231014-r0|13.2.1_git20240309-r0|14.2.0-r4
d GNU C compiler runtime libraries
u https://gcc.gnu.org
l GPL-2.0-or-later AND LGPL-2.1-or-later
f /usr/lib/libgcc_s.so.1 91K

@ libstdc++ 13.2.1_git20231014-r0|13.2.1_git20240309-r0|14.2.0-r4
d GNU C++ standard runtime library
u https://gcc.gnu.org
l GPL-2.0-or-later AND LGPL-2.1-or-later
dep libgcc
f /usr/lib/libstdc++.so.6.0.32 2.53M
L /usr/lib/libstdc++.so.6 libstdc++.so.6.0.32

@ ada-libs 2.7.4-r0|2.7.8-r0|2.9.2-r0
d WHATWG-compliant and fast URL parser written in modern C++
u https://github.com/ada-url/ada
l Apache-2.0 OR MIT
dep libstdc++
f /usr/lib/libada.so.2.7.8 339K

@ simdutf 4.0.8-r0|5.2.8-r0|5.6.4-r0
d Unicode validation and transcoding at billions of characters per second
u https://github.com/simdutf/simdutf
l Apache-2.0 OR MIT
dep libstdc++
f /usr/lib/libsimdutf.so.16 1.19M

@ nodejs 20.15.1-r0|20.15.1-r0|22.11.0-r1
d JavaScript runtime built on V8 engine - LTS version
u https://nodejs.org/
l MIT
dep ca-certificates brotli-libs c-ares icu-libs libgcc libstdc++ nghttp2-libs ada-libs simdutf zlib libssl3 libcrypto3
cmd node
f /usr/bin/node 44.2M
D /usr/lib/node_modules
f /usr/share/doc/nodejs/LICENSE 112K

@ npm 10.2.5-r0|10.8.0-r0|10.9.1-r0
d The package manager for JavaScript
u https://www.npmjs.com/
l Artistic-2.0
dep nodejs
cmd npm npx
f /usr/lib/node_modules/npm/package.json 2.6K
f /usr/lib/node_modules/npm/bin/npm-cli.js 54
f /usr/lib/node_modules/npm/bin/npx-cli.js 3.9K
f /usr/lib/node_modules/npm/lib/npm.js 14K
f /usr/lib/node_modules/npm/node_modules/vendored.tar 8.7M
L /usr/bin/npm ../lib/node_modules/npm/bin/npm-cli.js
L /usr/bin/npx ../lib/node_modules/npm/bin/npx-cli.js

@ nginx 1.24.0-r16|1.26.2-r0|1.26.2-r4
d HTTP and reverse proxy server (stable version)
u https://www.nginx.org/
l BSD-2-Clause
dep pcre2 zlib libssl3 libcrypto3
script pre-install post-install
user nginx 100 101 /var/lib/nginx /sbin/nologin
cmd nginx
f /usr/sbin/nginx 1.29M
t /etc/nginx/nginx.conf NGINX_CONF_ALPINE
t /etc/nginx/http.d/default.conf NGINX_DEFAULT_ALPINE
f /etc/nginx/mime.types 5.2K
f /etc/nginx/fastcgi.conf 1K
f /etc/nginx/fastcgi_params 1K
f /etc/nginx/scgi_params 664
f /etc/nginx/uwsgi_params 664
D /etc/nginx/modules
D /var/lib/nginx 0750 100:101
D /var/lib/nginx/tmp 0700 100:101
D /var/lib/nginx/logs 0755 100:101
D /var/log/nginx 0750 100:101
D /run/nginx 0755 100:101
f /var/lib/nginx/html/index.html 615
f /var/lib/nginx/html/50x.html 497
f /etc/init.d/nginx 2.6K 0755
f /etc/logrotate.d/nginx 168

@ binutils 2.41-r1|2.42-r0|2.43.1-r1
d Tools necessary to build programs
u https://www.gnu.org/software/binutils/
l GPL-2.0-or-later AND GPL-3.0-or-later AND LGPL-2.0-or-later
dep zlib zstd-libs
f /usr/bin/ld.bfd 1.58M
L /usr/bin/ld ld.bfd
f /usr/bin/as 858K
f /usr/bin/ar 67K
f /usr/bin/objdump 548K
f /usr/bin/objcopy 202K
f /usr/bin/nm 67K
f /usr/bin/strip 202K
f /usr/bin/readelf 795K
f /usr/bin/ranlib 67K
f /usr/lib/libbfd-{v}.so 1.66M
f /usr/lib/libopcodes-{v}.so 231K
f /usr/lib/libctf.so.0.0.0 203K
f /usr/lib/libsframe.so.1.0.0 19K

@ gmp 6.3.0-r0|6.3.0-r1|6.3.0-r2
d free library for arbitrary precision arithmetic
u https://gmplib.org/
l LGPL-3.0-or-later OR GPL-2.0-or-later
f /usr/lib/libgmp.so.10.5.0 446K

@ mpfr4 4.2.1-r0|4.2.1-r0|4.2.1-r0
d multiple-precision floating-point library
u https://www.mpfr.org/
l LGPL-3.0-or-later
dep gmp
f /usr/lib/libmpfr.so.6.2.1 2.52M

@ mpc1 1.3.1-r1|1.3.1-r1|1.3.1-r1
d Multiprecision C library
u https://www.multiprecision.org/
l LGPL-3.0-or-later
dep gmp mpfr4
f /usr/lib/libmpc.so.3.3.1 115K

@ isl26 0.26-r1|0.26-r1|0.26-r1
d An Integer Set Library for the Polyhedral Model
u https://libisl.sourceforge.io/
l MIT
dep gmp
f /usr/lib/libisl.so.23.3.0 2.96M

@ libgomp 13.2.1_git20231014-r0|13.2.1_git20240309-r0|14.2.0-r4
d GCC shared-memory parallel programming API library
u https://gcc.gnu.org
l GPL-2.0-or-later AND LGPL-2.1-or-later
f /usr/lib/libgomp.so.1.0.0 299K

@ libatomic 13.2.1_git20231014-r0|13.2.1_git20240309-r0|14.2.0-r4
d GCC Atomic library
u https://gcc.gnu.org
l GPL-2.0-or-later AND LGPL-2.1-or-later
f /usr/lib/libatomic.so.1.2.0 27K

@ gcc 13.2.1_git20231014-r0|13.2.1_git20240309-r0|14.2.0-r4
d The GNU Compiler Collection
u https://gcc.gnu.org
l GPL-2.0-or-later AND LGPL-2.1-or-later
dep binutils gmp isl26 libatomic libgcc libgomp mpc1 mpfr4 zlib zstd-libs
cmd gcc cc c89 c99 x86_64-alpine-linux-musl-gcc
f /usr/bin/gcc 1.04M
L /usr/bin/cc gcc
L /usr/bin/x86_64-alpine-linux-musl-gcc gcc
f /usr/bin/cpp 1.04M
f /usr/bin/c89 428
f /usr/bin/c99 454
f /usr/bin/gcov 1.33M
f /usr/libexec/gcc/x86_64-alpine-linux-musl/{gccv}/cc1 34.1M
f /usr/libexec/gcc/x86_64-alpine-linux-musl/{gccv}/lto1 32.6M
f /usr/libexec/gcc/x86_64-alpine-linux-musl/{gccv}/collect2 568K
f /usr/libexec/gcc/x86_64-alpine-linux-musl/{gccv}/lto-wrapper 1.01M
f /usr/libexec/gcc/x86_64-alpine-linux-musl/{gccv}/liblto_plugin.so 79K
f /usr/lib/gcc/x86_64-alpine-linux-musl/{gccv}/libgcc.a 4.27M
f /usr/lib/gcc/x86_64-alpine-linux-musl/{gccv}/libgcc_eh.a 151K
f /usr/lib/gcc/x86_64-alpine-linux-musl/{gccv}/crtbegin.o 3.2K
f /usr/lib/gcc/x86_64-alpine-linux-musl/{gccv}/crtend.o 1.2K
f /usr/lib/gcc/x86_64-alpine-linux-musl/{gccv}/include/stddef.h 15K
f /usr/lib/gcc/x86_64-alpine-linux-musl/{gccv}/include/intrinsics.tar 3.9M
f /usr/lib/gcc/x86_64-alpine-linux-musl/{gccv}/plugin/include.tar 11.6M

@ libstdc++-dev 13.2.1_git20231014-r0|13.2.1_git20240309-r0|14.2.0-r4
d GNU C++ standard runtime library (development files)
u https://gcc.gnu.org
l GPL-2.0-or-later AND LGPL-2.1-or-later
dep libstdc++
f /usr/lib/libstdc++.a 7.82M
f /usr/include/c++/{gccv}/iostream 3K
f /usr/include/c++/{gccv}/vector 4.3K
f /usr/include/c++/{gccv}/headers.tar 14.3M

@ g++ 13.2.1_git20231014-r0|13.2.1_git20240309-r0|14.2.0-r4
d GNU C++ standard library and compiler
u https://gcc.gnu.org
l GPL-2.0-or-later AND LGPL-2.1-or-later
dep gcc libstdc++-dev musl-dev
cmd g++ c++ x86_64-alpine-linux-musl-g++
f /usr/bin/g++ 1.04M
L /usr/bin/c++ g++
L /usr/bin/x86_64-alpine-linux-musl-g++ g++
f /usr/libexec/gcc/x86_64-alpine-linux-musl/{gccv}/cc1plus 37.2M

@ musl-dev 1.2.4_git20230717-r4|1.2.5-r0|1.2.5-r8
d the musl c library (libc) implementation (development files)
u https://musl.libc.org/
l MIT
dep musl
f /usr/lib/libc.a 2.56M
f /usr/lib/crt1.o 1.5K
f /usr/lib/crti.o 1.1K
f /usr/lib/crtn.o 1K
f /usr/lib/Scrt1.o 1.6K
f /usr/include/stdio.h 6.1K
f /usr/include/stdlib.h 5.1K
f /usr/include/string.h 3.3K
f /usr/include/unistd.h 12K
f /usr/include/headers.tar 3.2M

@ libc-dev 0.7.2-r5|0.7.2-r5|0.7.2-r5
d Meta package to pull in correct libc
u https://alpinelinux.org
l BSD-2-Clause AND BSD-3-Clause
dep musl-dev

@ fortify-headers 1.1-r3|1.1-r3|1.1-r5
d libc-agnostic implementation of FORTIFY_SOURCE
u https://git.2f30.org/fortify-headers/
l 0BSD
f /usr/include/fortify/stdio.h 5K
f /usr/include/fortify/string.h 7.8K

@ make 4.4.1-r2|4.4.1-r2|4.4.1-r2
d GNU make utility to maintain groups of programs
u https://www.gnu.org/software/make
l GPL-3.0-or-later
cmd make
f /usr/bin/make 234K

@ patch 2.7.6-r10|2.7.6-r10|2.7.6-r10
d Utility to apply diffs to files
u https://www.gnu.org/software/patch/patch.html
l GPL-3.0-or-later
f /usr/bin/patch 107K

@ libmagic 5.45-r1|5.45-r1|5.46-r2
d File type identification library
u https://www.darwinsys.com/file/
l BSD-2-Clause
f /usr/lib/libmagic.so.1.0.0 152K
f /usr/share/misc/magic.mgc 8.68M

@ file 5.45-r1|5.45-r1|5.46-r2
d File type identification utility
u https://www.darwinsys.com/file/
l BSD-2-Clause
dep libmagic
f /usr/bin/file 15K

@ build-base 0.5-r3|0.5-r3|0.5-r3
d Meta package for build base
u https://alpinelinux.org
l MIT
dep binutils file fortify-headers g++ gcc libc-dev make patch

@ bash 5.2.21-r0|5.2.26-r0|5.2.37-r0
d The GNU Bourne Again shell
u https://www.gnu.org/software/bash/bash.html
l GPL-3.0-or-later
dep readline libncursesw
script post-install pre-deinstall
f /bin/bash 1.22M
x /etc/bash/bashrc # /etc/bash/bashrc\nif [ -f /etc/bash/bash_completion.sh ]; then . /etc/bash/bash_completion.sh; fi\nPS1='\\h:\\w\\$ '\n

@ xxd 9.0.2127-r0|9.1.0414-r0|9.1.1105-r0
d Tool for creating hex dumps or converting them back
u https://www.vim.org/
l Vim
f /usr/bin/xxd 19K

@ vim-common 9.0.2127-r0|9.1.0414-r0|9.1.1105-r0
d Vi Improved, a highly configurable text editor (common files)
u https://www.vim.org/
l Vim
f /usr/share/vim/vim91/defaults.vim 4.6K
f /usr/share/vim/vim91/syntax/syntax.tar 7.8M
f /usr/share/vim/vim91/doc/doc.tar 6.9M
f /usr/share/vim/vim91/ftplugin/ftplugin.tar 1.9M
f /usr/share/vim/vim91/autoload/autoload.tar 2.6M
x /etc/vim/vimrc " vimrc for Alpine\nset nocompatible\n

@ vim 9.0.2127-r0|9.1.0414-r0|9.1.1105-r0
d Improved vi-style text editor
u https://www.vim.org/
l Vim
dep libncursesw vim-common xxd
cmd vim view vimdiff
f /usr/bin/vim 3.59M
L /usr/bin/view vim
L /usr/bin/vimdiff vim
L /usr/bin/rview vim
L /usr/bin/ex vim

@ openssl 3.1.7-r0|3.3.2-r0|3.3.2-r4
d Toolkit for Transport Layer Security (TLS)
u https://www.openssl.org/
l Apache-2.0
dep libcrypto3 libssl3
cmd openssl
f /usr/bin/openssl 905K

@ tzdata 2024a-r0|2024b-r0|2024b-r1
d Timezone data
u https://www.iana.org/time-zones
l Public-Domain
f /usr/share/zoneinfo/Etc/UTC 114
L /usr/share/zoneinfo/UTC Etc/UTC
f /usr/share/zoneinfo/Europe/London 1.6K
f /usr/share/zoneinfo/Europe/Paris 1.1K
f /usr/share/zoneinfo/America/New_York 1.7K
f /usr/share/zoneinfo/Asia/Tokyo 213
f /usr/share/zoneinfo/zone1970.tab 17K
f /usr/share/zoneinfo/tzdata.zi 107K
f /usr/share/zoneinfo/all-zones.tar 1.37M
f /usr/bin/zdump 23K
f /usr/sbin/zic 55K

@ oniguruma 6.9.9-r0|6.9.9-r0|6.9.9-r0
d a regular expressions library
u https://github.com/kkos/oniguruma
l BSD-2-Clause
f /usr/lib/libonig.so.5.4.0 475K
L /usr/lib/libonig.so.5 libonig.so.5.4.0

@ jq 1.7.1-r0|1.7.1-r0|1.7.1-r0
d A lightweight and flexible command-line JSON processor
u https://jqlang.github.io/jq/
l MIT
dep oniguruma
cmd jq
f /usr/bin/jq 299K
f /usr/lib/libjq.so.1.0.4 351K

@ java-common 0.5-r0|0.5-r0|0.5-r0
d Java common (updates java links)
u https://git.alpinelinux.org/aports/
l GPL-2.0-or-later
L /usr/bin/java ../lib/jvm/default-jvm/bin/java
L /usr/bin/keytool ../lib/jvm/default-jvm/bin/keytool

@ java-cacerts 1.0-r1|1.0-r1|1.0-r1
d Script to update java cacerts store
u https://git.alpinelinux.org/aports/
l GPL-2.0-or-later
dep ca-certificates
f /etc/ca-certificates/update.d/java-cacerts 1K 0755
f /etc/ssl/certs/java/cacerts 165K

@ openjdk17-jre-headless 17.0.12_p7-r0|17.0.12_p7-r0|17.0.13_p11-r0
d OpenJDK 17 Java Runtime (headless)
u https://github.com/openjdk/jdk17u
l GPL-2.0-only WITH Classpath-exception-2.0
dep java-common java-cacerts libffi zlib
cmd java keytool
L /usr/lib/jvm/default-jvm java-17-openjdk
f /usr/lib/jvm/java-17-openjdk/bin/java 15K
f /usr/lib/jvm/java-17-openjdk/bin/keytool 15K
f /usr/lib/jvm/java-17-openjdk/lib/modules 128.4M
f /usr/lib/jvm/java-17-openjdk/lib/server/libjvm.so 21.9M
f /usr/lib/jvm/java-17-openjdk/lib/server/classes.jsa 13.7M
f /usr/lib/jvm/java-17-openjdk/lib/libjava.so 180K
f /usr/lib/jvm/java-17-openjdk/lib/libnet.so 108K
f /usr/lib/jvm/java-17-openjdk/lib/libzip.so 43K
f /usr/lib/jvm/java-17-openjdk/lib/other-libs.tar 9.6M
f /usr/lib/jvm/java-17-openjdk/conf/security/java.security 58K
L /usr/lib/jvm/java-17-openjdk/lib/security/cacerts /etc/ssl/certs/java/cacerts

@ openjdk17-jdk 17.0.12_p7-r0|17.0.12_p7-r0|17.0.13_p11-r0
d OpenJDK 17 Development Kit
u https://github.com/openjdk/jdk17u
l GPL-2.0-only WITH Classpath-exception-2.0
dep openjdk17-jre-headless
cmd javac jar
f /usr/lib/jvm/java-17-openjdk/bin/javac 15K
f /usr/lib/jvm/java-17-openjdk/bin/jar 15K
f /usr/lib/jvm/java-17-openjdk/jmods/jmods.tar 71.3M
L /usr/bin/javac ../lib/jvm/default-jvm/bin/javac
L /usr/bin/jar ../lib/jvm/default-jvm/bin/jar

@ openjdk17 17.0.12_p7-r0|17.0.12_p7-r0|17.0.13_p11-r0
d OpenJDK 17
u https://github.com/openjdk/jdk17u
l GPL-2.0-only WITH Classpath-exception-2.0
dep openjdk17-jdk

@ lz4-libs 1.9.4-r5|1.9.4-r5|1.10.0-r0
d LZ4 is lossless compression algorithm with fast decoder @ multiple GB/s per core. (libraries)
u https://github.com/lz4/lz4
l BSD-2-Clause AND GPL-2.0-only
f /usr/lib/liblz4.so.1.9.4 131K
L /usr/lib/liblz4.so.1 liblz4.so.1.9.4

@ libpq 16.4-r0|16.4-r0|17.2-r0
d PostgreSQL client library
u https://www.postgresql.org/
l PostgreSQL
dep libssl3 libcrypto3
f /usr/lib/libpq.so.5.16 338K
L /usr/lib/libpq.so.5 libpq.so.5.16

@ postgresql-common 1.2-r0|1.2-r1|1.2-r1
d Common files for PostgreSQL
u https://www.postgresql.org/
l MIT
f /usr/bin/pg_versions 3.8K 0755

@ postgresql16-client 16.4-r0|16.4-r0|16.6-r0
d PostgreSQL client
u https://www.postgresql.org/
l PostgreSQL
dep libpq lz4-libs readline zstd-libs postgresql-common
cmd psql pg_dump pg_restore
f /usr/libexec/postgresql16/psql 705K
f /usr/libexec/postgresql16/pg_dump 457K
f /usr/libexec/postgresql16/pg_restore 207K
f /usr/libexec/postgresql16/pg_dumpall 135K
L /usr/bin/psql ../libexec/postgresql16/psql
L /usr/bin/pg_dump ../libexec/postgresql16/pg_dump
L /usr/bin/pg_restore ../libexec/postgresql16/pg_restore

@ postgresql-client 16-r0|16-r0|16-r0
d PostgreSQL client (default version)
u https://www.postgresql.org/
l PostgreSQL
dep postgresql16-client

@ tini 0.19.0-r2|0.19.0-r3|0.19.0-r3
d A tiny but valid init for containers
u https://github.com/krallin/tini
l MIT
cmd tini
f /sbin/tini 39K

@ su-exec 0.2-r3|0.2-r3|0.2-r3
d switch user and group id, setgroups and exec
u https://github.com/ncopa/su-exec
l MIT
f /sbin/su-exec 10K

@ go 1.21.13-r0|1.22.7-r0|1.23.4-r0
d Go programming language compiler
u https://go.dev/
l BSD-3-Clause
dep binutils
cmd go gofmt
f /usr/lib/go/bin/go 14.6M
f /usr/lib/go/bin/gofmt 3.3M
L /usr/bin/go ../lib/go/bin/go
L /usr/bin/gofmt ../lib/go/bin/gofmt
f /usr/lib/go/pkg/tool/linux_amd64/compile 20.1M
f /usr/lib/go/pkg/tool/linux_amd64/link 7.2M
f /usr/lib/go/pkg/tool/linux_amd64/asm 4.3M
f /usr/lib/go/pkg/tool/linux_amd64/vet 7.9M
f /usr/lib/go/pkg/tool/linux_amd64/cgo 4.1M
f /usr/lib/go/src/src.tar 128.8M
f /usr/lib/go/VERSION 42
f /usr/lib/go/go.env 391
"#;
