// Package moveresource is the move-resource change: the orders of a customer move to another location (REST: /orders?customer=ID, announced in _links; RPC: another method; shareddb: another schema).
package moveresource

import (
	_ "embed"
	"github.com/intbench/intbench/evolution"
)

// migration is the provider's v2 schema change.
//
//go:embed migration.sql
var migration string

// Name is the change's name in the matrix.
const Name = "move-resource"

func init() {
	evolution.Register(evolution.Change{
		Name:      Name,
		Summary:   "the orders of a customer move to another location (REST: /orders?customer=ID, announced in _links; RPC: another method; shareddb: another schema)",
		Migration: migration,
	})
}
