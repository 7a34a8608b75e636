package restkit

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/rest"
)

// Limits of a v2 server, the v1 server's (internal/httpx), and
// of its hop to the v1 server.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 2 * time.Minute
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	shutdownTimeout   = 5 * time.Second
	dialTimeout       = 10 * time.Second
)

// server is a v2 server: the v1 server and the proxy in front of it.
type server struct {
	v1   transports.Server
	tr   *http.Transport
	ln   net.Listener
	hs   *http.Server
	done chan struct{}

	once sync.Once
	err  error
}

// serve starts the v1 server over cfg.Backend on a loopback port of its
// own and the v2 server for a on cfg's address.
func serve(ctx context.Context, a Adapter, cfg transports.ServeConfig) (*server, error) {
	v1, err := rest.New().Serve(ctx, transports.ServeConfig{Limits: cfg.Limits, Backend: cfg.Backend})
	if err != nil {
		return nil, fmt.Errorf("restkit: v1 server: %w", err)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.ListenAddr())
	if err != nil {
		return nil, errors.Join(fmt.Errorf("restkit: listen: %w", err), v1.Close())
	}
	tr := &http.Transport{
		DialContext:           (&net.Dialer{Timeout: dialTimeout}).DialContext,
		ResponseHeaderTimeout: writeTimeout,
		IdleConnTimeout:       idleTimeout,
		MaxIdleConnsPerHost:   8,
		DisableCompression:    true,
	}
	s := &server{v1: v1, tr: tr, ln: ln, done: make(chan struct{})}
	s.hs = &http.Server{
		Handler:           newHandler(a, &url.URL{Scheme: "http", Host: v1.Addr()}, tr, cfg.Limits.WithDefaults().MaxBodyBytes),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
	}
	go func() {
		defer close(s.done)
		_ = s.hs.Serve(ln) // ErrServerClosed after Close
	}()
	return s, nil
}

// Addr returns the v2 server's host:port.
func (s *server) Addr() string { return s.ln.Addr().String() }

// Close stops the v2 server, waiting a few seconds for calls in flight,
// then the v1 server. Calling it twice is safe.
func (s *server) Close() error {
	s.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		var errs []error
		if err := s.hs.Shutdown(ctx); err != nil {
			errs = append(errs, s.hs.Close())
		}
		<-s.done
		s.tr.CloseIdleConnections()
		errs = append(errs, s.v1.Close())
		if err := errors.Join(errs...); err != nil {
			s.err = fmt.Errorf("restkit: close: %w", err)
		}
	})
	return s.err
}
