// Package refactorstorage is the refactor-storage change: the provider moves order notes to a table of their own and stops using orders.note (left in place, emptied); every server is updated with it.
package refactorstorage

import (
	_ "embed"
	"github.com/intbench/intbench/evolution"
)

// migration is the provider's v2 schema change.
//
//go:embed migration.sql
var migration string

// Name is the change's name in the matrix.
const Name = "refactor-storage"

func init() {
	evolution.Register(evolution.Change{
		Name:      Name,
		Summary:   "the provider moves order notes to a table of their own and stops using orders.note (left in place, emptied); every server is updated with it",
		Migration: migration,
		Store:     newStore,
	})
}
