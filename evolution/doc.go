// Package evolution measures which integration pattern survives which
// change of its contract: real old clients against real new servers, and
// new clients against old servers, as a compatibility matrix.
//
// A Change is a named server-side change (add-field, rename-field,
// move-resource, ...). Each lives in its own folder under
// evolution/changes/, with its description, its database migration and,
// for every pattern where it applies, the v2 side of the contract built
// with the pattern's own tooling (a v2 .proto and its descriptor, a v2
// .thrift and its generated code, a v2 WSDL, a v2 JSON representation, v2
// consumer SQL); evolution/all imports them all. The v1 side of every
// pattern is the pattern itself, from transports.
//
// For a pattern, a change and a direction, Run serves one version and
// dials the other, makes the v1 operations on the same seeded data, and
// compares what the client decoded (a Record per operation) with what the
// same client decodes when nothing changed: compatible, silent (data
// lost, defaulted or wrong: the dangerous case), loud (calls fail with a
// clear error) or n/a.
package evolution
