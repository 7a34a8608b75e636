package grpckit

import (
	"fmt"
	"strconv"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/intbench/intbench/evolution"
)

// Flatten turns a decoded message into a Record under prefix: every field
// its type declares, by proto name, set or not (a proto3 field absent on
// the wire reads as its zero value, as generated code has it); repeated
// fields by index; enum values by name, or by number where the type does
// not know it (as a generated enum's String does); unset messages <nil>.
// Unknown fields, which the message keeps, are not the type's: left out.
func Flatten(prefix string, m protoreflect.Message) evolution.Record {
	r := evolution.Record{}
	flattenMessage(r, prefix, m)
	return r
}

func flattenMessage(r evolution.Record, key string, m protoreflect.Message) {
	fields := m.Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		k := key + "." + string(fd.Name())
		switch {
		case fd.IsMap():
			r[k+".len"] = strconv.Itoa(m.Get(fd).Map().Len()) // the v2 contracts have none
		case fd.IsList():
			l := m.Get(fd).List()
			r[k+".len"] = strconv.Itoa(l.Len())
			for j := range l.Len() {
				flattenValue(r, fmt.Sprintf("%s[%d]", k, j), fd, l.Get(j))
			}
		case fd.Message() != nil && !m.Has(fd):
			r[k] = "<nil>"
		default:
			flattenValue(r, k, fd, m.Get(fd))
		}
	}
}

func flattenValue(r evolution.Record, k string, fd protoreflect.FieldDescriptor, v protoreflect.Value) {
	switch {
	case fd.Message() != nil:
		flattenMessage(r, k, v.Message())
	case fd.Enum() != nil:
		if ev := fd.Enum().Values().ByNumber(v.Enum()); ev != nil {
			r[k] = string(ev.Name())
		} else {
			r[k] = strconv.Itoa(int(v.Enum()))
		}
	default:
		r[k] = v.String()
	}
}
