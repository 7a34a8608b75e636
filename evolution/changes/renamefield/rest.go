package renamefield

import (
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/restkit"
)

// restCustomer is the v2 client's customer: name is full_name.
type restCustomer struct {
	ID        int64     `json:"id"`
	FullName  string    `json:"full_name"`
	Email     string    `json:"email"`
	Tier      string    `json:"tier"`
	CreatedAt time.Time `json:"created_at"`
	Tags      []string  `json:"tags"`
}

func init() {
	a := restkit.Adapter{Responses: map[restkit.Op]restkit.Transform{restkit.OpCustomer: func(doc restkit.Object) error {
		doc.Rename("name", "full_name")
		return nil
	}}}
	side := restkit.NewSide(a, restkit.Contract[restCustomer, restkit.Order]{})
	evolution.RegisterVariant(Name, restkit.Pattern, evolution.Variant{Side: side})
}
