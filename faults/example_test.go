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
