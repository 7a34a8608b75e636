package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// planFileFlag registers -f, a YAML plan file, on fs.
func planFileFlag(fs *flag.FlagSet) *string {
	return fs.String("f", "", "read the plan from this YAML file (keys are these flags' names; flags given on the command line win)")
}

// applyPlanFile sets, from the YAML file at path, every flag of fs that
// the command line did not set. Keys are flag names and values go
// through the flag's own Set (by fs.Set, so the flag counts as set for
// fs.Visit), so a flag added to the command is at once a key of plan
// files; a list is joined with commas. Errors name the file, line,
// column and key; a file that is empty, binary, cut short or not a plan
// at all (none of its keys is a flag) says so.
func applyPlanFile(fs *flag.FlagSet, path string) error {
	if path == "" {
		return nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("plan file: %w", err)
	}
	return applyPlan(fs, path, src)
}

// applyPlan is applyPlanFile on src, the contents of the file at path.
func applyPlan(fs *flag.FlagSet, path string, src []byte) error {
	entries, err := planEntries(src)
	if err == nil {
		err = planLooksLikeOne(fs, entries)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	onCommandLine := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { onCommandLine[f.Name] = true })
	var errs []error // the parser has refused duplicate keys
	for _, e := range entries {
		at := fmt.Sprintf("%s:%d:%d", path, e.line, e.col)
		f := fs.Lookup(e.key)
		switch {
		case f == nil || e.key == "f":
			errs = append(errs, fmt.Errorf("%s: unknown key %q (known: %s)", at, e.key, strings.Join(planKeys(fs), ", ")))
		case e.err != nil:
			errs = append(errs, fmt.Errorf("%s: %s: %w", at, e.key, e.err))
		case !onCommandLine[e.key]:
			// fs.Set, not f.Value.Set: the flag then counts as set
			// (fs.Visit), as one given on the command line would.
			if err := fs.Set(e.key, e.value); err != nil {
				errs = append(errs, fmt.Errorf("%s: %s: invalid value %q: %w", at, e.key, e.value, err))
			}
		}
	}
	return errors.Join(errs...)
}

// planLooksLikeOne refuses a plan without keys (an empty file, or one cut
// short to nothing) and one none of whose keys is a flag (another kind of
// file: a results document, say), rather than a list of unknown keys.
func planLooksLikeOne(fs *flag.FlagSet, entries []planEntry) error {
	if len(entries) == 0 {
		return errors.New("the plan file has no keys (empty, or cut short?)")
	}
	var keys []string
	for _, e := range entries {
		if fs.Lookup(e.key) != nil {
			return nil
		}
		keys = append(keys, e.key)
	}
	return fmt.Errorf("not a plan: none of its keys (%s) is a flag of this command", strings.Join(keys, ", "))
}

// planKeys are the keys a plan file may hold: the flags but -f.
func planKeys(fs *flag.FlagSet) []string {
	var keys []string
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name != "f" {
			keys = append(keys, f.Name)
		}
	})
	slices.Sort(keys)
	return keys
}

// planEntry is one key of a plan file, its value as command-line text,
// and where it is.
type planEntry struct {
	key, value string
	line, col  int
	err        error // the value is not a scalar or a list of scalars
}

// Bounds of a plan file, checked before the YAML parser runs: a plan is a
// few lines, a mapping of flags to values or lists of values, and the
// parser (goccy/go-yaml) costs several hundred bytes of memory for a byte
// of YAML (with the flags' own parsing, 1.1 KB for a long list), and
// memory quadratic in how deep flow collections nest (169 MB for the
// 20 KB of 10,000 nested lists) or block sequences nest on one line
// ("- - - a": 107 MB for 16 KB). Bounding the brackets of flow
// collections, wherever they are (comments and quoted text included),
// bounds how deep they nest.
const (
	maxPlanBytes       = 16 << 10
	maxPlanFlows       = 64
	maxPlanLineEntries = 8
)

// planEntries reads the top-level mapping of a YAML document.
func planEntries(src []byte) ([]planEntry, error) {
	if err := planBounds(src); err != nil {
		return nil, err
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, fmt.Errorf("not valid YAML: %w", yamlError{err})
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil, nil
	}
	if len(f.Docs) > 1 {
		return nil, errors.New("one YAML document expected, found several")
	}
	var values []*ast.MappingValueNode
	switch b := f.Docs[0].Body.(type) {
	case *ast.MappingNode:
		values = b.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{b}
	default:
		tk := b.GetToken()
		return nil, fmt.Errorf("%d:%d: a plan is a mapping of flag names to values", tk.Position.Line, tk.Position.Column)
	}
	out := make([]planEntry, 0, len(values))
	for _, mv := range values {
		tk := mv.Key.GetToken()
		e := planEntry{key: tk.Value, line: tk.Position.Line, col: tk.Position.Column}
		e.value, e.err = flagText(mv.Value)
		out = append(out, e)
	}
	return out, nil
}

// planBounds refuses what is not a plan before the YAML parser sees it:
// binary data, and text beyond the bounds of a plan.
func planBounds(src []byte) error {
	if bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src) {
		return errors.New("not a plan: binary data, not YAML text")
	}
	if len(src) > maxPlanBytes {
		return fmt.Errorf("not a plan: %d bytes, more than the %d a plan may have", len(src), maxPlanBytes)
	}
	if n := bytes.Count(src, []byte("[")) + bytes.Count(src, []byte("{")); n > maxPlanFlows {
		return fmt.Errorf("not a plan: %d brackets opening lists or mappings ([ or {), more than the %d a plan may have", n, maxPlanFlows)
	}
	for i, rest := 1, src; len(rest) > 0; i++ {
		line := rest
		if end := bytes.IndexByte(rest, '\n'); end >= 0 {
			line, rest = rest[:end], rest[end+1:]
		} else {
			rest = nil
		}
		if n := lineEntries(line); n > maxPlanLineEntries {
			return fmt.Errorf("not a plan: line %d opens %d lists (\"- - \"), more than the %d a plan may", i, n, maxPlanLineEntries)
		}
	}
	return nil
}

// lineEntries counts the block sequence entries ("- ") that open a line
// one inside the other.
func lineEntries(line []byte) int {
	n := 0
	for {
		line = bytes.TrimLeft(line, " \t")
		if len(line) == 0 || line[0] != '-' || len(line) > 1 && line[1] != ' ' && line[1] != '\t' {
			return n
		}
		n++
		line = line[1:]
	}
}

// yamlError is the parser's error without the excerpt of the source it
// adds (formatting it costs memory quadratic in a line's tokens: 146 MB
// for a line of 16,000 commas): its position and message.
type yamlError struct{ err error }

func (e yamlError) Error() string {
	var ye interface {
		FormatError(colored, inclSource bool) string
	}
	if errors.As(e.err, &ye) {
		return ye.FormatError(false, false)
	}
	return e.err.Error()
}

func (e yamlError) Unwrap() error { return e.err }

// flagText is a YAML value as a flag would read it: a scalar's text, a
// list's items joined with commas.
func flagText(n ast.Node) (string, error) {
	switch v := n.(type) {
	case *ast.SequenceNode:
		parts := make([]string, 0, len(v.Values))
		for _, item := range v.Values {
			s, err := flagText(item)
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ","), nil
	case *ast.StringNode:
		return v.Value, nil
	case *ast.NullNode:
		return "", errors.New("no value")
	case ast.ScalarNode:
		return v.GetToken().Value, nil
	}
	return "", fmt.Errorf("want a value or a list of values, not a %s", n.Type())
}
