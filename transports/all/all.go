// Package all registers every integration pattern. Import it for its side
// effect; adding a pattern means adding its folder and one line here.
package all

import (
	_ "github.com/intbench/intbench/transports/grpc"     // registers "grpc"
	_ "github.com/intbench/intbench/transports/rawtcp"   // registers "rawtcp"
	_ "github.com/intbench/intbench/transports/rest"     // registers "rest"
	_ "github.com/intbench/intbench/transports/shareddb" // registers "shareddb"
	_ "github.com/intbench/intbench/transports/soap"     // registers "soap"
	_ "github.com/intbench/intbench/transports/thrift"   // registers "thrift"
)
