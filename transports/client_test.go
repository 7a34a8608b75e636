package transports_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/intbench/intbench/transports"
)

func TestLookupProfile(t *testing.T) {
	tests := []struct {
		name    string
		want    transports.ClientConfig
		wantErr string
	}{
		{name: "", want: transports.ClientConfig{Profile: transports.ProfileDefault}},
		{name: transports.ProfileDefault, want: transports.ClientConfig{Profile: transports.ProfileDefault}},
		{name: transports.ProfileHardened, want: transports.ClientConfig{
			Profile: transports.ProfileHardened, CallTimeout: time.Second, DialTimeout: time.Second, KeepAlive: time.Second,
			Retry: transports.RetryPolicy{Attempts: 3, Backoff: 50 * time.Millisecond, MaxBackoff: 500 * time.Millisecond},
		}},
		{name: "paranoid", wantErr: `transports: unknown profile "paranoid" (known: default, hardened)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := transports.LookupProfile(tt.name)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("LookupProfile = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
	infos := transports.Profiles()
	if len(infos) != 2 || infos[0].Name != transports.ProfileDefault || infos[1].Name != transports.ProfileHardened {
		t.Fatalf("Profiles = %+v, want default then hardened", infos)
	}
	for _, p := range infos {
		if p.Summary == "" || strings.Contains(p.Summary, "\n") {
			t.Errorf("profile %s: summary %q, want one line", p.Name, p.Summary)
		}
	}
}

func TestRegisterProfileRejectsDuplicates(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("registering hardened twice did not panic")
		}
	}()
	transports.RegisterProfile(transports.ProfileHardened, "again", transports.ClientConfig{})
}

func TestClientConfigSettings(t *testing.T) {
	hardened, _ := transports.LookupProfile(transports.ProfileHardened)
	tests := []struct {
		name string
		cfg  transports.ClientConfig
		want map[string]string
	}{
		{"zero value", transports.ClientConfig{}, map[string]string{
			"profile": "default", "call_timeout": "none", "dial_timeout": "5s", "keepalive": "library default (TCP 15s, no pings)",
			"idle_timeout": "1m30s", "pool_size": "512", "retries": "none",
		}},
		{"hardened", hardened, map[string]string{
			"profile": "hardened", "call_timeout": "1s", "dial_timeout": "1s", "keepalive": "1s",
			"idle_timeout": "1m30s", "pool_size": "512", "retries": "3 attempts, backoff 50ms..500ms, reads and idempotent writes",
		}},
		{"keepalive off, own pool, uncapped backoff", transports.ClientConfig{KeepAlive: -1, PoolSize: 64, IdleTimeout: time.Minute,
			Retry: transports.RetryPolicy{Attempts: 2, Backoff: time.Millisecond}}, map[string]string{
			"profile": "default", "call_timeout": "none", "dial_timeout": "5s", "keepalive": "off",
			"idle_timeout": "1m0s", "pool_size": "64", "retries": "2 attempts, backoff 1ms..uncapped, reads and idempotent writes",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.cfg.Settings()
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("Settings:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// keepIdle reads a TCP socket's keepalive idle time, in seconds.
func keepIdle(t *testing.T, c net.Conn) (on bool, idle int) {
	t.Helper()
	rc, err := c.(*net.TCPConn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var onV, idleV int
	var serr error
	err = rc.Control(func(fd uintptr) {
		if onV, serr = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_KEEPALIVE); serr != nil {
			return
		}
		idleV, serr = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_KEEPIDLE)
	})
	if err != nil || serr != nil {
		t.Fatalf("getsockopt: %v %v", err, serr)
	}
	return onV != 0, idleV
}

func TestNetDialerKeepAlive(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	tests := []struct {
		name      string
		keepAlive time.Duration
		wantOn    bool
		wantIdle  int
	}{
		{"library default", 0, true, 15},
		{"hardened", time.Second, true, 1},
		{"off", -1, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := transports.NetDialer(transports.ClientConfig{KeepAlive: tt.keepAlive})(t.Context(), "tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			on, idle := keepIdle(t, c)
			if on != tt.wantOn || (on && idle != tt.wantIdle) {
				t.Fatalf("keepalive on=%v idle=%ds, want on=%v idle=%ds", on, idle, tt.wantOn, tt.wantIdle)
			}
		})
	}
}

func TestDialFuncBoundsAGivenDial(t *testing.T) {
	var sawDeadline time.Duration
	blocking := func(ctx context.Context, _, _ string) (net.Conn, error) {
		dl, _ := ctx.Deadline()
		sawDeadline = time.Until(dl)
		<-ctx.Done()
		return nil, ctx.Err()
	}
	cfg := transports.DialConfig{Dial: blocking, Client: transports.ClientConfig{DialTimeout: 50 * time.Millisecond}}
	start := time.Now()
	_, err := cfg.DialFunc()(context.Background(), "tcp", "127.0.0.1:1")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the dial timeout", err)
	}
	if sawDeadline <= 0 || sawDeadline > 50*time.Millisecond {
		t.Fatalf("the given dial saw a deadline in %v, want within the 50ms dial timeout", sawDeadline)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("dial took %v", d)
	}
}

func TestRetriesOf(t *testing.T) {
	if n := transports.RetriesOf(struct{}{}); n != 0 {
		t.Fatalf("RetriesOf(non-retrier) = %d", n)
	}
	if n := transports.RetriesOf(retrier(7)); n != 7 {
		t.Fatalf("RetriesOf = %d, want 7", n)
	}
}

type retrier int64

func (r retrier) Retries() int64 { return int64(r) }

// A caller that counts bytes wraps NetDialer, so the sockets it counts get
// the profile's keepalive and dial timeout.
func ExampleNetDialer() {
	cfg, err := transports.LookupProfile(transports.ProfileHardened)
	if err != nil {
		panic(err)
	}
	inner := transports.NetDialer(cfg)
	counted := func(ctx context.Context, network, addr string) (net.Conn, error) {
		return inner(ctx, network, addr) // wrap the connection here
	}
	dc := transports.DialConfig{Dial: counted, Client: cfg}
	fmt.Println(dc.Client.Settings()["keepalive"], dc.Client.Settings()["call_timeout"])
	// Output: 1s 1s
}
