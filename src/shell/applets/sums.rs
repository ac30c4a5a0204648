//! Checksums and encodings: `sha256sum`, `sha512sum`, `md5sum` (with `-c`), `base64`.

use sha2::Digest;

use super::common::{fail, read_input, Opts};
use crate::shell::applet::Ctx;

use crate::util::digest::hex;

fn sum_applet(ctx: &mut Ctx<'_>, argv: &[String], name: &str, f: fn(&[u8]) -> String) -> i32 {
    let o = Opts::parse(argv, "");
    let files = if o.args.is_empty() { vec!["-".to_string()] } else { o.args.clone() };
    let mut status = 0;
    if o.has('c') {
        for list in &files {
            let text = match read_input(ctx, list) {
                Ok(d) => String::from_utf8_lossy(&d).into_owned(),
                Err(e) => {
                    fail(ctx, name, &format!("{list}: {e}"));
                    return 1;
                }
            };
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let Some((want, file)) = line.split_once(' ') else { continue };
                let file = file.trim_start_matches([' ', '*']);
                let ok = read_input(ctx, file).map(|d| f(&d) == want.to_lowercase()).unwrap_or(false);
                if !o.has('s') && !o.long("status") {
                    ctx.out(&format!("{file}: {}\n", if ok { "OK" } else { "FAILED" }));
                }
                if !ok {
                    status = 1;
                }
            }
        }
        if status != 0 && !o.has('s') {
            fail(ctx, name, "WARNING: 1 of 1 computed checksums did NOT match");
        }
        return status;
    }
    for file in &files {
        match read_input(ctx, file) {
            Ok(d) => {
                let s = f(&d);
                ctx.out(&format!("{s}  {file}\n"));
            }
            Err(e) => {
                fail(ctx, name, &format!("{file}: {e}"));
                status = 1;
            }
        }
    }
    status
}

/// `sha256sum [-c] [FILE…]`
pub fn sha256sum(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    sum_applet(ctx, argv, "sha256sum", |d| hex(&sha2::Sha256::digest(d)))
}

/// `sha512sum [-c] [FILE…]`
pub fn sha512sum(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    sum_applet(ctx, argv, "sha512sum", |d| hex(&sha2::Sha512::digest(d)))
}

/// `md5sum [-c] [FILE…]`
pub fn md5sum(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    sum_applet(ctx, argv, "md5sum", |d| hex(&md5::Md5::digest(d)))
}

/// `base64 [-d] [-w COLS] [FILE]`
pub fn base64(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "w");
    let file = o.args.first().cloned().unwrap_or_else(|| "-".into());
    let data = match read_input(ctx, &file) {
        Ok(d) => d,
        Err(e) => {
            fail(ctx, "base64", &format!("{file}: {e}"));
            return 1;
        }
    };
    if o.has('d') {
        match crate::util::base64::decode(&String::from_utf8_lossy(&data)) {
            Some(d) => {
                ctx.write_out(&d);
                0
            }
            None => {
                fail(ctx, "base64", "invalid input");
                1
            }
        }
    } else {
        let wrap: usize = o.val('w').and_then(|w| w.parse().ok()).unwrap_or(76);
        let enc = crate::util::base64::encode(&data);
        let mut s = String::new();
        if wrap == 0 {
            s.push_str(&enc);
            s.push('\n');
        } else {
            for chunk in enc.as_bytes().chunks(wrap) {
                s.push_str(&String::from_utf8_lossy(chunk));
                s.push('\n');
            }
        }
        ctx.out(&s);
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::base64::{decode, encode};

    #[test]
    fn digests_and_base64() {
        assert_eq!(hex(&md5::Md5::digest(b"hello\n")), "b1946ac92492d2347c6235b4d2611184");
        assert_eq!(hex(&sha2::Sha256::digest(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(encode(b"hello"), "aGVsbG8=");
        assert_eq!(decode("aGVsbG8=\n").unwrap(), b"hello");
        assert_eq!(encode(b"ab"), "YWI=");
        assert!(decode("!!").is_none());
    }
}
