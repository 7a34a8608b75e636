package shareddb

import (
	"database/sql/driver"
	"errors"
	"io"
	"net/url"
	"syscall"
	"testing"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/conformance"
)

// TestMidCallFailures shows what the caller sees when the connection of an
// established client is reset or closed under a query, and the connections
// database/sql opens to try again are dropped too. lib/pq reports a reset
// as it is, which database/sql does not retry; it turns an EOF after
// sending into driver.ErrBadConn, on which database/sql tries again on new
// connections (lib/pq#939: a statement that had run would run twice), and
// the caller sees the last attempt's EOF.
func TestMidCallFailures(t *testing.T) {
	tests := []struct {
		name      string
		reset     bool
		want      error
		wantRetry bool
	}{
		{"reset", true, syscall.ECONNRESET, false},
		{"eof", false, io.EOF, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse(database(t).DSN)
			if err != nil {
				t.Fatal(err)
			}
			p := conformance.NewDropProxy(t, u.Host)
			u.Host = p.Addr()
			cl, err := New().Dial(testCtx(t), u.String(), transports.DialConfig{})
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			if _, err := cl.GetCustomer(testCtx(t), 1); err != nil {
				t.Fatal(err)
			}
			p.Drop(tt.reset)
			before := p.Dials()
			_, err = cl.GetCustomer(testCtx(t), 1)
			if redials := p.Dials() - before; (redials > 0) != tt.wantRetry {
				t.Errorf("database/sql opened %d connections to try again, want retries: %v", redials, tt.wantRetry)
			}
			t.Logf("%s under a query: ECONNRESET=%v io.EOF=%v driver.ErrBadConn=%v: %v", tt.name,
				errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, driver.ErrBadConn), err)
			if k := service.KindOf(err); k != service.KindUnavailable || !errors.Is(err, tt.want) {
				t.Fatalf("kind %v, want Unavailable caused by %v: %v", k, tt.want, err)
			}
		})
	}
}
