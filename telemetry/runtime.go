package telemetry

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"time"
)

// goCollector writes the Go runtime's series that client_golang's default
// Go collector wrote: goroutines, threads, GC pauses, the memstats-like
// gauges (from runtime/metrics, without stopping the world), GOGC,
// GOMEMLIMIT and GOMAXPROCS.
func goCollector(_ context.Context, s *Scrape) error {
	s.Gauge("go_goroutines", "Number of goroutines that currently exist.", float64(runtime.NumGoroutine()))
	threads, _ := runtime.ThreadCreateProfile(nil)
	s.Gauge("go_threads", "Number of OS threads created.", float64(threads))
	s.Gauge("go_info", "Information about the Go environment.", 1, "version", runtime.Version())

	var gc debug.GCStats
	gc.PauseQuantiles = make([]time.Duration, 5)
	debug.ReadGCStats(&gc)
	q := map[float64]float64{}
	for i, p := range gc.PauseQuantiles {
		q[float64(i)/4] = p.Seconds()
	}
	s.summary("go_gc_duration_seconds", "A summary of the wall-time pause (stop-the-world) duration in garbage collection cycles.",
		q, gc.PauseTotal.Seconds(), uint64(gc.NumGC))
	s.Gauge("go_memstats_last_gc_time_seconds", "Number of seconds since 1970 of last garbage collection.", float64(gc.LastGC.UnixNano())/1e9)

	samples := make([]metrics.Sample, len(runtimeNames))
	for i, n := range runtimeNames {
		samples[i].Name = n
	}
	metrics.Read(samples)
	v := make(map[string]float64, len(samples))
	for _, x := range samples {
		switch x.Value.Kind() {
		case metrics.KindUint64:
			v[x.Name] = float64(x.Value.Uint64())
		case metrics.KindFloat64:
			v[x.Name] = x.Value.Float64()
		}
	}
	const m = "go_memstats_"
	tiny := v["/gc/heap/tiny/allocs:objects"]
	heapAlloc := v["/memory/classes/heap/objects:bytes"]
	heapInuse := heapAlloc + v["/memory/classes/heap/unused:bytes"]
	heapIdle := v["/memory/classes/heap/released:bytes"] + v["/memory/classes/heap/free:bytes"]
	stackInuse := v["/memory/classes/heap/stacks:bytes"]
	s.Gauge(m+"alloc_bytes", "Number of bytes allocated in heap and currently in use. Equals to /memory/classes/heap/objects:bytes.", heapAlloc)
	s.Counter(m+"alloc_bytes_total", "Total number of bytes allocated in heap until now, even if released already. Equals to /gc/heap/allocs:bytes.", v["/gc/heap/allocs:bytes"])
	s.Gauge(m+"sys_bytes", "Number of bytes obtained from system. Equals to /memory/classes/total:byte.", v["/memory/classes/total:bytes"])
	s.Counter(m+"mallocs_total", "Total number of heap objects allocated, both live and gc-ed. Semantically a counter version for go_memstats_heap_objects gauge. Equals to /gc/heap/allocs:objects + /gc/heap/tiny/allocs:objects.", v["/gc/heap/allocs:objects"]+tiny)
	s.Counter(m+"frees_total", "Total number of heap objects frees. Equals to /gc/heap/frees:objects + /gc/heap/tiny/allocs:objects.", v["/gc/heap/frees:objects"]+tiny)
	s.Gauge(m+"heap_alloc_bytes", "Number of heap bytes allocated and currently in use, same as go_memstats_alloc_bytes. Equals to /memory/classes/heap/objects:bytes.", heapAlloc)
	s.Gauge(m+"heap_sys_bytes", "Number of heap bytes obtained from system. Equals to /memory/classes/heap/objects:bytes + /memory/classes/heap/unused:bytes + /memory/classes/heap/released:bytes + /memory/classes/heap/free:bytes.", heapInuse+heapIdle)
	s.Gauge(m+"heap_idle_bytes", "Number of heap bytes waiting to be used. Equals to /memory/classes/heap/released:bytes + /memory/classes/heap/free:bytes.", heapIdle)
	s.Gauge(m+"heap_inuse_bytes", "Number of heap bytes that are in use. Equals to /memory/classes/heap/objects:bytes + /memory/classes/heap/unused:bytes", heapInuse)
	s.Gauge(m+"heap_released_bytes", "Number of heap bytes released to OS. Equals to /memory/classes/heap/released:bytes.", v["/memory/classes/heap/released:bytes"])
	s.Gauge(m+"heap_objects", "Number of currently allocated objects. Equals to /gc/heap/objects:objects.", v["/gc/heap/objects:objects"])
	s.Gauge(m+"stack_inuse_bytes", "Number of bytes obtained from system for stack allocator in non-CGO environments. Equals to /memory/classes/heap/stacks:bytes.", stackInuse)
	s.Gauge(m+"stack_sys_bytes", "Number of bytes obtained from system for stack allocator. Equals to /memory/classes/heap/stacks:bytes + /memory/classes/os-stacks:bytes.", stackInuse+v["/memory/classes/os-stacks:bytes"])
	s.Gauge(m+"mspan_inuse_bytes", "Number of bytes in use by mspan structures. Equals to /memory/classes/metadata/mspan/inuse:bytes.", v["/memory/classes/metadata/mspan/inuse:bytes"])
	s.Gauge(m+"mspan_sys_bytes", "Number of bytes used for mspan structures obtained from system. Equals to /memory/classes/metadata/mspan/inuse:bytes + /memory/classes/metadata/mspan/free:bytes.", v["/memory/classes/metadata/mspan/inuse:bytes"]+v["/memory/classes/metadata/mspan/free:bytes"])
	s.Gauge(m+"mcache_inuse_bytes", "Number of bytes in use by mcache structures. Equals to /memory/classes/metadata/mcache/inuse:bytes.", v["/memory/classes/metadata/mcache/inuse:bytes"])
	s.Gauge(m+"mcache_sys_bytes", "Number of bytes used for mcache structures obtained from system. Equals to /memory/classes/metadata/mcache/inuse:bytes + /memory/classes/metadata/mcache/free:bytes.", v["/memory/classes/metadata/mcache/inuse:bytes"]+v["/memory/classes/metadata/mcache/free:bytes"])
	s.Gauge(m+"buck_hash_sys_bytes", "Number of bytes used by the profiling bucket hash table. Equals to /memory/classes/profiling/buckets:bytes.", v["/memory/classes/profiling/buckets:bytes"])
	s.Gauge(m+"gc_sys_bytes", "Number of bytes used for garbage collection system metadata. Equals to /memory/classes/metadata/other:bytes.", v["/memory/classes/metadata/other:bytes"])
	s.Gauge(m+"other_sys_bytes", "Number of bytes used for other system allocations. Equals to /memory/classes/other:bytes.", v["/memory/classes/other:bytes"])
	s.Gauge(m+"next_gc_bytes", "Number of heap bytes when next garbage collection will take place. Equals to /gc/heap/goal:bytes.", v["/gc/heap/goal:bytes"])
	s.Gauge("go_gc_gogc_percent", "Heap size target percentage configured by the user, otherwise 100. This value is set by the GOGC environment variable, and the runtime/debug.SetGCPercent function. Sourced from /gc/gogc:percent.", v["/gc/gogc:percent"])
	s.Gauge("go_gc_gomemlimit_bytes", "Go runtime memory limit configured by the user, otherwise math.MaxInt64. This value is set by the GOMEMLIMIT environment variable, and the runtime/debug.SetMemoryLimit function. Sourced from /gc/gomemlimit:bytes.", v["/gc/gomemlimit:bytes"])
	s.Gauge("go_sched_gomaxprocs_threads", "The current runtime.GOMAXPROCS setting, or the number of operating system threads that can execute user-level Go code simultaneously. Sourced from /sched/gomaxprocs:threads.", v["/sched/gomaxprocs:threads"])
	return nil
}

// runtimeNames are the runtime/metrics read by goCollector.
var runtimeNames = []string{
	"/gc/heap/tiny/allocs:objects", "/gc/heap/allocs:objects", "/gc/heap/frees:objects", "/gc/heap/allocs:bytes",
	"/gc/heap/objects:objects", "/gc/heap/goal:bytes", "/gc/gogc:percent", "/gc/gomemlimit:bytes", "/sched/gomaxprocs:threads",
	"/memory/classes/total:bytes", "/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes",
	"/memory/classes/heap/released:bytes", "/memory/classes/heap/free:bytes", "/memory/classes/heap/stacks:bytes",
	"/memory/classes/os-stacks:bytes", "/memory/classes/metadata/mspan/inuse:bytes", "/memory/classes/metadata/mspan/free:bytes",
	"/memory/classes/metadata/mcache/inuse:bytes", "/memory/classes/metadata/mcache/free:bytes",
	"/memory/classes/profiling/buckets:bytes", "/memory/classes/metadata/other:bytes", "/memory/classes/other:bytes",
}

// processCollector writes the process' series that client_golang's
// process collector wrote on Linux, from /proc/self: CPU time, memory,
// file descriptors and start time. Elsewhere (no /proc) it writes none.
func processCollector(_ context.Context, s *Scrape) error {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return nil
	}
	// The fields after the command's closing parenthesis (the command
	// may hold spaces and parentheses): state is field 3 of proc(5).
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return nil
	}
	f := bytes.Fields(stat[i+1:])
	field := func(n int) float64 { // n as numbered in proc(5)
		if n-3 >= len(f) {
			return 0
		}
		x, _ := strconv.ParseFloat(string(f[n-3]), 64)
		return x
	}
	const userHZ = 100 // the kernel's USER_HZ, as procfs assumes
	s.Counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", (field(14)+field(15))/userHZ)
	s.Gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", field(23))
	s.Gauge("process_resident_memory_bytes", "Resident memory size in bytes.", field(24)*float64(os.Getpagesize()))
	if boot := bootTime(); boot > 0 {
		s.Gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", boot+field(22)/userHZ)
	}
	if fds, err := os.ReadDir("/proc/self/fd"); err == nil {
		s.Gauge("process_open_fds", "Number of open file descriptors.", float64(len(fds)))
	}
	limits(s)
	if in, out, ok := netOctets(); ok {
		s.Counter("process_network_receive_bytes_total", "Number of bytes received by the process over the network.", in)
		s.Counter("process_network_transmit_bytes_total", "Number of bytes sent by the process over the network.", out)
	}
	return nil
}

// netOctets reads InOctets and OutOctets of the IpExt lines of
// /proc/self/net/netstat (a header line of names, then one of values):
// the bytes of the process' network namespace, as procfs read them.
func netOctets() (in, out float64, ok bool) {
	data, err := os.ReadFile("/proc/self/net/netstat")
	if err != nil {
		return 0, 0, false
	}
	var names [][]byte
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		rest, isIP := bytes.CutPrefix(line, []byte("IpExt:"))
		if !isIP {
			continue
		}
		if names == nil {
			names = bytes.Fields(rest)
			continue
		}
		var found int
		for i, v := range bytes.Fields(rest) {
			if i >= len(names) {
				break
			}
			x, err := strconv.ParseFloat(string(v), 64)
			switch string(names[i]) {
			case "InOctets":
				in, found = x, found+1
			case "OutOctets":
				out, found = x, found+1
			}
			if err != nil {
				return 0, 0, false
			}
		}
		return in, out, found == 2
	}
	return 0, 0, false
}

// bootTime reads the system's boot time (btime of /proc/stat), in
// seconds since the epoch; 0 when unknown.
func bootTime() float64 {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("btime ")); ok {
			x, _ := strconv.ParseFloat(string(bytes.TrimSpace(v)), 64)
			return x
		}
	}
	return 0
}
