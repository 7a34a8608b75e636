package results

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// LabelOrder is the order of labels in a key.
var LabelOrder = []string{"transport", "scenario", "backend", "load", "network", "fault", "profile"}

// Key joins labels in LabelOrder, then any others sorted.
func Key(labels map[string]string) string {
	var parts []string
	seen := map[string]bool{}
	for _, k := range LabelOrder {
		if v, ok := labels[k]; ok {
			parts = append(parts, k+"="+v)
			seen[k] = true
		}
	}
	var rest []string
	for k := range labels {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		parts = append(parts, k+"="+labels[k])
	}
	return strings.Join(parts, "/")
}

// Write encodes d as indented JSON.
func (d *Document) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("results: encode: %w", err)
	}
	return nil
}

// WriteFile writes d to path.
func (d *Document) WriteFile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if err := d.Write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return nil
}

// Read decodes a document and checks its schema.
func Read(r io.Reader) (*Document, error) {
	var d Document
	dec := json.NewDecoder(r)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("results: decode: %w", err)
	}
	if d.Schema != Schema {
		return nil, fmt.Errorf("results: unsupported schema %q (want %q; documents of an older intbench must be measured again)", d.Schema, Schema)
	}
	return &d, nil
}

// ReadFile reads a document from path.
func ReadFile(path string) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	d, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}
