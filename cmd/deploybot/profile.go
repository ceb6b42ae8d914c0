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
// DEPLOYBOT_CPUPROFILE, DEPLOYBOT_BLOCKPROFILE and DEPLOYBOT_MUTEXPROFILE
// name the files of the CPU, blocking and mutex contention profiles. None
// set, it does nothing. Not documented as a flag: it is a developer's tool.
// SIGUSR1 writes the CPU profile at once, so that it covers a part of the
// run only (the bench sends it after the last Slack acknowledgement).
func startProfiles(getenv func(string) string) (stop func() error, err error) {
	cpu, block, mutex := getenv("DEPLOYBOT_CPUPROFILE"), getenv("DEPLOYBOT_BLOCKPROFILE"), getenv("DEPLOYBOT_MUTEXPROFILE")
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
	if cpuFile != nil {
		usr1 := make(chan os.Signal, 1)
		signal.Notify(usr1, syscall.SIGUSR1)
		go func() {
			<-usr1
			writeCPU()
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
		errs = append(errs, cpuErr)
		for _, p := range []struct{ name, file string }{{"block", block}, {"mutex", mutex}} {
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
