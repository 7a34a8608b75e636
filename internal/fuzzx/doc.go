// Package fuzzx holds what the fuzz tests of intbench's decoders share,
// so that every decoding path a peer can reach is held to the same rules:
// no panic, no hang, no allocation out of proportion to the input, and a
// classified error for what does not decode.
//
//   - Budget runs one decode under a context with a deadline and a
//     watchdog, measures the bytes it allocates (runtime.MemStats, as
//     testing's allocation counts do) and fails when they exceed the
//     budget's bytes per input byte plus its fixed allowance;
//   - Peer is a connection whose far end has already spoken (reads return
//     the fuzz input, then io.EOF), and DialPeer a dialer that hands one
//     out, so that a real client decodes a fuzzed reply;
//   - Tap records the bytes of real traffic through a dialer, for seed
//     corpora;
//   - Seed, Marshal and SyncCorpus write seed corpora in go test's
//     format under testdata/fuzz/<Target>/, and check them against the
//     code that makes them;
//   - Service is the reference core over a small seeded data set whose
//     writes keep nothing and whose answers are the same on every run.
//
// FUZZX_ALLOCS=0 in the environment skips the allocation checks (they
// stop the world twice a call). It is imported by tests only.
package fuzzx
