package results

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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

// WriteFile writes d to path atomically: a reader sees the old file or
// the whole new one, never a part, even when the writer is interrupted.
func (d *Document) WriteFile(path string) error { return WriteFileAtomic(path, d.Write) }

// WriteFileAtomic writes path through write into a temporary file in the
// same directory, then renames it into place; on error nothing changes.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	f, err := createTemp(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	return commitTemp(f, path)
}

func createTemp(path string) (*os.File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	return f, nil
}

// commitTemp closes f and renames it to path, readable as a file
// os.Create would have made. The data reaches the disk before the rename,
// and the rename before commitTemp returns, so that a machine that
// crashes then shows the old file or the whole new one, not an empty one
// (a rename may be written before the data it names).
func commitTemp(f *os.File, path string) error {
	err := errors.Join(f.Chmod(0o644), f.Sync())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("results: write %s: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// syncDir flushes a directory's entries (a rename) to disk, where the
// file system allows; a failure only weakens the crash guarantee.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// FileSink writes a rendering's parts to files: the main part to Path,
// part p to PartPath(Path, p, Ext). Each goes to a temporary file first;
// Commit renames them all into place, Abort removes them.
type FileSink struct {
	Path, Ext string
	files     map[string]*os.File
	order     []string
}

// Part opens the temporary file of part name.
func (s *FileSink) Part(name string) (io.Writer, error) {
	if f, ok := s.files[name]; ok {
		return f, nil
	}
	path := PartPath(s.Path, name, s.Ext)
	f, err := createTemp(path)
	if err != nil {
		return nil, err
	}
	if s.files == nil {
		s.files = map[string]*os.File{}
	}
	s.files[name] = f
	s.order = append(s.order, name)
	return f, nil
}

// Commit renames every part into place and returns their paths.
func (s *FileSink) Commit() ([]string, error) {
	var paths []string
	var errs []error
	for _, name := range s.order {
		path := PartPath(s.Path, name, s.Ext)
		if err := commitTemp(s.files[name], path); err != nil {
			errs = append(errs, err)
			continue
		}
		paths = append(paths, path)
	}
	s.files, s.order = nil, nil
	return paths, errors.Join(errs...)
}

// Abort removes the parts written so far.
func (s *FileSink) Abort() {
	for _, f := range s.files {
		f.Close()
		os.Remove(f.Name())
	}
	s.files, s.order = nil, nil
}

// PartPath is where part of a rendering to path goes: path itself for
// the main part, else the part's name before the extension ext (out.json
// or out with part "bigger" and ext ".json": out-bigger.json).
func PartPath(path, part, ext string) string {
	if part == "" {
		return path
	}
	return strings.TrimSuffix(path, ext) + "-" + part + ext
}

// Errors of reading a document, wrapped so callers can tell them apart:
// ErrSchema is JSON that is not a results document of this version (a
// foreign file, or an older intbench's); ErrDamaged is a file that is not
// whole JSON, or whose fields do not decode (truncated by a crash, or
// corrupted).
var (
	ErrSchema  = errors.New("results: unsupported schema")
	ErrDamaged = errors.New("results: damaged document")
)

// Read decodes a document and checks its schema first: JSON of another
// shape or version is ErrSchema, anything else that does not decode is
// ErrDamaged; both say what is wrong and where.
func Read(r io.Reader) (*Document, error) {
	var raw json.RawMessage
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, damaged(err)
	}
	var head struct {
		Schema *string `json:"schema"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, foreign(err)
	}
	switch {
	case head.Schema == nil:
		return nil, fmt.Errorf("%w: not a results document (JSON without a \"schema\" field)", ErrSchema)
	case *head.Schema != Schema:
		return nil, fmt.Errorf("%w %q (want %q; documents of an older intbench must be measured again)", ErrSchema, *head.Schema, Schema)
	}
	var d Document
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, damaged(err)
	}
	if err := checkPlans(&d); err != nil {
		return nil, err
	}
	return &d, nil
}

// maxPlanDepth is how deep a plan's JSON may nest: a bench.Plan nests 5
// levels. The plans are kept as they were read (json.RawMessage) and
// indented again on every write, which costs each line two spaces a
// level: a plan nested 10,000 levels deep (encoding/json's limit, 20 KB)
// would write as 100 MB.
const maxPlanDepth = 32

// checkPlans refuses a document whose plan, or a source's, nests deeper
// than maxPlanDepth.
func checkPlans(d *Document) error {
	plans := []json.RawMessage{d.Plan}
	for _, s := range d.Sources {
		plans = append(plans, s.Plan)
	}
	for _, p := range plans {
		if n := jsonDepth(p); n > maxPlanDepth {
			return fmt.Errorf("%w: the plan nests %d levels deep, more than the %d a plan may", ErrDamaged, n, maxPlanDepth)
		}
	}
	return nil
}

// jsonDepth returns how deep arrays and objects nest in b, valid JSON.
func jsonDepth(b []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range b {
		switch {
		case escaped:
			escaped = false
		case inString:
			escaped = c == '\\'
			inString = c != '"'
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

// foreign describes JSON whose schema field cannot be read.
func foreign(err error) error {
	var field *json.UnmarshalTypeError
	switch {
	case errors.As(err, &field) && field.Field == "":
		return fmt.Errorf("%w: not a results document (a JSON %s, not an object)", ErrSchema, field.Value)
	case errors.As(err, &field):
		return fmt.Errorf("%w: not a results document (its \"schema\" is a JSON %s)", ErrSchema, field.Value)
	}
	return fmt.Errorf("%w: not a results document: %v", ErrSchema, err)
}

// damaged describes a decoding error: an empty or truncated file, bytes
// that are not JSON (with their offset), or a field of the wrong type.
func damaged(err error) error {
	var syntax *json.SyntaxError
	var field *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return fmt.Errorf("%w: the file is empty", ErrDamaged)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: truncated: the JSON stops before the document ends (a write cut short?)", ErrDamaged)
	case errors.As(err, &syntax):
		return fmt.Errorf("%w: not JSON at byte %d: %v", ErrDamaged, syntax.Offset, err)
	case errors.As(err, &field):
		return fmt.Errorf("%w: field %s holds a JSON %s, not a %s", ErrDamaged, field.Field, field.Value, field.Type)
	}
	return fmt.Errorf("%w: %v", ErrDamaged, err)
}

// ReadFile reads a document from path. Its errors name the file.
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
