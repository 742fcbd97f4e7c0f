//! The risk cues of the catalogue: counterfeit slang, miracle health and weight-loss claims, guaranteed returns.
//!
//! Risk cues are **reported, never decisive**: they do not make a post a promotion (a consumer's complaint about
//! "hàng fake" is not an advertisement) and a report built from them is a signal for a moderator, not a verdict.
//! They exist so the report dialog can point at the words that worried the reader and suggest a category.
//! All are negatable: "không phải hàng fake", "chưa khỏi hẳn", "not a miracle cure" give no cue.
//!
//! Choices worth knowing:
//! - Bare "f1" is not a cue (Formula 1, "con lai F1" — first-generation hybrids); "hàng f1", "fake/rep/loại f1" are.
//!   "1:1" counts only with "rep", "copy" or "nhái".
//! - Weight loss counts when a number of kilos and a number of days or weeks come together ("giảm 10kg trong 7
//!   ngày", "lose 5kg in a week"), not for "giảm 50k" (a price cut) or "giảm cân" alone.
//! - "bao lời"/"bao lãi" fold to the same letters as "báo lỗi" (report a bug): when the post writes diacritics they
//!   must be the right ones ([`super::Phrase::accented`]).
//! - Interest rates count per day, week or month ("lãi 2%/ngày", "lợi nhuận 30% mỗi tháng"), never per year, which
//!   is how banks quote savings.

use super::{CueKind, Phrase, Rule};

const fn fake(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::CounterfeitSlang, Rule::Plain)
}
const fn miracle(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::MiracleClaim, Rule::Plain)
}
const fn returns(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::GuaranteedReturn, Rule::Plain)
}

pub(crate) const COUNTERFEIT: &[Phrase] = &[
    fake("{rep|copy|nhai} 1:1"),
    fake("rep1:1"),
    fake("rep 1 1"),
    fake("rep 11"),
    fake("hang {rep|fake|nhai|f1|super fake|sieu fake}"),
    fake("replica"),
    fake("fake 1"),
    fake("fake loai 1"),
    fake("{super|sieu} fake"),
    fake("{fake|rep|loai} f1"),
    fake("like {auth|authentic}"),
];

pub(crate) const MIRACLE: &[Phrase] = &[
    miracle("{giam|mat|xuong} ~_{kg|can|ky|ki} *~_{ngay|tuan}"),
    miracle("lose ~_{kg|kgs|lbs|pounds} *{~_days|~_day|~_weeks|a week|one week}"),
    miracle("{tri|chua} dut diem"),
    miracle("{tri|chua} *tan goc"),
    miracle("khoi {han|hoan toan|100%}"),
    miracle("cam ket khoi"),
    // "thận được" (kidney, got) folds the same: written with diacritics, only "thần dược" counts.
    Phrase::new("than duoc", CueKind::MiracleClaim, Rule::Plain).accented(&["thần dược"]),
    miracle("{chua|tri} bach benh"),
    miracle("100% hieu qua"),
    miracle("hieu qua 100%"),
    miracle("khong *tac dung phu"),
    miracle("giam can {cap toc|than toc}"),
    miracle("trang bat tong"),
    miracle("cures"),
    miracle("cure {cancer|diabetes|covid}"),
    miracle("miracle {cure|pill|pills|product}"),
    miracle("100% effective"),
    miracle("no side effects"),
];

pub(crate) const GUARANTEED: &[Phrase] = &[
    returns("lai suat cam ket"),
    returns("cam ket {lai|loi nhuan}"),
    returns("loi nhuan cam ket"),
    returns("{lai|loi nhuan|hoa hong} *~_%{_/_| moi | hang | mot }{ngay|tuan|thang}"),
    Phrase::new("bao {loi|lai}", CueKind::GuaranteedReturn, Rule::Plain).accented(&["bao lời", "bao lãi"]),
    returns("bao von"),
    returns("x~ {tai khoan|von}"),
    returns("nhan doi {tai khoan|von|so tien}"),
    returns("{khong|0} rui ro"),
    returns("guaranteed {return|returns|profit|profits|income}"),
    returns("{risk free|zero risk|no risk}"),
    returns("double your money"),
    returns("{profit|profits|return|returns|interest} *~_% {per|a|every|each} {day|week|month}"),
];
