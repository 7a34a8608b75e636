package faults

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
)

// rules say what the proxy does to traffic now. They are replaced whole
// (never changed in place) whenever a fault starts or stops; open
// connections read them on every chunk, new ones when they arrive.
type rules struct {
	shape [2]shapeFunc  // by direction index; nil forwards as is
	onNew func(*link)   // if set, takes each new connection before it is dialled upstream
	next  chan struct{} // closed when these rules are replaced
}

// shapeFunc makes a fault's state for one connection in one direction,
// drawing any randomness from rng.
type shapeFunc func(rng *rand.Rand) shaper

var errClosed = errors.New("faults: proxy closed")

// Inject starts f on the proxy, in place of the fault in force, if any.
// It applies at once to the open connections and to every new one; a nil
// f means healthy. The returned end restores healthy forwarding for new
// connections and for the open ones that survived (bytes already delayed
// are still delivered, in order) and returns the error of ending, if any.
// end is idempotent; if another Inject replaced f first, end only returns
// the error of that replacement's ending of f.
//
// Neither Inject nor end waits for traffic; ending restart waits for the
// Restarter to return.
func (p *Proxy) Inject(f Fault) (end func() error, err error) {
	if f == nil {
		f = none{}
	}
	p.injMu.Lock()
	defer p.injMu.Unlock()
	if p.closed {
		return nil, errClosed
	}
	if p.cur != nil {
		_ = p.cur.end() // its own end func reports the error
		p.cur = nil
	}
	stop, err := f.start(p)
	if err != nil {
		return nil, fmt.Errorf("faults: inject %s: %w", f, err)
	}
	in := &injection{f: f, stop: stop}
	p.cur = in
	return func() error {
		p.injMu.Lock()
		defer p.injMu.Unlock()
		if p.cur == in {
			p.cur = nil
		}
		return in.end()
	}, nil
}

// injection is one fault in force, ended once.
type injection struct {
	f    Fault
	stop func() error
	once sync.Once
	err  error
}

func (in *injection) end() error {
	in.once.Do(func() {
		if err := in.stop(); err != nil {
			in.err = fmt.Errorf("faults: end %s: %w", in.f, err)
		}
	})
	return in.err
}

// setRules replaces the rules in force and wakes whoever waits for them to
// change.
func (p *Proxy) setRules(r *rules) {
	p.rulesMu.Lock()
	defer p.rulesMu.Unlock()
	r.next = make(chan struct{})
	close(p.rules.Swap(r).next)
}

// heal restores healthy forwarding; it is the stop of most faults.
func (p *Proxy) heal() error {
	p.setRules(&rules{})
	return nil
}

// shape starts a fault that shapes the traffic in the directions d.
func (p *Proxy) shape(d dir, f shapeFunc) (stop func() error, err error) {
	r := &rules{}
	for _, x := range dirs {
		if d.has(x) {
			r.shape[x.index()] = f
		}
	}
	p.setRules(r)
	return p.heal, nil
}

// eachLink calls fn on every open connection.
func (p *Proxy) eachLink(fn func(*link)) {
	for _, l := range p.snapshot(false) {
		fn(l)
	}
}

// streamRand returns the generator of one stream of random choices: each
// connection direction has its own (stream = ordinal and direction), and
// faults that draw once per injection use stream 0.
func (p *Proxy) streamRand(ordinal uint64, d dir) *rand.Rand {
	return rand.New(rand.NewPCG(p.opts.Seed, splitmix(ordinal<<2|uint64(d))))
}

// netRand returns the generator of a connection direction's network
// jitter: a stream of its own, so that faults draw the same numbers with
// or without a network.
func (p *Proxy) netRand(ordinal uint64, d dir) *rand.Rand {
	return rand.New(rand.NewPCG(p.opts.Seed, splitmix(1<<63|ordinal<<2|uint64(d))))
}

// splitmix is SplitMix64's finaliser: it spreads neighbouring stream
// numbers over the whole 64-bit space.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
