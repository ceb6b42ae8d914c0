//go:build !unix

package telemetry

// limits writes nothing where there are no rlimits (the process series
// come from /proc, Linux's).
func limits(*Scrape) {}
