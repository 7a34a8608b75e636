package pgserver

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
)

// debianBinGlob is where Debian and Ubuntu install the server binaries.
const debianBinGlob = "/usr/lib/postgresql/*/bin"

// binaries are the paths of the server programs.
type binaries struct {
	initdb   string
	postgres string
}

// findBinaries locates initdb and postgres: only in dir when it is not
// empty, else on PATH, else in the newest Debian-style version directory.
func findBinaries(dir string) (binaries, error) {
	if dir != "" {
		if b, ok := binariesIn(dir); ok {
			return b, nil
		}
		return binaries{}, fmt.Errorf("%w (%s=%s has no initdb and postgres)", ErrUnavailable, EnvBin, dir)
	}
	if b, ok := binariesOnPath(); ok {
		return b, nil
	}
	for _, d := range versionDirs() {
		if b, ok := binariesIn(d); ok {
			return b, nil
		}
	}
	return binaries{}, fmt.Errorf("%w (initdb and postgres are neither on PATH nor in %s)", ErrUnavailable, debianBinGlob)
}

func binariesOnPath() (binaries, bool) {
	initdb, err1 := exec.LookPath("initdb")
	postgres, err2 := exec.LookPath("postgres")
	if err1 != nil || err2 != nil {
		return binaries{}, false
	}
	return binaries{initdb: initdb, postgres: postgres}, true
}

func binariesIn(dir string) (binaries, bool) {
	b := binaries{initdb: filepath.Join(dir, "initdb"), postgres: filepath.Join(dir, "postgres")}
	return b, isExecutable(b.initdb) && isExecutable(b.postgres)
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// versionDirs returns the Debian-style binary directories, newest major
// version first.
func versionDirs() []string {
	dirs, _ := filepath.Glob(debianBinGlob) // the pattern is valid
	version := func(d string) int {
		v, _ := strconv.Atoi(filepath.Base(filepath.Dir(d)))
		return v
	}
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	return dirs
}
