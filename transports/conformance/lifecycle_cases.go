package conformance

import (
	"testing"

	"github.com/intbench/intbench/transports"
)

func lifecycleCases() []testCase {
	return []testCase{
		{name: "CloseTwice", run: testCloseTwice, own: true},
		{name: "Settings", run: testSettings},
	}
}

// settingsKeys are the keys every client reports: the common ones of
// ClientConfig.Settings, and what its library does on its own.
var settingsKeys = []string{"profile", "call_timeout", "dial_timeout", "keepalive", "idle_timeout", "pool_size", "retries",
	"library_retries", "pings"}

// testSettings checks that the client describes its configuration with the
// common keys, from the configuration it was given.
func testSettings(t *testing.T, f *fixture) {
	s := transports.SettingsOf(f.client)
	for _, k := range settingsKeys {
		if s[k] == "" {
			t.Errorf("Settings lack %q: %v", k, s)
		}
	}
	want := f.config.Settings()
	for _, k := range []string{"profile", "call_timeout", "dial_timeout", "keepalive", "idle_timeout", "retries"} {
		if s[k] != want[k] {
			t.Errorf("Settings[%q] = %q, want %q from the client configuration", k, s[k], want[k])
		}
	}
}

func testCloseTwice(t *testing.T, f *fixture) {
	if _, err := f.client.GetCustomer(callCtx(t), 1); err != nil {
		t.Fatalf("GetCustomer: %v", err)
	}
	for i := range 2 {
		if err := f.client.Close(); err != nil {
			t.Fatalf("client Close #%d: %v", i+1, err)
		}
	}
	// A call on a closed client fails cleanly: an error, no panic, no hang.
	if _, err := f.client.GetCustomer(callCtx(t), 1); err == nil {
		t.Fatal("GetCustomer on a closed client succeeded")
	}
	for i := range 2 {
		if err := f.server.Close(); err != nil {
			t.Fatalf("server Close #%d: %v", i+1, err)
		}
	}
}
