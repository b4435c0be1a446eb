//! A batch line's JSON, written as fast as the hand-written lines were: every value goes
//! through `serde_json` (its number formatting and string escaping), and every field and unit
//! variant name is written as it is. `serde_json` escapes names too, scanning them byte by
//! byte: for the up to fourteen names of a batch line that cost ~100 ns, about 4 % of an
//! HS256 line. The names are identifiers chosen in this crate, with nothing to escape. A
//! test holds the output to `serde_json::to_vec`, byte for byte.

use serde::Serialize;
use serde::ser::{self, Impossible};

/// What this writer's errors are: `serde_json`'s.
type Error = serde_json::Error;

/// Appends `value` to `out` as compact JSON, the same bytes as `serde_json::to_writer`
/// writes. `value` is made of what a batch line holds: structs (not flattened), options,
/// numbers, strings, booleans and unit enum variants; anything else is an error.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(Line { out })
}

/// Serialises one value into the line.
struct Line<'o> {
    out: &'o mut Vec<u8>,
}

/// A struct being written: whether the next field is its first (the `{` is written with
/// it, so that each field costs two short writes and its name).
struct Fields<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

/// Field and variant names are this crate's identifiers (or its `rename`s): written as they
/// are, they must hold no quote, backslash or control character.
fn is_plain(name: &str) -> bool {
    !name.bytes().any(|b| b == b'"' || b == b'\\' || b < b' ')
}

fn unsupported(what: &str) -> Error {
    ser::Error::custom(format!("a batch line holds no {what}"))
}

/// Scalars: exactly as `serde_json` writes them.
macro_rules! as_serde_json {
    ($($method:ident($type:ty)),* $(,)?) => {$(
        fn $method(self, value: $type) -> Result<(), Error> {
            ser::Serializer::$method(&mut serde_json::Serializer::new(&mut *self.out), value)
        }
    )*};
}

impl<'o> ser::Serializer for Line<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Fields<'o>;
    type SerializeStructVariant = Impossible<(), Error>;

    as_serde_json!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
    );

    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        debug_assert!(is_plain(variant), "{variant} needs escaping");
        self.out.push(b'"');
        self.out.extend_from_slice(variant.as_bytes());
        self.out.push(b'"');
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(unsupported("enum variant with data"))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(unsupported("sequence"))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(unsupported("tuple"))
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(unsupported("tuple struct"))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("enum variant with data"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(unsupported("map (or flattened struct)"))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Ok(Fields { out: self.out, first: true })
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("enum variant with data"))
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        debug_assert!(is_plain(key), "{key} needs escaping");
        self.out.extend_from_slice(if self.first { b"{\"" } else { b",\"" });
        self.first = false;
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        value.serialize(Line { out: &mut *self.out })
    }

    fn end(self) -> Result<(), Error> {
        if self.first {
            self.out.push(b'{');
        }
        self.out.push(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::{BatchLine, InputLine};
    use crate::inspection::{Inspection, Settings};
    use crate::jose::alg::Algorithm;
    use crate::jose::keys::{SecretEncoding, secret_from_text};

    #[test]
    fn a_batch_line_is_written_as_serde_json_writes_it() {
        let key = secret_from_text("a secret of thirty-two bytes ...", SecretEncoding::Utf8, "--secret").expect("key");
        let sign = |header: &str, payload: &str| {
            crate::jose::sign::encode(header, payload, Algorithm::HS256, &key).expect("signed")
        };
        let lines = [
            sign(r#"{"alg":"HS256","kid":"k\"1\\\u0001é😀\t"}"#, r#"{"exp":1700000000}"#),
            sign(r#"{"alg":"HS256"}"#, r#"{"exp":1800000000,"iat":1600000000}"#),
            sign(r#"{"alg":"HS256"}"#, "plain text"),
            sign(r#"{"alg":"HS256"}"#, r#"{"exp":"tomorrow"}"#),
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.".to_owned(),
            "eyJhbGciOiJIUzI1NiJ9.e30.AAAA".to_owned(),
            "not a token \"at all\" \u{2028}".to_owned(),
            "a.b*c".to_owned(),
            String::new(),
        ];
        let keys = [key.clone()];
        let settings = Settings::default();
        let now = chrono::DateTime::from_timestamp(1_700_000_100, 0).expect("time");
        for (number, text) in (1..).zip(&lines) {
            let inspection = Inspection::verdict_only(text, &keys, &settings, now);
            for utf8_error_offset in [None, Some(number)] {
                let line = BatchLine::new(InputLine { number, text, utf8_error_offset }, &inspection);
                let mut out = Vec::new();
                write(&mut out, &line).expect("written");
                let expected = serde_json::to_vec(&line).expect("serde_json");
                assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&expected));
            }
        }
    }

    #[test]
    fn a_struct_with_no_field_written_is_an_empty_object() {
        #[derive(Serialize)]
        struct Nothing {
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
        }
        let mut out = Vec::new();
        write(&mut out, &Nothing { skipped: None }).expect("written");
        assert_eq!(out, b"{}");
        out.clear();
        write(&mut out, &Nothing { skipped: Some(1) }).expect("written");
        assert_eq!(out, br#"{"skipped":1}"#);
    }

    #[test]
    fn what_a_batch_line_never_holds_is_an_error_not_wrong_json() {
        let mut out = Vec::new();
        assert!(write(&mut out, &[1, 2]).is_err());
        assert!(write(&mut out, &std::collections::BTreeMap::from([("a", 1)])).is_err());
    }
}
