package removefield

import (
	"database/sql"
	"time"

	"github.com/lib/pq"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/sharedkit"
	"github.com/intbench/intbench/transports/shareddb"
)

// dbCustomer is the v2 consumer's customer: no email.
type dbCustomer struct {
	ID        int64
	Name      string
	Tier      string
	CreatedAt time.Time
	Tags      []string
}

// dbCustomerQuery is the v2 consumer's SQL for a customer.
var dbCustomerQuery = sharedkit.CustomerQuery{
	SQL: `SELECT id, name, tier, created_at, tags FROM customers WHERE id = $1`,
	Scan: func(row *sql.Row) (any, error) {
		var c dbCustomer
		err := row.Scan(&c.ID, &c.Name, &c.Tier, &c.CreatedAt, (*pq.StringArray)(&c.Tags))
		return c, err
	},
}

func init() {
	s := sharedkit.V1()
	s.Customer = dbCustomerQuery
	evolution.RegisterVariant(Name, shareddb.Name, evolution.Variant{Side: sharedkit.Side(s), Migrate: true})
}
