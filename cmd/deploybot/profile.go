package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles starts the profiles the environment asks for, for
// measuring a whole process (issue 19), and returns what writes them:
// DEPLOYBOT_CPUPROFILE, DEPLOYBOT_BLOCKPROFILE and DEPLOYBOT_MUTEXPROFILE
// name the files of the CPU, blocking and mutex contention profiles. None
// set, it does nothing. Not documented as a flag: it is a developer's tool.
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
	if block != "" {
		runtime.SetBlockProfileRate(1)
	}
	if mutex != "" {
		runtime.SetMutexProfileFraction(1)
	}
	return func() error {
		var errs []error
		if cpuFile != nil {
			pprof.StopCPUProfile()
			errs = append(errs, cpuFile.Close())
		}
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
