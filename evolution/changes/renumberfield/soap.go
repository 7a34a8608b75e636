package renumberfield

import "github.com/intbench/intbench/evolution"

func init() {
	evolution.RegisterVariant(Name, "soap", evolution.Variant{NA: "SOAP has no field numbers: XML elements are matched by name " +
		"(rename-field is SOAP's nearest change)"})
}
