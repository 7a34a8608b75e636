package bench

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"syscall"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
)

// Error classes by index, for recorders' fixed arrays; class names are in
// results.Classes, in this order.
const (
	classTimeout = iota
	classRefused
	classReset
	classEOF
	classUnavailable
	classProtocol
	classApplication
	classHung
	numClasses
)

// classify classes a failed call once, from what its caller saw: first
// the network cause kept in the error chain (a refusal, a reset, a closed
// connection), then a deadline, then the pattern's kind. A library that
// hides the cause (gRPC reports Unavailable for several) is classed by
// what it said: that is itself a finding. expired means the engine's
// watchdog had to end the call: it is hung whatever it returned.
func classify(err error, expired bool) int {
	switch {
	case expired:
		return classHung
	case errors.Is(err, syscall.ECONNREFUSED):
		return classRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNABORTED):
		return classReset
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return classEOF
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return classTimeout
	}
	switch service.KindOf(err) {
	case service.KindDeadlineExceeded:
		return classTimeout
	case service.KindUnavailable:
		return classUnavailable
	case service.KindInternal:
		// A malformed or unexpected answer (a truncated body, a frame
		// out of sequence), or a server that could not say more.
		return classProtocol
	}
	return classApplication
}

// classCounts names the non-zero counts of a class array.
func classCounts(c *[numClasses]int64) map[string]int64 {
	var out map[string]int64
	for i, n := range c {
		if n > 0 {
			if out == nil {
				out = map[string]int64{}
			}
			out[results.Classes[i]] = n
		}
	}
	return out
}
