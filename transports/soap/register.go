package soap

import "github.com/intbench/intbench/transports"

var (
	_ transports.Transport = (*Transport)(nil)
	_ transports.Client    = (*Client)(nil)
	_ transports.Server    = (*Server)(nil)
	_ transports.Describer = (*Client)(nil)
	_ transports.Describer = (*Server)(nil)
)

func init() { transports.Register(New()) }
