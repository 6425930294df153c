//! Any text as a mapping profile, then bound and run on one row as `muster validate` does.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| muster_fuzz::use_profile(data));
