// Package sharedkit builds the shared database's v2 sides of the
// evolution matrix.
//
// In the shared-database pattern the contract is the provider's schema, so
// a change's v2 "server" is the database after the change's migration
// (evolution.Variant.Migrate) and Serve hands out its URL, as
// transports/shareddb does. A v2 client is a v2 consumer: SQL written
// against the v2 schema (a Schema: its customer query with its own type,
// its order statements, and what it reads back of a placed order), run
// over the v1 consumer's connection (transports/shareddb's OpenDB: lib/pq
// through pgstore's connector, deadlines from the call's context, the
// same pool and timeouts), with the consumer's own copy of
// the rules (service's validation, totals, fingerprints and cursors),
// decoding into the consumer's own types, which its records flatten.
//
// Like the v1 consumer (pgstore.New), a v2 consumer prepares its
// statements when it starts, so a statement the schema it meets cannot
// run fails its start-up, not one call.
//
// The order statements (Statements, built from a Layout or written out)
// also serve a provider that keeps orders its own way: Prepare runs them
// for a service.Store too (refactor-storage's v2 store).
package sharedkit
