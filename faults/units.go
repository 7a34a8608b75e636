package faults

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// parseDuration parses a non-negative Go duration such as "100ms".
func parseDuration(what, s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	if d < 0 {
		return 0, fmt.Errorf("%s %q is negative", what, s)
	}
	return d, nil
}

// positiveDuration is parseDuration that also refuses zero.
func positiveDuration(what, s string) (time.Duration, error) {
	d, err := parseDuration(what, s)
	if err == nil && d == 0 {
		err = fmt.Errorf("%s must be positive", what)
	}
	return d, err
}

type unit struct {
	name string
	size int64
}

var durationUnits = []unit{{"s", int64(time.Second)}, {"ms", int64(time.Millisecond)}, {"us", int64(time.Microsecond)}, {"ns", 1}}

// fmtDuration writes d as a whole number of its largest exact unit, ASCII
// only ("1500ms", "100us"), so keys stay plain.
func fmtDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	return fmtUnits(int64(d), durationUnits)
}

func fmtUnits(v int64, units []unit) string {
	if v == 0 {
		return "0" + units[len(units)-1].name
	}
	for _, u := range units {
		if v%u.size == 0 {
			return strconv.FormatInt(v/u.size, 10) + u.name
		}
	}
	return strconv.FormatInt(v, 10) + units[len(units)-1].name
}

// sizeUnits are the byte units, in canonical order (binary first).
var sizeUnits = []unit{
	{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10},
	{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1},
}

// parseSize parses a byte count such as "64KiB", "1.5MB" or "512".
func parseSize(what, s string) (int64, error) {
	num, u := splitNumber(s)
	if num == "" {
		return 0, fmt.Errorf("%s %q: not a number", what, s)
	}
	mult := int64(1)
	if u != "" {
		var ok bool
		if mult, ok = lookupUnit(sizeUnits, u); !ok {
			return 0, fmt.Errorf("%s %q: unknown unit %q (want B, KB, KiB, MB, MiB, GB or GiB)", what, s, u)
		}
	}
	return scale(what, s, num, mult)
}

func fmtSize(n int64) string { return fmtUnits(n, sizeUnits) }

// rateUnits are in bits per second, in canonical order: tc's decimal bit
// units first, then binary byte units; the decimal byte units parse but are
// written as bits.
var rateUnits = []unit{
	{"gbit", 1e9}, {"GiB/s", 8 << 30}, {"mbit", 1e6}, {"MiB/s", 8 << 20},
	{"kbit", 1e3}, {"KiB/s", 8 << 10}, {"bit", 1},
	{"GB/s", 8e9}, {"MB/s", 8e6}, {"KB/s", 8e3}, {"B/s", 8},
}

// parseRate parses a rate such as "1mbit", "256kbit/s" or "64KiB/s" into
// bits per second.
func parseRate(what, s string) (int64, error) {
	num, u := splitNumber(s)
	mult, ok := lookupUnit(rateUnits, strings.TrimSuffix(u, "/s"))
	if !ok {
		mult, ok = lookupUnit(rateUnits, u)
	}
	if !ok {
		return 0, fmt.Errorf("%s %q: want a unit: bit, kbit, mbit, gbit, B/s, KB/s, KiB/s, MB/s, MiB/s, GB/s or GiB/s", what, s)
	}
	bits, err := scale(what, s, num, mult)
	if err == nil && bits == 0 {
		err = fmt.Errorf("%s must be positive", what)
	}
	return bits, err
}

func fmtRate(bits int64) string { return fmtUnits(bits, rateUnits) }

// lookupUnit matches a unit case-insensitively. The byte units differ from
// each other by more than case, and the bit units all end in "bit".
func lookupUnit(units []unit, s string) (int64, bool) {
	for _, u := range units {
		if strings.EqualFold(u.name, s) {
			return u.size, true
		}
	}
	return 0, false
}

func splitNumber(s string) (num, unit string) {
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// scale multiplies a decimal number by a unit and insists on a whole,
// non-negative result.
func scale(what, s, num string, mult int64) (int64, error) {
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("%s %q: not a number", what, s)
	}
	x := v * float64(mult)
	if x < 0 || x > math.MaxInt64/2 || x != math.Trunc(x) {
		return 0, fmt.Errorf("%s %q: not a whole number of the base unit", what, s)
	}
	return int64(x), nil
}

// parseProb parses a probability in (0, 1].
func parseProb(what, s string) (float64, error) {
	p, err := strconv.ParseFloat(s, 64)
	if err != nil || !(p > 0 && p <= 1) {
		return 0, fmt.Errorf("%s %q: want a number in (0, 1]", what, s)
	}
	return p, nil
}

func fmtProb(p float64) string { return strconv.FormatFloat(p, 'g', -1, 64) }
