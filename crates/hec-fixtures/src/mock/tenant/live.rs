//! The demo tenant's live events: a new security event every [`LIVE_EVENT_PERIOD`], so that a
//! feed follower (`hec --mock event follow`) sees events arrive.
//!
//! The events are a function of the wall clock: slot `n` is the `n`-th period since
//! [`LIVE_EVENT_EPOCH`], and its event (id, type, severity, the mail it is about, the fraction
//! of a second it is created at) is derived from a fixed seed and `n`. Every mock therefore agrees
//! on which events exist at a given time, so two mocks started one after the other (two `hec
//! --mock` commands) show the same events with the same ids. A mock shows the events created in
//! the last [`LIVE_EVENT_HISTORY`] (from before it started too) and each new one from the moment
//! it is created; older ones leave the tenant, so a long-running mock stays small. A live event
//! is `new` and can be read by id and dismissed like the fixed ones.
//!
//! An event asked for by id (read, or acted on) stays for another [`LIVE_EVENT_HISTORY`] from
//! that moment, and one that has left already comes back for as long (see [`LiveEvents::keep`]):
//! ids a search of one mock found are found by the next mock however late it is asked (`hec
//! --mock event search ... -o ids | hec --mock event dismiss -`, whose second mock would
//! otherwise have dropped the oldest event while the first was still answering), and a dismiss
//! task still finds its events when it runs.

use std::collections::VecDeque;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

use super::data::{EventSeed, MAIL};

/// How often a live event is created: one per slot.
pub const LIVE_EVENT_PERIOD: Duration = Duration::from_secs(3);

/// How long a live event stays in the tenant after it is created.
pub const LIVE_EVENT_HISTORY: Duration = Duration::from_secs(600);

/// The start of slot 0, in seconds since 1970: 2026-01-01T00:00:00Z.
pub const LIVE_EVENT_EPOCH: u64 = 1_767_225_600;

/// The most live events a tenant holds: the history's 200, and those kept by id (the others
/// asked for past it are not brought back).
const MAX_HELD: usize = 10_000;

/// The seed every live event is derived from.
const SEED: u64 = 0x6865_632d_6c69_7665;

/// The types, states and severities a live event takes, in turn by its hash.
const TYPES: [(&str, &str); 4] =
    [("phishing", "4"), ("suspicious_phishing", "3"), ("malware", "5"), ("dlp", "2")];

/// SplitMix64: a well-mixed 64-bit value from `x`.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The id of slot `slot`'s event: 32 lowercase hex digits, the last 8 of them the slot.
pub fn live_event_id(slot: u64) -> String {
    format!("{:016x}{:08x}{:08x}", mix(SEED ^ slot), mix(SEED.rotate_left(17) ^ slot) as u32, slot as u32)
}

/// The slot of a live event's id, or `None` if `id` is no live event's.
pub fn live_event_slot(id: &str) -> Option<u64> {
    let slot = u64::from(u32::from_str_radix(id.get(24..)?, 16).ok()?);
    (live_event_id(slot) == id).then_some(slot)
}

/// When slot `slot`'s event is created: the slot's start plus a fraction of a second from the
/// seed.
pub fn live_event_created(slot: u64) -> std::time::SystemTime {
    std::time::SystemTime::UNIX_EPOCH + Duration::from_micros(created_micros(slot))
}

fn created_micros(slot: u64) -> u64 {
    let period = LIVE_EVENT_PERIOD.as_micros() as u64;
    LIVE_EVENT_EPOCH * 1_000_000 + slot * period + mix(SEED ^ slot ^ 0x5eed) % 1_000_000
}

fn created_at(slot: u64) -> Timestamp {
    Timestamp::from_microsecond(i64::try_from(created_micros(slot)).unwrap_or(i64::MAX))
        .unwrap_or(Timestamp::MAX)
}

/// Slot `slot`'s event as the live service sends it.
pub(crate) fn live_event(slot: u64) -> Value {
    let hash = mix(SEED ^ slot.rotate_left(32));
    let (event_type, severity) = TYPES[(hash % TYPES.len() as u64) as usize];
    let mail = &MAIL[((hash >> 8) % MAIL.len() as u64) as usize];
    let seed = EventSeed { id: "", event_type, state: "new", severity, entity: mail.id, age_minutes: 0 };
    let mut event = seed.event(created_at(slot), 0);
    event["eventId"] = Value::String(live_event_id(slot));
    event
}

/// The live events a tenant holds, by when they leave (each one's creation, or the last time
/// it was asked for by id, plus the history), and the first slot it has not added yet.
#[derive(Debug, Default)]
pub(crate) struct LiveEvents {
    next_slot: u64,
    held: VecDeque<(Timestamp, String)>,
}

/// What catching up with the clock changed: events to add, ids to remove.
pub(crate) struct Changes {
    pub(crate) added: Vec<Value>,
    pub(crate) expired: Vec<String>,
}

impl LiveEvents {
    /// The events created by `now` and not yet added (none older than the history), and the
    /// ids of those that have left the history.
    pub(crate) fn catch_up(&mut self, now: Timestamp) -> Changes {
        let history = SignedDuration::try_from(LIVE_EVENT_HISTORY).unwrap_or(SignedDuration::ZERO);
        let oldest = now.checked_sub(history).unwrap_or(Timestamp::MIN);
        let period = LIVE_EVENT_PERIOD.as_secs().max(1);
        // The first slot that may be inside the history (the one before, whose fraction of a
        // second may put it inside).
        let first = u64::try_from(oldest.as_second()).unwrap_or(0).saturating_sub(LIVE_EVENT_EPOCH) / period;
        let mut slot = self.next_slot.max(first.saturating_sub(1));
        let mut added = Vec::new();
        while created_at(slot) <= now {
            if created_at(slot) > oldest {
                added.push(live_event(slot));
                self.held.push_back((created_at(slot), live_event_id(slot)));
            }
            slot += 1;
        }
        self.next_slot = slot;
        let mut expired = Vec::new();
        while self.held.front().is_some_and(|(created, _)| *created <= oldest) {
            if let Some((_, id)) = self.held.pop_front() {
                expired.push(id);
            }
        }
        Changes { added, expired }
    }

    /// Keeps the live events among `ids` for another history from `now` (after
    /// [`LiveEvents::catch_up`] to `now`): each one held stays, and each one created by `now`
    /// that has left comes back, returned to be added again (as it was created: `new`). Other
    /// ids (fixed events, unknown ones, events not yet created) are left alone.
    pub(crate) fn keep<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>, now: Timestamp) -> Vec<Value> {
        let mut back = Vec::new();
        for id in ids {
            let Some(slot) = live_event_slot(id) else { continue };
            if created_at(slot) > now {
                continue;
            }
            let held = self.held.iter().position(|(_, known)| known == id);
            match held {
                Some(index) => {
                    self.held.remove(index);
                }
                None if self.held.len() >= MAX_HELD => continue,
                None => back.push(live_event(slot)),
            }
            // `now` is no earlier than any time held (each is a creation or a keep by `now`), so
            // the queue stays in order.
            self.held.push_back((now, id.to_owned()));
        }
        back
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(LIVE_EVENT_EPOCH as i64 + seconds).unwrap()
    }

    fn slots(changes: &Changes) -> Vec<u64> {
        changes
            .added
            .iter()
            .map(|event| live_event_slot(event["eventId"].as_str().unwrap()).unwrap())
            .collect()
    }

    #[test]
    fn ids_are_32_hex_digits_that_name_their_slot() {
        for slot in [0, 1, 2, 1_000_000, u64::from(u32::MAX)] {
            let id = live_event_id(slot);
            assert!(id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')), "{id}");
            assert_eq!(live_event_slot(&id), Some(slot));
        }
        assert_ne!(live_event_id(1)[..24], live_event_id(2)[..24]);
        assert_eq!(live_event_slot("61f83c7c454956d7c0b903e2c0a96b02"), None);
        assert_eq!(live_event_slot("short"), None);
    }

    #[test]
    fn each_slot_has_one_event_inside_its_period() {
        for slot in 0..100 {
            let created = created_at(slot);
            assert!(created >= at(3 * slot as i64) && created < at(3 * slot as i64 + 1), "{slot}");
            let event = live_event(slot);
            assert_eq!(event, live_event(slot), "deterministic");
            assert_eq!(event["state"], "new");
            assert!(MAIL.iter().any(|mail| event["entityId"] == mail.id));
            assert!(
                TYPES.iter().any(|(kind, severity)| event["type"] == *kind && event["severity"] == *severity)
            );
        }
    }

    #[test]
    fn a_tenant_holds_the_last_ten_minutes_and_adds_each_event_once_when_it_is_created() {
        let mut live = LiveEvents::default();
        let first = live.catch_up(at(3000));
        // Slots 800..=1000 are created after 2400 (+ a fraction) and by 3000... except 1000 if
        // its fraction puts it after 3000.
        let expected: Vec<u64> = (799..=1000)
            .filter(|slot| created_at(*slot) > at(2400) && created_at(*slot) <= at(3000))
            .collect();
        assert_eq!(slots(&first), expected);
        assert!((199..=201).contains(&expected.len()), "{}", expected.len());
        assert!(first.expired.is_empty());
        let next = live.catch_up(at(3006));
        let expected_next: Vec<u64> = (1000..=1002)
            .filter(|slot| created_at(*slot) > at(3000) && created_at(*slot) <= at(3006))
            .collect();
        assert_eq!(slots(&next), expected_next);
        let gone: Vec<u64> = next.expired.iter().map(|id| live_event_slot(id).unwrap()).collect();
        let expected_gone: Vec<u64> =
            expected.iter().copied().filter(|slot| created_at(*slot) <= at(2406)).collect();
        assert_eq!(gone, expected_gone);
        assert!(live.catch_up(at(3006)).added.is_empty(), "nothing twice");
    }

    #[test]
    fn an_event_asked_for_by_id_stays_another_history_and_one_that_left_comes_back() {
        let mut live = LiveEvents::default();
        live.catch_up(at(3000));
        let (oldest, newest) = (live_event_id(800), live_event_id(999));
        // Slot 800 (created 2400 and a fraction) has left at 3001; slot 999 is held.
        let left = live.catch_up(at(3001)).expired;
        assert_eq!(left, [oldest.as_str()]);
        let ids =
            [oldest.as_str(), newest.as_str(), "61f83c7c454956d7c0b903e2c0a96b02", &live_event_id(5000)];
        let back = live.keep(ids, at(3001));
        assert_eq!(back, [live_event(800)], "the one that left comes back, as it was created");
        assert!(live.keep([oldest.as_str()], at(3001)).is_empty(), "held now: not added twice");
        // Both stay until 3001 + 600, though 999 was created at 2997 and a fraction.
        let later = live.catch_up(at(3600));
        assert!(!later.expired.contains(&oldest) && !later.expired.contains(&newest), "{:?}", later.expired);
        let last = live.catch_up(at(3601)).expired;
        assert!(last.contains(&oldest) && last.contains(&newest), "{last:?}");
    }
}
