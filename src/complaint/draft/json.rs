//! The dialog's model as JSON text for the extension (the worker parses it): written field by field with
//! `crate::text::json`, which measured smaller in the wasm build than serde-wasm-bindgen's per-field serializers. The
//! submission is written in exactly the wire format of [`ComplaintSubmission`] (a test holds it to serde's), the
//! draft with the fields the dialog draws.

use super::posts::PostFlag;
use super::preview::ReportPreview;
use super::ReportDraft;
use crate::complaint::model::ComplaintSubmission;
use crate::text::json::Json;

fn draft(j: &mut Json, d: &ReportDraft) {
    j.open("draft", '{');
    j.str("lang", d.lang);
    j.open("labels", '{');
    for (k, v) in d.labels.pairs() {
        j.str(k, v);
    }
    j.close('}');
    match &d.profile {
        None => j.raw("profile", "null"),
        Some(p) => {
            j.open("profile", '{');
            for (k, v) in [
                ("platform", p.platform),
                ("id_type", p.id_type),
                ("account_id", &p.account_id),
            ] {
                j.str(k, v);
            }
            for (k, v) in [
                ("url", &p.url),
                ("subject", &p.subject),
                ("state_label", &p.state_label),
            ] {
                j.str(k, v);
            }
            j.opt_str("name", p.name.as_deref());
            j.str("state", p.state);
            j.close('}');
        }
    }
    j.opt_str("link", d.link.as_deref());
    j.opt_str("live", d.live.as_deref());
    j.str("excerpt", &d.excerpt);
    j.open("promotion", '{');
    j.str("summary", d.promotion.summary);
    j.open("cues", '[');
    for c in &d.promotion.cues {
        j.open("", '{');
        j.str("label", c.label);
        j.str("text", &c.text);
        j.close('}');
    }
    j.close(']');
    j.close('}');
    j.str("category", d.category);
    j.str("note", &d.note);
    j.open("categories", '[');
    for c in &d.categories {
        j.open("", '{');
        j.str("value", c.value);
        j.str("label", c.label);
        j.bool("suggested", c.suggested);
        j.close('}');
    }
    j.close(']');
    j.close('}');
}

/// The wire JSON of a submission (`POST /v1/complaints`).
pub(crate) fn submission(j: &mut Json, k: &str, s: &ComplaintSubmission) {
    j.open(k, '{');
    j.str("id", &s.id);
    j.open("profile", '{');
    j.str("platform", &s.profile.platform);
    j.str("id_type", &s.profile.id_type);
    j.str("account_id", &s.profile.account_id);
    j.opt_str("url", s.profile.url.as_deref());
    j.close('}');
    j.opt_str("page_url", s.page_url.as_deref());
    j.str("category", &s.category);
    j.str("note", &s.note);
    j.open("promotion", '{');
    j.open("cues", '[');
    for c in &s.promotion.cues {
        j.open("", '{');
        j.str("kind", &c.kind);
        j.str("text", &c.text);
        j.num("start", c.start.into());
        j.num("end", c.end.into());
        j.close('}');
    }
    j.close(']');
    j.close('}');
    j.opt_str("screenshot", s.screenshot.as_deref());
    match &s.contact {
        None => j.raw("contact", "null"),
        Some(c) => {
            j.open("contact", '{');
            j.str("value", &c.value);
            j.bool("consent", c.consent);
            j.close('}');
        }
    }
    j.str("locale", &s.locale);
    j.num("created", s.created.max(0) as u64);
    j.close('}');
}

fn preview(j: &mut Json, p: &ReportPreview) {
    j.open("preview", '{');
    for (k, list) in [("items", &p.items)] {
        j.open(k, '[');
        for i in list {
            j.open("", '{');
            j.str("label", i.label);
            j.str("value", &i.value);
            j.close('}');
        }
        j.close(']');
    }
    j.open("errors", '[');
    for e in &p.errors {
        j.open("", '{');
        j.str("field", &e.field);
        j.str("code", e.code);
        j.str("message", e.message);
        j.close('}');
    }
    j.close(']');
    match &p.submission {
        None => j.raw("submission", "null"),
        Some(s) => submission(j, "submission", s),
    }
    j.close('}');
}

/// `{"draft": …, "preview": … | null}`.
pub fn answer(d: &ReportDraft, p: Option<&ReportPreview>) -> String {
    let mut j = Json(String::with_capacity(4096));
    j.open("", '{');
    draft(&mut j, d);
    match p {
        None => j.raw("preview", "null"),
        Some(p) => preview(&mut j, p),
    }
    j.close('}');
    j.0
}

/// `[{"label", "title"} | null, …]`, one per post.
pub fn flags(flags: &[Option<PostFlag>]) -> String {
    let mut j = Json(String::new());
    j.open("", '[');
    for f in flags {
        match f {
            None => j.raw("", "null"),
            Some(f) => {
                j.open("", '{');
                j.str("label", f.label);
                j.str("title", &f.title);
                j.close('}');
            }
        }
    }
    j.close(']');
    j.0
}

#[cfg(test)]
mod tests {
    use super::super::preview::{preview as make_preview, ReportEdits};
    use super::super::{draft as make_draft, ReportContext};
    use super::*;
    use crate::i18n::Lang;
    use crate::testing::{demo_registry, NOW};
    use serde_json::{json, Value};

    #[test]
    fn the_json_says_what_the_structs_say_and_the_submission_is_the_wire_format() {
        let reg = demo_registry(NOW);
        let ctx = ReportContext {
            profile_url: Some("https://www.tiktok.com/@minh.beauty.demo".into()),
            post_url: Some("https://www.tiktok.com/@minh.beauty.demo/video/7400000000000000001?utm_source=x".into()),
            text: "Nhập mã GIAM50 \"ngay\"\n<b>x</b> https://s.shopee.vn/9zXy".into(),
            ..Default::default()
        };
        let edits = ReportEdits {
            id: "5f0c3a2e-8a1b-4c4d-9e2f-0123456789ab".into(),
            created: 1_795_928_400_000,
            category: "misleading_claim".into(),
            note: "Ghi chú\t\"trích\"".into(),
            contact: "a@example.org".into(),
            consent: true,
            ..Default::default()
        };
        for lang in [Lang::Vi, Lang::En] {
            let d = make_draft(&reg, &ctx, lang).unwrap();
            let p = make_preview(&ctx, &d, &edits, lang);
            let v: Value = serde_json::from_str(&answer(&d, Some(&p))).unwrap();
            let sd = serde_json::to_value(&d).unwrap();
            for k in [
                "lang",
                "labels",
                "profile",
                "link",
                "live",
                "excerpt",
                "category",
                "categories",
                "note",
            ] {
                assert_eq!(v["draft"][k], sd[k], "{k}");
            }
            assert_eq!(v["draft"]["promotion"]["summary"], sd["promotion"]["summary"]);
            assert_eq!(
                v["draft"]["promotion"]["cues"][0]["label"],
                sd["promotion"]["cues"][0]["label"]
            );
            let sp = serde_json::to_value(&p).unwrap();
            assert_eq!(
                v["preview"], sp,
                "the preview, submission included, exactly as serde writes it"
            );
            assert!(v["preview"]["submission"].is_object());
        }
        let none = make_draft(&reg, &ReportContext::default(), Lang::Vi).unwrap();
        let v: Value = serde_json::from_str(&answer(&none, None)).unwrap();
        assert_eq!(
            (v["draft"]["profile"].clone(), v["preview"].clone()),
            (Value::Null, Value::Null)
        );
        let f = super::super::posts::post_flag("mã GIAM50", &[], Lang::En);
        assert_eq!(
            serde_json::from_str::<Value>(&flags(&[None, f])).unwrap(),
            json!([null, {"label": "Report", "title": "A promotion without an advertising disclosure — report it with KOL Trust"}])
        );
    }
}
