package grpckit

import (
	"fmt"
	"reflect"
	"time"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// decode sets the struct v (addressable, of the service's types) from m's
// fields by name. Fields v2 does not have stay zero; an integer the
// service's field cannot hold is an error.
func (c *contract) decode(m protoreflect.Message, v reflect.Value) error {
	for i, fd := range c.carried(m.Descriptor(), v.Type()) {
		if err := c.getField(m.Get(fd), fd, v.Field(i)); err != nil {
			return fmt.Errorf("%s: %w", fd.Name(), err)
		}
	}
	return nil
}

func (c *contract) getField(pv protoreflect.Value, fd protoreflect.FieldDescriptor, v reflect.Value) error {
	if !fd.IsList() {
		return c.get(pv, fd, v)
	}
	l := pv.List()
	if v.Kind() != reflect.Slice {
		return fmt.Errorf("cannot hold a repeated field in %s", v.Type())
	}
	if l.Len() == 0 {
		return nil
	}
	s := reflect.MakeSlice(v.Type(), l.Len(), l.Len())
	for i := range l.Len() {
		if err := c.get(l.Get(i), fd, s.Index(i)); err != nil {
			return err
		}
	}
	v.Set(s)
	return nil
}

// get sets v from pv, a value of a field like fd.
func (c *contract) get(pv protoreflect.Value, fd protoreflect.FieldDescriptor, v reflect.Value) error {
	bad := fmt.Errorf("cannot hold a %s field in %s", fd.Kind(), v.Type())
	switch fd.Kind() {
	case protoreflect.MessageKind:
		if v.Kind() != reflect.Struct {
			return bad
		}
		return c.decode(pv.Message(), v)
	case protoreflect.EnumKind:
		if v.Kind() != reflect.String {
			return bad
		}
		v.SetString(enumName(fd.Enum(), pv.Enum()))
	case protoreflect.StringKind:
		if v.Kind() != reflect.String {
			return bad
		}
		v.SetString(pv.String())
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind,
		protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return setInt(pv.Int(), v, bad)
	default:
		return bad
	}
	return nil
}

// setInt sets v, an integer or a time (microseconds), to n.
func setInt(n int64, v reflect.Value, bad error) error {
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(time.UnixMicro(n).UTC()))
	case !v.CanInt():
		return bad
	case v.OverflowInt(n):
		return fmt.Errorf("%d does not fit %s", n, v.Type())
	default:
		v.SetInt(n)
	}
	return nil
}
