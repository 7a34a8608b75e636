package faults

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// A Network is a steady condition of the path between client and server,
// which a Proxy applies to every connection for its whole life (see
// Options.Network); faults act on top of it. The zero Network is loopback:
// no shaping at all.
//
// Each direction is its own link, as on a full-duplex path: a chunk waits
// until the link has sent what came before it, takes len×8/Bandwidth to
// send, and arrives RTT/2 (± Jitter) after its last byte was sent. Bytes are
// never reordered.
type Network struct {
	// RTT is the round-trip time; each direction delays by half of it.
	RTT time.Duration
	// Jitter varies each one-way delay by a uniform draw in ±Jitter, as
	// netem's delay jitter; at most RTT/2.
	Jitter time.Duration
	// Bandwidth is the rate of each direction in bits per second; zero is
	// unlimited.
	Bandwidth int64
}

// A NetworkPreset is a Network with a name, for listings such as
// `intbench list`.
type NetworkPreset struct {
	Name    string
	Network Network
	Summary string // one line: what it stands for and where its figures come from
}

// presets are the named networks, in the order Networks lists them. A
// Network equal to one of them is written by its name, the first that
// matches. The figures are typical, not measured here; their sources:
//
//   - lan, one data centre. AWS inter-AZ pings, best of 50, take 0.25 to
//     3.4 ms (https://www.xkyle.com/Measuring-AWS-Region-and-AZ-Latency/,
//     from cloudping data); a TCP echo between two Azure VMs in one zone
//     takes 0.9 ms, across zones 1.6 ms
//     (https://www.simonpainter.com/azure-latency-1/). 1 Gbit/s is a common
//     server port. grpc-go's benchmark/latency LAN (2 ms one way,
//     100×1024 kbit/s) is a slower, older LAN.
//   - wan, neighbouring cloud regions. AWS Ireland to Frankfurt and
//     N. California to Oregon average 19.5 ms (the 2017 inter-region table
//     at https://acomputerscientistlearnsaws.blogspot.com/2017/04/aws-regions.html);
//     Azure reported 3 to 28 ms within Europe and 5 to 72 ms within North
//     America (https://docs.microsoft.com/azure/networking/azure-network-latency,
//     October 2019). grpc-go's WAN is 30 ms one way at 20×1024 kbit/s;
//     100 Mbit/s for one connection between regions is our choice, between
//     its WAN and LAN rates.
//   - intercontinental, across an ocean. AWS N. Virginia to Tokyo averages
//     145 ms, Ireland to N. California 153 ms (the same AWS table);
//     WonderProxy's city pings give New York to Milan 112 ms and Paris to
//     Fremont 175 ms (https://wonderproxy.com/blog/miles-per-milisecond/,
//     kept current at https://wondernetwork.com/pings). grpc-go's Longhaul
//     (200 ms one way) is a bad network rather than a typical one; 20
//     Mbit/s, about its WAN rate, is our choice for one long-distance TCP
//     connection.
var presets = []NetworkPreset{
	{"none", Network{}, "no shaping: loopback speed (also: loopback)"},
	{"loopback", Network{}, "the same as none"},
	{"lan", Network{RTT: 500 * time.Microsecond, Bandwidth: 1e9},
		"one data centre: 500us RTT, 1gbit each way (AWS inter-AZ pings 0.25-3.4ms; Azure same-zone TCP echo 0.9ms)"},
	{"wan", Network{RTT: 20 * time.Millisecond, Bandwidth: 100e6},
		"neighbouring regions: 20ms RTT, 100mbit each way (AWS Ireland-Frankfurt 19.5ms; Azure within Europe 3-28ms)"},
	{"intercontinental", Network{RTT: 150 * time.Millisecond, Bandwidth: 20e6},
		"across an ocean: 150ms RTT, 20mbit each way (AWS Virginia-Tokyo 145ms, Ireland-California 153ms)"},
}

// Networks returns the named networks that ParseNetwork accepts.
func Networks() []NetworkPreset {
	return append([]NetworkPreset(nil), presets...)
}

// networkKey is one KEY of a custom network spec.
type networkKey struct {
	name string
	set  func(n *Network, value string) error
}

// networkKeys are the keys of a custom spec, in the order String writes
// them.
var networkKeys = []networkKey{
	{"rtt", func(n *Network, v string) (err error) { n.RTT, err = parseDuration("rtt", v); return err }},
	{"bw", func(n *Network, v string) (err error) { n.Bandwidth, err = parseRate("bw", v); return err }},
	{"jitter", func(n *Network, v string) (err error) { n.Jitter, err = parseDuration("jitter", v); return err }},
}

// ParseNetwork parses a network: a preset's name (see Networks), or
// "rtt=DURATION,bw=RATE,jitter=DURATION" with any of the keys, in any
// order (rates in the units of the bandwidth fault), or the label String
// writes, such as "rtt30ms-bw50mbit".
func ParseNetwork(spec string) (Network, error) {
	n, err := parseNetwork(spec)
	if err != nil {
		return Network{}, fmt.Errorf("faults: network %q: %w", spec, err)
	}
	return n, nil
}

func parseNetwork(spec string) (Network, error) {
	if spec == "" {
		return Network{}, errors.New("empty spec")
	}
	for _, p := range presets {
		if spec == p.Name {
			return p.Network, nil
		}
	}
	fields, err := networkFields(spec)
	if err != nil {
		return Network{}, err
	}
	var n Network
	seen := map[string]bool{}
	for _, f := range fields {
		k, ok := lookupKey(f[0])
		if !ok {
			return Network{}, fmt.Errorf("unknown key %q (want rtt, bw or jitter)", f[0])
		}
		if seen[k.name] {
			return Network{}, fmt.Errorf("%s given twice", k.name)
		}
		seen[k.name] = true
		if err := k.set(&n, f[1]); err != nil {
			return Network{}, err
		}
	}
	return n, n.check()
}

// networkFields splits a custom spec into keys and values: "k=v,k=v" or
// the label form "kv-kv". A single word is an unknown preset.
func networkFields(spec string) ([][2]string, error) {
	if strings.IndexFunc(spec, notLower) < 0 {
		return nil, fmt.Errorf("unknown network (want one of %s, or rtt=DURATION,bw=RATE[,jitter=DURATION])", presetNames())
	}
	var out [][2]string
	if strings.Contains(spec, "=") {
		for _, f := range strings.Split(spec, ",") {
			k, v, ok := strings.Cut(f, "=")
			if !ok {
				return nil, fmt.Errorf("%q: want KEY=VALUE", f)
			}
			out = append(out, [2]string{k, v})
		}
		return out, nil
	}
	for _, f := range strings.Split(spec, "-") {
		i := strings.IndexFunc(f, notLower)
		if i <= 0 {
			return nil, fmt.Errorf("%q: want KEY and VALUE, such as rtt30ms", f)
		}
		out = append(out, [2]string{f[:i], f[i:]})
	}
	return out, nil
}

func notLower(r rune) bool { return r < 'a' || r > 'z' }

func lookupKey(name string) (networkKey, bool) {
	for _, k := range networkKeys {
		if k.name == name {
			return k, true
		}
	}
	return networkKey{}, false
}

func presetNames() string {
	names := make([]string, len(presets))
	for i, p := range presets {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// check refuses a network ParseNetwork would not give.
func (n Network) check() error {
	switch {
	case n.RTT < 0 || n.Jitter < 0 || n.Bandwidth < 0:
		return errors.New("negative figure")
	case n.Jitter > n.RTT/2:
		return fmt.Errorf("jitter %s exceeds half the rtt (%s)", fmtDuration(n.Jitter), fmtDuration(n.RTT/2))
	}
	return nil
}

// String returns the network's label for result keys: a preset's name, or
// its figures such as "rtt30ms-bw50mbit-jitter2ms", which contain only
// a-z, 0-9 and '-'. ParseNetwork parses it back to an equal Network.
func (n Network) String() string {
	for _, p := range presets {
		if n == p.Network {
			return p.Name
		}
	}
	var parts []string
	if n.RTT > 0 {
		parts = append(parts, "rtt"+fmtDuration(n.RTT))
	}
	if n.Bandwidth > 0 {
		parts = append(parts, "bw"+fmtUnits(n.Bandwidth, bitUnits))
	}
	if n.Jitter > 0 {
		parts = append(parts, "jitter"+fmtDuration(n.Jitter))
	}
	return strings.Join(parts, "-")
}

// bitUnits write a rate in tc's bit units only, which keeps labels plain.
var bitUnits = []unit{{"gbit", 1e9}, {"mbit", 1e6}, {"kbit", 1e3}, {"bit", 1}}
