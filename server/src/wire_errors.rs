//! JSON bodies for the errors hyper answers by itself.
//!
//! When a request head cannot be parsed — bytes that are not HTTP, a head past hyper's own limits (100 fields, its
//! read buffer), an over-long request line — hyper answers before any route runs, with a bare head and no body:
//!
//! ```text
//! HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\ndate: Sun, 06 Dec 2026 01:39:25 GMT\r\n\r\n
//! ```
//!
//! and closes the connection. Every other error of this server carries the JSON body of [`crate::error`] (the
//! `json_errors` middleware guarantees it for all routes), so a client could not tell these apart from a proxy's
//! page. [`JsonWireErrors`] wraps a connection's I/O and rewrites exactly that shape when hyper writes it: the same
//! status and `connection: close`, plus `content-type: application/json` and the standard body
//! (`malformed_request`, `headers_too_large`, `uri_too_long`).
//!
//! ## Why at the I/O layer, and why it is safe
//! hyper offers no hook for these responses. The rewrite recognises them by their exact form: a 4xx head with only
//! `connection: close`, `content-length: 0` and `date`, at the **end** of a write (hyper closes the connection right
//! after it, so nothing follows; with pipelining it may come after the previous response in the same write). The
//! server's own responses never have that form: every one of its 4xx carries `content-type` (JSON) and every
//! response carries `x-request-id`. The wrapper reports `is_write_vectored() == false`, so hyper hands it one flat
//! buffer per write and the head is never split across `IoSlice`s.

use crate::error::{body_of, code_for_status, default_for};
use hyper::rt::{Read, ReadBufCursor, Write};
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

/// A connection's I/O whose hyper-made error heads get the server's JSON error body.
pub struct JsonWireErrors<T> {
    inner: T,
    /// A rewritten write in progress: the bytes to send, how many are sent, and the length of the caller's buffer
    /// (what the write reports as written once everything is sent).
    pending: Option<(Vec<u8>, usize, usize)>,
}

impl<T> JsonWireErrors<T> {
    pub fn new(inner: T) -> Self {
        JsonWireErrors { inner, pending: None }
    }
}

/// Where a bare hyper error head starts in `buf`, when `buf` ends with one; and its status.
fn bare_error_tail(buf: &[u8]) -> Option<(usize, u16)> {
    const HEAD_END: &[u8] = b"\r\n\r\n";
    // The shortest such head is ~100 bytes and the longest reason phrase is short: look only at the tail.
    if buf.len() < 60 || !buf.ends_with(HEAD_END) {
        return None;
    }
    let window = &buf[buf.len().saturating_sub(200)..];
    let start_in_window = find_last(window, b"HTTP/1.1 4")?;
    let start = buf.len() - window.len() + start_in_window;
    let head = std::str::from_utf8(&buf[start..buf.len() - HEAD_END.len()]).ok()?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.get(9..12)?.parse().ok()?;
    let mut seen = [false; 3];
    for line in lines {
        let (name, value) = line.split_once(": ")?;
        match name {
            "connection" if value == "close" => seen[0] = true,
            "content-length" if value == "0" => seen[1] = true,
            "date" => seen[2] = true,
            _ => return None,
        }
    }
    (seen == [true; 3]).then_some((start, status))
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The JSON answer for hyper's `status`: same status line, `connection: close`, the standard error body.
fn json_head_and_body(buf: &[u8], start: usize, status: u16) -> Vec<u8> {
    let code = match status {
        400 => "malformed_request",
        s => axum::http::StatusCode::from_u16(s).map_or("internal", code_for_status),
    };
    let body = body_of(code, default_for(code).1, &[]);
    let status_line_end = buf[start..]
        .windows(2)
        .position(|w| w == b"\r\n")
        .map_or(buf.len(), |p| start + p);
    let mut out = Vec::with_capacity(start + 256 + body.len());
    out.extend_from_slice(&buf[..status_line_end]);
    out.extend_from_slice(
        format!(
            "\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\nx-content-type-options: \
             nosniff\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(body.as_bytes());
    out
}

impl<T: Read + Unpin> Read for JsonWireErrors<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: ReadBufCursor<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: Write + Unpin> Write for JsonWireErrors<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.pending.is_none() {
            match bare_error_tail(buf) {
                Some((start, status)) => {
                    this.pending = Some((json_head_and_body(buf, start, status), 0, buf.len()));
                }
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        // hyper calls again with the same buffer until it is reported written: send the rewrite to the end first.
        while let Some((bytes, sent, reported)) = &mut this.pending {
            if *sent == bytes.len() {
                let n = *reported;
                this.pending = None;
                return Poll::Ready(Ok(n));
            }
            let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &bytes[*sent..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *sent += n;
        }
        Poll::Ready(Ok(0))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BARE_400: &[u8] =
        b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\ndate: Sun, 06 Dec 2026 01:39:25 GMT\r\n\r\n";

    #[test]
    fn recognises_hyper_heads_alone_and_after_a_response() {
        assert_eq!(bare_error_tail(BARE_400), Some((0, 400)));
        let mut pipelined = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".to_vec();
        pipelined.extend_from_slice(BARE_400);
        let at = pipelined.len() - BARE_400.len();
        assert_eq!(bare_error_tail(&pipelined), Some((at, 400)));
        let out = json_head_and_body(&pipelined, at, 400);
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nokHTTP/1.1 400 Bad Request\r\n"));
        assert!(text.ends_with(
            r#"{"error":{"code":"malformed_request","message":"Yêu cầu HTTP không hợp lệ / Malformed HTTP request"}}"#
        ));
    }

    #[test]
    fn leaves_the_servers_own_responses_alone() {
        // A JSON error of the server's own: it has a content type.
        let own = b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        assert_eq!(bare_error_tail(own), None);
        // A 200 with an empty body, and a head missing one of the three fields.
        let ok =
            b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 0\r\ndate: Sun, 06 Dec 2026 01:39:25 GMT\r\n\r\n";
        assert_eq!(bare_error_tail(ok), None);
        let partial = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\ndate: Sun, 06 Dec 2026 01:39:25 GMT\r\n\r\n";
        assert_eq!(bare_error_tail(partial), None);
        assert_eq!(bare_error_tail(b""), None);
    }
}
