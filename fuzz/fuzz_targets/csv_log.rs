//! Training logs: `read_log` on arbitrary text, then `diagnose` on every run it reads.
//! Errors are one line.
#![no_main]

use gradscape::core::diagnosis::diagnose;
use gradscape::core::log::read_log;
use libfuzzer_sys::fuzz_target;

/// Longer runs are not diagnosed: parts of `diagnose` are quadratic in the length, which
/// would make the fuzzer report timeouts rather than bugs.
const MAX_DIAGNOSED: usize = 2000;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let runs = match read_log(text) {
        Ok(runs) => runs,
        Err(e) => {
            let msg = e.to_string();
            assert!(
                !msg.contains('\n') && !msg.contains('\r'),
                "multi-line error: {msg:?}"
            );
            return;
        }
    };
    assert!(!runs.is_empty());
    for run in &runs {
        assert_eq!(run.steps.len(), run.train.len());
        assert_eq!(run.val_steps.len(), run.val.len());
        if let Some(lr) = &run.lr {
            assert_eq!(lr.len(), run.steps.len());
        }
        if run.steps.len().max(run.val.len()) > MAX_DIAGNOSED {
            continue;
        }
        let findings = diagnose(&run.series());
        assert!(!findings.is_empty());
        let _ = gradscape::lang::summary(&findings);
    }
});
