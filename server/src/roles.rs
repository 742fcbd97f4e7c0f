//! The Alliance console's roles and what each may do: one table, checked server-side by every console route
//! ([`Permission`]), never only by hiding buttons.
//!
//! | role | may |
//! | --- | --- |
//! | `moderator` | read the complaints queue and each complaint in full (contact included), change statuses (one or in bulk), export |
//! | `registrar` | read the queue (no contact), read and edit the register: records, certifications, sanctions |
//! | `publisher` | preview the next publication and publish it |
//! | `admin` | staff accounts (list, add, disable, reset passwords, end sessions), the audit trail |
//!
//! A staff account holds one or more roles; nothing is implied (an admin who moderates holds both).

use serde::Serialize;

/// One role of a staff account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Moderator,
    Registrar,
    Publisher,
    Admin,
}

/// What a console request needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// The queue and a complaint's contents, without its contact.
    ReadComplaints,
    /// The reporter's contact details.
    ReadContact,
    /// Status changes (one or in bulk) and the export.
    ModerateComplaints,
    /// Records, certifications, sanctions.
    EditRegister,
    /// Read the register (records in full).
    ReadRegister,
    /// Publication preview and publish.
    Publish,
    /// Staff accounts and the audit trail.
    Administer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Moderator, Role::Registrar, Role::Publisher, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Moderator => "moderator",
            Role::Registrar => "registrar",
            Role::Publisher => "publisher",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    /// Whether this role grants `p`.
    pub fn grants(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Moderator => matches!(p, ReadComplaints | ReadContact | ModerateComplaints | ReadRegister),
            Role::Registrar => matches!(p, ReadComplaints | ReadRegister | EditRegister),
            Role::Publisher => matches!(p, Publish | ReadRegister),
            Role::Admin => matches!(p, Administer),
        }
    }
}

/// Reads a comma-separated list (`moderator,registrar`): sorted, without duplicates; an unknown name is an error.
pub fn parse_roles(s: &str) -> Result<Vec<Role>, String> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let r = Role::parse(part).ok_or_else(|| {
            format!("unknown role {part:?} (moderator, registrar, publisher, admin) / vai trò không hợp lệ")
        })?;
        out.push(r);
    }
    out.sort();
    out.dedup();
    if out.is_empty() {
        return Err("at least one role is needed / cần ít nhất một vai trò".into());
    }
    Ok(out)
}

/// The stored form: names joined by commas.
pub fn roles_text(roles: &[Role]) -> String {
    roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",")
}

/// Whether any of `roles` grants `p`.
pub fn allows(roles: &[Role], p: Permission) -> bool {
    roles.iter().any(|r| r.grants(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_is_refused_what_it_may_not_do() {
        use Permission::*;
        assert!(allows(&[Role::Moderator], ModerateComplaints));
        assert!(!allows(&[Role::Moderator], EditRegister));
        assert!(!allows(&[Role::Moderator], Publish));
        assert!(!allows(&[Role::Registrar], ModerateComplaints));
        assert!(!allows(&[Role::Registrar], ReadContact));
        assert!(allows(&[Role::Registrar], EditRegister));
        assert!(!allows(&[Role::Publisher], EditRegister));
        assert!(allows(&[Role::Publisher], Publish));
        assert!(
            !allows(&[Role::Admin], ReadComplaints),
            "admin is staff and audit, not moderation"
        );
        assert!(allows(&[Role::Admin, Role::Moderator], ModerateComplaints));
    }

    #[test]
    fn role_lists_are_read_strictly() {
        assert_eq!(
            parse_roles("registrar, moderator,moderator").unwrap(),
            vec![Role::Moderator, Role::Registrar]
        );
        assert!(parse_roles("root").is_err());
        assert!(parse_roles(" , ").is_err());
        assert_eq!(roles_text(&[Role::Moderator, Role::Admin]), "moderator,admin");
    }
}
