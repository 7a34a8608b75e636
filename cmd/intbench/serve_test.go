package main

import (
	"bufio"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestLoopbackOnly(t *testing.T) {
	tests := []struct {
		listen string
		want   bool
	}{
		{"127.0.0.1:0", true},
		{"127.9.9.9:8080", true},
		{"[::1]:8080", true},
		{"localhost:8080", true},
		{":8080", false},
		{"0.0.0.0:8080", false},
		{"[::]:8080", false},
		{"192.0.2.7:8080", false},
		{"no-port", false},
	}
	for _, tt := range tests {
		if got := loopbackOnly(tt.listen); got != tt.want {
			t.Errorf("loopbackOnly(%q) = %v, want %v", tt.listen, got, tt.want)
		}
	}
}

// Serving on every interface prints a warning naming the address, before
// the ready line; serving on loopback prints none.
func TestServeWarnsWhenExposed(t *testing.T) {
	for _, tt := range []struct {
		listen string
		warns  bool
	}{
		{"0.0.0.0:0", true},
		{"127.0.0.1:0", false},
	} {
		t.Run(tt.listen, func(t *testing.T) {
			cmd := exec.Command(binary, "serve", "--transport", "rawtcp", "--listen", tt.listen)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
			errLine := make(chan string, 1)
			go func() {
				l, _ := bufio.NewReader(stderr).ReadString('\n')
				errLine <- l
			}()
			ready := make(chan string, 1)
			go func() {
				l, _ := bufio.NewReader(stdout).ReadString('\n')
				ready <- l
			}()
			select {
			case l := <-ready:
				if !strings.Contains(l, "listening on") {
					t.Fatalf("ready line %q", l)
				}
			case <-time.After(time.Minute):
				t.Fatal("no ready line within a minute")
			}
			var warning string
			select {
			case warning = <-errLine:
			case <-time.After(time.Second):
			}
			if got := strings.Contains(warning, "warning: listening on "+tt.listen); got != tt.warns {
				t.Fatalf("stderr %q: warning %v, want %v", warning, got, tt.warns)
			}
		})
	}
}
