//! What registered JWT claims and JOSE header parameters mean.
//!
//! The inspector uses this table for tooltips and reports: given a member
//! name from a token's header or payload, it says what the member is for,
//! where it is defined and what JSON type its value should have.
//!
//! The contents follow two IANA registries:
//!
//! - "JSON Web Token Claims" (<https://www.iana.org/assignments/jwt>), as of
//!   mid-2026, for [`CLAIMS`] (the recent "stpl" registration is left out
//!   until its defining document can be checked);
//! - "JSON Web Signature and Encryption Header Parameters"
//!   (<https://www.iana.org/assignments/jose>), as of 2026-02-05, for
//!   [`HEADER_PARAMETERS`].
//!
//! References name the document and section the registry points to. Names
//! are matched exactly, because JOSE member names are case-sensitive.

/// Where a registered name is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A JWT claim, in the payload (IANA JSON Web Token Claims).
    Claim,
    /// A JOSE header parameter (IANA JSON Web Signature and Encryption Header Parameters).
    Header,
}

/// How a value of this member is expected to look (lets the inspector flag wrong JSON types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A JSON string.
    String,
    /// A NumericDate: a JSON number of seconds since 1970.
    NumericDate,
    /// A StringOrURI: a string, a URI when it contains a colon.
    StringOrUri,
    /// A string or an array of strings (`aud`).
    StringOrArray,
    /// A JSON array.
    Array,
    /// A JSON object.
    Object,
    /// `true` or `false`.
    Boolean,
    /// A JSON number.
    Number,
    /// Any JSON value.
    Any,
}

/// One registered name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The member name, exactly (names are case-sensitive).
    pub name: &'static str,
    /// Short human title, e.g. "Expiration Time".
    pub title: &'static str,
    /// One sentence a junior developer understands, e.g. "The token must not be accepted on or after this time."
    pub meaning: &'static str,
    /// Where it is defined, e.g. "RFC 7519 §4.1.4" or "OpenID Connect Core 1.0 §2".
    pub reference: &'static str,
    /// The JSON type its value should have.
    pub kind: ValueKind,
}

// Keeps each table row on one line, so the tables read like the registry.
const fn entry(
    name: &'static str,
    title: &'static str,
    meaning: &'static str,
    reference: &'static str,
    kind: ValueKind,
) -> Entry {
    Entry { name, title, meaning, reference, kind }
}

use ValueKind::{Any, Array, Boolean, Number, NumericDate, Object, StringOrArray, StringOrUri};
// `String` is spelled out as `ValueKind::String` below, so it cannot be
// mistaken for the standard library's `String`.

/// Every claim in the IANA "JSON Web Token Claims" registry, in registry order.
// A kind is `Any` where the defining document allows more than one JSON type
// or its JSON form is not pinned down: flagging a valid token would be worse
// than not flagging an odd one.
// rustfmt would split every row over seven lines; one row a line keeps the
// table scannable and its diffs small.
#[rustfmt::skip]
pub static CLAIMS: &[Entry] = &[
    // RFC 7519: the registered claims every JWT library knows.
    entry("iss", "Issuer", "Identifies who created and signed the token, usually the URL of an authorization server.", "RFC 7519 §4.1.1", StringOrUri),
    entry("sub", "Subject", "Identifies whom the token is about, typically a user or client ID that is unique within the issuer.", "RFC 7519 §4.1.2", StringOrUri),
    entry("aud", "Audience", "Names the recipients the token is meant for; a service must reject a token that does not name it.", "RFC 7519 §4.1.3", StringOrArray),
    entry("exp", "Expiration Time", "The token must not be accepted on or after this time.", "RFC 7519 §4.1.4", NumericDate),
    entry("nbf", "Not Before", "The token must not be accepted before this time.", "RFC 7519 §4.1.5", NumericDate),
    entry("iat", "Issued At", "The time the token was issued, which tells how old it is.", "RFC 7519 §4.1.6", NumericDate),
    entry("jti", "JWT ID", "A unique identifier for this token, which lets a receiver spot and refuse a replayed token.", "RFC 7519 §4.1.7", ValueKind::String),
    // OpenID Connect standard claims about the user.
    entry("name", "Full Name", "The user's full name in displayable form, possibly with titles and suffixes.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("given_name", "Given Name", "The user's given (first) name or names.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("family_name", "Family Name", "The user's surname or last name or names.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("middle_name", "Middle Name", "The user's middle name or names.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("nickname", "Nickname", "A casual name the user goes by, which may differ from the given name.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("preferred_username", "Preferred Username", "The short name the user likes to be called, such as a login handle; it is neither unique nor stable, so never use it as a key.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("profile", "Profile Page", "The URL of the user's profile page.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("picture", "Picture", "The URL of the user's profile picture.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("website", "Website", "The URL of the user's web page or blog.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("email", "Email", "The user's preferred email address.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("email_verified", "Email Verified", "True if the provider has checked that the user controls the email address.", "OpenID Connect Core 1.0 §5.1", Boolean),
    entry("gender", "Gender", "The user's gender, such as \"female\", \"male\" or another value.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("birthdate", "Birthdate", "The user's birthday as YYYY-MM-DD (year 0000 means the year is withheld) or just YYYY.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("zoneinfo", "Time Zone", "The user's time zone from the IANA time zone database, such as \"Europe/Paris\".", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("locale", "Locale", "The user's language and region as a BCP 47 tag, such as \"en-US\".", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("phone_number", "Phone Number", "The user's preferred telephone number, ideally in international E.164 form.", "OpenID Connect Core 1.0 §5.1", ValueKind::String),
    entry("phone_number_verified", "Phone Number Verified", "True if the provider has checked that the user controls the phone number.", "OpenID Connect Core 1.0 §5.1", Boolean),
    entry("address", "Address", "The user's preferred postal address as a JSON object.", "OpenID Connect Core 1.0 §5.1", Object),
    entry("updated_at", "Updated At", "The time the user's profile information was last changed.", "OpenID Connect Core 1.0 §5.1", NumericDate),
    // OpenID Connect claims about the authentication itself.
    entry("azp", "Authorized Party", "The client ID of the party the ID token was issued to.", "OpenID Connect Core 1.0 §2", ValueKind::String),
    // RFC 9449 also uses "nonce" for server-provided nonces in DPoP proofs.
    entry("nonce", "Nonce", "A random value from the request echoed back, so the requester can tie the token to its own request and detect replays.", "OpenID Connect Core 1.0 §2; RFC 9449 §4.2", ValueKind::String),
    entry("auth_time", "Authentication Time", "When the user actually logged in, which can be well before the token was issued.", "OpenID Connect Core 1.0 §2", NumericDate),
    entry("at_hash", "Access Token Hash", "Half of a hash of the access token issued with this ID token, which binds the two together.", "OpenID Connect Core 1.0 §2", ValueKind::String),
    entry("c_hash", "Code Hash", "Half of a hash of the authorization code issued with this ID token, which binds the two together.", "OpenID Connect Core 1.0 §3.3.2.11", ValueKind::String),
    entry("acr", "Authentication Context Class Reference", "Names the level or class of authentication the user went through, such as a multi-factor level.", "OpenID Connect Core 1.0 §2", ValueKind::String),
    entry("amr", "Authentication Methods References", "Lists the ways the user proved who they are, such as \"pwd\", \"otp\" or \"mfa\".", "OpenID Connect Core 1.0 §2", Array),
    entry("sub_jwk", "Subject Public Key", "The public key that verifies the signature of a self-issued ID token.", "OpenID Connect Core 1.0 §7.4", Object),
    // RFC 7800: proof of possession.
    entry("cnf", "Confirmation", "Holds the key (or a reference to it) that the presenter must prove it has, which stops a stolen token being used by someone else.", "RFC 7800 §3.1", Object),
    // RFC 8055: SIP header values carried in a JWS.
    entry("sip_from_tag", "SIP From Tag", "The tag parameter of the SIP From header field of the call this token belongs to.", "RFC 8055; RFC 3261", ValueKind::String),
    entry("sip_date", "SIP Date", "The SIP Date header field value of the call this token belongs to.", "RFC 8055; RFC 3261", Any),
    entry("sip_callid", "SIP Call-ID", "The SIP Call-ID header field value of the call this token belongs to.", "RFC 8055; RFC 3261", ValueKind::String),
    entry("sip_cseq_num", "SIP CSeq Number", "The number in the SIP CSeq header field of the call this token belongs to.", "RFC 8055; RFC 3261", Any),
    entry("sip_via_branch", "SIP Via Branch", "The branch parameter of the SIP Via header field of the call this token belongs to.", "RFC 8055; RFC 3261", ValueKind::String),
    // RFC 8225: PASSporT, the caller-ID token of STIR/SHAKEN.
    entry("orig", "Originating Identity", "The telephone number or URI of the caller that this PASSporT vouches for.", "RFC 8225 §5.2.1", Object),
    entry("dest", "Destination Identity", "The telephone numbers or URIs the call is addressed to.", "RFC 8225 §5.2.1", Object),
    entry("mky", "Media Key Fingerprint", "Fingerprints of the keys that protect the call's media.", "RFC 8225 §5.2.2", Array),
    // RFC 8417: Security Event Tokens.
    entry("events", "Security Events", "The security events this token reports, keyed by event type URI.", "RFC 8417 §2.2", Object),
    entry("toe", "Time of Event", "When the reported security event happened, as opposed to when the token was issued.", "RFC 8417 §2.2", NumericDate),
    entry("txn", "Transaction Identifier", "Identifies the transaction that caused the event, so related tokens can be matched up.", "RFC 8417 §2.2", ValueKind::String),
    entry("rph", "Resource Priority Header Authorization", "Authorizes the priority (SIP Resource-Priority header) claimed for a call, such as an emergency call.", "RFC 8443 §3", Object),
    entry("sid", "Session ID", "Identifies the user's login session at the provider, so the session can be ended on logout.", "OpenID Connect Front-Channel Logout 1.0 §3", ValueKind::String),
    entry("vot", "Vector of Trust", "A vector-of-trust value saying how strongly the user's identity was proofed and authenticated.", "RFC 8485", ValueKind::String),
    entry("vtm", "Vector of Trust Trustmark", "The URL of the trustmark that explains what this issuer's vector-of-trust values mean.", "RFC 8485", ValueKind::String),
    entry("attest", "Attestation Level", "How sure the telephone carrier is that the caller may use the calling number: \"A\", \"B\" or \"C\" in SHAKEN.", "RFC 8588", ValueKind::String),
    entry("origid", "Origination Identifier", "A unique ID for where the call entered the telephone network, used to trace it back.", "RFC 8588", ValueKind::String),
    // RFC 8693: OAuth token exchange.
    entry("act", "Actor", "Identifies the party acting on behalf of the subject, after a token exchange.", "RFC 8693 §4.1", Object),
    entry("scope", "Scope", "The space-separated list of OAuth scopes (permissions) the token grants.", "RFC 8693 §4.2", ValueKind::String),
    entry("client_id", "Client ID", "The OAuth client the token was issued to.", "RFC 8693 §4.3", ValueKind::String),
    entry("may_act", "Authorized Actor", "Names the party that is allowed to act on behalf of the subject in a later token exchange.", "RFC 8693 §4.4", Object),
    entry("jcard", "jCard", "Contact details of the caller as a jCard, the JSON form of a vCard.", "RFC 8688; RFC 7095", Array),
    entry("at_use_nbr", "Access Token Use Count", "How many API requests the access token may be used for.", "ETSI GS NFV-SEC 022 V2.7.1", Number),
    entry("div", "Diverted Target", "The original destination of a call that was forwarded elsewhere.", "RFC 8946", Object),
    entry("opt", "Original PASSporT", "The complete original PASSporT of a forwarded call, so the receiver can check the whole chain.", "RFC 8946", ValueKind::String),
    entry("vc", "Verifiable Credential", "A W3C Verifiable Credential carried in the JWT.", "W3C Verifiable Credentials Data Model 1.0 §6.3.1", Object),
    entry("vp", "Verifiable Presentation", "A W3C Verifiable Presentation carried in the JWT.", "W3C Verifiable Credentials Data Model 1.0 §6.3.1", Object),
    entry("sph", "SIP Priority Header", "Authorizes the SIP Priority header field value used on a call, such as an emergency callback.", "RFC 9027", Any),
    // RFC 9200: ACE, OAuth for constrained devices, where CBOR types leak into JSON.
    entry("ace_profile", "ACE Profile", "Names the ACE profile (the protocol and security setup) the token is meant to be used with.", "RFC 9200 §5.10", Any),
    entry("cnonce", "Client Nonce", "A nonce the resource server handed out earlier, echoed back to prove the token is fresh when clocks cannot be trusted.", "RFC 9200 §5.10", Any),
    entry("exi", "Expires In", "The token's lifetime in seconds, counted from when the resource server first sees it, for devices without a reliable clock.", "RFC 9200 §5.10.3", Number),
    entry("roles", "Roles", "The roles the subject holds, such as administrator.", "RFC 7643 §4.1.2; RFC 9068 §2.2.3.1", Array),
    entry("groups", "Groups", "The groups the subject belongs to.", "RFC 7643 §4.1.2; RFC 9068 §2.2.3.1", Array),
    entry("entitlements", "Entitlements", "Specific rights the subject has been granted.", "RFC 7643 §4.1.2; RFC 9068 §2.2.3.1", Array),
    entry("token_introspection", "Token Introspection Response", "The authorization server's answer about whether an access token is active and what it grants, sent as a signed JWT.", "RFC 9701 §5", Object),
    // RFC 9711: Entity Attestation Tokens, where a device vouches for itself.
    entry("eat_nonce", "EAT Nonce", "A nonce from the verifier that proves this attestation was made fresh rather than replayed.", "RFC 9711", StringOrArray),
    entry("ueid", "Universal Entity ID", "A permanent, globally unique identifier of the attested device.", "RFC 9711", ValueKind::String),
    entry("sueids", "Semi-permanent UEIDs", "Device identifiers that stay the same until an event such as a factory reset, keyed by purpose.", "RFC 9711", Object),
    entry("oemid", "Hardware OEM ID", "Identifies the manufacturer of the attested device.", "RFC 9711", Any),
    entry("hwmodel", "Hardware Model", "Identifies the model of the attested device.", "RFC 9711", ValueKind::String),
    entry("hwversion", "Hardware Version", "The version of the attested device's hardware.", "RFC 9711", Array),
    entry("oemboot", "OEM Authorized Boot", "True if the software that booted was authorized by the device's manufacturer.", "RFC 9711", Boolean),
    entry("dbgstat", "Debug Status", "Whether the device's debug facilities are enabled, disabled or permanently disabled.", "RFC 9711", Any),
    entry("location", "Location", "The geographic location of the device, with latitude, longitude and optional accuracy.", "RFC 9711", Object),
    entry("eat_profile", "EAT Profile", "Names the profile that says which claims this attestation uses and how.", "RFC 9711", ValueKind::String),
    entry("submods", "Submodules", "Claims about parts of the device, each part reported separately.", "RFC 9711", Object),
    entry("uptime", "Uptime", "Seconds since the device last booted.", "RFC 9711", Number),
    entry("bootcount", "Boot Count", "How many times the device has been booted.", "RFC 9711", Number),
    entry("bootseed", "Boot Seed", "A random value that identifies the current boot cycle.", "RFC 9711", ValueKind::String),
    entry("dloas", "Digital Letters of Approval", "Certifications the device or its software has received.", "RFC 9711", Array),
    entry("swname", "Software Name", "The name of the software running on the device.", "RFC 9711", ValueKind::String),
    entry("swversion", "Software Version", "The version of the software running on the device.", "RFC 9711", Array),
    entry("manifests", "Manifests", "Manifests that describe the software installed on the device.", "RFC 9711", Array),
    entry("measurements", "Measurements", "Measurements, such as hashes, of the software and configuration on the device.", "RFC 9711", Array),
    entry("measres", "Measurement Results", "The results of comparing the device's measurements with known good values.", "RFC 9711", Array),
    entry("intuse", "Intended Use", "What the attestation is meant for, such as registration or a transaction.", "RFC 9711", Any),
    // RFC 9246: signed URIs for content delivery networks.
    entry("cdniv", "CDNI Claim Set Version", "The version of the CDN URI signing claim set this token follows.", "RFC 9246 §2.1.8", Number),
    entry("cdnicrit", "CDNI Critical Claims", "Extension claims the CDN must understand, or else reject the token.", "RFC 9246 §2.1.9", Array),
    entry("cdniip", "CDNI IP Address", "The client IP address the signed URI may be used from.", "RFC 9246 §2.1.10", ValueKind::String),
    entry("cdniuc", "CDNI URI Container", "Describes which URIs (exactly, by hash or by pattern) this token gives access to.", "RFC 9246 §2.1.11", ValueKind::String),
    entry("cdniets", "CDNI Expiration Time Setting", "How many seconds a renewed signed token should last when the CDN issues one.", "RFC 9246 §2.1.12", Number),
    entry("cdnistt", "CDNI Signed Token Transport", "How a renewed signed token is handed back to the client, such as in a cookie or the URL path.", "RFC 9246 §2.1.13", Number),
    entry("cdnistd", "CDNI Signed Token Depth", "How many URL path segments are used when the token travels in the path.", "RFC 9246 §2.1.14", Number),
    entry("sig_val_claims", "Signature Validation Claims", "The recorded result of validating a signature, so it can be trusted later without checking it again.", "RFC 9321 §3.2.3", Object),
    entry("authorization_details", "Authorization Details", "Fine-grained permissions granted to the access token, as a list of objects each describing one kind of access.", "RFC 9396 §9.1", Array),
    // OpenID Connect for Identity Assurance.
    entry("verified_claims", "Verified Claims", "Claims about the user together with how they were verified, such as which identity document was checked.", "OpenID Identity Assurance Schema Definition 1.0 §5", Any),
    entry("place_of_birth", "Place of Birth", "The user's place of birth as an object with country, region and locality.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", Object),
    entry("nationalities", "Nationalities", "The user's nationalities as country codes.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", Array),
    entry("birth_family_name", "Birth Family Name", "The family name the user had at birth or as a child.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", ValueKind::String),
    entry("birth_given_name", "Birth Given Name", "The given name the user had at birth or as a child.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", ValueKind::String),
    entry("birth_middle_name", "Birth Middle Name", "The middle name the user had at birth or as a child.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", ValueKind::String),
    entry("salutation", "Salutation", "The user's salutation, such as \"Mr\".", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", ValueKind::String),
    entry("title", "Title", "The user's title, such as \"Dr\".", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", ValueKind::String),
    entry("msisdn", "MSISDN", "The user's mobile phone number in E.164 form.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", ValueKind::String),
    entry("also_known_as", "Also Known As", "A stage name, religious name or other alias the user is known by.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", ValueKind::String),
    // RFC 9449: DPoP proofs, which bind a request to a key.
    entry("htm", "HTTP Method", "The HTTP method of the request this DPoP proof was made for.", "RFC 9449 §4.2", ValueKind::String),
    entry("htu", "HTTP URI", "The URL of the request this DPoP proof was made for, without query or fragment.", "RFC 9449 §4.2", ValueKind::String),
    entry("ath", "Access Token Hash", "The base64url SHA-256 hash of the access token sent with this DPoP proof.", "RFC 9449 §4.2", ValueKind::String),
    entry("atc", "Authority Token Challenge", "Says which identifier, such as a telephone number, this authority token lets the holder get a certificate for from an ACME server.", "RFC 9447", Object),
    entry("sub_id", "Subject Identifier", "Identifies the subject of a security event in a structured way, such as by email address or phone number.", "RFC 9493 §4.1", Object),
    entry("rcd", "Rich Call Data", "Details shown to the person being called, such as the caller's name or logo.", "RFC 9795", Object),
    entry("rcdi", "Rich Call Data Integrity", "Hashes that protect the content the rich call data points to.", "RFC 9795", Object),
    entry("crn", "Call Reason", "A short human-readable reason for the call.", "RFC 9795", ValueKind::String),
    entry("msgi", "Message Integrity", "Integrity information for the content of a message sent with this PASSporT.", "RFC 9475", Any),
    entry("_claim_names", "Claim Names", "Maps claim names to the entries in _claim_sources that hold them (aggregated or distributed claims).", "OpenID Connect Core 1.0 §5.6.2", Object),
    entry("_claim_sources", "Claim Sources", "Says where aggregated or distributed claims come from: an embedded JWT or an endpoint to fetch them from.", "OpenID Connect Core 1.0 §5.6.2", Object),
    entry("rdap_allowed_purposes", "RDAP Allowed Purposes", "The purposes for which the holder may look up protected domain registration data (RDAP).", "RFC 9560 §3.1.5.1", Array),
    entry("rdap_dnt_allowed", "RDAP Do Not Track Allowed", "True if the holder may ask the RDAP server not to track or log its queries.", "RFC 9560 §3.1.5.2", Boolean),
    entry("geohash", "Geohash", "One or more geohash strings describing where the user agent is.", "CTA-5009 (Fast and Readable Geographical Hashing)", StringOrArray),
    // RFC 9901: SD-JWT, where some claims are hidden behind digests.
    entry("_sd", "Selective Disclosure Digests", "Digests of claims that are hidden and can be revealed through separate disclosures.", "RFC 9901 §4.2.4.1", Array),
    entry("...", "Array Element Digest", "Stands in for an array element that is hidden and can be revealed through a separate disclosure.", "RFC 9901 §4.2.4.2", ValueKind::String),
    entry("_sd_alg", "Selective Disclosure Hash Algorithm", "The hash algorithm used to compute the disclosure digests, such as \"sha-256\".", "RFC 9901 §4.1.1", ValueKind::String),
    entry("sd_hash", "SD-JWT Hash", "The hash of the SD-JWT that this key binding JWT is tied to.", "RFC 9901 §4.3", ValueKind::String),
    // 3GPP: access tokens between 5G core network functions.
    entry("consumerPlmnId", "Consumer PLMN ID", "The mobile network of the network function that asked for the token.", "3GPP TS 29.510 clause 6.3.5.2.4", Object),
    entry("consumerSnpnId", "Consumer SNPN ID", "The private (non-public) network of the network function that asked for the token.", "3GPP TS 29.510 clause 6.3.5.2.4", Object),
    entry("producerPlmnId", "Producer PLMN ID", "The mobile network of the network function the token gives access to.", "3GPP TS 29.510 clause 6.3.5.2.4", Object),
    entry("producerSnpnId", "Producer SNPN ID", "The private (non-public) network of the network function the token gives access to.", "3GPP TS 29.510 clause 6.3.5.2.4", Object),
    entry("producerSnssaiList", "Producer S-NSSAI List", "The network slices of the producing network function that the token holder may use.", "3GPP TS 29.510 clause 6.3.5.2.4", Array),
    entry("producerNsiList", "Producer NSI List", "The network slice instances of the producing network function that the token holder may use.", "3GPP TS 29.510 clause 6.3.5.2.4", Array),
    entry("producerNfSetId", "Producer NF Set ID", "The set of network functions the token gives access to.", "3GPP TS 29.510 clause 6.3.5.2.4", ValueKind::String),
    entry("producerNfServiceSetId", "Producer NF Service Set ID", "The set of network function services the token gives access to.", "3GPP TS 29.510 clause 6.3.5.2.4", ValueKind::String),
    entry("sourceNfInstanceId", "Source NF Instance ID", "The network function instance the request first came from.", "3GPP TS 29.510 clause 6.3.5.2.4", ValueKind::String),
    entry("analyticsIdList", "Analytics ID List", "The analytics the token holder may ask for.", "3GPP TS 29.510 clause 6.3.5.2.4", Array),
    entry("resOwnerId", "Resource Owner ID", "Identifies the owner of the resource, such as a subscriber's public identifier (GPSI).", "3GPP TS 29.222 clause 8.5.4.2.8", ValueKind::String),
    entry("cmw", "Conceptual Message Wrapper", "Wraps a remote-attestation message, such as evidence or an attestation result, in a standard envelope.", "RFC 9999 §3.1, §3.3", Any),
    // OpenID Federation 1.0: entity statements and trust chains.
    entry("jwks", "JSON Web Key Set", "The entity's public signing keys for the federation, as a JWK set.", "OpenID Federation 1.0 §13.1", Object),
    entry("metadata", "Metadata", "The entity's metadata for each role it plays, such as OpenID provider or relying party.", "OpenID Federation 1.0 §13.2", Object),
    entry("constraints", "Constraints", "Limits on the trust chain below this point, such as how long it may be.", "OpenID Federation 1.0 §13.3", Object),
    entry("crit", "Critical Claims", "Lists extension claims in this JWT that the receiver must understand, or else reject it.", "OpenID Federation 1.0 §13.4", Array),
    entry("ref", "Reference", "A reference to further information about the statement.", "OpenID Federation 1.0 §13.5", Any),
    entry("delegation", "Delegation", "A delegation that lets someone other than the trust mark owner issue a trust mark.", "OpenID Federation 1.0 §13.6", Any),
    entry("logo_uri", "Logo URI", "The URL of a logo for the entity or trust mark.", "OpenID Federation 1.0 §13.7", ValueKind::String),
    entry("authority_hints", "Authority Hints", "The federation authorities directly above this entity, where its trust chain can be followed upward.", "OpenID Federation 1.0 §3.2", Array),
    entry("trust_anchor_hints", "Trust Anchor Hints", "The trust anchors this entity trusts.", "OpenID Federation 1.0 §3.2", Array),
    entry("trust_marks", "Trust Marks", "Signed statements by third parties that this entity meets some requirement.", "OpenID Federation 1.0 §3.2", Array),
    entry("trust_mark_issuers", "Trust Mark Issuers", "Which issuers the trust anchor accepts for each kind of trust mark.", "OpenID Federation 1.0 §3.2", Object),
    entry("trust_mark_owners", "Trust Mark Owners", "Who owns each kind of trust mark, with the keys that verify their delegations.", "OpenID Federation 1.0 §3.2", Object),
    entry("metadata_policy", "Metadata Policy", "Rules a superior applies to change or restrict the metadata of the entities below it.", "OpenID Federation 1.0 §3.3", Object),
    entry("metadata_policy_crit", "Critical Metadata Policy Operators", "Policy operators that must be understood, or else the trust chain is rejected.", "OpenID Federation 1.0 §3.3", Array),
    entry("source_endpoint", "Source Endpoint", "The URL this statement was fetched from.", "OpenID Federation 1.0 §3.3", ValueKind::String),
    entry("keys", "Keys", "The array of keys in a JWK set.", "OpenID Federation 1.0 §5.2.1", Array),
    entry("trust_mark_type", "Trust Mark Type", "Identifies what kind of trust mark this is.", "OpenID Federation 1.0 §7.1", ValueKind::String),
    entry("trust_chain", "Trust Chain", "The chain of signed statements from an entity up to a trust anchor.", "OpenID Federation 1.0 §8.3.2", Array),
    entry("trust_anchor", "Trust Anchor", "The trust anchor that was used to register the entity.", "OpenID Federation 1.0 §12.2.3", ValueKind::String),
    // Token Status List: the registrations were approved while the draft
    // awaited publication, so the reference names the draft.
    entry("status", "Status", "Points to where the current status of this token, such as revoked or suspended, can be looked up.", "Token Status List (draft-ietf-oauth-status-list)", Object),
    entry("status_list", "Status List", "A compressed list of the statuses of many tokens, published by their issuer.", "Token Status List (draft-ietf-oauth-status-list)", Object),
    entry("ttl", "Time to Live", "How many seconds the status list may be cached before it should be fetched again.", "Token Status List (draft-ietf-oauth-status-list)", Number),
];

/// Every parameter in the IANA "JSON Web Signature and Encryption Header Parameters" registry.
// The registry lists the JWS and JWE uses of a name as separate rows; a
// header shows only the name, so each name appears once and its reference
// cites both definitions.
#[rustfmt::skip]
pub static HEADER_PARAMETERS: &[Entry] = &[
    entry("alg", "Algorithm", "The algorithm used to sign or encrypt the token, such as \"RS256\"; \"none\" means it is not protected at all.", "RFC 7515 §4.1.1; RFC 7516 §4.1.1", ValueKind::String),
    entry("jku", "JWK Set URL", "A URL of a set of public keys, one of which was used; only trust it if the URL is one you already trust.", "RFC 7515 §4.1.2; RFC 7516 §4.1.4", ValueKind::String),
    entry("jwk", "JSON Web Key", "The public key itself, embedded in the header; it proves nothing unless it matches a key you already trust.", "RFC 7515 §4.1.3; RFC 7516 §4.1.5", Object),
    entry("kid", "Key ID", "A hint naming which key was used, so the receiver can pick the right one from its key set.", "RFC 7515 §4.1.4; RFC 7516 §4.1.6", ValueKind::String),
    entry("x5u", "X.509 URL", "A URL of the X.509 certificate or chain for the key that was used.", "RFC 7515 §4.1.5; RFC 7516 §4.1.7", ValueKind::String),
    entry("x5c", "X.509 Certificate Chain", "The X.509 certificate chain for the key that was used, as base64 DER certificates with the signer's first.", "RFC 7515 §4.1.6; RFC 7516 §4.1.8", Array),
    entry("x5t", "X.509 Certificate SHA-1 Thumbprint", "The SHA-1 thumbprint of the certificate for the key that was used.", "RFC 7515 §4.1.7; RFC 7516 §4.1.9", ValueKind::String),
    entry("x5t#S256", "X.509 Certificate SHA-256 Thumbprint", "The SHA-256 thumbprint of the certificate for the key that was used.", "RFC 7515 §4.1.8; RFC 7516 §4.1.10", ValueKind::String),
    entry("typ", "Type", "The media type of the whole token, such as \"JWT\", which helps stop one kind of token being passed off as another.", "RFC 7515 §4.1.9; RFC 7516 §4.1.11", ValueKind::String),
    entry("cty", "Content Type", "The media type of the payload; \"JWT\" here means the payload is itself a nested JWT.", "RFC 7515 §4.1.10; RFC 7516 §4.1.12", ValueKind::String),
    entry("crit", "Critical", "Lists header extensions the receiver must understand, or else reject the token.", "RFC 7515 §4.1.11; RFC 7516 §4.1.13", Array),
    entry("enc", "Encryption Algorithm", "The algorithm that encrypts the content of an encrypted token (JWE), such as \"A256GCM\".", "RFC 7516 §4.1.2", ValueKind::String),
    entry("zip", "Compression Algorithm", "The compression applied to the content before encryption; \"DEF\" means DEFLATE.", "RFC 7516 §4.1.3", ValueKind::String),
    entry("epk", "Ephemeral Public Key", "The sender's one-time public key for the ECDH key agreement.", "RFC 7518 §4.6.1.1", Object),
    entry("apu", "Agreement PartyUInfo", "Information about the sender that is mixed into the ECDH key derivation.", "RFC 7518 §4.6.1.2", ValueKind::String),
    entry("apv", "Agreement PartyVInfo", "Information about the recipient that is mixed into the ECDH key derivation.", "RFC 7518 §4.6.1.3", ValueKind::String),
    entry("iv", "Initialization Vector", "The initialization vector used when the content key was wrapped with AES GCM.", "RFC 7518 §4.7.1.1", ValueKind::String),
    entry("tag", "Authentication Tag", "The authentication tag produced when the content key was wrapped with AES GCM.", "RFC 7518 §4.7.1.2", ValueKind::String),
    entry("p2s", "PBES2 Salt Input", "The salt used to derive the key-wrapping key from a password.", "RFC 7518 §4.8.1.1", ValueKind::String),
    entry("p2c", "PBES2 Count", "How many PBKDF2 iterations were used to derive the key-wrapping key from a password.", "RFC 7518 §4.8.1.2", Number),
    // RFC 7519 §5.3 lets an encrypted JWT repeat these claims in the clear.
    entry("iss", "Issuer", "A copy of the issuer claim, readable without decrypting the token; it must match the claim inside.", "RFC 7519 §4.1.1, §5.3", StringOrUri),
    entry("sub", "Subject", "A copy of the subject claim, readable without decrypting the token; it must match the claim inside.", "RFC 7519 §4.1.2, §5.3", StringOrUri),
    entry("aud", "Audience", "A copy of the audience claim, readable without decrypting the token; it must match the claim inside.", "RFC 7519 §4.1.3, §5.3", StringOrArray),
    entry("b64", "Base64url-Encode Payload", "False means the payload is signed as raw bytes rather than base64url text, and \"b64\" must then be listed in \"crit\".", "RFC 7797 §3", Boolean),
    entry("ppt", "PASSporT Extension", "Names the PASSporT extension, such as \"shaken\" or \"div\", that adds claims to this caller-ID token.", "RFC 8225 §8.1", ValueKind::String),
    entry("url", "URL", "The ACME URL this signed request is addressed to, which stops it being replayed at another endpoint.", "RFC 8555 §6.4.1", ValueKind::String),
    entry("nonce", "Nonce", "A one-time value from the ACME server that stops a signed request being replayed.", "RFC 8555 §6.5.2", ValueKind::String),
    // The registry points "svt" to RFC 9321, not RFC 9118.
    entry("svt", "Signature Validation Token", "Tokens recording that this signature was already validated, so it can be trusted later without checking it again.", "RFC 9321", Any),
    entry("iheSSId", "IHE SubmissionSet ID", "The uniqueId of the IHE document submission set that this signature covers.", "IHE ITI DSGj Volume 3 §5.10", ValueKind::String),
    entry("jwt", "JWT", "A whole JWT, such as a verifier attestation, carried in the header; how to process it depends on its own \"typ\".", "OpenID for Verifiable Presentations 1.0 §12", ValueKind::String),
    entry("client_id", "Client ID", "The OAuth client identifier of the party that made this signed object.", "RFC 6749 §2.2", ValueKind::String),
    entry("trust_chain", "Trust Chain", "An OpenID Federation trust chain for the signer, from the signer up to a trust anchor, proving its keys and metadata.", "OpenID Federation 1.0 §4.3", Array),
    entry("peer_trust_chain", "Peer Trust Chain", "An OpenID Federation trust chain for the receiving party, ending at the same trust anchor as the signer's.", "OpenID Federation 1.0 §4.4", Array),
];

/// Looks a member name up (case-sensitive, as JOSE names are).
pub fn lookup(place: Place, name: &str) -> Option<&'static Entry> {
    let table: &'static [Entry] = match place {
        Place::Claim => CLAIMS,
        Place::Header => HEADER_PARAMETERS,
    };
    // A linear scan is enough: the tables are small and looked up per member shown.
    table.iter().find(|entry| entry.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(place: Place, name: &str) -> Option<ValueKind> {
        lookup(place, name).map(|entry| entry.kind)
    }

    #[test]
    fn every_rfc7519_registered_claim_is_present() {
        for name in ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"] {
            let found = lookup(Place::Claim, name);
            assert!(found.is_some(), "missing claim {name}");
            assert!(
                found.is_some_and(|entry| entry.reference.starts_with("RFC 7519 §4.1.")),
                "{name} should cite RFC 7519 §4.1"
            );
        }
    }

    #[test]
    fn every_openid_connect_standard_claim_is_present() {
        for name in [
            "name",
            "given_name",
            "family_name",
            "middle_name",
            "nickname",
            "preferred_username",
            "profile",
            "picture",
            "website",
            "email",
            "email_verified",
            "gender",
            "birthdate",
            "zoneinfo",
            "locale",
            "phone_number",
            "phone_number_verified",
            "address",
            "updated_at",
            "azp",
            "nonce",
            "auth_time",
            "at_hash",
            "c_hash",
            "acr",
            "amr",
            "sub_jwk",
            "sid",
        ] {
            assert!(lookup(Place::Claim, name).is_some(), "missing claim {name}");
        }
    }

    #[test]
    fn claims_from_later_rfcs_are_present() {
        for name in [
            "cnf",
            "act",
            "scope",
            "client_id",
            "may_act",
            "events",
            "toe",
            "txn",
            "orig",
            "dest",
            "mky",
            "vot",
            "vtm",
            "attest",
            "origid",
            "ace_profile",
            "cnonce",
            "exi",
            "roles",
            "groups",
            "entitlements",
            "htm",
            "htu",
            "ath",
            "_sd",
            "_sd_alg",
            "sd_hash",
        ] {
            assert!(lookup(Place::Claim, name).is_some(), "missing claim {name}");
        }
    }

    #[test]
    fn every_rfc7515_and_rfc7516_header_parameter_is_present() {
        for name in ["alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc", "zip"] {
            assert!(lookup(Place::Header, name).is_some(), "missing header parameter {name}");
        }
    }

    #[test]
    fn later_header_parameters_are_present() {
        for name in [
            "epk",
            "apu",
            "apv",
            "iv",
            "tag",
            "p2s",
            "p2c",
            "b64",
            "ppt",
            "url",
            "nonce",
            "svt",
            "iheSSId",
            "jwt",
            "client_id",
            "trust_chain",
            "peer_trust_chain",
        ] {
            assert!(lookup(Place::Header, name).is_some(), "missing header parameter {name}");
        }
    }

    #[test]
    fn replicated_claims_are_also_header_parameters() {
        for name in ["iss", "sub", "aud"] {
            assert_eq!(kind_of(Place::Header, name), kind_of(Place::Claim, name), "{name}");
            assert!(
                lookup(Place::Header, name).is_some_and(|entry| entry.reference.contains("§5.3")),
                "{name} should cite RFC 7519 §5.3"
            );
        }
    }

    #[test]
    fn names_are_unique_in_each_table() {
        for table in [CLAIMS, HEADER_PARAMETERS] {
            for (position, entry) in table.iter().enumerate() {
                let later = table.iter().skip(position + 1);
                assert!(later.clone().all(|other| other.name != entry.name), "{} is listed twice", entry.name);
            }
        }
    }

    #[test]
    fn time_claims_are_numeric_dates() {
        for name in ["exp", "nbf", "iat", "auth_time", "updated_at", "toe"] {
            assert_eq!(kind_of(Place::Claim, name), Some(NumericDate), "{name}");
        }
    }

    #[test]
    fn only_time_claims_are_numeric_dates() {
        let dated: Vec<&str> = CLAIMS
            .iter()
            .chain(HEADER_PARAMETERS)
            .filter(|entry| entry.kind == NumericDate)
            .map(|entry| entry.name)
            .collect();
        assert_eq!(dated, ["exp", "nbf", "iat", "updated_at", "auth_time", "toe"]);
    }

    #[test]
    fn value_kinds_match_the_json_types_the_rfcs_require() {
        assert_eq!(kind_of(Place::Claim, "aud"), Some(StringOrArray));
        assert_eq!(kind_of(Place::Claim, "iss"), Some(StringOrUri));
        assert_eq!(kind_of(Place::Claim, "email_verified"), Some(Boolean));
        assert_eq!(kind_of(Place::Claim, "cnf"), Some(Object));
        assert_eq!(kind_of(Place::Header, "crit"), Some(Array));
        assert_eq!(kind_of(Place::Header, "x5c"), Some(Array));
        assert_eq!(kind_of(Place::Header, "b64"), Some(Boolean));
        assert_eq!(kind_of(Place::Header, "p2c"), Some(Number));
        assert_eq!(kind_of(Place::Header, "kid"), Some(ValueKind::String));
    }

    #[test]
    fn every_entry_has_a_title_a_one_sentence_meaning_and_a_reference() {
        for entry in CLAIMS.iter().chain(HEADER_PARAMETERS) {
            assert!(!entry.name.is_empty());
            assert!(!entry.title.trim().is_empty(), "{} has no title", entry.name);
            assert!(!entry.reference.trim().is_empty(), "{} has no reference", entry.name);
            assert!(
                entry.meaning.ends_with('.') && !entry.meaning.trim_end_matches('.').contains(". "),
                "{}'s meaning should be one sentence",
                entry.name
            );
            assert!(
                entry.meaning.chars().next().is_some_and(char::is_uppercase),
                "{}'s meaning should start with a capital",
                entry.name
            );
        }
    }

    #[test]
    fn lookup_is_case_sensitive() {
        assert!(lookup(Place::Claim, "exp").is_some());
        assert!(lookup(Place::Claim, "EXP").is_none());
        assert!(lookup(Place::Claim, "Exp").is_none());
        assert!(lookup(Place::Header, "iheSSId").is_some());
        assert!(lookup(Place::Header, "ihessid").is_none());
        assert!(lookup(Place::Header, "x5t#s256").is_none());
    }

    #[test]
    fn lookup_searches_the_table_for_the_place() {
        assert!(lookup(Place::Header, "alg").is_some());
        assert!(lookup(Place::Claim, "alg").is_none());
        assert!(lookup(Place::Claim, "exp").is_some());
        assert!(lookup(Place::Header, "exp").is_none());
    }

    #[test]
    fn names_registered_in_both_places_have_separate_meanings() {
        let claim = lookup(Place::Claim, "nonce").map(|entry| entry.reference);
        let header = lookup(Place::Header, "nonce").map(|entry| entry.reference);
        assert_eq!(claim, Some("OpenID Connect Core 1.0 §2; RFC 9449 §4.2"));
        assert_eq!(header, Some("RFC 8555 §6.5.2"));
    }

    #[test]
    fn lookup_returns_the_entry_with_that_name() {
        let exp = lookup(Place::Claim, "exp");
        assert_eq!(exp.map(|entry| entry.name), Some("exp"));
        assert_eq!(exp.map(|entry| entry.title), Some("Expiration Time"));
        assert_eq!(exp.map(|entry| entry.reference), Some("RFC 7519 §4.1.4"));
    }

    #[test]
    fn unknown_and_empty_names_are_not_found() {
        assert!(lookup(Place::Claim, "").is_none());
        assert!(lookup(Place::Claim, "https://example.com/custom").is_none());
        assert!(lookup(Place::Header, "exp ").is_none());
    }
}
