package grpckit

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

// v2Message is a fresh message of the committed v2 contract of change
// (its folder under evolution/changes): op's output (input if input is
// set), or the message type of its field called field.
func v2Message(t *testing.T, change, op string, input bool, field string) *dynamicpb.Message {
	t.Helper()
	b, err := os.ReadFile("../changes/" + change + "/grpc/v2.binpb")
	if err != nil {
		t.Fatal(err)
	}
	c, err := compile(Contract{Descriptors: b})
	if err != nil {
		t.Fatal(err)
	}
	md := c.methods[op].Output()
	if input {
		md = c.methods[op].Input()
	}
	if field != "" {
		md = md.Fields().ByName(protoreflect.Name(field)).Message()
	}
	return dynamicpb.NewMessage(md)
}

// What protobuf-go does with v2's bytes in v1's generated types: the
// wire facts behind the matrix's gRPC outcomes, pinned here so a library
// upgrade that changes one fails a test. v1's generated code keeps what
// it does not know as unknown fields, and writes them back when it
// re-encodes the message; it reads an int64 beyond int32's range into an
// int32 field truncated, without an error (the matrix's quantities are in
// range: widen-type is compatible only while they stay there).
func TestV2BytesInV1Types(t *testing.T) {
	unknown := func(m proto.Message) bool { return len(m.ProtoReflect().GetUnknown()) > 0 }
	tests := []struct {
		name, change, op, field string
		input                   bool
		set                     map[string]any
		v1                      proto.Message
		read                    func(proto.Message) string
		want                    string
		keeps                   bool // v1 re-encodes what v2 sent
	}{
		{"added field: unknown to v1", "addfield", GetCustomer, "", false, map[string]any{"id": 1, "loyalty_points": 37}, &pb.Customer{},
			func(m proto.Message) string { return describe(m.(*pb.Customer).GetId(), unknown(m)) }, "1 true", true},
		{"renumbered field: unknown, email empty", "renumberfield", GetCustomer, "", false, map[string]any{"email": "a@x"}, &pb.Customer{},
			func(m proto.Message) string { return describe(m.(*pb.Customer).GetEmail(), unknown(m)) }, " true", true},
		{"new enum value: its number", "newenumvalue", PlaceOrder, "", false, map[string]any{"status": "refunded"}, &pb.Order{},
			func(m proto.Message) string { return describe(m.(*pb.Order).GetStatus().String(), unknown(m)) }, "5 false", true},
		{"int64 in range: the same value", "widentype", PlaceOrder, "items", true, map[string]any{"quantity": int64(1_000_000)}, &pb.LineItem{},
			func(m proto.Message) string { return describe(m.(*pb.LineItem).GetQuantity()) }, "1000000", true},
		{"int64 out of range: truncated, no error", "widentype", PlaceOrder, "items", true, map[string]any{"quantity": int64(1<<32 + 5)}, &pb.LineItem{},
			func(m proto.Message) string { return describe(m.(*pb.LineItem).GetQuantity()) }, "5", false},
	}
	for _, tt := range tests {
		m := v2Message(t, tt.change, tt.op, tt.input, tt.field)
		for k, v := range tt.set {
			if err := Set(m, k, v); err != nil {
				t.Fatal(err)
			}
		}
		b, err := proto.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if err := proto.Unmarshal(b, tt.v1); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := tt.read(tt.v1); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		again, err := proto.Marshal(tt.v1)
		if err != nil {
			t.Fatal(err)
		}
		if back := decodeLike(t, m, again); proto.Equal(m, back) != tt.keeps {
			t.Errorf("%s: re-encoded by v1: %v, sent %v", tt.name, back, m)
		}
	}
}

func describe(v ...any) string { return strings.TrimSuffix(fmt.Sprintln(v...), "\n") }

// decodeLike decodes b as a message of like's type.
func decodeLike(t *testing.T, like *dynamicpb.Message, b []byte) *dynamicpb.Message {
	t.Helper()
	m := dynamicpb.NewMessage(like.Descriptor())
	if err := proto.Unmarshal(b, m); err != nil {
		t.Fatal(err)
	}
	return m
}
