//! `InlineText`: a string kept inline when it is short (timestamps are 19 to 32 bytes), so that
//! parsing a task with thousands of actions does not allocate twice per action for its times.

use std::fmt;

/// The longest text kept inline.
const INLINE: usize = 38;

/// An immutable string: inline up to 38 bytes, boxed beyond.
#[derive(Clone)]
pub(crate) enum InlineText {
    Inline { len: u8, bytes: [u8; INLINE] },
    Boxed(Box<str>),
}

impl InlineText {
    pub(crate) fn new(text: &str) -> Self {
        if text.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            // The length fits in a u8: it is at most INLINE.
            InlineText::Inline { len: text.len() as u8, bytes }
        } else {
            InlineText::Boxed(text.into())
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            // Copied from a &str whole, so always valid UTF-8; the fallback is unreachable.
            InlineText::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            InlineText::Boxed(text) => text,
        }
    }
}

impl From<String> for InlineText {
    fn from(text: String) -> Self {
        if text.len() <= INLINE { InlineText::new(&text) } else { InlineText::Boxed(text.into_boxed_str()) }
    }
}

impl PartialEq for InlineText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for InlineText {}

impl std::hash::Hash for InlineText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for InlineText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::InlineText;

    #[test]
    fn short_and_long_texts_keep_their_content() {
        for text in ["", "2023-08-08 21:16:16.947618", &"x".repeat(38), &"é".repeat(30), &"y".repeat(39)] {
            let inline = InlineText::new(text);
            assert_eq!(inline.as_str(), text);
            assert_eq!(InlineText::from(text.to_owned()), inline);
        }
        assert!(matches!(InlineText::new(&"y".repeat(39)), InlineText::Boxed(_)));
        assert!(matches!(InlineText::new("2023-08-08 21:16:16.947618"), InlineText::Inline { .. }));
    }
}
