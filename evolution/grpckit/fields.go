package grpckit

import (
	"fmt"
	"reflect"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// Set sets the field of m called name (its v2 proto name) to v, converted
// as the kit converts the service's values: integers to the field's
// width, strings to enum values by name ("refunded" is STATUS_REFUNDED).
// For a change's hooks.
func Set(m protoreflect.Message, name string, v any) error {
	fd := m.Descriptor().Fields().ByName(protoreflect.Name(name))
	if fd == nil || fd.IsList() || fd.Message() != nil {
		return fmt.Errorf("grpckit: %s has no scalar field %s", m.Descriptor().FullName(), name)
	}
	pv, err := scalar(fd, reflect.ValueOf(v))
	if err != nil {
		return fmt.Errorf("grpckit: %s: %w", fd.FullName(), err)
	}
	m.Set(fd, pv)
	return nil
}

// Has reports whether m has a field called name and it is set: for a
// proto3 scalar, that it is not its zero value.
func Has(m protoreflect.Message, name string) bool {
	fd := m.Descriptor().Fields().ByName(protoreflect.Name(name))
	return fd != nil && m.Has(fd)
}
