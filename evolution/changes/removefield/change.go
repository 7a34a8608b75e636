// Package removefield is the remove-field change: Customer.email is removed.
package removefield

import (
	_ "embed"
	"github.com/intbench/intbench/evolution"
)

// migration is the provider's v2 schema change.
//
//go:embed migration.sql
var migration string

// Name is the change's name in the matrix.
const Name = "remove-field"

func init() {
	evolution.Register(evolution.Change{
		Name:      Name,
		Summary:   "Customer.email is removed",
		Migration: migration,
	})
}
