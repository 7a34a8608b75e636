package results

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium finds a headless browser: $INTBENCH_CHROMIUM, else Debian's
// chromium. Without one the browser tests skip, unless
// INTBENCH_REQUIRE_BROWSER=1 (make test sets it), when they fail.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("INTBENCH_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("INTBENCH_REQUIRE_BROWSER") == "1" {
		t.Fatal("INTBENCH_REQUIRE_BROWSER=1 but no chromium on PATH: scripts/deps.sh test installs it")
	}
	t.Skip("no chromium on PATH (scripts/deps.sh test installs it; INTBENCH_REQUIRE_BROWSER=1 makes this a failure)")
	return ""
}

// chartReport is what the page says of one chart after rendering.
type chartReport struct {
	Title    string  `json:"title"`
	Width    float64 `json:"width"`
	Height   float64 `json:"height"`
	Coloured int     `json:"coloured"` // drawn elements in a colour (data, not axes or grid)
}

// pageReport is what a page showed in the browser.
type pageReport struct {
	Charts      []chartReport
	ScrollWidth float64
	Text        string
	Problems    []string // console errors, exceptions, failed loads, requests elsewhere
}

// chartProbe measures every chart: its rendered size and how many of its
// shapes are drawn in a colour that is not grey (axes, ticks and grid are
// black or grey; data is coloured) with a box of their own.
const chartProbe = `(() => {
  const grey = c => { const m = c.match(/\d+(\.\d+)?/g); return !m || (m[0] === m[1] && m[1] === m[2]); };
  return [...document.querySelectorAll("svg.chart")].map(svg => {
    const fig = svg.closest("figure");
    const r = svg.getBoundingClientRect();
    let coloured = 0;
    for (const el of svg.querySelectorAll("path, rect, polygon, polyline, line")) {
      const st = getComputedStyle(el);
      const paint = [st.stroke, st.fill].filter(c => c && c !== "none" && !grey(c));
      const b = el.getBBox();
      if (paint.length && (b.width > 0 || b.height > 0)) coloured++;
    }
    const h = fig && (fig.querySelector("h3") || fig.querySelector("figcaption"));
    return {title: h ? h.textContent : "", width: r.width, height: r.height, coloured};
  });
})()`

// openInBrowser loads page from a file in headless Chromium, the way CI
// runs it (as root: no sandbox), at the given viewport width.
func openInBrowser(t *testing.T, page []byte, width int) pageReport {
	t.Helper()
	exe := chromium(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")), chromedp.WindowSize(width, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	var mu sync.Mutex
	var rep pageReport
	problem := func(s string) { mu.Lock(); rep.Problems = append(rep.Problems, s); mu.Unlock() }
	listen := func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
				problem("console " + string(e.Type) + ": " + argsText(e.Args))
			}
		case *runtime.EventExceptionThrown:
			problem("exception: " + e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
				problem("log " + string(e.Entry.Level) + ": " + e.Entry.Text + " " + e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
				problem("request to another host: " + u)
			}
		}
	}
	if err := chromedp.Listen(bctx, listen); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	for _, enable := range []func() error{
		func() error { _, err := chromedp.Call(bctx, log.Enable, cdp.Empty{}); return err },
		func() error { _, err := chromedp.Call(bctx, runtime.Enable, cdp.Empty{}); return err },
		func() error { _, err := chromedp.Call(bctx, network.Enable, network.EnableParams{}); return err },
	} {
		if err := enable(); err != nil {
			t.Fatalf("chromium: %v", err)
		}
	}
	// A headless window is at least 500px wide: a phone's viewport is
	// emulated, as a phone has it (device scale 2, mobile layout).
	view := chromedp.EmulateViewport(int64(width), 900)
	if width < 600 {
		view = chromedp.EmulateViewport(int64(width), 900, chromedp.EmulateScale(2), chromedp.EmulateMobile)
	}
	err := chromedp.Do(bctx, view, chromedp.Navigate("file://"+path), chromedp.WaitReady("body"))
	if err == nil {
		rep.Charts, err = chromedp.Run(bctx, chromedp.Evaluate[[]chartReport](chartProbe))
	}
	if err == nil {
		rep.ScrollWidth, err = chromedp.Run(bctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
	}
	if err == nil {
		rep.Text, err = chromedp.Run(bctx, chromedp.Evaluate[string](`document.body.innerText`))
	}
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	time.Sleep(200 * time.Millisecond) // let late console events arrive
	mu.Lock()
	defer mu.Unlock()
	return rep
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
	}
	return strings.Join(parts, " ")
}

// checkCharts fails for every chart that did not draw or does not fit.
func checkCharts(t *testing.T, rep pageReport, width int, want int) {
	t.Helper()
	for _, p := range rep.Problems {
		t.Errorf("in the browser: %s", p)
	}
	if len(rep.Charts) < want {
		t.Errorf("%d charts rendered, want at least %d", len(rep.Charts), want)
	}
	for _, c := range rep.Charts {
		if c.Width <= 0 || c.Height <= 0 || c.Coloured == 0 {
			t.Errorf("chart %q at %dpx: %.0f×%.0f with %d coloured shapes: nothing drawn", c.Title, width, c.Width, c.Height, c.Coloured)
		}
		if c.Width > float64(width) {
			t.Errorf("chart %q is %.0fpx wide in a %dpx window: it does not scale", c.Title, c.Width, width)
		}
	}
	if rep.ScrollWidth > float64(width)+1 {
		t.Errorf("the page is %.0fpx wide in a %dpx window: something does not wrap or scroll in its box", rep.ScrollWidth, width)
	}
}

// The HTML report renders in a real browser with no console error, no
// request anywhere, every chart drawn, on a desktop and a phone.
func TestHTMLInBrowser(t *testing.T) {
	d := renderDoc(t)
	d.Incomplete = true
	sink := MemorySink{}
	if err := Render(sink, "html", d); err != nil {
		t.Fatal(err)
	}
	page := sink[""].Bytes()
	want := strings.Count(string(page), `<svg class="chart"`)
	if want < 10 {
		t.Fatalf("only %d charts in the page", want)
	}
	for _, width := range []int{1280, 375} {
		rep := openInBrowser(t, page, width)
		checkCharts(t, rep, width, want)
		if !strings.Contains(rep.Text, "INCOMPLETE") {
			t.Errorf("at %dpx the page does not say the run was interrupted", width)
		}
	}
}

// The browser check itself sees what it must refuse: a request to another
// host (a loopback one: this machine sends nothing elsewhere), a script
// error, and a chart with nothing drawn.
func TestBrowserCheckCatchesProblems(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>
<figure><h3>empty</h3><svg class="chart" viewBox="0 0 100 50"><path d="M0 0 L100 0" stroke="#000"/></svg></figure>
<img src="http://127.0.0.2:9/x.png" alt="">
<script>null.boom</script></body></html>`
	rep := openInBrowser(t, []byte(page), 1280)
	joined := strings.Join(rep.Problems, "\n")
	for _, want := range []string{"request to another host: http://127.0.0.2:9/x.png", "exception"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems %q lack %q", rep.Problems, want)
		}
	}
	if len(rep.Charts) != 1 || rep.Charts[0].Coloured != 0 {
		t.Errorf("charts %+v: want one chart with nothing coloured drawn", rep.Charts)
	}
}
