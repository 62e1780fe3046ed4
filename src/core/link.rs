//! A scenario in a link: the URL fragment `#s=` followed by the scenario's compact JSON,
//! raw-deflate compressed (RFC 1951, no zlib header) and base64url-encoded without padding
//! (RFC 4648 §5). The web page reads it at start; File ▸ Copy link and `gradscape link`
//! write it. Any tool can make one, e.g. Python's `zlib.compressobj(wbits=-15)` followed by
//! `base64.urlsafe_b64encode(...).rstrip(b'=')`.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::scenario::{Problem, Scenario, ScenarioError};

/// What a link's fragment starts with.
pub const PREFIX: &str = "#s=";

/// The most bytes a link's scenario may inflate to: far above any real scenario (a few
/// kilobytes), far below what would hurt a browser tab (a "zip bomb" in a link).
pub const MAX_JSON_BYTES: usize = 1 << 20;

/// The fragment (`#s=…`) carrying `scenario`.
pub fn encode(scenario: &Scenario) -> String {
    let json = serde_json::to_string(&scenario.to_raw())
        .expect("a raw scenario always serializes (no maps with non-string keys)");
    encode_json(&json)
}

/// The fragment carrying `json` as given (it is not checked).
pub fn encode_json(json: &str) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// The scenario a fragment carries. `fragment` may be a whole address, the fragment with
/// or without its `#`, or the fragment's `s` parameter among others (`#lang=es&s=…`).
/// `Ok(None)`: there is no `s=` at all. Every failure is a [`ScenarioError`] on the field
/// `#s=` (or the scenario's own field), never a panic.
pub fn decode(fragment: &str) -> Result<Option<Scenario>, ScenarioError> {
    let Some(data) = param(fragment, "s") else {
        return Ok(None);
    };
    let bad = |id: &'static str| ScenarioError {
        field: PREFIX.to_string(),
        problem: Problem::new(id),
        line_col: None,
    };
    // Padding is tolerated: some encoders keep it.
    let bytes = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| bad("link-base64"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_JSON_BYTES).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => bad("link-too-large"),
            _ => bad("link-deflate"),
        },
    )?;
    let text = String::from_utf8(json).map_err(|_| bad("link-utf8"))?;
    Scenario::from_json(&text).map(Some)
}

/// The value of `name` among the `&`-separated `key=value` pairs of a fragment (after its
/// `#`, if any; anything before a `#` is an address and is skipped).
pub fn param<'a>(fragment: &'a str, name: &str) -> Option<&'a str> {
    let frag = fragment.rsplit_once('#').map_or(fragment, |(_, f)| f);
    frag.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then_some(v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::presets;

    #[test]
    fn every_preset_survives_the_round_trip() {
        for p in presets::PRESETS {
            let s = p.scenario();
            let link = encode(&s);
            assert!(link.starts_with(PREFIX));
            assert!(
                link[PREFIX.len()..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{link}"
            );
            assert_eq!(decode(&link).unwrap(), Some(s), "preset {}", p.name);
        }
    }

    #[test]
    fn the_fragment_may_sit_in_an_address_beside_other_parameters() {
        let s = presets::default_scenario();
        let link = encode(&s);
        let address = format!("https://example.org/gradscape/#lang=es&{}", &link[1..]);
        assert_eq!(decode(&address).unwrap(), Some(s));
        assert_eq!(param(&address, "lang"), Some("es"));
        assert_eq!(decode("#lang=es").unwrap(), None);
        assert_eq!(decode("").unwrap(), None);
    }

    #[test]
    fn bad_fragments_are_errors_naming_what_is_wrong() {
        let id = |f: &str| decode(f).unwrap_err().problem.id;
        assert_eq!(id("#s=@@@"), "link-base64");
        assert_eq!(id("#s=AAAA"), "link-deflate");
        // Valid deflate of text that is not a scenario: the scenario's own error.
        let not_json = encode_json("{\"surface\": 3");
        let e = decode(&not_json).unwrap_err();
        assert!(e.line_col.is_some(), "{e:?}");
        // Invalid UTF-8 inside valid deflate.
        let deflated = miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 6);
        let link = format!("#s={}", URL_SAFE_NO_PAD.encode(deflated));
        assert_eq!(id(&link), "link-utf8");
        // A zip bomb stops at the limit.
        let zeros = vec![b' '; MAX_JSON_BYTES + 10];
        let deflated = miniz_oxide::deflate::compress_to_vec(&zeros, 9);
        let link = format!("#s={}", URL_SAFE_NO_PAD.encode(deflated));
        assert_eq!(id(&link), "link-too-large");
    }
}
