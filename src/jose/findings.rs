//! The finding ids: one table (id, usual severity, what it means, reference) that the
//! linter, the CLI, the GUI, the README's findings table and the tests all read. A finding
//! is a fact (`FindingId` plus particulars); the words around it come from this table.

use std::fmt::Write as _;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A server may accept a forged or unprotected token.
    High,
    /// A weakness an attacker can use with more effort, or a likely bug.
    Medium,
    /// A deviation from best practice.
    Low,
    /// Worth knowing; not a weakness by itself.
    Info,
}

impl Severity {
    /// Stable, lower case, as in `--json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
            Self::Info => "info",
        }
    }
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingInfo {
    /// Stable, kebab-case: a public contract (`--json`, the README).
    pub id: &'static str,
    /// The usual severity; [`FindingInfo::also`] names the other one some cases get.
    pub severity: Severity,
    /// The other severity some cases get, when there is one.
    pub also: Option<Severity>,
    /// When it is raised, in a line.
    pub when: &'static str,
    /// Where the rule comes from: "RFC 8725 §3.1", a CVE.
    pub reference: &'static str,
}

macro_rules! findings {
    ($($variant:ident => $id:literal, $severity:ident $(/ $also:ident)?, $when:literal, $reference:literal;)*) => {
        /// Every finding the linter can raise.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FindingId {
            $(#[doc = $when] $variant,)*
        }

        impl FindingId {
            /// Every id, in the order of the README's table.
            pub const ALL: &'static [FindingId] = &[$(FindingId::$variant,)*];

            /// The row of the table.
            pub fn info(self) -> &'static FindingInfo {
                match self {
                    $(FindingId::$variant => &FindingInfo {
                        id: $id,
                        severity: Severity::$severity,
                        also: findings!(@also $($also)?),
                        when: $when,
                        reference: $reference,
                    },)*
                }
            }
        }
    };
    (@also) => { None };
    (@also $also:ident) => { Some(Severity::$also) };
}

findings! {
    AlgNone => "alg-none", High, "`alg` is `none` in any capitalisation", "RFC 8725 §2.1, §3.1; RFC 7518 §3.6";
    MissingAlg => "missing-alg", High, "no `alg`, or not a string", "RFC 7515 §4.1.1";
    UnsupportedAlg => "unsupported-alg", Medium, "an `alg` this tool does not implement", "RFC 7518 §3.1";
    DeprecatedAlg => "deprecated-alg", Info, "`alg` is `EdDSA`, deprecated in favour of the fully specified `Ed25519`", "RFC 9864";
    EmptySignature => "empty-signature", High, "signature segment empty although `alg` needs one", "RFC 8725 §3.1";
    PsychicSignature => "psychic-signature", High, "ECDSA r or s is zero, raw or DER-encoded", "CVE-2022-21449; RFC 8725 §3.4";
    KeyConfusion => "key-confusion", High / Medium, "an HS* MAC verifies with a public key's PEM as the secret (high), or an HS* token is checked against public-key material only (medium)", "RFC 8725 §2.1, §3.1; CVE-2015-9235";
    WeakSecret => "weak-secret", High / Medium, "the HMAC secret is publicly known (built-in list, also tried automatically when no key is given) or empty (high), or shorter than the hash output (medium)", "RFC 8725 §3.5; RFC 7518 §3.2";
    WeakKey => "weak-key", Medium, "RSA modulus under 2048 bits", "RFC 7518 §3.3";
    EmbeddedJwk => "embedded-jwk", High, "header carries its own `jwk`", "CVE-2018-0114; RFC 8725 §3.10";
    JkuHeader => "jku-header", Medium, "header points at a key set URL", "RFC 8725 §3.10; RFC 7515 §4.1.2";
    X5uHeader => "x5u-header", Medium, "header points at a certificate URL", "RFC 8725 §3.10; RFC 7515 §4.1.5";
    X5cHeader => "x5c-header", Medium, "header carries a certificate chain", "RFC 7515 §4.1.6; RFC 8725 §3.10";
    KidInjection => "kid-injection", High, "`kid` with path traversal, quotes/SQL or shell metacharacters", "RFC 8725 §3.10; RFC 7515 §4.1.4";
    CritUnsupported => "crit-unsupported", Medium, "`crit` lists extensions this tool does not implement", "RFC 7515 §4.1.11";
    B64False => "b64-false", Low, "RFC 7797 unencoded payload", "RFC 7797 §3";
    NestedJwt => "nested-jwt", Info, "`cty: JWT`", "RFC 7519 §5.2";
    Jwe => "jwe", Info, "encrypted token that no loaded key decrypts", "RFC 7516";
    JweRsa15 => "jwe-rsa1-5", Medium, "a JWE whose content key is encrypted with `RSA1_5` (PKCS#1 v1.5), open to padding-oracle attacks", "RFC 8725 §3.2; RFC 7518 §4.2";
    DuplicateKeys => "duplicate-keys", Medium, "a member name repeats in header or payload", "RFC 7515 §4; RFC 7519 §4; RFC 8259 §4";
    DeepNesting => "deep-nesting", Medium, "JSON nested deeper than 128 levels: many parsers refuse it", "RFC 8259 §9";
    NoExp => "no-exp", Medium, "no `exp`: the token never expires", "RFC 7519 §4.1.4";
    LongLifetime => "long-lifetime", Low, "`exp − iat` over 24 h", "RFC 7519 §4.1.4; OWASP JWT Cheat Sheet";
    ExpBeforeIat => "exp-before-iat", High, "`exp` before `iat`", "RFC 7519 §4.1.4, §4.1.6";
    NbfAfterExp => "nbf-after-exp", High, "`nbf` after `exp`: never valid", "RFC 7519 §4.1.4, §4.1.5";
    IatInFuture => "iat-in-future", Medium, "`iat` after now (+ leeway)", "RFC 7519 §4.1.6";
    InvalidTimeClaim => "invalid-time-claim", High, "a time claim that is not a usable NumericDate", "RFC 7519 §2 (NumericDate)";
    MsTimestamp => "ms-timestamp", Medium, "a time claim that looks like milliseconds", "RFC 7519 §2 (NumericDate is seconds)";
    InvalidClaimType => "invalid-claim-type", Low, "a registered claim of the wrong JSON type", "RFC 7519 §4.1";
    MissingIss => "missing-iss", Info / Medium, "no `iss` (medium when an issuer is expected)", "RFC 7519 §4.1.1; RFC 8725 §3.8";
    MissingAud => "missing-aud", Info / Medium, "no `aud` (medium when an audience is expected)", "RFC 7519 §4.1.3; RFC 8725 §3.9";
    IssMismatch => "iss-mismatch", High, "`iss` differs from the expected issuer", "RFC 7519 §4.1.1; RFC 8725 §3.8";
    AudMismatch => "aud-mismatch", High, "`aud` does not include the expected audience", "RFC 7519 §4.1.3; RFC 8725 §3.9";
    SensitiveData => "sensitive-data", High, "payload members that look like secrets, keys, card numbers or national IDs", "RFC 7519 §12; RFC 7515 §10.1";
    PayloadNotObject => "payload-not-object", Medium / Info, "the payload is JSON but not an object (medium), or not JSON at all (info)", "RFC 7519 §7.2";
    NonCanonicalBase64url => "non-canonical-base64url", Low, "padding, `+`/`/`, or non-zero trailing bits accepted leniently", "RFC 7515 §2, Appendix C";
    MalformedToken => "malformed-token", Low, "the token's structure had to be repaired to read it (e.g. an extra trailing `.`)", "RFC 7515 §7.1; RFC 7519 §7.2";
    Oversized => "oversized", Low, "token over 8 KB", "RFC 9110 §5.4 (field limits are implementation-defined)";
    TypUnexpected => "typ-unexpected", Low, "`typ` not `JWT`, `at+jwt` or `…+jwt`", "RFC 8725 §3.11; RFC 7519 §5.1";
}

impl FindingId {
    /// The stable id, e.g. `alg-none`.
    pub fn name(self) -> &'static str {
        self.info().id
    }

    /// The id named by `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|id| id.name() == name)
    }

    /// The README's findings table, generated from this table (a test holds the README to it).
    pub fn markdown_table() -> String {
        let mut out = String::from("| id | severity | when | reference |\n|---|---|---|---|\n");
        for id in Self::ALL {
            let info = id.info();
            let severity = match info.also {
                Some(also) => format!("{} / {}", info.severity.name(), also.name()),
                None => info.severity.name().to_owned(),
            };
            // Writing to a String cannot fail.
            let _ = writeln!(out, "| `{}` | {severity} | {} | {} |", info.id, info.when, info.reference);
        }
        out
    }
}

impl serde::Serialize for FindingId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl std::fmt::Display for FindingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for id in FindingId::ALL {
            assert!(seen.insert(id.name()), "{} twice", id.name());
            assert!(id.name().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert_eq!(FindingId::from_name(id.name()), Some(*id));
            assert!(!id.info().when.is_empty() && !id.info().reference.is_empty());
        }
    }
}
