package faults_test

import (
	"fmt"
	"io"
	"net"
	"time"

	"github.com/intbench/intbench/faults"
)

// A proxy in front of a server, a fault parsed from its spec, injected and
// ended.
func ExampleProxy_Inject() {
	ln, _ := net.Listen("tcp", "127.0.0.1:0") // an echo server
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { _, _ = io.Copy(c, c); _ = c.Close() }()
		}
	}()

	p, err := faults.New(ln.Addr().String(), faults.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer p.Close()
	f, err := faults.Parse("latency:50ms@both")
	if err != nil {
		panic(err)
	}
	end, err := p.Inject(f)
	if err != nil {
		panic(err)
	}

	c, _ := net.Dial("tcp", p.Addr())
	defer c.Close()
	start := time.Now()
	_, _ = c.Write([]byte("ping"))
	_, _ = io.ReadFull(c, make([]byte, 4))
	fmt.Println(f, "adds at least 100ms:", time.Since(start) >= 100*time.Millisecond)
	fmt.Println("end:", end())
	// Output:
	// latency:50ms adds at least 100ms: true
	// end: <nil>
}

// The kinds of fault, as `intbench list` shows them.
func ExampleKinds() {
	for _, k := range faults.Kinds()[:3] {
		fmt.Println(k.Syntax)
	}
	// Output:
	// bandwidth:RATE[@up|@down|@both]
	// blackhole[@up|@down|@both]
	// down
}

// A network's String is its label for result keys: a preset's name when
// its figures are a preset's, else the figures.
func ExampleParseNetwork() {
	n, err := faults.ParseNetwork("rtt=20ms,bw=100mbit")
	if err != nil {
		panic(err)
	}
	fmt.Println(n, n.RTT, n.Bandwidth)
	custom, _ := faults.ParseNetwork("rtt=30ms,bw=50mbit,jitter=2ms")
	fmt.Println(custom)
	// Output:
	// wan 20ms 100000000
	// rtt30ms-bw50mbit-jitter2ms
}

// The named networks, as `intbench list` shows them.
func ExampleNetworks() {
	for _, p := range faults.Networks() {
		fmt.Printf("%s %v %d\n", p.Name, p.Network.RTT, p.Network.Bandwidth)
	}
	// Output:
	// none 0s 0
	// loopback 0s 0
	// lan 500µs 1000000000
	// wan 20ms 100000000
	// intercontinental 150ms 20000000
}
