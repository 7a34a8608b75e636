package rest

import "github.com/intbench/intbench/transports"

var (
	_ transports.Transport = (*Transport)(nil)
	_ transports.Describer = (*Client)(nil)
)

func init() { transports.Register(New()) }
