//! The promotion detector and the report dialog's view of it. Input: the post's text, then after each NUL byte one
//! link. No panic; deterministic; a text cue's span is a char boundary range of the text holding exactly its text;
//! link cues point at a link; the view's UTF-16 offsets slice the same text.
#![no_main]

use koltrust::complaint::cues::view;
use koltrust::i18n::Lang;
use koltrust::promotion::detect;
use koltrust_fuzz::parts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let all = parts(data, 9);
    let (text, links) = all.split_first().expect("splitn gives at least one part");
    let links: Vec<&str> = links.iter().map(String::as_str).collect();
    let report = detect(text, &links);
    assert_eq!(report, detect(text, &links), "detect is deterministic");
    for cue in &report.cues {
        match cue.link {
            None => {
                assert!(cue.start <= cue.end && cue.end <= text.len(), "{cue:?}");
                assert!(
                    text.is_char_boundary(cue.start) && text.is_char_boundary(cue.end),
                    "{cue:?}"
                );
                assert_eq!(&text[cue.start..cue.end], cue.text, "{cue:?}");
            }
            Some(i) => assert!(i < links.len(), "{cue:?}"),
        }
    }
    let utf16: Vec<u16> = text.encode_utf16().collect();
    for lang in [Lang::Vi, Lang::En] {
        let v = view(text, &links, lang);
        assert_eq!(v.cues.len(), report.cues.len());
        for (c, cue) in v.cues.iter().zip(&report.cues) {
            if cue.link.is_none() {
                let slice = utf16.get(c.start..c.end).expect("UTF-16 span inside the text");
                assert_eq!(String::from_utf16_lossy(slice), cue.text, "{c:?}");
            }
        }
    }
});
