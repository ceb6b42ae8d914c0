package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"sync"
	"syscall"
)

// startProfiles starts the profiles the environment asks for, for
// measuring a whole process (issue 19), and returns what writes them:
// DEPLOYBOT_CPUPROFILE, DEPLOYBOT_BLOCKPROFILE, DEPLOYBOT_MUTEXPROFILE and
// DEPLOYBOT_ALLOCSPROFILE name the files of the CPU, blocking, mutex
// contention and allocation profiles, and DEPLOYBOT_HEAPPROFILE that of
// the live heap (after a collection). Not documented as a flag: it is a
// developer's tool. Without DEPLOYBOT_ALLOCSPROFILE or
// DEPLOYBOT_HEAPPROFILE the runtime samples no allocations
// (runtime.MemProfileRate 0): nothing else reads them, and the stack of
// every 512 KB allocated cost 1.6 % of bench's scripted chat's CPU (issue
// 19, its CPU profile: runtime.mProf_Malloc). With
// GODEBUG=memprofilerate=1 they count every allocation.
// SIGUSR1 writes the CPU and heap profiles at once, so that the first
// covers a part of the run only (the bench sends it after the last Slack
// acknowledgement) and the second tells what an idle serve holds (at exit
// its bot is gone); else they are written at exit.
func startProfiles(getenv func(string) string) (stop func() error, err error) {
	cpu, block, mutex := getenv("DEPLOYBOT_CPUPROFILE"), getenv("DEPLOYBOT_BLOCKPROFILE"), getenv("DEPLOYBOT_MUTEXPROFILE")
	allocs, heap := getenv("DEPLOYBOT_ALLOCSPROFILE"), getenv("DEPLOYBOT_HEAPPROFILE")
	if allocs == "" && heap == "" {
		runtime.MemProfileRate = 0
	}
	var cpuFile *os.File
	if cpu != "" {
		if cpuFile, err = os.Create(cpu); err != nil {
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpuFile); err != nil {
			cpuFile.Close()
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
	}
	var stopCPU sync.Once
	var cpuErr error
	writeCPU := func() {
		stopCPU.Do(func() {
			if cpuFile != nil {
				pprof.StopCPUProfile()
				cpuErr = cpuFile.Close()
			}
		})
	}
	var heapOnce sync.Once
	var heapErr error
	writeHeap := func() {
		heapOnce.Do(func() {
			if heap != "" {
				runtime.GC() // the profile tells the heap as of the last collection
				heapErr = writeProfile("heap", heap)
			}
		})
	}
	if cpuFile != nil || heap != "" {
		usr1 := make(chan os.Signal, 1)
		signal.Notify(usr1, syscall.SIGUSR1)
		go func() {
			<-usr1
			writeCPU()
			writeHeap()
		}()
	}
	if block != "" {
		runtime.SetBlockProfileRate(1)
	}
	if mutex != "" {
		runtime.SetMutexProfileFraction(1)
	}
	return func() error {
		var errs []error
		writeCPU()
		writeHeap()
		errs = append(errs, cpuErr, heapErr)
		for _, p := range []struct{ name, file string }{{"block", block}, {"mutex", mutex}, {"allocs", allocs}} {
			if p.file != "" {
				errs = append(errs, writeProfile(p.name, p.file))
			}
		}
		return errors.Join(errs...)
	}, nil
}

func writeProfile(name, file string) error {
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("%s profile: %w", name, err)
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("%s profile: %w", name, err)
	}
	return f.Close()
}
