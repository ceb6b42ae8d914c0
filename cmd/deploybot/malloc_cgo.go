//go:build linux && cgo

package main

/*
#include <malloc.h>

// keepFreedMemory lets the C heap (SQLite's page caches and statements)
// keep up to n bytes of freed memory rather than hand it back to the
// kernel; it returns 0 where the C library has no such setting.
static int keepFreedMemory(int n) {
#ifdef M_TRIM_THRESHOLD
	return mallopt(M_TRIM_THRESHOLD, n);
#else
	return 0;
#endif
}
*/
import "C"

// keepCHeap sets glibc's trim threshold to n bytes (see scriptCHeapKeep).
func keepCHeap(n int) { C.keepFreedMemory(C.int(n)) }
