package transports

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Profile names.
const (
	// ProfileDefault is the libraries' own behaviour, as most code ships:
	// no per-call deadline of the client's own, no pings, no retries of
	// ours. Only the engine's watchdog ends a call that never returns.
	ProfileDefault = "default"
	// ProfileHardened is what a careful engineer adds: a per-call
	// deadline, a short dial timeout, keepalives and safe retries.
	ProfileHardened = "hardened"
)

// Hardened profile values. They are sized for this harness, loopback plus
// the fault proxy's latency faults (at most 250 ms one way), not for a WAN.
const (
	// hardenedCallTimeout ends a call after 1 s, retries included: about
	// seventy times a healthy call's p99.9 on this machine (7 to 14 ms for
	// get-customer on PostgreSQL at 16 workers, README), twice the worst
	// latency fault's round trip (500 ms), yet a black-holed call fails
	// within a second. Heavier cells (256 workers, 100-order pages) have
	// not been measured against it.
	hardenedCallTimeout = time.Second
	// hardenedDialTimeout: a loopback connect takes microseconds, so a
	// connect or PostgreSQL start-up that takes a second is not coming.
	hardenedDialTimeout = time.Second
	// hardenedKeepAlive probes idle TCP connections every second (three
	// lost probes drop one) and sets gRPC's HTTP/2 pings to grpc-go's
	// floor of 10 s (a 1 s answer timeout). Neither sees a black hole in
	// the fault proxy, whose kernel keeps acknowledging: there the call
	// deadline ends calls, and gRPC's pings close the dead connection
	// about 11 s after its last received byte, so until then new calls hang
	// to their deadline too. lib/pq has no keepalive parameters of its
	// own: PostgreSQL connections get the TCP keepalive of our dialer.
	hardenedKeepAlive = time.Second
	// Retries: three attempts, waits drawn below 50 ms then 100 ms (capped
	// at 500 ms for longer policies), so a reset or a refused connection
	// costs about a tenth of a second before the third attempt, well
	// inside the call deadline.
	hardenedAttempts   = 3
	hardenedBackoff    = 50 * time.Millisecond
	hardenedMaxBackoff = 500 * time.Millisecond
)

// ProfileInfo names a profile and says what it sets, for `intbench list`.
type ProfileInfo struct {
	Name    string
	Summary string
}

type profile struct {
	ProfileInfo
	config ClientConfig
}

var (
	profilesMu sync.RWMutex
	profiles   []profile // in registration order
)

func init() {
	RegisterProfile(ProfileDefault, "library defaults: no call deadline of the client's own, Go's TCP keepalive, no pings, no retries of ours",
		ClientConfig{})
	RegisterProfile(ProfileHardened, "1s call deadline, 1s dial timeout, 1s TCP keepalive (gRPC pings at its 10s floor), 3 attempts with jittered 50ms..500ms backoff for reads and idempotent writes",
		ClientConfig{
			CallTimeout: hardenedCallTimeout,
			DialTimeout: hardenedDialTimeout,
			KeepAlive:   hardenedKeepAlive,
			Retry:       RetryPolicy{Attempts: hardenedAttempts, Backoff: hardenedBackoff, MaxBackoff: hardenedMaxBackoff},
		})
}

// RegisterProfile makes c available as the profile name, with a one-line
// summary. It panics if the name is empty or taken; call it from init.
func RegisterProfile(name, summary string, c ClientConfig) {
	if name == "" {
		panic("transports: RegisterProfile with an empty name")
	}
	profilesMu.Lock()
	defer profilesMu.Unlock()
	for _, p := range profiles {
		if p.Name == name {
			panic("transports: RegisterProfile called twice for " + name)
		}
	}
	c.Profile = name
	profiles = append(profiles, profile{ProfileInfo{Name: name, Summary: summary}, c})
}

// LookupProfile returns the client configuration of the profile name; ""
// is the default profile.
func LookupProfile(name string) (ClientConfig, error) {
	if name == "" {
		name = ProfileDefault
	}
	profilesMu.RLock()
	defer profilesMu.RUnlock()
	for _, p := range profiles {
		if p.Name == name {
			return p.config, nil
		}
	}
	names := make([]string, len(profiles))
	for i, p := range profiles {
		names[i] = p.Name
	}
	return ClientConfig{}, fmt.Errorf("transports: unknown profile %q (known: %s)", name, strings.Join(names, ", "))
}

// Profiles returns the registered profiles in registration order, the
// default first.
func Profiles() []ProfileInfo {
	profilesMu.RLock()
	defer profilesMu.RUnlock()
	out := make([]ProfileInfo, len(profiles))
	for i, p := range profiles {
		out[i] = p.ProfileInfo
	}
	return out
}
