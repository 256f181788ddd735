//! A pager's memory does not grow with its pages, measured by a counting global allocator: fed
//! page after page, each with a new cursor, it holds the last cursor and a bounded number of
//! digests, whatever the number of pages. One test only: the allocator counts the whole process,
//! so this is a test binary of its own, not a module of `tests/it`.

use std::time::SystemTime;

use hec_proto::endpoint::MAX_CURSOR_BYTES;
use hec_proto::policy::{CURSORS_REMEMBERED, Pager};
use hec_proto::{Entity, EntityQuery, Page};
use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// The bytes allocated and not yet freed, process-wide (stats_alloc counts a reallocation's
/// growth as allocated and its shrinking as freed).
fn live_bytes() -> isize {
    let stats = GLOBAL.stats();
    let allocated = isize::try_from(stats.bytes_allocated).expect("fits");
    let freed = isize::try_from(stats.bytes_deallocated).expect("fits");
    allocated - freed
}

/// Feeds pages `from..to`, each with one item and a cursor of `bytes` bytes that no page had
/// before, asking for the next page after each.
fn feed(pager: &mut Pager<EntityQuery>, entity: &Entity, from: usize, to: usize, bytes: usize) {
    for n in from..to {
        let mut cursor = format!("{n:08}");
        cursor.extend(std::iter::repeat_n('c', bytes - cursor.len()));
        pager.handle_page(&Page::new(vec![entity.clone()], Some(cursor)));
        let call = pager.poll_call().expect("a new cursor asks for one more page");
        assert_eq!(call.cursor.as_deref().map(|cursor| &cursor[..8]), Some(format!("{n:08}").as_str()));
    }
}

#[test]
fn a_pagers_memory_does_not_grow_with_its_pages() {
    let entity: Entity = serde_json::from_str("{}").expect("an entity");
    let mut pager = Pager::new(EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH));

    // Cursors of the largest size allowed: keeping each would add 64 KiB a page.
    feed(&mut pager, &entity, 0, 10, MAX_CURSOR_BYTES);
    let after_10 = live_bytes();
    feed(&mut pager, &entity, 10, 210, MAX_CURSOR_BYTES);
    let grown = live_bytes() - after_10;
    // 200 more digests of 8 bytes, in a deque that doubles: at most 4 KiB.
    assert!(grown <= 4 * 1024, "200 pages of 64 KiB cursors grew the pager by {grown} bytes");

    // Past the number of cursors remembered, the digests stop growing: not one byte more.
    feed(&mut pager, &entity, 210, CURSORS_REMEMBERED + 10, 64);
    let full = live_bytes();
    feed(&mut pager, &entity, CURSORS_REMEMBERED + 10, CURSORS_REMEMBERED + 1_010, 64);
    assert_eq!(live_bytes() - full, 0, "a thousand pages past the cap grew the pager");
    assert_eq!((pager.pages() as usize, pager.is_done()), (CURSORS_REMEMBERED + 1_010, false));
}
