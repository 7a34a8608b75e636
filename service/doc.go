// Package service holds the logical orders service that every integration
// pattern exposes: the domain types, the error taxonomy, the reference
// business rules (Core), the in-memory store and the deterministic seed data.
//
// Transports are thin adapters around a Service; the rules live here once.
// The shared-database pattern links Core into the consumer and points it at
// the provider's tables (see service/pgstore), which is the coupling that
// pattern is meant to show.
package service
