package thriftkit

import (
	"errors"
	"reflect"
	"testing"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

var v1Exceptions = ExceptionsOf(&orders.NotFound{}, &orders.InvalidArgument{}, &orders.Conflict{},
	&orders.Unavailable{}, &orders.DeadlineExceeded{}, &orders.Internal{})

func TestExceptionsRoundTrip(t *testing.T) {
	tests := []struct {
		err  error
		want error // the declared exception
		kind service.Kind
	}{
		{service.Errorf(service.KindNotFound, "no customer 9"), &orders.NotFound{Message: "no customer 9"}, service.KindNotFound},
		{service.Errorf(service.KindInvalidArgument, "bad"), &orders.InvalidArgument{Message: "bad"}, service.KindInvalidArgument},
		{service.Errorf(service.KindConflict, "c"), &orders.Conflict{Message: "c"}, service.KindConflict},
		{service.Errorf(service.KindUnavailable, "u"), &orders.Unavailable{Message: "u"}, service.KindUnavailable},
		{service.Errorf(service.KindDeadlineExceeded, "d"), &orders.DeadlineExceeded{Message: "d"}, service.KindDeadlineExceeded},
		{errors.New("boom"), &orders.Internal{Message: "boom"}, service.KindInternal},
	}
	for _, tt := range tests {
		x := v1Exceptions.To(tt.err)
		if !reflect.DeepEqual(x, tt.want) {
			t.Errorf("To(%v) = %#v, want %#v", tt.err, x, tt.want)
		}
		k, msg, ok := v1Exceptions.Kind(x)
		if !ok || k != tt.kind || msg != service.MessageOf(tt.err) {
			t.Errorf("Kind(%#v) = %v %q %v, want %v %q", x, k, msg, ok, tt.kind, service.MessageOf(tt.err))
		}
	}
	if _, _, ok := v1Exceptions.Kind(errors.New("not declared")); ok {
		t.Error("an undeclared error is a declared exception")
	}
	if k, _, ok := v1Exceptions.Kind((*orders.Conflict)(nil)); !ok || k != service.KindConflict {
		t.Errorf("a nil Conflict: %v %v", k, ok)
	}
}

func TestExceptionsOfRefusesOtherErrors(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for an error that is not a generated exception")
		}
	}()
	ExceptionsOf(errors.New("x"), &orders.InvalidArgument{}, &orders.Conflict{}, &orders.Unavailable{}, &orders.DeadlineExceeded{}, &orders.Internal{})
}
