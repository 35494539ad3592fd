//! The wire between the host and a worker process: frames on the worker's
//! stdin and stdout. A frame is one tag byte, a little-endian `u32` length
//! and that many bytes of payload.

use std::io::{self, Read, Write};

/// Host → worker: a document's text (UTF-8).
pub const TEXT: u8 = b'T';
/// Worker → host: what the pipeline made of the document, as JSON.
pub const RESULT: u8 = b'R';

/// Writes one frame and flushes it.
pub fn write(out: &mut impl Write, tag: u8, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a frame holds at most 4 GiB"))?;
    out.write_all(&[tag])?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(payload)?;
    out.flush()
}

/// Reads one frame; `None` at a clean end of stream (between frames).
pub fn read(input: &mut impl Read) -> io::Result<Option<(u8, Vec<u8>)>> {
    let mut tag = [0u8; 1];
    if input.read(&mut tag)? == 0 {
        return Ok(None);
    }
    let mut len = [0u8; 4];
    input.read_exact(&mut len)?;
    let mut payload = vec![0u8; u32::from_le_bytes(len) as usize];
    input.read_exact(&mut payload)?;
    Ok(Some((tag[0], payload)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_a_cut_frame_is_an_error() {
        let mut wire = Vec::new();
        write(&mut wire, TEXT, "é".as_bytes()).expect("writes to a Vec");
        write(&mut wire, RESULT, b"").expect("writes to a Vec");
        let mut input = &wire[..];
        assert_eq!(read(&mut input).expect("a frame"), Some((TEXT, "é".as_bytes().to_vec())));
        assert_eq!(read(&mut input).expect("a frame"), Some((RESULT, Vec::new())));
        assert_eq!(read(&mut input).expect("the end"), None);
        let mut cut = &wire[..4];
        assert!(read(&mut cut).is_err());
    }
}
