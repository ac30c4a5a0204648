//! Small encoders the playground needs without extra crates: deflate via flate2, and a
//! shell-like splitter for terminal command lines (base64 is `util::base64`).

use std::io::{Read, Write};

/// Raw deflate at the best compression level.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

/// Inflates raw deflate data, refusing output larger than `limit` bytes.
pub fn inflate(data: &[u8], limit: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut dec = flate2::read::DeflateDecoder::new(data).take(limit + 1);
    dec.read_to_end(&mut out).ok()?;
    if out.len() as u64 > limit {
        return None;
    }
    Some(out)
}

/// Splits a command line into words as a POSIX shell would for simple commands:
/// whitespace separates words, single quotes are literal, double quotes allow `\"` and `\\`,
/// and a backslash outside quotes escapes the next character. `Err` names an unclosed quote.
pub fn split_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => cur.push(ch),
                        None => return Err("unterminated quoted string".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.peek() {
                            Some(&n @ ('"' | '\\' | '$' | '`')) => {
                                cur.push(n);
                                chars.next();
                            }
                            _ => cur.push('\\'),
                        },
                        Some(ch) => cur.push(ch),
                        None => return Err("unterminated quoted string".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

/// `1 layer`, `2 layers`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Human-readable size the way `docker images` prints it (`7.8MB`, `512B`, `1.2kB`).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1000.0 && i < UNITS.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    if i == 0 {
        format!("{bytes}B")
    } else {
        // Three significant digits, as Docker's go-units HumanSize does.
        let s = if v >= 100.0 {
            format!("{v:.0}")
        } else if v >= 10.0 {
            format!("{v:.1}")
        } else {
            format!("{v:.2}")
        };
        let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
        format!("{s}{}", UNITS[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn deflate_round_trips_with_limit() {
        let data = b"FROM alpine\nRUN echo hi\n".repeat(20);
        let z = deflate(&data);
        assert!(z.len() < data.len());
        assert_eq!(inflate(&z, 10_000).unwrap(), data);
        assert_eq!(inflate(&z, 10), None);
    }

    #[wasm_bindgen_test]
    fn splits_like_a_shell() {
        assert_eq!(split_words(r#"run -it "my image" 'a b' c\ d"#).unwrap(), ["run", "-it", "my image", "a b", "c d"]);
        assert_eq!(split_words(r#"echo "a\"b" ''"#).unwrap(), ["echo", "a\"b", ""]);
        assert!(split_words("echo 'oops").is_err());
    }

    #[wasm_bindgen_test]
    fn sizes_read_like_docker() {
        assert_eq!(human_size(512), "512B");
        assert_eq!(human_size(1_234), "1.23kB");
        assert_eq!(human_size(7_800_000), "7.8MB");
        assert_eq!(human_size(123_456_789), "123MB");
    }
}
