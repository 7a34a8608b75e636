// Package soapkit builds the SOAP pattern's v2 sides of the evolution
// matrix: a v2 server and a v2 client of the orders service, SOAP 1.1
// document/literal over HTTP POST, whose contract is a v2 WSDL and whose
// XML mapping is Go structs with encoding/xml tags, as a Go provider or
// consumer of a SOAP service writes them.
//
// A change supplies a Contract: its v2 WSDL and, for the operations the
// change touches, the v2 XML mapping (GetCustomer, ListOrders,
// PlaceOrder with the change's own wire types); the operations it does
// not touch keep v1's mapping, which the kit holds (Customer, Item,
// Order, PlaceOrderRequest: the complex types of transports/soap's WSDL).
// The WSDL is the one source of where things are: the server listens,
// and the client calls, each operation at the path of its port's
// soap:address and under its binding's soapAction, so a change that moves
// an operation to another endpoint changes only its WSDL. The server
// serves the WSDL at every endpoint's ?wsdl with its own host in the
// addresses.
//
// The plumbing is the v1 side's: the server is internal/httpx's within
// the ServeConfig's limits and the client httpx's client, and the HTTP
// binding, envelopes and faults are read and written by transports/soap's
// own code (CheckContentType, ReadBody, OpenBody, DecodeRequest,
// WriteFault, ReadFault): HTTP 500 with faultcode soap:Client or
// soap:Server, the message in faultstring and the error kind in
// detail/ErrorKind, mapped back to the service's error taxonomy by the
// client. Both sides decode the Body's element with encoding/xml as it
// comes: unknown elements are skipped, missing ones keep their zero
// value, enumerations are plain strings. That leniency is what the matrix
// measures; a toolkit that validates messages against the WSDL would turn
// some silent cells into loud ones.
//
// Check verifies that a Contract's Go mapping follows its WSDL's schema
// (element names, order and XSD types), so the two cannot drift apart;
// soapkittest also checks that a v2 WSDL is v1's with only its change.
//
// Importing the kit registers a second v1 client of the SOAP pattern,
// the "wsdl" flavour (WSDLFlavour): v1's contract, called where the
// served WSDL says rather than at transports/soap's fixed /soap.
package soapkit
