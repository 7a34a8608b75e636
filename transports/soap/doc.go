// Package soap is the SOAP pattern of intbench: SOAP 1.1 envelopes over
// HTTP POST to /soap, document/literal (wrapped) style in the target
// namespace urn:intbench:orders:v1, described by a WSDL 1.1 document the
// server serves at GET /soap?wsdl.
//
// The SOAPAction header names the operation (GetCustomer, PlaceOrder,
// ListOrders; quoted or not) and must agree with the one element of the
// Body (GetCustomerRequest, PlaceOrderRequest, ListOrdersRequest). Times are
// xsd:dateTime in UTC with six fractional digits, so microseconds
// round-trip exactly.
//
// Errors travel as SOAP 1.1 Faults: faultcode soap:Client for caller errors
// (InvalidArgument, NotFound, Conflict) and soap:Server otherwise,
// faultstring carrying service.MessageOf(err), and
// <detail><ErrorKind xmlns="urn:intbench:orders:v1">NotFound</ErrorKind></detail>
// carrying the kind, which the client maps back with service.Errorf.
//
// Every fault is sent with HTTP status 500, as SOAP 1.1 §6.2 and WS-I Basic
// Profile 1.1 (R1126) require for a response envelope that is a Fault. That
// includes requests the HTTP binding rejects before SOAP processing: a wrong
// or missing Content-Type (SOAP 1.1 requires text/xml; SOAP 1.2's
// application/soap+xml is refused), a missing or unknown SOAPAction, a body
// over the server's Limits.MaxBodyBytes, malformed XML, a DTD, elements
// nested deeper than transports.MaxDepth, an Envelope that is not
// SOAP 1.1 (faultcode soap:VersionMismatch), a header entry marked
// mustUnderstand (soap:MustUnderstand), a Body element that does not match
// the SOAPAction, and missing required elements. All are soap:Client faults
// with ErrorKind InvalidArgument, so one code path on the client handles
// every rejection. Only non-SOAP requests get plain HTTP answers: 404 for
// other paths, 405 for methods other than POST (and GET ?wsdl), and what
// the HTTP layer refuses (httpx: 431 for a header list over
// transports.MaxHeaderBytes, net/http's own 4xx).
//
// No entity is expanded: encoding/xml knows only XML's five and character
// references, and a DTD (which could declare more) is refused. The client
// reads responses under the same depth limit and without DTDs.
//
// XML 1.0 cannot carry every string Go can hold (control characters,
// invalid UTF-8). The client refuses such strings with InvalidArgument
// before sending, instead of letting encoding/xml replace them silently.
package soap
