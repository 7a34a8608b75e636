package results

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Renderer writes a document in one format. Most formats are one stream,
// the sink's main part (""); a format that needs several files, such as
// github-action-benchmark's one file per direction of better, names each
// part.
type Renderer interface {
	Render(s Sink, d *Document) error
}

// Sink opens the parts of one rendering: "" is the main output, other
// names are extra files beside it.
type Sink interface {
	Part(name string) (io.Writer, error)
}

// RendererFunc adapts a function to Renderer.
type RendererFunc func(s Sink, d *Document) error

// Render calls f.
func (f RendererFunc) Render(s Sink, d *Document) error { return f(s, d) }

// Format is a registered output format.
type Format struct {
	Name    string
	Summary string
	// Ext is the usual file extension of the main part, with its dot.
	Ext string
	// Parts names the parts beyond the main one the format writes; the
	// main part is unused when Parts is not empty.
	Parts    []string
	Renderer Renderer
}

var formats = map[string]Format{}

// register adds a format; a duplicate name is a programming error.
func register(f Format) {
	if _, dup := formats[f.Name]; dup {
		panic("results: duplicate format " + f.Name)
	}
	formats[f.Name] = f
}

// LookupFormat returns the format called name.
func LookupFormat(name string) (Format, error) {
	f, ok := formats[name]
	if !ok {
		return Format{}, fmt.Errorf("results: unknown format %q (known: %s)", name, strings.Join(FormatNames(), ", "))
	}
	return f, nil
}

// FormatNames lists the registered formats, sorted.
func FormatNames() []string { return slices.Sorted(maps.Keys(formats)) }

// Render writes d in the named format to s.
func Render(s Sink, format string, d *Document) error {
	f, err := LookupFormat(format)
	if err != nil {
		return err
	}
	if err := f.Renderer.Render(s, d); err != nil {
		return fmt.Errorf("results: render %s: %w", format, err)
	}
	return nil
}

// Writer is the Sink of a single stream: its main part is w, and a format
// that needs several parts fails (it needs files: see the CLI's -o).
func Writer(w io.Writer) Sink { return writerSink{w} }

type writerSink struct{ w io.Writer }

func (s writerSink) Part(name string) (io.Writer, error) {
	if name != "" {
		return nil, fmt.Errorf("results: part %q needs a file of its own, not one stream", name)
	}
	return s.w, nil
}

// MemorySink keeps every part in memory, for tests and for callers that
// write the parts themselves.
type MemorySink map[string]*bytes.Buffer

// Part returns the buffer of part name.
func (m MemorySink) Part(name string) (io.Writer, error) {
	if m[name] == nil {
		m[name] = &bytes.Buffer{}
	}
	return m[name], nil
}
