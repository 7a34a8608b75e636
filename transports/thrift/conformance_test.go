package thrift

import (
	"testing"

	"github.com/intbench/intbench/transports/conformance"
)

func TestConformance(t *testing.T) { conformance.Run(t, New()) }

func TestConformanceCompact(t *testing.T) { conformance.Run(t, NewCompact()) }
