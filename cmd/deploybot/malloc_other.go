//go:build !(linux && cgo)

package main

// keepCHeap does nothing here: the C library's trim threshold is glibc's.
func keepCHeap(int) {}
