//! The ids of the exception families: anti-phishing exception ids and click-time-protection list
//! ids (digits only), click-time-protection item ids and anomaly rule ids (opaque tokens). None
//! can ever change a request's path.

use crate::model::id::{MAX_ID_LEN, opaque_id, serialize_as_text};

/// Defines an id made of ASCII digits only, and its error enum: `new` (and the `NotADigit`
/// error) here, the rest every id shares (`as_str`, `FromStr`, `Display`, `AsRef<str>`,
/// `From<u64>`, `Deserialize` from a string or a non-negative integer, keeping the text, leading
/// zeros and all) from `id_type!`; `Serialize` as a string comes from `serialize_as_text!` below.
macro_rules! digits_id {
    (
        $(#[$meta:meta])*
        $name:ident, $error:ident, $kind:literal
    ) => {
        $crate::model::id::id_type!(
            $(#[$meta])*
            $name, $error, $kind, concat!($kind, " id (digits, as a string or an integer)"), {
                /// The text holds a character that is not an ASCII digit.
                #[error(
                    "invalid {kind} id: character {character:?} at position {position} is not a digit",
                    kind = $kind
                )]
                NotADigit {
                    /// The first character that is not a digit.
                    character: char,
                    /// Its position, counted in characters from 0.
                    position: usize,
                },
            }
        );

        impl $name {
            #[doc = concat!("Checks a text (1 to 128 ASCII digits) and makes it ", stringify!($name), ".")]
            pub fn new(text: impl Into<String>) -> Result<Self, $error> {
                let text = text.into();
                if text.is_empty() {
                    return Err($error::Empty);
                }
                if let Some((position, character)) = text.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
                    return Err($error::NotADigit { character, position });
                }
                if text.len() > MAX_ID_LEN {
                    return Err($error::TooLong(text.len()));
                }
                Ok($name(text))
            }
        }
    };
}

digits_id!(
    /// The id of an anti-phishing exception (`exceptions/{excType}/{excId}`).
    ///
    /// Answers carry it as `entityId`, a string of digits (`"126802091"`; leading zeros kept);
    /// an integer is read too. Only digits are accepted, so it can never change a request's path.
    /// It serializes as a string.
    ///
    /// ```
    /// use hec_proto::model::{ExceptionId, InvalidExceptionId};
    /// let id: ExceptionId = "000000001".parse()?;
    /// assert_eq!(id.as_str(), "000000001");
    /// assert_eq!("12/delete".parse::<ExceptionId>(), Err(InvalidExceptionId::NotADigit { character: '/', position: 2 }));
    /// assert_eq!("".parse::<ExceptionId>().unwrap_err().to_string(), "invalid exception id: it is empty");
    /// # Ok::<(), InvalidExceptionId>(())
    /// ```
    ExceptionId,
    InvalidExceptionId,
    "exception"
);

digits_id!(
    /// The id of a click-time-protection exception list (`listid`: `"0"` is the allow list,
    /// `"1"` the block list, in every capture).
    ///
    /// Only digits are accepted: it is the segment after `.../exceptions/`, where the text
    /// `items` means something else, so no list id can be mistaken for it. Read from a string or
    /// an integer; it serializes as a string.
    ///
    /// ```
    /// use hec_proto::model::CtpListId;
    /// assert_eq!(CtpListId::allow().as_str(), "0");
    /// assert_eq!(CtpListId::block().as_str(), "1");
    /// assert!("items".parse::<CtpListId>().is_err());
    /// ```
    CtpListId,
    InvalidCtpListId,
    "click-time-protection list"
);

impl CtpListId {
    /// `"0"`: the allow list (`listname` `whitelist` in the captures).
    pub fn allow() -> CtpListId {
        CtpListId("0".to_owned())
    }

    /// `"1"`: the block list (`listname` `blacklist` in the captures).
    pub fn block() -> CtpListId {
        CtpListId("1".to_owned())
    }
}

opaque_id!(
    /// The id of one item of a click-time-protection list (`listitemid`, 16 digits in the
    /// captures), as `.../exceptions/items/{itemId}` takes it.
    ///
    /// An opaque token of 1 to 128 characters of `A-Z a-z 0-9 _ -`, read from a string or an
    /// integer; it serializes as a string.
    ///
    /// ```
    /// use hec_proto::model::CtpItemId;
    /// assert_eq!("4711000000000001".parse::<CtpItemId>()?.as_str(), "4711000000000001");
    /// assert!("a/b".parse::<CtpItemId>().is_err());
    /// # Ok::<(), hec_proto::model::InvalidCtpItemId>(())
    /// ```
    CtpItemId,
    InvalidCtpItemId,
    "click-time-protection item"
);

opaque_id!(
    /// The id of an anomaly exception rule (`id`, a string of digits in the capture), as the
    /// delete body's `ruleId` list takes it.
    ///
    /// An opaque token of 1 to 128 characters of `A-Z a-z 0-9 _ -`, read from a string or an
    /// integer; it serializes as a string.
    ///
    /// ```
    /// use hec_proto::model::AnomalyRuleId;
    /// assert_eq!("10001".parse::<AnomalyRuleId>()?.to_string(), "10001");
    /// # Ok::<(), hec_proto::model::InvalidAnomalyRuleId>(())
    /// ```
    AnomalyRuleId,
    InvalidAnomalyRuleId,
    "anomaly rule"
);

serialize_as_text!(ExceptionId, CtpListId, CtpItemId, AnomalyRuleId);
