//! Why a JWE could not be decrypted, or made: one variant per step that can fail, so a shell
//! can say which step it was without reading the sentence.

use crate::jose::base64url::Base64Error;
use crate::jose::jwe::header::{ContentEnc, KeyAlg};
use crate::jose::token::SegmentRole;

/// What is wrong with one header member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MemberProblem {
    /// Required here but absent.
    #[error("is missing")]
    Missing,
    /// Present, but not a JSON string.
    #[error("is not a string")]
    NotAString,
    /// A string that is not base64url.
    #[error("is not base64url")]
    NotBase64url,
    /// Not a whole number of at least 1.
    #[error("is not a positive integer")]
    NotAPositiveInteger,
    /// An `epk` that is not a public key on a curve this tool agrees keys on.
    #[error("is not a public key on P-256, P-384 or P-521")]
    NotAKey,
    /// Decoded, but of a length the algorithm never uses.
    #[error("has the wrong length ({found} bytes; {expected} expected)")]
    WrongLength {
        /// Bytes the algorithm needs.
        expected: usize,
        /// Bytes it has.
        found: usize,
    },
}

/// The step of decryption that failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JweError {
    /// The token does not have the five segments of a compact JWE.
    #[error("this is not a JWE: a compact JWE has 5 segments, this token has {0}")]
    NotJwe(usize),
    /// A segment is not base64url.
    #[error("the {} segment is not base64url: {error}", role.label())]
    Segment {
        /// Which segment.
        role: SegmentRole,
        /// What is wrong with its text.
        error: Base64Error,
    },
    /// The protected header is not a JSON object.
    #[error("the protected header is not a JSON object")]
    HeaderNotJson,
    /// A header member this algorithm needs is missing or malformed.
    #[error("the header member {member:?} {problem}")]
    Member {
        /// The member's name: `enc`, `epk`, `p2s`, `iv`….
        member: &'static str,
        /// What is wrong with it.
        problem: MemberProblem,
    },
    /// `alg` names a key management algorithm this tool does not implement.
    #[error("alg {0:?} is not a JWE key management algorithm this tool decrypts")]
    UnsupportedAlg(String),
    /// `enc` names a content encryption this tool does not implement.
    #[error("enc {0:?} is not a JWE content encryption this tool decrypts")]
    UnsupportedEnc(String),
    /// `zip` is present but is not `DEF`.
    #[error("zip {0:?} is not a compression this tool knows (only DEF)")]
    UnsupportedZip(String),
    /// `crit` names extensions this tool does not understand (RFC 7515 §4.1.11).
    #[error("crit names header members this tool does not understand: {}", .0.join(", "))]
    CritNotUnderstood(Vec<String>),
    /// `crit` is not a non-empty array of distinct strings naming members present in the header.
    #[error("crit must be a non-empty array of distinct names of members present in the header")]
    CritMalformed,
    /// PBES2 with more iterations than the cap: refused without computing any.
    #[error(
        "p2c is {p2c} iterations, over this tool's cap of {}: refused as a possible denial of service",
        crate::jose::jwe::MAX_P2C
    )]
    P2cOverCap {
        /// The header's iteration count (saturated at `u64::MAX`).
        p2c: u64,
    },
    /// No key is loaded at all.
    #[error("no key loaded: {} to decrypt this {} JWE", .0.needs(), .0.name())]
    NoKey(KeyAlg),
    /// Keys are loaded, but none is of the kind the algorithm needs.
    #[error("no loaded key fits {}: it needs {}", .0.name(), .0.needs())]
    NoFittingKey(KeyAlg),
    /// The cryptography refused the key itself (e.g. an RSA key too small for it).
    #[error("the key cannot be used for {}", .0.name())]
    KeyUnusable(KeyAlg),
    /// A symmetric key of the wrong size for the algorithm.
    #[error("the key is {found} bytes, but {} needs {expected}", alg.name())]
    KeyLength {
        /// The key management algorithm.
        alg: KeyAlg,
        /// Bytes it needs.
        expected: usize,
        /// Bytes the key has.
        found: usize,
    },
    /// `dir` and `ECDH-ES` carry no encrypted key, but this token has one.
    #[error("{} carries no encrypted key, but the encrypted key segment is not empty", .0.name())]
    UnexpectedEncryptedKey(KeyAlg),
    /// The content encryption key could not be recovered: most likely the wrong key.
    #[error("the content key could not be unwrapped with {}: wrong key, or the encrypted key was altered", .0.name())]
    UnwrapFailed(KeyAlg),
    /// The content encryption key has the wrong length for `enc`.
    #[error("the content key is {found} bytes, but {} needs {expected}", enc.name())]
    CekLength {
        /// The content encryption.
        enc: ContentEnc,
        /// Bytes it needs.
        expected: usize,
        /// Bytes it has.
        found: usize,
    },
    /// The initialization vector has the wrong length for `enc`.
    #[error("the initialization vector is {found} bytes, but {} needs {expected}", enc.name())]
    IvLength {
        /// The content encryption.
        enc: ContentEnc,
        /// Bytes it needs.
        expected: usize,
        /// Bytes it has.
        found: usize,
    },
    /// The authentication tag has the wrong length for `enc`.
    #[error("the authentication tag is {found} bytes, but {} tags are {expected}", enc.name())]
    TagLength {
        /// The content encryption.
        enc: ContentEnc,
        /// Bytes it needs.
        expected: usize,
        /// Bytes it has.
        found: usize,
    },
    /// The authentication tag does not match: the token was altered, or the key is wrong.
    #[error("the authentication tag does not match: the token was altered or the key is wrong")]
    TagMismatch(ContentEnc),
    /// The tag matched but the CBC padding is broken: the sender encrypted it wrongly.
    #[error("the tag matches but the plaintext's CBC padding is broken")]
    Padding,
    /// `zip: DEF` content that inflates beyond the cap: refused as a possible decompression bomb.
    #[error(
        "the compressed content inflates to more than {} MiB: refused as a possible decompression bomb",
        crate::jose::jwe::MAX_INFLATED / (1024 * 1024)
    )]
    InflateOverCap,
    /// `zip: DEF` content that is not raw DEFLATE.
    #[error("the content says zip DEF but is not valid DEFLATE data")]
    InflateInvalid,
    /// Encryption with `RSA1_5` is refused: it is decrypted (and flagged), never made anew.
    #[error(
        "RSA1_5 is a legacy algorithm open to padding-oracle attacks: this tool decrypts it but does not make new RSA1_5 tokens (use RSA-OAEP-256)"
    )]
    Rsa1_5Refused,
    /// The header to encrypt already holds a member the algorithm adds itself (`epk`, `iv`, `tag`).
    #[error("the header already has {0:?}: {1} adds it itself, so leave it out")]
    MemberAdded(&'static str, &'static str),
    /// The system's random number generator failed.
    #[error("the system's random number generator failed")]
    Random,
    /// aws-lc-rs refused to encrypt with a key of the right length (never expected).
    #[error("the cryptography library refused to encrypt with {0}")]
    EncryptRefused(&'static str),
}
