//! The status lifecycle of a complaint:
//!
//! ```text
//! received ──> reviewing ──> forwarded ──> upheld
//!     │            │  │           └──────> rejected
//!     │            │  └──> upheld
//!     └──> rejected <──┘
//! ```
//! A complaint starts `received`. An Alliance moderator moves it to `reviewing`, may `forward` it to the competent
//! authority, and closes it `upheld` or `rejected` (obvious spam can be rejected straight from `received`).
//! `upheld` and `rejected` are final. Setting the status a complaint already has is not a transition (refused).

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Where a complaint stands in the moderation lifecycle (see the module docs). Serialized in snake_case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// Accepted by the server, not yet looked at; every complaint starts here.
    Received,
    /// A moderator is reviewing it.
    Reviewing,
    /// Passed on to the competent authority.
    Forwarded,
    /// Found justified (final).
    Upheld,
    /// Found unjustified or spam (final).
    Rejected,
}

impl ComplaintStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [ComplaintStatus; 5] = [
        ComplaintStatus::Received,
        ComplaintStatus::Reviewing,
        ComplaintStatus::Forwarded,
        ComplaintStatus::Upheld,
        ComplaintStatus::Rejected,
    ];

    /// The stable snake_case form (`received`, `reviewing`…), the one serde, the server and the extension use.
    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintStatus::Received => "received",
            ComplaintStatus::Reviewing => "reviewing",
            ComplaintStatus::Forwarded => "forwarded",
            ComplaintStatus::Upheld => "upheld",
            ComplaintStatus::Rejected => "rejected",
        }
    }

    /// Reads the form written by [`ComplaintStatus::as_str`]; `None` for an unknown status.
    pub fn parse(s: &str) -> Option<ComplaintStatus> {
        ComplaintStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Final states accept no further transition.
    pub fn is_final(self) -> bool {
        matches!(self, ComplaintStatus::Upheld | ComplaintStatus::Rejected)
    }

    /// Whether a moderator may move a complaint from `self` to `to`.
    pub fn can_move_to(self, to: ComplaintStatus) -> bool {
        use ComplaintStatus::*;
        matches!(
            (self, to),
            (Received, Reviewing | Rejected)
                | (Reviewing, Forwarded | Upheld | Rejected)
                | (Forwarded, Upheld | Rejected)
        )
    }

    /// What the reporter reads.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ComplaintStatus::Received => lang.pick("Đã tiếp nhận", "Received"),
            ComplaintStatus::Reviewing => lang.pick("Đang xem xét", "Under review"),
            ComplaintStatus::Forwarded => lang.pick("Đã chuyển cơ quan chức năng", "Forwarded to the authority"),
            ComplaintStatus::Upheld => lang.pick("Phản ánh có cơ sở", "Upheld"),
            ComplaintStatus::Rejected => lang.pick("Không đủ cơ sở", "Not upheld"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ComplaintStatus::*;
    use super::*;

    #[test]
    fn lifecycle_moves() {
        assert!(Received.can_move_to(Reviewing));
        assert!(Received.can_move_to(Rejected));
        assert!(!Received.can_move_to(Upheld));
        assert!(!Received.can_move_to(Forwarded));
        assert!(Reviewing.can_move_to(Forwarded));
        assert!(Forwarded.can_move_to(Upheld));
        for s in ComplaintStatus::ALL {
            assert!(!s.can_move_to(s), "{s:?} to itself");
            assert!(!Upheld.can_move_to(s) && !Rejected.can_move_to(s));
            assert_eq!(ComplaintStatus::parse(s.as_str()), Some(s));
        }
    }
}
