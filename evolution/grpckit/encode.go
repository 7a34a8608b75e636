package grpckit

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/intbench/intbench/service"
)

var timeType = reflect.TypeFor[time.Time]()

// encode sets m's fields from the struct v (of the service's types) by
// name, then runs the provider's hook for what v is (a customer, an
// order). Fields v2 does not have are not sent.
func (c *contract) encode(m protoreflect.Message, v reflect.Value) error {
	for i, fd := range c.carried(m.Descriptor(), v.Type()) {
		if err := c.setField(m, fd, v.Field(i)); err != nil {
			return fmt.Errorf("grpckit: %s: %w", fd.FullName(), err)
		}
	}
	return c.hook(m, v.Interface())
}

func (c *contract) setField(m protoreflect.Message, fd protoreflect.FieldDescriptor, v reflect.Value) error {
	if !fd.IsList() {
		pv, err := c.value(fd, v, func() protoreflect.Value { return m.NewField(fd) })
		if err == nil {
			m.Set(fd, pv)
		}
		return err
	}
	if v.Kind() != reflect.Slice {
		return fmt.Errorf("cannot carry %s in a repeated field", v.Type())
	}
	if v.Len() == 0 {
		return nil
	}
	l := m.Mutable(fd).List()
	for i := range v.Len() {
		e, err := c.value(fd, v.Index(i), l.NewElement)
		if err != nil {
			return err
		}
		l.Append(e)
	}
	return nil
}

// value converts v for a field like fd; fresh makes a message for it.
func (c *contract) value(fd protoreflect.FieldDescriptor, v reflect.Value, fresh func() protoreflect.Value) (protoreflect.Value, error) {
	if fd.Message() == nil {
		return scalar(fd, v)
	}
	if v.Kind() != reflect.Struct || v.Type() == timeType {
		return protoreflect.Value{}, fmt.Errorf("cannot carry %s in a message field", v.Type())
	}
	e := fresh()
	return e, c.encode(e.Message(), v)
}

// hook runs the provider's hook for v.
func (c *contract) hook(m protoreflect.Message, v any) error {
	switch v := v.(type) {
	case service.Customer:
		if h := c.Provider.Customer; h != nil {
			return h(v, m)
		}
	case service.Order:
		if h := c.Provider.Order; h != nil {
			return h(v, m)
		}
	}
	return nil
}

// scalar converts v for a scalar field like fd: integers to the field's
// width, strings to enum values by name, times to microseconds.
func scalar(fd protoreflect.FieldDescriptor, v reflect.Value) (protoreflect.Value, error) {
	if v.Type() == timeType {
		v = reflect.ValueOf(v.Interface().(time.Time).UnixMicro())
	}
	bad := fmt.Errorf("cannot carry %s in a %s field", v.Type(), fd.Kind())
	switch fd.Kind() {
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		if !v.CanInt() {
			return protoreflect.Value{}, bad
		}
		if n := v.Int(); int64(int32(n)) != n {
			return protoreflect.Value{}, fmt.Errorf("%d does not fit a %s field", n, fd.Kind())
		}
		return protoreflect.ValueOfInt32(int32(v.Int())), nil
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		if !v.CanInt() {
			return protoreflect.Value{}, bad
		}
		return protoreflect.ValueOfInt64(v.Int()), nil
	case protoreflect.StringKind:
		if v.Kind() != reflect.String {
			return protoreflect.Value{}, bad
		}
		return protoreflect.ValueOfString(v.String()), nil
	case protoreflect.EnumKind:
		if v.Kind() != reflect.String {
			return protoreflect.Value{}, bad
		}
		n, err := enumNumber(fd.Enum(), v.String())
		return protoreflect.ValueOfEnum(n), err
	}
	return protoreflect.Value{}, bad
}

// enumNumber is the number of the value of ed called s without the enum's
// prefix ("paid" is STATUS_PAID); "" is the zero value.
func enumNumber(ed protoreflect.EnumDescriptor, s string) (protoreflect.EnumNumber, error) {
	if s == "" {
		return 0, nil
	}
	name := enumPrefix(ed) + strings.ToUpper(s)
	ev := ed.Values().ByName(protoreflect.Name(name))
	if ev == nil {
		return 0, fmt.Errorf("%s has no value %s", ed.FullName(), name)
	}
	return ev.Number(), nil
}

// enumName is the service's name of ed's value n: its name without the
// enum's prefix, lower case; "" for the zero value and for a number ed
// does not know (as transports/grpc maps them).
func enumName(ed protoreflect.EnumDescriptor, n protoreflect.EnumNumber) string {
	ev := ed.Values().ByNumber(n)
	if n == 0 || ev == nil {
		return ""
	}
	return strings.ToLower(strings.TrimPrefix(string(ev.Name()), enumPrefix(ed)))
}

// enumPrefix is the prefix of ed's value names: its zero value's name
// without UNSPECIFIED (STATUS_UNSPECIFIED: "STATUS_").
func enumPrefix(ed protoreflect.EnumDescriptor) string {
	if z := ed.Values().ByNumber(0); z != nil {
		return strings.TrimSuffix(string(z.Name()), "UNSPECIFIED")
	}
	return ""
}
