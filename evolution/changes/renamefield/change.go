// Package renamefield is the rename-field change: Customer.name is renamed full_name, same meaning.
package renamefield

import (
	_ "embed"
	"github.com/intbench/intbench/evolution"
)

// migration is the provider's v2 schema change.
//
//go:embed migration.sql
var migration string

// Name is the change's name in the matrix.
const Name = "rename-field"

func init() {
	evolution.Register(evolution.Change{
		Name:      Name,
		Summary:   "Customer.name is renamed full_name, same meaning",
		Migration: migration,
	})
}
