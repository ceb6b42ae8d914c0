package main

import (
	"context"
	"fmt"
	"runtime"

	"deploybot"
)

func runVersion(_ context.Context, m *Main, args []string) error {
	if len(args) > 0 {
		return &usageError{msg: "version takes no arguments"}
	}
	_, err := fmt.Fprintf(m.Stdout, "deploybot %s (%s %s/%s)\n", deploybot.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}
