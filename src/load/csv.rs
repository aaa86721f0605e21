//! Reading delimited text: encoding and delimiter are decided once from the start of the file,
//! then the rows stream through one reused `ByteRecord`.
//!
//! Encodings: a BOM decides (UTF-8, UTF-16 LE/BE); without one, UTF-16 is recognised by its
//! zero bytes, and otherwise each cell is read as UTF-8 when it is valid and as Windows-1252
//! when it is not, so a file that is mostly UTF-8 with one cp1252 cell loses nothing.

use super::cell::{RawRow, column_letter};
use super::limits::Limits;
use crate::error::LoadError;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::rc::Rc;

/// How many bytes of the file's start decide encoding and delimiter.
const SNIFF_BYTES: usize = 64 * 1024;

/// The text encoding of a file, as far as the reader has to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8, with Windows-1252 for any cell that is not valid UTF-8.
    Utf8OrWindows1252,
    Utf16Le,
    Utf16Be,
}

/// What the start of a file told us.
#[derive(Debug)]
pub struct Dialect {
    pub encoding: TextEncoding,
    pub bom_len: u64,
    pub delimiter: u8,
}

/// Where the line breaks of a stream are, so that a record's byte position becomes the line a
/// person sees in a text editor. `\n`, `\r\n` and a lone `\r` each end a line. Only the
/// breaks ahead of the parser are kept.
#[derive(Debug, Default)]
struct LineBreaks {
    /// Breaks already behind the parser.
    passed: u64,
    ahead: VecDeque<u64>,
    offset: u64,
    carriage_return_at: Option<u64>,
}

impl LineBreaks {
    fn scan(&mut self, bytes: &[u8]) {
        // A carriage return at the end of the last chunk is a break unless this one goes on
        // with its line feed.
        if let Some(&first) = bytes.first()
            && let Some(cr) = self.carriage_return_at.take()
            && first != b'\n'
        {
            self.ahead.push_back(cr);
        }
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let at = self.offset + i as u64;
            match (bytes[i], bytes.get(i + 1)) {
                (b'\n', _) => self.ahead.push_back(at),
                // `\r\n` is one break, counted at its `\n`.
                (_, Some(b'\n')) => {}
                (_, Some(_)) => self.ahead.push_back(at),
                (_, None) => self.carriage_return_at = Some(at),
            }
        }
        self.offset += bytes.len() as u64;
    }

    /// The line (from 1) that holds byte `at`; calls must not go backwards.
    fn line_of(&mut self, at: u64) -> u64 {
        while self.ahead.front().is_some_and(|b| *b < at) {
            self.ahead.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

/// A reader that notes line breaks as the CSV parser pulls bytes through it.
struct Counting<R> {
    inner: R,
    breaks: Rc<RefCell<LineBreaks>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.breaks.borrow_mut().scan(&buf[..n]);
        Ok(n)
    }
}

/// Line breaks inside a record's quoted fields, counted as `LineBreaks` counts them.
fn breaks_inside(record: &csv::ByteRecord) -> u64 {
    let bytes = record.as_slice();
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .count() as u64
}

/// The fields of the row last read. A row is checked for UTF-8 once, as a whole (csv's own
/// check: a glance when it is ASCII), so that its cells are then used as they are; only a row
/// with a cell in another encoding keeps its bytes, decoded cell by cell.
#[derive(Debug)]
pub enum Fields {
    Utf8(csv::StringRecord),
    Bytes(csv::ByteRecord),
}

impl Fields {
    fn into_bytes(self) -> csv::ByteRecord {
        match self {
            Fields::Utf8(text) => text.into_byte_record(),
            Fields::Bytes(bytes) => bytes,
        }
    }
}

/// Streams the rows of a delimited text file.
pub struct CsvRows {
    path: String,
    reader: csv::Reader<Counting<Box<dyn Read>>>,
    breaks: Rc<RefCell<LineBreaks>>,
    /// The row last read; none before the first (or after a failed read). Its buffers are
    /// reused for the next row.
    fields: Option<Fields>,
    limits: Limits,
    rows_seen: u64,
    /// The last line of the previous record.
    last_line: u64,
    pub dialect_delimiter: u8,
    encoding: TextEncoding,
    has_bom: bool,
    /// Cells that were not valid UTF-8 and were read as Windows-1252.
    windows_1252_cells: u64,
}

impl CsvRows {
    pub fn open(path: &str, limits: Limits) -> Result<CsvRows, LoadError> {
        let io = |cause| LoadError::Io {
            path: path.to_string(),
            cause,
        };
        let mut file = File::open(path).map_err(io)?;
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        (&mut file)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(io)?;
        let dialect = sniff(path, &head)?;
        file.seek(SeekFrom::Start(dialect.bom_len)).map_err(io)?;
        let stream: Box<dyn Read> = match dialect.encoding {
            TextEncoding::Utf8OrWindows1252 => Box::new(BufReader::new(file)),
            TextEncoding::Utf16Le => Box::new(transcoder(file, UTF_16LE)),
            TextEncoding::Utf16Be => Box::new(transcoder(file, UTF_16BE)),
        };
        let breaks = Rc::new(RefCell::new(LineBreaks::default()));
        let reader = csv::ReaderBuilder::new()
            .delimiter(dialect.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Counting {
                inner: stream,
                breaks: Rc::clone(&breaks),
            });
        Ok(CsvRows {
            path: path.to_string(),
            reader,
            breaks,
            fields: None,
            limits,
            rows_seen: 0,
            last_line: 0,
            dialect_delimiter: dialect.delimiter,
            encoding: dialect.encoding,
            has_bom: dialect.bom_len > 0,
            windows_1252_cells: 0,
        })
    }

    /// The next row, with the number of entirely empty lines skipped before it (the CSV parser
    /// does not return those, and every row read must be accounted for).
    pub fn next_row(&mut self) -> Result<Option<(RawRow<'_>, u64)>, LoadError> {
        let buffer = self.fields.take().map(Fields::into_bytes);
        let Some(read) = self.read_into(buffer)? else {
            return Ok(None);
        };
        let fields = self.fields.insert(read.fields);
        Ok(Some((RawRow::text(read.row, fields), read.empty_lines)))
    }

    /// The next row as [`next_row`](Self::next_row) reads it, owned, to be handed to another
    /// thread; read into `spare`'s buffers (a row already used) when there is one.
    pub fn next_owned(&mut self, spare: Option<OwnedRow>) -> Result<Option<OwnedRow>, LoadError> {
        self.read_into(spare.map(|row| row.fields.into_bytes()))
    }

    fn read_into(
        &mut self,
        buffer: Option<csv::ByteRecord>,
    ) -> Result<Option<OwnedRow>, LoadError> {
        let mut record = buffer.unwrap_or_default();
        let more = self
            .reader
            .read_byte_record(&mut record)
            .map_err(|e| LoadError::Csv {
                path: self.path.clone(),
                row: self.last_line + 1,
                message: csv_error_message(&e),
            })?;
        if !more {
            return Ok(None);
        }
        let end = self.reader.position().byte();
        let last_line = self.breaks.borrow_mut().line_of(end.saturating_sub(1));
        let row = last_line
            .saturating_sub(breaks_inside(&record))
            .max(self.last_line + 1);
        let empty_lines = row - self.last_line - 1;
        self.last_line = last_line.max(row);
        self.rows_seen += 1;
        if self.rows_seen > self.limits.max_rows {
            return Err(LoadError::TooManyRows {
                path: self.path.clone(),
                limit: self.limits.max_rows,
            });
        }
        if record.as_slice().len() > self.limits.max_cell_bytes
            && let Some((index, field)) = (record.iter().enumerate())
                .find(|(_, field)| field.len() > self.limits.max_cell_bytes)
        {
            return Err(LoadError::CellTooLarge {
                path: self.path.clone(),
                row,
                column: column_letter(index),
                size: field.len(),
                limit: self.limits.max_cell_bytes,
            });
        }
        let fields = match csv::StringRecord::from_byte_record(record) {
            Ok(text) => Fields::Utf8(text),
            Err(not_utf8) => {
                // Decoded when a field asks for them; here only counted, for the encoding the
                // file is said to be in.
                let record = not_utf8.into_byte_record();
                let windows_1252 = record
                    .iter()
                    .filter(|field| std::str::from_utf8(field).is_err())
                    .count();
                self.windows_1252_cells += windows_1252 as u64;
                Fields::Bytes(record)
            }
        };
        Ok(Some(OwnedRow {
            row,
            empty_lines,
            fields,
        }))
    }
}

/// A row read from a text file and kept past the next one: its number, the entirely empty
/// lines skipped before it, and its fields.
#[derive(Debug)]
pub struct OwnedRow {
    pub row: u64,
    pub empty_lines: u64,
    fields: Fields,
}

impl OwnedRow {
    /// The row, as the loader reads rows.
    pub fn raw(&self) -> RawRow<'_> {
        RawRow::text(self.row, &self.fields)
    }
}

fn csv_error_message(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Io(e) => format!("read failed: {e}"),
        other => format!("{other:?}"),
    }
}

fn transcoder(file: File, encoding: &'static Encoding) -> impl Read {
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(false)
        .build(BufReader::new(file))
}

impl CsvRows {
    /// The encoding the rows read so far were in, as a person would name it.
    pub fn encoding_name(&self) -> &'static str {
        match (self.encoding, self.has_bom, self.windows_1252_cells) {
            (TextEncoding::Utf16Le, _, _) => "UTF-16LE",
            (TextEncoding::Utf16Be, _, _) => "UTF-16BE",
            (TextEncoding::Utf8OrWindows1252, _, n) if n > 0 => "Windows-1252",
            (TextEncoding::Utf8OrWindows1252, true, _) => "UTF-8 with BOM",
            (TextEncoding::Utf8OrWindows1252, false, _) => "UTF-8",
        }
    }
}

/// Decides the encoding and delimiter from the start of a file, and refuses what is not text.
pub fn sniff(path: &str, head: &[u8]) -> Result<Dialect, LoadError> {
    refuse_known_binary(path, head)?;
    let (encoding, bom_len) = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        (TextEncoding::Utf8OrWindows1252, 3)
    } else if head.starts_with(&[0xFF, 0xFE]) {
        (TextEncoding::Utf16Le, 2)
    } else if head.starts_with(&[0xFE, 0xFF]) {
        (TextEncoding::Utf16Be, 2)
    } else {
        (
            utf16_without_bom(head).unwrap_or(TextEncoding::Utf8OrWindows1252),
            0,
        )
    };
    let body = &head[bom_len as usize..];
    let text = match encoding {
        TextEncoding::Utf8OrWindows1252 => match std::str::from_utf8(body) {
            Ok(text) => text.to_string(),
            // The sample may end inside a character, or hold cp1252 bytes: either way the
            // delimiter sniffing only needs ASCII.
            Err(_) => WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
                .into_owned(),
        },
        TextEncoding::Utf16Le => UTF_16LE.decode_without_bom_handling(body).0.into_owned(),
        TextEncoding::Utf16Be => UTF_16BE.decode_without_bom_handling(body).0.into_owned(),
    };
    refuse_binary_text(path, &text)?;
    Ok(Dialect {
        encoding,
        bom_len,
        delimiter: sniff_delimiter(&text),
    })
}

fn refuse_known_binary(path: &str, head: &[u8]) -> Result<(), LoadError> {
    let wrong = |what, advice| {
        Err(LoadError::WrongContent {
            path: path.to_string(),
            what,
            advice,
        })
    };
    if head.starts_with(b"PK\x03\x04") {
        return wrong(
            "a zip archive (perhaps an Excel workbook)",
            "if it is a workbook, give it its .xlsx name; otherwise unpack it",
        );
    }
    if head.starts_with(&[0x1F, 0x8B]) {
        return wrong("a gzip archive", "unpack it first");
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return wrong("an old Excel workbook", "give it its .xls name");
    }
    if head.starts_with(b"%PDF") {
        return wrong("a PDF document", "export the data as CSV or Excel");
    }
    Ok(())
}

/// Text with many control characters is binary data, whatever its name says.
fn refuse_binary_text(path: &str, text: &str) -> Result<(), LoadError> {
    let total = text.chars().count();
    let control = text
        .chars()
        .filter(|c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || *c == '\u{FFFD}')
        .count();
    if total > 0 && control * 10 > total {
        return Err(LoadError::WrongContent {
            path: path.to_string(),
            what: "binary data",
            advice: "export the data as CSV (UTF-8 or Windows-1252) or Excel",
        });
    }
    Ok(())
}

/// UTF-16 without a BOM shows as a zero byte in every other position of ASCII text.
fn utf16_without_bom(head: &[u8]) -> Option<TextEncoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if zero_odd * 10 >= pairs * 7 && zero_even * 10 <= pairs {
        Some(TextEncoding::Utf16Le)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 10 <= pairs {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter that splits the first lines most consistently: the header line and the
/// data lines should have the same count of it. Decimal commas in a `;` file are data, not
/// structure, and the header line has none of them, which is what tells the two apart.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for delimiter in DELIMITERS {
        let counts: Vec<usize> = lines
            .iter()
            .map(|line| count_outside_quotes(line, delimiter))
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        if (consistent, first) > (best.1, best.2) {
            best = (delimiter, consistent, first);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if byte == delimiter && !quoted {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::super::cell::decode_text;
    use super::*;

    #[test]
    fn semicolons_win_over_decimal_commas() {
        let text = "Date;Montant;Litres\n05/03/2020;1 234,50;45,5\n06/03/2020;99,00;10,0\n";
        assert_eq!(sniff_delimiter(text), b';');
    }

    #[test]
    fn each_delimiter_is_recognised() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b|c\n1|2|3\n"), b'|');
        assert_eq!(sniff_delimiter("a;b\n\"1;5\";2\n"), b';');
    }

    #[test]
    fn utf16_is_recognised_without_a_bom() {
        let le: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(sniff("x", &le).unwrap().encoding, TextEncoding::Utf16Le);
        assert_eq!(sniff("x", &be).unwrap().encoding, TextEncoding::Utf16Be);
    }

    #[test]
    fn boms_decide_the_encoding() {
        assert_eq!(sniff("x", b"\xEF\xBB\xBFa,b\n").unwrap().bom_len, 3);
        assert_eq!(
            sniff("x", b"\xFF\xFEa\0,\0b\0").unwrap().encoding,
            TextEncoding::Utf16Le
        );
        assert_eq!(
            sniff("x", b"\xFE\xFF\0a\0,\0b").unwrap().encoding,
            TextEncoding::Utf16Be
        );
    }

    fn rows_of(text: &str) -> Vec<(u64, u64)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, text).unwrap();
        let mut rows = CsvRows::open(path.to_str().unwrap(), Limits::default()).unwrap();
        let mut seen = Vec::new();
        while let Some((row, empty)) = rows.next_row().unwrap() {
            seen.push((row.row, empty));
        }
        seen
    }

    #[test]
    fn rows_are_numbered_as_a_text_editor_shows_them() {
        let expected = [(1, 0), (2, 0), (5, 2), (6, 0), (8, 0)];
        assert_eq!(rows_of("a,b\n1,2\n\n\n3,4\n\"x\ny\",5\n6,7"), expected);
        assert_eq!(
            rows_of("a,b\r\n1,2\r\n\r\n\r\n3,4\r\n\"x\r\ny\",5\r\n6,7\r\n"),
            expected
        );
        assert_eq!(rows_of("a,b\r1,2\r\r\r3,4\r\"x\ry\",5\r6,7\r"), expected);
    }

    #[test]
    fn cp1252_cells_decode() {
        assert_eq!(decode_text(b"Ann\xe9e \x80"), ("Année €".into(), true));
        assert_eq!(decode_text("Année".as_bytes()), ("Année".into(), false));
    }

    #[test]
    fn binary_content_is_refused() {
        assert!(sniff("x", b"PK\x03\x04rest").is_err());
        assert!(sniff("x", &[0x1F, 0x8B, 8, 0]).is_err());
        let garbage: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(sniff("x", &garbage).is_err());
    }
}
