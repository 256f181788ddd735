//! A short, secret-free excerpt of a response body, for error messages.

/// The most characters an excerpt holds (an ellipsis marks a cut).
pub(crate) const EXCERPT_CHARS: usize = 200;

/// JSON keys whose string values never appear in an excerpt.
const SECRET_KEYS: [&str; 5] = ["token", "csrf", "accesskey", "access_key", "authorization"];

/// The start of `body` as text: at most [`EXCERPT_CHARS`] characters, control characters as
/// spaces, and the values of secret-looking JSON keys (`token`, `csrf`, `accessKey`, ...)
/// replaced by `[redacted]`. A body that mentions such a key but is not valid JSON is withheld.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let lower = text.to_ascii_lowercase();
    let text = if SECRET_KEYS.iter().any(|key| lower.contains(key)) {
        match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(mut value) => {
                redact(&mut value);
                value.to_string()
            }
            Err(_) => return "[body withheld: it may hold a secret]".to_owned(),
        }
    } else {
        text.into_owned()
    };
    let mut out: String =
        text.chars().take(EXCERPT_CHARS).map(|c| if c.is_control() { ' ' } else { c }).collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
}

fn redact(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if SECRET_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
                    *value = serde_json::Value::String("[redacted]".to_owned());
                } else {
                    redact(value);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_values_are_redacted() {
        let body = br#"{"success":true,"data":{"token":"tok-secret-1","csrf":"c-2","expiresIn":"x"}}"#;
        assert_eq!(
            excerpt(body),
            r#"{"data":{"csrf":"[redacted]","expiresIn":"x","token":"[redacted]"},"success":true}"#
        );
    }

    #[test]
    fn broken_json_that_names_a_token_is_withheld() {
        assert_eq!(excerpt(br#"{"data":{"token":"tok-secr"#), "[body withheld: it may hold a secret]");
    }

    #[test]
    fn long_bodies_are_cut_at_200_characters() {
        let body = "é".repeat(300);
        let out = excerpt(body.as_bytes());
        assert_eq!(out.chars().count(), EXCERPT_CHARS + 1);
        assert!(out.ends_with('…'));
    }

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(excerpt(b"<html>\n<b>502</b>\r\n</html>"), "<html> <b>502</b>  </html>");
    }
}
