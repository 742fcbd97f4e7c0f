//! A tiny built-in table of **fictional** accounts, one per trust state, so the extension can show real badges
//! before the signed Alliance registry exists. Every answer taken from here is flagged `demo` and the UI says so.
//! The names and handles are invented; none belongs to a real person.

use crate::badge::TrustState;
use crate::platform::{IdType, Platform};

/// One fictional registry entry.
pub struct DemoEntry {
    pub platform: Platform,
    pub id_type: IdType,
    pub account_id: &'static str,
    pub display_name: &'static str,
    pub state: TrustState,
}

/// The demo table. Handles carry a `demo` marker so nobody mistakes them for a real account.
pub static DEMO_ENTRIES: &[DemoEntry] = &[
    DemoEntry {
        platform: Platform::Facebook,
        id_type: IdType::FbUsername,
        account_id: "lan.review.demo",
        display_name: "Nguyễn Thị Lan (hư cấu)",
        state: TrustState::Certified { score: 92 },
    },
    DemoEntry {
        platform: Platform::Facebook,
        id_type: IdType::FbNumericId,
        account_id: "100000000000001",
        display_name: "Trần Văn Hùng (hư cấu)",
        state: TrustState::Sanctioned,
    },
    DemoEntry {
        platform: Platform::Tiktok,
        id_type: IdType::Handle,
        account_id: "minh.beauty.demo",
        display_name: "Lê Ngọc Minh (hư cấu)",
        state: TrustState::Sanctioned,
    },
    DemoEntry {
        platform: Platform::Tiktok,
        id_type: IdType::Handle,
        account_id: "bepnha.demo",
        display_name: "Bếp Nhà Demo (hư cấu)",
        state: TrustState::Certified { score: 81 },
    },
    DemoEntry {
        platform: Platform::Youtube,
        id_type: IdType::YtHandle,
        account_id: "reviewcongnghe.demo",
        display_name: "Phạm Quốc Anh (hư cấu)",
        state: TrustState::Certified { score: 88 },
    },
    DemoEntry {
        platform: Platform::Youtube,
        id_type: IdType::YtChannelId,
        account_id: "UCdemo0000000000000000A1",
        display_name: "Kênh Du Lịch Demo (hư cấu)",
        state: TrustState::CertificateExpired,
    },
    DemoEntry {
        platform: Platform::Instagram,
        id_type: IdType::Username,
        account_id: "thutrang.style.demo",
        display_name: "Đỗ Thu Trang (hư cấu)",
        state: TrustState::CertificateExpired,
    },
    DemoEntry {
        platform: Platform::X,
        id_type: IdType::Handle,
        account_id: "tuan_tech_demo",
        display_name: "Vũ Minh Tuấn (hư cấu)",
        state: TrustState::Registered,
    },
];

/// Finds an entry by its canonical key.
pub fn find(platform: Platform, id_type: IdType, account_id: &str) -> Option<&'static DemoEntry> {
    DEMO_ENTRIES
        .iter()
        .find(|e| e.platform == platform && e.id_type == id_type && e.account_id == account_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_marked_fictional_and_unique() {
        for (i, e) in DEMO_ENTRIES.iter().enumerate() {
            assert!(e.display_name.contains("hư cấu"), "{}", e.display_name);
            assert!(
                find(e.platform, e.id_type, e.account_id).is_some_and(|f| std::ptr::eq(f, &DEMO_ENTRIES[i])),
                "duplicate key {}",
                e.account_id
            );
        }
    }
}
