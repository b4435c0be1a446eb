//! The JOSE core: parse, keys, verify, sign, lint, timeline. It knows nothing of egui, files,
//! clocks or the network: inputs in, values out, `now` passed in.

pub mod alg;
pub mod base64url;
pub mod draft;
pub mod edit;
pub mod expect;
pub mod extract;
pub mod findings;
pub mod json;
pub mod jwe;
pub mod jws_json;
pub mod keygen;
pub mod keys;
pub mod lint;
pub mod material;
pub mod params;
pub mod positions;
pub mod prepared;
pub mod presets;
pub mod registry;
pub mod scan;
pub mod secrets;
pub mod sign;
pub mod timeline;
pub mod token;
pub mod verdict;
pub mod verify;
