// Package widentype is the widen-type change: a line item's quantity widens from 32 to 64 bits (values stay in range).
package widentype

import (
	_ "embed"
	"github.com/intbench/intbench/evolution"
)

// migration is the provider's v2 schema change.
//
//go:embed migration.sql
var migration string

// Name is the change's name in the matrix.
const Name = "widen-type"

func init() {
	evolution.Register(evolution.Change{
		Name:      Name,
		Summary:   "a line item's quantity widens from 32 to 64 bits (values stay in range)",
		Migration: migration,
	})
}
