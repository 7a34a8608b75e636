package thriftkit

import (
	"fmt"
	"reflect"

	"github.com/intbench/intbench/service"
)

// Exceptions are a generated package's declared exceptions, one per kind
// of the service's taxonomy, as v1's IDL declares them (each a struct with
// a message field, thrown by every method).
type Exceptions struct {
	types [service.KindInternal + 1]reflect.Type
}

// ExceptionsOf returns the Exceptions of a generated package from a value
// of each, in the taxonomy's order: for example ExceptionsOf(
// &orders.NotFound{}, &orders.InvalidArgument{}, &orders.Conflict{},
// &orders.Unavailable{}, &orders.DeadlineExceeded{}, &orders.Internal{}).
// It panics when one is not a pointer to a struct with a string Message.
func ExceptionsOf(notFound, invalidArgument, conflict, unavailable, deadlineExceeded, internal error) Exceptions {
	var e Exceptions
	for i, x := range []error{notFound, invalidArgument, conflict, unavailable, deadlineExceeded, internal} {
		t := reflect.TypeOf(x)
		if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
			panic(fmt.Sprintf("thriftkit: exception %T is not a pointer to a generated struct", x))
		}
		if f, ok := t.Elem().FieldByName("Message"); !ok || f.Type.Kind() != reflect.String {
			panic(fmt.Sprintf("thriftkit: exception %T has no Message", x))
		}
		e.types[service.KindNotFound+service.Kind(i)] = t
	}
	return e
}

// To returns a service error as the declared exception of its kind (an
// error of no kind is Internal), carrying its message.
func (e Exceptions) To(err error) error {
	t := e.types[service.KindOf(err)]
	if t == nil { // a kind outside the taxonomy
		t = e.types[service.KindInternal]
	}
	x := reflect.New(t.Elem())
	x.Elem().FieldByName("Message").SetString(service.MessageOf(err))
	return x.Interface().(error)
}

// Kind returns the kind and message of a declared exception; ok is false
// when err is not one.
func (e Exceptions) Kind(err error) (k service.Kind, msg string, ok bool) {
	t := reflect.TypeOf(err)
	for k := service.KindNotFound; k <= service.KindInternal; k++ {
		if t == nil || t != e.types[k] {
			continue
		}
		if v := reflect.ValueOf(err); !v.IsNil() {
			msg = v.Elem().FieldByName("Message").String()
		}
		return k, msg, true
	}
	return service.KindOK, "", false
}
