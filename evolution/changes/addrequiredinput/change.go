// Package addrequiredinput is the add-required-input change: PlaceOrder now requires a currency (v2 clients send EUR; v2 servers refuse an order without one and echo it in the placed order).
package addrequiredinput

import (
	_ "embed"
	"github.com/intbench/intbench/evolution"
)

// migration is the provider's v2 schema change.
//
//go:embed migration.sql
var migration string

// Name is the change's name in the matrix.
const Name = "add-required-input"

func init() {
	evolution.Register(evolution.Change{
		Name:      Name,
		Summary:   "PlaceOrder now requires a currency (v2 clients send EUR; v2 servers refuse an order without one and echo it in the placed order)",
		Migration: migration,
	})
}
