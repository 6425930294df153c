//! Any bytes, saved as a .xlsx file and read the way `muster inspect` reads it.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| muster_fuzz::read_file(data, "xlsx"));
