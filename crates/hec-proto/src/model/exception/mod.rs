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
//! address, a file type) is percent-encoded. Sources and what is uncertain: HEC-API.md, part 2,
//! section 1.
//!
//! [`ApException`]: crate::ApException
//! [`ApExceptionCriteria`]: crate::ApExceptionCriteria
//! [`ToolException`]: crate::ToolException
//! [`NewToolException`]: crate::NewToolException
//! [`ToolExceptionUpdate`]: crate::ToolExceptionUpdate
//! [`ToolExceptionDelete`]: crate::ToolExceptionDelete
//! [`ToolExceptionBulkDelete`]: crate::ToolExceptionBulkDelete
//! [`ToolExceptionQuery`]: crate::ToolExceptionQuery
//! [`AnomalyException`]: crate::AnomalyException
//! [`NewAnomalyException`]: crate::NewAnomalyException
//! [`AnomalyExceptionDelete`]: crate::AnomalyExceptionDelete
//! [`CtpListRow`]: crate::CtpListRow
//! [`CtpItem`]: crate::CtpItem
//! [`CtpItemBody`]: crate::CtpItemBody
//! [`CtpItemsDelete`]: crate::CtpItemsDelete
//! [`ExceptionId`]: crate::ExceptionId
//! [`CtpListId`]: crate::CtpListId
//! [`CtpItemId`]: crate::CtpItemId
//! [`SecTool`]: crate::SecTool
//! [`ApExceptionType`]: crate::ApExceptionType
//! [`ToolExceptionType`]: crate::ToolExceptionType
//! [`ToolExceptionKey`]: crate::ToolExceptionKey

pub(crate) mod anomaly;
pub(crate) mod anti_phishing;
pub(crate) mod anti_phishing_criteria;
pub(crate) mod click_time;
pub(crate) mod id;
pub(crate) mod invalid;
pub(crate) mod tool;
pub(crate) mod tool_key;
pub(crate) mod tool_request;
