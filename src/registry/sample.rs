//! Deterministic **fictional** sample registries (native only): for tests, benchmarks, the demo extension and
//! `koltrust registry sample`.
//!
//! Every record is invented and marked `fictional: true` with a note saying so; handles carry a `demo` marker and
//! source links point at `example.org`, so no sample can be mistaken for (or attached to) a real person. The data is
//! realistic in shape: Vietnamese and English names with diacritics, 1–6 accounts per KOL (≈ 3.2 on average) on
//! every supported platform including stable ids, certifications of every level (some expired, some not yet valid),
//! sanctions of every kind and reason (active, ended, permanent, upcoming), complaint counts, and a few impersonator
//! records whose handles look like another KOL's (lookalike handles: `0` for `o`, `vv` for `w`, `_official`…).
//! The same `(count, seed, today)` always yields the same records.

use crate::platform::{AccountKey, IdType, Platform};
use crate::registry::date::Date;
use crate::registry::model::{
    CertLevel, Certification, ComplaintStats, Record, Sanction, SanctionKind, SanctionReason,
};

/// splitmix64: tiny, fast, good enough for sample data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const VI_FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý",
];
const VI_MIDDLE: &[&str] = &[
    "Thị", "Văn", "Ngọc", "Minh", "Thu", "Quốc", "Thanh", "Hữu", "Gia", "Bảo", "Khánh", "Phương", "Đức", "Hoài",
];
const VI_GIVEN: &[&str] = &[
    "Lan", "Hùng", "Minh", "Anh", "Hương", "Tuấn", "Linh", "Dũng", "Trang", "Nam", "Hà", "Phúc", "Thảo", "Quân", "Vy",
    "Khoa", "Ngân", "Long", "Mai", "Đức", "Hằng", "Sơn", "Yến", "Châu", "Nhung", "Thắng", "Duyên", "Việt",
];
const EN_FIRST: &[&str] = &[
    "Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Chloe", "Lucas", "Zoë", "Renée", "José",
];
const EN_LAST: &[&str] = &[
    "Carter", "Brooks", "Hayes", "Foster", "Bennett", "Reed", "Parker", "Morgan", "Ellis", "Quinn", "Beaumont",
];
const TOPICS: &[(&str, &str, &str)] = &[
    ("beauty", "review", "Làm đẹp"),
    ("food", "bepnha", "Ẩm thực"),
    ("tech", "congnghe", "Công nghệ"),
    ("travel", "dulich", "Du lịch"),
    ("fashion", "style", "Thời trang"),
    ("finance", "taichinh", "Tài chính"),
    ("health", "suckhoe", "Sức khoẻ"),
    ("gaming", "game", "Trò chơi"),
    ("parenting", "mevabe", "Mẹ và bé"),
];
const AUTHORITIES: &[&str] = &[
    "Thanh tra Sở Văn hoá và Thông tin (dữ liệu mẫu)",
    "Cục Quản lý cạnh tranh và Bảo vệ người tiêu dùng (dữ liệu mẫu)",
    "Thanh tra Bộ Thông tin và Truyền thông (dữ liệu mẫu)",
    "Liên minh Tín nhiệm số (dữ liệu mẫu)",
    "Cơ quan Cảnh sát điều tra (dữ liệu mẫu)",
];

/// Folds Vietnamese letters to ASCII for handles (`Nguyễn Thị Lan` → `nguyen thi lan`).
pub fn ascii_fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            match lower {
                'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ' | 'ẫ' | 'ậ' => {
                    'a'
                }
                'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' | 'ë' => 'e',
                'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
                'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở' | 'ỡ' | 'ợ' => {
                    'o'
                }
                'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
                'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
                'đ' => 'd',
                c => c,
            }
        })
        .collect()
}

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn digits(rng: &mut Rng, prefix: &str, n: usize, unique: u64) -> String {
    // The record number is embedded, at a fixed width, so ids never collide between records (unpadded, record 5203
    // after the random digits "549229" and record 295202 after "5492" were the same shop id).
    let u = format!("{unique:08}");
    // As many draws as before the padding, so every later choice of the sample (names, states) stays the same.
    let draws = n.saturating_sub(prefix.len() + unique.to_string().len());
    let mut s = String::from(prefix);
    for _ in 0..draws {
        let d = rng.below(10) as u8;
        if s.len() + u.len() < n {
            // A leading zero would make a different-looking id for the same number.
            s.push((b'0' + if s.is_empty() { 1 + d % 9 } else { d }) as char);
        }
    }
    while s.len() + u.len() < n {
        s.push('1');
    }
    s + &u
}

fn channel_id(rng: &mut Rng, unique: u64) -> String {
    let mut s = String::from("UC");
    let u = format!("{unique:x}");
    while s.len() + u.len() + 1 < 24 {
        s.push(B64URL[rng.below(64) as usize] as char);
    }
    s.push('_');
    s + &u
}

/// A lookalike of `handle`: same look, different string.
fn lookalike(rng: &mut Rng, handle: &str) -> String {
    match rng.below(4) {
        0 if handle.contains('o') => handle.replacen('o', "0", 1),
        1 if handle.contains('w') => handle.replacen('w', "vv", 1),
        2 if handle.contains('l') => handle.replacen('l', "1", 1),
        _ => format!("{handle}_official"),
    }
}

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct SampleSpec {
    /// How many records to generate.
    pub records: usize,
    /// Seed of the deterministic generator: the same spec always yields the same records.
    pub seed: u64,
    /// The day "now" is, for certificate and sanction periods.
    pub today: Date,
}

/// Generates `spec.records` fictional records (ids `KT-0000001`…, in id order).
pub fn generate(spec: SampleSpec) -> Vec<Record> {
    let mut rng = Rng(spec.seed ^ 0x4B4F_4C54_5255_5354);
    let mut out: Vec<Record> = Vec::with_capacity(spec.records);
    let t = spec.today;
    for i in 0..spec.records as u64 {
        let english = rng.chance(20);
        let name = if english {
            format!("{} {}", rng.pick(EN_FIRST), rng.pick(EN_LAST))
        } else {
            format!("{} {} {}", rng.pick(VI_FAMILY), rng.pick(VI_MIDDLE), rng.pick(VI_GIVEN))
        };
        let given = name.rsplit(' ').next().unwrap_or("kol");
        let (cat, word, topic_vi) = *rng.pick(TOPICS);
        let base = format!("{}{}", ascii_fold(given), word).replace(|c: char| !c.is_ascii_alphanumeric(), "");
        let handle = format!("{base}.demo{i}");
        let impersonator = i > 0 && i % 97 == 13;
        let handle = if impersonator {
            // Looks like the previous KOL's handle: a lookalike account recorded as an impersonator.
            let victim = &out[(i - 1) as usize];
            let victim_handle = victim
                .accounts
                .iter()
                .find(|a| a.platform == Platform::Tiktok)
                .map_or(format!("{base}.demo{}", i - 1), |a| a.account_id.clone());
            lookalike(&mut rng, &victim_handle)
        } else {
            handle
        };
        let n_accounts = match rng.below(100) {
            0..=14 => 1,
            15..=34 => 2,
            35..=59 => 3,
            60..=79 => 4,
            80..=91 => 5,
            _ => 6,
        };
        let mut accounts = vec![AccountKey::new(Platform::Tiktok, IdType::Handle, handle.clone())];
        let start = rng.below(12) as usize;
        let choices: [(Platform, IdType); 12] = [
            (Platform::Facebook, IdType::FbNumericId),
            (Platform::Youtube, IdType::YtChannelId),
            (Platform::Instagram, IdType::Username),
            (Platform::Facebook, IdType::FbUsername),
            (Platform::Youtube, IdType::YtHandle),
            (Platform::X, IdType::Handle),
            (Platform::Threads, IdType::Username),
            (Platform::Shopee, IdType::ShopId),
            (Platform::Shopee, IdType::ShopUsername),
            (Platform::Lazada, IdType::ShopSlug),
            (Platform::Zalo, IdType::ZaloOaId),
            (Platform::Lazada, IdType::ShopId),
        ];
        for k in 0..n_accounts - 1 {
            let (p, ty) = choices[(start + k) % choices.len()];
            let id = match ty {
                IdType::FbNumericId => digits(&mut rng, "1000", 15, i),
                IdType::YtChannelId => channel_id(&mut rng, i),
                IdType::ShopId => digits(&mut rng, "", 10, i),
                IdType::ZaloOaId => digits(&mut rng, "4", 18, i),
                IdType::ShopSlug => format!("{base}-shop-demo{i}"),
                _ => handle.clone(),
            };
            accounts.push(AccountKey::new(p, ty, id));
        }
        let certification = if i < 3 || rng.chance(45) {
            let level = CertLevel::ALL[rng.below(3) as usize];
            // Mostly valid now; some expired; a few not valid yet.
            let issued = match rng.below(10) {
                0..=5 => t.add_days(-(rng.below(330) as i32)),
                6..=8 => t.add_days(-(400 + rng.below(500) as i32)),
                _ => t.add_days(1 + rng.below(20) as i32),
            };
            Some(Certification {
                level,
                score: 50 + rng.below(51) as u8,
                number: format!("TN-{}-{:07}", issued.ymd().0, i + 1),
                issued,
                expires: issued.add_days(365),
            })
        } else {
            None
        };
        let n_sanctions = if i < 8 || impersonator {
            1
        } else if rng.chance(7) {
            1 + rng.below(2) as usize
        } else {
            0
        };
        let mut sanctions = Vec::with_capacity(n_sanctions);
        for k in 0..n_sanctions {
            let kind = if i < 8 {
                SanctionKind::ALL[i as usize]
            } else if impersonator {
                SanctionKind::PlatformBan
            } else {
                *rng.pick(SanctionKind::ALL)
            };
            let reason = if impersonator {
                SanctionReason::Fraud
            } else {
                SanctionReason::ALL[((i as usize) + k) % SanctionReason::ALL.len()]
            };
            let issued = t.add_days(-(rng.below(900) as i32));
            let (from, until) = match rng.below(4) {
                0 => (issued, None),
                1 => (
                    issued.add_days(15),
                    Some(issued.add_days(15 + 90 + rng.below(700) as i32)),
                ),
                2 => (issued, Some(issued.add_days(30))),
                _ => (t.add_days(3 + rng.below(30) as i32), Some(t.add_days(200))),
            };
            let (vi, en) = match reason {
                SanctionReason::CounterfeitGoods => (
                    "Quảng bá, bán mỹ phẩm giả trong các buổi phát trực tiếp (nội dung hư cấu).",
                    "Promoted and sold counterfeit cosmetics in live streams (fictional).",
                ),
                SanctionReason::MisleadingAdvertising => (
                    "Quảng cáo thực phẩm chức năng sai công dụng, không ghi rõ là quảng cáo (nội dung hư cấu).",
                    "Advertised supplements with false claims and no ad disclosure (fictional).",
                ),
                SanctionReason::Fraud => (
                    "Mạo danh người nổi tiếng để lừa đảo chuyển tiền (nội dung hư cấu).",
                    "Impersonated a well-known person to solicit money transfers (fictional).",
                ),
                SanctionReason::LawViolation => (
                    "Kinh doanh hàng hoá không rõ nguồn gốc, trốn thuế (nội dung hư cấu).",
                    "Sold goods of unknown origin and evaded taxes (fictional).",
                ),
                SanctionReason::EthicsViolation => (
                    "Đăng tải nội dung phản cảm, trái thuần phong mỹ tục (nội dung hư cấu).",
                    "Posted offensive content contrary to public morals (fictional).",
                ),
                SanctionReason::Other => (
                    "Vi phạm quy tắc ứng xử của Liên minh (nội dung hư cấu).",
                    "Breached the Alliance code of conduct (fictional).",
                ),
            };
            sanctions.push(Sanction {
                kind,
                reason,
                authority: rng.pick(AUTHORITIES).to_string(),
                decision: format!("{}/QĐ-XPHC-MAU", 100 + rng.below(9000)),
                summary_vi: vi.into(),
                summary_en: en.into(),
                issued,
                effective_from: from,
                effective_until: until,
                source_url: format!("https://example.org/koltrust-sample/decisions/{i}-{k}"),
                fine_vnd: (kind == SanctionKind::Fine).then(|| (5 + rng.below(96)) * 1_000_000),
            });
        }
        let received = rng.below(if sanctions.is_empty() { 4 } else { 30 }) as u32;
        let upheld = rng.below(received as u64 + 1) as u32;
        let rejected = rng.below((received - upheld) as u64 + 1) as u32;
        let created = t.add_days(-(1000 + rng.below(500) as i32));
        let mut aliases = Vec::new();
        if rng.chance(40) {
            aliases.push(format!("{given} {topic_vi}"));
        }
        out.push(Record {
            id: format!("KT-{:07}", i + 1),
            name,
            aliases,
            accounts,
            categories: vec![cat.to_string()],
            certification,
            sanctions,
            complaints: ComplaintStats {
                received,
                upheld,
                rejected,
                pending: received - upheld - rejected,
            },
            created,
            updated: created.add_days(rng.below(900) as i32),
            fictional: true,
            note: Some(if impersonator {
                format!(
                    "Hồ sơ hư cấu: tài khoản giả mạo, tên giống KT-{i:07} / Fictional: impersonator with a lookalike handle"
                )
            } else {
                "hư cấu / fictional".to_string()
            }),
        });
    }
    out
}

/// Generates records until they hold at least `accounts` accounts (for benchmarks sized by accounts).
pub fn generate_accounts(accounts: usize, seed: u64, today: Date) -> Vec<Record> {
    // ≈ 3.2 accounts per record; generate a little more, then trim to the exact account count.
    let mut recs = generate(SampleSpec {
        records: accounts * 10 / 31 + 16,
        seed,
        today,
    });
    let mut total = 0;
    let mut keep = 0;
    for r in &mut recs {
        if total >= accounts {
            break;
        }
        let room = accounts - total;
        r.accounts.truncate(room);
        total += r.accounts.len();
        keep += 1;
    }
    recs.truncate(keep);
    recs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ids_of_different_records_never_collide() {
        // Unpadded, the random digits of one record could end where another's number begins.
        for seed in 0..2000 {
            let a = digits(&mut Rng(seed), "", 10, 5203);
            let b = digits(&mut Rng(seed.wrapping_mul(31)), "", 10, 295_202);
            assert_ne!(a, b);
            assert!(a.len() == 10 && !a.starts_with('0'), "{a}");
        }
    }
}
