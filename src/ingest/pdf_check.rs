//! Damage that pdf-extract does not report: a page whose content stream
//! does not decode.
//!
//! lopdf decodes content leniently: an ASCII85 stream stops at its first bad
//! character, a Flate stream that fails its checksum returns what it got, and
//! a stream that does not decode at all is handed over raw. pdf-extract then
//! reads what it can and returns Ok with text silently gone. So each page's
//! content streams are decoded strictly here first; a page that fails is
//! reported, and its text is not trusted to be whole.

use pdf_extract::{Document, ObjectId};
use std::io::Read;

/// Why a page's content does not decode, or `None` when it does.
pub fn damaged_content(doc: &Document, page: ObjectId) -> Option<String> {
    for id in doc.get_page_contents(page) {
        let Ok(stream) = doc.get_object(id).and_then(|o| o.as_stream()) else {
            return Some(format!("its content stream {} {} is missing", id.0, id.1));
        };
        let filters: Vec<Vec<u8>> = stream
            .filters()
            .map(|f| f.into_iter().map(<[u8]>::to_vec).collect())
            .unwrap_or_default();
        let mut data = stream.content.clone();
        for filter in &filters {
            data = match filter.as_slice() {
                b"ASCII85Decode" | b"A85" => match ascii85(&data) {
                    Ok(decoded) => decoded,
                    Err(why) => {
                        return Some(format!(
                            "its content stream {} does not decode: {why}",
                            id.0
                        ));
                    }
                },
                b"FlateDecode" | b"Fl" => match inflate(&data) {
                    Ok(decoded) => decoded,
                    Err(why) => {
                        return Some(format!(
                            "its content stream {} does not decode: {why}",
                            id.0
                        ));
                    }
                },
                // Other filters are left to the reader.
                _ => break,
            };
        }
    }
    None
}

/// Strict ASCII85: only its alphabet, `z` and white space before `~>`, and
/// nothing but white space after it.
fn ascii85(data: &[u8]) -> Result<Vec<u8>, String> {
    let end = data
        .windows(2)
        .position(|w| w == b"~>")
        .ok_or("it has no end marker (~>)")?;
    if data[end + 2..].iter().any(|b| !b.is_ascii_whitespace()) {
        return Err("data follows its end marker (~>)".to_owned());
    }
    let mut out = Vec::with_capacity(end * 4 / 5);
    let mut group = [0u8; 5];
    let mut count = 0;
    for &byte in &data[..end] {
        match byte {
            b'z' if count == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[count] = byte - b'!';
                count += 1;
                if count == 5 {
                    let value = group.iter().fold(0u64, |v, &d| v * 85 + u64::from(d));
                    let value = u32::try_from(value).map_err(|_| "a group is out of range")?;
                    out.extend_from_slice(&value.to_be_bytes());
                    count = 0;
                }
            }
            byte if byte.is_ascii_whitespace() => {}
            byte => return Err(format!("it holds the byte {byte:#04x}, outside ASCII85")),
        }
    }
    if count == 1 {
        return Err("its last group has a single character".to_owned());
    }
    if count > 1 {
        for slot in group.iter_mut().skip(count) {
            *slot = 84;
        }
        let value = group.iter().fold(0u64, |v, &d| v * 85 + u64::from(d));
        let value = u32::try_from(value).map_err(|_| "a group is out of range")?;
        out.extend_from_slice(&value.to_be_bytes()[..count - 1]);
    }
    Ok(out)
}

/// Zlib inflate that fails on a bad checksum or truncated data.
fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len() * 3);
    flate2::read::ZlibDecoder::new(data)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii85_round_trip_and_damage() {
        // "Man " in ASCII85.
        assert_eq!(ascii85(b"9jqo^~>").unwrap(), b"Man ");
        assert_eq!(ascii85(b"9jqo^BlbD-~>").unwrap(), b"Man is d");
        assert!(ascii85(b"9jqo^").is_err(), "no end marker");
        assert!(ascii85(b"9j~>qo^~>").is_err(), "data after the end marker");
        assert!(
            ascii85(b"9j\x7fo^~>").is_err(),
            "a byte outside the alphabet"
        );
    }

    #[test]
    fn inflate_detects_truncation() {
        use std::io::Write;
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder
            .write_all(&b"BT /F1 10 Tf (Begroting 1.300) Tj ET".repeat(20))
            .unwrap();
        let packed = encoder.finish().unwrap();
        assert!(inflate(&packed).is_ok());
        assert!(inflate(&packed[..packed.len() - 6]).is_err());
    }
}
