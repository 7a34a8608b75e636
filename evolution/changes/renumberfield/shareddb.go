package renumberfield

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/transports/shareddb"
)

func init() {
	evolution.RegisterVariant(Name, shareddb.Name, evolution.Variant{NA: "no field numbers: columns are named"})
}
