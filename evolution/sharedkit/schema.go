package sharedkit

import (
	"database/sql"

	"github.com/lib/pq"

	"github.com/intbench/intbench/service"
)

// Schema is a version of the shared schema as one consumer's code reads
// and writes it: its SQL and its own types.
type Schema struct {
	// Customer reads one customer.
	Customer CustomerQuery
	// Statements read and write orders.
	Statements Statements
	// Order turns an order the statements read into the consumer's own
	// type; nil means the service's (Order.Service).
	Order func(Order) (any, error)
	// Placed reads back what the consumer's type of a placed order has
	// beyond the statements' columns (a column a change added); its SQL
	// empty, nothing.
	Placed PlacedQuery
}

// PlacedQuery reads a placed order's row ($1 = its id) after the
// statements wrote or found it. Scan completes o, the order in the
// consumer's type (from Schema.Order), from the row.
type PlacedQuery struct {
	SQL  string
	Scan func(row *sql.Row, o any) (any, error)
}

// CustomerQuery reads one customer ($1 = id) into the consumer's own
// type. Scan gets sql.ErrNoRows for an unknown customer.
type CustomerQuery struct {
	SQL  string
	Scan func(*sql.Row) (any, error)
}

// V1 is the v1 schema as a consumer written against it reads it, in the
// service's types: a change's v2 consumer starts from it.
func V1() Schema {
	return Schema{Customer: V1Customer, Statements: V1Layout.Statements()}
}

// V1Customer reads a customer of the v1 schema into service.Customer.
var V1Customer = CustomerQuery{
	SQL: `SELECT id, name, email, tier, created_at, tags FROM customers WHERE id = $1`,
	Scan: func(row *sql.Row) (any, error) {
		var c service.Customer
		err := row.Scan(&c.ID, &c.Name, &c.Email, (*string)(&c.Tier), &c.CreatedAt, (*pq.StringArray)(&c.Tags))
		return c, err
	},
}
