package faults

import (
	"io"
	"net"
	"syscall"
	"testing"
	"time"
)

// respond answers every 100-byte request with 300 bytes.
func respond(c net.Conn) {
	defer c.Close()
	req, resp := make([]byte, 100), make([]byte, 300)
	for {
		if _, err := io.ReadFull(c, req); err != nil {
			return
		}
		if _, err := c.Write(resp); err != nil {
			return
		}
	}
}

// cpuTime returns the user and system CPU time of the whole process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkProxyOverhead makes small calls (100 B request, 300 B reply,
// one connection, back to back) straight to the server and through a
// healthy proxy. The difference in ns/op is the proxy's added latency per
// round trip; cpu-ns/op is the CPU of the whole process (client, proxy and
// server) per call, so its difference is the proxy's CPU cost. Through a
// proxy with the lan network, ns/op less lan's 500 µs round trip is how
// late the network delivers, and allocs/op its copies.
func BenchmarkProxyOverhead(b *testing.B) {
	srv := startServer(b, respond)
	p := startProxy(b, srv.addr, Options{})
	lan := startProxy(b, srv.addr, Options{Network: network(b, "lan")})
	for _, tc := range []struct{ name, addr string }{
		{"path=direct", srv.addr},
		{"path=proxy", p.Addr()},
		{"path=proxy-lan", lan.Addr()},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c := dial(b, tc.addr)
			req, resp := make([]byte, 100), make([]byte, 300)
			call := func() {
				if _, err := c.Write(req); err != nil {
					b.Fatal(err)
				}
				if _, err := io.ReadFull(c, resp); err != nil {
					b.Fatal(err)
				}
			}
			call() // connected upstream, buffers warm
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				call()
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
