package thriftkit

import (
	"context"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/transports/conformance"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// A v2 server holds the limits every server shares, from its
// ServeConfig, as transports/thrift's does: it is that server's loop.
func TestSharedLimits(t *testing.T) {
	ctx := context.Background()
	msg := thrift.NewTMemoryBuffer()
	prot := thrift.NewTBinaryProtocolConf(msg, &thrift.TConfiguration{})
	args := orders.OrdersGetCustomerArgs{ID: 1}
	if err := errors.Join(prot.WriteMessageBegin(ctx, "getCustomer", thrift.CALL, 1), args.Write(ctx, prot),
		prot.WriteMessageEnd(ctx), prot.Flush(ctx)); err != nil {
		t.Fatal(err)
	}
	evolutiontest.Limits(t, Pattern, v1Kit, conformance.Wire{
		Request: append(binary.BigEndian.AppendUint32(nil, uint32(msg.Len())), msg.Bytes()...),
		Head:    []byte{0, 0},
		Body:    append(binary.BigEndian.AppendUint32(nil, 100), 0x80, 1), // 2 bytes of a 100-byte frame
	})
}
