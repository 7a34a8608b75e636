package refactorstorage

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/sharedkit"
	"github.com/intbench/intbench/transports/shareddb"
)

// The v2 consumer reads and writes notes where the provider now keeps
// them: its order SQL is the provider's (a shared-database consumer copies
// the provider's queries; here it is the same text).
func init() {
	s := sharedkit.V1()
	s.Statements = notesStatements
	evolution.RegisterVariant(Name, shareddb.Name, evolution.Variant{Side: sharedkit.Side(s), Migrate: true})
}
