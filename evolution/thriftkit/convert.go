package thriftkit

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// Values move between the service's types and a generated package's by
// field name, so that a change's v2 side writes only what its change
// adds. The rules, which hold for every v2 IDL here because each is a copy
// of v1's:
//
//   - fields match by name, ignoring case (SKU and Sku, CustomerID and
//     CustomerId); a time.Time field matches the i64 field of its name
//     plus "Micros" (times travel as microseconds since the Unix epoch);
//   - a field without a match on the other side is left alone (a field v2
//     removed is not sent; one v2 added is the change's to fill, in an
//     Edit);
//   - a service enum (a string) becomes the generated enum of its upper-
//     case name, through the generated XFromString function (Enum), and
//     back through the generated String;
//   - integers convert between widths and fail when a value does not fit;
//   - nil slices and pointers stay nil; pointers and slices of structs are
//     filled element by element, and a struct's Edits run once it is
//     filled.

// Enum is a generated enum's parser (the generated XFromString), by its
// type.
type Enum struct {
	typ   reflect.Type
	parse func(string) (reflect.Value, error)
}

// EnumOf returns the Enum of a generated enum type from its generated
// parser, for example EnumOf(orders.StatusFromString).
func EnumOf[E ~int64](parse func(string) (E, error)) Enum {
	return Enum{typ: reflect.TypeFor[E](), parse: func(s string) (reflect.Value, error) {
		e, err := parse(s)
		return reflect.ValueOf(e), err
	}}
}

// Edit is what a v2 side writes into a generated struct beyond the fields
// matched by name: a field the change adds or renames.
type Edit struct {
	src, dst reflect.Type
	apply    func(src, dst reflect.Value)
}

// EditOf returns the Edit that calls f with each S converted into a
// generated struct D (a pointer), once D is filled.
func EditOf[S, D any](f func(S, D)) Edit {
	return Edit{src: reflect.TypeFor[S](), dst: reflect.TypeFor[D](), apply: func(s, d reflect.Value) {
		f(s.Interface().(S), d.Interface().(D))
	}}
}

// mapper converts values by the rules above.
type mapper struct {
	enums []Enum
	edits []Edit
}

var timeType = reflect.TypeFor[time.Time]()

// newFilled returns a new T (a pointer to a struct) filled from src.
func newFilled[T any](m mapper, src any) (T, error) {
	var out T
	err := m.fill(reflect.ValueOf(&out).Elem(), reflect.ValueOf(src))
	return out, err
}

// fill sets dst (settable) from src.
func (m mapper) fill(dst, src reflect.Value) error {
	switch {
	case src.Kind() == reflect.Pointer:
		if src.IsNil() {
			return nil
		}
		return m.fill(dst, src.Elem())
	case dst.Kind() == reflect.Pointer:
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		if err := m.fill(dst.Elem(), src); err != nil {
			return err
		}
		m.edit(src, dst)
		return nil
	case src.Type() == timeType && dst.Kind() == reflect.Int64:
		dst.SetInt(src.Interface().(time.Time).UnixMicro())
		return nil
	case dst.Type() == timeType && src.Kind() == reflect.Int64:
		dst.Set(reflect.ValueOf(time.UnixMicro(src.Int()).UTC()))
		return nil
	case dst.Kind() == reflect.Struct && src.Kind() == reflect.Struct:
		return m.fields(dst, src)
	case dst.Kind() == reflect.Slice && src.Kind() == reflect.Slice:
		return m.slice(dst, src)
	}
	return m.scalar(dst, src)
}

// fields fills the fields of struct dst from those of struct src that
// match them.
func (m mapper) fields(dst, src reflect.Value) error {
	for i := range dst.NumField() {
		f := dst.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		sv, ok := match(src, f)
		if !ok {
			continue
		}
		if err := m.fill(dst.Field(i), sv); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return nil
}

// match finds the field of struct src that fills the field to.
func match(src reflect.Value, to reflect.StructField) (reflect.Value, bool) {
	for i := range src.NumField() {
		f := src.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		if strings.EqualFold(f.Name, to.Name) ||
			(f.Type == timeType && strings.EqualFold(f.Name+"Micros", to.Name)) ||
			(to.Type == timeType && strings.EqualFold(f.Name, to.Name+"Micros")) {
			return src.Field(i), true
		}
	}
	return reflect.Value{}, false
}

func (m mapper) slice(dst, src reflect.Value) error {
	if src.IsNil() {
		return nil
	}
	out := reflect.MakeSlice(dst.Type(), src.Len(), src.Len())
	for i := range src.Len() {
		if err := m.fill(out.Index(i), src.Index(i)); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
	}
	dst.Set(out)
	return nil
}

// scalar converts strings, numbers and enums.
func (m mapper) scalar(dst, src reflect.Value) error {
	if e, ok := m.enum(dst.Type()); ok && src.Kind() == reflect.String {
		v, err := e.parse(strings.ToUpper(src.String()))
		if err != nil {
			return fmt.Errorf("thriftkit: %q: %w", src.String(), err)
		}
		dst.Set(v)
		return nil
	}
	if _, ok := m.enum(src.Type()); ok && dst.Kind() == reflect.String {
		name := fmt.Sprint(src.Interface())
		if name == "<UNSET>" {
			return fmt.Errorf("thriftkit: unknown %s %d", src.Type().Name(), src.Int())
		}
		dst.SetString(strings.ToLower(name))
		return nil
	}
	switch {
	case isInt(dst) && isInt(src):
		if dst.OverflowInt(src.Int()) {
			return fmt.Errorf("thriftkit: %d does not fit in %s", src.Int(), dst.Type())
		}
		dst.SetInt(src.Int())
	case dst.Kind() == src.Kind() && src.Type().ConvertibleTo(dst.Type()):
		dst.Set(src.Convert(dst.Type()))
	default:
		return fmt.Errorf("thriftkit: cannot convert %s to %s", src.Type(), dst.Type())
	}
	return nil
}

func isInt(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

func (m mapper) enum(t reflect.Type) (Enum, bool) {
	for _, e := range m.enums {
		if e.typ == t {
			return e, true
		}
	}
	return Enum{}, false
}

// edit runs the edits of a struct src converted into dst (a pointer).
func (m mapper) edit(src, dst reflect.Value) {
	for _, e := range m.edits {
		if e.src == src.Type() && e.dst == dst.Type() {
			e.apply(src, dst)
		}
	}
}
