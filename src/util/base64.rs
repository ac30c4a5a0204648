//! Base64 (RFC 4648): the standard alphabet with padding, and the URL-safe one without.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn encode_with(data: &[u8], table: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(table[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Encodes `data` with the standard alphabet and `=` padding.
pub fn encode(data: &[u8]) -> String {
    encode_with(data, ALPHABET, true)
}

/// Encodes `data` with the URL-safe alphabet (`-`, `_`) and no padding, for links.
pub fn encode_url(data: &[u8]) -> String {
    encode_with(data, URL_ALPHABET, false)
}

/// Decodes base64 of either alphabet (standard or URL-safe), with or without padding,
/// ignoring whitespace and stopping at the first `=`; `None` on a character outside them.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            break;
        }
        let v = match c {
            b'-' => 62,
            b'_' => 63,
            _ => ALPHABET.iter().position(|b| *b == c)? as u32,
        };
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc4648_vectors() {
        for (plain, enc) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")]
        {
            assert_eq!(super::encode(plain.as_bytes()), enc);
            assert_eq!(super::decode(enc).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(super::decode("Zm9v\nYmFy\n").as_deref(), Some(&b"foobar"[..]));
        assert_eq!(super::decode("Zm9v!"), None);
    }

    #[test]
    fn url_safe_without_padding() {
        assert_eq!(super::encode_url(&[0xfb, 0xff]), "-_8");
        assert_eq!(super::encode_url(b"Ma"), "TWE");
        assert_eq!(super::decode("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(super::decode("TWE").as_deref(), Some(&b"Ma"[..]));
    }
}
