// Package thriftkit builds the Thrift pattern's v2 sides of the evolution
// matrix, so that each change's thrift.go holds only what its change adds.
//
// A change's v2 contract is a copy of transports/thrift/idl/orders.thrift
// with the change applied, in the change's folder (thriftv2/orders.thrift),
// compiled by the same thrift compiler as v1 (Debian's 0.17, with the Go
// library v0.25.0) into generated code committed beside it
// (thriftv2/orders; generate.sh, run by the change's //go:generate line).
// Side serves that generated code's processor with transports/thrift's
// own server loop (Transport.ServeProcessor: the framed transport and the
// binary protocol within the ServeConfig's limits), and dials its
// generated client over transports/thrift's client protocol
// (Transport.ClientProtocol) with internal/netx's pool and deadline
// arming and the pattern's error mapping (CallError): a v2 side differs
// from v1 by its contract, not by its plumbing. The v2 handler implements
// the generated interface over the reference service, the way v1's does,
// filling the generated structs from the service's values by field name;
// the v2 client decodes with the generated code and flattens the
// generated types.
//
// The v1 side is transports/thrift itself (V1).
package thriftkit
