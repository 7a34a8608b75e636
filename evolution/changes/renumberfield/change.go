// Package renumberfield is the renumber-field change: Customer.email changes its field number or id (the change the IDL rules forbid).
package renumberfield

import (
	"github.com/intbench/intbench/evolution"
)

// Name is the change's name in the matrix.
const Name = "renumber-field"

func init() {
	evolution.Register(evolution.Change{
		Name:    Name,
		Summary: "Customer.email changes its field number or id (the change the IDL rules forbid)",
	})
}
