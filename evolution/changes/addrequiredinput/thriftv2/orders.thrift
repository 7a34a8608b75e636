/*
 * The orders service of intbench as an Apache Thrift IDL.
 *
 * v2 under add-required-input: PlaceOrderRequest requires a currency (id 5),
 * and Order echoes it (id 8, optional). Everything else is as in
 * transports/thrift/idl/orders.thrift, the v1 contract.
 *
 * Conventions:
 *  - Times are i64 microseconds since the Unix epoch, UTC, so they round-trip
 *    exactly.
 *  - Money is i64 cents.
 *  - Every error kind of the service is a declared exception of its own; each
 *    method declares all six, so a client in any language can catch exactly
 *    the kinds it cares about. The message field carries the human-readable
 *    text without the kind prefix.
 *  - Fields the server cannot do without are "required": a request missing
 *    one is refused by the generated decoder with a TApplicationException
 *    PROTOCOL_ERROR before it reaches the service.
 */

namespace go orders
namespace py orders

/** A customer's loyalty tier. */
enum Tier {
  BASIC = 1,
  GOLD = 2,
  PLATINUM = 3,
}

/** An order's life-cycle state. */
enum Status {
  PENDING = 1,
  PAID = 2,
  SHIPPED = 3,
  CANCELLED = 4,
}

/** A buyer. IDs start at 1. */
struct Customer {
  1: required i64 id,
  2: string name,
  3: string email,
  4: required Tier tier,
  5: required i64 createdAtMicros,
  6: list<string> tags,
}

/** One line of an order. */
struct LineItem {
  1: required string sku,
  2: required i32 quantity,
  3: required i64 unitPriceCents,
}

/** A customer's order. totalCents is derived from items by the server. */
struct Order {
  1: required i64 id,
  2: required i64 customerId,
  3: required Status status,
  4: list<LineItem> items,
  5: i64 totalCents,
  6: string note,
  7: required i64 createdAtMicros,
  /**
   * ISO 4217 code of the order's currency (new in v2): placeOrder echoes
   * the request's; listOrders leaves it unset.
   */
  8: optional string currency,
}

/** One page of orders; nextCursor is empty on the last page. */
struct OrderPage {
  1: list<Order> orders,
  2: string nextCursor,
}

/**
 * Asks for a new order. requestId makes the call idempotent: the same ID with
 * the same body returns the same order, with another body it fails with
 * Conflict.
 */
struct PlaceOrderRequest {
  1: required i64 customerId,
  2: required list<LineItem> items,
  3: string note,
  4: required string requestId,
  /** ISO 4217 code of the order's currency (new in v2, required). */
  5: required string currency,
}

/** Asks for one page of a customer's orders, oldest first. */
struct ListOrdersRequest {
  1: required i64 customerId,
  2: required i32 limit,
  3: string cursor,
}

/** The thing asked for does not exist. */
exception NotFound { 1: string message }
/** The request breaks a rule of the service (empty items, bad limit, ...). */
exception InvalidArgument { 1: string message }
/** The request ID was used before for a different order. */
exception Conflict { 1: string message }
/** The service cannot answer now; the call may be retried. */
exception Unavailable { 1: string message }
/** The service ran out of time before answering. */
exception DeadlineExceeded { 1: string message }
/** The service failed for a reason of its own. */
exception Internal { 1: string message }

service Orders {
  /** Returns one customer. */
  Customer getCustomer(1: i64 id) throws (
    1: NotFound notFound, 2: InvalidArgument invalidArgument, 3: Conflict conflict,
    4: Unavailable unavailable, 5: DeadlineExceeded deadlineExceeded, 6: Internal internal),

  /** Creates an order, idempotently by requestId. */
  Order placeOrder(1: required PlaceOrderRequest req) throws (
    1: NotFound notFound, 2: InvalidArgument invalidArgument, 3: Conflict conflict,
    4: Unavailable unavailable, 5: DeadlineExceeded deadlineExceeded, 6: Internal internal),

  /** Returns one page of a customer's orders. */
  OrderPage listOrders(1: required ListOrdersRequest req) throws (
    1: NotFound notFound, 2: InvalidArgument invalidArgument, 3: Conflict conflict,
    4: Unavailable unavailable, 5: DeadlineExceeded deadlineExceeded, 6: Internal internal),
}
