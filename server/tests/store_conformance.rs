//! One behaviour, two stores: every storage trait method is checked against SQLite (always) and PostgreSQL (when
//! `KOLTRUST_TEST_DATABASE` names a server the test may create databases on — `cargo xtask test` starts a
//! throwaway cluster and sets it). The same function runs on both, so the backends cannot drift apart.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::complaint::model::{ComplaintSubmission, ProfileRef};
use koltrust::complaint::{validate, ComplaintStatus};
use koltrust::registry::sample::{generate, SampleSpec};
use koltrust::registry::Date;
use koltrust_server::store::postgres::{create_database, PostgresStore};
use koltrust_server::store::sqlite::SqliteStore;
use koltrust_server::store::{ListFilter, NewComplaint, Publication, PublishedFile, Store, StoreError};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

fn complaint(id: &str, account: &str, received_ms: i64) -> NewComplaint {
    let submission = ComplaintSubmission {
        id: id.into(),
        profile: ProfileRef {
            platform: "tiktok".into(),
            id_type: "handle".into(),
            account_id: account.into(),
            url: None,
        },
        category: "misleading_claim".into(),
        note: "Quảng cáo sai sự thật (dữ liệu thử nghiệm)".into(),
        locale: "vi".into(),
        created: 1_764_374_400_000,
        ..Default::default()
    };
    NewComplaint {
        complaint: validate(&submission).expect("a valid complaint"),
        receipt: format!("R-{id}"),
        received_ms,
    }
}

fn publication(sequence: u64) -> Publication {
    Publication {
        sequence,
        issued: 1_764_374_400,
        expires: 1_764_979_200,
        sha256: format!("{sequence:064x}"),
        bytes: 100,
        records: 3,
        accounts: 5,
        published_ms: 1_764_374_400_000,
    }
}

fn files(sequence: u64, tag: &str) -> Vec<PublishedFile> {
    vec![
        PublishedFile {
            path: format!("snapshots/{sequence}.bin"),
            bytes: format!("snapshot {sequence} {tag}").into_bytes(),
        },
        PublishedFile {
            path: "manifest".into(),
            bytes: format!("manifest {sequence}").into_bytes(),
        },
    ]
}

/// The whole contract, on an empty store.
fn conformance(store: &dyn Store) {
    // Idempotent batch insert: a repeat inside the batch and a repeat of a stored id answer the first receipt.
    let a = complaint("0001-aaaa", "lan.review.demo0", 1_000);
    let b = complaint("0002-bbbb", "lan.review.demo0", 2_000);
    let mut a_again = complaint("0001-aaaa", "lan.review.demo0", 3_000);
    a_again.receipt = "R-other".into();
    let got = store.insert_batch(&[a.clone(), b.clone(), a_again.clone()]).unwrap();
    assert_eq!(
        got.iter()
            .map(|i| (i.receipt.as_str(), i.duplicate))
            .collect::<Vec<_>>(),
        [("R-0001-aaaa", false), ("R-0002-bbbb", false), ("R-0001-aaaa", true)]
    );
    assert_eq!(got[2].received_ms, 1_000, "a duplicate answers the stored time");
    let again = store.insert_batch(&[a_again]).unwrap();
    assert!(again[0].duplicate && again[0].receipt == "R-0001-aaaa");
    assert_eq!(store.count().unwrap(), 2);
    assert!(store.insert_batch(&[]).unwrap().is_empty());

    // Reads.
    let st = store.status("R-0002-bbbb").unwrap().unwrap();
    assert_eq!(
        (st.status, st.received_ms, st.updated_ms),
        (ComplaintStatus::Received, 2_000, 2_000)
    );
    assert!(store.status("R-none").unwrap().is_none());
    let full = store.get("R-0001-aaaa").unwrap().unwrap();
    assert_eq!(full.complaint.id, "0001-aaaa");
    assert!(store.get("R-none").unwrap().is_none());
    let listed = store
        .list(&ListFilter {
            status: None,
            limit: 10,
            offset: 0,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        listed.iter().map(|c| c.receipt.as_str()).collect::<Vec<_>>(),
        ["R-0002-bbbb", "R-0001-aaaa"],
        "newest first"
    );
    let page = store
        .list(&ListFilter {
            status: None,
            limit: 1,
            offset: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].receipt, "R-0001-aaaa");

    // The lifecycle, audited in the same transaction.
    let moved = store
        .set_status("R-0001-aaaa", ComplaintStatus::Reviewing, "test", "looking")
        .unwrap();
    assert_eq!(moved.status, ComplaintStatus::Reviewing);
    assert!(moved.updated_ms >= 1_000);
    match store.set_status("R-0001-aaaa", ComplaintStatus::Received, "test", "") {
        Err(StoreError::InvalidTransition { from, to }) => {
            assert_eq!((from, to), (ComplaintStatus::Reviewing, ComplaintStatus::Received))
        }
        other => panic!("expected an invalid transition, got {other:?}"),
    }
    assert!(matches!(
        store.set_status("R-none", ComplaintStatus::Reviewing, "test", ""),
        Err(StoreError::NotFound)
    ));
    let history = store.audit_entries(Some("R-0001-aaaa"), 10).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].actor.as_str(), history[0].action.as_str()),
        ("test", "complaint.set_status")
    );
    assert!(history[0].detail.contains("looking"));
    let reviewing = store
        .list(&ListFilter {
            status: Some(ComplaintStatus::Reviewing),
            limit: 10,
            offset: 0,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(reviewing.len(), 1);

    // Counts and export order (oldest first, filtered).
    let mut counts = store.counts_by_account().unwrap();
    counts.sort_by_key(|c| c.status.as_str());
    assert_eq!(
        counts.iter().map(|c| (c.status, c.count)).collect::<Vec<_>>(),
        [(ComplaintStatus::Received, 1), (ComplaintStatus::Reviewing, 1)]
    );
    let mut seen = Vec::new();
    store
        .for_each(None, &mut |c| {
            seen.push(c.receipt);
            Ok(())
        })
        .unwrap();
    assert_eq!(seen, ["R-0001-aaaa", "R-0002-bbbb"]);
    let mut only = 0;
    store
        .for_each(Some(ComplaintStatus::Received), &mut |_| {
            only += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(only, 1);

    // Registry records: upsert replaces, in id order, audited.
    let today = Date::parse("2026-01-01").unwrap();
    let mut records = generate(SampleSpec {
        records: 3,
        seed: 7,
        today,
    });
    store
        .upsert_records(&records, "test", "registry.import", "three")
        .unwrap();
    records[1].name = "Đổi tên / Renamed".into();
    store
        .upsert_records(&records[1..2], "test", "registry.edit", "rename")
        .unwrap();
    let stored = store.records().unwrap();
    assert_eq!(stored.len(), 3);
    assert!(stored.windows(2).all(|w| w[0].id < w[1].id), "id order");
    assert_eq!(store.record(&records[1].id).unwrap().unwrap().name, "Đổi tên / Renamed");
    assert!(store.record("KT-none").unwrap().is_none());
    let edits = store.audit_entries(Some(&records[1].id), 10).unwrap();
    assert_eq!(edits.last().unwrap().action, "registry.edit");

    // Publications: one sequence at a time, files stored with them, old files pruned.
    assert!(store.publications(5).unwrap().is_empty());
    store
        .add_publication(&publication(1), &files(1, "a"), 1, "test")
        .unwrap();
    match store.add_publication(&publication(1), &files(1, "b"), 1, "test") {
        Err(StoreError::Conflict(e)) => assert!(e.contains("sequence 1"), "{e}"),
        other => panic!("a second sequence 1 must be refused, got {other:?}"),
    }
    assert!(matches!(
        store.add_publication(&publication(3), &files(3, "a"), 1, "test"),
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.publication_file(1, "snapshots/1.bin").unwrap().unwrap(),
        b"snapshot 1 a",
        "the first publisher's file stays"
    );
    store
        .add_publication(&publication(2), &files(2, "a"), 2, "test")
        .unwrap();
    assert_eq!(
        store
            .publications(5)
            .unwrap()
            .iter()
            .map(|p| p.sequence)
            .collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(store.publications(5).unwrap()[0], publication(2));
    assert!(store.publication_files(1).unwrap().is_empty(), "pruned");
    assert_eq!(
        store
            .publication_files(2)
            .unwrap()
            .iter()
            .map(|f| f.path.as_str())
            .collect::<Vec<_>>(),
        ["manifest", "snapshots/2.bin"]
    );
    assert!(store.publication_file(2, "deltas/1-2.bin").unwrap().is_none());
    let published = store.audit_entries(Some("sequence 2"), 10).unwrap();
    assert_eq!(published.len(), 1);

    // The audit log on its own, newest last, limited to the newest.
    store.audit("test", "x.one", "subject-x", "1").unwrap();
    store.audit("test", "x.two", "subject-x", "2").unwrap();
    let last = store.audit_entries(Some("subject-x"), 1).unwrap();
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].action, "x.two");
    assert!(store.audit_entries(None, 100).unwrap().len() >= 6);
}

/// The console's part: queue filters, the reporter's reply, staff accounts and sessions, the audit search.
fn console_conformance(store: &dyn Store) {
    use koltrust_server::roles::Role;
    use koltrust_server::store::{AuditFilter, Session, StaffAccount};
    let mut other = complaint("0003-cccc", "minh.beauty.demo", 5_000);
    other.complaint.profile.platform = koltrust::platform::Platform::Facebook;
    store.insert_batch(&[other]).unwrap();
    let only = |f: ListFilter| -> Vec<String> {
        store
            .list(&ListFilter { limit: 100, ..f })
            .unwrap()
            .into_iter()
            .map(|c| c.receipt)
            .collect()
    };
    assert_eq!(
        only(ListFilter {
            platform: Some("facebook".into()),
            ..Default::default()
        }),
        ["R-0003-cccc"]
    );
    assert_eq!(
        only(ListFilter {
            account_id: Some("minh.beauty.demo".into()),
            ..Default::default()
        }),
        ["R-0003-cccc"]
    );
    assert_eq!(
        only(ListFilter {
            from_ms: Some(4_000),
            to_ms: Some(5_001),
            ..Default::default()
        }),
        ["R-0003-cccc"]
    );
    assert!(only(ListFilter {
        from_ms: Some(5_001),
        ..Default::default()
    })
    .is_empty());
    assert!(only(ListFilter {
        category: Some("fraud".into()),
        ..Default::default()
    })
    .is_empty());

    // The reporter's reply: kept with the status, an empty one keeps the last.
    let v = store
        .set_status_with_reply(
            "R-0003-cccc",
            ComplaintStatus::Reviewing,
            "mod",
            "internal",
            "Đang xem xét",
        )
        .unwrap();
    assert_eq!(v.reply, "Đang xem xét");
    store
        .set_status_with_reply("R-0003-cccc", ComplaintStatus::Upheld, "mod", "", "")
        .unwrap();
    let st = store.status("R-0003-cccc").unwrap().unwrap();
    assert_eq!(
        (st.status, st.reply.as_str()),
        (ComplaintStatus::Upheld, "Đang xem xét")
    );

    // Staff accounts.
    let account = StaffAccount {
        username: "mod.lan".into(),
        display_name: "Lan (kiểm duyệt)".into(),
        roles: vec![Role::Moderator, Role::Registrar],
        password_hash: "$argon2id$fake".into(),
        created_ms: 1_000,
        disabled_ms: None,
        failed_logins: 0,
        last_failed_ms: 0,
    };
    store.add_staff(&account, "cli:test").unwrap();
    assert!(matches!(
        store.add_staff(&account, "cli:test"),
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.staff("mod.lan").unwrap().unwrap(), account);
    assert!(store.staff("nobody").unwrap().is_none());
    assert_eq!(store.staff_list().unwrap().len(), 1);
    assert_eq!(store.login_failed("mod.lan", 2_000).unwrap(), 1);
    assert_eq!(store.login_failed("mod.lan", 2_500).unwrap(), 2);
    assert_eq!(store.login_failed("nobody", 2_500).unwrap(), 0);
    let got = store.staff("mod.lan").unwrap().unwrap();
    assert_eq!((got.failed_logins, got.last_failed_ms), (2, 2_500));

    // Sessions: open, touch, end one, end all; a disabled account's sessions end.
    let session = |id: &str| Session {
        id_hash: id.into(),
        username: "mod.lan".into(),
        csrf: format!("csrf-{id}"),
        created_ms: 3_000,
        seen_ms: 3_000,
        ended_ms: None,
    };
    store.login_succeeded(&session("s1")).unwrap();
    assert_eq!(store.staff("mod.lan").unwrap().unwrap().failed_logins, 0);
    store.touch_session("s1", 4_000).unwrap();
    let (s, a) = store.session("s1").unwrap().unwrap();
    assert_eq!((s.seen_ms, s.ended_ms, a.username.as_str()), (4_000, None, "mod.lan"));
    store.end_session("s1", 5_000, "logout").unwrap();
    assert_eq!(store.session("s1").unwrap().unwrap().0.ended_ms, Some(5_000));
    store.touch_session("s1", 6_000).unwrap();
    assert_eq!(
        store.session("s1").unwrap().unwrap().0.seen_ms,
        4_000,
        "an ended session stays ended"
    );
    store.login_succeeded(&session("s2")).unwrap();
    store.login_succeeded(&session("s3")).unwrap();
    assert_eq!(store.end_sessions("mod.lan", 7_000, "mod.lan").unwrap(), 2);
    store.login_succeeded(&session("s4")).unwrap();
    store.set_staff_disabled("mod.lan", true, 8_000, "cli:test").unwrap();
    assert_eq!(store.session("s4").unwrap().unwrap().0.ended_ms, Some(8_000));
    assert_eq!(store.staff("mod.lan").unwrap().unwrap().disabled_ms, Some(8_000));
    store.set_staff_disabled("mod.lan", false, 9_000, "cli:test").unwrap();
    assert_eq!(store.staff("mod.lan").unwrap().unwrap().disabled_ms, None);
    store.login_succeeded(&session("s5")).unwrap();
    store
        .set_password("mod.lan", "$argon2id$new", 10_000, "cli:test")
        .unwrap();
    assert_eq!(store.session("s5").unwrap().unwrap().0.ended_ms, Some(10_000));
    assert_eq!(store.staff("mod.lan").unwrap().unwrap().password_hash, "$argon2id$new");
    assert!(matches!(
        store.set_staff_disabled("nobody", true, 1, "t"),
        Err(StoreError::NotFound)
    ));

    // The audit search: newest first, by action prefix, actor, subject, paged by id.
    let staff = store
        .audit_search(&AuditFilter {
            action: Some("staff.".into()),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    let actions: Vec<&str> = staff.iter().map(|r| r.entry.action.as_str()).collect();
    assert_eq!(actions.first(), Some(&"staff.reset_password"));
    assert_eq!(actions.last(), Some(&"staff.add"));
    for a in [
        "staff.login_failed",
        "staff.login",
        "staff.logout",
        "staff.logout_all",
        "staff.disable",
        "staff.enable",
    ] {
        assert!(actions.contains(&a), "{a} audited: {actions:?}");
    }
    assert!(staff.windows(2).all(|w| w[0].id > w[1].id));
    let page = store
        .audit_search(&AuditFilter {
            action: Some("staff.".into()),
            before_id: Some(staff[1].id),
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page[0].id, staff[2].id);
    let by = store
        .audit_search(&AuditFilter {
            actor: Some("mod".into()),
            subject: Some("R-0003-cccc".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by.len(), 2);
    assert!(by[1].entry.detail.contains("internal") && by[1].entry.detail.contains("Đang xem xét"));
}

/// Two publishers at once on the same database: every attempt gets a distinct number or a conflict, never a
/// second file under a number.
fn concurrent_publishers(store: Arc<dyn Store>) {
    let base = store.publications(1).unwrap().first().map(|p| p.sequence).unwrap_or(0);
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let store = store.clone();
            std::thread::spawn(move || {
                let mut won = Vec::new();
                for _ in 0..10 {
                    let next = store.publications(1).unwrap().first().map(|p| p.sequence).unwrap_or(0) + 1;
                    match store.add_publication(&publication(next), &files(next, &format!("t{t}")), 1, "test") {
                        Ok(()) => won.push(next),
                        Err(StoreError::Conflict(_)) => {}
                        Err(e) => panic!("{e}"),
                    }
                }
                won
            })
        })
        .collect();
    let mut won: Vec<u64> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
    won.sort_unstable();
    let expected: Vec<u64> = (base + 1..=base + won.len() as u64).collect();
    assert_eq!(won, expected, "each number claimed exactly once, no gap");
    assert!(!won.is_empty());
}

#[test]
fn sqlite_store_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("db.sqlite3")).unwrap());
    conformance(&*store);
    console_conformance(&*store);
    concurrent_publishers(store);
}

static DATABASES: AtomicU32 = AtomicU32::new(0);

/// A fresh PostgreSQL database on the test server, or `None` when no server was given.
fn postgres() -> Option<PostgresStore> {
    let admin = std::env::var("KOLTRUST_TEST_DATABASE").ok()?;
    let name = format!(
        "conformance_{}_{}",
        std::process::id(),
        DATABASES.fetch_add(1, Ordering::Relaxed)
    );
    let url = create_database(&admin, &name).unwrap();
    Some(PostgresStore::connect(&url).unwrap())
}

#[test]
fn postgres_store_conforms() {
    let Some(store) = postgres() else {
        eprintln!("KOLTRUST_TEST_DATABASE is not set: the PostgreSQL pass runs under `cargo xtask test`");
        return;
    };
    assert_eq!(
        store.schema_version().unwrap(),
        koltrust_server::store::postgres::MIGRATIONS.last().unwrap().0
    );
    conformance(&store);
    console_conformance(&store);
    concurrent_publishers(Arc::new(store));
}

#[test]
fn both_stores_have_the_same_migration_numbers() {
    let numbers = |m: &[(u32, &str)]| m.iter().map(|(v, _)| *v).collect::<Vec<_>>();
    assert_eq!(
        numbers(koltrust_server::store::sqlite::MIGRATIONS),
        numbers(koltrust_server::store::postgres::MIGRATIONS)
    );
}
