//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// mapWALIndex maps the first page of the -shm file at path, read-only.
func mapWALIndex(path string) (*walWatch, error) {
	// Never closed, even on failure (see walwatch.go): the mapping needs no open
	// descriptor, but closing it would drop SQLite's locks on the file.
	// A raw descriptor, not an *os.File, whose finalizer would close it.
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, err
	}
	page := os.Getpagesize()
	if st.Size < int64(page) || page < 2*4*walHeaderWords {
		return nil, errors.New("the -shm file is not initialised")
	}
	mem, err := syscall.Mmap(fd, 0, page, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, err
	}
	return &walWatch{mem: mem}, nil
}
