//! The opaque ids of the API (tasks, entities, events): one validation, so no id can ever change
//! a request's path, and one macro that gives each kind its type and its error.

/// The longest id of any kind accepted (task, entity or event).
pub(crate) const MAX_ID_LEN: usize = 128;

/// Why a text is not an id, before it is named for its kind.
pub(crate) enum IdProblem {
    Empty,
    TooLong(usize),
    BadCharacter { character: char, position: usize },
}

/// Checks an id's text: 1 to [`MAX_ID_LEN`] characters of `A-Z a-z 0-9 _ -`. The first bad
/// character is reported before the length.
pub(crate) fn check(text: &str) -> Result<(), IdProblem> {
    if text.is_empty() {
        return Err(IdProblem::Empty);
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    // The common case byte by byte (a byte past ASCII is no allowed character either); the
    // characters are walked only to name a bad one.
    if text.len() <= MAX_ID_LEN && text.bytes().all(|byte| allowed(char::from(byte))) {
        return Ok(());
    }
    if let Some((position, character)) = text.chars().enumerate().find(|(_, c)| !allowed(*c)) {
        return Err(IdProblem::BadCharacter { character, position });
    }
    // Every accepted character is ASCII, so bytes and characters agree from here on.
    if text.len() > MAX_ID_LEN {
        return Err(IdProblem::TooLong(text.len()));
    }
    Ok(())
}

/// What every id type shares, whatever its validation (`$name::new`, the caller's): the type
/// itself, its error enum (`Empty`, `TooLong` and the caller's `$third` variants), `as_str`,
/// `FromStr`, `Display`, `AsRef<str>`, `From<u64>`, and `Deserialize` from a string or a
/// non-negative integer (keeping the integer's text), `$expecting` saying what is read. Used by
/// [`opaque_id!`] and the exception ids' `digits_id!`.
macro_rules! id_type {
    (
        $(#[$meta:meta])*
        $name:ident, $error:ident, $kind:literal, $expecting:expr, { $($third:tt)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        #[doc = concat!("Why a text is not a valid ", $kind, " id.")]
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        #[non_exhaustive]
        pub enum $error {
            /// The text is empty.
            #[error("invalid {kind} id: it is empty", kind = $kind)]
            Empty,
            /// The text is longer than 128 characters.
            #[error("invalid {kind} id: it has {length} characters, at most 128 are allowed", length = .0, kind = $kind)]
            TooLong(usize),
            $($third)*
        }

        impl $name {
            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $error;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $name::new(text)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<u64> for $name {
            fn from(number: u64) -> Self {
                $name(number.to_string())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: ::serde::de::Error>(self, text: &str) -> Result<$name, E> {
                        $name::new(text).map_err(E::custom)
                    }

                    fn visit_u64<E: ::serde::de::Error>(self, number: u64) -> Result<$name, E> {
                        Ok($name::from(number))
                    }

                    fn visit_i64<E: ::serde::de::Error>(self, number: i64) -> Result<$name, E> {
                        u64::try_from(number)
                            .map($name::from)
                            .map_err(|_| E::invalid_value(::serde::de::Unexpected::Signed(number), &self))
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    };
}

pub(crate) use id_type;

/// Defines an opaque id type and its error enum: `new`, `as_str`, `FromStr`, `Display`,
/// `AsRef<str>`, `From<u64>`, and `Deserialize` from a string or a non-negative integer (keeping
/// the integer's text). `Serialize` is the caller's: task ids keep a number's shape, others are
/// strings.
macro_rules! opaque_id {
    (
        $(#[$meta:meta])*
        $name:ident, $error:ident, $kind:literal
    ) => {
        $crate::model::id::id_type!(
            $(#[$meta])*
            $name, $error, $kind, concat!($kind, " id (a string or an integer)"), {
                /// The text holds a character outside `A-Z a-z 0-9 _ -`.
                #[error(
                    "invalid {kind} id: character {character:?} at position {position} is not allowed (use A-Z, a-z, 0-9, '_' and '-')",
                    kind = $kind
                )]
                BadCharacter {
                    /// The first character that is not allowed.
                    character: char,
                    /// Its position, counted in characters from 0.
                    position: usize,
                },
            }
        );

        impl $name {
            #[doc = concat!("Checks a text and makes it ", stringify!($name), ".")]
            pub fn new(text: impl Into<String>) -> Result<Self, $error> {
                let text = text.into();
                match $crate::model::id::check(&text) {
                    Ok(()) => Ok($name(text)),
                    Err($crate::model::id::IdProblem::Empty) => Err($error::Empty),
                    Err($crate::model::id::IdProblem::TooLong(length)) => Err($error::TooLong(length)),
                    Err($crate::model::id::IdProblem::BadCharacter { character, position }) => {
                        Err($error::BadCharacter { character, position })
                    }
                }
            }
        }
    };
}

pub(crate) use opaque_id;

opaque_id!(
    /// The id of an entity (an e-mail, a file...), as search answers carry it
    /// (`entityInfo.entityId`) and `GET /search/entity/{entityId}` and `POST /action/entity` take
    /// it.
    ///
    /// An opaque token (the ids seen are 32 hex characters), validated like a [`TaskId`]: 1 to 128
    /// characters of `A-Z a-z 0-9 _ -`, so it can never add a path segment, a query or a fragment
    /// to a URL. It serializes as a string.
    ///
    /// ```
    /// use hec_proto::EntityId;
    /// let id: EntityId = "0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e".parse()?;
    /// assert_eq!(id.as_str(), "0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e");
    /// let err = "a/b".parse::<EntityId>().unwrap_err();
    /// assert_eq!(err.to_string(), "invalid entity id: character '/' at position 1 is not allowed (use A-Z, a-z, 0-9, '_' and '-')");
    /// # Ok::<(), hec_proto::model::InvalidEntityId>(())
    /// ```
    ///
    /// [`TaskId`]: crate::TaskId
    EntityId,
    InvalidEntityId,
    "entity"
);

opaque_id!(
    /// The id of a security event (`eventId`), as `POST /event/query` answers carry it and
    /// `GET /event/{eventId}` and `POST /action/event` take it.
    ///
    /// An opaque token validated like a [`TaskId`] (1 to 128 characters of `A-Z a-z 0-9 _ -`).
    /// It serializes as a string.
    ///
    /// ```
    /// use hec_proto::EventId;
    /// let id: EventId = "9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f".parse()?;
    /// assert_eq!(id.to_string(), "9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f");
    /// assert_eq!("".parse::<EventId>().unwrap_err().to_string(), "invalid event id: it is empty");
    /// # Ok::<(), hec_proto::model::InvalidEventId>(())
    /// ```
    ///
    /// [`TaskId`]: crate::TaskId
    EventId,
    InvalidEventId,
    "event"
);

/// `Serialize` as a string, for the ids that are strings on the wire whatever they look like
/// (entity and event ids here, the exception ids in `model::exception::id`).
macro_rules! serialize_as_text {
    ($($name:ident),*) => {$(
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    )*};
}

pub(crate) use serialize_as_text;

serialize_as_text!(EntityId, EventId);
