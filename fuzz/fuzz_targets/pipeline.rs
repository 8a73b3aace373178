//! The whole path a file takes: bytes → source (format detection, decoding, docx/pdf/html
//! extraction) → parse → rules. Nothing in it may panic, except inside the PDF reader,
//! where referat catches panics on purpose (see src/source/guard.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::Once;
use std::time::Duration;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        // libfuzzer-sys aborts on every panic; let the ones referat catches by design pass.
        let abort_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !referat::source::in_guarded_extraction() {
                abort_hook(info);
            }
        }));
    });
    let limits = referat::source::Limits {
        max_bytes: 1 << 20,
        max_unpacked_bytes: 16 << 20,
        timeout: Duration::from_secs(20),
        ..Default::default()
    };
    for format in [None, Some(referat::source::InputFormat::Html)] {
        if let Ok(source) =
            referat::source::from_bytes_as("fuzz".into(), data, None, format, &limits)
        {
            let checked = referat::check_source(source);
            // Every finding must point into the text.
            for f in &checked.findings {
                assert!(f.span.end() <= checked.source.text.len(), "{}", f.rule);
                assert!(checked.source.text.is_char_boundary(f.span.offset));
            }
        }
    }
});
