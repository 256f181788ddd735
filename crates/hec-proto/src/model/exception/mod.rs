//! The allow and block lists: every exception family the API has, as typed views of what the
//! service answers (each keeping its raw JSON) and typed request bodies that cannot be empty.
//!
//! | family | paths (below the API prefix) | answer items | request bodies |
//! |---|---|---|---|
//! | anti-phishing | `exceptions/{whitelist\|blacklist\|spam_whitelist}[/{excId}]`, `.../delete/{excId}` | [`ApException`] | [`ApExceptionCriteria`] |
//! | security tools | `sectool-exceptions/{checkpoint2\|avanan_url\|avanan_dlp}[/exceptions/{excType}[/{excStr}]]` | [`ToolException`] | [`NewToolException`], [`ToolExceptionUpdate`], [`ToolExceptionDelete`], [`ToolExceptionBulkDelete`], [`ToolExceptionQuery`] |
//! | anomaly | `sectools/anomaly/exceptions` | [`AnomalyException`] | [`NewAnomalyException`], [`AnomalyExceptionDelete`] |
//! | click-time protection | `sectools/click_time_protection/exceptions[/{listId}\|/items[/{itemId}]]` | [`CtpListRow`], [`CtpItem`] | [`CtpItemBody`], [`CtpItemsDelete`] |
//!
//! What goes into a path is validated so that it can never change it: [`ExceptionId`] and
//! [`CtpListId`] are digits, [`CtpItemId`] an opaque token, [`SecTool`] and [`ApExceptionType`]
//! known names, [`ToolExceptionType`] a plain token, and a [`ToolExceptionKey`] (a URL, an
//! address, a file type) is percent-encoded. Sources and what is uncertain: docs/HEC-API.md, part 2,
//! section 1.
//!
//! [`ApException`]: crate::model::ApException
//! [`ApExceptionCriteria`]: crate::model::ApExceptionCriteria
//! [`ToolException`]: crate::model::ToolException
//! [`NewToolException`]: crate::model::NewToolException
//! [`ToolExceptionUpdate`]: crate::model::ToolExceptionUpdate
//! [`ToolExceptionDelete`]: crate::model::ToolExceptionDelete
//! [`ToolExceptionBulkDelete`]: crate::model::ToolExceptionBulkDelete
//! [`ToolExceptionQuery`]: crate::model::ToolExceptionQuery
//! [`AnomalyException`]: crate::model::AnomalyException
//! [`NewAnomalyException`]: crate::model::NewAnomalyException
//! [`AnomalyExceptionDelete`]: crate::model::AnomalyExceptionDelete
//! [`CtpListRow`]: crate::model::CtpListRow
//! [`CtpItem`]: crate::model::CtpItem
//! [`CtpItemBody`]: crate::model::CtpItemBody
//! [`CtpItemsDelete`]: crate::model::CtpItemsDelete
//! [`ExceptionId`]: crate::model::ExceptionId
//! [`CtpListId`]: crate::model::CtpListId
//! [`CtpItemId`]: crate::model::CtpItemId
//! [`SecTool`]: crate::model::SecTool
//! [`ApExceptionType`]: crate::model::ApExceptionType
//! [`ToolExceptionType`]: crate::model::ToolExceptionType
//! [`ToolExceptionKey`]: crate::model::ToolExceptionKey

pub(crate) mod anomaly;
pub(crate) mod anti_phishing;
pub(crate) mod anti_phishing_criteria;
pub(crate) mod click_time;
pub(crate) mod id;
pub(crate) mod invalid;
pub(crate) mod tool;
pub(crate) mod tool_key;
pub(crate) mod tool_request;
