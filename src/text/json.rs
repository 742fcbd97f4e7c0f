//! A compact JSON writer for the JSON texts the core produces in the wasm build (the vetting record, the "My
//! reports" view): serde_json stays out of wasm32, where it and its float formatting cost bytes the 150 KB budget
//! needs, and for views with many fields a JSON text the page parses measured smaller than serde-wasm-bindgen's
//! per-field serializers. Output only; keys are ASCII literals of the calling code (not escaped), values escaped.

/// Commas go in by themselves; keys are the caller's ASCII literals (not escaped).
pub(crate) struct Json(pub(crate) String);

impl Json {
    pub(crate) fn sep(&mut self) {
        if !(self.0.is_empty() || self.0.ends_with(['{', '[', ':'])) {
            self.0.push(',');
        }
    }
    /// The key (none inside an array) and its colon.
    pub(crate) fn key(&mut self, k: &str) {
        self.sep();
        if !k.is_empty() {
            self.0.push('"');
            self.0.push_str(k);
            self.0.push_str("\":");
        }
    }
    pub(crate) fn raw(&mut self, k: &str, v: &str) {
        self.key(k);
        self.0.push_str(v);
    }
    pub(crate) fn str(&mut self, k: &str, v: &str) {
        self.key(k);
        push_json_string(&mut self.0, v);
    }
    pub(crate) fn num(&mut self, k: &str, v: u64) {
        self.raw(k, &v.to_string());
    }
    /// A string, or `null`.
    pub(crate) fn opt_str(&mut self, k: &str, v: Option<&str>) {
        match v {
            Some(v) => self.str(k, v),
            None => self.raw(k, "null"),
        }
    }
    /// A non-negative integer (Unix ms…), or `null`.
    pub(crate) fn opt_num(&mut self, k: &str, v: Option<i64>) {
        match v {
            Some(v) => self.num(k, v.max(0) as u64),
            None => self.raw(k, "null"),
        }
    }
    pub(crate) fn bool(&mut self, k: &str, v: bool) {
        self.raw(k, if v { "true" } else { "false" });
    }
    pub(crate) fn strs(&mut self, k: &str, items: &[String]) {
        self.open(k, '[');
        for i in items {
            self.str("", i);
        }
        self.close(']');
    }
    pub(crate) fn open(&mut self, k: &str, c: char) {
        self.key(k);
        self.0.push(c);
    }
    pub(crate) fn close(&mut self, c: char) {
        self.0.push(c);
    }
}

/// Appends `s` as a JSON string literal (RFC 8259: quote, backslash and control characters escaped).
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
