package addrequiredinput

import (
	"database/sql"
	"fmt"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/sharedkit"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/shareddb"
)

// dbPlacedOrder is the v2 consumer's placed order: v1's and the currency
// the database stored with it.
type dbPlacedOrder struct {
	service.Order
	Currency string
}

// dbPlacedQuery reads a placed order's currency back, the shared
// database's echo: what the provider's schema kept of the order. Listed
// orders stay v1's (the statements' columns).
var dbPlacedQuery = sharedkit.PlacedQuery{
	SQL: `SELECT currency FROM orders WHERE id = $1`,
	Scan: func(row *sql.Row, o any) (any, error) {
		v1, ok := o.(service.Order) // sharedkit.V1's order type
		if !ok {
			return nil, fmt.Errorf("addrequiredinput: a placed order of type %T", o)
		}
		p := dbPlacedOrder{Order: v1}
		err := row.Scan(&p.Currency)
		return p, err
	},
}

// dbSchema is the v2 consumer's: it writes every new order with its
// currency, the column the migration added as NOT NULL, and reads it
// back.
func dbSchema() sharedkit.Schema {
	l := sharedkit.V1Layout
	l.Columns = []sharedkit.Column{{Name: "currency", Value: evolution.Currency}}
	s := sharedkit.V1()
	s.Statements = l.Statements()
	s.Placed = dbPlacedQuery
	return s
}

func init() {
	evolution.RegisterVariant(Name, shareddb.Name, evolution.Variant{Side: sharedkit.Side(dbSchema()), Migrate: true})
}
