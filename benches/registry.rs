//! Registry benchmarks at 10 k, 300 k and 1 M accounts (fictional sample data, ≈ 3.2 accounts per KOL).
//!
//! For each size this prints one table row — build time, snapshot bytes per account, badge-index bytes per account
//! (directory + entries + badge words: what a badge answer keeps resident), cold start (`Registry::open` on fresh
//! bytes + the first lookup, which verifies the signature over the head and hashes the chunks that lookup touches),
//! median lookup time for known and unknown accounts, `verify_all` time, and the lookalike check of an unknown
//! handle — and runs criterion benches for the same cold start and
//! lookups (`registry/<size>/…`).
//!
//! Lookups are measured after `verify_all` (steady state of a worker that verified its snapshot in idle time); a
//! worker that has not yet done so pays one bit test per touched chunk, plus one 64 KiB SHA-256 the first time.
//!
//! Run: `cargo bench --bench registry` (≈ 2–3 minutes on 2 cores; table on stderr, criterion report in
//! `target/criterion/`). `REGISTRY_BENCH_SIZES=10000,300000` limits the sizes.

// Whole-crate benchmark code: a failed `unwrap`/`expect` is the benchmark failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use koltrust::platform::{IdType, Platform};
use koltrust::registry::keys::{KeySet, SigningKey};
use koltrust::registry::sample::generate_accounts;
use koltrust::registry::{build_snapshot, Date, Registry, SnapshotMeta};
use std::time::{Duration, Instant};

struct Fixture {
    accounts: usize,
    bytes: Vec<u8>,
    keys: KeySet,
    now: i64,
    hits: Vec<(Platform, IdType, String)>,
    misses: Vec<(Platform, IdType, String)>,
    build: Duration,
}

fn fixture(accounts: usize) -> Fixture {
    let today = Date::parse("2026-06-01").unwrap();
    let records = generate_accounts(accounts, 42, today);
    let key = SigningKey::from_bytes(&[9; 32]);
    let meta = SnapshotMeta {
        sequence: 1,
        issued_unix: today.start_unix_vn() + 3600,
        expires_unix: today.start_unix_vn() + 8 * 86_400,
    };
    let t = Instant::now();
    let bytes = build_snapshot(&records, &meta, &key).unwrap();
    let build = t.elapsed();
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let mut rnd = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let hits = (0..4096)
        .map(|_| {
            let r = &records[rnd(records.len())];
            let a = &r.accounts[rnd(r.accounts.len())];
            (a.platform, a.id_type, a.account_id.clone())
        })
        .collect();
    let misses = (0..4096)
        .map(|i| {
            (
                Platform::Tiktok,
                IdType::Handle,
                format!("not.registered.{i}.{}", rnd(1 << 30)),
            )
        })
        .collect();
    Fixture {
        accounts: records.iter().map(|r| r.accounts.len()).sum(),
        bytes,
        keys: KeySet::single(key.verifying_key().to_bytes()).unwrap(),
        now: meta.issued_unix + 600,
        hits,
        misses,
        build,
    }
}

fn median_lookup_ns(reg: &Registry, keys: &[(Platform, IdType, String)]) -> f64 {
    let mut batches: Vec<f64> = (0..101)
        .map(|_| {
            let t = Instant::now();
            for (p, ty, id) in keys {
                black_box(reg.lookup(*p, *ty, id).unwrap());
            }
            t.elapsed().as_nanos() as f64 / keys.len() as f64
        })
        .collect();
    batches.sort_by(f64::total_cmp);
    batches[50]
}

/// The look-alike check of unknown accounts, with the display name `shown` beside each (or none).
fn median_lookalike_ns(reg: &Registry, keys: &[(Platform, IdType, String)], shown: Option<&str>) -> f64 {
    let keys = &keys[..512];
    let mut batches: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            for (p, ty, id) in keys {
                black_box(reg.lookalike(*p, *ty, id, shown).unwrap());
            }
            t.elapsed().as_nanos() as f64 / keys.len() as f64
        })
        .collect();
    batches.sort_by(f64::total_cmp);
    batches[10]
}

fn cold_start(f: &Fixture) -> Duration {
    let mut runs: Vec<Duration> = (0..15)
        .map(|_| {
            let bytes = f.bytes.clone();
            let t = Instant::now();
            let reg = Registry::open(bytes, &f.keys, None, f.now).unwrap();
            let (p, ty, id) = &f.hits[0];
            black_box(reg.lookup(*p, *ty, id).unwrap().unwrap());
            t.elapsed()
        })
        .collect();
    runs.sort();
    runs[7]
}

fn sizes() -> Vec<usize> {
    std::env::var("REGISTRY_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 300_000, 1_000_000])
}

fn bench(c: &mut Criterion) {
    let mut rows = Vec::new();
    for n in sizes() {
        let f = fixture(n);
        let reg = Registry::open(f.bytes.clone(), &f.keys, None, f.now).unwrap();
        let t = Instant::now();
        reg.verify_all().unwrap();
        let verify = t.elapsed();
        let row = format!(
            "| {:>9} | {:>8.1} ms | {:>6.1} | {:>5.2} | {:>5.2} | {:>8.3} ms | {:>6.0} ns | {:>6.0} ns | {:>8.1} ms | {:>6.0} ns | {:>6.0} ns |",
            f.accounts,
            f.build.as_secs_f64() * 1e3,
            f.bytes.len() as f64 / f.accounts as f64,
            reg.badge_index_bytes() as f64 / f.accounts as f64,
            reg.name_index_bytes() as f64 / f.accounts as f64,
            cold_start(&f).as_secs_f64() * 1e3,
            median_lookup_ns(&reg, &f.hits),
            median_lookup_ns(&reg, &f.misses),
            verify.as_secs_f64() * 1e3,
            median_lookalike_ns(&reg, &f.misses, None),
            // A decorated name no sample KOL has: the name probe runs and finds nothing, the common case.
            median_lookalike_ns(&reg, &f.misses, Some("Nguyễn Văn Tùng Official")),
        );
        eprintln!("{row}");
        rows.push(row);

        let mut g = c.benchmark_group(format!("registry/{n}"));
        g.sample_size(20)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        g.bench_function("cold_start_open_and_first_lookup", |b| {
            b.iter_batched(
                || f.bytes.clone(),
                |bytes| {
                    let reg = Registry::open(bytes, &f.keys, None, f.now).unwrap();
                    let (p, ty, id) = &f.hits[0];
                    black_box(reg.lookup(*p, *ty, id).unwrap());
                    // Returned, so that freeing the bytes is not timed.
                    reg
                },
                BatchSize::LargeInput,
            )
        });
        let mut i = 0;
        g.bench_function("lookup_known", |b| {
            b.iter(|| {
                i = (i + 1) & 4095;
                let (p, ty, id) = &f.hits[i];
                black_box(reg.lookup(*p, *ty, id).unwrap())
            })
        });
        g.bench_function("lookup_unknown", |b| {
            b.iter(|| {
                i = (i + 1) & 4095;
                let (p, ty, id) = &f.misses[i];
                black_box(reg.lookup(*p, *ty, id).unwrap())
            })
        });
        g.finish();
    }
    eprintln!();
    eprintln!("| accounts | build | snapshot B/acct | badge index B/acct | name index B/acct | cold start (open+1st lookup) | median lookup, known | median lookup, unknown | verify_all | lookalike check, unknown handle | … with a shown name |");
    eprintln!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for r in rows {
        eprintln!("{r}");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
