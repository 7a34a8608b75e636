package thrift

// The generated Go code in gen/orders is committed; regenerate it with
// `go generate ./transports/thrift/...` (needs the thrift compiler 0.17 on
// PATH). The generated command-line client (orders-remote) is removed, and
// the output is gofmt'ed so the package passes `gofmt -l`.
//go:generate sh -c "mkdir -p gen && thrift -r --gen go:package_prefix=github.com/intbench/intbench/transports/thrift/gen/ -out gen idl/orders.thrift && rm -rf gen/orders/orders-remote && gofmt -w gen/orders"
