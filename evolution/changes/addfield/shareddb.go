package addfield

import (
	"database/sql"

	"github.com/lib/pq"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/sharedkit"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/shareddb"
)

// dbCustomer is the v2 consumer's customer: v1's and loyalty_points.
type dbCustomer struct {
	service.Customer
	LoyaltyPoints int64
}

// dbCustomerQuery is the v2 consumer's SQL for a customer.
var dbCustomerQuery = sharedkit.CustomerQuery{
	SQL: `SELECT id, name, email, tier, created_at, tags, loyalty_points FROM customers WHERE id = $1`,
	Scan: func(row *sql.Row) (any, error) {
		var c dbCustomer
		err := row.Scan(&c.ID, &c.Name, &c.Email, (*string)(&c.Tier), &c.CreatedAt, (*pq.StringArray)(&c.Tags), &c.LoyaltyPoints)
		return c, err
	},
}

func init() {
	s := sharedkit.V1()
	s.Customer = dbCustomerQuery
	evolution.RegisterVariant(Name, shareddb.Name, evolution.Variant{Side: sharedkit.Side(s), Migrate: true})
}
