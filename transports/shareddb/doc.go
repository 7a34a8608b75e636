// Package shareddb is the shared-database integration pattern: there is no
// server of our own. The provider's "server" is its PostgreSQL database,
// and the consumer reads and writes the provider's tables directly with
// SQL over github.com/lib/pq.
//
// The client is the reference business rules (service.Core) linked into
// the consumer, over a pgstore.Store on the provider's database. That is
// the coupling this pattern shows: the consumer carries its own copy of
// the rules (validation, totals, idempotency, paging) and depends on every
// table, column, type, constraint and SQLSTATE of the provider's schema.
// Any change to them is a breaking change for every consumer, found at run
// time, and there is no wire format of our own to version. In exchange a
// call costs one SQL round trip and no serialisation of our own.
//
// Serve therefore starts nothing: it hands out the PostgreSQL URL of the
// backend, and Close leaves the database to whoever made it.
package shareddb
