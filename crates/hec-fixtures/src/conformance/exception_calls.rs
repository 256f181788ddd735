//! The exception call a scenario's request names, made with hec-proto's own types: every value
//! of its path parsed as the endpoint takes it, and every field of its body (`request.body`) set
//! through the typed request builders. The conformance run then checks that this call sends
//! exactly the scenario's request, so a body in a fixture is one the typed API can produce.

use hec_proto::endpoint::{
    AllAnomalyExceptions, AllCtpItems, AllCtpLists, CreateAnomalyException, CreateApException, CreateCtpItem,
    CreateToolException, DeleteAnomalyExceptions, DeleteApException, DeleteCtpItem, DeleteCtpItems,
    DeleteCtpLists, DeleteToolException, DeleteToolExceptions, GetApException, GetCtpItem, GetCtpList,
    GetToolException, ListAnomalyExceptions, ListApExceptions, ListCtpItems, ListCtpLists,
    ListToolExceptions, ModifyApException, UpdateCtpItem, UpdateToolException,
};
use hec_proto::model::{
    AnomalyExceptionDelete, ApExceptionCriteria, ApExceptionCriteriaBuilder, CtpItemBody, CtpItemsDelete,
    DomainMatching, LinkCondition, NewAnomalyException, NewToolException, SortDir, TextMatching,
    ToolExceptionBulkDelete, ToolExceptionDelete, ToolExceptionIndex, ToolExceptionKey, ToolExceptionQuery,
    ToolExceptionType, ToolExceptionUpdate,
};
use serde_json::{Map, Value};

use crate::corpus::{Endpoint, Fixture};

/// One exception call, of any endpoint.
pub(super) enum Call {
    ApList(ListApExceptions),
    ApGet(GetApException),
    ApCreate(CreateApException),
    ApModify(ModifyApException),
    ApDelete(DeleteApException),
    ToolGet(GetToolException),
    ToolList(ListToolExceptions),
    ToolCreate(CreateToolException),
    ToolUpdate(UpdateToolException),
    ToolDelete(DeleteToolException),
    ToolDeleteMany(DeleteToolExceptions),
    AnomalyList(ListAnomalyExceptions),
    AnomalyCreate(CreateAnomalyException),
    AnomalyDelete(DeleteAnomalyExceptions),
    CtpLists(ListCtpLists),
    CtpList(GetCtpList),
    CtpItems(ListCtpItems),
    CtpItem(GetCtpItem),
    CtpItemCreate(CreateCtpItem),
    CtpItemUpdate(UpdateCtpItem),
    CtpItemDelete(DeleteCtpItem),
    CtpItemsDelete(DeleteCtpItems),
    CtpListsDelete(DeleteCtpLists),
}

/// The call the scenario's request names, or why it names none.
pub(super) fn of(fixture: &Fixture) -> Result<Call, String> {
    use Endpoint as E;
    let values = |template: &str| placeholders(&fixture.request.path, template);
    let body = || Body::of(fixture);
    Ok(match fixture.endpoint {
        E::ExceptionList => Call::ApList(ListApExceptions::new(parse(values("/exceptions/{excType}")?[0])?)),
        E::ExceptionGet => {
            let v = values("/exceptions/{excType}/{excId}")?;
            Call::ApGet(GetApException::new((parse(v[0])?, parse(v[1])?)))
        }
        E::ExceptionCreate => {
            let v = values("/exceptions/{excType}")?;
            Call::ApCreate(CreateApException::new((parse(v[0])?, body()?.read(criteria)?)))
        }
        E::ExceptionModify => {
            let v = values("/exceptions/{excType}/{excId}")?;
            Call::ApModify(ModifyApException::new((parse(v[0])?, parse(v[1])?, body()?.read(criteria)?)))
        }
        E::ExceptionDelete => {
            let v = values("/exceptions/{excType}/delete/{excId}")?;
            Call::ApDelete(DeleteApException::new((parse(v[0])?, parse(v[1])?)))
        }
        E::SectoolExceptionGet => {
            let v = values("/sectool-exceptions/{sectool}/exceptions/{toolType}/{excStr}")?;
            let key = crate::percent::decode(v[2]).ok_or("request.path: a broken percent-encoding")?;
            Call::ToolGet(GetToolException::new((parse(v[0])?, parse(v[1])?, parse(&key)?)))
        }
        E::SectoolExceptionList => {
            let v = values("/sectool-exceptions/{sectool}/exceptions/{toolType}")?;
            let query = ToolExceptionQuery::new(parse(v[0])?, parse(v[1])?);
            let query = match fixture.request.body {
                Some(_) => body()?.read(|data| list_query(data, query))?,
                None => query,
            };
            Call::ToolList(ListToolExceptions::new(query))
        }
        E::SectoolExceptionCreate => {
            let tool = parse(values("/sectool-exceptions/{sectool}")?[0])?;
            Call::ToolCreate(CreateToolException::new((tool, body()?.read(new_tool_exception)?)))
        }
        E::SectoolExceptionUpdate => {
            let tool = parse(values("/sectool-exceptions/{sectool}")?[0])?;
            Call::ToolUpdate(UpdateToolException::new((tool, body()?.read(tool_update)?)))
        }
        E::SectoolExceptionDelete => {
            let tool = parse(values("/sectool-exceptions/{sectool}")?[0])?;
            Call::ToolDelete(DeleteToolException::new((tool, body()?.read(tool_delete)?)))
        }
        E::SectoolExceptionDeleteMany => {
            let tool = parse(values("/sectool-exceptions/{sectool}/exceptions")?[0])?;
            Call::ToolDeleteMany(DeleteToolExceptions::new((tool, body()?.read(tool_delete_many)?)))
        }
        E::AnomalyExceptionList => {
            values("/sectools/anomaly/exceptions")?;
            Call::AnomalyList(ListAnomalyExceptions::new(AllAnomalyExceptions))
        }
        E::AnomalyExceptionCreate => {
            values("/sectools/anomaly/exceptions")?;
            Call::AnomalyCreate(CreateAnomalyException::new(body()?.read(new_anomaly_exception)?))
        }
        E::AnomalyExceptionDelete => {
            values("/sectools/anomaly/exceptions")?;
            Call::AnomalyDelete(DeleteAnomalyExceptions::new(body()?.read(anomaly_delete)?))
        }
        E::CtpLists => {
            values("/sectools/click_time_protection/exceptions")?;
            Call::CtpLists(ListCtpLists::new(AllCtpLists))
        }
        E::CtpList => {
            let v = values("/sectools/click_time_protection/exceptions/{listId}")?;
            Call::CtpList(GetCtpList::new(parse(v[0])?))
        }
        E::CtpItems => {
            values("/sectools/click_time_protection/exceptions/items")?;
            Call::CtpItems(ListCtpItems::new(AllCtpItems))
        }
        E::CtpItem => {
            let v = values("/sectools/click_time_protection/exceptions/items/{itemId}")?;
            Call::CtpItem(GetCtpItem::new(parse(v[0])?))
        }
        E::CtpItemCreate => {
            values("/sectools/click_time_protection/exceptions/items")?;
            Call::CtpItemCreate(CreateCtpItem::new(body()?.read(ctp_item)?))
        }
        E::CtpItemUpdate => {
            let v = values("/sectools/click_time_protection/exceptions/items/{itemId}")?;
            Call::CtpItemUpdate(UpdateCtpItem::new((parse(v[0])?, body()?.read(ctp_item)?)))
        }
        E::CtpItemDelete => {
            let v = values("/sectools/click_time_protection/exceptions/items/{itemId}")?;
            Call::CtpItemDelete(DeleteCtpItem::new(parse(v[0])?))
        }
        E::CtpItemsDelete => {
            values("/sectools/click_time_protection/exceptions/items")?;
            Call::CtpItemsDelete(DeleteCtpItems::new(body()?.read(ctp_items_delete)?))
        }
        E::CtpListsDelete => {
            values("/sectools/click_time_protection/exceptions")?;
            Call::CtpListsDelete(DeleteCtpLists::new(AllCtpLists))
        }
        other => return Err(format!("{other:?} is not an exception endpoint")),
    })
}

/// The values of the `{...}` segments of `template` (below the API prefix) in `path`, which
/// must have the template's other segments as they are.
fn placeholders<'p>(path: &'p str, template: &str) -> Result<Vec<&'p str>, String> {
    let shape = || format!("request.path {path:?} does not have the shape {template}");
    let rest = path.strip_prefix(hec_proto::endpoint::API_PREFIX).ok_or_else(shape)?;
    let sent: Vec<&str> = rest.split('/').collect();
    let wanted: Vec<&str> = template.split('/').collect();
    if sent.len() != wanted.len() {
        return Err(shape());
    }
    let mut values = Vec::new();
    for (segment, part) in sent.into_iter().zip(wanted) {
        if part.starts_with('{') {
            values.push(segment);
        } else if part != segment {
            return Err(shape());
        }
    }
    Ok(values)
}

/// A value of the request, as its type takes it.
fn parse<T: std::str::FromStr<Err: std::fmt::Display>>(text: &str) -> Result<T, String> {
    text.parse().map_err(|e| format!("request: {text:?}: {e}"))
}

/// The fields of a request body's `requestData`, each taken once; any left over is an error.
struct Body {
    fields: Map<String, Value>,
}

impl Body {
    /// The scenario's body, which must be `{"requestData": {...}}`.
    fn of(fixture: &Fixture) -> Result<Body, String> {
        let body = fixture.request.body.as_ref().ok_or("request.body: a write's scenario gives its body")?;
        match body {
            Value::Object(outer) if outer.len() == 1 => match outer.get("requestData") {
                Some(Value::Object(fields)) => Ok(Body { fields: fields.clone() }),
                _ => Err("request.body: expected {\"requestData\": {...}}".to_owned()),
            },
            _ => Err("request.body: expected {\"requestData\": {...}}".to_owned()),
        }
    }

    /// `read` over the fields; then none may be left.
    fn read<T>(mut self, read: impl FnOnce(&mut Body) -> Result<T, String>) -> Result<T, String> {
        let value = read(&mut self)?;
        match self.fields.keys().next() {
            Some(name) => Err(format!("request.body: requestData.{name} is not a field the request sends")),
            None => Ok(value),
        }
    }

    fn take(&mut self, name: &str) -> Option<Value> {
        self.fields.remove(name)
    }

    fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(other) => Err(format!("request.body: requestData.{name} is {other}, not a text")),
        }
    }

    fn required(&mut self, name: &str) -> Result<String, String> {
        self.text(name)?.ok_or_else(|| format!("request.body: requestData.{name} is missing"))
    }

    fn flag(&mut self, name: &str) -> Result<Option<bool>, String> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(flag)),
            Some(other) => Err(format!("request.body: requestData.{name} is {other}, not a boolean")),
        }
    }

    fn texts(&mut self, name: &str) -> Result<Vec<String>, String> {
        match self.take(name) {
            Some(Value::Array(items)) => items
                .into_iter()
                .map(|item| match item {
                    Value::String(text) => Ok(text),
                    other => Err(format!("request.body: requestData.{name} holds {other}, not a text")),
                })
                .collect(),
            other => Err(format!("request.body: requestData.{name} is {other:?}, not a list")),
        }
    }

    /// `entityType` and `entityId`, both or neither.
    fn entity(&mut self) -> Result<Option<(String, hec_proto::EntityId)>, String> {
        match (self.text("entityType")?, self.text("entityId")?) {
            (Some(kind), Some(id)) => Ok(Some((kind, parse(&id)?))),
            (None, None) => Ok(None),
            _ => Err("request.body: entityType and entityId come together".to_owned()),
        }
    }

    fn exception_type(&mut self) -> Result<ToolExceptionType, String> {
        parse(&self.required("exceptionType")?)
    }

    fn key(&mut self) -> Result<ToolExceptionKey, String> {
        parse(&self.required("exceptionStr")?)
    }

    /// `exceptionPayload.condition`, if the body has a payload.
    fn condition(&mut self) -> Result<Option<LinkCondition>, String> {
        let Some(payload) = self.take("exceptionPayload") else { return Ok(None) };
        let condition = payload.get("condition").and_then(Value::as_str).unwrap_or_default();
        let known = [LinkCondition::WithOrWithoutLink, LinkCondition::WithLink, LinkCondition::WithoutLink];
        match (payload.as_object().map(Map::len), known.into_iter().find(|c| c.as_str() == condition)) {
            (Some(1), Some(condition)) => Ok(Some(condition)),
            _ => Err(format!(
                "request.body: requestData.exceptionPayload {payload} is not {{\"condition\": ...}}"
            )),
        }
    }
}

/// One of `choices` by its wire text.
fn choice<T: Copy>(
    name: &str,
    text: &str,
    choices: &[T],
    as_str: fn(T) -> &'static str,
) -> Result<T, String> {
    choices
        .iter()
        .copied()
        .find(|choice| as_str(*choice) == text)
        .ok_or_else(|| format!("request.body: requestData.{name} {text:?} is not a value the builder takes"))
}

/// A boolean sent as the text `"true"` or `"false"`.
fn flag_text(name: &str, text: &str) -> Result<bool, String> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(format!("request.body: requestData.{name} {other:?} is not \"true\" or \"false\"")),
    }
}

/// An anti-phishing create's or modify's criteria.
fn criteria(body: &mut Body) -> Result<ApExceptionCriteria, String> {
    type Setter = fn(ApExceptionCriteriaBuilder, String) -> ApExceptionCriteriaBuilder;
    type Matching = fn(ApExceptionCriteriaBuilder, TextMatching) -> ApExceptionCriteriaBuilder;
    let texts: [(&str, Setter); 10] = [
        ("senderEmail", ApExceptionCriteriaBuilder::sender_email),
        ("senderName", ApExceptionCriteriaBuilder::sender_name),
        ("senderDomain", ApExceptionCriteriaBuilder::sender_domain),
        ("senderIp", ApExceptionCriteriaBuilder::sender_ip),
        ("senderClientIp", ApExceptionCriteriaBuilder::sender_client_ip),
        ("recipient", ApExceptionCriteriaBuilder::recipient),
        ("subject", ApExceptionCriteriaBuilder::subject),
        ("attachmentMd5", ApExceptionCriteriaBuilder::attachment_md5),
        ("actionNeeded", ApExceptionCriteriaBuilder::action_needed),
        ("comment", ApExceptionCriteriaBuilder::comment),
    ];
    let matchings: [(&str, Matching); 5] = [
        ("senderEmailMatching", ApExceptionCriteriaBuilder::sender_email_matching),
        ("senderNameMatching", ApExceptionCriteriaBuilder::sender_name_matching),
        ("recipientMatching", ApExceptionCriteriaBuilder::recipient_matching),
        ("subjectMatching", ApExceptionCriteriaBuilder::subject_matching),
        ("linkDomainMatching", ApExceptionCriteriaBuilder::link_domain_matching),
    ];
    let text_modes = [TextMatching::Matching, TextMatching::Contains, TextMatching::Exact];
    let domain_modes = [DomainMatching::Contains, DomainMatching::EndsWith, DomainMatching::Exact];
    let mut builder = ApExceptionCriteria::builder();
    if let Some(id) = body.text("entityId")? {
        builder = builder.entity_id(parse(&id)?);
    }
    for (name, set) in texts {
        if let Some(text) = body.text(name)? {
            builder = set(builder, text);
        }
    }
    for (name, set) in matchings {
        if let Some(text) = body.text(name)? {
            builder = set(builder, choice(name, &text, &text_modes, TextMatching::as_str)?);
        }
    }
    if let Some(text) = body.text("senderDomainMatching")? {
        let mode = choice("senderDomainMatching", &text, &domain_modes, DomainMatching::as_str)?;
        builder = builder.sender_domain_matching(mode);
    }
    if body.fields.contains_key("linkDomains") {
        for domain in body.texts("linkDomains")? {
            builder = builder.link_domain(domain);
        }
    }
    builder = builder.ignoring_spf_check(body.flag("ignoringSpfCheck")?.unwrap_or(false));
    if let Some(text) = body.text("matchOnlyFuture")? {
        builder = builder.match_only_future(flag_text("matchOnlyFuture", &text)?);
    }
    if let Some(text) = body.text("quarantineAll")? {
        builder = builder.quarantine_all(flag_text("quarantineAll", &text)?);
    }
    builder.build().map_err(|e| format!("request.body: {e}"))
}

/// A tool list's query.
fn list_query(body: &mut Body, mut query: ToolExceptionQuery) -> Result<ToolExceptionQuery, String> {
    let indexes = [
        ToolExceptionIndex::InsertTime,
        ToolExceptionIndex::EntityTypeId,
        ToolExceptionIndex::ExceptionStr,
        ToolExceptionIndex::FileName,
        ToolExceptionIndex::CreatedByEmail,
        ToolExceptionIndex::Comment,
    ];
    match (body.text("filterIndex")?, body.text("filterStr")?) {
        (Some(index), Some(text)) => {
            query = query.filter(choice("filterIndex", &index, &indexes, ToolExceptionIndex::as_str)?, text)
        }
        (None, None) => {}
        _ => return Err("request.body: filterIndex and filterStr come together".to_owned()),
    }
    if let Some(text) = body.text("sortDir")? {
        query = query.sort(choice("sortDir", &text, &[SortDir::Asc, SortDir::Desc], SortDir::as_str)?);
    }
    if let Some(key) = body.text("lastEvaluatedKey")? {
        query = query.after(key);
    }
    query = query.insert_time_gte(body.flag("insertTimeGte")?.unwrap_or(false));
    match body.take("limit") {
        None => {}
        Some(limit) => {
            let limit = limit.as_u64().and_then(|limit| u32::try_from(limit).ok());
            query = query.limit(limit.ok_or("request.body: requestData.limit is not a page size")?);
        }
    }
    Ok(query)
}

fn new_tool_exception(body: &mut Body) -> Result<NewToolException, String> {
    let mut new = NewToolException::new(body.exception_type()?, body.key()?);
    if let Some((kind, id)) = body.entity()? {
        new = new.entity(kind, id);
    }
    if let Some(name) = body.text("fileName")? {
        new = new.file_name(name);
    }
    if let Some(address) = body.text("createdByEmail")? {
        new = new.created_by_email(address);
    }
    new = new.exclusive(body.flag("isExclusive")?.unwrap_or(false));
    if let Some(comment) = body.text("comment")? {
        new = new.comment(comment);
    }
    if let Some(condition) = body.condition()? {
        new = new.condition(condition);
    }
    Ok(new)
}

fn tool_update(body: &mut Body) -> Result<ToolExceptionUpdate, String> {
    let mut update = ToolExceptionUpdate::builder(body.exception_type()?, body.key()?);
    if let Some(comment) = body.text("comment")? {
        update = update.comment(comment);
    }
    if let Some(condition) = body.condition()? {
        update = update.condition(condition);
    }
    update.build().map_err(|e| format!("request.body: {e}"))
}

fn tool_delete(body: &mut Body) -> Result<ToolExceptionDelete, String> {
    let delete = ToolExceptionDelete::new(body.exception_type()?, body.key()?);
    Ok(match body.entity()? {
        Some((kind, id)) => delete.entity(kind, id),
        None => delete,
    })
}

fn tool_delete_many(body: &mut Body) -> Result<ToolExceptionBulkDelete, String> {
    let kind = body.exception_type()?;
    let keys = body.texts("exceptionStrList")?.iter().map(|key| parse(key)).collect::<Result<Vec<_>, _>>()?;
    let many = ToolExceptionBulkDelete::new(kind, keys).map_err(|e| format!("request.body: {e}"))?;
    Ok(match body.entity()? {
        Some((kind, id)) => many.entity(kind, id),
        None => many,
    })
}

fn new_anomaly_exception(body: &mut Body) -> Result<NewAnomalyException, String> {
    let rule = match body.take("requestJson") {
        Some(Value::Object(rule)) => rule,
        other => return Err(format!("request.body: requestData.requestJson is {other:?}, not an object")),
    };
    let new = NewAnomalyException::new(rule).map_err(|e| format!("request.body: {e}"))?;
    Ok(match body.text("addedBy")? {
        Some(address) => new.added_by(address),
        None => new,
    })
}

fn anomaly_delete(body: &mut Body) -> Result<AnomalyExceptionDelete, String> {
    let ids = body.texts("ruleId")?.iter().map(|id| parse(id)).collect::<Result<Vec<_>, _>>()?;
    AnomalyExceptionDelete::new(ids).map_err(|e| format!("request.body: {e}"))
}

fn ctp_item(body: &mut Body) -> Result<CtpItemBody, String> {
    let list = parse(&body.required("listId")?)?;
    CtpItemBody::new(list, body.required("listItemName")?, body.required("createdBy")?)
        .map_err(|e| format!("request.body: {e}"))
}

fn ctp_items_delete(body: &mut Body) -> Result<CtpItemsDelete, String> {
    let ids = body.texts("listItemIds")?.iter().map(|id| parse(id)).collect::<Result<Vec<_>, _>>()?;
    CtpItemsDelete::new(ids).map_err(|e| format!("request.body: {e}"))
}
