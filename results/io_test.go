package results

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file that is not a whole results document is refused with an error
// that names the file and says what is wrong with it.
func TestReadFileRefusesDamagedAndForeignFiles(t *testing.T) {
	var whole bytes.Buffer
	if err := (&Document{Schema: Schema}).Write(&whole); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		content  []byte
		want     error
		contains string
	}{
		{"empty", nil, ErrDamaged, "the file is empty"},
		{"truncated", whole.Bytes()[:whole.Len()/2], ErrDamaged, "truncated"},
		{"corrupt bytes", append([]byte("{\"schema\": \"intbench.results/v2\", \x00\x01"), whole.Bytes()...), ErrDamaged, "not JSON at byte"},
		{"binary", []byte{0x1f, 0x8b, 0x08, 0x00}, ErrDamaged, "not JSON at byte 1"},
		{"a field of the wrong type", []byte(`{"schema": "` + Schema + `", "cells": "many"}`), ErrDamaged, "field cells"},
		{"foreign JSON object", []byte(`{"name": "left-pad", "version": "1.3.0"}`), ErrSchema, `without a "schema" field`},
		{"foreign JSON array", []byte(`[1, 2, 3]`), ErrSchema, "not a results document (a JSON array, not an object)"},
		{"a schema that is not a string", []byte(`{"schema": 2}`), ErrSchema, `its "schema" is a JSON number`},
		{"another schema", []byte(`{"schema": "intbench.results/v1"}`), ErrSchema, `"intbench.results/v1"`},
		{"a plan nested too deep", []byte(`{"schema": "` + Schema + `", "plan": ` + strings.Repeat("[", maxPlanDepth+1) + strings.Repeat("]", maxPlanDepth+1) + `}`),
			ErrDamaged, "the plan nests 33 levels deep"},
		{"a source's plan nested too deep", []byte(`{"schema": "` + Schema + `", "sources": [{"plan": {"a": "[[", "b": ` + strings.Repeat("[", maxPlanDepth+1) + strings.Repeat("]", maxPlanDepth+1) + `}}]}`),
			ErrDamaged, "the plan nests 34 levels deep"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".json")
			if err := os.WriteFile(path, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadFile(path)
			t.Log(err)
			if !errors.Is(err, tt.want) || !strings.HasPrefix(err.Error(), path+": ") || !strings.Contains(err.Error(), tt.contains) {
				t.Fatalf("ReadFile: %v; want %v naming %s and saying %q", err, tt.want, path, tt.contains)
			}
		})
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.json")); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "missing.json") {
		t.Fatalf("ReadFile of a missing file: %v", err)
	}
}

// A write that fails half way leaves the old file as it was and no
// temporary file beside it.
func TestWriteFileAtomicKeepsTheOldFileOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		_, _ = w.Write([]byte("half a new fi"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("WriteFileAtomic: %v, want the writer's error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("the file holds %q, want the old content", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the directory holds %d files, want only the old one", len(entries))
	}
}

// A plan nests up to maxPlanDepth levels; one more is refused (the table
// above), since every write indents it again.
func TestReadTakesPlansUpToTheDepthLimit(t *testing.T) {
	plan := strings.Repeat("[", maxPlanDepth) + strings.Repeat("]", maxPlanDepth)
	d, err := Read(strings.NewReader(`{"schema": "` + Schema + `", "plan": ` + plan + `}`))
	if err != nil || string(d.Plan) != plan {
		t.Fatalf("Read: %v, plan %s", err, d.Plan)
	}
}
