#!/usr/bin/env python3
"""A stock Python Thrift client of the intbench orders server.

Generates Python code from the IDL into a temporary directory (nothing
generated is committed), then calls every method over the framed transport
with the binary (default) or compact protocol and prints one line per
result. Exits non-zero on any unexpected outcome.

usage: client.py IDL HOST PORT [binary|compact]
"""
import os
import subprocess
import sys
import tempfile


def main():
    idl, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    proto_name = sys.argv[4] if len(sys.argv) > 4 else "binary"
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["thrift", "--gen", "py", "-out", out, idl], check=True)
        sys.path.insert(0, out)
        run(host, port, proto_name)


def run(host, port, proto_name):
    from thrift.protocol import TBinaryProtocol, TCompactProtocol
    from thrift.Thrift import TApplicationException
    from thrift.transport import TSocket, TTransport

    from orders import Orders
    from orders.ttypes import (InvalidArgument, LineItem, ListOrdersRequest,
                               NotFound, PlaceOrderRequest, Status, Tier)

    sock = TSocket.TSocket(host, port)
    sock.setTimeout(10000)
    transport = TTransport.TFramedTransport(sock)
    if proto_name == "compact":
        protocol = TCompactProtocol.TCompactProtocol(transport)
    else:
        protocol = TBinaryProtocol.TBinaryProtocol(transport)
    client = Orders.Client(protocol)
    transport.open()
    try:
        c = client.getCustomer(1)
        print("getCustomer(1): id=%d name=%r tier=%s createdAtMicros=%d tags=%r"
              % (c.id, c.name, Tier._VALUES_TO_NAMES[c.tier], c.createdAtMicros, c.tags))

        page = client.listOrders(ListOrdersRequest(customerId=1, limit=2))
        print("listOrders(1, limit 2): %d orders %s, nextCursor=%r"
              % (len(page.orders), [o.id for o in page.orders], page.nextCursor))

        req = PlaceOrderRequest(customerId=1, requestId="py-1", note="from Python \u2713",
                                items=[LineItem(sku="PY-1", quantity=2, unitPriceCents=250)])
        o = client.placeOrder(req)
        again = client.placeOrder(req)
        print("placeOrder: id=%d status=%s totalCents=%d note=%r retry same id=%s"
              % (o.id, Status._VALUES_TO_NAMES[o.status], o.totalCents, o.note, again.id == o.id))

        expect(lambda: client.getCustomer(999999), NotFound, "getCustomer(999999)")
        expect(lambda: client.listOrders(ListOrdersRequest(customerId=1, limit=0)),
               InvalidArgument, "listOrders(limit 0)")
        expect(lambda: client.placeOrder(PlaceOrderRequest(customerId=1, items=[], requestId="py-2")),
               InvalidArgument, "placeOrder(no items)")
    finally:
        transport.close()


def expect(call, exc_type, what):
    try:
        call()
    except exc_type as e:
        print("%s: raised %s(message=%r)" % (what, type(e).__name__, e.message))
        return
    raise SystemExit("%s: did not raise %s" % (what, exc_type.__name__))


if __name__ == "__main__":
    main()
