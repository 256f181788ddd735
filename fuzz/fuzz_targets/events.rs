#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hec_fuzz::events(data));
