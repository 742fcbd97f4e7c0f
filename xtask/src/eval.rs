//! `cargo xtask eval-promotion PATH`: promotion detection measured on real text — the ViSpamReviews corpus
//! (`sonlam1102/vispamdetection`, research use: never committed). Reads `PATH/dev.csv` (and `PATH/train.csv` with
//! `--train`, for tuning); never the test split, which is reserved for acceptance.
//!
//! Columns: `Rating,Comment,Label,SpamLabel`; SpamLabel 0 = genuine review, 3 = irrelevant or advertising-like,
//! 1/2 = other spam.
//!
//! **The advertising subset** is defined by hand labels committed in `tests/promotion_eval/dev_advertising.tsv`
//! (`sha256 label family`, keyed by the SHA-256 of the comment's UTF-8 text, never the text): every dev row with
//! SpamLabel 3 was read and labelled `yes` when it invites the reader to buy or sign up — a way to contact the
//! seller (phone, Zalo, inbox, SMS code), a price or sale offered, orders taken, a shop promoted (its link, handle
//! or "ghé shop") — and `no` otherwise (gibberish, copied text, news, reviews, and bare product copy with no
//! price, contact or call to buy, family `listing`).
//!
//! Printed: precision and recall per cue family on the SpamLabel 3 rows (a family "fires" when one of its kinds is
//! found; recall over the advertising rows, precision over the SpamLabel 3 rows where it fired), the recall of
//! `is_promotion` on the subset, and the false-positive rates on genuine (SpamLabel 0) reviews: promotion and risk.

use koltrust::promotion::{detect, CueKind, PromotionReport};
use std::collections::HashMap;
use std::path::Path;

/// The cue families reported.
pub const FAMILIES: &[(&str, &[CueKind])] = &[
    ("contact", &[CueKind::ContactCall, CueKind::ContactNumber]),
    (
        "offer",
        &[CueKind::PriceOffer, CueKind::SaleOffer, CueKind::DiscountCode],
    ),
    ("ordering", &[CueKind::Ordering, CueKind::LiveSelling]),
    (
        "links",
        &[
            CueKind::ShopLink,
            CueKind::AffiliateLink,
            CueKind::ShortLink,
            CueKind::LinkInBio,
            CueKind::ShopTag,
        ],
    ),
    ("disclosure", &[CueKind::Disclosure]),
    (
        "risk",
        &[
            CueKind::CounterfeitSlang,
            CueKind::MiracleClaim,
            CueKind::GuaranteedReturn,
        ],
    ),
];

/// One corpus row.
#[derive(Debug, PartialEq)]
pub struct Row {
    pub comment: String,
    pub spam_label: String,
}

/// Parses RFC 4180 CSV (quoted fields with `""` escapes and line breaks); the header names the columns.
pub fn read_csv(body: &str) -> Result<Vec<Row>, String> {
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut field = String::new();
    let mut record = Vec::new();
    let mut quoted = false;
    let mut chars = body.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                any = false;
            }
            _ => field.push(c),
        }
    }
    if any {
        record.push(field);
        records.push(record);
    }
    let mut it = records.into_iter();
    let header = it.next().ok_or("empty CSV")?;
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .ok_or(format!("no column {name}"))
    };
    let (comment, spam) = (col("Comment")?, col("SpamLabel")?);
    it.filter(|r| r.len() > comment.max(spam))
        .map(|r| {
            Ok(Row {
                comment: r[comment].clone(),
                spam_label: r[spam].clone(),
            })
        })
        .collect()
}

/// Precision and recall counts of one family.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
    fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.true_pos += 1,
            (true, false) => self.false_pos += 1,
            (false, true) => self.false_neg += 1,
            (false, false) => {}
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn fires(r: &PromotionReport, kinds: &[CueKind]) -> bool {
    r.cues.iter().any(|c| kinds.contains(&c.kind))
}

/// The figures of one split.
#[derive(Debug, Default)]
pub struct Figures {
    pub advertising: usize,
    pub labelled: usize,
    pub unlabelled: usize,
    pub families: Vec<(&'static str, Counts)>,
    pub promotion: Counts,
    pub genuine: usize,
    pub genuine_promotion: usize,
    pub genuine_risk: usize,
}

/// Measures: `labels` maps a comment's SHA-256 to whether it advertises (SpamLabel 3 rows).
pub fn measure(rows: &[Row], labels: &HashMap<String, bool>, show: bool) -> Figures {
    let mut fig = Figures {
        families: FAMILIES.iter().map(|(n, _)| (*n, Counts::default())).collect(),
        ..Figures::default()
    };
    for row in rows {
        match row.spam_label.trim() {
            "3" => {
                let Some(&adv) = labels.get(&koltrust::registry::snapshot::sha256_hex(row.comment.as_bytes())) else {
                    fig.unlabelled += 1;
                    continue;
                };
                fig.labelled += 1;
                fig.advertising += usize::from(adv);
                let r = detect(&row.comment, &[]);
                for (n, (_, kinds)) in FAMILIES.iter().enumerate() {
                    fig.families[n].1.add(fires(&r, kinds), adv);
                }
                fig.promotion.add(r.is_promotion, adv);
                if show && adv != r.is_promotion {
                    println!(
                        "[{}] {}\n    {}\n",
                        if adv { "missed" } else { "false positive" },
                        describe(&r),
                        excerpt(&row.comment)
                    );
                }
            }
            "0" => {
                let r = detect(&row.comment, &[]);
                fig.genuine += 1;
                fig.genuine_promotion += usize::from(r.is_promotion);
                fig.genuine_risk += usize::from(r.cues.iter().any(|c| c.kind.is_risk()));
                if show && (r.is_promotion || r.cues.iter().any(|c| c.kind.is_risk())) {
                    println!("[genuine flagged] {}\n    {}\n", describe(&r), excerpt(&row.comment));
                }
            }
            _ => {}
        }
    }
    fig
}

fn describe(r: &PromotionReport) -> String {
    r.cues
        .iter()
        .map(|c| format!("{}={}", c.kind.as_str(), c.text))
        .collect::<Vec<_>>()
        .join("; ")
}

fn excerpt(s: &str) -> String {
    s.chars().take(300).map(|c| if c == '\n' { '/' } else { c }).collect()
}

/// Reads the labels file: `sha256<TAB>yes|no<TAB>family` after a header row.
pub fn read_labels(body: &str) -> HashMap<String, bool> {
    body.lines()
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?.to_string(), cols.next()? == "yes"))
        })
        .collect()
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let show = args.iter().any(|a| a == "--show");
    let (train, paths): (Vec<&String>, Vec<&String>) = args
        .iter()
        .filter(|a| a.as_str() != "--show")
        .partition(|a| a.as_str() == "--train");
    let dir = paths
        .first()
        .ok_or("usage: cargo xtask eval-promotion PATH [--train] [--show]")?;
    let root = crate::exec::project_root();
    let labels_path = root.join("tests/promotion_eval/dev_advertising.tsv");
    let labels =
        read_labels(&std::fs::read_to_string(&labels_path).map_err(|e| format!("{}: {e}", labels_path.display()))?);
    let split = if train.is_empty() { "dev" } else { "train" };
    let path = Path::new(dir.as_str()).join(format!("{split}.csv"));
    let body = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let rows = read_csv(&body)?;
    let fig = measure(&rows, &labels, show);
    println!("ViSpamReviews {split}: {} rows ({})", rows.len(), path.display());
    if fig.labelled > 0 {
        println!(
            "advertising subset: {} of {} hand-labelled SpamLabel 3 rows ({} unlabelled)",
            fig.advertising, fig.labelled, fig.unlabelled
        );
        println!(
            "{:<12} {:>9} {:>9} {:>5} {:>5} {:>5}",
            "family", "precision", "recall", "tp", "fp", "fn"
        );
        for (name, c) in &fig.families {
            println!(
                "{name:<12} {:>9} {:>9} {:>5} {:>5} {:>5}",
                pct(c.precision()),
                pct(c.recall()),
                c.true_pos,
                c.false_pos,
                c.false_neg
            );
        }
        let p = fig.promotion;
        println!(
            "{:<12} {:>9} {:>9} {:>5} {:>5} {:>5}   (is_promotion: advertising recall)",
            "promotion",
            pct(p.precision()),
            pct(p.recall()),
            p.true_pos,
            p.false_pos,
            p.false_neg
        );
    } else {
        println!("no hand labels for this split's SpamLabel 3 rows (labels cover dev only)");
    }
    println!(
        "genuine reviews (SpamLabel 0): {}; flagged as promotion {} ({}), with risk cues {} ({})",
        fig.genuine,
        fig.genuine_promotion,
        pct(ratio(fig.genuine_promotion, fig.genuine)),
        fig.genuine_risk,
        pct(ratio(fig.genuine_risk, fig.genuine))
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_metrics() {
        let body = "Rating,Comment,Label,SpamLabel\r\n5,\"Giao nhanh, \"\"ok\"\"\nthật\",0,0\n1,Inbox ngay 0912345678,1,3\n1,asdf,1,3\n4,Mình mua giá 39k,0,0";
        let rows = read_csv(body).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].comment, "Giao nhanh, \"ok\"\nthật");
        assert_eq!(rows[1].spam_label, "3");
        let sha = |s: &str| koltrust::registry::snapshot::sha256_hex(s.as_bytes());
        let labels: HashMap<String, bool> = [(sha("Inbox ngay 0912345678"), true), (sha("asdf"), false)].into();
        let fig = measure(&rows, &labels, false);
        assert_eq!((fig.labelled, fig.advertising, fig.genuine), (2, 1, 2));
        assert_eq!(
            fig.families[0].1,
            Counts {
                true_pos: 1,
                false_pos: 0,
                false_neg: 0
            }
        );
        assert_eq!(fig.genuine_promotion, 0);
        let c = Counts {
            true_pos: 3,
            false_pos: 1,
            false_neg: 1,
        };
        assert_eq!((c.precision(), c.recall()), (0.75, 0.75));
        assert_eq!(
            read_labels("sha256\tlabel\tfamily\nab\tyes\tcontact\ncd\tno\tlisting\n").len(),
            2
        );
    }
}
