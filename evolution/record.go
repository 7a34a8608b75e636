package evolution

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Record is what a client decoded from one operation, as named fields
// ("customer.Name", "orders[2].Status"). Two records of the same client
// compare field by field.
type Record map[string]string

// Flatten turns a decoded value (a struct of the service's types, or a
// map) into a Record under prefix: fields by name, slices by index, times
// in RFC 3339 with nanoseconds.
func Flatten(prefix string, v any) Record {
	r := Record{}
	flatten(r, prefix, reflect.ValueOf(v))
	return r
}

var timeType = reflect.TypeFor[time.Time]()

func flatten(r Record, key string, v reflect.Value) {
	if !v.IsValid() {
		r[key] = "<nil>"
		return
	}
	switch {
	case v.Type() == timeType:
		r[key] = v.Interface().(time.Time).UTC().Format(time.RFC3339Nano)
		return
	case v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface:
		if v.IsNil() {
			r[key] = "<nil>"
			return
		}
		flatten(r, key, v.Elem())
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				flatten(r, key+"."+f.Name, v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		r[key+".len"] = strconv.Itoa(v.Len())
		for i := range v.Len() {
			flatten(r, fmt.Sprintf("%s[%d]", key, i), v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			flatten(r, key+"."+fmt.Sprint(k.Interface()), v.MapIndex(k))
		}
	default:
		r[key] = fmt.Sprint(v.Interface())
	}
}

// Diff names the fields of want that got lost or changed in got, and the
// fields got has that want does not, each as "field: want → got".
func Diff(want, got Record) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s: %s → missing", k, quote(want[k])))
		case g != want[k]:
			out = append(out, fmt.Sprintf("%s: %s → %s", k, quote(want[k]), quote(g)))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			out = append(out, fmt.Sprintf("%s: missing → %s", k, quote(got[k])))
		}
	}
	return out
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return strconv.Quote(s)
}

// field is the name of a Diff line's field.
func field(diff string) string {
	f, _, _ := strings.Cut(diff, ":")
	return f
}
