package pgserver

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// Addr returns the host:port the server listens on, for a proxy to
// forward to. It fails for an external server named by a key=value DSN or
// by a URL without a host.
func (s *Server) Addr() (string, error) {
	if s.proc != nil {
		return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.proc.port)), nil
	}
	u, err := url.Parse(s.dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Hostname() == "" {
		return "", fmt.Errorf("pgserver: the address of %s is unknown: name the server by a postgres:// URL with a host", redact(s.dsn))
	}
	if u.Port() == "" {
		return net.JoinHostPort(u.Hostname(), "5432"), nil
	}
	return u.Host, nil
}

// URLVia returns the URL (or DSN) of database dbname reached at hostport,
// such as a proxy in front of the server, instead of at Addr.
func (s *Server) URLVia(dbname, hostport string) (string, error) {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return "", fmt.Errorf("pgserver: url via %q: %w", hostport, err)
	}
	return withAddr(s.URL(dbname), host, port), nil
}

// withAddr returns dsn with its host and port replaced. URLs get a new
// host; key=value DSNs get trailing host and port (the last key wins).
func withAddr(dsn, host, port string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Host = net.JoinHostPort(host, port)
		return u.String()
	}
	return strings.TrimSpace(dsn) + " host=" + quoteValue(host) + " port=" + quoteValue(port)
}
