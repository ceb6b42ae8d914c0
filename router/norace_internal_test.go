//go:build !race

package router

// raceEnabled is whether the tests run under the race detector.
const raceEnabled = false
