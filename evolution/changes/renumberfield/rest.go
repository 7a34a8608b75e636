package renumberfield

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/restkit"
)

func init() {
	evolution.RegisterVariant(Name, restkit.Pattern, evolution.Variant{NA: "no field numbers: JSON members are named"})
}
