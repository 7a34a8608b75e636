package netx

import (
	"maps"

	"github.com/intbench/intbench/transports"
)

// Settings returns cfg's common keys (transports.ClientConfig.Settings)
// with a pattern's own keys added; a pattern key overrides a common one
// only where the pattern really differs (gRPC's single connection for
// pool_size).
func Settings(cfg transports.ClientConfig, own map[string]string) map[string]string {
	m := cfg.Settings()
	maps.Copy(m, own)
	return m
}
