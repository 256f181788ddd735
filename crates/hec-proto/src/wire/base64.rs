//! Base64 encoding (RFC 4648), only as far as the redactor needs it: to spell a secret the way a
//! server may echo it back, in the standard and the URL-safe alphabet, with or without padding.

/// The standard alphabet (RFC 4648 section 4).
pub(crate) const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The URL- and filename-safe alphabet (RFC 4648 section 5).
pub(crate) const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` in base64 with `alphabet`; with `pad`, the last group is filled up with `=` to four
/// characters.
pub(crate) fn encode(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    let sextet = |group: u32, shift: u32| char::from(alphabet[((group >> shift) & 0x3f) as usize]);
    for chunk in bytes.chunks(3) {
        // The chunk's bytes at the top of 24 bits, zeros after them.
        let group = chunk
            .iter()
            .enumerate()
            .fold(0u32, |group, (at, &byte)| group | (u32::from(byte) << (16 - 8 * at as u32)));
        // One byte gives two characters, two give three, three give four.
        let characters = chunk.len() + 1;
        for at in 0..characters {
            out.push(sextet(group, 18 - 6 * at as u32));
        }
        if pad {
            for _ in characters..4 {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The test vectors of RFC 4648 section 10.
    const RFC_4648: [(&str, &str); 7] = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];

    #[test]
    fn the_rfc_4648_vectors_padded_and_unpadded() {
        for (input, encoded) in RFC_4648 {
            assert_eq!(encode(input.as_bytes(), STANDARD, true), encoded, "{input:?}");
            assert_eq!(encode(input.as_bytes(), URL_SAFE, true), encoded, "{input:?}");
            let unpadded = encoded.trim_end_matches('=');
            assert_eq!(encode(input.as_bytes(), STANDARD, false), unpadded, "{input:?}");
            assert_eq!(encode(input.as_bytes(), URL_SAFE, false), unpadded, "{input:?}");
        }
    }

    #[test]
    fn the_alphabets_differ_in_their_last_two_characters() {
        // 0xfb 0xff 0xbf: sextets 62, 63, 62, 63.
        assert_eq!(encode(&[0xfb, 0xff, 0xbf], STANDARD, true), "+/+/");
        assert_eq!(encode(&[0xfb, 0xff, 0xbf], URL_SAFE, true), "-_-_");
        assert_eq!(encode(&[0xff], STANDARD, true), "/w==");
        assert_eq!(encode(&[0xff], URL_SAFE, false), "_w");
    }

    /// Base64 the slow way: the input as a string of bits, cut into sixes (the last one filled
    /// up with zeros), each looked up; then `=` until the length is a multiple of four.
    fn bit_by_bit(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
        let bits: Vec<bool> =
            bytes.iter().flat_map(|&byte| (0..8).rev().map(move |bit| byte & (1 << bit) != 0)).collect();
        let mut out: String = bits
            .chunks(6)
            .map(|six| {
                let index = (0..6).fold(0, |index, at| index * 2 + usize::from(six.get(at) == Some(&true)));
                char::from(alphabet[index])
            })
            .collect();
        while pad && !out.len().is_multiple_of(4) {
            out.push('=');
        }
        out
    }

    proptest! {
        #[test]
        fn it_agrees_with_a_bit_by_bit_encoding(
            bytes in proptest::collection::vec(any::<u8>(), 0..64),
            url_safe: bool,
            pad: bool,
        ) {
            let alphabet = if url_safe { URL_SAFE } else { STANDARD };
            prop_assert_eq!(encode(&bytes, alphabet, pad), bit_by_bit(&bytes, alphabet, pad));
        }
    }
}
