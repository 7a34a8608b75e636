package main

import (
	"context"
	"fmt"
	"io"

	"github.com/intbench/intbench/transports"
)

func runList(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("list", errOut)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	for _, n := range transports.Names() {
		fmt.Fprintln(out, n)
	}
	return nil
}
