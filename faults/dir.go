package faults

import "fmt"

// dir is a set of directions of traffic. Upstream is client to server,
// downstream server to client. A RST "sent downstream" reaches the client.
type dir uint8

const (
	up   dir = 1 << iota // client to server
	down                 // server to client
	both = up | down
)

// dirs are the single directions, in the order of their index.
var dirs = [2]dir{up, down}

func (d dir) has(x dir) bool { return d&x != 0 }

// index is 0 for up and 1 for down; d must be a single direction.
func (d dir) index() int { return int(d) - 1 }

// opposite returns the other single direction.
func (d dir) opposite() dir { return both &^ d }

func (d dir) String() string {
	switch d {
	case up:
		return "up"
	case down:
		return "down"
	case both:
		return "both"
	}
	return fmt.Sprintf("dir(%d)", uint8(d))
}

// parseDir parses the text after a spec's '@'.
func parseDir(s string) (dir, error) {
	for _, d := range []dir{up, down, both} {
		if s == d.String() {
			return d, nil
		}
	}
	return 0, fmt.Errorf("unknown direction %q (want up, down or both)", s)
}

// dirOr returns d, or def when the spec named no direction.
func dirOr(d, def dir) dir {
	if d == 0 {
		return def
	}
	return d
}

// noDir is the check of faults that take no direction.
func noDir(d dir) error {
	if d != 0 {
		return fmt.Errorf("takes no direction, got @%s", d)
	}
	return nil
}
