package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/intbench/intbench/bench"
	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/internal/pgserver"
	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// The defaults of "intbench run", the main job: six repetitions, because
// six is the fewest for which the order-statistics interval of the median
// reaches 95% (and a Mann-Whitney U test between two patterns can reach
// p = 0.002), in short windows so that all patterns on the standard
// scenarios finish in about a minute and a half on two cores.
const (
	DefaultCount    = 6
	DefaultDuration = 300 * time.Millisecond
	DefaultWarmup   = 150 * time.Millisecond
)

type runOptions struct {
	plan       bench.Plan
	transports listFlag
	scenarios  listFlag
	faults     listFlag
	profiles   listFlag
	conc       intsFlag
	out        string
	inProcess  bool
	noProbe    bool
	quiet      bool
	seed       *service.SeedConfig
}

func runFlags(fs *flag.FlagSet) *runOptions {
	o := &runOptions{transports: listFlag(transports.Names()), scenarios: listFlag(scenarios.Standard), conc: intsFlag{16}}
	p := &o.plan
	fs.Var(&o.transports, "transports", "comma-separated patterns to compare")
	fs.Var(&o.scenarios, "scenarios", "comma-separated scenarios or groups (\"payload\" is the note-size sweep)")
	fs.Var(&o.conc, "concurrency", "comma-separated worker counts, or \"sweep\" for 1,4,16,64,256")
	fs.Float64Var(&p.Rate, "rate", 0, "open-loop target calls/s per cell; 0 means closed loop")
	fs.StringVar(&p.Arrival, "arrival", bench.Uniform, "open-loop arrivals: uniform or poisson")
	fs.DurationVar(&p.Duration, "duration", DefaultDuration, "measured time per cell and repetition")
	fs.DurationVar(&p.Warmup, "warmup", DefaultWarmup, "unmeasured warm-up before each window (0s: none)")
	fs.Int64Var(&p.Calls, "calls", 0, "bound each window by this many calls instead of --duration")
	fs.DurationVar(&p.CallTimeout, "timeout", 10*time.Second, "deadline of every call")
	fs.IntVar(&p.Count, "count", DefaultCount, "repetitions of each cell, in interleaved blocks; 6 give a 95% interval of the median")
	fs.StringVar(&p.Backend, "backend", "postgres", "memory (transport cost only) or postgres (end to end)")
	fs.StringVar(&p.Target, "target", "", "address of an already running server of the single --transports pattern")
	fs.StringVar(&o.out, "o", "intbench-results.json", "where to write the results document (\"-\" for stdout)")
	fs.BoolVar(&o.inProcess, "in-process", false, "serve in the driver's process instead of an \"intbench serve\" child")
	fs.BoolVar(&o.noProbe, "no-probe", false, "skip the exact per-call wire-byte probe")
	fs.BoolVar(&o.quiet, "q", false, "no progress lines on stderr")
	fs.Var(&o.faults, "faults", "comma-separated faults, each [app:|db:]spec (see \"intbench list\"), or \"matrix\" for the standard set on both hops; each makes fault cells that run a timeline")
	fs.Var(&o.profiles, "profile", "comma-separated client resilience profiles: default, hardened")
	fs.StringVar(&p.Network, "network", "", "a steady network between caller and service: lan, wan, intercontinental, or rtt=30ms,bw=50mbit[,jitter=2ms]")
	o.seed = seedFlags(fs)
	return o
}

func runRun(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("run", errOut)
	o := runFlags(fs)
	planFile := planFileFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := applyPlanFile(fs, *planFile); err != nil {
		return err
	}
	o.faultDefaults(fs)
	if err := o.build(); err != nil {
		return err
	}
	if o.plan.Backend == backend.Postgres {
		if err := pgserver.Check(); err != nil {
			// The patterns with servers of their own still run, on the
			// memory backend; shareddb is reported as not measured.
			fmt.Fprintf(errOut, "intbench run: %v\nintbench run: using the memory backend; shareddb cannot be measured without PostgreSQL\n", err)
			o.plan.Backend = backend.Memory
		}
	}
	progress, progressDone := newProgress(errOut, o.quiet)
	doc, err := bench.Run(ctx, o.plan, progress)
	progressDone()
	if doc != nil {
		if doc.Env.Commit == "" {
			doc.Env.Commit = gitCommit(ctx)
		}
		if werr := writeDoc(doc, o.out, out); werr != nil {
			return errors.Join(err, werr)
		}
		if terr := results.WriteTable(out, doc); terr != nil {
			return errors.Join(err, terr)
		}
	}
	if err == nil && len(doc.Cells) == 0 {
		return errors.New("no pattern could be measured")
	}
	return err
}

// Defaults of a fault run, where the flags were not given: one
// repetition of a timeline per cell (a fault run's figures are times and
// counts per cell, not a distribution over repetitions), on the mixed
// scenario (reads and writes, so writes are reconciled), and for
// "matrix" both profiles.
var faultRunDefaults = struct {
	count     int
	scenarios []string
}{1, []string{"mixed"}}

// faultDefaults applies faultRunDefaults to the flags a fault run did not
// set.
func (o *runOptions) faultDefaults(fs *flag.FlagSet) {
	if len(o.faults) == 0 {
		return
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["count"] {
		o.plan.Count = faultRunDefaults.count
	}
	if !set["scenarios"] {
		o.scenarios = faultRunDefaults.scenarios
	}
	if !set["profile"] && slices.Contains(o.faults, "matrix") {
		o.profiles = listFlag{transports.ProfileDefault, transports.ProfileHardened}
	}
}

// build turns the flags into the plan.
func (o *runOptions) build() error {
	scs, err := scenarios.Expand(o.scenarios)
	if err != nil {
		return err
	}
	p := &o.plan
	// The plan treats zero as "default"; on the command line it is a mistake.
	switch {
	case p.Count < 1:
		return fmt.Errorf("--count %d: want at least 1", p.Count)
	case p.Duration <= 0 && p.Calls <= 0:
		return fmt.Errorf("--duration %v: want a positive duration (or --calls)", p.Duration)
	case p.CallTimeout <= 0:
		return fmt.Errorf("--timeout %v: want a positive duration", p.CallTimeout)
	}
	p.Seed = *o.seed
	p.Transports, p.Scenarios, p.Concurrency, p.Probe = o.transports, scs, o.conc, !o.noProbe
	p.Faults, p.Profiles = o.faults, o.profiles
	if p.Calls > 0 {
		p.Duration = 0
	}
	if !o.inProcess && p.Target == "" {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("find own binary to serve patterns: %w (use --in-process)", err)
		}
		p.Launcher = bench.Process{Exe: exe}
	}
	p.Defaults()
	return p.Validate()
}

func writeDoc(doc *results.Document, path string, stdout io.Writer) error {
	if path == "-" {
		return doc.Write(stdout)
	}
	if err := doc.WriteFile(path); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "results written to %s\n", path)
	return nil
}

// gitCommit names the checkout's commit when the binary was built without
// VCS stamping (go run, -buildvcs=false), or "" outside a checkout.
func gitCommit(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
