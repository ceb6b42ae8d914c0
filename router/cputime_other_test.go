//go:build !unix

package router_test

import "time"

func processCPU() (time.Duration, bool) { return 0, false }
