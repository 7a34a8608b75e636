// Package addfield is the add-field change: a new optional field in Customer responses: loyalty_points (v2 providers derive it as id·37 mod 1000).
package addfield

import (
	_ "embed"
	"github.com/intbench/intbench/evolution"
)

// migration is the provider's v2 schema change.
//
//go:embed migration.sql
var migration string

// Name is the change's name in the matrix.
const Name = "add-field"

func init() {
	evolution.Register(evolution.Change{
		Name:      Name,
		Summary:   "a new optional field in Customer responses: loyalty_points (v2 providers derive it as id·37 mod 1000)",
		Migration: migration,
	})
}
