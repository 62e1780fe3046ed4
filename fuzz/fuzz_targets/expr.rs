//! The expression language: `Expr::parse` on arbitrary text, then `value` and `eval` at a
//! few points. Never a panic or a stack overflow; `value` agrees with `eval(..).v`.
#![no_main]

use gradscape::core::expr::Expr;
use libfuzzer_sys::fuzz_target;

const POINTS: [(f64, f64); 7] = [
    (0.0, 0.0),
    (1.0, -1.0),
    (0.5, 2.0),
    (-3.0, 1e-3),
    (1e300, -1e300),
    (f64::INFINITY, f64::NAN),
    (-0.0, 1e-320),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let expr = match Expr::parse(text) {
        Ok(e) => e,
        Err(e) => {
            assert!(
                e.position <= text.chars().count(),
                "position {} past the end of {text:?}",
                e.position
            );
            let msg = e.to_string();
            assert!(
                !msg.contains('\n') && !msg.contains('\r'),
                "multi-line error: {msg:?}"
            );
            return;
        }
    };
    assert_eq!(expr.source(), text);
    for (x, y) in POINTS {
        let v = expr.value(x, y);
        let d = expr.eval(x, y);
        assert!(
            v.to_bits() == d.v.to_bits() || (v.is_nan() && d.v.is_nan()),
            "value {v} and eval {} disagree at ({x}, {y}) for {text:?}",
            d.v
        );
    }
});
