//! Source trees of the release tarballs the simulated network serves: redis (a top-level
//! Makefile delegating to `src/Makefile`, as the real one does), nginx (its own `configure`
//! writing `objs/Makefile`), Python and any `NAME-VERSION.tar.gz` (an autoconf-style
//! `configure` turning `Makefile.in` into `Makefile`). Source files are generated text
//! (deterministic per release); each tree defines its version the way the real one does
//! (`src/version.h`, `src/core/nginx.h`, `Include/patchlevel.h`, `config.h`), which the
//! simulated compiler carries into the binaries it links.

use super::artifacts::Rng;
use super::net::{seed_of, Url};

/// A source tree to pack as `TOP/…`.
#[derive(Clone, Debug)]
pub struct SourceTree {
    /// The top directory (`redis-5.0.3`).
    pub top: String,
    /// Files: path below `top`, bytes, mode.
    pub files: Vec<(String, Vec<u8>, u32)>,
    /// The real archive's size, which padding approaches.
    pub gz_size: u64,
    /// Modification time of the entries.
    pub mtime: u64,
    /// Where the padding file goes (a binary test fixture of the real tree).
    pub pad_path: &'static str,
}

/// The source tree `url` names, if it names a source release.
pub fn source_tree(url: &Url) -> Option<SourceTree> {
    let name = url.file_name();
    let stem = name.strip_suffix(".tar.gz").or_else(|| name.strip_suffix(".tgz"))?;
    let (project, version) = stem.rsplit_once('-')?;
    if !version.starts_with(|c: char| c.is_ascii_digit())
        || !version.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
    {
        return None;
    }
    Some(match project {
        "redis" => redis(version),
        "nginx" => nginx(version),
        "Python" => python(version),
        _ if !project.is_empty() && project.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => {
            generic(project, version)
        }
        _ => return None,
    })
}

/// Generated C: a license block, includes, then functions.
fn c_file(seed: u64, size: usize, includes: &[&str], license: &str) -> Vec<u8> {
    let mut rng = Rng(seed);
    let mut s = format!("/*\n{license}\n */\n\n");
    for i in includes {
        if i.starts_with('<') {
            s.push_str(&format!("#include {i}\n"));
        } else {
            s.push_str(&format!("#include \"{i}\"\n"));
        }
    }
    s.push('\n');
    while s.len() < size {
        let (a, b, c) = (rng.next_u64() as u32, rng.next_u64() as u32, rng.next_u64() % 97);
        s.push_str(&format!(
            "/* Return the combined state of the two values. The caller owns the result. */\nstatic int state_{a:08x}(int value, int flags) {{\n    if (flags & 0x{b:08x}) return value * {c};\n    return value ^ flags;\n}}\n\n"
        ));
    }
    s.into_bytes()
}

fn text_file(seed: u64, size: usize, line: &str) -> Vec<u8> {
    let mut rng = Rng(seed);
    let mut s = String::new();
    while s.len() < size {
        s.push_str(&format!("{line} {:06x}\n", rng.next_u64() as u32 & 0xffffff));
    }
    s.into_bytes()
}

const REDIS_LICENSE: &str = " * Copyright (c) 2009-2012, Salvatore Sanfilippo <antirez at gmail dot com>\n * All rights reserved.\n *\n * Redistribution and use in source and binary forms, with or without\n * modification, are permitted provided that the following conditions are met:\n *\n *   * Redistributions of source code must retain the above copyright notice,\n *     this list of conditions and the following disclaimer.";

/// Objects of redis-server (`REDIS_SERVER_OBJ` of redis 5.0's `src/Makefile`).
const REDIS_SERVER_OBJ: &str = "adlist quicklist ae anet dict server sds zmalloc lzf_c lzf_d pqsort zipmap sha1 ziplist release networking util object db replication rdb t_string t_list t_set t_zset t_hash config aof pubsub multi debug sort intset syncio cluster crc16 endianconv slowlog scripting bio rio rand memtest crc64 bitops sentinel notify setproctitle blocked hyperloglog latency sparkline redis-check-rdb redis-check-aof geo lazyfree module evict expire geohash geohash_helper childinfo defrag siphash rax t_stream listpack localtime lolwut lolwut5";

fn redis(v: &str) -> SourceTree {
    let seed = seed_of(&format!("redis-{v}"));
    let mut files: Vec<(String, Vec<u8>, u32)> = Vec::new();
    let top_makefile = "# Top level makefile, the real shit is at src/Makefile\n\ndefault: all\n\n.DEFAULT:\n\tcd src && $(MAKE) $@\n\ninstall:\n\tcd src && $(MAKE) $@\n\n.PHONY: install\n";
    files.push(("Makefile".into(), top_makefile.into(), 0o644));
    files.push(("README.md".into(), String::from("This README is just a fast *quick start* document. You can find more detailed documentation at [redis.io](https://redis.io).\n\nWhat is Redis?\n--------------\n\nRedis is often referred as a *data structures* server.\n\nBuilding Redis\n--------------\n\nIt is as simple as:\n\n    % make\n\nInstalling Redis\n-----------------\n\nIn order to install Redis binaries into /usr/local/bin just use:\n\n    % make install\n").into_bytes(), 0o644));
    for (f, n) in [
        ("00-RELEASENOTES", 90_000),
        ("COPYING", 1_487),
        ("INSTALL", 11),
        ("BUGS", 53),
        ("MANIFESTO", 4_223),
        ("CONTRIBUTING", 1_805),
    ] {
        files.push((f.into(), text_file(seed ^ n as u64, n, "Redis release notes and project text."), 0o644));
    }
    files.push(("redis.conf".into(), text_file(seed ^ 1, 62_155, "# Redis configuration file example."), 0o644));
    files.push(("sentinel.conf".into(), text_file(seed ^ 2, 9_710, "# Example sentinel.conf"), 0o644));
    files.push(("runtest".into(), b"#!/bin/sh\nTCL_VERSIONS=\"8.5 8.6\"\nTCLSH=\"\"\n\nfor VERSION in $TCL_VERSIONS; do\n\tTCL=`which tclsh$VERSION 2>/dev/null` && TCLSH=$TCL\ndone\n\nif [ -z $TCLSH ]\nthen\n    echo \"You need tcl 8.5 or newer in order to run the Redis test\"\n    exit 1\nfi\n$TCLSH tests/test_helper.tcl \"${@}\"\n".to_vec(), 0o755));
    files.push(("src/version.h".into(), format!("#define REDIS_VERSION \"{v}\"\n").into_bytes(), 0o644));
    let objs: Vec<&str> = REDIS_SERVER_OBJ.split(' ').chain(["redis-cli", "redis-benchmark"]).collect();
    for (i, o) in objs.iter().enumerate() {
        let size = match *o {
            "server" => 160_000,
            "cluster" => 210_000,
            "redis-cli" => 240_000,
            "module" => 190_000,
            _ => 8_000 + (seed_of(o) % 70_000) as usize,
        };
        files.push((
            format!("src/{o}.c"),
            c_file(seed ^ i as u64, size, &["server.h", "<stdio.h>", "<stdlib.h>"], REDIS_LICENSE),
            0o644,
        ));
    }
    files.push(("src/server.h".into(), c_file(seed ^ 3, 90_000, &["version.h", "<stdio.h>"], REDIS_LICENSE), 0o644));
    files.push(("src/Makefile".into(), redis_src_makefile().into_bytes(), 0o644));
    files.push(("src/mkreleasehdr.sh".into(), b"#!/bin/sh\nGIT_SHA1=00000000\nGIT_DIRTY=0\nBUILD_ID=`uname -n`\"-\"`date +%s`\ntest -f release.h || touch release.h\necho \"#define REDIS_GIT_SHA1 \\\"$GIT_SHA1\\\"\" > release.h\necho \"#define REDIS_GIT_DIRTY \\\"$GIT_DIRTY\\\"\" >> release.h\necho \"#define REDIS_BUILD_ID \\\"$BUILD_ID\\\"\" >> release.h\n".to_vec(), 0o755));
    for (d, n, count) in [
        ("deps/jemalloc/src", 60_000, 40),
        ("deps/lua/src", 25_000, 50),
        ("deps/hiredis", 20_000, 12),
        ("deps/linenoise", 30_000, 2),
    ] {
        for i in 0..count {
            files.push((
                format!("{d}/file{i:02}.c"),
                c_file(seed ^ (n * 131 + i) as u64, n, &["<stdio.h>"], " * Third-party dependency bundled with Redis."),
                0o644,
            ));
        }
    }
    for i in 0..60 {
        files.push((
            format!("tests/unit/test{i:02}.tcl"),
            text_file(seed ^ (900 + i), 9_000, "    assert_equal {OK} [r set foo bar]"),
            0o644,
        ));
    }
    let major: u32 = v.split('.').next().and_then(|m| m.parse().ok()).unwrap_or(5);
    // redis-5.0.3.tar.gz is 1,959,445 bytes; later series are larger.
    let gz_size = match major {
        0..=5 => 1_959_445,
        6 => 2_276_000,
        _ => 3_385_000,
    };
    SourceTree {
        top: format!("redis-{v}"),
        files,
        gz_size,
        mtime: 1_544_734_480,
        pad_path: "tests/assets/encodings.rdb",
    }
}

fn redis_src_makefile() -> String {
    let objs = REDIS_SERVER_OBJ.split(' ').map(|o| format!("{o}.o")).collect::<Vec<_>>().join(" ");
    format!(
        r#"# Redis Makefile
# Copyright (C) 2009 Salvatore Sanfilippo <antirez at gmail com>
# This file is released under the BSD license, see the COPYING file
#
# The Makefile composes the final FINAL_CFLAGS and FINAL_LDFLAGS using
# what is needed for Redis plus the standard CFLAGS and LDFLAGS passed.

release_hdr := $(shell sh -c './mkreleasehdr.sh')
uname_S := $(shell sh -c 'uname -s 2>/dev/null || echo not')
OPTIMIZATION?=-O2
STD=-std=c99 -pedantic -DREDIS_STATIC=''
WARN=-Wall -W -Wno-missing-field-initializers
OPT=$(OPTIMIZATION)

PREFIX?=/usr/local
INSTALL_BIN=$(PREFIX)/bin
INSTALL=install

FINAL_CFLAGS=$(STD) $(WARN) $(OPT) $(DEBUG) $(CFLAGS) $(REDIS_CFLAGS)
FINAL_LDFLAGS=$(LDFLAGS) $(REDIS_LDFLAGS) $(DEBUG)
FINAL_LIBS=-lm -ldl -pthread
DEBUG=-g -ggdb

REDIS_CC=$(QUIET_CC)$(CC) $(FINAL_CFLAGS)
REDIS_LD=$(QUIET_LINK)$(CC) $(FINAL_LDFLAGS)
REDIS_INSTALL=$(QUIET_INSTALL)$(INSTALL)

ifndef V
QUIET_CC = @printf '    %b %b\n' CC $@ 1>&2;
QUIET_LINK = @printf '    %b %b\n' LINK $@ 1>&2;
QUIET_INSTALL = @printf '    %b %b\n' INSTALL $@ 1>&2;
endif

REDIS_SERVER_NAME=redis-server
REDIS_SENTINEL_NAME=redis-sentinel
REDIS_SERVER_OBJ={objs}
REDIS_CLI_NAME=redis-cli
REDIS_CLI_OBJ=anet.o adlist.o dict.o redis-cli.o zmalloc.o release.o ae.o crc64.o siphash.o crc16.o
REDIS_BENCHMARK_NAME=redis-benchmark
REDIS_BENCHMARK_OBJ=ae.o anet.o redis-benchmark.o adlist.o zmalloc.o siphash.o
REDIS_CHECK_RDB_NAME=redis-check-rdb
REDIS_CHECK_AOF_NAME=redis-check-aof

all: $(REDIS_SERVER_NAME) $(REDIS_SENTINEL_NAME) $(REDIS_CLI_NAME) $(REDIS_BENCHMARK_NAME) $(REDIS_CHECK_RDB_NAME) $(REDIS_CHECK_AOF_NAME)
	@echo ""
	@echo "Hint: It's a good idea to run 'make test' ;)"
	@echo ""

.PHONY: all

# redis-server
$(REDIS_SERVER_NAME): $(REDIS_SERVER_OBJ)
	$(REDIS_LD) -o $@ $^ $(FINAL_LIBS)

# redis-sentinel
$(REDIS_SENTINEL_NAME): $(REDIS_SERVER_NAME)
	$(REDIS_INSTALL) $(REDIS_SERVER_NAME) $(REDIS_SENTINEL_NAME)

# redis-check-rdb
$(REDIS_CHECK_RDB_NAME): $(REDIS_SERVER_NAME)
	$(REDIS_INSTALL) $(REDIS_SERVER_NAME) $(REDIS_CHECK_RDB_NAME)

# redis-check-aof
$(REDIS_CHECK_AOF_NAME): $(REDIS_SERVER_NAME)
	$(REDIS_INSTALL) $(REDIS_SERVER_NAME) $(REDIS_CHECK_AOF_NAME)

# redis-cli
$(REDIS_CLI_NAME): $(REDIS_CLI_OBJ)
	$(REDIS_LD) -o $@ $^ $(FINAL_LIBS)

# redis-benchmark
$(REDIS_BENCHMARK_NAME): $(REDIS_BENCHMARK_OBJ)
	$(REDIS_LD) -o $@ $^ $(FINAL_LIBS)

%.o: %.c
	$(REDIS_CC) -c $<

clean:
	rm -rf $(REDIS_SERVER_NAME) $(REDIS_SENTINEL_NAME) $(REDIS_CLI_NAME) $(REDIS_BENCHMARK_NAME) $(REDIS_CHECK_RDB_NAME) $(REDIS_CHECK_AOF_NAME) *.o

.PHONY: clean

install: all
	@mkdir -p $(INSTALL_BIN)
	$(REDIS_INSTALL) $(REDIS_SERVER_NAME) $(INSTALL_BIN)
	$(REDIS_INSTALL) $(REDIS_BENCHMARK_NAME) $(INSTALL_BIN)
	$(REDIS_INSTALL) $(REDIS_CLI_NAME) $(INSTALL_BIN)
	$(REDIS_INSTALL) $(REDIS_CHECK_RDB_NAME) $(INSTALL_BIN)
	$(REDIS_INSTALL) $(REDIS_CHECK_AOF_NAME) $(INSTALL_BIN)
	@ln -sf $(REDIS_SERVER_NAME) $(INSTALL_BIN)/$(REDIS_SENTINEL_NAME)
"#
    )
}

const NGINX_SOURCES: &[&str] = &[
    "core/nginx",
    "core/ngx_log",
    "core/ngx_palloc",
    "core/ngx_array",
    "core/ngx_list",
    "core/ngx_hash",
    "core/ngx_buf",
    "core/ngx_queue",
    "core/ngx_output_chain",
    "core/ngx_string",
    "core/ngx_parse",
    "core/ngx_inet",
    "core/ngx_file",
    "core/ngx_crc32",
    "core/ngx_rbtree",
    "core/ngx_times",
    "core/ngx_connection",
    "core/ngx_cycle",
    "core/ngx_conf_file",
    "core/ngx_resolver",
    "event/ngx_event",
    "event/ngx_event_timer",
    "event/ngx_event_posted",
    "event/ngx_event_accept",
    "event/ngx_event_connect",
    "event/modules/ngx_epoll_module",
    "os/unix/ngx_files",
    "os/unix/ngx_process",
    "os/unix/ngx_process_cycle",
    "os/unix/ngx_linux_init",
    "http/ngx_http",
    "http/ngx_http_core_module",
    "http/ngx_http_request",
    "http/ngx_http_parse",
    "http/ngx_http_header_filter_module",
    "http/ngx_http_write_filter_module",
    "http/ngx_http_upstream",
    "http/ngx_http_variables",
    "http/modules/ngx_http_static_module",
    "http/modules/ngx_http_index_module",
    "http/modules/ngx_http_gzip_filter_module",
    "http/modules/ngx_http_proxy_module",
    "http/modules/ngx_http_fastcgi_module",
    "http/modules/ngx_http_rewrite_module",
    "http/modules/ngx_http_log_module",
];

fn nginx(v: &str) -> SourceTree {
    let seed = seed_of(&format!("nginx-{v}"));
    let lic = " * Copyright (C) Igor Sysoev\n * Copyright (C) Nginx, Inc.";
    let mut files: Vec<(String, Vec<u8>, u32)> = Vec::new();
    files.push(("src/core/nginx.h".into(), format!("\n/*\n{lic}\n */\n\n\n#ifndef _NGINX_H_INCLUDED_\n#define _NGINX_H_INCLUDED_\n\n\n#define nginx_version      {}\n#define NGINX_VERSION      \"{v}\"\n#define NGINX_VER          \"nginx/\" NGINX_VERSION\n\n#endif /* _NGINX_H_INCLUDED_ */\n", nginx_number(v)).into_bytes(), 0o644));
    for (i, s) in NGINX_SOURCES.iter().enumerate() {
        let size = 6_000 + (seed_of(s) % 90_000) as usize;
        files.push((
            format!("src/{s}.c"),
            c_file(seed ^ i as u64, size, &["<ngx_config.h>", "<ngx_core.h>", "nginx.h"], lic),
            0o644,
        ));
    }
    for i in 0..60 {
        files.push((
            format!("auto/lib/check{i:02}"),
            text_file(seed ^ (300 + i), 3_000, "ngx_feature_test=\"check\""),
            0o644,
        ));
    }
    files.push(("conf/nginx.conf".into(), b"\n#user  nobody;\nworker_processes  1;\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n    include       mime.types;\n    default_type  application/octet-stream;\n\n    sendfile        on;\n    keepalive_timeout  65;\n\n    server {\n        listen       80;\n        server_name  localhost;\n\n        location / {\n            root   html;\n            index  index.html index.htm;\n        }\n\n        error_page   500 502 503 504  /50x.html;\n        location = /50x.html {\n            root   html;\n        }\n    }\n}\n".to_vec(), 0o644));
    files.push(("conf/mime.types".into(), text_file(seed ^ 4, 5_349, "    application/octet-stream  bin"), 0o644));
    files.push(("html/index.html".into(), super::nginx_welcome().into_bytes(), 0o644));
    files.push((
        "CHANGES".into(),
        text_file(seed ^ 5, 330_000, "    *) Bugfix: a segmentation fault might occur in a worker process."),
        0o644,
    ));
    files.push(("LICENSE".into(), text_file(seed ^ 6, 1_397, " * Copyright (C) 2002-2021 Igor Sysoev"), 0o644));
    files.push(("README".into(), b"\nDocumentation is available at http://nginx.org\n\n".to_vec(), 0o644));
    files.push(("configure".into(), nginx_configure(v).into_bytes(), 0o755));
    SourceTree {
        top: format!("nginx-{v}"),
        files,
        gz_size: 1_244_789,
        mtime: 1_723_554_000,
        pad_path: "contrib/vim/syntax/nginx.vim.gz",
    }
}

fn nginx_number(v: &str) -> u32 {
    let p: Vec<u32> = v.split('.').map(|x| x.parse().unwrap_or(0)).collect();
    p.first().copied().unwrap_or(1) * 1_000_000
        + p.get(1).copied().unwrap_or(0) * 1_000
        + p.get(2).copied().unwrap_or(0)
}

/// nginx's `configure`: checks for a C compiler and zlib, prints the summary and writes
/// `Makefile` and `objs/Makefile`.
fn nginx_configure(v: &str) -> String {
    let objs: Vec<String> = NGINX_SOURCES.iter().map(|s| format!("objs/src/{s}.o")).collect();
    let mut rules = String::new();
    for s in NGINX_SOURCES {
        rules.push_str(&format!("objs/src/{s}.o:\tsrc/{s}.c\n\t@mkdir -p $(@D)\n\t$(CC) -c $(CFLAGS) $(ALL_INCS) \\\n\t\t-o objs/src/{s}.o \\\n\t\tsrc/{s}.c\n\n"));
    }
    let objs_makefile = format!(
        "\nCC =\tcc\nCFLAGS =  -pipe  -O -W -Wall -Wpointer-arith -Wno-unused-parameter -Werror -g \nCPP =\tcc -E\nLINK =\t$(CC)\n\nALL_INCS = -I src/core -I src/event -I src/event/modules -I src/os/unix -I objs -I src/http -I src/http/modules\n\nbuild:\tbinary\n\nbinary:\tobjs/nginx\n\nobjs/nginx:\t{o}\n\t$(LINK) -o objs/nginx \\\n\t{o} \\\n\t-ldl -lpthread -lcrypt -lz \\\n\t-Wl,-E\n\n{rules}install:\tbuild\n\ttest -d '$(DESTDIR)@PREFIX@' || mkdir -p '$(DESTDIR)@PREFIX@'\n\ttest -d '$(DESTDIR)@PREFIX@/sbin' || mkdir -p '$(DESTDIR)@PREFIX@/sbin'\n\tcp objs/nginx '$(DESTDIR)@PREFIX@/sbin/nginx'\n\ttest -d '$(DESTDIR)@PREFIX@/conf' || mkdir -p '$(DESTDIR)@PREFIX@/conf'\n\tcp conf/mime.types '$(DESTDIR)@PREFIX@/conf/mime.types'\n\tcp conf/nginx.conf '$(DESTDIR)@PREFIX@/conf/nginx.conf'\n\ttest -d '$(DESTDIR)@PREFIX@/logs' || mkdir -p '$(DESTDIR)@PREFIX@/logs'\n\ttest -d '$(DESTDIR)@PREFIX@/html' || cp -R html '$(DESTDIR)@PREFIX@'\n",
        o = objs.join(" ")
    );
    format!(
        r#"#!/bin/sh

# Copyright (C) Igor Sysoev
# Copyright (C) Nginx, Inc.

NGX_PREFIX=/usr/local/nginx
for option
do
    case "$option" in
        --prefix=*) NGX_PREFIX="${{option#*=}}" ;;
        --help) echo "  --prefix=PATH                      set installation prefix"; exit 0 ;;
        *) ;;
    esac
done

echo "checking for OS"
echo " + Linux $(uname -r) $(uname -m)"
if command -v cc >/dev/null 2>&1; then
    echo "checking for C compiler ... found"
    echo " + using GNU C compiler"
else
    echo "checking for C compiler ... not found"
    echo
    echo "./configure: error: C compiler cc is not found"
    echo
    exit 1
fi
echo "checking for gcc -pipe switch ... found"
echo "checking for -Wl,-E switch ... found"
echo "checking for gcc builtin atomic operations ... found"
echo "checking for C99 variadic macros ... found"
echo "checking for epoll ... found"
if [ -f /usr/include/zlib.h ]; then
    echo "checking for zlib library ... found"
else
    echo "checking for zlib library ... not found"
    echo
    echo "./configure: error: the HTTP gzip module requires the zlib library."
    echo "You can either disable the module by using --without-http_gzip_module"
    echo "option, or install the zlib library into the system, or build the zlib library"
    echo "statically from the source with nginx by using --with-zlib=<path> option."
    echo
    exit 1
fi
echo "creating objs/Makefile"
mkdir -p objs
cat > objs/Makefile.in <<'NGX_END'
{objs_makefile}NGX_END
sed "s|@PREFIX@|$NGX_PREFIX|g" objs/Makefile.in > objs/Makefile
rm objs/Makefile.in
cat > Makefile <<'NGX_END'

default:	build

clean:
	rm -rf Makefile objs

build:
	$(MAKE) -f objs/Makefile

install:
	$(MAKE) -f objs/Makefile install
NGX_END
cat <<END

Configuration summary
  + using system PCRE2 library
  + OpenSSL library is not used
  + using system zlib library

  nginx path prefix: "$NGX_PREFIX"
  nginx binary file: "$NGX_PREFIX/sbin/nginx"
  nginx modules path: "$NGX_PREFIX/modules"
  nginx configuration prefix: "$NGX_PREFIX/conf"
  nginx configuration file: "$NGX_PREFIX/conf/nginx.conf"
  nginx pid file: "$NGX_PREFIX/logs/nginx.pid"
  nginx error log file: "$NGX_PREFIX/logs/error.log"
  nginx http access log file: "$NGX_PREFIX/logs/access.log"

END
# nginx {v}
"#
    )
}

fn python(v: &str) -> SourceTree {
    let mut t = generic("Python", v);
    let mm = v.split('.').take(2).collect::<Vec<_>>().join(".");
    t.files.retain(|(p, _, _)| p != "config.h.in");
    t.files.push(("Include/patchlevel.h".into(), format!("#define PY_VERSION \"{v}\"\n").into_bytes(), 0o644));
    for (p, data, _) in t.files.iter_mut() {
        if p == "Makefile.in" {
            *data = autoconf_makefile(
                &format!("python{mm}"),
                &["Include/patchlevel.h"],
                &[("python3", &format!("python{mm}"))],
            )
            .into_bytes();
        }
    }
    let seed = seed_of(&format!("Python-{v}"));
    for i in 0..400 {
        t.files.push((
            format!("Lib/module{i:03}.py"),
            text_file(seed ^ (7_000 + i), 30_000, "    return self._state"),
            0o644,
        ));
    }
    // Python-3.12.x.tgz is about 27 MB.
    t.gz_size = 27_000_000;
    t.pad_path = "Lib/test/audiodata/pluck-pcm24.wav";
    t
}

/// Any `NAME-VERSION.tar.gz`: an autoconf-style tree building the program `NAME`.
fn generic(project: &str, v: &str) -> SourceTree {
    let seed = seed_of(&format!("{project}-{v}"));
    let mut files: Vec<(String, Vec<u8>, u32)> = Vec::new();
    let lic = &format!(" * {project} {v}\n * This program is free software; you can redistribute it and/or modify\n * it under the terms of its license.");
    let count = 8 + (seed % 24) as usize;
    for i in 0..count {
        files.push((
            format!("src/{project}_{i:02}.c"),
            c_file(
                seed ^ i as u64,
                4_000 + (seed_of(&i.to_string()) % 40_000) as usize,
                &["config.h", "<stdio.h>"],
                lic,
            ),
            0o644,
        ));
    }
    files.push(("config.h.in".into(), b"#undef PACKAGE\n#undef VERSION\n".to_vec(), 0o644));
    files.push((
        "Makefile.in".into(),
        autoconf_makefile(&project.to_ascii_lowercase(), &["config.h"], &[]).into_bytes(),
        0o644,
    ));
    files.push(("configure".into(), autoconf_configure(project, v).into_bytes(), 0o755));
    files.push((
        "README".into(),
        format!("This is {project} {v}.\n\nSee INSTALL for building: ./configure && make && make install\n")
            .into_bytes(),
        0o644,
    ));
    files.push((
        "INSTALL".into(),
        text_file(seed ^ 9, 15_000, "Basic Installation: ./configure; make; make install."),
        0o644,
    ));
    let gz_size = 200_000 + seed % 1_500_000;
    SourceTree { top: format!("{project}-{v}"), files, gz_size, mtime: 1_700_000_000, pad_path: "doc/manual.pdf" }
}

/// `Makefile.in` of an autoconf tree: compiles `src/*.c`, links `program`, installs it (and
/// the given links) into `$(bindir)`.
fn autoconf_makefile(program: &str, version_headers: &[&str], links: &[(&str, &str)]) -> String {
    let mut install_links = String::new();
    for (link, target) in links {
        install_links.push_str(&format!("\tln -sf {target} $(DESTDIR)$(bindir)/{link}\n"));
    }
    format!(
        "# Makefile.in generated by automake from Makefile.am.\n\nprefix = @prefix@\nexec_prefix = $(prefix)\nbindir = $(exec_prefix)/bin\nCC = @CC@\nCFLAGS = @CFLAGS@\nDEFS = -DHAVE_CONFIG_H\nINSTALL = install -c\nPROGRAM = {program}\nSOURCES = $(wildcard src/*.c)\nOBJS = $(SOURCES:.c=.o)\n\nall: $(PROGRAM)\n\n$(PROGRAM): $(OBJS)\n\t$(CC) $(CFLAGS) -o $@ $(OBJS)\n\nsrc/%.o: src/%.c {h}\n\t$(CC) $(DEFS) -I. $(CFLAGS) -c -o $@ $<\n\ninstall: all\n\tmkdir -p $(DESTDIR)$(bindir)\n\t$(INSTALL) $(PROGRAM) $(DESTDIR)$(bindir)/$(PROGRAM)\n{install_links}\nclean:\n\trm -f $(PROGRAM) $(OBJS)\n\n.PHONY: all install clean\n",
        h = version_headers.join(" ")
    )
}

/// An autoconf-style `configure`: `--prefix`, a C compiler check, `Makefile` and `config.h`.
fn autoconf_configure(project: &str, v: &str) -> String {
    format!(
        r#"#!/bin/sh
# Guess values for system-dependent variables and create Makefiles.
# Generated by GNU Autoconf 2.71 for {project} {v}.
prefix=/usr/local
for option
do
    case "$option" in
        --prefix=*) prefix="${{option#*=}}" ;;
        --version|-V) echo "{project} configure {v}"; echo "generated by GNU Autoconf 2.71"; exit 0 ;;
        *) ;;
    esac
done
echo "checking for a BSD-compatible install... /usr/bin/install -c"
echo "checking whether build environment is sane... yes"
echo "checking for a race-free mkdir -p... /bin/mkdir -p"
echo "checking whether make sets \$(MAKE)... yes"
CC="${{CC:-}}"
if [ -z "$CC" ]; then
    for c in gcc cc; do
        if command -v $c >/dev/null 2>&1; then CC=$c; break; fi
    done
fi
echo "checking for gcc... ${{CC:-no}}"
if [ -z "$CC" ]; then
    echo "checking for cc... no"
    echo "checking for cl.exe... no"
    echo "configure: error: in '$(pwd)':" >&2
    echo "configure: error: no acceptable C compiler found in \$PATH" >&2
    echo "See 'config.log' for more details" >&2
    exit 1
fi
echo "checking whether the C compiler works... yes"
echo "checking for C compiler default output file name... a.out"
echo "checking for suffix of executables... "
echo "checking whether we are cross compiling... no"
echo "checking for suffix of object files... o"
echo "checking whether the compiler supports GNU C... yes"
echo "checking whether $CC accepts -g... yes"
echo "checking for stdio.h... $([ -f /usr/include/stdio.h ] && echo yes || echo no)"
echo "This file contains any messages produced by compilers while running configure." > config.log
echo "configure: creating ./config.status"
printf '#!/bin/sh\n# Generated by configure.\n' > config.status
chmod +x config.status
echo "config.status: creating Makefile"
sed -e "s|@prefix@|$prefix|g" -e "s|@CC@|$CC|g" -e "s|@CFLAGS@|-g -O2|g" Makefile.in > Makefile
echo "config.status: creating config.h"
printf '#define PACKAGE "{project}"\n#define VERSION "{v}"\n' > config.h
"#
    )
}

/// The working tree of a cloned repository named `name` (the last URL component): the
/// project's tree for redis and nginx, an autoconf-style tree for anything else.
pub fn for_repo(name: &str) -> SourceTree {
    match name {
        "redis" => redis("7.2.4"),
        "nginx" => nginx("1.27.2"),
        n => generic(n, "0.1.0"),
    }
}
