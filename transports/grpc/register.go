package grpctransport

import "github.com/intbench/intbench/transports"

var _ transports.Transport = (*Transport)(nil)

func init() { transports.Register(New()) }
