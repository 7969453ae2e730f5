//! Damage that pdf-extract does not report: a page whose content stream
//! does not decode.
//!
//! lopdf decodes content leniently: an ASCII85 stream stops at its first bad
//! character, a Flate stream that fails its checksum returns what it got, and
//! a stream that does not decode at all is handed over raw. pdf-extract then
//! reads what it can and returns Ok with text silently gone. So each page's
//! content streams are decoded strictly here first; a page that fails is
//! reported, and its text is not trusted to be whole.

use pdf_extract::xref::XrefEntry;
use pdf_extract::{Document, Object, ObjectId};
use std::io::Read;

/// The page count the root of the page tree states (`/Count`), when it
/// can be read.
pub fn page_tree_count(doc: &Document) -> Option<u32> {
    let root = doc.catalog().ok()?.get(b"Pages").ok()?;
    let root = match root {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(dict) => dict,
        _ => return None,
    };
    u32::try_from(root.get(b"Count").ok()?.as_i64().ok()?).ok()
}

/// The pages of the page tree in order, each with its page object; `None`
/// for a page whose object could not be loaded, so the pages after it keep
/// their true numbers (lopdf's own walk skips such a page and renumbers
/// the rest). A lost node of the tree stands for the pages its parent's
/// `/Count` leaves for it when it is the node's only lost kid, else for
/// one. A node met twice (a cycle) or deeper than [`TREE_DEPTH_LIMIT`] is
/// not walked again.
pub fn page_slots(doc: &Document) -> Vec<Option<ObjectId>> {
    let mut slots = Vec::new();
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
    else {
        return slots;
    };
    let mut seen = std::collections::HashSet::new();
    walk(doc, root, 0, &mut seen, &mut slots);
    slots
}

/// Deepest page tree walked: far beyond any real document's (a few levels).
pub const TREE_DEPTH_LIMIT: usize = 256;

fn walk(
    doc: &Document,
    node: ObjectId,
    depth: usize,
    seen: &mut std::collections::HashSet<ObjectId>,
    slots: &mut Vec<Option<ObjectId>>,
) {
    if depth > TREE_DEPTH_LIMIT || !seen.insert(node) || slots.len() > doc.objects.len() {
        return;
    }
    let Ok(dict) = doc.get_dictionary(node) else {
        slots.push(None);
        return;
    };
    let kids = match dict.get(b"Kids").and_then(|k| doc.dereference(k)) {
        Ok((_, Object::Array(kids))) => kids,
        // A leaf: a page, whatever its /Type says.
        _ => {
            slots.push(Some(node));
            return;
        }
    };
    let references: Vec<ObjectId> = kids.iter().filter_map(|k| k.as_reference().ok()).collect();
    let lost: Vec<&ObjectId> = references
        .iter()
        .filter(|id| doc.get_dictionary(**id).is_err())
        .collect();
    let known: usize = references
        .iter()
        .filter_map(|id| doc.get_dictionary(*id).ok())
        .map(|kid| match kid.get(b"Count").and_then(Object::as_i64) {
            Ok(count) if kid.has(b"Kids") => usize::try_from(count).unwrap_or(0),
            _ => 1,
        })
        .sum();
    let stated = dict
        .get(b"Count")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|c| usize::try_from(c).ok());
    let lost_pages = match (lost.len(), stated) {
        (1, Some(stated)) if stated > known => stated - known,
        _ => 1,
    };
    for id in references {
        if doc.get_dictionary(id).is_err() {
            let pages = lost_pages.min(doc.objects.len().max(1));
            slots.extend(std::iter::repeat_n(None, pages));
        } else {
            walk(doc, id, depth + 1, seen, slots);
        }
    }
}

/// How many objects the cross-reference table lists that could not be
/// loaded: lopdf skips an object it cannot parse (an offset that points
/// elsewhere, a `/Length` that ends the stream early) without a word, and
/// a lost page, font or form then silently takes its text with it.
///
/// Not counted for an encrypted file: decryption removes its encryption
/// dictionary from the objects on purpose.
pub fn lost_objects(doc: &Document) -> usize {
    if doc.encryption_state.is_some() || doc.is_encrypted() {
        return 0;
    }
    doc.reference_table
        .entries
        .iter()
        .filter(|(number, entry)| match entry {
            XrefEntry::Normal { generation, .. } => {
                !doc.objects.contains_key(&(**number, *generation))
            }
            XrefEntry::Compressed { .. } => !doc.objects.contains_key(&(**number, 0)),
            XrefEntry::Free | XrefEntry::UnusableFree => false,
        })
        .count()
}

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
