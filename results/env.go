package results

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// Environment describes where a document was measured.
type Environment struct {
	GoVersion  string            `json:"go_version"`
	GOOS       string            `json:"goos"`
	GOARCH     string            `json:"goarch"`
	CPU        string            `json:"cpu"`
	NumCPU     int               `json:"num_cpu"`
	GOMAXPROCS int               `json:"gomaxprocs"`
	Kernel     string            `json:"kernel"`
	Commit     string            `json:"commit,omitempty"`
	Modified   bool              `json:"modified,omitempty"`
	Modules    map[string]string `json:"modules,omitempty"`
}

// CurrentEnvironment describes this process and machine.
func CurrentEnvironment() Environment {
	e := Environment{
		GoVersion:  runtime.Version(),
		GOOS:       runtime.GOOS,
		GOARCH:     runtime.GOARCH,
		CPU:        cpuModel(),
		NumCPU:     runtime.NumCPU(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		Kernel:     kernel(),
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		e.Modules = map[string]string{}
		for _, m := range bi.Deps {
			e.Modules[m.Path] = m.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				e.Commit = s.Value
			case "vcs.modified":
				e.Modified = s.Value == "true"
			}
		}
	}
	return e
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// kernel names the running kernel from /proc (Linux), without the
// architecture-dependent Utsname layout of package syscall; "" elsewhere.
func kernel() string {
	var parts []string
	for _, f := range []string{"/proc/sys/kernel/ostype", "/proc/sys/kernel/osrelease"} {
		b, err := os.ReadFile(f)
		if err != nil {
			return ""
		}
		parts = append(parts, strings.TrimSpace(string(b)))
	}
	return strings.Join(parts, " ")
}
