#!/bin/sh
# Generates a change's v2 Thrift code from thriftv2/orders.thrift into
# thriftv2/orders, as transports/thrift/generate.go does for v1: Debian's
# thrift-compiler 0.17 (scripts/deps.sh generate), the generated
# command-line client removed, the output gofmt'ed. `go generate` runs it
# in the change's folder (the //go:generate line of its thrift.go).
set -eu
thrift --gen go -out thriftv2 thriftv2/orders.thrift
rm -rf thriftv2/orders/orders-remote
gofmt -w thriftv2/orders
