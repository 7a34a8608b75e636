// Package newenumvalue is the new-enum-value change: orders may have a status v1 does not know: refunded (the third order of customer 1).
package newenumvalue

import (
	_ "embed"

	"github.com/intbench/intbench/evolution"
)

// migration is the provider's v2 schema change.
//
//go:embed migration.sql
var migration string

// Name is the change's name in the matrix.
const Name = "new-enum-value"

func init() {
	evolution.Register(evolution.Change{
		Name:      Name,
		Summary:   "orders may have a status v1 does not know: refunded (the third order of customer 1)",
		Migration: migration,
	})
}
