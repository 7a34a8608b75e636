package removefield

import (
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/restkit"
)

// restCustomer is the v2 client's customer: no email.
type restCustomer struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Tier      string    `json:"tier"`
	CreatedAt time.Time `json:"created_at"`
	Tags      []string  `json:"tags"`
}

func init() {
	a := restkit.Adapter{Responses: map[restkit.Op]restkit.Transform{restkit.OpCustomer: func(doc restkit.Object) error {
		delete(doc, "email")
		return nil
	}}}
	side := restkit.NewSide(a, restkit.Contract[restCustomer, restkit.Order]{})
	evolution.RegisterVariant(Name, restkit.Pattern, evolution.Variant{Side: side})
}
